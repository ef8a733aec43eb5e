"""The exact preview: the deck built and drawn by LibreOffice, one page per outline row."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from briefing.export import libreoffice
from briefing.gui import exact
from briefing.gui.exact import ExactPages, outline_keys, page_keys
from briefing.gui.main_window import MainWindow
from briefing.gui.outline_model import AGENDA_KEY, SOURCES_KEY, TITLE_KEY, item_key
from briefing.model import ChartItem
from briefing.progress import ProgressSink

from .helpers import uid_of

TIMEOUT = 180_000


def fake_job(
    briefing: object, _template: object, _base: object
) -> Callable[[ProgressSink], ExactPages]:
    """Pages of distinct colours, one per outline row, without LibreOffice."""

    def job(sink: ProgressSink) -> ExactPages:
        keys = outline_keys(briefing)  # type: ignore[arg-type]
        pages = []
        for n in range(len(keys)):
            page = QImage(160, 90, QImage.Format.Format_RGB32)
            page.fill(QColor(n * 10, 0, 0))
            pages.append(page)
        sink.report(1.0, "Done")
        return ExactPages(pages, keys, template=briefing.template)  # type: ignore[attr-defined]

    return job


class DescribeTheExactPreview:
    def it_shows_each_slides_page_until_the_briefing_changes(
        self, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(exact, "exact_preview_job", fake_job)
        window.previews.exact_unavailable = ""
        assert window.panels.preview.mode == "approximate"
        assert window.previews.render_exact_preview()
        assert not window.action.exact.isEnabled()
        qtbot.waitUntil(lambda: window.previews.exact_task is None, timeout=TIMEOUT)
        assert window.action.exact.isEnabled()
        assert window.panels.preview.mode == "exact"
        assert window.panels.preview.page is not None
        assert window.panels.preview.page.pixelColor(5, 5) == QColor(0, 0, 0)  # the title slide
        russia = item_key(uid_of(window, "russia"))
        window.select_key(russia)
        page = window.panels.preview.page
        assert page is not None
        row = window.panels.outline_model.row_of_key(russia)
        assert page.pixelColor(5, 5) == QColor(row * 10, 0, 0)
        assert "Exact preview" in window.panels.preview_panel.status.text()
        assert not window.panels.preview.grab().isNull()

        window.doc.edit_item_field(uid_of(window, "russia"), "title", "Russia, again")
        assert window.panels.preview.mode == "approximate"
        assert "out of date" in window.panels.preview_panel.status.text()
        window.action.undo.trigger()
        assert window.panels.preview.mode == "exact"  # undone: the pages show the briefing again

    def it_is_disabled_with_the_reason_without_libreoffice(
        self, make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
        window = make_window()
        assert not window.action.exact.isEnabled()
        assert "LibreOffice" in window.action.exact.toolTip()
        assert not window.previews.render_exact_preview()
        box = window.messages.last_box
        assert box is not None and "LibreOffice" in box.text()
        box.close()

    def it_explains_a_missing_pdf_renderer(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
        monkeypatch.setattr(exact, "qtpdf_available", lambda: False)
        monkeypatch.setattr(shutil, "which", lambda _name: None)
        reason = exact.unavailable_reason()
        assert "pdftoppm" in reason and "Qt PDF" in reason

    def it_maps_the_plans_slides_to_outline_rows(self, window: MainWindow) -> None:
        briefing = window.doc.briefing
        keys = page_keys(briefing, briefing.template, None)
        assert keys[TITLE_KEY] == 0
        assert keys[AGENDA_KEY] == 1
        rows = [item_key(i.uid) for i in briefing.items]
        assert [keys[k] for k in rows] == sorted(keys[k] for k in rows)
        assert keys[SOURCES_KEY] > keys[rows[-1]]

    @pytest.mark.slow
    def it_renders_the_built_deck_with_libreoffice(
        self, window: MainWindow, qtbot: QtBot, libreoffice: str
    ) -> None:
        if exact.unavailable_reason():
            pytest.skip(exact.unavailable_reason())
        chart = next(i for i in window.doc.briefing.items if isinstance(i, ChartItem))
        window.select_key(item_key(chart.uid))
        assert window.previews.render_exact_preview()
        qtbot.waitUntil(lambda: window.previews.exact_task is None, timeout=TIMEOUT)
        assert window.previews.exact is not None, (
            window.messages.last_box and window.messages.last_box.text()
        )
        assert len(window.previews.exact.pages) >= len(window.doc.briefing.items) + 2
        page = window.panels.preview.page
        assert page is not None and page.width() > 500
        assert abs(page.width() / page.height() - 16 / 9) < 0.05
        assert window.panels.preview.mode == "exact"
        assert window.previews.exact.page_for(item_key(chart.uid)) is page


def test_the_exact_preview_job_builds_converts_and_draws(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without LibreOffice: the conversion and the page drawing are stood in for."""
    converted: list[Path] = []

    def convert(deck: Path, pdf: Path) -> Path:
        assert deck.read_bytes().startswith(b"PK")
        converted.append(deck)
        pdf.write_bytes(b"%PDF-1.4 stand-in")
        return pdf

    def pages(_pdf: Path, _dpi: int, _folder: Path) -> list[QImage]:
        return [QImage(16, 9, QImage.Format.Format_RGB32) for _ in range(20)]

    monkeypatch.setattr(libreoffice, "convert", convert)
    monkeypatch.setattr(exact, "pdf_pages", pages)
    job = exact.exact_preview_job(window.doc.briefing, None, None)

    class Sink:
        def report(self, _fraction: float, _message: str) -> None:
            pass

        def cancelled(self) -> bool:
            return False

    result = job(Sink())
    assert converted
    assert len(result.pages) == 20
    assert result.keys[TITLE_KEY] == 0
    assert result.template == window.doc.briefing.template
