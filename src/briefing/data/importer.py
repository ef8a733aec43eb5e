"""Import the tables people send (CSV/TSV/TXT, XLSX, ODS) as clean pandas frames.

:func:`read_table` finds the header (or takes the row or cell range it is given), names and types
the columns, reads numbers as people write them (decimal commas, thousands separators, ``2.1%``),
turns missing markers (``...``, ``n/a``, ``#REF!``, blanks) into NaN, never zero, and says in
:attr:`ImportedTable.warnings` what it had to guess or fix. :func:`to_long` turns a wide table
(years as columns) or a long one into the tidy ``country, year, value, estimate`` frame that a
:class:`~briefing.data.dataset.Dataset` holds. :func:`preview` shows the GUI what an import will
give, as plain data.

Every problem is a :class:`~briefing.errors.DataImportError` naming the file, the sheet and the
cell. pandas is imported inside the functions that need it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefing.data.cells import (
    CellValue,
    Percent,
    clean_text,
    column_letter,
    format_cell,
    guess_decimal,
    is_blank,
    is_missing,
    number_of,
    parse_cell_range,
    parse_year,
)
from briefing.data.names import normalise_country
from briefing.data.readers import Grid, delimiter_name, encoding_name, read_grid
from briefing.errors import DataImportError

if TYPE_CHECKING:
    import pandas as pd

ColumnKind = Literal["number", "percent", "fraction", "text"]
"""How to read a column: ``number`` as written; ``percent``: numbers are in percent units (a
``%`` sign is optional); ``fraction``: numbers are fractions (0.045) and become percent units
(4.5); ``text``: never a number."""

ColumnType = Literal["text", "number", "percent", "empty"]
"""What the importer found in a column."""

_KINDS: tuple[str, ...] = ("number", "percent", "fraction", "text")
_HEADER_SCAN = 30
_NUMERIC_SHARE = 0.75
_COUNTRY_NAMES = {
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
_YEAR_NAMES = {"year", "years", "yr", "time", "period", "jahr", "année", "annee", "año", "anno"}
_VALUE_NAMES = {"value", "values", "obs_value", "amount", "share", "total", "data", "figure"}
_ESTIMATE_NAMES = {"estimate", "estimated", "estimates", "est", "is_estimate", "flag", "e"}
_TRUE = {"true", "yes", "y", "1", "e", "est", "est.", "estimate", "estimated", "*", "wahr"}
_FALSE = {"false", "no", "n", "0", "", "falsch"}


@dataclass(frozen=True)
class ColumnSpec:
    """How one column is to be read (see :data:`ColumnKind`)."""

    kind: ColumnKind = "number"

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"column kind must be one of {', '.join(_KINDS)}, not {self.kind!r}")


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
    row_numbers: list[int]
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
        number = self.row_numbers[row]
        col_at = self._columns_at.get(column) if column is not None else None
        if self.sheet is not None:
            where = f"sheet {self.sheet!r}, " if sheet else ""
            where += f"cell {column_letter(col_at)}{number}" if col_at else f"row {number}"
        else:
            where = f"line {number}" + (f", column {col_at}" if col_at else "")
        if column is not None:
            where += f" (column {column!r})"
        return where


@dataclass(frozen=True)
class Preview:
    """What importing a file would give, for the GUI's import dialog (plain data, no Qt)."""

    path: Path
    columns: list[str]
    """Column headers as the file shows them (``2024e``), or ``Column C`` when there is none."""
    types: list[ColumnType]
    """What each column holds: ``text``, ``number``, ``percent`` or ``empty``."""
    rows: list[list[str]]
    """The first rows as the importer reads them, as text; missing values are empty."""
    sheets: list[str]
    """The workbook's sheets, to choose from (empty for text files)."""
    warnings: list[str]
    sheet: str | None = None
    header_row: int | None = None
    row_count: int = 0
    years: list[int | None] = field(default_factory=list)
    """Per column, the year it stands for in a wide table, else None."""
    estimate_years: list[int] = field(default_factory=list)
    shape: Literal["wide", "long", "unknown"] = "unknown"
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str = "."


def _fail(path: Path, where: str, problem: str, hint: str = "") -> DataImportError:
    prefix = f"{path}: {where}: " if where else f"{path}: "
    return DataImportError(prefix + problem, hint=hint, path=path)


def _quote(value: CellValue) -> str:
    text = format_cell(value) if not isinstance(value, str) else value.strip()
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _listing(items: Sequence[object], limit: int = 5) -> str:
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


# --------------------------------------------------------------------------------------------
# reading


def read_table(
    path: Path | str,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    cell_range: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    columns: ColumnSpecs | None = None,
    value_kind: ColumnKind | None = None,
    estimate_font_colours: Sequence[str] = (),
    strict: bool = True,
) -> ImportedTable:
    """Read the table in ``path``.

    ``sheet``: the workbook sheet (default: the first that holds anything). ``header_row``: the
    header's row or line number as the file shows it (1-based; default: detected).
    ``cell_range``: only this part of the sheet (``"A5:M40"``, ``"B8:N"``), for sheets that stack
    several tables; its first row is the header unless ``header_row`` says otherwise.
    ``encoding``, ``delimiter``, ``decimal`` (``"."`` or ``","``): override detection.
    ``columns``: :class:`ColumnSpec` or kind per column (header text or year).
    ``value_kind``: the kind of every year column of a wide table (``"fraction"`` for SIPRI's
    share of GDP). ``estimate_font_colours``: XLSX font colours (``"0000FF"``) that mark
    estimates. ``strict=False`` turns bad numbers into NaN plus a warning instead of an error.
    """
    path = Path(path)
    if decimal not in (None, ".", ","):
        raise _fail(path, "", f"the decimal separator must be '.' or ',', not {decimal!r}.")
    if header_row is not None and header_row < 1:
        raise _fail(path, "", f"the header row is counted from 1, not {header_row}.")
    if value_kind is not None and value_kind not in _KINDS:
        raise _fail(path, "", f"unknown value kind {value_kind!r}; use one of {', '.join(_KINDS)}.")
    grid = read_grid(
        path,
        sheet=sheet,
        encoding=encoding,
        delimiter=delimiter,
        estimate_font_colours=estimate_font_colours,
    )
    return _TableBuilder(
        grid,
        header_row=header_row,
        cell_range=cell_range,
        decimal=decimal,
        columns=dict(columns or {}),
        value_kind=value_kind,
        strict=strict,
    ).build()


class _TableBuilder:
    def __init__(
        self,
        grid: Grid,
        *,
        header_row: int | None,
        cell_range: str | None,
        decimal: str | None,
        columns: dict[str | int, ColumnSpec | ColumnKind],
        value_kind: ColumnKind | None,
        strict: bool,
    ) -> None:
        self.grid = grid
        self.path = grid.path
        self.header_row = header_row
        self.cell_range = cell_range
        self.decimal = decimal
        self.specs = columns
        self.value_kind = value_kind
        self.strict = strict
        self.warnings = list(grid.warnings)
        self.used_specs: set[str | int] = set()
        self.where = f"sheet {grid.sheet!r}" if grid.sheet is not None else ""

    # -- helpers -------------------------------------------------------------------------------
    def fail(self, problem: str, hint: str = "", where: str | None = None) -> DataImportError:
        return _fail(self.path, self.where if where is None else where, problem, hint)

    def col_label(self, col: int) -> str:
        return column_letter(col) if self.grid.format != "text" else str(col)

    def cell_ref(self, row: int, col: int) -> str:
        if self.grid.format != "text":
            return f"{self.where}, cell {column_letter(col)}{row}"
        return f"line {row}, column {col}"

    def row_ref(self, row: int) -> str:
        return f"row {row}" if self.grid.format != "text" else f"line {row}"

    def rows_word(self, count: int) -> str:
        word = "line" if self.grid.format == "text" else "row"
        return word if count == 1 else word + "s"

    def spec_for(self, name: str, header: str, year: int | None) -> ColumnKind | None:
        for key, spec in self.specs.items():
            hit = (
                (isinstance(key, int) and year is not None and key == year)
                or (
                    isinstance(key, str)
                    and key.strip().casefold() in (name.casefold(), header.casefold())
                )
                or (isinstance(key, str) and year is not None and key.strip() == str(year))
            )
            if hit:
                self.used_specs.add(key)
                kind = spec.kind if isinstance(spec, ColumnSpec) else spec
                if kind not in _KINDS:
                    raise self.fail(
                        f"column {name!r} is declared as {kind!r}; use one of {', '.join(_KINDS)}.",
                        where="",
                    )
                return kind
        return None

    # -- steps ---------------------------------------------------------------------------------
    def build(self) -> ImportedTable:
        grid = self.grid
        rows, numbers, lengths = grid.rows, grid.row_numbers, grid.lengths
        first_col = 1
        if self.cell_range:
            try:
                r1, c1, r2, c2 = parse_cell_range(self.cell_range)
            except ValueError as exc:
                raise self.fail(
                    str(exc) + ".", "Write the range as in Excel, such as A5:M40."
                ) from exc
            keep = [i for i, n in enumerate(numbers) if n >= r1 and (r2 is None or n <= r2)]
            if self.header_row is not None and self.header_row < r1:
                # a header above the range: one row of years over several stacked tables
                keep = [i for i, n in enumerate(numbers) if n == self.header_row] + keep
            elif self.header_row is not None and r2 is not None and self.header_row > r2:
                raise self.fail(
                    f"the header row {self.header_row} is below the range.",
                    "Give a header row inside the range or above it.",
                )
            rows = [rows[i][c1 - 1 : c2] for i in keep]
            numbers = [numbers[i] for i in keep]
            if lengths is not None:
                lengths = [max(0, min(lengths[i], c2 or lengths[i]) - (c1 - 1)) for i in keep]
            first_col = c1
            self.where = (self.where + ", " if self.where else "") + f"range {self.cell_range}"
        filled = [i for i, r in enumerate(rows) if any(not is_blank(v) for v in r)]
        if not filled:
            if self.cell_range:
                raise self.fail("the range holds no values.", "Check the cell range.")
            if grid.sheet is not None:
                raise self.fail("the sheet is empty.", "Choose another sheet.")
            raise self.fail("the file holds no values.", "Choose a file that holds a table.")

        header_i = self.find_header(rows, numbers, filled)
        data = [i for i in filled if header_i is None or i > header_i]
        if header_i is not None and not data:
            raise self.fail(
                f"there is a header ({self.row_ref(numbers[header_i])}) but no data below it.",
                "Check that you chose the right file, sheet or range.",
            )
        header: list[CellValue] = list(rows[header_i]) if header_i is not None else []
        header_width = max((j + 1 for j, v in enumerate(header) if not is_blank(v)), default=0)
        width = max(
            [header_width]
            + [
                max((j + 1 for j, v in enumerate(rows[i]) if not is_blank(v)), default=0)
                for i in data
            ]
        )
        if grid.format == "text" and header_i is not None and lengths is not None:
            width = self.check_ragged(rows, numbers, lengths, header_i, data, header_width, width)
        header += [None] * (width - len(header))

        # columns: drop the wholly blank ones
        cols = [
            j
            for j in range(width)
            if not is_blank(header[j]) or any(not is_blank(rows[i][j]) for i in data)
        ]
        cells = {j: [rows[i][j] if j < len(rows[i]) else None for i in data] for j in cols}
        cols = self.merge_label_columns(cols, header, cells, first_col)

        # names
        names: dict[int, str] = {}
        headers: dict[int, str] = {}
        years: dict[int, tuple[int, bool]] = {}
        seen: dict[str, int] = {}
        for j in cols:
            raw = header[j]
            text = clean_text(format_cell(raw)) if not is_blank(raw) else ""
            year = parse_year(raw) if not is_blank(raw) else None
            if year is not None:
                years[j] = year
                name = str(year[0])
            elif text:
                name = text
            else:
                name = f"Column {self.col_label(first_col + j)}"
            key = name.casefold()
            if key in seen:
                seen[key] += 1
                new = f"{name} ({seen[key]})"
                self.warnings.append(
                    f"Two columns are called {name!r}; the one in column "
                    f"{self.col_label(first_col + j)} was renamed {new!r}."
                )
                name = new
            else:
                seen[key] = 1
            names[j], headers[j] = name, text

        decimal = self.decimal or self.infer_decimal(cells)
        columns: list[Column] = []
        values: dict[str, list[object]] = {}
        types: dict[int, ColumnType] = {}
        for j in cols:
            year = years.get(j)
            col_type, col_values = self.type_column(
                j,
                names[j],
                headers[j],
                year,
                cells[j],
                [numbers[i] for i in data],
                first_col,
                decimal,
            )
            types[j] = col_type
            values[names[j]] = col_values
            columns.append(
                Column(
                    name=names[j],
                    header=headers[j],
                    type=col_type,
                    year=year[0] if year else None,
                    estimate=year[1] if year else False,
                    position=f"column {self.col_label(first_col + j)}",
                )
            )
        for spec_key, spec in self.specs.items():
            if spec_key not in self.used_specs:
                kind = spec.kind if isinstance(spec, ColumnSpec) else spec
                self.warnings.append(f"No column {spec_key!r} was found to read as {kind}.")

        # rows with a label and no values: section headings, notes, page numbers
        numeric = [j for j in cols if types[j] != "text"]
        keep_rows = list(range(len(data)))
        if numeric:
            headings = [
                k
                for k in keep_rows
                if all(is_blank(cells[j][k]) for j in numeric)
                and sum(not is_blank(cells[j][k]) for j in cols) <= 1
            ]
            if headings:
                nums = [numbers[data[k]] for k in headings]
                self.warnings.append(
                    f"Skipped {len(nums)} {self.rows_word(len(nums))} with a label but no values "
                    f"(headings or notes): {self.rows_word(len(nums))} {_listing(nums)}."
                )
                dropped = set(headings)
                keep_rows = [k for k in keep_rows if k not in dropped]

        import pandas as pd

        frame_data: dict[str, pd.Series] = {}
        for col in columns:
            kept = [values[col.name][k] for k in keep_rows]
            if col.type == "text":
                frame_data[col.name] = pd.Series(kept, dtype="str")
            else:
                frame_data[col.name] = pd.Series(
                    [float("nan") if v is None else v for v in kept], dtype="float64"
                )
        frame = pd.DataFrame(frame_data, index=pd.RangeIndex(len(keep_rows)))
        row_numbers = [numbers[data[k]] for k in keep_rows]

        col_at = {names[j]: first_col + j for j in cols}
        estimate_cells: set[tuple[int, str]] = set()
        if grid.estimates:
            for pos, k in enumerate(keep_rows):
                number = numbers[data[k]]
                for j in numeric:
                    if (number, first_col + j) in grid.estimates:
                        estimate_cells.add((pos, names[j]))
        return ImportedTable(
            path=self.path,
            frame=frame,
            columns=columns,
            row_numbers=row_numbers,
            sheet=grid.sheet,
            sheets=list(grid.sheets),
            header_row=numbers[header_i] if header_i is not None else None,
            encoding=grid.encoding,
            delimiter=grid.delimiter,
            decimal=decimal,
            estimate_cells=frozenset(estimate_cells),
            warnings=self.warnings,
            _columns_at=col_at,
        )

    def find_header(
        self, rows: list[list[CellValue]], numbers: list[int], filled: list[int]
    ) -> int | None:
        if self.header_row is not None:
            for i, n in enumerate(numbers):
                if n == self.header_row:
                    if all(is_blank(v) for v in rows[i]):
                        break
                    return i
            raise self.fail(
                f"the header {self.row_ref(self.header_row)} is blank or outside the table.",
                "Give the number of the row that holds the column names.",
            )
        # A header names the columns: two or more cells of text or years, no other numbers, no
        # missing-value markers. Titles above a table have fewer cells; data rows hold numbers.
        # Of the candidates above the first row of numbers, the one with most cells wins (the
        # last, on a tie: a row of years under a row of captions).
        scan = filled[:_HEADER_SCAN]
        counts = {i: sum(not is_blank(v) for v in rows[i]) for i in scan}
        widest = max(counts.values())
        candidates: list[int] = []
        first_numeric: int | None = None
        for i in scan:
            cells = [v for v in rows[i] if not is_blank(v)]
            if any(number_of(v) is not None and parse_year(v) is None for v in cells):
                first_numeric = i
                break
            if counts[i] < min(2, widest) or counts[i] < 0.5 * widest:
                continue
            if any(is_missing(v) for v in cells):
                continue
            candidates.append(i)
        if candidates:
            most = max(counts[i] for i in candidates)
            best = [i for i in candidates if counts[i] == most]
            return best[-1] if first_numeric is not None else best[0]
        self.warnings.append("No header row found; the columns are named by position.")
        return None

    def check_ragged(
        self,
        rows: list[list[CellValue]],
        numbers: list[int],
        lengths: list[int],
        header_i: int,
        data: list[int],
        header_width: int,
        width: int,
    ) -> int:
        short = [numbers[i] for i in data if lengths[i] < header_width]
        long = [i for i in data if any(not is_blank(v) for v in rows[i][header_width:])]
        if short:
            subject = f"Line {short[0]} has" if len(short) == 1 else f"Lines {_listing(short)} have"
            self.warnings.append(
                f"{subject} fewer values than the header's {header_width} columns; "
                "the missing cells at the end were left empty."
            )
        if long:
            i = long[0]
            count = max(j + 1 for j, v in enumerate(rows[i]) if not is_blank(v))
            problem = (
                f"line {numbers[i]} has {count} values but the header "
                f"(line {numbers[header_i]}) names {header_width} columns"
            )
            if self.strict:
                hint = "Check that line for an extra delimiter"
                if self.grid.delimiter == ",":
                    hint += " (a number with a decimal comma in a comma-separated file?)"
                raise self.fail(problem + ".", hint + ".", where="")
            self.warnings.append(
                problem[0].upper()
                + problem[1:]
                + "; the extra values were kept as unnamed columns."
                + (f" ({len(long) - 1} more such lines.)" if len(long) > 1 else "")
            )
            return width
        return header_width if header_width else width

    def merge_label_columns(
        self,
        cols: list[int],
        header: list[CellValue],
        cells: dict[int, list[CellValue]],
        first_col: int,
    ) -> list[int]:
        """Print layouts indent labels: NATO puts countries in column C and totals in B, both
        without a header. Such leading header-less text columns become one label column."""
        lead: list[int] = []
        for j in cols:
            if not is_blank(header[j]):
                break
            lead.append(j)
        if len(lead) < 2 or len(lead) == len(cols):
            return cols
        n = len(cells[lead[0]])
        for k in range(n):
            present = [cells[j][k] for j in lead if not is_blank(cells[j][k])]
            if len(present) > 1 or any(number_of(v) is not None for v in present):
                return cols
        merged = [
            next((cells[j][k] for j in lead if not is_blank(cells[j][k])), None) for k in range(n)
        ]
        cells[lead[0]] = merged
        letters = [self.col_label(first_col + j) for j in lead]
        self.warnings.append(
            f"Columns {', '.join(letters[:-1])} and {letters[-1]} have no header and hold the row "
            "labels at different indents; they were read as one label column."
        )
        return [lead[0]] + [j for j in cols if j not in lead]

    def infer_decimal(self, cells: dict[int, list[CellValue]]) -> str:
        votes = {".": 0, ",": 0}
        looked = 0
        for column in cells.values():
            for v in column:
                if isinstance(v, str) and not v.isdigit():
                    guess = guess_decimal(v)
                    if guess:
                        votes[guess] += 1
                    looked += 1
            if looked > 20_000:
                break  # enough to decide

        if votes["."] and votes[","]:
            winner = "," if votes[","] > votes["."] else "."
            self.warnings.append(
                f"Numbers are written both with decimal points ({votes['.']}) and decimal commas "
                f"({votes[',']}); read {winner!r} as the decimal separator."
            )
            return winner
        if votes[","]:
            return ","
        if votes["."]:
            return "."
        return "," if self.grid.delimiter == ";" else "."

    def type_column(
        self,
        j: int,
        name: str,
        header: str,
        year: tuple[int, bool] | None,
        raw: list[CellValue],
        row_numbers: list[int],
        first_col: int,
        decimal: str,
    ) -> tuple[ColumnType, list[object]]:
        kind = self.spec_for(name, header, year[0] if year else None)
        if kind is None and year is not None:
            kind = self.value_kind
        if kind == "text":
            return "text", [self.text_of(v) for v in raw]
        parsed: list[float | None] = []
        bad: list[int] = []
        for k, v in enumerate(raw):
            if is_missing(v):
                parsed.append(None)
                continue
            number = number_of(v, decimal)
            if number is None:
                bad.append(k)
            parsed.append(number)
        found = sum(p is not None for p in parsed)
        present = found + len(bad)
        declared = kind is not None or year is not None
        if (
            not declared
            and bad
            and all(parse_year(raw[k]) is not None for k in bad)
            and all(parse_year(raw[k]) is not None for k, p in enumerate(parsed) if p is not None)
        ):
            # years, some marked as estimates (2024e): kept as text for to_long to read
            return "text", [self.text_of(v) for v in raw]
        if not declared:
            if present == 0:
                return ("empty" if not any(isinstance(v, str) for v in raw) else "text"), [
                    None if is_missing(v) else self.text_of(v) for v in raw
                ]
            if found < max(1.0, _NUMERIC_SHARE * present):
                return "text", [self.text_of(v) for v in raw]
        if bad:
            refs = [
                f"{self.cell_ref(row_numbers[k], first_col + j)}: {_quote(raw[k])}" for k in bad[:3]
            ]
            more = f" (and {len(bad) - 3} more)" if len(bad) > 3 else ""
            problem = f"column {name!r} holds numbers, but not in " + "; ".join(refs) + more
            if self.strict:
                raise self.fail(
                    problem + ".",
                    "Correct the cell, mark a missing value as n/a or leave it empty, "
                    "or read the column as text.",
                    where="",
                )
            self.warnings.append(problem[0].upper() + problem[1:] + "; read as missing.")
        percents = sum(isinstance(p, Percent) for p in parsed)
        out: list[object] = []
        for p in parsed:
            if p is None:
                out.append(None)
            elif kind == "fraction" and not isinstance(p, Percent):
                out.append(float(p) * 100.0)
            else:
                out.append(float(p))
        if kind in ("percent", "fraction") or (found and percents == found):
            col_type: ColumnType = "percent"
        elif found == 0:
            col_type = "empty"
        else:
            col_type = "number"
        if kind in (None, "number") and 0 < percents < found:
            self.warnings.append(
                f"Column {name!r} mixes percentages and plain numbers; both were read as written."
            )
        return col_type, out

    @staticmethod
    def text_of(value: CellValue) -> str | None:
        if is_missing(value):
            return None
        return clean_text(format_cell(value)) if not isinstance(value, str) else clean_text(value)


# --------------------------------------------------------------------------------------------
# reshaping


def _find_column(table: ImportedTable, wanted: str | None, role: str) -> Column | None:
    if wanted is None:
        return None
    try:
        return table.column(wanted)
    except KeyError:
        listing = ", ".join(repr(c.name) for c in table.columns)
        raise _fail(
            table.path,
            f"sheet {table.sheet!r}" if table.sheet else "",
            f"there is no column {wanted!r} to use as the {role}. The columns are: {listing}.",
        ) from None


def table_shape(table: ImportedTable) -> Literal["wide", "long", "unknown"]:
    """``wide`` when years are columns, ``long`` when a year column and a value column are."""
    names = {c.name.casefold() for c in table.columns}
    if table.year_columns and not names & _YEAR_NAMES:
        return "wide"
    if names & _YEAR_NAMES or any(_looks_like_year_column(table, c) for c in table.columns):
        return "long"
    return "unknown"


def _looks_like_year_column(table: ImportedTable, col: Column) -> bool:
    series = table.frame[col.name]
    values = [v for v in series.tolist() if not (isinstance(v, float) and v != v)]
    if not values:
        return False
    return all(parse_year(v) is not None for v in values)


def _truthy(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return value == value and value != 0
    return str(value).strip().casefold() in _TRUE


def to_long(
    table: ImportedTable,
    *,
    country_column: str | None = None,
    year_column: str | None = None,
    value_column: str | None = None,
    estimate_column: str | None = None,
    normalise_names: bool = True,
) -> tuple[pd.DataFrame, list[str]]:
    """The table as a tidy frame ``country (str), year (int), value (float), estimate (bool)``.

    A wide table (years as columns) is melted; a long one is read through its country, year and
    value columns (found by name, or given). Country names go through
    :func:`~briefing.data.names.normalise_country` unless ``normalise_names`` is False. Returns the
    frame, countries in the file's order and years ascending, and warnings.
    """
    import pandas as pd

    path = table.path
    where = f"sheet {table.sheet!r}" if table.sheet else ""
    frame = table.frame
    notes: list[str] = []
    given_year = _find_column(table, year_column, "year column")
    given_value = _find_column(table, value_column, "value column")
    given_country = _find_column(table, country_column, "country column")
    given_estimate = _find_column(table, estimate_column, "estimate column")
    long = given_year is not None or given_value is not None or table_shape(table) == "long"

    text_cols = [c for c in table.columns if c.type == "text"]
    year_col: Column | None = None
    if long:
        year_col = given_year or next(
            (c for c in table.columns if c.name.casefold() in _YEAR_NAMES), None
        )
        if year_col is None:
            year_col = next(
                (
                    c
                    for c in table.columns
                    if c is not given_country and _looks_like_year_column(table, c)
                ),
                None,
            )
        if year_col is None:
            raise _fail(
                path, where, "found no year column.", "Name the column with the years 'year'."
            )
    country = given_country or next(
        (c for c in text_cols if c.name.casefold() in _COUNTRY_NAMES and c is not year_col), None
    )
    if country is None:
        country = next((c for c in text_cols if c is not year_col), None)
    if country is None:
        raise _fail(
            path,
            where,
            "found no column of country names (a column of text).",
            "Put the countries in the first column, or name the column 'country'.",
        )

    records: list[tuple[str, int, float, bool, int]] = []  # country, year, value, estimate, row
    labels = frame[country.name].tolist()
    unlabeled: list[int] = []
    if not long:
        year_cols = table.year_columns
        if not year_cols:
            raise _fail(path, where, "has no year columns (such as 2023 or 2024e).")
        columns_values = {c.name: frame[c.name].tolist() for c in year_cols}
        for k, label in enumerate(labels):
            row_values = [columns_values[c.name][k] for c in year_cols]
            if not isinstance(label, str) or not label.strip():
                if any(v == v for v in row_values):
                    raise _fail(
                        path,
                        "",
                        f"{table.locate(k)} has values but no country name.",
                        "Add the name, or leave the row out with a cell range.",
                    )
                unlabeled.append(table.row_numbers[k])
                continue
            for c, v in zip(year_cols, row_values, strict=True):
                assert c.year is not None
                estimate = c.estimate or (k, c.name) in table.estimate_cells
                records.append((label, c.year, float(v), estimate, k))
    else:
        assert year_col is not None
        value_col = given_value or next(
            (
                c
                for c in table.columns
                if c.name.casefold() in _VALUE_NAMES
                and c.is_numeric
                and c not in (year_col, country)
            ),
            None,
        )
        if value_col is None:
            numeric = [
                c
                for c in table.columns
                if c.is_numeric
                and c not in (year_col, country, given_estimate)
                and c.name.casefold() not in _ESTIMATE_NAMES
            ]
            if len(numeric) != 1:
                listing = ", ".join(repr(c.name) for c in numeric) or "none"
                raise _fail(
                    path,
                    where,
                    f"cannot tell which column holds the values (numeric columns: {listing}).",
                    "Name it 'value', or choose the value column.",
                )
            value_col = numeric[0]
        if not value_col.is_numeric:
            raise _fail(
                path, where, f"the value column {value_col.name!r} holds text, not numbers."
            )
        estimate_col = given_estimate or next(
            (
                c
                for c in table.columns
                if c.name.casefold() in _ESTIMATE_NAMES and c not in (year_col, country, value_col)
            ),
            None,
        )
        years_raw = frame[year_col.name].tolist()
        values_raw = frame[value_col.name].tolist()
        flags = frame[estimate_col.name].tolist() if estimate_col is not None else None
        for k, label in enumerate(labels):
            value = float(values_raw[k])
            if not isinstance(label, str) or not label.strip():
                if value == value:
                    raise _fail(path, "", f"{table.locate(k)} has a value but no country name.")
                unlabeled.append(table.row_numbers[k])
                continue
            raw_year = years_raw[k]
            parsed = None if raw_year != raw_year else parse_year(raw_year)
            if parsed is None:
                raise _fail(
                    path,
                    "",
                    f"{table.locate(k, year_col.name)}: {format_cell(raw_year)!r} is not a year.",
                    "Years are four digits, such as 2024 or 2024e for an estimate.",
                )
            year, estimate = parsed
            if flags is not None:
                estimate = estimate or _truthy(flags[k])
            estimate = estimate or (k, value_col.name) in table.estimate_cells
            records.append((label, year, value, estimate, k))
    if unlabeled:
        notes.append(
            f"Skipped {len(unlabeled)} row(s) with no country name and no values: "
            f"{_listing(unlabeled)}."
        )

    renamed: dict[str, str] = {}
    seen: dict[tuple[str, int], int] = {}
    countries: list[str] = []
    years: list[int] = []
    values: list[float] = []
    estimates: list[bool] = []
    names: dict[str, str] = {}
    for label, year, value, estimate, k in records:
        name = names.get(label)
        if name is None:
            name = normalise_country(label) if normalise_names else clean_text(label)
            names[label] = name
        if name != label.strip():
            renamed.setdefault(label.strip(), name)
        if (name, year) in seen:
            first = seen[(name, year)]
            raise _fail(
                path,
                where,
                f"{name!r} has two values for {year}, in "
                f"{table.locate(first, sheet=False)} and {table.locate(k, sheet=False)}.",
                "The sheet may hold several tables: choose a cell range around one of them.",
            )
        seen[(name, year)] = k
        countries.append(name)
        years.append(year)
        values.append(value)
        estimates.append(estimate)
    if renamed:
        shown = [f"{a!r} -> {b!r}" for a, b in list(renamed.items())]
        notes.append(f"Country names tidied: {_listing(shown, 8)}.")

    order = {name: i for i, name in enumerate(dict.fromkeys(countries))}
    out = pd.DataFrame(
        {
            "country": pd.Series(countries, dtype="str"),
            "year": pd.Series(years, dtype="int64"),
            "value": pd.Series(values, dtype="float64"),
            "estimate": pd.Series(estimates, dtype="bool"),
        }
    )
    out["_order"] = [order[c] for c in countries]
    out = out.sort_values(["_order", "year"], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True), notes


def long_to_wide(frame: pd.DataFrame) -> pd.DataFrame:
    """A tidy ``country, year, value`` frame as countries (rows, in order) x years (columns)."""
    order = list(dict.fromkeys(frame["country"].tolist()))
    years = sorted({int(y) for y in frame["year"].tolist()})
    wide = frame.pivot(index="country", columns="year", values="value")
    wide = wide.reindex(index=order, columns=years)
    wide.index.name = "country"
    wide.columns.name = "year"
    return wide


def wide_to_long(wide: pd.DataFrame, *, estimate_years: Sequence[int] = ()) -> pd.DataFrame:
    """Countries (index) x years (columns) back to the tidy ``country, year, value, estimate``."""
    import pandas as pd

    estimated = set(estimate_years)
    countries: list[str] = []
    years: list[int] = []
    values: list[float] = []
    for country, row in wide.iterrows():
        for year, value in row.items():
            countries.append(str(country))
            years.append(int(str(year)))
            values.append(float(value))
    return pd.DataFrame(
        {
            "country": pd.Series(countries, dtype="str"),
            "year": pd.Series(years, dtype="int64"),
            "value": pd.Series(values, dtype="float64"),
            "estimate": pd.Series([y in estimated for y in years], dtype="bool"),
        }
    )


# --------------------------------------------------------------------------------------------
# preview


def preview(
    path: Path | str,
    sheet: str | None = None,
    rows: int = 10,
    *,
    header_row: int | None = None,
    cell_range: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    columns: ColumnSpecs | None = None,
    value_kind: ColumnKind | None = None,
) -> Preview:
    """What :func:`read_table` makes of ``path``: columns, their types, the first ``rows`` rows.

    Cells that should be numbers but are not become warnings here rather than errors, so the
    import dialog can show them; a file that cannot be read at all still raises
    :class:`DataImportError`.
    """
    table = read_table(
        path,
        sheet=sheet,
        header_row=header_row,
        cell_range=cell_range,
        encoding=encoding,
        delimiter=delimiter,
        decimal=decimal,
        columns=columns,
        value_kind=value_kind,
        strict=False,
    )
    head = table.frame.head(max(0, rows))
    shown: list[list[str]] = []
    for record in head.itertuples(index=False, name=None):
        line: list[str] = []
        for value in record:
            if isinstance(value, float):
                line.append(format_cell(value))
            elif isinstance(value, str):
                line.append(value)
            else:
                line.append("" if value is None else str(value))
        shown.append(line)
    return Preview(
        path=table.path,
        columns=[c.header or c.name for c in table.columns],
        types=[c.type for c in table.columns],
        rows=shown,
        sheets=list(table.sheets),
        warnings=list(table.warnings),
        sheet=table.sheet,
        header_row=table.header_row,
        row_count=len(table.frame),
        years=[c.year for c in table.columns],
        estimate_years=sorted({c.year for c in table.year_columns if c.estimate and c.year}),
        shape=table_shape(table),
        encoding=encoding_name(table.encoding) if table.encoding else None,
        delimiter=delimiter_name(table.delimiter) if table.delimiter else None,
        decimal=table.decimal,
    )
