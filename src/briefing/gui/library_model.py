"""The content library as a Qt tree: impressions grouped by their first tag.

A check mark says the impression is in the briefing; toggling it asks (by signal) for the
impression to be added or removed, and the main window does that through the undo stack.
Impressions can also be dragged (as :data:`IMPRESSION_MIME`, their ids) onto the outline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from briefing.gui import roles
from briefing.gui.document import Document
from briefing.library import Library
from briefing.model import Impression

_Index = QModelIndex | QPersistentModelIndex
OTHER = "other"
IMPRESSION_MIME = "application/x-briefing-impression-ids"
"""Drag-and-drop type of library impressions: a JSON list of impression ids (UTF-8)."""


def impression_ids_mime(ids: Sequence[str]) -> QMimeData:
    mime = QMimeData()
    mime.setData(IMPRESSION_MIME, json.dumps(list(ids)).encode("utf-8"))
    return mime


def impression_ids_from_mime(mime: QMimeData) -> list[str]:
    """The impression ids a drag carries; empty when it carries none (or garbage)."""
    if not mime.hasFormat(IMPRESSION_MIME):
        return []
    try:
        ids = json.loads(bytes(mime.data(IMPRESSION_MIME).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(ids, list):
        return []
    return [i for i in ids if isinstance(i, str)]


def tag_label(tag: str) -> str:
    return tag.replace("-", " ").replace("_", " ").strip().capitalize() or "Other"


@dataclass
class _Group:
    tag: str
    impressions: list[Impression]


def group_impressions(impressions: list[Impression]) -> list[_Group]:
    groups: dict[str, list[Impression]] = {}
    for imp in impressions:
        groups.setdefault(imp.tags[0] if imp.tags else OTHER, []).append(imp)
    return [
        _Group(tag, imps)
        for tag, imps in sorted(groups.items(), key=lambda kv: (kv[0] == OTHER, tag_label(kv[0])))
    ]


def _tooltip(imp: Impression) -> str:
    points = "\n".join(f"\u2022 {p}" for p in imp.points)
    tags = ", ".join(tag_label(t) for t in imp.tags)
    extra = " (optional)" if imp.optional else ""
    return f"{imp.title}{extra}\n\n{imp.key_judgement}\n\n{points}\n\nTags: {tags}"


class LibraryModel(QAbstractItemModel):
    add_requested = Signal(object)  # Impression
    remove_requested = Signal(str)  # impression id

    def __init__(self, library: Library, doc: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._groups = group_impressions(library.impressions())
        doc.structure_changed.connect(self._checks_changed)
        doc.reset.connect(self._checks_changed)

    def set_library(self, library: Library) -> None:
        self.beginResetModel()
        self._groups = group_impressions(library.impressions())
        self.endResetModel()

    def impression_at(self, index: _Index) -> Impression | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1].impressions[index.row()]

    def impression(self, impression_id: str) -> Impression | None:
        """The library impression with this id, if the library has it."""
        for group in self._groups:
            for imp in group.impressions:
                if imp.id == impression_id:
                    return imp
        return None

    def _checks_changed(self) -> None:
        for row, group in enumerate(self._groups):
            parent = self.index(row, 0)
            if group.impressions:
                self.dataChanged.emit(
                    self.index(0, 0, parent),
                    self.index(len(group.impressions) - 1, 0, parent),
                    [Qt.ItemDataRole.CheckStateRole],
                )

    # -- structure ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, child: _Index) -> QModelIndex: ...
    def parent(self, child: _Index | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].impressions)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    # -- dragging -----------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [IMPRESSION_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[str] = []
        for index in indexes:
            imp = self.impression_at(index)
            if imp is not None and imp.id not in ids:
                ids.append(imp.id)
        return impression_ids_mime(ids)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    # -- data ---------------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        imp = self.impression_at(index)
        if imp is None:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return tag_label(group.tag)
            if role == roles.KIND:
                return "tag"
            if role == roles.BADGE:
                return str(len(group.impressions))
            if role == roles.SEARCH:
                return tag_label(group.tag)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{tag_label(group.tag)}, {len(group.impressions)} impressions"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return imp.title
        if role == roles.SUBTITLE:
            return imp.key_judgement
        if role == roles.KIND:
            return "impression"
        if role == roles.IMPRESSION_ID:
            return imp.id
        if role == roles.BADGE:
            return "optional" if imp.optional else ""
        if role == Qt.ItemDataRole.CheckStateRole:
            present = imp.id in self._doc.impression_ids()
            return Qt.CheckState.Checked if present else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(imp)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{imp.title}. {imp.key_judgement}"
        if role == roles.SEARCH:
            return " ".join(
                [imp.title, imp.key_judgement, *imp.points, *(tag_label(t) for t in imp.tags)]
            )
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        imp = self.impression_at(index)
        if imp is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        raw = value.value if isinstance(value, Qt.CheckState) else value
        checked = int(raw) == Qt.CheckState.Checked.value
        present = imp.id in self._doc.impression_ids()
        if checked and not present:
            self.add_requested.emit(imp)
        elif not checked and present:
            self.remove_requested.emit(imp.id)
        return True


class LibraryFilter(QSortFilterProxyModel):
    """Filters the library by the search box: title, judgement, points and tags."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(roles.SEARCH)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
