"""Measure text with real font metrics and choose sizes so it fits its box.

PowerPoint only applies autofit once someone edits the text, so a generated deck must size its
text itself. Widths come from the font files, found through fontconfig (``briefing.fonts``);
where the template's font is not installed, a metric-compatible one (Carlito for Calibri...) or
a wide fallback (DejaVu Sans) is measured, which errs on the side of fitting.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from briefing import fonts

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
FALLBACK_FONT = fonts.FALLBACK_FAMILY
# Where the twins come from on Debian and Ubuntu, for messages that tell the user what to install.
TWIN_PACKAGES = {
    "Carlito": "fonts-crosextra-carlito",
    "Caladea": "fonts-crosextra-caladea",
    "Liberation Sans": "fonts-liberation",
    "Liberation Serif": "fonts-liberation",
    "Liberation Mono": "fonts-liberation",
}


def twin_hint(family: str) -> str:
    """`` or its twin “Carlito” (Debian/Ubuntu: fonts-crosextra-carlito)``, or ""."""
    twin = METRIC_TWINS.get(family.strip().casefold())
    if not twin:
        return ""
    package = TWIN_PACKAGES.get(twin)
    where = f" (Debian/Ubuntu: {package})" if package else ""
    return f" or its twin of the same widths, \u201c{twin}\u201d{where},"


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
    """Advance widths of one font face, in units of the font size."""

    def __init__(self, face: fonts.FontFace) -> None:
        adv = fonts.advances(face)
        self.face = face
        self.path = face.path
        self.units = float(adv.units_per_em)
        self._adv = adv.widths
        self._wide = adv.units_per_em
        self._narrow = max(adv.default, 0.6 * adv.units_per_em)
        self._memo: dict[str, float] = {}

    def units_of(self, text: str) -> float:
        """Width of ``text`` in font units (memoised: the same words come back constantly)."""
        found = self._memo.get(text)
        if found is not None:
            return found
        total = 0.0
        widths = self._adv
        for char in text:
            w = widths.get(ord(char))
            if w is not None:
                total += w
            elif unicodedata.east_asian_width(char) in ("W", "F"):
                total += self._wide
            else:
                total += self._narrow
        if len(self._memo) < 200_000:
            self._memo[text] = total
        return total

    def width(self, text: str) -> float:
        """Width of ``text`` at 1 pt, in points; missing glyphs count as a wide character."""
        return self.units_of(text) / self.units


def font_face(family: str, bold: bool = False) -> fonts.FontFace:
    """The installed face text in ``family`` is measured with: the font itself, its metric
    twin, or the fallback (DejaVu Sans)."""
    names = [family]
    twin = METRIC_TWINS.get(family.strip().casefold())
    if twin:
        names.append(twin)
    for name in names:
        found = fonts.find(name, bold) if name else None
        if found is not None:
            return found
    return fonts.fallback(bold)


def is_installed(family: str) -> bool:
    """Whether ``family`` itself (not a twin) is installed here."""
    return fonts.is_installed(family)


def stand_in(family: str) -> fonts.FontFace | None:
    """The face text in ``family`` is measured with when neither it nor a twin of the same
    widths is installed; None when the measurement holds (the font or its twin is here)."""
    twin = METRIC_TWINS.get(family.strip().casefold())
    if fonts.is_installed(family) or (twin and fonts.is_installed(twin)):
        return None
    return font_face(family)


_by_face: dict[fonts.FontFace, FontMetrics] = {}


def metrics(family: str, bold: bool = False) -> FontMetrics:
    face = font_face(family, bold)
    found = _by_face.get(face)
    if found is None:
        found = _by_face[face] = FontMetrics(face)
    return found


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
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
    return tuple(tokens)


def wrap(text: str, font: FontMetrics, size_pt: float, width_pt: float) -> list[str]:
    """Greedy line breaking as PowerPoint does it; a word wider than the line is split."""
    if width_pt <= 0:
        return [text]
    limit = width_pt / size_pt * font.units if size_pt > 0 else float("inf")
    units = font.units_of
    lines: list[str] = []
    for hard_line in text.split("\n"):
        line = ""
        line_units = 0.0  # the line with its trailing spaces
        for token in _tokens(hard_line):
            core = token.rstrip()
            core_units = units(core)
            if line_units + core_units <= limit or (not core and units(line.rstrip()) <= limit):
                line += token
                line_units += units(token)
                continue
            if line:
                lines.append(line.rstrip())
                line = ""
            while core_units > limit and len(token) > 1:
                cut = _longest_prefix(token, font, limit)
                lines.append(token[:cut])
                token = token[cut:]
                core_units = units(token.rstrip())
            line = token
            line_units = units(token)
        lines.append(line.rstrip())
    return lines


def _longest_prefix(token: str, font: FontMetrics, limit: float) -> int:
    """How many characters of ``token`` (at least one, never all) fit within ``limit`` units."""
    total = 0.0
    cut = 1
    for n, char in enumerate(token[:-1], start=1):
        total += font.units_of(char)
        if total > limit:
            break
        cut = n
    return cut


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
