"""Files, export and recovery from the main window: the worker thread, cancelling, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from PySide6.QtCore import QByteArray, QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from briefing import paths
from briefing.deck.build import BuildResult
from briefing.deck.registry import TemplateEntry
from briefing.export import handout as handout_module
from briefing.export import libreoffice
from briefing.export import pdf as pdf_module
from briefing.export.handout import pdf_page_count
from briefing.gui.list_editor import ListEditor
from briefing.gui.main_window import MainWindow
from briefing.gui.outline_model import item_key
from briefing.gui.worker import running_tasks
from briefing.model import Briefing, ImpressionItem
from briefing.progress import ProgressSink
from briefing.project import briefing_to_dict, open_project
from briefing.settings import load_settings

from .conftest import Answers
from .helpers import impression_ids, uid_of

EXPORT_TIMEOUT = 120_000


def _slide_texts(path: Path) -> list[list[str]]:
    deck = Presentation(str(path))
    slides: list[list[str]] = []
    for slide in deck.slides:
        texts: list[str] = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts += [p.text for p in shape.text_frame.paragraphs if p.text.strip()]
        slides.append(texts)
    return slides


def _first_slide_with(slides: list[list[str]], text: str) -> int:
    return next(n for n, texts in enumerate(slides) if any(text in t for t in texts))


def _wait_for_task(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: window.exports.task is None, timeout=EXPORT_TIMEOUT)


class DescribeExportingPowerPoint:
    def it_builds_the_edited_briefing_in_a_worker_and_the_deck_has_the_edits(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        # edit a key point in the editor
        uid = uid_of(window, "spending")
        window.select_key(item_key(uid))
        points = window.panels.editor.pages["impression"].widgets["points"]
        assert isinstance(points, ListEditor)
        points.list.item(0).setText("Edited point: 5% by 2035, in two parts")
        # move China before Russia
        china = uid_of(window, "china")
        window.select_key(item_key(china))
        window.action.move_up.trigger()
        assert impression_ids(window).index("china") < impression_ids(window).index("russia")

        out = tmp_path / "exported deck.pptx"
        reports: list[str] = []
        assert window.exports.export_pptx(out)
        assert window.exports.task is not None and window.exports.progress_dialog is not None
        assert not window.action.export.isEnabled()
        window.exports.task.progress.connect(lambda _f, message: reports.append(message))
        _wait_for_task(window, qtbot)

        assert reports, "progress reached the GUI thread while the deck was built"
        assert window.exports.last_export == out
        assert window.action.show_export.isEnabled()
        assert window.action.export.isEnabled()
        assert window.exports.progress_dialog is None
        slides = _slide_texts(out)
        assert _first_slide_with(slides, "Edited point: 5% by 2035, in two parts") >= 0
        china_title = window.doc.item(china).title  # type: ignore[union-attr]
        russia_title = window.doc.item(uid_of(window, "russia")).title  # type: ignore[union-attr]
        assert _first_slide_with(slides, china_title) < _first_slide_with(slides, russia_title)
        assert "exported deck.pptx" in window.statusBar().currentMessage()

    def it_builds_on_the_chosen_template(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        picker = window.panels.template_picker
        picker.activated.emit(picker.findData("paper"))
        out = tmp_path / "paper.pptx"
        window.exports.export_pptx(out)
        _wait_for_task(window, qtbot)
        assert out.is_file()
        navy_out = tmp_path / "navy.pptx"
        window.action.undo.trigger()
        window.exports.export_pptx(navy_out)
        _wait_for_task(window, qtbot)
        assert out.read_bytes() != navy_out.read_bytes()

    def it_leaves_no_file_when_the_export_is_cancelled(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        out = tmp_path / "cancelled.pptx"
        assert window.exports.export_pptx(out)
        window.exports.cancel_export()
        _wait_for_task(window, qtbot)
        assert not out.exists()
        assert list(tmp_path.iterdir()) == []
        assert "cancelled" in window.statusBar().currentMessage()
        assert window.exports.last_export is None
        assert not running_tasks()

    def it_cancels_from_the_progress_dialog(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        out = tmp_path / "cancelled.pptx"
        window.exports.export_pptx(out)
        assert window.exports.progress_dialog is not None
        button = window.exports.progress_dialog.findChild(QPushButton)
        assert button is not None and button.text() == "Cancel"
        button.click()
        _wait_for_task(window, qtbot)
        assert not out.exists()

    def it_says_what_to_fix_when_the_briefing_breaks_the_rules(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        window.doc.edit_briefing_field("title", "")
        out = tmp_path / "bad.pptx"
        window.exports.export_pptx(out)
        _wait_for_task(window, qtbot)
        assert not out.exists()
        box = window.messages.last_box
        assert box is not None
        assert "empty title" in box.text()
        assert "Traceback" not in box.detailedText()
        box.close()

    def it_reports_an_unexpected_error_with_the_traceback_under_details(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        def broken(_sink: object) -> object:
            raise RuntimeError("boom")

        window.exports.start(broken, "Working", tmp_path / "x.pptx")
        _wait_for_task(window, qtbot)
        box = window.messages.last_box
        assert box is not None
        assert "RuntimeError: boom" in box.text()
        assert "Traceback" in box.detailedText()

    def it_shows_the_exported_file_in_its_folder(
        self,
        window: MainWindow,
        qtbot: QtBot,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        opened: list[QUrl] = []
        monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
        assert not window.action.show_export.isEnabled()
        window.exports.export_pptx(tmp_path / "deck.pptx")
        _wait_for_task(window, qtbot)
        window.action.show_export.trigger()
        assert [u.toLocalFile() for u in opened] == [str(tmp_path)]

    def it_opens_the_exported_file_itself_in_the_system_viewer(
        self,
        window: MainWindow,
        qtbot: QtBot,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        opened: list[QUrl] = []

        def record(url: QUrl) -> bool:
            opened.append(url)
            return True

        monkeypatch.setattr(QDesktopServices, "openUrl", record)
        assert not window.action.open_export.isEnabled()
        file_menu = window.menuBar().actions()[0].menu()
        assert file_menu is not None
        texts = [a.text() for a in file_menu.actions()]
        assert texts.index("&Open Exported File") + 1 == texts.index("Show Exported &File")
        out = tmp_path / "deck to open.pptx"
        window.exports.export_pptx(out)
        _wait_for_task(window, qtbot)
        assert window.action.open_export.isEnabled()
        assert "Open Exported File" in window.statusBar().currentMessage()
        window.action.open_export.trigger()
        assert [Path(u.toLocalFile()) for u in opened] == [out]
        assert opened[0].isLocalFile()

    def it_stops_the_export_when_the_window_closes(
        self, window: MainWindow, tmp_path: Path
    ) -> None:
        out = tmp_path / "closing.pptx"
        window.exports.export_pptx(out)
        task = window.exports.task
        assert task is not None
        assert window.close()
        assert task.isFinished()
        assert not out.exists()


class DescribePdfExport:
    def it_is_disabled_with_the_reason_when_libreoffice_is_missing(
        self, make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
        window = make_window()
        for action in (window.action.export_pdf, window.action.export_handout):
            assert not action.isEnabled()
            assert "LibreOffice" in action.toolTip()
        assert not window.exports.export_handout()
        box = window.messages.last_box
        assert box is not None and "LibreOffice" in box.text()

    @pytest.mark.parametrize("kind", ["pdf", "handout"])
    def it_runs_the_cores_export_in_the_worker_and_places_the_file(
        self,
        window: MainWindow,
        qtbot: QtBot,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        kind: str,
    ) -> None:
        """The window calls ``export_pdf`` / ``export_handout`` of the core (LibreOffice is
        stood in for here; the slow tests below use it)."""
        calls: list[tuple[str, object, Path | None]] = []

        def fake(
            briefing: Briefing,
            template: object,
            out_pdf: Path,
            progress: ProgressSink | None = None,
            base: Path | None = None,
        ) -> BuildResult:
            assert progress is not None
            progress.report(0.5, "Converting to PDF with LibreOffice")
            calls.append((briefing.title, template, base))
            Path(out_pdf).write_bytes(b"%PDF-1.4 " + kind.encode())
            entry = template if isinstance(template, TemplateEntry) else None
            return BuildResult(Path(out_pdf), 17, entry)  # type: ignore[arg-type]

        module = pdf_module if kind == "pdf" else handout_module
        monkeypatch.setattr(module, f"export_{kind}", fake)
        window.exports.pdf_unavailable = ""
        window.files.save_to(tmp_path / "project.briefing")
        out = tmp_path / "out" / f"{kind}.pdf"
        out.parent.mkdir()
        messages: list[str] = []
        start = window.exports.export_pdf if kind == "pdf" else window.exports.export_handout
        assert start(out)
        assert window.exports.task is not None
        window.exports.task.progress.connect(lambda _f, message: messages.append(message))
        assert not window.action.export_pdf.isEnabled()
        assert not window.action.export_handout.isEnabled()
        _wait_for_task(window, qtbot)
        assert out.read_bytes() == b"%PDF-1.4 " + kind.encode()
        assert list(out.parent.iterdir()) == [out]
        title, template, base = calls[0]
        assert title == window.doc.briefing.title
        assert isinstance(template, TemplateEntry) and template.id == window.doc.briefing.template
        assert base == tmp_path  # relative data paths start at the project's folder
        assert window.exports.last_export == out
        assert f"{kind}.pdf (17 slides)" in window.statusBar().currentMessage()
        assert window.action.export_handout.isEnabled()

    @pytest.mark.slow
    def it_exports_a_pdf_through_libreoffice(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path, libreoffice: str
    ) -> None:
        out = tmp_path / "deck.pdf"
        assert window.exports.export_pdf(out)
        _wait_for_task(window, qtbot)
        data = out.read_bytes()
        assert data.startswith(b"%PDF")
        assert pdf_page_count(data) == window.panels.outline_model.rowCount()

    @pytest.mark.slow
    def it_exports_a_handout_through_libreoffice(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path, libreoffice: str
    ) -> None:
        out = tmp_path / "handout.pdf"
        assert window.exports.export_handout(out)
        _wait_for_task(window, qtbot)
        assert window.messages.last_box is None, window.messages.last_box.text()
        data = out.read_bytes()
        assert data.startswith(b"%PDF")
        assert pdf_page_count(data) >= window.panels.outline_model.rowCount()  # a page per slide
        assert list(tmp_path.iterdir()) == [out]

    def it_leaves_no_file_when_the_pdf_export_is_cancelled(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path, libreoffice: str
    ) -> None:
        out = tmp_path / "cancelled.pdf"
        assert window.exports.export_pdf(out)
        window.exports.cancel_export()
        _wait_for_task(window, qtbot)
        assert list(tmp_path.iterdir()) == []
        assert "cancelled" in window.statusBar().currentMessage()


class DescribeProjectFiles:
    def it_saves_and_opens_a_briefing_round_trip(
        self, make_window: Callable[..., MainWindow], tmp_path: Path
    ) -> None:
        window = make_window()
        window.select_key(item_key(uid_of(window, "unity")))
        window.action.add_section.trigger()
        assert window.windowTitle() == "Untitled* \u2014 Briefing"
        path = tmp_path / "nato.briefing"
        assert window.files.save_to(path)
        assert window.windowTitle() == "nato.briefing \u2014 Briefing"
        assert not window.doc.modified
        assert load_settings().recent_files[0] == str(path.resolve())

        other = make_window()
        assert other.files.open_file(path)
        assert briefing_to_dict(other.doc.briefing) == briefing_to_dict(window.doc.briefing)
        assert other.doc.path == path
        assert other.windowTitle() == "nato.briefing \u2014 Briefing"
        assert other.undo_stack.count() == 0

    def it_explains_a_file_it_cannot_open(self, window: MainWindow, tmp_path: Path) -> None:
        bad = tmp_path / "broken.briefing"
        bad.write_text("{ not json", encoding="utf-8")
        assert not window.files.open_file(bad)
        box = window.messages.last_box
        assert box is not None
        assert "broken.briefing" in box.text()
        assert box.detailedText() == ""
        assert window.doc.path is None

    def it_asks_before_dropping_unsaved_changes(
        self, window: MainWindow, answers: Answers, tmp_path: Path
    ) -> None:
        window.action.add_text.trigger()
        n = len(window.doc.briefing.items)
        answers.queue.append(QMessageBox.StandardButton.Cancel)
        window.files.new_briefing()
        assert len(window.doc.briefing.items) == n
        assert "Save changes?" in answers.asked[-1]
        answers.queue.append(QMessageBox.StandardButton.Discard)
        window.files.new_briefing()
        assert len(window.doc.briefing.items) == n - 1
        assert not window.doc.modified

    def it_saves_when_asked_to_before_opening_another(
        self, window: MainWindow, answers: Answers, tmp_path: Path
    ) -> None:
        first = tmp_path / "first.briefing"
        window.files.save_to(first)
        window.action.add_text.trigger()
        second = tmp_path / "second.briefing"
        window.files.save_to(second)
        window.action.add_section.trigger()
        answers.queue.append(QMessageBox.StandardButton.Save)
        assert window.files.open_file(first)
        assert window.doc.path == first
        # the answer "Save" wrote the section added last into second.briefing
        assert len(open_project(second).items) == len(window.doc.briefing.items) + 2

    def it_keeps_the_window_open_when_closing_is_cancelled(
        self, window: MainWindow, answers: Answers
    ) -> None:
        window.action.add_text.trigger()
        answers.queue.append(QMessageBox.StandardButton.Cancel)
        assert not window.close()
        assert window.isVisible()

    def it_lists_recent_files_in_the_menu(
        self, make_window: Callable[..., MainWindow], tmp_path: Path
    ) -> None:
        window = make_window()
        for name in ("a.briefing", "b.briefing"):
            window.files.save_to(tmp_path / name)
        window.menus.recent.aboutToShow.emit()
        texts = [a.text() for a in window.menus.recent.actions() if a.text()]
        assert texts[:2] == ["&1 b.briefing", "&2 a.briefing"]
        window.action.add_text.trigger()
        window.menus.recent.actions()[1].trigger()  # a.briefing; "Discard" the change
        assert window.doc.path == tmp_path / "a.briefing"
        (tmp_path / "b.briefing").unlink()
        assert not window.files.open_file(tmp_path / "b.briefing")
        assert str((tmp_path / "b.briefing").resolve()) not in load_settings().recent_files

    def it_restores_the_window_layout(self, make_window: Callable[..., MainWindow]) -> None:
        first = make_window()
        first.panels.library_dock.hide()
        first.close()
        stored = QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)
        assert isinstance(stored.value("window/geometry"), QByteArray)
        second = make_window()
        assert second.panels.library_dock.isHidden()
        assert not second.panels.editor_dock.isHidden()


class DescribeAutosaveAndRecovery:
    def it_autosaves_unsaved_changes_and_a_new_window_recovers_them(
        self, make_window: Callable[..., MainWindow], answers: Answers
    ) -> None:
        crashed = make_window()
        assert not crashed.files.autosave()  # nothing to save yet
        uid = uid_of(crashed, "ukraine")
        crashed.select_key(item_key(uid))
        points = crashed.panels.editor.pages["impression"].widgets["points"]
        assert isinstance(points, ListEditor)
        points.list.item(0).setText("Recovered point")
        assert crashed.files.autosave()
        assert crashed.files.recovery.path.is_file()
        note = json.loads(crashed.files.recovery.path.with_suffix(".json").read_text())
        assert note["project"] is None
        assert not crashed.files.autosave()  # no change since
        crashed.files.recovery.lock.unlock()  # as when the process dies

        answers.queue.append(QMessageBox.StandardButton.Yes)
        fresh = make_window()
        assert fresh.files.offer_recovery()
        assert "Recover" in answers.asked[-1]
        item = fresh.doc.item(uid)
        assert isinstance(item, ImpressionItem)
        assert item.impression.points[0] == "Recovered point"
        assert fresh.doc.modified
        assert fresh.windowTitle().startswith("Untitled*")
        assert not crashed.files.recovery.path.exists()  # taken over by the new window
        assert fresh.files.recovery.path.is_file()

    def it_does_not_offer_a_file_another_running_window_owns(
        self, make_window: Callable[..., MainWindow], answers: Answers
    ) -> None:
        running = make_window()
        running.action.add_text.trigger()
        assert running.files.autosave()
        other = make_window()
        assert not other.files.offer_recovery()
        assert answers.asked == []

    def it_forgets_the_recovery_file_when_saved_or_closed(
        self, window: MainWindow, tmp_path: Path
    ) -> None:
        window.action.add_text.trigger()
        window.files.autosave()
        assert window.files.recovery.path.exists()
        window.files.save_to(tmp_path / "saved.briefing")
        assert not window.files.recovery.path.exists()
        window.close()
        assert list(paths.recovery_dir().glob("*.briefing")) == []

    def it_autosaves_on_a_timer(self, window: MainWindow, qtbot: QtBot) -> None:
        assert window.files.autosave_timer.isActive()
        assert window.files.autosave_timer.interval() == 30_000
        window.action.add_text.trigger()
        window.files.autosave_timer.timeout.emit()
        assert window.files.recovery.path.exists()


class DescribeStartUp:
    def it_does_not_load_pandas_matplotlib_or_pptx_to_show_the_window(self) -> None:
        code = (
            "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            "from briefing.gui.app import make_app\n"
            "from briefing.gui.main_window import MainWindow\n"
            "app = make_app([]); w = MainWindow(); w.show(); app.processEvents()\n"
            "print(','.join(m for m in ('pandas', 'matplotlib', 'pptx') if m in sys.modules))\n"
            "w.doc.undo_stack.setClean(); w.close()\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
        )
        assert done.stdout.strip() == ""

    def it_is_what_briefing_runs_without_a_command(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from briefing import cli
        from briefing.gui import app

        started: list[bool] = []
        monkeypatch.setattr(app, "run", lambda: started.append(True) or 0)
        assert cli.main([]) == 0
        assert started == [True]
