"""The briefing: what the deck should say, independent of any template or file format."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from briefing.model.chart import ChartSpec


def new_uid() -> str:
    """A short, stable identifier for an item in a briefing."""
    return uuid.uuid4().hex[:12]


@dataclass
class Source:
    """A work an impression or chart draws on; listed once, numbered, on the sources slide."""

    title: str
    publisher: str = ""
    date: str = ""
    url: str = ""

    def key(self) -> tuple[str, str, str, str]:
        """Two citations of the same work compare equal by this key."""
        return (
            " ".join(self.title.split()).casefold(),
            " ".join(self.publisher.split()).casefold(),
            self.date.strip(),
            self.url.strip(),
        )

    def citation(self) -> str:
        """The source as one line: publisher, title, date, address."""
        parts = [p for p in (self.publisher, f"\u201c{self.title}\u201d", self.date) if p]
        text = ", ".join(parts)
        return f"{text}. {self.url}" if self.url else f"{text}."


@dataclass
class Impression:
    """One analytical finding: a title, a one-sentence judgement and the points behind it."""

    id: str
    title: str
    key_judgement: str
    points: list[str]
    narrative: str = ""
    notes: str = ""
    sources: list[Source] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    optional: bool = False
    order: int = 0


@dataclass
class ImpressionItem:
    """An impression placed in a briefing (a copy: editing it does not touch the library)."""

    impression: Impression
    chart: ChartSpec | None = None
    marking: str = ""
    uid: str = field(default_factory=new_uid)
    kind: Literal["impression"] = "impression"

    @property
    def title(self) -> str:
        return self.impression.title


@dataclass
class SectionItem:
    """A divider that opens a part of the briefing."""

    title: str
    subtitle: str = ""
    notes: str = ""
    marking: str = ""
    uid: str = field(default_factory=new_uid)
    kind: Literal["section"] = "section"


@dataclass
class ChartItem:
    """A slide given to one chart, with the message it supports."""

    title: str
    chart: ChartSpec
    message: str = ""
    notes: str = ""
    sources: list[Source] = field(default_factory=list)
    marking: str = ""
    uid: str = field(default_factory=new_uid)
    kind: Literal["chart"] = "chart"


@dataclass
class TextItem:
    """A free-text slide: a title and paragraphs (each a bullet)."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    notes: str = ""
    marking: str = ""
    uid: str = field(default_factory=new_uid)
    kind: Literal["text"] = "text"


Item: TypeAlias = ImpressionItem | SectionItem | ChartItem | TextItem

DEFAULT_MARKING = "UNCLASSIFIED"


@dataclass
class Briefing:
    """A whole briefing: its front matter and its items in order."""

    title: str
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    audience: str = ""
    marking: str = DEFAULT_MARKING
    template: str = "navy"
    items: list[Item] = field(default_factory=list)

    def impressions(self) -> list[Impression]:
        return [item.impression for item in self.items if isinstance(item, ImpressionItem)]

    def sources(self) -> list[Source]:
        """Every cited source once, in order of first citation."""
        seen: dict[tuple[str, str, str, str], Source] = {}
        for item in self.items:
            cited: list[Source] = []
            if isinstance(item, ImpressionItem):
                cited = item.impression.sources
            elif isinstance(item, ChartItem):
                cited = item.sources
            for source in cited:
                seen.setdefault(source.key(), source)
        return list(seen.values())

    def find(self, uid: str) -> Item | None:
        return next((item for item in self.items if item.uid == uid), None)
