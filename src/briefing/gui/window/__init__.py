"""The rooms of the main window, each with one reason to change.

:class:`briefing.gui.main_window.MainWindow` builds them and connects them; none of them knows
the window class, so they import nothing of each other but what they use:

- ``messages``: the status bar and message boxes every room reports through.
- ``store``: the user's settings, saved as they change, and the folders file dialogs remember.
- ``actions``: every command the window offers (text, shortcut, icon, tip), not what it does.
- ``menus``: the menu bar and the toolbar, laid out from those actions.
- ``panels``: the library, outline, preview, editor and pre-flight panels, the docks and the
  splitter that hold them, the selection in the outline, and the window's saved layout.
- ``files``: new, open, save, recent files, autosave and recovery after a crash.
- ``exports``: PowerPoint, PDF and handout export in a worker, its progress and its notice.
- ``imports``: templates and data files, chosen in a dialog or dropped on the window.
- ``editing``: adding, duplicating, moving and deleting slides; charts and properties.
- ``previews``: what the preview shows (sketch, chart picture, exact preview).
- ``checking``: the pre-flight panel, the status bar's indicator and going to a finding.
"""
