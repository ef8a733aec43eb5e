"""Native charts: written with python-pptx, saved, reopened and read back."""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from briefing.charts.alt_text import alt_text
from briefing.charts.style import DEFAULT_STYLE
from briefing.charts.table import SeriesTable, build_table
from briefing.data.dataset import Dataset
from briefing.deck.native_chart import add_native_chart, add_picture_chart
from briefing.errors import ChartError
from briefing.model.chart import ChartSpec, ReferenceLine

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
BOX = (Inches(0.5), Inches(1.0), Inches(9.0), Inches(5.5))
LINES = [ReferenceLine(2.0, "2% guideline"), ReferenceLine(3.5, "3.5% core")]


def _reopened(tmp_path: Path, table: SeriesTable, **kwargs: Any) -> Any:
    """Write one chart on one slide, save, and return the chart's graphic frame reopened."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = add_native_chart(slide, BOX, table, DEFAULT_STYLE, **kwargs)
    assert frame.has_chart
    path = tmp_path / "chart.pptx"
    prs.save(str(path))
    again = Presentation(str(path))
    (shape,) = list(again.slides[0].shapes)
    return shape


def _workbook_rows(chart: Any) -> list[tuple[Any, ...]]:
    blob = chart.part.chart_workbook.xlsx_part.blob
    sheet = openpyxl.load_workbook(io.BytesIO(blob)).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _xp(element: Any, path: str) -> Any:
    return etree.XPath(path, namespaces=NS)(element)


def _xpath(chart: Any, path: str) -> list[Any]:
    return list(_xp(chart._chartSpace, path))


def _ser_values(ser: Any, tag: str = "c:val") -> list[float]:
    return [float(v) for v in _xp(ser, f"./{tag}//c:pt/c:v/text()")]


class DescribeRankedBarChart:
    @pytest.fixture
    def table(self, shares: Dataset) -> SeriesTable:
        spec = ChartSpec(
            id="r",
            dataset="x",
            kind="bar",
            years=[2024],
            sort="desc",
            highlight=["Poland"],
            reference_lines=LINES,
            data_labels=True,
        )
        return build_table(spec, shares)

    def it_is_a_clustered_bar_chart_with_the_ranked_values(
        self, tmp_path: Path, table: SeriesTable
    ) -> None:
        chart = _reopened(tmp_path, table).chart
        assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
        plot = chart.plots[0]
        assert list(plot.categories) == ["Poland", "Estonia", "Latvia", "Lithuania", "Germany"]
        (series,) = list(plot.series)
        assert series.name == "2024"
        assert list(series.values) == [4.1, 3.4, 3.2, 2.9, 2.1]

    def it_draws_the_first_category_on_top(self, tmp_path: Path, table: SeriesTable) -> None:
        chart = _reopened(tmp_path, table).chart
        assert chart.category_axis.reverse_order is True
        (crosses,) = _xpath(chart, "//c:valAx[c:axId/@val='50020']/c:crosses/@val")
        assert crosses == "max"  # the value axis stays at the bottom

    def it_draws_reference_lines_for_office_and_for_libreoffice(
        self, tmp_path: Path, table: SeriesTable
    ) -> None:
        chart = _reopened(tmp_path, table).chart
        scatter = _xpath(
            chart, "//mc:AlternateContent/mc:Choice[@Requires='c14']/c:scatterChart/c:ser"
        )
        assert len(scatter) == 2
        for ser, line in zip(scatter, LINES, strict=True):
            assert _xp(ser, "string(./c:tx//c:v)") == line.label
            assert _ser_values(ser, "c:xVal") == [line.value, line.value]  # vertical line
            assert _ser_values(ser, "c:yVal") == [0.0, 1.0]  # across the full height
            assert _xp(ser, "string(./c:xVal/c:numRef/c:f)").startswith(
                "Sheet1!$C$2:$C$3" if line is LINES[0] else "Sheet1!$D$2:$D$3"
            )
        fallback = _xpath(chart, "//mc:Fallback/c:lineChart/c:ser")
        assert [_ser_values(s) for s in fallback] == [[2.0] * 5, [3.5] * 5]
        # The hidden axes of the scatter series exist only for Office.
        assert len(_xpath(chart, "//mc:Choice/c:valAx")) == 2
        assert len(_xpath(chart, "/c:chartSpace/c:chart/c:plotArea/c:valAx")) == 1

    def it_keeps_the_reference_series_in_the_workbook(
        self, tmp_path: Path, table: SeriesTable
    ) -> None:
        rows = _workbook_rows(_reopened(tmp_path, table).chart)
        assert rows[0][1:] == ("2024", "2% guideline", "3.5% core")
        assert rows[1] == ("Poland", 4.1, 2.0, 3.5)
        assert [r[2] for r in rows[1:]] == [2.0] * 5

    def it_colours_the_highlighted_bar(self, tmp_path: Path, table: SeriesTable) -> None:
        chart = _reopened(tmp_path, table).chart
        ser = _xpath(chart, "//c:barChart/c:ser")[0]
        assert _xp(ser, "string(./c:spPr//a:srgbClr/@val)") == "AEB8C4"
        (point,) = _xp(ser, "./c:dPt")
        assert _xp(point, "string(./c:idx/@val)") == "0"
        assert _xp(point, "string(.//a:srgbClr/@val)") == "E07B24"

    def it_labels_values_in_the_tables_format(self, tmp_path: Path, table: SeriesTable) -> None:
        chart = _reopened(tmp_path, table).chart
        labels = chart.plots[0].series[0].data_labels
        assert labels.number_format == '0.0"%"'
        assert labels.number_format_is_linked is False
        assert labels.show_value is True
        assert chart.value_axis.maximum_scale == 5.0
        assert chart.value_axis.minimum_scale == 0.0
        assert chart.value_axis.tick_labels.number_format == '0"%"'

    def it_sets_the_alt_text(self, tmp_path: Path, table: SeriesTable) -> None:
        shape = _reopened(tmp_path, table)
        descr = shape._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")[0]
        assert descr == alt_text(table)
        assert "Highest: Poland 4.1%" in descr
        shape = _reopened(tmp_path, table, alt_text="Custom words.")
        assert shape._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr") == ["Custom words."]

    def it_has_no_legend_for_one_series(self, tmp_path: Path, table: SeriesTable) -> None:
        assert _reopened(tmp_path, table).chart.has_legend is False


class DescribeColumnChart:
    def it_adds_reference_lines_as_a_line_chart_on_the_same_axes(
        self, tmp_path: Path, shares: Dataset
    ) -> None:
        spec = ChartSpec(
            id="c",
            dataset="x",
            countries=["Poland", "Germany"],
            years=[2020, 2024],
            reference_lines=LINES[:1],
            legend="right",
        )
        chart = _reopened(tmp_path, build_table(spec, shares)).chart
        assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
        bars, lines = list(chart.plots)
        assert [s.name for s in bars.series] == ["2020", "2024"]
        assert [list(s.values) for s in bars.series] == [[2.2, 1.4], [4.1, 2.1]]
        (ref,) = list(lines.series)
        assert ref.name == "2% guideline"
        assert list(ref.values) == [2.0, 2.0]
        bar_axes = _xpath(chart, "//c:barChart/c:axId/@val")
        assert _xpath(chart, "//c:lineChart/c:axId/@val") == bar_axes
        # The label naming the line sits on its last point.
        assert _xpath(chart, "//c:lineChart/c:ser/c:dLbls/c:dLbl/c:idx/@val") == ["1"]
        assert _xpath(chart, "//c:lineChart/c:ser/c:dLbls/c:dLbl/c:showSerName/@val") == ["1"]
        # The legend shows the countries' years, not the reference line.
        assert chart.has_legend
        assert _xpath(chart, "//c:legend/c:legendEntry/c:idx/@val") == ["2"]
        assert _xpath(chart, "//c:legend/c:legendPos/@val") == ["r"]
        rows = _workbook_rows(chart)
        assert rows == [
            (None, "2020", "2024", "2% guideline"),
            ("Poland", 2.2, 4.1, 2.0),
            ("Germany", 1.4, 2.1, 2.0),
        ]

    def it_leaves_missing_values_blank(self, tmp_path: Path, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", countries=["Spain"], years=[2023, 2024], series_by="country"
        )
        chart = _reopened(tmp_path, build_table(spec, shares)).chart
        (series,) = list(chart.plots[0].series)
        assert list(series.values) == [1.2, None]
        assert _workbook_rows(chart)[1:] == [("2023", 1.2), ("2024", None)]

    def it_stacks_money(self, tmp_path: Path, money: Dataset) -> None:
        spec = ChartSpec(
            id="s", dataset="x", kind="stacked_column", countries=["baltics"], data_labels=True
        )
        chart = _reopened(tmp_path, build_table(spec, money)).chart
        assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
        assert list(chart.plots[0].categories) == ["2022", "2023", "2024"]
        assert [s.name for s in chart.plots[0].series] == ["Estonia", "Latvia", "Lithuania"]
        assert _xpath(chart, "//c:barChart/c:overlap/@val") == ["100"]


class DescribeLineChart:
    def it_draws_countries_over_the_years_with_reference_lines(
        self, tmp_path: Path, shares: Dataset
    ) -> None:
        spec = ChartSpec(
            id="l",
            dataset="x",
            kind="line",
            countries=["Poland", "Germany"],
            reference_lines=LINES[:1],
            data_labels=True,
            highlight=["Poland"],
        )
        table = build_table(spec, shares)
        chart = _reopened(tmp_path, table).chart
        assert chart.chart_type in (XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)
        (plot,) = list(chart.plots)
        assert list(plot.categories) == ["2020", "2021", "2022", "2023", "2024e"]
        names = [s.name for s in plot.series]
        assert set(names) == {"Poland", "Germany", "2% guideline"}
        values = {s.name: list(s.values) for s in plot.series}
        assert values["Germany"] == [1.4, 1.3, 1.4, 1.6, 2.1]
        assert values["2% guideline"] == [2.0] * 5
        # Highlighted Poland is drawn after (on top of) muted Germany.
        orders = {s.name: s._element.xpath("string(./c:order/@val)") for s in plot.series}
        assert int(orders["Poland"]) > int(orders["Germany"])
        # The estimate (2024) is a dashed segment.
        dashes = _xpath(chart, "//c:ser[c:idx/@val='0']/c:dPt[c:idx/@val='4']//a:prstDash/@val")
        assert dashes == ["sysDash"]

    def it_nudges_crowded_end_labels_apart(self, tmp_path: Path, shares: Dataset) -> None:
        spec = ChartSpec(
            id="l",
            dataset="x",
            kind="line",
            countries=["Latvia", "Lithuania", "Estonia"],
            years=(2020, 2022),
            data_labels=True,
        )
        chart = _reopened(tmp_path, build_table(spec, shares)).chart
        offsets = _xpath(chart, "//c:dLbl/c:layout/c:manualLayout/c:y/@val")
        assert offsets, "labels at 2.1, 2.1 and 2.5 need moving apart"


class DescribeScatterChart:
    def it_plots_countries_as_points_named_by_labels(self, tmp_path: Path, shares: Dataset) -> None:
        spec = ChartSpec(
            id="s",
            dataset="x",
            kind="scatter",
            years=[2020, 2024],
            countries=["Poland", "Germany"],
            reference_lines=LINES[:1],
        )
        chart = _reopened(tmp_path, build_table(spec, shares)).chart
        assert chart.chart_type == XL_CHART_TYPE.XY_SCATTER
        points, ref = list(chart.plots[0].series)
        assert _ser_values(points._element, "c:xVal") == [2.2, 1.4]
        assert list(points.values) == [4.1, 2.1]
        assert _xpath(chart, "//c:ser[c:idx/@val='0']//c:dLbl//a:t/text()") == ["Poland", "Germany"]
        assert ref.name == "2% guideline"
        assert list(ref.values) == [2.0, 2.0]


class DescribeErrorsAndPictures:
    def it_refuses_an_empty_box(self, shares: Dataset) -> None:
        table = build_table(ChartSpec(id="c", dataset="x", years=[2023]), shares)
        slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
        with pytest.raises(ChartError, match="positive width"):
            add_native_chart(slide, (0, 0, 0, 100), table, DEFAULT_STYLE)

    def it_adds_a_picture_with_alt_text(self, tmp_path: Path, shares: Dataset) -> None:
        from briefing.charts.image import render_png

        table = build_table(ChartSpec(id="c", dataset="x", years=[2023]), shares)
        png = render_png(table, DEFAULT_STYLE, 4.0, 2.5, dpi=50)
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        picture = add_picture_chart(slide, BOX, png, "Words for the picture.")
        assert (picture.left, picture.top, picture.width, picture.height) == BOX
        prs.save(str(tmp_path / "p.pptx"))
        (shape,) = list(Presentation(str(tmp_path / "p.pptx")).slides[0].shapes)
        assert shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr") == ["Words for the picture."]
        assert png_size(shape.image.blob) == (200, 125)
