"""The plan: a briefing resolved against a template, as plain data.

Which layout each slide uses, which placeholder takes which text or chart, where fallbacks apply
and at what size text is set so it fits. The preview, the pre-flight check and the writer all
read the same plan, so what they show is what gets written.

The plan also says what every box sits on and what the app decided about it, as plain data:

* per slide, ``background`` (the slide's own background), ``art`` (the template's visible art
  on that layout: pictures, logos, filled shapes, fixed text and its footer placeholders, see
  :mod:`briefing.deck.art`) and ``added`` (every shape the app adds besides text and charts:
  marking banners, footer, date, slide number, chart source lines, as :class:`Added`);
* per text frame, ``backdrop`` (the colours beneath it, :class:`briefing.colour.Backdrop`) and
  ``ink``/``lead_ink`` (the text colour chosen or the template's own where the app leaves it,
  :class:`briefing.colour.Ink`);
* per chart, its ``backdrop`` and the ``style`` whose colours were chosen to read on it.

:meth:`SlidePlan.placed` lists all of it as :class:`Placed` boxes, for the pre-flight check and
the preview. Every shape the app adds is placed in the free space the art leaves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from briefing.colour import Backdrop, Ink, choose_ink, mix, normalise
from briefing.deck import textfit
from briefing.deck.art import ArtRegion, clear_of, place_small
from briefing.deck.layouts import Box, LayoutInfo, PlaceholderInfo, Role, TemplateMap
from briefing.deck.look import LayoutLook, Leftover, plain_look
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

if TYPE_CHECKING:
    from briefing.charts import ChartStyle

ParaKind = Literal["lead", "bullet", "plain", "numbered", "subtle"]
AddedKind = Literal["banner", "footer", "date", "slide-number", "chart-source"]
PlacedKind = Literal[
    "title", "body", "chart", "banner", "footer", "date", "slide-number", "chart-source"
]
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
EMU_PER_PT = 12700
SOURCE_LINE_SHARE = 0.075  # of a chart box's height, for the source line under the chart
FOOTER_SLOT_KIND: dict[str, AddedKind] = {"dt": "date", "ftr": "footer", "sldNum": "slide-number"}


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
    backdrop: Backdrop | None = None  # what the frame sits on
    ink: Ink | None = None  # its text colour (bullets, plain text)
    lead_ink: Ink | None = None  # the colour of its lead (key judgement) and subtle paragraphs

    def ink_for(self, kind: ParaKind) -> Ink | None:
        """The ink a paragraph of ``kind`` is written in."""
        if kind in ("lead", "subtle") and self.lead_ink is not None:
            return self.lead_ink
        return self.ink

    def inks(self) -> tuple[Ink, ...]:
        kinds = {p.kind for p in self.paras}
        found = [self.ink] if self.ink is not None and kinds - {"lead", "subtle"} else []
        if self.lead_ink is not None and kinds & {"lead", "subtle"}:
            found.append(self.lead_ink)
        return tuple(found or ([self.ink] if self.ink is not None else []))


@dataclass
class Added:
    """A shape the app adds besides text frames and charts.

    ``box`` is where it goes (in the free space the template's art leaves); ``backdrop`` is
    what its *text* sits on (a banner's own ``fill``; otherwise what is beneath the box);
    ``ink`` its text colour. ``slot`` names the template footer placeholder it stands in
    (``dt``, ``ftr``, ``sldNum``: a copy of the layout's placeholder; "" for a text box of the
    app's own), so a collision check can let it share that slot's region."""

    kind: AddedKind
    box: Box
    text: str
    backdrop: Backdrop
    ink: Ink
    size_pt: float
    fill: str = ""
    slot: str = ""
    position: str = ""  # banners: "top" or "bottom"


@dataclass
class ChartPlacement:
    """A chart: ``box`` is the chart itself; ``source`` the source line under it; ``style``
    the colours chosen for its ``backdrop`` (None when the plan was made without a style)."""

    spec: ChartSpec
    box: Box
    idx: int | None = None
    backdrop: Backdrop | None = None
    style: ChartStyle | None = None
    source: Added | None = None


@dataclass(frozen=True)
class Placed:
    """One box the app writes on a slide, with what it sits on and its text colours."""

    kind: PlacedKind
    box: Box
    backdrop: Backdrop | None
    inks: tuple[Ink, ...] = ()
    slot: str = ""


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
    background: Backdrop | None = None  # the slide's own background (layout or master)
    art: tuple[ArtRegion, ...] = ()  # the template's visible art on this layout
    added: list[Added] = field(default_factory=list)  # banners, footers, source lines
    title_band: Box | None = None  # the box the template gives the title

    @property
    def title_text(self) -> str:
        return " ".join(p.text for p in self.title.paras) if self.title else ""

    def placed(self) -> list[Placed]:
        """Every box the app writes on this slide: title, text frames, chart, and the added
        shapes (a chart's source line among them)."""
        found: list[Placed] = []
        if self.title is not None:
            found.append(Placed("title", self.title.box, self.title.backdrop, self.title.inks()))
        found += [Placed("body", f.box, f.backdrop, f.inks()) for f in self.body]
        if self.chart is not None:
            found.append(Placed("chart", self.chart.box, self.chart.backdrop))
            if self.chart.source is not None:
                s = self.chart.source
                found.append(Placed(s.kind, s.box, s.backdrop, (s.ink,)))
        found += [Placed(a.kind, a.box, a.backdrop, (a.ink,), a.slot) for a in self.added]
        return found


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
    leftovers: list[Leftover] = field(default_factory=list)  # example text taken off layouts


@dataclass(frozen=True)
class Fonts:
    heading: str = "Calibri"
    body: str = "Calibri"


@dataclass(frozen=True)
class BannerStyle:
    """The marking banners' text, in the template manifest's style (the fill is the
    marking's own colour)."""

    size_pt: float = 10.0
    text_colour: str = "#FFFFFF"


# -- helpers ----------------------------------------------------------------------------------


REFERENCE_WIDTH = int(10 * EMU_PER_INCH)  # 4:3 and 16:9 at 7.5 inches high both scale by 1


def _scale(tmap: TemplateMap) -> float:
    """How much bigger than on a 7.5-inch-high slide text is set: by the height, but never by
    more than the width allows (an A0 portrait poster is tall and comparatively narrow)."""
    if not tmap.height:
        return 1.0
    k = tmap.height / REFERENCE_HEIGHT
    if tmap.width:
        k = min(k, tmap.width / REFERENCE_WIDTH)
    return k


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


def _usable(box: Box, tmap: TemplateMap) -> bool:
    return box.inside(tmap.width, tmap.height, slack=tmap.width // 50) and box.area > 0


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


def chart_area(box: Box) -> tuple[Box, Box]:
    """Split a chart's area into the chart and a source line beneath it."""
    line_h = max(int(box.height * SOURCE_LINE_SHARE), 228600)
    chart = Box(box.left, box.top, box.width, box.height - line_h)
    return chart, Box(box.left, chart.bottom, box.width, line_h)


def source_line_size(text: str, box: Box, font: str = "Calibri") -> float:
    """The largest size from 11 pt down to 8 pt at which ``text`` fits the source line."""
    size = 11.0
    width = box.width - 2 * textfit.DEFAULT_INSET_X
    while size > 8 and textfit.measure([textfit.Run(text, size)], font, width)[0] > box.height:
        size -= 0.5
    return size


def banner_boxes(width: int, height: int, text: str, size_pt: float) -> tuple[Box, Box]:
    """Where the top and bottom marking banners go: centred, hugging the slide's edges."""
    text_w = textfit.metrics("Calibri", True).width(text) * size_pt * EMU_PER_PT
    w = int(text_w + 2 * size_pt * EMU_PER_PT)
    h = int(size_pt * 1.9 * EMU_PER_PT)
    margin = int(height * 0.008)
    left = (width - w) // 2
    return Box(left, margin, w, h), Box(left, height - h - margin, w, h)


# -- planning ---------------------------------------------------------------------------------


class Planner:
    def __init__(
        self,
        briefing: Briefing,
        tmap: TemplateMap,
        fonts: Fonts,
        chart_sources: dict[str, Source] | None = None,
        *,
        chart_style: ChartStyle | None = None,
        footnotes: dict[int, str] | None = None,
        banner: BannerStyle | None = None,
    ) -> None:
        self.briefing = briefing
        self.tmap = tmap
        self.fonts = fonts
        self.k = _scale(tmap)
        self.slides: list[SlidePlan] = []
        self.warnings: list[str] = []
        self.chart_sources = chart_sources or {}
        self.chart_style = chart_style
        self.footnotes = footnotes or {}
        self.banner = banner or BannerStyle()
        self.sources = self._all_sources()
        self.numbers = {s.key(): n for n, s in enumerate(self.sources, start=1)}
        b = briefing
        self.marking, self.marking_warnings = highest(
            [b.marking, *(item.marking for item in b.items)]
        )
        self.footer = " \u00b7 ".join(x for x in (b.organisation, b.title) if x)
        self.date_text = f"{b.date.day} {b.date:%B %Y}"

    def _all_sources(self) -> list[Source]:
        found = {s.key(): s for s in self.briefing.sources()}
        for item in self.briefing.items:
            spec = item.chart if isinstance(item, ImpressionItem | ChartItem) else None
            if spec is not None and spec.data_ref in self.chart_sources:
                source = self.chart_sources[spec.data_ref]
                found.setdefault(source.key(), source)
        return list(found.values())

    # -- what a slide sits on, and the furniture around its content

    def look(self, layout: LayoutInfo) -> LayoutLook:
        look = self.tmap.looks.get(layout.key)
        return look or plain_look(layout.key, self.tmap.width, self.tmap.height)

    def _banners(self, look: LayoutLook) -> list[Added]:
        if not self.marking:
            return []
        marking = Marking(self.marking)
        size = self.banner.size_pt * max(self.k, 0.8)
        fill = normalise(marking.colour)
        backdrop = Backdrop.flat(fill, "marking banner fill")
        ink = choose_ink(
            self.banner.text_colour,
            backdrop,
            size,
            bold=True,
            preferred=[("", self.banner.text_colour)],
            fallbacks=[("", "#FFFFFF"), ("", "#000000")],
        )
        boxes = banner_boxes(self.tmap.width, self.tmap.height, marking.normalised, size)
        return [
            Added("banner", box, marking.normalised, backdrop, ink, size, fill, "", position)
            for position, box in zip(("top", "bottom"), boxes, strict=True)
        ]

    def _text_ink(
        self,
        look: LayoutLook,
        kind: str,
        backdrop: Backdrop,
        size_pt: float,
        bold: bool = False,
    ) -> Ink:
        """The template's own colour for text in a ``kind`` placeholder, kept where it reads
        on ``backdrop``; else the theme's other text colour, else the nearest lightness."""
        return choose_ink(
            look.text_colour(kind),
            backdrop,
            size_pt,
            bold,
            fallbacks=[
                ("tx1", look.colour("tx1")),
                ("bg1", look.colour("bg1")),
                ("dk1", look.colour("dk1")),
                ("lt1", look.colour("lt1")),
            ],
        )

    def _footers(self, look: LayoutLook, number: int, reserved: list[Box]) -> list[Added]:
        """Date, footer and slide number: in the template's own footer placeholders where the
        layout has them, else in small boxes along the bottom; each moved to the nearest free
        spot when a logo, a banner or another footer is in the way."""
        w, h = self.tmap.width, self.tmap.height
        texts = {"dt": self.date_text, "ftr": self.footer, "sldNum": str(number)}
        slots = {r.slot: r for r in look.art if r.kind == "footer" and r.slot}
        printed = {r.slot for r in look.art if r.kind == "text" and r.slot}
        size = max(9.0, 10.0 * self.k)
        margin_x, strip_h = w // 20, int(h * 0.05)
        top = h - strip_h - int(h * 0.01)
        stand_ins = {
            "ftr": Box(margin_x, top, w // 3, strip_h),
            "sldNum": Box(w - margin_x - w // 8, top, w // 8, strip_h),
        }
        bounds = Box(0, int(h * 0.75), w, h - int(h * 0.75))
        added: list[Added] = []
        for slot in ("dt", "ftr", "sldNum"):
            text = texts[slot]
            if not text or slot in printed:
                continue
            region = slots.get(slot)
            if region is not None and _usable(region.box, self.tmap):
                box, own = region.box, slot
            elif slot in stand_ins:
                box, own = stand_ins[slot], ""
            else:
                continue
            obstacles = [
                r.box for r in look.art if r.blocks and not (r.kind == "footer" and r.slot == slot)
            ]
            obstacles += reserved + [a.box for a in added]
            box = place_small(box, obstacles, bounds, step=max(w // 400, 1))
            backdrop = look.backdrop(box)
            ink = self._text_ink(look, slot if own else "other", backdrop, size)
            added.append(Added(FOOTER_SLOT_KIND[slot], box, text, backdrop, ink, size, slot=own))
        return added

    # -- slides

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
        look = self.look(layout)
        number = len(self.slides) + 1
        banners = self._banners(look)
        reserved = [a.box for a in banners]
        footers = self._footers(look, number, reserved) if kind != "title" else []
        plan = SlidePlan(
            number,
            kind,
            role,
            layout,
            None,
            fallback=choice.fallback,
            item_uid=uid,
            marking=marking,
            background=Backdrop.flat(
                look.background.colour, look.background_source, exact=look.background.exact
            ),
            art=look.art,
            added=[*banners, *footers],
        )
        size = (title_pt or TITLE_PT) * self.k
        plan.title = self._title_frame(plan, title, size, TITLE_MIN_PT * self.k)
        if not plan.title.fits:
            self.warnings.append(f"Slide {plan.number}: the title does not fit its box.")
        self.slides.append(plan)
        return plan

    def obstacles(self, plan: SlidePlan, *, furniture: bool = True) -> list[Box]:
        """What the app's content on ``plan`` must keep clear of: the template's blocking art,
        and (with ``furniture``) the banners and footers already placed."""
        boxes = [r.box for r in plan.art if r.blocks]
        if furniture:
            boxes += [a.box for a in plan.added]
        else:
            boxes += [a.box for a in plan.added if a.kind == "banner"]
        return boxes

    def _title_frame(self, plan: SlidePlan, text: str, size: float, min_size: float) -> Frame:
        layout, look = plan.layout, self.look(plan.layout)
        ph = layout.title()
        if ph is not None and _usable(ph.box, self.tmap):
            band, idx, kind = ph.box, ph.idx, ph.kind
        else:
            band, idx, kind = self.tmap.title_area, None, "other"
            note = "the layout has no title placeholder; the title is placed in the master's "
            note += "title area"
            plan.fallback = "; ".join(f for f in (plan.fallback, note) if f)
        plan.title_band = band
        box = clear_of(band, self.obstacles(plan, furniture=False))
        paras, fits = _fit([Para(text, "plain", size_pt=size)], box, self.fonts.heading, min_size)
        frame = Frame(
            paras, box, idx, self.fonts.heading, fits, anchor="middle" if idx is None else "top"
        )
        self._colour_frame(frame, look, kind)
        return frame

    def _colour_frame(self, frame: Frame, look: LayoutLook, kind: str, lead: bool = True) -> None:
        """Decide the frame's backdrop and inks once its text is fitted."""
        frame.backdrop = look.backdrop(frame.box)
        plain = [p for p in frame.paras if p.kind not in ("lead", "subtle")]
        if plain or not frame.paras:
            size = min((p.size_pt for p in plain), default=BODY_PT)
            bold = all(p.bold for p in plain) if plain else False
            frame.ink = self._text_ink(look, kind, frame.backdrop, size, bold)
        special = [p for p in frame.paras if p.kind in ("lead", "subtle")]
        if special:
            size = min(p.size_pt for p in special)
            bold = all(p.bold for p in special)
            body = frame.ink or self._text_ink(look, kind, frame.backdrop, size, bold)
            frame.lead_ink = choose_ink(
                look.text_colour(kind),
                frame.backdrop,
                size,
                bold,
                preferred=[("tx2", look.colour("tx2")), ("accent1", look.colour("accent1"))],
                fallbacks=[("", body.colour)],
            )
            if frame.ink is None:
                frame.ink = body

    def _frame(
        self, plan: SlidePlan, paras: list[Para], box: Box, idx: int | None, kind: str
    ) -> Frame:
        fitted, ok = _fit(paras, box, self.fonts.body, BODY_MIN_PT * self.k)
        frame = Frame(fitted, box, idx, self.fonts.body, ok)
        self._colour_frame(frame, self.look(plan.layout), kind)
        return frame

    def _content_boxes(self, plan: SlidePlan, count: int) -> list[tuple[Box, int | None, str]]:
        """``count`` areas for content (box, placeholder idx, placeholder kind): the layout's
        content placeholders, or the master's body area split into columns when the layout
        lacks them; either way cut clear of the template's art and the furniture."""
        layout, tmap = plan.layout, self.tmap
        obstacles = self.obstacles(plan)
        phs: list[PlaceholderInfo] = [p for p in layout.content() if _usable(p.box, tmap)]
        big = sorted(phs, key=lambda p: p.box.area, reverse=True)[:count]
        if len(big) == count:
            return [
                (clear_of(p.box, obstacles), p.idx, p.kind)
                for p in sorted(big, key=lambda p: (p.box.left, p.box.top))
            ]
        area = clear_of(_free_area(layout, tmap), obstacles)
        if count == 1:
            return [(area, None, "other")]
        gap = tmap.width // 40
        left_w = int((area.width - gap) * 0.46)
        return [
            (Box(area.left, area.top, left_w, area.height), None, "other"),
            (
                Box(area.left + left_w + gap, area.top, area.width - left_w - gap, area.height),
                None,
                "other",
            ),
        ]

    def _fill(self, plan: SlidePlan, columns: list[list[Para]]) -> list[bool]:
        boxes = self._content_boxes(plan, len(columns))
        fits: list[bool] = []
        for paras, (box, idx, kind) in zip(columns, boxes, strict=True):
            frame = self._frame(plan, paras, box, idx, kind)
            plan.body.append(frame)
            fits.append(frame.fits)
        if any(idx is None for _box, idx, _kind in boxes) and not plan.fallback:
            plan.fallback = (
                "the layout has no body placeholder; text is placed in the master's body area"
            )
        return fits

    def _place_chart(
        self, plan: SlidePlan, spec: ChartSpec, area: Box, idx: int | None
    ) -> ChartPlacement:
        """The chart in ``area`` with its source line under it, coloured for what it sits on."""
        look = self.look(plan.layout)
        chart_box, line_box = chart_area(area)
        backdrop = look.backdrop(chart_box)
        style = (
            self.chart_style.readable_on(backdrop.colours())
            if self.chart_style is not None
            else None
        )
        placement = ChartPlacement(spec, chart_box, idx, backdrop, style)
        text = self.footnotes.get(id(spec), "")
        if text:
            size = source_line_size(text, line_box)
            line_backdrop = look.backdrop(line_box)
            base = look.text_colour("other")
            muted = mix(base, line_backdrop.colour, 0.3)
            ink = choose_ink(
                base, line_backdrop, size, preferred=[("", muted)], fallbacks=[("", base)]
            )
            placement.source = Added("chart-source", line_box, text, line_backdrop, ink, size)
        plan.chart = placement
        return placement

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
            boxes = self._content_boxes(plan, 2)
            box, idx, ph_kind = boxes[0]
            plan.body.append(self._frame(plan, paras, box, idx, ph_kind))
            self._place_chart(plan, chart, boxes[1][0], boxes[1][1])
        else:
            self._fill(plan, [paras])
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

    def plan(self) -> DeckPlan:
        b = self.briefing
        k = self.k
        # Title slide
        cover = self._new("title", "title", b.title, title_pt=COVER_TITLE_PT, marking=b.marking)
        lines = [b.subtitle] if b.subtitle else []
        byline = ", ".join(x for x in (b.author, b.organisation) if x)
        lines.append(" \u00b7 ".join(x for x in (byline, self.date_text) if x))
        sub = self.tmap.roles["title"].layout.subtitle()
        sub_paras = [
            Para(t, "plain", size_pt=(20 if i == 0 else 16) * k) for i, t in enumerate(lines)
        ]
        look = self.look(cover.layout)
        if cover.title is not None and cover.title.idx is None:
            # No title placeholder to use: set the cover out as a cover, centred on the slide,
            # rather than as a content slide with its title at the top.
            w, h = self.tmap.width, self.tmap.height
            area = clear_of(
                Box(w // 12, int(h * 0.3), w - w // 6, int(h * 0.44)), self.obstacles(cover)
            )
            box = Box(area.left, area.top, area.width, area.height // 2)
            paras, fits = _fit(cover.title.paras, box, self.fonts.heading, TITLE_MIN_PT * k)
            cover.title = Frame(paras, box, None, self.fonts.heading, fits, anchor="bottom")
            cover.title_band = box
            self._colour_frame(cover.title, look, "other")
            sub_box = Box(box.left, box.bottom + h // 40, box.width, area.height // 2 - h // 40)
            fitted, ok = _fit(sub_paras, sub_box, self.fonts.body, 12 * k)
            frame = Frame(fitted, sub_box, None, self.fonts.body, ok)
            self._colour_frame(frame, look, "other")
            cover.body.append(frame)
        elif sub is not None and _usable(sub.box, self.tmap):
            sub_box = clear_of(sub.box, self.obstacles(cover))
            fitted, ok = _fit(sub_paras, sub_box, self.fonts.body, 12 * k)
            frame = Frame(fitted, sub_box, sub.idx, self.fonts.body, ok)
            self._colour_frame(frame, look, "subTitle")
            cover.body.append(frame)
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
        marking, marking_warnings = self.marking, list(self.marking_warnings)
        if marking and Marking(marking).normalised != Marking(b.marking).normalised:
            marking_warnings.append(
                f"An item is marked {marking}, above the briefing's {b.marking or 'no marking'}; "
                f"the whole deck is marked {marking}."
            )
        leftovers: dict[tuple[str, int], Leftover] = {}
        for look in self.tmap.looks.values():
            for left in look.leftovers:
                leftovers.setdefault((left.part, left.shape_id), left)
        return DeckPlan(
            self.slides,
            self.tmap.width,
            self.tmap.height,
            self.sources,
            self.warnings,
            marking=marking,
            marking_warnings=marking_warnings,
            footer=self.footer,
            date_text=self.date_text,
            banner_pt=self.banner.size_pt,
            banner_text_colour=self.banner.text_colour,
            leftovers=list(leftovers.values()),
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
            box, idx, _kind = self._content_boxes(plan, 1)[0]
            if item.message:
                lead_h = int(box.height * 0.2)
                lead_box = Box(box.left, box.top, box.width, int(lead_h * 0.9))
                fitted, ok = _fit(
                    [Para(item.message, "lead", size_pt=18 * k, bold=True)],
                    lead_box,
                    self.fonts.body,
                    14 * k,
                )
                frame = Frame(fitted, lead_box, None, self.fonts.body, ok)
                self._colour_frame(frame, self.look(plan.layout), "other")
                plan.body.append(frame)
                box = Box(box.left, box.top + lead_h, box.width, box.height - lead_h)
                idx = None
            self._place_chart(plan, item.chart, box, idx)
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
    *,
    chart_style: ChartStyle | None = None,
    footnotes: dict[int, str] | None = None,
    banner: BannerStyle | None = None,
) -> DeckPlan:
    """Resolve a briefing against a template's role map. ``chart_style`` is the deck's chart
    style (each chart gets it made readable on what it sits on); ``footnotes`` the source line
    of each chart by ``id(spec)``; ``banner`` the marking banners' text style."""
    return Planner(
        briefing,
        tmap,
        fonts or Fonts(),
        chart_sources,
        chart_style=chart_style,
        footnotes=footnotes,
        banner=banner,
    ).plan()
