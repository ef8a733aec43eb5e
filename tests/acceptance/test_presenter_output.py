"""What makes a deck presentable beyond its content: markings, footers, numbers, properties,
and the same bytes from the same input."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from briefing.deck.build import build
from briefing.library import default_briefing
from briefing.model import Briefing

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@pytest.fixture
def briefing() -> Briefing:
    return default_briefing(date=dt.date(2025, 10, 1), author="Desk Officer")


def _ph_type(shape: object) -> str | None:
    ph = shape._element.find(f".//{P}ph")  # type: ignore[attr-defined]
    return None if ph is None else str(ph.get("type", "obj"))


def _banners(slide: object) -> list[str]:
    return [
        s.text_frame.text
        for s in slide.shapes  # type: ignore[attr-defined]
        if s.name.startswith("Marking")
    ]


class DescribeMarkings:
    def it_puts_the_marking_at_the_top_and_bottom_of_every_slide(
        self, briefing: Briefing, tmp_path: Path
    ) -> None:
        out = tmp_path / "deck.pptx"
        build(briefing, "navy", out)
        prs = Presentation(str(out))
        height = prs.slide_height
        for slide in prs.slides:
            banners = [s for s in slide.shapes if s.name.startswith("Marking")]
            assert [b.text_frame.text for b in banners] == ["UNCLASSIFIED", "UNCLASSIFIED"]
            top, bottom = sorted(banners, key=lambda b: b.top)
            assert top.top < height * 0.05
            assert bottom.top + bottom.height > height * 0.95
            assert str(top.fill.fore_color.rgb) == "007A33"

    def it_rolls_item_markings_up_to_the_highest(self, briefing: Briefing, tmp_path: Path) -> None:
        briefing.items[3].marking = "NATO RESTRICTED"
        briefing.items[5].marking = "NATO SECRET"
        out = tmp_path / "deck.pptx"
        result = build(briefing, "paper", out)
        prs = Presentation(str(out))
        assert all(_banners(s) == ["NATO SECRET"] * 2 for s in prs.slides)
        assert prs.core_properties.category == "NATO SECRET"
        custom = zipfile.ZipFile(out).read("docProps/custom.xml").decode()
        assert 'name="Marking"' in custom and "NATO SECRET" in custom
        assert any("NATO SECRET" in w for w in result.warnings)

    def it_can_put_the_marking_in_the_file_name(self, tmp_path: Path) -> None:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "briefing",
                "demo",
                "-o",
                str(tmp_path / "nato.pptx"),
                "--marking-in-name",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "nato [UNCLASSIFIED].pptx").is_file()
        assert not (tmp_path / "nato.pptx").exists()


class DescribeFooters:
    @pytest.mark.parametrize("template", ["navy", "paper", "print43"])
    def it_numbers_and_dates_every_slide_but_the_title(
        self, briefing: Briefing, tmp_path: Path, template: str
    ) -> None:
        out = tmp_path / "deck.pptx"
        build(briefing, template, out)
        prs = Presentation(str(out))
        slides = list(prs.slides)
        assert not [s for s in slides[0].shapes if _ph_type(s) in {"dt", "ftr", "sldNum"}]
        for number, slide in enumerate(slides[1:], start=2):
            kinds = {_ph_type(s): s for s in slide.shapes}
            number_shape = kinds["sldNum"]
            field = number_shape._element.find(
                ".//{http://schemas.openxmlformats.org/drawingml/2006/main}fld"
            )
            assert field is not None and field.get("type") == "slidenum"
            assert number_shape.text_frame.text == str(number)
            assert kinds["dt"].text_frame.text == "1 October 2025"
            assert kinds["ftr"].text_frame.text == "The State of NATO"
            for shape in (number_shape, kinds["dt"], kinds["ftr"]):
                assert shape.top + shape.height <= prs.slide_height

    def it_adds_its_own_footer_where_a_template_has_none(
        self, briefing: Briefing, tmp_path: Path, corpus_dir: Path
    ) -> None:
        out = tmp_path / "deck.pptx"
        build(briefing, corpus_dir / "templates" / "pythonpptx_act-props.pptm", out)
        prs = Presentation(str(out))
        for number, slide in enumerate(list(prs.slides)[1:], start=2):
            numbers = [s for s in slide.shapes if s.name == "Slide number"]
            assert [n.text_frame.text for n in numbers] == [str(number)]


class DescribeRepeatableOutput:
    def it_writes_the_same_bytes_for_the_same_project_and_template(
        self, briefing: Briefing, tmp_path: Path
    ) -> None:
        first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
        build(briefing, "navy", first)
        time.sleep(2.1)  # zip entry times have a 2-second resolution
        build(briefing, "navy", second)
        assert first.read_bytes() == second.read_bytes()
        stamps = {i.date_time for i in zipfile.ZipFile(first).infolist()}
        assert stamps == {(2025, 10, 1, 0, 0, 0)}


class DescribeTemplateSlides:
    def it_keeps_a_templates_example_slides_only_when_asked(
        self, briefing: Briefing, tmp_path: Path, corpus_dir: Path
    ) -> None:
        template = corpus_dir / "templates" / "md2pptx_Martin_Template.pptx"
        own = len(Presentation(str(template)).slides)
        dropped, kept = tmp_path / "dropped.pptx", tmp_path / "kept.pptx"
        a = build(briefing, template, dropped)
        b = build(briefing, template, kept, keep_template_slides=True)
        assert b.slides == a.slides + own
        assert len(Presentation(str(kept)).slides) == a.slides + own
        assert len(Presentation(str(dropped)).slides) == a.slides
