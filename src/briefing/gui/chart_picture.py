"""The chart's live picture in the chart form."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class ChartPicture(QWidget):
    """The chart as the renderer draws it, or why it cannot be drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = "empty"  # "empty", "drawing", "image", "error"
        self.message = ""
        self._image: QImage | None = None
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Chart preview")

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        image = self._image
        ratio = image.height() / image.width() if image and image.width() else 0.46
        return max(170, min(420, round(width * ratio)))

    @property
    def image(self) -> QImage | None:
        return self._image

    def show_drawing(self) -> None:
        self.state = "drawing"
        self.setAccessibleDescription("Drawing the chart")
        self.update()

    def show_image(self, image: QImage) -> None:
        self.state, self.message, self._image = "image", "", image
        self.setAccessibleDescription("The chart as it will be drawn")
        self.updateGeometry()
        self.update()

    def show_error(self, message: str) -> None:
        self.state, self.message, self._image = "error", message, None
        self.setAccessibleDescription(message)
        self.setToolTip(message)
        self.update()

    def clear(self) -> None:
        self.state, self.message, self._image = "empty", "", None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.fillRect(rect, QColor("#FFFFFF"))
        painter.setPen(QColor("#D5D9E0"))
        painter.drawRect(rect)
        inner = rect.adjusted(6, 6, -6, -6)
        image = self._image
        if image is not None and not image.isNull():
            scale = min(inner.width() / image.width(), inner.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            target = QRectF(
                inner.left() + (inner.width() - w) / 2, inner.top() + (inner.height() - h) / 2, w, h
            )
            painter.drawImage(target, image)
            if self.state == "drawing":
                painter.fillRect(target, QColor(255, 255, 255, 140))
        if self.state == "error":
            painter.setPen(QColor("#8A3B00"))
            text = f"\u26a0 {self.message}"
        elif self.state == "drawing" and image is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            text = "Drawing the chart\u2026"
        elif self.state == "empty":
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            text = "No chart"
        else:
            text = ""
        if text:
            painter.drawText(
                inner.adjusted(12, 12, -12, -12),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                text,
            )
        painter.end()
