"""Slide thumbnails in the outline, painted by the large preview's own painting code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from briefing.gui import roles
from briefing.gui.delegates import PAD, TwoLineDelegate
from briefing.gui.document import Document
from briefing.gui.outline_model import OutlineModel
from briefing.gui.sketch import Look
from briefing.gui.thumbnails import SlideThumbnails, attach_thumbnails, thumbnail_size
from briefing.library import default_briefing

# Title red, accent blue, text black on white: red pixels can only come from a slide's title.
LOOK = Look(
    background="#FFFFFF",
    text="#000000",
    primary="#C00000",
    accent="#0000C0",
    muted="#808080",
    aspect=16 / 9,
)

ROOT = Path(__file__).resolve().parents[2]


class Outline:
    def __init__(self, qtbot: QtBot) -> None:
        self.doc = Document(default_briefing())
        self.model = OutlineModel(self.doc)
        self.view = QListView()
        qtbot.addWidget(self.view)
        self.delegate = TwoLineDelegate("outline", self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.model)
        self.look = LOOK
        self.thumbnails = attach_thumbnails(self.view, lambda: self.doc.briefing, lambda: self.look)

    def row_of_kind(self, kind: str) -> QModelIndex:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if index.data(roles.KIND) == kind:
                return index
        raise LookupError(kind)

    def option(self, size: QSize) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        option.initFrom(self.view)
        option.font = self.view.font()
        option.rect = QRect(0, 0, size.width(), size.height())
        return option


@pytest.fixture
def outline(qtbot: QtBot) -> Iterator[Outline]:
    yield Outline(qtbot)


def is_title_red(colour: QColor) -> bool:
    return colour.red() > 140 and colour.green() < 110 and colour.blue() < 110


class DescribeTheOutlineThumbnails:
    def it_makes_room_for_the_thumbnail_in_the_size_hint(self, outline: Outline) -> None:
        index = outline.row_of_kind("impression")
        option = outline.option(QSize(400, 20))
        plain = TwoLineDelegate("outline").sizeHint(option, index)
        hint = outline.delegate.sizeHint(option, index)
        thumb = thumbnail_size(LOOK.aspect)
        assert thumb == QSize(96, 54)
        assert hint.height() >= thumb.height() + 2 * PAD
        assert hint.height() >= plain.height()
        assert hint.height() <= max(plain.height(), thumb.height() + 2 * PAD)  # only as needed
        assert hint.width() >= thumb.width() + 2 * PAD

    def it_follows_the_templates_aspect(self, outline: Outline) -> None:
        index = outline.row_of_kind("impression")
        option = outline.option(QSize(400, 20))
        wide = outline.delegate.sizeHint(option, index)
        outline.look = Look(aspect=4 / 3)
        square = outline.delegate.sizeHint(option, index)
        assert thumbnail_size(4 / 3) == QSize(85, 64)
        assert square.height() >= 64 + 2 * PAD > wide.height()

    def it_paints_the_slide_title_in_the_thumbnail(self, outline: Outline) -> None:
        index = outline.row_of_kind("impression")
        option = outline.option(QSize(420, 20))
        hint = outline.delegate.sizeHint(option, index)
        option.rect = QRect(0, 0, 420, hint.height())
        image = QImage(420, hint.height(), QImage.Format.Format_ARGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        outline.delegate.paint(painter, option, index)
        painter.end()

        thumb = thumbnail_size(LOOK.aspect)
        reds = [
            (x, y)
            for y in range(image.height())
            for x in range(image.width())
            if is_title_red(image.pixelColor(x, y))
        ]
        assert reds, "the thumbnail shows no title"
        top = (hint.height() - thumb.height()) // 2
        # the title sits in the slide's title band (top quarter), at the left of the row
        assert all(top <= y <= top + thumb.height() * 0.3 for _x, y in reds)
        assert all(x < PAD + 40 + thumb.width() for x, _y in reds)
        # and the thumbnail is a page with text on it, not an empty box
        left = min(x for x, _y in reds) - 2
        area = image.copy(QRect(left, top, thumb.width(), thumb.height()))
        colours = {area.pixel(x, y) for y in range(area.height()) for x in range(area.width())}
        assert len(colours) > 10

    def it_caches_a_thumbnail_until_the_slide_changes(self, outline: Outline) -> None:
        index = outline.row_of_kind("section")
        font = outline.view.font()
        first = outline.thumbnails.pixmap(index, 1.0, font)
        again = outline.thumbnails.pixmap(index, 1.0, font)
        assert first is not None and again is not None
        assert first.cacheKey() == again.cacheKey()
        uid = str(index.data(roles.UID))
        outline.doc.edit_item_field(uid, "title", "Something else entirely")
        changed = outline.thumbnails.pixmap(index, 1.0, font)
        assert changed is not None and changed.cacheKey() != first.cacheKey()
        sharp = outline.thumbnails.pixmap(index, 2.0, font)
        assert sharp is not None and sharp.width() == 2 * changed.width()

    def it_has_no_thumbnail_for_a_row_without_a_key(self) -> None:
        thumbnails = SlideThumbnails(default_briefing, Look)
        assert thumbnails.pixmap(QModelIndex(), 1.0, QListView().font()) is None
