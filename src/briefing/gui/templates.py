"""The template picker: the catalogue's templates with thumbnails; choosing one is an undoable
edit of the briefing."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QStyle, QWidget

from briefing.deck.registry import TemplateCatalogue, TemplateEntry
from briefing.gui.document import Document
from briefing.gui.sketch import Look, look_from_manifest

THUMB = QSize(80, 45)
COMBO_ICON = QSize(48, 27)


def look_of(entry: TemplateEntry | None) -> Look:
    if entry is None or entry.manifest is None:
        return Look()
    return look_from_manifest(entry.manifest.palette, entry.manifest.slide_size)


def swatch(look: Look, size: QSize = THUMB) -> QPixmap:
    """A small picture of a template's colours, for templates without a thumbnail."""
    pixmap = QPixmap(size)
    pixmap.fill(QColor(look.background))
    painter = QPainter(pixmap)
    w, h = size.width(), size.height()
    painter.fillRect(QRectF(0, 0, w, h * 0.34), QColor(look.primary))
    painter.fillRect(QRectF(w * 0.08, h * 0.44, w * 0.2, h * 0.05), QColor(look.accent))
    for i in range(3):
        painter.fillRect(
            QRectF(w * 0.08, h * (0.58 + 0.12 * i), w * (0.7 - 0.12 * i), h * 0.05),
            QColor(look.muted),
        )
    painter.setPen(QColor(0, 0, 0, 70))
    painter.drawRect(0, 0, w - 1, h - 1)
    painter.end()
    return pixmap


def thumbnail(entry: TemplateEntry, size: QSize = THUMB) -> QPixmap:
    if entry.thumbnail is not None:
        pixmap = QPixmap(str(entry.thumbnail))
        if not pixmap.isNull():
            return pixmap.scaled(
                size,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
    return swatch(look_of(entry), size)


class TemplatePicker(QComboBox):
    def __init__(
        self, doc: Document, catalogue: TemplateCatalogue, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._doc = doc
        self._catalogue = catalogue
        self.setIconSize(COMBO_ICON)
        self.setAccessibleName("Slide template")
        self.setToolTip("The slide template the deck is built on")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(10)
        self._populate()
        self.activated.connect(self._chosen)
        doc.briefing_changed.connect(self._briefing_changed)
        doc.reset.connect(self._populate)

    def set_catalogue(self, catalogue: TemplateCatalogue) -> None:
        """Show another set of templates (team folders changed, a template was imported)."""
        self._catalogue = catalogue
        self._populate()

    def entry(self, template_id: str) -> TemplateEntry | None:
        return self._catalogue.entries.get(template_id)

    def template_ids(self) -> list[str]:
        return [str(self.itemData(i)) for i in range(self.count())]

    def _populate(self) -> None:
        self.blockSignals(True)
        self.clear()
        entries = sorted(self._catalogue.entries.values(), key=lambda e: e.name.casefold())
        for entry in entries:
            self.addItem(QIcon(thumbnail(entry)), entry.name, entry.id)
            tip = entry.manifest.description if entry.manifest else str(entry.path)
            self.setItemData(
                self.count() - 1,
                f"{entry.name} (v{entry.version}, {entry.folder_kind})\n{tip}",
                Qt.ItemDataRole.ToolTipRole,
            )
        current = self._doc.briefing.template
        if current not in self._catalogue.entries:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.addItem(icon, f"{current} (not installed)", current)
            self.setItemData(
                self.count() - 1,
                f"No template {current!r} is installed here; exporting will fail until you "
                "choose another one.",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.setCurrentIndex(self.findData(current))
        self.blockSignals(False)

    def _chosen(self, index: int) -> None:
        template_id = self.itemData(index)
        if isinstance(template_id, str):
            self._doc.edit_briefing_field("template", template_id)

    def _briefing_changed(self, name: str) -> None:
        if name != "template":
            return
        if self.findData(self._doc.briefing.template) < 0:
            self._populate()
        self.blockSignals(True)
        self.setCurrentIndex(self.findData(self._doc.briefing.template))
        self.blockSignals(False)
