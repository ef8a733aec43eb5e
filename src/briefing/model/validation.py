"""Rules a briefing must keep to fit on slides, phrased for the person editing it."""

from __future__ import annotations

import re

from briefing.model.briefing import (
    Briefing,
    ChartItem,
    Impression,
    ImpressionItem,
    SectionItem,
    TextItem,
)

MAX_TITLE = 80
MAX_JUDGEMENT = 220
MAX_POINT = 160
MIN_POINTS = 3
MAX_POINTS = 6
MAX_PARAGRAPHS = 8
MAX_PARAGRAPH = 400

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def _clip(text: str, length: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "\u2026"


def impression_problems(imp: Impression) -> list[str]:
    """What is wrong with an impression, one sentence per problem (empty when it is fine)."""
    name = f"Impression \u201c{_clip(imp.title) or imp.id}\u201d"
    problems: list[str] = []
    if not ID_PATTERN.match(imp.id):
        problems.append(
            f"{name} has the id {imp.id!r}; ids use lowercase letters, digits and hyphens."
        )
    if not imp.title.strip():
        problems.append(f"Impression {imp.id!r} has an empty title.")
    elif len(imp.title) > MAX_TITLE:
        problems.append(
            f"{name}: the title has {len(imp.title)} characters; keep it to {MAX_TITLE}."
        )
    if not imp.key_judgement.strip():
        problems.append(f"{name} has no key judgement.")
    elif len(imp.key_judgement) > MAX_JUDGEMENT:
        problems.append(
            f"{name}: the key judgement has {len(imp.key_judgement)} characters; "
            f"keep it to one sentence of at most {MAX_JUDGEMENT}."
        )
    points = [p for p in imp.points if p.strip()]
    if len(points) != len(imp.points):
        problems.append(f"{name} has an empty key point; remove it or write it.")
    if not MIN_POINTS <= len(points) <= MAX_POINTS:
        problems.append(
            f"{name} has {len(points)} key points; a slide takes {MIN_POINTS} to {MAX_POINTS}."
        )
    for number, point in enumerate(imp.points, start=1):
        if len(point) > MAX_POINT:
            problems.append(
                f"{name}: key point {number} (\u201c{_clip(point)}\u201d) has {len(point)} "
                f"characters, too long for a slide; keep it to {MAX_POINT}."
            )
    for number, source in enumerate(imp.sources, start=1):
        if not source.title.strip():
            problems.append(f"{name}: source {number} has no title.")
    return problems


def located_problems(briefing: Briefing) -> list[tuple[str | None, str]]:
    """Every problem as (the uid of the item it is about, or None for the briefing; the
    sentence), so a report can point at the slide concerned."""
    problems: list[str] = []
    owners: list[str | None] = []
    if not briefing.title.strip():
        problems.append("The briefing has an empty title.")
    elif len(briefing.title) > MAX_TITLE:
        problems.append(
            f"The briefing title has {len(briefing.title)} characters; keep it to {MAX_TITLE}."
        )
    if not briefing.items:
        problems.append("The briefing has no items; add at least one impression.")
    seen_ids: dict[str, int] = {}
    seen_uids: set[str] = set()
    owners.extend([None] * len(problems))
    for position, item in enumerate(briefing.items, start=1):
        start = len(problems)
        if item.uid in seen_uids:
            problems.append(f"Item {position} repeats the item id {item.uid!r}.")
        seen_uids.add(item.uid)
        if isinstance(item, ImpressionItem):
            imp = item.impression
            if imp.id in seen_ids:
                problems.append(
                    f"Items {seen_ids[imp.id]} and {position} are both impression {imp.id!r}; "
                    "ids must be unique (duplicate the item to get a fresh id)."
                )
            else:
                seen_ids[imp.id] = position
            problems.extend(impression_problems(imp))
            if item.chart is not None:
                problems.extend(f"{imp.title}: {p}" for p in item.chart.validate())
        elif isinstance(item, SectionItem):
            if not item.title.strip():
                problems.append(f"Section divider {position} has an empty title.")
            elif len(item.title) > MAX_TITLE:
                problems.append(f"Section divider {position}: the title is too long.")
        elif isinstance(item, ChartItem):
            if not item.title.strip():
                problems.append(f"Chart slide {position} has an empty title.")
            problems.extend(f"Chart slide {position}: {p}" for p in item.chart.validate())
        elif isinstance(item, TextItem):
            if not item.title.strip():
                problems.append(f"Text slide {position} has an empty title.")
            if len(item.paragraphs) > MAX_PARAGRAPHS:
                problems.append(
                    f"Text slide {position} has {len(item.paragraphs)} paragraphs; "
                    f"a slide takes {MAX_PARAGRAPHS}."
                )
            for number, para in enumerate(item.paragraphs, start=1):
                if len(para) > MAX_PARAGRAPH:
                    problems.append(
                        f"Text slide {position}: paragraph {number} has {len(para)} characters; "
                        f"keep it to {MAX_PARAGRAPH}."
                    )
        owners.extend([item.uid] * (len(problems) - start))
    return list(zip(owners, problems, strict=True))


def briefing_problems(briefing: Briefing) -> list[str]:
    """Everything that keeps a briefing from becoming a deck (empty when it is fine)."""
    return [message for _, message in located_problems(briefing)]
