"""Charts as PNG pictures, drawn with matplotlib (``Figure`` + ``FigureCanvasAgg``, no pyplot).

``render_png`` draws one table; ``render_many`` draws many in worker processes and keeps every
picture in a disk cache named by a hash of what it shows, so rebuilding a deck after one edit
redraws one chart.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from briefing import fonts
from briefing.charts.geometry import spread
from briefing.charts.numfmt import decimals_for_step, nice_scale
from briefing.charts.style import ChartStyle, ColourPlan, blend
from briefing.charts.table import SeriesTable
from briefing.errors import ChartError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, FigureBase

# Bump when the drawing code changes in a way that alters pictures: old cache entries then miss.
RENDER_VERSION = "1"

_PT_PER_IN = 72.0


# ====================================================================== one picture


def render_png(
    table: SeriesTable,
    style: ChartStyle,
    width_in: float,
    height_in: float,
    dpi: int = 200,
    *,
    draw_title: bool = False,
    draw_source: bool = True,
) -> bytes:
    """A PNG of exactly ``round(width_in * dpi)`` x ``round(height_in * dpi)`` pixels.

    The slide title usually carries the chart's title, so it is drawn only with ``draw_title``;
    the source line (with notes on estimates and missing figures) is drawn small at the
    bottom left unless ``draw_source`` is False (when the slide prints it itself).
    """
    if not (0.5 <= width_in <= 40 and 0.5 <= height_in <= 40):
        raise ChartError(f"A chart picture of {width_in:g} x {height_in:g} in is not drawable.")
    if not 30 <= dpi <= 600:
        raise ChartError(f"A resolution of {dpi} dpi is outside 30-600.")
    fig = _draw(
        table, style, width_in, height_in, dpi, draw_title=draw_title, draw_source=draw_source
    )
    buffer = io.BytesIO()
    fig.savefig(
        buffer, format="png", dpi=dpi, facecolor=style.background, metadata={"Software": None}
    )
    return buffer.getvalue()


def resolve_font(family: str, fallbacks: tuple[str, ...] = ()) -> str:
    """The first of ``family`` and ``fallbacks`` installed here (as fontconfig sees it, so a
    font installed after matplotlib built its font list counts), else matplotlib's default.

    The font's files are handed to matplotlib, whose own list may be stale, and the name it
    knows them by is returned; asking this way also keeps matplotlib from logging a warning
    for every text drawn in a missing font.
    """
    from matplotlib import font_manager

    for name in (family, *fallbacks):
        face = fonts.find(name)
        if face is not None:
            bold = fonts.find(name, bold=True)
            found = _registered(face.path)
            if bold is not None and bold.path != face.path:
                _registered(bold.path)
            if found:
                return found
    return str(font_manager.fontManager.defaultFamily["ttf"])


_known_files: dict[str, str] = {}


def _registered(path: str) -> str:
    """The family name matplotlib draws the font file ``path`` under, adding it to
    matplotlib's list when it is new there ("" if matplotlib cannot read it)."""
    from matplotlib import font_manager

    if path not in _known_files:
        manager = font_manager.fontManager
        name = next((f.name for f in manager.ttflist if f.fname == path), None)
        if name is None:
            try:
                manager.addfont(path)
                name = next((f.name for f in manager.ttflist if f.fname == path), "")
            except (OSError, RuntimeError, ValueError):
                name = ""
        _known_files[path] = name
    return _known_files[path]


def font_file(style: ChartStyle) -> str:
    """The file a picture's text is drawn with (part of the picture cache's key)."""
    for name in (style.font_family, *style.fallback_fonts):
        face = fonts.find(name)
        if face is not None:
            return f"{face.path}:{face.index}"
    return "default"


@dataclass
class _Sizes:
    tick: float
    category: float
    label: float
    axis_title: float
    source: float
    title: float
    legend: float
    scale: float
    width_in: float
    height_in: float


def _sizes(table: SeriesTable, style: ChartStyle, width_in: float, height_in: float) -> _Sizes:
    base = style.base_font_pt
    # Small pictures get smaller text, but never below a readable floor.
    scale = max(0.7, min(1.0, min(width_in / 8.0, height_in / 4.5) ** 0.5))
    tick = max(7.0, base * 0.9 * scale)
    category = tick
    n = max(1, len(table.categories))
    if table.horizontal:
        per_row_pt = height_in * _PT_PER_IN * 0.78 / n
        category = max(5.5, min(tick, per_row_pt * 0.72))
    return _Sizes(
        tick=tick,
        category=category,
        label=max(6.0, min(tick * 0.9, category)),
        axis_title=tick,
        source=max(6.5, base * 0.68 * scale),
        title=base * 1.3 * scale,
        legend=tick,
        scale=scale,
        width_in=width_in,
        height_in=height_in,
    )


def _draw(
    table: SeriesTable,
    style: ChartStyle,
    width_in: float,
    height_in: float,
    dpi: int,
    *,
    draw_title: bool,
    draw_source: bool = True,
) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    family = resolve_font(style.font_family, style.fallback_fonts)
    sizes = _sizes(table, style, width_in, height_in)
    # Agg truncates the canvas to whole pixels: aim a quarter pixel over the rounded size so
    # the picture is exactly round(inches * dpi) pixels.
    width_px, height_px = round(width_in * dpi), round(height_in * dpi)
    fig = Figure(
        figsize=((width_px + 0.25) / dpi, (height_px + 0.25) / dpi),
        dpi=dpi,
        facecolor=style.background,
    )
    FigureCanvasAgg(fig)

    text_kw: dict[str, Any] = {"family": family, "color": style.text_colour, "parse_math": False}
    # Strips for the title (top) and the source line (bottom), in figure fractions.
    bottom = _footer(fig, table, style, sizes, width_in, height_in, text_kw) if draw_source else 0.0
    top = 1.0
    if draw_title and table.title:
        top = _header(fig, table, sizes, width_in, height_in, text_kw)
    fig.set_layout_engine("constrained", h_pad=4 / _PT_PER_IN, w_pad=4 / _PT_PER_IN)
    # The chart (axes, legend, labels) lives in a subfigure between the strips, so that
    # constrained layout keeps even "outside" legends off the title and the source line.
    chart: Any = fig
    if bottom > 0 or top < 1:
        grid = fig.add_gridspec(
            3,
            1,
            height_ratios=[max(1e-3, 1 - top), top - bottom, max(1e-3, bottom)],
            hspace=0,
            left=0,
            right=1,
            top=1,
            bottom=0,
        )
        chart = fig.add_subfigure(grid[1])
        chart.set_facecolor("none")

    ax = chart.add_subplot()
    ax.set_facecolor(style.background)
    plan = ColourPlan(table, style)
    handles: list[Any] = []
    right_labels: list[_RightLabel] = []
    if table.kind == "scatter":
        _scatter(ax, table, style, plan, sizes, text_kw)
    elif table.kind == "line":
        handles = _lines(ax, table, style, plan, sizes, text_kw, right_labels)
    else:
        handles = _bars(ax, table, style, plan, sizes, text_kw)
    _frame(ax, table, style, sizes, family)
    _reference_lines(ax, table, style, sizes, text_kw, right_labels)
    _draw_right_labels(ax, right_labels, sizes, text_kw)
    _legend(chart, table, handles, style, sizes, family)
    return fig


def _wrap(text: str, width_in: float, size_pt: float) -> list[str]:
    chars = max(20, int(width_in * _PT_PER_IN / (size_pt * 0.5)))
    return textwrap.wrap(text, chars) or [""]


def _footer(
    fig: Figure,
    table: SeriesTable,
    style: ChartStyle,
    sizes: _Sizes,
    width_in: float,
    height_in: float,
    text_kw: dict[str, Any],
) -> float:
    note = table.footnote()
    if not note:
        return 0.0
    lines = _wrap(note, width_in * 0.98, sizes.source)[:3]
    line_h = sizes.source * 1.25 / _PT_PER_IN / height_in
    pad = 3 / _PT_PER_IN / height_in
    fig.text(
        0.005,
        pad,
        "\n".join(lines),
        ha="left",
        va="bottom",
        fontsize=sizes.source,
        linespacing=1.15,
        **{**text_kw, "color": blend(style.text_colour, style.background, 0.3)},
    )
    return pad * 3 + line_h * len(lines)


def _header(
    fig: Figure,
    table: SeriesTable,
    sizes: _Sizes,
    width_in: float,
    height_in: float,
    text_kw: dict[str, Any],
) -> float:
    lines = _wrap(table.title, width_in, sizes.title)[:2]
    height = sizes.title * 1.3 * len(lines) / _PT_PER_IN / height_in
    fig.text(
        0.005,
        1.0 - 2 / _PT_PER_IN / height_in,
        "\n".join(lines),
        ha="left",
        va="top",
        fontsize=sizes.title,
        fontweight="bold",
        **text_kw,
    )
    top = 1.0 - height - 4 / _PT_PER_IN / height_in
    if table.subtitle:
        fig.text(0.005, top, table.subtitle, ha="left", va="top", fontsize=sizes.tick, **text_kw)
        top -= sizes.tick * 1.4 / _PT_PER_IN / height_in
    return top


# ====================================================================== chart kinds


def _value_scale(table: SeriesTable) -> tuple[float, float, float]:
    return table.value_scale()


def _bars(
    ax: Axes,
    table: SeriesTable,
    style: ChartStyle,
    plan: ColourPlan,
    sizes: _Sizes,
    text_kw: dict[str, Any],
) -> list[Any]:
    n_cat = len(table.categories)
    n_ser = len(table.series)
    positions = list(range(n_cat))
    horizontal = table.horizontal
    fmt = table.formats
    group = 0.72 if horizontal else 0.7
    width = group if table.stacked else group / max(1, n_ser)
    handles = []
    pos_base = [0.0] * n_cat
    neg_base = [0.0] * n_cat
    for s_i, series in enumerate(table.series):
        idx = [i for i, v in enumerate(series.values) if v is not None]
        vals = [float(series.values[i] or 0.0) for i in idx]
        if table.stacked:
            offsets = [0.0] * len(idx)
            starts = [
                (pos_base[i] if v >= 0 else neg_base[i]) for i, v in zip(idx, vals, strict=True)
            ]
        else:
            offsets = [(s_i - (n_ser - 1) / 2) * width] * len(idx)
            starts = [0.0] * len(idx)
        where = [positions[i] + o for i, o in zip(idx, offsets, strict=True)]
        colours = [plan.point_colour(s_i, i) for i in idx]
        if horizontal:
            bars = ax.barh(
                where,
                vals,
                height=width * 0.92,
                left=starts,
                color=colours,
                label=series.name,
                zorder=2,
            )
        else:
            bars = ax.bar(
                where,
                vals,
                width=width * 0.92,
                bottom=starts,
                color=colours,
                label=series.name,
                zorder=2,
            )
        # The legend swatch shows the series colour, not a highlighted point's.
        proxy = _swatch(plan.series_colour(s_i), series.name)
        handles.append(proxy)
        if table.stacked:
            for i, v in zip(idx, vals, strict=True):
                if v >= 0:
                    pos_base[i] += v
                else:
                    neg_base[i] += v
        if table.data_labels and idx:
            labels = [fmt.format(v) for v in vals]
            if table.stacked:
                ax.bar_label(
                    bars,
                    labels=labels,
                    label_type="center",
                    fontsize=sizes.label,
                    family=text_kw["family"],
                    color=_on(colours),
                    parse_math=False,
                )
            else:
                ax.bar_label(
                    bars,
                    labels=labels,
                    padding=2,
                    fontsize=sizes.label,
                    family=text_kw["family"],
                    color=style.text_colour,
                    parse_math=False,
                    zorder=5,
                    bbox=_label_box(style),
                )
    if table.stacked and table.data_labels:
        totals = [pos_base[i] + neg_base[i] for i in range(n_cat)]
        for i, total in enumerate(totals):
            if total == 0 and all(s.values[i] is None for s in table.series):
                continue
            if horizontal:
                ax.annotate(
                    fmt.format(total),
                    (pos_base[i], positions[i]),
                    xytext=(3, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=sizes.label,
                    fontweight="bold",
                    **text_kw,
                )
            else:
                ax.annotate(
                    fmt.format(total),
                    (positions[i], pos_base[i]),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    fontsize=sizes.label,
                    fontweight="bold",
                    **text_kw,
                )

    lo, hi, step = _value_scale(table)
    labels = table.display_categories()
    if horizontal:
        ax.set_ylim(n_cat - 0.5, -0.5)  # first category on top
        ax.set_yticks(positions, labels=labels, fontsize=sizes.category, **text_kw)
        _set_value_axis(ax, table, lo, hi, step, sizes, axis="x")
    else:
        ax.set_xlim(-0.5, n_cat - 0.5)
        rotate = _needs_rotation(labels, sizes.width_in, sizes.category, n_cat)
        ax.set_xticks(
            positions,
            labels=labels,
            fontsize=sizes.category,
            rotation=45 if rotate else 0,
            ha="right" if rotate else "center",
            rotation_mode="anchor",
            **text_kw,
        )
        _set_value_axis(ax, table, lo, hi, step, sizes, axis="y")
    _bold_highlighted(ax, table, plan, horizontal)
    return handles


def _label_box(style: ChartStyle) -> dict[str, Any]:
    """A background-coloured box that keeps a label readable where a reference line crosses."""
    return {"boxstyle": "square,pad=0.08", "facecolor": style.background, "edgecolor": "none"}


def _on(colours: Sequence[str]) -> str:
    """Black or white, whichever reads better on the first of ``colours``."""
    if not colours:
        return "#000000"
    c = colours[0].lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return "#000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#FFFFFF"


def _swatch(colour: str, label: str) -> Any:
    from matplotlib.patches import Patch

    return Patch(facecolor=colour, edgecolor="none", label=label)


def _needs_rotation(labels: list[str], width_in: float, size_pt: float, n: int) -> bool:
    if n == 0:
        return False
    width_pt = width_in * _PT_PER_IN * 0.85
    longest = max(len(label) for label in labels)
    return longest * size_pt * 0.5 > width_pt / n * 0.95


def _bold_highlighted(ax: Axes, table: SeriesTable, plan: ColourPlan, horizontal: bool) -> None:
    ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
    for i, tick in enumerate(ticks):
        if plan.is_highlighted_category(i):
            tick.set_fontweight("bold")


def _lines(
    ax: Axes,
    table: SeriesTable,
    style: ChartStyle,
    plan: ColourPlan,
    sizes: _Sizes,
    text_kw: dict[str, Any],
    right_labels: list[_RightLabel],
) -> list[Any]:
    from matplotlib.lines import Line2D

    xs = list(range(len(table.categories)))
    fmt = table.formats
    handles = []
    # Muted series first, so highlighted ones are drawn on top.
    order = sorted(range(len(table.series)), key=lambda i: not plan.is_muted_series(i))
    end_labels: list[tuple[float, str, str]] = []
    for s_i in order:
        series = table.series[s_i]
        colour = plan.series_colour(s_i)
        muted = plan.is_muted_series(s_i)
        lw = (1.3 if muted else 2.2) * sizes.scale
        z = 2 if muted else 3
        for seg_x, seg_y, dashed in _segments(series.values, series.estimates):
            ax.plot(
                [xs[i] for i in seg_x],
                seg_y,
                color=colour,
                linewidth=lw,
                linestyle=(0, (3, 2)) if dashed else "-",
                zorder=z,
                solid_capstyle="round",
            )
        present = [i for i, v in enumerate(series.values) if v is not None]
        actual = [i for i in present if not series.estimates[i]]
        estimated = [i for i in present if series.estimates[i]]
        marker_size = (3.0 if muted else 4.2) * sizes.scale**1.5
        if actual:
            ax.plot(
                actual,
                [float(series.values[i] or 0.0) for i in actual],
                linestyle="none",
                marker="o",
                markersize=marker_size,
                color=colour,
                zorder=z,
            )
        if estimated:
            ax.plot(
                estimated,
                [float(series.values[i] or 0.0) for i in estimated],
                linestyle="none",
                marker="o",
                markersize=marker_size,
                markerfacecolor=style.background,
                markeredgecolor=colour,
                markeredgewidth=1.2,
                zorder=z,
            )
        if table.data_labels and present:
            last = present[-1]
            value = series.values[last]
            assert value is not None
            end_labels.append((value, fmt.format(value), colour))
        handles.append(
            Line2D(
                [],
                [],
                color=colour,
                linewidth=lw,
                marker="o",
                markersize=marker_size,
                label=series.name,
            )
        )
    names = [s.name for s in table.series]
    handles.sort(key=lambda h: names.index(str(h.get_label())))
    lo, hi, step = _value_scale(table)
    right_labels.extend(_RightLabel(v, t, c, bold=False) for v, t, c in end_labels)
    ax.set_xlim(-0.3, len(xs) - 0.7)
    labels = table.display_categories()
    every = max(1, math.ceil(len(labels) / 14))
    ax.set_xticks(xs[::every], labels=labels[::every], fontsize=sizes.category, **text_kw)
    _set_value_axis(ax, table, lo, hi, step, sizes, axis="y")
    return handles


def _segments(
    values: list[float | None], estimates: list[bool]
) -> list[tuple[list[int], list[float], bool]]:
    """Runs of consecutive present values; a run touching an estimate is dashed."""
    out: list[tuple[list[int], list[float], bool]] = []
    for i in range(len(values) - 1):
        a, b = values[i], values[i + 1]
        if a is None or b is None:
            continue
        dashed = estimates[i + 1]
        if out and out[-1][0][-1] == i and out[-1][2] == dashed:
            out[-1][0].append(i + 1)
            out[-1][1].append(b)
        else:
            out.append(([i, i + 1], [a, b], dashed))
    return out


@dataclass
class _RightLabel:
    value: float
    text: str
    colour: str
    bold: bool


def _draw_right_labels(
    ax: Axes, labels: list[_RightLabel], sizes: _Sizes, text_kw: dict[str, Any]
) -> None:
    """Labels in a column right of the plot (line ends, reference lines), never overlapping."""
    if not labels:
        return
    lo, hi = ax.get_ylim()
    axis_pt = sizes.height_in * _PT_PER_IN * 0.72
    gap = (hi - lo) * (sizes.label * 1.2) / axis_pt
    placed = spread([label.value for label in labels], gap)
    for label, y in zip(labels, placed, strict=True):
        ax.annotate(
            label.text,
            (1.0, y),
            xycoords=("axes fraction", "data"),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize=sizes.label,
            fontweight="bold" if label.bold else "normal",
            annotation_clip=False,
            **{**text_kw, "color": label.colour},
        )


def _scatter(
    ax: Axes,
    table: SeriesTable,
    style: ChartStyle,
    plan: ColourPlan,
    sizes: _Sizes,
    text_kw: dict[str, Any],
) -> None:
    xs = table.x_values or []
    ys = table.series[0].values if table.series else []
    points = [
        (c, x, y, i)
        for i, (c, x, y) in enumerate(zip(table.categories, xs, ys, strict=True))
        if x is not None and y is not None
    ]
    named = table.scatter_labels()
    for name, x, y, i in points:
        hl = plan.is_highlighted_category(i)
        colour = (
            style.highlight_colour
            if hl
            else (style.muted_colour if table.highlight else style.series_colour(0))
        )
        ax.scatter([x], [y], s=40 if hl else 28, color=colour, zorder=3, edgecolors="none")
        if i in named:
            ax.annotate(
                name,
                (x, y),
                xytext=(5, 0),
                textcoords="offset points",
                va="center",
                fontsize=sizes.label,
                fontweight="bold" if hl else "normal",
                zorder=5,
                bbox=_label_box(style),
                **text_kw,
            )
    x_vals = [p[1] for p in points]
    y_vals = [p[2] for p in points]
    x_lo, x_hi, x_step = nice_scale(min(x_vals), max(x_vals), include_zero=True)
    y_lo, y_hi, y_step = nice_scale(
        min(y_vals),
        max(y_vals),
        include_zero=True,
        exact=[line.value for line in table.reference_lines],
    )
    _set_value_axis(ax, table, x_lo, x_hi, x_step, sizes, axis="x")
    _set_value_axis(ax, table, y_lo, y_hi, y_step, sizes, axis="y")


# ====================================================================== frame and extras


def _set_value_axis(
    ax: Axes,
    table: SeriesTable,
    lo: float,
    hi: float,
    step: float,
    sizes: _Sizes,
    *,
    axis: Literal["x", "y"],
) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter

    parsed = table.formats.parsed
    scaled_step = step / parsed.divisor * (100 if parsed.percent else 1)
    decimals = min(parsed.decimals, decimals_for_step(scaled_step))
    ticks = [lo + k * step for k in range(round((hi - lo) / step) + 1)]

    def label(value: float, _pos: float | None) -> str:
        return parsed.format(0.0 if abs(value) < step * 1e-9 else value, decimals)

    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(FixedLocator(ticks))
    target.set_major_formatter(FuncFormatter(label))
    if axis == "x":
        ax.set_xlim(lo, hi)
    else:
        ax.set_ylim(lo, hi)
    ax.tick_params(axis=axis, labelsize=sizes.tick)


def _frame(ax: Axes, table: SeriesTable, style: ChartStyle, sizes: _Sizes, family: str) -> None:
    value_axis: Literal["x", "y"] = "x" if table.horizontal else "y"
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if table.kind == "scatter":
        for side in ("left", "bottom"):
            ax.spines[side].set_color(style.grid_colour)
        ax.grid(True, color=style.grid_colour, linewidth=0.6, zorder=0)
    else:
        # The value axis is read through gridlines; the category axis keeps its baseline.
        ax.spines["left" if value_axis == "y" else "bottom"].set_visible(False)
        baseline = ax.spines["bottom" if value_axis == "y" else "left"]
        baseline.set_color(blend(style.text_colour, style.background, 0.55))
        baseline.set_linewidth(0.8)
        ax.grid(True, axis=value_axis, color=style.grid_colour, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.tick_params(axis="both", length=0, pad=4, colors=style.text_colour, labelfontfamily=family)
    title_kw: dict[str, Any] = {
        "fontsize": sizes.axis_title,
        "family": family,
        "color": style.text_colour,
        "parse_math": False,
    }
    if table.x_title:
        ax.set_xlabel(table.x_title, labelpad=6, **title_kw)
    if table.y_title:
        ax.set_ylabel(table.y_title, labelpad=6, **title_kw)


def _reference_lines(
    ax: Axes,
    table: SeriesTable,
    style: ChartStyle,
    sizes: _Sizes,
    text_kw: dict[str, Any],
    right_labels: list[_RightLabel],
) -> None:
    """Dashed lines across the plot; their labels go above it (bar charts) or right of it."""
    from briefing.charts.alt_text import reference_value_text

    if not table.reference_lines:
        return
    lines = sorted(table.reference_lines, key=lambda r: r.value)
    texts = [line.label or reference_value_text(table, line.value) for line in lines]
    line_kw: dict[str, Any] = {
        "color": style.reference_colour,
        "linewidth": 1.3,
        "linestyle": (0, (4, 2)),
        "zorder": 4,
        "clip_on": False,
    }
    if not table.horizontal:
        for line, text in zip(lines, texts, strict=True):
            ax.axhline(line.value, **line_kw)
            right_labels.append(_RightLabel(line.value, text, style.reference_colour, bold=True))
        return
    lo, hi = ax.get_xlim()
    axis_pt = sizes.width_in * _PT_PER_IN * 0.8
    gap = (hi - lo) * (max(len(t) for t in texts) * sizes.label * 0.5 + 6) / axis_pt
    for line in lines:
        ax.axvline(line.value, **line_kw)
    placed = spread([line.value for line in lines], gap)
    kw = {**text_kw, "color": style.reference_colour}
    for text, x in zip(texts, placed, strict=True):
        ax.annotate(
            text,
            (x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=sizes.label,
            fontweight="bold",
            annotation_clip=False,
            **kw,
        )


def _legend(
    fig: FigureBase,
    table: SeriesTable,
    handles: list[Any],
    style: ChartStyle,
    sizes: _Sizes,
    family: str,
) -> None:
    if table.legend == "none" or not handles or len(handles) < 2:
        return
    loc = {
        "bottom": "outside lower center",
        "top": "outside upper center",
        "right": "outside right upper",
    }[table.legend]
    if table.legend == "right":
        ncols = 1
    else:
        width_pt = sizes.width_in * _PT_PER_IN * 0.95
        longest = max(len(str(h.get_label())) for h in handles)
        per_item = (longest * 0.52 + 3.5) * sizes.legend
        ncols = max(1, min(len(handles), int(width_pt // per_item)))
    options: dict[str, Any] = {
        "loc": loc,
        "ncols": ncols,
        "frameon": False,
        "prop": {"family": family, "size": sizes.legend},
        "labelcolor": style.text_colour,
        "handlelength": 1.4,
        "columnspacing": 1.4,
    }
    fig.legend(handles=handles, **options)


# ====================================================================== many, cached


@dataclass
class RenderJob:
    """One picture to draw."""

    table: SeriesTable
    style: ChartStyle
    width_in: float
    height_in: float
    dpi: int = 200
    draw_title: bool = False
    draw_source: bool = True

    def cache_key(self) -> str:
        """A hash of everything that changes the picture (data, spec, style, size, code)."""
        payload = {
            "renderer": RENDER_VERSION,
            "matplotlib": _matplotlib_version(),
            "table": self.table.to_dict(),
            "style": self.style.to_dict(),
            "font": font_file(self.style),
            "size": [round(self.width_in, 4), round(self.height_in, 4), self.dpi],
            "title": self.draw_title,
            "source": self.draw_source,
        }
        text = json.dumps(payload, sort_keys=True, default=str, allow_nan=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass
class RenderStats:
    """What :func:`render_many` did: pictures drawn and pictures taken from the cache."""

    rendered: int = 0
    cached: int = 0


@cache
def _matplotlib_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("matplotlib")
    except PackageNotFoundError:  # pragma: no cover
        return "unknown"


def _render_job(job: RenderJob) -> bytes:
    """The work a worker process does (module level, so spawned processes can import it)."""
    return render_png(
        job.table,
        job.style,
        job.width_in,
        job.height_in,
        job.dpi,
        draw_title=job.draw_title,
        draw_source=job.draw_source,
    )


def render_many(
    jobs: Sequence[RenderJob],
    cache_dir: Path,
    workers: int | None = None,
    *,
    stats: RenderStats | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """PNG files for ``jobs`` (same order), drawing only those not already in ``cache_dir``.

    ``workers`` > 1 draws in up to that many spawned processes (never more than there are
    processors); 1, or fewer than three pictures to draw, draws here. ``progress(done, total)``
    is called after each picture.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    keys = [job.cache_key() for job in jobs]
    paths = [cache_dir / f"chart-{key}.png" for key in keys]
    todo: dict[str, tuple[RenderJob, Path]] = {}
    for job, key, path in zip(jobs, keys, paths, strict=True):
        if key not in todo and not path.is_file():
            todo[key] = (job, path)
    total = len(todo)
    if stats is not None:
        stats.rendered += total
        stats.cached += len(jobs) - total
    if not todo:
        return paths
    # More processes than processors only adds start-up time (a spawned worker takes about a
    # second to import matplotlib), and two pictures are quicker drawn here.
    cpus = os.cpu_count() or 1
    count = min(workers if workers is not None else 4, cpus, total)
    items = list(todo.values())
    done = 0
    if count <= 1 or total < 3:
        for job, path in items:
            _write_atomic(path, _render_job(job))
            done += 1
            if progress is not None:
                progress(done, total)
        return paths

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(count, total), mp_context=context) as pool:
        futures = {pool.submit(_render_job, job): path for job, path in items}
        for future in as_completed(futures):
            _write_atomic(futures[future], future.result())
            done += 1
            if progress is not None:
                progress(done, total)
    return paths


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".png", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
