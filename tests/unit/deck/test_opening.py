"""Opening templates: every flavour PowerPoint writes, and a plain sentence for every bad file."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.deck.opening import open_template
from briefing.errors import TemplateError

BAD_POTX = ["consulting_template_ja.potx", "mecanon_ufrj_template.potx", "soleng_template.potx"]
LOCK_FILE = "md2pptx_lockfile_Three-Item-Slide.pptx"
PPTM = "pythonpptx_act-props.pptm"


def a_real_pptx() -> bytes:
    from pptx import Presentation

    out = io.BytesIO()
    Presentation().save(out)
    return out.getvalue()


def rezipped(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same package with some parts' bytes replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def zip_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


# -- the corpus of real files -------------------------------------------------------------------


def test_the_bad_folder_holds_exactly_the_files_these_tests_cover(corpus_dir: Path) -> None:
    found = sorted(p.name for p in (corpus_dir / "bad").iterdir())

    assert found == sorted([*BAD_POTX, LOCK_FILE])


@pytest.mark.parametrize("name", BAD_POTX)
def test_a_potx_template_opens_and_says_it_was_a_template(corpus_dir: Path, name: str) -> None:
    opened = open_template(corpus_dir / "bad" / name)

    assert opened.was_template is True
    assert opened.had_macros is False
    assert len(opened.presentation.slide_layouts) > 0
    assert opened.path == corpus_dir / "bad" / name


def test_an_opened_potx_saves_as_an_ordinary_presentation(corpus_dir: Path) -> None:
    opened = open_template(corpus_dir / "bad" / BAD_POTX[0])
    out = io.BytesIO()

    opened.presentation.save(out)

    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        content_types = archive.read("[Content_Types].xml").decode("utf-8")
    assert "presentationml.presentation.main+xml" in content_types
    assert "template.main+xml" not in content_types


def test_an_office_lock_file_is_refused_as_a_lock_file(corpus_dir: Path) -> None:
    path = corpus_dir / "bad" / LOCK_FILE

    with pytest.raises(TemplateError) as caught:
        open_template(path)

    assert "lock file" in str(caught.value)
    assert LOCK_FILE in str(caught.value)


def test_a_file_named_like_a_lock_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "~$Quarterly.pptx"
    path.write_bytes(a_real_pptx())

    with pytest.raises(TemplateError, match="lock file"):
        open_template(path)


def test_a_pptm_opens_with_its_macros_noted_and_saves_without_them(corpus_dir: Path) -> None:
    path = corpus_dir / "templates" / PPTM
    assert any("vbaproject" in n.lower() for n in zip_names(path.read_bytes())), (
        "the corpus .pptm should carry a VBA project, or this test proves nothing"
    )

    opened = open_template(path)
    out = io.BytesIO()
    opened.presentation.save(out)

    assert opened.had_macros is True
    assert opened.was_template is False
    saved = out.getvalue()
    assert not [n for n in zip_names(saved) if "vba" in n.lower()]
    with zipfile.ZipFile(io.BytesIO(saved)) as archive:
        content_types = archive.read("[Content_Types].xml").decode("utf-8")
        rels = archive.read("ppt/_rels/presentation.xml.rels").decode("utf-8")
    assert "macroEnabled" not in content_types
    assert "vbaProject" not in content_types
    assert "vbaProject" not in rels


def test_an_ordinary_pptx_opens_untouched(tmp_path: Path) -> None:
    path = tmp_path / "plain.pptx"
    path.write_bytes(a_real_pptx())

    opened = open_template(path)

    assert (opened.had_macros, opened.was_template) == (False, False)
    assert [lay.name for lay in opened.presentation.slide_layouts][:2] == [
        "Title Slide",
        "Title and Content",
    ]


# -- bad files made here ------------------------------------------------------------------------


def empty(real: bytes) -> bytes:
    return b""


def lfs_pointer(real: bytes) -> bytes:
    return (
        b"version https://git-lfs.github.com/spec/v1\n"
        b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
        b"size 34030\n"
    )


def ole_header(real: bytes) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024


def truncated(real: bytes) -> bytes:
    return real[: len(real) // 2]


def broken_presentation_xml(real: bytes) -> bytes:
    return rezipped(real, {"ppt/presentation.xml": b"<p:presentation xmlns:p='x'><unclosed>"})


def word_document(real: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


BAD_INPUTS: list[tuple[Callable[[bytes], bytes], str]] = [
    (empty, "is empty"),
    (lfs_pointer, "Git LFS pointer"),
    (ole_header, "encrypted"),
    (truncated, "truncated or corrupt"),
    (broken_presentation_xml, "XML cannot be read"),
    (word_document, "not a presentation"),
]


@pytest.mark.parametrize(("make", "reason"), BAD_INPUTS, ids=[m.__name__ for m, _ in BAD_INPUTS])
def test_a_bad_file_is_refused_with_one_sentence_naming_it(
    tmp_path: Path, make: Callable[[bytes], bytes], reason: str
) -> None:
    path = tmp_path / f"{make.__name__}.pptx"
    path.write_bytes(make(a_real_pptx()))

    with pytest.raises(TemplateError) as caught:
        open_template(path)

    message = str(caught.value)
    assert path.name in message
    assert reason in message
    assert "Traceback" not in message


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        open_template(tmp_path / "nowhere.pptx")

    assert "nowhere.pptx" in str(caught.value)
    assert "no such file" in str(caught.value)
