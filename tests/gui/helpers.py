"""Helpers for driving the main window in tests."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from briefing.gui import roles
from briefing.gui.main_window import MainWindow
from briefing.model import ImpressionItem


def library_index(window: MainWindow, impression_id: str) -> QModelIndex:
    """The index of an impression in the library tree (as the view shows it)."""
    proxy = window.panels.library_panel.proxy
    for row in range(proxy.rowCount()):
        parent = proxy.index(row, 0)
        for child in range(proxy.rowCount(parent)):
            index = proxy.index(child, 0, parent)
            if index.data(roles.IMPRESSION_ID) == impression_id:
                return index
    raise LookupError(impression_id)


def uid_of(window: MainWindow, impression_id: str) -> str:
    for item in window.doc.briefing.items:
        if isinstance(item, ImpressionItem) and item.impression.id == impression_id:
            return item.uid
    raise LookupError(impression_id)


def impression_ids(window: MainWindow) -> list[str]:
    return [i.impression.id for i in window.doc.briefing.items if isinstance(i, ImpressionItem)]


def click_check(window: MainWindow, index: QModelIndex) -> None:
    """Toggle an entry's check box the way the view does when it is clicked."""
    state = index.data(Qt.ItemDataRole.CheckStateRole)
    new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
    window.panels.library_panel.proxy.setData(index, new.value, Qt.ItemDataRole.CheckStateRole)
