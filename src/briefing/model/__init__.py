"""The briefing model: pure, typed data with validation. Imports nothing else of the project."""

from briefing.model.briefing import (
    DEFAULT_MARKING,
    Briefing,
    ChartItem,
    Impression,
    ImpressionItem,
    Item,
    SectionItem,
    Source,
    TextItem,
    new_uid,
)
from briefing.model.chart import ChartSpec
from briefing.model.validation import briefing_problems, impression_problems, located_problems

__all__ = [
    "DEFAULT_MARKING",
    "Briefing",
    "ChartItem",
    "ChartSpec",
    "Impression",
    "ImpressionItem",
    "Item",
    "SectionItem",
    "Source",
    "TextItem",
    "briefing_problems",
    "impression_problems",
    "located_problems",
    "new_uid",
]
