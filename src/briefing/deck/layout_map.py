"""Draw a map of every layout of a template: where its placeholders sit and what they are.

One PNG per layout at the slide's aspect ratio: the slide (in the layout's background colour when
that is a solid fill), each placeholder outlined and labelled with its kind and idx ("title",
"body 1", "sldNum 12"), and a caption with the layout's name and the roles :func:`map_roles`
gives it. ``index.png`` shows all layouts at once. They help a template's owner write its
manifest, and anyone see why a role fell back.

matplotlib draws through ``Figure`` and the Agg canvas (never pyplot). Layout names can be in any
language; characters the available fonts cannot draw are shown as a box, without warnings.
"""

from __future__ import annotations

import colorsys
import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.atomic import atomic_write_bytes
from briefing.deck.layouts import FOOTER_KINDS, TEXT_KINDS, TITLE_KINDS, LayoutInfo, TemplateMap
from briefing.deck.sharing import slugify
from briefing.errors import ExportError, TemplateError

if TYPE_CHECKING:
    from pptx.presentation import Presentation

MAP_WIDTH_PX = 960
INDEX_WIDTH_PX = 1200
_DPI = 100
_NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
_A = "{" + _NS["a"] + "}"
_CJK_FONTS = (
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Source Han Sans",
    "IPAexGothic",
    "IPAGothic",
    "TakaoGothic",
    "Yu Gothic",
    "Meiryo",
    "MS Gothic",
    "Hiragino Sans",
    "Microsoft YaHei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)
_CJK_FILES = (  # Debian/Ubuntu, Fedora, macOS, Windows
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "C:/Windows/Fonts/YuGothM.ttc",
    "C:/Windows/Fonts/msgothic.ttc",
)
_MISSING = "\u25a1"  # a white square, which DejaVu Sans has
_PAGE = "#E9ECEF"
_INK = "#212529"


@dataclass(frozen=True)
class _Style:
    """Outline colours for placeholder kinds, on a light or a dark background."""

    title: str
    subtitle: str
    text: str
    media: str
    footer: str

    def colour(self, kind: str) -> str:
        if kind in TITLE_KINDS:
            return self.title
        if kind == "subTitle":
            return self.subtitle
        if kind in TEXT_KINDS:
            return self.text
        if kind in FOOTER_KINDS:
            return self.footer
        return self.media


_ON_LIGHT = _Style("#1F4E9A", "#6A3D9A", "#2E7D32", "#C2410C", "#6B7280")
_ON_DARK = _Style("#9EC3FF", "#D7B8FF", "#8EE39B", "#FDBA74", "#D1D5DB")


@dataclass(frozen=True)
class _Fonts:
    families: tuple[str, ...]
    clean: Callable[[str], str]


def draw_layout_maps(path: Path, outdir: Path) -> list[Path]:
    """Write ``NN-<layout>.png`` for every layout of the template at ``path`` (a .pptx/.potx/
    .pptm or a template folder), then ``index.png``; return their paths, the index last.

    A manifest beside the file (or in the folder) supplies its role mapping.
    """
    from briefing.deck.layouts import map_roles
    from briefing.deck.opening import open_template

    template_path, manifest_roles, display_name = _resolve(Path(path))
    prs = open_template(template_path).presentation
    tmap = map_roles(prs, manifest_roles)
    if tmap.width <= 0 or tmap.height <= 0:
        raise TemplateError(f"{template_path.name} has no slide size.", path=template_path)
    backgrounds = _backgrounds(prs)
    title = f"{display_name}: " if display_name else ""
    title += f"{template_path.name}, {len(tmap.layouts)} layouts, "
    inches = tmap.width / 914400, tmap.height / 914400
    title += f"{inches[0]:.2f} \u00d7 {inches[1]:.2f} in"
    fonts = _fonts([title, *(layout.name for layout in tmap.layouts)])
    outdir = Path(outdir)
    digits = max(2, len(str(len(tmap.layouts))))
    written: list[Path] = []
    for number, layout in enumerate(tmap.layouts, 1):
        name = f"{number:0{digits}d}-{slugify(layout.name, fallback='layout', max_length=48)}.png"
        png = _layout_png(tmap, layout, number, backgrounds.get(layout.key), fonts)
        written.append(_write(outdir / name, png))
    index = _index_png(tmap, backgrounds, fonts, title)
    written.append(_write(outdir / "index.png", index))
    return written


# -- finding the template and its roles -------------------------------------------------------


def _resolve(path: Path) -> tuple[Path, dict[str, str] | None, str]:
    """The template file, its manifest's roles and name (None and "" without a manifest)."""
    from briefing.deck.registry import read_manifest

    manifest_path = path / "manifest.toml" if path.is_dir() else path.parent / "manifest.toml"
    if path.is_dir():
        if not manifest_path.is_file():
            raise TemplateError(
                f"{path} is not a template folder: it has no manifest.toml.", path=path
            )
        manifest = read_manifest(manifest_path)
        return path / manifest.file, manifest.roles, manifest.name
    if manifest_path.is_file():
        try:
            manifest = read_manifest(manifest_path)
        except TemplateError:
            return path, None, ""  # a stray manifest beside a loose file does not stop the map
        if manifest.file == path.name:
            return path, manifest.roles, manifest.name
    return path, None, ""


def _roles_of(tmap: TemplateMap, layout: LayoutInfo) -> str:
    found = []
    for role, choice in tmap.roles.items():
        if choice.layout.key == layout.key:
            note = " (fallback)" if choice.fallback else ""
            found.append(role + note)
    return "roles: " + (", ".join(found) if found else "none")


# -- backgrounds ------------------------------------------------------------------------------


def _backgrounds(prs: Presentation) -> dict[tuple[int, int], str | None]:
    """Each layout's background colour ("#RRGGBB") when it is a solid fill, else None."""
    found: dict[tuple[int, int], str | None] = {}
    masters: Any = prs.slide_masters
    for m_index, master in enumerate(masters):
        theme = _theme(master)
        for l_index, layout in enumerate(master.slide_layouts):
            colour: str | None = None
            try:
                colour = _background_of(layout, master, theme)
            except (ValueError, KeyError, AttributeError, IndexError):
                colour = None
            found[(m_index, l_index)] = colour
    return found


def _theme(master: Any) -> Any:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml

    try:
        return parse_xml(master.part.part_related_by(RT.THEME).blob)
    except Exception:  # a missing or unreadable theme only costs the background colour
        return None


def _background_of(layout: Any, master: Any, theme: Any) -> str | None:
    clr_map = dict(master._element.find("p:clrMap", _NS).attrib)
    override = layout._element.find("p:clrMapOvr/a:overrideClrMapping", _NS)
    if override is not None:
        clr_map = dict(override.attrib)
    for owner in (layout, master):
        bg = owner._element.find("p:cSld/p:bg", _NS)
        if bg is None:
            continue
        bg_pr = bg.find("p:bgPr", _NS)
        if bg_pr is not None:
            fill = _first_child(bg_pr)
            if fill is not None and fill.tag == _A + "solidFill":
                return _colour(_first_child(fill), None, clr_map, theme)
            return None
        bg_ref = bg.find("p:bgRef", _NS)
        if bg_ref is not None:
            return _ref_colour(bg_ref, clr_map, theme)
        return None
    return None


def _ref_colour(bg_ref: Any, clr_map: dict[str, str], theme: Any) -> str | None:
    """A ``bgRef`` points into the theme's fill styles; only a solid one gives a colour."""
    if theme is None:
        return None
    idx = int(bg_ref.get("idx", "0"))
    if idx >= 1001:
        styles = theme.find(".//a:fmtScheme/a:bgFillStyleLst", _NS)
        position = idx - 1001
    elif idx >= 1:
        styles = theme.find(".//a:fmtScheme/a:fillStyleLst", _NS)
        position = idx - 1
    else:
        return None
    if styles is None or position >= len(styles):
        return None
    style = styles[position]
    if style.tag != _A + "solidFill":
        return None
    return _colour(_first_child(style), _first_child(bg_ref), clr_map, theme)


def _first_child(element: Any) -> Any:
    for child in element:
        if isinstance(child.tag, str):
            return child
    return None


_PRESETS = {"white": "FFFFFF", "black": "000000"}


def _colour(element: Any, placeholder: Any, clr_map: dict[str, str], theme: Any) -> str | None:
    """The RGB of a DrawingML colour element, modifiers applied, or None when unknown."""
    if element is None:
        return None
    tag = element.tag.replace(_A, "")
    rgb: str | None = None
    if tag == "srgbClr":
        rgb = element.get("val")
    elif tag == "sysClr":
        rgb = element.get("lastClr") or {"window": "FFFFFF", "windowText": "000000"}.get(
            element.get("val", "")
        )
    elif tag == "prstClr":
        rgb = _PRESETS.get(element.get("val", ""))
    elif tag == "schemeClr":
        name = element.get("val", "")
        if name == "phClr":  # the style's colour slot: the referring element's colour
            base = _colour(placeholder, None, clr_map, theme) if placeholder is not None else None
            return _modified(base[1:], element) if base else None
        name = clr_map.get(name, name)
        slot = theme.find(f".//a:clrScheme/a:{name}", _NS) if theme is not None else None
        if slot is None:
            return None
        rgb = (_colour(_first_child(slot), None, clr_map, None) or "").lstrip("#") or None
    if rgb is None or not re.fullmatch(r"[0-9A-Fa-f]{6}", rgb):
        return None
    return _modified(rgb, element)


def _modified(rgb: str, element: Any) -> str:
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = child.tag.replace(_A, "")
        value = int(child.get("val", "100000")) / 100000
        if name in ("lumMod", "lumOff"):
            hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
            light = light * value if name == "lumMod" else light + value
            red, green, blue = colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0), sat)
        elif name == "shade":
            red, green, blue = red * value, green * value, blue * value
        elif name == "tint":
            red, green, blue = (c + (1 - c) * (1 - value) for c in (red, green, blue))
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (red, green, blue))


def _is_dark(colour: str) -> bool:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5


# -- text -------------------------------------------------------------------------------------


def _fonts(texts: list[str]) -> _Fonts:
    """DejaVu Sans (bundled with matplotlib), plus a CJK font when ``texts`` need one and one is
    installed; and a cleaner that turns characters no font has into a box, so nothing warns."""
    from matplotlib import font_manager

    families = ["DejaVu Sans"]
    codepoints = _charmap(families[0])
    if not codepoints:  # cannot happen with matplotlib installed; keep to ASCII if it does
        families, codepoints = ["sans-serif"], set(range(32, 127))
    needed = {ord(c) for text in texts for c in text if not c.isspace()}
    if needed - codepoints:
        known = {entry.name for entry in font_manager.fontManager.ttflist}
        extra = next((name for name in _CJK_FONTS if name in known), None) or _add_cjk_file()
        extra_codepoints = _charmap(extra) if extra else set()
        if extra and extra_codepoints:
            families.append(extra)
            codepoints |= extra_codepoints

    def clean(text: str) -> str:
        text = " ".join(text.split())
        return "".join(c if ord(c) in codepoints else _MISSING for c in text)

    return _Fonts(tuple(families), clean)


def _charmap(family: str) -> set[int]:
    from matplotlib import font_manager

    try:
        font_path = font_manager.findfont(
            font_manager.FontProperties(family=family), fallback_to_default=False
        )
        return set(font_manager.get_font(font_path).get_charmap())
    except (ValueError, RuntimeError, OSError):
        return set()


def _add_cjk_file() -> str | None:
    """Register the first CJK font found at a usual place (matplotlib's font list can miss
    them); return its family name."""
    from matplotlib import font_manager

    for candidate in _CJK_FILES:
        path = Path(candidate)
        if not path.is_file():
            continue
        try:
            font_manager.fontManager.addfont(str(path))
            bold = path.with_name(path.name.replace("Regular", "Bold"))
            if bold != path and bold.is_file():
                font_manager.fontManager.addfont(str(bold))
            return str(font_manager.get_font(str(path)).family_name)
        except (RuntimeError, OSError, ValueError):
            continue
    return None


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "\u2026"


def _placeholder_label(kind: str, idx: int, vertical: bool) -> str:
    label = kind if idx == 0 else f"{kind} {idx}"
    return label + " (vertical)" if vertical else label


# -- drawing ----------------------------------------------------------------------------------


def _new_figure(width_px: int, height_px: int) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_px / _DPI, height_px / _DPI), dpi=_DPI, facecolor=_PAGE)
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Any) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from", category=UserWarning)
        figure.savefig(out, format="png", dpi=_DPI, facecolor=figure.get_facecolor())
    return out.getvalue()


def _draw_slide(
    ax: Any,
    tmap: TemplateMap,
    layout: LayoutInfo,
    background: str | None,
    fonts: _Fonts,
    box: tuple[float, float, float],
    labels: bool,
) -> None:
    """Draw the slide at ``box`` = (left, top, width) in the axes' pixel coordinates."""
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Rectangle

    left, top, width = box
    scale = width / tmap.width
    height = tmap.height * scale
    fill = background or "#FFFFFF"
    style = _ON_DARK if _is_dark(fill) else _ON_LIGHT
    slide = Rectangle(
        (left, top), width, height, facecolor=fill, edgecolor=_INK, linewidth=1.2, zorder=1
    )
    ax.add_artist(slide)  # add_artist: the limits are fixed, so skip add_patch's bookkeeping
    for ph in sorted(layout.placeholders, key=lambda p: -p.box.area):
        colour = style.colour(ph.kind)
        x, y = left + ph.box.left * scale, top + ph.box.top * scale
        w, h = ph.box.width * scale, ph.box.height * scale
        patch = Rectangle(
            (x, y),
            w,
            h,
            facecolor=to_rgba(colour, 0.10),
            edgecolor=colour,
            linewidth=1.4 if labels else 0.8,
            linestyle="--" if ph.vertical else "-",
            zorder=2,
        )
        ax.add_artist(patch)
        patch.set_clip_path(slide)
        if labels:
            text = ax.text(
                x + 4,
                y + 3,
                fonts.clean(_placeholder_label(ph.kind, ph.idx, ph.vertical)),
                fontsize=8,
                fontfamily=list(fonts.families),
                color=colour,
                fontweight="bold",
                va="top",
                ha="left",
                zorder=3,
                parse_math=False,
                bbox={"facecolor": fill, "edgecolor": "none", "alpha": 0.75, "pad": 1.0},
            )
            text.set_clip_path(slide)


def _axes(figure: Any, width_px: float, height_px: float, rect: tuple[float, ...]) -> Any:
    ax = figure.add_axes(rect)
    ax.set_xlim(0, width_px)
    ax.set_ylim(height_px, 0)
    ax.set_axis_off()
    return ax


def _layout_png(
    tmap: TemplateMap,
    layout: LayoutInfo,
    number: int,
    background: str | None,
    fonts: _Fonts,
) -> bytes:
    width = MAP_WIDTH_PX
    height = max(round(width * tmap.height / tmap.width), 1)
    figure = _new_figure(width, height)
    ax = _axes(figure, width, height, (0, 0, 1, 1))
    scale = 0.82
    slide_w, slide_h = width * scale, height * scale
    top = height * 0.03
    _draw_slide(ax, tmap, layout, background, fonts, ((width - slide_w) / 2, top, slide_w), True)
    band_top = top + slide_h
    band = height - band_top
    where = f"master {layout.master + 1}, layout {layout.index + 1}"
    name = _shorten(fonts.clean(layout.name) or "(no name)", 60)
    size = max(min(band / 5.5, 12.0), 5.0)
    common: dict[str, Any] = {
        "fontfamily": list(fonts.families),
        "color": _INK,
        "ha": "center",
        "va": "center",
        "parse_math": False,
    }
    ax.text(
        width / 2,
        band_top + band * 0.36,
        f"{number}. {name}  ({where})",
        fontsize=size,
        fontweight="bold",
        **common,
    )
    ax.text(width / 2, band_top + band * 0.72, _roles_of(tmap, layout), fontsize=size, **common)
    return _png(figure)


def _index_png(
    tmap: TemplateMap,
    backgrounds: dict[tuple[int, int], str | None],
    fonts: _Fonts,
    title: str,
) -> bytes:
    count = len(tmap.layouts)
    columns = min(count, 4 if count <= 12 else 6 if count <= 36 else 8)
    cell_w = min(INDEX_WIDTH_PX / columns, 400.0)
    slide_w = cell_w * 0.9
    slide_h = slide_w * tmap.height / tmap.width
    caption = 34.0
    cell_h = slide_h + caption + 10
    rows = -(-count // columns)
    header = 44.0
    width = round(columns * cell_w)
    height = round(header + rows * cell_h + 8)
    figure = _new_figure(width, height)
    ax = _axes(figure, width, height, (0, 0, 1, 1))
    ax.text(
        12,
        header / 2,
        _shorten(fonts.clean(title), max(int(width / 9), 20)),
        fontsize=12,
        fontweight="bold",
        fontfamily=list(fonts.families),
        color=_INK,
        va="center",
        ha="left",
        parse_math=False,
    )
    limit = max(int(cell_w / 6.5), 8)
    for position, layout in enumerate(tmap.layouts):
        row, column = divmod(position, columns)
        left = column * cell_w + (cell_w - slide_w) / 2
        top = header + row * cell_h
        background = backgrounds.get(layout.key)
        _draw_slide(ax, tmap, layout, background, fonts, (left, top, slide_w), False)
        label = _shorten(f"{position + 1}. {fonts.clean(layout.name) or '(no name)'}", limit)
        roles = _roles_of(tmap, layout).removeprefix("roles: ")
        if tmap.masters > 1:
            roles = f"master {layout.master + 1} \u00b7 {roles}"
        roles = _shorten(roles, limit)
        for line, (text, weight) in enumerate(((label, "bold"), (roles, "normal"))):
            ax.text(
                left,
                top + slide_h + 4 + line * 14,
                text,
                fontsize=8,
                fontweight=weight,
                fontfamily=list(fonts.families),
                color=_INK if line == 0 else "#495057",
                va="top",
                ha="left",
                parse_math=False,
            )
    return _png(figure)


def _write(target: Path, data: bytes) -> Path:
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise ExportError(
            f"The layout map {target.name} cannot be written to {target.parent} "
            f"({exc.strerror or exc}).",
            path=target,
        ) from None
    return target
