"""What a reader hands the importer: the first records as rows, the rest as columns.

The importer looks for the header, the decimal separator and the kind of each column in the
first records of a table (:meth:`Source.head`, a few thousand rows of cells at most), then asks
for the data below the header as whole columns (:meth:`Source.body`), which a text file reads
with pandas' C parser. Row and column numbers are the ones the person sees in their file, so
messages can point at them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefing.data.cells import CellValue, is_blank
from briefing.errors import DataImportError

if TYPE_CHECKING:
    from briefing.data.columns import Ints, RawColumn
    from briefing.progress import ProgressSink

Format = Literal["text", "xlsx", "ods"]

MAX_COLUMNS = 16_384

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

HEAD_RECORDS = 2_000
"""Records the importer looks at before it reads the rest of a table: the header search, the
decimal separator and the kind of each column are decided on them."""
HEAD_FILLED = 200
"""...and at least this many that are not blank (titles and notes above a table)."""


def delimiter_name(delimiter: str) -> str:
    return _DELIMITER_NAMES.get(delimiter, repr(delimiter))


def encoding_name(encoding: str) -> str:
    return _ENCODING_NAMES.get(encoding, encoding)


def fail(path: Path, message: str, hint: str = "") -> DataImportError:
    return DataImportError(f"{path}: {message}", hint=hint, path=path)


@dataclass
class Records:
    """Records (rows) of cells: ``rows[i][j]`` is the cell in row ``numbers[i]`` and column
    ``j + 1``, None when blank. ``lengths`` (text files) counts the fields each line had."""

    rows: list[list[CellValue]]
    numbers: list[int]
    lengths: list[int] | None = None
    complete: bool = True
    """No record follows the last one."""

    def filled(self) -> int:
        return sum(1 for r in self.rows if any(not is_blank(v) for v in r))


@dataclass
class Body:
    """Rows of a table as columns: ``columns[j]`` is the file's column ``first_col + j``."""

    numbers: Ints
    """The line (text) or sheet row of each row."""
    columns: list[RawColumn]
    field_counts: Callable[[Ints], Ints] | None = None
    """Text files: how many fields the rows at these positions had (for short lines)."""


@dataclass
class Source:
    """One table-like region of a file: a text file, or a sheet of a workbook."""

    path: Path
    format: Format
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    estimates: set[tuple[int, int]] = field(default_factory=set)
    """``(row, column)`` of cells whose font colour marks an estimate (workbooks)."""
    warnings: list[str] = field(default_factory=list)
    complete: bool = True
    """False when only the start of the file was read (a quick preview)."""

    def head(self, first: int = 1, through: int = 0) -> Records:
        """The first records numbered ``first`` or later (at least :data:`HEAD_RECORDS` of
        them, and every record up to ``through``), or all of them."""
        raise NotImplementedError

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
        """Records numbered ``first`` to ``last`` (None: to the end), columns ``first_col`` to
        ``last_col`` (1-based, inclusive; None: all), as columns. ``width``: how many fields the
        widest record seen so far has. ``text_columns`` (0-based in the selection) are read as
        text; ``decimal`` is the decimal separator of the numbers."""
        raise NotImplementedError
