"""The app's look: Fusion with a calm light palette and a few named styles."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1F4E9A"

STYLE_SHEET = f"""
QLabel#panelHeading {{ font-weight: 600; font-size: 11pt; }}
QLabel#heading {{ font-size: 15pt; font-weight: 600; }}
QLabel#badge {{ color: {ACCENT}; font-size: 8pt; font-weight: 600; letter-spacing: 1px; }}
QLabel#caption {{ font-weight: 600; color: #3A4150; }}
QLabel#hint {{ color: #6B7280; }}
QLabel#note {{ color: #8A5A00; }}
QLabel#problems {{
    background: #FFF4E0; border: 1px solid #F0C36D; border-radius: 4px; padding: 6px 8px;
    color: #5C3B00;
}}
QDockWidget::title {{ padding: 6px 8px; font-weight: 600; background: #E9ECF1; }}
QToolBar {{ spacing: 4px; padding: 3px; }}
QStatusBar QLabel {{ padding: 0 6px; }}
QListWidget#textList::item {{ padding: 4px 2px; border-bottom: 1px solid #E6E8EC; }}
QListWidget#textList::item:selected {{ background: #2C5AA0; color: white; }}
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    base = {
        QPalette.ColorRole.Window: "#F4F5F7",
        QPalette.ColorRole.WindowText: "#1B1F27",
        QPalette.ColorRole.Base: "#FFFFFF",
        QPalette.ColorRole.AlternateBase: "#F7F8FA",
        QPalette.ColorRole.Text: "#1B1F27",
        QPalette.ColorRole.Button: "#F4F5F7",
        QPalette.ColorRole.ButtonText: "#1B1F27",
        QPalette.ColorRole.Highlight: "#2C5AA0",
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.ToolTipBase: "#FFFFF0",
        QPalette.ColorRole.ToolTipText: "#1B1F27",
        QPalette.ColorRole.PlaceholderText: "#8A8F98",
    }
    for role, colour in base.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9AA0A8"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#9AA0A8"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9AA0A8"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)
