"""What a chart should show: a :class:`ChartSpec`, pure data with strict JSON round-tripping.

A spec names a dataset and says which slice of it to draw and how. It knows nothing of pandas,
matplotlib or PowerPoint: ``briefing.charts`` turns a spec and its dataset into a table, and the
renderers draw that table.

Conventions
-----------
* ``countries`` holds country names or group ids (``"allies"``, ``"baltics"``...); empty means
  every country in the dataset.
* ``years`` is either a list of years (``[2025]``, ``[2014, 2025]``) or an inclusive range written
  as a tuple ``(2014, 2025)``; in JSON the range is ``{"start": 2014, "end": 2025}``. Empty means
  every year in the dataset.
* ``series_by`` says what each series is. ``"country"``: one series per country, years along the
  category axis (a trend). ``"year"``: one series per year, countries along the category axis (a
  ranking or a then-and-now comparison). ``"auto"`` picks: years along the axis for line charts,
  ranges and "all years"; countries along the axis when ``years`` is an explicit list.
* ``x_title`` / ``y_title`` are the horizontal and vertical axis titles as drawn (for a horizontal
  bar chart the value axis is ``x``). ``None`` lets the chart choose (the unit on the value axis);
  ``""`` draws no title.
* ``number_format`` is an Excel number format (``'0.0"%"'``, ``'#,##0'``) used by native charts;
  ``python_format`` (``"{:.1f}%"``) is used by images and alt text. Either may be empty: the other
  one, then the dataset's unit, decide.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypeAlias, cast, get_args

ChartKind: TypeAlias = Literal["column", "bar", "stacked_column", "stacked_bar", "line", "scatter"]
SeriesBy: TypeAlias = Literal["auto", "country", "year"]
SortOrder: TypeAlias = Literal["none", "asc", "desc"]
LegendPosition: TypeAlias = Literal["right", "bottom", "top", "none"]
Renderer: TypeAlias = Literal["native", "image"]
YearSelection: TypeAlias = list[int] | tuple[int, int]

CHART_KINDS: tuple[str, ...] = get_args(ChartKind)
SERIES_BY: tuple[str, ...] = get_args(SeriesBy)
SORT_ORDERS: tuple[str, ...] = get_args(SortOrder)
LEGEND_POSITIONS: tuple[str, ...] = get_args(LegendPosition)
RENDERERS: tuple[str, ...] = get_args(Renderer)

KIND_NAMES: dict[str, str] = {
    "column": "column chart",
    "bar": "horizontal bar chart",
    "stacked_column": "stacked column chart",
    "stacked_bar": "stacked horizontal bar chart",
    "line": "line chart",
    "scatter": "scatter chart",
}

_MIN_YEAR = 1900
_MAX_YEAR = 2100
_MAX_TOP_N = 500
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


@dataclass(frozen=True)
class ReferenceLine:
    """A horizontal (or, on a bar chart, vertical) line at ``value``, such as NATO's 2% target."""

    value: float
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label}

    @classmethod
    def from_dict(cls, data: Any, where: str = "reference line") -> ReferenceLine:
        if not isinstance(data, dict):
            raise ValueError(f"{where} must be an object with 'value' and 'label'")
        unknown = sorted(set(data) - {"value", "label"})
        if unknown:
            raise ValueError(f"{where} has unknown key(s): {', '.join(unknown)}")
        if "value" not in data:
            raise ValueError(f"{where} needs a 'value'")
        value = data["value"]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{where}.value must be a number, not {_type_name(value)}")
        label = data.get("label", "")
        if not isinstance(label, str):
            raise ValueError(f"{where}.label must be text, not {_type_name(label)}")
        return cls(value=float(value), label=label)


@dataclass
class ChartSpec:
    """One chart: which data, which slice of it, and how it should look."""

    id: str
    dataset: str
    kind: ChartKind = "column"
    sheet: str = ""  # the sheet of a workbook data file ("" for the first with data)
    measure: str = ""
    countries: list[str] = field(default_factory=list)
    years: YearSelection = field(default_factory=list)
    series_by: SeriesBy = "auto"
    sort: SortOrder = "none"
    top_n: int | None = None
    highlight: list[str] = field(default_factory=list)
    reference_lines: list[ReferenceLine] = field(default_factory=list)
    data_labels: bool = False
    number_format: str = ""
    python_format: str = ""
    x_title: str | None = None
    y_title: str | None = None
    legend: LegendPosition = "bottom"
    title: str = ""
    subtitle: str = ""
    source_note: str = ""
    renderer: Renderer = "native"
    group_totals: bool = False
    x_dataset: str = ""

    # ----------------------------------------------------------------- derived facts

    @property
    def data_ref(self) -> str:
        """Which data the chart draws: the dataset, and the sheet when it names one."""
        return data_ref(self.dataset, self.sheet)

    def year_range(self) -> tuple[int, int] | None:
        """The inclusive range when ``years`` is one, else None."""
        if isinstance(self.years, tuple):
            return self.years
        return None

    def explicit_years(self) -> list[int]:
        """The years asked for, in order (a range expanded); empty means "all"."""
        if isinstance(self.years, tuple):
            start, end = self.years
            return list(range(start, end + 1))
        return list(self.years)

    def effective_series_by(self) -> Literal["country", "year"]:
        """``series_by`` with ``"auto"`` resolved (see the module notes)."""
        if self.series_by != "auto":
            return self.series_by
        if self.kind in ("line", "scatter"):
            return "country"
        if isinstance(self.years, list) and self.years:
            return "year"
        return "country"

    def categories_are_countries(self) -> bool:
        return self.kind == "scatter" or self.effective_series_by() == "year"

    def is_ranked(self) -> bool:
        return self.sort != "none" or self.top_n is not None

    # ----------------------------------------------------------------- validation

    def validate(self) -> list[str]:
        """Problems a user can fix, in plain words; empty when the spec is usable."""
        p: list[str] = []
        name = f"Chart '{self.id}'" if self.id else "Chart"
        if not self.id.strip():
            p.append("Chart has no id.")
        elif not _ID_RE.match(self.id):
            p.append(
                f"{name}: the id may hold only letters, digits, '-', '_' and '.' "
                "(at most 80 characters)."
            )
        if not self.dataset.strip():
            p.append(f"{name}: choose a dataset.")
        if self.kind not in CHART_KINDS:
            p.append(f"{name}: unknown chart kind '{self.kind}' (choose {_choices(CHART_KINDS)}).")
        if self.series_by not in SERIES_BY:
            p.append(f"{name}: series_by must be {_choices(SERIES_BY)}, not '{self.series_by}'.")
        if self.sort not in SORT_ORDERS:
            p.append(f"{name}: sort must be {_choices(SORT_ORDERS)}, not '{self.sort}'.")
        if self.legend not in LEGEND_POSITIONS:
            p.append(f"{name}: legend must be {_choices(LEGEND_POSITIONS)}, not '{self.legend}'.")
        if self.renderer not in RENDERERS:
            p.append(f"{name}: renderer must be {_choices(RENDERERS)}, not '{self.renderer}'.")
        p.extend(self._year_problems(name))
        p.extend(self._shape_problems(name))
        if self.top_n is not None and not 1 <= self.top_n <= _MAX_TOP_N:
            p.append(f"{name}: 'top N' must be between 1 and {_MAX_TOP_N}, not {self.top_n}.")
        blank = [i + 1 for i, c in enumerate(self.countries) if not c.strip()]
        if blank:
            p.append(f"{name}: country entry {', '.join(map(str, blank))} is empty.")
        for i, line in enumerate(self.reference_lines, start=1):
            if not math.isfinite(line.value):
                p.append(f"{name}: reference line {i} needs a finite value.")
            if len(line.label) > 60:
                p.append(f"{name}: reference line {i}'s label is longer than 60 characters.")
        if len(self.reference_lines) > 5:
            p.append(f"{name}: at most 5 reference lines keep a chart readable.")
        if self.number_format and not _excel_format_ok(self.number_format):
            p.append(
                f"{name}: the number format '{self.number_format}' is not a valid Excel format."
            )
        if self.python_format:
            problem = python_format_problem(self.python_format)
            if problem:
                p.append(f"{name}: {problem}")
        return p

    def _year_problems(self, name: str) -> list[str]:
        p: list[str] = []
        if isinstance(self.years, tuple):
            start, end = self.years
            if start > end:
                p.append(f"{name}: the year range {start}-{end} runs backwards.")
            years = [start, end]
        else:
            years = list(self.years)
            dupes = sorted({y for y in years if years.count(y) > 1})
            if dupes:
                p.append(f"{name}: year(s) listed twice: {', '.join(map(str, dupes))}.")
        odd = [y for y in years if not _MIN_YEAR <= y <= _MAX_YEAR]
        if odd:
            p.append(
                f"{name}: {', '.join(map(str, odd))} is not a plausible year "
                f"({_MIN_YEAR}-{_MAX_YEAR})."
            )
        return p

    def _shape_problems(self, name: str) -> list[str]:
        p: list[str] = []
        if self.kind not in CHART_KINDS or self.series_by not in SERIES_BY:
            return p
        years = self.explicit_years()
        if self.kind == "scatter":
            if self.x_dataset:
                if len(years) != 1:
                    p.append(
                        f"{name}: a scatter chart of two datasets needs exactly one year "
                        f"(it has {len(years) or 'all'})."
                    )
            elif len(years) != 2:
                p.append(
                    f"{name}: a scatter chart compares two years (x = the first, y = the "
                    "second) or two datasets (set x_dataset); give exactly two years."
                )
            if self.series_by == "year":
                p.append(
                    f"{name}: a scatter chart plots one point per country; use series_by "
                    "'auto' or 'country'."
                )
            return p
        if self.x_dataset:
            p.append(f"{name}: x_dataset applies only to scatter charts.")
        if self.kind == "line" and self.effective_series_by() == "year":
            p.append(
                f"{name}: a line chart runs along the years; set series_by to 'country' "
                "(or use a column or bar chart to compare countries)."
            )
        if self.is_ranked() and not self.categories_are_countries():
            p.append(
                f"{name}: sorting and 'top N' rank countries, but this chart has years along "
                "its axis; set series_by to 'year' or pick single years."
            )
        return p

    # ----------------------------------------------------------------- JSON

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict; :meth:`from_dict` reads it back to an equal spec."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "years":
                if isinstance(value, tuple):
                    value = {"start": value[0], "end": value[1]}
                else:
                    value = list(value)
            elif f.name == "reference_lines":
                value = [line.to_dict() for line in value]
            elif isinstance(value, list):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Any) -> ChartSpec:
        """Read a spec written by :meth:`to_dict`; unknown keys or wrong types raise ValueError."""
        if not isinstance(data, dict):
            raise ValueError(f"a chart must be an object, not {_type_name(data)}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(str(k) for k in data if k not in known)
        if unknown:
            raise ValueError(
                f"chart has unknown key(s): {', '.join(unknown)} "
                f"(known keys: {', '.join(sorted(known))})"
            )
        for required in ("id", "dataset"):
            if required not in data:
                raise ValueError(f"chart needs '{required}'")
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            kwargs[key] = _read_field(key, value)
        return cls(**kwargs)


# --------------------------------------------------------------------- helpers


def data_ref(dataset: str, sheet: str = "") -> str:
    """One key for a dataset and (for a workbook) its sheet."""
    return f"{dataset}#{sheet}" if sheet else dataset


def python_format_problem(fmt: str) -> str:
    """Why ``fmt`` is not a usable value format such as ``"{:.1f}%"``; empty when it is."""
    try:
        parts = list(string.Formatter().parse(fmt))
    except ValueError as exc:
        return f"the label format '{fmt}' is not valid ({exc})."
    fields_ = [part for part in parts if part[1] is not None]
    if len(fields_) != 1:
        return f"the label format '{fmt}' must hold exactly one '{{:...}}' field, e.g. '{{:.1f}}%'."
    _literal, field_name, spec, conversion = fields_[0]
    if field_name not in ("", "0") or conversion is not None or "{" in (spec or ""):
        return f"the label format '{fmt}' may only hold a plain field such as '{{:,.0f}}'."
    try:
        fmt.format(1234.5)
    except (ValueError, TypeError) as exc:
        return f"the label format '{fmt}' does not format a number ({exc})."
    return ""


def _excel_format_ok(fmt: str) -> bool:
    if len(fmt) > 100 or fmt.count('"') % 2:
        return False
    unquoted = re.sub(r'"[^"]*"', "", fmt)
    return bool(re.search(r"[0#?]|General", unquoted)) and not re.search(r"[\x00-\x1f]", fmt)


def _choices(options: tuple[str, ...]) -> str:
    quoted = [f"'{o}'" for o in options]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}"


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


_STR_FIELDS = {
    "id",
    "dataset",
    "sheet",
    "measure",
    "number_format",
    "python_format",
    "title",
    "subtitle",
    "source_note",
    "x_dataset",
}
_CHOICE_FIELDS: dict[str, tuple[str, ...]] = {
    "kind": CHART_KINDS,
    "series_by": SERIES_BY,
    "sort": SORT_ORDERS,
    "legend": LEGEND_POSITIONS,
    "renderer": RENDERERS,
}
_BOOL_FIELDS = {"data_labels", "group_totals"}
_STR_LIST_FIELDS = {"countries", "highlight"}
_OPT_STR_FIELDS = {"x_title", "y_title"}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _read_field(key: str, value: Any) -> Any:
    where = f"chart.{key}"
    if key in _STR_FIELDS:
        if not isinstance(value, str):
            raise ValueError(f"{where} must be text, not {_type_name(value)}")
        return value
    if key in _CHOICE_FIELDS:
        options = _CHOICE_FIELDS[key]
        if not isinstance(value, str) or value not in options:
            raise ValueError(f"{where} must be one of {_choices(options)}, not {value!r}")
        return value
    if key in _BOOL_FIELDS:
        if not isinstance(value, bool):
            raise ValueError(f"{where} must be true or false, not {_type_name(value)}")
        return value
    if key in _OPT_STR_FIELDS:
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{where} must be text or null, not {_type_name(value)}")
        return value
    if key in _STR_LIST_FIELDS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{where} must be a list of text")
        return list(value)
    if key == "top_n":
        if value is not None and not _is_int(value):
            raise ValueError(f"{where} must be a whole number or null, not {_type_name(value)}")
        return value
    if key == "years":
        return _read_years(value, where)
    if key == "reference_lines":
        if not isinstance(value, list):
            raise ValueError(f"{where} must be a list")
        return [ReferenceLine.from_dict(v, f"{where}[{i}]") for i, v in enumerate(value)]
    raise ValueError(f"chart has an unknown key: {key}")  # pragma: no cover - guarded above


def _read_years(value: Any, where: str) -> YearSelection:
    if isinstance(value, list):
        if not all(_is_int(v) for v in value):
            raise ValueError(f"{where} must be a list of whole-number years")
        return cast(list[int], list(value))
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"start", "end"})
        if unknown or "start" not in value or "end" not in value:
            raise ValueError(f'{where} as a range must be {{"start": year, "end": year}}')
        start, end = value["start"], value["end"]
        if not (_is_int(start) and _is_int(end)):
            raise ValueError(f"{where}: start and end must be whole-number years")
        return (start, end)
    raise ValueError(
        f'{where} must be a list of years or a range {{"start": ..., "end": ...}}, '
        f"not {_type_name(value)}"
    )
