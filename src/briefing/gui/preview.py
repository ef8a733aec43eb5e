"""A picture of the selected slide.

By default an approximate sketch to recognise a slide by (colours, title, text and the chart as
the renderer draws it), labelled as approximate: the exported deck is laid out by the template's
own layouts. When an exact preview was rendered (the built deck as LibreOffice draws it) and the
briefing has not changed since, the slide's page is shown instead.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from briefing.gui.sketch import Look, Sketch

CAPTION = "Approximate preview \u2014 the deck follows the template's layouts"
EXACT_CAPTION = "Exact preview \u2014 the built deck as LibreOffice draws it"


class SlidePreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sketch: Sketch | None = None
        self._look = Look()
        self._chart_image: QImage | None = None
        self._page: QImage | None = None
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

    @property
    def chart_image(self) -> QImage | None:
        return self._chart_image

    def set_chart_image(self, image: QImage | None) -> None:
        """The selected slide's chart as the renderer draws it (None: a generic shape)."""
        if image is not self._chart_image:
            self._chart_image = image
            self.update()

    @property
    def page(self) -> QImage | None:
        return self._page

    @property
    def mode(self) -> str:
        return "exact" if self._page is not None else "approximate"

    def set_page(self, image: QImage | None) -> None:
        """The slide's page of the exact preview (None: draw the sketch)."""
        if image is not self._page:
            self._page = image
            self.setAccessibleName(
                "Slide preview (exact)" if image is not None else "Slide preview (approximate)"
            )
            self.update()

    # -- painting -----------------------------------------------------------------------

    def _slide_rect(self) -> QRectF:
        caption_h = self.fontMetrics().height() + 8
        avail_w = self.width() - 24
        avail_h = self.height() - 16 - caption_h
        page = self._page
        aspect = page.width() / page.height() if page and page.height() else self._look.aspect
        w = min(avail_w, avail_h * aspect)
        h = w / aspect
        return QRectF((self.width() - w) / 2, 8, max(1.0, w), max(1.0, h))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = self._slide_rect()
        painter.fillRect(rect.translated(2, 3), QColor(0, 0, 0, 40))  # shadow
        page = self._page
        paint_sketch(
            painter,
            rect,
            self._sketch if page is None else None,
            self._look,
            font=self.font(),
            chart_image=self._chart_image,
        )
        if page is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(rect, page)
        caption_font = QFont(self.font())
        caption_font.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        painter.setFont(caption_font)
        painter.setPen(self.palette().color(self.foregroundRole()))
        caption = QRectF(0, rect.bottom() + 6, self.width(), self.fontMetrics().height() + 2)
        painter.drawText(
            caption,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            EXACT_CAPTION if page is not None else CAPTION,
        )
        painter.end()


def paint_sketch(
    painter: QPainter,
    rect: QRectF,
    sketch: Sketch | None,
    look: Look,
    *,
    font: QFont | None = None,
    chart_image: QImage | None = None,
    min_px: int = 6,
) -> None:
    """Paint the approximate slide ``sketch`` in ``rect``: the page in the template's colours,
    a thin frame, then title, text and chart clipped to the page (only the page when ``sketch``
    is None). The large preview and the outline's thumbnails both paint with this.

    ``font`` is the family to use (the application font by default); text is sized in
    proportion to ``rect`` but never below ``min_px`` pixels. ``chart_image`` is the chart as
    the renderer draws it (None: a generic shape of the chart's kind). The painter's state is
    restored afterwards.
    """
    painter.save()
    dark = sketch is not None and sketch.layout in ("cover", "section")
    painter.fillRect(rect, QColor(look.primary if dark else look.background))
    painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
    painter.drawRect(rect)
    if sketch is not None:
        painter.setClipRect(rect)
        _SketchPainter(painter, font or QFont(), chart_image, min_px).slide(rect, sketch, look)
    painter.restore()


class _SketchPainter:
    """The drawing of one sketch: fonts derive from ``base`` and scale with the page."""

    def __init__(
        self, painter: QPainter, base: QFont, chart_image: QImage | None, min_px: int
    ) -> None:
        self._painter = painter
        self._base = base
        self._chart_image = chart_image
        self._min_px = min_px

    def _font(self, height: float, size: float, bold: bool = False) -> QFont:
        font = QFont(self._base)
        font.setPixelSize(max(self._min_px, round(height * size)))
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

    def slide(self, rect: QRectF, s: Sketch, look: Look) -> None:
        painter = self._painter
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
            self._paint_chart(area, s, accent, muted)
        painter.setFont(self._font(h, 0.026))
        painter.setPen(muted)
        painter.drawText(
            QRectF(rect.left(), rect.bottom() - h * 0.06, w - margin * 0.5, h * 0.05),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(s.number),
        )

    def _paint_chart(self, area: QRectF, s: Sketch, accent: QColor, muted: QColor) -> None:
        """The chart's picture when it has been drawn, else a generic shape of its kind."""
        painter = self._painter
        if area.width() <= 4 or area.height() <= 4:
            return
        image = self._chart_image
        if image is not None and not image.isNull():
            scale = min(area.width() / image.width(), area.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            target = QRectF(area.left() + (area.width() - w) / 2, area.top(), w, h)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
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


class PreviewPanel(QWidget):
    """The slide preview under a heading, with the exact-preview button and its status."""

    def __init__(
        self, preview: SlidePreview, exact: QAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        heading = QLabel("Preview", self)
        heading.setObjectName("panelHeading")
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.exact_button = QToolButton(self)
        self.exact_button.setDefaultAction(exact)
        self.exact_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.exact_button.setAutoRaise(True)
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 0)
        header.addWidget(heading)
        header.addStretch(1)
        header.addWidget(self.status)
        header.addWidget(self.exact_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(preview, 1)
        preview.setParent(self)

    def set_status(self, text: str, tip: str = "") -> None:
        self.status.setText(text)
        self.status.setToolTip(tip)
