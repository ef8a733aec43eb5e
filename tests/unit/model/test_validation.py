"""The rules a briefing keeps to fit on slides, and the sources it cites."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.library import default_briefing
from briefing.model import (
    Briefing,
    ChartItem,
    ChartSpec,
    Impression,
    ImpressionItem,
    SectionItem,
    Source,
    TextItem,
    briefing_problems,
    impression_problems,
)
from briefing.model.validation import MAX_POINT


def an_impression(id: str = "unity", **changes: object) -> Impression:
    fields: dict[str, object] = {
        "title": "The alliance has pulled together",
        "key_judgement": "The pledge has steadied the alliance for now.",
        "points": ["First point", "Second point", "Third point"],
    }
    fields.update(changes)
    return Impression(id=id, **fields)  # type: ignore[arg-type]


def a_briefing(*items: object, title: str = "The State of NATO") -> Briefing:
    return Briefing(title=title, date=dt.date(2025, 10, 1), items=list(items))  # type: ignore[arg-type]


# -- a sound briefing ---------------------------------------------------------------------------


def test_a_well_formed_impression_has_no_problems() -> None:
    assert impression_problems(an_impression()) == []


def test_the_default_briefing_has_no_problems() -> None:
    briefing = default_briefing(date=dt.date(2025, 10, 1))

    assert briefing.items, "the default briefing should hold items"
    assert briefing_problems(briefing) == []


# -- titles -------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["", "   "])
def test_an_empty_briefing_title_is_reported(title: str) -> None:
    problems = briefing_problems(a_briefing(ImpressionItem(an_impression()), title=title))

    assert problems == ["The briefing has an empty title."]


def test_an_empty_impression_title_is_reported_with_its_id() -> None:
    problems = impression_problems(an_impression("russia", title=" "))

    assert problems == ["Impression 'russia' has an empty title."]


def test_empty_titles_of_sections_charts_and_text_slides_are_reported_by_position() -> None:
    chart = ChartSpec(id="spending", dataset="defence-spending")
    briefing = a_briefing(
        ImpressionItem(an_impression()),
        SectionItem(""),
        ChartItem("", chart),
        TextItem(""),
    )

    assert briefing_problems(briefing) == [
        "Section divider 2 has an empty title.",
        "Chart slide 3 has an empty title.",
        "Text slide 4 has an empty title.",
    ]


# -- key points ---------------------------------------------------------------------------------


def test_a_point_of_the_maximum_length_is_accepted() -> None:
    imp = an_impression(points=["First", "x" * MAX_POINT, "Third"])

    assert impression_problems(imp) == []


def test_a_point_too_long_is_named_by_its_number_and_asked_to_be_shortened() -> None:
    long_point = "Allies " + "spend more " * 20
    imp = an_impression(points=["First", long_point, "Third"])

    problems = impression_problems(imp)

    assert len(problems) == 1
    assert "key point 2" in problems[0]
    assert f"{len(long_point)} characters" in problems[0]
    assert "too long for a slide" in problems[0]
    assert f"keep it to {MAX_POINT}" in problems[0]


@pytest.mark.parametrize("count", [2, 7])
def test_too_few_or_too_many_points_are_reported(count: int) -> None:
    imp = an_impression(points=[f"Point {n}" for n in range(count)])

    problems = impression_problems(imp)

    assert len(problems) == 1
    assert f"has {count} key points; a slide takes 3 to 6" in problems[0]


@pytest.mark.parametrize("count", [3, 6])
def test_three_to_six_points_are_accepted(count: int) -> None:
    imp = an_impression(points=[f"Point {n}" for n in range(count)])

    assert impression_problems(imp) == []


def test_a_blank_point_is_reported_and_not_counted() -> None:
    imp = an_impression(points=["One", " ", "Two", "Three"])

    assert impression_problems(imp) == [
        "Impression \u201cThe alliance has pulled together\u201d has an empty key point; "
        "remove it or write it."
    ]


# -- ids ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["Unity", "two words", "-leading-hyphen", "under_score", ""])
def test_an_id_outside_the_pattern_is_reported(bad_id: str) -> None:
    problems = impression_problems(an_impression(bad_id))

    assert len(problems) == 1
    assert repr(bad_id) in problems[0]
    assert "lowercase letters, digits and hyphens" in problems[0]


@pytest.mark.parametrize("good_id", ["unity", "counterpoint-us-weapons", "2025-summit"])
def test_an_id_of_lowercase_letters_digits_and_hyphens_is_accepted(good_id: str) -> None:
    assert impression_problems(an_impression(good_id)) == []


def test_the_same_impression_id_in_two_items_is_reported_with_both_positions() -> None:
    briefing = a_briefing(
        ImpressionItem(an_impression("unity")),
        SectionItem("Threats"),
        ImpressionItem(an_impression("unity", title="Another take on unity")),
    )

    problems = briefing_problems(briefing)

    assert len(problems) == 1
    assert "Items 1 and 3 are both impression 'unity'" in problems[0]
    assert "unique" in problems[0]


def test_distinct_impression_ids_are_not_reported() -> None:
    briefing = a_briefing(
        ImpressionItem(an_impression("unity")), ImpressionItem(an_impression("russia"))
    )

    assert briefing_problems(briefing) == []


# -- sources ------------------------------------------------------------------------------------


def test_sources_are_listed_once_in_order_of_first_citation() -> None:
    daalder = Source("World Review: The State of NATO", publisher="Ivo Daalder", date="2025-09")
    sipri = Source("Military Expenditure Database", publisher="SIPRI", date="2025")
    nato = Source("Defence Expenditure of NATO Countries", publisher="NATO", date="2025")
    # The same work cited again, with different spacing and case: still one source.
    daalder_again = Source(
        "world review:  the state of NATO", publisher="ivo daalder", date="2025-09"
    )
    chart = ChartSpec(id="spending", dataset="defence-spending")
    briefing = a_briefing(
        ImpressionItem(an_impression("unity", sources=[daalder, sipri])),
        SectionItem("Money"),
        ChartItem("Spending", chart, sources=[sipri, nato]),
        TextItem("Notes"),
        ImpressionItem(an_impression("russia", sources=[nato, daalder_again])),
    )

    sources = briefing.sources()

    assert sources == [daalder, sipri, nato]
    assert sources[0] is daalder, "the first citation's wording is the one kept"


def test_a_briefing_without_citations_has_no_sources() -> None:
    assert a_briefing(SectionItem("Only a divider")).sources() == []
