"""Undoable edits of the sources an impression or a chart slide cites.

The sources are not one of the text fields of :mod:`briefing.gui.fields`, so they have their own
command: it replaces the whole list of an item's sources and tells the views through the
document's ``item_changed`` signal, with the field name ``"sources"``.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from briefing.model import ChartItem, ImpressionItem, Item, Source

if TYPE_CHECKING:
    from briefing.gui.document import Document

SOURCES_FIELD = "sources"
_EDIT_SOURCES_ID = 1002
_SHORT = 40


def has_sources(item: Item | None) -> bool:
    """True for the items that cite sources: impressions and chart slides."""
    return isinstance(item, ImpressionItem | ChartItem)


def get_sources(item: Item) -> list[Source]:
    """A private copy of the sources ``item`` cites (none for sections and text slides)."""
    if isinstance(item, ImpressionItem):
        return copy.deepcopy(item.impression.sources)
    if isinstance(item, ChartItem):
        return copy.deepcopy(item.sources)
    return []


def set_sources(item: Item, sources: list[Source]) -> None:
    value = copy.deepcopy(sources)
    if isinstance(item, ImpressionItem):
        item.impression.sources = value
    elif isinstance(item, ChartItem):
        item.sources = value
    else:
        raise KeyError(f"{item.kind} items have no sources")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "\u2026"


class EditSourcesCommand(QUndoCommand):
    """Replace the sources of one item. Commands with the same ``merge_key`` merge, so a burst
    of typing in one field of one source is undone at once."""

    def __init__(
        self,
        doc: Document,
        uid: str,
        old: list[Source],
        new: list[Source],
        text: str,
        merge_key: object = None,
    ) -> None:
        super().__init__(text)
        self._doc = doc
        self.uid = uid
        self.old = copy.deepcopy(old)
        self.new = copy.deepcopy(new)
        self.merge_key = merge_key

    def _apply(self, sources: list[Source]) -> None:
        item = self._doc.item(self.uid)
        if item is None:  # pragma: no cover - commands address live items
            return
        set_sources(item, sources)
        self._doc.item_changed.emit(self.uid, SOURCES_FIELD)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def id(self) -> int:
        return _EDIT_SOURCES_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditSourcesCommand) or other.merge_key is None:
            return False
        if (other.uid, other.merge_key) != (self.uid, self.merge_key):
            return False
        self.new = copy.deepcopy(other.new)
        if self.new == self.old:
            self.setObsolete(True)
        return True


def edit_sources(
    doc: Document, uid: str, sources: list[Source], what: str, merge_key: object = None
) -> bool:
    """Push one undoable edit giving item ``uid`` these ``sources``; ``what`` names the change
    for the Undo menu ("Add a source"). False when nothing changes."""
    item = doc.item(uid)
    if item is None or not has_sources(item):
        return False
    old = get_sources(item)
    if old == sources:
        return False
    text = f"{what} (\u201c{_short(item.title)}\u201d)"
    doc.undo_stack.push(EditSourcesCommand(doc, uid, old, sources, text, merge_key))
    return True
