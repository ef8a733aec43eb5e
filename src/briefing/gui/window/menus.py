"""The menu bar and the toolbar, laid out from the window's actions."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSizePolicy, QToolButton, QWidget

from briefing.gui.window.actions import WindowActions


class Menus:
    """The window's menus; ``recent`` is filled by its owner when it is about to show."""

    def __init__(
        self, window: QMainWindow, actions: WindowActions, panel_toggles: list[QAction]
    ) -> None:
        a = actions
        bar = window.menuBar()
        self.file = bar.addMenu("&File")
        self.file.setToolTipsVisible(True)
        self.file.addAction(a.new)
        self.file.addAction(a.open)
        self.recent = QMenu("Open &Recent", window)
        self.file.addMenu(self.recent)
        self.file.addSeparator()
        self.file.addAction(a.save)
        self.file.addAction(a.save_as)
        self.file.addSeparator()
        self.file.addAction(a.import_data)
        self.file.addAction(a.import_template)
        self.file.addSeparator()
        for action in export_actions(a):
            self.file.addAction(action)
        self.file.addSeparator()
        self.file.addAction(a.quit)

        self.edit = bar.addMenu("&Edit")
        self.edit.addAction(a.undo)
        self.edit.addAction(a.redo)
        self.edit.addSeparator()
        for action in (a.duplicate, a.delete, a.move_up, a.move_down):
            self.edit.addAction(action)
        self.edit.addSeparator()
        self.edit.addAction(a.preferences)

        self.briefing = bar.addMenu("&Briefing")
        for action in (a.add_impression, a.add_section, a.add_text, a.add_chart, a.attach_chart):
            self.briefing.addAction(action)
        self.briefing.addSeparator()
        self.briefing.addAction(a.check)
        self.briefing.addAction(a.properties)

        self.view = bar.addMenu("&View")
        for toggle in panel_toggles:
            self.view.addAction(toggle)
        self.view.addSeparator()
        self.view.addAction(a.exact)


def export_actions(a: WindowActions) -> tuple[QAction, ...]:
    return (a.export, a.export_pdf, a.export_handout, a.open_export, a.show_export)


def build_toolbar(window: QMainWindow, actions: WindowActions, template_picker: QWidget) -> None:
    """New, Open, Save, Undo, Redo, Properties, the template picker and (at the right end)
    the Export button with the other exports in its menu."""
    a = actions
    bar = window.addToolBar("Main")
    bar.setObjectName("mainToolBar")
    bar.setMovable(False)
    bar.setIconSize(QSize(20, 20))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (a.new, a.open, a.save):
        bar.addAction(action)
    bar.addSeparator()
    bar.addAction(a.undo)
    bar.addAction(a.redo)
    bar.addSeparator()
    bar.addAction(a.properties)
    bar.addSeparator()
    label = QLabel(" Template: ", window)
    label.setBuddy(template_picker)
    bar.addWidget(label)
    bar.addWidget(template_picker)
    spacer = QWidget(window)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    export_button = QToolButton(window)
    export_button.setDefaultAction(a.export)
    export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    export_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    export_menu = QMenu(export_button)
    export_menu.setToolTipsVisible(True)
    for action in export_actions(a):
        export_menu.addAction(action)
    export_button.setMenu(export_menu)
    export_button.setObjectName("exportButton")
    export_button.setAccessibleName("Export PowerPoint")
    bar.addWidget(export_button)
