"""The cell rules of :mod:`briefing.data.cells`, applied to whole columns at once.

A :class:`RawColumn` is one column of a table as a reader hands it over: numbers the reader
already parsed (pandas' C parser reads the plain numbers of a text file), or the cells
themselves, optionally as codes into their distinct values (a column of country names holds a
few dozen distinct strings however long it is). Everything here gives the same answer as the
one-cell-at-a-time functions in :mod:`~briefing.data.cells`, which stay the reference: the
common shapes (blank cells, plain numbers, percentages, missing markers) are recognised with
numpy's string functions, and the rare rest is handed to the cell functions, once per
distinct value.

numpy and pandas are imported inside the functions (and only for type checking here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.data.cells import (
    MISSING_MARKERS,
    CellValue,
    Percent,
    clean_text,
    format_cell,
    is_missing,
    number_of,
    parse_year,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float64]
    Bools = npt.NDArray[np.bool_]
    Ints = npt.NDArray[np.int64]
    Objects = npt.NDArray[np.object_]

_REST_BY_REGEX = 5_000
"""Above this many cells outside the common shapes, grouped numbers (1 234,5) are found with
a regular expression before the rest goes to the cell functions."""


@dataclass
class Parsed:
    """What the cells of a column hold as numbers; one entry per cell."""

    numbers: Floats
    """The number (NaN where the cell is missing or not a number)."""
    percent: Bools
    """The cell marks its number as a percentage (``4.1%``, or formatted so in a workbook)."""
    missing: Bools
    """Blank, or a missing-value marker (``...``, ``n/a``)."""
    bad: Bools
    """Present, but not a number."""


def _np() -> Any:
    import numpy as np

    return np


# --------------------------------------------------------------------------------------------
# on arrays of cells


def blank_cells(cells: Objects) -> Bools:
    """``is_blank`` per cell: None (or NaN from a reader), or text of whitespace only."""
    np = _np()
    import pandas as pd

    out: Bools = pd.isna(cells)
    strings = ~out & _is_str(cells)
    if strings.any():
        text = cells[strings].astype(np.dtypes.StringDType())
        out[strings] = (np.strings.str_len(text) == 0) | np.strings.isspace(text)
    return out


def _is_str(cells: Objects) -> Bools:
    """True where the cell is text (NaN and None are not)."""
    np = _np()
    import pandas as pd

    kind = pd.api.types.infer_dtype(cells, skipna=True)
    if kind == "string":
        result: Bools = ~pd.isna(cells)
        return result
    if kind == "empty":
        return np.zeros(len(cells), dtype=bool)  # type: ignore[no-any-return]
    return np.fromiter((type(v) is str for v in cells), dtype=bool, count=len(cells))  # type: ignore[no-any-return]


def _plain(np: Any, text: Any, decimal: str) -> tuple[Bools, Any]:
    """Which of ``text`` (StringDType) are plain numbers, ``-?\\d+(D\\d+)?`` with D the decimal
    separator (the cell rules' fast path), and those strings ready for ``float``."""
    negative = np.strings.startswith(text, "-")
    body = np.where(negative, np.strings.slice(text, 1, None), text)
    left, sep, right = np.strings.partition(body, np.array(decimal, dtype=np.dtypes.StringDType()))
    plain = np.strings.isdecimal(left) & (
        (np.strings.str_len(sep) == 0) | np.strings.isdecimal(right)
    )
    ready = text if decimal == "." else np.strings.replace(text, ",", ".")
    return plain, ready


def _floats(np: Any, text: Any) -> Floats:
    """``float()`` of each string (all known to read as numbers)."""
    if len(text) == 0:
        return np.zeros(0, dtype=np.float64)  # type: ignore[no-any-return]
    return text.astype(np.float64)  # type: ignore[no-any-return]


_MARKERS_LOWER = sorted(MISSING_MARKERS)


def parse_cells(cells: Objects, decimal: str) -> Parsed:
    """Each cell read as the cell rules read it (``is_missing``, then ``number_of``)."""
    np = _np()
    import pandas as pd

    n = len(cells)
    numbers = np.full(n, np.nan, dtype=np.float64)
    percent = np.zeros(n, dtype=bool)
    missing: Bools = pd.isna(cells)
    known = missing.copy()
    strings = ~known & _is_str(cells)

    # cells that are not text: numbers, dates (workbooks); few, one at a time
    others = np.flatnonzero(~known & ~strings)
    for k in others:
        value = cells[k]
        if is_missing(value):
            missing[k] = True
        else:
            number = number_of(value, decimal)
            if number is not None:
                numbers[k] = float(number)
                percent[k] = isinstance(number, Percent)
        known[k] = True

    where = np.flatnonzero(strings)
    if len(where):
        sub = _parse_strings(np, cells[where], decimal)
        numbers[where] = sub.numbers
        percent[where] = sub.percent
        missing[where] = sub.missing
        known[where] = True
    bad = ~missing & np.isnan(numbers)
    return Parsed(numbers, percent, missing, bad)


def _parse_strings(np: Any, values: Objects, decimal: str) -> Parsed:
    import pandas as pd

    string = np.dtypes.StringDType()
    text = values.astype(string)
    n = len(text)
    numbers = np.full(n, np.nan, dtype=np.float64)
    percent = np.zeros(n, dtype=bool)
    missing = (np.strings.str_len(text) == 0) | np.strings.isspace(text)
    known = missing.copy()

    plain, ready = _plain(np, text, decimal)
    plain &= ~known
    numbers[plain] = _floats(np, ready[plain])
    known |= plain

    rest = np.flatnonzero(~known)
    if len(rest):
        # missing markers as they are usually written (``n/a``, ``...``, ``#REF!``)
        lower = np.strings.lower(np.strings.strip(text[rest]))
        if len(rest) > 1_000:
            marked = np.isin(lower, np.array(_MARKERS_LOWER, dtype=string))
        else:
            marked = np.array([v in MISSING_MARKERS for v in lower.tolist()], dtype=bool)
        missing[rest[marked]] = True
        known[rest[marked]] = True

    rest = np.flatnonzero(~known & np.strings.endswith(text, "%"))
    if len(rest):
        # percentages: a plain number and a % sign, perhaps a space between
        core = np.strings.slice(text[rest], 0, -1)
        core = np.where(np.strings.endswith(core, " "), np.strings.slice(core, 0, -1), core)
        ok, ready = _plain(np, core, decimal)
        hits = rest[ok]
        numbers[hits] = _floats(np, ready[ok])
        percent[hits] = True
        known[hits] = True

    rest = np.flatnonzero(~known)
    if len(rest) > _REST_BY_REGEX:
        hits, values_found, pct = _grouped(np, pd, text[rest], decimal)
        numbers[rest[hits]] = values_found
        percent[rest[hits]] = pct
        known[rest[hits]] = True
        rest = np.flatnonzero(~known)
    if len(rest):
        # everything else, once per distinct text, by the cell rules themselves
        codes, uniques = pd.factorize(values[rest])
        u_missing = np.zeros(len(uniques), dtype=bool)
        u_numbers = np.full(len(uniques), np.nan, dtype=np.float64)
        u_percent = np.zeros(len(uniques), dtype=bool)
        for i, value in enumerate(uniques):
            if is_missing(value):
                u_missing[i] = True
                continue
            number = number_of(value, decimal)
            if number is not None:
                u_numbers[i] = float(number)
                u_percent[i] = isinstance(number, Percent)
        numbers[rest] = u_numbers[codes]
        missing[rest] = u_missing[codes]
        percent[rest] = u_percent[codes]
    bad = ~missing & np.isnan(numbers)
    return Parsed(numbers, percent, missing, bad)


def _grouped_pattern(decimal: str) -> str:
    seps = "".join(s for s in (",", ".", "'", " ") if s != decimal)
    dec = "\\" + decimal
    # one thousands separator used throughout, optional decimals, optional percent sign
    return (
        r"^(?P<sign>[-\u2212]?)(?P<int>\d{1,3}(?P<sep>[" + seps + r"])\d{3}(?:(?P=sep)\d{3})*)"
        r"(?:" + dec + r"(?P<frac>\d*))?(?P<pct> ?%)?$"
    )


def _grouped(np: Any, pd: Any, text: Any, decimal: str) -> tuple[Bools, Floats, Bools]:
    """Numbers with thousands separators (``1,234,567.5``, ``1 234,5``, ``-1.234 %``)."""
    series = pd.Series(text.astype(object), dtype=object)
    found = series.str.extract(_grouped_pattern(decimal))
    hits = found["int"].notna().to_numpy()
    if not hits.any():
        return hits, np.zeros(0, dtype=np.float64), np.zeros(0, dtype=bool)
    got = found[hits]
    whole = got["int"].str.replace(r"\D", "", regex=True)
    frac = got["frac"].fillna("")
    digits = (whole + "." + frac).where(frac != "", whole)
    values = _floats(np, digits.to_numpy(dtype=object).astype(np.dtypes.StringDType()))
    values = np.where(got["sign"].to_numpy() != "", -values, values)
    return hits, values, got["pct"].notna().to_numpy()


def text_cells(cells: Objects) -> Objects:
    """``text_of`` per cell: None for missing cells, else the cell as clean text."""
    return map_distinct(cells, _text_of)


def _text_of(value: CellValue) -> str | None:
    if is_missing(value):
        return None
    return clean_text(value) if isinstance(value, str) else clean_text(format_cell(value))


def map_distinct(cells: Objects, fn: Callable[[Any], Any]) -> Objects:
    """``fn`` of each cell, computed once per distinct text (and None for blank cells)."""
    np = _np()
    import pandas as pd

    if pd.api.types.infer_dtype(cells, skipna=True) not in ("string", "empty"):
        # numbers and dates: Percent(2.1) == 2.1 but they read differently, so one by one
        out = np.empty(len(cells), dtype=object)
        out[:] = [fn(None if v is None or v != v else v) for v in cells]
        return out  # type: ignore[no-any-return]
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [fn(v) for v in uniques]
    mapped[-1] = fn(None)
    return mapped[codes]  # type: ignore[no-any-return]


def year_cells(cells: Objects) -> tuple[Ints, Bools, Bools]:
    """``parse_year`` per cell: ``(year, estimate, is a year)``."""
    np = _np()
    parsed = map_distinct(cells, parse_year)
    ok = np.fromiter((p is not None for p in parsed), dtype=bool, count=len(parsed))
    years = np.zeros(len(parsed), dtype=np.int64)
    estimate = np.zeros(len(parsed), dtype=bool)
    if ok.any():
        chosen = parsed[ok]
        years[ok] = [p[0] for p in chosen]
        estimate[ok] = [p[1] for p in chosen]
    return years, estimate, ok


def year_numbers(values: Floats) -> Bools:
    """``parse_year`` is not None for each number (a whole number in the year range)."""
    np = _np()
    from briefing.data.cells import YEAR_MAX, YEAR_MIN

    with np.errstate(invalid="ignore"):
        ok = np.isfinite(values) & (values == np.floor(values))
        ok &= (values >= YEAR_MIN) & (values <= YEAR_MAX)
    return ok  # type: ignore[no-any-return]


# --------------------------------------------------------------------------------------------
# one column


class RawColumn:
    """One column of cells as read, in one of three forms.

    ``floats``: numbers the reader parsed, NaN for a blank cell. ``cells``: the cells, None for
    blank. ``cells`` with ``codes``: the column's distinct cells and, per row, the index of its
    cell (-1 for blank).
    """

    def __init__(
        self,
        *,
        floats: Floats | None = None,
        cells: Objects | None = None,
        codes: Ints | None = None,
    ) -> None:
        if (floats is None) == (cells is None):
            raise ValueError("a column holds either floats or cells")
        self.floats = floats
        self.cells = cells
        self.codes = codes

    @classmethod
    def of_cells(cls, cells: list[CellValue]) -> RawColumn:
        np = _np()
        array = np.empty(len(cells), dtype=object)
        array[:] = cells
        return cls(cells=array)

    def __len__(self) -> int:
        if self.floats is not None:
            return len(self.floats)
        if self.codes is not None:
            return len(self.codes)
        assert self.cells is not None
        return len(self.cells)

    def take(self, rows: Any) -> RawColumn:
        """The column at ``rows`` (an index array or a boolean mask)."""
        if self.floats is not None:
            return RawColumn(floats=self.floats[rows])
        if self.codes is not None:
            return RawColumn(cells=self.cells, codes=self.codes[rows])
        assert self.cells is not None
        return RawColumn(cells=self.cells[rows])

    def _per_cell(self, on_cells: Callable[[Objects], Any], blank: Any) -> Any:
        """``on_cells`` of the cells, spread over the rows when the column is coded."""
        np = _np()
        assert self.cells is not None
        result = on_cells(self.cells)
        if self.codes is None:
            return result
        full = np.empty(len(result) + 1, dtype=result.dtype)
        full[:-1] = result
        full[-1] = blank
        return full[self.codes]

    def blank(self) -> Bools:
        np = _np()
        if self.floats is not None:
            return np.isnan(self.floats)  # type: ignore[no-any-return]
        return self._per_cell(blank_cells, True)  # type: ignore[no-any-return]

    def has_text(self) -> bool:
        """Some cell is text that is not blank."""
        if self.floats is not None:
            return False
        assert self.cells is not None
        cells = self.cells
        text = _is_str(cells) & ~blank_cells(cells)
        if self.codes is None:
            return bool(text.any())
        used = _np().unique(self.codes[self.codes >= 0])
        return bool(text[used].any())

    def values(self) -> Objects:
        """The cells (numbers as floats, None for blank)."""
        np = _np()
        if self.floats is not None:
            out = self.floats.astype(object)
            out[np.isnan(self.floats)] = None
            return out
        return self._per_cell(lambda c: c, None)  # type: ignore[no-any-return]

    def cell(self, row: int) -> CellValue:
        if self.floats is not None:
            value = float(self.floats[row])
            return None if value != value else value
        if self.codes is not None:
            code = int(self.codes[row])
            assert self.cells is not None
            return None if code < 0 else self.cells[code]
        assert self.cells is not None
        return self.cells[row]  # type: ignore[no-any-return]

    def parse(self, decimal: str) -> Parsed:
        np = _np()
        if self.floats is not None:
            missing = np.isnan(self.floats)
            zeros = np.zeros(len(self.floats), dtype=bool)
            return Parsed(self.floats, zeros, missing, zeros.copy())
        assert self.cells is not None
        parsed = parse_cells(self.cells, decimal)
        if self.codes is None:
            return parsed
        spread = self._spread
        return Parsed(
            spread(parsed.numbers, np.nan),
            spread(parsed.percent, False),
            spread(parsed.missing, True),
            spread(parsed.bad, False),
        )

    def _spread(self, per_cell: Any, blank: Any) -> Any:
        np = _np()
        assert self.codes is not None
        full = np.empty(len(per_cell) + 1, dtype=per_cell.dtype)
        full[:-1] = per_cell
        full[-1] = blank
        return full[self.codes]

    def texts(self) -> Objects:
        """``text_of`` per row."""
        if self.floats is not None:
            return text_cells(self.values())
        return self._per_cell(text_cells, None)  # type: ignore[no-any-return]

    def years(self) -> tuple[Ints, Bools, Bools]:
        """``parse_year`` per row: ``(year, estimate, is a year)``."""
        np = _np()
        if self.floats is not None:
            ok = year_numbers(self.floats)
            years = np.where(ok, self.floats, 0).astype(np.int64)
            return years, np.zeros(len(ok), dtype=bool), ok
        if self.codes is None:
            assert self.cells is not None
            return year_cells(self.cells)
        assert self.cells is not None
        years, estimate, ok = year_cells(self.cells)
        return self._spread(years, 0), self._spread(estimate, False), self._spread(ok, False)
