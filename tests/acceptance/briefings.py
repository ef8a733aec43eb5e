"""Briefings the acceptance tests build on every template: the default State of NATO briefing and
a long one, whose text in four scripts pushes every box to its limits."""

from __future__ import annotations

import datetime as dt

from briefing.library import default_briefing
from briefing.model import Briefing, Impression, ImpressionItem, SectionItem, Source, TextItem

DATE = dt.date(2025, 10, 1)

LONG_EN = (
    "Allied ministers agreed that the new capability targets must be met through a combination "
    "of national procurement, pooled multinational projects and a faster industrial ramp-up"
)
LONG_RU = (
    "Союзники согласились, что новые цели по потенциалу должны достигаться сочетанием "
    "национальных закупок, совместных многонациональных проектов и ускорения производства"
)
LONG_JA = (
    "同盟国は、新たな能力目標を各国の調達、多国間の共同事業、そして防衛産業の生産拡大を組み合わせて"
    "達成しなければならないことで合意した。これは長期的な取り組みである。"
)
LONG_DE = (
    "Verteidigungsausgabensteigerungsverpflichtungen und Bündnisverteidigungsfähigkeitsziele "
    "verlangen eine Rüstungsbeschaffungsbeschleunigung in allen Mitgliedstaaten"
)


def _impression(ident: str, title: str, text: str) -> Impression:
    return Impression(
        id=ident,
        title=title,
        key_judgement=text[:200].rsplit(" ", 1)[0] + ".",
        points=[text[:158], text[:150], text[:140], text[:158], text[:120], text[:158]],
        narrative=text,
        notes=text,
        sources=[Source("A long report", "Ministry", "2025")],
    )


def long_briefing() -> Briefing:
    return Briefing(
        title="Capability targets, industrial ramp-up and burden sharing: a long briefing",
        subtitle="Deliberately long text in English, Russian, Japanese and German",
        author="Test Desk",
        date=DATE,
        items=[
            SectionItem("Implementing the capability targets across the whole Alliance"),
            ImpressionItem(
                _impression("english", "Capability targets need industry to deliver", LONG_EN)
            ),
            ImpressionItem(
                _impression("russian", "Цели по потенциалу требуют промышленности", LONG_RU)
            ),
            ImpressionItem(
                _impression("japanese", "能力目標の達成には産業界の協力が不可欠", LONG_JA)
            ),
            ImpressionItem(_impression("german", "Rüstungsbeschaffungsbeschleunigung", LONG_DE)),
            TextItem(
                "Notes for the record",
                [(text + " " + text)[:390] for text in (LONG_EN, LONG_RU, LONG_JA, LONG_DE) * 2],
            ),
        ],
    )


def default() -> Briefing:
    return default_briefing(date=DATE)


BRIEFINGS = {"default": default, "long": long_briefing}
