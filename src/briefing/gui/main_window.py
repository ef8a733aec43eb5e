"""The main window: library (left), outline and preview (centre), editor (right).

The window owns the open briefing (:class:`Document`), the library, the template catalogue and
the user's settings, builds the rooms of :mod:`briefing.gui.window` around them, and connects
them: each action to what it does, each change of the briefing to the views and actions it
concerns. What a command does lives in its room (``files``, ``exports``, ``imports``,
``editing``, ``previews``, ``checking``); where things sit lives in ``panels``, ``menus`` and
``actions``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import QMainWindow

from briefing.deck.registry import (
    TemplateCatalogue,
    TemplateEntry,
    list_templates,
    template_folders,
)
from briefing.errors import BriefingError
from briefing.gui import background
from briefing.gui.chart_render import ChartRenderer
from briefing.gui.chart_section import chart_preset_menu
from briefing.gui.document import Document
from briefing.gui.preflight import PreflightChecker
from briefing.gui.window.actions import WindowActions, disable, on
from briefing.gui.window.checking import CheckController
from briefing.gui.window.editing import EditController
from briefing.gui.window.exports import ExportController
from briefing.gui.window.files import FileController
from briefing.gui.window.imports import ImportController
from briefing.gui.window.menus import Menus, build_toolbar
from briefing.gui.window.messages import Messages
from briefing.gui.window.panels import Panels
from briefing.gui.window.previews import PreviewController
from briefing.gui.window.store import SettingsStore
from briefing.library import Library, default_briefing, default_folders, load_library
from briefing.model import (
    Briefing,
    ChartItem,
    ImpressionItem,
    Item,
    SectionItem,
    TextItem,
)
from briefing.settings import Settings, load_settings

APP_TITLE = "Briefing"


class MainWindow(QMainWindow):
    def __init__(
        self,
        briefing: Briefing | None = None,
        path: Path | None = None,
        *,
        library: Library | None = None,
        catalogue: TemplateCatalogue | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.messages = Messages(self)
        self.store = SettingsStore(settings or load_settings(), self.messages)
        self._startup_errors: list[BriefingError] = []
        self.library = library or load_library(default_folders(self.settings.team_library_dirs))
        self.catalogue = catalogue or list_templates(
            template_folders(self.settings.team_template_dirs)
        )
        if briefing is None:
            briefing = self._default_briefing()
        self.doc = Document(briefing, path, self)
        self.charts = ChartRenderer(self)
        self.preflight = PreflightChecker(
            lambda: self.doc.briefing, self.catalogue_entry, self.base_dir, self
        )
        self._first_show = True

        self.setObjectName("MainWindow")
        # An explicit minimum keeps the layout from resizing the window as panels change.
        self.setMinimumSize(960, 600)
        self.setDockNestingEnabled(True)
        self.setDocumentMode(True)
        self.setAcceptDrops(True)
        self._build()
        self._connect_actions()
        self._connect_document()

        self.panels.restore_layout()
        self._update_title()
        self._changed()
        self.panels.select_first()
        self.panels.outline.view.setFocus()
        self.imports.forward_drops_in(self)

    # -- the rooms ------------------------------------------------------------------------

    def _build(self) -> None:
        doc, store, messages = self.doc, self.store, self.messages
        self.action = WindowActions(self, doc.undo_stack)
        self.panels = Panels(
            self,
            doc,
            self.library,
            self.catalogue,
            self.template_entry,
            self.charts,
            self.preflight,
            self.action,
        )
        self.menus = Menus(self, self.action, self.panels.toggles())
        build_toolbar(self, self.action, self.panels.template_picker)
        self.files = FileController(self, doc, store, messages, self._new_briefing)
        self.checks = CheckController(self, doc, self.preflight, self.panels, messages)
        self.exports = ExportController(
            self,
            doc,
            self.template_entry,
            self.base_dir,
            self.files.default_stem,
            self.preflight,
            self.checks.show_problems,
            store,
            messages,
        )
        self.editing = EditController(self, doc, self.panels, store, self._choose_data_file)
        self.imports = ImportController(
            self,
            doc,
            self.charts,
            self.panels.current_item,
            self.editing.insert,
            self.reload_templates,
            self.base_dir,
            store,
            messages,
        )
        self.previews = PreviewController(
            doc, self.panels, self.charts, self.template_entry, self.base_dir, messages
        )

    def _choose_data_file(self, uid: str) -> None:
        self.imports.choose_data_file(uid)

    def _connect_actions(self) -> None:
        a, files, exports, editing = self.action, self.files, self.exports, self.editing
        for action, slot in (
            (a.new, files.new_briefing),
            (a.open, files.open_dialog),
            (a.save, files.save),
            (a.save_as, files.save_as),
            (a.quit, self.close),
            (a.export, exports.export_pptx),
            (a.export_pdf, exports.export_pdf),
            (a.export_handout, exports.export_handout),
            (a.show_export, exports.show_exported),
            (a.open_export, exports.open_exported),
            (a.import_data, self.imports.choose_data_for_current),
            (a.import_template, self.imports.import_template_dialog),
            (a.add_impression, editing.add_selected_impression),
            (a.add_section, editing.add_section),
            (a.add_text, editing.add_text_slide),
            (a.add_chart, editing.add_chart_slide),
            (a.attach_chart, editing.attach_chart_to_current),
            (a.duplicate, editing.duplicate_selected),
            (a.delete, editing.delete_selected),
            (a.move_up, lambda: editing.move_selected(-1)),
            (a.move_down, lambda: editing.move_selected(1)),
            (a.properties, editing.edit_properties),
            (a.check, self.checks.check_now),
            (a.exact, self.previews.render_exact_preview),
            (a.preferences, self.edit_preferences),
        ):
            on(action, slot)
        a.add_chart.setMenu(chart_preset_menu(self, editing.add_chart_slide))
        a.attach_chart.setMenu(chart_preset_menu(self, editing.attach_chart_to_current))
        self.menus.recent.aboutToShow.connect(lambda: files.fill_recent_menu(self.menus.recent))
        if exports.pdf_unavailable:
            disable((a.export_pdf, a.export_handout), exports.pdf_unavailable)
        if self.previews.exact_unavailable:
            disable((a.exact,), self.previews.exact_unavailable)

    def _connect_document(self) -> None:
        doc, panels = self.doc, self.panels
        panels.library_model.add_requested.connect(self.editing.add_impression)
        panels.library_model.remove_requested.connect(self.editing.remove_impression)
        panels.library_panel.add_requested.connect(self.editing.add_impression)
        panels.outline_model.dropped.connect(self.select_key)
        panels.outline_model.drop_refused.connect(lambda text: self.messages.status(text, 6000))
        panels.outline_model.rowsMoved.connect(self._update_actions)
        panels.outline.view.selectionModel().currentChanged.connect(self._current_changed)
        editor = panels.editor
        editor.properties_requested.connect(self.editing.edit_properties)
        editor.attach_chart_requested.connect(self.editing.attach_chart)
        editor.choose_data_requested.connect(self.imports.choose_data_file)
        editor.choose_sheet_requested.connect(self.imports.choose_sheet)
        editor.widgets_created.connect(self.imports.forward_drops_in)

        doc.modified_changed.connect(self._update_title)
        doc.path_changed.connect(self._update_title)
        doc.structure_changed.connect(self._changed)
        doc.item_changed.connect(self._changed)
        doc.briefing_changed.connect(self._changed)
        doc.reset.connect(self._was_reset)
        doc.path_changed.connect(self.previews.update)
        doc.path_changed.connect(self.preflight.changed)
        doc.undo_stack.indexChanged.connect(self._update_actions)
        self.exports.busy_changed.connect(self._update_actions)
        self.exports.exported.connect(self._exported)
        self.previews.busy_changed.connect(self._update_actions)

    # -- what every room asks ---------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self.store.settings

    @property
    def undo_stack(self) -> QUndoStack:
        return self.doc.undo_stack

    def template_entry(self) -> TemplateEntry | None:
        """The catalogue's entry for the briefing's template (None when it is not installed)."""
        return self.catalogue.entries.get(self.doc.briefing.template)

    def catalogue_entry(self, template_id: str) -> TemplateEntry | None:
        return self.catalogue.entries.get(template_id)

    def base_dir(self) -> Path | None:
        """Where relative data-file paths start: the project's folder."""
        return self.doc.path.parent if self.doc.path is not None else None

    def select_key(self, key: str) -> None:
        self.panels.select_key(key)

    def current_item(self) -> Item | None:
        return self.panels.current_item()

    # -- the briefing -----------------------------------------------------------------------

    def _default_briefing(self) -> Briefing:
        try:
            return self._new_briefing()
        except BriefingError as exc:
            self._startup_errors.append(exc)
            return self._with_defaults(Briefing(title="Untitled briefing"))

    def _new_briefing(self) -> Briefing:
        """The default outline with the user's defaults (author, marking, template, charts)."""
        return self._with_defaults(default_briefing(self.library, author=self.settings.author))

    def _with_defaults(self, briefing: Briefing) -> Briefing:
        s = self.settings
        briefing.author = s.author or briefing.author
        briefing.organisation = s.organisation or briefing.organisation
        briefing.marking = s.default_marking or briefing.marking
        if s.default_template in self.catalogue.entries:
            briefing.template = s.default_template
        if s.default_renderer in ("native", "image"):
            for item in briefing.items:
                if isinstance(item, ImpressionItem | ChartItem) and item.chart is not None:
                    item.chart.renderer = s.default_renderer  # type: ignore[assignment]
        return briefing

    def _update_title(self, *_args: object) -> None:
        star = "*" if self.doc.modified else ""
        self.setWindowTitle(f"{self.doc.display_name()}{star} \u2014 {APP_TITLE}")
        if self.doc.path is not None:
            self.setWindowFilePath(str(self.doc.path))

    def _changed(self, *_args: object) -> None:
        self.checks.changed()
        self._update_actions()
        self.previews.update()

    def _was_reset(self) -> None:
        self.checks.forget()
        self._changed()
        self.panels.select_first()

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.panels.editor.show_key(self.panels.current_key())
        self._update_actions()
        self.previews.update()

    def _exported(self, _path: object) -> None:
        self.action.show_export.setEnabled(True)
        self.action.open_export.setEnabled(True)

    def _update_actions(self, *_args: object) -> None:
        a = self.action
        item = self.current_item()
        items = self.doc.briefing.items
        index = self.doc.index_of(item.uid) if item is not None else -1
        busy = self.exports.busy
        pdf = not busy and not self.exports.pdf_unavailable
        a.duplicate.setEnabled(index >= 0)
        a.delete.setEnabled(index >= 0)
        a.move_up.setEnabled(index > 0)
        a.move_down.setEnabled(0 <= index < len(items) - 1)
        a.export.setEnabled(not busy)
        a.export_pdf.setEnabled(pdf)
        a.export_handout.setEnabled(pdf)
        a.attach_chart.setEnabled(isinstance(item, ImpressionItem) and item.chart is None)
        a.import_data.setEnabled(not isinstance(item, SectionItem | TextItem))
        a.exact.setEnabled(not self.previews.exact_busy and not self.previews.exact_unavailable)
        a.new.setEnabled(not busy)
        a.open.setEnabled(not busy)

    # -- preferences ----------------------------------------------------------------------

    def edit_preferences(self) -> None:
        from briefing.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.catalogue, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.apply_settings(dialog.values())

    def apply_settings(self, new: Settings) -> None:
        """Use and save ``new``; reload the library and the templates when team folders
        changed. Briefings started from now on use the new defaults."""
        old = self.store.replace(new)
        if new.team_library_dirs != old.team_library_dirs:
            self.reload_library()
        if new.team_template_dirs != old.team_template_dirs:
            self.reload_templates()
        self.messages.status("Preferences saved")

    def reload_library(self) -> None:
        self.library = load_library(default_folders(self.settings.team_library_dirs))
        self.panels.library_model.set_library(self.library)
        self.panels.library_panel.set_problems([str(p) for p in self.library.problems])

    def reload_templates(self) -> None:
        self.catalogue = list_templates(template_folders(self.settings.team_template_dirs))
        self.panels.template_picker.set_catalogue(self.catalogue)
        self.previews.update()

    # -- window events ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            self.panels.first_show()
            for exc in self._startup_errors:
                self.messages.error("The default briefing could not be loaded", exc)
            self._startup_errors.clear()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.imports.drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.imports.drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.imports.drop(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save("closing"):
            event.ignore()
            return
        self.exports.shutdown()  # an export still running: stop it, leave no file
        self.previews.shutdown()
        if self.imports.import_dialog is not None:
            self.imports.import_dialog.close()
        self.preflight.shutdown()
        self.charts.shutdown()
        background.wait_idle()
        self.files.shutdown()
        self.panels.save_layout()
        event.accept()
