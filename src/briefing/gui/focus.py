"""Typing bursts and the Undo keys in editing fields."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence

_HISTORY_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class FocusWatcher(QObject):
    """Ends a typing burst when a field loses focus, so undo steps stay meaningful, and lets
    Undo/Redo keys reach the briefing's undo stack instead of the field's own."""

    def __init__(self, on_focus_out: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._on_focus_out = on_focus_out

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._on_focus_out()
        elif (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and any(event.matches(key) for key in _HISTORY_KEYS)
        ):
            self._on_focus_out()
            return True  # not accepted: the window's Undo/Redo shortcut runs
        return False
