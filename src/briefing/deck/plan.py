"""The plan: a briefing resolved against a template, as plain data.

Which layout each slide uses, which placeholder takes which text or chart, where fallbacks apply
and at what size text is set so it fits. The preview, the pre-flight check and the writer all
read the same plan, so what they show is what gets written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from briefing.deck import textfit
from briefing.deck.layouts import Box, LayoutInfo, PlaceholderInfo, Role, TemplateMap
from briefing.model import (
    Briefing,
    ChartItem,
    ChartSpec,
    ImpressionItem,
    SectionItem,
    Source,
    TextItem,
)
from briefing.model.marking import Marking, highest

ParaKind = Literal["lead", "bullet", "plain", "numbered", "subtle"]
SlideKind = Literal[
    "title", "agenda", "impression", "section", "chart", "text", "sources", "closing"
]

EMU_PER_INCH = 914400
REFERENCE_HEIGHT = int(7.5 * EMU_PER_INCH)  # sizes below are for a 7.5-inch-high slide
TITLE_PT, TITLE_MIN_PT = 32.0, 24.0
COVER_TITLE_PT = 40.0
BODY_PT, BODY_MIN_PT = 22.0, 14.0
LEAD_PT = 24.0
INDENT_EMU = int(0.3 * EMU_PER_INCH)


@dataclass(frozen=True)
class Para:
    text: str
    kind: ParaKind = "bullet"
    level: int = 0
    size_pt: float = BODY_PT
    bold: bool = False


@dataclass
class Frame:
    """Text for one area: a placeholder (``idx``) or, as a fallback, a text box at ``box``."""

    paras: list[Para]
    box: Box
    idx: int | None = None
    font: str = "Calibri"
    fits: bool = True
    anchor: Literal["top", "middle", "bottom"] = "top"


@dataclass
class ChartPlacement:
    spec: ChartSpec
    box: Box
    idx: int | None = None


@dataclass
class SlidePlan:
    number: int
    kind: SlideKind
    role: Role
    layout: LayoutInfo
    title: Frame | None
    body: list[Frame] = field(default_factory=list)
    chart: ChartPlacement | None = None
    notes: str = ""
    fallback: str = ""
    item_uid: str | None = None
    marking: str = ""

    @property
    def title_text(self) -> str:
        return " ".join(p.text for p in self.title.paras) if self.title else ""


@dataclass
class DeckPlan:
    slides: list[SlidePlan]
    width: int
    height: int
    sources: list[Source]
    warnings: list[str] = field(default_factory=list)
    marking: str = ""  # the briefing's marking rolled up with its items' (the highest wins)
    footer: str = ""
    date_text: str = ""
    marking_warnings: list[str] = field(default_factory=list)
    banner_pt: float = 10.0  # the marking banners' text, in the template's style
    banner_text_colour: str = "#FFFFFF"


@dataclass(frozen=True)
class Fonts:
    heading: str = "Calibri"
    body: str = "Calibri"


# -- helpers ----------------------------------------------------------------------------------


def _scale(tmap: TemplateMap) -> float:
    return tmap.height / REFERENCE_HEIGHT if tmap.height else 1.0


def _fit(paras: list[Para], box: Box, font: str, min_pt: float) -> tuple[list[Para], bool]:
    """Shrink every paragraph by one factor until the frame fits, never below ``min_pt``."""
    if not paras:
        return paras, True
    runs = [
        textfit.Run(
            p.text,
            p.size_pt,
            p.bold,
            INDENT_EMU * (p.level + (1 if p.kind != "lead" else 0)),
            space_before_pt=p.size_pt * 0.45,
            line_spacing=1.18,
        )
        for p in paras
    ]
    smallest = min(p.size_pt for p in paras)
    floor = min(1.0, min_pt / smallest) if smallest else 1.0
    result = textfit.fit(runs, font, box.width, box.height, min_scale=floor)
    scaled = [
        Para(p.text, p.kind, p.level, round(p.size_pt * result.scale, 1), p.bold) for p in paras
    ]
    return scaled, result.fits


def _title_frame(
    text: str, layout: LayoutInfo, tmap: TemplateMap, fonts: Fonts, size: float, min_size: float
) -> tuple[Frame, str]:
    ph = layout.title()
    fallback = ""
    if ph is not None and ph.box.inside(tmap.width, tmap.height, slack=tmap.width // 50):
        box, idx = ph.box, ph.idx
    else:
        box, idx = tmap.title_area, None
        fallback = (
            "the layout has no title placeholder; the title is placed in the master's title area"
        )
    paras, fits = _fit(
        [Para(text, "plain", size_pt=size, bold=False)], box, fonts.heading, min_size
    )
    return Frame(
        paras, box, idx, fonts.heading, fits, anchor="middle" if idx is None else "top"
    ), fallback


def _content_boxes(
    layout: LayoutInfo, tmap: TemplateMap, count: int
) -> list[tuple[Box, int | None]]:
    """``count`` areas for content: the layout's content placeholders, or the master's body area
    split into columns when the layout lacks them."""
    phs: list[PlaceholderInfo] = [
        p for p in layout.content() if p.box.inside(tmap.width, tmap.height, slack=tmap.width // 50)
    ]
    big = sorted(phs, key=lambda p: p.box.area, reverse=True)[:count]
    if len(big) == count:
        return [(p.box, p.idx) for p in sorted(big, key=lambda p: (p.box.left, p.box.top))]
    area = _free_area(layout, tmap)
    gap = tmap.width // 40
    if count == 1:
        return [(area, None)]
    left_w = int((area.width - gap) * 0.46)
    return [
        (Box(area.left, area.top, left_w, area.height), None),
        (Box(area.left + left_w + gap, area.top, area.width - left_w - gap, area.height), None),
    ]


def _free_area(layout: LayoutInfo, tmap: TemplateMap) -> Box:
    """The master's body area, moved below the layout's title when they overlap."""
    body = tmap.body_area
    title = layout.title()
    if title is not None and title.box.bottom > body.top and title.box.top < tmap.height / 2:
        top = title.box.bottom + tmap.height // 40
        return Box(body.left, top, body.width, max(body.bottom - top, tmap.height // 4))
    return body


def _notes(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _source_note(sources: list[Source], numbers: dict[tuple[str, str, str, str], int]) -> str:
    if not sources:
        return ""
    refs = ", ".join(f"[{numbers[s.key()]}] {s.publisher or s.title}" for s in sources)
    return f"Sources: {refs}."


# -- planning ---------------------------------------------------------------------------------


class Planner:
    def __init__(
        self,
        briefing: Briefing,
        tmap: TemplateMap,
        fonts: Fonts,
        chart_sources: dict[str, Source] | None = None,
    ) -> None:
        self.briefing = briefing
        self.tmap = tmap
        self.fonts = fonts
        self.k = _scale(tmap)
        self.slides: list[SlidePlan] = []
        self.warnings: list[str] = []
        self.chart_sources = chart_sources or {}
        self.sources = self._all_sources()
        self.numbers = {s.key(): n for n, s in enumerate(self.sources, start=1)}

    def _all_sources(self) -> list[Source]:
        found = {s.key(): s for s in self.briefing.sources()}
        for item in self.briefing.items:
            spec = item.chart if isinstance(item, ImpressionItem | ChartItem) else None
            if spec is not None and spec.data_ref in self.chart_sources:
                source = self.chart_sources[spec.data_ref]
                found.setdefault(source.key(), source)
        return list(found.values())

    def _new(
        self,
        kind: SlideKind,
        role: Role,
        title: str,
        *,
        title_pt: float | None = None,
        uid: str | None = None,
        marking: str = "",
    ) -> SlidePlan:
        choice = self.tmap.roles[role]
        layout = choice.layout
        size = (title_pt or TITLE_PT) * self.k
        frame, fallback = _title_frame(
            title, layout, self.tmap, self.fonts, size, TITLE_MIN_PT * self.k
        )
        plan = SlidePlan(
            len(self.slides) + 1,
            kind,
            role,
            layout,
            frame,
            fallback="; ".join(f for f in (choice.fallback, fallback) if f),
            item_uid=uid,
            marking=marking,
        )
        if not frame.fits:
            self.warnings.append(f"Slide {plan.number}: the title does not fit its box.")
        self.slides.append(plan)
        return plan

    def _fill(self, plan: SlidePlan, columns: list[list[Para]]) -> list[bool]:
        boxes = _content_boxes(plan.layout, self.tmap, len(columns))
        fits: list[bool] = []
        for paras, (box, idx) in zip(columns, boxes, strict=True):
            fitted, ok = _fit(paras, box, self.fonts.body, BODY_MIN_PT * self.k)
            plan.body.append(Frame(fitted, box, idx, self.fonts.body, ok))
            fits.append(ok)
        if any(idx is None for _box, idx in boxes) and not plan.fallback:
            plan.fallback = (
                "the layout has no body placeholder; text is placed in the master's body area"
            )
        return fits

    def _bullets_slide(
        self,
        kind: SlideKind,
        title: str,
        paras: list[Para],
        notes: str,
        uid: str | None = None,
        marking: str = "",
        chart: ChartSpec | None = None,
    ) -> None:
        """A content slide; when the text cannot fit even at the smallest size, the points
        continue on a "(cont.)" slide."""
        role: Role = "bullets_chart" if chart is not None else "bullets"
        plan = self._new(kind, role, title, uid=uid, marking=marking)
        plan.notes = notes
        if chart is not None:
            boxes = _content_boxes(plan.layout, self.tmap, 2)
            self._fill_single(plan, paras, boxes[0])
            plan.chart = ChartPlacement(chart, boxes[1][0], boxes[1][1])
        else:
            self._fill_single(plan, paras, None)
        if plan.body and not plan.body[0].fits:
            head = [p for p in paras if p.kind == "lead"]
            rest = [p for p in paras if p.kind != "lead"]
            if len(rest) >= 2:
                self.slides.pop()
                half = (len(rest) + 1) // 2
                self._bullets_slide(kind, title, head + rest[:half], notes, uid, marking, chart)
                self._bullets_slide(kind, f"{title} (cont.)", rest[half:], notes, uid, marking)
                return
            self.warnings.append(
                f"Slide {plan.number} ({title}): the text does not fit even at the smallest size."
            )

    def _fill_single(
        self, plan: SlidePlan, paras: list[Para], placed: tuple[Box, int | None] | None
    ) -> None:
        if placed is None:
            self._fill(plan, [paras])
            return
        box, idx = placed
        fitted, ok = _fit(paras, box, self.fonts.body, BODY_MIN_PT * self.k)
        plan.body.append(Frame(fitted, box, idx, self.fonts.body, ok))

    def plan(self) -> DeckPlan:
        b = self.briefing
        k = self.k
        # Title slide
        cover = self._new("title", "title", b.title, title_pt=COVER_TITLE_PT, marking=b.marking)
        lines = [b.subtitle] if b.subtitle else []
        byline = ", ".join(x for x in (b.author, b.organisation) if x)
        lines.append(" \u00b7 ".join(x for x in (byline, f"{b.date.day} {b.date:%B %Y}") if x))
        sub = self.tmap.roles["title"].layout.subtitle()
        sub_paras = [
            Para(t, "plain", size_pt=(20 if i == 0 else 16) * k) for i, t in enumerate(lines)
        ]
        if cover.title is not None and cover.title.idx is None:
            # No title placeholder to use: set the cover out as a cover, centred on the slide,
            # rather than as a content slide with its title at the top.
            w, h = self.tmap.width, self.tmap.height
            box = Box(w // 12, int(h * 0.3), w - w // 6, int(h * 0.22))
            paras, fits = _fit(cover.title.paras, box, self.fonts.heading, TITLE_MIN_PT * k)
            cover.title = Frame(paras, box, None, self.fonts.heading, fits, anchor="bottom")
            sub = None
            sub_box = Box(box.left, box.bottom + h // 40, box.width, int(h * 0.2))
            fitted, ok = _fit(sub_paras, sub_box, self.fonts.body, 12 * k)
            cover.body.append(Frame(fitted, sub_box, None, self.fonts.body, ok))
        elif sub is not None:
            fitted, ok = _fit(sub_paras, sub.box, self.fonts.body, 12 * k)
            cover.body.append(Frame(fitted, sub.box, sub.idx, self.fonts.body, ok))
        else:
            self._fill(cover, [sub_paras])
        cover.notes = _notes(
            f"Briefing: {b.title}.",
            f"Audience: {b.audience}." if b.audience else "",
            f"Marking: {b.marking}." if b.marking else "",
        )
        # Agenda
        sections = [i for i in b.items if isinstance(i, SectionItem)]
        agenda_items = [s.title for s in sections] or [
            i.title for i in b.items if isinstance(i, ImpressionItem | ChartItem | TextItem)
        ]
        if agenda_items:
            self._bullets_slide(
                "agenda",
                "Agenda",
                [Para(t, "numbered", size_pt=BODY_PT * k) for t in agenda_items],
                _notes(
                    "What this briefing covers, in order:",
                    "\n".join(f"{n}. {t}" for n, t in enumerate(agenda_items, 1)),
                ),
            )
        for item in b.items:
            self._item(item)
        if self.sources:
            self._bullets_slide(
                "sources",
                "Sources",
                [Para(s.citation(), "numbered", size_pt=16 * k) for s in self.sources],
                _notes(
                    "Every work cited in this briefing, numbered as in the speaker notes.",
                    "\n".join(f"[{n}] {s.citation()}" for n, s in enumerate(self.sources, 1)),
                ),
            )
        marking, marking_warnings = highest([b.marking, *(item.marking for item in b.items)])
        if marking and Marking(marking).normalised != Marking(b.marking).normalised:
            marking_warnings.append(
                f"An item is marked {marking}, above the briefing's {b.marking or 'no marking'}; "
                f"the whole deck is marked {marking}."
            )
        return DeckPlan(
            self.slides,
            self.tmap.width,
            self.tmap.height,
            self.sources,
            self.warnings,
            marking=marking,
            marking_warnings=marking_warnings,
            footer=" \u00b7 ".join(x for x in (b.organisation, b.title) if x),
            date_text=f"{b.date.day} {b.date:%B %Y}",
        )

    def _item(self, item: ImpressionItem | SectionItem | ChartItem | TextItem) -> None:
        k = self.k
        if isinstance(item, SectionItem):
            plan = self._new(
                "section", "section", item.title, title_pt=36, uid=item.uid, marking=item.marking
            )
            if item.subtitle:
                self._fill(plan, [[Para(item.subtitle, "plain", size_pt=20 * k)]])
            plan.notes = _notes(item.notes, f"Section: {item.title}.")
        elif isinstance(item, ImpressionItem):
            imp = item.impression
            paras = [Para(imp.key_judgement, "lead", size_pt=LEAD_PT * k, bold=True)]
            paras += [Para(p, "bullet", size_pt=BODY_PT * k) for p in imp.points]
            notes = _notes(
                f"Key judgement: {imp.key_judgement}",
                imp.narrative,
                f"Talking points:\n{imp.notes}" if imp.notes else "",
                _source_note(imp.sources, self.numbers),
            )
            self._bullets_slide(
                "impression", imp.title, paras, notes, item.uid, item.marking, item.chart
            )
        elif isinstance(item, ChartItem):
            plan = self._new("chart", "chart", item.title, uid=item.uid, marking=item.marking)
            area = _content_boxes(plan.layout, self.tmap, 1)[0]
            box, idx = area
            if item.message:
                lead_h = int(box.height * 0.2)
                lead_box = Box(box.left, box.top, box.width, int(lead_h * 0.9))
                fitted, ok = _fit(
                    [Para(item.message, "lead", size_pt=18 * k, bold=True)],
                    lead_box,
                    self.fonts.body,
                    14 * k,
                )
                plan.body.append(Frame(fitted, lead_box, None, self.fonts.body, ok))
                box = Box(box.left, box.top + lead_h, box.width, box.height - lead_h)
                idx = None
            plan.chart = ChartPlacement(item.chart, box, idx)
            plan.notes = _notes(item.message, item.notes, _source_note(item.sources, self.numbers))
        else:
            self._bullets_slide(
                "text",
                item.title,
                [Para(t, "bullet", size_pt=BODY_PT * k) for t in item.paragraphs],
                _notes(item.notes),
                item.uid,
                item.marking,
            )


def plan_deck(
    briefing: Briefing,
    tmap: TemplateMap,
    fonts: Fonts | None = None,
    chart_sources: dict[str, Source] | None = None,
) -> DeckPlan:
    """Resolve a briefing against a template's role map."""
    return Planner(briefing, tmap, fonts or Fonts(), chart_sources).plan()
