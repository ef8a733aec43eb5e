"""Check a template before anyone builds on it: what each role maps to, what falls back and why,
and what may surprise (no title placeholder, an unusual size, missing fonts, macros)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.deck import textfit
from briefing.deck.layouts import ROLES, TemplateMap, map_roles
from briefing.deck.opening import open_template
from briefing.deck.registry import TemplateEntry, resolve_template

KNOWN_RATIOS = {(16, 9): "16:9", (4, 3): "4:3", (16, 10): "16:10"}


@dataclass
class RoleReport:
    role: str
    layout: str
    fallback: str
    from_manifest: bool


@dataclass
class TemplateReport:
    path: Path
    size: str
    roles: list[RoleReport]
    warnings: list[str] = field(default_factory=list)
    layouts: int = 0

    @property
    def fallbacks(self) -> list[RoleReport]:
        return [r for r in self.roles if r.fallback]

    def lines(self) -> list[str]:
        out = [f"{self.path.name}: {self.size}, {self.layouts} layouts"]
        for r in self.roles:
            how = " (manifest)" if r.from_manifest else ""
            out.append(f"  {r.role:<14} -> {r.layout}{how}")
            if r.fallback:
                out.append(f"  {'':<14}    fallback: {r.fallback}")
        out += [f"  warning: {w}" for w in self.warnings]
        if not self.warnings and not self.fallbacks:
            out.append("  ok: every role has a fitting layout")
        return out


def _size_label(width: int, height: int) -> tuple[str, bool]:
    inches = f"{width / 914400:.2f} x {height / 914400:.2f} in"
    for (w, h), label in KNOWN_RATIOS.items():
        if height and abs(width / height - w / h) < 0.01:
            return f"{label} ({inches})", True
    return inches, False


def _fonts(prs: object) -> set[str]:
    from lxml import etree

    found: set[str] = set()
    for master in prs.slide_masters:  # type: ignore[attr-defined]
        for rel in master.part.rels.values():
            if rel.reltype.endswith("/theme"):
                root = etree.fromstring(rel.target_part.blob)
                ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
                for node in root.findall(".//a:majorFont/a:latin", ns) + root.findall(
                    ".//a:minorFont/a:latin", ns
                ):
                    face = node.get("typeface")
                    if face:
                        found.add(str(face))
    return found


def check_template(ref: str | Path | TemplateEntry) -> TemplateReport:
    """Open and map a template; raises TemplateError when it cannot be read at all."""
    entry = ref if isinstance(ref, TemplateEntry) else resolve_template(ref)
    opened = open_template(entry.path)
    prs = opened.presentation
    manifest = entry.manifest
    tmap: TemplateMap = map_roles(prs, dict(manifest.roles) if manifest else None)
    size, usual = _size_label(tmap.width, tmap.height)
    report = TemplateReport(
        entry.path,
        size,
        [
            RoleReport(
                role,
                tmap.roles[role].layout.name.replace("\n", " "),
                tmap.roles[role].fallback,
                tmap.roles[role].from_manifest,
            )
            for role in ROLES
        ],
        list(tmap.warnings),
        len(tmap.layouts),
    )
    if not any(lay.title() for lay in tmap.layouts):
        report.warnings.append(
            "no layout has a title placeholder; titles are placed as text boxes in the "
            "master's title area"
        )
    if not usual:
        report.warnings.append(f"unusual slide size {size}; slides are laid out relative to it")
    if tmap.masters > 1:
        report.warnings.append(f"{tmap.masters} slide masters; layouts are chosen from all of them")
    if opened.had_macros:
        report.warnings.append("the file contains macros; they never reach a built deck")
    for font in sorted(f for f in _fonts(prs) if not f.startswith("+")):
        used = textfit.stand_in(font)
        if used is None:
            continue  # the font, or a twin of identical widths: text fits as it will there
        report.warnings.append(
            f"font {font!r} is not installed here; text is measured with {used.family} "
            f"({used.path}) as a stand-in, so it may come out smaller than needed"
        )
    return report
