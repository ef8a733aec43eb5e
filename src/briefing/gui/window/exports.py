"""Export: the deck as PowerPoint, PDF or handout, built by the core in a worker thread with a
progress dialog (and Cancel); a failed or cancelled export leaves no file."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog

from briefing.deck.registry import TemplateEntry
from briefing.errors import BriefingError
from briefing.gui.document import Document
from briefing.gui.jobs import export_handout_job, export_pdf_job, export_pptx_job
from briefing.gui.preflight import PreflightChecker, plural, short_line
from briefing.gui.window.messages import Messages
from briefing.gui.window.store import SettingsStore
from briefing.gui.worker import Task
from briefing.model import Briefing
from briefing.progress import ProgressSink

Job = Callable[[ProgressSink], Any]
JobMaker = Callable[[Briefing, TemplateEntry | None, Path, Path | None], Job]


def pdf_unavailable_reason() -> str:
    """Why PDF export cannot run here (no LibreOffice), or "" when it can."""
    from briefing.export.libreoffice import unavailable_reason

    return unavailable_reason()


class ExportController(QObject):
    """Runs one export at a time; ``busy_changed`` tells the window to update its actions,
    ``exported`` brings the file written."""

    busy_changed = Signal()
    exported = Signal(object)  # the Path written

    def __init__(
        self,
        window: QMainWindow,
        doc: Document,
        template: Callable[[], TemplateEntry | None],
        base_dir: Callable[[], Path | None],
        default_stem: Callable[[], str],
        preflight: PreflightChecker,
        show_problems: Callable[[], None],
        store: SettingsStore,
        messages: Messages,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._doc = doc
        self._template = template
        self._base_dir = base_dir
        self._default_stem = default_stem
        self._preflight = preflight
        self._show_problems = show_problems
        self._store = store
        self._messages = messages
        self.task: Task | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.last_export: Path | None = None
        self.pdf_unavailable = pdf_unavailable_reason()

    @property
    def busy(self) -> bool:
        return self.task is not None

    # -- the three exports ---------------------------------------------------------------

    def export_pptx(self, path: Path | None = None) -> bool:
        target = path or self._ask_path(".pptx", "Export PowerPoint", "PowerPoint (*.pptx)")
        return self._export(target, export_pptx_job, "Building the deck\u2026")

    def export_pdf(self, path: Path | None = None) -> bool:
        if self.pdf_unavailable:
            self._messages.error("PDF export is not available", BriefingError(self.pdf_unavailable))
            return False
        target = path or self._ask_path(".pdf", "Export PDF", "PDF (*.pdf)")
        return self._export(target, export_pdf_job, "Building the PDF\u2026")

    def export_handout(self, path: Path | None = None) -> bool:
        if self.pdf_unavailable:
            self._messages.error(
                "The handout cannot be exported", BriefingError(self.pdf_unavailable)
            )
            return False
        target = path or self._ask_path(
            ".pdf", "Export handout", "PDF (*.pdf)", f"{self._default_stem()}-handout"
        )
        return self._export(target, export_handout_job, "Building the handout\u2026")

    def _ask_path(self, suffix: str, title: str, file_filter: str, stem: str = "") -> Path | None:
        start = self._store.export_dir(self._doc.path) / ((stem or self._default_stem()) + suffix)
        name, _ = QFileDialog.getSaveFileName(self._window, title, str(start), file_filter)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _export(self, target: Path | None, make_job: JobMaker, label: str) -> bool:
        if target is None or not self.confirm():
            return False
        snapshot = copy.deepcopy(self._doc.briefing)
        job = make_job(snapshot, self._template(), target, self._base_dir())
        return self.start(job, label, target)

    def confirm(self) -> bool:
        """True to go on: the last pre-flight check found no errors, or the user chose
        "Export anyway" (the check warns; it never blocks an export)."""
        result = self._preflight.result
        if result is None or not result.errors:
            return True
        errors = [f for f in result.findings if f.severity == "error"]
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Export with errors?")
        box.setTextFormat(Qt.TextFormat.PlainText)
        since = "" if self._preflight.is_current() else " (before your latest changes)"
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
            self._show_problems()
        return clicked is anyway

    # -- the worker ------------------------------------------------------------------------

    def start(self, job: Job, label: str, target: Path) -> bool:
        """Run ``job`` (which writes ``target``) in a worker with a progress dialog."""
        if self.task is not None:
            return False
        task = Task(job, self)
        dialog = QProgressDialog(label, "Cancel", 0, 1000, self._window)
        dialog.setWindowTitle("Export")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(self.cancel_export)
        task.progress.connect(self._progress)
        task.succeeded.connect(lambda result: self._done(result, target))
        task.failed.connect(self._failed)
        task.was_cancelled.connect(self._cancelled)
        task.finished.connect(self._task_finished)
        self.task = task
        self.progress_dialog = dialog
        self.busy_changed.emit()
        self._messages.status(label, 0)
        self._store.remember_export_dir(target.parent)
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

    def _done(self, result: object, target: Path) -> None:
        self._close_progress()
        self.last_export = target
        self.exported.emit(target)
        slides = getattr(result, "slides", 0)
        warnings: list[str] = list(getattr(result, "warnings", []))
        self._messages.status(
            f"Exported {target.name} ({slides} slides) \u2014 File \u25b8 Open Exported File "
            "to view it",
            8000,
        )
        if warnings:
            box = QMessageBox(self._window)
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle("Export finished")
            box.setText(
                f"Exported {target.name} ({slides} slides) with {len(warnings)} "
                f"note{'s' if len(warnings) != 1 else ''} on the template."
            )
            box.setDetailedText("\n".join(f"\u2022 {w}" for w in warnings))
            self._messages.open_box(box)

    def _failed(self, exc: object, details: str) -> None:
        self._close_progress()
        self._messages.status("Export failed", 8000)
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self._messages.error("Export failed", error, details)

    def _cancelled(self) -> None:
        self._close_progress()
        self._messages.status("Export cancelled; no file was written", 8000)

    def _task_finished(self) -> None:
        task = self.task
        self.task = None
        if task is not None:
            task.deleteLater()
        self.busy_changed.emit()

    # -- the file written ------------------------------------------------------------------

    def show_exported(self) -> None:
        """Open the folder holding the last exported file."""
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))

    def open_exported(self) -> None:
        """Open the last exported file itself (PowerPoint or PDF) in the system's viewer."""
        if self.last_export is None:
            return
        if not self.last_export.is_file():
            self._messages.status(f"{self.last_export.name} is no longer there", 8000)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export))):
            self._messages.status(f"No application could open {self.last_export.name}", 8000)

    def shutdown(self) -> None:
        """The window closes: stop a running export (it leaves no file)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
