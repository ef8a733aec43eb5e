"""Native PowerPoint charts from a :class:`~briefing.charts.table.SeriesTable`.

python-pptx writes the chart part and its embedded workbook (so "Edit Data" works in PowerPoint);
this module then rewrites the chart XML for what python-pptx cannot do: reference lines drawn
as part of the chart (a line chart over columns, or straight-line scatter series over horizontal
bars), per-point colours, fixed axis scales, fonts and alt text.

Reference lines are series of their own, kept in the embedded workbook: a column of the
constant value per category, named by the line's label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from briefing.charts.alt_text import alt_text as make_alt_text
from briefing.charts.alt_text import reference_value_text
from briefing.charts.geometry import spread
from briefing.charts.numfmt import decimals_for_step, nice_scale
from briefing.charts.style import ChartStyle, ColourPlan, blend, hex6
from briefing.charts.table import SeriesTable
from briefing.charts.workbook import category_workbook, column_letter
from briefing.errors import ChartError

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.shapes.picture import Picture
    from pptx.slide import Slide

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NSDECLS = f'xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}"'

_EMU_PER_PT = 12700
# Axis ids: any unsigned ints unique within the chart.
_CAT_AX, _VAL_AX, _X2_AX, _Y2_AX = "50010", "50020", "50030", "50040"

Box = tuple[int, int, int, int]
_RANGE_RE = re.compile(r"^(?P<sheet>.+)!\$(?P<col>[A-Z]+)\$(?P<row>\d+):\$[A-Z]+\$\d+$")


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


# ====================================================================== public


def add_native_chart(
    slide: Slide,
    box: Box,
    table: SeriesTable,
    style: ChartStyle,
    *,
    alt_text: str | None = None,
) -> GraphicFrame:
    """Add ``table`` to ``slide`` as an editable chart in ``box`` (EMU left, top, width, height).

    The chart's alt text is ``alt_text`` or, when None, one generated from the table.
    """
    left, top, width, height = (int(v) for v in box)
    if width <= 0 or height <= 0:
        raise ChartError("A chart needs a box with a positive width and height.")
    if not table.series or not table.categories:
        raise ChartError(f"The chart '{table.title}' has no data to draw.")

    writer = _ChartXml(table, style, width, height)
    if table.kind == "scatter":
        frame = _add_xy_chart(slide, (left, top, width, height), table, writer)
    else:
        frame = _add_category_chart(slide, (left, top, width, height), table, writer)
    set_alt_text(frame, make_alt_text(table) if alt_text is None else alt_text)
    return frame


def _add_category_chart(
    slide: Slide, box: Box, table: SeriesTable, writer: _ChartXml
) -> GraphicFrame:
    """Write the chart part, its workbook and the graphic frame directly.

    python-pptx's ``add_chart`` would generate chart XML that is then rewritten whole, write the
    workbook through xlsxwriter and walk the package twice for part names; doing the same
    steps here keeps a chart well inside its time budget. The workbook layout is
    python-pptx's own (see :mod:`briefing.charts.workbook`).
    """
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.chart import ChartPart
    from pptx.parts.embeddedpackage import EmbeddedXlsxPart
    from pptx.util import Emu

    categories = table.display_categories()
    columns: list[tuple[str, Sequence[float | None]]] = [(s.name, s.values) for s in table.series]
    columns += [
        (_ref_name(table, line), [line.value] * len(categories)) for line in table.reference_lines
    ]
    refs = [
        _DataRefs.category(i, name, values, categories, table.number_format)
        for i, (name, values) in enumerate(columns)
    ]
    package = slide.part.package
    chart_name, xlsx_name = _next_partnames(package)
    chart_part = ChartPart.load(
        chart_name, CT.DML_CHART, package, writer.chart_space_xml(refs).encode("utf-8")
    )
    xlsx_part = EmbeddedXlsxPart(
        xlsx_name,
        CT.SML_SHEET,
        package,
        category_workbook(categories, columns, table.number_format),
    )
    chart_part.chart_workbook.xlsx_part = xlsx_part
    rid = slide.part.relate_to(chart_part, RT.CHART)
    shapes: Any = slide.shapes
    left, top, width, height = box
    element = shapes._add_chart_graphicFrame(rid, Emu(left), Emu(top), Emu(width), Emu(height))
    shapes._recalculate_extents()
    frame: GraphicFrame = shapes._shape_factory(element)
    return frame


def _add_xy_chart(slide: Slide, box: Box, table: SeriesTable, writer: _ChartXml) -> GraphicFrame:
    """Scatter charts go through python-pptx's XY chart data, then get restyled."""
    from pptx.chart.data import XyChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Emu

    chart_data: Any = XyChartData()  # type: ignore[no-untyped-call]
    xs = table.x_values or []
    points = chart_data.add_series(table.series[0].name, number_format=table.number_format)
    for x, y in zip(xs, table.series[0].values, strict=True):
        if x is not None and y is not None:
            points.add_data_point(x, y)
    x_lo, x_hi, _ = _scatter_x_scale(table)
    for line in table.reference_lines:
        ref = chart_data.add_series(_ref_name(table, line), number_format=table.number_format)
        ref.add_data_point(x_lo, line.value)
        ref.add_data_point(x_hi, line.value)
    shapes: Any = slide.shapes
    left, top, width, height = box
    frame: GraphicFrame = shapes.add_chart(
        XL_CHART_TYPE.XY_SCATTER, Emu(left), Emu(top), Emu(width), Emu(height), chart_data
    )
    writer.rewrite(frame.chart._chartSpace)
    return frame


def _next_partnames(package: Any) -> tuple[Any, Any]:
    """Free part names for a chart and its workbook, from one walk over the package."""
    from pptx.opc.packuri import PackURI

    used = {str(part.partname) for part in package.iter_parts()}

    def free(template: str) -> Any:
        n = 1
        while template % n in used:
            n += 1
        return PackURI(template % n)

    return free("/ppt/charts/chart%d.xml"), free("/ppt/embeddings/Microsoft_Excel_Sheet%d.xlsx")


def add_picture_chart(slide: Slide, box: Box, png_bytes: bytes, alt_text: str) -> Picture:
    """Add a chart picture in ``box``, with ``alt_text`` as its description."""
    import io

    left, top, width, height = (int(v) for v in box)
    from pptx.util import Emu

    picture: Picture = slide.shapes.add_picture(
        io.BytesIO(png_bytes), Emu(left), Emu(top), Emu(width), Emu(height)
    )
    set_alt_text(picture, alt_text)
    return picture


def set_alt_text(shape: Any, text: str) -> None:
    """Write ``descr`` on the shape's ``cNvPr`` (python-pptx has no setter for alt text)."""
    c_nv_pr = shape._element.find(".//" + _q(P_NS, "cNvPr"))
    if c_nv_pr is None:  # pragma: no cover - every p: shape has one
        raise ChartError("The chart shape has no properties element for its alt text.")
    c_nv_pr.set("descr", text)


def _ref_name(table: SeriesTable, line: Any) -> str:
    return str(line.label or reference_value_text(table, line.value))


def _scatter_x_scale(table: SeriesTable) -> tuple[float, float, float]:
    xs = [x for x in (table.x_values or []) if x is not None] or [0.0, 1.0]
    return nice_scale(min(xs), max(xs), include_zero=True)


# ====================================================================== XML


@dataclass
class _Fonts:
    tick: int  # hundredths of a point
    category: int
    label: int
    title: int
    legend: int


class _ChartXml:
    """Builds the ``c:chart`` element of one chart and swaps it into the chart part."""

    def __init__(self, table: SeriesTable, style: ChartStyle, width: int, height: int) -> None:
        self.t = table
        self.s = style
        self.plan = ColourPlan(table, style)
        self.w_pt = width / _EMU_PER_PT
        self.h_pt = height / _EMU_PER_PT
        self.fonts = self._fonts()
        self.font = escape(style.font_family, {'"': "&quot;"})
        self.n_data = len(table.series)
        self.fmt = table.formats
        self.box = self._plot_box()
        self.offsets = self._right_label_offsets()

    # ------------------------------------------------------------------ sizing

    def _fonts(self) -> _Fonts:
        base = self.s.base_font_pt
        scale = max(0.7, min(1.0, min(self.w_pt / 576.0, self.h_pt / 324.0) ** 0.5))
        tick = max(7.0, base * 0.9 * scale)
        category = tick
        n = max(1, len(self.t.categories))
        if self.t.horizontal:
            category = max(5.5, min(tick, self.h_pt * 0.78 / n * 0.72))
        label = max(6.0, min(tick * 0.9, category))
        return _Fonts(
            tick=_hundredths(tick),
            category=_hundredths(category),
            label=_hundredths(label),
            title=_hundredths(tick),
            legend=_hundredths(tick),
        )

    # ------------------------------------------------------------------ entry

    def chart_space_xml(self, refs: list[_DataRefs]) -> str:
        """A whole chart part (``c:chartSpace``) drawing the series ``refs`` point at."""
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<c:chartSpace {_NSDECLS}>"
            '<c:date1904 val="0"/><c:roundedCorners val="0"/>'
            f"{self._chart_xml(refs)}"
            "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
            f"{self._txpr(self.fonts.tick)}"
            "</c:chartSpace>"
        )

    def rewrite(self, chart_space: _Element) -> None:
        """Replace the chart python-pptx wrote in ``chart_space`` by this one."""
        from pptx.oxml import parse_xml

        old_chart = chart_space.find(_q(C_NS, "chart"))
        assert old_chart is not None
        sers = old_chart.findall(".//" + _q(C_NS, "ser"))
        data_refs = [_DataRefs.of(ser) for ser in sers]
        xml = self._chart_xml(data_refs)
        new_chart = parse_xml(xml)
        chart_space.replace(old_chart, new_chart)
        # Chart-wide text (font, colour) and a transparent frame so the slide shows through.
        for tag in ("txPr", "spPr"):
            old = chart_space.find(_q(C_NS, tag))
            if old is not None:
                chart_space.remove(old)
        index = list(chart_space).index(new_chart) + 1
        chart_space.insert(
            index, parse_xml(f"<c:spPr {_NSDECLS}><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>")
        )
        chart_space.insert(index + 1, parse_xml(self._txpr(self.fonts.tick, root=True)))
        if chart_space.find(_q(C_NS, "roundedCorners")) is None:
            rounded = parse_xml(f'<c:roundedCorners {_NSDECLS} val="0"/>')
            date1904 = chart_space.find(_q(C_NS, "date1904"))
            position = list(chart_space).index(date1904) + 1 if date1904 is not None else 0
            chart_space.insert(position, rounded)

    def _chart_xml(self, refs: list[_DataRefs]) -> str:
        t = self.t
        data, ref_refs = refs[: self.n_data], refs[self.n_data :]
        if t.kind == "scatter":
            plot = self._scatter_plot(data, ref_refs)
            axes = self._scatter_axes()
        elif t.kind == "line":
            plot = self._line_plot(data, ref_refs)
            axes = self._category_axes()
        else:
            plot = self._bar_plot(data)
            if ref_refs and t.horizontal:
                # Office draws straight-line scatter series on hidden axes; LibreOffice cannot
                # mix scatter with bars, but draws a line chart over horizontal bars as
                # vertical lines. Markup compatibility gives each its own form.
                plot += _alternate(
                    self._vertical_reference_plot(ref_refs),
                    self._horizontal_reference_plot(
                        ref_refs, label_first=self.t.sort == "asc", position="r"
                    ),
                )
                axes = self._category_axes() + _alternate(self._secondary_axes(), "")
            else:
                if ref_refs:
                    plot += self._horizontal_reference_plot(ref_refs)
                axes = self._category_axes()
        layout = self._plot_layout()
        return (
            f"<c:chart {_NSDECLS}>"
            '<c:autoTitleDeleted val="1"/>'
            f"<c:plotArea>{layout}{plot}{axes}"
            "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
            "</c:plotArea>"
            f"{self._legend()}"
            '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>'
            "</c:chart>"
        )

    # ------------------------------------------------------------------ plots

    def _bar_plot(self, data: list[_DataRefs]) -> str:
        t = self.t
        direction = "bar" if t.horizontal else "col"
        grouping = "stacked" if t.stacked else "clustered"
        sers = "".join(self._bar_ser(i, refs) for i, refs in enumerate(data))
        n = max(1, len(t.series))
        gap = 60 if t.stacked or n == 1 else 80
        overlap = 100 if t.stacked else (-8 if n > 1 else 0)
        return (
            f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="{grouping}"/>'
            f'<c:varyColors val="0"/>{sers}'
            f'<c:gapWidth val="{gap}"/><c:overlap val="{overlap}"/>'
            f'<c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/></c:barChart>'
        )

    def _bar_ser(self, i: int, refs: _DataRefs) -> str:
        t, plan = self.t, self.plan
        colour = plan.series_colour(i)
        points = []
        for j in range(len(t.categories)):
            fill = plan.point_colour(i, j)
            if fill != colour and t.series[i].values[j] is not None:
                points.append(
                    f'<c:dPt><c:idx val="{j}"/><c:invertIfNegative val="0"/>'
                    f'<c:bubble3D val="0"/>{_fill_sppr(fill)}</c:dPt>'
                )
        labels = ""
        if t.data_labels:
            position = "ctr" if t.stacked else "outEnd"
            text_colour = _contrast(colour) if t.stacked else self.s.text_colour
            # Outside labels get the background colour so a reference line stays behind them.
            label_fill = (
                "<a:noFill/>"
                if t.stacked
                else (f'<a:solidFill><a:srgbClr val="{hex6(self.s.background)}"/></a:solidFill>')
            )
            labels = (
                "<c:dLbls>"
                f'<c:numFmt formatCode={quoteattr(t.number_format)} sourceLinked="0"/>'
                f"<c:spPr>{label_fill}<a:ln><a:noFill/></a:ln></c:spPr>"
                f"{self._txpr(self.fonts.label, colour=text_colour)}"
                f'<c:dLblPos val="{position}"/>{_shows(val=True)}'
                "</c:dLbls>"
            )
        return (
            f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{refs.tx}{_fill_sppr(colour)}'
            f'<c:invertIfNegative val="0"/>{"".join(points)}{labels}'
            f"{refs.cat}{refs.val}</c:ser>"
        )

    def _line_plot(self, data: list[_DataRefs], ref_refs: list[_DataRefs]) -> str:
        # Muted series first so that highlighted ones are drawn on top of them.
        order = sorted(range(len(data)), key=lambda i: not self.plan.is_muted_series(i))
        sers = "".join(self._line_ser(i, data[i], position) for position, i in enumerate(order))
        sers += "".join(
            self._reference_line_ser(self.n_data + k, refs) for k, refs in enumerate(ref_refs)
        )
        return (
            '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
            f'{sers}<c:marker val="1"/>'
            f'<c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/></c:lineChart>'
        )

    def _line_ser(self, i: int, refs: _DataRefs, order: int) -> str:
        t, plan, s = self.t, self.plan, self.s
        colour = hex6(plan.series_colour(i))
        muted = plan.is_muted_series(i)
        width = 19050 if muted else 28575
        size = 4 if muted else 5
        series = t.series[i]
        points = []
        for j, (value, _estimate) in enumerate(zip(series.values, series.estimates, strict=True)):
            if value is None or not plan.is_estimate_point(i, j):
                continue
            # A dashed segment into an estimate, and a hollow marker on it.
            points.append(
                f'<c:dPt><c:idx val="{j}"/><c:marker><c:symbol val="circle"/>'
                f'<c:size val="{size}"/><c:spPr><a:solidFill>'
                f'<a:srgbClr val="{hex6(s.background)}"/></a:solidFill>'
                f'<a:ln w="15875"><a:solidFill><a:srgbClr val="{colour}"/>'
                '</a:solidFill></a:ln></c:spPr></c:marker><c:bubble3D val="0"/>'
                f'<c:spPr><a:ln w="{width}" cap="rnd"><a:solidFill><a:srgbClr val="{colour}"/>'
                '</a:solidFill><a:prstDash val="sysDash"/><a:round/></a:ln></c:spPr></c:dPt>'
            )
        labels = ""
        last = max((j for j, v in enumerate(series.values) if v is not None), default=None)
        if t.data_labels and last is not None:
            labels = (
                f'<c:dLbls><c:dLbl><c:idx val="{last}"/>{self._offset(i, last)}'
                f'<c:numFmt formatCode={quoteattr(t.number_format)} sourceLinked="0"/>'
                "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
                f"{self._txpr(self.fonts.label, colour='#' + colour)}"
                f'<c:dLblPos val="r"/>{_shows(val=True)}</c:dLbl>'
                f'{_shows()}<c:showLeaderLines val="0"/></c:dLbls>'
            )
        return (
            f'<c:ser><c:idx val="{i}"/><c:order val="{order}"/>{refs.tx}'
            f'<c:spPr><a:ln w="{width}" cap="rnd"><a:solidFill><a:srgbClr val="{colour}"/>'
            "</a:solidFill><a:round/></a:ln></c:spPr>"
            f'<c:marker><c:symbol val="circle"/><c:size val="{size}"/>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
            f'<a:ln w="9525"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln>'
            f"</c:spPr></c:marker>{''.join(points)}{labels}{refs.cat}{refs.val}"
            '<c:smooth val="0"/></c:ser>'
        )

    def _reference_line_ser(
        self, idx: int, refs: _DataRefs, *, label_first: bool = False, position: str = "t"
    ) -> str:
        """A constant series drawn as a dashed line, named by a label on its last point."""
        last = 0 if label_first else len(self.t.categories) - 1
        if self.t.kind in ("line", "column", "stacked_column"):
            position = "r"  # in the column of labels right of the plot
        return (
            f'<c:ser><c:idx val="{idx}"/><c:order val="{idx}"/>{refs.tx}'
            f"{self._reference_sppr()}"
            '<c:marker><c:symbol val="none"/></c:marker>'
            f'<c:dLbls><c:dLbl><c:idx val="{last}"/>{self._offset(idx, last)}'
            f"{self._reference_label_body(position)}</c:dLbl>"
            f'{_shows()}<c:showLeaderLines val="0"/></c:dLbls>'
            f'{refs.cat}{refs.val}<c:smooth val="0"/></c:ser>'
        )

    def _horizontal_reference_plot(
        self, ref_refs: list[_DataRefs], *, label_first: bool = False, position: str = "t"
    ) -> str:
        """Reference lines over columns: a line chart sharing the columns' axes."""
        sers = "".join(
            self._reference_line_ser(
                self.n_data + k, refs, label_first=label_first, position=position
            )
            for k, refs in enumerate(ref_refs)
        )
        return (
            '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
            f'{sers}<c:marker val="1"/>'
            f'<c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/></c:lineChart>'
        )

    def _vertical_reference_plot(self, ref_refs: list[_DataRefs]) -> str:
        """Reference lines over horizontal bars: straight-line scatter series on hidden axes.

        Each runs from (value, 0) to (value, 1) on a secondary y axis fixed at 0-1, so it spans
        the plot's full height; its x values are the workbook's reference column.
        """
        sers = []
        n = len(self.t.categories)
        for k, refs in enumerate(ref_refs):
            line = self.t.reference_lines[k]
            value = _num(line.value)
            match = _RANGE_RE.match(refs.val_ref)
            if match and n >= 2:
                sheet, column, first = match["sheet"], match["col"], int(match["row"])
                formula = f"{sheet}!${column}${first}:${column}${first + 1}"
                x_val = (
                    f"<c:xVal><c:numRef><c:f>{escape(formula)}</c:f><c:numCache>"
                    f"<c:formatCode>{escape(self.t.number_format)}</c:formatCode>"
                    '<c:ptCount val="2"/>'
                    f'<c:pt idx="0"><c:v>{value}</c:v></c:pt><c:pt idx="1"><c:v>{value}</c:v>'
                    "</c:pt></c:numCache></c:numRef></c:xVal>"
                )
            else:
                x_val = f"<c:xVal>{_num_lit([line.value, line.value])}</c:xVal>"
            idx = self.n_data + k
            sers.append(
                f'<c:ser><c:idx val="{idx}"/><c:order val="{idx}"/>{refs.tx}'
                f"{self._reference_sppr()}"
                '<c:marker><c:symbol val="none"/></c:marker>'
                f'<c:dLbls><c:dLbl><c:idx val="1"/>{self._reference_label_body("t")}'
                f"</c:dLbl>{_shows()}</c:dLbls>"
                f"{x_val}<c:yVal>{_num_lit([0.0, 1.0])}</c:yVal>"
                '<c:smooth val="0"/></c:ser>'
            )
        return (
            '<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>'
            f'{"".join(sers)}<c:axId val="{_X2_AX}"/><c:axId val="{_Y2_AX}"/>'
            "</c:scatterChart>"
        )

    def _scatter_plot(self, data: list[_DataRefs], ref_refs: list[_DataRefs]) -> str:
        t, s, plan = self.t, self.s, self.plan
        colour = s.series_colour(0) if not t.highlight else s.muted_colour
        labels = []
        points = []
        drawn = [
            name
            for name, x, y in zip(t.categories, t.x_values or [], t.series[0].values, strict=True)
            if x is not None and y is not None
        ]
        named = t.scatter_labels()
        for j, name in enumerate(drawn):
            index = t.categories.index(name)
            hl = plan.is_highlighted_category(index)
            if hl:
                points.append(
                    f'<c:dPt><c:idx val="{j}"/><c:marker><c:symbol val="circle"/>'
                    f'<c:size val="7"/>{_fill_sppr(s.highlight_colour)}</c:marker>'
                    '<c:bubble3D val="0"/></c:dPt>'
                )
            if index not in named:
                continue
            labels.append(
                f'<c:dLbl><c:idx val="{j}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p>'
                f'<a:r><a:rPr lang="en-GB" sz="{self.fonts.label}" b="{1 if hl else 0}"/>'
                f"<a:t>{escape(name)}</a:t></a:r></a:p></c:rich></c:tx>"
                "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
                f'<c:dLblPos val="r"/>{_shows(val=True)}</c:dLbl>'
            )
        data_ser = (
            f'<c:ser><c:idx val="0"/><c:order val="0"/>{data[0].tx}'
            '<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>'
            f'<c:marker><c:symbol val="circle"/><c:size val="6"/>{_fill_sppr(colour)}</c:marker>'
            f"{''.join(points)}<c:dLbls>{''.join(labels)}"
            f"{self._txpr(self.fonts.label)}{_shows()}</c:dLbls>"
            f'{data[0].x_val}{data[0].y_val}<c:smooth val="0"/></c:ser>'
        )
        refs = []
        for k, r in enumerate(ref_refs):
            idx = 1 + k
            refs.append(
                f'<c:ser><c:idx val="{idx}"/><c:order val="{idx}"/>{r.tx}'
                f'{self._reference_sppr()}<c:marker><c:symbol val="none"/></c:marker>'
                f'<c:dLbls><c:dLbl><c:idx val="1"/>{self._reference_label_body("t")}'
                f"</c:dLbl>{_shows()}</c:dLbls>"
                f'{r.x_val}{r.y_val}<c:smooth val="0"/></c:ser>'
            )
        return (
            '<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>'
            f'{data_ser}{"".join(refs)}<c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/>'
            "</c:scatterChart>"
        )

    def _offset(self, series: int, point: int) -> str:
        offset = self.offsets.get((series, point))
        if offset is None:
            return ""
        dx, dy = offset
        return (
            f'<c:layout><c:manualLayout><c:x val="{dx:.5f}"/>'
            f'<c:y val="{dy:.5f}"/></c:manualLayout></c:layout>'
        )

    def _reference_sppr(self) -> str:
        return (
            '<c:spPr><a:ln w="19050" cap="flat">'
            f'<a:solidFill><a:srgbClr val="{hex6(self.s.reference_colour)}"/></a:solidFill>'
            '<a:prstDash val="dash"/><a:round/></a:ln></c:spPr>'
        )

    def _reference_label_body(self, position: str) -> str:
        return (
            "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
            f"{self._txpr(self.fonts.label, colour=self.s.reference_colour, bold=True)}"
            f'<c:dLblPos val="{position}"/>{_shows(series=True)}'
        )

    # ------------------------------------------------------------------ axes

    def _value_scale(self) -> tuple[float, float, float]:
        return self.t.value_scale()

    def _axis_format(self, step: float) -> str:
        parsed = self.fmt.parsed
        scaled = step / parsed.divisor * (100 if parsed.percent else 1)
        return parsed.excel(min(parsed.decimals, decimals_for_step(scaled)))

    def _category_axes(self) -> str:
        t = self.t
        lo, hi, step = self._value_scale()
        if t.horizontal:
            cat_pos, val_pos = "l", "b"
            cat_title, val_title = t.y_title, t.x_title
        else:
            cat_pos, val_pos = "b", "l"
            cat_title, val_title = t.x_title, t.y_title
        rotate = not t.horizontal and self._needs_rotation()
        cat = (
            f'<c:catAx><c:axId val="{_CAT_AX}"/><c:scaling>'
            f'<c:orientation val="{"maxMin" if t.horizontal else "minMax"}"/></c:scaling>'
            f'<c:delete val="0"/><c:axPos val="{cat_pos}"/>'
            f"{self._title(cat_title, vertical=cat_pos == 'l')}"
            '<c:numFmt formatCode="General" sourceLinked="1"/>'
            '<c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
            '<c:tickLblPos val="low"/>'
            f"{_line_sppr(blend(self.s.text_colour, self.s.background, 0.55), 9525)}"
            f"{self._txpr(self.fonts.category, rotate=-45 if rotate else 0)}"
            f'<c:crossAx val="{_VAL_AX}"/><c:crosses val="autoZero"/>'
            '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
            '<c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        )
        val = self._val_axis(
            _VAL_AX,
            _CAT_AX,
            val_pos,
            lo,
            hi,
            step,
            title=val_title,
            # With categories drawn top-down, the value axis must cross at the far end to
            # stay at the bottom.
            crosses="max" if t.horizontal else "autoZero",
        )
        return cat + val

    def _secondary_axes(self) -> str:
        """Hidden axes for vertical reference lines: x matches the value axis, y runs 0-1."""
        lo, hi, step = self._value_scale()
        x2 = self._val_axis(
            _X2_AX,
            _Y2_AX,
            "t",
            lo,
            hi,
            step,
            delete=True,
            gridlines=False,
            crosses="max",
            cross_between="midCat",
        )
        y2 = self._val_axis(
            _Y2_AX,
            _X2_AX,
            "r",
            0.0,
            1.0,
            0.5,
            delete=True,
            gridlines=False,
            crosses="max",
            cross_between="midCat",
        )
        return x2 + y2

    def _scatter_axes(self) -> str:
        t = self.t
        x_lo, x_hi, x_step = _scatter_x_scale(t)
        ys = t.series[0].present() or [0.0, 1.0]
        y_lo, y_hi, y_step = nice_scale(
            min(ys), max(ys), include_zero=True, exact=[r.value for r in t.reference_lines]
        )
        x = self._val_axis(
            _CAT_AX,
            _VAL_AX,
            "b",
            x_lo,
            x_hi,
            x_step,
            title=t.x_title,
            cross_between="midCat",
            gridlines=True,
        )
        y = self._val_axis(
            _VAL_AX, _CAT_AX, "l", y_lo, y_hi, y_step, title=t.y_title, cross_between="midCat"
        )
        return x + y

    def _val_axis(
        self,
        ax_id: str,
        cross_id: str,
        position: str,
        lo: float,
        hi: float,
        step: float,
        *,
        title: str = "",
        delete: bool = False,
        gridlines: bool = True,
        crosses: str = "autoZero",
        cross_between: str = "between",
    ) -> str:
        grid = (
            f"<c:majorGridlines>{_line_sppr(self.s.grid_colour, 6350)}</c:majorGridlines>"
            if gridlines and not delete
            else ""
        )
        return (
            f'<c:valAx><c:axId val="{ax_id}"/><c:scaling><c:orientation val="minMax"/>'
            f'<c:max val="{_num(hi)}"/><c:min val="{_num(lo)}"/></c:scaling>'
            f'<c:delete val="{1 if delete else 0}"/><c:axPos val="{position}"/>{grid}'
            f"{self._title(title, vertical=position in ('l', 'r')) if not delete else ''}"
            f'<c:numFmt formatCode={quoteattr(self._axis_format(step))} sourceLinked="0"/>'
            '<c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
            f'<c:tickLblPos val="{"none" if delete else "nextTo"}"/>'
            "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
            f"{self._txpr(self.fonts.tick)}"
            f'<c:crossAx val="{cross_id}"/><c:crosses val="{crosses}"/>'
            f'<c:crossBetween val="{cross_between}"/><c:majorUnit val="{_num(step)}"/>'
            "</c:valAx>"
        )

    def _needs_rotation(self) -> bool:
        n = max(1, len(self.t.categories))
        longest = max(len(c) for c in self.t.display_categories())
        return longest * self.fonts.category / 100 * 0.5 > self.w_pt * 0.85 / n * 0.95

    def _title(self, text: str, *, vertical: bool) -> str:
        if not text:
            return ""
        rot = ' rot="-5400000" vert="horz"' if vertical else ""
        return (
            "<c:title><c:tx><c:rich>"
            f"<a:bodyPr{rot}/><a:lstStyle/><a:p><a:pPr>{self._def_rpr(self.fonts.title)}</a:pPr>"
            f'<a:r><a:rPr lang="en-GB" sz="{self.fonts.title}" b="0"/>'
            f"<a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx>"
            '<c:overlay val="0"/></c:title>'
        )

    # ------------------------------------------------------------------ legend, layout

    def _legend(self) -> str:
        t = self.t
        if t.legend == "none" or self.n_data < 2:
            return ""
        position = {"right": "r", "bottom": "b", "top": "t"}[t.legend]
        n_refs = len(t.reference_lines)
        entries = "".join(
            f'<c:legendEntry><c:idx val="{self.n_data + k}"/><c:delete val="1"/></c:legendEntry>'
            for k in range(n_refs)
        )
        return (
            f'<c:legend><c:legendPos val="{position}"/>{entries}<c:overlay val="0"/>'
            f"{self._txpr(self.fonts.legend)}</c:legend>"
        )

    def _plot_layout(self) -> str:
        box = self.box
        if box is None:
            return ""
        x, y, w, h = box
        return (
            "<c:layout><c:manualLayout>"
            '<c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/>'
            f'<c:x val="{x:.4f}"/><c:y val="{y:.4f}"/><c:w val="{w:.4f}"/><c:h val="{h:.4f}"/>'
            "</c:manualLayout></c:layout>"
        )

    def _plot_box(self) -> tuple[float, float, float, float] | None:
        """A manual inner plot box (fractions of the chart) when labels must sit outside the
        plot, else None (the renderer lays the plot out)."""
        t = self.t
        top_space = t.horizontal and bool(t.reference_lines) and t.kind != "scatter"
        right_space = t.kind == "line" and (t.data_labels or bool(t.reference_lines))
        right_space = right_space or (
            not t.horizontal and t.kind != "scatter" and bool(t.reference_lines)
        )
        if not (top_space or right_space):
            return None
        fonts = self.fonts
        label_pt = fonts.label / 100
        tick_pt = fonts.tick / 100
        # Left: category labels (bar) or value tick labels, plus an axis title.
        if t.horizontal:
            longest = max(len(c) for c in t.display_categories())
            left = longest * fonts.category / 100 * 0.5 + 10
            left += (fonts.title / 100 * 1.6) if t.y_title else 0
            bottom = tick_pt * 1.6 + ((fonts.title / 100 * 1.8) if t.x_title else 0)
        else:
            lo, hi, _step = self._value_scale()
            widest = max(len(self.fmt.parsed.format(v, 0)) for v in (lo, hi))
            left = widest * tick_pt * 0.55 + 10
            left += (fonts.title / 100 * 1.8) if t.y_title else 0
            rotate = self._needs_rotation()
            longest = max(len(c) for c in t.display_categories())
            bottom = (
                (longest * fonts.category / 100 * 0.45 + 8)
                if rotate
                else (fonts.category / 100 * 1.8)
            )
            bottom += (fonts.title / 100 * 1.8) if t.x_title else 0
        top = label_pt * 2.2 if top_space else label_pt
        right = 6.0
        if top_space:
            longest_ref = max(len(_ref_name(t, r)) for r in t.reference_lines)
            right = longest_ref * label_pt * 0.55 + 8
        if right_space:
            texts = [_ref_name(t, r) for r in t.reference_lines]
            if t.kind == "line" and t.data_labels:
                texts += [self.fmt.format(v) for s in t.series for v in s.present()[-1:]]
            right = max((len(x) for x in texts), default=4) * label_pt * 0.55 + 12
        legend = 0.0
        if t.legend != "none" and self.n_data >= 2:
            legend_pt = fonts.legend / 100
            longest_name = max(len(s.name) for s in t.series)
            per_row = max(1, int(self.w_pt * 0.9 // (longest_name * legend_pt * 0.55 + 30)))
            rows = -(-self.n_data // per_row) if t.legend != "right" else 0
            legend = legend_pt * (1.2 + 1.35 * rows) if rows else 0.0
            if t.legend == "right":
                right += longest_name * fonts.legend / 100 * 0.55 + 24
        if t.legend == "bottom":
            bottom += legend
        elif t.legend == "top":
            top += legend
        x = min(0.45, left / self.w_pt)
        y = min(0.3, top / self.h_pt)
        w = max(0.3, 1 - x - right / self.w_pt)
        h = max(0.3, 1 - y - bottom / self.h_pt)
        return x, y, w, h

    def _right_label_offsets(self) -> dict[tuple[int, int], tuple[float, float]]:
        """Nudges (dx, dy as fractions of the chart) for the labels right of the plot: the
        values at a line chart's last points and the names of horizontal reference lines.
        They are moved apart so that none overlaps, and, over columns, past the last column.
        """
        t, box = self.t, self.box
        columns = t.kind in ("column", "stacked_column")
        if box is None or not (t.kind == "line" or (columns and t.reference_lines)):
            return {}
        entries: list[tuple[int, int, float]] = []
        if t.data_labels and t.kind == "line":
            for i, series in enumerate(t.series):
                last = max((j for j, v in enumerate(series.values) if v is not None), default=None)
                if last is not None:
                    value = series.values[last]
                    assert value is not None
                    entries.append((i, last, value))
        for k, line in enumerate(t.reference_lines):
            entries.append((self.n_data + k, len(t.categories) - 1, line.value))
        if not entries:
            return {}
        lo, hi, _step = self._value_scale()
        _x, y, w, h = box
        # Over columns the last point sits mid-column: move the label past the plot's edge.
        dx = w * 0.5 / max(1, len(t.categories)) + 0.004 if columns else 0.0
        natural = [y + h * (hi - v) / (hi - lo) for _i, _j, v in entries]
        gap = self.fonts.label / 100 * 1.3 / self.h_pt
        # Spread in "up" coordinates (larger value = higher), then convert back.
        placed = spread([-n for n in natural], gap)
        out: dict[tuple[int, int], tuple[float, float]] = {}
        for (i, j, _v), p, n in zip(entries, placed, natural, strict=True):
            dy = -p - n
            if abs(dy) > 1e-6 or dx:
                out[(i, j)] = (dx, dy)
        return out

    # ------------------------------------------------------------------ text

    def _def_rpr(self, size: int, *, colour: str | None = None, bold: bool = False) -> str:
        fill = hex6(colour or self.s.text_colour)
        return (
            f'<a:defRPr sz="{size}" b="{1 if bold else 0}">'
            f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
            f'<a:latin typeface="{self.font}"/><a:cs typeface="{self.font}"/>'
            "</a:defRPr>"
        )

    def _txpr(
        self,
        size: int,
        *,
        colour: str | None = None,
        bold: bool = False,
        rotate: int = 0,
        root: bool = False,
    ) -> str:
        rot = f' rot="{rotate * 60000}" vert="horz"' if rotate else ""
        decl = f" {_NSDECLS}" if root else ""
        return (
            f"<c:txPr{decl}><a:bodyPr{rot}/><a:lstStyle/><a:p><a:pPr>"
            f"{self._def_rpr(size, colour=colour, bold=bold)}</a:pPr>"
            '<a:endParaRPr lang="en-GB"/></a:p></c:txPr>'
        )


@dataclass
class _DataRefs:
    """The parts of a python-pptx series that point into the embedded workbook, as XML."""

    tx: str
    cat: str
    val: str
    x_val: str
    y_val: str
    val_ref: str

    @classmethod
    def category(
        cls,
        index: int,
        name: str,
        values: Sequence[float | None],
        categories: Sequence[str],
        number_format: str,
    ) -> _DataRefs:
        """References to series ``index`` in the workbook layout of ``category_workbook``."""
        col = column_letter(index + 2)
        last = len(categories) + 1
        cats = "".join(
            f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>' for i, c in enumerate(categories)
        )
        pts = "".join(
            f'<c:pt idx="{i}"><c:v>{v!r}</c:v></c:pt>'
            for i, v in enumerate(values)
            if v is not None
        )
        val_ref = f"Sheet1!${col}$2:${col}${last}"
        return cls(
            tx=(
                f"<c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache>"
                f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{escape(name)}</c:v></c:pt>'
                "</c:strCache></c:strRef></c:tx>"
            ),
            cat=(
                f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache>"
                f'<c:ptCount val="{len(categories)}"/>{cats}</c:strCache></c:strRef></c:cat>'
            ),
            val=(
                f"<c:val><c:numRef><c:f>{val_ref}</c:f><c:numCache>"
                f"<c:formatCode>{escape(number_format)}</c:formatCode>"
                f'<c:ptCount val="{len(categories)}"/>{pts}</c:numCache></c:numRef></c:val>'
            ),
            x_val="",
            y_val="",
            val_ref=val_ref,
        )

    @classmethod
    def of(cls, ser: _Element) -> _DataRefs:
        from lxml import etree

        def part(tag: str) -> str:
            el = ser.find(_q(C_NS, tag))
            if el is None:
                return ""
            return str(etree.tostring(el, encoding="unicode"))

        ref = ser.find(f"{_q(C_NS, 'val')}/{_q(C_NS, 'numRef')}/{_q(C_NS, 'f')}")
        return cls(
            tx=_strip_ns(part("tx")),
            cat=_strip_ns(part("cat")),
            val=_strip_ns(part("val")),
            x_val=_strip_ns(part("xVal")),
            y_val=_strip_ns(part("yVal")),
            val_ref=(ref.text or "") if ref is not None else "",
        )


MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
C14_NS = "http://schemas.microsoft.com/office/drawing/2007/8/2/chart"


def _alternate(office: str, fallback: str) -> str:
    """``office`` for consumers that know Office 2010 charts (c14), ``fallback`` for others."""
    return (
        f'<mc:AlternateContent xmlns:mc="{MC_NS}">'
        f'<mc:Choice xmlns:c14="{C14_NS}" Requires="c14">{office}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
    )


def _strip_ns(xml: str) -> str:
    """Drop namespace declarations lxml repeats on serialised sub-elements."""
    for decl in (f' xmlns:c="{C_NS}"', f' xmlns:a="{A_NS}"', f' xmlns:r="{R_NS}"'):
        xml = xml.replace(decl, "")
    return xml


def _hundredths(pt: float) -> int:
    return round(pt * 2) * 50  # whole or half points


def _num(value: float) -> str:
    return f"{value:.10g}"


def _num_lit(values: Sequence[float]) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{_num(v)}</c:v></c:pt>' for i, v in enumerate(values))
    return (
        f'<c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>'
        f"{pts}</c:numLit>"
    )


def _fill_sppr(colour: str) -> str:
    return (
        f'<c:spPr><a:solidFill><a:srgbClr val="{hex6(colour)}"/></a:solidFill>'
        "<a:ln><a:noFill/></a:ln></c:spPr>"
    )


def _line_sppr(colour: str, width: int) -> str:
    return (
        f'<c:spPr><a:noFill/><a:ln w="{width}"><a:solidFill><a:srgbClr val="{hex6(colour)}"/>'
        "</a:solidFill></a:ln></c:spPr>"
    )


def _shows(*, val: bool = False, series: bool = False) -> str:
    return (
        '<c:showLegendKey val="0"/>'
        f'<c:showVal val="{1 if val else 0}"/><c:showCatName val="0"/>'
        f'<c:showSerName val="{1 if series else 0}"/><c:showPercent val="0"/>'
        '<c:showBubbleSize val="0"/>'
    )


def _contrast(colour: str) -> str:
    c = hex6(colour)
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return "#000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#FFFFFF"
