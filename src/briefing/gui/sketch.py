"""What the approximate preview draws for a slide: plain data computed from the briefing.

This mirrors what the deck shows (title slide, agenda, one slide per item, sources) closely
enough to recognise a slide; the deck itself is laid out by ``briefing.deck`` from its plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.gui.outline_model import AGENDA_KEY, SOURCES_KEY, TITLE_KEY, uid_of_key
from briefing.model import Briefing, ChartItem, ImpressionItem, SectionItem, TextItem


@dataclass(frozen=True)
class Look:
    """Colours and shape of a template, from its manifest (defaults when it has none)."""

    background: str = "#FFFFFF"
    text: str = "#1B1B1B"
    primary: str = "#1F3864"
    accent: str = "#1F77B4"
    muted: str = "#8A8F98"
    aspect: float = 16 / 9


@dataclass
class Sketch:
    layout: str  # "cover", "section", "bullets", "chart"
    title: str
    subtitle: str = ""
    lead: str = ""
    bullets: list[str] = field(default_factory=list)
    numbered: bool = False
    chart: bool = False
    chart_kind: str = ""  # "column", "bar", "line", ... (drawn as a generic shape)
    chart_label: str = ""
    marking: str = ""
    number: int = 0


def _aspect(slide_size: str) -> float:
    try:
        width, height = (float(p) for p in slide_size.replace("x", ":").split(":"))
        return width / height if width > 0 and height > 0 else 16 / 9
    except ValueError:
        return 16 / 9


def look_from_manifest(palette: object | None, slide_size: str = "") -> Look:
    """A :class:`Look` from a template manifest's palette and slide size."""
    if palette is None:
        return Look(aspect=_aspect(slide_size) if slide_size else 16 / 9)
    accent = getattr(palette, "accent", ("#1F77B4",))
    return Look(
        background=str(getattr(palette, "background", "#FFFFFF")),
        text=str(getattr(palette, "text", "#1B1B1B")),
        primary=str(getattr(palette, "primary", "#1F3864")),
        accent=str(accent[0]) if accent else "#1F77B4",
        muted=str(getattr(palette, "muted", "#8A8F98")),
        aspect=_aspect(slide_size) if slide_size else 16 / 9,
    )


def sketch_for(briefing: Briefing, key: str, number: int) -> Sketch:
    b = briefing
    marking = b.marking
    if key == TITLE_KEY:
        byline = ", ".join(x for x in (b.author, b.organisation) if x)
        when = f"{b.date.day} {b.date:%B %Y}"
        return Sketch(
            "cover",
            b.title,
            subtitle=b.subtitle,
            bullets=[" \u00b7 ".join(x for x in (byline, when) if x)],
            marking=marking,
            number=number,
        )
    if key == AGENDA_KEY:
        sections = [i.title for i in b.items if isinstance(i, SectionItem)]
        entries = sections or [
            i.title for i in b.items if isinstance(i, ImpressionItem | ChartItem | TextItem)
        ]
        return Sketch(
            "bullets", "Agenda", bullets=entries, numbered=True, marking=marking, number=number
        )
    if key == SOURCES_KEY:
        return Sketch(
            "bullets",
            "Sources",
            bullets=[s.citation() for s in b.sources()],
            numbered=True,
            marking=marking,
            number=number,
        )
    uid = uid_of_key(key)
    item = b.find(uid) if uid else None
    if item is None:
        return Sketch("bullets", "", number=number)
    marking = item.marking or b.marking
    if isinstance(item, SectionItem):
        return Sketch("section", item.title, subtitle=item.subtitle, marking=marking, number=number)
    if isinstance(item, ImpressionItem):
        imp = item.impression
        return Sketch(
            "bullets",
            imp.title,
            lead=imp.key_judgement,
            bullets=list(imp.points),
            chart=item.chart is not None,
            chart_kind=item.chart.kind if item.chart else "",
            chart_label=item.chart.id if item.chart else "",
            marking=marking,
            number=number,
        )
    if isinstance(item, ChartItem):
        return Sketch(
            "chart",
            item.title,
            lead=item.message,
            chart=True,
            chart_kind=item.chart.kind,
            chart_label=item.chart.id,
            marking=marking,
            number=number,
        )
    return Sketch(
        "bullets", item.title, bullets=list(item.paragraphs), marking=marking, number=number
    )
