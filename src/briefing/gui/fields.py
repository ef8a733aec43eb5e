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
ITEM_FIELDS = ("marking",)
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


def get_field(item: Item, name: str) -> Any:
    """The value of ``name`` on ``item`` (lists are copied, so callers cannot alias them)."""
    value = getattr(_target(item, name), name)
    return list(value) if isinstance(value, list) else value


def set_field(item: Item, name: str, value: Any) -> None:
    setattr(_target(item, name), name, list(value) if isinstance(value, list) else value)


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
