"""Measuring and fitting text with real font metrics, since PowerPoint will not autofit it."""

from __future__ import annotations

import itertools

import pytest

from briefing.deck.textfit import (
    DEFAULT_INSET_X,
    DEFAULT_INSET_Y,
    EMU_PER_PT,
    FontMetrics,
    Run,
    fit,
    measure,
    metrics,
    wrap,
)

FAMILY = "DejaVu Sans"  # ships with matplotlib, so it is there wherever the tests run
SIZE = 18.0
WIDTH_PT = 200.0

LONG_TEXT = (
    "Allies pledged at The Hague to spend five per cent of their economic output on defence "
    "and related investment, and most of them have begun to raise their budgets accordingly."
)


@pytest.fixture
def font() -> FontMetrics:
    return metrics(FAMILY)


def width_of(font: FontMetrics, line: str, size: float = SIZE) -> float:
    return font.width(line) * size


# -- wrapping -----------------------------------------------------------------------------------


def test_long_text_wraps_into_several_lines_each_within_the_width(font: FontMetrics) -> None:
    lines = wrap(LONG_TEXT, font, SIZE, WIDTH_PT)

    assert len(lines) >= 4
    for line in lines:
        assert width_of(font, line) <= WIDTH_PT, line
    assert " ".join(lines) == LONG_TEXT, "no word may be lost or changed"


def test_lines_are_filled_greedily(font: FontMetrics) -> None:
    lines = wrap(LONG_TEXT, font, SIZE, WIDTH_PT)

    for line, following in itertools.pairwise(lines):
        next_word = following.split(" ")[0]
        assert width_of(font, f"{line} {next_word}") > WIDTH_PT, (
            f"{next_word!r} would have fitted on {line!r}"
        )


def test_short_text_stays_on_one_line(font: FontMetrics) -> None:
    assert wrap("Unity holds", font, SIZE, WIDTH_PT) == ["Unity holds"]


def test_a_hard_line_break_starts_a_new_line(font: FontMetrics) -> None:
    assert wrap("First\nSecond", font, SIZE, WIDTH_PT) == ["First", "Second"]


def test_a_word_wider_than_the_line_is_split_across_lines(font: FontMetrics) -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapit\u00e4nsm\u00fctze" * 2

    lines = wrap(word, font, SIZE, WIDTH_PT)

    assert len(lines) >= 3
    for line in lines:
        assert width_of(font, line) <= WIDTH_PT, line
    assert "".join(lines) == word


def test_cjk_text_wraps_without_spaces(font: FontMetrics) -> None:
    text = (
        "\u5317\u5927\u897f\u6d0b\u6761\u7d04\u6a5f\u69cb\u306e\u52a0\u76df\u56fd\u306f"
        "\u56fd\u9632\u8cbb\u3092\u56fd\u5185\u7dcf\u751f\u7523\u306e\u4e94\u30d1\u30fc"
        "\u30bb\u30f3\u30c8\u306b\u5f15\u304d\u4e0a\u3052\u308b\u3053\u3068\u3067\u5408"
        "\u610f\u3057\u305f"
    )
    assert " " not in text

    lines = wrap(text, font, SIZE, WIDTH_PT)

    assert len(lines) >= 3
    for line in lines:
        assert width_of(font, line) <= WIDTH_PT, line
    assert "".join(lines) == text


def test_text_measures_taller_at_a_larger_size() -> None:
    runs = [Run(LONG_TEXT, SIZE)]
    width_emu = int(WIDTH_PT * EMU_PER_PT)

    small_height, small_lines = measure(runs, FAMILY, width_emu, scale=0.6)
    full_height, full_lines = measure(runs, FAMILY, width_emu, scale=1.0)

    assert full_height > small_height
    assert full_lines >= small_lines


# -- fitting ------------------------------------------------------------------------------------


def box_for(runs: list[Run], width_emu: int, scale: float) -> int:
    """The box height (EMU, insets included) that the runs just fill at ``scale``."""
    height, _ = measure(runs, FAMILY, width_emu - 2 * DEFAULT_INSET_X, scale)
    return height + 2 * DEFAULT_INSET_Y


def test_text_that_fits_keeps_its_size() -> None:
    runs = [Run("Unity holds", SIZE)]
    width_emu = int(WIDTH_PT * EMU_PER_PT)

    result = fit(runs, FAMILY, width_emu, box_for(runs, width_emu, 1.0) + EMU_PER_PT)

    assert result.fits is True
    assert result.scale == 1.0
    assert result.lines == 1


def test_long_text_is_shrunk_until_it_fits() -> None:
    runs = [Run(LONG_TEXT, SIZE), Run(LONG_TEXT, SIZE, space_before_pt=6)]
    width_emu = int(WIDTH_PT * EMU_PER_PT)
    height_emu = box_for(runs, width_emu, 0.8)
    assert box_for(runs, width_emu, 1.0) > height_emu, "the box must be too small at full size"

    result = fit(runs, FAMILY, width_emu, height_emu)

    assert result.fits is True
    assert 0.6 <= result.scale < 1.0
    assert result.height_emu <= height_emu - 2 * DEFAULT_INSET_Y
    bigger = round(result.scale + 0.05, 2)
    assert box_for(runs, width_emu, bigger) > height_emu, "the largest scale that fits is chosen"


def test_text_too_long_even_at_the_minimum_scale_is_reported_as_not_fitting() -> None:
    runs = [Run(LONG_TEXT * 4, SIZE)]
    width_emu = int(WIDTH_PT * EMU_PER_PT)
    height_emu = int(3 * SIZE * EMU_PER_PT)

    result = fit(runs, FAMILY, width_emu, height_emu, min_scale=0.6)

    assert result.fits is False
    assert result.scale == pytest.approx(0.6)
    assert result.height_emu > height_emu - 2 * DEFAULT_INSET_Y
    assert result.lines > 3
