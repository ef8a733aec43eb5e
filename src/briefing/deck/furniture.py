"""Slide furniture: footers, slide numbers, dates and protective-marking banners.

python-pptx leaves a layout's date, footer and slide-number placeholders off new slides, so
generated decks look unfinished. Here they are copied from the layout and filled; a template
without them gets small text boxes in the same places. Marking banners sit at the top and bottom
centre of every slide, in the marking's colour, and push any footer out of their way.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.deck.layouts import Box
from briefing.model.marking import Marking

if TYPE_CHECKING:
    from pptx.slide import Slide

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
EMU_PER_PT = 12700
FOOTER_KINDS = ("dt", "ftr", "sldNum")


@dataclass(frozen=True)
class Furniture:
    """What every slide carries besides its content (the same for the whole deck)."""

    marking: str
    footer: str
    date_text: str
    banner_pt: float = 10.0
    banner_text_colour: str = "#FFFFFF"


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def banner_boxes(width: int, height: int, text: str, size_pt: float) -> tuple[Box, Box]:
    """Where the top and bottom banners go: centred, hugging the slide's edges."""
    from briefing.deck import textfit

    text_w = textfit.metrics("Calibri", True).width(text) * size_pt * EMU_PER_PT
    w = int(text_w + 2 * size_pt * EMU_PER_PT)
    h = int(size_pt * 1.9 * EMU_PER_PT)
    margin = int(height * 0.008)
    left = (width - w) // 2
    return Box(left, margin, w, h), Box(left, height - h - margin, w, h)


def _overlaps(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _kind(element: Any) -> str:
    ph = element.find(f".//{_q(P_NS, 'ph')}")
    return "" if ph is None else str(ph.get("type", "obj"))


def _set_text(sp: Any, kind: str, text: str, number: int) -> None:
    """Replace a footer shape's paragraphs with one run (a field for the slide number)."""
    tx_body = sp.find(_q(P_NS, "txBody"))
    if tx_body is None:
        tx_body = sp.makeelement(_q(P_NS, "txBody"), {})
        tx_body.append(tx_body.makeelement(_q(A_NS, "bodyPr"), {}))
        tx_body.append(tx_body.makeelement(_q(A_NS, "lstStyle"), {}))
        sp.append(tx_body)
    p_pr = None
    for p in tx_body.findall(_q(A_NS, "p")):
        p_pr = p_pr if p_pr is not None else p.find(_q(A_NS, "pPr"))
        tx_body.remove(p)
    p = tx_body.makeelement(_q(A_NS, "p"), {})
    if p_pr is not None:
        p.append(copy.deepcopy(p_pr))
    if kind == "sldNum":
        run = p.makeelement(
            _q(A_NS, "fld"),
            {"id": "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", "type": "slidenum"},
        )
    else:
        run = p.makeelement(_q(A_NS, "r"), {})
    run.append(run.makeelement(_q(A_NS, "rPr"), {"lang": "en-GB", "dirty": "0"}))
    t = run.makeelement(_q(A_NS, "t"), {})
    t.text = str(number) if kind == "sldNum" else text
    run.append(t)
    p.append(run)
    tx_body.append(p)


def _box_of(shape: Any) -> Box | None:
    try:
        values = (shape.left, shape.top, shape.width, shape.height)
    except (AttributeError, KeyError, ValueError):
        return None
    if any(v is None for v in values):
        return None
    return Box(*(int(v) for v in values))


def add_footers(
    slide: Slide, furniture: Furniture, number: int, width: int, height: int, avoid: list[Box]
) -> list[Any]:
    """Copy the layout's date, footer and slide-number placeholders onto the slide, filled;
    text boxes stand in where the layout has none."""
    from pptx.util import Emu, Pt

    texts = {"dt": furniture.date_text, "ftr": furniture.footer, "sldNum": str(number)}
    added: list[Any] = []
    found: set[str] = set()
    layout: Any = slide.slide_layout
    for layout_ph in layout.placeholders:
        kind = _kind(layout_ph._element)
        if kind not in FOOTER_KINDS or kind in found or not texts[kind]:
            continue
        box = _box_of(layout_ph)
        if box is None or not box.inside(width, height, slack=width // 50):
            continue
        found.add(kind)
        sp = copy.deepcopy(layout_ph._element)
        # The copy keeps the layout's id, which may be one the slide already uses.
        sp.find(f".//{_q(P_NS, 'cNvPr')}").set("id", str(slide.shapes._next_shape_id))
        slide.shapes._spTree.append(sp)
        shape = slide.shapes[-1]
        moved = _clear_of(box, avoid)
        # Write the geometry explicitly: the copy must not depend on inheritance.
        shape.left, shape.top = Emu(moved.left), Emu(moved.top)
        shape.width, shape.height = Emu(moved.width), Emu(moved.height)
        _set_text(sp, kind, texts[kind], number)
        added.append(shape)
    size = Pt(max(9.0, 10.0 * height / 6858000))
    margin_x, strip_h = width // 20, int(height * 0.05)
    top = height - strip_h - int(height * 0.01)
    stand_ins = {
        "ftr": Box(margin_x, top, width // 3, strip_h),
        "sldNum": Box(width - margin_x - width // 8, top, width // 8, strip_h),
    }
    for kind, box in stand_ins.items():
        if kind in found or not texts[kind]:
            continue
        box = _clear_of(box, avoid)
        shape = slide.shapes.add_textbox(
            Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        shape.name = "Slide number" if kind == "sldNum" else "Footer"
        frame = shape.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        if kind == "sldNum":
            from pptx.enum.text import PP_ALIGN

            paragraph.alignment = PP_ALIGN.RIGHT
        _set_text(shape._element, kind, texts[kind], number)
        for run in paragraph._p.iter(_q(A_NS, "rPr")):
            run.set("sz", str(int(size.pt * 100)))
        added.append(shape)
    return added


def _clear_of(box: Box, avoid: list[Box]) -> Box:
    """``box`` moved up just enough to clear every box in ``avoid`` that it overlaps."""
    for other in avoid:
        if _overlaps(box, other):
            box = Box(box.left, other.top - box.height, box.width, box.height)
    return box


def _rgb(colour: str) -> Any:
    from pptx.dml.color import RGBColor

    value = colour.lstrip("#")
    return RGBColor(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))  # type: ignore[no-untyped-call]


def add_banners(slide: Slide, furniture: Furniture, width: int, height: int) -> list[Box]:
    """The marking at the top and bottom centre: a filled band in the marking's colour."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu, Pt

    if not furniture.marking:
        return []
    marking = Marking(furniture.marking)
    size = furniture.banner_pt * max(height / 6858000, 0.8)
    boxes = banner_boxes(width, height, marking.normalised, size)
    for position, box in zip(("top", "bottom"), boxes, strict=True):
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        shape.name = f"Marking ({position})"
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(marking.colour)
        shape.line.fill.background()
        shape.shadow.inherit = False
        frame = shape.text_frame
        frame.margin_top = frame.margin_bottom = Emu(0)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.word_wrap = False
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = marking.normalised
        run.font.size = Pt(size)
        run.font.bold = True
        run.font.name = "Calibri"
        run.font.color.rgb = _rgb(furniture.banner_text_colour)
        descr = shape._element.find(f".//{_q(P_NS, 'cNvPr')}")
        if descr is not None:
            descr.set("descr", f"Protective marking: {marking.normalised}")
    return list(boxes)
