"""Commands on the slides: add impressions, sections, text and chart slides; attach charts;
duplicate, move and delete; edit the briefing's properties. Each is one undoable edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from briefing.gui import fields
from briefing.gui.chart_section import FROM_FILE
from briefing.gui.document import Document
from briefing.gui.outline_model import item_key
from briefing.gui.properties import PropertiesDialog
from briefing.gui.window.panels import Panels
from briefing.gui.window.store import SettingsStore
from briefing.model import ChartSpec, Impression, ImpressionItem, Item


def preset(preset_id: str) -> ChartSpec:
    """The bundled chart preset ``preset_id`` (the first one when it is unknown or empty)."""
    from briefing.charts.presets import preset_specs

    presets = preset_specs()
    return presets.get(preset_id) or next(iter(presets.values()))


class EditController(QObject):
    """Edits of the outline; new slides go after the selected one. ``choose_data_file`` asks
    for a data file for the chart of a uid ("" for a new chart slide)."""

    def __init__(
        self,
        window: QMainWindow,
        doc: Document,
        panels: Panels,
        store: SettingsStore,
        choose_data_file: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._doc = doc
        self._panels = panels
        self._store = store
        self._choose_data_file = choose_data_file

    def _current(self) -> Item | None:
        return self._panels.current_item()

    def _select(self, item: Item) -> None:
        self._panels.select_key(item_key(item.uid))

    def _focus_title(self, kind: str) -> None:
        self._panels.editor.pages[kind].widgets["title"].setFocus()

    # -- where new slides go ---------------------------------------------------------------

    def insert_position(self) -> int:
        """Where new items go: after the selected item, else at the end."""
        item = self._current()
        if item is None:
            model = self._panels.outline_model
            key = self._panels.current_key()
            if key and model.row_of_key(key) < model.first_item_row():
                return 0
            return len(self._doc.briefing.items)
        return self._doc.index_of(item.uid) + 1

    def insert(self, item: Item, text: str) -> None:
        """Insert ``item`` after the selected slide (one undo step named ``text``); select it."""
        self._doc.insert_items(self.insert_position(), [item], text)
        self._select(item)

    # -- impressions -----------------------------------------------------------------------

    def _items_of(self, impression_id: str) -> list[Item]:
        return [
            item
            for item in self._doc.briefing.items
            if isinstance(item, ImpressionItem) and item.impression.id == impression_id
        ]

    def add_impression(self, impression: Impression) -> None:
        present = self._items_of(impression.id)
        if present:
            self._select(present[0])
            return
        added = self._doc.add_impressions(self.insert_position(), [impression])
        if added:
            self._select(added[0])

    def add_selected_impression(self) -> None:
        impression = self._panels.library_panel.selected_impression()
        if impression is not None:
            self.add_impression(impression)

    def remove_impression(self, impression_id: str) -> None:
        self._doc.remove_items([item.uid for item in self._items_of(impression_id)])

    # -- new slides ------------------------------------------------------------------------

    def add_section(self) -> None:
        self.insert(fields.new_section(), "Add a section divider")
        self._focus_title("section")

    def add_text_slide(self) -> None:
        self.insert(fields.new_text_slide(), "Add a text slide")
        self._focus_title("text")

    def add_chart_slide(self, preset_id: str = "") -> None:
        """Add a chart slide after the selected slide: a ready-made chart (the first one when
        ``preset_id`` is empty), or one of a data file the user chooses (``FROM_FILE``)."""
        if preset_id == FROM_FILE:
            self._choose_data_file("")
            return
        renderer = self._store.settings.default_renderer
        item = fields.new_chart_slide(self._doc.briefing, preset(preset_id), renderer)
        self.insert(item, "Add a chart slide")
        self._focus_title("chart")

    def attach_chart_to_current(self, preset_id: str = "") -> None:
        item = self._current()
        if isinstance(item, ImpressionItem):
            self.attach_chart(item.uid, preset_id)

    def attach_chart(self, uid: str, preset_id: str = "") -> None:
        """Put a chart beside an impression's points: a ready-made one, or from a data file."""
        item = self._doc.item(uid)
        if not isinstance(item, ImpressionItem) or item.chart is not None:
            return
        if preset_id == FROM_FILE:
            self._choose_data_file(uid)
            return
        renderer = self._store.settings.default_renderer
        spec = fields.chart_for_impression(self._doc.briefing, item, preset(preset_id), renderer)
        self._doc.edit_chart(uid, spec, "chart")

    # -- the selected slide ----------------------------------------------------------------

    def duplicate_selected(self) -> None:
        item = self._current()
        if item is None:
            return
        twin = fields.duplicate(item, self._doc.briefing)
        self.insert(twin, f"Duplicate \u201c{item.title}\u201d")

    def delete_selected(self) -> None:
        item = self._current()
        if item is None:
            return
        model = self._panels.outline_model
        row = model.row_of_key(item_key(item.uid))
        self._doc.remove_items([item.uid])
        self._panels.select_key(model.key_at(min(row, model.rowCount() - 1)))

    def move_selected(self, delta: int) -> None:
        item = self._current()
        if item is None:
            return
        self._doc.move_item(item.uid, self._doc.index_of(item.uid) + delta)
        self._select(item)

    def edit_properties(self) -> None:
        dialog = PropertiesDialog(self._doc.briefing, self._window)
        if dialog.exec() == PropertiesDialog.DialogCode.Accepted:
            self._doc.edit_briefing_fields(dialog.values())
