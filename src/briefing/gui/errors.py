"""Errors shown to users: one line they can act on; a traceback only under "Show Details"
and only for bugs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from briefing.errors import BriefingError, ValidationError


def error_box(parent: QWidget, title: str, exc: BaseException, details: str = "") -> QMessageBox:
    """A message box for ``exc`` (not yet shown)."""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if isinstance(exc, ValidationError) and len(exc.problems) > 1:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(f"{len(exc.problems)} problems need fixing before the deck can be built.")
        box.setInformativeText(f"The first: {exc.problems[0]}")
        box.setDetailedText("\n".join(f"\u2022 {p}" for p in exc.problems))
    elif isinstance(exc, BriefingError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(str(exc))
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText(f"Something went wrong: {type(exc).__name__}: {exc}")
        box.setInformativeText(
            "This is a bug in briefing, not something you did. Your briefing is unchanged; "
            "please report the details below."
        )
        if details:
            box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box
