"""The chart form: every setting of a :class:`ChartSpec`, each change one undoable edit.

The form reads the chart of one item (a chart slide, or an impression with a chart) and writes
a changed copy back through :meth:`Document.edit_chart`. When the document changes (undo, redo),
the form shows the new values. The live picture comes from :class:`ChartRenderer`.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.chart_render import ChartRenderer, RenderResult
from briefing.gui.document import Document
from briefing.gui.focus import FocusWatcher
from briefing.gui.icons import icon
from briefing.model import ChartItem, ChartSpec, ImpressionItem
from briefing.model.chart import CHART_KINDS, KIND_NAMES, ReferenceLine

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".ods")
CHOOSE_FILE = "\u0000choose"  # the dataset combo's "Choose a file..." entry
_FILE_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # marks the combo's entry for a data file

SERIES_NAMES = {
    "auto": "Automatic",
    "country": "One series per country (years along the axis)",
    "year": "One series per year (countries along the axis)",
}
SORT_NAMES = {"none": "As listed", "desc": "Largest first", "asc": "Smallest first"}
LEGEND_NAMES = {"bottom": "Bottom", "right": "Right", "top": "Top", "none": "No legend"}
RENDERER_NAMES = {
    "native": "Native PowerPoint chart (editable)",
    "image": "Picture (looks the same everywhere)",
}
YEAR_MODES = {
    "all": "All years",
    "one": "One year",
    "two": "Two years (then and now)",
    "range": "Range of years",
    "list": "Listed years",
}
# NATO's 2% guideline and the 2025 Hague pledge: 3.5% core defence and 5% in all, by 2035.
LINE_PRESETS: tuple[ReferenceLine, ...] = (
    ReferenceLine(2.0, "2% guideline"),
    ReferenceLine(3.5, "3.5% core (2035)"),
    ReferenceLine(5.0, "5% total (2035)"),
)
MIN_YEAR, MAX_YEAR = 1900, 2100


def _combo(parent: QWidget, names: dict[str, str], accessible: str) -> QComboBox:
    combo = QComboBox(parent)
    for value, text in names.items():
        combo.addItem(text, value)
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index >= 0 and combo.currentIndex() != index:
        combo.setCurrentIndex(index)


def _number(value: float) -> str:
    return f"{value:g}"


def year_mode(years: list[int] | tuple[int, int]) -> str:
    if isinstance(years, tuple):
        return "range"
    return {0: "all", 1: "one", 2: "two"}.get(len(years), "list")


class ChartPicture(QWidget):
    """The chart as the renderer draws it, or why it cannot be drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = "empty"  # "empty", "drawing", "image", "error"
        self.message = ""
        self._image: QImage | None = None
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Chart preview")

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        image = self._image
        ratio = image.height() / image.width() if image and image.width() else 0.46
        return max(170, min(420, round(width * ratio)))

    @property
    def image(self) -> QImage | None:
        return self._image

    def show_drawing(self) -> None:
        self.state = "drawing"
        self.setAccessibleDescription("Drawing the chart")
        self.update()

    def show_image(self, image: QImage) -> None:
        self.state, self.message, self._image = "image", "", image
        self.setAccessibleDescription("The chart as it will be drawn")
        self.updateGeometry()
        self.update()

    def show_error(self, message: str) -> None:
        self.state, self.message, self._image = "error", message, None
        self.setAccessibleDescription(message)
        self.setToolTip(message)
        self.update()

    def clear(self) -> None:
        self.state, self.message, self._image = "empty", "", None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.fillRect(rect, QColor("#FFFFFF"))
        painter.setPen(QColor("#D5D9E0"))
        painter.drawRect(rect)
        inner = rect.adjusted(6, 6, -6, -6)
        image = self._image
        if image is not None and not image.isNull():
            scale = min(inner.width() / image.width(), inner.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            target = QRectF(
                inner.left() + (inner.width() - w) / 2, inner.top() + (inner.height() - h) / 2, w, h
            )
            painter.drawImage(target, image)
            if self.state == "drawing":
                painter.fillRect(target, QColor(255, 255, 255, 140))
        if self.state == "error":
            painter.setPen(QColor("#8A3B00"))
            text = f"\u26a0 {self.message}"
        elif self.state == "drawing" and image is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            text = "Drawing the chart\u2026"
        elif self.state == "empty":
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            text = "No chart"
        else:
            text = ""
        if text:
            painter.drawText(
                inner.adjusted(12, 12, -12, -12),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                text,
            )
        painter.end()


class CountryPicker(QWidget):
    """Countries and groups to draw, in the order they were ticked; none ticked means all."""

    changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[str] = []
        self._loading = False
        self.all_box = QCheckBox("Every country in the dataset", self)
        self.all_box.setAccessibleName("Every country in the dataset")
        self.all_box.toggled.connect(self._all_toggled)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter countries and groups\u2026")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter countries and groups")
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Countries and groups")
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(150)
        self.list.setMaximumHeight(190)
        self.list.itemChanged.connect(self._item_changed)
        self.summary = QLabel(self)
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.all_box)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.summary)
        self._countries: list[str] = []  # filled by set_values (not at start-up)

    def values(self) -> list[str]:
        return list(self._values)

    def set_countries(self, countries: list[str]) -> None:
        """The countries the dataset holds (offered after the groups)."""
        if countries != self._countries:
            self._countries = list(countries)
            self.set_values(self._values, reveal=True)

    def set_values(self, values: list[str], *, reveal: bool = False) -> None:
        """Tick ``values``; ``reveal`` scrolls to the first ticked entry (a new chart)."""
        self._values = list(values)
        self._rebuild()
        if reveal:
            for row in range(self.list.count()):
                entry = self.list.item(row)
                if entry.checkState() == Qt.CheckState.Checked:
                    self.list.scrollToItem(entry, QAbstractItemView.ScrollHint.PositionAtTop)
                    break
            else:
                self.list.scrollToTop()

    def _entries(self) -> list[tuple[str, str, str]]:
        from briefing.data.groups import GROUPS  # not at start-up: it loads briefing.data

        entries: list[tuple[str, str, str]] = [
            (g.id, f"{g.title} (group)", g.note or ", ".join(g.members)) for g in GROUPS.values()
        ]
        known = {g.id for g in GROUPS.values()} | set(self._countries)
        entries += [(c, c, "") for c in self._countries]
        for value in self._values:
            if value not in known:  # once the dataset is known, say so
                text = f"{value} (not in the data)" if self._countries else value
                entries.append((value, text, ""))
        return entries

    def _rebuild(self) -> None:
        """Show the entries and ticks; the list is refilled only when the entries change, so
        ticking one keeps the scroll position."""
        entries = self._entries()
        ticked = set(self._values)
        self._loading = True
        current = [
            (str(self.list.item(r).data(Qt.ItemDataRole.UserRole)), self.list.item(r).text())
            for r in range(self.list.count())
        ]
        if current != [(value, text) for value, text, _tip in entries]:
            self.list.clear()
            for value, text, tip in entries:
                entry = QListWidgetItem(text)
                entry.setData(Qt.ItemDataRole.UserRole, value)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                if tip:
                    entry.setToolTip(tip)
                self.list.addItem(entry)
        for row in range(self.list.count()):
            entry = self.list.item(row)
            state = (
                Qt.CheckState.Checked
                if entry.data(Qt.ItemDataRole.UserRole) in ticked
                else Qt.CheckState.Unchecked
            )
            if entry.checkState() != state:
                entry.setCheckState(state)
        self.all_box.setChecked(not self._values)
        self.list.setEnabled(bool(self._values))
        self.search.setEnabled(bool(self._values))
        self._filter(self.search.text())
        self._loading = False
        self._summarise()

    def _summarise(self) -> None:
        values = self._values
        if not values:
            self.summary.setText("Drawing every country the dataset holds.")
            return
        shown = ", ".join(values[:6]) + (f" and {len(values) - 6} more" if len(values) > 6 else "")
        self.summary.setText(f"{len(values)} ticked, drawn in this order: {shown}")
        self.summary.setToolTip(", ".join(values))

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.list.count()):
            entry = self.list.item(row)
            entry.setHidden(bool(needle) and needle not in entry.text().casefold())

    def _all_toggled(self, checked: bool) -> None:
        if self._loading:
            return
        if checked:
            self.changed.emit([])
        else:
            self.list.setEnabled(True)
            self.search.setEnabled(True)
            self.list.setFocus()

    def _item_changed(self, entry: QListWidgetItem) -> None:
        if self._loading:
            return
        value = str(entry.data(Qt.ItemDataRole.UserRole))
        values = [v for v in self._values if v != value]
        if entry.checkState() == Qt.CheckState.Checked:
            values.append(value)
        self.changed.emit(values)

    def tick(self, value: str, on: bool = True) -> None:
        """Tick (or untick) an entry as a click would."""
        for row in range(self.list.count()):
            entry = self.list.item(row)
            if entry.data(Qt.ItemDataRole.UserRole) == value:
                entry.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return
        raise LookupError(value)


class ReferenceLinesEditor(QWidget):
    """Lines across the chart at a value, with a label; presets for NATO's targets."""

    changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[ReferenceLine] = []
        self._loading = False
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Value", "Label"])
        self.table.setAccessibleName("Reference lines")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemChanged.connect(self._cell_changed)
        self.table.currentCellChanged.connect(self._update_buttons)
        self.add_button = QToolButton(self)
        self.add_button.setText("Add")
        self.add_button.setIcon(icon("plus"))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setToolTip("Add a reference line")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("Remove")
        self.remove_button.setIcon(icon("minus"))
        self.remove_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.remove_button.setToolTip("Remove the selected reference line")
        self.remove_button.clicked.connect(self.remove)
        self.preset_buttons: dict[float, QToolButton] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        for line in LINE_PRESETS:
            button = QToolButton(self)
            button.setText(f"{_number(line.value)}%")
            button.setCheckable(True)
            button.setToolTip(f"A line at {_number(line.value)}: \u201c{line.label}\u201d")
            button.setAccessibleName(f"Reference line at {_number(line.value)} percent")
            button.toggled.connect(lambda on, preset=line: self._preset(preset, on))
            self.preset_buttons[line.value] = button
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.set_values([])

    def values(self) -> list[ReferenceLine]:
        return list(self._lines)

    def set_values(self, lines: list[ReferenceLine]) -> None:
        self._lines = list(lines)
        self._loading = True
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            value = QTableWidgetItem(_number(line.value))
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, value)
            self.table.setItem(row, 1, QTableWidgetItem(line.label))
        present = {line.value for line in lines}
        for preset, button in self.preset_buttons.items():
            button.setChecked(preset in present)
        self._loading = False
        rows = max(1, len(lines))
        height = self.table.horizontalHeader().height() + rows * (
            self.table.verticalHeader().defaultSectionSize()
        )
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + 2)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        self.remove_button.setEnabled(self.table.currentRow() >= 0 and bool(self._lines))
        self.add_button.setEnabled(len(self._lines) < 5)

    def _cell_changed(self, cell: QTableWidgetItem) -> None:
        if self._loading:
            return
        row = cell.row()
        if not 0 <= row < len(self._lines):
            return
        lines = list(self._lines)
        line = lines[row]
        if cell.column() == 0:
            try:
                value = float(cell.text().replace(",", ".").rstrip("% "))
            except ValueError:
                value = math.nan
            if not math.isfinite(value):
                self.set_values(self._lines)  # put the old value back
                return
            lines[row] = ReferenceLine(value, line.label)
        else:
            lines[row] = ReferenceLine(line.value, cell.text().strip())
        self.changed.emit(lines)

    def add(self) -> None:
        self.changed.emit([*self._lines, ReferenceLine(0.0, "")])
        row = len(self._lines) - 1
        if row >= 0:
            self.table.setCurrentCell(row, 0)

    def remove(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._lines):
            self.changed.emit([line for i, line in enumerate(self._lines) if i != row])

    def _preset(self, preset: ReferenceLine, on: bool) -> None:
        if self._loading:
            return
        present = any(line.value == preset.value for line in self._lines)
        if on and not present:
            lines = sorted([*self._lines, preset], key=lambda line: line.value)
            self.changed.emit(lines)
        elif not on and present:
            self.changed.emit([line for line in self._lines if line.value != preset.value])


class AxisTitle(QWidget):
    """An axis title: shown (automatic when empty) or hidden."""

    edited = Signal(object, bool)  # the value (None, "" or text), typing

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_box = QCheckBox("Show", self)
        self.show_box.setAccessibleName(f"Show the {name} axis title")
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("Automatic (the unit)")
        self.text.setAccessibleName(f"{name.capitalize()} axis title")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.show_box)
        layout.addWidget(self.text, 1)
        self.show_box.toggled.connect(lambda _on: self._emit(False))
        self.text.textEdited.connect(lambda _text: self._emit(True))

    def value(self) -> str | None:
        if not self.show_box.isChecked():
            return ""
        return self.text.text() or None

    def set_value(self, value: str | None) -> None:
        self.show_box.blockSignals(True)
        self.show_box.setChecked(value != "")
        self.show_box.blockSignals(False)
        if self.text.text() != (value or ""):
            self.text.setText(value or "")
        self.text.setEnabled(value != "")

    def _emit(self, typing: bool) -> None:
        self.text.setEnabled(self.show_box.isChecked())
        self.edited.emit(self.value(), typing)


class ChartForm(QWidget):
    """Edits the chart of the item ``uid`` (see the module notes)."""

    choose_file_requested = Signal(str)  # the item's uid
    choose_sheet_requested = Signal(str)  # the item's uid

    def __init__(
        self, doc: Document, renderer: ChartRenderer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._doc = doc
        self._renderer = renderer
        self._uid: str | None = None
        self._loading = False
        self._session = 0
        self._datasets_listed = False
        self._bundled_count = 0
        self._facts: RenderResult | None = None
        self._watcher = FocusWatcher(self._end_burst, self)

        self.picture = ChartPicture(self)
        self.note = QLabel(self)
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.hide()

        self.dataset = QComboBox(self)
        self.dataset.setAccessibleName("Dataset")
        self.dataset.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.dataset.setMinimumContentsLength(10)
        self.dataset.activated.connect(self._dataset_chosen)
        self.file_button = QPushButton("File\u2026", self)
        self.file_button.setToolTip("Use a CSV, Excel or OpenDocument file (or drop one here)")
        self.file_button.setAccessibleName("Choose a data file")
        self.file_button.clicked.connect(self._choose_file)
        self.sheet = QLabel(self)
        self.sheet.setTextFormat(Qt.TextFormat.PlainText)
        self.sheet.setAccessibleName("Sheet")
        self.sheet.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_button = QPushButton("Other Sheet\u2026", self)
        self.sheet_button.setToolTip("Chart another sheet of this workbook")
        self.sheet_button.setAccessibleName("Choose another sheet of the workbook")
        self.sheet_button.clicked.connect(self._choose_sheet)
        self.kind = _combo(self, {k: KIND_NAMES[k].capitalize() for k in CHART_KINDS}, "Chart kind")
        self.series_by = _combo(self, SERIES_NAMES, "Series")
        self.countries = CountryPicker(self)
        self.year_mode = _combo(self, YEAR_MODES, "Years")
        self.year_mode.setMinimumContentsLength(8)
        self.year_from = self._year_spin("First year")
        self.year_to = self._year_spin("Last year")
        self.years_hint = QLabel(self)
        self.years_hint.setObjectName("hint")
        self.sort = _combo(self, SORT_NAMES, "Sort")
        self.sort.setMinimumContentsLength(8)
        self.top_n = QSpinBox(self)
        self.top_n.setRange(0, 500)
        self.top_n.setSpecialValueText("All")
        self.top_n.setPrefix("")
        self.top_n.setKeyboardTracking(False)
        self.top_n.setAccessibleName("Top N")
        self.top_n.setToolTip("Show only the first N countries after sorting (All shows every one)")
        self.highlight = QLineEdit(self)
        self.highlight.setPlaceholderText("Countries to stand out, separated by commas")
        self.highlight.setAccessibleName("Highlight")
        self.reference_lines = ReferenceLinesEditor(self)
        self.data_labels = QCheckBox("Show the values", self)
        self.data_labels.setAccessibleName("Data labels")
        self.legend = _combo(self, LEGEND_NAMES, "Legend position")
        self.legend.setMinimumContentsLength(8)
        self.x_title = AxisTitle("horizontal", self)
        self.y_title = AxisTitle("vertical", self)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("Automatic (the measure and the years)")
        self.title.setAccessibleName("Chart title")
        self.renderer = _combo(self, RENDERER_NAMES, "Draw as")

        self._wire()

        dataset_row = QHBoxLayout()
        dataset_row.addWidget(self.dataset, 1)
        dataset_row.addWidget(self.file_button)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet, 1)
        sheet_row.addWidget(self.sheet_button)
        self.sheet_row = sheet_row
        years_row = QHBoxLayout()
        years_row.addWidget(self.year_mode, 1)
        years_row.addWidget(self.year_from)
        self.year_dash = QLabel("\u2013", self)
        years_row.addWidget(self.year_dash)
        years_row.addWidget(self.year_to)
        sort_row = QHBoxLayout()
        sort_row.addWidget(self.sort, 1)
        top_label = QLabel("&Top:", self)
        top_label.setBuddy(self.top_n)
        sort_row.addWidget(top_label)
        sort_row.addWidget(self.top_n)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._row(form, "&Dataset:", dataset_row, self.dataset)
        self.sheet_caption = QLabel("S&heet:", self)
        self.sheet_caption.setBuddy(self.sheet_button)
        form.addRow(self.sheet_caption, sheet_row)
        self._row(form, "&Kind:", self.kind)
        self._row(form, "Se&ries:", self.series_by)
        self._row(form, "&Countries:", self.countries, self.countries.list)
        self._row(form, "&Years:", years_row, self.year_mode)
        form.addRow("", self.years_hint)
        self._row(form, "&Sort:", sort_row, self.sort)
        self._row(form, "&Highlight:", self.highlight)
        self._row(form, "&Lines:", self.reference_lines, self.reference_lines.table)
        self._row(form, "Values:", self.data_labels)
        self._row(form, "Le&gend:", self.legend)
        self._row(form, "&X axis title:", self.x_title, self.x_title.text)
        self._row(form, "&Y axis title:", self.y_title, self.y_title.text)
        self._row(form, "Chart &title:", self.title)
        self._row(form, "Dra&w as:", self.renderer)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.picture)
        layout.addWidget(self.note)
        layout.addWidget(self.problems)
        layout.addLayout(form)
        renderer.started.connect(self._render_started)
        renderer.finished.connect(self._render_finished)
        doc.item_changed.connect(self._item_changed)

    # -- building -------------------------------------------------------------------------

    def _year_spin(self, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(MIN_YEAR, MAX_YEAR)
        spin.setKeyboardTracking(False)
        spin.setAccessibleName(name)
        spin.setValue(2025)
        return spin

    def _row(
        self,
        form: QFormLayout,
        label: str,
        field: QWidget | QHBoxLayout,
        buddy: QWidget | None = None,
    ) -> None:
        caption = QLabel(label, self)
        target = buddy or (field if isinstance(field, QWidget) else None)
        if target is not None:
            caption.setBuddy(target)
        form.addRow(caption, field)

    def _wire(self) -> None:
        def on(combo: QComboBox, name: str, what: str) -> None:
            combo.activated.connect(
                lambda _i: self._apply(what, {name: str(combo.currentData())}, typing=False)
            )

        on(self.kind, "kind", "chart kind")
        on(self.series_by, "series_by", "chart series")
        on(self.sort, "sort", "chart sort order")
        on(self.legend, "legend", "legend position")
        on(self.renderer, "renderer", "chart drawing")
        self.countries.changed.connect(lambda values: self._set("countries", countries=values))
        self.year_mode.activated.connect(lambda _i: self._years_edited())
        self.year_from.valueChanged.connect(lambda _v: self._years_edited(typing=True))
        self.year_to.valueChanged.connect(lambda _v: self._years_edited(typing=True))
        self.top_n.valueChanged.connect(lambda v: self._set("top N", typing=True, top_n=v or None))
        self.highlight.textEdited.connect(
            lambda text: self._set(
                "highlight",
                typing=True,
                highlight=[p.strip() for p in text.split(",") if p.strip()],
            )
        )
        self.reference_lines.changed.connect(
            lambda lines: self._set("reference lines", reference_lines=lines)
        )
        self.data_labels.toggled.connect(lambda on_: self._set("data labels", data_labels=on_))
        self.x_title.edited.connect(
            lambda value, typing: self._set("horizontal axis title", typing=typing, x_title=value)
        )
        self.y_title.edited.connect(
            lambda value, typing: self._set("vertical axis title", typing=typing, y_title=value)
        )
        self.title.textEdited.connect(
            lambda text: self._set("chart title", typing=True, title=text)
        )
        for widget in (
            self.highlight,
            self.title,
            self.x_title.text,
            self.y_title.text,
            self.year_from,
            self.year_to,
            self.top_n,
        ):
            widget.installEventFilter(self._watcher)

    # -- reading the model ------------------------------------------------------------------

    @property
    def uid(self) -> str | None:
        return self._uid

    def spec(self) -> ChartSpec | None:
        item = self._doc.item(self._uid) if self._uid else None
        if isinstance(item, ImpressionItem | ChartItem):
            return item.chart
        return None

    def _end_burst(self) -> None:
        self._session += 1

    def load(self, uid: str | None) -> None:
        fresh = uid != self._uid
        if fresh:
            self._session += 1
            self.picture.clear()
        self._uid = uid
        self._show(reveal=fresh)

    def _item_changed(self, uid: str, name: str) -> None:
        if uid == self._uid and name == "chart":
            self._show()

    def _list_datasets(self) -> None:
        if self._datasets_listed:
            return
        from briefing.data import list_bundled

        self._datasets_listed = True
        self.dataset.clear()
        try:
            infos = list_bundled()
        except Exception:  # a damaged bundled description: still offer files
            infos = []
        for info in infos:
            self.dataset.addItem(info.title, info.id)
            self.dataset.setItemData(
                self.dataset.count() - 1,
                f"{info.publisher}: {info.source_title}, {info.release} ({info.unit})",
                Qt.ItemDataRole.ToolTipRole,
            )
        self._bundled_count = self.dataset.count()
        self.dataset.insertSeparator(self.dataset.count())
        self.dataset.addItem("Choose a file\u2026", CHOOSE_FILE)

    def _show_dataset(self, ref: str) -> None:
        self._list_datasets()
        for i in reversed(range(self.dataset.count())):
            if self.dataset.itemData(i, _FILE_ROLE):
                self.dataset.removeItem(i)
        index = self.dataset.findData(ref)
        if index < 0:
            index = self._bundled_count
            text = f"File: {Path(ref).name}" if ref else "(no dataset)"
            self.dataset.insertItem(index, text, ref)
            self.dataset.setItemData(index, True, _FILE_ROLE)
            self.dataset.setItemData(index, ref, Qt.ItemDataRole.ToolTipRole)
        self.dataset.setCurrentIndex(index)

    def _show(self, *, reveal: bool = False) -> None:
        spec = self.spec()
        if spec is None:
            self.picture.clear()
            return
        self._loading = True
        try:
            self._show_dataset(spec.dataset)
            self._show_sheet(spec)
            _select(self.kind, spec.kind)
            _select(self.series_by, spec.series_by)
            self.countries.set_values(spec.countries, reveal=reveal)
            self._show_years(spec)
            _select(self.sort, spec.sort)
            self.top_n.setValue(spec.top_n or 0)
            text = ", ".join(spec.highlight)
            if [p.strip() for p in self.highlight.text().split(",") if p.strip()] != spec.highlight:
                self.highlight.setText(text)
            self.reference_lines.set_values(spec.reference_lines)
            self.data_labels.setChecked(spec.data_labels)
            _select(self.legend, spec.legend)
            self.x_title.set_value(spec.x_title)
            self.y_title.set_value(spec.y_title)
            if self.title.text() != spec.title:
                self.title.setText(spec.title)
            _select(self.renderer, spec.renderer)
        finally:
            self._loading = False
        problems = spec.validate()
        self.problems.setText("\n".join(f"\u26a0 {p}" for p in problems))
        self.problems.setVisible(bool(problems))
        self._show_note(spec)

    def _show_sheet(self, spec: ChartSpec) -> None:
        """The workbook sheet the chart reads (the row is hidden for other data)."""
        workbook = Path(spec.dataset).suffix.lower() in WORKBOOK_SUFFIXES
        self.sheet.setText(spec.sheet or "The first sheet with data")
        self.sheet.setToolTip(
            f"The chart reads the sheet \u201c{spec.sheet}\u201d" if spec.sheet else ""
        )
        for widget in (self.sheet_caption, self.sheet, self.sheet_button):
            widget.setVisible(workbook)

    def _show_years(self, spec: ChartSpec) -> None:
        mode = year_mode(spec.years)
        _select(self.year_mode, mode)
        years = spec.explicit_years()
        if isinstance(spec.years, tuple):
            first, last = spec.years
        elif years:
            first, last = years[0], years[-1]
        elif self._facts is not None and self._facts.years:
            first, last = self._facts.years[0], self._facts.years[-1]
        else:
            first, last = self.year_from.value(), self.year_to.value()
        self.year_from.setValue(first)
        self.year_to.setValue(last)
        self.year_from.setVisible(mode in ("two", "range"))
        self.year_dash.setVisible(mode in ("two", "range"))
        self.year_to.setVisible(mode != "all")
        self.year_from.setEnabled(mode != "list")
        self.year_to.setEnabled(mode != "list")
        if mode == "list":
            self.year_to.setToolTip(", ".join(map(str, years)))

    def _show_note(self, spec: ChartSpec) -> None:
        facts = self._facts
        parts: list[str] = []
        if facts is not None and facts.dataset == spec.dataset and not facts.error:
            span = f", {facts.years[0]}\u2013{facts.years[-1]}" if facts.years else ""
            parts.append(
                f"{facts.dataset_title} ({facts.unit or 'no unit'}, "
                f"{len(facts.countries)} countries{span})."
            )
            if facts.warnings:
                parts.append(f"{len(facts.warnings)} import note(s): {facts.warnings[0]}")
        if spec.renderer == "native":
            parts.append("The slide gets an editable PowerPoint chart; the preview is a picture.")
        self.note.setText(" ".join(parts))
        self.years_hint.setText(
            f"The data runs {facts.years[0]}\u2013{facts.years[-1]}."
            if facts is not None and facts.years and facts.dataset == spec.dataset
            else ""
        )
        self.years_hint.setVisible(bool(self.years_hint.text()))

    # -- renders ----------------------------------------------------------------------------

    def _render_started(self, key: str) -> None:
        if key == self._renderer.wanted and self.spec() is not None:
            self.picture.show_drawing()

    def _render_finished(self, result: object) -> None:
        if not isinstance(result, RenderResult) or result.key != self._renderer.wanted:
            return
        spec = self.spec()
        if spec is None:
            return
        if result.countries or result.years:
            self._facts = result
            self.countries.set_countries(result.countries)
        if result.image is not None:
            self.picture.show_image(result.image)
        else:
            self.picture.show_error(result.error)
        self._show_note(spec)

    # -- editing ----------------------------------------------------------------------------

    def _set(self, what: str, typing: bool = False, **changes: Any) -> None:
        self._apply(what, changes, typing=typing)

    def _apply(self, what: str, changes: dict[str, Any], *, typing: bool) -> None:
        if self._loading or self._uid is None:
            return
        spec = self.spec()
        if spec is None:
            return
        new = copy.deepcopy(spec)
        for name, value in changes.items():
            setattr(new, name, value)
        if not typing:
            self._session += 1
        merge = ("typing", self._session) if typing else None
        self._doc.edit_chart(self._uid, new, what, merge)

    def _years_edited(self, typing: bool = False) -> None:
        if self._loading:
            return
        mode = str(self.year_mode.currentData())
        first, last = self.year_from.value(), self.year_to.value()
        years: list[int] | tuple[int, int]
        if mode == "all":
            years = []
        elif mode == "one":
            years = [last]
        elif mode == "two":
            years = [first, last] if first != last else [last]
        elif mode == "range":
            years = (min(first, last), max(first, last))
        else:
            spec = self.spec()
            years = list(spec.years) if spec is not None else []
        self._set("years", typing=typing, years=years)
        spec = self.spec()
        if spec is not None:
            self._loading = True
            try:
                self._show_years(spec)
            finally:
                self._loading = False

    def _dataset_chosen(self, index: int) -> None:
        ref = self.dataset.itemData(index)
        spec = self.spec()
        if ref == CHOOSE_FILE:
            if spec is not None:
                self._loading = True
                self._show_dataset(spec.dataset)
                self._loading = False
            self._choose_file()
            return
        if isinstance(ref, str) and ref:
            self._set("dataset", dataset=ref, sheet="")

    def _choose_file(self) -> None:
        if self._uid is not None:
            self.choose_file_requested.emit(self._uid)

    def _choose_sheet(self) -> None:
        if self._uid is not None:
            self.choose_sheet_requested.emit(self._uid)
