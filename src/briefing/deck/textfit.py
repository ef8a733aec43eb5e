"""Measure text with real font metrics and choose sizes so it fits its box.

PowerPoint only applies autofit once someone edits the text, so a generated deck must size its
text itself. Widths come from the font files (fontTools), found through matplotlib's font manager;
where the template's font is not installed, a metric-compatible one (Carlito for Calibri...) or
a wide fallback (DejaVu Sans) is measured, which errs on the side of fitting.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

EMU_PER_PT = 12700
DEFAULT_INSET_X = 91440
DEFAULT_INSET_Y = 45720

# Fonts that share metrics with common Office fonts, so widths measured on one hold for the other.
METRIC_TWINS = {
    "calibri": "Carlito",
    "calibri light": "Carlito",
    "cambria": "Caladea",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "times new roman": "Liberation Serif",
    "courier new": "Liberation Mono",
}
FALLBACK_FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Run:
    text: str
    size_pt: float
    bold: bool = False
    indent_emu: int = 0  # left indent of the paragraph (bullet levels)
    space_before_pt: float = 0.0
    line_spacing: float = 1.2


@dataclass(frozen=True)
class FitResult:
    scale: float
    fits: bool
    height_emu: int
    lines: int


class FontMetrics:
    """Advance widths of one font file, in units of the font size."""

    def __init__(self, path: str) -> None:
        import logging

        from fontTools.ttLib import TTFont

        logging.getLogger("fontTools").setLevel(logging.ERROR)
        # Read what is needed, then close the file (a lazy TTFont keeps it open otherwise).
        with TTFont(path, lazy=True, fontNumber=0) as font:
            self.units = float(font["head"].unitsPerEm)
            cmap: dict[int, str] = font.getBestCmap() or {}
            hmtx: Any = font["hmtx"]
            self._widths = {code: hmtx[glyph][0] / self.units for code, glyph in cmap.items()}
            self._default = hmtx[font.getGlyphOrder()[0]][0] / self.units
        self.path = path

    def width(self, text: str) -> float:
        """Width of ``text`` at 1 pt, in points; missing glyphs count as a wide character."""
        total = 0.0
        for char in text:
            w = self._widths.get(ord(char))
            if w is None:
                w = (
                    1.0
                    if unicodedata.east_asian_width(char) in ("W", "F")
                    else max(self._default, 0.6)
                )
            total += w
        return total


@cache
def font_path(family: str, bold: bool = False) -> str:
    """The file of an installed font for ``family`` (a metric twin or the fallback if absent)."""
    from matplotlib import font_manager

    names = [family]
    twin = METRIC_TWINS.get(family.strip().casefold())
    if twin:
        names.append(twin)
    names.append(FALLBACK_FONT)
    for name in names:
        if not name:
            continue
        props = font_manager.FontProperties(family=name, weight="bold" if bold else "normal")
        try:
            found: str = font_manager.findfont(props, fallback_to_default=False)
        except ValueError:
            continue
        return found
    fallback: str = font_manager.findfont(font_manager.FontProperties())
    return fallback


def is_installed(family: str) -> bool:
    """Whether ``family`` itself (not a twin) is installed here."""
    from matplotlib import font_manager

    try:
        font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return False
    return True


@cache
def metrics(family: str, bold: bool = False) -> FontMetrics:
    return FontMetrics(font_path(family, bold))


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Words with their trailing space; CJK characters each stand alone (they break anywhere)."""
    tokens: list[str] = []
    current = ""
    for char in text:
        if _is_cjk(char):
            if current:
                tokens.append(current)
                current = ""
            tokens.append(char)
        elif char == " ":
            current += char
            tokens.append(current)
            current = ""
        else:
            current += char
    if current:
        tokens.append(current)
    return tokens


def wrap(text: str, font: FontMetrics, size_pt: float, width_pt: float) -> list[str]:
    """Greedy line breaking as PowerPoint does it; a word wider than the line is split."""
    if width_pt <= 0:
        return [text]
    lines: list[str] = []
    for hard_line in text.split("\n"):
        line = ""
        for token in _tokens(hard_line):
            candidate = line + token
            if font.width(candidate.rstrip()) * size_pt <= width_pt:
                line = candidate
                continue
            if line:
                lines.append(line.rstrip())
                line = ""
            while font.width(token.rstrip()) * size_pt > width_pt and len(token) > 1:
                cut = len(token) - 1
                while cut > 1 and font.width(token[:cut]) * size_pt > width_pt:
                    cut -= 1
                lines.append(token[:cut])
                token = token[cut:]
            line = token
        lines.append(line.rstrip())
    return lines


def measure(runs: list[Run], family: str, width_emu: int, scale: float = 1.0) -> tuple[int, int]:
    """Height (EMU) and line count of the paragraphs at ``scale`` of their sizes."""
    height_pt = 0.0
    count = 0
    for number, run in enumerate(runs):
        size = run.size_pt * scale
        font = metrics(family, run.bold)
        width_pt = (width_emu - run.indent_emu) / EMU_PER_PT
        lines = len(wrap(run.text, font, size, width_pt)) if run.text else 1
        count += lines
        height_pt += lines * size * run.line_spacing
        if number:
            height_pt += run.space_before_pt * scale
    return int(height_pt * EMU_PER_PT), count


def fit(
    runs: list[Run],
    family: str,
    width_emu: int,
    height_emu: int,
    *,
    min_scale: float = 0.6,
    inset_x: int = DEFAULT_INSET_X,
    inset_y: int = DEFAULT_INSET_Y,
) -> FitResult:
    """The largest scale (1.0 down to ``min_scale``, in 5% steps) at which the text fits."""
    inner_w = width_emu - 2 * inset_x
    inner_h = height_emu - 2 * inset_y
    scale = 1.0
    while True:
        height, lines = measure(runs, family, inner_w, scale)
        if height <= inner_h:
            return FitResult(scale, True, height, lines)
        next_scale = round(scale - 0.05, 2)
        if next_scale < min_scale - 1e-9:
            return FitResult(scale, False, height, lines)
        scale = next_scale
