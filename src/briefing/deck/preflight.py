"""Pre-flight: everything worth fixing before a briefing goes to a minister, slide by slide.

The briefing is planned through the same path as :func:`briefing.deck.build.build` (template,
charts, plan), so the slide numbers here are the slide numbers of the deck. Where only the written
file can tell (empty placeholders, alt text), the deck is built into a temporary file and reopened.
Each finding says what is wrong, where, and what to do about it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from briefing.deck import textfit
from briefing.deck.plan import DeckPlan, SlidePlan, plan_deck
from briefing.deck.registry import TemplateEntry
from briefing.errors import BriefingError, Cancelled
from briefing.model import (
    Briefing,
    ChartItem,
    ChartSpec,
    ImpressionItem,
    Item,
    Source,
    located_problems,
)
from briefing.model.marking import ORDER as MARKING_ORDER
from briefing.model.marking import Marking
from briefing.progress import ProgressSink, ScaledProgress, step

if TYPE_CHECKING:
    from briefing.deck.build import PreparedTemplate
    from briefing.deck.charting import ChartBook

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# Kinds of finding (``Finding.kind``), stable strings for the GUI and for tests.
INVALID = "invalid"  # the briefing breaks a rule of the model: build refuses it
TEMPLATE = "template"  # the template cannot be used, or maps with surprises
CHART_DATA = "chart-data"  # a chart cannot be drawn from its data
TEXT_OVERFLOW = "text-overflow"  # text that does not fit its box even at the smallest size
FALLBACK = "fallback"  # a layout lacked a placeholder and text went into a plain box
EMPTY_PLACEHOLDER = "empty-placeholder"
ALT_TEXT = "alt-text"
CHART_SOURCE = "chart-source"
STALE_DATA = "stale-data"
DUPLICATE_TITLE = "duplicate-title"
MARKING = "marking"
FONT = "font"
BUILD = "build"  # the deck could not be written, so the written-file checks did not run

EXIT_CLEAN = 0
EXIT_ERRORS = 1
EXIT_WARNINGS = 3

_CONT = "(cont.)"
_SLIDE_RE = re.compile(r"^Slide (\d+)\b")


@dataclass(frozen=True)
class Finding:
    """One thing to look at: how bad, where (slide number from 1, item), what, and what to do."""

    severity: Severity
    slide: int | None
    item_uid: str | None
    kind: str
    message: str
    fix: str

    def line(self) -> str:
        where = f"slide {self.slide}" if self.slide is not None else "deck"
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} \u2014 fix: {self.fix}" if self.fix else text


def format_findings(findings: Iterable[Finding]) -> list[str]:
    """One line per finding, for the command line: ``slide 5: warning: ... — fix: ...``."""
    return [finding.line() for finding in findings]


def exit_code(findings: Iterable[Finding]) -> int:
    """0 when clean (info only), 3 when there are warnings but no errors, 1 with any error."""
    severities = {finding.severity for finding in findings}
    if "error" in severities:
        return EXIT_ERRORS
    if "warning" in severities:
        return EXIT_WARNINGS
    return EXIT_CLEAN


def counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings of each severity."""
    found: dict[Severity, int] = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        found[finding.severity] += 1
    return found


# -- the check ----------------------------------------------------------------------------------


def preflight(
    briefing: Briefing,
    template: str | Path | TemplateEntry | None = None,
    base: Path | None = None,
    *,
    progress: ProgressSink | None = None,
) -> list[Finding]:
    """Check ``briefing`` on ``template`` (its own when None); ``base`` is the folder relative
    data-file paths start from (the project's). Returns the findings, deck-wide ones first, then
    by slide; an empty list means nothing to fix. Raises only :class:`Cancelled`."""
    from briefing.deck.build import chart_book, chart_specs, plan_briefing, prepare_template

    findings: list[Finding] = []
    step(progress, 0.0, "Checking the briefing")
    problems = located_problems(briefing)
    step(progress, 0.05, "Opening the template")
    try:
        prepared = prepare_template(template if template is not None else briefing.template)
    except Cancelled:
        raise
    except BriefingError as exc:
        findings.extend(_invalid(problems, None))
        findings.append(
            Finding(
                "error",
                None,
                None,
                TEMPLATE,
                f"The template cannot be used: {exc.message}",
                exc.hint or "Choose another template, or repair this one and check it again.",
            )
        )
        return _sorted(findings)
    findings.extend(_template_findings(prepared))

    step(progress, 0.1, "Reading the data")
    book = chart_book(briefing, prepared, base)
    broken: set[int] = set()
    for item in briefing.items:
        spec = _chart_of(item)
        if spec is None:
            continue
        try:
            book.table(spec)
            book.dataset(spec.dataset, spec.sheet)
        except Cancelled:
            raise
        except BriefingError as exc:
            broken.add(id(spec))
            findings.append(
                Finding(
                    "error",
                    None,
                    item.uid,
                    CHART_DATA,
                    f"The chart on \u201c{_item_title(item)}\u201d cannot be drawn: {exc.message}",
                    exc.hint or "Correct the chart's data or settings, or remove the chart.",
                )
            )

    step(progress, 0.2, "Planning the slides")
    try:
        if broken:
            sources = _sources(book, [s for s in chart_specs(briefing) if id(s) not in broken])
            plan = plan_deck(briefing, prepared.tmap, prepared.fonts, sources)
        else:
            plan = plan_briefing(briefing, prepared, book)
    except Cancelled:
        raise
    except BriefingError as exc:
        findings.extend(_invalid(problems, None))
        findings.append(
            Finding(
                "error",
                None,
                None,
                BUILD,
                f"The slides could not be planned: {exc.message}",
                exc.hint or "Fix the problem and check again.",
            )
        )
        return _sorted(findings)
    first_slide = _first_slides(plan)
    findings.extend(_invalid(problems, first_slide))
    findings = [_placed(f, first_slide) for f in findings]
    findings.extend(_plan_findings(plan))
    findings.extend(_title_findings(plan))
    findings.extend(_marking_findings(briefing, first_slide))
    findings.extend(_chart_findings(briefing, book, broken, first_slide))

    if problems or broken:
        findings.append(
            Finding(
                "info",
                None,
                None,
                BUILD,
                "The deck was not built, so empty placeholders and alt text were not checked.",
                "Fix the errors above and check again.",
            )
        )
    else:
        step(progress, 0.3, "Building a trial deck")
        findings.extend(_written_findings(briefing, prepared.entry, base, plan, progress))
    step(progress, 1.0, "Checked")
    return _sorted(findings)


# -- model problems -----------------------------------------------------------------------------


def _chart_of(item: Item) -> ChartSpec | None:
    return item.chart if isinstance(item, ImpressionItem | ChartItem) else None


def _item_title(item: Item) -> str:
    return item.title


def _invalid(
    problems: list[tuple[str | None, str]], first_slide: dict[str, int] | None
) -> list[Finding]:
    out = []
    for uid, problem in problems:
        slide = first_slide.get(uid) if (first_slide is not None and uid) else None
        out.append(
            Finding(
                "error",
                slide,
                uid,
                INVALID,
                problem,
                "Edit the briefing so it keeps to this rule; the deck cannot be built until then.",
            )
        )
    return out


def _placed(finding: Finding, first_slide: dict[str, int]) -> Finding:
    if finding.slide is None and finding.item_uid and finding.item_uid in first_slide:
        return Finding(
            finding.severity,
            first_slide[finding.item_uid],
            finding.item_uid,
            finding.kind,
            finding.message,
            finding.fix,
        )
    return finding


def _first_slides(plan: DeckPlan) -> dict[str, int]:
    found: dict[str, int] = {}
    for slide in plan.slides:
        if slide.item_uid:
            found.setdefault(slide.item_uid, slide.number)
    return found


# -- template -----------------------------------------------------------------------------------


def theme_fonts(prs: Any) -> list[str]:
    """The Latin heading and body fonts of every master's theme (``+mj-lt`` refs left out)."""
    from lxml import etree

    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    found: list[str] = []
    for master in prs.slide_masters:
        for rel in master.part.rels.values():
            if not rel.reltype.endswith("/theme"):
                continue
            try:
                root = etree.fromstring(rel.target_part.blob)
            except (etree.XMLSyntaxError, AttributeError):
                continue
            for node in root.findall(".//a:majorFont/a:latin", ns) + root.findall(
                ".//a:minorFont/a:latin", ns
            ):
                face = str(node.get("typeface") or "").strip()
                if face and not face.startswith("+") and face not in found:
                    found.append(face)
    return found


def _template_findings(prepared: PreparedTemplate) -> list[Finding]:
    out: list[Finding] = []
    name = prepared.entry.path.name
    fonts = theme_fonts(prepared.opened.presentation)
    for face in (prepared.fonts.heading, prepared.fonts.body):
        if face and not face.startswith("+") and face not in fonts:
            fonts.append(face)
    for face in fonts:
        used = textfit.stand_in(face)
        if used is None:
            continue
        out.append(
            Finding(
                "warning",
                None,
                None,
                FONT,
                f"The template uses the font \u201c{face}\u201d, which is not installed here and "
                "has no installed twin of the same widths; text was sized with "
                f"{used.family} ({used.path}) as a stand-in, so it may wrap differently on a "
                "machine that has the font.",
                f"Install \u201c{face}\u201d{textfit.twin_hint(face)} on this machine, or "
                "check the deck on a machine that has it before it goes out.",
            )
        )
    for warning in prepared.tmap.warnings:
        out.append(
            Finding(
                "info",
                None,
                None,
                TEMPLATE,
                f"{name}: {warning}",
                "Name the layout for each role in the template's manifest if the choice is wrong.",
            )
        )
    if prepared.opened.had_macros:
        out.append(
            Finding(
                "info",
                None,
                None,
                TEMPLATE,
                f"{name} contains macros; they are left out of the deck.",
                "Nothing to do, unless the deck needs them.",
            )
        )
    return out


# -- the plan -----------------------------------------------------------------------------------


def _plan_findings(plan: DeckPlan) -> list[Finding]:
    out: list[Finding] = []
    reported: set[int] = set()
    for slide in plan.slides:
        title = slide.title_text or f"slide {slide.number}"
        if slide.title is not None and not slide.title.fits:
            reported.add(slide.number)
            out.append(
                Finding(
                    "error",
                    slide.number,
                    slide.item_uid,
                    TEXT_OVERFLOW,
                    f"The title \u201c{_clip(title)}\u201d does not fit its box even at "
                    f"{slide.title.paras[0].size_pt:g} pt.",
                    "Shorten the title.",
                )
            )
        overflowing = [frame for frame in slide.body if not frame.fits]
        if overflowing:
            reported.add(slide.number)
            smallest = min(p.size_pt for frame in overflowing for p in frame.paras)
            out.append(
                Finding(
                    "error",
                    slide.number,
                    slide.item_uid,
                    TEXT_OVERFLOW,
                    f"The text of \u201c{_clip(title)}\u201d does not fit on the slide even at "
                    f"{smallest:g} pt; it will run over the edge of its box.",
                    _overflow_fix(slide),
                )
            )
        if slide.fallback:
            out.append(
                Finding(
                    "info",
                    slide.number,
                    slide.item_uid,
                    FALLBACK,
                    f"The {slide.role.replace('_', ' ')} layout {slide.layout.name!r}: "
                    f"{slide.fallback}.",
                    "Name a better layout for this role in the template's manifest, if it has one.",
                )
            )
    by_number = {s.number: s for s in plan.slides}
    for warning in plan.warnings:
        match = _SLIDE_RE.match(warning)
        number = int(match.group(1)) if match else None
        if number is not None and number in reported:
            continue  # already said, with a fix
        slide_plan = by_number.get(number) if number is not None else None
        out.append(
            Finding(
                "warning",
                number,
                slide_plan.item_uid if slide_plan else None,
                TEXT_OVERFLOW if "fit" in warning else TEMPLATE,
                warning,
                "Shorten the text on this slide." if "fit" in warning else "",
            )
        )
    return out


def _overflow_fix(slide: SlidePlan) -> str:
    if slide.kind == "impression":
        return (
            "Shorten the key judgement to one sentence and the key points to a line or two "
            "each, or move detail into the narrative (speaker notes)."
        )
    if slide.kind == "chart":
        return "Shorten the chart's message."
    if slide.kind == "title":
        return "Shorten the subtitle, author or organisation."
    return "Shorten the text on this slide, or split it over two items."


def _norm_title(text: str) -> str:
    return " ".join(text.split()).casefold()


def _title_findings(plan: DeckPlan) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, int] = {}
    for slide in plan.slides:
        title = slide.title_text.strip()
        if not title:
            out.append(
                Finding(
                    "warning",
                    slide.number,
                    slide.item_uid,
                    DUPLICATE_TITLE,
                    "The slide has no title, so it cannot be found in the outline or an "
                    "agenda, and screen readers have nothing to announce.",
                    "Give the slide a title.",
                )
            )
            continue
        if title.endswith(_CONT):
            continue  # a continuation is told apart by its place after the slide it continues
        key = _norm_title(title)
        if key in seen:
            out.append(
                Finding(
                    "warning",
                    slide.number,
                    slide.item_uid,
                    DUPLICATE_TITLE,
                    f"The title \u201c{_clip(title)}\u201d is also the title of slide "
                    f"{seen[key]}; slide titles should tell slides apart.",
                    "Give one of the two slides a different title.",
                )
            )
        else:
            seen[key] = slide.number
    return out


# -- markings -----------------------------------------------------------------------------------


def _marking_findings(briefing: Briefing, first_slide: dict[str, int]) -> list[Finding]:
    """Items marked above the briefing (the deck then carries the item's marking throughout,
    which its audience may not be cleared for), and markings that cannot be compared."""
    out: list[Finding] = []
    deck = Marking(briefing.marking)
    standard = ", ".join(MARKING_ORDER)
    if not deck.normalised:
        out.append(
            Finding(
                "warning",
                1,
                None,
                MARKING,
                "The briefing has no protective marking.",
                "Set the briefing's marking (UNCLASSIFIED if nothing in it is protected).",
            )
        )
    elif deck.rank is None and not any(item.marking.strip() for item in briefing.items):
        out.append(
            Finding(
                "info",
                1,
                None,
                MARKING,
                f"The briefing's marking {deck.normalised} is not a standard one; its banners "
                "are drawn in a neutral colour.",
                f"Nothing to do if it is your organisation's marking; else use one of {standard}.",
            )
        )
    for item in briefing.items:
        own = Marking(item.marking)
        if not own.normalised or own.normalised == deck.normalised or not deck.normalised:
            continue
        slide = first_slide.get(item.uid)
        name = _clip(_item_title(item))
        if own.rank is None or deck.rank is None:
            out.append(
                Finding(
                    "warning",
                    slide,
                    item.uid,
                    MARKING,
                    f"\u201c{name}\u201d is marked {own.normalised} and the briefing "
                    f"{deck.normalised}; one of them is not a standard marking, so they cannot "
                    "be compared.",
                    "Check by hand that the briefing's marking covers this item, or use a "
                    f"standard marking ({standard}).",
                )
            )
        elif own.rank > deck.rank:
            out.append(
                Finding(
                    "error",
                    slide,
                    item.uid,
                    MARKING,
                    f"\u201c{name}\u201d is marked {own.normalised}, above the briefing's "
                    f"{deck.normalised}: the whole deck will be marked {own.normalised}, which "
                    "its audience may not be cleared to see.",
                    f"Take this item out, or set the briefing's marking to {own.normalised} if "
                    "everyone who gets the deck may see it.",
                )
            )
    return out


# -- charts -------------------------------------------------------------------------------------


def _sources(book: ChartBook, specs: list[ChartSpec]) -> dict[str, Source]:
    from briefing.deck.charting import dataset_source

    found: dict[str, Source] = {}
    for spec in specs:
        try:
            found[spec.data_ref] = dataset_source(book.dataset(spec.dataset, spec.sheet))
        except BriefingError:
            continue
    return found


def _chart_findings(
    briefing: Briefing, book: ChartBook, broken: set[int], first_slide: dict[str, int]
) -> list[Finding]:
    out: list[Finding] = []
    oldest_wanted = briefing.date.year - 1
    for item in briefing.items:
        spec = _chart_of(item)
        if spec is None or id(spec) in broken:
            continue
        slide = first_slide.get(item.uid)
        name = _clip(spec.title or _item_title(item))
        info = book.dataset(spec.dataset, spec.sheet).info
        missing = [
            label
            for label, value in (("publisher", info.publisher), ("release date", info.release))
            if not value.strip()
        ]
        if missing and not spec.source_note.strip():
            out.append(
                Finding(
                    "warning",
                    slide,
                    item.uid,
                    CHART_SOURCE,
                    f"The chart \u201c{name}\u201d has no full source: its data "
                    f"({info.title or spec.dataset}) names no {' and no '.join(missing)}.",
                    "Add the publisher and release date to the dataset, or write the source "
                    "in the chart's source note.",
                )
            )
        years = book.table(spec).years
        if years and max(years) < oldest_wanted:
            latest = max(years)
            out.append(
                Finding(
                    "warning",
                    slide,
                    item.uid,
                    STALE_DATA,
                    f"The chart \u201c{name}\u201d shows data up to {latest}, more than a year "
                    f"before the briefing's date ({briefing.date.day} {briefing.date:%B %Y}).",
                    "Use more recent data, or say in the title or message which year the "
                    "figures are for.",
                )
            )
    return out


# -- the written deck ---------------------------------------------------------------------------


def _written_findings(
    briefing: Briefing,
    entry: TemplateEntry,
    base: Path | None,
    plan: DeckPlan,
    progress: ProgressSink | None,
) -> list[Finding]:
    from pptx import Presentation

    from briefing.deck.build import build

    by_number = {s.number: s for s in plan.slides}
    out: list[Finding] = []
    with tempfile.TemporaryDirectory(prefix="briefing-preflight-") as work:
        target = Path(work) / "preflight.pptx"
        try:
            build(briefing, entry, target, ScaledProgress(progress, 0.3, 0.95), base=base)
        except Cancelled:
            raise
        except BriefingError as exc:
            return [
                Finding(
                    "error",
                    None,
                    None,
                    BUILD,
                    f"The deck could not be built: {exc.message}",
                    exc.hint or "Fix the problem and check again.",
                )
            ]
        prs = Presentation(str(target))
        for number, slide in enumerate(prs.slides, start=1):
            planned = by_number.get(number)
            uid = planned.item_uid if planned else None
            for shape in slide.placeholders:
                if _is_empty_placeholder(shape):
                    out.append(
                        Finding(
                            "warning",
                            number,
                            uid,
                            EMPTY_PLACEHOLDER,
                            f"The placeholder {shape.name!r} is left empty; PowerPoint shows "
                            "its prompt text (\u201cClick to add text\u201d) while editing.",
                            "Delete the empty placeholder, or give the layout's role to a "
                            "layout without it in the template's manifest.",
                        )
                    )
            for kind, name in _undescribed(slide):
                out.append(
                    Finding(
                        "warning",
                        number,
                        uid,
                        ALT_TEXT,
                        f"The {kind} {name!r} has no alt text, so a screen reader cannot "
                        "say what it shows.",
                        f"Add a description to the {kind} (Format > Alt Text), or give the "
                        "chart a title so one is written for it.",
                    )
                )
    return out


_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _is_empty_placeholder(shape: Any) -> bool:
    element = shape._element
    if element.tag == f"{_P}sp":
        return not "".join(t.text or "" for t in element.iter(f"{_A}t")).strip()
    if element.tag == f"{_P}pic":
        return element.find(f".//{_A}blip") is None
    return False


def _undescribed(slide: Any) -> list[tuple[str, str]]:
    """(chart|picture, name) of every chart and picture on ``slide`` without a description."""
    found: list[tuple[str, str]] = []
    tree = slide.shapes._spTree
    for element in tree.iter(f"{_P}pic", f"{_P}graphicFrame"):
        if element.tag == f"{_P}pic":
            if element.find(f".//{_A}blip") is None:
                continue  # an empty picture placeholder: reported as such
            kind = "picture"
        else:
            data = element.find(f".//{_A}graphicData")
            if data is None or data.get("uri") != _C:
                continue  # tables and other objects carry their own text
            kind = "chart"
        c_nv_pr = element.find(f".//{_P}cNvPr")
        if c_nv_pr is None:
            continue
        if _no_description(str(c_nv_pr.get("descr") or "")):
            found.append((kind, str(c_nv_pr.get("name") or kind)))
    return found


_FILE_NAME = re.compile(r"^[\w .()-]*\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)$", re.IGNORECASE)


def _no_description(descr: str) -> bool:
    """Whether ``descr`` says nothing: empty, or only a file name (python-pptx and PowerPoint
    put the picture's file name there by default)."""
    text = descr.strip()
    return not text or bool(_FILE_NAME.match(text))


# -- helpers ------------------------------------------------------------------------------------


def _clip(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "\u2026"


def _sorted(findings: list[Finding]) -> list[Finding]:
    rank = {s: n for n, s in enumerate(SEVERITIES)}
    return sorted(
        findings,
        key=lambda f: (f.slide if f.slide is not None else 0, rank[f.severity]),
    )
