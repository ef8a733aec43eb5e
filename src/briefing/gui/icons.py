"""Small, crisp icons drawn in code, so the app looks the same with or without an icon theme."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF

INK = "#2B3A55"
SIZE = 32


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def _pen(colour: str = INK, width: float = 3.0) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


@cache
def icon(name: str) -> QIcon:
    """One of: plus, minus, cross, up, down, duplicate, section, text, chart, export, and the
    severities error, warning and info."""
    pixmap, p = _canvas()
    p.setPen(_pen())
    c = SIZE / 2
    if name == "plus":
        p.drawLine(QPointF(c, 7), QPointF(c, SIZE - 7))
        p.drawLine(QPointF(7, c), QPointF(SIZE - 7, c))
    elif name == "minus":
        p.drawLine(QPointF(7, c), QPointF(SIZE - 7, c))
    elif name == "cross":
        p.setPen(_pen("#B3261E"))
        p.drawLine(QPointF(9, 9), QPointF(SIZE - 9, SIZE - 9))
        p.drawLine(QPointF(SIZE - 9, 9), QPointF(9, SIZE - 9))
    elif name in ("up", "down"):
        top, bottom = (8.0, SIZE - 8.0) if name == "up" else (SIZE - 8.0, 8.0)
        p.drawLine(QPointF(c, top), QPointF(c, bottom))
        sign = 1 if name == "up" else -1
        p.drawLine(QPointF(c, top), QPointF(c - 8, top + 8 * sign))
        p.drawLine(QPointF(c, top), QPointF(c + 8, top + 8 * sign))
    elif name == "duplicate":
        p.setPen(_pen(width=2.5))
        p.drawRoundedRect(QRectF(6, 6, 15, 15), 2, 2)
        p.setBrush(QColor("#FFFFFF"))
        p.drawRoundedRect(QRectF(12, 12, 15, 15), 2, 2)
    elif name == "chart":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#1F4E9A"))
        for i, height in enumerate((10, 18, 13, 22)):
            p.drawRect(QRectF(5 + i * 6, SIZE - 5 - height, 4.5, height))
        p.setPen(_pen(width=2))
        p.drawLine(QPointF(3, SIZE - 4), QPointF(SIZE - 3, SIZE - 4))
    elif name == "export":
        p.setBrush(QColor("#1F4E9A"))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawPolygon(
            QPolygonF([QPointF(9, 6), QPointF(26, c), QPointF(9, SIZE - 6), QPointF(13, c)])
        )
    elif name in ("error", "warning", "info"):
        colour = {"error": "#B3261E", "warning": "#C77700", "info": "#2C5AA0"}[name]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(colour))
        if name == "warning":
            p.drawPolygon(
                QPolygonF([QPointF(c, 3), QPointF(SIZE - 2, SIZE - 4), QPointF(2, SIZE - 4)])
            )
        else:
            p.drawEllipse(QRectF(3, 3, SIZE - 6, SIZE - 6))
        font = QFont()
        font.setPixelSize(19 if name != "warning" else 17)
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#FFFFFF"))
        glyph_box = QRectF(
            0, 0 if name != "warning" else 4, SIZE, SIZE - 4 if name == "warning" else SIZE
        )
        p.drawText(glyph_box, Qt.AlignmentFlag.AlignCenter, "i" if name == "info" else "!")
    else:
        glyph = {"section": "\u00a7", "text": "\u00b6"}.get(name, "?")
        font = QFont()
        font.setPixelSize(26)
        font.setBold(True)
        p.setFont(font)
        p.drawText(QRectF(0, 0, SIZE, SIZE), Qt.AlignmentFlag.AlignCenter, glyph)
    p.end()
    return QIcon(pixmap)
