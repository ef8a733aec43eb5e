"""Delimited text files (CSV, TSV, Excel "Unicode text"): encodings, delimiters, and reading.

:class:`TextSource` decodes and checks the file once, parses its first records with the
``csv`` module (for the header search and the samples the importer decides on), and reads the
rest with pandas' C parser as whole columns: numbers it can parse come back as floats, the
columns the importer expects text in come back as codes into their distinct values, the rest as
the cells' text. Lines are numbered as the ``csv`` module numbers them (a record is numbered by
the line it starts on), so the two readers always agree on where a cell is.

Every file is untrusted: anything unexpected becomes a :class:`DataImportError`.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.data.cells import CellValue
from briefing.data.source import (
    HEAD_FILLED,
    HEAD_RECORDS,
    MAX_COLUMNS,
    Body,
    Records,
    Source,
    encoding_name,
    fail,
)
from briefing.progress import step

if TYPE_CHECKING:
    from briefing.data.columns import Ints, RawColumn
    from briefing.progress import ProgressSink

PREVIEW_BYTES = 1 << 20
"""How much of a text file a quick preview reads."""

_DELIMITERS = ("\t", ";", ",", "|")
_CHUNK_ROWS = 100_000
_NO_DELIMITER = "\x1f"  # a one-column file: split on a character text files do not hold
_EXPECTED = re.compile(r"Expected (\d+) fields in line \d+, saw (\d+)")


# --------------------------------------------------------------------------------------------
# encodings


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


def _decode(data: bytes, name: str, complete: bool) -> str:
    """``data`` decoded; the end of an incomplete start of a file may cut a character."""
    if complete:
        return data.decode(name)
    return codecs.getincrementaldecoder(name)().decode(data, final=False)


def decode_text(
    path: Path, data: bytes, encoding: str | None = None, *, complete: bool = True
) -> tuple[str | None, str]:
    """``(text, encoding used)``: an explicit ``encoding``, a BOM, UTF-8, then Windows-1252.

    The whole of ``data`` is checked. ``text`` is None for UTF-8 (the bytes are read as they
    are); ``complete=False`` says ``data`` is only the start of the file.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise fail(
                path,
                f"cannot be read: {encoding!r} is not an encoding Python knows.",
                "Choose UTF-8, UTF-16 or Windows-1252.",
            ) from exc
        try:
            return _decode(data, encoding, complete), encoding
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise fail(
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
            raise fail(
                path,
                "does not look like a table: it holds binary data, not text.",
                "Choose a CSV, text, .xlsx or .ods file.",
            )
        else:
            candidates = ["utf-8", "cp1252", "latin-1"]
    for name in candidates:
        if name == "utf-8" and data.isascii():
            if _control_ratio(data[:20000].decode("ascii")) > 0.01:
                continue
            return None, name
        try:
            text = _decode(data, name, complete)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) > 0.01:
            continue
        return (None if name == "utf-8" else text), name
    if len(candidates) == 1:
        raise fail(
            path,
            f"starts like {encoding_name(candidates[0])} text but cannot be read as such.",
            "Save it again as UTF-8 CSV.",
        )
    raise fail(
        path,
        "cannot be read: its text encoding is not one briefing recognises "
        "(UTF-8, UTF-16, Windows-1252, Latin-1), or it is not a text file at all.",
        "Save it as 'CSV UTF-8' from your spreadsheet program, or choose the encoding.",
    )


# --------------------------------------------------------------------------------------------
# delimiters


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


def normalise_delimiter(path: Path, delimiter: str) -> str:
    names = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|", "space": " "}
    delim = names.get(delimiter.lower(), delimiter)
    if len(delim) != 1 or delim in '\r\n"':
        raise fail(path, f"cannot use {delimiter!r} as a delimiter: give one character.")
    return delim


# --------------------------------------------------------------------------------------------
# the source


class TextSource(Source):
    """A delimited text file (see the module docs)."""

    def __init__(
        self,
        path: Path,
        data: bytes,
        *,
        complete: bool = True,
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> None:
        text, used = decode_text(path, data, encoding, complete=complete)
        if text is None:
            payload = data
        else:
            if not complete:
                # a quick preview: a UTF-16 character may be cut at the end of what was read
                text = text[: max(text.rfind("\n"), 0)] if "\n" in text else text
            payload = text.encode("utf-8")
        del text
        if payload.startswith(codecs.BOM_UTF8):
            payload = payload[len(codecs.BOM_UTF8) :]
        if b"\r" in payload and payload.count(b"\r") != payload.count(b"\r\n"):
            # lines ending in a lone CR (old Macs), perhaps mixed: one line end for both readers
            payload = payload.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        if not complete:
            payload = payload[: payload.rfind(b"\n") + 1] or payload
        super().__init__(path=path, format="text", encoding=used, complete=complete)
        self.payload = payload
        self._rows: list[list[CellValue]] = []
        self._numbers: list[int] = []
        self._lengths: list[int] = []
        self._parsed = -1  # how many bytes of the payload the parsed records cover
        self._eof = False
        self._newlines: list[int] = []  # offsets of the first line ends, as far as needed
        start, size = self._prefix(1 << 18, lines=200)
        blank = not start.strip() and (size >= len(payload) or not payload.strip())
        if blank:
            raise fail(path, "is empty: it holds no text.", "Choose a file that holds a table.")
        if delimiter:
            self.delimiter = normalise_delimiter(path, delimiter)
        else:
            sample = [ln for ln in start.splitlines()[:200] if ln.strip()][:50]
            self.delimiter = sniff_delimiter(sample)

    # -- the first records, with the csv module -------------------------------------------
    def _prefix(self, size: int, lines: int = 0) -> tuple[str, int]:
        """The text of about the first ``size`` bytes, ending at a line end (or the end), and
        holding at least ``lines`` lines when the file has them; and its length in bytes."""
        payload = self.payload
        while True:
            if size >= len(payload):
                return payload.decode("utf-8"), len(payload)
            cut = payload.rfind(b"\n", 0, size) + 1
            if cut > 0 and (not lines or payload.count(b"\n", 0, cut) >= lines):
                return payload[:cut].decode("utf-8"), cut
            size *= 4

    def _parse(self, size: int) -> None:
        text, nbytes = self._prefix(size)
        eof = nbytes >= len(self.payload)
        rows: list[list[CellValue]] = []
        numbers: list[int] = []
        lengths: list[int] = []
        reader = csv.reader(
            io.StringIO(text, newline=""), delimiter=self.delimiter or _NO_DELIMITER, strict=False
        )
        line = 1
        try:
            for record in reader:
                cells: list[CellValue] = [c if c.strip() else None for c in record]
                if len(cells) > MAX_COLUMNS:
                    raise fail(
                        self.path, f"line {line} has {len(cells)} fields, more than a table can."
                    )
                rows.append(cells)
                numbers.append(line)
                lengths.append(len(record))
                line = reader.line_num + 1
        except csv.Error as exc:
            if eof:
                raise fail(
                    self.path, f"cannot be read as a table near line {line}: {exc}."
                ) from exc
        if not eof and rows:
            # the last record may go on past what was read (a quoted field over several lines)
            rows.pop()
            numbers.pop()
            lengths.pop()
        width = max((len(r) for r in rows), default=0)
        for r in rows:
            r.extend([None] * (width - len(r)))
        self._rows, self._numbers, self._lengths = rows, numbers, lengths
        self._parsed, self._eof = nbytes, eof

    def head(self, first: int = 1, through: int = 0) -> Records:
        size = max(self._parsed, 1 << 16)
        while True:
            if self._parsed < size:
                self._parse(size)
            numbers = self._numbers
            at = next((i for i, n in enumerate(numbers) if n >= first), len(numbers))
            rows = self._rows[at:]
            enough = (
                len(rows) >= HEAD_RECORDS
                and Records(rows, numbers[at:]).filled() >= HEAD_FILLED
                and (numbers[-1] if numbers else 0) >= through
            )
            if self._eof or enough:
                # no more than needed: HEAD_RECORDS, or up to ``through``, or HEAD_FILLED filled
                stop = _head_stop(rows, numbers[at:], through)
                complete = self._eof and self.complete and stop == len(rows)
                lengths = self._lengths[at : at + stop]
                return Records(rows[:stop], numbers[at : at + stop], lengths, complete=complete)
            size = self._parsed * 4

    # -- the rest, with pandas ---------------------------------------------------------------
    def _line_start(self, line: int) -> int:
        """The offset in the payload where ``line`` (1-based) starts."""
        newlines, payload = self._newlines, self.payload
        while len(newlines) < line - 1:
            at = payload.find(b"\n", newlines[-1] + 1 if newlines else 0)
            if at < 0:
                return len(payload)
            newlines.append(at)
        return 0 if line <= 1 else newlines[line - 2] + 1

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

        start = self._line_start(first)
        end = len(self.payload) if last is None else self._line_start(last + 1)
        if end <= start:
            return Body(np.zeros(0, dtype=np.int64), [])
        region = _Region(self, start, end, first, first_col, last_col)
        return region.read(width, text_columns, decimal, progress)


def _head_stop(rows: list[list[CellValue]], numbers: list[int], through: int) -> int:
    """How many of ``rows`` the head keeps: at least HEAD_RECORDS, HEAD_FILLED of them filled,
    and all up to line ``through``."""
    filled = 0
    for i, row in enumerate(rows):
        if i >= HEAD_RECORDS and filled >= HEAD_FILLED and numbers[i] > through:
            return i
        if any(v is not None for v in row):
            filled += 1
    return len(rows)


class _Region:
    """Lines ``first``... of a text file, between two byte offsets, read as columns."""

    def __init__(
        self,
        source: TextSource,
        start: int,
        end: int,
        first: int,
        first_col: int,
        last_col: int | None,
    ) -> None:
        self.source = source
        self.start, self.end, self.first = start, end, first
        self.first_col, self.last_col = first_col, last_col
        payload = source.payload
        self.lines = payload.count(b"\n", start, end) + (payload[end - 1 : end] != b"\n")
        self.delimiter = source.delimiter or _NO_DELIMITER

    def _buffer(self) -> io.BytesIO:
        payload = self.source.payload
        if self.end == len(payload):
            buffer = io.BytesIO(payload)  # shares the bytes
            buffer.seek(self.start)
            return buffer
        return io.BytesIO(payload[self.start : self.end])

    def read(
        self, width: int, text_columns: set[int], decimal: str, progress: ProgressSink | None
    ) -> Body:
        import numpy as np
        import pandas as pd

        width = max(width, 1)
        text = set(text_columns)
        for _attempt in range(8):
            try:
                columns, rows = self._pandas(width, text, decimal, progress)
            except pd.errors.ParserError as exc:
                wider = _EXPECTED.search(str(exc))
                if wider is None:
                    return self._csv(progress)  # quoting the C parser cannot follow
                width = max(width + 1, int(wider.group(2)))
                if width > MAX_COLUMNS:
                    raise fail(
                        self.source.path,
                        f"a line has {width} fields, more than a table can.",
                    ) from None
                continue
            if rows != self.lines:
                return self._csv(progress)  # quoted fields over several lines
            odd = {j for j, col in enumerate(columns) if col is None}
            if odd:
                text |= odd  # TRUE/FALSE or inf read as such: read those columns as text
                continue
            numbers = np.arange(self.first, self.first + rows, dtype=np.int64)
            return Body(numbers, [c for c in columns if c is not None], self._field_counts)
        return self._csv(progress)

    def _selected(self, width: int) -> list[int]:
        last = width if self.last_col is None else min(self.last_col, width)
        return list(range(self.first_col - 1, last))

    def _pandas(
        self, width: int, text: set[int], decimal: str, progress: ProgressSink | None
    ) -> tuple[list[RawColumn | None], int]:
        import pandas as pd

        selected = self._selected(width)
        # text as written: dtype "category" would turn 007 into 7
        dtypes = {selected[j]: object for j in text if j < len(selected)}
        parts: list[list[Any]] = [[] for _ in selected]
        rows = 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)
            options: dict[str, Any] = {
                "sep": self.delimiter,
                "header": None,
                "names": list(range(width)),
                "usecols": selected,
                "dtype": dtypes,
                "keep_default_na": False,
                "na_values": [""],
                "skip_blank_lines": False,
                "decimal": decimal,
                "encoding": "utf-8",
                "engine": "c",
            }
            if self.lines <= _CHUNK_ROWS:
                reader: Any = contextlib.nullcontext([pd.read_csv(self._buffer(), **options)])
            else:
                reader = pd.read_csv(self._buffer(), chunksize=_CHUNK_ROWS, **options)
            with reader as chunks:
                for chunk in chunks:
                    rows += len(chunk)
                    for j, index in enumerate(selected):
                        parts[j].append(chunk[index])
                    step(
                        progress,
                        min(1.0, rows / max(self.lines, 1)),
                        f"Read {rows:,} of {self.lines:,} lines",
                    )
        return [_combine(p, j in text) for j, p in enumerate(parts)], rows

    def _field_counts(self, positions: Ints) -> Ints:
        """Fields in the lines at ``positions`` (rows of the body; lines are records here)."""
        import numpy as np

        payload, start, end = self.source.payload, self.start, self.end
        buf = np.frombuffer(payload, dtype=np.uint8, count=end - start, offset=start)
        ends = np.flatnonzero(buf == 10)
        if len(ends) < self.lines:
            ends = np.append(ends, end - start)
        starts = np.concatenate(([0], ends[:-1] + 1))
        delim = self.delimiter.encode("utf-8")
        if len(delim) == 1 and b'"' not in payload[start:end]:
            # no quoting: a line has one field more than it has delimiters (none if empty)
            lengths = ends - starts
            lengths -= (lengths > 0) & (buf[np.maximum(ends - 1, 0)] == 13)
            marks = np.flatnonzero(buf == delim[0])
            counts = np.searchsorted(marks, ends) - np.searchsorted(marks, starts) + 1
            counts[lengths == 0] = 0
            return counts[positions]
        out = np.zeros(len(positions), dtype=np.int64)
        for i, k in enumerate(positions.tolist()):
            line = payload[start + starts[k] : start + ends[k]].rstrip(b"\r")
            if line:
                decoded = line.decode("utf-8")
                out[i] = len(next(csv.reader([decoded], delimiter=self.delimiter), []))
        return out

    def _csv(self, progress: ProgressSink | None) -> Body:
        """The region read record by record with the csv module: files whose quoting the C
        parser reads differently (quoted line breaks, stray quotes)."""
        import numpy as np

        from briefing.data.columns import RawColumn

        text = self.source.payload[self.start : self.end].decode("utf-8")
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter, strict=False)
        rows: list[list[CellValue]] = []
        numbers: list[int] = []
        lengths: list[int] = []
        line = self.first
        try:
            for record in reader:
                if len(record) > MAX_COLUMNS:
                    raise fail(
                        self.source.path,
                        f"line {line} has {len(record)} fields, more than a table can.",
                    )
                rows.append([c if c.strip() else None for c in record])
                numbers.append(line)
                lengths.append(len(record))
                line = self.first + reader.line_num
                if len(rows) % _CHUNK_ROWS == 0:
                    step(progress, min(1.0, len(rows) / max(self.lines, 1)), "Reading lines")
        except csv.Error as exc:
            raise fail(
                self.source.path, f"cannot be read as a table near line {line}: {exc}."
            ) from exc
        width = max((len(r) for r in rows), default=0)
        last = width if self.last_col is None else min(self.last_col, width)
        columns = [
            RawColumn.of_cells([r[j] if j < len(r) else None for r in rows])
            for j in range(self.first_col - 1, last)
        ]
        counts = np.array(lengths, dtype=np.int64)
        return Body(np.array(numbers, dtype=np.int64), columns, lambda positions: counts[positions])


def _combine(parts: list[Any], text: bool) -> RawColumn | None:
    """One column from its chunks; None when it must be read again as text (the C parser read
    TRUE/FALSE as booleans, or inf and infinity as numbers, which the cell rules do not).
    A ``text`` column is kept as codes into its distinct values."""
    import numpy as np
    import pandas as pd

    from briefing.data.columns import RawColumn

    if not parts:
        return RawColumn(floats=np.zeros(0, dtype=np.float64))
    if any(pd.api.types.is_bool_dtype(p.dtype) for p in parts):
        return None
    if text:
        cells = np.concatenate([p.to_numpy(dtype=object) for p in parts])
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        return RawColumn(
            cells=np.asarray(uniques, dtype=object), codes=codes.astype(np.int64, copy=False)
        )
    numeric = [pd.api.types.is_numeric_dtype(p.dtype) for p in parts]
    for part, is_number in zip(parts, numeric, strict=True):
        if is_number and np.isinf(part.to_numpy(dtype=np.float64, na_value=np.nan)).any():
            return None
    if all(numeric):
        floats = np.concatenate([p.to_numpy(dtype=np.float64, na_value=np.nan) for p in parts])
        return RawColumn(floats=floats)
    # numbers in some chunks, text in others
    cells = np.concatenate([p.to_numpy(dtype=object) for p in parts])
    cells[pd.isna(cells)] = None
    return RawColumn(cells=cells)
