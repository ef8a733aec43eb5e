"""Preferences (saved settings, defaults for new briefings, team folders) and importing
templates by dropping them on the window or with File > Import Template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from briefing import paths
from briefing.gui.main_window import MainWindow
from briefing.gui.settings_dialog import SettingsDialog
from briefing.model import ChartItem
from briefing.settings import Settings, load_settings

TEAM_IMPRESSION = """\
id = "team-finding"
title = "A finding the team shares"
key_judgement = "Team folders add impressions to everyone's library."
points = ["One", "Two", "Three"]
narrative = "Shared."
notes = "- Say it."
tags = ["alliance"]
optional = true
order = 950
charts = []

[[sources]]
title = "Team notes"
publisher = "The team"
date = "2025"
url = ""
"""


def a_template(path: Path) -> Path:
    Presentation().save(str(path))
    return path


def drop_file(window: MainWindow, path: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(30, 30),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def library_ids(window: MainWindow) -> set[str]:
    return {entry.impression.id for entry in window.library.entries.values()}


class DescribePreferences:
    def it_is_in_the_edit_menu_with_the_standard_shortcut(self, window: MainWindow) -> None:
        action = window.action.preferences
        edit_menu = next(
            a.menu() for a in window.menuBar().actions() if a.text() == "&Edit" and a.menu()
        )
        assert action in edit_menu.actions()  # type: ignore[union-attr]
        standard = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        assert action.shortcut() == (standard[0] if standard else QKeySequence("Ctrl+,"))

    def it_saves_the_settings_and_new_briefings_use_them(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        team_library = tmp_path / "team library"
        team_library.mkdir()
        (team_library / "team-finding.toml").write_text(TEAM_IMPRESSION, encoding="utf-8")
        team_templates = tmp_path / "team templates"
        team_templates.mkdir()
        a_template(team_templates / "Team Green.pptx")
        assert "team-finding" not in library_ids(window)
        assert window.panels.template_picker.findData("Team Green") < 0

        def fill() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, SettingsDialog)
            dialog.author.setText("Ada Lovelace")
            dialog.organisation.setText("Policy Unit")
            dialog.template.setCurrentIndex(dialog.template.findData("paper"))
            dialog.marking.setCurrentText("OFFICIAL")
            dialog.renderer.setCurrentIndex(dialog.renderer.findData("image"))
            dialog.library_dirs.add(str(team_library))
            dialog.template_dirs.add(str(team_templates))
            dialog.accept()

        QTimer.singleShot(0, fill)
        window.action.preferences.trigger()

        saved = load_settings()
        assert (saved.author, saved.organisation) == ("Ada Lovelace", "Policy Unit")
        assert (saved.default_template, saved.default_marking) == ("paper", "OFFICIAL")
        assert saved.default_renderer == "image"
        assert saved.team_library_dirs == [str(team_library)]
        assert saved.team_template_dirs == [str(team_templates)]
        # the team folders were read again
        assert "team-finding" in library_ids(window)
        assert window.panels.template_picker.findData("Team Green") >= 0
        # the open briefing is unchanged; a new one takes the defaults
        assert window.doc.briefing.marking != "OFFICIAL"
        window.files.new_briefing()
        b = window.doc.briefing
        assert (b.author, b.organisation, b.marking, b.template) == (
            "Ada Lovelace",
            "Policy Unit",
            "OFFICIAL",
            "paper",
        )
        charts = [i.chart for i in b.items if isinstance(i, ChartItem)]
        assert charts and all(c.renderer == "image" for c in charts)
        window.editing.add_chart_slide("")
        item = window.current_item()
        assert isinstance(item, ChartItem) and item.chart.renderer == "image"

    def it_round_trips_through_the_dialog_unchanged(
        self, window: MainWindow, tmp_path: Path
    ) -> None:
        settings = Settings(
            author="Grace Hopper",
            organisation="Navy",
            default_template="navy",
            default_marking="NATO RESTRICTED",
            default_renderer="image",
            team_template_dirs=[str(tmp_path / "missing")],
            team_library_dirs=[str(tmp_path)],
            recent_files=["/somewhere/a.briefing"],
        )
        dialog = SettingsDialog(settings, window.catalogue, window)
        assert dialog.values() == settings
        assert dialog.values() is not settings
        dialog.template_dirs.list.setCurrentRow(0)
        dialog.template_dirs.remove_selected()
        assert dialog.values().team_template_dirs == []
        assert settings.team_template_dirs == [str(tmp_path / "missing")]
        dialog.deleteLater()

    def it_starts_the_window_with_the_saved_defaults(
        self, make_window: Callable[..., MainWindow]
    ) -> None:
        from briefing.settings import save_settings

        save_settings(Settings(author="Ada", default_marking="SECRET", default_template="paper"))
        window = make_window()
        b = window.doc.briefing
        assert (b.author, b.marking, b.template) == ("Ada", "SECRET", "paper")
        assert window.panels.template_picker.currentData() == "paper"

    def it_adds_team_folders_with_a_folder_dialog(
        self, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(tmp_path))
        dialog = SettingsDialog(window.settings, window.catalogue, window)
        dialog.library_dirs.add_button.click()
        assert dialog.values().team_library_dirs == [str(tmp_path)]
        dialog.deleteLater()


class DescribeImportingTemplates:
    def it_imports_a_dropped_template_into_the_user_folder_and_uses_it(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        source = a_template(tmp_path / "Team Blue.pptx")
        before = window.doc.briefing.template
        event = drop_file(window, source)
        assert event.isAccepted()
        qtbot.waitUntil(lambda: window.doc.briefing.template == "team-blue", timeout=30_000)
        installed = paths.user_templates_dir() / "team-blue"
        assert (installed / "manifest.toml").is_file()
        assert window.panels.template_picker.currentData() == "team-blue"
        assert "team-blue" in window.catalogue.entries
        assert "Team Blue" in window.statusBar().currentMessage()
        window.action.undo.trigger()
        assert window.doc.briefing.template == before
        assert window.panels.template_picker.currentData() == before

    def it_imports_with_file_import_template(
        self, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        source = a_template(tmp_path / "Ministry.potx.pptx")
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(source), "Templates")
        )
        window.action.import_template.trigger()
        template = window.doc.briefing.template
        assert template in window.catalogue.entries
        assert window.catalogue.entries[template].folder_kind == "user"
        assert window.catalogue.entries[template].path.is_relative_to(paths.user_templates_dir())

    def it_says_in_one_line_why_a_template_cannot_be_imported(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        bad = tmp_path / "broken.pptx"
        bad.write_text("not a presentation", encoding="utf-8")
        before = window.doc.briefing.template
        drop_file(window, bad)
        qtbot.waitUntil(lambda: window.messages.last_box is not None, timeout=30_000)
        box = window.messages.last_box
        assert box is not None
        assert "broken.pptx" in box.text() and "\n" not in box.text()
        assert box.detailedText() == ""
        assert window.doc.briefing.template == before
        assert not (paths.user_templates_dir() / "broken").exists()
        box.close()

    def it_ignores_drops_of_other_files(self, window: MainWindow, tmp_path: Path) -> None:
        other = tmp_path / "notes.docx"
        other.write_bytes(b"PK")
        event = drop_file(window, other)
        assert not event.isAccepted()
        assert window.imports.import_dialog is None
