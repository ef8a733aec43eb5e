"""The bundled slide templates: what their manifests promise, their .pptx files keep.

The templates are made by ``scripts/make_templates.py``; the last test checks the files in
``templates/`` are what that script makes today.
"""

from __future__ import annotations

import importlib.util
import io
import re
import struct
import sys
import tomllib
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from briefing import resources
from briefing.deck.registry import read_manifest

REPO = Path(__file__).resolve().parents[2]
EXPECTED_IDS = {"navy", "paper", "print43"}
ROLES = ("title", "section", "bullets", "chart", "bullets_chart", "two_columns", "closing")
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

# Every bundled template has exactly these layouts, each with these placeholders
# (kind, as in p:ph/@type, "obj" when absent; footers dt/ftr/sldNum are checked separately).
LAYOUTS: dict[str, list[str]] = {
    "Title Slide": ["ctrTitle", "subTitle"],
    "Section Header": ["title", "body"],
    "Title and Content": ["title", "body"],
    "Title Only": ["title"],
    "Title and Chart": ["title", "obj"],
    "Content with Chart": ["title", "body", "obj"],
    "Two Content": ["title", "body", "body"],
    "Closing": ["title", "body"],
}
FOOTERS = {"dt", "ftr", "sldNum"}


def template_dirs() -> list[Path]:
    root = resources.templates_dir()
    return sorted(p for p in root.iterdir() if (p / "manifest.toml").is_file())


@pytest.fixture(params=template_dirs(), ids=lambda p: p.name)
def folder(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.fixture
def manifest(folder: Path) -> dict[str, Any]:
    return tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))


@pytest.fixture
def prs(folder: Path, manifest: dict[str, Any]) -> Any:
    from pptx import Presentation

    return Presentation(str(folder / manifest["file"]))


def kind_of(shape: Any) -> str:
    ph = shape._element.find(f".//{P}ph")
    return str(ph.get("type", "obj"))


def theme_of(prs: Any) -> Any:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    return etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)


class DescribeTheBundledTemplates:
    def they_are_all_there(self) -> None:
        assert {p.name for p in template_dirs()} == EXPECTED_IDS

    def they_have_a_thumbnail_about_480_pixels_wide(self, folder: Path) -> None:
        data = (folder / "thumbnail.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert 400 <= width <= 640 and height > 0


class DescribeAManifest:
    def it_has_every_field(self, folder: Path, manifest: dict[str, Any]) -> None:
        for key in ("id", "name", "version", "description", "author", "file", "slide_size"):
            assert isinstance(manifest[key], str) and manifest[key].strip(), key
        assert manifest["id"] == folder.name
        assert manifest["slide_size"] in ("16:9", "4:3")
        assert set(manifest["roles"]) == set(ROLES)
        palette = manifest["palette"]
        for key in ("background", "text", "primary", "muted"):
            assert HEX.match(palette[key]), key
        assert len(palette["accent"]) == 6
        assert all(HEX.match(c) for c in palette["accent"])
        assert len({c.upper() for c in palette["accent"]}) == 6
        assert manifest["fonts"]["heading"] and manifest["fonts"]["body"]
        marking = manifest["marking"]
        assert marking["position"] == "top-bottom"
        assert isinstance(marking["font_size"], int) and 6 <= marking["font_size"] <= 24
        assert HEX.match(marking["text_colour"])

    def it_is_read_by_the_app(self, folder: Path, manifest: dict[str, Any]) -> None:
        parsed = read_manifest(folder / "manifest.toml")
        assert parsed.id == manifest["id"]
        assert parsed.roles == manifest["roles"]
        assert parsed.palette is not None
        assert list(parsed.palette.accent) == [c.upper() for c in manifest["palette"]["accent"]]


class DescribeATemplateFile:
    def it_has_no_slides(self, prs: Any) -> None:
        assert len(prs.slides) == 0

    def it_has_one_master_with_exactly_the_expected_layouts(self, prs: Any) -> None:
        assert len(prs.slide_masters) == 1
        assert [layout.name for layout in prs.slide_layouts] == list(LAYOUTS)

    def it_names_an_existing_layout_for_every_role(
        self, prs: Any, manifest: dict[str, Any]
    ) -> None:
        names = {layout.name for layout in prs.slide_layouts}
        for role in ROLES:
            assert manifest["roles"][role] in names, role

    def it_has_the_slide_size_of_its_manifest(self, prs: Any, manifest: dict[str, Any]) -> None:
        expected = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}
        assert (prs.slide_width, prs.slide_height) == expected[manifest["slide_size"]]

    def it_gives_each_layout_its_placeholders(self, prs: Any) -> None:
        for layout in prs.slide_layouts:
            kinds = [kind_of(s) for s in layout.placeholders]
            assert sorted(k for k in kinds if k not in FOOTERS) == sorted(LAYOUTS[layout.name])
            assert set(kinds) >= FOOTERS, layout.name
            idxs = [s.placeholder_format.idx for s in layout.placeholders]
            assert len(idxs) == len(set(idxs)), layout.name
            for shape in layout.placeholders:
                if kind_of(shape) == "obj":  # the chart placeholders
                    assert shape.placeholder_format.idx >= 10
                    assert shape.placeholder_format.idx not in (10, 11, 12)

    def it_keeps_every_placeholder_inside_the_slide(self, prs: Any) -> None:
        width, height = prs.slide_width, prs.slide_height
        shapes = [(prs.slide_master.name or "master", s) for s in prs.slide_master.placeholders]
        shapes += [(lay.name, s) for lay in prs.slide_layouts for s in lay.placeholders]
        for where, shape in shapes:
            # Every layout states its own geometry rather than leaning on the master's.
            assert None not in (shape.left, shape.top, shape.width, shape.height), where
            assert shape.width > 0 and shape.height > 0, (where, shape.name)
            assert shape.left >= 0 and shape.left + shape.width <= width, (where, shape.name)
            assert shape.top >= 0 and shape.top + shape.height <= height, (where, shape.name)

    def it_keeps_content_clear_of_title_and_footers(self, prs: Any) -> None:
        for layout in prs.slide_layouts:
            phs = list(layout.placeholders)
            titles = [s for s in phs if kind_of(s) in ("title", "ctrTitle")]
            content = [s for s in phs if kind_of(s) in ("body", "obj", "subTitle")]
            footers = [s for s in phs if kind_of(s) in FOOTERS]
            for box in content:
                for title in titles:
                    assert box.top >= title.top + title.height, (layout.name, box.name)
                for foot in footers:
                    assert box.top + box.height <= foot.top, (layout.name, box.name)
            for a in content:  # side-by-side boxes do not overlap
                for b in content:
                    if a is not b and a.left < b.left:
                        assert a.left + a.width <= b.left, (layout.name, a.name, b.name)

    def it_puts_the_manifest_palette_in_the_theme(self, prs: Any, manifest: dict[str, Any]) -> None:
        scheme = theme_of(prs).find(f"{A}themeElements/{A}clrScheme")
        accents = [scheme.find(f"{A}accent{i}/{A}srgbClr").get("val").upper() for i in range(1, 7)]
        assert accents == [c[1:].upper() for c in manifest["palette"]["accent"]]
        assert scheme.find(f"{A}dk1/{A}srgbClr").get("val") == manifest["palette"]["text"][1:]
        assert scheme.find(f"{A}dk2/{A}srgbClr").get("val") == manifest["palette"]["primary"][1:]
        slots = [child.tag.removeprefix(A) for child in scheme]
        assert slots == [
            "dk1", "lt1", "dk2", "lt2",
            "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
            "hlink", "folHlink",
        ]  # fmt: skip

    def it_puts_the_manifest_fonts_in_the_theme(self, prs: Any, manifest: dict[str, Any]) -> None:
        fonts = theme_of(prs).find(f"{A}themeElements/{A}fontScheme")
        assert fonts.find(f"{A}majorFont/{A}latin").get("typeface") == manifest["fonts"]["heading"]
        assert fonts.find(f"{A}minorFont/{A}latin").get("typeface") == manifest["fonts"]["body"]

    def it_carries_its_name_and_no_timestamp_of_the_day(
        self, prs: Any, manifest: dict[str, Any]
    ) -> None:
        props = prs.core_properties
        assert props.title == manifest["name"]
        assert props.created == props.modified
        assert props.created.year == 2025

    def it_has_only_the_parts_a_template_needs(
        self, folder: Path, manifest: dict[str, Any]
    ) -> None:
        with zipfile.ZipFile(folder / manifest["file"]) as archive:
            names = archive.namelist()
        assert not [n for n in names if n.startswith("ppt/slides/")]
        assert not [n for n in names if "thumbnail" in n or "printerSettings" in n]
        assert len([n for n in names if re.match(r"ppt/slideLayouts/slideLayout\d+\.xml$", n)]) == 8


def load_script() -> ModuleType:
    path = REPO / "scripts" / "make_templates.py"
    spec = importlib.util.spec_from_file_location("make_templates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_templates", module)
    spec.loader.exec_module(module)
    return module


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


class DescribeTheScript:
    def it_makes_the_same_bytes_twice(self) -> None:
        script = load_script()
        design = script.DESIGNS["navy"]()
        assert script.build_pptx(design) == script.build_pptx(design)

    def it_made_the_files_in_templates(self, folder: Path) -> None:
        script = load_script()
        design = script.DESIGNS[folder.name]()
        # Compare the parts, not the zip: another zlib may compress the same parts differently.
        assert members(script.build_pptx(design)) == members(
            (folder / "template.pptx").read_bytes()
        ), "templates/ is stale: run python scripts/make_templates.py"
        assert script.manifest_toml(design) == (folder / "manifest.toml").read_text("utf-8")
