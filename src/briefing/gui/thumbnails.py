"""Small pictures of the slides for the outline, painted like the large preview.

A thumbnail is the slide's :class:`~briefing.gui.sketch.Sketch` painted by
:func:`~briefing.gui.preview.paint_sketch` (the large preview's own painting) into a pixmap of
about 96 pixels wide at the template's aspect. Pixmaps are kept in :class:`QPixmapCache` under a
digest of everything they show (slide key, sketch, look, size, pixel ratio, font), so an edit
makes a new one and scrolling only draws cached pixmaps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPixmap, QPixmapCache
from PySide6.QtWidgets import QAbstractItemView

from briefing.gui import roles
from briefing.gui.delegates import TwoLineDelegate
from briefing.gui.preview import paint_sketch
from briefing.gui.sketch import Look, Sketch, sketch_for
from briefing.model import Briefing

THUMB_WIDTH = 96
THUMB_MAX_HEIGHT = 64  # portrait-ish templates get a narrower picture, not a taller row
MIN_TEXT_PX = 3  # text this small reads as lines of text, like a real thumbnail

_Index = QModelIndex | QPersistentModelIndex


def thumbnail_size(aspect: float) -> QSize:
    """The thumbnail's size in device-independent pixels for a slide of ``aspect`` (w/h)."""
    aspect = aspect if aspect > 0 else 16 / 9
    width = min(THUMB_WIDTH, round(THUMB_MAX_HEIGHT * aspect))
    return QSize(max(1, width), max(1, round(width / aspect)))


def render_thumbnail(
    sketch: Sketch, look: Look, size: QSize, dpr: float = 1.0, font: QFont | None = None
) -> QPixmap:
    """``sketch`` painted at ``size`` (device-independent) for a screen of pixel ratio ``dpr``."""
    dpr = max(1.0, dpr)
    pixmap = QPixmap(round(size.width() * dpr), round(size.height() * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    rect = QRectF(0.5, 0.5, size.width() - 1.0, size.height() - 1.0)
    paint_sketch(painter, rect, sketch, look, font=font, min_px=MIN_TEXT_PX)
    painter.end()
    return pixmap


class SlideThumbnails:
    """The outline's thumbnails: a row's sketch from the briefing, painted and cached.

    ``briefing`` and ``look`` are asked on every paint, so a template or content change shows
    at the next repaint without telling this object.
    """

    def __init__(self, briefing: Callable[[], Briefing], look: Callable[[], Look]) -> None:
        self._briefing = briefing
        self._look = look

    def thumb_size(self) -> QSize:
        return thumbnail_size(self._look().aspect)

    def sketch(self, index: _Index) -> Sketch | None:
        key = str(index.data(roles.KEY) or "")
        if not key:
            return None
        number = index.data(roles.NUMBER)
        return sketch_for(self._briefing(), key, int(number) if number else index.row() + 1)

    def pixmap(self, index: _Index, dpr: float, font: QFont) -> QPixmap | None:
        sketch = self.sketch(index)
        if sketch is None:
            return None
        look = self._look()
        size = thumbnail_size(look.aspect)
        identity = repr((index.data(roles.KEY), sketch, look, size, dpr, font.toString()))
        cache_key = (
            "briefing-thumb:" + hashlib.blake2b(identity.encode(), digest_size=16).hexdigest()
        )
        cached = QPixmap()
        if QPixmapCache.find(cache_key, cached):
            return cached
        pixmap = render_thumbnail(sketch, look, size, dpr, font)
        QPixmapCache.insert(cache_key, pixmap)
        return pixmap


def attach_thumbnails(
    view: QAbstractItemView, briefing: Callable[[], Briefing], look: Callable[[], Look]
) -> SlideThumbnails:
    """Show slide thumbnails in ``view`` (the outline, painted by a :class:`TwoLineDelegate`)."""
    thumbnails = SlideThumbnails(briefing, look)
    delegate = view.itemDelegate()
    if isinstance(delegate, TwoLineDelegate):
        delegate.set_thumbnails(thumbnails)
    view.viewport().update()
    return thumbnails
