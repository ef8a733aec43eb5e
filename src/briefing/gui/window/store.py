"""The user's settings as the window uses them: one object every room reads, saved on change.

The settings object is replaced when the user accepts the Preferences, so rooms keep this store
and read ``store.settings`` when they need a value, never a copy of the object.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from briefing import paths
from briefing.gui.window.messages import Messages
from briefing.settings import Settings, save_settings

MAX_RECENT = 10


def window_state() -> QSettings:
    """Where the window keeps its layout and other state that is not a user setting."""
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)


class SettingsStore:
    def __init__(self, settings: Settings, messages: Messages) -> None:
        self.settings = settings
        self._messages = messages

    def save(self) -> None:
        """Write the settings; a failure is said in the status bar (the app goes on)."""
        try:
            save_settings(self.settings)
        except OSError as exc:
            self._messages.status(f"Settings could not be saved ({exc.strerror})", 6000)

    def replace(self, new: Settings) -> Settings:
        """Use and save ``new``; returns the settings it replaces."""
        old, self.settings = self.settings, new
        self.save()
        return old

    # -- recent files -----------------------------------------------------------------------

    def remember_recent(self, path: Path) -> None:
        name = str(path.resolve())
        recent = [name] + [p for p in self.settings.recent_files if p != name]
        self.settings.recent_files = recent[:MAX_RECENT]
        self.save()

    def forget_recent(self, path: Path) -> None:
        name = str(path.resolve())
        self.settings.recent_files = [p for p in self.settings.recent_files if p != name]
        self.save()

    def clear_recent(self) -> None:
        self.settings.recent_files = []
        self.save()

    # -- folders for file dialogs -------------------------------------------------------------

    def dialog_dir(self, project: Path | None) -> str:
        """Where a file dialog starts: the open project's folder, else the latest one's."""
        if project is not None:
            return str(project.parent)
        if self.settings.recent_files:
            return str(Path(self.settings.recent_files[0]).parent)
        return str(Path.home())

    def export_dir(self, project: Path | None) -> Path:
        folder = window_state().value("export/dir")
        return (
            Path(folder) if isinstance(folder, str) and folder else Path(self.dialog_dir(project))
        )

    def remember_export_dir(self, folder: Path) -> None:
        window_state().setValue("export/dir", str(folder))
