"""The chart part of the slide editor: the chart form of a chart slide or of an impression with
a chart, or (for an impression without one) a button to attach a chart."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from briefing.gui.document import Document
from briefing.gui.icons import icon
from briefing.model import ChartItem, ImpressionItem

if TYPE_CHECKING:
    from briefing.gui.chart_form import ChartForm
    from briefing.gui.chart_render import ChartRenderer

FROM_FILE = "\u0000file"  # the preset menus' "From a data file..." entry


class ChartSection(QWidget):
    """The chart of a chart slide or an impression: the chart form, or (for an impression
    without one) a button to attach a chart."""

    attach_requested = Signal(str, str)  # uid, preset id ("" = choose a data file)
    choose_file_requested = Signal(str)  # uid
    choose_sheet_requested = Signal(str)  # uid
    form_created = Signal(QWidget)  # the chart form, made when first needed

    def __init__(
        self, kind: str, doc: Document, renderer: ChartRenderer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._doc = doc
        self._renderer = renderer
        self._uid: str | None = None
        self._form: ChartForm | None = None
        self.empty = QWidget(self)
        hint = QLabel("None yet.", self.empty)
        hint.setObjectName("hint")
        self.attach_button = QToolButton(self.empty)
        self.attach_button.setText("Attach chart")
        self.attach_button.setIcon(icon("plus"))
        self.attach_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.attach_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.attach_button.setToolTip("Put a chart beside the key points")
        self.attach_button.setAccessibleName("Attach a chart to the impression")
        self.attach_button.clicked.connect(lambda: self._attach(""))
        self.attach_menu = chart_preset_menu(self.attach_button, self._attach)
        self.attach_button.setMenu(self.attach_menu)
        row = QHBoxLayout(self.empty)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(hint, 1)
        row.addWidget(self.attach_button)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("Remove chart")
        self.remove_button.setIcon(icon("cross"))
        self.remove_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.remove_button.setAutoRaise(True)
        self.remove_button.setAccessibleName("Remove the chart from the impression")
        self.remove_button.clicked.connect(self._remove)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel("Chart beside the points" if kind == "impression" else "Chart", self)
        self.caption.setObjectName("caption")
        header.addWidget(self.caption, 1)
        header.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.empty)
        self._layout = layout
        doc.item_changed.connect(self._item_changed)

    @property
    def form(self) -> ChartForm:
        """The chart form (made on first use: the window starts faster without it)."""
        if self._form is None:
            from briefing.gui.chart_form import ChartForm

            form = ChartForm(self._doc, self._renderer, self)
            form.hide()
            form.choose_file_requested.connect(self.choose_file_requested)
            form.choose_sheet_requested.connect(self.choose_sheet_requested)
            self._layout.addWidget(form)
            self._form = form
            self.form_created.emit(form)
        return self._form

    def load(self, uid: str) -> None:
        self._uid = uid
        self._refresh()

    def _item_changed(self, uid: str, name: str) -> None:
        if uid == self._uid and name == "chart":
            self._refresh()

    def _refresh(self) -> None:
        item = self._doc.item(self._uid) if self._uid else None
        has_chart = isinstance(item, ImpressionItem | ChartItem) and item.chart is not None
        if has_chart or self._form is not None:
            self.form.load(self._uid if has_chart else None)
            self.form.setVisible(has_chart)
        self.empty.setVisible(not has_chart)
        self.remove_button.setVisible(has_chart and self.kind == "impression")

    def _attach(self, preset: str) -> None:
        if self._uid is not None:
            self.attach_requested.emit(self._uid, preset)

    def _remove(self) -> None:
        if self._uid is not None:
            self._doc.edit_chart(self._uid, None, "chart")


def chart_preset_menu(parent: QWidget, chosen: Callable[[str], None]) -> QMenu:
    """A menu of the bundled chart presets (filled when first shown) and "From a data file"."""
    menu = QMenu(parent)

    def fill() -> None:
        if menu.actions():
            return
        from briefing.charts.presets import preset_specs

        for preset_id, spec in preset_specs().items():
            action = menu.addAction(spec.title or preset_id)
            action.setToolTip(f"{spec.kind.replace('_', ' ')} of {spec.dataset}")
            action.triggered.connect(lambda _=False, p=preset_id: chosen(p))
        menu.addSeparator()
        data = menu.addAction("From a data file\u2026")
        data.triggered.connect(lambda _=False: chosen(FROM_FILE))

    menu.aboutToShow.connect(fill)
    return menu
