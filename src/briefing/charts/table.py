"""A chart's data, resolved: ``build_table(spec, dataset) -> SeriesTable``.

The table is what both renderers (native PowerPoint chart and matplotlib image) and the alt text
read, so the three always agree. Categories are listed in reading order: left to right on column
and line charts, top to bottom on horizontal bar charts. Missing values are ``None``, never zero.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

from briefing.charts.numfmt import NumberFormat, ResolvedFormats, nice_scale, resolve_formats
from briefing.errors import BriefingError, ChartError
from briefing.model.chart import KIND_NAMES, ChartSpec, ReferenceLine


class DatasetInfoLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def measure(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def publisher(self) -> str: ...


class ColumnsLike(Protocol):
    """Tidy data as equal-length columns (``briefing.data.Columns``)."""

    @property
    def country(self) -> Sequence[Any]: ...
    @property
    def year(self) -> Sequence[Any]: ...
    @property
    def value(self) -> Sequence[Any]: ...
    @property
    def estimate(self) -> Sequence[Any]: ...


class DatasetLike(Protocol):
    """What charts need of ``briefing.data.Dataset``."""

    @property
    def info(self) -> DatasetInfoLike: ...
    def columns(self) -> ColumnsLike: ...
    def source_line(self) -> str: ...


# Display names for groups when they are drawn as one total; other ids are made readable.
GROUP_LABELS: dict[str, str] = {
    "allies": "All allies",
    "european-allies-and-canada": "European allies and Canada",
    "european-allies": "European allies",
    "baltics": "Baltic states",
    "nordics": "Nordic states",
}


@dataclass
class Series:
    """One series: a value (or None) and an estimate flag per category."""

    name: str
    values: list[float | None]
    estimates: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.estimates:
            self.estimates = [False] * len(self.values)
        if len(self.estimates) != len(self.values):
            raise ValueError(f"series {self.name!r}: one estimate flag per value is needed")

    def present(self) -> list[float]:
        return [v for v in self.values if v is not None]


@dataclass
class SeriesTable:
    """Everything a renderer needs to draw one chart, and nothing it must look up."""

    kind: str
    categories: list[str]
    series: list[Series]
    category_kind: Literal["country", "year"]
    measure: str
    unit: str
    years: list[int]
    number_format: str
    python_format: str
    title: str = ""
    subtitle: str = ""
    source: str = ""
    notes: list[str] = field(default_factory=list)
    reference_lines: list[ReferenceLine] = field(default_factory=list)
    highlight: list[str] = field(default_factory=list)
    x_title: str = ""
    y_title: str = ""
    legend: str = "none"
    data_labels: bool = False
    sort: str = "none"
    subject: str = "countries"
    publisher: str = ""
    dataset_id: str = ""
    # Scatter charts: the x value of each category (country); ``series[0]`` holds the y values.
    x_values: list[float | None] | None = None
    x_label: str = ""
    y_label: str = ""
    value_divisor: float = 1.0

    # ------------------------------------------------------------------ facts

    @property
    def horizontal(self) -> bool:
        return self.kind in ("bar", "stacked_bar")

    @property
    def stacked(self) -> bool:
        return self.kind in ("stacked_column", "stacked_bar")

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, "chart")

    @property
    def formats(self) -> ResolvedFormats:
        parsed = (
            NumberFormat.from_excel(self.number_format)
            or NumberFormat.from_python(self.python_format)
            or NumberFormat.for_unit(self.unit)
        )
        return ResolvedFormats(self.number_format, self.python_format, parsed)

    def format_value(self, value: float | None) -> str:
        return self.formats.format(value)

    def highlighted_categories(self) -> set[int]:
        marked = set(self.highlight)
        return {i for i, c in enumerate(self.categories) if c in marked}

    def highlighted_series(self) -> set[int]:
        marked = set(self.highlight)
        return {i for i, s in enumerate(self.series) if s.name in marked}

    def scatter_labels(self, limit: int = 15) -> set[int]:
        """Which points of a scatter chart get a name: all of a few; else the highlighted ones
        and the extremes, so labels do not pile up in the crowd."""
        xs = self.x_values or []
        ys = self.series[0].values if self.series else []
        points = [
            i
            for i in range(len(self.categories))
            if i < len(xs) and xs[i] is not None and ys[i] is not None
        ]
        if len(points) <= limit:
            return set(points)
        by_y = sorted(points, key=lambda i: ys[i] or 0.0)
        by_x = sorted(points, key=lambda i: xs[i] or 0.0)
        return (
            (self.highlighted_categories() & set(points))
            | set(by_y[-3:])
            | set(by_y[:2])
            | {by_x[0], by_x[-1]}
        )

    def display_categories(self) -> list[str]:
        """Category labels as drawn: a year whose every figure is an estimate reads ``2024e``."""
        if self.category_kind != "year":
            return list(self.categories)
        out = []
        for i, cat in enumerate(self.categories):
            flags = [s.estimates[i] for s in self.series if s.values[i] is not None]
            out.append(f"{cat}e" if flags and all(flags) else cat)
        return out

    def data_range(self) -> tuple[float, float]:
        """Lowest and highest value drawn on the value axis (stacks summed), without lines."""
        values: list[float] = []
        if self.stacked:
            for i in range(len(self.categories)):
                pos = sum(v for s in self.series if (v := s.values[i]) is not None and v > 0)
                neg = sum(v for s in self.series if (v := s.values[i]) is not None and v < 0)
                values.extend((pos, neg))
        else:
            for s in self.series:
                values.extend(s.present())
        if not values:
            return 0.0, 1.0
        return min(values), max(values)

    def value_range(self) -> tuple[float, float]:
        """:meth:`data_range` widened to take in the reference lines."""
        lo, hi = self.data_range()
        refs = [line.value for line in self.reference_lines]
        return min([lo, *refs]), max([hi, *refs])

    def value_scale(self) -> tuple[float, float, float]:
        """The value axis both renderers draw: (minimum, maximum, tick step)."""
        lo, hi = self.data_range()
        return nice_scale(
            lo, hi, include_zero=True, exact=[line.value for line in self.reference_lines]
        )

    def footnote(self) -> str:
        """The source line followed by any notes (estimates, countries without data)."""
        parts = [p.strip() for p in [self.source, *self.notes] if p.strip()]
        return " ".join(p if p.endswith((".", "!", "?")) else p + "." for p in parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe content (used for cache keys and debugging)."""
        return asdict(self)


# ====================================================================== building


@dataclass
class _Cell:
    value: float | None
    estimate: bool


class _Grid:
    """(country, year) -> value, with the years and countries a dataset holds."""

    def __init__(self, dataset: DatasetLike) -> None:
        columns = dataset.columns()
        self.dataset = dataset
        self.countries: list[str] = []
        self.cells: dict[tuple[str, int], _Cell] = {}
        seen: set[str] = set()
        for country, year, value, estimate in zip(
            columns.country, columns.year, columns.value, columns.estimate, strict=True
        ):
            name = str(country)
            if name not in seen:
                seen.add(name)
                self.countries.append(name)
            try:
                y = int(year)
            except (TypeError, ValueError):
                continue
            self.cells[(name, y)] = _Cell(_clean(value), _flag(estimate))
        self.years = sorted({y for _, y in self.cells})
        self.by_fold = {c.casefold(): c for c in self.countries}

    def cell(self, country: str, year: int) -> _Cell:
        return self.cells.get((country, year)) or _Cell(None, False)


def _flag(value: Any) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


def _clean(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


@dataclass
class _Entity:
    """A country, or a group drawn as one total."""

    name: str
    members: list[str]


def _group_members(item: str) -> list[str] | None:
    """The countries of a group id or an alias, through the data layer; None if unknown."""
    try:
        from briefing.data.groups import resolve_countries
    except ImportError:  # pragma: no cover - the data layer ships with the app
        return None
    try:
        result = resolve_countries([item])
    except (LookupError, ValueError, TypeError, BriefingError):
        return None
    names = [str(n) for n in result]
    if not names or [n.casefold() for n in names] == [item.casefold()]:
        return None
    return names


def _known_group_ids() -> list[str]:
    try:
        from briefing.data import groups
    except ImportError:  # pragma: no cover
        return list(GROUP_LABELS)
    ids = getattr(groups, "GROUPS", None)
    if isinstance(ids, dict):
        return [str(k) for k in ids]
    return list(GROUP_LABELS)


def group_label(group_id: str) -> str:
    """How a group drawn as one total is named: the data layer's title, else a readable id."""
    try:
        from briefing.data.groups import group

        return str(group(group_id).title)
    except (ImportError, LookupError):
        pass
    if group_id in GROUP_LABELS:
        return GROUP_LABELS[group_id]
    words = group_id.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _suggest(name: str, options: Sequence[str]) -> str:
    folded = {o.casefold(): o for o in options}
    close = difflib.get_close_matches(name.casefold(), list(folded), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(folded[c] for c in close) + "?)"


def _resolve_entities(
    requested: list[str], grid: _Grid, *, totals: bool, what: str
) -> tuple[list[_Entity], list[str]]:
    """Turn names and group ids into entities present in the data; also return notes."""
    if not requested:
        return [_Entity(c, [c]) for c in grid.countries], []
    entities: list[_Entity] = []
    unknown: list[str] = []
    notes: list[str] = []
    seen: set[str] = set()
    for raw in requested:
        item = raw.strip()
        exact = grid.by_fold.get(item.casefold())
        if exact is not None:
            if exact not in seen:
                seen.add(exact)
                entities.append(_Entity(exact, [exact]))
            continue
        members = _group_members(item)
        if members is None:
            unknown.append(item)
            continue
        present = [grid.by_fold[m.casefold()] for m in members if m.casefold() in grid.by_fold]
        absent = [m for m in members if m.casefold() not in grid.by_fold]
        if not present:
            raise ChartError(
                f"None of the countries in '{item}' are in the dataset "
                f"'{grid.dataset.info.title}'.",
                hint="Choose another dataset or other countries.",
            )
        if totals and len(members) > 1:
            label = group_label(item)
            entities.append(_Entity(label, present))
            if absent:
                notes.append(f"{label}: {', '.join(absent)} not in the data.")
            continue
        for name in present:
            if name not in seen:
                seen.add(name)
                entities.append(_Entity(name, [name]))
    if unknown:
        options = [*grid.countries, *_known_group_ids()]
        listed = "; ".join(f"'{u}'{_suggest(u, options)}" for u in unknown)
        plural = "ies" if len(unknown) > 1 else "y"
        raise ChartError(
            f"Unknown {what} countr{plural} for the dataset '{grid.dataset.info.title}': {listed}.",
            hint="Use a country name as the dataset spells it or a group id such as 'allies'.",
        )
    return entities, notes


def _resolve_years(spec: ChartSpec, grid: _Grid) -> list[int]:
    if not grid.years:
        raise ChartError(f"The dataset '{grid.dataset.info.title}' holds no years.")
    first, last = grid.years[0], grid.years[-1]
    wanted = spec.explicit_years()
    if not wanted:
        return list(grid.years)
    outside = [y for y in wanted if not first <= y <= last]
    if outside:
        shown = f"{outside[0]}" if len(outside) == 1 else f"{', '.join(map(str, outside[:4]))}"
        raise ChartError(
            f"The dataset '{grid.dataset.info.title}' covers {first}-{last}; "
            f"{shown} {'is' if len(outside) == 1 else 'are'} outside that range.",
            hint=f"Pick years between {first} and {last}.",
        )
    return wanted


def _entity_cell(grid: _Grid, entity: _Entity, year: int) -> _Cell:
    if len(entity.members) == 1:
        return grid.cell(entity.members[0], year)
    # A total is None when a reporting member lacks the year; members' estimates are noted
    # once for the chart (see _totals_estimate_note) rather than marking whole totals.
    cells = [grid.cell(m, year) for m in entity.members]
    if any(c.value is None for c in cells):
        return _Cell(None, False)
    return _Cell(sum(c.value for c in cells if c.value is not None), False)


def _drop_non_reporting(entity: _Entity, grid: _Grid, years: list[int]) -> list[str]:
    """Members of a total with no figure in any chosen year are left out (noted)."""
    if len(entity.members) == 1:
        return []
    dropped = [m for m in entity.members if all(grid.cell(m, y).value is None for y in years)]
    if dropped and len(dropped) < len(entity.members):
        entity.members = [m for m in entity.members if m not in dropped]
        return [f"{entity.name} excludes {', '.join(dropped)} (no data)."]
    return []


def _is_share(unit: str) -> bool:
    u = unit.lower()
    return "%" in u or "share" in u or "percent" in u


def _years_text(years: list[int]) -> str:
    if not years:
        return ""
    if len(years) == 1:
        return str(years[0])
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years[:-1])) + f" and {years[-1]}"


def _subject(requested: list[str], count: int) -> str:
    if len(requested) == 1 and requested[0].strip().casefold() == "allies":
        return "ally" if count == 1 else "allies"
    return "country" if count == 1 else "countries"


def _estimate_note(
    series: list[Series], categories: list[str], category_kind: str, publisher: str
) -> str:
    """Which years' figures are estimates: all of them ("2024 figures are estimates") or
    some ("Some 2025 figures are estimates")."""
    flagged: dict[int, int] = {}
    present: dict[int, int] = {}
    for s in series:
        for i, (value, flag) in enumerate(zip(s.values, s.estimates, strict=True)):
            if value is None:
                continue
            key = categories[i] if category_kind == "year" else s.name
            try:
                year = int(key)
            except ValueError:
                continue
            present[year] = present.get(year, 0) + 1
            if flag:
                flagged[year] = flagged.get(year, 0) + 1
    if not flagged:
        return ""
    who = f"{publisher} " if publisher else ""
    every = sorted(y for y, n in flagged.items() if n == present[y])
    some = sorted(y for y, n in flagged.items() if n < present[y])
    if every and some:
        return (
            f"{_years_text(every)} figures are {who}estimates, as are some "
            f"{_years_text(some)} figures."
        )
    if every:
        return f"{_years_text(every)} figures are {who}estimates."
    return f"Some {_years_text(some)} figures are {who}estimates."


def _totals_estimate_note(entities: list[_Entity], grid: _Grid, years: list[int]) -> str:
    totals = [e for e in entities if len(e.members) > 1]
    if any(grid.cell(m, y).estimate for e in totals for m in e.members for y in years):
        who = f"{grid.dataset.info.publisher} " if grid.dataset.info.publisher else ""
        return f"Totals include some {who}estimates."
    return ""


def build_table(
    spec: ChartSpec, dataset: DatasetLike, *, x_dataset: DatasetLike | None = None
) -> SeriesTable:
    """Resolve ``spec`` against ``dataset`` (and, for a two-dataset scatter, ``x_dataset``)."""
    problems = spec.validate()
    if problems:
        raise ChartError(
            problems[0] if len(problems) == 1 else "; ".join(problems),
            hint="Correct the chart's settings.",
        )
    grid = _Grid(dataset)
    info = dataset.info
    unit = info.unit
    measure = spec.measure.strip() or info.title or info.measure
    if spec.group_totals and _is_share(unit):
        raise ChartError(
            f"Shares of GDP cannot be added up into a group total ('{info.title}').",
            hint="Use a dataset in money (such as constant US$) for totals, or draw the "
            "countries one by one.",
        )
    if spec.kind in ("stacked_column", "stacked_bar") and _is_share(unit):
        raise ChartError(
            f"Stacking shares of GDP would add up percentages of different economies "
            f"('{info.title}').",
            hint="Use a column or bar chart, or a dataset in money.",
        )
    years = _resolve_years(spec, grid)
    entities, notes = _resolve_entities(
        spec.countries, grid, totals=spec.group_totals, what="or unrecognised"
    )
    for entity in entities:
        notes.extend(_drop_non_reporting(entity, grid, years))

    formats = resolve_formats(spec.number_format, spec.python_format, unit)
    if spec.kind == "scatter":
        table = _scatter_table(
            spec, grid, entities, years, measure, unit, formats, x_dataset=x_dataset
        )
    else:
        table = _category_table(spec, grid, entities, years, measure, unit, formats)
    table.notes = [*table.notes, *notes]
    table.source = " ".join(p for p in (dataset.source_line(), spec.source_note.strip()) if p)
    if x_dataset is not None and spec.kind == "scatter" and spec.x_dataset:
        table.source += f" {x_dataset.source_line()}"
    table.subject = _subject(spec.countries, _entity_count(table))
    table.publisher = info.publisher
    table.dataset_id = info.id
    table.reference_lines = list(spec.reference_lines)
    table.data_labels = spec.data_labels
    table.subtitle = spec.subtitle
    table.title = spec.title or (
        f"{measure}, {_years_text(table.years)}" if table.years else measure
    )
    table.highlight = _resolve_highlight(spec, grid, table)
    return table


def _entity_count(table: SeriesTable) -> int:
    return len(table.categories) if table.category_kind == "country" else len(table.series)


def _category_table(
    spec: ChartSpec,
    grid: _Grid,
    entities: list[_Entity],
    years: list[int],
    measure: str,
    unit: str,
    formats: ResolvedFormats,
) -> SeriesTable:
    by = spec.effective_series_by()
    notes: list[str] = []
    # Leave out countries with no figure at all in the chosen years, and say so.
    empty = [e.name for e in entities if all(_entity_cell(grid, e, y).value is None for y in years)]
    if empty and len(empty) < len(entities):
        entities = [e for e in entities if e.name not in empty]
        notes.append(f"No data for {', '.join(empty)}.")
    elif empty:
        raise ChartError(
            f"No figures for {_names(empty)} in {_years_text(years)} in "
            f"'{grid.dataset.info.title}'.",
            hint="Choose other countries or years.",
        )
    if by == "country":
        categories = [str(y) for y in years]
        series = []
        for e in entities:
            cells = [_entity_cell(grid, e, y) for y in years]
            series.append(Series(e.name, [c.value for c in cells], [c.estimate for c in cells]))
        category_kind: Literal["country", "year"] = "year"
    else:
        categories = [e.name for e in entities]
        series = []
        for y in years:
            cells = [_entity_cell(grid, e, y) for e in entities]
            series.append(Series(str(y), [c.value for c in cells], [c.estimate for c in cells]))
        category_kind = "country"
        categories, series = _rank(spec, categories, series)

    value_title = unit
    category_title = ""
    if spec.kind in ("bar", "stacked_bar"):
        x_title = value_title if spec.x_title is None else spec.x_title
        y_title = category_title if spec.y_title is None else spec.y_title
    else:
        x_title = category_title if spec.x_title is None else spec.x_title
        y_title = value_title if spec.y_title is None else spec.y_title
    legend = spec.legend if len(series) > 1 else "none"
    table = SeriesTable(
        kind=spec.kind,
        categories=categories,
        series=series,
        category_kind=category_kind,
        measure=measure,
        unit=unit,
        years=years,
        number_format=formats.excel,
        python_format=formats.python,
        x_title=x_title,
        y_title=y_title,
        legend=legend,
        sort=spec.sort,
        value_divisor=formats.parsed.divisor,
    )
    est = _estimate_note(series, categories, category_kind, grid.dataset.info.publisher)
    totals = _totals_estimate_note(entities, grid, years)
    table.notes = [*notes, *(n for n in (est, totals) if n)]
    return table


def _names(names: list[str]) -> str:
    if len(names) <= 3:
        return ", ".join(names)
    return f"{', '.join(names[:3])} and {len(names) - 3} more"


def _rank(
    spec: ChartSpec, categories: list[str], series: list[Series]
) -> tuple[list[str], list[Series]]:
    """Sort categories (countries) by value and keep the top N."""
    if not spec.is_ranked() or not series:
        return categories, series

    def key(i: int) -> float | None:
        if spec.kind in ("stacked_column", "stacked_bar"):
            present = [v for s in series if (v := s.values[i]) is not None]
            return sum(present) if present else None
        return series[-1].values[i]

    order = list(range(len(categories)))
    if spec.top_n is not None:
        by_value = sorted(order, key=lambda i: (key(i) is None, -(key(i) or 0.0)))
        keep = set(by_value[: spec.top_n])
        order = [i for i in order if i in keep]
    if spec.sort != "none":
        sign = -1.0 if spec.sort == "desc" else 1.0
        order.sort(key=lambda i: (key(i) is None, sign * (key(i) or 0.0)))
    cats = [categories[i] for i in order]
    new_series = [
        Series(s.name, [s.values[i] for i in order], [s.estimates[i] for i in order])
        for s in series
    ]
    return cats, new_series


def _scatter_table(
    spec: ChartSpec,
    grid: _Grid,
    entities: list[_Entity],
    years: list[int],
    measure: str,
    unit: str,
    formats: ResolvedFormats,
    *,
    x_dataset: DatasetLike | None,
) -> SeriesTable:
    if spec.x_dataset:
        if x_dataset is None:
            raise ChartError(
                f"The scatter chart '{spec.id}' needs the dataset '{spec.x_dataset}' "
                "for its x axis.",
                hint="Load that dataset, or compare two years instead.",
            )
        x_grid = _Grid(x_dataset)
        year = years[0]
        if year not in x_grid.years:
            raise ChartError(
                f"The dataset '{x_dataset.info.title}' has no {year} "
                f"(it covers {x_grid.years[0]}-{x_grid.years[-1]})."
                if x_grid.years
                else f"The dataset '{x_dataset.info.title}' is empty."
            )
        x_cells = [_entity_cell(x_grid, e, year) for e in entities]
        y_cells = [_entity_cell(grid, e, year) for e in entities]
        x_info = x_dataset.info
        x_label = f"{x_info.measure} ({x_info.unit}), {year}"
        y_label = f"{measure} ({unit}), {year}"
    else:
        x_year, y_year = years
        x_cells = [_entity_cell(grid, e, x_year) for e in entities]
        y_cells = [_entity_cell(grid, e, y_year) for e in entities]
        x_label = f"{x_year} ({unit})"
        y_label = f"{y_year} ({unit})"
    keep = [
        i
        for i in range(len(entities))
        if x_cells[i].value is not None and y_cells[i].value is not None
    ]
    notes: list[str] = []
    dropped = [entities[i].name for i in range(len(entities)) if i not in keep]
    if not keep:
        raise ChartError(
            f"No country has both figures for the scatter chart '{spec.id}'.",
            hint="Choose other countries or years.",
        )
    if dropped:
        notes.append(f"Not shown (missing figures): {', '.join(dropped)}.")
    categories = [entities[i].name for i in keep]
    y_series = Series(
        measure,
        [y_cells[i].value for i in keep],
        [y_cells[i].estimate or x_cells[i].estimate for i in keep],
    )
    return SeriesTable(
        kind="scatter",
        categories=categories,
        series=[y_series],
        category_kind="country",
        measure=measure,
        unit=unit,
        years=years,
        number_format=formats.excel,
        python_format=formats.python,
        notes=notes,
        x_title=x_label if spec.x_title is None else spec.x_title,
        y_title=y_label if spec.y_title is None else spec.y_title,
        legend="none",
        x_values=[x_cells[i].value for i in keep],
        x_label=x_label,
        y_label=y_label,
        value_divisor=formats.parsed.divisor,
    )


def _resolve_highlight(spec: ChartSpec, grid: _Grid, table: SeriesTable) -> list[str]:
    if not spec.highlight:
        return []
    drawn = set(table.categories) | {s.name for s in table.series}
    years = {str(y) for y in grid.years}
    out: list[str] = []
    names: list[str] = []
    plain: list[str] = []
    for raw in spec.highlight:
        h = raw.strip()
        if h in years or h in drawn:
            names.append(h)
        elif group_label(h) in drawn:
            names.append(group_label(h))
        else:
            plain.append(h)
    if plain:
        entities, _ = _resolve_entities(plain, grid, totals=False, what="highlighted")
        names.extend(e.name for e in entities)
    for name in names:
        if name in drawn and name not in out:
            out.append(name)
    return out
