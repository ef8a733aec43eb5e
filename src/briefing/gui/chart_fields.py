"""The chart form's compound fields: the countries to draw, reference lines and axis titles.

Each emits the whole new value; the form turns it into one undoable edit of the chart.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.icons import icon
from briefing.model.chart import ReferenceLine

# NATO's 2% guideline and the 2025 Hague pledge: 3.5% core defence and 5% in all, by 2035.
LINE_PRESETS: tuple[ReferenceLine, ...] = (
    ReferenceLine(2.0, "2% guideline"),
    ReferenceLine(3.5, "3.5% core (2035)"),
    ReferenceLine(5.0, "5% total (2035)"),
)


def _number(value: float) -> str:
    return f"{value:g}"


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
