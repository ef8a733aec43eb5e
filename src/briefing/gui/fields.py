"""Read and write the editable fields of briefing items by name (plain Python, no Qt).

An impression item keeps its text on the copied :class:`Impression`; the other items keep it on
themselves. The editor and the undo commands address fields by these names.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from briefing.model import (
    Briefing,
    ChartItem,
    ChartSpec,
    Impression,
    ImpressionItem,
    Item,
    SectionItem,
    TextItem,
    new_uid,
)

IMPRESSION_FIELDS = ("title", "key_judgement", "points", "narrative", "notes")
SECTION_FIELDS = ("title", "subtitle", "notes")
CHART_FIELDS = ("title", "message", "notes")
TEXT_FIELDS = ("title", "paragraphs", "notes")
ITEM_FIELDS = ("marking", "chart")  # on the item itself, whatever its kind
BRIEFING_FIELDS = (
    "title",
    "subtitle",
    "author",
    "organisation",
    "date",
    "audience",
    "marking",
    "template",
)

KIND_LABELS = {
    "impression": "Impression",
    "section": "Section divider",
    "chart": "Chart slide",
    "text": "Text slide",
}


def _fields_of(item: Item) -> tuple[str, ...]:
    if isinstance(item, ImpressionItem):
        return IMPRESSION_FIELDS
    if isinstance(item, SectionItem):
        return SECTION_FIELDS
    if isinstance(item, ChartItem):
        return CHART_FIELDS
    return TEXT_FIELDS


def _target(item: Item, name: str) -> object:
    if name in ITEM_FIELDS:
        return item
    if name not in _fields_of(item):
        raise KeyError(f"{item.kind} items have no field {name!r}")
    return item.impression if isinstance(item, ImpressionItem) else item


def _fresh(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, ChartSpec):
        return copy.deepcopy(value)
    return value


def get_field(item: Item, name: str) -> Any:
    """The value of ``name`` on ``item`` (lists and charts are copied, so callers cannot alias
    them)."""
    if name == "chart" and not isinstance(item, ImpressionItem | ChartItem):
        raise KeyError(f"{item.kind} items have no chart")
    return _fresh(getattr(_target(item, name), name))


def set_field(item: Item, name: str, value: Any) -> None:
    if name == "chart":
        if isinstance(item, ChartItem) and not isinstance(value, ChartSpec):
            raise ValueError("a chart slide always has a chart")
        if not isinstance(item, ImpressionItem | ChartItem):
            raise KeyError(f"{item.kind} items have no chart")
    setattr(_target(item, name), name, _fresh(value))


def get_briefing_field(briefing: Briefing, name: str) -> Any:
    if name not in BRIEFING_FIELDS:
        raise KeyError(f"a briefing has no field {name!r}")
    return getattr(briefing, name)


def set_briefing_field(briefing: Briefing, name: str, value: Any) -> None:
    if name not in BRIEFING_FIELDS:
        raise KeyError(f"a briefing has no field {name!r}")
    setattr(briefing, name, value)


def summary(item: Item) -> str:
    """One line under the title in lists: the judgement, subtitle, message or first paragraph."""
    if isinstance(item, ImpressionItem):
        return item.impression.key_judgement
    if isinstance(item, SectionItem):
        return item.subtitle
    if isinstance(item, ChartItem):
        return item.message
    return item.paragraphs[0] if item.paragraphs else ""


def impression_item(impression: Impression) -> ImpressionItem:
    """A briefing item holding a copy of a library impression (edits never touch the library)."""
    return ImpressionItem(copy.deepcopy(impression))


def duplicate(item: Item, briefing: Briefing) -> Item:
    """A copy of ``item`` with a fresh uid; a copied impression gets a fresh, unused id."""
    twin = copy.deepcopy(item)
    twin.uid = new_uid()
    if isinstance(twin, ImpressionItem | ChartItem) and twin.chart is not None:
        twin.chart.id = fresh_chart_id(briefing, twin.chart.id)
    if isinstance(twin, ImpressionItem):
        taken = {imp.id for imp in briefing.impressions()}
        stem = re.sub(r"-copy(-\d+)?$", "", twin.impression.id)[:50] or "impression"
        candidate, number = f"{stem}-copy", 2
        while candidate in taken:
            candidate, number = f"{stem}-copy-{number}", number + 1
        twin.impression.id = candidate
    return twin


def new_section() -> SectionItem:
    return SectionItem("New section")


def new_text_slide() -> TextItem:
    return TextItem("New slide", ["First paragraph"])


def chart_ids(briefing: Briefing) -> set[str]:
    return {
        item.chart.id
        for item in briefing.items
        if isinstance(item, ImpressionItem | ChartItem) and item.chart is not None
    }


def fresh_chart_id(briefing: Briefing, stem: str) -> str:
    """``stem`` when no chart of the briefing has that id, else ``stem-2``, ``stem-3``..."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.")[:70] or "chart"
    stem = re.sub(r"-\d{1,2}$", "", stem) or stem  # our own "-2", not a year
    taken = chart_ids(briefing)
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def new_chart_slide(briefing: Briefing, spec: ChartSpec, renderer: str = "") -> ChartItem:
    """A chart slide for a copy of ``spec`` (a preset, say) with an id no other chart has."""
    chart = copy.deepcopy(spec)
    chart.id = fresh_chart_id(briefing, chart.id)
    if renderer in ("native", "image"):
        chart.renderer = renderer  # type: ignore[assignment]
    return ChartItem(chart.title or "New chart", chart)


def chart_for_impression(
    briefing: Briefing, item: ImpressionItem, spec: ChartSpec, renderer: str = ""
) -> ChartSpec:
    """A copy of ``spec`` to attach to ``item``, with an id named after the impression."""
    chart = copy.deepcopy(spec)
    chart.id = fresh_chart_id(briefing, f"{item.impression.id}-chart")
    if renderer in ("native", "image"):
        chart.renderer = renderer  # type: ignore[assignment]
    return chart
