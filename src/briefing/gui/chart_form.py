"""The chart form: every setting of a :class:`ChartSpec`, each change one undoable edit.

The form reads the chart of one item (a chart slide, or an impression with a chart) and writes
a changed copy back through :meth:`Document.edit_chart`. When the document changes (undo, redo),
the form shows the new values. The live picture comes from :class:`ChartRenderer` and shows in
:class:`~briefing.gui.chart_picture.ChartPicture`; the compound fields (countries, reference
lines, axis titles) are in :mod:`briefing.gui.chart_fields`.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.chart_fields import AxisTitle, CountryPicker, ReferenceLinesEditor
from briefing.gui.chart_picture import ChartPicture
from briefing.gui.chart_render import ChartRenderer, RenderResult
from briefing.gui.document import Document
from briefing.gui.focus import FocusWatcher
from briefing.model import ChartItem, ChartSpec, ImpressionItem
from briefing.model.chart import CHART_KINDS, KIND_NAMES

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".ods")
CHOOSE_FILE = "\u0000choose"  # the dataset combo's "Choose a file..." entry
_FILE_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # marks the combo's entry for a data file

SERIES_NAMES = {
    "auto": "Automatic",
    "country": "One series per country (years along the axis)",
    "year": "One series per year (countries along the axis)",
}
SORT_NAMES = {"none": "As listed", "desc": "Largest first", "asc": "Smallest first"}
LEGEND_NAMES = {"bottom": "Bottom", "right": "Right", "top": "Top", "none": "No legend"}
RENDERER_NAMES = {
    "native": "Native PowerPoint chart (editable)",
    "image": "Picture (looks the same everywhere)",
}
YEAR_MODES = {
    "all": "All years",
    "one": "One year",
    "two": "Two years (then and now)",
    "range": "Range of years",
    "list": "Listed years",
}
MIN_YEAR, MAX_YEAR = 1900, 2100


def _combo(parent: QWidget, names: dict[str, str], accessible: str) -> QComboBox:
    combo = QComboBox(parent)
    for value, text in names.items():
        combo.addItem(text, value)
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index >= 0 and combo.currentIndex() != index:
        combo.setCurrentIndex(index)


def year_mode(years: list[int] | tuple[int, int]) -> str:
    if isinstance(years, tuple):
        return "range"
    return {0: "all", 1: "one", 2: "two"}.get(len(years), "list")


class ChartForm(QWidget):
    """Edits the chart of the item ``uid`` (see the module notes)."""

    choose_file_requested = Signal(str)  # the item's uid
    choose_sheet_requested = Signal(str)  # the item's uid

    def __init__(
        self, doc: Document, renderer: ChartRenderer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._doc = doc
        self._renderer = renderer
        self._uid: str | None = None
        self._loading = False
        self._session = 0
        self._datasets_listed = False
        self._bundled_count = 0
        self._facts: RenderResult | None = None
        self._watcher = FocusWatcher(self._end_burst, self)

        self.picture = ChartPicture(self)
        self.note = QLabel(self)
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.hide()

        self.dataset = QComboBox(self)
        self.dataset.setAccessibleName("Dataset")
        self.dataset.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.dataset.setMinimumContentsLength(10)
        self.dataset.activated.connect(self._dataset_chosen)
        self.file_button = QPushButton("File\u2026", self)
        self.file_button.setToolTip("Use a CSV, Excel or OpenDocument file (or drop one here)")
        self.file_button.setAccessibleName("Choose a data file")
        self.file_button.clicked.connect(self._choose_file)
        self.sheet = QLabel(self)
        self.sheet.setTextFormat(Qt.TextFormat.PlainText)
        self.sheet.setAccessibleName("Sheet")
        self.sheet.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_button = QPushButton("Other Sheet\u2026", self)
        self.sheet_button.setToolTip("Chart another sheet of this workbook")
        self.sheet_button.setAccessibleName("Choose another sheet of the workbook")
        self.sheet_button.clicked.connect(self._choose_sheet)
        self.kind = _combo(self, {k: KIND_NAMES[k].capitalize() for k in CHART_KINDS}, "Chart kind")
        self.series_by = _combo(self, SERIES_NAMES, "Series")
        self.countries = CountryPicker(self)
        self.year_mode = _combo(self, YEAR_MODES, "Years")
        self.year_mode.setMinimumContentsLength(8)
        self.year_from = self._year_spin("First year")
        self.year_to = self._year_spin("Last year")
        self.years_hint = QLabel(self)
        self.years_hint.setObjectName("hint")
        self.sort = _combo(self, SORT_NAMES, "Sort")
        self.sort.setMinimumContentsLength(8)
        self.top_n = QSpinBox(self)
        self.top_n.setRange(0, 500)
        self.top_n.setSpecialValueText("All")
        self.top_n.setPrefix("")
        self.top_n.setKeyboardTracking(False)
        self.top_n.setAccessibleName("Top N")
        self.top_n.setToolTip("Show only the first N countries after sorting (All shows every one)")
        self.highlight = QLineEdit(self)
        self.highlight.setPlaceholderText("Countries to stand out, separated by commas")
        self.highlight.setAccessibleName("Highlight")
        self.reference_lines = ReferenceLinesEditor(self)
        self.data_labels = QCheckBox("Show the values", self)
        self.data_labels.setAccessibleName("Data labels")
        self.legend = _combo(self, LEGEND_NAMES, "Legend position")
        self.legend.setMinimumContentsLength(8)
        self.x_title = AxisTitle("horizontal", self)
        self.y_title = AxisTitle("vertical", self)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("Automatic (the measure and the years)")
        self.title.setAccessibleName("Chart title")
        self.renderer = _combo(self, RENDERER_NAMES, "Draw as")

        self._wire()

        dataset_row = QHBoxLayout()
        dataset_row.addWidget(self.dataset, 1)
        dataset_row.addWidget(self.file_button)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet, 1)
        sheet_row.addWidget(self.sheet_button)
        self.sheet_row = sheet_row
        years_row = QHBoxLayout()
        years_row.addWidget(self.year_mode, 1)
        years_row.addWidget(self.year_from)
        self.year_dash = QLabel("\u2013", self)
        years_row.addWidget(self.year_dash)
        years_row.addWidget(self.year_to)
        sort_row = QHBoxLayout()
        sort_row.addWidget(self.sort, 1)
        top_label = QLabel("&Top:", self)
        top_label.setBuddy(self.top_n)
        sort_row.addWidget(top_label)
        sort_row.addWidget(self.top_n)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._row(form, "&Dataset:", dataset_row, self.dataset)
        self.sheet_caption = QLabel("S&heet:", self)
        self.sheet_caption.setBuddy(self.sheet_button)
        form.addRow(self.sheet_caption, sheet_row)
        self._row(form, "&Kind:", self.kind)
        self._row(form, "Se&ries:", self.series_by)
        self._row(form, "&Countries:", self.countries, self.countries.list)
        self._row(form, "&Years:", years_row, self.year_mode)
        form.addRow("", self.years_hint)
        self._row(form, "&Sort:", sort_row, self.sort)
        self._row(form, "&Highlight:", self.highlight)
        self._row(form, "&Lines:", self.reference_lines, self.reference_lines.table)
        self._row(form, "Values:", self.data_labels)
        self._row(form, "Le&gend:", self.legend)
        self._row(form, "&X axis title:", self.x_title, self.x_title.text)
        self._row(form, "&Y axis title:", self.y_title, self.y_title.text)
        self._row(form, "Chart &title:", self.title)
        self._row(form, "Dra&w as:", self.renderer)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.picture)
        layout.addWidget(self.note)
        layout.addWidget(self.problems)
        layout.addLayout(form)
        renderer.started.connect(self._render_started)
        renderer.finished.connect(self._render_finished)
        doc.item_changed.connect(self._item_changed)

    # -- building -------------------------------------------------------------------------

    def _year_spin(self, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(MIN_YEAR, MAX_YEAR)
        spin.setKeyboardTracking(False)
        spin.setAccessibleName(name)
        spin.setValue(2025)
        return spin

    def _row(
        self,
        form: QFormLayout,
        label: str,
        field: QWidget | QHBoxLayout,
        buddy: QWidget | None = None,
    ) -> None:
        caption = QLabel(label, self)
        target = buddy or (field if isinstance(field, QWidget) else None)
        if target is not None:
            caption.setBuddy(target)
        form.addRow(caption, field)

    def _wire(self) -> None:
        def on(combo: QComboBox, name: str, what: str) -> None:
            combo.activated.connect(
                lambda _i: self._apply(what, {name: str(combo.currentData())}, typing=False)
            )

        on(self.kind, "kind", "chart kind")
        on(self.series_by, "series_by", "chart series")
        on(self.sort, "sort", "chart sort order")
        on(self.legend, "legend", "legend position")
        on(self.renderer, "renderer", "chart drawing")
        self.countries.changed.connect(lambda values: self._set("countries", countries=values))
        self.year_mode.activated.connect(lambda _i: self._years_edited())
        self.year_from.valueChanged.connect(lambda _v: self._years_edited(typing=True))
        self.year_to.valueChanged.connect(lambda _v: self._years_edited(typing=True))
        self.top_n.valueChanged.connect(lambda v: self._set("top N", typing=True, top_n=v or None))
        self.highlight.textEdited.connect(
            lambda text: self._set(
                "highlight",
                typing=True,
                highlight=[p.strip() for p in text.split(",") if p.strip()],
            )
        )
        self.reference_lines.changed.connect(
            lambda lines: self._set("reference lines", reference_lines=lines)
        )
        self.data_labels.toggled.connect(lambda on_: self._set("data labels", data_labels=on_))
        self.x_title.edited.connect(
            lambda value, typing: self._set("horizontal axis title", typing=typing, x_title=value)
        )
        self.y_title.edited.connect(
            lambda value, typing: self._set("vertical axis title", typing=typing, y_title=value)
        )
        self.title.textEdited.connect(
            lambda text: self._set("chart title", typing=True, title=text)
        )
        for widget in (
            self.highlight,
            self.title,
            self.x_title.text,
            self.y_title.text,
            self.year_from,
            self.year_to,
            self.top_n,
        ):
            widget.installEventFilter(self._watcher)

    # -- reading the model ------------------------------------------------------------------

    @property
    def uid(self) -> str | None:
        return self._uid

    def spec(self) -> ChartSpec | None:
        item = self._doc.item(self._uid) if self._uid else None
        if isinstance(item, ImpressionItem | ChartItem):
            return item.chart
        return None

    def _end_burst(self) -> None:
        self._session += 1

    def load(self, uid: str | None) -> None:
        fresh = uid != self._uid
        if fresh:
            self._session += 1
            self.picture.clear()
        self._uid = uid
        self._show(reveal=fresh)

    def _item_changed(self, uid: str, name: str) -> None:
        if uid == self._uid and name == "chart":
            self._show()

    def _list_datasets(self) -> None:
        if self._datasets_listed:
            return
        from briefing.data import list_bundled

        self._datasets_listed = True
        self.dataset.clear()
        try:
            infos = list_bundled()
        except Exception:  # a damaged bundled description: still offer files
            infos = []
        for info in infos:
            self.dataset.addItem(info.title, info.id)
            self.dataset.setItemData(
                self.dataset.count() - 1,
                f"{info.publisher}: {info.source_title}, {info.release} ({info.unit})",
                Qt.ItemDataRole.ToolTipRole,
            )
        self._bundled_count = self.dataset.count()
        self.dataset.insertSeparator(self.dataset.count())
        self.dataset.addItem("Choose a file\u2026", CHOOSE_FILE)

    def _show_dataset(self, ref: str) -> None:
        self._list_datasets()
        for i in reversed(range(self.dataset.count())):
            if self.dataset.itemData(i, _FILE_ROLE):
                self.dataset.removeItem(i)
        index = self.dataset.findData(ref)
        if index < 0:
            index = self._bundled_count
            text = f"File: {Path(ref).name}" if ref else "(no dataset)"
            self.dataset.insertItem(index, text, ref)
            self.dataset.setItemData(index, True, _FILE_ROLE)
            self.dataset.setItemData(index, ref, Qt.ItemDataRole.ToolTipRole)
        self.dataset.setCurrentIndex(index)

    def _show(self, *, reveal: bool = False) -> None:
        spec = self.spec()
        if spec is None:
            self.picture.clear()
            return
        self._loading = True
        try:
            self._show_dataset(spec.dataset)
            self._show_sheet(spec)
            _select(self.kind, spec.kind)
            _select(self.series_by, spec.series_by)
            self.countries.set_values(spec.countries, reveal=reveal)
            self._show_years(spec)
            _select(self.sort, spec.sort)
            self.top_n.setValue(spec.top_n or 0)
            text = ", ".join(spec.highlight)
            if [p.strip() for p in self.highlight.text().split(",") if p.strip()] != spec.highlight:
                self.highlight.setText(text)
            self.reference_lines.set_values(spec.reference_lines)
            self.data_labels.setChecked(spec.data_labels)
            _select(self.legend, spec.legend)
            self.x_title.set_value(spec.x_title)
            self.y_title.set_value(spec.y_title)
            if self.title.text() != spec.title:
                self.title.setText(spec.title)
            _select(self.renderer, spec.renderer)
        finally:
            self._loading = False
        problems = spec.validate()
        self.problems.setText("\n".join(f"\u26a0 {p}" for p in problems))
        self.problems.setVisible(bool(problems))
        self._show_note(spec)

    def _show_sheet(self, spec: ChartSpec) -> None:
        """The workbook sheet the chart reads (the row is hidden for other data)."""
        workbook = Path(spec.dataset).suffix.lower() in WORKBOOK_SUFFIXES
        self.sheet.setText(spec.sheet or "The first sheet with data")
        self.sheet.setToolTip(
            f"The chart reads the sheet \u201c{spec.sheet}\u201d" if spec.sheet else ""
        )
        for widget in (self.sheet_caption, self.sheet, self.sheet_button):
            widget.setVisible(workbook)

    def _show_years(self, spec: ChartSpec) -> None:
        mode = year_mode(spec.years)
        _select(self.year_mode, mode)
        years = spec.explicit_years()
        if isinstance(spec.years, tuple):
            first, last = spec.years
        elif years:
            first, last = years[0], years[-1]
        elif self._facts is not None and self._facts.years:
            first, last = self._facts.years[0], self._facts.years[-1]
        else:
            first, last = self.year_from.value(), self.year_to.value()
        self.year_from.setValue(first)
        self.year_to.setValue(last)
        self.year_from.setVisible(mode in ("two", "range"))
        self.year_dash.setVisible(mode in ("two", "range"))
        self.year_to.setVisible(mode != "all")
        self.year_from.setEnabled(mode != "list")
        self.year_to.setEnabled(mode != "list")
        if mode == "list":
            self.year_to.setToolTip(", ".join(map(str, years)))

    def _show_note(self, spec: ChartSpec) -> None:
        facts = self._facts
        parts: list[str] = []
        if facts is not None and facts.dataset == spec.dataset and not facts.error:
            span = f", {facts.years[0]}\u2013{facts.years[-1]}" if facts.years else ""
            parts.append(
                f"{facts.dataset_title} ({facts.unit or 'no unit'}, "
                f"{len(facts.countries)} countries{span})."
            )
            if facts.warnings:
                parts.append(f"{len(facts.warnings)} import note(s): {facts.warnings[0]}")
        if spec.renderer == "native":
            parts.append("The slide gets an editable PowerPoint chart; the preview is a picture.")
        self.note.setText(" ".join(parts))
        self.years_hint.setText(
            f"The data runs {facts.years[0]}\u2013{facts.years[-1]}."
            if facts is not None and facts.years and facts.dataset == spec.dataset
            else ""
        )
        self.years_hint.setVisible(bool(self.years_hint.text()))

    # -- renders ----------------------------------------------------------------------------

    def _render_started(self, key: str) -> None:
        if key == self._renderer.wanted and self.spec() is not None:
            self.picture.show_drawing()

    def _render_finished(self, result: object) -> None:
        if not isinstance(result, RenderResult) or result.key != self._renderer.wanted:
            return
        spec = self.spec()
        if spec is None:
            return
        if result.countries or result.years:
            self._facts = result
            self.countries.set_countries(result.countries)
        if result.image is not None:
            self.picture.show_image(result.image)
        else:
            self.picture.show_error(result.error)
        self._show_note(spec)

    # -- editing ----------------------------------------------------------------------------

    def _set(self, what: str, typing: bool = False, **changes: Any) -> None:
        self._apply(what, changes, typing=typing)

    def _apply(self, what: str, changes: dict[str, Any], *, typing: bool) -> None:
        if self._loading or self._uid is None:
            return
        spec = self.spec()
        if spec is None:
            return
        new = copy.deepcopy(spec)
        for name, value in changes.items():
            setattr(new, name, value)
        if not typing:
            self._session += 1
        merge = ("typing", self._session) if typing else None
        self._doc.edit_chart(self._uid, new, what, merge)

    def _years_edited(self, typing: bool = False) -> None:
        if self._loading:
            return
        mode = str(self.year_mode.currentData())
        first, last = self.year_from.value(), self.year_to.value()
        years: list[int] | tuple[int, int]
        if mode == "all":
            years = []
        elif mode == "one":
            years = [last]
        elif mode == "two":
            years = [first, last] if first != last else [last]
        elif mode == "range":
            years = (min(first, last), max(first, last))
        else:
            spec = self.spec()
            years = list(spec.years) if spec is not None else []
        self._set("years", typing=typing, years=years)
        spec = self.spec()
        if spec is not None:
            self._loading = True
            try:
                self._show_years(spec)
            finally:
                self._loading = False

    def _dataset_chosen(self, index: int) -> None:
        ref = self.dataset.itemData(index)
        spec = self.spec()
        if ref == CHOOSE_FILE:
            if spec is not None:
                self._loading = True
                self._show_dataset(spec.dataset)
                self._loading = False
            self._choose_file()
            return
        if isinstance(ref, str) and ref:
            self._set("dataset", dataset=ref, sheet="")

    def _choose_file(self) -> None:
        if self._uid is not None:
            self.choose_file_requested.emit(self._uid)

    def _choose_sheet(self) -> None:
        if self._uid is not None:
            self.choose_sheet_requested.emit(self._uid)
