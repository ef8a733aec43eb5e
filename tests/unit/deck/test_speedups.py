"""The shortcuts around python-pptx's whole-package walks change nothing but the time taken."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing.charts.presets import preset_specs
from briefing.deck import build as build_module
from briefing.deck.build import build
from briefing.library import default_briefing
from briefing.model import Briefing, ChartItem, TextItem

DATE = dt.date(2025, 10, 1)


def plain_python_pptx(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build as python-pptx alone would: no shortcut installed, XPath compiled per call."""
    from lxml import etree
    from pptx.oxml.ns import _nsmap
    from pptx.oxml.xmlchemy import BaseOxmlElement

    def xpath(self: Any, xpath_str: str) -> Any:
        return etree.ElementBase.xpath(self, xpath_str, namespaces=_nsmap)

    monkeypatch.setattr(build_module, "speed_up", lambda prs: None)
    monkeypatch.setattr(BaseOxmlElement, "xpath", xpath)


def picture_briefing() -> Briefing:
    """Three picture charts, two of them the same picture (one image part, shared)."""
    specs = preset_specs()
    ranked = dataclasses.replace(specs["spending-2025-ranked"], renderer="image")
    trend = dataclasses.replace(specs["trend-2014-2025"], renderer="image")
    items: list[Any] = [
        ChartItem("Who spends most", ranked, message="Poland leads."),
        TextItem("Between", ["A slide between the charts."], notes="Say this."),
        ChartItem("The trend", trend),
        ChartItem("Who spends most, again", dataclasses.replace(ranked), message="Poland leads."),
    ]
    return Briefing(title="Pictures", date=DATE, items=items)


BRIEFINGS: dict[str, Callable[[], Briefing]] = {
    "default": lambda: default_briefing(date=DATE, author="Test Author"),
    "pictures": picture_briefing,
}


@pytest.mark.parametrize("name", sorted(BRIEFINGS))
def it_writes_the_same_bytes_as_python_pptx_alone(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, plain = tmp_path / "fast.pptx", tmp_path / "plain.pptx"
    build(BRIEFINGS[name](), "navy", fast)
    with monkeypatch.context() as patch:
        plain_python_pptx(patch)
        build(BRIEFINGS[name](), "navy", plain)
    assert fast.read_bytes() == plain.read_bytes()


def it_keeps_the_template_slides_and_their_notes_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus_dir: Path
) -> None:
    template = corpus_dir / "templates" / "md2pptx_Martin_Template.pptx"
    fast, plain = tmp_path / "fast.pptx", tmp_path / "plain.pptx"
    briefing = default_briefing(date=DATE)
    build(briefing, template, fast, keep_template_slides=True)
    with monkeypatch.context() as patch:
        plain_python_pptx(patch)
        build(briefing, template, plain, keep_template_slides=True)
    assert fast.read_bytes() == plain.read_bytes()


def it_shares_one_image_part_between_identical_pictures(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out = tmp_path / "pictures.pptx"
    build(picture_briefing(), "navy", out)
    pictures = [
        shape
        for slide in Presentation(str(out)).slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert len(pictures) == 3
    names = [p._element.blipFill.blip.rEmbed for p in pictures]
    parts = {p.part.related_part(r).partname for p, r in zip(pictures, names, strict=True)}
    assert len(parts) == 2


def text_briefing(slides: int) -> Briefing:
    items: list[Any] = [
        TextItem(f"Point {n}", [f"The {n}th thing to say."], notes=f"Notes for point {n}.")
        for n in range(slides)
    ]
    return Briefing(title="Many slides", date=DATE, items=items)


def it_walks_the_package_as_often_for_forty_slides_as_for_ten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-pptx walks every relationship of the package for each notes slide it adds
    (quadratic in the slides); with the shortcuts the walks do not grow with the deck."""
    from pptx.opc.package import OpcPackage

    walks: list[int] = []
    real = OpcPackage.iter_parts

    def counted(self: Any) -> Any:
        walks.append(1)
        return real(self)

    monkeypatch.setattr(OpcPackage, "iter_parts", counted)
    counts = []
    for slides in (10, 40):
        walks.clear()
        build(text_briefing(slides), "navy", tmp_path / f"{slides}.pptx")
        counts.append(len(walks))
    assert counts[0] == counts[1]
    assert counts[0] <= 5


def it_copies_notes_slides_with_their_own_text(tmp_path: Path) -> None:
    from pptx import Presentation

    out = tmp_path / "notes.pptx"
    build(text_briefing(3), "navy", out)
    notes = [
        slide.notes_slide.notes_text_frame.text
        for slide in Presentation(str(out)).slides
        if slide.has_notes_slide
    ]
    assert [n for n in notes if n.startswith("Notes for point")] == [
        f"Notes for point {n}." for n in range(3)
    ]
