"""Undo commands: every edit of the briefing is one of these, pushed on the document's stack.

Each command holds what it needs to do and undo one model operation; the document performs the
operation and tells the views. The commands know the document only as an :class:`Editable`
(its ``apply_*`` primitives), so this module does not import the document's.
"""

from __future__ import annotations

import copy
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from briefing.model import Item

_EDIT_FIELD_ID = 1001


class Editable(Protocol):
    """The primitives a command calls (:class:`briefing.gui.document.Document` has them)."""

    def apply_field(self, uid: str | None, name: str, value: Any) -> None: ...

    def apply_insert(self, index: int, items: list[Item]) -> None: ...

    def apply_remove(self, uids: list[str]) -> list[tuple[int, Item]]: ...

    def apply_move(self, uid: str, to_index: int) -> None: ...


def _copy(value: Any) -> Any:
    """A private copy, so a command's values never alias the model's (charts are mutable)."""
    return copy.deepcopy(value)


class EditFieldCommand(QUndoCommand):
    """Set one field of an item (``uid``) or of the briefing (``uid`` None).

    Commands with the same ``merge_key`` merge, so a burst of typing is undone at once.
    """

    def __init__(
        self,
        doc: Editable,
        uid: str | None,
        name: str,
        old: Any,
        new: Any,
        text: str,
        merge_key: object = None,
    ) -> None:
        super().__init__(text)
        self._doc = doc
        self.uid = uid
        self.name = name
        self.old = _copy(old)
        self.new = _copy(new)
        self.merge_key = merge_key

    def redo(self) -> None:
        self._doc.apply_field(self.uid, self.name, _copy(self.new))

    def undo(self) -> None:
        self._doc.apply_field(self.uid, self.name, _copy(self.old))

    def id(self) -> int:
        return _EDIT_FIELD_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditFieldCommand) or other.merge_key is None:
            return False
        if (other.uid, other.name, other.merge_key) != (self.uid, self.name, self.merge_key):
            return False
        self.new = _copy(other.new)
        if self.new == self.old:
            self.setObsolete(True)
        return True


class EditBriefingCommand(QUndoCommand):
    """Set several briefing fields at once (the properties dialog)."""

    def __init__(self, doc: Editable, old: dict[str, Any], new: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self._doc = doc
        self._old = dict(old)
        self._new = dict(new)

    def redo(self) -> None:
        for name, value in self._new.items():
            self._doc.apply_field(None, name, value)

    def undo(self) -> None:
        for name, value in self._old.items():
            self._doc.apply_field(None, name, value)


class InsertItemsCommand(QUndoCommand):
    def __init__(self, doc: Editable, index: int, items: list[Item], text: str) -> None:
        super().__init__(text)
        self._doc = doc
        self._index = index
        self._items = list(items)

    def redo(self) -> None:
        self._doc.apply_insert(self._index, self._items)

    def undo(self) -> None:
        self._doc.apply_remove([item.uid for item in self._items])


class RemoveItemsCommand(QUndoCommand):
    def __init__(self, doc: Editable, uids: list[str], text: str) -> None:
        super().__init__(text)
        self._doc = doc
        self._uids = list(uids)
        self._removed: list[tuple[int, Item]] = []

    def redo(self) -> None:
        self._removed = self._doc.apply_remove(self._uids)

    def undo(self) -> None:
        for index, item in sorted(self._removed, key=lambda pair: pair[0]):
            self._doc.apply_insert(index, [item])


class MoveItemCommand(QUndoCommand):
    """Move one item so that it ends up at ``to_index`` in the list of items."""

    def __init__(self, doc: Editable, uid: str, from_index: int, to_index: int, text: str) -> None:
        super().__init__(text)
        self._doc = doc
        self._uid = uid
        self._from = from_index
        self._to = to_index

    def redo(self) -> None:
        self._doc.apply_move(self._uid, self._to)

    def undo(self) -> None:
        self._doc.apply_move(self._uid, self._from)
