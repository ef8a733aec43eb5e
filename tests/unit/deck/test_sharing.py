"""Sharing templates: import a file, a folder or a pack; export a pack; refuse unsafe packs."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from briefing import paths
from briefing.deck import sharing
from briefing.deck.registry import TemplateEntry, list_templates, read_manifest, resolve_template
from briefing.deck.sharing import export_template, import_template, slugify
from briefing.errors import TemplateError

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO.parent / "shared" / "corpus"
NAVY = REPO / "templates" / "navy"
GERMAN = "automizer_SlideWithCharts.pptx"
LOCK_FILE = "md2pptx_lockfile_Three-Item-Slide.pptx"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} not found; these tests read real templates from ../shared/corpus")
    return CORPUS


def snapshot(root: Path) -> dict[str, str] | None:
    """Every file and folder under root with a hash of its bytes; None when root is absent."""
    if not root.exists():
        return None
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        found[key] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return found


def make_pack(path: Path, entries: dict[str, bytes], *, level: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", level) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def navy_files() -> dict[str, bytes]:
    return {name: (NAVY / name).read_bytes() for name in ("manifest.toml", "template.pptx")}


def manifest_with(version: str = "1.0.0", **changes: str) -> bytes:
    text = (NAVY / "manifest.toml").read_text(encoding="utf-8")
    text = text.replace('version = "1.0.0"', f'version = "{version}"')
    for old, new in changes.items():
        text = text.replace(old, new)
    return text.encode("utf-8")


def installed_navy(root: Path, version: str = "1.0.0") -> TemplateEntry:
    """Install navy at ``version`` into root, through a pack."""
    pack = make_pack(
        root.parent / f"navy-{version}.zip",
        {**navy_files(), "manifest.toml": manifest_with(version)},
    )
    return import_template(pack, root)


# -- importing ----------------------------------------------------------------------------------


def test_a_bundled_template_folder_is_installed_as_a_folder_of_the_same_files(
    tmp_path: Path,
) -> None:
    root = tmp_path / "templates"

    entry = import_template(NAVY, root)

    assert entry.id == "navy"
    assert entry.version == "1.0.0"
    assert entry.path == root / "navy" / "template.pptx"
    assert entry.thumbnail == root / "navy" / "thumbnail.png"
    assert entry.manifest is not None and entry.manifest.roles["title"] == "Title Slide"
    assert sorted(p.name for p in (root / "navy").iterdir()) == [
        "manifest.toml",
        "template.pptx",
        "thumbnail.png",
    ]
    for name in ("manifest.toml", "template.pptx", "thumbnail.png"):
        assert (root / "navy" / name).read_bytes() == (NAVY / name).read_bytes()
    assert sorted(p.name for p in root.iterdir()) == ["navy"]  # no staging folder left
    assert list(list_templates([(root, "user")]).entries) == ["navy"]


def test_an_import_goes_to_the_users_template_folder_by_default() -> None:
    entry = import_template(NAVY)

    assert entry.path == paths.user_templates_dir() / "navy" / "template.pptx"
    assert entry.folder_kind == "user"


def test_a_loose_pptx_gets_a_manifest_generated_from_the_automatic_role_map(
    corpus: Path, tmp_path: Path
) -> None:
    source = corpus / "templates" / GERMAN

    entry = import_template(source, tmp_path)

    folder = tmp_path / "automizer-slidewithcharts"
    assert entry.id == "automizer-slidewithcharts"
    assert entry.name == "automizer_SlideWithCharts"
    assert entry.version == "1.0.0"
    assert entry.path == folder / "template.pptx"
    assert entry.path.read_bytes() == source.read_bytes()
    manifest = read_manifest(folder / "manifest.toml")
    assert manifest == entry.manifest
    assert manifest.file == "template.pptx"
    assert manifest.slide_size == "16:9"
    assert manifest.roles["title"] == "Titelfolie"
    assert manifest.roles["bullets"] == "Titel und Inhalt"
    assert manifest.roles["section"] == "Abschnitts-\n\u00fcberschrift"  # newline survives TOML


def test_a_potx_from_the_wild_is_installed_with_its_own_suffix(
    corpus: Path, tmp_path: Path
) -> None:
    source = corpus / "bad" / "soleng_template.potx"

    entry = import_template(source, tmp_path)

    assert entry.id == "soleng-template"
    assert entry.path == tmp_path / "soleng-template" / "template.potx"
    assert entry.path.read_bytes() == source.read_bytes()
    assert resolve_template("soleng-template", [(tmp_path, "user")]).path == entry.path


def test_a_file_named_in_japanese_gets_a_stable_ascii_id(tmp_path: Path) -> None:
    source = tmp_path / "\u63d0\u6848\u66f8.pptx"
    shutil.copy(NAVY / "template.pptx", source)

    first = import_template(source, tmp_path / "a")
    second = import_template(source, tmp_path / "b")

    assert first.id == second.id
    assert first.id.startswith("template-")
    assert first.name == "\u63d0\u6848\u66f8"


def test_slugs_are_lowercase_ascii_with_single_hyphens() -> None:
    assert slugify("Abschnitts-\n\u00fcberschrift") == "abschnitts-uberschrift"
    assert slugify("T\u00edtulo y objetos") == "titulo-y-objetos"
    assert slugify("  1_Custom Layout  ") == "1-custom-layout"
    assert slugify("\u30bf\u30a4\u30c8\u30eb", fallback="layout") == "layout"


def test_a_zipped_template_folder_is_accepted_and_finder_litter_is_skipped(
    tmp_path: Path,
) -> None:
    entries = {f"navy/{name}": data for name, data in navy_files().items()}
    entries["__MACOSX/navy/._template.pptx"] = b"resource fork"
    entries["navy/.DS_Store"] = b"finder"
    pack = make_pack(tmp_path / "navy.zip", entries)

    entry = import_template(pack, tmp_path / "root")

    assert sorted(p.name for p in entry.path.parent.iterdir()) == [
        "manifest.toml",
        "template.pptx",
    ]


# -- exporting and the round trip ---------------------------------------------------------------


def test_a_pack_round_trip_gives_back_the_same_template_bytes(tmp_path: Path) -> None:
    bundled = resolve_template(NAVY)

    pack = export_template(bundled, tmp_path / "navy-pack.zip")
    entry = import_template(pack, tmp_path / "elsewhere")

    assert pack == tmp_path / "navy-pack.zip"
    with zipfile.ZipFile(pack) as archive:
        assert sorted(archive.namelist()) == ["manifest.toml", "template.pptx", "thumbnail.png"]
    for name in ("manifest.toml", "template.pptx", "thumbnail.png"):
        assert (entry.path.parent / name).read_bytes() == (NAVY / name).read_bytes()
    assert entry.manifest == bundled.manifest


def test_the_same_template_always_exports_to_the_same_pack(tmp_path: Path) -> None:
    bundled = resolve_template(NAVY)

    first = export_template(bundled, tmp_path / "one.zip").read_bytes()
    second = export_template(bundled, tmp_path / "two.zip").read_bytes()

    assert first == second


def test_exporting_into_a_folder_names_the_pack_after_id_and_version(tmp_path: Path) -> None:
    out = export_template(resolve_template(NAVY), tmp_path)

    assert out == tmp_path / "navy-1.0.0.zip"
    assert [p.name for p in tmp_path.iterdir()] == ["navy-1.0.0.zip"]  # no temporary file left


def test_a_template_without_manifest_is_exported_with_a_generated_one(
    corpus: Path, tmp_path: Path
) -> None:
    source = corpus / "templates" / GERMAN
    loose = TemplateEntry(source.stem, source.stem, "0", source, "file")

    pack = export_template(loose, tmp_path / "german.zip")
    entry = import_template(pack, tmp_path / "root")

    assert entry.id == "automizer-slidewithcharts"
    assert entry.version == "1.0.0"
    assert entry.path.read_bytes() == source.read_bytes()
    assert entry.manifest is not None and entry.manifest.roles["title"] == "Titelfolie"


def test_an_entry_whose_manifest_is_not_beside_its_file_is_exported_from_the_manifest(
    tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "copy" / "house style.pptx"
    elsewhere.parent.mkdir()
    shutil.copy(NAVY / "template.pptx", elsewhere)
    manifest = read_manifest(NAVY / "manifest.toml")
    entry = TemplateEntry("navy", "Navy", "1.0.0", elsewhere, "file", manifest)

    installed = import_template(export_template(entry, tmp_path / "navy.zip"), tmp_path / "root")

    assert installed.manifest is not None
    assert installed.manifest.palette == manifest.palette
    assert installed.manifest.roles == manifest.roles
    assert installed.manifest.marking == manifest.marking
    assert installed.manifest.file == "template.pptx"
    assert installed.path.read_bytes() == elsewhere.read_bytes()


def test_reimporting_an_installed_folder_onto_itself_keeps_it_whole(tmp_path: Path) -> None:
    root = tmp_path / "root"
    first = import_template(NAVY, root)
    before = snapshot(root)

    again = import_template(first.path.parent, root)

    assert again.path == first.path
    assert snapshot(root) == before


def test_exporting_a_lock_file_is_refused_and_writes_nothing(corpus: Path, tmp_path: Path) -> None:
    source = corpus / "bad" / LOCK_FILE
    entry = TemplateEntry("lock", "lock", "0", source, "file")

    with pytest.raises(TemplateError, match="lock file"):
        export_template(entry, tmp_path / "lock.zip")

    assert list(tmp_path.iterdir()) == []


# -- versions -----------------------------------------------------------------------------------


def test_an_older_version_does_not_replace_a_newer_one(tmp_path: Path) -> None:
    root = tmp_path / "root"
    installed_navy(root, "2.1.0")
    before = snapshot(root)
    old = make_pack(tmp_path / "old.zip", {**navy_files(), "manifest.toml": manifest_with("1.4")})

    with pytest.raises(TemplateError) as refused:
        import_template(old, root)

    message = str(refused.value)
    assert "2.1.0" in message and "1.4" in message and "old.zip" in message
    assert snapshot(root) == before


def test_overwrite_replaces_a_newer_version_with_an_older_one(tmp_path: Path) -> None:
    root = tmp_path / "root"
    installed_navy(root, "2.1.0")
    old = make_pack(tmp_path / "old.zip", {**navy_files(), "manifest.toml": manifest_with("1.4")})

    entry = import_template(old, root, overwrite=True)

    assert entry.version == "1.4"
    assert read_manifest(root / "navy" / "manifest.toml").version == "1.4"
    assert sorted(p.name for p in root.iterdir()) == ["navy"]


@pytest.mark.parametrize("version", ["2.1.0", "2.10.0"])
def test_the_same_or_a_newer_version_replaces_the_installed_one(
    tmp_path: Path, version: str
) -> None:
    root = tmp_path / "root"
    installed_navy(root, "2.1.0")

    entry = installed_navy(root, version)

    assert read_manifest(root / "navy" / "manifest.toml").version == version
    assert entry.version == version
    assert sorted(p.name for p in root.iterdir()) == ["navy"]


def test_a_folder_in_the_way_that_is_not_a_template_is_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "navy").mkdir(parents=True)
    (root / "navy" / "notes.txt").write_text("mine", encoding="utf-8")
    before = snapshot(root)

    with pytest.raises(TemplateError, match="not an installed template folder"):
        import_template(NAVY, root, overwrite=True)

    assert snapshot(root) == before


def test_a_failure_while_swapping_folders_keeps_the_installed_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "root"
    installed_navy(root, "1.0.0")
    before = snapshot(root)
    real_rename = os.rename

    def failing_rename(src: str | Path, dst: str | Path) -> None:
        if ".importing-" in str(src):
            raise OSError(28, "No space left on device")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", failing_rename)

    with pytest.raises(TemplateError, match="No space left"):
        installed_navy(root, "1.1.0")

    assert snapshot(root) == before


# -- refusals -----------------------------------------------------------------------------------


def bomb() -> bytes:
    return bytes(60 * 1024 * 1024)  # 60 MB of zeros: compresses about a thousand times


REFUSED_PACKS: dict[str, tuple[dict[str, bytes], str]] = {
    "traversal": ({**navy_files(), "../evil.pptx": b"x"}, "points outside"),
    "nested traversal": ({**navy_files(), "docs/../../evil.txt": b"x"}, "points outside"),
    "absolute path": ({**navy_files(), "/etc/cron.d/evil": b"x"}, "absolute path"),
    "drive letter": ({**navy_files(), "C:/Windows/evil.dll": b"x"}, "absolute path"),
    "backslash": ({**navy_files(), "..\\evil.pptx": b"x"}, "backslashes"),
    "too many entries": (
        {**navy_files(), **{f"README{i}.txt": b"" for i in range(49)}},
        "at most 50",
    ),
    "unexpected type": ({**navy_files(), "install.exe": b"MZ"}, "no place in a template pack"),
    "sub-folder": ({**navy_files(), "extra/README.md": b"hi"}, "sub-folder"),
    "two templates": ({**navy_files(), "other.potx": b"PK"}, "2 template files"),
    "no manifest": ({"template.pptx": navy_files()["template.pptx"]}, "no manifest.toml"),
    "no template": ({"manifest.toml": navy_files()["manifest.toml"]}, "0 template files"),
    "a pptx renamed .zip": ({"[Content_Types].xml": b"<Types/>", "ppt/x": b""}, "PowerPoint"),
    "bad manifest": (
        {**navy_files(), "manifest.toml": b"id = [unclosed"},
        "manifest.toml in pack.zip: not valid TOML",
    ),
    "manifest names another file": (
        {**navy_files(), "manifest.toml": manifest_with(**{'"template.pptx"': '"x.pptx"'})},
        "names the template file 'x.pptx'",
    ),
    "role names a missing layout": (
        {**navy_files(), "manifest.toml": manifest_with(**{'"Closing"': '"Schluss"'})},
        "'Schluss'",
    ),
    "damaged template": (
        {"manifest.toml": navy_files()["manifest.toml"], "template.pptx": b"PK\x03\x04broken"},
        "damaged",
    ),
    "thumbnail not a png": ({**navy_files(), "thumbnail.png": b"GIF89a"}, "not a PNG"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_PACKS))
def test_an_unsafe_or_broken_pack_is_refused_and_the_destination_is_unchanged(
    tmp_path: Path, case: str
) -> None:
    entries, expected = REFUSED_PACKS[case]
    pack = make_pack(tmp_path / "pack.zip", entries)
    root = tmp_path / "root"
    installed_navy(root, "1.0.0")
    (tmp_path / "navy-1.0.0.zip").unlink()
    before = snapshot(root)

    with pytest.raises(TemplateError) as refused:
        import_template(pack, root)

    assert expected in str(refused.value)
    assert "pack.zip" in str(refused.value)
    assert "\n" not in str(refused.value)
    assert snapshot(root) == before


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    pack = make_pack(
        tmp_path / "bomb.zip",
        {"manifest.toml": navy_files()["manifest.toml"], "template.pptx": bomb()},
    )
    assert pack.stat().st_size < 1024 * 1024
    root = tmp_path / "root"

    with pytest.raises(TemplateError, match="zip bomb"):
        import_template(pack, root)

    assert snapshot(root) is None


def test_a_pack_larger_than_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = make_pack(tmp_path / "big.zip", navy_files(), level=zipfile.ZIP_STORED)
    monkeypatch.setattr(sharing, "MAX_PACK_BYTES", 20_000)

    with pytest.raises(TemplateError, match="larger than a template pack may be"):
        import_template(pack, tmp_path / "root")

    assert snapshot(tmp_path / "root") is None


def test_a_pack_that_unpacks_beyond_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = make_pack(tmp_path / "big.zip", {**navy_files(), "README.txt": bytes(500_000)})
    monkeypatch.setattr(sharing, "MAX_PACK_BYTES", pack.stat().st_size + 1000)

    with pytest.raises(TemplateError, match="unpacks to"):
        import_template(pack, tmp_path / "root")

    assert snapshot(tmp_path / "root") is None


def test_a_link_inside_a_pack_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "link.zip"
    with zipfile.ZipFile(pack, "w") as archive:
        for name, data in navy_files().items():
            archive.writestr(name, data)
        link = zipfile.ZipInfo("README.md")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")

    with pytest.raises(TemplateError, match="link"):
        import_template(pack, tmp_path / "root")

    assert snapshot(tmp_path / "root") is None


def test_a_file_that_is_not_a_zip_is_refused_as_a_pack(tmp_path: Path) -> None:
    pack = tmp_path / "notes.zip"
    pack.write_text("not a zip at all", encoding="utf-8")

    with pytest.raises(TemplateError, match=r"notes\.zip is not a template pack"):
        import_template(pack, tmp_path / "root")

    assert snapshot(tmp_path / "root") is None


def test_a_truncated_pack_is_refused(tmp_path: Path) -> None:
    whole = make_pack(tmp_path / "whole.zip", navy_files()).read_bytes()
    pack = tmp_path / "cut.zip"
    pack.write_bytes(whole[: len(whole) // 2])

    with pytest.raises(TemplateError, match=r"cut\.zip"):
        import_template(pack, tmp_path / "root")

    assert snapshot(tmp_path / "root") is None


def test_an_office_lock_file_is_refused(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="lock file"):
        import_template(corpus / "bad" / LOCK_FILE, tmp_path / "root")

    assert snapshot(tmp_path / "root") is None


def test_a_lock_file_inside_a_pack_is_refused(corpus: Path, tmp_path: Path) -> None:
    lock = (corpus / "bad" / LOCK_FILE).read_bytes()
    pack = make_pack(
        tmp_path / "pack.zip",
        {"manifest.toml": navy_files()["manifest.toml"], "template.pptx": lock},
    )

    with pytest.raises(TemplateError, match="lock file"):
        import_template(pack, tmp_path / "root")

    assert snapshot(tmp_path / "root") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [("missing.pptx", "no such file"), ("slides.ppt", "not a template"), ("notes.txt", "not a")],
)
def test_other_sources_are_refused_with_a_sentence(
    tmp_path: Path, name: str, expected: str
) -> None:
    source = tmp_path / name
    if name != "missing.pptx":
        source.write_bytes(b"\xd0\xcf\x11\xe0")

    with pytest.raises(TemplateError, match=expected):
        import_template(source, tmp_path / "root")

    assert snapshot(tmp_path / "root") is None


def test_a_folder_without_manifest_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    folder.mkdir()
    shutil.copy(NAVY / "template.pptx", folder / "template.pptx")

    with pytest.raises(TemplateError, match=r"has no manifest\.toml"):
        import_template(folder, tmp_path / "root")


def test_a_pack_built_in_memory_never_touches_the_disk_when_refused(tmp_path: Path) -> None:
    """The checks run on the zip directory: nothing is unpacked for a refused pack."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.toml", navy_files()["manifest.toml"])
        archive.writestr("../../outside.pptx", b"x")
    pack = tmp_path / "evil.zip"
    pack.write_bytes(buffer.getvalue())

    with pytest.raises(TemplateError):
        import_template(pack, tmp_path / "a" / "b" / "root")

    assert not (tmp_path / "outside.pptx").exists()
    assert not (tmp_path / "a").exists()
