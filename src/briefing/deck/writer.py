"""Write a deck plan with python-pptx: slides from layouts, text, charts, notes, properties.

The only module (with the template and chart helpers beside it) that speaks python-pptx.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefing.colour import Ink
from briefing.deck.layouts import Box
from briefing.deck.look import Leftover
from briefing.deck.plan import Added, ChartPlacement, DeckPlan, Frame, Para, SlidePlan
from briefing.deck.speedups import set_notes
from briefing.model import Briefing

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

ChartWriter = Callable[["Slide", ChartPlacement, SlidePlan], str]
"""Adds a chart to a slide and returns the text for the speaker notes (its data summary)."""


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def remove_all_slides(prs: Presentation) -> int:
    """Drop the template's own slides, and every trace of them.

    python-pptx has no delete: the slides are unlinked from the presentation, and any other part
    that still points at one (a hyperlink, a custom show) loses that link, so the example slides
    are not written and new slides cannot clash with their part names. Section lists, which
    name slides by id, go too.
    """
    sld_id_lst = prs.slides._sldIdLst
    removed_parts = []
    for sld_id in list(sld_id_lst):
        r_id = sld_id.get(_q(R_NS, "id"))
        removed_parts.append(prs.part.related_part(r_id))
        prs.part.drop_rel(r_id)
        sld_id_lst.remove(sld_id)
    if not removed_parts:
        return 0
    gone = {id(part) for part in removed_parts}
    for part in list(prs.part.package.iter_parts()):
        for r_id, rel in list(part.rels.items()):
            if not rel.is_external and id(rel.target_part) in gone:
                part.rels.pop(r_id)
    root = prs.part._element
    for tag in ("custShowLst",):
        for node in root.findall(_q(P_NS, tag)):
            root.remove(node)
    for ext in root.findall(f"{_q(P_NS, 'extLst')}/{_q(P_NS, 'ext')}"):
        if any(child.tag.endswith("}sectionLst") for child in ext):
            ext.getparent().remove(ext)
    return len(removed_parts)


def _layout_object(prs: Presentation, key: tuple[int, int]) -> Any:
    master_index, layout_index = key
    return prs.slide_masters[master_index].slide_layouts[layout_index]


def _set_bullet(paragraph: Any, kind: str) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    for tag in ("buNone", "buAutoNum", "buChar", "buBlip"):
        for old in p_pr.findall(_q(A_NS, tag)):
            p_pr.remove(old)
    if kind in ("lead", "plain", "subtle"):
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        p_pr.append(p_pr.makeelement(_q(A_NS, "buNone"), {}))
    elif kind == "numbered":
        p_pr.set("marL", "457200")
        p_pr.set("indent", "-457200")
        p_pr.append(p_pr.makeelement(_q(A_NS, "buAutoNum"), {"type": "arabicPeriod"}))


def _set_colour(run: Any, ink: Ink | None) -> None:
    """Write the plan's colour on a run, only where the plan chose one (``ink.written``); the
    template's own colour is left to inherit otherwise."""
    if ink is None or not ink.written:
        return
    from pptx.dml.color import RGBColor

    run.font.color.rgb = RGBColor.from_string(ink.colour.lstrip("#"))  # type: ignore[no-untyped-call]


def _fill_text(text_frame: Any, frame: Frame, *, placeholder: bool) -> None:
    from pptx.util import Pt

    text_frame.word_wrap = True
    body_pr = text_frame._txBody.bodyPr
    for tag in ("spAutoFit", "normAutofit", "noAutofit"):
        for old in body_pr.findall(_q(A_NS, tag)):
            body_pr.remove(old)
    # The sizes are already fitted; normAutofit lets PowerPoint shrink further after edits.
    body_pr.append(body_pr.makeelement(_q(A_NS, "normAutofit"), {}))
    paragraphs: list[Para] = frame.paras
    for number, para in enumerate(paragraphs):
        p = text_frame.paragraphs[0] if number == 0 else text_frame.add_paragraph()
        p.level = min(para.level, 8)
        run = p.add_run()
        run.text = para.text
        run.font.size = Pt(para.size_pt)
        if para.bold:
            run.font.bold = True
        _set_colour(run, frame.ink_for(para.kind))
        if para.kind == "lead":
            p.space_after = Pt(para.size_pt * 0.5)
        if number:
            p.space_before = Pt(para.size_pt * 0.45)
        if para.kind != "bullet":
            _set_bullet(p, para.kind)
        elif not placeholder:
            p_pr = p._p.get_or_add_pPr()
            p_pr.set("marL", "285750")
            p_pr.set("indent", "-285750")
            p_pr.append(p_pr.makeelement(_q(A_NS, "buChar"), {"char": "\u2022"}))


def _add_textbox(slide: Slide, frame: Frame, *, heading: bool) -> Any:
    from pptx.enum.text import MSO_ANCHOR

    box = frame.box
    from pptx.util import Emu

    shape = slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    shape.name = "Title (fallback)" if heading else "Text (fallback)"
    tf = shape.text_frame
    tf.vertical_anchor = {
        "top": MSO_ANCHOR.TOP,
        "middle": MSO_ANCHOR.MIDDLE,
        "bottom": MSO_ANCHOR.BOTTOM,
    }[frame.anchor]
    _fill_text(tf, frame, placeholder=False)
    # Use the theme's fonts, as the master's own placeholders would.
    latin_ref = "+mj-lt" if heading else "+mn-lt"
    for p in tf.paragraphs:
        for r in p.runs:
            r.font.name = latin_ref
    return shape


def _placeholder(
    slide: Slide, idx: int, used: set[int] | None = None, heading: bool = False
) -> Any | None:
    """The slide's placeholder with ``idx`` not yet used; some templates give several the same
    idx (a title and a subtitle both 0), so titles prefer a title-type placeholder."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    titles = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
    found = [
        ph
        for ph in slide.placeholders
        if ph.placeholder_format.idx == idx and ph.shape_id not in (used or set())
    ]
    found.sort(key=lambda ph: (ph.placeholder_format.type in titles) != heading)
    return found[0] if found else None


def _remove_shape(shape: Any) -> None:
    element = shape._element
    element.getparent().remove(element)


def _follow_layout_colour_map(slide: Slide) -> None:
    """Give the slide its layout's colour-map override, as PowerPoint does for a new slide, so
    theme colours on the slide resolve as they do on its layout (and in the plan)."""
    layout: Any = slide.slide_layout
    override = layout._element.find(f"{_q(P_NS, 'clrMapOvr')}/{_q(A_NS, 'overrideClrMapping')}")
    if override is None:
        return
    import copy

    element: Any = slide._element
    ovr = element.find(_q(P_NS, "clrMapOvr"))
    if ovr is None:
        ovr = element.makeelement(_q(P_NS, "clrMapOvr"), {})
        element.find(_q(P_NS, "cSld")).addnext(ovr)
    for child in list(ovr):
        ovr.remove(child)
    ovr.append(copy.deepcopy(override))


def _place(shape: Any, box: Box) -> None:
    """Pin a placeholder to the plan's box where that differs from what it inherits."""
    from pptx.util import Emu

    try:
        current = (shape.left, shape.top, shape.width, shape.height)
    except (AttributeError, KeyError, ValueError):
        current = (None, None, None, None)
    if current != (box.left, box.top, box.width, box.height):
        shape.left, shape.top = Emu(box.left), Emu(box.top)
        shape.width, shape.height = Emu(box.width), Emu(box.height)


def remove_leftovers(prs: Presentation, leftovers: list[Leftover]) -> int:
    """Take example text the plan judged leftover content off the deck's masters and layouts."""
    wanted: dict[str, set[int]] = {}
    for left in leftovers:
        wanted.setdefault(left.part, set()).add(left.shape_id)
    removed = 0
    masters: Any = prs.slide_masters
    owners: list[Any] = []
    for master in masters:
        owners.append(master)
        owners.extend(master.slide_layouts)
    for owner in owners:
        ids = wanted.get(str(owner.part.partname))
        if not ids:
            continue
        for c_nv_pr in list(owner._element.iter(_q(P_NS, "cNvPr"))):
            if c_nv_pr.get("id") and int(c_nv_pr.get("id")) in ids:
                shape = c_nv_pr.getparent().getparent()
                if shape.getparent() is not None:
                    shape.getparent().remove(shape)
                    removed += 1
    return removed


def write_slide(prs: Presentation, plan: SlidePlan, chart_writer: ChartWriter | None) -> Slide:
    slide: Slide = prs.slides.add_slide(_layout_object(prs, plan.layout.key))
    _follow_layout_colour_map(slide)
    used: set[int] = set()
    frames: list[tuple[Frame, bool]] = []
    if plan.title is not None:
        frames.append((plan.title, True))
    frames.extend((f, False) for f in plan.body)
    for frame, heading in frames:
        ph = _placeholder(slide, frame.idx, used, heading) if frame.idx is not None else None
        if ph is not None and ph.has_text_frame:
            _place(ph, frame.box)
            _fill_text(ph.text_frame, frame, placeholder=True)
            used.add(ph.shape_id)
        else:
            _add_textbox(slide, frame, heading=heading)
    chart_notes = ""
    if plan.chart is not None and chart_writer is not None:
        if plan.chart.idx is not None:
            ph = _placeholder(slide, plan.chart.idx, used)
            if ph is not None:
                _remove_shape(ph)
        chart_notes = chart_writer(slide, plan.chart, plan)
    # No empty placeholders may stay behind ("Click to add text" in the output).
    for ph in list(slide.placeholders):
        if ph.shape_id not in used:
            _remove_shape(ph)
    notes = "\n\n".join(x for x in (plan.notes, chart_notes) if x)
    if notes:
        set_notes(slide, notes)
    return slide


def set_properties(
    prs: Presentation, briefing: Briefing, keywords: list[str], marking: str = ""
) -> None:
    props = prs.core_properties
    stamp = dt.datetime.combine(briefing.date, dt.time(9, 0))
    props.title = briefing.title
    props.subject = briefing.subtitle or briefing.title
    props.author = briefing.author or briefing.organisation or "briefing"
    props.last_modified_by = props.author
    props.keywords = ", ".join(keywords)
    props.category = marking or briefing.marking
    props.comments = (
        f"Prepared for {briefing.audience}." if briefing.audience else "Prepared with briefing."
    )
    props.content_status = marking or briefing.marking
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.identifier = ""
    props.language = "en-GB"
    props.version = ""


def write_deck(
    prs: Presentation,
    plan: DeckPlan,
    briefing: Briefing,
    chart_writer: ChartWriter | None = None,
    on_slide: Callable[[int, int], None] | None = None,
    *,
    number_offset: int = 0,
) -> None:
    """Fill an (emptied) template presentation with the planned slides."""
    from briefing.deck.furniture import add_banners, add_footers

    remove_leftovers(prs, plan.leftovers)
    for number, slide_plan in enumerate(plan.slides, start=1):
        slide = write_slide(prs, slide_plan, chart_writer)
        add_banners(slide, [a for a in slide_plan.added if a.kind == "banner"])
        footers = [a for a in slide_plan.added if a.kind != "banner"]
        if footers:
            add_footers(slide, footers, number_offset + slide_plan.number)
        if on_slide is not None:
            on_slide(number, len(plan.slides))
    keywords = sorted({t for imp in briefing.impressions() for t in imp.tags})
    set_properties(prs, briefing, keywords, plan.marking)


def add_source_line(slide: Slide, line: Added) -> Any:
    """A small, muted source line under a chart (part of the slide, so it prints and exports),
    where and in the colour the plan chose."""
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Emu, Pt

    box = line.box
    shape = slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    shape.name = "Chart source"
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_top = frame.margin_bottom = Emu(0)
    run = frame.paragraphs[0].add_run()
    run.text = line.text
    run.font.size = Pt(line.size_pt)
    _set_colour(run, line.ink)
    return shape


def box_tuple(box: Box) -> tuple[int, int, int, int]:
    return (box.left, box.top, box.width, box.height)
