"""The import preview: what the core's importer makes of a data file, before a chart uses it.

The file is read by :func:`briefing.data.importer.preview` off the GUI thread; a workbook's
sheets can be chosen, and the chart reads the sheet shown (``ChartSpec.sheet``). Errors are the
importer's own one-line messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.gui import background

if TYPE_CHECKING:
    from briefing.data import Preview

PREVIEW_ROWS = 12
_TYPE_NAMES = {"text": "text", "number": "number", "percent": "percent", "empty": "empty"}


@dataclass
class _Read:
    preview: Preview | None = None
    error: str = ""
    sheet: str | None = None  # the sheet read (a workbook's first with data, unless chosen)
    sheets: list[str] = field(default_factory=list)


def _read_preview(path: Path, sheet: str | None) -> _Read:
    """The importer's preview; when it fails, its message and (for a workbook) the sheets,
    so another one can be chosen."""
    from briefing.data.importer import preview
    from briefing.data.readers import open_source
    from briefing.errors import BriefingError

    try:
        found = preview(path, sheet=sheet, rows=PREVIEW_ROWS)
    except BriefingError as exc:
        read = _Read(error=str(exc), sheet=sheet)
        try:
            source = open_source(path, sheet=sheet, quick=True)
        except BriefingError:
            return read
        read.sheet, read.sheets = source.sheet, list(source.sheets)
        return read
    return _Read(found, sheet=found.sheet, sheets=list(found.sheets))


class ImportDialog(QDialog):
    """Shows a data file as the importer reads it; OK uses it for a chart."""

    loaded = Signal()  # a preview (or an error) is shown

    def __init__(self, path: Path, parent: QWidget | None = None, sheet: str = "") -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.first_sheet = sheet  # the sheet to show first ("" for the first with data)
        self.preview: Preview | None = None
        self.error = ""
        self._token = 0
        self.setWindowTitle(f"Import data \u2014 {self.path.name}")
        self.setMinimumSize(720, 460)

        self.where = QLabel(str(self.path), self)
        self.where.setObjectName("hint")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setWordWrap(True)
        self.sheet = QComboBox(self)
        self.sheet.setAccessibleName("Sheet")
        self.sheet.activated.connect(lambda _i: self.load(str(self.sheet.currentData())))
        self.sheet_label = QLabel("&Sheet:", self)
        self.sheet_label.setBuddy(self.sheet)
        self.summary = QLabel("Reading the file\u2026", self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 0, self)
        self.table.setAccessibleName("The first rows as they will be read")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.notes = QLabel(self)
        self.notes.setObjectName("note")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel(self)
        self.problem.setObjectName("problems")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.use_button = QPushButton("Use this data", self)
        self.use_button.setDefault(True)
        self.use_button.setEnabled(False)
        self.buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.sheet_label.hide()
        self.sheet.hide()

    @property
    def ready(self) -> bool:
        return self.preview is not None or bool(self.error)

    @property
    def sheet_name(self) -> str:
        """The workbook sheet shown, which a chart would read ("" for a text file)."""
        preview = self.preview
        if preview is None or not preview.sheets or preview.sheet is None:
            return ""
        return preview.sheet

    def load(self, sheet: str | None = None) -> None:
        """Read (a sheet of) the file in the background; ``loaded`` says when it is shown. The
        first load shows the sheet the dialog was opened with."""
        if sheet is None and self.first_sheet:
            sheet, self.first_sheet = self.first_sheet, ""
        self.preview = None
        self.error = ""
        self.use_button.setEnabled(False)
        self.summary.setText("Reading the file\u2026")
        path = self.path
        background.forget(self._token)
        self._token = background.submit(
            lambda: _read_preview(path, sheet), self, self._shown, self._failed
        )

    def _failed(self, exc: BaseException, _details: str) -> None:
        self._show_error(f"The file could not be read ({type(exc).__name__}: {exc}).")

    def _show_error(self, message: str) -> None:
        self.error = message
        self.summary.setText("This file (or sheet) cannot be used for a chart.")
        self.problem.setText(message)
        self.problem.show()
        self.notes.hide()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.use_button.setEnabled(False)
        self.loaded.emit()

    def _show_sheets(self, read: _Read) -> None:
        if read.sheets:
            self.sheet.blockSignals(True)
            self.sheet.clear()
            for name in read.sheets:
                self.sheet.addItem(name, name)
            self.sheet.setCurrentIndex(max(0, self.sheet.findData(read.sheet)))
            self.sheet.blockSignals(False)
        self.sheet.setVisible(bool(read.sheets))
        self.sheet_label.setVisible(bool(read.sheets))

    def _shown(self, result: object) -> None:
        read: _Read = result  # type: ignore[assignment]
        self._show_sheets(read)
        if read.preview is None:
            self._show_error(read.error)
            return
        preview = read.preview
        self.preview = preview
        self.problem.hide()

        shape = {
            "wide": "one row per country, one column per year",
            "long": "one row per country and year",
            "unknown": "a layout the importer could not recognise",
        }[preview.shape]
        years = sorted({y for y in preview.years if y is not None})
        span = f", years {years[0]}\u2013{years[-1]}" if years else ""
        details = [f"{preview.row_count} rows read as {shape}{span}."]
        if preview.sheets and preview.sheet is not None and len(preview.sheets) > 1:
            details.append(f"The chart will read the sheet \u201c{preview.sheet}\u201d.")
        if preview.encoding or preview.delimiter:
            details.append(
                "Text file: " + ", ".join(p for p in (preview.encoding, preview.delimiter) if p)
            )
        if preview.estimate_years:
            details.append("Estimates: " + ", ".join(map(str, preview.estimate_years)) + ".")
        self.summary.setText(" ".join(details))

        self.table.clear()
        self.table.setColumnCount(len(preview.columns))
        self.table.setRowCount(len(preview.rows))
        for col, (name, kind) in enumerate(zip(preview.columns, preview.types, strict=False)):
            header = QTableWidgetItem(f"{name}\n{_TYPE_NAMES.get(kind, kind)}")
            self.table.setHorizontalHeaderItem(col, header)
        for row, values in enumerate(preview.rows):
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if col < len(preview.types) and preview.types[col] in ("number", "percent"):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()

        notes = list(preview.warnings)
        usable = preview.shape != "unknown"
        if not usable:
            notes.insert(0, "Charts need country names and years; this sheet has neither.")
        self.notes.setText("\n".join(f"\u2022 {n}" for n in notes[:6]))
        self.notes.setVisible(bool(notes))
        self.use_button.setEnabled(usable)
        self.loaded.emit()

    def latest_year(self) -> int | None:
        """The last year a wide table holds (a new chart shows it), if known."""
        if self.preview is None:
            return None
        years = [y for y in self.preview.years if y is not None]
        return max(years) if years else None
