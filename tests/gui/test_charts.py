"""Charts in the app: the chart form edits the ChartSpec undoably, the live preview draws it (or
says why not), data files dropped on the window become a chart's dataset, and exported decks
hold the charts."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from pptx import Presentation
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from briefing.gui.chart_form import ChartForm
from briefing.gui.data_import import ImportDialog
from briefing.gui.main_window import MainWindow
from briefing.gui.outline_model import item_key
from briefing.model import ChartItem, ChartSpec, ImpressionItem, SectionItem
from briefing.model.chart import ReferenceLine

from .helpers import uid_of

RENDER_TIMEOUT = 60_000
EXPORT_TIMEOUT = 120_000

CSV = "Country,2023,2024\nPoland,3.9,4.1\nGermany,1.5,2.1\nEstonia,2.9,3.4\n"


def chart_slide(window: MainWindow, chart_id: str) -> ChartItem:
    for item in window.doc.briefing.items:
        if isinstance(item, ChartItem) and item.chart.id == chart_id:
            return item
    raise LookupError(chart_id)


def chart_form(window: MainWindow, kind: str = "chart") -> ChartForm:
    section = window.panels.editor.pages[kind].chart_section
    assert section is not None
    return section.form


def choose(combo: QComboBox, value: str) -> None:
    """Pick an entry as a user does (``activated`` is what the form listens to)."""
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def file_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drop(window: MainWindow, *paths: Path) -> QDropEvent:
    """Drop files on the window as a file manager does (Qt delivers drops only from a real
    drag, so the event goes to the window's handlers directly)."""
    mime = file_mime(*paths)
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def wait_rendered(window: MainWindow, qtbot: QtBot, form: ChartForm) -> None:
    qtbot.waitUntil(
        lambda: not window.charts.busy and form.picture.state in ("image", "error"),
        timeout=RENDER_TIMEOUT,
    )


def export(window: MainWindow, qtbot: QtBot, out: Path) -> Path:
    assert window.exports.export_pptx(out)
    qtbot.waitUntil(lambda: window.exports.task is None, timeout=EXPORT_TIMEOUT)
    assert out.is_file(), window.messages.last_box and window.messages.last_box.text()
    return out


def deck_charts(path: Path) -> list[tuple[int, list[str], list[str]]]:
    """(slide number, categories, series names) of every native chart in the deck."""
    found = []
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        for shape in slide.shapes:
            if shape.has_chart:
                plot = shape.chart.plots[0]
                found.append(
                    (number, [str(c) for c in plot.categories], [s.name for s in plot.series])
                )
    return found


def slide_titles(path: Path) -> list[str]:
    titles = []
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title
        titles.append(title.text_frame.text if title is not None else "")
    return titles


class DescribeTheChartForm:
    def it_shows_the_selected_chart_slides_spec(self, window: MainWindow) -> None:
        item = chart_slide(window, "spending-2025-ranked")
        window.select_key(item_key(item.uid))
        form = chart_form(window)
        assert window.panels.editor.current_page() is window.panels.editor.pages["chart"]
        assert form.isVisible()
        assert form.kind.currentData() == "bar"
        assert form.dataset.currentData() == "sipri-gdp-share"
        assert form.countries.values() == item.chart.countries
        assert len(item.chart.countries) == 31 and "Poland" in item.chart.countries
        assert form.year_mode.currentData() == "one"
        assert form.year_to.value() == 2025
        assert form.sort.currentData() == "desc"
        assert [line.value for line in form.reference_lines.values()] == [2.0, 3.5, 5.0]
        assert all(b.isChecked() for b in form.reference_lines.preset_buttons.values())
        assert form.data_labels.isChecked()

    def it_turns_every_control_into_an_undoable_change_of_the_spec(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        item = chart_slide(window, "spending-2025-ranked")
        window.select_key(item_key(item.uid))
        form = chart_form(window)
        original = copy.deepcopy(item.chart)
        start = window.undo_stack.index()

        choose(form.kind, "column")
        assert item.chart.kind == "column"
        assert "chart kind" in window.action.undo.text()
        form.countries.tick("baltics")
        assert item.chart.countries == [*original.countries, "baltics"]
        form.countries.tick("Albania", on=False)
        assert item.chart.countries == [*original.countries[1:], "baltics"]
        form.countries.all_box.setChecked(True)
        assert item.chart.countries == []
        assert not form.countries.list.isEnabled()
        form.countries.all_box.setChecked(False)
        assert form.countries.list.isEnabled()
        form.countries.tick("baltics")
        assert item.chart.countries == ["baltics"]
        choose(form.year_mode, "range")
        form.year_from.setValue(2014)
        assert item.chart.years == (2014, 2025)
        choose(form.series_by, "year")
        choose(form.sort, "asc")
        form.top_n.setValue(5)
        assert item.chart.top_n == 5
        form.reference_lines.preset_buttons[3.5].setChecked(False)
        assert [line.value for line in item.chart.reference_lines] == [2.0, 5.0]
        form.reference_lines.add()
        form.reference_lines.table.item(2, 0).setText("1.5")
        form.reference_lines.table.item(2, 1).setText("Wales, 2014")
        assert item.chart.reference_lines[-1] == ReferenceLine(1.5, "Wales, 2014")
        form.data_labels.setChecked(False)
        choose(form.legend, "right")
        form.y_title.show_box.setChecked(False)
        assert item.chart.y_title == ""
        qtbot.keyClicks(form.x_title.text, "Per cent")
        assert item.chart.x_title == "Per cent"
        choose(form.renderer, "image")
        form.highlight.setFocus()
        qtbot.keyClicks(form.highlight, "Poland, Estonia")
        assert item.chart.highlight == ["Poland", "Estonia"]
        form.title.setFocus()
        form.title.selectAll()
        qtbot.keyClicks(form.title, "Who spends most")
        assert item.chart.title == "Who spends most"
        assert (item.chart.legend, item.chart.renderer, item.chart.sort) == (
            "right",
            "image",
            "asc",
        )
        assert item.chart.data_labels is False

        # typing a title was one step, and so on: undo all the way back restores the spec
        title_steps = window.undo_stack.index()
        window.action.undo.trigger()
        assert item.chart.title == original.title
        assert window.undo_stack.index() == title_steps - 1
        assert form.title.text() == original.title
        while window.undo_stack.index() > start:
            window.action.undo.trigger()
        assert item.chart == original
        assert form.kind.currentData() == "bar"
        assert form.countries.values() == original.countries
        assert form.year_mode.currentData() == "one"
        window.action.redo.trigger()
        assert item.chart.kind == "column"

    def it_attaches_a_chart_to_an_impression_and_takes_it_off_again(
        self, window: MainWindow
    ) -> None:
        uid = uid_of(window, "russia")
        window.select_key(item_key(uid))
        item = window.doc.item(uid)
        assert isinstance(item, ImpressionItem) and item.chart is None
        section = window.panels.editor.pages["impression"].chart_section
        assert section is not None
        assert section.empty.isVisible() and not section.form.isVisible()
        assert window.action.attach_chart.isEnabled()
        window.action.attach_chart.trigger()
        assert isinstance(item.chart, ChartSpec)
        assert item.chart.id == "russia-chart"
        assert section.form.isVisible()
        assert not window.action.attach_chart.isEnabled()
        choose(section.form.kind, "column")
        assert item.chart.kind == "column"
        section.remove_button.click()
        assert item.chart is None
        window.action.undo.trigger()
        assert item.chart is not None and item.chart.kind == "column"
        window.action.undo.trigger()
        window.action.undo.trigger()
        assert item.chart is None
        assert section.empty.isVisible()

    def it_adds_chart_slides_from_the_presets(self, window: MainWindow) -> None:
        n = len(window.doc.briefing.items)
        window.select_key(item_key(uid_of(window, "unity")))
        window.editing.add_chart_slide("trend-2014-2025")
        window.action.add_chart.trigger()  # the first preset
        items = window.doc.briefing.items
        assert len(items) == n + 2
        position = [i.uid for i in items].index(uid_of(window, "unity"))
        first, second = items[position + 1], items[position + 2]
        assert isinstance(first, ChartItem) and isinstance(second, ChartItem)
        assert first.chart.id == "trend-2014-2025-2"  # the default briefing has that id
        assert first.chart.years == (2014, 2025)
        assert second.chart.id == "spending-2025-ranked-2"
        assert window.panels.editor.current_page() is window.panels.editor.pages["chart"]
        window.action.undo.trigger()
        window.action.undo.trigger()
        assert len(window.doc.briefing.items) == n


class DescribeTheLivePreview:
    def it_draws_the_chart_in_the_form_and_on_the_slide(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        item = chart_slide(window, "spending-2025-ranked")
        window.select_key(item_key(item.uid))
        form = chart_form(window)
        wait_rendered(window, qtbot, form)
        assert form.picture.state == "image", form.picture.message
        image = form.picture.image
        assert image is not None and image.width() > 400
        assert window.panels.preview.chart_image is image
        assert "Poland" in [
            form.countries.list.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(form.countries.list.count())
        ]
        assert "2014" in form.years_hint.text()
        assert not window.panels.preview.grab().isNull()

    def it_shows_the_cores_message_instead_of_a_picture(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        item = chart_slide(window, "spending-2025-ranked")
        window.select_key(item_key(item.uid))
        form = chart_form(window)
        choose(form.kind, "stacked_column")
        wait_rendered(window, qtbot, form)
        assert form.picture.state == "error"
        assert "Stacking shares of GDP" in form.picture.message
        assert window.panels.preview.chart_image is None
        window.action.undo.trigger()
        wait_rendered(window, qtbot, form)
        assert form.picture.state == "image"

    def it_draws_a_burst_of_edits_once(self, window: MainWindow, qtbot: QtBot) -> None:
        item = chart_slide(window, "trend-2014-2025")
        window.select_key(item_key(item.uid))
        form = chart_form(window)
        wait_rendered(window, qtbot, form)
        before = window.charts.renders
        for value in (2015, 2016, 2017, 2018):
            form.year_from.setValue(value)
        assert window.charts.busy
        wait_rendered(window, qtbot, form)
        assert window.charts.renders == before + 1
        assert item.chart.years == (2018, 2025)
        assert form.picture.state == "image"


class DescribeDataFiles:
    def it_attaches_a_dropped_csv_to_the_selected_chart(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        data = tmp_path / "spending.csv"
        data.write_text(CSV, encoding="utf-8")
        item = chart_slide(window, "spending-2025-ranked")
        window.select_key(item_key(item.uid))
        event = drop(window, data)
        assert event.isAccepted()
        dialog = window.imports.import_dialog
        assert isinstance(dialog, ImportDialog)
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        assert dialog.preview is not None and dialog.preview.row_count == 3
        assert dialog.table.rowCount() == 3
        assert dialog.use_button.isEnabled()
        dialog.accept()
        assert item.chart.dataset == str(data.resolve())
        assert item.chart.kind == "bar"  # the rest of the chart is kept
        form = chart_form(window)
        assert form.dataset.currentText() == "File: spending.csv"
        form.year_to.setValue(2024)
        form.countries.all_box.setChecked(True)
        wait_rendered(window, qtbot, form)
        assert form.picture.state == "image", form.picture.message
        window.action.undo.trigger()
        window.action.undo.trigger()
        window.action.undo.trigger()
        assert item.chart.dataset == "sipri-gdp-share"

    def it_forwards_a_drop_on_a_text_field_to_the_window(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        data = tmp_path / "spending.csv"
        data.write_text(CSV, encoding="utf-8")
        item = chart_slide(window, "trend-2014-2025")
        window.select_key(item_key(item.uid))
        title = window.panels.editor.pages["chart"].widgets["title"]
        assert isinstance(title, QLineEdit)
        mime = file_mime(data)
        mime.setText(str(data))  # file managers send the path as text too
        where = QPointF(title.rect().center())
        copy_, left, plain_keys = (
            Qt.DropAction.CopyAction,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        enter = QDragEnterEvent(where.toPoint(), copy_, mime, left, plain_keys)
        forwarder = window.imports.drop_forwarder
        assert forwarder.eventFilter(title, enter)  # the field never sees it
        assert enter.isAccepted()
        assert forwarder.eventFilter(title, QDropEvent(where, copy_, mime, left, plain_keys))
        assert str(data) not in title.text()
        assert isinstance(window.imports.import_dialog, ImportDialog)
        window.imports.import_dialog.reject()
        text = QMimeData()
        text.setText("just text")
        typed = QDragEnterEvent(where.toPoint(), copy_, text, left, plain_keys)
        assert not forwarder.eventFilter(title, typed)  # text drops still reach the field

    def it_makes_a_chart_slide_from_data_dropped_on_a_slide_without_a_chart_and_exports_it(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        data = tmp_path / "Baltic spending.csv"
        data.write_text(CSV, encoding="utf-8")
        section = next(i for i in window.doc.briefing.items if isinstance(i, SectionItem))
        window.select_key(item_key(section.uid))
        drop(window, data)
        dialog = window.imports.import_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        dialog.accept()
        items = window.doc.briefing.items
        added = items[[i.uid for i in items].index(section.uid) + 1]
        assert isinstance(added, ChartItem)
        assert added.title == "Baltic spending"
        assert added.chart.dataset == str(data.resolve())
        assert (added.chart.kind, added.chart.years, added.chart.sort) == ("bar", [2024], "desc")

        out = export(window, qtbot, tmp_path / "deck.pptx")
        charts = deck_charts(out)
        ours = [c for c in charts if set(c[1]) == {"Poland", "Germany", "Estonia"}]
        assert ours, charts
        number = ours[0][0]
        assert slide_titles(out)[number - 1] == "Baltic spending"

    def it_explains_a_file_it_cannot_read(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        bad = tmp_path / "empty.csv"
        bad.write_text("", encoding="utf-8")
        dialog = window.imports.import_data_file(bad)
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        assert dialog.error and "empty.csv" in dialog.error
        assert "Traceback" not in dialog.error
        assert not dialog.use_button.isEnabled()
        dialog.reject()

    def it_offers_the_sheets_of_a_workbook(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        path = workbook(tmp_path / "tables.xlsx", front_page=False)
        dialog = window.imports.import_data_file(path)
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        assert dialog.sheet.isVisibleTo(dialog)
        sheets = [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())]
        assert sheets == ["Share of GDP", "Other"]
        assert dialog.sheet.currentText() == "Share of GDP"
        assert dialog.use_button.isEnabled()
        choose(dialog.sheet, "Other")
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        assert dialog.preview is not None and dialog.preview.sheet == "Other"
        assert dialog.preview.rows[0][1] == "7.8"
        assert dialog.use_button.isEnabled()  # any sheet can be charted
        assert dialog.sheet_name == "Other"
        assert "\u201cOther\u201d" in dialog.summary.text()
        dialog.reject()

    def it_charts_the_chosen_sheet_of_a_workbook_undoably(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        path = workbook(tmp_path / "two sheets.xlsx", front_page=False)
        section = next(i for i in window.doc.briefing.items if isinstance(i, SectionItem))
        window.select_key(item_key(section.uid))
        dialog = window.imports.import_data_file(path)
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        choose(dialog.sheet, "Other")
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        dialog.accept()

        item = window.current_item()
        assert isinstance(item, ChartItem)
        assert (item.chart.dataset, item.chart.sheet) == (str(path.resolve()), "Other")
        assert item.chart.years == [2024]
        form = chart_form(window)
        assert form.sheet.isVisibleTo(form) and form.sheet.text() == "Other"
        wait_rendered(window, qtbot, form)
        assert form.picture.state == "image", form.picture.message
        drawn = window.charts.result(window.charts.wanted)
        assert drawn is not None and drawn.table is not None
        assert drawn.table.categories == ["Poland", "Germany"]
        assert [s.values for s in drawn.table.series] == [[8.2, 4.2]]  # the second sheet's

        # choosing the first sheet again is one undoable change of the spec
        dialog = window.imports.choose_sheet(item.uid)
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        assert dialog.sheet.currentText() == "Other"  # opens on the sheet the chart reads
        choose(dialog.sheet, "Share of GDP")
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        dialog.accept()
        assert item.chart.sheet == "Share of GDP"
        assert form.sheet.text() == "Share of GDP"
        assert (
            window.action.undo.text() == f"&Undo Change the data sheet of \u201c{item.title}\u201d"
        )
        wait_rendered(window, qtbot, form)
        drawn = window.charts.result(window.charts.wanted)
        assert drawn is not None and drawn.table is not None
        assert [s.values for s in drawn.table.series] == [[4.1, 2.1]]
        window.action.undo.trigger()
        assert item.chart.sheet == "Other"
        assert form.sheet.text() == "Other"
        window.action.redo.trigger()
        assert item.chart.sheet == "Share of GDP"

    def it_hides_the_sheet_for_data_that_is_not_a_workbook(self, window: MainWindow) -> None:
        item = chart_slide(window, "spending-2025-ranked")
        window.select_key(item_key(item.uid))
        form = chart_form(window)
        assert not form.sheet.isVisibleTo(form)
        assert not form.sheet_button.isVisibleTo(form)

    def it_lists_the_sheets_when_the_first_one_is_not_a_table(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        path = workbook(tmp_path / "tables.xlsx", front_page=True)
        dialog = window.imports.import_data_file(path)
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        assert "Front page" in dialog.error
        assert dialog.sheet.currentText() == "Front page"
        assert dialog.sheet.count() == 3
        assert not dialog.use_button.isEnabled()
        choose(dialog.sheet, "Share of GDP")
        qtbot.waitUntil(lambda: dialog.ready, timeout=RENDER_TIMEOUT)
        assert dialog.preview is not None and dialog.table.rowCount() == 2
        assert not dialog.problem.isVisibleTo(dialog)
        dialog.reject()


def workbook(path: Path, *, front_page: bool) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    if front_page:
        first.title = "Front page"
        first["A1"] = "Spending tables"
    else:
        book.remove(first)
    for name, scale in (("Share of GDP", 1.0), ("Other", 2.0)):
        sheet = book.create_sheet(name)
        sheet.append(["Country", 2023, 2024])
        sheet.append(["Poland", 3.9 * scale, 4.1 * scale])
        sheet.append(["Germany", 1.5 * scale, 2.1 * scale])
    book.save(path)
    return path


class DescribeExportingCharts:
    def it_exports_a_chart_attached_to_an_impression(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        uid = uid_of(window, "russia")
        window.select_key(item_key(uid))
        window.editing.attach_chart_to_current("trend-2014-2025")
        item = window.doc.item(uid)
        assert isinstance(item, ImpressionItem) and item.chart is not None
        assert chart_form(window, "impression").isVisible()
        out = export(window, qtbot, tmp_path / "with-chart.pptx")
        titles = slide_titles(out)
        number = next(n for n, t in enumerate(titles, start=1) if t == item.title)
        on_slide = [c for c in deck_charts(out) if c[0] == number]
        assert on_slide, f"no chart on slide {number} ({item.title})"
        _number, categories, series = on_slide[0]
        assert categories[0] == "2014" and categories[-1] == "2025"
        assert "Estonia" in series


@pytest.mark.parametrize("kind", ["column", "bar", "stacked_column", "line", "scatter"])
def test_every_kind_can_be_chosen(window: MainWindow, kind: str) -> None:
    item = chart_slide(window, "europe-vs-us")
    window.select_key(item_key(item.uid))
    choose(chart_form(window).kind, kind)
    assert item.chart.kind == kind
