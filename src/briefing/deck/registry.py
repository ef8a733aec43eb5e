"""Find slide templates: bundled, the user's folder, then team folders.

A template is either a folder holding ``manifest.toml`` and the .pptx/.potx it names (plus an
optional ``thumbnail.png``), or a loose .pptx/.potx/.pptm file (its id is the file name). When the
same id turns up twice, the highest version wins; on a tie, the later folder wins.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing import paths, resources
from briefing.errors import TemplateError

TEMPLATE_PATH_ENV = "BRIEFING_TEMPLATE_PATH"
TEMPLATE_SUFFIXES = (".pptx", ".potx", ".pptm")
DEFAULT_TEMPLATE = "navy"
_ROLE_NAMES = ("title", "section", "bullets", "chart", "bullets_chart", "two_columns", "closing")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Palette:
    background: str = "#FFFFFF"
    text: str = "#1B1B1B"
    primary: str = "#1F3864"
    accent: tuple[str, ...] = ("#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B")
    muted: str = "#8A8F98"


@dataclass(frozen=True)
class Manifest:
    id: str
    name: str
    version: str
    description: str = ""
    author: str = ""
    file: str = "template.pptx"
    slide_size: str = ""
    roles: dict[str, str] = field(default_factory=dict)
    palette: Palette | None = None
    heading_font: str = ""
    body_font: str = ""
    marking: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TemplateEntry:
    id: str
    name: str
    version: str
    path: Path
    folder_kind: str
    manifest: Manifest | None = None
    thumbnail: Path | None = None
    shadows: tuple[Path, ...] = ()

    @property
    def version_key(self) -> tuple[int, ...]:
        return version_key(self.version)


def version_key(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"\d+", version)[:4]]
    return tuple(parts) or (0,)


def template_folders(team_dirs: list[str] | None = None) -> list[tuple[Path, str]]:
    folders = [(resources.templates_dir(), "bundled"), (paths.user_templates_dir(), "user")]
    folders += [(Path(d).expanduser(), "team") for d in team_dirs or []]
    folders += [(p, "team") for p in paths.split_path_list(os.environ.get(TEMPLATE_PATH_ENV, ""))]
    return folders


def read_manifest(path: Path) -> Manifest:
    """Parse and check a ``manifest.toml``; problems name the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot be read ({exc}).", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: not valid TOML ({exc}).", path=path) from None

    def text(key: str, default: str | None = None) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise TemplateError(f"{path}: {key!r} must be a non-empty text.", path=path)
        return value

    roles = data.get("roles", {})
    if not isinstance(roles, dict) or not all(isinstance(v, str) for v in roles.values()):
        raise TemplateError(f"{path}: [roles] must map roles to layout names.", path=path)
    unknown = sorted(set(roles) - set(_ROLE_NAMES))
    if unknown:
        raise TemplateError(
            f"{path}: unknown role {unknown[0]!r} in [roles] (roles: {', '.join(_ROLE_NAMES)}).",
            path=path,
        )
    palette = None
    raw_palette = data.get("palette")
    if raw_palette is not None:
        palette = _palette(raw_palette, path)
    fonts = data.get("fonts", {})
    marking = data.get("marking", {})
    if not isinstance(fonts, dict) or not isinstance(marking, dict):
        raise TemplateError(f"{path}: [fonts] and [marking] must be tables.", path=path)
    manifest_id = text("id")
    if not re.match(r"^[a-z0-9][a-z0-9_-]{0,63}$", manifest_id):
        raise TemplateError(
            f"{path}: id {manifest_id!r} must use lowercase letters, digits, '-' or '_'.", path=path
        )
    file_name = text("file", "template.pptx")
    if Path(file_name).name != file_name or not file_name.lower().endswith(TEMPLATE_SUFFIXES):
        raise TemplateError(
            f"{path}: 'file' must name a .pptx/.potx/.pptm beside the manifest.", path=path
        )
    return Manifest(
        id=manifest_id,
        name=text("name"),
        version=text("version", "1.0.0"),
        description=text("description", ""),
        author=text("author", ""),
        file=file_name,
        slide_size=text("slide_size", ""),
        roles=dict(roles),
        palette=palette,
        heading_font=str(fonts.get("heading", "")),
        body_font=str(fonts.get("body", "")),
        marking=dict(marking),
    )


def _palette(raw: Any, path: Path) -> Palette:
    if not isinstance(raw, dict):
        raise TemplateError(f"{path}: [palette] must be a table of colours.", path=path)
    values: dict[str, Any] = {}
    for key in ("background", "text", "primary", "muted"):
        if key in raw:
            if not isinstance(raw[key], str) or not _HEX.match(raw[key]):
                raise TemplateError(
                    f"{path}: palette.{key} must be a colour like #1F3864.", path=path
                )
            values[key] = raw[key].upper()
    if "accent" in raw:
        accent = raw["accent"]
        if (
            not isinstance(accent, list)
            or not accent
            or not all(isinstance(a, str) and _HEX.match(a) for a in accent)
        ):
            raise TemplateError(
                f"{path}: palette.accent must list colours like #1F3864.", path=path
            )
        values["accent"] = tuple(a.upper() for a in accent)
    return Palette(**values)


def _entries_in(folder: Path, kind: str) -> list[TemplateEntry]:
    found: list[TemplateEntry] = []
    if not folder.is_dir():
        return found
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue  # half-finished imports and hidden files
        if child.is_dir() and (child / "manifest.toml").is_file():
            manifest = read_manifest(child / "manifest.toml")
            file = child / manifest.file
            if not file.is_file():
                raise TemplateError(
                    f"{child / 'manifest.toml'}: names {manifest.file!r}, which is not there.",
                    path=child,
                )
            thumb = child / "thumbnail.png"
            found.append(
                TemplateEntry(
                    manifest.id,
                    manifest.name,
                    manifest.version,
                    file,
                    kind,
                    manifest,
                    thumb if thumb.is_file() else None,
                )
            )
        elif (
            child.is_file()
            and child.suffix.lower() in TEMPLATE_SUFFIXES
            and not child.name.startswith(("~$", "."))
        ):
            found.append(TemplateEntry(child.stem, child.stem, "0", child, kind))
    return found


@dataclass
class TemplateCatalogue:
    entries: dict[str, TemplateEntry] = field(default_factory=dict)
    problems: list[TemplateError] = field(default_factory=list)

    def get(self, template_id: str) -> TemplateEntry:
        try:
            return self.entries[template_id]
        except KeyError:
            known = ", ".join(sorted(self.entries)) or "none"
            raise TemplateError(
                f"There is no template {template_id!r}.", hint=f"Known templates: {known}."
            ) from None


def list_templates(folders: list[tuple[Path, str]] | None = None) -> TemplateCatalogue:
    catalogue = TemplateCatalogue()
    if folders is None:
        from briefing.settings import load_settings

        folders = template_folders(load_settings().team_template_dirs)
    for folder, kind in folders:
        try:
            entries = _entries_in(folder, kind)
        except TemplateError as exc:
            catalogue.problems.append(exc)
            continue
        for entry in entries:
            current = catalogue.entries.get(entry.id)
            if current is None:
                catalogue.entries[entry.id] = entry
            elif entry.version_key >= current.version_key:
                catalogue.entries[entry.id] = _with_shadow(entry, current)
            else:
                catalogue.entries[entry.id] = _with_shadow(current, entry)
    return catalogue


def _with_shadow(winner: TemplateEntry, loser: TemplateEntry) -> TemplateEntry:
    from dataclasses import replace

    return replace(winner, shadows=(*winner.shadows, *loser.shadows, loser.path))


def resolve_template(
    ref: str | Path, folders: list[tuple[Path, str]] | None = None
) -> TemplateEntry:
    """A template by id, or by the path of a .pptx/.potx/.pptm or a template folder."""
    text = str(ref)
    candidate = Path(text).expanduser()
    looks_like_path = (
        candidate.suffix.lower() in TEMPLATE_SUFFIXES or os.sep in text or (candidate.is_dir())
    )
    if looks_like_path:
        if candidate.is_dir() and (candidate / "manifest.toml").is_file():
            entries = _entries_in(candidate.parent, "file")
            for entry in entries:
                if entry.path.parent == candidate:
                    return entry
        if candidate.is_file() or candidate.suffix.lower() in TEMPLATE_SUFFIXES:
            manifest_path = candidate.parent / "manifest.toml"
            if manifest_path.is_file():
                manifest = read_manifest(manifest_path)
                if manifest.file == candidate.name:
                    return TemplateEntry(
                        manifest.id, manifest.name, manifest.version, candidate, "file", manifest
                    )
            return TemplateEntry(candidate.stem, candidate.stem, "0", candidate, "file")
    return list_templates(folders).get(text)
