"""Colour on a slide, as plain data and pure arithmetic: no template reading, no python-pptx.

Colours are ``"#RRGGBB"`` strings throughout. This module knows

* WCAG 2 contrast: :func:`luminance`, :func:`contrast`, :func:`text_target` (4.5:1 for text
  under 18 pt, 3:1 for large text: 18 pt and up, or 14 pt bold) and :data:`GRAPHIC_TARGET` (3:1
  for chart lines and marks against the plot background);
* the DrawingML colour transforms a theme colour goes through (``lumMod``, ``lumOff``, ``tint``,
  ``shade``, ``satMod``...), in :func:`transform`;
* how to choose a colour that reaches a contrast target while changing as little as it can:
  :func:`readable` keeps the hue and saturation and moves only the lightness;
* what a box sits on (:class:`Backdrop`, the colours beneath it with their share of its area)
  and what colour its text shows in (:class:`Ink`, the colour, the template's own colour, and
  whether the app wrote it). The plan carries one of each for every box the app fills.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

WHITE = "#FFFFFF"
BLACK = "#000000"
TEXT_TARGET = 4.5  # WCAG 1.4.3 (AA) for normal text
LARGE_TEXT_TARGET = 3.0  # WCAG 1.4.3 for large text
GRAPHIC_TARGET = 3.0  # WCAG 1.4.11: lines and marks a reader needs to understand a chart
LARGE_TEXT_PT = 18.0
LARGE_BOLD_TEXT_PT = 14.0
MINOR_SHARE = 0.1  # parts of a backdrop under this share of a box do not decide its text colour


# -- parsing --------------------------------------------------------------------------------------


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#1F3B73"`` (or ``"1f3b73"``) -> ``(31, 59, 115)``; raises ValueError when malformed."""
    value = colour.strip().lstrip("#")
    if len(value) != 6:
        raise ValueError(f"{colour!r} is not a #RRGGBB colour")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_colour(red: float, green: float, blue: float) -> str:
    """Components 0-255 (clamped and rounded) -> ``"#RRGGBB"``."""
    parts = (max(0, min(255, round(c))) for c in (red, green, blue))
    return "#" + "".join(f"{c:02X}" for c in parts)


def normalise(colour: str) -> str:
    """Any accepted spelling -> upper-case ``"#RRGGBB"``."""
    return hex_colour(*rgb(colour))


# -- WCAG contrast --------------------------------------------------------------------------------


def _linear(channel: float) -> float:
    c = channel / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(linear: float) -> float:
    c = max(0.0, min(1.0, linear))
    return 255.0 * (c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)


def luminance(colour: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    r, g, b = (_linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 (none) to 21 (black on white)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def is_large_text(size_pt: float, bold: bool = False) -> bool:
    return size_pt >= LARGE_TEXT_PT or (bold and size_pt >= LARGE_BOLD_TEXT_PT)


def text_target(size_pt: float, bold: bool = False) -> float:
    """The contrast text of this size needs: 3:1 when large, 4.5:1 otherwise."""
    return LARGE_TEXT_TARGET if is_large_text(size_pt, bold) else TEXT_TARGET


def is_dark(colour: str) -> bool:
    """Whether white text reads better on ``colour`` than black text does."""
    return contrast(colour, WHITE) >= contrast(colour, BLACK)


# -- mixing and DrawingML transforms ---------------------------------------------------------------


def mix(a: str, b: str, amount: float) -> str:
    """``a`` moved ``amount`` (0-1) of the way to ``b``, in sRGB."""
    pa, pb = rgb(a), rgb(b)
    return hex_colour(*(x + (y - x) * amount for x, y in zip(pa, pb, strict=True)))


def mean(weighted: Iterable[tuple[str, float]]) -> str:
    """The area-weighted mean of colours, in linear light (as the eye averages a picture)."""
    total = 0.0
    acc = [0.0, 0.0, 0.0]
    for colour, weight in weighted:
        if weight <= 0:
            continue
        total += weight
        for i, channel in enumerate(rgb(colour)):
            acc[i] += _linear(channel) * weight
    if total <= 0:
        return WHITE
    return hex_colour(*(_gamma(a / total) for a in acc))


def _hsl(colour: str) -> tuple[float, float, float]:
    r, g, b = (c / 255.0 for c in rgb(colour))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    return h, s, lightness


def _from_hsl(h: float, s: float, lightness: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h % 1.0, max(0.0, min(1.0, lightness)), max(0.0, min(1.0, s)))
    return hex_colour(r * 255, g * 255, b * 255)


def with_lightness(colour: str, lightness: float) -> str:
    """``colour`` with its HSL lightness set to ``lightness`` (0-1), hue and saturation kept."""
    h, s, _ = _hsl(colour)
    return _from_hsl(h, s, lightness)


def lightness(colour: str) -> float:
    return _hsl(colour)[2]


def transform(colour: str, ops: Sequence[tuple[str, float]]) -> str:
    """Apply DrawingML colour transforms in order. ``ops`` are (name, value) with the value as a
    fraction (the XML's 100000 = 1.0): ``lumMod``, ``lumOff``, ``satMod``, ``satOff``,
    ``hueMod``, ``hueOff`` (degrees / 360), ``tint`` (keep this much colour, the rest white),
    ``shade`` (keep this much, the rest black), ``inv``, ``gray``, ``comp``. Others (alpha...)
    are ignored here; the caller handles transparency."""
    for name, value in ops:
        if name in ("lumMod", "lumOff", "satMod", "satOff", "hueMod", "hueOff", "comp"):
            h, s, lum = _hsl(colour)
            if name == "lumMod":
                lum *= value
            elif name == "lumOff":
                lum += value
            elif name == "satMod":
                s *= value
            elif name == "satOff":
                s += value
            elif name == "hueMod":
                h *= value
            elif name == "hueOff":
                h += value
            else:  # comp: the complementary hue
                h += 0.5
            colour = _from_hsl(h, s, lum)
        elif name == "tint":
            colour = hex_colour(*(_gamma(1 - (1 - _linear(c)) * value) for c in rgb(colour)))
        elif name == "shade":
            colour = hex_colour(*(_gamma(_linear(c) * value) for c in rgb(colour)))
        elif name == "inv":
            r, g, b = rgb(colour)
            colour = hex_colour(255 - r, 255 - g, 255 - b)
        elif name == "gray":
            grey = _gamma(luminance(colour))
            colour = hex_colour(grey, grey, grey)
    return colour


# -- choosing readable colours --------------------------------------------------------------------


def worst_contrast(colour: str, backgrounds: Iterable[str]) -> float:
    """The lowest contrast of ``colour`` against any of ``backgrounds`` (21 when there are none)."""
    return min((contrast(colour, b) for b in backgrounds), default=21.0)


def readable(colour: str, backgrounds: str | Iterable[str], target: float) -> str:
    """``colour`` itself when it reaches ``target`` against every background; otherwise the
    nearest colour of the same hue and saturation (only the lightness moves) that does. When no
    lightness reaches the target (mid-grey behind, a target of 7), the best of black and white."""
    grounds = [backgrounds] if isinstance(backgrounds, str) else list(backgrounds)
    colour = normalise(colour)
    if worst_contrast(colour, grounds) >= target:
        return colour
    h, s, start = _hsl(colour)
    best: tuple[float, str] | None = None
    for direction in (-1, 1):
        # Bisect the lightness between the colour's own and the end of this direction.
        end = 0.0 if direction < 0 else 1.0
        if worst_contrast(_from_hsl(h, s, end), grounds) < target:
            continue
        near, far = start, end
        for _ in range(24):
            mid = (near + far) / 2
            if worst_contrast(_from_hsl(h, s, mid), grounds) >= target:
                far = mid
            else:
                near = mid
        candidate = _from_hsl(h, s, far)
        step = 1 / 512
        while worst_contrast(candidate, grounds) < target and 0.0 < far < 1.0:
            far = max(0.0, min(1.0, far + direction * step))
            candidate = _from_hsl(h, s, far)
        change = abs(far - start)
        if best is None or change < best[0]:
            best = (change, candidate)
    if best is not None:
        return best[1]
    return max((BLACK, WHITE), key=lambda c: worst_contrast(c, grounds))


def first_readable(
    candidates: Sequence[str], backgrounds: str | Iterable[str], target: float
) -> str:
    """The first candidate that reaches ``target`` as it is; failing that, the first candidate
    with its lightness adjusted (see :func:`readable`)."""
    grounds = [backgrounds] if isinstance(backgrounds, str) else list(backgrounds)
    for candidate in candidates:
        if worst_contrast(candidate, grounds) >= target:
            return normalise(candidate)
    return readable(candidates[0] if candidates else BLACK, grounds, target)


# -- what a box sits on and what its text shows in -------------------------------------------------


@dataclass(frozen=True)
class Backdrop:
    """What a box sits on, as the audience sees it.

    ``colour`` is the colour taking the largest share of the box; ``parts`` lists every colour
    beneath the box with its share of the box's area (shares add up to 1), so a box half on a
    dark band and half on white paper shows both. ``source`` says where the dominant colour
    comes from, in words ("master background", "layout picture 'Photo 3' (mean)", "theme fill
    style 3 (gradient mean)", "banner fill"). ``exact`` is False where the colour is an estimate
    (the mean of a picture or gradient) rather than a flat fill.
    """

    colour: str
    source: str = "default white"
    parts: tuple[tuple[str, float], ...] = ()
    exact: bool = True

    def colours(self, minor: float = MINOR_SHARE) -> list[str]:
        """The colours text must read against: every part with at least ``minor`` of the area
        (the dominant colour when there are no parts)."""
        found = [c for c, share in self.parts if share >= minor]
        return found or [self.colour]

    def contrast(self, colour: str) -> float:
        """The lowest contrast of ``colour`` against the colours that matter here."""
        return worst_contrast(colour, self.colours())

    @classmethod
    def flat(cls, colour: str, source: str, *, exact: bool = True) -> Backdrop:
        colour = normalise(colour)
        return cls(colour, source, ((colour, 1.0),), exact)


@dataclass(frozen=True)
class Ink:
    """The colour of a box's text and why.

    ``colour`` is what the audience sees: the colour the app wrote (``written``) or, when the
    app leaves the text to the template, the template's own effective colour. ``template`` is
    that template colour in both cases (through run, paragraph, list styles, master text styles
    and the theme's colour map). ``theme`` names the theme colour written (``"tx2"``) when the
    app wrote a theme colour rather than an RGB value. ``target`` is the WCAG ratio this text
    needs at ``size_pt`` (its smallest text) and ``bold``.
    """

    colour: str
    template: str
    written: bool = False
    theme: str = ""
    size_pt: float = 18.0
    bold: bool = False
    target: float = field(default=TEXT_TARGET)

    def ratio(self, backdrop: Backdrop) -> float:
        return backdrop.contrast(self.colour)

    def reads_on(self, backdrop: Backdrop) -> bool:
        return self.ratio(backdrop) >= self.target - 1e-9


def choose_ink(
    template: str,
    backdrop: Backdrop,
    size_pt: float,
    bold: bool = False,
    *,
    preferred: Sequence[tuple[str, str]] = (),
    fallbacks: Sequence[tuple[str, str]] = (),
) -> Ink:
    """Decide a text colour on ``backdrop``.

    ``preferred`` are (theme name or "", colour) the app wants to write (an emphasis colour);
    the first that reads is written. With none preferred, the template's own colour is kept
    (not written) when it reads. Otherwise ``fallbacks`` (other theme colours: the template's
    light or dark text colour) are tried as they are, and last the first wish with only its
    lightness moved until it reads."""
    target = text_target(size_pt, bold)
    template = normalise(template)
    grounds = backdrop.colours()
    for theme, colour in preferred:
        if worst_contrast(colour, grounds) >= target:
            return Ink(normalise(colour), template, True, theme, size_pt, bold, target)
    if not preferred and worst_contrast(template, grounds) >= target:
        return Ink(template, template, False, "", size_pt, bold, target)
    for theme, colour in fallbacks:
        if worst_contrast(colour, grounds) >= target:
            return Ink(normalise(colour), template, True, theme, size_pt, bold, target)
    wish = preferred[0][1] if preferred else template
    return Ink(readable(wish, grounds, target), template, True, "", size_pt, bold, target)
