"""Every command the main window offers: its text, shortcut, icon and tip.

What a command does is wired in :mod:`briefing.gui.main_window` (``on(action, slot)``); which
commands are enabled is decided there too, from the rooms' state. Menus and the toolbar are laid
out in :mod:`briefing.gui.window.menus`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QStyle, QWidget

from briefing.gui.icons import icon

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


def _standard_icon(widget: QWidget, pixmap: QStyle.StandardPixmap) -> QIcon:
    return widget.style().standardIcon(pixmap)


def _theme_icon(name: str, widget: QWidget, fallback: QStyle.StandardPixmap) -> QIcon:
    themed = QIcon.fromTheme(name)
    return themed if not themed.isNull() else _standard_icon(widget, fallback)


def on(action: QAction, slot: Callable[[], object]) -> None:
    """Run ``slot`` (with no arguments) when ``action`` is triggered."""
    action.triggered.connect(lambda _checked=False: slot())


def disable(actions: tuple[QAction, ...], reason: str) -> None:
    """Disable ``actions`` with ``reason`` as their tip (a missing tool, say)."""
    for action in actions:
        action.setEnabled(False)
        action.setToolTip(reason)
        action.setStatusTip(reason)


class WindowActions:
    """The window's actions, one attribute each (``actions.export``, ``actions.undo``...)."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack) -> None:
        self._window = window
        sp = QStyle.StandardPixmap
        make = self._make
        # -- files
        self.new = make(
            "&New",
            QKeySequence.StandardKey.New,
            "Start a new briefing from the default outline",
            _theme_icon("document-new", window, sp.SP_FileIcon),
        )
        self.open = make(
            "&Open\u2026",
            QKeySequence.StandardKey.Open,
            "Open a briefing project file",
            _theme_icon("document-open", window, sp.SP_DialogOpenButton),
        )
        self.save = make(
            "&Save",
            QKeySequence.StandardKey.Save,
            "Save the briefing",
            _theme_icon("document-save", window, sp.SP_DialogSaveButton),
        )
        self.save_as = make(
            "Save &As\u2026", QKeySequence.StandardKey.SaveAs, "Save the briefing under a new name"
        )
        self.quit = make("&Quit", QKeySequence.StandardKey.Quit, "Close the window")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        # -- export
        self.export = make(
            "&Export PowerPoint\u2026",
            "Ctrl+E",
            "Build the deck as a PowerPoint file",
            icon("export"),
        )
        self.export_pdf = make("Export &PDF\u2026", "Ctrl+Shift+E", "Build the deck as a PDF")
        self.export_handout = make(
            "Export &Handout (PDF)\u2026",
            None,
            "A PDF with each slide above its speaker notes, to print for the meeting",
        )
        self.show_export = make(
            "Show Exported &File", None, "Open the folder holding the last exported file"
        )
        self.show_export.setEnabled(False)
        self.open_export = make(
            "&Open Exported File", None, "Open the last exported file in the system's viewer"
        )
        self.open_export.setEnabled(False)
        # -- import
        self.import_data = make(
            "Import &Data\u2026",
            None,
            "Chart a CSV, Excel or OpenDocument file (or drop one on the window)",
        )
        self.import_template = make(
            "Import &Template\u2026",
            None,
            "Install a .pptx/.potx template or a template pack (or drop one on the window)",
        )
        # -- undo
        self.undo = undo_stack.createUndoAction(window, "&Undo")
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo.setIconText("Undo")
        self.undo.setIcon(_theme_icon("edit-undo", window, sp.SP_ArrowBack))
        self.redo = undo_stack.createRedoAction(window, "&Redo")
        self.redo.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        )
        self.redo.setIconText("Redo")
        self.redo.setIcon(_theme_icon("edit-redo", window, sp.SP_ArrowForward))
        # -- slides
        self.add_impression = make(
            "Add &Impression", "Ctrl+I", "Add the impression selected in the library"
        )
        self.add_section = make(
            "Add &Section Divider",
            "Ctrl+Shift+D",
            "Add a section divider after the selected slide",
            icon("section"),
        )
        self.add_section.setIconText("Section")
        self.add_text = make(
            "Add &Text Slide",
            "Ctrl+Shift+T",
            "Add a free-text slide after the selected slide",
            icon("text"),
        )
        self.add_text.setIconText("Text slide")
        self.add_chart = make(
            "Add &Chart Slide",
            "Ctrl+Shift+C",
            "Add a chart slide after the selected slide (the menu offers ready-made charts)",
            icon("chart"),
        )
        self.add_chart.setIconText("Chart")
        self.attach_chart = make(
            "A&ttach Chart", None, "Put a chart beside the key points of the selected impression"
        )
        self.duplicate = make(
            "D&uplicate", "Ctrl+D", "Duplicate the selected slide", icon("duplicate")
        )
        self.duplicate.setIconText("Duplicate")
        self.delete = make(
            "&Delete", QKeySequence.StandardKey.Delete, "Delete the selected slide", icon("cross")
        )
        # Delete in a text field deletes text: the action only takes the key in the outline
        self.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete.setIconText("Delete")
        self.move_up = make("Move &Up", "Ctrl+Up", "Move the selected slide up", icon("up"))
        self.move_up.setData("icon-only")
        self.move_down = make(
            "Move Do&wn", "Ctrl+Down", "Move the selected slide down", icon("down")
        )
        self.move_down.setData("icon-only")
        # -- the briefing
        self.properties = make(
            "Briefing &Properties\u2026",
            "Ctrl+Shift+P",
            "Title, subtitle, author, date, audience and marking",
            _standard_icon(window, sp.SP_FileDialogDetailedView),
        )
        self.check = make(
            "&Check Before Export",
            "F7",
            "Run the pre-flight check now: markings, text that does not fit, charts, sources",
        )
        self.exact = make(
            "Render &Exact Preview",
            "Ctrl+Shift+R",
            "Build the deck and show its slides as LibreOffice draws them",
        )
        self.exact.setIconText("Render exact preview")
        bindings = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        self.preferences = make(
            "&Preferences\u2026",
            bindings[0] if bindings else QKeySequence("Ctrl+,"),
            "Your name, defaults for new briefings, team folders",
        )
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)

    def _make(
        self, text: str, shortcut: Shortcut, tip: str = "", icon_: QIcon | None = None
    ) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(
                shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)
            )
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if icon_ is not None:
            action.setIcon(icon_)
        return action

    def slide_actions(self) -> list[QAction | None]:
        """The outline's buttons in order (None: a gap)."""
        return [
            self.move_up,
            self.move_down,
            None,
            self.add_section,
            self.add_text,
            self.add_chart,
            self.duplicate,
            None,
            self.delete,
        ]
