"""The briefing outline as a Qt list model: one row per slide, in deck order.

The title and agenda slides open the deck and the sources slide closes it; they are generated,
so they cannot be dragged. Item rows can: a drop calls :meth:`moveRows`, which pushes an undo
command on the document. Impressions dragged from the library (:data:`IMPRESSION_MIME`) are
inserted where they are dropped, as one undo step (:meth:`Document.add_impressions`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from briefing.gui import fields, roles
from briefing.gui.document import Document
from briefing.gui.library_model import IMPRESSION_MIME, impression_ids_from_mime
from briefing.model import (
    ChartItem,
    Impression,
    ImpressionItem,
    Item,
    SectionItem,
    TextItem,
    impression_problems,
)
from briefing.model.validation import MAX_TITLE

TITLE_KEY = "title"
AGENDA_KEY = "agenda"
SOURCES_KEY = "sources"
_ITEM = "item:"

_Index = QModelIndex | QPersistentModelIndex


def item_key(uid: str) -> str:
    return _ITEM + uid


def uid_of_key(key: str) -> str | None:
    return key[len(_ITEM) :] if key.startswith(_ITEM) else None


def agenda_entries(doc: Document) -> list[str]:
    """What the agenda slide lists: the section titles, else every content slide's title."""
    items = doc.briefing.items
    sections = [i.title for i in items if isinstance(i, SectionItem)]
    return sections or [
        i.title for i in items if isinstance(i, ImpressionItem | ChartItem | TextItem)
    ]


def item_problems(item: Item) -> list[str]:
    """What keeps this item's slide from being built, in the words of the validation rules."""
    problems: list[str] = []
    if isinstance(item, ImpressionItem):
        problems += impression_problems(item.impression)
    elif not item.title.strip():
        problems.append("The title is empty.")
    chart = item.chart if isinstance(item, ImpressionItem | ChartItem) else None
    if chart is not None:
        problems += chart.validate()
    return problems


def title_problems(title: str) -> list[str]:
    if not title.strip():
        return ["The briefing has an empty title."]
    if len(title) > MAX_TITLE:
        return [f"The briefing title has {len(title)} characters; keep it to {MAX_TITLE}."]
    return []


ImpressionLookup = Callable[[str], Impression | None]


class OutlineModel(QAbstractListModel):
    dropped = Signal(str)  # key of the first slide a library drop added
    drop_refused = Signal(str)  # why a library drop added nothing

    def __init__(
        self,
        doc: Document,
        parent: QObject | None = None,
        impressions: ImpressionLookup | None = None,
    ) -> None:
        super().__init__(parent)
        self._doc = doc
        self.impressions = impressions
        """Finds a dragged impression by id; without it, library drops are refused."""
        self._keys: list[str] = self._compute_keys()
        doc.structure_changed.connect(self._sync)
        doc.item_changed.connect(self._data_changed)
        doc.briefing_changed.connect(self._data_changed)
        doc.reset.connect(self._reset)

    # -- keys ---------------------------------------------------------------------------

    def _compute_keys(self) -> list[str]:
        keys = [TITLE_KEY]
        if agenda_entries(self._doc):
            keys.append(AGENDA_KEY)
        keys += [item_key(item.uid) for item in self._doc.briefing.items]
        if self._doc.briefing.sources():
            keys.append(SOURCES_KEY)
        return keys

    def row_keys(self) -> list[str]:
        return list(self._keys)

    def row_of_key(self, key: str) -> int:
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    def index_of_key(self, key: str) -> QModelIndex:
        row = self.row_of_key(key)
        return self.index(row, 0) if row >= 0 else QModelIndex()

    def key_at(self, row: int) -> str:
        return self._keys[row] if 0 <= row < len(self._keys) else ""

    def first_item_row(self) -> int:
        return 2 if AGENDA_KEY in self._keys else 1

    # -- syncing with the document ------------------------------------------------------

    def _reset(self) -> None:
        self.beginResetModel()
        self._keys = self._compute_keys()
        self.endResetModel()

    def _data_changed(self, *_args: object) -> None:
        self._sync()
        if self._keys:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._keys) - 1, 0))

    def _sync(self) -> None:
        """Bring the rows in line with the document with insert/remove/move signals, so views
        keep their selection and scroll position."""
        new = self._compute_keys()
        old = self._keys
        if new == old:
            return
        if len(new) == len(old) and sorted(new) == sorted(old) and self._single_move(new):
            return
        wanted = set(new)
        for row in reversed(range(len(old))):
            if old[row] not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del old[row]
                self.endRemoveRows()
        for pos, key in enumerate(new):
            if pos < len(old) and old[pos] == key:
                continue
            if key in old:
                src = old.index(key)
                self.beginMoveRows(QModelIndex(), src, src, QModelIndex(), pos)
                old.insert(pos, old.pop(src))
                self.endMoveRows()
            else:
                self.beginInsertRows(QModelIndex(), pos, pos)
                old.insert(pos, key)
                self.endInsertRows()
        self.dataChanged.emit(self.index(0, 0), self.index(len(old) - 1, 0))

    def _single_move(self, new: list[str]) -> bool:
        old = self._keys
        first = next(i for i in range(len(old)) if old[i] != new[i])
        last = next(i for i in reversed(range(len(old))) if old[i] != new[i])
        if old[first + 1 : last + 1] == new[first:last] and old[first] == new[last]:
            src, dest = first, last + 1  # moved down
        elif old[first:last] == new[first + 1 : last + 1] and old[last] == new[first]:
            src, dest = last, first  # moved up
        else:
            return False
        self.beginMoveRows(QModelIndex(), src, src, QModelIndex(), dest)
        self._keys = list(new)
        self.endMoveRows()
        self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, 0))
        return True

    # -- the model interface ------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if uid_of_key(self.key_at(index.row())) is not None:
            base |= Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        key = self._keys[index.row()]
        row = index.row()
        if role == roles.KEY:
            return key
        if role == roles.NUMBER:
            return row + 1
        uid = uid_of_key(key)
        if uid is not None:
            item = self._doc.item(uid)
            if item is None:
                return None
            return self._item_data(item, role)
        return self._fixed_data(key, role)

    def _item_data(self, item: Item, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return item.title or "(untitled)"
        if role == roles.SUBTITLE:
            return fields.summary(item)
        if role == roles.KIND:
            return item.kind
        if role == roles.BADGE:
            return fields.KIND_LABELS[item.kind]
        if role == roles.UID:
            return item.uid
        if role == roles.PROBLEMS:
            return "\n".join(item_problems(item))
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{fields.KIND_LABELS[item.kind]}: {item.title}"
            problems = item_problems(item)
            if problems:
                tip += "\n\nTo fix:\n" + "\n".join(f"\u2022 {p}" for p in problems)
            return tip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{fields.KIND_LABELS[item.kind]}: {item.title}"
        return None

    def _fixed_data(self, key: str, role: int) -> Any:
        b = self._doc.briefing
        if key == TITLE_KEY:
            title, badge, sub = b.title or "(untitled)", "Title slide", b.subtitle
            tip = "The title slide, from the briefing's properties (Briefing \u25b8 Properties)."
        elif key == AGENDA_KEY:
            entries = agenda_entries(self._doc)
            title, badge = "Agenda", "Agenda \u00b7 automatic"
            sub = " \u00b7 ".join(entries)
            tip = "Generated from the section dividers (or the slide titles when there are none)."
        else:
            count = len(b.sources())
            title, badge = "Sources", "Sources \u00b7 automatic"
            sub = f"{count} source{'s' if count != 1 else ''} cited, numbered in the notes"
            tip = "Generated from the sources of the impressions and charts in the briefing."
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return title
        if role == roles.SUBTITLE:
            return sub
        if role == roles.KIND:
            return key
        if role == roles.BADGE:
            return badge
        if role == roles.UID:
            return ""
        problems = title_problems(b.title) if key == TITLE_KEY else []
        if role == roles.PROBLEMS:
            return "\n".join(problems)
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                tip += "\n\nTo fix:\n" + "\n".join(f"\u2022 {p}" for p in problems)
            return tip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{badge}: {title}"
        return None

    def moveRows(
        self,
        sourceParent: _Index,
        sourceRow: int,
        count: int,
        destinationParent: _Index,
        destinationChild: int,
    ) -> bool:
        """Move item rows (what a drag and drop does); pushes one undo command per row."""
        if sourceParent.isValid() or destinationParent.isValid() or count != 1:
            return False
        uid = uid_of_key(self.key_at(sourceRow))
        if uid is None:
            return False
        first = self.first_item_row()
        n_items = len(self._doc.briefing.items)
        dest = max(first, min(destinationChild, first + n_items)) - first
        src = sourceRow - first
        to_index = dest - 1 if dest > src else dest
        return self._doc.move_item(uid, to_index)

    # -- drops from the library ---------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        # the first type is what the view's own drags carry (moves go through moveRows)
        return [*super().mimeTypes(), IMPRESSION_MIME]

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        if data.hasFormat(IMPRESSION_MIME):
            return (
                self.impressions is not None
                and not parent.isValid()
                and action in (Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)
            )
        return super().canDropMimeData(data, action, row, column, parent)

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        """Insert the dragged library impressions before ``row`` (at the end for -1)."""
        if not data.hasFormat(IMPRESSION_MIME):
            return super().dropMimeData(data, action, row, column, parent)
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        assert self.impressions is not None
        found = [self.impressions(i) for i in impression_ids_from_mime(data)]
        wanted = [imp for imp in found if imp is not None]
        if not wanted:
            return False
        first = self.first_item_row()
        n_items = len(self._doc.briefing.items)
        at = n_items if row < 0 else max(first, min(row, first + n_items)) - first
        added = self._doc.add_impressions(at, wanted)
        if not added:
            titles = ", ".join(f"\u201c{imp.title}\u201d" for imp in wanted)
            verb = "is" if len(wanted) == 1 else "are"
            self.drop_refused.emit(f"{titles} {verb} already in the briefing; nothing was added")
            return False
        self.dropped.emit(item_key(added[0].uid))
        return True
