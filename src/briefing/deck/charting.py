"""Charts in a deck: resolve each chart spec against its dataset, draw image charts in parallel
(cached), and place native or picture charts with their source line and notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.deck.plan import ChartPlacement, DeckPlan, SlidePlan
from briefing.deck.registry import Palette
from briefing.errors import BriefingError, ChartError
from briefing.model import ChartSpec, Source
from briefing.model.chart import data_ref

if TYPE_CHECKING:
    from pptx.slide import Slide

    from briefing.charts import ChartStyle, SeriesTable
    from briefing.data import Dataset


def load_dataset(ref: str, base: Path | None = None, sheet: str = "") -> Dataset:
    """A bundled dataset by id, or a user's data file by path (relative to ``base``), reading
    ``sheet`` of a workbook when given."""
    from briefing.data.dataset import list_bundled, load_bundled, load_file

    if ref in {info.id for info in list_bundled()}:
        return load_bundled(ref)
    path = Path(ref).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    if path.suffix and path.exists():
        return load_file(path, sheet=sheet or None)
    return load_bundled(ref)  # raises with the list of known ids


def dataset_source(dataset: Dataset) -> Source:
    info = dataset.info
    return Source(
        title=info.source_title or info.title,
        publisher=info.publisher,
        date=info.release,
        url=info.url,
    )


def chart_style(palette: Palette | None, theme_accents: list[str], font: str) -> ChartStyle:
    from briefing.charts import ChartStyle

    accents = tuple(palette.accent) if palette else tuple(theme_accents)
    values: dict[str, Any] = {"font_family": font}
    if accents:
        values["series_colours"] = accents
        values["highlight_colour"] = accents[1] if len(accents) > 1 else accents[0]
    if palette is not None:
        values["text_colour"] = palette.text
        values["muted_colour"] = palette.muted
        values["background"] = palette.background  # a picture chart blends into the slide
    return ChartStyle(**values)


@dataclass
class ChartBook:
    """Every chart of a deck, resolved: tables by spec id, pictures for image charts."""

    style: ChartStyle
    base: Path | None = None
    datasets: dict[str, Dataset] = field(default_factory=dict)
    tables: dict[int, SeriesTable] = field(default_factory=dict)
    pictures: dict[int, Path] = field(default_factory=dict)

    def dataset(self, ref: str, sheet: str = "") -> Dataset:
        key = data_ref(ref, sheet)
        if key not in self.datasets:
            self.datasets[key] = load_dataset(ref, self.base, sheet)
        return self.datasets[key]

    def table(self, spec: ChartSpec) -> SeriesTable:
        from briefing.charts import build_table

        key = id(spec)
        if key not in self.tables:
            try:
                self.tables[key] = build_table(spec, self.dataset(spec.dataset, spec.sheet))
            except ChartError as exc:
                raise ChartError(
                    f"Chart '{spec.title or spec.id}': {exc.message}", hint=exc.hint
                ) from None
        return self.tables[key]

    def sources(self, specs: list[ChartSpec]) -> dict[str, Source]:
        return {
            spec.data_ref: dataset_source(self.dataset(spec.dataset, spec.sheet)) for spec in specs
        }


def render_pictures(
    plan: DeckPlan, book: ChartBook, cache_dir: Path, workers: int | None = None
) -> None:
    """Draw every image chart of the plan at its placed size, in parallel, from the cache."""
    from briefing.charts import RenderJob, render_many

    wanted: list[tuple[int, RenderJob]] = []
    for slide in plan.slides:
        placement = slide.chart
        if placement is None or placement.spec.renderer != "image":
            continue
        chart_box = placement.box
        wanted.append(
            (
                id(placement.spec),
                RenderJob(
                    book.table(placement.spec),
                    placement.style or book.style,
                    chart_box.width / 914400,
                    chart_box.height / 914400,
                    dpi=200,
                    draw_source=False,  # the slide prints the source line itself
                ),
            )
        )
    if not wanted:
        return
    paths = render_many([job for _, job in wanted], cache_dir, workers)
    for (key, _), path in zip(wanted, paths, strict=True):
        book.pictures[key] = path


def make_chart_writer(book: ChartBook) -> Any:
    """The writer's hook: place one chart on a slide, return the notes text for it."""

    def write(slide: Slide, placement: ChartPlacement, plan: SlidePlan) -> str:
        from briefing.charts import alt_text, data_summary
        from briefing.deck.native_chart import add_native_chart, add_picture_chart
        from briefing.deck.writer import add_source_line

        table = book.table(placement.spec)
        chart_box = placement.box
        box = (chart_box.left, chart_box.top, chart_box.width, chart_box.height)
        description = alt_text(table)
        if placement.spec.renderer == "image":
            png = book.pictures.get(id(placement.spec))
            if png is None:
                raise BriefingError(f"The picture for chart '{table.title}' was not drawn.")
            add_picture_chart(slide, box, png.read_bytes(), description)
        else:
            add_native_chart(slide, box, table, placement.style or book.style, alt_text=description)
        if placement.source is not None:
            add_source_line(slide, placement.source)
        return f"Chart: {description}\n\nChart data ({table.footnote()}):\n{data_summary(table)}"

    return write
