"""Choose a layout for each slide role by what the layouts hold, never by their names.

Real templates name layouts in many languages, duplicate them across masters, prefix them "1_",
or name them wrongly. So each layout is described by its placeholders (type, count, position and
size relative to the slide) and scored for each role. A manifest may name the layout per role.
The result is plain data, read by the plan, the writer, the template check and the preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from briefing.deck.box import Box as Box  # re-exported: the layouts' geometry

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from briefing.deck.look import LayoutLook

Role = Literal["title", "section", "bullets", "chart", "bullets_chart", "two_columns", "closing"]
ROLES: tuple[Role, ...] = (
    "title",
    "section",
    "bullets",
    "chart",
    "bullets_chart",
    "two_columns",
    "closing",
)

# Placeholder kinds, from the OOXML ST_PlaceholderType values.
TITLE_KINDS = {"title", "ctrTitle"}
TEXT_KINDS = {"body", "obj"}  # can take bullets
CHART_KINDS = {"obj", "chart"}  # can take a chart (obj can take anything)
FOOTER_KINDS = {"dt", "ftr", "sldNum", "hdr"}


@dataclass(frozen=True)
class PlaceholderInfo:
    idx: int
    kind: str  # "title", "ctrTitle", "subTitle", "body", "obj", "chart", "pic", "tbl", "dt"...
    name: str
    box: Box
    vertical: bool = False


@dataclass(frozen=True)
class LayoutInfo:
    master: int
    index: int  # position among its master's layouts
    name: str
    placeholders: tuple[PlaceholderInfo, ...]

    @property
    def key(self) -> tuple[int, int]:
        return (self.master, self.index)

    @property
    def label(self) -> str:
        return f"{self.name!r} (master {self.master + 1}, layout {self.index + 1})"

    def title(self) -> PlaceholderInfo | None:
        found = [p for p in self.placeholders if p.kind in TITLE_KINDS]
        return found[0] if found else None

    def subtitle(self) -> PlaceholderInfo | None:
        found = [p for p in self.placeholders if p.kind == "subTitle"]
        return found[0] if found else None

    def content(self) -> list[PlaceholderInfo]:
        """Placeholders that take body text or charts, largest first, left to right on ties."""
        found = [
            p for p in self.placeholders if p.kind in TEXT_KINDS | CHART_KINDS and not p.vertical
        ]
        return sorted(found, key=lambda p: (p.box.left, p.box.top))

    def others(self) -> list[PlaceholderInfo]:
        """Placeholders other than title, subtitle, content and footers (pictures, tables...)."""
        return [
            p
            for p in self.placeholders
            if p.kind not in TITLE_KINDS | TEXT_KINDS | CHART_KINDS | FOOTER_KINDS | {"subTitle"}
            or p.vertical
        ]


@dataclass(frozen=True)
class RoleChoice:
    role: Role
    layout: LayoutInfo
    score: float
    fallback: str = ""  # why the layout lacks what the role needs, when it does
    from_manifest: bool = False


@dataclass
class TemplateMap:
    """What a template offers: its size, its layouts, each role's layout and the content area."""

    width: int
    height: int
    layouts: list[LayoutInfo]
    roles: dict[Role, RoleChoice] = field(default_factory=dict)
    title_area: Box = field(default_factory=lambda: Box(0, 0, 0, 0))
    body_area: Box = field(default_factory=lambda: Box(0, 0, 0, 0))
    masters: int = 1
    warnings: list[str] = field(default_factory=list)
    looks: dict[tuple[int, int], LayoutLook] = field(default_factory=dict)  # by layout key

    def layout(self, key: tuple[int, int]) -> LayoutInfo:
        return next(lay for lay in self.layouts if lay.key == key)


# -- reading ----------------------------------------------------------------------------------


def _ph_kind(ph_element: object) -> tuple[str, int, bool]:
    ph = ph_element.find(  # type: ignore[attr-defined]
        ".//{http://schemas.openxmlformats.org/presentationml/2006/main}ph"
    )
    if ph is None:
        return ("", -1, False)
    kind = ph.get("type", "obj")
    idx = int(ph.get("idx", "0"))
    return (kind, idx, False)


def _box_of(shape: object) -> Box | None:
    try:
        left, top = shape.left, shape.top  # type: ignore[attr-defined]
        width, height = shape.width, shape.height  # type: ignore[attr-defined]
    except (AttributeError, KeyError, ValueError):
        return None
    if None in (left, top, width, height):
        return None
    return Box(int(left), int(top), int(width), int(height))


def describe_layouts(prs: Presentation) -> list[LayoutInfo]:
    infos: list[LayoutInfo] = []
    masters: Any = prs.slide_masters
    for m_index, master in enumerate(masters):
        master_boxes: dict[str, Box] = {}
        for shape in master.placeholders:
            kind, _idx, _ = _ph_kind(shape._element)
            box = _box_of(shape)
            if box is not None:
                master_boxes.setdefault("title" if kind in TITLE_KINDS else kind, box)
        for l_index, layout in enumerate(master.slide_layouts):
            phs: list[PlaceholderInfo] = []
            for shape in layout.placeholders:
                kind, idx, _ = _ph_kind(shape._element)
                box = _box_of(shape)
                if box is None:
                    fallback_key = (
                        "title"
                        if kind in TITLE_KINDS
                        else ("body" if kind in TEXT_KINDS | CHART_KINDS | {"subTitle"} else kind)
                    )
                    box = master_boxes.get(fallback_key)
                if box is None:
                    continue
                body_pr = shape._element.find(
                    ".//{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr"
                )
                vertical = body_pr is not None and body_pr.get("vert", "horz") not in ("horz", "")
                phs.append(PlaceholderInfo(idx, kind, shape.name, box, vertical))
            infos.append(LayoutInfo(m_index, l_index, layout.name, tuple(phs)))
    return infos


def _master_areas(prs: Presentation) -> tuple[Box, Box]:
    """The master's title and body areas, or sensible margins when it lacks them."""
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    margin_x, margin_y = width // 16, height // 14
    title = Box(margin_x, margin_y, width - 2 * margin_x, height // 6)
    body = Box(
        margin_x,
        title.bottom + height // 30,
        width - 2 * margin_x,
        height - title.bottom - height // 30 - height // 9,
    )
    master: Any = prs.slide_masters[0]
    for shape in master.placeholders:
        kind, _idx, _ = _ph_kind(shape._element)
        box = _box_of(shape)
        if box is None or not box.inside(width, height, slack=width // 50) or box.area == 0:
            continue
        if kind in TITLE_KINDS:
            title = box
        elif kind in TEXT_KINDS:
            body = box
    return title, body


# -- scoring ----------------------------------------------------------------------------------


def _frac(box: Box, width: int, height: int) -> float:
    return box.area / float(max(width * height, 1))


def _side_by_side(a: PlaceholderInfo, b: PlaceholderInfo) -> bool:
    overlap = min(a.box.bottom, b.box.bottom) - max(a.box.top, b.box.top)
    return overlap > 0.5 * min(a.box.height, b.box.height) and (
        a.box.right <= b.box.left + a.box.width * 0.1
    )


def score_layout(layout: LayoutInfo, role: Role, width: int, height: int) -> float:
    """How well a layout serves a role: 0 means unusable, higher is better."""
    title = layout.title()
    subtitle = layout.subtitle()
    content = [p for p in layout.content() if p.box.inside(width, height, slack=width // 50)]
    big = [p for p in content if _frac(p.box, width, height) > 0.18]
    others = layout.others()
    penalty = 0.5 * len(others)
    if title is None or not title.box.inside(width, height, slack=width // 50):
        return 0.0
    title_mid = (title.box.top + title.box.height / 2) / height
    score = 0.0
    if role in ("title", "closing"):
        if title.kind == "ctrTitle":
            score += 6
        if subtitle is not None:
            score += 3
        if title_mid > 0.25:
            score += 2
        score -= len(big) * 2 + penalty
        if role == "closing" and title.kind != "ctrTitle" and not big and title_mid > 0.3:
            score += 2
        return max(score, 0.0)
    if role == "section":
        if title.kind == "ctrTitle" or len(content) > 1 or others:
            return 0.0
        if content and _frac(content[0].box, width, height) > 0.3:
            return 0.0
        score += 3 if title_mid > 0.3 else 1
        score += 2 if content else 0
        score += 1 if subtitle is None else 0
        return score
    if title_mid > 0.35 or title.kind == "ctrTitle" or subtitle is not None:
        return 0.0  # content slides need a title near the top and no subtitle
    text_big = [p for p in big if p.kind in TEXT_KINDS]
    if role == "bullets":
        if len(text_big) != 1 or len(big) != 1:
            return 0.0
        return 5 + 4 * _frac(text_big[0].box, width, height) - penalty
    if role == "chart":
        if len(big) == 1 and len(content) == 1:
            bonus = 1.0 if big[0].kind in CHART_KINDS else 0.0
            return 4 + bonus + 4 * _frac(big[0].box, width, height) - penalty
        if not content:
            return 3.0 - penalty  # a title-only layout: the chart takes the area below
        return 0.0
    pairs = [
        (a, b)
        for a in big
        for b in big
        if a is not b and _side_by_side(a, b) and a.kind in TEXT_KINDS
    ]
    if len(big) != 2 or not pairs:
        return 0.0
    left, right = pairs[0]
    penalty += 0.5 * (len(content) - len(big))  # small extra boxes would stay empty
    ratio = min(left.box.width, right.box.width) / max(left.box.width, right.box.width)
    if role == "two_columns":
        return 4 + 3 * ratio + (1 if right.kind in TEXT_KINDS else 0) - penalty
    # bullets_chart: text left, something that takes a chart on the right
    if right.kind not in CHART_KINDS:
        return 0.0
    return 4 + (1 - abs(ratio - 0.8)) + (1 if right.kind == "chart" else 0) - penalty


_FALLBACK_ORDER: dict[Role, tuple[Role, ...]] = {
    "title": ("section", "closing", "bullets", "chart"),
    "section": ("title", "closing", "chart", "bullets"),
    "bullets": ("two_columns", "bullets_chart", "chart"),
    "chart": ("bullets", "bullets_chart"),
    "bullets_chart": ("two_columns", "bullets", "chart"),
    "two_columns": ("bullets_chart", "bullets", "chart"),
    "closing": ("title", "section", "bullets"),
}


def map_roles(prs: Presentation, manifest_roles: dict[str, str] | None = None) -> TemplateMap:
    """Describe the template and choose a layout for every role (with fallbacks)."""
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    layouts = describe_layouts(prs)
    title_area, body_area = _master_areas(prs)
    tmap = TemplateMap(
        width,
        height,
        layouts,
        title_area=title_area,
        body_area=body_area,
        masters=len(prs.slide_masters),
    )
    from briefing.deck.look import read_looks

    tmap.looks = read_looks(prs)
    manifest_roles = manifest_roles or {}
    for role in ROLES:
        wanted = manifest_roles.get(role)
        if wanted:
            named = [lay for lay in layouts if lay.name == wanted]
            if named:
                tmap.roles[role] = RoleChoice(role, named[0], 10.0, from_manifest=True)
                continue
            tmap.warnings.append(
                f"The manifest maps {role} to the layout {wanted!r}, which the template lacks; "
                "chose one automatically."
            )
        scored = sorted(
            (
                (score_layout(lay, role, width, height), -lay.master, -lay.index, lay)
                for lay in layouts
            ),
            key=lambda t: t[:3],
            reverse=True,
        )
        best_score, _, _, best = scored[0]
        if best_score > 0:
            tmap.roles[role] = RoleChoice(role, best, best_score)
    for role in ROLES:
        if role in tmap.roles:
            continue
        for other in _FALLBACK_ORDER[role]:
            if other in tmap.roles:
                chosen = tmap.roles[other].layout
                tmap.roles[role] = RoleChoice(
                    role,
                    chosen,
                    0.0,
                    fallback=f"no layout fits {role.replace('_', ' ')}; using "
                    f"{chosen.name!r}, with content placed in the master's areas where it "
                    "lacks placeholders",
                )
                break
        else:
            chosen = _least_busy(layouts)
            tmap.roles[role] = RoleChoice(
                role,
                chosen,
                0.0,
                fallback=f"no layout has a usable title; using {chosen.name!r} and placing the "
                "title and content in the master's areas",
            )
    return tmap


def _least_busy(layouts: list[LayoutInfo]) -> LayoutInfo:
    return min(
        layouts, key=lambda lay: (len(lay.others()) + len(lay.content()), lay.master, lay.index)
    )
