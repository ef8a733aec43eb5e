"""The open briefing: the model object, its file, and the undo stack every edit goes through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from briefing.gui import fields
from briefing.gui.commands import (
    EditBriefingCommand,
    EditFieldCommand,
    InsertItemsCommand,
    MoveItemCommand,
    RemoveItemsCommand,
)
from briefing.model import Briefing, ChartSpec, Impression, Item

_SHORT = 40


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "\u2026"


class Document(QObject):
    """A briefing being edited.

    Views never change ``briefing`` themselves: they call the operations below, which push undo
    commands; the commands call the ``apply_*`` primitives, which change the model and emit.
    """

    structure_changed = Signal()  # items inserted, removed or moved
    item_changed = Signal(str, str)  # uid, field name
    briefing_changed = Signal(str)  # field name
    reset = Signal()  # a different briefing was loaded
    modified_changed = Signal(bool)
    path_changed = Signal()

    def __init__(
        self, briefing: Briefing, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.briefing = briefing
        self.path = path
        self._dirty = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    # -- state --------------------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return self._dirty or not self.undo_stack.isClean()

    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    def _clean_changed(self, _clean: bool) -> None:
        self.modified_changed.emit(self.modified)

    def load(self, briefing: Briefing, path: Path | None, *, modified: bool = False) -> None:
        """Show another briefing; the undo history starts afresh."""
        self.undo_stack.clear()
        self.briefing = briefing
        self.path = path
        self._dirty = modified
        self.reset.emit()
        self.path_changed.emit()
        self.modified_changed.emit(self.modified)

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self._dirty = False
        self.undo_stack.setClean()
        self.path_changed.emit()
        self.modified_changed.emit(self.modified)

    # -- lookups ------------------------------------------------------------------------

    def index_of(self, uid: str) -> int:
        for index, item in enumerate(self.briefing.items):
            if item.uid == uid:
                return index
        raise KeyError(uid)

    def item(self, uid: str) -> Item | None:
        return self.briefing.find(uid)

    def impression_ids(self) -> set[str]:
        return {imp.id for imp in self.briefing.impressions()}

    # -- operations (undoable) ----------------------------------------------------------

    def edit_item_field(self, uid: str, name: str, value: Any, merge_key: object = None) -> None:
        item = self.item(uid)
        if item is None:
            return
        old = fields.get_field(item, name)
        if old == value:
            return
        label = name.replace("_", " ")
        text = f"Edit {label} of \u201c{_short(item.title)}\u201d"
        self.undo_stack.push(EditFieldCommand(self, uid, name, old, value, text, merge_key))

    def edit_chart(
        self, uid: str, spec: ChartSpec | None, what: str, merge_key: object = None
    ) -> None:
        """Replace the chart of a chart slide or an impression (None takes it off an
        impression); ``what`` names the change for the Undo menu ("chart kind")."""
        item = self.item(uid)
        if item is None:
            return
        old = fields.get_field(item, "chart")
        if old == spec:
            return
        if old is None:
            text = f"Attach a chart to \u201c{_short(item.title)}\u201d"
        elif spec is None:
            text = f"Remove the chart from \u201c{_short(item.title)}\u201d"
        else:
            text = f"Change the {what} of \u201c{_short(item.title)}\u201d"
        key = None if merge_key is None else (what, merge_key)
        self.undo_stack.push(EditFieldCommand(self, uid, "chart", old, spec, text, key))

    def edit_briefing_field(self, name: str, value: Any, merge_key: object = None) -> None:
        old = fields.get_briefing_field(self.briefing, name)
        if old == value:
            return
        text = f"Change the briefing's {name.replace('_', ' ')}"
        self.undo_stack.push(EditFieldCommand(self, None, name, old, value, text, merge_key))

    def edit_briefing_fields(self, values: dict[str, Any]) -> None:
        old = {k: fields.get_briefing_field(self.briefing, k) for k in values}
        changed = {k: v for k, v in values.items() if old[k] != v}
        if not changed:
            return
        before = {k: old[k] for k in changed}
        self.undo_stack.push(EditBriefingCommand(self, before, changed, "Edit briefing properties"))

    def insert_items(self, index: int, items: list[Item], text: str) -> None:
        index = max(0, min(index, len(self.briefing.items)))
        self.undo_stack.push(InsertItemsCommand(self, index, items, text))

    def add_impressions(self, index: int, impressions: list[Impression]) -> list[Item]:
        """Insert copies of the library ``impressions`` not yet in the briefing at ``index``,
        as one undo step; returns the new items (none when all were there already)."""
        present = self.impression_ids()
        fresh: list[Impression] = []
        for imp in impressions:
            if imp.id not in present:
                present.add(imp.id)
                fresh.append(imp)
        if not fresh:
            return []
        items: list[Item] = [fields.impression_item(imp) for imp in fresh]
        many = f"Add {len(fresh)} impressions"
        text = f"Add \u201c{fresh[0].title}\u201d" if len(fresh) == 1 else many
        self.insert_items(index, items, text)
        return items

    def remove_items(self, uids: list[str]) -> None:
        present = [uid for uid in uids if self.item(uid) is not None]
        if not present:
            return
        if len(present) == 1:
            item = self.item(present[0])
            assert item is not None
            text = f"Delete \u201c{_short(item.title)}\u201d"
        else:
            text = f"Delete {len(present)} slides"
        self.undo_stack.push(RemoveItemsCommand(self, present, text))

    def move_item(self, uid: str, to_index: int) -> bool:
        """Move an item to ``to_index`` (its position afterwards); False when nothing moves."""
        from_index = self.index_of(uid)
        to_index = max(0, min(to_index, len(self.briefing.items) - 1))
        if from_index == to_index:
            return False
        item = self.briefing.items[from_index]
        text = f"Move \u201c{_short(item.title)}\u201d"
        self.undo_stack.push(MoveItemCommand(self, uid, from_index, to_index, text))
        return True

    # -- primitives (called by the undo commands only) ----------------------------------

    def apply_field(self, uid: str | None, name: str, value: Any) -> None:
        if uid is None:
            fields.set_briefing_field(self.briefing, name, value)
            self.briefing_changed.emit(name)
            return
        item = self.item(uid)
        if item is None:  # pragma: no cover - commands address live items
            return
        fields.set_field(item, name, value)
        self.item_changed.emit(uid, name)

    def apply_insert(self, index: int, items: list[Item]) -> None:
        self.briefing.items[index:index] = items
        self.structure_changed.emit()

    def apply_remove(self, uids: list[str]) -> list[tuple[int, Item]]:
        wanted = set(uids)
        removed = [(i, item) for i, item in enumerate(self.briefing.items) if item.uid in wanted]
        self.briefing.items = [item for item in self.briefing.items if item.uid not in wanted]
        self.structure_changed.emit()
        return removed

    def apply_move(self, uid: str, to_index: int) -> None:
        items = self.briefing.items
        item = items.pop(self.index_of(uid))
        items.insert(to_index, item)
        self.structure_changed.emit()
