"""Start the desktop app: ``briefing`` with no command calls :func:`run`."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from briefing import __version__
from briefing.gui.main_window import MainWindow
from briefing.gui.style import apply_style


def make_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName("briefing")
    app.setOrganizationName("briefing")
    app.setApplicationDisplayName("Briefing")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon.fromTheme("x-office-presentation"))
    apply_style(app)
    return app


def run(argv: list[str] | None = None) -> int:
    """Open the main window on the default briefing; return the exit code."""
    app = make_app(argv)
    window = MainWindow()
    window.show()
    QTimer.singleShot(0, window.files.offer_recovery)
    return app.exec()
