"""How the window tells the user things: the status bar and (window-modal) message boxes."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from briefing.gui.errors import error_box


class Messages(QObject):
    """Status-bar messages and message boxes on ``window``; the newest open box is
    ``last_box`` (tests and the close handler look at it)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.last_box: QMessageBox | None = None

    def status(self, text: str, ms: int = 4000) -> None:
        """Show ``text`` in the status bar for ``ms`` milliseconds (0: until replaced)."""
        self._window.statusBar().showMessage(text, ms)

    def open_box(self, box: QMessageBox) -> None:
        """Show ``box`` window-modal without blocking; it deletes itself when closed."""
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.last_box = box
        box.destroyed.connect(self._box_gone)
        box.open()

    def _box_gone(self, *_args: object) -> None:
        self.last_box = None

    def error(self, title: str, exc: BaseException, details: str = "") -> None:
        """Say what went wrong (and what to do); a traceback only under details, for bugs."""
        self.open_box(error_box(self._window, title, exc, details))
