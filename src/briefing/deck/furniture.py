"""Slide furniture, written where the plan placed it: footers, dates, slide numbers, banners.

python-pptx leaves a layout's date, footer and slide-number placeholders off new slides, so
generated decks look unfinished. Where the plan says a footer stands in the template's own
placeholder (``Added.slot``), the layout's placeholder is copied and filled; otherwise a small
text box is added. Marking banners sit at the top and bottom centre of every slide, in the
marking's colour. Positions and colours all come from the plan (:class:`briefing.deck.plan.Added`),
which placed them clear of the template's art.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from briefing.deck.plan import Added

if TYPE_CHECKING:
    from pptx.slide import Slide

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


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


def _rgb(colour: str) -> Any:
    from pptx.dml.color import RGBColor

    value = colour.lstrip("#")
    return RGBColor(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))  # type: ignore[no-untyped-call]


def _colour_runs(sp: Any, added: Added) -> None:
    """Give the footer's runs their size and (when the plan chose one) colour."""
    for r_pr in sp.iter(_q(A_NS, "rPr")):
        if not added.slot:
            r_pr.set("sz", str(int(added.size_pt * 100)))
        if added.ink.written:
            for old in r_pr.findall(_q(A_NS, "solidFill")):
                r_pr.remove(old)
            fill = r_pr.makeelement(_q(A_NS, "solidFill"), {})
            fill.append(fill.makeelement(_q(A_NS, "srgbClr"), {"val": added.ink.colour[1:]}))
            r_pr.insert(0, fill)


def add_footers(slide: Slide, footers: list[Added], number: int) -> list[Any]:
    """Write the plan's date, footer and slide number: a copy of the layout's placeholder where
    the plan uses the template's slot, else a text box; ``number`` is the slide's number in the
    deck (after any kept template slides)."""
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu

    kinds = {"date": "dt", "footer": "ftr", "slide-number": "sldNum"}
    layout_phs: dict[str, Any] = {}
    layout: Any = slide.slide_layout
    for layout_ph in layout.placeholders:
        layout_phs.setdefault(_kind(layout_ph._element), layout_ph)
    written: list[Any] = []
    for added in footers:
        kind = kinds.get(added.kind)
        if kind is None:
            continue
        box = added.box
        source = layout_phs.get(added.slot) if added.slot else None
        if source is not None:
            sp = copy.deepcopy(source._element)
            # The copy keeps the layout's id, which may be one the slide already uses.
            sp.find(f".//{_q(P_NS, 'cNvPr')}").set("id", str(slide.shapes._next_shape_id))
            slide.shapes._spTree.append(sp)
            shape = slide.shapes[-1]
        else:
            shape = slide.shapes.add_textbox(
                Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
            )
            shape.name = {"sldNum": "Slide number", "dt": "Date"}.get(kind, "Footer")
            shape.text_frame.word_wrap = True
            if kind == "sldNum":
                shape.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
            sp = shape._element
        # Write the geometry explicitly: the copy must not depend on inheritance.
        shape.left, shape.top = Emu(box.left), Emu(box.top)
        shape.width, shape.height = Emu(box.width), Emu(box.height)
        _set_text(sp, kind, added.text, number)
        _colour_runs(sp, added)
        written.append(shape)
    return written


def add_banners(slide: Slide, banners: list[Added]) -> list[Any]:
    """The marking at the top and bottom centre: a filled band in the marking's colour."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu, Pt

    written: list[Any] = []
    for banner in banners:
        box = banner.box
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        shape.name = f"Marking ({banner.position})"
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(banner.fill)
        shape.line.fill.background()
        shape.shadow.inherit = False
        frame = shape.text_frame
        frame.margin_top = frame.margin_bottom = Emu(0)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.word_wrap = False
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = banner.text
        run.font.size = Pt(banner.size_pt)
        run.font.bold = True
        run.font.name = "Calibri"
        run.font.color.rgb = _rgb(banner.ink.colour)
        descr = shape._element.find(f".//{_q(P_NS, 'cNvPr')}")
        if descr is not None:
            descr.set("descr", f"Protective marking: {banner.text}")
        written.append(shape)
    return written
