"""Open a data file for the importer: text files (see :mod:`~briefing.data.textfile`), XLSX, ODS.

:func:`open_source` sniffs what a file is from its first bytes, refuses what it cannot read with
a message saying why (an old .xls, a PDF, a damaged zip, a file too large), and returns a
:class:`~briefing.data.source.Source`. A workbook sheet is read cell by cell (openpyxl, odfpy)
into a :class:`Grid` first. Every file is untrusted: anything unexpected becomes a
:class:`DataImportError`.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.data.cells import CellValue, Percent
from briefing.data.source import (
    HEAD_RECORDS,
    MAX_COLUMNS,
    Body,
    Format,
    Records,
    Source,
    fail,
)
from briefing.errors import DataImportError

if TYPE_CHECKING:
    from briefing.progress import ProgressSink

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_EMPTY_RUN = 10_000  # stop reading a sheet after this many blank rows in a row

_XLSX_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}


@dataclass
class Grid:
    """The cells of one workbook sheet, as read.

    ``rows[i][j]`` is the cell in row ``row_numbers[i]`` (1-based sheet row) and column
    ``j + 1``. Blank cells are ``None``.
    """

    path: Path
    format: Format
    rows: list[list[CellValue]]
    row_numbers: list[int]
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    estimates: set[tuple[int, int]] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    complete: bool = True
    """False when reading stopped after the first rows (a quick preview)."""


# --------------------------------------------------------------------------------------------
# format detection


def sniff_format(path: Path, head: bytes) -> Format:
    """What kind of file ``path`` is, from its first bytes first and its name second."""
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "mimetype" in names:
                    mimetype = zf.read("mimetype")[:100]
                    if b"opendocument.spreadsheet" in mimetype:
                        return "ods"
                    raise fail(
                        path,
                        f"is an OpenDocument file ({mimetype.decode('ascii', 'replace')}), "
                        "not a spreadsheet.",
                        "Save the table as .ods, .xlsx or .csv.",
                    )
                if "content.xml" in names:
                    return "ods"
                if "word/document.xml" in names or "ppt/presentation.xml" in names:
                    raise fail(
                        path,
                        "is a Word or PowerPoint file, not a table.",
                        "Save the table as .xlsx, .ods or .csv.",
                    )
        except zipfile.BadZipFile as exc:
            raise fail(
                path,
                f"looks like a zip file (as .xlsx and .ods files are) but is damaged: {exc}.",
                "Open it in your spreadsheet program and save it again.",
            ) from exc
        raise fail(path, "is a zip archive, not a spreadsheet.", "Unzip it first.")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise fail(
            path,
            "is an old-style Excel 97-2003 (.xls) workbook, which briefing cannot read.",
            "Open it in Excel or LibreOffice and save it as .xlsx, .ods or .csv.",
        )
    if head.startswith(b"%PDF"):
        raise fail(path, "is a PDF document, not a table.", "Export the table as .csv or .xlsx.")
    if suffix in _XLSX_SUFFIXES or suffix == ".ods":
        raise fail(
            path,
            f"has the extension {suffix} but is not a {suffix[1:].upper()} workbook.",
            "Check that you chose the right file; open it and save it again as .xlsx or .csv.",
        )
    return "text"


def open_source(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    estimate_font_colours: Sequence[str] = (),
    quick: bool = False,
) -> Source:
    """Open ``path`` for the importer (for a workbook, one sheet).

    ``quick``: read only the start of the file, for a preview (a text file's first megabyte,
    a workbook's first rows); :attr:`Source.complete` then says whether that was all of it.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError as exc:
        raise fail(path, "does not exist.", "Check the file name and folder.") from exc
    except IsADirectoryError as exc:
        raise fail(path, "is a folder, not a file.") from exc
    except OSError as exc:
        raise fail(path, f"cannot be opened: {exc.strerror or exc}.") from exc
    if size == 0:
        raise fail(path, "is empty (0 bytes).", "Choose a file that holds a table.")
    if size > MAX_FILE_BYTES:
        raise fail(
            path,
            f"is too large to import ({size / 1e6:.0f} MB; the limit is "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB).",
            "Cut the table down to the rows and columns you need.",
        )
    kind = sniff_format(path, head)
    limit = HEAD_RECORDS if quick else None
    if kind == "xlsx":
        grid = read_xlsx(
            path, sheet=sheet, estimate_font_colours=estimate_font_colours, max_rows=limit
        )
        return WorkbookSource.of_grid(grid)
    if kind == "ods":
        return WorkbookSource.of_grid(read_ods(path, sheet=sheet, max_rows=limit))
    if sheet is not None:
        raise fail(
            path,
            f"is a text file and has no sheets (asked for sheet {sheet!r}).",
            "Leave the sheet empty for CSV and text files.",
        )
    from briefing.data.textfile import PREVIEW_BYTES, TextSource

    try:
        with path.open("rb") as fh:
            data = fh.read(PREVIEW_BYTES if quick else -1)
    except OSError as exc:
        raise fail(path, f"cannot be read: {exc.strerror or exc}.") from exc
    return TextSource(
        path, data, complete=len(data) >= size, encoding=encoding, delimiter=delimiter
    )


class WorkbookSource(Source):
    """A sheet of a workbook, every cell already read (by openpyxl or odfpy)."""

    rows: list[list[CellValue]]
    numbers: list[int]

    @classmethod
    def of_grid(cls, grid: Grid) -> WorkbookSource:
        source = cls(
            path=grid.path,
            format=grid.format,
            sheet=grid.sheet,
            sheets=list(grid.sheets),
            estimates=set(grid.estimates),
            warnings=list(grid.warnings),
            complete=grid.complete,
        )
        source.rows, source.numbers = grid.rows, grid.row_numbers
        return source

    def head(self, first: int = 1, through: int = 0) -> Records:
        at = next((i for i, n in enumerate(self.numbers) if n >= first), len(self.numbers))
        return Records(self.rows[at:], self.numbers[at:], None, complete=self.complete)

    def body(
        self,
        first: int,
        last: int | None,
        first_col: int,
        last_col: int | None,
        *,
        width: int,
        text_columns: set[int],
        decimal: str,
        progress: ProgressSink | None = None,
    ) -> Body:
        import numpy as np

        from briefing.data.columns import RawColumn

        keep = [i for i, n in enumerate(self.numbers) if n >= first and (last is None or n <= last)]
        rows = [self.rows[i] for i in keep]
        full = max((len(r) for r in rows), default=0)
        stop = full if last_col is None else min(last_col, full)
        columns = [
            RawColumn.of_cells([r[j] if j < len(r) else None for r in rows])
            for j in range(first_col - 1, stop)
        ]
        numbers = np.array([self.numbers[i] for i in keep], dtype=np.int64)
        return Body(numbers, columns)


# --------------------------------------------------------------------------------------------
# workbooks


def _choose_sheet(path: Path, wanted: str | None, available: list[str], nonempty: list[str]) -> str:
    if wanted is None:
        if not available:
            raise fail(path, "has no sheets.")
        return nonempty[0] if nonempty else available[0]
    if wanted in available:
        return wanted
    folded = {name.strip().casefold(): name for name in available}
    match = folded.get(wanted.strip().casefold())
    if match is not None:
        return match
    listing = ", ".join(repr(s) for s in available)
    raise fail(
        path,
        f"has no sheet named {wanted!r}. Its sheets are: {listing}.",
        "Choose one of those sheets.",
    )


def _rgb_hex(colour: Any, palette: Sequence[str]) -> str | None:
    """The RRGGBB of an openpyxl colour (rgb or indexed), or None (theme, auto, unset)."""
    if colour is None:
        return None
    kind = getattr(colour, "type", None)
    if kind == "rgb" and isinstance(colour.rgb, str):
        return colour.rgb[-6:].upper()
    if kind == "indexed" and isinstance(colour.indexed, int) and colour.indexed < len(palette):
        return palette[colour.indexed][-6:].upper()
    return None


def _xlsx_value(cell: Any) -> CellValue:
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        fmt = cell.number_format
        if isinstance(fmt, str) and "%" in fmt and not fmt.startswith("@"):
            return Percent(value * 100)
        return value
    if isinstance(value, datetime | date | time):
        return value
    if isinstance(value, str):
        return value if value.strip() else None
    return str(value)


def _xlsx_sheet_rows(
    ws: Any, wanted_colours: set[str], palette: Sequence[str], max_rows: int | None
) -> tuple[list[list[CellValue]], list[int], set[tuple[int, int]], bool]:
    rows: list[list[CellValue]] = []
    numbers: list[int] = []
    estimates: set[tuple[int, int]] = set()
    empty_run = 0
    ws.reset_dimensions()  # some writers store a wrong size; read what is there
    for row_number, row in enumerate(ws.iter_rows(), start=1):
        if max_rows is not None and len(rows) >= max_rows:
            return rows, numbers, estimates, False
        values = [_xlsx_value(cell) for cell in row[:MAX_COLUMNS]]
        while values and values[-1] is None:
            values.pop()
        if not values:
            empty_run += 1
            if empty_run > MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        if wanted_colours:
            for col, cell in enumerate(row[: len(values)], start=1):
                if values[col - 1] is None:
                    continue
                font = getattr(cell, "font", None)
                if _rgb_hex(getattr(font, "color", None), palette) in wanted_colours:
                    estimates.add((row_number, col))
        rows.append(values)
        numbers.append(row_number)
    return rows, numbers, estimates, True


def read_xlsx(
    path: Path,
    *,
    sheet: str | None = None,
    estimate_font_colours: Sequence[str] = (),
    max_rows: int | None = None,
) -> Grid:
    """Read one sheet of an Excel workbook (values as last calculated, not formulas).

    Without ``sheet``, the first sheet that holds anything. Cells whose font colour is one of
    ``estimate_font_colours`` (``"0000FF"``) are reported in :attr:`Grid.estimates`: some
    publishers (SIPRI) mark estimates only by colour. ``max_rows``: stop after that many rows
    that hold anything.
    """
    import openpyxl
    from openpyxl.styles.colors import COLOR_INDEX

    wanted_colours = {c.strip().lstrip("#").upper()[-6:] for c in estimate_font_colours}
    try:
        # openpyxl warns about workbook features it drops (data validation, ...): not the
        # user's concern when we only read values.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise fail(
            path,
            f"cannot be read as an Excel workbook ({type(exc).__name__}: {exc}).",
            "Open it in Excel or LibreOffice and save it again as .xlsx.",
        ) from exc
    notes: list[str] = []
    try:
        available = list(wb.sheetnames)
        if sheet is not None:
            candidates = [_choose_sheet(path, sheet, available, available)]
        else:
            candidates = available
        if not candidates:
            raise fail(path, "has no sheets.")
        palette = list(getattr(wb, "_colors", None) or COLOR_INDEX)
        rows: list[list[CellValue]] = []
        numbers: list[int] = []
        estimates: set[tuple[int, int]] = set()
        complete = True
        skipped: list[str] = []
        name = candidates[0]
        for name in candidates:
            ws = wb[name]
            if not hasattr(ws, "iter_rows"):
                if sheet is not None:
                    raise fail(
                        path, f"sheet {name!r} is a chart, not a table.", "Choose another sheet."
                    )
                skipped.append(name)
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rows, numbers, estimates, complete = _xlsx_sheet_rows(
                    ws, wanted_colours, palette, max_rows
                )
            if rows:
                break
            skipped.append(name)
        if sheet is None and skipped and rows:
            listing = ", ".join(repr(s) for s in skipped)
            notes.append(f"Read sheet {name!r}: the sheets before it ({listing}) hold no table.")
    except DataImportError:
        raise
    except Exception as exc:
        raise fail(
            path,
            f"cannot be read as an Excel workbook ({type(exc).__name__}: {exc}).",
            "Open it in Excel or LibreOffice and save it again as .xlsx.",
        ) from exc
    finally:
        wb.close()
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([None] * (width - len(r)))
    return Grid(
        path=path,
        format="xlsx",
        rows=rows,
        row_numbers=numbers,
        sheet=name,
        sheets=available,
        estimates=estimates,
        warnings=notes,
        complete=complete,
    )


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$")


def _qname(node: Any) -> tuple[str, str]:
    q = getattr(node, "qname", None)
    return q if isinstance(q, tuple) else ("", "")


def _attr(node: Any, ns: str, name: str) -> str | None:
    value = node.attributes.get((ns, name))
    return value if isinstance(value, str) else None


def _repeat(node: Any, name: str) -> int:
    raw = _attr(node, _TABLE, name)
    try:
        return max(1, int(raw)) if raw else 1
    except ValueError:
        return 1


def _ods_text(node: Any) -> str:
    parts: list[str] = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(str(child.data))
            continue
        ns, local = _qname(child)
        if ns == _TEXT and local == "s":
            count = _attr(child, _TEXT, "c")
            parts.append(" " * (int(count) if count and count.isdigit() else 1))
        elif ns == _TEXT and local == "tab":
            parts.append("\t")
        elif ns == _TEXT and local == "line-break":
            parts.append("\n")
        elif ns == _TEXT and local == "note":
            continue
        else:
            parts.append(_ods_text(child))
    return "".join(parts)


def _ods_value(cell: Any) -> CellValue:
    kind = _attr(cell, _OFFICE, "value-type")
    if kind in ("float", "currency", "percentage"):
        raw = _attr(cell, _OFFICE, "value")
        try:
            number = float(raw) if raw is not None else None
        except ValueError:
            number = None
        if number is not None:
            if kind == "percentage":
                return Percent(number * 100)
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "date":
        raw = _attr(cell, _OFFICE, "date-value")
        if raw and _ISO_DATE.match(raw):
            try:
                return datetime.fromisoformat(raw) if "T" in raw else date.fromisoformat(raw)
            except ValueError:
                pass
    if kind == "boolean":
        raw = _attr(cell, _OFFICE, "boolean-value")
        return "TRUE" if raw == "true" else "FALSE"
    paragraphs = [
        _ods_text(p) for p in cell.childNodes if _qname(p) in ((_TEXT, "p"), (_TEXT, "h"))
    ]
    text = "\n".join(paragraphs)
    if not text.strip():
        raw = _attr(cell, _OFFICE, "string-value")
        text = raw or ""
    return text if text.strip() else None


def _ods_rows(table: Any) -> Iterator[tuple[list[CellValue], int]]:
    """Each row of an ODS table as ``(cells, repeat count)``, walking row groups."""
    for node in table.childNodes:
        ns, local = _qname(node)
        if ns != _TABLE:
            continue
        if local == "table-row":
            cells: list[CellValue] = []
            for cell in node.childNodes:
                if _qname(cell) not in ((_TABLE, "table-cell"), (_TABLE, "covered-table-cell")):
                    continue
                repeat = _repeat(cell, "number-columns-repeated")
                value = _ods_value(cell) if _qname(cell)[1] == "table-cell" else None
                if value is None and len(cells) + repeat > MAX_COLUMNS:
                    break  # the usual run of blank cells to the sheet's last column
                cells.extend([value] * min(repeat, MAX_COLUMNS))
                if len(cells) >= MAX_COLUMNS:
                    break
            while cells and cells[-1] is None:
                cells.pop()
            yield cells, _repeat(node, "number-rows-repeated")
        elif local in ("table-row-group", "table-header-rows", "table-rows"):
            yield from _ods_rows(node)


def read_ods(path: Path, *, sheet: str | None = None, max_rows: int | None = None) -> Grid:
    """Read one sheet of an OpenDocument spreadsheet (``max_rows``: stop after that many rows
    that hold anything)."""
    try:
        from odf.opendocument import load
        from odf.table import Table

        doc = load(str(path))
        tables = list(doc.spreadsheet.getElementsByType(Table))
    except Exception as exc:
        raise fail(
            path,
            f"cannot be read as an OpenDocument spreadsheet ({type(exc).__name__}: {exc}).",
            "Open it in LibreOffice and save it again as .ods.",
        ) from exc
    names = [_attr(t, _TABLE, "name") or f"Sheet{i + 1}" for i, t in enumerate(tables)]
    by_name = dict(zip(names, tables, strict=True))
    if sheet is None:
        nonempty = [n for n, t in by_name.items() if any(cells for cells, _ in _ods_rows(t))]
    else:
        nonempty = names
    name = _choose_sheet(path, sheet, names, nonempty)
    rows: list[list[CellValue]] = []
    numbers: list[int] = []
    row_number = 1
    complete = True
    for cells, repeat in _ods_rows(by_name[name]):
        if max_rows is not None and len(rows) >= max_rows:
            complete = False
            break
        if cells:
            for k in range(min(repeat, 100_000)):
                rows.append(list(cells))
                numbers.append(row_number + k)
        row_number += repeat
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([None] * (width - len(r)))
    return Grid(
        path=path,
        format="ods",
        rows=rows,
        row_numbers=numbers,
        sheet=name,
        sheets=names,
        complete=complete,
    )
