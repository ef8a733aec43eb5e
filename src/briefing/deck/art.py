"""The template's art on a slide and the free space it leaves, as plain data and pure geometry.

A layout shows more than its placeholders: its master's pictures, logos, colour bands and fixed
text (unless the layout hides them), and its own. Each is an :class:`ArtRegion`: where it is,
what kind of thing it is, what it looks like (:class:`Paint`: a flat colour, or a grid of mean
colours for a picture or gradient) and whether the app must keep clear of it (:attr:`blocks`).
The template's own footer placeholders are regions too (``kind="footer"``, with their ``slot``):
the app's date, footer and slide number stand in them, and nothing else may.

:func:`clear_of` shrinks a box off the regions it must avoid; :func:`place_small` moves a small
box (a footer, a banner) to the nearest free spot. Reading the regions out of a template is
:mod:`briefing.deck.look`'s job; this module knows no python-pptx.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from briefing.colour import mean
from briefing.deck.box import Box

ArtKind = Literal["picture", "logo", "shape", "line", "text", "graphic", "footer"]
Origin = Literal["master", "layout"]

LOGO_SHARE = 0.06  # a picture under this share of the slide is a logo or emblem, not a backdrop
SMALL_SHAPE_SHARE = 0.02  # a filled shape under this share is a mark to keep clear of


@dataclass(frozen=True)
class Paint:
    """What a fill shows: its mean ``colour`` and, for pictures and gradients, ``grid``, rows
    (top to bottom) of the mean colours of its cells (left to right). ``exact`` is False for a
    mean (a picture, a gradient)."""

    colour: str
    grid: tuple[tuple[str, ...], ...] = ()
    exact: bool = True

    def at(self, fx: float, fy: float) -> str:
        """The colour at a point given as fractions (0-1) across and down the painted box."""
        if not self.grid:
            return self.colour
        rows = len(self.grid)
        row = self.grid[min(rows - 1, max(0, int(fy * rows)))]
        return row[min(len(row) - 1, max(0, int(fx * len(row))))]


@dataclass(frozen=True)
class ArtRegion:
    """One visible thing the template puts on every slide of a layout.

    ``kind``: ``picture`` (a photo or large image), ``logo`` (a small picture), ``shape`` (a
    filled shape: a band, a block, a mark), ``line`` (a rule or connector), ``text`` (fixed
    text that is art: a label, a copyright), ``graphic`` (a chart, table or diagram frame on
    the layout), ``footer`` (the template's own date, footer or slide-number placeholder, named
    by ``slot``: ``dt``, ``ftr``, ``sldNum``). ``paint`` is None where the region shows no fill
    (bare text, an outline)."""

    kind: ArtKind
    box: Box
    name: str
    origin: Origin
    paint: Paint | None = None
    slot: str = ""
    text: str = ""
    blocks: bool = True  # whether the app keeps every shape it adds clear of this region


def intersection(a: Box, b: Box) -> Box | None:
    left, top = max(a.left, b.left), max(a.top, b.top)
    right, bottom = min(a.right, b.right), min(a.bottom, b.bottom)
    if right <= left or bottom <= top:
        return None
    return Box(left, top, right - left, bottom - top)


def overlaps(a: Box, b: Box) -> bool:
    return intersection(a, b) is not None


def covered_share(box: Box, others: Iterable[Box]) -> float:
    """About how much of ``box`` the ``others`` cover (sampled on a grid, overlaps counted
    once)."""
    others = [o for o in others if overlaps(box, o)]
    if not others or box.area == 0:
        return 0.0
    n = 16
    hits = 0
    for i in range(n):
        x = box.left + (i + 0.5) * box.width / n
        for j in range(n):
            y = box.top + (j + 0.5) * box.height / n
            if any(o.left <= x < o.right and o.top <= y < o.bottom for o in others):
                hits += 1
    return hits / (n * n)


def clear_of(box: Box, obstacles: Sequence[Box], min_share: float = 0.0) -> Box:
    """The largest part of ``box`` (cut from its sides) that overlaps none of ``obstacles``.

    Each overlapping obstacle is cut away by moving the one side of the box that keeps most of
    its area; obstacles are taken largest overlap first. When the result would keep less than
    ``min_share`` of the box, the box comes back as it was (the caller decides what to do)."""
    current = box
    for _ in range(len(obstacles) * 2 + 1):
        hits = [
            (inter.area, o)
            for o in obstacles
            if (inter := intersection(current, o)) is not None and inter.area > 0
        ]
        if not hits:
            break
        _, o = max(hits, key=lambda h: h[0])
        cuts = [
            Box(o.right, current.top, current.right - o.right, current.height),  # keep right
            Box(current.left, current.top, o.left - current.left, current.height),  # keep left
            Box(current.left, o.bottom, current.width, current.bottom - o.bottom),  # keep below
            Box(current.left, current.top, current.width, o.top - current.top),  # keep above
        ]
        cuts = [c for c in cuts if c.width > 0 and c.height > 0]
        if not cuts:
            return box if min_share > 0 else Box(box.left, box.top, 0, 0)
        current = max(cuts, key=lambda c: c.area)
    if box.area and current.area / box.area < min_share:
        return box
    return current


def place_small(
    box: Box, obstacles: Sequence[Box], bounds: Box, *, step: int = 0, prefer: str = "x"
) -> Box:
    """``box`` where it is when it is clear of every obstacle, else the nearest position inside
    ``bounds`` that is: along its row first (``prefer="x"``) or up and down first. When nothing
    is free, the position of least overlap."""

    def cost(candidate: Box) -> int:
        return sum(i.area for o in obstacles if (i := intersection(candidate, o)) is not None)

    if cost(box) == 0:
        return box
    step = step or max(bounds.width // 200, 1)
    best = (cost(box), 0, box)
    max_dx = bounds.width
    max_dy = bounds.height
    horizontal = [(d, 0) for n in range(1, max_dx // step + 1) for d in (-n * step, n * step)]
    vertical = [(0, d) for n in range(1, max_dy // step + 1) for d in (-n * step, n * step)]
    order = horizontal + vertical if prefer == "x" else vertical + horizontal
    for dx, dy in order:
        candidate = Box(box.left + dx, box.top + dy, box.width, box.height)
        if not (
            candidate.left >= bounds.left
            and candidate.top >= bounds.top
            and candidate.right <= bounds.right
            and candidate.bottom <= bounds.bottom
        ):
            continue
        c = cost(candidate)
        distance = abs(dx) + abs(dy)
        if c == 0:
            return candidate
        if (c, distance) < best[:2]:
            best = (c, distance, candidate)
    return best[2]


def paint_at(region: ArtRegion, x: float, y: float) -> str | None:
    """The colour a region shows at slide point (x, y) in EMU, None outside it or unfilled."""
    if region.paint is None:
        return None
    b = region.box
    if not (b.left <= x < b.right and b.top <= y < b.bottom) or b.width <= 0 or b.height <= 0:
        return None
    return region.paint.at((x - b.left) / b.width, (y - b.top) / b.height)


def colours_under(
    box: Box, background: Paint, slide: Box, art: Sequence[ArtRegion], samples: int = 12
) -> list[tuple[str, float]]:
    """The colours beneath ``box``, each with its share of the box: the topmost filled art
    region at each sample point, else the slide background (``slide`` is the slide's own box,
    which the background paints). Later regions in ``art`` are on top."""
    painted = [r for r in art if r.paint is not None and overlaps(r.box, box)]
    counts: dict[str, int] = {}
    total = 0
    for i in range(samples):
        x = box.left + (i + 0.5) * box.width / samples
        for j in range(samples):
            y = box.top + (j + 0.5) * box.height / samples
            colour = None
            for region in reversed(painted):
                colour = paint_at(region, x, y)
                if colour is not None:
                    break
            if colour is None:
                fx = (x - slide.left) / slide.width if slide.width else 0.5
                fy = (y - slide.top) / slide.height if slide.height else 0.5
                colour = background.at(fx, fy)
            counts[colour] = counts.get(colour, 0) + 1
            total += 1
    return [(colour, n / total) for colour, n in sorted(counts.items(), key=lambda kv: -kv[1])]


def grouped(parts: list[tuple[str, float]], tolerance: float = 1.15) -> list[tuple[str, float]]:
    """Near-identical colours merged (contrast between them under ``tolerance``), each group
    as its weighted mean, largest share first."""
    from briefing.colour import contrast

    groups: list[list[tuple[str, float]]] = []
    for colour, share in parts:
        for group in groups:
            if contrast(group[0][0], colour) < tolerance:
                group.append((colour, share))
                break
        else:
            groups.append([(colour, share)])
    merged = [(mean(g), sum(s for _, s in g)) for g in groups]
    return sorted(merged, key=lambda kv: -kv[1])
