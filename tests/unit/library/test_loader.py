"""Content libraries: bundled, user and team folders merged by id; broken files reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import paths, resources
from briefing.errors import LibraryError
from briefing.library import (
    LIBRARY_PATH_ENV,
    LibraryFolder,
    default_folders,
    load_impression_file,
    load_library,
)

BUNDLED_IDS = {
    "bottom-line",
    "china",
    "counterpoint-sceptical-view",
    "counterpoint-us-weapons",
    "rebalancing",
    "russia",
    "spending",
    "ukraine",
    "unity",
    "waiting-for-washington",
}


def impression_toml(id: str, title: str = "A finding worth a slide") -> str:
    return (
        f'id = "{id}"\n'
        f'title = "{title}"\n'
        'key_judgement = "One sentence that says what it means."\n'
        'points = ["First point", "Second point", "Third point"]\n'
    )


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def bundled_path(id: str) -> Path:
    return resources.resource_path(f"library/{id}.toml")


# -- the bundled library ------------------------------------------------------------------------


def test_the_bundled_library_loads_all_ten_impressions_without_problems() -> None:
    library = load_library()

    assert library.problems == []
    assert set(library.entries) == BUNDLED_IDS
    assert {e.folder.kind for e in library.entries.values()} == {"bundled"}
    assert all(e.overrides == () for e in library.entries.values())


def test_the_bundled_impressions_match_the_files_that_ship() -> None:
    shipped = {p.stem for p in resources.resource_path("library").glob("*.toml")}

    assert shipped == BUNDLED_IDS


# -- overrides ----------------------------------------------------------------------------------


def test_a_user_file_with_a_bundled_id_overrides_it_and_records_the_bundled_path() -> None:
    user_file = write(
        paths.user_library_dir(), "unity.toml", impression_toml("unity", "Our own view of unity")
    )

    library = load_library()

    entry = library.entries["unity"]
    assert library.get("unity").title == "Our own view of unity"
    assert entry.path == user_file
    assert entry.folder.kind == "user"
    assert entry.overrides == (bundled_path("unity"),)
    assert len(library.entries) == len(BUNDLED_IDS)


def test_a_team_folder_from_the_environment_overrides_the_user_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_file = write(
        paths.user_library_dir(), "unity.toml", impression_toml("unity", "The user's view of unity")
    )
    team_file = write(
        tmp_path / "team", "unity.toml", impression_toml("unity", "The team's view of unity")
    )
    monkeypatch.setenv(LIBRARY_PATH_ENV, str(tmp_path / "team"))

    library = load_library()

    entry = library.entries["unity"]
    assert library.get("unity").title == "The team's view of unity"
    assert entry.path == team_file
    assert entry.folder.kind == "team"
    assert entry.overrides == (bundled_path("unity"), user_file)


def test_the_folders_are_read_bundled_then_user_then_team(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LIBRARY_PATH_ENV, str(tmp_path / "team"))

    kinds = [folder.kind for folder in default_folders()]
    folder_paths = [folder.path for folder in default_folders()]

    assert kinds == ["bundled", "user", "team"]
    assert folder_paths[1] == paths.user_library_dir()
    assert folder_paths[2] == tmp_path / "team"


def test_a_new_id_in_a_user_folder_is_added_beside_the_bundled_ones() -> None:
    write(paths.user_library_dir(), "baltic-sea.toml", impression_toml("baltic-sea"))

    library = load_library()

    assert set(library.entries) == BUNDLED_IDS | {"baltic-sea"}
    assert library.entries["baltic-sea"].overrides == ()


# -- broken files -------------------------------------------------------------------------------


def test_a_file_with_a_toml_syntax_error_is_reported_with_its_line_and_the_rest_still_load(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "team"
    write(folder, "alpha.toml", impression_toml("alpha"))
    broken = write(
        folder,
        "broken.toml",
        'id = "broken"\n'
        'title = "A title"\n'
        'key_judgement = "A judgement."\n'
        'points = ["one", "two" "three"]\n',  # line 4: a comma is missing
    )
    write(folder, "omega.toml", impression_toml("omega"))

    library = load_library([LibraryFolder(folder, "team")])

    assert set(library.entries) == {"alpha", "omega"}
    assert len(library.problems) == 1
    message = str(library.problems[0])
    assert f"{broken}, line 4" in message
    assert "not valid TOML" in message
    assert library.problems[0].path == broken


def test_a_missing_required_field_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "unity.toml", 'id = "unity"\ntitle = "A title"\npoints = ["a"]\n')

    with pytest.raises(LibraryError) as caught:
        load_impression_file(path)

    assert str(path) in str(caught.value)
    assert "the required field 'key_judgement' is missing" in str(caught.value)


def test_points_written_as_a_string_are_reported_at_the_line_of_the_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "unity.toml",
        'id = "unity"\n'
        'title = "A title"\n'
        'key_judgement = "A judgement."\n'
        "\n"
        'points = "one, two, three"\n',
    )

    with pytest.raises(LibraryError) as caught:
        load_impression_file(path)

    assert f"{path}, line 5" in str(caught.value)
    assert "'points' must be a list of texts" in str(caught.value)


def test_an_id_that_differs_from_the_file_name_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "unity.toml", impression_toml("cohesion"))

    with pytest.raises(LibraryError) as caught:
        load_impression_file(path)

    message = str(caught.value)
    assert f"{path}, line 1" in message
    assert "'cohesion' differs from the file name 'unity'" in message


def test_a_file_that_is_not_utf8_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "unity.toml"
    path.write_bytes(impression_toml("unity", "Zusammenhalt in Br\u00fcssel").encode("latin-1"))

    with pytest.raises(LibraryError) as caught:
        load_impression_file(path)

    assert str(path) in str(caught.value)
    assert "is not UTF-8 text" in str(caught.value)
    assert "save it as UTF-8" in str(caught.value)


def test_a_file_whose_impression_breaks_the_rules_is_skipped_with_the_rule_named(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "team"
    write(folder, "alpha.toml", impression_toml("alpha"))
    write(
        folder,
        "two-points.toml",
        'id = "two-points"\ntitle = "A title"\nkey_judgement = "A judgement."\n'
        'points = ["one", "two"]\n',
    )

    library = load_library([LibraryFolder(folder, "team")])

    assert set(library.entries) == {"alpha"}
    assert len(library.problems) == 1
    assert "has 2 key points" in str(library.problems[0])


def test_a_missing_folder_is_simply_empty(tmp_path: Path) -> None:
    library = load_library([LibraryFolder(tmp_path / "nowhere", "team")])

    assert library.entries == {}
    assert library.problems == []


def it_reads_the_team_folders_named_in_the_settings(tmp_path: Path) -> None:
    from briefing.library import load_library
    from briefing.settings import Settings, save_settings

    team = tmp_path / "team-share"
    team.mkdir()
    (team / "russia.toml").write_text(
        'id = "russia"\ntitle = "Russia, as our team sees it"\n'
        'key_judgement = "Our team words this differently."\n'
        'points = ["One", "Two", "Three"]\n',
        encoding="utf-8",
    )
    save_settings(Settings(team_library_dirs=[str(team)]))
    library = load_library()
    entry = library.entries["russia"]
    assert entry.impression.title == "Russia, as our team sees it"
    assert entry.folder.kind == "team"
