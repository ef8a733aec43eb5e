"""An approximate picture of the selected slide: colours, title and text, no exact layout.

It is a sketch to recognise a slide by, labelled as approximate; the exported deck is laid out
by the template's own layouts.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from briefing.gui.sketch import Look, Sketch

CAPTION = "Approximate preview \u2014 the deck follows the template's layouts"


class SlidePreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sketch: Sketch | None = None
        self._look = Look()
        self.setMinimumSize(240, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Slide preview (approximate)")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    @property
    def sketch(self) -> Sketch | None:
        return self._sketch

    def set_sketch(self, sketch: Sketch | None) -> None:
        self._sketch = sketch
        self.setAccessibleDescription(
            f"Slide {sketch.number}: {sketch.title}" if sketch else "No slide selected"
        )
        self.update()

    def set_look(self, look: Look) -> None:
        self._look = look
        self.update()

    # -- painting -----------------------------------------------------------------------

    def _slide_rect(self) -> QRectF:
        caption_h = self.fontMetrics().height() + 8
        avail_w = self.width() - 24
        avail_h = self.height() - 16 - caption_h
        aspect = self._look.aspect
        w = min(avail_w, avail_h * aspect)
        h = w / aspect
        return QRectF((self.width() - w) / 2, 8, max(1.0, w), max(1.0, h))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = self._slide_rect()
        # shadow and page
        painter.fillRect(rect.translated(2, 3), QColor(0, 0, 0, 40))
        sketch = self._sketch
        look = self._look
        dark = sketch is not None and sketch.layout in ("cover", "section")
        painter.fillRect(rect, QColor(look.primary if dark else look.background))
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
        painter.drawRect(rect)
        caption_font = QFont(self.font())
        caption_font.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        painter.setFont(caption_font)
        painter.setPen(self.palette().color(self.foregroundRole()))
        caption = QRectF(0, rect.bottom() + 6, self.width(), self.fontMetrics().height() + 2)
        painter.drawText(
            caption, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, CAPTION
        )
        if sketch is None:
            painter.end()
            return
        painter.save()
        painter.setClipRect(rect)
        self._paint_slide(painter, rect, sketch, look)
        painter.restore()
        painter.end()

    def _font(self, height: float, size: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(6, round(height * size)))
        font.setBold(bold)
        return font

    def _text(
        self,
        painter: QPainter,
        box: QRectF,
        text: str,
        font: QFont,
        colour: QColor,
        flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
    ) -> float:
        """Draw wrapped ``text`` in ``box``; return the height used."""
        if not text or box.height() <= 0:
            return 0.0
        painter.setFont(font)
        painter.setPen(colour)
        wrap = int(flags) | int(Qt.TextFlag.TextWordWrap)
        used = painter.boundingRect(box, wrap, text)
        painter.drawText(box, wrap, text)
        return min(used.height(), box.height())

    def _paint_slide(self, painter: QPainter, rect: QRectF, s: Sketch, look: Look) -> None:
        h = rect.height()
        w = rect.width()
        margin = w * 0.06
        light = QColor("#FFFFFF")
        text = QColor(look.text)
        muted = QColor(look.muted)
        primary = QColor(look.primary)
        accent = QColor(look.accent)
        if s.marking:
            mfont = self._font(h, 0.028, bold=True)
            colour = light if s.layout in ("cover", "section") else muted
            for top in (rect.top() + h * 0.012, rect.bottom() - h * 0.05):
                self._text(
                    painter,
                    QRectF(rect.left(), top, w, h * 0.04),
                    s.marking,
                    mfont,
                    colour,
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                )
        if s.layout in ("cover", "section"):
            painter.fillRect(
                QRectF(rect.left() + margin, rect.top() + h * 0.36, w * 0.08, h * 0.012), accent
            )
            big = 0.085 if s.layout == "cover" else 0.075
            top = rect.top() + h * 0.40
            box = QRectF(rect.left() + margin, top, w - 2 * margin, h * 0.30)
            used = self._text(painter, box, s.title, self._font(h, big, bold=True), light)
            top += used + h * 0.03
            sub = QColor(light)
            sub.setAlpha(215)
            used = self._text(
                painter,
                QRectF(rect.left() + margin, top, w - 2 * margin, h * 0.14),
                s.subtitle,
                self._font(h, 0.042),
                sub,
            )
            top += used + h * 0.02
            for line in s.bullets:
                self._text(
                    painter,
                    QRectF(rect.left() + margin, top, w - 2 * margin, h * 0.1),
                    line,
                    self._font(h, 0.032),
                    sub,
                )
            return
        # content slide: title, rule, lead, bullets (and a chart area)
        top = rect.top() + h * 0.07
        title_box = QRectF(rect.left() + margin, top, w - 2 * margin, h * 0.16)
        used = self._text(painter, title_box, s.title, self._font(h, 0.06, bold=True), primary)
        top += max(used, h * 0.07) + h * 0.02
        painter.fillRect(
            QRectF(rect.left() + margin, top, w - 2 * margin, max(1.0, h * 0.005)), accent
        )
        top += h * 0.04
        body_w = w - 2 * margin
        if s.chart:
            body_w = (w - 2 * margin) * (0.48 if (s.bullets or s.layout != "chart") else 1.0)
        bottom = rect.bottom() - h * 0.08
        y = top
        if s.lead:
            y += (
                self._text(
                    painter,
                    QRectF(rect.left() + margin, y, body_w, bottom - y),
                    s.lead,
                    self._font(h, 0.036, bold=True),
                    text,
                )
                + h * 0.025
            )
        body = self._font(h, 0.032)
        for number, point in enumerate(s.bullets, start=1):
            if y >= bottom:
                break
            marker = f"{number}." if s.numbered else "\u2022"
            indent = h * 0.045
            self._text(
                painter, QRectF(rect.left() + margin, y, indent, h * 0.05), marker, body, accent
            )
            y += (
                self._text(
                    painter,
                    QRectF(rect.left() + margin + indent, y, body_w - indent, bottom - y),
                    point,
                    body,
                    text,
                )
                + h * 0.018
            )
        if s.chart:
            area_left = (
                rect.left()
                + margin
                + (body_w + w * 0.03 if s.layout != "chart" or s.bullets else 0)
            )
            if s.layout == "chart" and not s.bullets:
                area_left = rect.left() + margin
                top = y
            area = QRectF(area_left, top, rect.right() - margin - area_left, bottom - top)
            self._paint_chart(painter, area, s, accent, muted)
        painter.setFont(self._font(h, 0.026))
        painter.setPen(muted)
        painter.drawText(
            QRectF(rect.left(), rect.bottom() - h * 0.06, w - margin * 0.5, h * 0.05),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(s.number),
        )

    def _paint_chart(
        self, painter: QPainter, area: QRectF, s: Sketch, accent: QColor, muted: QColor
    ) -> None:
        """A generic shape of the chart's kind with its id: the real chart is drawn at export."""
        if area.width() <= 4 or area.height() <= 4:
            return
        label_h = area.height() * 0.12
        if s.chart_label:
            faint = QColor(muted)
            self._text(
                painter,
                QRectF(area.left(), area.bottom() - label_h, area.width(), label_h),
                f"{s.chart_label} \u00b7 drawn from the data at export",
                self._font(area.height() / 0.6, 0.022),
                faint,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            )
            area = QRectF(area.left(), area.top(), area.width(), area.height() - label_h)
        painter.setPen(QPen(muted, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        values = (0.55, 0.8, 0.45, 0.95, 0.7, 0.6)
        kind = s.chart_kind
        if kind in ("line", "scatter"):
            step = area.width() / (len(values) + 1)
            points = [
                QPointF(area.left() + step * (i + 1), area.bottom() - area.height() * v * 0.85)
                for i, v in enumerate(values)
            ]
            painter.setPen(QPen(accent, max(1.5, area.height() * 0.015)))
            if kind == "line":
                painter.drawPolyline(QPolygonF(points))
            painter.setBrush(accent)
            radius = max(2.0, area.height() * 0.02)
            for point in points:
                painter.drawEllipse(point, radius, radius)
            return
        horizontal = kind in ("bar", "stacked_bar")
        n = len(values)
        span = area.height() if horizontal else area.width()
        gap = span / (n * 3)
        thick = gap * 2
        for i, frac in enumerate(sorted(values, reverse=True) if horizontal else values):
            colour = QColor(accent)
            colour.setAlpha(190 if i % 2 else 255)
            offset = gap / 2 + i * (thick + gap)
            if horizontal:
                bar = QRectF(area.left(), area.top() + offset, area.width() * frac * 0.95, thick)
            else:
                height = area.height() * frac * 0.9
                bar = QRectF(area.left() + offset, area.bottom() - height, thick, height)
            painter.fillRect(bar, colour)
