"""The main window: library (left), outline and preview (centre), editor (right).

It wires the panels to one :class:`Document`; file and export commands call the core
(``project``, ``deck.build`` in a worker thread, ``export.libreoffice``) and show its errors.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QIcon,
    QKeySequence,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSizePolicy,
    QSplitter,
    QStyle,
    QToolButton,
    QWidget,
)

from briefing import paths
from briefing.deck.registry import TemplateCatalogue, list_templates, template_folders
from briefing.errors import BriefingError
from briefing.gui import fields
from briefing.gui.document import Document
from briefing.gui.editor import ItemEditor
from briefing.gui.errors import error_box
from briefing.gui.icons import icon
from briefing.gui.jobs import export_pdf_job, export_pptx_job
from briefing.gui.library_model import LibraryModel
from briefing.gui.outline_model import OutlineModel, item_key, uid_of_key
from briefing.gui.panels import LibraryPanel, OutlinePanel
from briefing.gui.preview import SlidePreview
from briefing.gui.properties import PropertiesDialog
from briefing.gui.recovery import Recovery
from briefing.gui.sketch import sketch_for
from briefing.gui.templates import TemplatePicker, look_of
from briefing.gui.worker import Task
from briefing.library import Library, default_briefing, default_folders, load_library
from briefing.model import Briefing, Impression, Item, briefing_problems
from briefing.progress import ProgressSink
from briefing.project import SUFFIX, open_project, save_project
from briefing.settings import Settings, load_settings, save_settings

AUTOSAVE_MS = 30_000
MAX_RECENT = 10
FILE_FILTER = f"Briefings (*{SUFFIX});;All files (*)"
APP_TITLE = "Briefing"


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug[:60] or "briefing"


def _icon(widget: QWidget, pixmap: QStyle.StandardPixmap) -> QIcon:
    return widget.style().standardIcon(pixmap)


def _theme_icon(name: str, widget: QWidget, fallback: QStyle.StandardPixmap) -> QIcon:
    themed = QIcon.fromTheme(name)
    return themed if not themed.isNull() else _icon(widget, fallback)


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
        self.settings = settings or load_settings()
        self._startup_errors: list[BriefingError] = []
        self.library = library or load_library(default_folders(self.settings.team_library_dirs))
        self.catalogue = catalogue or list_templates(
            template_folders(self.settings.team_template_dirs)
        )
        if briefing is None:
            briefing = self._default_briefing()
        self.doc = Document(briefing, path, self)
        self.recovery = Recovery()
        self._autosaved_index = -1
        self.task: Task | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.last_export: Path | None = None
        self.last_message_box: QMessageBox | None = None
        self._first_show = True

        self.setObjectName("MainWindow")
        # An explicit minimum keeps the layout from resizing the window as panels change.
        self.setMinimumSize(960, 600)
        self.setDockNestingEnabled(True)
        self.setDocumentMode(True)
        self._make_actions()
        self._make_panels()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()

        self.doc.modified_changed.connect(self._update_title)
        self.doc.path_changed.connect(self._update_title)
        self.doc.structure_changed.connect(self._changed)
        self.doc.item_changed.connect(self._changed)
        self.doc.briefing_changed.connect(self._briefing_field_changed)
        self.doc.reset.connect(self._was_reset)
        self.undo_stack.indexChanged.connect(self._update_actions)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

        self._restore_geometry()
        self._update_title()
        self._changed()
        self.outline.select_key(self.outline_model.key_at(0))
        self.outline.view.setFocus()

    # -- set-up ---------------------------------------------------------------------------

    @property
    def undo_stack(self) -> QUndoStack:
        return self.doc.undo_stack

    def _default_briefing(self) -> Briefing:
        try:
            return default_briefing(self.library, author=self.settings.author)
        except BriefingError as exc:
            self._startup_errors.append(exc)
            return Briefing(title="Untitled briefing", author=self.settings.author)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        icon: QIcon | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(
                shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)
            )
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if icon is not None:
            action.setIcon(icon)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.new_action = self._action(
            "&New",
            self.new_briefing,
            QKeySequence.StandardKey.New,
            "Start a new briefing from the default outline",
            _theme_icon("document-new", self, sp.SP_FileIcon),
        )
        self.open_action = self._action(
            "&Open\u2026",
            self.open_dialog,
            QKeySequence.StandardKey.Open,
            "Open a briefing project file",
            _theme_icon("document-open", self, sp.SP_DialogOpenButton),
        )
        self.save_action = self._action(
            "&Save",
            self.save,
            QKeySequence.StandardKey.Save,
            "Save the briefing",
            _theme_icon("document-save", self, sp.SP_DialogSaveButton),
        )
        self.save_as_action = self._action(
            "Save &As\u2026",
            self.save_as,
            QKeySequence.StandardKey.SaveAs,
            "Save the briefing under a new name",
        )
        self.export_action = self._action(
            "&Export PowerPoint\u2026",
            self.export_pptx,
            "Ctrl+E",
            "Build the deck as a PowerPoint file",
            icon("export"),
        )
        self.export_pdf_action = self._action(
            "Export &PDF\u2026",
            self.export_pdf,
            "Ctrl+Shift+E",
            "Build the deck as a PDF",
        )
        self.show_export_action = self._action(
            "Show Exported &File",
            self.show_exported,
            None,
            "Open the folder holding the last exported file",
        )
        self.show_export_action.setEnabled(False)
        self.properties_action = self._action(
            "Briefing &Properties\u2026",
            self.edit_properties,
            "Ctrl+Shift+P",
            "Title, subtitle, author, date, audience and marking",
            _icon(self, sp.SP_FileDialogDetailedView),
        )
        self.quit_action = self._action(
            "&Quit", self.close, QKeySequence.StandardKey.Quit, "Close the window"
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self.doc.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIconText("Undo")
        self.undo_action.setIcon(_theme_icon("edit-undo", self, sp.SP_ArrowBack))
        self.redo_action = self.doc.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        )
        self.redo_action.setIconText("Redo")
        self.redo_action.setIcon(_theme_icon("edit-redo", self, sp.SP_ArrowForward))

        self.add_section_action = self._action(
            "Add &Section Divider",
            self.add_section,
            "Ctrl+Shift+D",
            "Add a section divider after the selected slide",
            icon("section"),
        )
        self.add_text_action = self._action(
            "Add &Text Slide",
            self.add_text_slide,
            "Ctrl+Shift+T",
            "Add a free-text slide after the selected slide",
            icon("text"),
        )
        self.duplicate_action = self._action(
            "D&uplicate",
            self.duplicate_selected,
            "Ctrl+D",
            "Duplicate the selected slide",
            icon("duplicate"),
        )
        self.delete_action = self._action(
            "&Delete",
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
            "Delete the selected slide",
            icon("cross"),
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.move_up_action = self._action(
            "Move &Up",
            lambda: self.move_selected(-1),
            "Ctrl+Up",
            "Move the selected slide up",
            icon("up"),
        )
        self.move_down_action = self._action(
            "Move Do&wn",
            lambda: self.move_selected(1),
            "Ctrl+Down",
            "Move the selected slide down",
            icon("down"),
        )
        self.add_impression_action = self._action(
            "Add &Impression",
            self.add_selected_impression,
            "Ctrl+I",
            "Add the impression selected in the library",
        )

        self.move_up_action.setData("icon-only")
        self.move_down_action.setData("icon-only")
        self.add_section_action.setIconText("Section")
        self.add_text_action.setIconText("Text slide")
        self.duplicate_action.setIconText("Duplicate")
        self.delete_action.setIconText("Delete")
        self.pdf_unavailable = self._pdf_unavailable_reason()
        reason = self.pdf_unavailable
        if reason:
            self.export_pdf_action.setEnabled(False)
            self.export_pdf_action.setToolTip(reason)
            self.export_pdf_action.setStatusTip(reason)

    @staticmethod
    def _pdf_unavailable_reason() -> str:
        from briefing.export.libreoffice import unavailable_reason

        return unavailable_reason()

    def _make_panels(self) -> None:
        self.library_model = LibraryModel(self.library, self.doc, self)
        self.library_model.add_requested.connect(self.add_impression)
        self.library_model.remove_requested.connect(self.remove_impression)
        self.library_panel = LibraryPanel(self.library_model, self)
        self.library_panel.add_requested.connect(self.add_impression)
        self.library_panel.set_problems([str(p) for p in self.library.problems])

        self.outline_model = OutlineModel(self.doc, self)
        self.outline = OutlinePanel(
            self.outline_model,
            [
                self.move_up_action,
                self.move_down_action,
                None,
                self.add_section_action,
                self.add_text_action,
                self.duplicate_action,
                None,
                self.delete_action,
            ],
            self,
        )
        self.outline.view.addAction(self.delete_action)
        self.outline.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (
            self.move_up_action,
            self.move_down_action,
            self.duplicate_action,
            self.add_section_action,
            self.add_text_action,
        ):
            self.outline.view.addAction(action)
        self.outline.view.selectionModel().currentChanged.connect(self._current_changed)
        self.outline_model.rowsMoved.connect(self._keep_current_visible)

        self.preview = SlidePreview(self)
        self.editor = ItemEditor(self.doc, self)
        self.editor.properties_requested.connect(self.edit_properties)

        centre = QSplitter(Qt.Orientation.Vertical, self)
        centre.setObjectName("centreSplitter")
        centre.addWidget(self.outline)
        centre.addWidget(self.preview)
        centre.setStretchFactor(0, 3)
        centre.setStretchFactor(1, 2)
        centre.setChildrenCollapsible(False)
        self.centre_splitter = centre
        self.setCentralWidget(centre)

        self.library_dock = QDockWidget("Impression library", self)
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setWidget(self.library_panel)
        self.library_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)

        self.editor_dock = QDockWidget("Slide content", self)
        self.editor_dock.setObjectName("editorDock")
        self.editor_dock.setWidget(self.editor)
        self.editor_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.editor_dock)

        self.template_picker = TemplatePicker(self.doc, self.catalogue, self)

        # tab order: library search -> library -> outline -> editor
        QWidget.setTabOrder(self.library_panel.search, self.library_panel.tree)
        QWidget.setTabOrder(self.library_panel.tree, self.library_panel.add_button)
        QWidget.setTabOrder(self.library_panel.add_button, self.outline.view)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.setToolTipsVisible(True)
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_pdf_action)
        file_menu.addAction(self.show_export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.duplicate_action)
        edit_menu.addAction(self.delete_action)
        edit_menu.addAction(self.move_up_action)
        edit_menu.addAction(self.move_down_action)

        briefing_menu = bar.addMenu("&Briefing")
        briefing_menu.addAction(self.add_impression_action)
        briefing_menu.addAction(self.add_section_action)
        briefing_menu.addAction(self.add_text_action)
        briefing_menu.addSeparator()
        briefing_menu.addAction(self.properties_action)

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.library_dock.toggleViewAction())
        view_menu.addAction(self.editor_dock.toggleViewAction())

    def _make_toolbar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.open_action, self.save_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        bar.addAction(self.properties_action)
        bar.addSeparator()
        label = QLabel(" Template: ", self)
        label.setBuddy(self.template_picker)
        bar.addWidget(label)
        bar.addWidget(self.template_picker)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        export_button = QToolButton(self)
        export_button.setDefaultAction(self.export_action)
        export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        export_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        export_menu = QMenu(export_button)
        export_menu.setToolTipsVisible(True)
        export_menu.addAction(self.export_action)
        export_menu.addAction(self.export_pdf_action)
        export_menu.addAction(self.show_export_action)
        export_button.setMenu(export_menu)
        export_button.setObjectName("exportButton")
        export_button.setAccessibleName("Export PowerPoint")
        bar.addWidget(export_button)

    def _make_status_bar(self) -> None:
        self.problems_button = QToolButton(self)
        self.problems_button.setAutoRaise(True)
        self.problems_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.problems_button.setAccessibleName("Problems to fix before export")
        self.problems_button.clicked.connect(self.show_problems)
        self.statusBar().addPermanentWidget(self.problems_button)

    # -- window state ---------------------------------------------------------------------

    def _qsettings(self) -> QSettings:
        return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        store = self._qsettings()
        geometry = store.value("window/geometry")
        state = store.value("window/state")
        self._restored = False
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            self._restored = True
        else:
            screen = QApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                if area.width() <= 1600 or area.height() <= 1000:
                    self.setGeometry(area)
                else:
                    self.resize(1500, 940)
            else:
                self.resize(1400, 900)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = store.value("window/centre")
        if isinstance(splitter, QByteArray):
            self.centre_splitter.restoreState(splitter)

    def _save_geometry(self) -> None:
        store = self._qsettings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        store.setValue("window/centre", self.centre_splitter.saveState())
        store.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            if not self._restored:
                width = self.width()
                self.resizeDocks(
                    [self.library_dock, self.editor_dock],
                    [max(260, int(width * 0.22)), max(380, int(width * 0.38))],
                    Qt.Orientation.Horizontal,
                )
                height = self.centre_splitter.height()
                self.centre_splitter.setSizes([int(height * 0.58), int(height * 0.42)])
            for exc in self._startup_errors:
                self._show_error("The default briefing could not be loaded", exc)
            self._startup_errors.clear()

    def _update_title(self, *_args: object) -> None:
        star = "*" if self.doc.modified else ""
        self.setWindowTitle(f"{self.doc.display_name()}{star} \u2014 {APP_TITLE}")
        if self.doc.path is not None:
            self.setWindowFilePath(str(self.doc.path))

    def _changed(self, *_args: object) -> None:
        problems = briefing_problems(self.doc.briefing)
        if problems:
            n = len(problems)
            self.problems_button.setText(f"\u26a0 {n} problem{'s' if n != 1 else ''} to fix")
            self.problems_button.setToolTip("\n".join(f"\u2022 {p}" for p in problems[:20]))
        else:
            self.problems_button.setText("\u2713 Ready to export")
            self.problems_button.setToolTip("The briefing keeps every rule a deck needs.")
        self._update_actions()
        self._update_preview()

    def _briefing_field_changed(self, name: str) -> None:
        self._changed()
        if name == "template":
            self._update_preview()

    def _was_reset(self) -> None:
        self._autosaved_index = -1
        self._changed()
        self.outline.select_key(self.outline_model.key_at(0))

    def _update_actions(self, *_args: object) -> None:
        key = self.outline.current_key()
        uid = uid_of_key(key)
        items = self.doc.briefing.items
        index = self.doc.index_of(uid) if uid and self.doc.item(uid) else -1
        busy = self.task is not None
        self.duplicate_action.setEnabled(index >= 0)
        self.delete_action.setEnabled(index >= 0)
        self.move_up_action.setEnabled(index > 0)
        self.move_down_action.setEnabled(0 <= index < len(items) - 1)
        self.export_action.setEnabled(not busy)
        self.export_pdf_action.setEnabled(not busy and not self.pdf_unavailable)
        self.new_action.setEnabled(not busy)
        self.open_action.setEnabled(not busy)

    # -- selection ------------------------------------------------------------------------

    def select_key(self, key: str) -> None:
        self.outline.select_key(key)

    def current_item(self) -> Item | None:
        uid = uid_of_key(self.outline.current_key())
        return self.doc.item(uid) if uid else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.outline.current_key()
        self.editor.show_key(key)
        self._update_actions()
        self._update_preview()

    def _keep_current_visible(self, *_args: object) -> None:
        index = self.outline.view.currentIndex()
        if index.isValid():
            self.outline.view.scrollTo(index)
        self._update_actions()

    def _update_preview(self) -> None:
        key = self.outline.current_key()
        self.preview.set_look(look_of(self.catalogue.entries.get(self.doc.briefing.template)))
        if not key:
            self.preview.set_sketch(None)
            return
        row = self.outline_model.row_of_key(key)
        self.preview.set_sketch(sketch_for(self.doc.briefing, key, row + 1))

    # -- editing --------------------------------------------------------------------------

    def _insert_position(self) -> int:
        """Where new items go: after the selected item, else at the end."""
        item = self.current_item()
        if item is None:
            key = self.outline.current_key()
            if key and self.outline_model.row_of_key(key) < self.outline_model.first_item_row():
                return 0
            return len(self.doc.briefing.items)
        return self.doc.index_of(item.uid) + 1

    def _insert(self, item: Item, text: str) -> None:
        self.doc.insert_items(self._insert_position(), [item], text)
        self.select_key(item_key(item.uid))

    def add_impression(self, impression: Impression) -> None:
        if impression.id in self.doc.impression_ids():
            existing = next(
                i
                for i in self.doc.briefing.items
                if getattr(i, "impression", None) is not None and i.impression.id == impression.id  # type: ignore[union-attr]
            )
            self.select_key(item_key(existing.uid))
            return
        self._insert(fields.impression_item(impression), f"Add \u201c{impression.title}\u201d")

    def add_selected_impression(self) -> None:
        impression = self.library_panel.selected_impression()
        if impression is not None:
            self.add_impression(impression)

    def remove_impression(self, impression_id: str) -> None:
        uids = [
            item.uid
            for item in self.doc.briefing.items
            if getattr(item, "impression", None) is not None and item.impression.id == impression_id  # type: ignore[union-attr]
        ]
        self.doc.remove_items(uids)

    def add_section(self) -> None:
        self._insert(fields.new_section(), "Add a section divider")
        self.editor.pages["section"].widgets["title"].setFocus()

    def add_text_slide(self) -> None:
        self._insert(fields.new_text_slide(), "Add a text slide")
        self.editor.pages["text"].widgets["title"].setFocus()

    def duplicate_selected(self) -> None:
        item = self.current_item()
        if item is None:
            return
        twin = fields.duplicate(item, self.doc.briefing)
        self._insert(twin, f"Duplicate \u201c{item.title}\u201d")

    def delete_selected(self) -> None:
        item = self.current_item()
        if item is None:
            return
        row = self.outline_model.row_of_key(item_key(item.uid))
        self.doc.remove_items([item.uid])
        self.select_key(self.outline_model.key_at(min(row, self.outline_model.rowCount() - 1)))

    def move_selected(self, delta: int) -> None:
        item = self.current_item()
        if item is None:
            return
        self.doc.move_item(item.uid, self.doc.index_of(item.uid) + delta)
        self.select_key(item_key(item.uid))

    def edit_properties(self) -> None:
        dialog = PropertiesDialog(self.doc.briefing, self)
        if dialog.exec() == PropertiesDialog.DialogCode.Accepted:
            self.doc.edit_briefing_fields(dialog.values())

    def show_problems(self) -> None:
        problems = briefing_problems(self.doc.briefing)
        box = QMessageBox(self)
        box.setWindowTitle("Problems to fix")
        box.setTextFormat(Qt.TextFormat.PlainText)
        if problems:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(f"{len(problems)} problem(s) keep the briefing from becoming a deck.")
            box.setInformativeText("\n".join(f"\u2022 {p}" for p in problems[:12]))
            if len(problems) > 12:
                box.setDetailedText("\n".join(f"\u2022 {p}" for p in problems))
        else:
            box.setIcon(QMessageBox.Icon.Information)
            box.setText("No problems: the briefing is ready to export.")
        self._open_box(box)

    # -- files ----------------------------------------------------------------------------

    def maybe_save(self, doing: str = "continuing") -> bool:
        """True when it is fine to drop the current briefing (saved, discarded or unchanged)."""
        if not self.doc.modified:
            return True
        answer = QMessageBox.question(
            self,
            "Save changes?",
            f"Save the changes to {self.doc.display_name()} before {doing}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_briefing(self) -> None:
        if not self.maybe_save("starting a new briefing"):
            return
        try:
            briefing = default_briefing(self.library, author=self.settings.author)
        except BriefingError as exc:
            self._show_error("Cannot start a new briefing", exc)
            return
        self.recovery.discard()
        self.doc.load(briefing, None)
        self.statusBar().showMessage("New briefing from the default outline", 4000)

    def _dialog_dir(self) -> str:
        if self.doc.path is not None:
            return str(self.doc.path.parent)
        if self.settings.recent_files:
            return str(Path(self.settings.recent_files[0]).parent)
        return str(Path.home())

    def open_dialog(self) -> None:
        if not self.maybe_save("opening another briefing"):
            return
        name, _ = QFileDialog.getOpenFileName(
            self, "Open briefing", self._dialog_dir(), FILE_FILTER
        )
        if name:
            self.open_file(Path(name), ask=False)

    def open_file(self, path: Path, *, ask: bool = True) -> bool:
        if ask and not self.maybe_save("opening another briefing"):
            return False
        try:
            briefing = open_project(path)
        except BriefingError as exc:
            self._show_error("Cannot open the briefing", exc)
            if not path.exists():
                self._forget_recent(path)
            return False
        self.recovery.discard()
        self.doc.load(briefing, path)
        self._remember_recent(path)
        self.statusBar().showMessage(f"Opened {path}", 4000)
        return True

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self.save_to(self.doc.path)

    def save_as(self) -> bool:
        suggested = self.doc.path or Path(self._dialog_dir()) / (
            _slug(self.doc.briefing.title) + SUFFIX
        )
        name, _ = QFileDialog.getSaveFileName(self, "Save briefing as", str(suggested), FILE_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            save_project(self.doc.briefing, path)
        except BriefingError as exc:
            self._show_error("Cannot save the briefing", exc)
            return False
        self.doc.mark_saved(path)
        self.recovery.discard()
        self._autosaved_index = -1
        self._remember_recent(path)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def _remember_recent(self, path: Path) -> None:
        name = str(path.resolve())
        recent = [name] + [p for p in self.settings.recent_files if p != name]
        self.settings.recent_files = recent[:MAX_RECENT]
        self._store_settings()

    def _forget_recent(self, path: Path) -> None:
        name = str(path.resolve())
        self.settings.recent_files = [p for p in self.settings.recent_files if p != name]
        self._store_settings()

    def _store_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.statusBar().showMessage(f"Settings could not be saved ({exc.strerror})", 6000)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for number, name in enumerate(self.settings.recent_files, start=1):
            path = Path(name)
            action = self.recent_menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        if not self.settings.recent_files:
            empty = self.recent_menu.addAction("No recent briefings")
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear Recent")
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.recent_files = []
        self._store_settings()

    # -- autosave and recovery ------------------------------------------------------------

    def autosave(self) -> bool:
        """Write the recovery file when there are unsaved changes since the last autosave."""
        if not self.doc.modified:
            return False
        index = self.undo_stack.index()
        if index == self._autosaved_index:
            return False
        try:
            self.recovery.write(self.doc.briefing, self.doc.path)
        except OSError as exc:
            self.statusBar().showMessage(f"Autosave failed ({exc.strerror})", 6000)
            return False
        self._autosaved_index = index
        return True

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest recovery file no running window owns."""
        for orphan in self.recovery.orphans():
            if not orphan.is_newer_than_project():
                orphan.discard()
                continue
            where = f" of {orphan.project.name}" if orphan.project else ""
            answer = QMessageBox.question(
                self,
                "Recover unsaved changes?",
                f"Briefing did not close properly. A copy{where} with unsaved changes was "
                f"autosaved on {orphan.saved:%d %B %Y at %H:%M}.\n\nRecover it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                orphan.discard()
                return False
            return self.recover(orphan.path, orphan.project)
        return False

    def recover(self, recovery_file: Path, project: Path | None) -> bool:
        """Load a recovery file as unsaved changes to ``project``."""
        try:
            briefing = open_project(recovery_file)
        except BriefingError as exc:
            self._show_error("The autosaved copy cannot be read", exc)
            return False
        self.doc.load(briefing, project, modified=True)
        self.autosave()
        for extra in (recovery_file, recovery_file.with_suffix(".json")):
            extra.unlink(missing_ok=True)
        self.statusBar().showMessage("Recovered the autosaved briefing; save it to keep it", 8000)
        return True

    # -- export ---------------------------------------------------------------------------

    def _export_path(self, suffix: str, title: str, file_filter: str) -> Path | None:
        stem = self.doc.path.stem if self.doc.path else _slug(self.doc.briefing.title)
        folder = self._qsettings().value("export/dir")
        start = Path(folder) if isinstance(folder, str) and folder else Path(self._dialog_dir())
        name, _ = QFileDialog.getSaveFileName(
            self, title, str(start / (stem + suffix)), file_filter
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def export_pptx(self, path: Path | None = None) -> bool:
        target = path or self._export_path(".pptx", "Export PowerPoint", "PowerPoint (*.pptx)")
        if target is None:
            return False
        snapshot = copy.deepcopy(self.doc.briefing)
        entry = self.catalogue.entries.get(snapshot.template)
        return self._start(
            export_pptx_job(snapshot, entry, target), "Building the deck\u2026", target
        )

    def export_pdf(self, path: Path | None = None) -> bool:
        reason = self.pdf_unavailable
        if reason:
            self._show_error("PDF export is not available", BriefingError(reason))
            return False
        target = path or self._export_path(".pdf", "Export PDF", "PDF (*.pdf)")
        if target is None:
            return False
        snapshot = copy.deepcopy(self.doc.briefing)
        entry = self.catalogue.entries.get(snapshot.template)
        return self._start(
            export_pdf_job(snapshot, entry, target), "Building the PDF\u2026", target
        )

    def _start(self, job: Callable[[ProgressSink], Any], label: str, target: Path) -> bool:
        if self.task is not None:
            return False
        task = Task(job, self)
        dialog = QProgressDialog(label, "Cancel", 0, 1000, self)
        dialog.setWindowTitle("Export")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(self.cancel_export)
        task.progress.connect(self._progress)
        task.succeeded.connect(lambda result: self._export_done(result, target))
        task.failed.connect(self._export_failed)
        task.was_cancelled.connect(self._export_cancelled)
        task.finished.connect(self._task_finished)
        self.task = task
        self.progress_dialog = dialog
        self._update_actions()
        self.statusBar().showMessage(label)
        self._qsettings().setValue("export/dir", str(target.parent))
        task.start_task()
        return True

    def cancel_export(self) -> None:
        if self.task is not None:
            self.task.cancel()
            if self.progress_dialog is not None:
                self.progress_dialog.setLabelText("Cancelling\u2026")

    def _progress(self, fraction: float, message: str) -> None:
        dialog = self.progress_dialog
        if dialog is not None and not (self.task and self.task.cancel_requested()):
            dialog.setValue(round(fraction * 1000))
            dialog.setLabelText(message)

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel_export)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _export_done(self, result: object, target: Path) -> None:
        self._close_progress()
        self.last_export = target
        self.show_export_action.setEnabled(True)
        slides = getattr(result, "slides", 0)
        warnings: list[str] = list(getattr(result, "warnings", []))
        self.statusBar().showMessage(f"Exported {target.name} ({slides} slides)", 8000)
        if warnings:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle("Export finished")
            box.setText(
                f"Exported {target.name} ({slides} slides) with {len(warnings)} "
                f"note{'s' if len(warnings) != 1 else ''} on the template."
            )
            box.setDetailedText("\n".join(f"\u2022 {w}" for w in warnings))
            self._open_box(box)

    def _export_failed(self, exc: object, details: str) -> None:
        self._close_progress()
        self.statusBar().showMessage("Export failed", 8000)
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self._show_error("Export failed", error, details)

    def _export_cancelled(self) -> None:
        self._close_progress()
        self.statusBar().showMessage("Export cancelled; no file was written", 8000)

    def _task_finished(self) -> None:
        task = self.task
        self.task = None
        if task is not None:
            task.deleteLater()
        self._update_actions()

    def show_exported(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))

    # -- messages -------------------------------------------------------------------------

    def _open_box(self, box: QMessageBox) -> None:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.last_message_box = box
        box.destroyed.connect(self._box_gone)
        box.open()

    def _box_gone(self, *_args: object) -> None:
        self.last_message_box = None

    def _show_error(self, title: str, exc: BaseException, details: str = "") -> None:
        self._open_box(error_box(self, title, exc, details))

    # -- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save("closing"):
            event.ignore()
            return
        if self.task is not None:  # an export still running: stop it, leave no file
            self.task.cancel()
            self.task.wait()
        self.autosave_timer.stop()
        self._save_geometry()
        self.recovery.close()
        event.accept()
