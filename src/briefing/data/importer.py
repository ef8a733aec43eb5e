"""Import the tables people send (CSV/TSV/TXT, XLSX, ODS) as clean pandas frames.

:func:`read_table` finds the header (or takes the row or cell range it is given), names and types
the columns, reads numbers as people write them (decimal commas, thousands separators, ``2.1%``),
turns missing markers (``...``, ``n/a``, ``#REF!``, blanks) into NaN, never zero, and says in
:attr:`ImportedTable.warnings` what it had to guess or fix. :func:`to_long` turns a wide table
(years as columns) or a long one into the tidy ``country, year, value, estimate`` frame that a
:class:`~briefing.data.dataset.Dataset` holds. :func:`preview` shows the GUI what an import will
give, as plain data; ``quick=True`` reads only the start of the file for it.

How: the reader (:mod:`~briefing.data.readers`, :mod:`~briefing.data.textfile`) hands over the
first records as rows, on which the header, the decimal separator and the text columns are
decided, and the rest as whole columns (a text file through pandas' C parser); the table is
then built column by column (:mod:`~briefing.data.building`), cleaning only the columns that
need it, with the cell rules of :mod:`~briefing.data.cells` applied column-wise
(:mod:`~briefing.data.columns`).

Every problem is a :class:`~briefing.errors.DataImportError` naming the file, the sheet and the
cell. pandas is imported inside the functions that need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefing.data.cells import format_cell
from briefing.data.readers import open_source
from briefing.data.reshape import long_to_wide, table_shape, to_long, wide_to_long
from briefing.data.source import delimiter_name, encoding_name
from briefing.data.table import (
    KINDS,
    Column,
    ColumnKind,
    ColumnSpec,
    ColumnSpecs,
    ColumnType,
    ImportedTable,
    fail_at,
)

if TYPE_CHECKING:
    from briefing.progress import ProgressSink

__all__ = [
    "Column",
    "ColumnKind",
    "ColumnSpec",
    "ColumnSpecs",
    "ColumnType",
    "ImportedTable",
    "Preview",
    "long_to_wide",
    "preview",
    "read_table",
    "table_shape",
    "to_long",
    "wide_to_long",
]


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
    """Data rows read (all of them unless ``complete`` is False)."""
    years: list[int | None] = field(default_factory=list)
    """Per column, the year it stands for in a wide table, else None."""
    estimate_years: list[int] = field(default_factory=list)
    shape: Literal["wide", "long", "unknown"] = "unknown"
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str = "."
    complete: bool = True
    """False for a quick preview of a file longer than what was read."""


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
    quick: bool = False,
    progress: ProgressSink | None = None,
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
    ``quick``: read only the first rows (:attr:`ImportedTable.complete` says if that was all).
    ``progress`` hears how far the reading is and can stop it
    (:class:`~briefing.errors.Cancelled`).
    """
    from briefing.data.building import TableBuilder

    path = Path(path)
    if decimal not in (None, ".", ","):
        raise fail_at(path, "", f"the decimal separator must be '.' or ',', not {decimal!r}.")
    if header_row is not None and header_row < 1:
        raise fail_at(path, "", f"the header row is counted from 1, not {header_row}.")
    if value_kind is not None and value_kind not in KINDS:
        raise fail_at(
            path, "", f"unknown value kind {value_kind!r}; use one of {', '.join(KINDS)}."
        )
    source = open_source(
        path,
        sheet=sheet,
        encoding=encoding,
        delimiter=delimiter,
        estimate_font_colours=estimate_font_colours,
        quick=quick,
    )
    builder = TableBuilder(
        source,
        header_row=header_row,
        cell_range=cell_range,
        decimal=decimal,
        columns=dict(columns or {}),
        value_kind=value_kind,
        strict=strict,
    )
    return builder.build(progress)


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
    quick: bool = False,
    progress: ProgressSink | None = None,
) -> Preview:
    """What :func:`read_table` makes of ``path``: columns, their types, the first ``rows`` rows.

    Cells that should be numbers but are not become warnings here rather than errors, so the
    import dialog can show them; a file that cannot be read at all still raises
    :class:`DataImportError`. ``quick``: read only the start of the file (then
    :attr:`Preview.complete` says whether that was all of it).
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
        quick=quick,
        progress=progress,
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
        complete=table.complete,
    )
