"""The main window: library (left), outline and preview (centre), editor (right).

It wires the panels to one :class:`Document`; file and export commands call the core
(``project``, ``deck.build`` in a worker thread, ``export.libreoffice``) and show its errors.
Data files and templates dropped anywhere on the window are imported (see ``dropEvent``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
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
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QSizePolicy,
    QSplitter,
    QStyle,
    QToolButton,
    QWidget,
)

from briefing import paths
from briefing.deck.registry import (
    TEMPLATE_SUFFIXES,
    TemplateCatalogue,
    list_templates,
    template_folders,
)
from briefing.errors import BriefingError
from briefing.gui import background, fields
from briefing.gui.chart_render import (
    BESIDE_POINTS_SIZE,
    CHART_SLIDE_SIZE,
    ChartRenderer,
    RenderRequest,
    RenderResult,
)
from briefing.gui.document import Document
from briefing.gui.editor import FROM_FILE, ItemEditor, chart_preset_menu
from briefing.gui.errors import error_box
from briefing.gui.icons import icon
from briefing.gui.jobs import export_handout_job, export_pdf_job, export_pptx_job
from briefing.gui.library_model import LibraryModel
from briefing.gui.outline_model import OutlineModel, item_key, uid_of_key
from briefing.gui.panels import LibraryPanel, OutlinePanel
from briefing.gui.preflight import PreflightChecker, PreflightPanel, plural, short_line
from briefing.gui.preview import PreviewPanel, SlidePreview
from briefing.gui.properties import PropertiesDialog
from briefing.gui.recovery import Recovery
from briefing.gui.sketch import sketch_for
from briefing.gui.templates import TemplatePicker, look_of
from briefing.gui.thumbnails import attach_thumbnails
from briefing.gui.worker import Task
from briefing.library import Library, default_briefing, default_folders, load_library
from briefing.model import (
    Briefing,
    ChartItem,
    ChartSpec,
    Impression,
    ImpressionItem,
    Item,
    SectionItem,
    TextItem,
    briefing_problems,
)
from briefing.progress import ProgressSink
from briefing.project import SUFFIX, open_project, save_project
from briefing.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from briefing.gui.data_import import ImportDialog
    from briefing.gui.exact import ExactPages

AUTOSAVE_MS = 30_000
MAX_RECENT = 10
FILE_FILTER = f"Briefings (*{SUFFIX});;All files (*)"
APP_TITLE = "Briefing"
DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".ods")
DATA_FILTER = "Data files (*.csv *.tsv *.txt *.xlsx *.xlsm *.ods);;All files (*)"
TEMPLATE_DROP_SUFFIXES = (*TEMPLATE_SUFFIXES, ".zip")
TEMPLATE_FILTER = "Templates (*.pptx *.potx *.pptm *.zip);;All files (*)"


def _dropped_files(mime: QMimeData) -> list[Path]:
    """The local files a drag carries that briefing can import (data files and templates)."""
    if not mime.hasUrls():
        return []
    found: list[Path] = []
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.suffix.lower() in (*DATA_SUFFIXES, *TEMPLATE_DROP_SUFFIXES):
            found.append(path)
    return found


class _DropForwarder(QObject):
    """Sends drags of importable files over text fields to the window, which would otherwise
    paste the files' names into the field."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        if not isinstance(event, QDropEvent) or not _dropped_files(event.mimeData()):
            return False
        if kind == QEvent.Type.Drop:
            self._window.dropEvent(event)
        else:
            event.acceptProposedAction()
        return True


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
        self.charts = ChartRenderer(self)
        self.charts.finished.connect(self._chart_rendered)
        self.exact: ExactPages | None = None
        self.exact_task: Task | None = None
        self.exact_progress = 0.0
        self.import_dialog: ImportDialog | None = None
        self.recovery = Recovery()
        self._autosaved_index = -1
        self.task: Task | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.last_export: Path | None = None
        self.last_message_box: QMessageBox | None = None
        self._first_show = True
        self._problems: list[str] = []
        self.preflight = PreflightChecker(
            lambda: self.doc.briefing,
            lambda template_id: self.catalogue.entries.get(template_id),
            self.base_dir,
            self,
        )

        self.setObjectName("MainWindow")
        # An explicit minimum keeps the layout from resizing the window as panels change.
        self.setMinimumSize(960, 600)
        self.setDockNestingEnabled(True)
        self.setDocumentMode(True)
        self.setAcceptDrops(True)
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
        self.doc.path_changed.connect(self._update_preview)
        self.doc.path_changed.connect(self.preflight.changed)
        self.preflight.state_changed.connect(self._update_indicator)
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
        self._forward_drops()

    # -- set-up ---------------------------------------------------------------------------

    @property
    def undo_stack(self) -> QUndoStack:
        return self.doc.undo_stack

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
        self.export_handout_action = self._action(
            "Export &Handout (PDF)\u2026",
            self.export_handout,
            None,
            "A PDF with each slide above its speaker notes, to print for the meeting",
        )
        self.show_export_action = self._action(
            "Show Exported &File",
            self.show_exported,
            None,
            "Open the folder holding the last exported file",
        )
        self.show_export_action.setEnabled(False)
        self.open_export_action = self._action(
            "&Open Exported File",
            self.open_exported,
            None,
            "Open the last exported file in the system's viewer",
        )
        self.open_export_action.setEnabled(False)
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
        self.add_chart_action = self._action(
            "Add &Chart Slide",
            lambda: self.add_chart_slide(""),
            "Ctrl+Shift+C",
            "Add a chart slide after the selected slide (the menu offers ready-made charts)",
            icon("chart"),
        )
        self.add_chart_action.setIconText("Chart")
        self.add_chart_action.setMenu(chart_preset_menu(self, self.add_chart_slide))
        self.attach_chart_action = self._action(
            "A&ttach Chart",
            lambda: self.attach_chart_to_current(""),
            None,
            "Put a chart beside the key points of the selected impression",
        )
        self.attach_chart_action.setMenu(chart_preset_menu(self, self.attach_chart_to_current))
        self.import_data_action = self._action(
            "Import &Data\u2026",
            self.choose_data_for_current,
            None,
            "Chart a CSV, Excel or OpenDocument file (or drop one on the window)",
        )
        self.import_template_action = self._action(
            "Import &Template\u2026",
            self.import_template_dialog,
            None,
            "Install a .pptx/.potx template or a template pack (or drop one on the window)",
        )
        bindings = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        self.preferences_action = self._action(
            "&Preferences\u2026",
            self.edit_preferences,
            bindings[0] if bindings else QKeySequence("Ctrl+,"),
            "Your name, defaults for new briefings, team folders",
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.exact_action = self._action(
            "Render &Exact Preview",
            self.render_exact_preview,
            "Ctrl+Shift+R",
            "Build the deck and show its slides as LibreOffice draws them",
        )
        self.exact_action.setIconText("Render exact preview")
        from briefing.gui.exact import unavailable_reason

        self.exact_unavailable = unavailable_reason()
        if self.exact_unavailable:
            self.exact_action.setEnabled(False)
            self.exact_action.setToolTip(self.exact_unavailable)
            self.exact_action.setStatusTip(self.exact_unavailable)
        self.check_action = self._action(
            "&Check Before Export",
            self.check_now,
            "F7",
            "Run the pre-flight check now: markings, text that does not fit, charts, sources",
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
            for action in (self.export_pdf_action, self.export_handout_action):
                action.setEnabled(False)
                action.setToolTip(reason)
                action.setStatusTip(reason)

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

        self.outline_model = OutlineModel(self.doc, self, self.library_model.impression)
        self.outline_model.dropped.connect(self.select_key)
        self.outline_model.drop_refused.connect(
            lambda message: self.statusBar().showMessage(message, 6000)
        )
        self.outline = OutlinePanel(
            self.outline_model,
            [
                self.move_up_action,
                self.move_down_action,
                None,
                self.add_section_action,
                self.add_text_action,
                self.add_chart_action,
                self.duplicate_action,
                None,
                self.delete_action,
            ],
            self,
        )
        attach_thumbnails(
            self.outline.view,
            lambda: self.doc.briefing,
            lambda: look_of(self.catalogue.entries.get(self.doc.briefing.template)),
        )
        self.outline.view.addAction(self.delete_action)
        self.outline.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (
            self.move_up_action,
            self.move_down_action,
            self.duplicate_action,
            self.add_section_action,
            self.add_text_action,
            self.add_chart_action,
        ):
            self.outline.view.addAction(action)
        self.outline.view.selectionModel().currentChanged.connect(self._current_changed)
        self.outline_model.rowsMoved.connect(self._keep_current_visible)

        self.preview = SlidePreview(self)
        self.preview_panel = PreviewPanel(self.preview, self.exact_action, self)
        self.editor = ItemEditor(self.doc, self, self.charts)
        self.editor.properties_requested.connect(self.edit_properties)
        self.editor.attach_chart_requested.connect(self.attach_chart)
        self.editor.choose_data_requested.connect(self.choose_data_file)
        self.editor.choose_sheet_requested.connect(self.choose_sheet)

        centre = QSplitter(Qt.Orientation.Vertical, self)
        centre.setObjectName("centreSplitter")
        centre.addWidget(self.outline)
        centre.addWidget(self.preview_panel)
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

        self.preflight_panel = PreflightPanel(self.preflight, self)
        self.preflight_panel.go_to.connect(self.go_to_finding)
        self.preflight_dock = QDockWidget("Pre-flight check", self)
        self.preflight_dock.setObjectName("preflightDock")
        self.preflight_dock.setWidget(self.preflight_panel)
        self.preflight_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        # the side panels keep the bottom corners: the check sits under the outline and preview
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.preflight_dock)
        self.preflight_dock.hide()
        toggle = self.preflight_dock.toggleViewAction()
        toggle.setText("&Pre-flight Check")
        toggle.setShortcut(QKeySequence("Ctrl+Shift+F7"))
        toggle.setToolTip("Show or hide what to fix before the deck goes out")

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
        file_menu.addAction(self.import_data_action)
        file_menu.addAction(self.import_template_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_pdf_action)
        file_menu.addAction(self.export_handout_action)
        file_menu.addAction(self.open_export_action)
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
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)

        briefing_menu = bar.addMenu("&Briefing")
        briefing_menu.addAction(self.add_impression_action)
        briefing_menu.addAction(self.add_section_action)
        briefing_menu.addAction(self.add_text_action)
        briefing_menu.addAction(self.add_chart_action)
        briefing_menu.addAction(self.attach_chart_action)
        briefing_menu.addSeparator()
        briefing_menu.addAction(self.check_action)
        briefing_menu.addAction(self.properties_action)

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.library_dock.toggleViewAction())
        view_menu.addAction(self.editor_dock.toggleViewAction())
        view_menu.addAction(self.preflight_dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(self.exact_action)

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
        export_menu.addAction(self.export_handout_action)
        export_menu.addAction(self.open_export_action)
        export_menu.addAction(self.show_export_action)
        export_button.setMenu(export_menu)
        export_button.setObjectName("exportButton")
        export_button.setAccessibleName("Export PowerPoint")
        bar.addWidget(export_button)

    def _make_status_bar(self) -> None:
        self.problems_button = QToolButton(self)
        self.problems_button.setAutoRaise(True)
        self.problems_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.problems_button.setAccessibleName("Pre-flight check: problems to fix before export")
        self.problems_button.setObjectName("preflightIndicator")
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
        self._problems = briefing_problems(self.doc.briefing)
        self.preflight.changed()  # updates the indicator
        self._update_actions()
        self._update_preview()

    def _update_indicator(self) -> None:
        """The status bar's summary of the pre-flight check (the model's own rules while no
        check of the briefing as it is has finished); clicking it opens the check."""
        checker = self.preflight
        result = checker.result
        colour = ""
        if result is not None and checker.is_current():
            errors, warnings = result.count("error"), result.count("warning")
            if errors:
                text = f"\u2716 {plural(errors, 'error')}" + (
                    f", {plural(warnings, 'warning')}" if warnings else ""
                )
                colour = "#B3261E"
            elif warnings:
                text = f"\u26a0 {plural(warnings, 'warning')}"
                colour = "#8A5A00"
            else:
                text = "\u2713 Ready to export"
            shown = [f for f in result.findings if f.severity != "info"][:12]
            tip = "\n".join(f"\u2022 {short_line(f)}" for f in shown) or (
                "The pre-flight check found nothing to fix."
            )
        elif self._problems:
            n = len(self._problems)
            text = f"\u26a0 {plural(n, 'problem')} to fix"
            tip = "\n".join(f"\u2022 {p}" for p in self._problems[:20])
            colour = "#8A5A00"
        elif checker.busy or checker.pending:
            text = "Checking\u2026"
            tip = "The pre-flight check runs a moment after your last change."
        elif result is not None:
            text = "Changed since the last check"
            tip = f"The last check found: {result.summary().lower()}. Check again (F7)."
        else:
            text = "Not checked"
            tip = "Run the pre-flight check (F7) to see what to fix before export."
        self.problems_button.setText(text)
        self.problems_button.setToolTip(f"{tip}\n\nClick to open the pre-flight check.")
        self.problems_button.setStyleSheet(f"color: {colour};" if colour else "")

    def _briefing_field_changed(self, name: str) -> None:
        self._changed()
        if name == "template":
            self._update_preview()

    def _was_reset(self) -> None:
        self._autosaved_index = -1
        self.preflight.forget()
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
        self.export_handout_action.setEnabled(not busy and not self.pdf_unavailable)
        item = self.current_item()
        self.attach_chart_action.setEnabled(isinstance(item, ImpressionItem) and item.chart is None)
        self.import_data_action.setEnabled(not isinstance(item, SectionItem | TextItem))
        self.exact_action.setEnabled(self.exact_task is None and not self.exact_unavailable)
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
        self._request_chart()
        self._show_exact_page()
        if not key:
            self.preview.set_sketch(None)
            return
        row = self.outline_model.row_of_key(key)
        self.preview.set_sketch(sketch_for(self.doc.briefing, key, row + 1))

    def base_dir(self) -> Path | None:
        """Where relative data-file paths start: the project's folder."""
        return self.doc.path.parent if self.doc.path is not None else None

    def _request_chart(self) -> None:
        """Draw the selected slide's chart (debounced); both previews show it."""
        item = self.current_item()
        spec = item.chart if isinstance(item, ImpressionItem | ChartItem) else None
        if spec is None:
            self.charts.wanted = ""
            self.preview.set_chart_image(None)
            return
        entry = self.catalogue.entries.get(self.doc.briefing.template)
        manifest = entry.manifest if entry is not None else None
        request = RenderRequest(
            spec,
            self.base_dir(),
            manifest.palette if manifest is not None else None,
            manifest.body_font if manifest is not None and manifest.body_font else "Calibri",
            CHART_SLIDE_SIZE if isinstance(item, ChartItem) else BESIDE_POINTS_SIZE,
        )
        key = self.charts.request(request)
        cached = self.charts.result(key)
        self.preview.set_chart_image(cached.image if cached is not None else None)

    def _chart_rendered(self, result: object) -> None:
        if isinstance(result, RenderResult) and result.key == self.charts.wanted:
            self.preview.set_chart_image(result.image)

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
        added = self.doc.add_impressions(self._insert_position(), [impression])
        if added:
            self.select_key(item_key(added[0].uid))

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

    def _preset(self, preset_id: str) -> ChartSpec:
        from briefing.charts.presets import preset_specs

        presets = preset_specs()
        return presets.get(preset_id) or next(iter(presets.values()))

    def add_chart_slide(self, preset_id: str = "") -> None:
        """Add a chart slide after the selected slide: a ready-made chart (the first one when
        ``preset_id`` is empty), or one of a data file the user chooses (``FROM_FILE``)."""
        if preset_id == FROM_FILE:
            self.choose_data_file("")
            return
        spec = self._preset(preset_id)
        item = fields.new_chart_slide(self.doc.briefing, spec, self.settings.default_renderer)
        self._insert(item, "Add a chart slide")
        self.editor.pages["chart"].widgets["title"].setFocus()

    def attach_chart_to_current(self, preset_id: str = "") -> None:
        item = self.current_item()
        if isinstance(item, ImpressionItem):
            self.attach_chart(item.uid, preset_id)

    def attach_chart(self, uid: str, preset_id: str = "") -> None:
        """Put a chart beside an impression's points: a ready-made one, or from a data file."""
        item = self.doc.item(uid)
        if not isinstance(item, ImpressionItem) or item.chart is not None:
            return
        if preset_id == FROM_FILE:
            self.choose_data_file(uid)
            return
        spec = fields.chart_for_impression(
            self.doc.briefing, item, self._preset(preset_id), self.settings.default_renderer
        )
        self.doc.edit_chart(uid, spec, "chart")

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

    def open_preflight(self) -> None:
        """Show the pre-flight panel, with room for a few findings."""
        dock = self.preflight_dock
        if dock.isHidden():
            dock.show()
            if not dock.isFloating():
                height = max(180, min(320, self.height() // 4))
                self.resizeDocks([dock], [height], Qt.Orientation.Vertical)
        dock.raise_()
        self.preflight_panel.setFocus()

    def show_problems(self) -> None:
        """Open the pre-flight check (checking now when its findings are out of date)."""
        self.open_preflight()
        if not self.preflight.is_current() and not self.preflight.busy:
            self.preflight.check_now()

    def check_now(self) -> None:
        """Run the pre-flight check and show its panel."""
        self.open_preflight()
        self.preflight.check_now()

    def go_to_finding(self, finding: object) -> bool:
        """Select what a finding is about in the outline: its item, else its slide."""
        uid = getattr(finding, "item_uid", None)
        key = item_key(uid) if uid and self.doc.item(uid) is not None else ""
        slide = getattr(finding, "slide", None)
        result = self.preflight.result
        if not key and slide is not None and result is not None:
            key = result.slide_keys.get(slide, "")
        if not key or self.outline_model.row_of_key(key) < 0:
            self.statusBar().showMessage("This finding is about the whole deck", 4000)
            return False
        self.select_key(key)
        return True

    # -- preferences ----------------------------------------------------------------------

    def edit_preferences(self) -> None:
        from briefing.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.catalogue, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.apply_settings(dialog.values())

    def apply_settings(self, new: Settings) -> None:
        """Use and save ``new``; reload the library and the templates when team folders
        changed. Briefings started from now on use the new defaults."""
        old = self.settings
        self.settings = new
        self._store_settings()
        if new.team_library_dirs != old.team_library_dirs:
            self.reload_library()
        if new.team_template_dirs != old.team_template_dirs:
            self.reload_templates()
        self.statusBar().showMessage("Preferences saved", 4000)

    def reload_library(self) -> None:
        self.library = load_library(default_folders(self.settings.team_library_dirs))
        self.library_model.set_library(self.library)
        self.library_panel.set_problems([str(p) for p in self.library.problems])

    def reload_templates(self) -> None:
        self.catalogue = list_templates(template_folders(self.settings.team_template_dirs))
        self.template_picker.set_catalogue(self.catalogue)
        self._update_preview()

    # -- importing templates and data -----------------------------------------------------

    def import_template_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import template", self._dialog_dir(), TEMPLATE_FILTER
        )
        if name:
            self.import_template_file(Path(name))

    def import_template_file(self, path: Path) -> bool:
        """Install a template file or pack into the user's templates and use it."""
        from briefing.deck.sharing import import_template

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            entry = import_template(path)
        except BriefingError as exc:
            self._show_error("The template cannot be imported", exc)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.reload_templates()
        self.doc.edit_briefing_field("template", entry.id)
        self.statusBar().showMessage(f"Imported the template \u201c{entry.name}\u201d", 6000)
        return True

    def choose_data_for_current(self) -> None:
        item = self.current_item()
        self.choose_data_file(item.uid if isinstance(item, ImpressionItem | ChartItem) else "")

    def choose_data_file(self, uid: str) -> None:
        """Ask for a data file for the chart of ``uid`` (a new chart slide when empty)."""
        name, _ = QFileDialog.getOpenFileName(
            self, "Chart a data file", self._dialog_dir(), DATA_FILTER
        )
        if name:
            self.import_data_file(Path(name), uid)

    def import_data_file(self, path: Path, uid: str | None = None) -> ImportDialog:
        """Show what the importer makes of ``path``; if the user accepts, the chart of ``uid``
        (by default the selected slide's; a new chart slide when it has none) uses it."""
        from briefing.gui.data_import import ImportDialog

        if uid is None:
            item = self.current_item()
            uid = item.uid if isinstance(item, ImpressionItem | ChartItem) else ""
        if self.import_dialog is not None:
            self.import_dialog.close()
        dialog = ImportDialog(path, self, sheet=self._sheet_of(uid or "", path))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self.use_data(dialog, uid or ""))
        dialog.destroyed.connect(self._import_dialog_gone)
        self.import_dialog = dialog
        dialog.load()
        dialog.open()
        return dialog

    def _data_path(self, ref: str) -> Path | None:
        """The data file a chart's dataset names (None for a bundled dataset)."""
        if not ref or not Path(ref).suffix:
            return None
        path = Path(ref).expanduser()
        base = self.base_dir()
        return base / path if not path.is_absolute() and base is not None else path

    def _sheet_of(self, uid: str, path: Path) -> str:
        """The sheet the chart of ``uid`` reads when it reads ``path`` (to show it first)."""
        item = self.doc.item(uid) if uid else None
        spec = item.chart if isinstance(item, ImpressionItem | ChartItem) else None
        if spec is None or not spec.sheet:
            return ""
        current = self._data_path(spec.dataset)
        try:
            same = current is not None and current.resolve() == path.resolve()
        except OSError:
            same = False
        return spec.sheet if same else ""

    def choose_sheet(self, uid: str) -> ImportDialog | None:
        """Show the workbook the chart of ``uid`` reads, to choose another of its sheets."""
        item = self.doc.item(uid)
        spec = item.chart if isinstance(item, ImpressionItem | ChartItem) else None
        path = self._data_path(spec.dataset) if spec is not None else None
        if path is None:
            return None
        if not path.is_file():
            self._show_error(
                "The data file cannot be found",
                BriefingError(f"{path} does not exist; choose the file again with File\u2026."),
            )
            return None
        return self.import_data_file(path, uid)

    def _import_dialog_gone(self, *_args: object) -> None:
        self.import_dialog = None

    def use_data(self, dialog: ImportDialog, uid: str) -> None:
        ref = str(dialog.path.resolve())
        sheet = dialog.sheet_name
        where = f"{dialog.path.name} ({sheet})" if sheet else dialog.path.name
        self.charts.forget_files()
        item = self.doc.item(uid) if uid else None
        if isinstance(item, ImpressionItem | ChartItem) and item.chart is not None:
            spec = copy.deepcopy(item.chart)
            what = "data sheet" if spec.dataset == ref and spec.sheet != sheet else "dataset"
            spec.dataset = ref
            spec.sheet = sheet
            self.doc.edit_chart(item.uid, spec, what)
            self.statusBar().showMessage(f"The chart now draws {where}", 6000)
            return
        latest = dialog.latest_year()
        spec = ChartSpec(
            id=fields.fresh_chart_id(self.doc.briefing, dialog.path.stem.lower()),
            dataset=ref,
            sheet=sheet,
            kind="bar",
            years=[latest] if latest else [],
            sort="desc" if latest else "none",
            data_labels=True,
            title=dialog.path.stem,
            renderer="image" if self.settings.default_renderer == "image" else "native",
        )
        if isinstance(item, ImpressionItem):
            self.doc.edit_chart(item.uid, spec, "chart")
        else:
            chart_item = ChartItem(dialog.path.stem, spec)
            self._insert(chart_item, f"Add a chart of {dialog.path.name}")

    # -- dropping files -------------------------------------------------------------------

    def _forward_drops(self) -> None:
        self.drop_forwarder = _DropForwarder(self)
        self._forward_drops_in(self)
        self.editor.widgets_created.connect(self._forward_drops_in)

    def _forward_drops_in(self, parent: QWidget) -> None:
        # Text fields take a dragged file's name as text; lists and trees refuse foreign drops,
        # which then reach the window by themselves.
        forwarder = self.drop_forwarder
        for field in parent.findChildren(QLineEdit):
            field.installEventFilter(forwarder)
        for text in parent.findChildren(QPlainTextEdit):
            text.viewport().installEventFilter(forwarder)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """A template is imported and chosen; a data file is charted (after its preview)."""
        files = _dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        path = files[0]
        if path.suffix.lower() in TEMPLATE_DROP_SUFFIXES:
            QTimer.singleShot(0, self, lambda: self.import_template_file(path))
        else:
            self.import_data_file(path)

    # -- exact preview --------------------------------------------------------------------

    def render_exact_preview(self) -> bool:
        """Build the deck and convert it with LibreOffice in a worker; show the pages."""
        if self.exact_unavailable:
            self._show_error(
                "The exact preview is not available", BriefingError(self.exact_unavailable)
            )
            return False
        if self.exact_task is not None:
            return False
        from briefing.gui.exact import exact_preview_job, fingerprint

        snapshot = copy.deepcopy(self.doc.briefing)
        entry = self.catalogue.entries.get(snapshot.template)
        shown = fingerprint(snapshot)
        task = Task(exact_preview_job(snapshot, entry, self.base_dir()), self)
        task.progress.connect(self._exact_progress)
        task.succeeded.connect(lambda result: self._exact_done(result, shown))
        task.failed.connect(self._exact_failed)
        task.finished.connect(self._exact_finished)
        self.exact_task = task
        self.exact_progress = 0.0
        self.preview_panel.set_status("Rendering the exact preview\u2026")
        self._update_actions()
        task.start_task()
        return True

    def _exact_progress(self, fraction: float, message: str) -> None:
        self.exact_progress = fraction
        self.preview_panel.set_status(f"{message} ({fraction:.0%})")

    def _exact_done(self, result: object, shown: str) -> None:
        from briefing.gui.exact import ExactPages

        if not isinstance(result, ExactPages):
            return
        result.fingerprint = shown
        self.exact = result
        self._show_exact_page()
        if not self.exact_is_current():
            self.statusBar().showMessage(
                "The briefing changed while the exact preview was rendered; render it again",
                8000,
            )

    def _exact_failed(self, exc: object, details: str) -> None:
        self.preview_panel.set_status("The exact preview failed")
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self._show_error("The exact preview could not be rendered", error, details)

    def _exact_finished(self) -> None:
        task = self.exact_task
        self.exact_task = None
        if task is not None:
            task.deleteLater()
        self._show_exact_page()
        self._update_actions()

    def exact_is_current(self) -> bool:
        return self.exact is not None and self.exact.shows(self.doc.briefing)

    def _show_exact_page(self) -> None:
        if self.exact_task is not None:
            self.preview.set_page(None)
            return
        exact = self.exact
        if exact is None:
            self.preview.set_page(None)
            self.preview_panel.set_status("")
            return
        if not self.exact_is_current():
            self.preview.set_page(None)
            self.preview_panel.set_status(
                "Exact preview out of date",
                "The briefing changed since the exact preview was rendered; render it again.",
            )
            return
        page = exact.page_for(self.outline.current_key())
        self.preview.set_page(page)
        self.preview_panel.set_status(
            f"Exact preview: {len(exact.pages)} pages"
            if page is not None
            else "This slide is not in the exact preview"
        )

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
            briefing = self._new_briefing()
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

    def _export_path(
        self, suffix: str, title: str, file_filter: str, stem: str = ""
    ) -> Path | None:
        stem = stem or (self.doc.path.stem if self.doc.path else _slug(self.doc.briefing.title))
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
        if target is None or not self._confirm_export():
            return False
        snapshot = copy.deepcopy(self.doc.briefing)
        entry = self.catalogue.entries.get(snapshot.template)
        return self._start(
            export_pptx_job(snapshot, entry, target, self.base_dir()),
            "Building the deck\u2026",
            target,
        )

    def export_pdf(self, path: Path | None = None) -> bool:
        reason = self.pdf_unavailable
        if reason:
            self._show_error("PDF export is not available", BriefingError(reason))
            return False
        target = path or self._export_path(".pdf", "Export PDF", "PDF (*.pdf)")
        if target is None or not self._confirm_export():
            return False
        snapshot = copy.deepcopy(self.doc.briefing)
        entry = self.catalogue.entries.get(snapshot.template)
        return self._start(
            export_pdf_job(snapshot, entry, target, self.base_dir()),
            "Building the PDF\u2026",
            target,
        )

    def export_handout(self, path: Path | None = None) -> bool:
        reason = self.pdf_unavailable
        if reason:
            self._show_error("The handout cannot be exported", BriefingError(reason))
            return False
        stem = self.doc.path.stem if self.doc.path else _slug(self.doc.briefing.title)
        target = path or self._export_path(
            ".pdf", "Export handout", "PDF (*.pdf)", f"{stem}-handout"
        )
        if target is None or not self._confirm_export():
            return False
        snapshot = copy.deepcopy(self.doc.briefing)
        entry = self.catalogue.entries.get(snapshot.template)
        return self._start(
            export_handout_job(snapshot, entry, target, self.base_dir()),
            "Building the handout\u2026",
            target,
        )

    def _confirm_export(self) -> bool:
        """True to go on: the last pre-flight check found no errors, or the user chose
        "Export anyway" (the check warns; it never blocks an export)."""
        result = self.preflight.result
        if result is None or not result.errors:
            return True
        errors = [f for f in result.findings if f.severity == "error"]
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Export with errors?")
        box.setTextFormat(Qt.TextFormat.PlainText)
        since = "" if self.preflight.is_current() else " (before your latest changes)"
        box.setText(
            f"The last pre-flight check{since} found {plural(len(errors), 'error')} that "
            "should be fixed before the deck goes out."
        )
        more = f"\n\u2026 and {len(errors) - 5} more" if len(errors) > 5 else ""
        box.setInformativeText("\n".join(f"\u2022 {short_line(f)}" for f in errors[:5]) + more)
        anyway = box.addButton("Export anyway", QMessageBox.ButtonRole.AcceptRole)
        show = box.addButton("Show the Problems", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(show)
        box.setObjectName("exportWarning")
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is show:
            self.show_problems()
        return clicked is anyway

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
        self.open_export_action.setEnabled(True)
        slides = getattr(result, "slides", 0)
        warnings: list[str] = list(getattr(result, "warnings", []))
        self.statusBar().showMessage(
            f"Exported {target.name} ({slides} slides) \u2014 File \u25b8 Open Exported File "
            "to view it",
            8000,
        )
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

    def open_exported(self) -> None:
        """Open the last exported file itself (PowerPoint or PDF) in the system's viewer."""
        if self.last_export is None:
            return
        if not self.last_export.is_file():
            self.statusBar().showMessage(f"{self.last_export.name} is no longer there", 8000)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export))):
            self.statusBar().showMessage(f"No application could open {self.last_export.name}", 8000)

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
        if self.exact_task is not None:
            self.exact_task.cancel()
            self.exact_task.wait()
        if self.import_dialog is not None:
            self.import_dialog.close()
        self.preflight.shutdown()
        self.charts.shutdown()
        background.wait_idle()
        self.autosave_timer.stop()
        self._save_geometry()
        self.recovery.close()
        event.accept()
