"""Layout maps: one PNG per layout at the slide's shape, labelled placeholders, and an index."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from briefing.deck.layout_map import draw_layout_maps
from briefing.deck.layouts import describe_layouts
from briefing.deck.opening import open_template
from briefing.errors import TemplateError

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO.parent / "shared" / "corpus"
NAVY = REPO / "templates" / "navy"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} not found; these tests read real templates from ../shared/corpus")
    return CORPUS


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{path.name} is not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def slide_size(template: Path) -> tuple[int, int]:
    prs = open_template(template).presentation
    return int(prs.slide_width or 0), int(prs.slide_height or 0)


def layout_count(template: Path) -> int:
    return len(describe_layouts(open_template(template).presentation))


def pixel(path: Path, x: int, y: int) -> tuple[float, float, float]:
    from matplotlib import image

    picture = image.imread(path)
    red, green, blue = picture[y, x][:3]
    return float(red), float(green), float(blue)


def assert_maps(written: list[Path], template: Path, outdir: Path) -> None:
    count = layout_count(template)
    width, height = slide_size(template)
    assert len(written) == count + 1
    assert written[-1] == outdir / "index.png"
    assert sorted(outdir.iterdir()) == sorted(written)
    for number, path in enumerate(written[:-1], 1):
        assert path.parent == outdir
        assert path.name.startswith(f"{number:02d}-")
        px_width, px_height = png_size(path)
        assert 900 <= px_width <= 1000
        assert abs(px_height - px_width * height / width) <= 1, path.name
    png_size(written[-1])


def test_navy_gets_a_map_per_layout_at_sixteen_to_nine(tmp_path: Path) -> None:
    template = NAVY / "template.pptx"

    written = draw_layout_maps(NAVY, tmp_path)

    assert_maps(written, template, tmp_path)
    assert [p.name for p in written[:3]] == [
        "01-title-slide.png",
        "02-section-header.png",
        "03-title-and-content.png",
    ]
    assert png_size(written[0]) == (960, 540)


def test_the_map_shows_a_solid_layout_background(tmp_path: Path) -> None:
    written = draw_layout_maps(NAVY / "template.pptx", tmp_path)

    title_slide = pixel(written[0], 100, 30)  # inside the slide, clear of placeholders
    content_slide = pixel(written[2], 100, 30)

    assert max(title_slide) < 0.3  # navy's title slide is dark blue
    assert min(content_slide) > 0.95  # its content slides are white


def test_a_german_template_with_line_breaks_in_layout_names_is_mapped(
    corpus: Path, tmp_path: Path
) -> None:
    template = corpus / "templates" / "automizer_SlideWithCharts.pptx"

    written = draw_layout_maps(template, tmp_path)

    assert_maps(written, template, tmp_path)
    assert written[0].name == "01-titelfolie.png"
    assert written[2].name == "03-abschnitts-uberschrift.png"


@pytest.mark.parametrize(
    "name",
    [
        "templates/pythonpptx_default_4x3.pptx",
        "templates/automizer_SlideDimensions2.pptx",
        "templates/automizer_SlideMasters.pptx",
        "bad/consulting_template_ja.potx",
    ],
)
def test_other_shapes_masters_and_japanese_names_map_without_warnings(
    corpus: Path, tmp_path: Path, name: str
) -> None:
    template = corpus / name

    written = draw_layout_maps(template, tmp_path)  # pytest turns any warning into an error

    assert_maps(written, template, tmp_path)


def test_a_lock_file_gets_a_sentence_not_a_map(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="lock file"):
        draw_layout_maps(corpus / "bad" / "md2pptx_lockfile_Three-Item-Slide.pptx", tmp_path)

    assert list(tmp_path.iterdir()) == []


def test_a_folder_without_manifest_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"no manifest\.toml"):
        draw_layout_maps(tmp_path, tmp_path / "maps")
