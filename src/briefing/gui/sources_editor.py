"""The sources an impression or a chart slide cites: a table, buttons to add, remove and move a
source, and fields for the selected one.

Every change is one undoable edit on the document (a burst of typing in one field is one);
when the document changes (undo, redo), the table and the fields show the new values.
"""

from __future__ import annotations

import dataclasses
import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.document import Document
from briefing.gui.focus import FocusWatcher
from briefing.gui.icons import icon
from briefing.gui.source_commands import SOURCES_FIELD, edit_sources, get_sources, has_sources
from briefing.model import Source

# (field name, caption with mnemonic, accessible name, placeholder)
SOURCE_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("title", "Source t&itle", "Source title", "Required: the title of the work"),
    ("publisher", "Pu&blisher", "Source publisher", "Who published it"),
    ("date", "Dat&e", "Source date", "When, as you would cite it (June 2025)"),
    ("url", "&URL", "Source URL", "https://\u2026"),
)
_COLUMNS = (("title", "Title"), ("publisher", "Publisher"), ("date", "Date"))
NO_TITLE = "A source needs a title: the Sources slide lists it by title."
NEW_SOURCE = Source(title="")


class SourcesEditor(QWidget):
    """Edits the sources of the item ``load`` was given."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._uid: str | None = None
        self._sources: list[Source] = []
        self._session = 0
        self._loading = False
        self._watcher = FocusWatcher(self._end_burst, self)

        self.table = QTableWidget(0, len(_COLUMNS), self)
        self.table.setObjectName("sourcesTable")
        self.table.setAccessibleName("Sources")
        self.table.setAccessibleDescription(
            "The works this slide cites; select one to edit it in the fields below"
        )
        self.table.setHorizontalHeaderLabels([label for _name, label in _COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(self._row_changed)

        self.empty_hint = QLabel("No sources cited.", self)
        self.empty_hint.setObjectName("hint")

        self.add_button = self._button("Add a source after the selected one", "Add", "plus")
        self.remove_button = self._button("Remove the selected source", "Remove", "minus")
        self.up_button = self._button("Move the source up", "Up", "up")
        self.down_button = self._button("Move the source down", "Down", "down")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.fields: dict[str, QLineEdit] = {}
        self.form = QWidget(self)
        grid = QGridLayout(self.form)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self.title_problem = QLabel(NO_TITLE, self.form)
        self.title_problem.setObjectName("problems")
        self.title_problem.setWordWrap(True)
        self.title_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.title_problem.setAccessibleName("Source title problem")
        self.title_problem.hide()
        grid_row = 0
        for name, caption, accessible, placeholder in SOURCE_FIELDS:
            line = QLineEdit(self.form)
            line.setObjectName(f"source_{name}")
            line.setAccessibleName(accessible)
            line.setPlaceholderText(placeholder)
            line.textEdited.connect(lambda text, n=name: self._field_edited(n, text))
            line.installEventFilter(self._watcher)
            label = QLabel(caption, self.form)
            label.setBuddy(line)
            grid.addWidget(label, grid_row, 0)
            grid.addWidget(line, grid_row, 1)
            grid_row += 1
            self.fields[name] = line
            if name == "title":  # the inline validation message, under the title
                grid.addWidget(self.title_problem, grid_row, 1)
                grid_row += 1

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_hint)
        layout.addLayout(buttons)
        layout.addSpacing(4)
        layout.addWidget(self.form)
        self.set_tab_order()
        self._refresh()
        doc.item_changed.connect(self._item_changed)

    def _button(self, tip: str, text: str, icon_name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setIcon(icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button

    def focus_chain(self) -> list[QWidget]:
        """The editor's controls in tab order."""
        return [
            self.table,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            *self.fields.values(),
        ]

    def set_tab_order(self) -> None:
        """Tab through the table, the buttons, then the fields."""
        chain = self.focus_chain()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- showing ------------------------------------------------------------------------

    @property
    def uid(self) -> str | None:
        return self._uid

    def sources(self) -> list[Source]:
        """The sources as shown."""
        return list(self._sources)

    def current_row(self) -> int:
        return self.table.currentRow()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.table.rowCount():
            self.table.setCurrentCell(row, 0)

    def load(self, uid: str) -> None:
        """Show the sources of item ``uid``, the first one selected."""
        changed = uid != self._uid
        self._uid = uid
        self._session += 1
        self._refresh()
        if changed:
            self.select_row(0)

    def _item_changed(self, uid: str, name: str) -> None:
        if uid == self._uid and name == SOURCES_FIELD:
            self._refresh()

    def _refresh(self) -> None:
        item = self._doc.item(self._uid) if self._uid else None
        sources = get_sources(item) if item is not None and has_sources(item) else []
        row = self.table.currentRow()
        self._loading = True
        try:
            self._sources = sources
            self.table.setRowCount(len(sources))
            for r, source in enumerate(sources):
                for c, (name, _label) in enumerate(_COLUMNS):
                    self._set_cell(r, c, source, name)
            if sources:
                target = max(0, min(row, len(sources) - 1))
                if self.table.currentRow() != target:
                    self.table.setCurrentCell(target, 0)
        finally:
            self._loading = False
        self._fit_height()
        self.table.setVisible(bool(sources))
        self.empty_hint.setVisible(not sources)
        self._show_current()

    def _set_cell(self, row: int, column: int, source: Source, name: str) -> None:
        text: str = getattr(source, name)
        missing = name == "title" and not text.strip()
        shown = "(no title)" if missing else text
        cell = self.table.item(row, column)
        if cell is None:
            cell = QTableWidgetItem()
            self.table.setItem(row, column, cell)
        if cell.text() != shown:
            cell.setText(shown)
        tip = source.citation() if not missing else NO_TITLE
        if cell.toolTip() != tip:
            cell.setToolTip(tip)
        font = QFont(self.table.font())
        font.setItalic(missing)
        cell.setFont(font)
        cell.setIcon(icon("warning") if missing else QIcon())

    def _fit_height(self) -> None:
        rows = max(1, self.table.rowCount())
        height = self.table.horizontalHeader().sizeHint().height()
        height += rows * self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + 2)

    def _row_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._session += 1
        self._show_current()

    def _show_current(self) -> None:
        row = self.table.currentRow()
        source = self._sources[row] if 0 <= row < len(self._sources) else None
        for name, line in self.fields.items():
            value = str(getattr(source, name)) if source is not None else ""
            if line.text() != value:
                line.setText(value)
                line.setCursorPosition(len(value))
        self.form.setEnabled(source is not None)
        missing = source is not None and not source.title.strip()
        self.title_problem.setVisible(missing)
        self.fields["title"].setAccessibleDescription(NO_TITLE if missing else "")
        count = len(self._sources)
        self.add_button.setEnabled(self._uid is not None)
        self.remove_button.setEnabled(source is not None)
        self.up_button.setEnabled(source is not None and row > 0)
        self.down_button.setEnabled(source is not None and row < count - 1)

    # -- editing ------------------------------------------------------------------------

    def _end_burst(self) -> None:
        self._session += 1

    def _push(self, sources: list[Source], what: str, merge_key: object = None) -> bool:
        if self._uid is None:
            return False
        return edit_sources(self._doc, self._uid, sources, what, merge_key)

    def _field_edited(self, name: str, text: str) -> None:
        row = self.table.currentRow()
        if self._loading or not 0 <= row < len(self._sources):
            return
        sources = self.sources()
        sources[row] = dataclasses.replace(sources[row], **{name: text})
        label = {n: a for n, _c, a, _p in SOURCE_FIELDS}[name].lower()
        self._push(sources, f"Edit the {label}", ("typing", self._session, row, name))

    def add(self) -> None:
        """Add an empty source after the selected one and put the cursor in its title."""
        row = self.table.currentRow()
        sources = self.sources()
        at = row + 1 if 0 <= row < len(sources) else len(sources)
        sources.insert(at, dataclasses.replace(NEW_SOURCE))
        self._session += 1
        if self._push(sources, "Add a source"):
            self.select_row(at)
            self.fields["title"].setFocus(Qt.FocusReason.OtherFocusReason)

    def remove(self) -> None:
        row = self.table.currentRow()
        sources = self.sources()
        if not 0 <= row < len(sources):
            return
        del sources[row]
        self._session += 1
        if self._push(sources, "Remove a source"):
            self.select_row(min(row, len(sources) - 1))

    def move_row(self, delta: int) -> None:
        row = self.table.currentRow()
        target = row + delta
        sources = self.sources()
        if not 0 <= row < len(sources) or not 0 <= target < len(sources):
            return
        sources[row], sources[target] = sources[target], sources[row]
        self._session += 1
        if self._push(sources, "Move a source"):
            self.select_row(target)
