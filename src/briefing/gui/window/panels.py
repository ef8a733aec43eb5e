"""The panels of the main window and where they sit: the library (left dock), the outline over
the preview (centre), the slide editor (right dock) and the pre-flight check (bottom dock).

This room also knows the selection in the outline (the slide the other panels show) and keeps
the window's layout between sessions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QSplitter, QWidget

from briefing.deck.registry import TemplateCatalogue, TemplateEntry
from briefing.gui.chart_render import ChartRenderer
from briefing.gui.document import Document
from briefing.gui.editor import ItemEditor
from briefing.gui.library_model import LibraryModel
from briefing.gui.outline_model import OutlineModel, uid_of_key
from briefing.gui.panels import LibraryPanel, OutlinePanel
from briefing.gui.preflight import PreflightChecker, PreflightPanel
from briefing.gui.preview import PreviewPanel, SlidePreview
from briefing.gui.templates import TemplatePicker, look_of
from briefing.gui.thumbnails import attach_thumbnails
from briefing.gui.window.actions import WindowActions
from briefing.gui.window.store import window_state
from briefing.library import Library
from briefing.model import Item

_DOCK_FEATURES = (
    QDockWidget.DockWidgetFeature.DockWidgetMovable
    | QDockWidget.DockWidgetFeature.DockWidgetClosable
)


def _dock(window: QMainWindow, title: str, name: str, widget: QWidget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(_DOCK_FEATURES)
    return dock


class Panels:
    """Builds the panels on ``window`` and holds them (``panels.outline``, ``panels.editor``...)."""

    def __init__(
        self,
        window: QMainWindow,
        doc: Document,
        library: Library,
        catalogue: TemplateCatalogue,
        template: Callable[[], TemplateEntry | None],
        charts: ChartRenderer,
        preflight: PreflightChecker,
        actions: WindowActions,
    ) -> None:
        self._window = window
        self._doc = doc
        self.template_picker = TemplatePicker(doc, catalogue, window)
        self.restored = False

        self.library_model = LibraryModel(library, doc, window)
        self.library_panel = LibraryPanel(self.library_model, window)
        self.library_panel.set_problems([str(p) for p in library.problems])

        self.outline_model = OutlineModel(doc, window, self.library_model.impression)
        self.outline = OutlinePanel(self.outline_model, actions.slide_actions(), window)
        view = self.outline.view
        attach_thumbnails(view, lambda: doc.briefing, lambda: look_of(template()))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (
            actions.delete,
            actions.move_up,
            actions.move_down,
            actions.duplicate,
            actions.add_section,
            actions.add_text,
            actions.add_chart,
        ):
            view.addAction(action)
        self.outline_model.rowsMoved.connect(self._keep_current_visible)

        self.preview = SlidePreview(window)
        self.preview_panel = PreviewPanel(self.preview, actions.exact, window)
        self.editor = ItemEditor(doc, window, charts)

        centre = QSplitter(Qt.Orientation.Vertical, window)
        centre.setObjectName("centreSplitter")
        centre.addWidget(self.outline)
        centre.addWidget(self.preview_panel)
        centre.setStretchFactor(0, 3)
        centre.setStretchFactor(1, 2)
        centre.setChildrenCollapsible(False)
        self.centre_splitter = centre
        window.setCentralWidget(centre)

        self.library_dock = _dock(window, "Impression library", "libraryDock", self.library_panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.editor_dock = _dock(window, "Slide content", "editorDock", self.editor)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.editor_dock)

        self.preflight_panel = PreflightPanel(preflight, window)
        self.preflight_dock = _dock(
            window, "Pre-flight check", "preflightDock", self.preflight_panel
        )
        # the side panels keep the bottom corners: the check sits under the outline and preview
        window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.preflight_dock)
        self.preflight_dock.hide()
        toggle = self.preflight_dock.toggleViewAction()
        toggle.setText("&Pre-flight Check")
        toggle.setShortcut(QKeySequence("Ctrl+Shift+F7"))
        toggle.setToolTip("Show or hide what to fix before the deck goes out")

        # tab order: library search -> library -> outline -> editor
        QWidget.setTabOrder(self.library_panel.search, self.library_panel.tree)
        QWidget.setTabOrder(self.library_panel.tree, self.library_panel.add_button)
        QWidget.setTabOrder(self.library_panel.add_button, self.outline.view)

    def toggles(self) -> list[QAction]:
        """The View menu's entries that show and hide the docks."""
        return [
            d.toggleViewAction() for d in (self.library_dock, self.editor_dock, self.preflight_dock)
        ]

    # -- the selection ----------------------------------------------------------------------

    def current_key(self) -> str:
        return self.outline.current_key()

    def current_item(self) -> Item | None:
        uid = uid_of_key(self.outline.current_key())
        return self._doc.item(uid) if uid else None

    def select_key(self, key: str) -> None:
        self.outline.select_key(key)

    def select_first(self) -> None:
        self.outline.select_key(self.outline_model.key_at(0))

    def _keep_current_visible(self, *_args: object) -> None:
        index = self.outline.view.currentIndex()
        if index.isValid():
            self.outline.view.scrollTo(index)

    # -- the pre-flight dock -----------------------------------------------------------------

    def open_preflight(self) -> None:
        """Show the pre-flight panel, with room for a few findings."""
        dock = self.preflight_dock
        if dock.isHidden():
            dock.show()
            if not dock.isFloating():
                height = max(180, min(320, self._window.height() // 4))
                self._window.resizeDocks([dock], [height], Qt.Orientation.Vertical)
        dock.raise_()
        self.preflight_panel.setFocus()

    # -- the layout between sessions ----------------------------------------------------------

    def restore_layout(self) -> None:
        """The saved window geometry, docks and splitter; a first start fills a small screen
        and takes a comfortable size on a large one."""
        window = self._window
        store = window_state()
        geometry = store.value("window/geometry")
        state = store.value("window/state")
        self.restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
        if not self.restored:
            screen = QApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                if area.width() <= 1600 or area.height() <= 1000:
                    window.setGeometry(area)
                else:
                    window.resize(1500, 940)
            else:
                window.resize(1400, 900)
        if isinstance(state, QByteArray):
            window.restoreState(state)
        splitter = store.value("window/centre")
        if isinstance(splitter, QByteArray):
            self.centre_splitter.restoreState(splitter)

    def save_layout(self) -> None:
        window = self._window
        store = window_state()
        store.setValue("window/geometry", window.saveGeometry())
        store.setValue("window/state", window.saveState())
        store.setValue("window/centre", self.centre_splitter.saveState())
        store.sync()

    def first_show(self) -> None:
        """Size the docks and the splitter in proportion to the window (unless restored)."""
        if self.restored:
            return
        window = self._window
        width = window.width()
        window.resizeDocks(
            [self.library_dock, self.editor_dock],
            [max(260, int(width * 0.22)), max(380, int(width * 0.38))],
            Qt.Orientation.Horizontal,
        )
        height = self.centre_splitter.height()
        self.centre_splitter.setSizes([int(height * 0.58), int(height * 0.42)])
