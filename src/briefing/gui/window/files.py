"""The briefing's file: new, open, save, recent files, autosave and recovery after a crash."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from briefing.errors import BriefingError
from briefing.gui.document import Document
from briefing.gui.recovery import Recovery
from briefing.gui.window.messages import Messages
from briefing.gui.window.store import SettingsStore
from briefing.model import Briefing
from briefing.project import SUFFIX, open_project, save_project

AUTOSAVE_MS = 30_000
FILE_FILTER = f"Briefings (*{SUFFIX});;All files (*)"


def slug(text: str) -> str:
    """A file name stem for ``text`` (a briefing's title)."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return name[:60] or "briefing"


class FileController(QObject):
    """Opens and saves ``doc``; while it has unsaved changes, a copy is autosaved every
    :data:`AUTOSAVE_MS` and offered back if the app ends without saving."""

    def __init__(
        self,
        window: QMainWindow,
        doc: Document,
        store: SettingsStore,
        messages: Messages,
        new_briefing: Callable[[], Briefing],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._doc = doc
        self._store = store
        self._messages = messages
        self._new_briefing = new_briefing
        self.recovery = Recovery()
        self._autosaved_index = -1
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        doc.reset.connect(self._was_reset)

    def _was_reset(self) -> None:
        self._autosaved_index = -1

    def default_stem(self) -> str:
        """The name a new file of this briefing gets (the project's, else from the title)."""
        doc = self._doc
        return doc.path.stem if doc.path else slug(doc.briefing.title)

    def dialog_dir(self) -> str:
        return self._store.dialog_dir(self._doc.path)

    # -- files ----------------------------------------------------------------------------

    def maybe_save(self, doing: str = "continuing") -> bool:
        """True when it is fine to drop the current briefing (saved, discarded or unchanged)."""
        if not self._doc.modified:
            return True
        answer = QMessageBox.question(
            self._window,
            "Save changes?",
            f"Save the changes to {self._doc.display_name()} before {doing}?",
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
            self._messages.error("Cannot start a new briefing", exc)
            return
        self.recovery.discard()
        self._doc.load(briefing, None)
        self._messages.status("New briefing from the default outline")

    def open_dialog(self) -> None:
        if not self.maybe_save("opening another briefing"):
            return
        name, _ = QFileDialog.getOpenFileName(
            self._window, "Open briefing", self.dialog_dir(), FILE_FILTER
        )
        if name:
            self.open_file(Path(name), ask=False)

    def open_file(self, path: Path, *, ask: bool = True) -> bool:
        if ask and not self.maybe_save("opening another briefing"):
            return False
        try:
            briefing = open_project(path)
        except BriefingError as exc:
            self._messages.error("Cannot open the briefing", exc)
            if not path.exists():
                self._store.forget_recent(path)
            return False
        self.recovery.discard()
        self._doc.load(briefing, path)
        self._store.remember_recent(path)
        self._messages.status(f"Opened {path}")
        return True

    def save(self) -> bool:
        if self._doc.path is None:
            return self.save_as()
        return self.save_to(self._doc.path)

    def save_as(self) -> bool:
        suggested = self._doc.path or Path(self.dialog_dir()) / (self.default_stem() + SUFFIX)
        name, _ = QFileDialog.getSaveFileName(
            self._window, "Save briefing as", str(suggested), FILE_FILTER
        )
        if not name:
            return False
        path = Path(name)
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            save_project(self._doc.briefing, path)
        except BriefingError as exc:
            self._messages.error("Cannot save the briefing", exc)
            return False
        self._doc.mark_saved(path)
        self.recovery.discard()
        self._autosaved_index = -1
        self._store.remember_recent(path)
        self._messages.status(f"Saved {path}")
        return True

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = self._store.settings.recent_files
        for number, name in enumerate(recent, start=1):
            path = Path(name)
            action = menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        if not recent:
            empty = menu.addAction("No recent briefings")
            empty.setEnabled(False)
        else:
            menu.addSeparator()
            clear = menu.addAction("Clear Recent")
            clear.triggered.connect(self._store.clear_recent)

    # -- autosave and recovery ------------------------------------------------------------

    def autosave(self) -> bool:
        """Write the recovery file when there are unsaved changes since the last autosave."""
        if not self._doc.modified:
            return False
        index = self._doc.undo_stack.index()
        if index == self._autosaved_index:
            return False
        try:
            self.recovery.write(self._doc.briefing, self._doc.path)
        except OSError as exc:
            self._messages.status(f"Autosave failed ({exc.strerror})", 6000)
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
                self._window,
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
            self._messages.error("The autosaved copy cannot be read", exc)
            return False
        self._doc.load(briefing, project, modified=True)
        self.autosave()
        for extra in (recovery_file, recovery_file.with_suffix(".json")):
            extra.unlink(missing_ok=True)
        self._messages.status("Recovered the autosaved briefing; save it to keep it", 8000)
        return True

    def shutdown(self) -> None:
        """The window closes: no more autosaves, and this window's recovery file goes."""
        self.autosave_timer.stop()
        self.recovery.close()
