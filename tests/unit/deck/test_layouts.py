"""Choosing a layout for each slide role by what the layouts hold, in any language."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from briefing.deck.layouts import ROLES, TemplateMap, map_roles
from briefing.deck.opening import open_template

if TYPE_CHECKING:
    from pptx.presentation import Presentation


def names_by_role(tmap: TemplateMap) -> dict[str, str]:
    return {role: choice.layout.name for role, choice in tmap.roles.items()}


def default_presentation() -> Presentation:
    from pptx import Presentation

    return Presentation()


def only_blank_layout() -> Presentation:
    """python-pptx's default template with every layout but 'Blank' removed."""
    prs = default_presentation()
    for layout in list(prs.slide_layouts):
        if layout.name != "Blank":
            prs.slide_layouts.remove(layout)
    return prs


# -- localised templates ------------------------------------------------------------------------


def test_a_german_template_maps_roles_to_the_matching_layouts(corpus_dir: Path) -> None:
    opened = open_template(corpus_dir / "templates" / "automizer_SlideWithCharts.pptx")

    tmap = map_roles(opened.presentation)

    chosen = names_by_role(tmap)
    assert chosen["title"] == "Titelfolie"
    assert chosen["bullets"] == "Titel und Inhalt"
    assert chosen["two_columns"] == "Zwei Inhalte"
    assert chosen["section"].startswith("Abschnitts")
    assert "berschrift" in chosen["section"]
    for role in ("title", "bullets", "two_columns", "section"):
        assert tmap.roles[role].fallback == "", f"{role} should need no fallback"
        assert tmap.roles[role].from_manifest is False
    assert tmap.warnings == []


def test_a_spanish_template_maps_roles_to_the_matching_layouts(corpus_dir: Path) -> None:
    opened = open_template(corpus_dir / "templates" / "automizer_ChartWithExternalData.pptx")

    tmap = map_roles(opened.presentation)

    chosen = names_by_role(tmap)
    assert chosen["title"] == "Diapositiva de t\u00edtulo"
    assert chosen["bullets"] == "T\u00edtulo y objetos"
    assert chosen["two_columns"] == "Dos objetos"
    assert chosen["section"] == "Encabezado de secci\u00f3n"
    assert all(tmap.roles[role].fallback == "" for role in ROLES)


def test_layouts_are_chosen_by_their_placeholders_not_their_names() -> None:
    by_name = map_roles(default_presentation())
    misnamed = default_presentation()
    for number, layout in enumerate(misnamed.slide_layouts):
        layout.name = f"Layout {number}"

    by_shape = map_roles(misnamed)

    assert {r: c.layout.key for r, c in by_shape.roles.items()} == {
        r: c.layout.key for r, c in by_name.roles.items()
    }
    assert names_by_role(by_name)["bullets"] == "Title and Content"
    assert names_by_role(by_shape)["bullets"] == "Layout 1"


# -- fallbacks ----------------------------------------------------------------------------------


def test_a_template_with_only_a_blank_layout_maps_every_role_with_a_fallback_reason() -> None:
    prs = only_blank_layout()
    assert [layout.name for layout in prs.slide_layouts] == ["Blank"]

    tmap = map_roles(prs)

    assert set(tmap.roles) == set(ROLES)
    for role in ROLES:
        choice = tmap.roles[role]
        assert choice.layout.name == "Blank"
        assert choice.score == 0.0
        assert "master's areas" in choice.fallback, f"{role}: {choice.fallback!r}"


def test_a_real_blank_only_deck_also_falls_back_for_every_role(corpus_dir: Path) -> None:
    opened = open_template(corpus_dir / "templates" / "pythonpptx_cht-charts.pptx")

    tmap = map_roles(opened.presentation)

    assert {choice.layout.name for choice in tmap.roles.values()} == {"Blank"}
    assert all(tmap.roles[role].fallback for role in ROLES)


def test_the_master_areas_are_inside_the_slide_even_without_layouts_to_read() -> None:
    tmap = map_roles(only_blank_layout())

    for area in (tmap.title_area, tmap.body_area):
        assert area.area > 0
        assert area.inside(tmap.width, tmap.height)
    assert tmap.title_area.bottom <= tmap.body_area.top


# -- the manifest -------------------------------------------------------------------------------


def test_a_manifest_role_map_overrides_the_automatic_choice() -> None:
    automatic = map_roles(default_presentation())
    assert automatic.roles["bullets"].layout.name == "Title and Content"

    tmap = map_roles(default_presentation(), {"bullets": "Comparison"})

    assert tmap.roles["bullets"].layout.name == "Comparison"
    assert tmap.roles["bullets"].from_manifest is True
    assert tmap.roles["bullets"].fallback == ""
    assert tmap.warnings == []
    others = [role for role in ROLES if role != "bullets"]
    assert {r: names_by_role(tmap)[r] for r in others} == {
        r: names_by_role(automatic)[r] for r in others
    }


def test_a_manifest_naming_a_missing_layout_warns_and_chooses_automatically() -> None:
    tmap = map_roles(default_presentation(), {"section": "Kapiteltrenner"})

    assert len(tmap.warnings) == 1
    assert "section" in tmap.warnings[0]
    assert "'Kapiteltrenner'" in tmap.warnings[0]
    assert "lacks" in tmap.warnings[0]
    assert tmap.roles["section"].layout.name == "Section Header"
    assert tmap.roles["section"].from_manifest is False


@pytest.mark.parametrize("role", ROLES)
def test_every_role_of_the_default_template_finds_a_layout_of_its_own(role: str) -> None:
    tmap = map_roles(default_presentation())

    assert tmap.roles[role].fallback == ""  # type: ignore[index]
    assert tmap.roles[role].score > 0  # type: ignore[index]
