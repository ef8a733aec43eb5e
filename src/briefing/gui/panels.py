"""The library panel (left) and the outline panel (centre) of the main window."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing.gui import roles
from briefing.gui.delegates import TwoLineDelegate
from briefing.gui.library_model import LibraryFilter, LibraryModel
from briefing.gui.outline_model import OutlineModel
from briefing.model import Impression


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("panelHeading")
    return label


class LibraryPanel(QWidget):
    """Search box, the impressions grouped by tag, and an Add button."""

    add_requested = Signal(object)  # Impression

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(model)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search impressions\u2026")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the impression library")
        self.search.textChanged.connect(self._filter)

        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(TwoLineDelegate("library", self.tree))
        self.tree.setAccessibleName("Impression library")
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(12)
        self.tree.setRootIsDecorated(True)
        self.tree.setAnimated(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # impressions can be dragged onto the outline (which inserts them there)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.expandAll()
        model.modelReset.connect(self.tree.expandAll)

        self.add_button = QPushButton("Add to briefing", self)
        self.add_button.setToolTip("Add the selected impression after the selected slide")
        self.add_button.setAccessibleName("Add the selected impression to the briefing")
        self.add_button.clicked.connect(self._add_clicked)
        self.add_button.setEnabled(False)
        selection = self.tree.selectionModel()
        selection.currentChanged.connect(self._update_button)
        model.dataChanged.connect(self._update_button)

        self.note = QLabel(self)
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        hint = QLabel("Tick to include", self)
        hint.setObjectName("hint")
        row.addWidget(hint)
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.setFocusProxy(self.search)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def selected_impression(self) -> Impression | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return self.model.impression_at(self.proxy.mapToSource(index))

    def _update_button(self, *_args: object) -> None:
        index = self.tree.currentIndex()
        imp = self.selected_impression()
        present = (
            index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            if imp is not None
            else False
        )
        self.add_button.setEnabled(imp is not None and not present)
        if imp is not None and present:
            self.add_button.setToolTip("This impression is already in the briefing")
        else:
            self.add_button.setToolTip("Add the selected impression after the selected slide")

    def _add_clicked(self) -> None:
        imp = self.selected_impression()
        if imp is not None:
            self.add_requested.emit(imp)

    def _double_clicked(self, index: QModelIndex) -> None:
        imp = self.model.impression_at(self.proxy.mapToSource(index))
        if imp is not None and index.data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked:
            self.add_requested.emit(imp)

    def set_problems(self, problems: list[str]) -> None:
        if problems:
            self.note.setText(
                f"\u26a0 {len(problems)} library file{'s' if len(problems) != 1 else ''} "
                "could not be read (hover for details)."
            )
            self.note.setToolTip("\n\n".join(problems))
        self.note.setVisible(bool(problems))


class OutlineView(QListView):
    """The slides in order; drag an item to move it, or an impression from the library to
    insert it there (both undoable edits)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(TwoLineDelegate("outline", self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        # DragDrop, not InternalMove: the library's impressions (a copy) are welcome too;
        # a drag inside the outline is a move (moveRows)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)
        self.setAccessibleName("Briefing outline: the slides in order")
        self.setSpacing(1)


class OutlinePanel(QWidget):
    """Heading, the outline list and its buttons."""

    def __init__(
        self, model: OutlineModel, actions: list[QAction | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.view = OutlineView(self)
        self.view.setModel(model)
        self.count = QLabel(self)
        self.count.setObjectName("hint")
        header = QHBoxLayout()
        header.addWidget(_heading("Slides", self))
        header.addStretch(1)
        header.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for action in actions:
            if action is None:
                buttons.addSpacing(8)
                continue
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonIconOnly
                if action.data() == "icon-only"
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            )
            button.setAutoRaise(True)
            if action.menu() is not None:
                button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        model.rowsInserted.connect(self._count)
        model.rowsRemoved.connect(self._count)
        model.modelReset.connect(self._count)
        self._count()
        self.setFocusProxy(self.view)

    def _count(self, *_args: object) -> None:
        n = self.model.rowCount()
        self.count.setText(f"{n} slide{'s' if n != 1 else ''}")

    def current_key(self) -> str:
        index = self.view.currentIndex()
        return str(index.data(roles.KEY)) if index.isValid() else ""

    def select_key(self, key: str) -> None:
        index = self.model.index_of_key(key)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.view.scrollTo(index)
