"""The package validator: markup compatibility applied as a consumer does, then the schemas."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from briefing.deck.schemas import compatible, duplicate_shape_ids, validate_package

REPO = Path(__file__).resolve().parents[3]
SCHEMAS = Path(os.environ.get("BRIEFING_TEST_SHARED") or REPO.parent / "shared") / "ooxml-schemas"
needs_schemas = pytest.mark.skipif(
    not SCHEMAS.is_dir(), reason=f"{SCHEMAS} not found; schema tests need ../shared/ooxml-schemas"
)

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" '
    'xmlns:x="urn:example:extension"'
)
SLIDE = "ppt/slides/slide1.xml"
TREE = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'


def _sp(shape_id: int, extra: str = "") -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Box {shape_id}"{extra}/><p:cNvSpPr/>'
        "<p:nvPr/></p:nvSpPr><p:spPr/></p:sp>"
    )


def _slide(body: str, root_attrs: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><p:sld {NS}{root_attrs}><p:cSld><p:spTree>{TREE}'
        f"{body}</p:spTree></p:cSld></p:sld>"
    ).encode()


def _deck(parts: dict[str, bytes] | None = None) -> bytes:
    """A one-slide python-pptx deck with some parts replaced (by name in the zip)."""
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6])
    buffer = io.BytesIO()
    prs.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    replaced = parts or {}
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, replaced.get(name, source.read(name)))
    return out.getvalue()


def _problems(name: str, data: bytes) -> list[str]:
    report = validate_package(_deck({name: data}), SCHEMAS)
    return [f"{p.part} {p.branch}: {p.message}" for p in report.problems]


@needs_schemas
class DescribeValidatePackage:
    def it_finds_nothing_wrong_with_a_plain_python_pptx_deck(self) -> None:
        report = validate_package(_deck(), SCHEMAS)
        assert not report.problems
        assert "/ppt/slides/slide1.xml" in report.validated
        assert {"/[Content_Types].xml", "/_rels/.rels", "/docProps/core.xml"} <= set(
            report.validated
        )

    def it_names_the_part_and_the_element_the_schema_refuses(self) -> None:
        problems = _problems(SLIDE, _slide("<p:bogus/>"))
        assert len(problems) == 1
        assert problems[0].startswith("/ppt/slides/slide1.xml plain:")
        assert "bogus" in problems[0]

    def it_checks_core_properties_against_dublin_core_types(self) -> None:
        core = (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>A title</dc:title>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">{}</dcterms:created>'
            "</cp:coreProperties>"
        )
        assert not _problems("docProps/core.xml", core.format("2025-10-01T09:00:00Z").encode())
        problems = _problems("docProps/core.xml", core.format("the first of October").encode())
        assert problems and problems[0].startswith("/docProps/core.xml")

    def it_checks_the_content_types_and_relationships(self) -> None:
        types = (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml"/></Types>'
        )
        problems = _problems("[Content_Types].xml", types.encode())
        assert any("ContentType" in p for p in problems)

    def it_takes_the_fallback_of_alternate_content_when_the_choice_needs_an_extension(
        self,
    ) -> None:
        body = (
            '<mc:AlternateContent><mc:Choice Requires="p14">'
            f"{_sp(2)}<p14:bogus/></mc:Choice><mc:Fallback>{_sp(3)}</mc:Fallback>"
            "</mc:AlternateContent>"
        )
        # Office reads the choice without its p14 elements; a plain consumer the fallback.
        assert not _problems(SLIDE, _slide(body))
        bad_fallback = body.replace(_sp(3), "<p:bogus/>")
        problems = _problems(SLIDE, _slide(bad_fallback))
        assert len(problems) == 1 and " plain:" in problems[0]
        bad_choice = body.replace(_sp(2), "<p:bogus/>")
        problems = _problems(SLIDE, _slide(bad_choice))
        assert len(problems) == 1 and " office:" in problems[0]

    def it_drops_what_mc_ignorable_names_and_nothing_else(self) -> None:
        body = _sp(2, ' x:note="kept for the extension"') + "<x:extra/>"
        assert not _problems(SLIDE, _slide(body, ' mc:Ignorable="x"'))
        assert _problems(SLIDE, _slide(body))

    def it_leaves_the_contents_of_extension_elements_unvalidated(self) -> None:
        ext = (
            '<p:extLst><p:ext uri="{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}">'
            '<p14:creationId val="not a number"/></p:ext></p:extLst>'
        )
        slide = _slide("").replace(b"</p:cSld>", b"</p:cSld>" + ext.encode())
        assert not _problems(SLIDE, slide)

    def it_accepts_signed_axis_ids_and_integer_bullet_sizes_but_nothing_more(self) -> None:
        para = '<a:p><a:pPr><a:buSzPct val="{}"/></a:pPr></a:p>'
        body = (
            '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Text"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            "<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{}</p:txBody></p:sp>"
        )
        assert not _problems(SLIDE, _slide(body.format(para.format("100000"))))
        assert not _problems(SLIDE, _slide(body.format(para.format("100%"))))
        assert _problems(SLIDE, _slide(body.format(para.format("-100000"))))


class DescribeCompatible:
    def it_gives_each_branch_its_own_reading_of_alternate_content(self) -> None:
        root = etree.fromstring(
            _slide(
                '<mc:AlternateContent><mc:Choice Requires="p14">'
                f"{_sp(2, ' p14:flag=' + chr(34) + '1' + chr(34))}</mc:Choice>"
                f"<mc:Fallback>{_sp(3)}</mc:Fallback></mc:AlternateContent>",
                ' mc:Ignorable="x" x:note="gone"',
            )
        )
        plain, office = compatible(root, "plain"), compatible(root, "office")
        ids = {
            name: [n.get("id") for n in tree.iter("{*}cNvPr")]
            for name, tree in (("plain", plain), ("office", office))
        }
        assert ids == {"plain": ["1", "3"], "office": ["1", "2"]}
        for tree in (plain, office):
            text = etree.tostring(tree).decode()
            assert "AlternateContent" not in text and "p14:flag" not in text
            assert "x:note" not in text and "mc:Ignorable" not in text

    def it_keeps_the_children_of_an_ignored_element_named_in_process_content(self) -> None:
        root = etree.fromstring(
            _slide(
                f"<x:wrapper>{_sp(2)}</x:wrapper>",
                ' mc:Ignorable="x" mc:ProcessContent="x:wrapper"',
            )
        )
        tree = compatible(root, "plain")
        assert [n.get("id") for n in tree.iter("{*}cNvPr")] == ["1", "2"]


class DescribeDuplicateShapeIds:
    def it_names_the_slide_and_the_ids_it_repeats(self) -> None:
        data = _deck({SLIDE: _slide(_sp(2) + _sp(4) + _sp(4) + _sp(5))})
        assert duplicate_shape_ids(data) == {"/ppt/slides/slide1.xml": [4]}

    def it_counts_a_shape_in_alternate_content_once(self) -> None:
        body = (
            f'<mc:AlternateContent><mc:Choice Requires="p14">{_sp(2)}</mc:Choice>'
            f"<mc:Fallback>{_sp(2)}</mc:Fallback></mc:AlternateContent>"
        )
        assert duplicate_shape_ids(_deck({SLIDE: _slide(body)})) == {}
