"""Build briefing's bundled slide templates, reproducibly.

For every design below this writes ``templates/<id>/template.pptx`` and
``templates/<id>/manifest.toml``; with ``--thumbnails`` it also renders
``templates/<id>/thumbnail.png`` through LibreOffice (the .pptx itself needs no LibreOffice).

    python scripts/make_templates.py                 # all templates into ./templates
    python scripts/make_templates.py --thumbnails    # ... and their thumbnails
    python scripts/make_templates.py --only navy --out /tmp/t

The templates start from python-pptx's default package. The slide master, its eight layouts and
the theme are rewritten from the designs here; the default's other layouts, its printer settings
and its stale package thumbnail are dropped, and the zip is written with fixed timestamps, so the
same script gives the same bytes.

Every layout states the position of each of its placeholders (none relies on the 4:3 master),
text styles live in the master's ``p:txStyles`` and in the theme (fonts, colours), decorations
(bands, rules) are plain shapes placed behind the placeholders.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "templates"

EMU_PER_INCH = 914400
FIXED_DATE = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_DATE = (2025, 1, 1, 0, 0, 0)

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# The layouts every bundled template has, in this order, and the manifest role of each.
ROLES = {
    "title": "Title Slide",
    "section": "Section Header",
    "bullets": "Title and Content",
    "chart": "Title and Chart",
    "bullets_chart": "Content with Chart",
    "two_columns": "Two Content",
    "closing": "Closing",
}
LAYOUT_ORDER = (
    "Title Slide",
    "Section Header",
    "Title and Content",
    "Title Only",
    "Title and Chart",
    "Content with Chart",
    "Two Content",
    "Closing",
)
CHART_IDX = 13  # object placeholders meant for charts; 10-12 are the footers'


def emu(inches: float) -> int:
    return round(inches * EMU_PER_INCH)


def pt(points: float) -> int:
    """Points to EMU."""
    return round(points * 12700)


# --------------------------------------------------------------------------------------------
# Design data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Palette:
    background: str  # slide background of content slides
    text: str  # theme dk1
    primary: str  # theme dk2: the house colour
    light: str  # theme lt2
    accents: tuple[str, str, str, str, str, str]  # theme accent1-6, chart series colours
    muted: str  # secondary text: subtitles, footers
    hlink: str
    fol_hlink: str


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Ph:
    """A placeholder on a layout (or the master)."""

    kind: str  # ctrTitle subTitle title body obj dt ftr sldNum
    idx: int
    box: Box
    anchor: str = "t"
    lst_style: str = ""  # inner XML of a:lstStyle
    prompt: str = ""  # custom prompt; "" keeps PowerPoint's own


@dataclass(frozen=True)
class Deco:
    """A plain filled rectangle (band, rule, hairline) behind the placeholders."""

    name: str
    box: Box
    colour: str


@dataclass(frozen=True)
class Layout:
    name: str
    kind: str  # sldLayout/@type; "" for a custom layout
    placeholders: tuple[Ph, ...]
    background: str | None = None  # None: the master's
    show_master_shapes: bool = True
    decorations: tuple[Deco, ...] = ()


@dataclass(frozen=True)
class TextStyle:
    title_size: float
    title_bold: bool
    title_colour: str
    title_line_spacing: int  # percent
    body_sizes: tuple[float, float, float, float, float]
    body_colour: str
    bullet_colour: str
    footer_size: float
    footer_colour: str


@dataclass(frozen=True)
class Design:
    id: str
    name: str
    description: str
    width: int
    height: int
    slide_size: str
    palette: Palette
    heading_font: str
    body_font: str
    text: TextStyle
    master_background: str
    master_decorations: tuple[Deco, ...]
    master_placeholders: tuple[Ph, ...]
    layouts: tuple[Layout, ...]
    marking_font_size: int = 10
    version: str = "1.0.0"


# --------------------------------------------------------------------------------------------
# XML snippets
# --------------------------------------------------------------------------------------------


def colour(value: str, *, alpha: int | None = None) -> str:
    """``#RRGGBB`` or a scheme colour name (tx1, bg1, accent2, ...) as a colour element."""
    inner = f'<a:alpha val="{alpha}"/>' if alpha is not None else ""
    if value.startswith("#"):
        return f'<a:srgbClr val="{value[1:].upper()}">{inner}</a:srgbClr>'
    return f'<a:schemeClr val="{value}">{inner}</a:schemeClr>'


def solid(value: str) -> str:
    return f"<a:solidFill>{colour(value)}</a:solidFill>"


def xfrm(box: Box) -> str:
    return f'<a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></a:xfrm>'


def background(fill: str) -> str:
    return f"<p:bg><p:bgPr>{solid(fill)}<a:effectLst/></p:bgPr></p:bg>"


def level(
    n: int,
    *,
    size: float | None = None,
    colour_: str | None = None,
    font: str | None = None,
    bold: bool | None = None,
    mar_l: int | None = None,
    indent: int | None = None,
    algn: str | None = None,
    line: int | None = None,
    before: float | None = None,
    after: float | None = None,
    bullet: str | None = None,  # a character, "" for none, None to inherit
    bullet_colour: str | None = None,
    bullet_font: str = "Calibri",
    full: bool = False,
) -> str:
    """One ``a:lvlNpPr``; ``full`` adds the attributes PowerPoint writes on master styles."""
    attrs = []
    if mar_l is not None:
        attrs.append(f'marL="{mar_l}"')
    if indent is not None:
        attrs.append(f'indent="{indent}"')
    if algn is not None:
        attrs.append(f'algn="{algn}"')
    if full:
        attrs.append('defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"')
    parts = []
    if line is not None:
        parts.append(f'<a:lnSpc><a:spcPct val="{line * 1000}"/></a:lnSpc>')
    if before is not None:
        parts.append(f'<a:spcBef><a:spcPts val="{round(before * 100)}"/></a:spcBef>')
    if after is not None:
        parts.append(f'<a:spcAft><a:spcPts val="{round(after * 100)}"/></a:spcAft>')
    if bullet == "":
        parts.append("<a:buNone/>")
    elif bullet is not None:
        if bullet_colour:
            parts.append(f"<a:buClr>{colour(bullet_colour)}</a:buClr>")
        parts.append('<a:buSzPct val="100000"/>')
        parts.append(f'<a:buFont typeface="{bullet_font}"/>')
        parts.append(f'<a:buChar char="{escape(bullet)}"/>')
    r_attrs = []
    if size is not None:
        r_attrs.append(f'sz="{round(size * 100)}"')
    if full:
        r_attrs.append('kern="1200"')
    if bold is not None:
        r_attrs.append(f'b="{1 if bold else 0}"')
    r_inner = solid(colour_) if colour_ else ""
    if font:
        r_inner += (
            f'<a:latin typeface="+{font}-lt"/><a:ea typeface="+{font}-ea"/>'
            f'<a:cs typeface="+{font}-cs"/>'
        )
    r_attr = (" " + " ".join(r_attrs)) if r_attrs else ""
    parts.append(f"<a:defRPr{r_attr}>{r_inner}</a:defRPr>" if (r_attr or r_inner) else "")
    attr = (" " + " ".join(attrs)) if attrs else ""
    return f"<a:lvl{n}pPr{attr}>{''.join(parts)}</a:lvl{n}pPr>"


# Bullet geometry per level: (left margin, hanging indent) in EMU.
def bullet_geometry(sizes: Sequence[float]) -> list[tuple[int, int]]:
    out = []
    left = 0
    for i, size in enumerate(sizes):
        hang = pt(size * 0.95) if i == 0 else pt(size * 1.05)
        left += hang if i == 0 else pt(sizes[0] * 1.1)
        out.append((left, -hang))
    return out


BULLETS = ("\u2022", "\u2013", "\u2022", "\u2013", "\u2022")  # bullet, en dash, ...


def tx_styles(design: Design) -> str:
    t = design.text
    title = level(
        1,
        size=t.title_size,
        colour_=t.title_colour,
        font="mj",
        bold=t.title_bold,
        algn="l",
        line=t.title_line_spacing,
        before=0,
        bullet="",
        full=True,
    )
    body = []
    geo = bullet_geometry(t.body_sizes)
    for i in range(9):
        size = t.body_sizes[min(i, 4)]
        mar_l, indent = geo[min(i, 4)]
        if i > 4:
            mar_l += (i - 4) * pt(t.body_sizes[0] * 1.1)
        body.append(
            level(
                i + 1,
                size=size,
                colour_=t.body_colour,
                font="mn",
                mar_l=mar_l,
                indent=indent,
                algn="l",
                line=100,
                before=t.body_sizes[0] * 0.5 if i == 0 else t.body_sizes[0] * 0.2,
                after=0,
                bullet=BULLETS[min(i, 4)],
                bullet_colour=t.bullet_colour if i == 0 else None,
                bullet_font=design.body_font,
                full=True,
            )
        )
    other = ['<a:defPPr><a:defRPr lang="en-GB"/></a:defPPr>']
    for i in range(9):
        other.append(
            level(
                i + 1,
                size=18,
                colour_="tx1",
                font="mn",
                mar_l=i * 457200,
                algn="l",
                full=True,
            )
        )
    return (
        f"<p:txStyles><p:titleStyle>{title}</p:titleStyle>"
        f"<p:bodyStyle>{''.join(body)}</p:bodyStyle>"
        f"<p:otherStyle>{''.join(other)}</p:otherStyle></p:txStyles>"
    )


PH_NAMES = {
    "ctrTitle": "Title",
    "title": "Title",
    "subTitle": "Subtitle",
    "body": "Text Placeholder",
    "obj": "Content Placeholder",
    "dt": "Date Placeholder",
    "ftr": "Footer Placeholder",
    "sldNum": "Slide Number Placeholder",
}
DEFAULT_PROMPTS = {
    "ctrTitle": ["Click to edit title"],
    "title": ["Click to edit title"],
    "subTitle": ["Click to edit subtitle"],
    "body": ["Click to edit text", "Second level", "Third level"],
    "obj": ["Click to add content", "Second level", "Third level"],
}
DATE_FIELD = "{5BCAD085-E8A6-8845-BD4E-CB4CCA059FC4}"
SLIDE_NUMBER_FIELD = "{C1FF6DA9-008F-8B48-92A6-B652298478BF}"


def paragraphs(ph: Ph) -> str:
    if ph.kind == "dt":
        return (
            f'<a:p><a:fld id="{DATE_FIELD}" type="datetimeFigureOut">'
            '<a:rPr lang="en-GB"/><a:t>01/01/2025</a:t></a:fld>'
            '<a:endParaRPr lang="en-GB"/></a:p>'
        )
    if ph.kind == "sldNum":
        return (
            f'<a:p><a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum">'
            '<a:rPr lang="en-GB"/><a:t>\u2039#\u203a</a:t></a:fld>'
            '<a:endParaRPr lang="en-GB"/></a:p>'
        )
    if ph.kind == "ftr":
        return '<a:p><a:endParaRPr lang="en-GB"/></a:p>'
    lines = [ph.prompt] if ph.prompt else DEFAULT_PROMPTS[ph.kind]
    out = []
    for i, text in enumerate(lines):
        ppr = f'<a:pPr lvl="{i}"/>' if i else ""
        out.append(f'<a:p>{ppr}<a:r><a:rPr lang="en-GB"/><a:t>{escape(text)}</a:t></a:r></a:p>')
    return "".join(out)


def placeholder(ph: Ph, shape_id: int, *, master: bool) -> str:
    ph_attrs = []
    if ph.kind != "obj":
        ph_attrs.append(f'type="{ph.kind}"')
    if ph.kind == "dt":
        ph_attrs.append('sz="half"')
    elif ph.kind in ("ftr", "sldNum"):
        ph_attrs.append('sz="quarter"')
    if ph.idx:
        ph_attrs.append(f'idx="{ph.idx}"')
    if ph.prompt:
        ph_attrs.append('hasCustomPrompt="1"')
    name = f"{PH_NAMES[ph.kind]} {shape_id - 1}"
    autofit = "<a:normAutofit/>" if ph.kind not in ("dt", "ftr", "sldNum") else ""
    body_pr = (
        f'<a:bodyPr vert="horz" wrap="square" lIns="0" tIns="{pt(2)}" rIns="0" '
        f'bIns="{pt(2)}" rtlCol="0" anchor="{ph.anchor}">{autofit}</a:bodyPr>'
    )
    geometry = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' if master else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph {' '.join(ph_attrs)}/></p:nvPr></p:nvSpPr>"
        f"<p:spPr>{xfrm(ph.box)}{geometry}</p:spPr>"
        f"<p:txBody>{body_pr}<a:lstStyle>{ph.lst_style}</a:lstStyle>{paragraphs(ph)}</p:txBody>"
        "</p:sp>"
    )


def decoration(deco: Deco, shape_id: int) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(deco.name)}"/>'
        '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm(deco.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"{solid(deco.colour)}<a:ln><a:noFill/></a:ln></p:spPr>"
        '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/>'
        '<a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>'
    )


def sp_tree(decorations: Sequence[Deco], placeholders: Sequence[Ph], *, master: bool) -> str:
    shapes = []
    next_id = 2
    # Placeholders are numbered first so their names read "Title 1", "Text Placeholder 2", ...
    ph_xml = []
    for ph in placeholders:
        ph_xml.append(placeholder(ph, next_id, master=master))
        next_id += 1
    for deco in decorations:  # decorations first in z-order: behind every placeholder
        shapes.append(decoration(deco, next_id))
        next_id += 1
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        f"{''.join(shapes)}{''.join(ph_xml)}</p:spTree>"
    )


def master_xml(design: Design, layout_ids: str) -> str:
    t = design.text
    footer_style = {
        "dt": level(1, size=t.footer_size, colour_=t.footer_colour, algn="r"),
        "ftr": level(1, size=t.footer_size, colour_=t.footer_colour, algn="l"),
        "sldNum": level(1, size=t.footer_size, colour_=t.footer_colour, algn="r"),
    }
    phs = [
        Ph(p.kind, p.idx, p.box, p.anchor, p.lst_style or footer_style.get(p.kind, ""), p.prompt)
        for p in design.master_placeholders
    ]
    clr_map = (
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
        'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" '
        'hlink="hlink" folHlink="folHlink"/>'
    )
    return (
        f"<p:sldMaster {NS}><p:cSld>{background(design.master_background)}"
        f"{sp_tree(design.master_decorations, phs, master=True)}</p:cSld>{clr_map}"
        f"{layout_ids}{tx_styles(design)}</p:sldMaster>"
    )


def layout_xml(layout: Layout) -> str:
    attrs = [NS]
    if not layout.show_master_shapes:
        attrs.append('showMasterSp="0"')
    if layout.kind:
        attrs.append(f'type="{layout.kind}"')
    attrs.append('preserve="1"')
    if not layout.kind:
        attrs.append('userDrawn="1"')
    bg = background(layout.background) if layout.background else ""
    return (
        f'<p:sldLayout {" ".join(attrs)}><p:cSld name="{escape(layout.name)}">{bg}'
        f"{sp_tree(layout.decorations, layout.placeholders, master=False)}</p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


# --------------------------------------------------------------------------------------------
# The designs
# --------------------------------------------------------------------------------------------

W169, H169 = 12192000, 6858000  # 13.333 in x 7.5 in
W43, H43 = 9144000, 6858000  # 10 in x 7.5 in


def footers(
    width: int, margin: int, y: int, h: int, *, lst: dict[str, str] | None = None
) -> tuple[Ph, Ph, Ph]:
    """Footer text bottom left, date and slide number bottom right; the centre stays free
    for the classification marking the app draws at the top and bottom of each slide."""
    lst = lst or {}
    num_w = emu(0.7)
    date_w = emu(2.2)
    ftr_w = width // 2 - margin - emu(1.1)
    return (
        Ph("ftr", 11, Box(margin, y, ftr_w, h), "ctr", lst.get("ftr", "")),
        Ph("dt", 10, Box(width - margin - num_w - date_w, y, date_w, h), "ctr", lst.get("dt", "")),
        Ph("sldNum", 12, Box(width - margin - num_w, y, num_w, h), "ctr", lst.get("sldNum", "")),
    )


def master_footers(width: int, margin: int, y: int, h: int) -> list[Ph]:
    ftr, date, num = footers(width, margin, y, h)
    return [
        Ph("dt", 2, date.box, "ctr"),
        Ph("ftr", 3, ftr.box, "ctr"),
        Ph("sldNum", 4, num.box, "ctr"),
    ]


def content_layouts(
    *,
    width: int,
    margin: int,
    title: Box,
    top: int,
    bottom: int,
    foot: tuple[Ph, Ph, Ph],
    gap: int,
) -> list[Layout]:
    """The five content layouts, which share the master's title position."""
    full = width - 2 * margin
    body_h = bottom - top
    left_w = round((full - gap) * 0.45)
    half_w = (full - gap) // 2
    t = Ph("title", 0, title, "b")
    return [
        Layout(
            "Title and Content", "obj", (t, Ph("body", 1, Box(margin, top, full, body_h)), *foot)
        ),
        Layout("Title Only", "titleOnly", (t, *foot)),
        Layout(
            "Title and Chart",
            "",
            (t, Ph("obj", CHART_IDX, Box(margin, top, full, body_h), prompt="Chart"), *foot),
        ),
        Layout(
            "Content with Chart",
            "txAndObj",
            (
                t,
                Ph("body", 1, Box(margin, top, left_w, body_h)),
                Ph(
                    "obj",
                    CHART_IDX,
                    Box(margin + left_w + gap, top, full - left_w - gap, body_h),
                    prompt="Chart",
                ),
                *foot,
            ),
        ),
        Layout(
            "Two Content",
            "twoColTx",
            (
                t,
                Ph("body", 1, Box(margin, top, half_w, body_h)),
                Ph("body", 2, Box(width - margin - half_w, top, half_w, body_h)),
                *foot,
            ),
        ),
    ]


def flat(colour_: str, size: float | None = None, *, algn: str | None = None) -> str:
    """A lstStyle for unbulleted text in one colour (subtitles, section descriptions)."""
    return level(1, size=size, colour_=colour_, mar_l=0, indent=0, algn=algn, bullet="", before=0)


def recoloured(colour_: str, levels: int = 3) -> str:
    """A lstStyle that keeps the master's bullets but changes the text colour."""
    return "".join(level(i + 1, colour_=colour_) for i in range(levels))


def order(layouts: Sequence[Layout]) -> tuple[Layout, ...]:
    by_name = {lay.name: lay for lay in layouts}
    return tuple(by_name[name] for name in LAYOUT_ORDER)


def navy() -> Design:
    pal = Palette(
        background="#FFFFFF",
        text="#1B1B1B",
        primary="#14213D",
        light="#E5E7EB",
        accents=("#1F4E9A", "#F2A900", "#56B4E9", "#EE6677", "#882255", "#997700"),
        muted="#6B7280",
        hlink="#1F4E9A",
        fol_hlink="#6B3FA0",
    )
    W, H = W169, H169
    m = emu(0.6)
    band_h = emu(1.35)
    rule_h = emu(0.05)
    title = Box(m, emu(0.3), W - 2 * m, band_h - emu(0.3) - emu(0.1))
    top = band_h + rule_h + emu(0.4)
    foot_y, foot_h = emu(6.98), emu(0.3)
    bottom = emu(6.8)
    on_dark = "#B8C2D6"
    dark_foot = {
        k: flat(on_dark, 10, algn="l" if k == "ftr" else "r") for k in ("dt", "ftr", "sldNum")
    }
    foot = footers(W, m, foot_y, foot_h)
    foot_dark = footers(W, m, foot_y, foot_h, lst=dark_foot)

    band = (
        Deco("Title band", Box(0, 0, W, band_h), "tx2"),
        Deco("Accent rule", Box(0, band_h, W, rule_h), "accent2"),
    )
    lm = emu(0.9)  # wider left margin on the dark, sparse slides
    dark_w = W - lm - emu(2.2)

    def dark_rule(y: int) -> Deco:
        return Deco("Accent rule", Box(lm, y, emu(1.4), emu(0.06)), "accent2")

    side = Deco("Side bar", Box(0, 0, emu(0.18), H), "accent2")
    title_slide = Layout(
        "Title Slide",
        "title",
        (
            Ph(
                "ctrTitle",
                0,
                Box(lm, emu(1.6), dark_w, emu(2.5)),
                "b",
                level(1, size=44, colour_="bg1", bold=True),
            ),
            Ph("subTitle", 1, Box(lm, emu(4.5), dark_w, emu(1.3)), "t", flat(on_dark, 22)),
            *foot_dark,
        ),
        background="tx2",
        show_master_shapes=False,
        decorations=(side, dark_rule(emu(4.25))),
    )
    section = Layout(
        "Section Header",
        "secHead",
        (
            Ph(
                "title",
                0,
                Box(lm, emu(2.2), dark_w, emu(1.9)),
                "b",
                level(1, size=38, colour_="bg1", bold=True),
            ),
            Ph("body", 1, Box(lm, emu(4.5), dark_w, emu(1.4)), "t", flat(on_dark, 20)),
            *foot_dark,
        ),
        background="tx2",
        show_master_shapes=False,
        decorations=(dark_rule(emu(4.25)),),
    )
    closing = Layout(
        "Closing",
        "",
        (
            Ph(
                "title",
                0,
                Box(lm, emu(0.9), dark_w, emu(1.5)),
                "b",
                level(1, size=38, colour_="bg1", bold=True),
            ),
            Ph("body", 1, Box(lm, emu(2.85), dark_w, emu(3.7)), "t", recoloured("bg1")),
            *foot_dark,
        ),
        background="tx2",
        show_master_shapes=False,
        decorations=(side, dark_rule(emu(2.6))),
    )
    layouts = [
        title_slide,
        section,
        closing,
        *content_layouts(
            width=W, margin=m, title=title, top=top, bottom=bottom, foot=foot, gap=emu(0.45)
        ),
    ]
    return Design(
        id="navy",
        name="Navy",
        description="Dark-blue 16:9 house style for ministerial briefings.",
        width=W,
        height=H,
        slide_size="16:9",
        palette=pal,
        heading_font="Calibri",
        body_font="Calibri",
        text=TextStyle(
            title_size=30,
            title_bold=True,
            title_colour="bg1",
            title_line_spacing=90,
            body_sizes=(20, 18, 16, 14, 14),
            body_colour="tx1",
            bullet_colour="accent2",
            footer_size=10,
            footer_colour=pal.muted,
        ),
        master_background="bg1",
        master_decorations=band,
        master_placeholders=(
            Ph("title", 0, title, "b"),
            Ph("body", 1, Box(m, top, W - 2 * m, bottom - top)),
            *master_footers(W, m, foot_y, foot_h),
        ),
        layouts=order(layouts),
    )


def paper() -> Design:
    pal = Palette(
        background="#FAF9F6",
        text="#2B2B2B",
        primary="#1F6F6A",
        light="#FAF9F6",
        accents=("#1F6F6A", "#DDAA33", "#332288", "#C4553A", "#88CCEE", "#7570B3"),
        muted="#6F6F6F",
        hlink="#1F6F6A",
        fol_hlink="#882255",
    )
    W, H = W169, H169
    m = emu(0.9)
    hair = pt(0.75)
    title = Box(m, emu(0.55), W - 2 * m, emu(1.0))
    rule_y = emu(1.68)
    top = emu(2.0)
    bottom = emu(6.6)
    foot_y, foot_h = emu(6.95), emu(0.3)
    foot = footers(W, m, foot_y, foot_h)
    rules = (
        Deco("Hairline", Box(m, rule_y, W - 2 * m, hair), "#CFCBC2"),
        Deco("Accent rule", Box(m, rule_y - pt(1), emu(0.9), pt(2.5)), "tx2"),
    )
    dark_w = W - 2 * m - emu(1.5)

    def short_rule(y: int) -> Deco:
        return Deco("Accent rule", Box(m, y, emu(1.2), pt(3)), "tx2")

    top_rule = Deco("Top rule", Box(0, 0, W, emu(0.1)), "tx2")
    title_slide = Layout(
        "Title Slide",
        "title",
        (
            Ph("ctrTitle", 0, Box(m, emu(1.8), dark_w, emu(2.4)), "b", level(1, size=44)),
            Ph("subTitle", 1, Box(m, emu(4.6), dark_w, emu(1.3)), "t", flat(pal.muted, 22)),
            *foot,
        ),
        show_master_shapes=False,
        decorations=(top_rule, short_rule(emu(4.38))),
    )
    section = Layout(
        "Section Header",
        "secHead",
        (
            Ph(
                "title",
                0,
                Box(m + emu(0.5), emu(2.2), dark_w - emu(0.5), emu(1.9)),
                "b",
                level(1, size=38),
            ),
            Ph(
                "body",
                1,
                Box(m + emu(0.5), emu(4.5), dark_w - emu(0.5), emu(1.4)),
                "t",
                flat(pal.muted, 20),
            ),
            *foot,
        ),
        show_master_shapes=False,
        decorations=(Deco("Side rule", Box(m, emu(2.9), pt(3), emu(2.6)), "tx2"),),
    )
    closing = Layout(
        "Closing",
        "",
        (
            Ph("title", 0, Box(m, emu(0.9), dark_w, emu(1.5)), "b", level(1, size=38)),
            Ph("body", 1, Box(m, emu(2.95), dark_w, emu(3.6))),
            *foot,
        ),
        show_master_shapes=False,
        decorations=(top_rule, short_rule(emu(2.62))),
    )
    layouts = [
        title_slide,
        section,
        closing,
        *content_layouts(
            width=W, margin=m, title=title, top=top, bottom=bottom, foot=foot, gap=emu(0.5)
        ),
    ]
    return Design(
        id="paper",
        name="Paper",
        description="Light, minimal 16:9 style: charcoal on off-white with one teal accent.",
        width=W,
        height=H,
        slide_size="16:9",
        palette=pal,
        heading_font="Calibri",
        body_font="Calibri",
        text=TextStyle(
            title_size=30,
            title_bold=False,
            title_colour="tx1",
            title_line_spacing=90,
            body_sizes=(20, 18, 16, 14, 14),
            body_colour="tx1",
            bullet_colour="tx2",
            footer_size=9,
            footer_colour=pal.muted,
        ),
        master_background="bg2",
        master_decorations=rules,
        master_placeholders=(
            Ph("title", 0, title, "b"),
            Ph("body", 1, Box(m, top, W - 2 * m, bottom - top)),
            *master_footers(W, m, foot_y, foot_h),
        ),
        layouts=order(layouts),
    )


def print43() -> Design:
    pal = Palette(
        background="#FFFFFF",
        text="#1A1A1A",
        primary="#7A1F2B",
        light="#F2F2F2",
        accents=("#4477AA", "#CC3311", "#E69F00", "#332288", "#7FC2E8", "#808080"),
        muted="#666666",
        hlink="#1B5E9B",
        fol_hlink="#7A1F2B",
    )
    W, H = W43, H43
    m = emu(0.6)
    title = Box(m, emu(0.35), W - 2 * m, emu(0.95))
    rule = Deco("Header rule", Box(m, emu(1.38), W - 2 * m, pt(2.25)), "tx2")
    top = emu(1.62)
    bottom = emu(6.65)
    foot_y, foot_h = emu(6.98), emu(0.3)
    foot = footers(W, m, foot_y, foot_h)
    hairline = Deco("Footer hairline", Box(m, emu(6.9), W - 2 * m, pt(0.75)), "#BFBFBF")
    wide = W - 2 * m

    def full_rule(y: int) -> Deco:
        return Deco("Rule", Box(m, y, wide, pt(2.25)), "tx2")

    top_band = Deco("Top band", Box(0, 0, W, emu(0.14)), "tx2")
    title_slide = Layout(
        "Title Slide",
        "title",
        (
            Ph("ctrTitle", 0, Box(m, emu(1.7), wide, emu(2.2)), "b", level(1, size=38)),
            Ph("subTitle", 1, Box(m, emu(4.3), wide, emu(1.3)), "t", flat(pal.muted, 20)),
            *foot,
        ),
        show_master_shapes=False,
        decorations=(top_band, full_rule(emu(4.08)), hairline),
    )
    section = Layout(
        "Section Header",
        "secHead",
        (
            Ph("title", 0, Box(m, emu(2.1), wide, emu(1.8)), "b", level(1, size=34, colour_="tx2")),
            Ph("body", 1, Box(m, emu(4.3), wide, emu(1.4)), "t", flat(pal.muted, 18)),
            *foot,
        ),
        show_master_shapes=False,
        decorations=(full_rule(emu(4.08)), hairline),
    )
    closing = Layout(
        "Closing",
        "",
        (
            Ph("title", 0, Box(m, emu(0.8), wide, emu(1.5)), "b", level(1, size=34)),
            Ph("body", 1, Box(m, emu(2.75), wide, emu(3.8))),
            *foot,
        ),
        show_master_shapes=False,
        decorations=(top_band, full_rule(emu(2.5)), hairline),
    )
    layouts = [
        title_slide,
        section,
        closing,
        *content_layouts(
            width=W, margin=m, title=title, top=top, bottom=bottom, foot=foot, gap=emu(0.35)
        ),
    ]
    return Design(
        id="print43",
        name="Print 4:3",
        description="Print-friendly 4:3 style: dark text on white, Cambria headings, slim rules.",
        width=W,
        height=H,
        slide_size="4:3",
        palette=pal,
        heading_font="Cambria",
        body_font="Calibri",
        text=TextStyle(
            title_size=28,
            title_bold=False,
            title_colour="tx1",
            title_line_spacing=90,
            body_sizes=(18, 16, 14, 12, 12),
            body_colour="tx1",
            bullet_colour="tx2",
            footer_size=9,
            footer_colour=pal.muted,
        ),
        master_background="bg1",
        master_decorations=(rule, hairline),
        master_placeholders=(
            Ph("title", 0, title, "b"),
            Ph("body", 1, Box(m, top, W - 2 * m, bottom - top)),
            *master_footers(W, m, foot_y, foot_h),
        ),
        layouts=order(layouts),
    )


DESIGNS: dict[str, Callable[[], Design]] = {"navy": navy, "paper": paper, "print43": print43}


# --------------------------------------------------------------------------------------------
# Building the package
# --------------------------------------------------------------------------------------------


def _replace_element(old: Any, new: Any) -> None:
    """Give ``old`` the attributes and children of ``new`` (keeps python-pptx's references)."""
    for child in list(old):
        old.remove(child)
    old.attrib.clear()
    for key, value in new.attrib.items():
        old.set(key, value)
    for child in list(new):
        old.append(child)


def _theme_blob(blob: bytes, design: Design) -> bytes:
    from lxml import etree

    root = etree.fromstring(blob)
    ns = {"a": A_NS}
    root.set("name", design.name)
    scheme = root.find("a:themeElements/a:clrScheme", ns)
    scheme.set("name", design.name)
    pal = design.palette
    values = {
        "dk1": pal.text,
        "lt1": "#FFFFFF",
        "dk2": pal.primary,
        "lt2": pal.light,
        **{f"accent{i + 1}": c for i, c in enumerate(pal.accents)},
        "hlink": pal.hlink,
        "folHlink": pal.fol_hlink,
    }
    for child in list(scheme):
        scheme.remove(child)
    for slot, value in values.items():
        el = etree.SubElement(scheme, f"{{{A_NS}}}{slot}")
        etree.SubElement(el, f"{{{A_NS}}}srgbClr", val=value[1:].upper())
    fonts = root.find("a:themeElements/a:fontScheme", ns)
    fonts.set("name", design.name)
    fonts.find("a:majorFont/a:latin", ns).set("typeface", design.heading_font)
    fonts.find("a:minorFont/a:latin", ns).set("typeface", design.body_font)
    root.find("a:themeElements/a:fmtScheme", ns).set("name", design.name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _app_blob(blob: bytes, design: Design) -> bytes:
    text = blob.decode("utf-8")
    fmt = "Widescreen" if design.slide_size == "16:9" else "On-screen Show (4:3)"
    text = re.sub(r"<TotalTime>.*?</TotalTime>", "<TotalTime>0</TotalTime>", text)
    text = re.sub(r"<Application>.*?</Application>", "<Application>briefing</Application>", text)
    text = re.sub(
        r"<PresentationFormat>.*?</PresentationFormat>",
        f"<PresentationFormat>{fmt}</PresentationFormat>",
        text,
    )
    text = text.replace(
        "<vt:lpstr>Office Theme</vt:lpstr>", f"<vt:lpstr>{escape(design.name)}</vt:lpstr>"
    )
    return text.encode("utf-8")


def build_pptx(design: Design) -> bytes:
    """The template as the bytes of a .pptx file (deterministic)."""
    import pptx
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml

    prs = pptx.Presentation()
    prs.slide_width = design.width
    prs.slide_height = design.height
    sld_sz = prs.part._element.find(f"{{{P_NS}}}sldSz")
    if design.slide_size == "4:3":
        sld_sz.set("type", "screen4x3")
    elif "type" in sld_sz.attrib:
        del sld_sz.attrib["type"]

    master = prs.slide_master
    master_el = master._element
    id_lst = master_el.find(f"{{{P_NS}}}sldLayoutIdLst")
    entries = list(id_lst)
    keep, drop = entries[: len(design.layouts)], entries[len(design.layouts) :]
    layouts = list(prs.slide_layouts)[: len(design.layouts)]
    for entry in drop:
        rid = entry.get(f"{{{RNS}}}id")
        id_lst.remove(entry)
        master.part.drop_rel(rid)
    for layout, spec in zip(layouts, design.layouts, strict=True):
        _replace_element(layout._element, parse_xml(layout_xml(spec)))
    id_xml = (
        "<p:sldLayoutIdLst>"
        + "".join(
            f'<p:sldLayoutId id="{e.get("id")}" r:id="{e.get(f"{{{RNS}}}id")}"/>' for e in keep
        )
        + "</p:sldLayoutIdLst>"
    )
    _replace_element(master_el, parse_xml(master_xml(design, id_xml)))

    theme = master.part.part_related_by(RT.THEME)
    theme.blob = _theme_blob(theme.blob, design)

    # Drop what the default package carries but a template should not: a Mac printer's
    # settings and a thumbnail of python-pptx's own default slide.
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rid)
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part.blob = _app_blob(rel.target_part.blob, design)

    props = prs.core_properties
    props.title = design.name
    props.subject = design.description
    props.author = "briefing team"
    props.last_modified_by = "briefing team"
    props.comments = "Generated by scripts/make_templates.py"
    props.keywords = "briefing template"
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE

    buffer = io.BytesIO()
    prs.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so the same input gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def manifest_toml(design: Design) -> str:
    pal = design.palette
    accents = ", ".join(f'"{c}"' for c in pal.accents)
    roles = "\n".join(f'{role} = "{name}"' for role, name in ROLES.items())
    return f"""\
# Generated by scripts/make_templates.py; edit the script, not this file.
id = "{design.id}"
name = "{design.name}"
version = "{design.version}"
description = "{design.description}"
author = "briefing team"
file = "template.pptx"
slide_size = "{design.slide_size}"

[roles]  # role -> exact layout name in template.pptx
{roles}

[palette]
background = "{pal.background}"
text = "{pal.text}"
primary = "{pal.primary}"
accent = [{accents}]  # theme accent1-6: chart series colours
muted = "{pal.muted}"

[fonts]
heading = "{design.heading_font}"
body = "{design.body_font}"

[marking]  # banner colours are chosen per marking by the app; this is the text style
position = "top-bottom"
font_size = {design.marking_font_size}
text_colour = "#FFFFFF"
"""


def write_template(design: Design, out_dir: Path) -> Path:
    folder = out_dir / design.id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "template.pptx").write_bytes(build_pptx(design))
    (folder / "manifest.toml").write_text(manifest_toml(design), encoding="utf-8", newline="\n")
    return folder


# --------------------------------------------------------------------------------------------
# Thumbnails (optional: needs LibreOffice and poppler)
# --------------------------------------------------------------------------------------------


def write_thumbnail(folder: Path, width_px: int = 480) -> Path:
    """Render the title slide of a throwaway deck on the template to ``thumbnail.png``."""
    import pptx

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        raise SystemExit("--thumbnails needs LibreOffice (soffice) and pdftoppm on PATH")
    prs = pptx.Presentation(str(folder / "template.pptx"))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    slide = prs.slides.add_slide(layouts[ROLES["title"]])
    slide.shapes.title.text = "State of NATO"
    slide.placeholders[1].text = "Briefing"
    slide = prs.slides.add_slide(layouts[ROLES["bullets"]])
    slide.shapes.title.text = "Meeting the spending goals will be hard"
    slide.placeholders[1].text = "Most allies now spend 2% of GDP on defence"
    with tempfile.TemporaryDirectory(prefix="briefing-thumb-") as tmp:
        work = Path(tmp)
        deck = work / "thumb.pptx"
        prs.save(str(deck))
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(deck),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-scale-to-x",
                str(width_px),
                "-scale-to-y",
                "-1",
                "-singlefile",
                str(work / "thumb.pdf"),
                str(work / "thumbnail"),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        target = folder / "thumbnail.png"
        shutil.copyfile(work / "thumbnail.png", target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder of templates")
    parser.add_argument("--only", action="append", choices=sorted(DESIGNS), help="one template")
    parser.add_argument(
        "--thumbnails", action="store_true", help="also render thumbnail.png (needs LibreOffice)"
    )
    args = parser.parse_args(argv)
    for template_id in args.only or list(DESIGNS):
        folder = write_template(DESIGNS[template_id](), args.out)
        print(f"wrote {folder / 'template.pptx'}")
        if args.thumbnails:
            print(f"wrote {write_thumbnail(folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
