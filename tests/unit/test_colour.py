"""Colour arithmetic: WCAG contrast, DrawingML transforms and choosing readable colours."""

from __future__ import annotations

import pytest

from briefing.colour import (
    BLACK,
    WHITE,
    Backdrop,
    choose_ink,
    contrast,
    first_readable,
    lightness,
    luminance,
    mean,
    normalise,
    readable,
    text_target,
    transform,
)


def test_contrast_matches_the_wcag_reference_values() -> None:
    assert contrast(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)
    # WCAG's own example: #777777 on white is just under 4.5:1.
    assert contrast("#777777", WHITE) == pytest.approx(4.48, abs=0.01)
    assert luminance("#FF0000") == pytest.approx(0.2126, abs=1e-4)


def test_large_text_needs_three_to_one_and_smaller_text_four_and_a_half() -> None:
    assert text_target(12) == 4.5
    assert text_target(18) == 3.0
    assert text_target(14, bold=True) == 3.0
    assert text_target(14) == 4.5


def test_theme_transforms_darken_and_lighten_as_powerpoint_does() -> None:
    # "Text 1, lighter 50%": black with lumMod 50% and lumOff 50% is mid grey.
    assert transform(BLACK, [("lumMod", 0.5), ("lumOff", 0.5)]) == "#808080"
    # "Accent 1, darker 25%": lumMod 75% keeps the hue and darkens.
    darker = transform("#4472C4", [("lumMod", 0.75)])
    assert lightness(darker) == pytest.approx(lightness("#4472C4") * 0.75, abs=0.01)
    assert transform("#336699", [("shade", 0.0)]) == BLACK
    assert transform("#336699", [("tint", 0.0)]) == WHITE
    assert transform("#336699", [("inv", 1.0)]) == "#CC9966"


def test_a_mean_of_colours_is_taken_in_linear_light() -> None:
    half = mean([(BLACK, 1.0), (WHITE, 1.0)])
    # Half the light of white, not sRGB 128: about #BCBCBC.
    assert luminance(half) == pytest.approx(0.5, abs=0.01)
    assert mean([]) == WHITE


def test_a_readable_colour_keeps_its_hue_and_moves_only_as_far_as_it_must() -> None:
    pale = "#9DB4D8"  # a light blue, about 2:1 on white
    fixed = readable(pale, WHITE, 4.5)
    assert contrast(fixed, WHITE) >= 4.5
    assert contrast(fixed, WHITE) < 4.8  # no further than needed
    assert lightness(fixed) < lightness(pale)
    assert normalise(readable("#1F3B73", WHITE, 4.5)) == "#1F3B73"  # already reads: kept
    on_dark = readable("#1F3B73", "#101820", 4.5)
    assert contrast(on_dark, "#101820") >= 4.5
    assert lightness(on_dark) > lightness("#1F3B73")


def test_against_several_backgrounds_the_colour_reads_on_all() -> None:
    grounds = ["#FFFFFF", "#D0D8E0"]
    fixed = readable("#8899AA", grounds, 4.5)
    assert min(contrast(fixed, g) for g in grounds) >= 4.5


def test_when_no_lightness_reaches_the_target_the_better_of_black_and_white_comes_back() -> None:
    assert readable("#777777", "#777777", 7.0) in (BLACK, WHITE)


def test_the_first_candidate_that_reads_as_it_is_wins() -> None:
    assert first_readable(["#EEEEEE", "#203040", BLACK], WHITE, 4.5) == "#203040"


def test_a_backdrop_counts_every_colour_with_a_real_share_of_the_box() -> None:
    split = Backdrop("#FFFFFF", "test", (("#FFFFFF", 0.6), ("#102030", 0.35), ("#FF0000", 0.05)))
    assert split.colours() == ["#FFFFFF", "#102030"]
    # Black text reads on the white part but not the dark band; the lower ratio counts.
    assert split.contrast(BLACK) == pytest.approx(contrast(BLACK, "#102030"))


def test_an_ink_keeps_the_template_colour_where_it_reads() -> None:
    paper = Backdrop.flat(WHITE, "master background")
    ink = choose_ink("#203040", paper, 20)
    assert (ink.colour, ink.written, ink.target) == ("#203040", False, 3.0)
    assert ink.reads_on(paper)


def test_an_ink_falls_back_to_the_theme_text_colours_then_to_lightness() -> None:
    night = Backdrop.flat("#101820", "layout background")
    ink = choose_ink("#202020", night, 12, fallbacks=[("bg1", "#F0F0F0")])
    assert (ink.colour, ink.written, ink.theme) == ("#F0F0F0", True, "bg1")
    adjusted = choose_ink("#202020", night, 12, fallbacks=[("tx1", "#303030")])
    assert adjusted.written and adjusted.reads_on(night)


def test_a_preferred_emphasis_colour_is_written_only_where_it_reads() -> None:
    paper = Backdrop.flat(WHITE, "master background")
    navy = choose_ink(BLACK, paper, 24, preferred=[("tx2", "#1F3B73")])
    assert (navy.colour, navy.theme, navy.written) == ("#1F3B73", "tx2", True)
    night = Backdrop.flat("#1C2430", "master background")
    on_night = choose_ink(WHITE, night, 24, preferred=[("tx2", "#1F3B73")], fallbacks=[("", WHITE)])
    assert on_night.colour == WHITE and on_night.reads_on(night)
