"""How charts look: colours and fonts shared by the native and the image renderer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.charts.table import SeriesTable

_HEX_RE = re.compile(r"^#?[0-9A-Fa-f]{6}$")

# A restrained palette that keeps neighbours apart for the common kinds of colour blindness:
# navy, orange, sky blue, teal, purple, ochre, slate, olive. No red: red marks reference lines.
DEFAULT_SERIES_COLOURS: tuple[str, ...] = (
    "#1F3B73",
    "#E07B24",
    "#4A90C2",
    "#2A9D8F",
    "#8A5A9E",
    "#C9A227",
    "#6B7785",
    "#7D8B3A",
)


@dataclass(frozen=True)
class ChartStyle:
    """Colours (``#RRGGBB``), font and base size for a chart.

    ``series_colours`` colour series in order (cycling when there are more series);
    ``highlight_colour`` marks highlighted countries while the others take ``muted_colour``;
    ``reference_colour`` draws reference lines.
    """

    series_colours: tuple[str, ...] = DEFAULT_SERIES_COLOURS
    highlight_colour: str = "#E07B24"
    muted_colour: str = "#AEB8C4"
    text_colour: str = "#262C33"
    grid_colour: str = "#D9DEE4"
    background: str = "#FFFFFF"
    reference_colour: str = "#C0392B"
    axis_colour: str = "#8A939D"
    font_family: str = "Calibri"
    base_font_pt: float = 12.0
    fallback_fonts: tuple[str, ...] = field(default=("Carlito", "Liberation Sans", "DejaVu Sans"))

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(problems))

    def problems(self) -> list[str]:
        p: list[str] = []
        if not self.series_colours:
            p.append("a chart style needs at least one series colour")
        colours = {
            "highlight colour": self.highlight_colour,
            "muted colour": self.muted_colour,
            "text colour": self.text_colour,
            "grid colour": self.grid_colour,
            "background": self.background,
            "reference colour": self.reference_colour,
            "axis colour": self.axis_colour,
        }
        colours.update({f"series colour {i + 1}": c for i, c in enumerate(self.series_colours)})
        for name, value in colours.items():
            if not _HEX_RE.match(value):
                p.append(f"the {name} '{value}' is not a #RRGGBB colour")
        if not 6 <= self.base_font_pt <= 40:
            p.append(f"the base font size {self.base_font_pt} pt is outside 6-40 pt")
        if not self.font_family.strip():
            p.append("a chart style needs a font family")
        return p

    def series_colour(self, index: int) -> str:
        """The palette in order; past its end, darker then lighter shades of it, so that no
        two of the first three rounds of series share a colour."""
        count = len(self.series_colours)
        base = self.series_colours[index % count]
        round_ = (index // count) % 3
        if round_ == 1:
            return blend(base, "#000000", 0.4)
        if round_ == 2:
            return blend(base, "#FFFFFF", 0.45)
        return base

    def readable_on(self, backgrounds: str | Sequence[str]) -> ChartStyle:
        """This style made readable on the plot's background (``backgrounds``: every colour
        the plot sits on, the first the main one). Text and data labels reach 4.5:1; series,
        highlight, muted, axis, gridline and reference-line colours reach 3:1 (WCAG 1.4.11).
        Each keeps its hue and moves only its lightness, and only when it falls short."""
        from briefing.colour import GRAPHIC_TARGET, TEXT_TARGET, normalise, readable

        grounds = [backgrounds] if isinstance(backgrounds, str) else list(backgrounds)
        grounds = [normalise(g) for g in grounds] or [self.background]

        def line(colour: str) -> str:
            return readable(colour, grounds, GRAPHIC_TARGET)

        return replace(
            self,
            series_colours=tuple(line(c) for c in self.series_colours),
            highlight_colour=line(self.highlight_colour),
            muted_colour=line(self.muted_colour),
            text_colour=readable(self.text_colour, grounds, TEXT_TARGET),
            grid_colour=line(self.grid_colour),
            axis_colour=line(self.axis_colour),
            reference_colour=line(self.reference_colour),
            background=grounds[0],
        )

    def with_colours(self, colours: list[str] | tuple[str, ...]) -> ChartStyle:
        """This style with a template's accent colours as series colours."""
        return replace(self, series_colours=tuple(_normalise(c) for c in colours))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["series_colours"] = list(self.series_colours)
        data["fallback_fonts"] = list(self.fallback_fonts)
        return data


def hex6(colour: str) -> str:
    """``"#1f3b73"`` -> ``"1F3B73"`` (the form OOXML wants)."""
    return colour.lstrip("#").upper()


def _normalise(colour: str) -> str:
    return "#" + hex6(colour)


DEFAULT_STYLE = ChartStyle()


def blend(colour: str, towards: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0-1) of the way to ``towards``."""
    a = [int(hex6(colour)[i : i + 2], 16) for i in (0, 2, 4)]
    b = [int(hex6(towards)[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(x + (y - x) * amount) for x, y in zip(a, b, strict=True)]
    return "#" + "".join(f"{v:02X}" for v in mixed)


class ColourPlan:
    """Which colour every series and point takes, decided once for both renderers.

    * No highlight: one series takes the first series colour; several take the palette.
    * Highlighted categories (countries on the axis): with one series they take the highlight
      colour and the rest the muted colour; with several, the rest fade towards the background.
    * Highlighted series: one takes the highlight colour, several keep their palette colours;
      the rest are muted.
    * Estimates mixed with actual figures in a series are drawn lighter.
    """

    def __init__(self, table: SeriesTable, style: ChartStyle) -> None:
        self.style = style
        self.table = table
        self._hl_cats = table.highlighted_categories()
        self._hl_series = table.highlighted_series()
        self._mixed_estimates = [
            any(s.estimates)
            and not all(e for e, v in zip(s.estimates, s.values, strict=True) if v is not None)
            for s in table.series
        ]

    @property
    def has_point_colours(self) -> bool:
        return bool(self._hl_cats) or any(self._mixed_estimates)

    def series_colour(self, index: int) -> str:
        style = self.style
        if self._hl_series:
            if index not in self._hl_series:
                return style.muted_colour
            return (
                style.highlight_colour if len(self._hl_series) == 1 else style.series_colour(index)
            )
        if self._hl_cats and len(self.table.series) == 1:
            return style.muted_colour
        return style.series_colour(index)

    def is_muted_series(self, index: int) -> bool:
        return bool(self._hl_series) and index not in self._hl_series

    def point_colour(self, series_index: int, category_index: int) -> str:
        """The fill of one point (bar); equals :meth:`series_colour` unless it stands out."""
        style = self.style
        colour = self.series_colour(series_index)
        if self._hl_cats:
            if category_index in self._hl_cats:
                colour = (
                    style.highlight_colour
                    if len(self.table.series) == 1
                    else style.series_colour(series_index)
                )
            elif len(self.table.series) > 1:
                colour = blend(style.series_colour(series_index), style.background, 0.6)
        if self.is_estimate_point(series_index, category_index):
            colour = blend(colour, style.background, 0.45)
        return colour

    def is_estimate_point(self, series_index: int, category_index: int) -> bool:
        s = self.table.series[series_index]
        return self._mixed_estimates[series_index] and s.estimates[category_index]

    def is_highlighted_category(self, category_index: int) -> bool:
        return category_index in self._hl_cats
