"""Finding installed fonts and their widths: fontconfig's view, a font installed later, caches."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import fonts
from briefing.deck import textfit

TEST_FAMILY = "Briefing Test Sans"


def _bundled_dejavu() -> Path:
    face = next(e.face for e in fonts._bundled_fallback() if e.face.weight == 400)
    return Path(face.path)


def make_font(path: Path, family: str = TEST_FAMILY, widen: int = 0) -> Path:
    """A copy of DejaVu Sans renamed ``family`` (every advance ``widen`` units wider)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(_bundled_dejavu()))
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID in (4, 6):
            record.string = family.replace(" ", "") if record.nameID == 6 else family
    if widen:
        hmtx = font["hmtx"]
        hmtx.metrics = {g: (w + widen, lsb) for g, (w, lsb) in hmtx.metrics.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(path))
    return path


@pytest.fixture
def user_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's own font folder (XDG), empty, seen by fontconfig and the folder scan alike."""
    data_home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setattr(fonts, "RECHECK_SECONDS", 0.0)
    folder = data_home / "fonts"
    folder.mkdir(parents=True)
    fonts.forget()
    yield folder
    fonts.forget()


@pytest.fixture(params=["fontconfig", "font folders"])
def lookup(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with fontconfig's list and again with the folder scan used without it."""
    if request.param == "fontconfig":
        if shutil.which("fc-list") is None:
            pytest.skip("fc-list is not installed; install fontconfig")
    else:
        real_which = shutil.which
        monkeypatch.setattr(
            fonts.shutil, "which", lambda name: None if name == "fc-list" else real_which(name)
        )
    fonts.forget()
    return str(request.param)


class DescribeTheCatalogue:
    def it_finds_a_font_installed_after_the_first_lookup(
        self, user_fonts: Path, lookup: str
    ) -> None:
        assert not fonts.is_installed(TEST_FAMILY)
        assert fonts.catalogue().source == lookup

        installed = make_font(user_fonts / "BriefingTestSans.ttf")

        face = fonts.find(TEST_FAMILY)
        assert face is not None, f"{lookup} did not see the font installed a moment ago"
        assert Path(face.path).resolve() == installed.resolve()
        assert textfit.stand_in(TEST_FAMILY) is None

    def it_forgets_a_font_that_was_removed(self, user_fonts: Path, lookup: str) -> None:
        installed = make_font(user_fonts / "BriefingTestSans.ttf")
        assert fonts.is_installed(TEST_FAMILY)
        installed.unlink()
        assert not fonts.is_installed(TEST_FAMILY)

    def it_prefers_the_upright_face_nearest_the_weight_asked_for(self) -> None:
        def entry(name: str, weight: int, italic: bool = False) -> fonts._Entry:
            return fonts._Entry(("Sample",), fonts.FontFace(name, 0, "Sample", weight, italic))

        catalogue = fonts.Catalogue(
            [entry("light", 300), entry("regular", 400), entry("italic", 400, True)], "test"
        )
        regular, bold = catalogue.face("sample"), catalogue.face("SAMPLE", bold=True)
        assert (regular and regular.path, bold and bold.path) == ("regular", "regular")
        assert catalogue.face("Other") is None

    def it_always_has_a_fallback_to_measure_with(self) -> None:
        face = fonts.fallback()
        assert Path(face.path).is_file()
        assert fonts.fallback(bold=True).weight >= face.weight


class DescribeAStandIn:
    def it_names_the_file_text_is_measured_with_when_the_font_is_missing(self) -> None:
        used = textfit.stand_in("No Such Family At All")
        assert used is not None
        assert Path(used.path).is_file()
        assert textfit.metrics("No Such Family At All").path == used.path

    def it_needs_none_when_the_font_is_installed(self, user_fonts: Path) -> None:
        make_font(user_fonts / "BriefingTestSans.ttf")
        assert textfit.stand_in(TEST_FAMILY) is None
        assert textfit.metrics(TEST_FAMILY).path.endswith("BriefingTestSans.ttf")


class DescribeAdvanceWidths:
    def it_keeps_what_it_read_on_disk_and_reads_it_back_unchanged(
        self, tmp_path: Path, isolated_home: Path
    ) -> None:
        path = make_font(tmp_path / "fonts" / "Sample.ttf")
        face = fonts.FontFace(str(path), 0, TEST_FAMILY, 400, False)
        first = fonts.advances(face)
        cached = list((isolated_home / "cache" / "fonts").glob("advances-*.bin"))
        assert len(cached) == 1
        fonts._advances_memo.clear()
        assert fonts._load_advances(cached[0]) == first
        assert fonts.advances(face) == first
        assert first.widths[ord("M")] > first.widths[ord("i")] > 0

    def it_reads_the_file_again_when_it_changes(self, tmp_path: Path) -> None:
        path = make_font(tmp_path / "fonts" / "Sample.ttf")
        face = fonts.FontFace(str(path), 0, TEST_FAMILY, 400, False)
        before = fonts.advances(face).widths[ord("a")]
        make_font(path, widen=100)
        assert fonts.advances(face).widths[ord("a")] == before + 100

    def it_ignores_a_damaged_cache_file(self, tmp_path: Path, isolated_home: Path) -> None:
        path = make_font(tmp_path / "fonts" / "Sample.ttf")
        face = fonts.FontFace(str(path), 0, TEST_FAMILY, 400, False)
        good = fonts.advances(face)
        for cached in (isolated_home / "cache" / "fonts").glob("advances-*.bin"):
            cached.write_bytes(cached.read_bytes()[:40])
        fonts._advances_memo.clear()
        assert fonts.advances(face) == good

    def it_measures_the_same_text_the_same_way_every_time(self) -> None:
        font = textfit.metrics("DejaVu Sans")
        text = "Allies pledged five per cent"
        assert font.width(text) == font.width(text)
        assert font.width(text) == pytest.approx(sum(font.width(c) for c in text))


def it_finds_pictures_fonts_installed_after_matplotlib_listed_its_own(user_fonts: Path) -> None:
    from matplotlib import font_manager

    from briefing.charts.image import resolve_font

    assert resolve_font(TEST_FAMILY, ("DejaVu Sans",)) == "DejaVu Sans"
    path = make_font(user_fonts / "BriefingTestSans.ttf")
    assert not any(f.fname == str(path) for f in font_manager.fontManager.ttflist)
    assert resolve_font(TEST_FAMILY, ("DejaVu Sans",)) == TEST_FAMILY
