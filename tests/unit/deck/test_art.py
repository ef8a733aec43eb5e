"""Free-space geometry: boxes cut clear of the template's art, small boxes moved off it, and
the colours beneath a box."""

from __future__ import annotations

from briefing.deck.art import (
    ArtRegion,
    Paint,
    clear_of,
    colours_under,
    covered_share,
    grouped,
    intersection,
    place_small,
)
from briefing.deck.box import Box

SLIDE = Box(0, 0, 1000, 600)


def test_a_box_keeps_the_larger_side_of_an_obstacle_in_its_corner() -> None:
    content = Box(100, 100, 800, 400)
    logo = Box(800, 420, 150, 150)  # overlaps the bottom-right corner
    cut = clear_of(content, [logo])
    assert intersection(cut, logo) is None
    # Cutting the right side off (700 x 400) keeps more than cutting the bottom (800 x 320).
    assert cut == Box(100, 100, 700, 400)


def test_a_box_clear_of_several_obstacles_overlaps_none_of_them() -> None:
    content = Box(50, 50, 900, 500)
    obstacles = [Box(0, 0, 1000, 80), Box(880, 0, 120, 600), Box(40, 520, 200, 80)]
    cut = clear_of(content, obstacles)
    assert all(intersection(cut, o) is None for o in obstacles)
    assert cut.area > content.area * 0.6


def test_a_box_that_would_lose_too_much_comes_back_unchanged() -> None:
    content = Box(100, 100, 200, 200)
    assert clear_of(content, [Box(90, 90, 200, 200)], min_share=0.5) == content


def test_a_small_box_moves_along_its_row_to_the_nearest_free_spot() -> None:
    number = Box(850, 540, 100, 40)
    logo = Box(880, 500, 120, 100)
    moved = place_small(number, [logo], Box(0, 450, 1000, 150), step=5)
    assert intersection(moved, logo) is None
    assert moved.top == number.top  # along its row
    assert moved.right <= logo.left and logo.left - moved.right < 10  # and no further


def test_a_small_box_already_clear_stays_where_it_is() -> None:
    footer = Box(50, 540, 300, 40)
    assert place_small(footer, [Box(880, 500, 120, 100)], SLIDE) == footer


def test_the_colours_under_a_box_give_each_fill_its_share() -> None:
    band = ArtRegion("shape", Box(0, 0, 1000, 300), "Band", "master", Paint("#102030"))
    straddling = Box(0, 150, 1000, 300)  # half on the band, half on the paper
    parts = dict(colours_under(straddling, Paint("#FFFFFF"), SLIDE, [band]))
    assert parts == {"#102030": 0.5, "#FFFFFF": 0.5}


def test_a_picture_shows_the_colour_of_the_part_of_it_beneath_the_box() -> None:
    sky = Paint("#888888", (("#FFFFFF", "#FFFFFF"), ("#000000", "#000000")), exact=False)
    picture = ArtRegion("picture", SLIDE, "Photo", "master", sky, blocks=False)
    top = dict(colours_under(Box(0, 0, 1000, 300), Paint("#FF0000"), SLIDE, [picture]))
    bottom = dict(colours_under(Box(0, 300, 1000, 300), Paint("#FF0000"), SLIDE, [picture]))
    assert top == {"#FFFFFF": 1.0} and bottom == {"#000000": 1.0}


def test_near_identical_colours_merge_into_one_part() -> None:
    merged = grouped([("#FFFFFF", 0.5), ("#FEFEFE", 0.3), ("#000000", 0.2)])
    assert len(merged) == 2 and merged[0][1] == 0.8


def test_covered_share_counts_overlapping_obstacles_once() -> None:
    box = Box(0, 0, 100, 100)
    assert covered_share(box, [Box(0, 0, 50, 100), Box(0, 0, 50, 100)]) == 0.5
