"""Turn a file into a grid of cells: text files (any delimiter, the usual encodings), XLSX, ODS.

A reader knows nothing of headers or types; it hands the importer a :class:`Grid` of raw cells
with the row and column numbers the person sees in their file, so messages can point at them.
Every file is untrusted: anything unexpected becomes a :class:`DataImportError`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal

from briefing.data.cells import CellValue, Percent
from briefing.errors import DataImportError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_EMPTY_RUN = 10_000  # stop reading a sheet after this many blank rows in a row
MAX_COLUMNS = 16_384

Format = Literal["text", "xlsx", "ods"]

_DELIMITERS = ("\t", ";", ",", "|")
_DELIMITER_NAMES = {"\t": "tab", ";": "semicolon", ",": "comma", "|": "pipe"}
_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "utf-32": "UTF-32",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}
_TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".dat", ".prn", ""}
_XLSX_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}


@dataclass
class Grid:
    """The cells of one table-like region of a file, as read.

    ``rows[i][j]`` is the cell in row ``row_numbers[i]`` (1-based line or sheet row) and column
    ``j + 1``. Blank cells are ``None``. ``lengths`` (text files only) counts the fields each line
    had before rows were padded to the same width.
    """

    path: Path
    format: Format
    rows: list[list[CellValue]]
    row_numbers: list[int]
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    lengths: list[int] | None = None
    estimates: set[tuple[int, int]] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def delimiter_name(delimiter: str) -> str:
    return _DELIMITER_NAMES.get(delimiter, repr(delimiter))


def encoding_name(encoding: str) -> str:
    return _ENCODING_NAMES.get(encoding, encoding)


def _fail(path: Path, message: str, hint: str = "") -> DataImportError:
    return DataImportError(f"{path}: {message}", hint=hint, path=path)


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
                    raise _fail(
                        path,
                        f"is an OpenDocument file ({mimetype.decode('ascii', 'replace')}), "
                        "not a spreadsheet.",
                        "Save the table as .ods, .xlsx or .csv.",
                    )
                if "content.xml" in names:
                    return "ods"
                if "word/document.xml" in names or "ppt/presentation.xml" in names:
                    raise _fail(
                        path,
                        "is a Word or PowerPoint file, not a table.",
                        "Save the table as .xlsx, .ods or .csv.",
                    )
        except zipfile.BadZipFile as exc:
            raise _fail(
                path,
                f"looks like a zip file (as .xlsx and .ods files are) but is damaged: {exc}.",
                "Open it in your spreadsheet program and save it again.",
            ) from exc
        raise _fail(path, "is a zip archive, not a spreadsheet.", "Unzip it first.")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise _fail(
            path,
            "is an old-style Excel 97-2003 (.xls) workbook, which briefing cannot read.",
            "Open it in Excel or LibreOffice and save it as .xlsx, .ods or .csv.",
        )
    if head.startswith(b"%PDF"):
        raise _fail(path, "is a PDF document, not a table.", "Export the table as .csv or .xlsx.")
    if suffix in _XLSX_SUFFIXES or suffix == ".ods":
        raise _fail(
            path,
            f"has the extension {suffix} but is not a {suffix[1:].upper()} workbook.",
            "Check that you chose the right file; open it and save it again as .xlsx or .csv.",
        )
    return "text"


def read_grid(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    estimate_font_colours: Sequence[str] = (),
) -> Grid:
    """Read ``path`` into a :class:`Grid` (for a workbook, the cells of one sheet)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError as exc:
        raise _fail(path, "does not exist.", "Check the file name and folder.") from exc
    except IsADirectoryError as exc:
        raise _fail(path, "is a folder, not a file.") from exc
    except OSError as exc:
        raise _fail(path, f"cannot be opened: {exc.strerror or exc}.") from exc
    if size == 0:
        raise _fail(path, "is empty (0 bytes).", "Choose a file that holds a table.")
    if size > MAX_FILE_BYTES:
        raise _fail(
            path,
            f"is too large to import ({size / 1e6:.0f} MB; the limit is "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB).",
            "Cut the table down to the rows and columns you need.",
        )
    kind = sniff_format(path, head)
    if kind == "xlsx":
        return read_xlsx(path, sheet=sheet, estimate_font_colours=estimate_font_colours)
    if kind == "ods":
        return read_ods(path, sheet=sheet)
    if sheet is not None:
        raise _fail(
            path,
            f"is a text file and has no sheets (asked for sheet {sheet!r}).",
            "Leave the sheet empty for CSV and text files.",
        )
    return read_text(path, path.read_bytes(), encoding=encoding, delimiter=delimiter)


# --------------------------------------------------------------------------------------------
# text files


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(
        1
        for ch in sample
        if (ord(ch) < 32 and ch not in "\t\r\n\f\v") or 0x7F <= ord(ch) < 0xA0 or ch == "\ufffd"
    )
    return bad / len(sample)


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_text(path: Path, data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """``(text, encoding used)``: an explicit ``encoding``, a BOM, UTF-8, then Windows-1252."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise _fail(
                path,
                f"cannot be read: {encoding!r} is not an encoding Python knows.",
                "Choose UTF-8, UTF-16 or Windows-1252.",
            ) from exc
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise _fail(
                path,
                f"cannot be read as {encoding}: byte 0x{data[exc.start]:02X} on line {line} "
                "is not valid in that encoding.",
                "Choose another encoding, or leave it on automatic.",
            ) from exc
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    candidates: list[str] = []
    for bom, name in boms:
        if data.startswith(bom):
            candidates = [name]
            break
    else:
        utf16 = _looks_utf16(data)
        if utf16:
            candidates = [utf16]
        elif b"\x00" in data[:8192]:
            raise _fail(
                path,
                "does not look like a table: it holds binary data, not text.",
                "Choose a CSV, text, .xlsx or .ods file.",
            )
        else:
            candidates = ["utf-8", "cp1252", "latin-1"]
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) > 0.01:
            continue
        return text, name
    if len(candidates) == 1:
        raise _fail(
            path,
            f"starts like {encoding_name(candidates[0])} text but cannot be read as such.",
            "Save it again as UTF-8 CSV.",
        )
    raise _fail(
        path,
        "cannot be read: its text encoding is not one briefing recognises "
        "(UTF-8, UTF-16, Windows-1252, Latin-1), or it is not a text file at all.",
        "Save it as 'CSV UTF-8' from your spreadsheet program, or choose the encoding.",
    )


def sniff_delimiter(lines: Sequence[str]) -> str | None:
    """The delimiter (tab ; , |) that splits ``lines`` most consistently, or None for one column."""
    best: tuple[float, int, int] | None = None
    chosen: str | None = None
    for rank, delim in enumerate(_DELIMITERS):
        counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        if not counts or max(counts) < 2:
            continue
        mode, n_mode = Counter(counts).most_common(1)[0]
        if mode < 2:
            # the usual field count is 1: the delimiter only occurs in a few lines (titles, notes)
            continue
        score = (n_mode / len(counts), mode, -rank)
        if best is None or score > best:
            best, chosen = score, delim
    return chosen


def _normalise_delimiter(path: Path, delimiter: str) -> str:
    names = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|", "space": " "}
    delim = names.get(delimiter.lower(), delimiter)
    if len(delim) != 1 or delim in '\r\n"':
        raise _fail(path, f"cannot use {delimiter!r} as a delimiter: give one character.")
    return delim


def read_text(
    path: Path, data: bytes, *, encoding: str | None = None, delimiter: str | None = None
) -> Grid:
    """Read delimited text (CSV, TSV, Excel "Unicode text") into a :class:`Grid`."""
    text, used = decode_text(path, data, encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise _fail(path, "is empty: it holds no text.", "Choose a file that holds a table.")
    lines = text.splitlines()
    if delimiter:
        delim: str | None = _normalise_delimiter(path, delimiter)
    else:
        sample = [ln for ln in lines[:200] if ln.strip()][:50]
        delim = sniff_delimiter(sample)
    rows: list[list[CellValue]] = []
    numbers: list[int] = []
    lengths: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim or "\x1f", strict=False)
    line = 1
    try:
        for record in reader:
            cells: list[CellValue] = [c if c.strip() else None for c in record]
            if len(cells) > MAX_COLUMNS:
                raise _fail(path, f"line {line} has {len(cells)} fields, more than a table can.")
            rows.append(cells)
            numbers.append(line)
            lengths.append(len(record))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise _fail(path, f"cannot be read as a table near line {line}: {exc}.") from exc
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([None] * (width - len(r)))
    return Grid(
        path=path,
        format="text",
        rows=rows,
        row_numbers=numbers,
        encoding=used,
        delimiter=delim,
        lengths=lengths,
    )


# --------------------------------------------------------------------------------------------
# workbooks


def _choose_sheet(path: Path, wanted: str | None, available: list[str], nonempty: list[str]) -> str:
    if wanted is None:
        if not available:
            raise _fail(path, "has no sheets.")
        return nonempty[0] if nonempty else available[0]
    if wanted in available:
        return wanted
    folded = {name.strip().casefold(): name for name in available}
    match = folded.get(wanted.strip().casefold())
    if match is not None:
        return match
    listing = ", ".join(repr(s) for s in available)
    raise _fail(
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
    ws: Any, wanted_colours: set[str], palette: Sequence[str]
) -> tuple[list[list[CellValue]], list[int], set[tuple[int, int]]]:
    rows: list[list[CellValue]] = []
    numbers: list[int] = []
    estimates: set[tuple[int, int]] = set()
    empty_run = 0
    ws.reset_dimensions()  # some writers store a wrong size; read what is there
    for row_number, row in enumerate(ws.iter_rows(), start=1):
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
    return rows, numbers, estimates


def read_xlsx(
    path: Path, *, sheet: str | None = None, estimate_font_colours: Sequence[str] = ()
) -> Grid:
    """Read one sheet of an Excel workbook (values as last calculated, not formulas).

    Without ``sheet``, the first sheet that holds anything. Cells whose font colour is one of
    ``estimate_font_colours`` (``"0000FF"``) are reported in :attr:`Grid.estimates`: some
    publishers (SIPRI) mark estimates only by colour.
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
        raise _fail(
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
            raise _fail(path, "has no sheets.")
        palette = list(getattr(wb, "_colors", None) or COLOR_INDEX)
        rows: list[list[CellValue]] = []
        numbers: list[int] = []
        estimates: set[tuple[int, int]] = set()
        skipped: list[str] = []
        name = candidates[0]
        for name in candidates:
            ws = wb[name]
            if not hasattr(ws, "iter_rows"):
                if sheet is not None:
                    raise _fail(
                        path, f"sheet {name!r} is a chart, not a table.", "Choose another sheet."
                    )
                skipped.append(name)
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rows, numbers, estimates = _xlsx_sheet_rows(ws, wanted_colours, palette)
            if rows:
                break
            skipped.append(name)
        if sheet is None and skipped and rows:
            listing = ", ".join(repr(s) for s in skipped)
            notes.append(f"Read sheet {name!r}: the sheets before it ({listing}) hold no table.")
    except DataImportError:
        raise
    except Exception as exc:
        raise _fail(
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


def read_ods(path: Path, *, sheet: str | None = None) -> Grid:
    """Read one sheet of an OpenDocument spreadsheet."""
    try:
        from odf.opendocument import load
        from odf.table import Table

        doc = load(str(path))
        tables = list(doc.spreadsheet.getElementsByType(Table))
    except Exception as exc:
        raise _fail(
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
    for cells, repeat in _ods_rows(by_name[name]):
        if cells:
            for k in range(min(repeat, 100_000)):
                rows.append(list(cells))
                numbers.append(row_number + k)
        row_number += repeat
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([None] * (width - len(r)))
    return Grid(path=path, format="ods", rows=rows, row_numbers=numbers, sheet=name, sheets=names)
