"""An editable, ordered list of short texts (an impression's key points, a text slide's
paragraphs)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.icons import icon


class ListEditor(QWidget):
    """An ordered list of short texts (key points, paragraphs): edit in place, add, remove,
    move up and down. Emits the whole new list; the owner turns it into one undoable edit."""

    changed = Signal(list)

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._noun = noun
        self.list = QListWidget(self)
        self.list.setObjectName("textList")
        self.list.setAccessibleName(f"{noun.capitalize()}s")
        self.list.setToolTip(f"Double-click a {noun} or press F2 to edit it")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.list.setMinimumHeight(120)
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentRowChanged.connect(self._update_buttons)

        self.add_button = self._button(f"Add a {noun} after the selected one", "Add", "plus")
        self.remove_button = self._button(f"Remove the selected {noun}", "Remove", "minus")
        self.up_button = self._button(f"Move the {noun} up", "Up", "up")
        self.down_button = self._button(f"Move the {noun} down", "Down", "down")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self._update_buttons()

    def _button(self, tip: str, text: str, icon_name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setIcon(icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button

    def values(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def set_values(self, values: list[str]) -> None:
        if values == self.values():
            return
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for text in values:
            entry = QListWidgetItem(text)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        if values:
            self.list.setCurrentRow(max(0, min(row, len(values) - 1)))
        self._update_buttons()
        self._fit_height()

    def _fit_height(self) -> None:
        rows = max(3, self.list.count())
        line = QFontMetrics(self.list.font()).height()
        self.list.setMinimumHeight(min(360, rows * (2 * line + 8) + 8))

    def _item_changed(self, _entry: QListWidgetItem) -> None:
        self.changed.emit(self.values())

    def _update_buttons(self, *_args: object) -> None:
        row = self.list.currentRow()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)

    def add(self) -> None:
        values = self.values()
        row = self.list.currentRow()
        at = row + 1 if row >= 0 else len(values)
        values.insert(at, f"New {self._noun}")
        self.changed.emit(values)
        self.list.setCurrentRow(at)
        entry = self.list.item(at)
        if entry is not None:
            self.list.editItem(entry)

    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        values = self.values()
        del values[row]
        self.changed.emit(values)

    def move_row(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        values = self.values()
        if row < 0 or not 0 <= target < len(values):
            return
        values[row], values[target] = values[target], values[row]
        self.changed.emit(values)
        self.list.setCurrentRow(target)
