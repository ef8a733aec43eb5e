"""The importer's results: an :class:`ImportedTable` of typed :class:`Column` s, and the words
(column kinds, names that say what a column is) that reading and reshaping share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefing.data.cells import CellValue, column_letter, format_cell
from briefing.errors import DataImportError

if TYPE_CHECKING:
    import pandas as pd

    from briefing.data.columns import Ints

ColumnKind = Literal["number", "percent", "fraction", "text"]
"""How to read a column: ``number`` as written; ``percent``: numbers are in percent units (a
``%`` sign is optional); ``fraction``: numbers are fractions (0.045) and become percent units
(4.5); ``text``: never a number."""

ColumnType = Literal["text", "number", "percent", "empty"]
"""What the importer found in a column."""

KINDS: tuple[str, ...] = ("number", "percent", "fraction", "text")
HEADER_SCAN = 30
NUMERIC_SHARE = 0.75
COUNTRY_NAMES = {
    "country",
    "countries",
    "country name",
    "name",
    "state",
    "member",
    "ally",
    "allies",
    "nation",
    "entity",
    "location",
    "area",
    "geo",
    "land",
    "pays",
    "label",
}
YEAR_NAMES = {"year", "years", "yr", "time", "period", "jahr", "année", "annee", "año", "anno"}
VALUE_NAMES = {"value", "values", "obs_value", "amount", "share", "total", "data", "figure"}
ESTIMATE_NAMES = {"estimate", "estimated", "estimates", "est", "is_estimate", "flag", "e"}
TRUE_FLAGS = {"true", "yes", "y", "1", "e", "est", "est.", "estimate", "estimated", "*", "wahr"}
FALSE_FLAGS = {"false", "no", "n", "0", "", "falsch"}


@dataclass(frozen=True)
class ColumnSpec:
    """How one column is to be read (see :data:`ColumnKind`)."""

    kind: ColumnKind = "number"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column kind must be one of {', '.join(KINDS)}, not {self.kind!r}")


ColumnSpecs = Mapping[str | int, "ColumnSpec | ColumnKind"]
"""Column declarations keyed by header text (any case) or, for year columns, by the year."""


@dataclass(frozen=True)
class Column:
    """One column of an :class:`ImportedTable`."""

    name: str
    """The name in :attr:`ImportedTable.frame`: the header, cleaned; a year column's year."""
    header: str
    """The header as the file shows it (``2024e``), or empty when the column had none."""
    type: ColumnType
    year: int | None = None
    """The year a wide table's column stands for (``2024e`` -> 2024)."""
    estimate: bool = False
    """The header marks the year as an estimate (``2024e``)."""
    position: str = ""
    """Where the column is: ``column C`` in a sheet, ``column 3`` in a text file."""

    @property
    def is_numeric(self) -> bool:
        return self.type != "text"


@dataclass
class ImportedTable:
    """A table read from a file: a frame with one column per :class:`Column`, and where it came
    from. Text columns hold ``str`` (NaN when blank), the others ``float`` (NaN when missing;
    percentages in percent units)."""

    path: Path
    frame: pd.DataFrame
    columns: list[Column]
    row_numbers: Ints
    """The line (text) or sheet row of each frame row."""
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    header_row: int | None = None
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str = "."
    estimate_cells: frozenset[tuple[int, str]] = frozenset()
    """``(frame row, column name)`` of cells the file marks as estimates (by font colour)."""
    warnings: list[str] = field(default_factory=list)
    complete: bool = True
    """False when only the first rows of the file were read (a quick preview)."""
    _columns_at: dict[str, int] = field(default_factory=dict, repr=False)

    def column(self, name: str) -> Column:
        """The column called ``name`` (any case); KeyError if there is none."""
        for col in self.columns:
            if col.name == name:
                return col
        for col in self.columns:
            if col.name.casefold() == name.casefold() or (
                col.header and col.header.casefold() == name.casefold()
            ):
                return col
        raise KeyError(name)

    @property
    def year_columns(self) -> list[Column]:
        return [c for c in self.columns if c.year is not None and c.is_numeric]

    def locate(self, row: int, column: str | None = None, *, sheet: bool = True) -> str:
        """Where frame row ``row`` (and ``column``) is in the file, for messages."""
        number = int(self.row_numbers[row])
        col_at = self._columns_at.get(column) if column is not None else None
        if self.sheet is not None:
            where = f"sheet {self.sheet!r}, " if sheet else ""
            where += f"cell {column_letter(col_at)}{number}" if col_at else f"row {number}"
        else:
            where = f"line {number}" + (f", column {col_at}" if col_at else "")
        if column is not None:
            where += f" (column {column!r})"
        return where


def fail_at(path: Path, where: str, problem: str, hint: str = "") -> DataImportError:
    prefix = f"{path}: {where}: " if where else f"{path}: "
    return DataImportError(prefix + problem, hint=hint, path=path)


def quote(value: CellValue) -> str:
    text = format_cell(value) if not isinstance(value, str) else value.strip()
    return repr(text if len(text) <= 40 else text[:37] + "...")


def listing(items: Sequence[object], limit: int = 5) -> str:
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
