"""What each layout of a template looks like: its background, its art and its text colours.

Read once per template (by :func:`read_looks`, from :func:`briefing.deck.layouts.map_roles`) into
plain data the planner decides with:

* the **theme colours** after the colour map (``clrMap`` of the master, ``clrMapOvr`` of the
  layout), so ``tx1``, ``bg1``, ``tx2``, ``accent1``... are the RGB the slide shows;
* the **background** (slide layout, then master: ``bgPr`` fills and ``bgRef`` to the theme's
  background fill styles; a gradient as its colours along its direction, a picture decoded into
  a grid of mean colours);
* the **art**: every visible non-placeholder shape of the master (unless the layout hides
  them) and of the layout, with its fill, plus the template's footer placeholders; fixed text
  that reads as leftover example content ("ModifyMe", sample sentences) is listed apart so the
  writer can take it off the layouts instead;
* the **template's own text colour** for each kind of placeholder (through the placeholder's
  list styles on layout and master, the master's text styles, the presentation's default text
  style and the colour map).

Only this module and the writer read template XML for colours; everything downstream is data.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from briefing.colour import WHITE, Backdrop, mean, mix, normalise, transform
from briefing.deck.art import (
    LOGO_SHARE,
    SMALL_SHAPE_SHARE,
    ArtKind,
    ArtRegion,
    Origin,
    Paint,
    colours_under,
    grouped,
)
from briefing.deck.box import Box

if TYPE_CHECKING:
    from pptx.presentation import Presentation

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"a": A_NS, "p": P_NS, "r": R_NS}

GRID = 12  # cells across and down in a picture's or gradient's colour grid
SCHEME_NAMES = (
    "dk1",
    "lt1",
    "dk2",
    "lt2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)
DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
FOOTER_SLOTS = ("dt", "ftr", "sldNum")
TEXT_KINDS = ("title", "ctrTitle", "subTitle", "body", "obj", "dt", "ftr", "sldNum", "other")
_ART_TEXT_RE = re.compile(
    r"©|\(c\)|copyright|confidential|proprietary|all rights reserved|internal use|"
    r"www\.|https?://|@|\.(com|org|net|gov|int|eu)\b",
    re.IGNORECASE,
)


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


@dataclass(frozen=True)
class Leftover:
    """Fixed text on a master or layout that reads as example content, not as art."""

    origin: Origin
    part: str  # the part's name in the package, e.g. "/ppt/slideLayouts/slideLayout3.xml"
    shape_id: int
    name: str
    text: str


@dataclass(frozen=True)
class LayoutLook:
    """How one layout looks on a slide: see the module's description."""

    key: tuple[int, int]
    width: int
    height: int
    background: Paint
    background_source: str
    art: tuple[ArtRegion, ...] = ()
    scheme: dict[str, str] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    leftovers: tuple[Leftover, ...] = ()

    @property
    def slide_box(self) -> Box:
        return Box(0, 0, self.width, self.height)

    def backdrop(self, box: Box, *, above: tuple[ArtRegion, ...] = ()) -> Backdrop:
        """What ``box`` sits on: the background and the filled art beneath it (``above``: more
        regions on top, such as shapes the app adds first)."""
        if box.width <= 0 or box.height <= 0:
            box = Box(box.left, box.top, max(box.width, 1), max(box.height, 1))
        parts = grouped(colours_under(box, self.background, self.slide_box, (*self.art, *above)))
        colour, _ = parts[0]
        source = self._source_of(box, colour)
        exact = self.background.exact if source.endswith("background") else True
        if any(r.paint is not None and not r.paint.exact for r in self.art if _hits(r.box, box)):
            exact = False
        return Backdrop(normalise(colour), source, tuple(parts), exact)

    def _source_of(self, box: Box, colour: str) -> str:
        from briefing.colour import contrast

        for region in reversed(self.art):
            if region.paint is None or not _hits(region.box, box):
                continue
            if any(contrast(c, colour) < 1.15 for c in _paint_colours(region.paint)):
                what = "picture" if region.kind in ("picture", "logo") else region.kind
                return f"{region.origin} {what} {region.name!r}"
        return self.background_source

    def colour(self, name: str) -> str:
        """A theme colour (``tx1``, ``accent2``, ``dk1``...) as this layout shows it."""
        return self.scheme.get(name) or self.scheme.get(DEFAULT_MAP.get(name, name), WHITE)

    def text_colour(self, kind: str) -> str:
        """The template's own colour for text in a placeholder of ``kind`` (``other``: a text
        box the app adds)."""
        return self.text.get(kind) or self.text.get("other") or self.colour("tx1")

    def blocking(self) -> list[Box]:
        return [r.box for r in self.art if r.blocks]


def _hits(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _paint_colours(paint: Paint) -> list[str]:
    return [c for row in paint.grid for c in row] if paint.grid else [paint.colour]


# -- colours ------------------------------------------------------------------------------------


class ThemeColours:
    """Resolves DrawingML colour elements for one master/layout: theme colours and colour map."""

    def __init__(self, theme: dict[str, str], colour_map: dict[str, str]) -> None:
        self.theme = theme
        self.map = colour_map

    def scheme(self, name: str, placeholder: str | None = None) -> str:
        if name == "phClr":
            return placeholder or self.theme.get("dk1", "#000000")
        mapped = self.map.get(name, DEFAULT_MAP.get(name, name))
        return self.theme.get(mapped) or self.theme.get(name) or "#000000"

    def mapped(self) -> dict[str, str]:
        out = dict(self.theme)
        for alias in ("bg1", "tx1", "bg2", "tx2"):
            out[alias] = self.scheme(alias)
        for name in SCHEME_NAMES[4:]:
            out[name] = self.scheme(name)
        return out

    def colour(self, element: Any, placeholder: str | None = None) -> tuple[str, float] | None:
        """(colour, alpha) of a colour element (srgbClr, schemeClr, sysClr, prstClr, scrgbClr,
        hslClr) with its transforms; None when ``element`` is not one."""
        if element is None:
            return None
        tag = element.tag.rsplit("}", 1)[-1]
        base: str | None = None
        if tag == "srgbClr":
            base = _safe_hex(element.get("val"))
        elif tag == "schemeClr":
            base = self.scheme(str(element.get("val", "tx1")), placeholder)
        elif tag == "sysClr":
            base = _safe_hex(element.get("lastClr")) or (
                "#FFFFFF" if element.get("val") == "window" else "#000000"
            )
        elif tag == "prstClr":
            base = _PRESET.get(str(element.get("val", "")).lower(), "#000000")
        elif tag == "scrgbClr":
            r, g, b = (_pct(element.get(k)) for k in ("r", "g", "b"))
            from briefing.colour import _gamma

            base = "#" + "".join(f"{round(_gamma(v)):02X}" for v in (r, g, b))
        elif tag == "hslClr":
            import colorsys

            h = int(element.get("hue", "0")) / 60000 / 360
            s, lum = _pct(element.get("sat")), _pct(element.get("lum"))
            r, g, b = colorsys.hls_to_rgb(h, lum, s)
            base = "#" + "".join(f"{round(v * 255):02X}" for v in (r, g, b))
        if base is None:
            return None
        ops: list[tuple[str, float]] = []
        alpha = 1.0
        for child in element:
            name = child.tag.rsplit("}", 1)[-1]
            raw = child.get("val")
            if name == "alpha":
                alpha = _pct(raw)
            elif name in ("inv", "gray", "comp"):
                ops.append((name, 1.0))
            elif raw is not None:
                value = int(raw) / (60000 * 360) if name in ("hueOff", "hue") else _pct(raw)
                ops.append((name, value))
        return transform(base, ops), alpha

    def first_colour(self, parent: Any, placeholder: str | None = None) -> tuple[str, float] | None:
        if parent is None:
            return None
        for child in parent:
            found = self.colour(child, placeholder)
            if found is not None:
                return found
        return None


def _pct(raw: Any) -> float:
    try:
        return int(str(raw)) / 100000.0
    except (TypeError, ValueError):
        return 0.0


def _safe_hex(raw: Any) -> str | None:
    value = str(raw or "")
    return "#" + value.upper() if re.fullmatch(r"[0-9A-Fa-f]{6}", value) else None


_PRESET = {
    "black": "#000000",
    "white": "#FFFFFF",
    "red": "#FF0000",
    "green": "#008000",
    "blue": "#0000FF",
    "yellow": "#FFFF00",
    "gray": "#808080",
    "grey": "#808080",
    "darkgray": "#A9A9A9",
    "lightgray": "#D3D3D3",
    "navy": "#000080",
    "orange": "#FFA500",
}


def _theme_root(master: Any) -> Any:
    from lxml import etree

    for rel in master.part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            try:
                return etree.fromstring(rel.target_part.blob)
            except (etree.XMLSyntaxError, AttributeError, ValueError):
                return None
    return None


def theme_colours(theme: Any) -> dict[str, str]:
    found: dict[str, str] = {"dk1": "#000000", "lt1": "#FFFFFF", "dk2": "#1F1F1F", "lt2": "#EEEEEE"}
    if theme is None:
        return found
    scheme = theme.find(".//a:clrScheme", NS)
    if scheme is None:
        return found
    plain = ThemeColours({}, {})
    for name in SCHEME_NAMES:
        node = scheme.find(f"a:{name}", NS)
        if node is None:
            continue
        got = plain.first_colour(node)
        if got is not None:
            found[name] = got[0]
    return found


def _colour_map(element: Any, base: dict[str, str] | None = None) -> dict[str, str]:
    out = dict(base or DEFAULT_MAP)
    if element is not None:
        for key, value in element.attrib.items():
            out[key] = value
    return out


# -- fills ---------------------------------------------------------------------------------------


class FillReader:
    """Turns fill elements into :class:`Paint`, decoding pictures once per image part."""

    def __init__(self, theme: Any) -> None:
        self.theme = theme

    def style_fill(
        self, idx: int, colour_el: Any, palette: ThemeColours, part: Any
    ) -> Paint | None:
        """A theme fill style by ``fillRef``/``bgRef`` index (1-999 fills, 1001+ backgrounds),
        with ``phClr`` taken from ``colour_el``."""
        if self.theme is None or idx <= 0:
            return None
        lst = "a:bgFillStyleLst" if idx >= 1000 else "a:fillStyleLst"
        styles = self.theme.find(f".//a:fmtScheme/{lst}", NS)
        if styles is None:
            return None
        n = idx - 1000 if idx >= 1000 else idx
        children = list(styles)
        if not 1 <= n <= len(children):
            return None
        got = palette.first_colour([colour_el] if colour_el is not None else [])
        placeholder = got[0] if got else None
        return self.fill(children[n - 1], palette, part, placeholder, under=WHITE)

    def fill(
        self,
        node: Any,
        palette: ThemeColours,
        part: Any,
        placeholder: str | None = None,
        *,
        under: str = WHITE,
    ) -> Paint | None:
        """One fill element (solidFill, gradFill, blipFill, pattFill, noFill) as Paint; None for
        no fill or anything unreadable."""
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "solidFill":
            got = palette.first_colour(node, placeholder)
            if got is None:
                return None
            colour, alpha = got
            if alpha <= 0.05:
                return None
            return Paint(mix(under, colour, alpha) if alpha < 1 else colour)
        if tag == "gradFill":
            return self._gradient(node, palette, placeholder, under)
        if tag == "pattFill":
            fg = palette.first_colour(node.find("a:fgClr", NS), placeholder)
            bg = palette.first_colour(node.find("a:bgClr", NS), placeholder)
            colours = [c for c, _ in (x for x in (fg, bg) if x is not None)]
            return Paint(mean((c, 1.0) for c in colours), exact=False) if colours else None
        if tag == "blipFill":
            return self._picture(node, part, under)
        return None

    def _gradient(
        self, node: Any, palette: ThemeColours, placeholder: str | None, under: str
    ) -> Paint | None:
        stops: list[tuple[float, str]] = []
        for gs in node.findall("a:gsLst/a:gs", NS):
            got = palette.first_colour(gs, placeholder)
            if got is None:
                continue
            colour, alpha = got
            stops.append((_pct(gs.get("pos", "0")), mix(under, colour, alpha)))
        if not stops:
            return None
        stops.sort()
        lin = node.find("a:lin", NS)
        angle = int(lin.get("ang", "0")) / 60000 if lin is not None else 90.0
        import math

        dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        rows = []
        for j in range(GRID):
            row = []
            for i in range(GRID):
                fx, fy = (i + 0.5) / GRID, (j + 0.5) / GRID
                if lin is None:  # path gradients: centre to edge
                    t = min(1.0, 2 * math.hypot(fx - 0.5, fy - 0.5))
                else:
                    span = abs(dx) + abs(dy)
                    t = ((fx - 0.5) * dx + (fy - 0.5) * dy) / span + 0.5 if span else 0.5
                row.append(_at_stop(stops, t))
            rows.append(tuple(row))
        grid = tuple(rows)
        return Paint(mean((c, 1.0) for r in grid for c in r), grid, exact=False)

    def _picture(self, node: Any, part: Any, under: str) -> Paint | None:
        blip = node.find("a:blip", NS)
        if blip is None or part is None:
            return None
        r_id = blip.get(_q(R_NS, "embed"))
        if not r_id:
            return None
        try:
            image_part = part.related_part(r_id)
            blob = image_part.blob
        except (KeyError, AttributeError):
            return None
        crop = node.find("a:srcRect", NS)
        edges = tuple(_pct(crop.get(k, "0")) if crop is not None else 0.0 for k in "ltrb")
        alpha_el = blip.find("a:alphaModFix", NS)
        alpha = _pct(alpha_el.get("amt", "100000")) if alpha_el is not None else 1.0
        grid = picture_grid(bytes(blob), edges, under, alpha)
        if grid is None:
            return None
        return Paint(mean((c, 1.0) for r in grid for c in r), grid, exact=False)


def _at_stop(stops: list[tuple[float, str]], t: float) -> str:
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in pairwise(stops):
        if p0 <= t <= p1:
            return mix(c0, c1, (t - p0) / (p1 - p0) if p1 > p0 else 0.0)
    return stops[-1][1]


@lru_cache(maxsize=64)
def picture_grid(
    blob: bytes,
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
    under: str = WHITE,
    alpha: float = 1.0,
) -> tuple[tuple[str, ...], ...] | None:
    """An image decoded into GRID x GRID mean colours (transparent parts over ``under``); None
    when Pillow cannot read it (EMF, WMF, SVG without a fallback)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(blob)) as opened:
            image = opened.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    w, h = image.size
    left, top, right, bottom = crop
    box = (
        int(w * max(0.0, left)),
        int(h * max(0.0, top)),
        max(int(w * (1 - max(0.0, right))), 1),
        max(int(h * (1 - max(0.0, bottom))), 1),
    )
    if box[2] > box[0] and box[3] > box[1]:
        image = image.crop(box)
    base = Image.new("RGBA", image.size, normalise(under))
    if alpha < 1.0:
        r, g, b, a = image.split()
        a = a.point(lambda v: int(v * alpha))
        image = Image.merge("RGBA", (r, g, b, a))
    flat = Image.alpha_composite(base, image).convert("RGB")
    small = flat.resize((GRID, GRID), Image.Resampling.BOX)
    pixels: Any = small.load()
    return tuple(
        tuple("#{:02X}{:02X}{:02X}".format(*pixels[i, j]) for i in range(GRID)) for j in range(GRID)
    )


# -- shapes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Shape:
    element: Any
    box: Box
    kind: str  # sp, pic, cxnSp, graphicFrame


def _xfrm_box(xfrm: Any) -> Box | None:
    if xfrm is None:
        return None
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    if off is None or ext is None:
        return None
    try:
        return Box(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    except (TypeError, ValueError):
        return None


def _walk(tree: Any, mapping: Any = None) -> Iterator[_Shape]:
    """Every drawn shape of a shape tree in z order, with its box on the slide (groups
    unpacked through their child coordinate space)."""
    for child in tree:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "grpSp":
            xfrm = child.find("p:grpSpPr/a:xfrm", NS)
            box = _xfrm_box(xfrm)
            ch_off = xfrm.find("a:chOff", NS) if xfrm is not None else None
            ch_ext = xfrm.find("a:chExt", NS) if xfrm is not None else None
            inner = None
            if box is not None and ch_off is not None and ch_ext is not None:
                cw, chh = int(ch_ext.get("cx", "0")), int(ch_ext.get("cy", "0"))
                inner = (
                    box,
                    int(ch_off.get("x", "0")),
                    int(ch_off.get("y", "0")),
                    box.width / cw if cw else 1.0,
                    box.height / chh if chh else 1.0,
                )
            yield from _walk(child, _compose(mapping, inner))
            continue
        if tag not in ("sp", "pic", "cxnSp", "graphicFrame"):
            if tag == "AlternateContent":
                fallback = child.find(
                    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
                )
                if fallback is not None:
                    yield from _walk(fallback, mapping)
            continue
        xfrm = child.find("p:xfrm", NS) if tag == "graphicFrame" else None
        if xfrm is None:
            xfrm = child.find("*/a:xfrm", NS)
        box = _xfrm_box(xfrm)
        if box is None:
            continue
        yield _Shape(child, _apply(mapping, box), tag)


def _compose(outer: Any, inner: Any) -> Any:
    if inner is None:
        return outer
    if outer is None:
        return inner
    return ("chain", outer, inner)


def _apply(mapping: Any, box: Box) -> Box:
    if mapping is None:
        return box
    if mapping[0] == "chain":
        return _apply(mapping[1], _apply(mapping[2], box))
    group, ox, oy, sx, sy = mapping
    return Box(
        int(group.left + (box.left - ox) * sx),
        int(group.top + (box.top - oy) * sy),
        int(box.width * sx),
        int(box.height * sy),
    )


def _text_of(element: Any) -> str:
    return " ".join(
        "".join(t.text or "" for t in p.iter(_q(A_NS, "t"))) for p in element.iter(_q(A_NS, "p"))
    ).strip()


def _has_field(element: Any) -> bool:
    return element.find(".//a:fld", NS) is not None


def _field_slot(element: Any) -> str:
    """The footer slot a fixed text's field fills (``sldNum``, ``dt``), "" for others."""
    for fld in element.iterfind(".//a:fld", NS):
        kind = str(fld.get("type", ""))
        if kind == "slidenum":
            return "sldNum"
        if kind.startswith("datetime"):
            return "dt"
    return ""


def _placeholder_type(element: Any) -> str | None:
    ph = element.find("./*/p:nvPr/p:ph", NS)
    return None if ph is None else str(ph.get("type", "obj"))


def _largest_size_pt(element: Any) -> float:
    sizes = [
        int(r.get("sz")) / 100 for r in element.iter() if r.get("sz") and r.tag.endswith("rPr")
    ]
    return max(sizes, default=18.0)


def is_art_text(text: str, box: Box, width: int, height: int, size_pt: float) -> bool:
    """Whether fixed text on a master or layout is part of the design (a copyright line, a
    confidentiality label, a web address, a short name in the slide's margin) rather than
    example content left behind (a sample heading, an instruction, "ModifyMe")."""
    if _ART_TEXT_RE.search(text):
        return True
    words = len(text.split())
    in_margin = (
        box.bottom <= height * 0.14
        or box.top >= height * 0.86
        or box.right <= width * 0.12
        or box.left >= width * 0.88
    )
    return in_margin and words <= 6 and size_pt <= 14


class LookReader:
    """Reads every layout's look from a presentation."""

    def __init__(self, prs: Presentation) -> None:
        self.prs = prs
        self.width = int(prs.slide_width or 0)
        self.height = int(prs.slide_height or 0)
        root: Any = prs.part._element
        self.default_style = root.find("p:defaultTextStyle", NS)

    def read(self) -> dict[tuple[int, int], LayoutLook]:
        looks: dict[tuple[int, int], LayoutLook] = {}
        masters: Any = self.prs.slide_masters
        for m_index, master in enumerate(masters):
            theme = _theme_root(master)
            colours = theme_colours(theme)
            fills = FillReader(theme)
            master_map = _colour_map(master._element.find("p:clrMap", NS))
            for l_index, layout in enumerate(master.slide_layouts):
                looks[(m_index, l_index)] = self._layout(
                    (m_index, l_index), master, layout, colours, master_map, fills
                )
        return looks

    def _layout(
        self,
        key: tuple[int, int],
        master: Any,
        layout: Any,
        colours: dict[str, str],
        master_map: dict[str, str],
        fills: FillReader,
    ) -> LayoutLook:
        override = layout._element.find("p:clrMapOvr/a:overrideClrMapping", NS)
        palette = ThemeColours(
            colours, _colour_map(override, master_map) if override is not None else master_map
        )
        background, source = self._background(master, layout, palette, fills)
        art: list[ArtRegion] = []
        leftovers: list[Leftover] = []
        show_master = layout._element.get("showMasterSp", "1") not in ("0", "false")
        under = background.colour
        if show_master:
            self._art(master, "master", palette, fills, under, art, leftovers)
        self._art(layout, "layout", palette, fills, under, art, leftovers)
        self._footer_slots(layout, master, art)
        text = {kind: self._text_colour(kind, layout, master, palette) for kind in TEXT_KINDS}
        return LayoutLook(
            key,
            self.width,
            self.height,
            background,
            source,
            tuple(art),
            palette.mapped(),
            text,
            tuple(leftovers),
        )

    # backgrounds

    def _background(
        self, master: Any, layout: Any, palette: ThemeColours, fills: FillReader
    ) -> tuple[Paint, str]:
        for owner, label in ((layout, "layout background"), (master, "master background")):
            bg = owner._element.find("p:cSld/p:bg", NS)
            if bg is None:
                continue
            paint = self._bg_paint(bg, palette, fills, owner.part)
            if paint is not None:
                return paint, label + ("" if paint.exact else " (mean)")
        return Paint(palette.scheme("bg1")), "theme background colour"

    def _bg_paint(
        self, bg: Any, palette: ThemeColours, fills: FillReader, part: Any
    ) -> Paint | None:
        pr = bg.find("p:bgPr", NS)
        if pr is not None:
            for child in pr:
                tag = child.tag.rsplit("}", 1)[-1]
                if tag == "noFill":
                    return Paint(palette.scheme("bg1"))
                if tag.endswith("Fill"):
                    return fills.fill(child, palette, part)
            return None
        ref = bg.find("p:bgRef", NS)
        if ref is not None:
            try:
                idx = int(ref.get("idx", "0"))
            except ValueError:
                idx = 0
            colour_el = next(iter(ref), None)
            paint = fills.style_fill(idx, colour_el, palette, part)
            if paint is None and colour_el is not None:
                got = palette.colour(colour_el)
                return Paint(got[0]) if got else None
            return paint
        return None

    # art

    def _art(
        self,
        owner: Any,
        origin: Origin,
        palette: ThemeColours,
        fills: FillReader,
        under: str,
        art: list[ArtRegion],
        leftovers: list[Leftover],
    ) -> None:
        tree = owner._element.find("p:cSld/p:spTree", NS)
        if tree is None:
            return
        slide_area = max(self.width * self.height, 1)
        for shape in _walk(tree):
            el = shape.element
            if _placeholder_type(el) is not None:
                continue
            box = shape.box
            if box.width <= 0 and box.height <= 0:
                continue
            if not _on_slide(box, self.width, self.height):
                continue
            name = (
                str(el.find("./*/p:cNvPr", NS).get("name", ""))
                if el.find("./*/p:cNvPr", NS) is not None
                else ""
            )
            if el.find("./*/p:cNvPr", NS) is not None and el.find("./*/p:cNvPr", NS).get(
                "hidden"
            ) in ("1", "true"):
                continue
            share = box.area / slide_area
            if shape.kind == "pic":
                blip_fill = el.find("p:blipFill", NS)
                paint = (
                    fills.fill(blip_fill, palette, owner.part, under=under)
                    if blip_fill is not None
                    else None
                )
                kind: ArtKind = "logo" if share < LOGO_SHARE else "picture"
                art.append(ArtRegion(kind, box, name, origin, paint, blocks=share < 0.45))
                continue
            if shape.kind == "graphicFrame":
                art.append(ArtRegion("graphic", box, name, origin, None))
                continue
            paint = self._shape_fill(el, palette, fills, owner.part, under)
            line = self._line_colour(el, palette)
            text = _text_of(el)
            thin = min(box.width, box.height) <= max(self.height // 150, 12700)
            if shape.kind == "cxnSp" or (paint is None and thin and line is not None):
                art.append(
                    ArtRegion("line", box, name, origin, Paint(line) if line and thin else None)
                )
                continue
            if text and not _has_field(el):
                size = _largest_size_pt(el)
                if not is_art_text(text, box, self.width, self.height, size):
                    shape_id = int(el.find("./*/p:cNvPr", NS).get("id", "0"))
                    leftovers.append(
                        Leftover(origin, str(owner.part.partname), shape_id, name, text)
                    )
                    continue
                art.append(ArtRegion("text", box, name, origin, paint, text=text))
                continue
            if text and _has_field(el):
                art.append(
                    ArtRegion("text", box, name, origin, paint, slot=_field_slot(el), text=text)
                )
                continue
            if paint is None:
                if line is not None and share < SMALL_SHAPE_SHARE:
                    art.append(ArtRegion("shape", box, name, origin, None))
                continue
            art.append(
                ArtRegion("shape", box, name, origin, paint, blocks=share < SMALL_SHAPE_SHARE)
            )

    def _shape_fill(
        self, el: Any, palette: ThemeColours, fills: FillReader, part: Any, under: str
    ) -> Paint | None:
        sp_pr = el.find("p:spPr", NS)
        if sp_pr is not None:
            for child in sp_pr:
                tag = child.tag.rsplit("}", 1)[-1]
                if tag == "noFill":
                    return None
                if tag in ("solidFill", "gradFill", "blipFill", "pattFill"):
                    return fills.fill(child, palette, part, under=under)
        ref = el.find("p:style/a:fillRef", NS)
        if ref is not None:
            try:
                idx = int(ref.get("idx", "0"))
            except ValueError:
                return None
            return fills.style_fill(idx, next(iter(ref), None), palette, part)
        return None

    def _line_colour(self, el: Any, palette: ThemeColours) -> str | None:
        ln = el.find("p:spPr/a:ln", NS)
        if ln is not None:
            if ln.find("a:noFill", NS) is not None:
                return None
            solid = ln.find("a:solidFill", NS)
            if solid is not None:
                got = palette.first_colour(solid)
                return got[0] if got else None
        ref = el.find("p:style/a:lnRef", NS)
        if ref is not None and ref.get("idx", "0") != "0":
            got = palette.first_colour(ref)
            return got[0] if got else None
        return None

    def _footer_slots(self, layout: Any, master: Any, art: list[ArtRegion]) -> None:
        seen: set[str] = set()
        for owner in (layout, master):
            for shape in owner.placeholders:
                kind = _placeholder_type(shape._element)
                if kind not in FOOTER_SLOTS or kind in seen:
                    continue
                try:
                    left, top, width, height = shape.left, shape.top, shape.width, shape.height
                except (AttributeError, KeyError, ValueError):
                    continue
                if None in (left, top, width, height):
                    continue
                box = Box(int(left), int(top), int(width), int(height))
                if not _on_slide(box, self.width, self.height):
                    continue
                seen.add(kind)
                art.append(
                    ArtRegion(
                        "footer",
                        box,
                        shape.name,
                        "layout" if owner is layout else "master",
                        slot=kind,
                    )
                )

    # text colours

    def _text_colour(self, kind: str, layout: Any, master: Any, palette: ThemeColours) -> str:
        """The colour level-1 text shows in, in a placeholder of ``kind`` on this layout."""
        chain: list[Any] = []
        if kind != "other":
            for owner in (layout, master):
                ph = _find_placeholder(owner, kind)
                if ph is not None:
                    chain.append(ph.find("p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr", NS))
                    chain.append(ph.find("p:style/a:fontRef", NS))
            style = {
                "title": "p:titleStyle",
                "ctrTitle": "p:titleStyle",
                "body": "p:bodyStyle",
                "subTitle": "p:bodyStyle",
                "obj": "p:bodyStyle",
            }.get(kind, "p:otherStyle")
            chain.append(master._element.find(f"p:txStyles/{style}/a:lvl1pPr/a:defRPr", NS))
        if self.default_style is not None:
            chain.append(self.default_style.find("a:lvl1pPr/a:defRPr", NS))
        for node in chain:
            if node is None:
                continue
            if node.tag.endswith("fontRef"):
                got = palette.first_colour(node)
            else:
                solid = node.find("a:solidFill", NS)
                got = palette.first_colour(solid) if solid is not None else None
            if got is not None:
                return got[0]
        return palette.scheme("tx1")


_TITLES = {"title", "ctrTitle"}


def _find_placeholder(owner: Any, kind: str) -> Any | None:
    for shape in owner.placeholders:
        found = _placeholder_type(shape._element)
        if found == kind or (kind in _TITLES and found in _TITLES):
            return shape._element
    if kind in ("body", "obj", "subTitle"):
        for shape in owner.placeholders:
            if _placeholder_type(shape._element) in ("body", "obj"):
                return shape._element
    return None


def _on_slide(box: Box, width: int, height: int) -> bool:
    return box.right > 0 and box.bottom > 0 and box.left < width and box.top < height


def read_looks(prs: Presentation) -> dict[tuple[int, int], LayoutLook]:
    """Every layout's look, keyed like :attr:`LayoutInfo.key` (master, layout index)."""
    return LookReader(prs).read()


def plain_look(key: tuple[int, int], width: int, height: int) -> LayoutLook:
    """The look assumed when a template could not be read for it: white paper, black text."""
    scheme = {"dk1": "#000000", "lt1": "#FFFFFF", "tx1": "#000000", "bg1": "#FFFFFF"}
    scheme |= {"dk2": "#1F1F1F", "lt2": "#EEEEEE", "tx2": "#1F1F1F", "bg2": "#EEEEEE"}
    return LayoutLook(key, width, height, Paint(WHITE), "default white", (), scheme, {})
