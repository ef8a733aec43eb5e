"""The one entry point that turns a briefing into a .pptx: CLI, GUI worker and tests call it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing import paths
from briefing.atomic import atomic_write_bytes
from briefing.deck.charting import ChartBook, chart_style, make_chart_writer, render_pictures
from briefing.deck.layouts import TemplateMap, map_roles
from briefing.deck.opening import OpenedTemplate, open_template
from briefing.deck.package import save_package
from briefing.deck.plan import BannerStyle, DeckPlan, Fonts, plan_deck
from briefing.deck.registry import TemplateEntry, resolve_template
from briefing.deck.speedups import speed_up
from briefing.errors import ExportError, ValidationError
from briefing.model import Briefing, ChartItem, ChartSpec, ImpressionItem, briefing_problems
from briefing.progress import ProgressSink, step


@dataclass
class BuildResult:
    path: Path
    slides: int
    template: TemplateEntry
    warnings: list[str] = field(default_factory=list)


@dataclass
class PreparedTemplate:
    entry: TemplateEntry
    opened: OpenedTemplate
    tmap: TemplateMap
    fonts: Fonts


def prepare_template(template: str | Path | TemplateEntry) -> PreparedTemplate:
    """Find, open and map a template (by id, path or catalogue entry)."""
    entry = template if isinstance(template, TemplateEntry) else resolve_template(template)
    opened = open_template(entry.path)
    manifest = entry.manifest
    tmap = map_roles(opened.presentation, dict(manifest.roles) if manifest else None)
    fonts = Fonts(
        heading=(
            manifest.heading_font
            if manifest and manifest.heading_font
            else theme_font(opened, major=True)
        ),
        body=(
            manifest.body_font
            if manifest and manifest.body_font
            else theme_font(opened, major=False)
        ),
    )
    return PreparedTemplate(entry, opened, tmap, fonts)


def theme_font(opened: OpenedTemplate, *, major: bool) -> str:
    """The theme's heading (major) or body (minor) Latin font, Calibri when unreadable."""
    from lxml import etree

    master = opened.presentation.slide_masters[0]
    for rel in master.part.rels.values():
        if rel.reltype.endswith("/theme"):
            try:
                root = etree.fromstring(rel.target_part.blob)
            except (etree.XMLSyntaxError, AttributeError):
                break
            ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
            found = root.find(f".//a:{'majorFont' if major else 'minorFont'}/a:latin", ns)
            if found is not None and found.get("typeface"):
                return str(found.get("typeface"))
    return "Calibri"


def theme_accents(opened: OpenedTemplate) -> list[str]:
    """The theme's accent1-6 colours as #RRGGBB (those given as RGB)."""
    from lxml import etree

    master = opened.presentation.slide_masters[0]
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for rel in master.part.rels.values():
        if rel.reltype.endswith("/theme"):
            try:
                root = etree.fromstring(rel.target_part.blob)
            except (etree.XMLSyntaxError, AttributeError):
                return []
            found = []
            for n in range(1, 7):
                node = root.find(f".//a:clrScheme/a:accent{n}/a:srgbClr", ns)
                if node is not None and node.get("val"):
                    found.append("#" + str(node.get("val")).upper())
            return found
    return []


def chart_specs(briefing: Briefing) -> list[ChartSpec]:
    return [
        item.chart
        for item in briefing.items
        if isinstance(item, ImpressionItem | ChartItem) and item.chart is not None
    ]


def chart_book(
    briefing: Briefing, prepared: PreparedTemplate, base: Path | None = None
) -> ChartBook:
    palette = prepared.entry.manifest.palette if prepared.entry.manifest else None
    style = chart_style(palette, theme_accents(prepared.opened), prepared.fonts.body)
    return ChartBook(style, base)


def banner_style(prepared: PreparedTemplate) -> BannerStyle:
    """The marking banners' text style from the template's manifest (defaults otherwise)."""
    style = prepared.entry.manifest.marking if prepared.entry.manifest else {}
    size, colour = style.get("font_size"), style.get("text_colour")
    default = BannerStyle()
    return BannerStyle(
        float(size) if isinstance(size, int | float) and 6 <= size <= 24 else default.size_pt,
        colour
        if isinstance(colour, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", colour)
        else default.text_colour,
    )


def plan_briefing(
    briefing: Briefing,
    prepared: PreparedTemplate,
    book: ChartBook | None = None,
    specs: list[ChartSpec] | None = None,
) -> DeckPlan:
    """Plan ``briefing`` on a prepared template; ``specs`` are the charts that can be drawn
    (all of the briefing's when None)."""
    book = book or chart_book(briefing, prepared)
    specs = chart_specs(briefing) if specs is None else specs
    return plan_deck(
        briefing,
        prepared.tmap,
        prepared.fonts,
        book.sources(specs),
        chart_style=book.style,
        footnotes={id(spec): book.table(spec).footnote() for spec in specs},
        banner=banner_style(prepared),
    )


def build(
    briefing: Briefing,
    template: str | Path | TemplateEntry | None,
    out: Path,
    progress: ProgressSink | None = None,
    *,
    base: Path | None = None,
    keep_template_slides: bool = False,
) -> BuildResult:
    """Build ``briefing`` on ``template`` (its own template when None) and write ``out``
    atomically.

    ``base`` is the folder that relative data-file paths in chart specs start from (the
    project's folder). The template's example slides are left out unless
    ``keep_template_slides``, which keeps them ahead of the briefing. Raises a BriefingError
    subclass for anything the user can fix."""
    from briefing.deck.writer import remove_all_slides, write_deck

    problems = briefing_problems(briefing)
    if problems:
        raise ValidationError(problems)
    step(progress, 0.02, "Opening the template")
    prepared = prepare_template(template if template is not None else briefing.template)
    prs = prepared.opened.presentation
    kept = len(prs.slides) if keep_template_slides else 0
    if not keep_template_slides:
        remove_all_slides(prs)
    speed_up(prs)
    step(progress, 0.05, "Reading the data")
    book = chart_book(briefing, prepared, base)
    for spec in chart_specs(briefing):
        book.table(spec)
    step(progress, 0.1, "Planning the slides")
    plan = plan_briefing(briefing, prepared, book)
    step(progress, 0.15, "Drawing charts")
    render_pictures(plan, book, paths.cache_dir() / "charts")
    warnings = [*prepared.tmap.warnings, *plan.warnings, *plan.marking_warnings]
    if prepared.opened.had_macros:
        warnings.append(
            f"{prepared.entry.path.name} contains macros; they were left out of the deck."
        )

    def on_slide(number: int, total: int) -> None:
        step(progress, 0.1 + 0.8 * number / total, f"Writing slide {number} of {total}")

    write_deck(prs, plan, briefing, make_chart_writer(book), on_slide, number_offset=kept)
    step(progress, 0.92, "Saving")
    data = save_package(prs, briefing.date, {"Marking": plan.marking} if plan.marking else {})
    step(progress, 0.96, "Saving")
    out = Path(out)
    try:
        atomic_write_bytes(out, data)
    except OSError as exc:
        raise ExportError(
            f"{out}: could not be written ({exc.strerror}); nothing was changed.", path=out
        ) from None
    if progress is not None:  # the file is written: too late to cancel, just say so
        progress.report(1.0, "Done")
    return BuildResult(out, kept + len(plan.slides), prepared.entry, warnings)
