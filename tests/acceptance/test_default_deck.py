"""The default State of NATO deck, built through the one entry point and reopened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from briefing.deck.build import build
from briefing.export.libreoffice import convert
from briefing.library import default_briefing
from briefing.model import Briefing, ImpressionItem, SectionItem

DATE = dt.date(2025, 10, 1)


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return default_briefing(date=DATE, author="Test Author")


@pytest.fixture(scope="module")
def deck_path(tmp_path_factory: pytest.TempPathFactory, briefing: Briefing) -> Path:
    out = tmp_path_factory.mktemp("deck") / "state-of-nato.pptx"
    build(briefing, None, out)
    return out


FURNITURE = {"dt", "ftr", "sldNum"}


def _is_furniture(shape: object) -> bool:
    """Marking banners, footers, dates and slide numbers: on every slide, not content."""
    if shape.name.startswith("Marking"):  # type: ignore[attr-defined]
        return True
    ph = shape._element.find(  # type: ignore[attr-defined]
        ".//{http://schemas.openxmlformats.org/presentationml/2006/main}ph"
    )
    return ph is not None and ph.get("type") in FURNITURE


def _texts(slide: object) -> list[str]:
    found: list[str] = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame and not _is_furniture(shape):
            found.extend(p.text for p in shape.text_frame.paragraphs if p.text.strip())
    return found


def _title(slide: object) -> str:
    shapes = slide.shapes  # type: ignore[attr-defined]
    if shapes.title is not None:
        return str(shapes.title.text_frame.text)
    fallback = [s for s in shapes if s.name == "Title (fallback)"]
    return str(fallback[0].text_frame.text) if fallback else ""


class DescribeTheDefaultDeck:
    def it_has_a_slide_for_each_part_of_the_briefing(
        self, deck_path: Path, briefing: Briefing
    ) -> None:
        prs = Presentation(str(deck_path))
        items = briefing.items
        impressions = [i for i in items if isinstance(i, ImpressionItem)]
        sections = [i for i in items if isinstance(i, SectionItem)]
        # title + agenda + items + sources
        assert len(prs.slides) >= 11
        assert len(prs.slides) >= 2 + len(impressions) + len(sections) + 1
        titles = [_title(s) for s in prs.slides]
        assert titles[0] == "The State of NATO"
        assert titles[1] == "Agenda"
        assert titles[-1] == "Sources"
        for section in sections:
            assert section.title in titles

    def it_shows_every_impression_title_judgement_and_point(
        self, deck_path: Path, briefing: Briefing
    ) -> None:
        prs = Presentation(str(deck_path))
        by_title = {_title(s): s for s in prs.slides}
        for imp in briefing.impressions():
            assert imp.title in by_title, imp.title
            texts = _texts(by_title[imp.title])
            assert imp.key_judgement in texts
            for point in imp.points:
                assert point in texts

    def it_puts_narrative_and_talking_points_in_the_speaker_notes(
        self, deck_path: Path, briefing: Briefing
    ) -> None:
        prs = Presentation(str(deck_path))
        by_title = {_title(s): s for s in prs.slides}
        for imp in briefing.impressions():
            notes = by_title[imp.title].notes_slide.notes_text_frame.text
            assert imp.narrative.split("\n")[0][:60] in notes
            assert "Sources: [1]" in notes
        for slide in list(prs.slides)[1:]:
            assert slide.has_notes_slide, _title(slide)
            assert slide.notes_slide.notes_text_frame.text.strip(), _title(slide)

    def it_lists_every_cited_source_once_numbered(
        self, deck_path: Path, briefing: Briefing
    ) -> None:
        prs = Presentation(str(deck_path))
        sources_slide = list(prs.slides)[-1]
        texts = [t for t in _texts(sources_slide) if t != "Sources"]
        cited = briefing.sources()
        assert len(texts) == len(cited)
        assert any("Daalder" in t and "World Review" in t for t in texts)
        assert any(t.startswith("NATO") for t in texts)
        assert any(t.startswith("SIPRI") for t in texts)
        assert len(set(texts)) == len(texts)
        numbered = sources_slide.shapes[1].text_frame.paragraphs[0]._p.pPr
        assert numbered is not None
        assert (
            numbered.find("{http://schemas.openxmlformats.org/drawingml/2006/main}buAutoNum")
            is not None
        )

    def it_sets_the_document_properties_from_the_briefing(
        self, deck_path: Path, briefing: Briefing
    ) -> None:
        props = Presentation(str(deck_path)).core_properties
        assert props.title == "The State of NATO"
        assert props.author == "Test Author"
        assert props.subject == briefing.subtitle
        assert props.category == "UNCLASSIFIED"
        assert "russia" in props.keywords
        assert props.created is not None
        assert props.created.date() == DATE
        assert props.modified.date() == DATE

    def it_leaves_no_empty_placeholder_and_keeps_text_on_the_slide(self, deck_path: Path) -> None:
        prs = Presentation(str(deck_path))
        width, height = Emu(prs.slide_width), Emu(prs.slide_height)
        for number, slide in enumerate(prs.slides, start=1):
            for ph in slide.placeholders:
                assert ph.has_text_frame and ph.text_frame.text.strip(), (number, ph.name)
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
                assert shape.left + shape.width <= width, (number, shape.name)
                assert shape.top + shape.height <= height, (number, shape.name)

    def it_has_none_of_the_templates_example_slides(self, deck_path: Path) -> None:
        prs = Presentation(str(deck_path))
        assert all(_title(s) for s in prs.slides)

    def it_converts_with_libreoffice(
        self, deck_path: Path, libreoffice: str, tmp_path: Path
    ) -> None:
        pdf = convert(deck_path, tmp_path / "deck.pdf")
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF")
        import re

        pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
        assert pages == len(Presentation(str(deck_path)).slides)


class DescribeBuildingOnOtherShapes:
    def it_comes_out_right_at_4_to_3(
        self, tmp_path: Path, briefing: Briefing, corpus_dir: Path
    ) -> None:
        out = tmp_path / "four-three.pptx"
        result = build(briefing, corpus_dir / "templates" / "pythonpptx_default_4x3.pptx", out)
        prs = Presentation(str(out))
        assert prs.slide_width * 3 == prs.slide_height * 4
        assert len(prs.slides) == result.slides
        for slide in prs.slides:
            for shape in slide.shapes:
                assert shape.left + shape.width <= prs.slide_width
                assert shape.top + shape.height <= prs.slide_height

    def it_drops_a_templates_example_slides(
        self, tmp_path: Path, briefing: Briefing, corpus_dir: Path
    ) -> None:
        template = corpus_dir / "templates" / "md2pptx_Martin_Template.pptx"
        assert len(Presentation(str(template)).slides) > 0
        out = tmp_path / "martin.pptx"
        result = build(briefing, template, out)
        prs = Presentation(str(out))
        assert len(prs.slides) == result.slides
        assert _title(next(iter(prs.slides))) == "The State of NATO"


class DescribeTheDefaultCharts:
    def it_carries_three_native_attributed_charts_with_alt_text(self, deck_path: Path) -> None:
        prs = Presentation(str(deck_path))
        charts = [
            (slide, shape) for slide in prs.slides for shape in slide.shapes if shape.has_chart
        ]
        assert len(charts) >= 3
        for slide, frame in charts:
            descr = frame._element.find(
                ".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr"
            ).get("descr")
            assert descr and len(descr) > 40
            texts = " ".join(_texts(slide))
            assert "SIPRI Military Expenditure Database" in texts
            notes = slide.notes_slide.notes_text_frame.text
            assert "Chart data" in notes

    def it_ranks_allies_against_the_targets_with_the_real_figures(self, deck_path: Path) -> None:
        prs = Presentation(str(deck_path))
        c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"

        def series_names(chart: object) -> list[str]:
            space = chart._chartSpace  # type: ignore[attr-defined]
            return [
                str(t.findtext(f".//{c}v"))
                for t in space.iter(f"{c}tx")
                if t.getparent().tag == f"{c}ser"
            ]

        charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
        ranked = next(ch for ch in charts if any("3.5%" in n for n in series_names(ch)))
        names = series_names(ranked)
        assert any(n.startswith("2%") for n in names)
        assert any(n.startswith("5%") for n in names)
        bars = ranked.plots[0]
        values = dict(zip(bars.categories, bars.series[0].values, strict=True))
        assert round(values["Poland"], 2) == 4.50
        assert round(values["Spain"], 2) == 2.13
        assert "Iceland" not in values
        assert len(values) == 31


class DescribePictureCharts:
    def it_draws_the_charts_as_described_pictures_that_libreoffice_converts(
        self, briefing: Briefing, tmp_path: Path, libreoffice: str
    ) -> None:
        import copy

        from briefing.model import ChartItem

        pictured = copy.deepcopy(briefing)
        for item in pictured.items:
            if isinstance(item, ChartItem):
                item.chart.renderer = "image"
        out = tmp_path / "pictures.pptx"
        build(pictured, None, out)
        prs = Presentation(str(out))
        pictures = [
            (slide, shape)
            for slide in prs.slides
            for shape in slide.shapes
            if shape.shape_type == 13  # picture
        ]
        assert len(pictures) == 3
        assert not any(shape.has_chart for slide in prs.slides for shape in slide.shapes)
        for slide, picture in pictures:
            descr = picture._element.find(
                ".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr"
            ).get("descr")
            assert descr and len(descr) > 40
            assert picture.image.content_type == "image/png"
            source_lines = [t for t in _texts(slide) if t.startswith("Source: SIPRI")]
            assert len(source_lines) == 1
        pdf = convert(out, tmp_path / "pictures.pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
