"""PDF export and the notes handout, through LibreOffice, on the default briefing."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from briefing.deck.build import BuildResult
from briefing.errors import ExportError
from briefing.export.handout import compose_handout, export_handout
from briefing.export.libreoffice import find_soffice
from briefing.export.pdf import export_pdf
from briefing.library import default_briefing
from briefing.model import Briefing, ImpressionItem

DATE = dt.date(2025, 10, 1)


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return default_briefing(date=DATE, author="Test Author")


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory, briefing: Briefing
) -> tuple[BuildResult, Path]:
    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed, but CI must install it (.ci/run)")
        pytest.skip("LibreOffice (soffice) is not installed; install libreoffice-impress")
    folder = tmp_path_factory.mktemp("pdf")
    return export_pdf(briefing, None, folder / "state-of-nato.pdf"), folder


# -- reading PDFs ---------------------------------------------------------------------------------


def _page_count(pdf: Path) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, check=True, text=True)
        match = re.search(r"^Pages:\s+(\d+)", out.stdout, re.MULTILINE)
        assert match, out.stdout
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf.read_bytes()))


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Object number -> (dictionary text, decompressed stream or None)."""
    found: dict[int, tuple[bytes, bytes | None]] = {}
    for match in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.DOTALL):
        body = match.group(2)
        stream = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.DOTALL)
        content: bytes | None = None
        if stream is not None:
            content = stream.group(1)
            if b"/FlateDecode" in body[: stream.start()]:
                try:
                    content = zlib.decompress(content)
                except zlib.error:
                    content = None
            body = body[: stream.start()]
        found[int(match.group(1))] = (body, content)
    return found


def _cmap(text: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.DOTALL):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.DOTALL):
        for lo, hi, uni in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(uni, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def _text_without_poppler(pdf: Path) -> str:
    """The text of a LibreOffice PDF: decompress its streams and map each font's one-byte codes
    through its ToUnicode CMap (enough for the PDFs LibreOffice writes)."""
    objects = _objects(pdf.read_bytes())
    fonts: dict[bytes, dict[int, str]] = {}
    for body, _ in objects.values():
        for name, number in re.findall(rb"/(F\d+)\s+(\d+) 0 R", body):
            font = objects.get(int(number))
            to_unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", font[0]) if font else None
            if to_unicode:
                cmap = objects.get(int(to_unicode.group(1)), (b"", None))[1]
                fonts[name] = _cmap(cmap or b"")
    lines: list[str] = []
    token = re.compile(rb"/(F\d+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\bET\b")
    for _, content in objects.values():
        if not content or b"BT" not in content:
            continue
        current: dict[int, str] = {}
        line = ""
        for match in token.finditer(content):
            if match.group(1):
                current = fonts.get(match.group(1), {})
            elif match.group(0) == b"ET":
                lines.append(line)
                line = ""
            else:
                codes = bytes.fromhex(match.group(2).decode())
                line += "".join(current.get(c, "") for c in codes)
        lines.append(line)
    return "\n".join(lines)


def _pdf_text(pdf: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        done = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    return _text_without_poppler(pdf)


def _squash(text: str) -> str:
    """Text without spaces and hyphens, so line breaks and hyphenation do not matter."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def _expected_notes(briefing: Briefing) -> list[str]:
    """Phrases of the speaker notes: each impression's first and last lines of notes (the end
    shows the notes were not cut off at the foot of the page)."""
    phrases: list[str] = []
    for item in briefing.items:
        if isinstance(item, ImpressionItem):
            imp = item.impression
            phrases.append(imp.narrative.split(". ")[0])
            if imp.notes.strip():
                phrases.append(imp.notes.strip().splitlines()[-1])
    return [p for p in phrases if p.strip()]


# -- tests ----------------------------------------------------------------------------------------


@pytest.mark.slow
class DescribePdfExport:
    def it_writes_one_page_per_slide(self, exported: tuple[BuildResult, Path]) -> None:
        result, folder = exported
        assert result.path == folder / "state-of-nato.pdf"
        assert result.path.read_bytes().startswith(b"%PDF")
        assert _page_count(result.path) == result.slides >= 11
        assert sorted(p.name for p in folder.iterdir()) == ["state-of-nato.pdf"]  # no leftovers

    def it_writes_a_handout_with_the_speaker_notes(
        self, briefing: Briefing, exported: tuple[BuildResult, Path], tmp_path: Path
    ) -> None:
        result = export_handout(briefing, None, tmp_path / "handout.pdf")
        assert result.path == tmp_path / "handout.pdf"
        assert _page_count(result.path) == result.slides
        text = _squash(_pdf_text(result.path))
        missing = [p for p in _expected_notes(briefing) if _squash(p) not in text]
        assert missing == []
        if shutil.which("pdftotext"):  # the reader used where poppler is missing reads it too
            plain = _squash(_text_without_poppler(result.path))
            assert [p for p in _expected_notes(briefing) if _squash(p) not in plain] == []
        assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf"]

    def it_composes_a_handout_when_libreoffice_cannot_write_notes_pages(
        self, exported: tuple[BuildResult, Path], tmp_path: Path
    ) -> None:
        if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
            pytest.skip("poppler-utils (pdftoppm, pdftotext) is not installed")
        result, _ = exported
        notes = [f"Notes for slide number {n}." for n in range(1, result.slides + 1)]
        notes[1] = "\n".join(f"Talking point {n} of a long list." for n in range(1, 121))
        out = compose_handout(result.path, notes, tmp_path / "composed.pdf", dpi=30)
        assert _page_count(out) > result.slides  # the long notes ran on to another page
        text = _squash(_pdf_text(out))
        assert _squash("Notes for slide number 1.") in text
        assert _squash(f"Notes for slide number {result.slides}.") in text
        assert _squash("Talking point 120 of a long list.") in text


class DescribeExportWithoutLibreOffice:
    @pytest.fixture(autouse=True)
    def no_libreoffice(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
        real_exists = os.path.exists

        def exists(path: object) -> bool:
            name = os.path.basename(str(path)).lower()
            return False if name.startswith("soffice") else real_exists(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os.path, "exists", exists)
        assert find_soffice() is None

    @pytest.mark.parametrize("export", [export_pdf, export_handout])
    def it_says_what_to_install_and_writes_nothing(
        self, export: object, briefing: Briefing, tmp_path: Path
    ) -> None:
        out = tmp_path / "out" / "deck.pdf"
        with pytest.raises(ExportError) as caught:
            export(briefing, None, out)  # type: ignore[operator]
        assert "LibreOffice" in str(caught.value)
        assert "install" in str(caught.value).lower()
        assert not out.exists()
        assert not out.parent.exists()
