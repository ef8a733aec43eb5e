"""Templates made for the tests with python-pptx, each with a trait real templates have and the
app must cope with: a dark background, a picture background, a title band with a logo in the
footer corner, and a dark theme made by swapping the colour map.

They start from python-pptx's default template (its eleven Office layouts), widened to 16:9 where
a trait needs room, and keep to the schemas, as a template from PowerPoint would. Nothing here is
committed as a binary: :func:`make` writes them where the test asks.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"a": A, "p": P, "r": R}
WIDE = 12192000  # 13.333 in: 16:9 at the default 7.5 in height
HEIGHT = 6858000


def _el(xml: str) -> Any:
    return etree.fromstring(f'<root xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}">{xml}</root>')[0]


def _png(image: Image.Image) -> io.BytesIO:
    out = io.BytesIO()
    image.save(out, "PNG")
    out.seek(0)
    return out


def _widen(prs: Any) -> None:
    """16:9: every master and layout shape stretched sideways by the same factor."""
    factor = WIDE / prs.slide_width
    prs.slide_width = WIDE
    for master in prs.slide_masters:
        for part in (master, *master.slide_layouts):
            for xfrm in part._element.iterfind(".//a:xfrm", NS):
                for tag, attr in (("off", "x"), ("ext", "cx")):
                    node = xfrm.find(f"a:{tag}", NS)
                    if node is not None:
                        node.set(attr, str(round(int(node.get(attr)) * factor)))


def _background(master: Any, fill_xml: str) -> None:
    c_sld = master._element.find("p:cSld", NS)
    for old in c_sld.findall("p:bg", NS):
        c_sld.remove(old)
    c_sld.insert(0, _el(f"<p:bg><p:bgPr>{fill_xml}<a:effectLst/></p:bgPr></p:bg>"))


def _text_colour(master: Any, style: str, colour: str) -> None:
    """Every level of the master's title or body style set in ``colour`` (RRGGBB)."""
    for def_rpr in master._element.iterfind(f"p:txStyles/p:{style}/*/a:defRPr", NS):
        for old in def_rpr.findall("a:solidFill", NS):
            def_rpr.remove(old)
        def_rpr.insert(0, _el(f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'))


def _next_id(part: Any) -> int:
    ids = [int(n.get("id")) for n in part._element.iterfind(".//p:cNvPr", NS)]
    return max(ids, default=1) + 1


def _add_art(part: Any, xml: str) -> None:
    """A shape behind the placeholders (first in the tree after the group properties)."""
    tree = part._element.find("p:cSld/p:spTree", NS)
    tree.insert(2, _el(xml))


def _rect(part: Any, name: str, box: tuple[int, int, int, int], colour: str) -> None:
    x, y, w, h = box
    _add_art(
        part,
        f'<p:sp><p:nvSpPr><p:cNvPr id="{_next_id(part)}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
        f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        "</p:spPr></p:sp>",
    )


def _picture(part: Any, name: str, box: tuple[int, int, int, int], image: Image.Image) -> None:
    _, r_id = part.part.get_or_add_image_part(_png(image))
    x, y, w, h = box
    _add_art(
        part,
        f'<p:pic><p:nvPicPr><p:cNvPr id="{_next_id(part)}" name="{name}" descr="{name}"/>'
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/>'
        f'</p:nvPicPr><p:blipFill><a:blip r:embed="{r_id}"/><a:stretch><a:fillRect/>'
        f'</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" '
        f'cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>',
    )


def _placeholder(part: Any, kind: str) -> Any | None:
    for sp in part._element.iterfind(".//p:sp", NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type", "obj") == kind:
            return sp
    return None


def _move(sp: Any, box: tuple[int, int, int, int]) -> None:
    sp_pr = sp.find("p:spPr", NS)
    for old in sp_pr.findall("a:xfrm", NS):
        sp_pr.remove(old)
    x, y, w, h = box
    sp_pr.insert(0, _el(f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'))


def _own_colour(sp: Any, colour: str) -> None:
    """A layout placeholder's first level set in ``colour``, whatever the master says."""
    lst = sp.find("p:txBody/a:lstStyle", NS)
    lvl = lst.find("a:lvl1pPr", NS)
    if lvl is None:
        lvl = _el("<a:lvl1pPr/>")
        lst.insert(0, lvl)
    def_rpr = lvl.find("a:defRPr", NS)
    if def_rpr is None:
        def_rpr = _el("<a:defRPr/>")
        lvl.append(def_rpr)
    for old in def_rpr.findall("a:solidFill", NS):
        def_rpr.remove(old)
    def_rpr.insert(0, _el(f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'))


def _theme_name(prs: Any, name: str) -> None:
    prs.core_properties.title = name


# -- the templates ----------------------------------------------------------------------------


def dark(path: Path) -> Path:
    """A deep slate background on the master, and white text set in the master's styles (the
    theme still says its text colour is black)."""
    prs = Presentation()
    _widen(prs)
    master = prs.slide_masters[0]
    _background(master, '<a:solidFill><a:srgbClr val="1C2430"/></a:solidFill>')
    _text_colour(master, "titleStyle", "FFFFFF")
    _text_colour(master, "bodyStyle", "E8ECF2")
    _theme_name(prs, "Dark slate (made for the tests)")
    prs.save(str(path))
    return path


def dark_theme(path: Path) -> Path:
    """A dark theme as PowerPoint makes one: the colour map swaps light and dark, so the
    background (bg1) is the theme's black and text (tx1) its white. 4:3, as the default is."""
    prs = Presentation()
    clr_map = prs.slide_masters[0]._element.find("p:clrMap", NS)
    for bg, tx in (("bg1", "tx1"), ("bg2", "tx2")):
        clr_map.set(bg, clr_map.get(tx))
    clr_map.set("tx1", "lt1")
    clr_map.set("tx2", "lt2")
    _theme_name(prs, "Dark theme by colour map (made for the tests)")
    prs.save(str(path))
    return path


def _night_picture(width: int = 1600, height: int = 900) -> Image.Image:
    """A dark, photo-like picture: a navy-to-plum sky, a glow near the horizon and faint
    spots of light, so its colour varies across the slide without any part being light."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        glow = math.exp(-(((t - 0.78) / 0.08) ** 2))
        colour = (
            int(14 + 50 * t + 50 * glow),
            int(22 + 20 * t + 30 * glow),
            int(58 + 40 * t + 20 * glow),
        )
        draw.line([(0, y), (width, y)], fill=colour)
    for n in range(40):
        cx, cy = (n * 397) % width, (n * 211) % int(height * 0.7)
        r = 2 + n % 5
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(70, 72, 110))
    return image


def picture_background(path: Path) -> Path:
    """A photograph as the master's background (dark, with lighter spots and a glowing band),
    white text styles; 16:9."""
    prs = Presentation()
    _widen(prs)
    master = prs.slide_masters[0]
    _, r_id = master.part.get_or_add_image_part(_png(_night_picture()))
    _background(
        master,
        f'<a:blipFill dpi="0" rotWithShape="1"><a:blip r:embed="{r_id}"/><a:srcRect/>'
        "<a:stretch><a:fillRect/></a:stretch></a:blipFill>",
    )
    _text_colour(master, "titleStyle", "FFFFFF")
    _text_colour(master, "bodyStyle", "F2F2F2")
    _theme_name(prs, "Night picture (made for the tests)")
    prs.save(str(path))
    return path


def _logo(size: int = 400) -> Image.Image:
    """A round two-colour emblem with a bar across it, on a transparent ground."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([8, 8, size - 8, size - 8], fill=(176, 32, 40, 255))
    draw.ellipse([size // 4, size // 4, size * 3 // 4, size * 3 // 4], fill=(240, 190, 60, 255))
    draw.rectangle([size // 8, size * 7 // 16, size * 7 // 8, size * 9 // 16], fill=(30, 30, 30))
    return image


def band_and_logo(path: Path) -> Path:
    """A deep red title band across the top with the title in white inside it, a thin rule under
    the band and an emblem in the bottom-right corner, where the slide number sits; 16:9. The
    title slide and the section header set their own dark titles on the white ground."""
    prs = Presentation()
    _widen(prs)
    master = prs.slide_masters[0]
    band_h = int(HEIGHT * 0.17)
    _rect(master, "Title band", (0, 0, WIDE, band_h), "8B1A1A")
    _rect(master, "Rule", (0, band_h, WIDE, int(HEIGHT * 0.008)), "D9A521")
    side = int(HEIGHT * 0.14)
    margin = int(HEIGHT * 0.03)
    _picture(master, "Emblem", (WIDE - side - margin, HEIGHT - side - margin, side, side), _logo())
    title = _placeholder(master, "title")
    assert title is not None
    _move(title, (int(WIDE * 0.04), int(band_h * 0.1), int(WIDE * 0.92), int(band_h * 0.8)))
    _text_colour(master, "titleStyle", "FFFFFF")
    for layout in master.slide_layouts:
        for kind in ("ctrTitle", "title"):
            sp = _placeholder(layout, kind)
            if sp is None:
                continue
            xfrm = sp.find("p:spPr/a:xfrm", NS)
            if xfrm is None:
                continue  # in the band, as the master puts it
            off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
            top, bottom = int(off.get("y")), int(off.get("y")) + int(ext.get("cy"))
            if top < band_h * 1.1:  # keep the layout's own title clear of the band
                top = int(band_h * 1.15)
                off.set("y", str(top))
                ext.set("cy", str(max(bottom - top, int(HEIGHT * 0.1))))
            _own_colour(sp, "3A0A0A")  # on the white ground, not in the band
    _theme_name(prs, "Band and emblem (made for the tests)")
    prs.save(str(path))
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {
    "made-dark": dark,
    "made-dark-theme": dark_theme,
    "made-picture": picture_background,
    "made-band-logo": band_and_logo,
}


def make(folder: Path) -> dict[str, Path]:
    """Write every made template into ``folder``: name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: maker(folder / f"{name}.pptx") for name, maker in MAKERS.items()}
