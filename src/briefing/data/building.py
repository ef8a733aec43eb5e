"""From a :class:`~briefing.data.source.Source` to an :class:`~briefing.data.table.ImportedTable`.

The header, the decimal separator and which columns hold text are found in the first records
(as rows of cells, as people see them); everything after that works on whole columns: blank and
missing cells, numbers as people write them, year columns, headings among the rows. The cell
rules are those of :mod:`~briefing.data.cells`, applied column-wise by
:mod:`~briefing.data.columns`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.data.cells import (
    CellValue,
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
from briefing.data.table import (
    HEADER_SCAN,
    KINDS,
    NUMERIC_SHARE,
    Column,
    ColumnKind,
    ColumnSpec,
    ColumnType,
    ImportedTable,
    fail_at,
    listing,
    quote,
)
from briefing.progress import ScaledProgress, step

if TYPE_CHECKING:
    from briefing.data.columns import Bools, Floats, Ints, Objects, RawColumn
    from briefing.data.source import Body, Source
    from briefing.errors import DataImportError
    from briefing.progress import ProgressSink

_DECIMAL_LOOK = 20_000  # cells looked at to tell the decimal separator


class TableBuilder:
    def __init__(
        self,
        source: Source,
        *,
        header_row: int | None,
        cell_range: str | None,
        decimal: str | None,
        columns: dict[str | int, ColumnSpec | ColumnKind],
        value_kind: ColumnKind | None,
        strict: bool,
    ) -> None:
        self.source = source
        self.path = source.path
        self.header_row = header_row
        self.cell_range = cell_range
        self.decimal = decimal
        self.specs = columns
        self.value_kind = value_kind
        self.strict = strict
        self.warnings = list(source.warnings)
        self.used_specs: set[str | int] = set()
        self.decimal_notes: list[str] = []  # told after the notes about lines and names
        self.where = f"sheet {source.sheet!r}" if source.sheet is not None else ""

    # -- helpers -------------------------------------------------------------------------------
    def fail(self, problem: str, hint: str = "", where: str | None = None) -> DataImportError:
        return fail_at(self.path, self.where if where is None else where, problem, hint)

    def col_label(self, col: int) -> str:
        return column_letter(col) if self.source.format != "text" else str(col)

    def cell_ref(self, row: int, col: int) -> str:
        if self.source.format != "text":
            return f"{self.where}, cell {column_letter(col)}{row}"
        return f"line {row}, column {col}"

    def row_ref(self, row: int) -> str:
        return f"row {row}" if self.source.format != "text" else f"line {row}"

    def rows_word(self, count: int) -> str:
        word = "line" if self.source.format == "text" else "row"
        return word if count == 1 else word + "s"

    def spec_for(
        self, name: str, header: str, year: int | None, *, peek: bool = False
    ) -> ColumnKind | None:
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
                kind = spec.kind if isinstance(spec, ColumnSpec) else spec
                if peek:
                    return kind
                self.used_specs.add(key)
                if kind not in KINDS:
                    raise self.fail(
                        f"column {name!r} is declared as {kind!r}; use one of {', '.join(KINDS)}.",
                        where="",
                    )
                return kind
        return None

    # -- steps ---------------------------------------------------------------------------------
    def build(self, progress: ProgressSink | None = None) -> ImportedTable:

        source = self.source
        step(progress, 0.0, "Reading the first lines")
        first_row, first_col, last_row, last_col = 1, 1, None, None
        if self.cell_range:
            try:
                first_row, first_col, last_row, last_col = parse_cell_range(self.cell_range)
            except ValueError as exc:
                raise self.fail(
                    str(exc) + ".", "Write the range as in Excel, such as A5:M40."
                ) from exc
            if self.header_row is not None and last_row is not None and self.header_row > last_row:
                raise self.fail(
                    f"the header row {self.header_row} is below the range.",
                    "Give a header row inside the range or above it.",
                )
        head = source.head(first_row, self.header_row or 0)
        keep = [i for i, n in enumerate(head.numbers) if last_row is None or n <= last_row]
        rows = [head.rows[i] for i in keep]
        numbers = [head.numbers[i] for i in keep]
        if self.cell_range and self.header_row is not None and self.header_row < first_row:
            # a header above the range: one row of years over several stacked tables
            above = source.head(self.header_row)
            if above.numbers and above.numbers[0] == self.header_row:
                rows.insert(0, above.rows[0])
                numbers.insert(0, above.numbers[0])
        if self.cell_range:
            rows = [r[first_col - 1 : last_col] for r in rows]
            self.where = (self.where + ", " if self.where else "") + f"range {self.cell_range}"
        filled = [i for i, r in enumerate(rows) if any(not is_blank(v) for v in r)]
        if not filled:
            if self.cell_range:
                raise self.fail("the range holds no values.", "Check the cell range.")
            if source.sheet is not None:
                raise self.fail("the sheet is empty.", "Choose another sheet.")
            raise self.fail("the file holds no values.", "Choose a file that holds a table.")

        header_i = self.find_header(rows, numbers, filled)
        header: list[CellValue] = list(rows[header_i]) if header_i is not None else []
        header_line = numbers[header_i] if header_i is not None else None
        start = first_row if header_line is None else max(first_row, header_line + 1)
        sample = [rows[i] for i in filled if numbers[i] >= start]
        head_width = max((len(r) for r in rows), default=0)
        line_width = max((len(r) for r in head.rows), default=0)

        decimal = self.decimal or self.infer_decimal(sample, head_width)
        text_columns = self.text_columns(header, sample, head_width, decimal)
        reading = ScaledProgress(progress, 0.0, 0.85)
        body = source.body(
            start,
            last_row,
            first_col,
            last_col,
            width=line_width,
            text_columns=text_columns,
            decimal=decimal,
            progress=reading,
        )
        step(progress, 0.85, "Cleaning the columns")
        return self.columns(body, header, header_i, header_line, (first_col, last_col), decimal)

    def columns(
        self,
        body: Body,
        header: list[CellValue],
        header_i: int | None,
        header_line: int | None,
        span: tuple[int, int | None],
        decimal: str,
    ) -> ImportedTable:
        import numpy as np
        import pandas as pd

        from briefing.data.columns import RawColumn

        source = self.source
        first_col = span[0]
        raw = body.columns
        n = len(body.numbers)
        blanks = [c.blank() for c in raw]
        nonblank = np.zeros(n, dtype=bool)
        for b in blanks:
            nonblank |= ~b
        data = np.flatnonzero(nonblank)
        if header_i is not None and not len(data):
            assert header_line is not None
            raise self.fail(
                f"there is a header ({self.row_ref(header_line)}) but no data below it.",
                "Check that you chose the right file, sheet or range.",
            )
        numbers = body.numbers[data]
        present = [bool((~b[data]).any()) for b in blanks]
        header_width = max((j + 1 for j, v in enumerate(header) if not is_blank(v)), default=0)
        width = max([header_width] + [j + 1 for j, p in enumerate(present) if p])
        if source.format == "text" and header_line is not None and body.field_counts:
            width = self.check_ragged(body, blanks, data, header_line, header_width, width, span)
        header += [None] * (width - len(header))
        while len(raw) < width:
            raw.append(RawColumn.of_cells([None] * n))
            blanks.append(np.ones(n, dtype=bool))
            present.append(False)

        # columns: drop the wholly blank ones
        cols = [j for j in range(width) if not is_blank(header[j]) or present[j]]
        cells: dict[int, RawColumn] = {j: raw[j].take(data) for j in cols}
        blank: dict[int, Bools] = {j: blanks[j][data] for j in cols}
        cols = self.merge_label_columns(cols, header, cells, blank, first_col)

        # names
        names: dict[int, str] = {}
        headers: dict[int, str] = {}
        years: dict[int, tuple[int, bool]] = {}
        seen: dict[str, int] = {}
        for j in cols:
            cell = header[j]
            text = clean_text(format_cell(cell)) if not is_blank(cell) else ""
            year = parse_year(cell) if not is_blank(cell) else None
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
        self.warnings += self.decimal_notes

        columns: list[Column] = []
        values: dict[str, Any] = {}
        types: dict[int, ColumnType] = {}
        for j in cols:
            year = years.get(j)
            col_type, col_values = self.type_column(
                j, names[j], headers[j], year, cells[j], numbers, first_col, decimal
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
        keep = np.ones(len(data), dtype=bool)
        if numeric:
            no_values = np.ones(len(data), dtype=bool)
            for j in numeric:
                no_values &= blank[j]
            filled = np.zeros(len(data), dtype=np.int64)
            for j in cols:
                filled += ~blank[j]
            headings = no_values & (filled <= 1)
            if headings.any():
                nums = numbers[headings]
                word = self.rows_word(len(nums))
                self.warnings.append(
                    f"Skipped {len(nums)} {word} with a label but no values "
                    f"(headings or notes): {word} {listing(nums.tolist())}."
                )
                keep = ~headings

        frame_data: dict[str, pd.Series[Any]] = {}
        for col in columns:
            kept = values[col.name][keep]
            if col.type == "text":
                frame_data[col.name] = pd.Series(kept, dtype="str")
            else:
                frame_data[col.name] = pd.Series(kept, dtype="float64")
        row_numbers = numbers[keep]
        frame = pd.DataFrame(frame_data, index=pd.RangeIndex(len(row_numbers)))

        col_at = {names[j]: first_col + j for j in cols}
        estimate_cells: set[tuple[int, str]] = set()
        if source.estimates:
            by_column = {first_col + j: names[j] for j in numeric}
            for number, at in source.estimates:
                estimated = by_column.get(at)
                if estimated is None:
                    continue
                pos = int(np.searchsorted(row_numbers, number))
                if pos < len(row_numbers) and row_numbers[pos] == number:
                    estimate_cells.add((pos, estimated))
        return ImportedTable(
            path=self.path,
            frame=frame,
            columns=columns,
            row_numbers=row_numbers,
            sheet=source.sheet,
            sheets=list(source.sheets),
            header_row=header_line,
            encoding=source.encoding,
            delimiter=source.delimiter,
            decimal=decimal,
            estimate_cells=frozenset(estimate_cells),
            warnings=self.warnings,
            complete=source.complete,
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
        scan = filled[:HEADER_SCAN]
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

    def infer_decimal(self, sample: list[list[CellValue]], width: int) -> str:
        """The decimal separator the sample's numbers are written with (column by column)."""
        votes = {".": 0, ",": 0}
        looked = 0
        for j in range(width):
            for row in sample:
                v = row[j] if j < len(row) else None
                if isinstance(v, str) and not v.isdigit():
                    guess = guess_decimal(v)
                    if guess:
                        votes[guess] += 1
                    looked += 1
            if looked > _DECIMAL_LOOK:
                break  # enough to decide

        if votes["."] and votes[","]:
            winner = "," if votes[","] > votes["."] else "."
            self.decimal_notes.append(
                f"Numbers are written both with decimal points ({votes['.']}) and decimal commas "
                f"({votes[',']}); read {winner!r} as the decimal separator."
            )
            return winner
        if votes[","]:
            return ","
        if votes["."]:
            return "."
        return "," if self.source.delimiter == ";" else "."

    def text_columns(
        self, header: list[CellValue], sample: list[list[CellValue]], width: int, decimal: str
    ) -> set[int]:
        """Columns to read as text: declared so, or holding text in the sample (a reader can
        then keep their distinct values once). Only a matter of speed: every column is typed
        on all its cells later."""
        out: set[int] = set()
        for j in range(width):
            cell = header[j] if j < len(header) else None
            if not is_blank(cell):
                year = parse_year(cell)
                name = str(year[0]) if year else clean_text(format_cell(cell))
                if self.spec_for(name, name, year[0] if year else None, peek=True) == "text":
                    out.add(j)
                    continue
            for row in sample:
                v = row[j] if j < len(row) else None
                if isinstance(v, str) and not is_missing(v) and number_of(v, decimal) is None:
                    out.add(j)
                    break
        return out

    def check_ragged(
        self,
        body: Body,
        blanks: list[Bools],
        data: Ints,
        header_line: int,
        header_width: int,
        width: int,
        span: tuple[int, int | None],
    ) -> int:
        import numpy as np

        assert body.field_counts is not None
        # a line with fewer fields than the header has nothing (not even an empty field) in the
        # header's last column: look only at lines with a blank there
        known = 0 < header_width <= len(blanks)
        maybe = data[blanks[header_width - 1][data]] if known else data
        short = np.zeros(0, dtype=np.int64)
        if header_width and len(maybe):
            counts = body.field_counts(maybe)
            if self.cell_range:  # fields counted from the range's first column
                first_col, last_col = span
                if last_col is not None:
                    counts = np.minimum(counts, last_col)
                counts = np.maximum(0, counts - (first_col - 1))
            short = body.numbers[maybe[counts < header_width]]
        extra = np.zeros(len(data), dtype=bool)
        for j in range(header_width, len(blanks)):
            extra |= ~blanks[j][data]
        long = data[extra]
        if len(short):
            subject = (
                f"Line {short[0]} has"
                if len(short) == 1
                else f"Lines {listing(short.tolist())} have"
            )
            self.warnings.append(
                f"{subject} fewer values than the header's {header_width} columns; "
                "the missing cells at the end were left empty."
            )
        if len(long):
            k = int(long[0])
            count = max(j + 1 for j in range(len(blanks)) if not blanks[j][k])
            problem = (
                f"line {body.numbers[k]} has {count} values but the header "
                f"(line {header_line}) names {header_width} columns"
            )
            if self.strict:
                hint = "Check that line for an extra delimiter"
                if self.source.delimiter == ",":
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
        cells: dict[int, RawColumn],
        blank: dict[int, Bools],
        first_col: int,
    ) -> list[int]:
        """Print layouts indent labels: NATO puts countries in column C and totals in B, both
        without a header. Such leading header-less text columns become one label column."""
        import numpy as np

        from briefing.data.columns import RawColumn

        lead: list[int] = []
        for j in cols:
            if not is_blank(header[j]):
                break
            lead.append(j)
        if len(lead) < 2 or len(lead) == len(cols):
            return cols
        count = np.zeros(len(blank[lead[0]]), dtype=np.int64)
        for j in lead:
            count += ~blank[j]
        if (count > 1).any():
            return cols
        for j in lead:
            numbers = cells[j].parse(".").numbers
            if (~np.isnan(numbers) & ~blank[j]).any():
                return cols
        merged: Objects = cells[lead[0]].values()
        for j in lead[1:]:
            take = ~blank[j]
            merged[take] = cells[j].values()[take]
        cells[lead[0]] = RawColumn(cells=merged)
        together = np.zeros(len(merged), dtype=bool)
        for j in lead:
            together |= ~blank[j]
        blank[lead[0]] = ~together
        letters = [self.col_label(first_col + j) for j in lead]
        self.warnings.append(
            f"Columns {', '.join(letters[:-1])} and {letters[-1]} have no header and hold the row "
            "labels at different indents; they were read as one label column."
        )
        return [lead[0]] + [j for j in cols if j not in lead]

    def type_column(
        self,
        j: int,
        name: str,
        header: str,
        year: tuple[int, bool] | None,
        raw: RawColumn,
        row_numbers: Ints,
        first_col: int,
        decimal: str,
    ) -> tuple[ColumnType, Objects | Floats]:
        import numpy as np

        kind = self.spec_for(name, header, year[0] if year else None)
        if kind is None and year is not None:
            kind = self.value_kind
        if kind == "text":
            return "text", raw.texts()
        parsed = raw.parse(decimal)
        found_mask = ~np.isnan(parsed.numbers)
        found = int(found_mask.sum())
        bad = np.flatnonzero(parsed.bad)
        present = found + len(bad)
        declared = kind is not None or year is not None
        if not declared and len(bad):
            _years, _estimates, is_year = raw.years()
            if is_year[bad].all() and is_year[found_mask].all():
                # years, some marked as estimates (2024e): kept as text for to_long to read
                return "text", raw.texts()
        if not declared:
            if present == 0:
                has_text = raw.has_text()
                return ("text" if has_text else "empty"), raw.texts()
            if found < max(1.0, NUMERIC_SHARE * present):
                return "text", raw.texts()
        if len(bad):
            refs = [
                f"{self.cell_ref(int(row_numbers[k]), first_col + j)}: {quote(raw.cell(int(k)))}"
                for k in bad[:3]
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
        percents = int((parsed.percent & found_mask).sum())
        out = parsed.numbers
        if kind == "fraction":
            out = np.where(parsed.percent, out, out * 100.0)
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
