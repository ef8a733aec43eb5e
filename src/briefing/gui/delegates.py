"""Delegates that paint a row as a title over a muted second line (and a badge)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPixmap,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from briefing.gui import roles

_Index = QModelIndex | QPersistentModelIndex
PAD = 6


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor(
        round(a.red() * (1 - amount) + b.red() * amount),
        round(a.green() * (1 - amount) + b.green() * amount),
        round(a.blue() * (1 - amount) + b.blue() * amount),
    )


def _wrapped_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines of ``width`` pixels, the last elided."""
    if not text or width <= 0:
        return []
    text = " ".join(text.split())
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    start = 0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(lines) == max_lines - 1:
            rest = text[start:]
            lines.append(QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        lines.append(text[start : start + length].rstrip())
    layout.endLayout()
    return lines


class ThumbnailSource(Protocol):
    """Pictures of the outline's slides (see :mod:`briefing.gui.thumbnails`)."""

    def thumb_size(self) -> QSize: ...

    def pixmap(self, index: _Index, dpr: float, font: QFont) -> QPixmap | None: ...


class TwoLineDelegate(QStyledItemDelegate):
    """``mode`` "outline": number, a thumbnail of the slide (once :meth:`set_thumbnails` gave a
    source), badge, title, one summary line. "library": title and a two-line key judgement;
    group rows as small headings."""

    def __init__(self, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mode = mode
        self._thumbnails: ThumbnailSource | None = None
        self._hinted = QSize()  # the thumbnail size the last size hint made room for

    def set_thumbnails(self, source: ThumbnailSource | None) -> None:
        self._thumbnails = source
        self.sizeHintChanged.emit(QModelIndex())

    def _thumb_size(self) -> QSize:
        """The thumbnail's size when rows show one, else an empty size."""
        if self._mode != "outline" or self._thumbnails is None:
            return QSize()
        return self._thumbnails.thumb_size()

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        title = QFont(base)
        title.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.85))
        badge = QFont(small)
        badge.setCapitalization(QFont.Capitalization.AllUppercase)
        badge.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
        return title, small, badge

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        base = super().sizeHint(option, index)
        title, small, badge = self._fonts(option.font)
        line_t = QFontMetrics(title).height()
        line_s = QFontMetrics(small).height()
        kind = index.data(roles.KIND)
        if kind == "tag":
            height = QFontMetrics(badge).height() + 2 * PAD
        elif self._mode == "outline":
            height = QFontMetrics(badge).height() + line_t + line_s + 2 * PAD + 2
            thumb = self._thumb_size()
            self._hinted = thumb
            if not thumb.isEmpty():
                height = max(height, thumb.height() + 2 * PAD)
                width = QFontMetrics(title).horizontalAdvance("00") + thumb.width() + 3 * PAD
                return QSize(max(base.width(), width), max(base.height(), height))
        else:
            height = line_t + 2 * line_s + 2 * PAD + 2
        return QSize(base.width(), max(base.height(), height))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        text_rect: QRect = opt.rect
        opt.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
            text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        fg = palette.color(
            group,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        bg = palette.color(
            group, QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        )
        muted = _mix(fg, bg, 0.38)
        accent = fg if selected else palette.color(group, QPalette.ColorRole.Link)
        title_font, small_font, badge_font = self._fonts(opt.font)

        painter.save()
        rect = text_rect.adjusted(PAD, PAD, -PAD, -PAD)
        kind = index.data(roles.KIND)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        subtitle = str(index.data(roles.SUBTITLE) or "")
        badge = str(index.data(roles.BADGE) or "")
        problems = str(index.data(roles.PROBLEMS) or "")

        if kind == "tag":
            painter.setFont(badge_font)
            painter.setPen(accent)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{title}  \u00b7  {badge}",
            )
            painter.restore()
            return

        if self._mode == "outline":
            number = str(index.data(roles.NUMBER) or "")
            num_w = QFontMetrics(title_font).horizontalAdvance("00") + PAD
            painter.setFont(small_font)
            painter.setPen(muted)
            painter.drawText(
                QRect(rect.left(), rect.top(), num_w, rect.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                number,
            )
            rect = rect.adjusted(num_w, 0, 0, 0)
            thumb = self._thumb_size()
            if not thumb.isEmpty():
                if thumb != self._hinted:  # the template's aspect changed: rows must follow
                    self._hinted = thumb
                    self.sizeHintChanged.emit(QModelIndex())
                self._paint_thumbnail(painter, opt, index, rect, thumb)
                rect = rect.adjusted(thumb.width() + PAD, 0, 0, 0)
                # the text block keeps its height, centred beside the (taller) thumbnail
                text_h = (
                    QFontMetrics(badge_font).height()
                    + QFontMetrics(title_font).height()
                    + 2
                    + QFontMetrics(small_font).height()
                )
                spare = max(0, rect.height() - text_h)
                rect = rect.adjusted(0, spare // 2, 0, -(spare - spare // 2))
            if problems:
                mark_w = QFontMetrics(title_font).horizontalAdvance("\u26a0") + PAD
                painter.setFont(title_font)
                painter.setPen(QColor("#C77700") if not selected else fg)
                painter.drawText(
                    QRect(rect.right() - mark_w, rect.top(), mark_w, rect.height()),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    "\u26a0",
                )
                rect = rect.adjusted(0, 0, -mark_w, 0)
            y = rect.top()
            bm = QFontMetrics(badge_font)
            painter.setFont(badge_font)
            painter.setPen(accent if kind not in ("title", "agenda", "sources") else muted)
            painter.drawText(rect.left(), y + bm.ascent(), badge)
            y += bm.height()
            tm = QFontMetrics(title_font)
            painter.setFont(title_font)
            painter.setPen(fg)
            painter.drawText(
                rect.left(),
                y + tm.ascent(),
                tm.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()),
            )
            y += tm.height() + 2
            sm = QFontMetrics(small_font)
            painter.setFont(small_font)
            painter.setPen(muted)
            painter.drawText(
                rect.left(),
                y + sm.ascent(),
                sm.elidedText(
                    " ".join(subtitle.split()), Qt.TextElideMode.ElideRight, rect.width()
                ),
            )
        else:
            tm = QFontMetrics(title_font)
            y = rect.top()
            if badge:
                painter.setFont(badge_font)
                bw = QFontMetrics(badge_font).horizontalAdvance(badge) + PAD
                painter.setPen(muted)
                painter.drawText(
                    QRect(rect.right() - bw, y, bw, tm.height()),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    badge,
                )
                title_w = rect.width() - bw
            else:
                title_w = rect.width()
            painter.setFont(title_font)
            painter.setPen(fg)
            painter.drawText(
                rect.left(),
                y + tm.ascent(),
                tm.elidedText(title, Qt.TextElideMode.ElideRight, title_w),
            )
            y += tm.height() + 2
            sm = QFontMetrics(small_font)
            painter.setFont(small_font)
            painter.setPen(muted)
            for line in _wrapped_lines(subtitle, small_font, rect.width(), 2):
                painter.drawText(rect.left(), y + sm.ascent(), line)
                y += sm.height()
        painter.restore()

    def _paint_thumbnail(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        index: _Index,
        rect: QRect,
        thumb: QSize,
    ) -> None:
        """The slide's picture at the left of ``rect``, centred vertically."""
        if self._thumbnails is None:
            return
        device = painter.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        pixmap = self._thumbnails.pixmap(index, dpr, opt.font)
        if pixmap is None or pixmap.isNull():
            return
        top = rect.top() + (rect.height() - thumb.height()) // 2
        painter.drawPixmap(QRect(rect.left(), top, thumb.width(), thumb.height()), pixmap)
