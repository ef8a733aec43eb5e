"""Project files: versioned JSON that round-trips, migrates, refuses the future and saves
atomically."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import BinaryIO

import pytest

from briefing import atomic, project
from briefing.errors import ProjectFileError
from briefing.model import (
    Briefing,
    ChartItem,
    ChartSpec,
    Impression,
    ImpressionItem,
    SectionItem,
    Source,
    TextItem,
)
from briefing.model.chart import ReferenceLine


def a_full_briefing() -> Briefing:
    """A briefing with every kind of item and most fields set away from their defaults."""
    daalder = Source("World Review: The State of NATO", "Ivo Daalder", "2025-09", "https://x.test")
    spending = ChartSpec(
        id="spending-2025",
        dataset="defence-spending",
        kind="bar",
        measure="share_of_gdp",
        countries=["allies"],
        years=[2025],
        sort="desc",
        top_n=10,
        highlight=["Poland"],
        reference_lines=[ReferenceLine(2.0, "2% guideline")],
        data_labels=True,
        number_format='0.0"%"',
        python_format="{:.1f}%",
        x_title="",
        title="Who spends what",
        source_note="NATO, 2025",
    )
    trend = ChartSpec(
        id="trend",
        dataset="defence-spending",
        kind="line",
        years=(2014, 2025),
        series_by="country",
        countries=["Germany", "France"],
        renderer="image",
    )
    return Briefing(
        title="The State of NATO",
        subtitle="Impressions from headquarters",
        author="Policy Planning",
        organisation="Ministry",
        date=dt.date(2025, 10, 1),
        audience="Ministers",
        marking="OFFICIAL",
        template="navy",
        items=[
            SectionItem("An alliance in transformation", "Unity and money", notes="Open here"),
            ImpressionItem(
                Impression(
                    id="unity",
                    title="The summit pulled the alliance together",
                    key_judgement="The pledge steadied NATO for now.",
                    points=["One \u2013 with a dash", "Two \u201cquoted\u201d", "Three"],
                    narrative="Long text.\n\nTwo paragraphs.",
                    notes="- speak slowly",
                    sources=[daalder],
                    tags=["alliance"],
                    charts=["spending-2025"],
                    optional=True,
                    order=10,
                ),
                chart=spending,
                marking="SECRET",
            ),
            ChartItem(
                "Spending since 2014",
                trend,
                message="Up every year",
                notes="n",
                sources=[daalder],
                marking="OFFICIAL",
            ),
            TextItem("Questions", ["What next?", "Who pays?"], notes="Close"),
        ],
    )


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- round trip ---------------------------------------------------------------------------------


def test_a_saved_briefing_opens_equal_to_the_original(tmp_path: Path) -> None:
    original = a_full_briefing()
    path = tmp_path / "nato.briefing"

    project.save_project(original, path)
    reopened = project.open_project(path)

    assert reopened == original
    assert reopened.items[2].chart.years == (2014, 2025)  # type: ignore[union-attr]


def test_a_saved_file_states_its_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "nato.briefing"

    project.save_project(a_full_briefing(), path)

    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 2


# -- versions -----------------------------------------------------------------------------------


def test_a_version_1_file_with_a_classification_opens_with_that_marking(tmp_path: Path) -> None:
    path = tmp_path / "old.briefing"
    path.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "briefing": {
                    "title": "Old briefing",
                    "date": "2024-05-01",
                    "classification": "NATO RESTRICTED",
                    "items": [{"kind": "section", "uid": "abc123", "title": "Part one"}],
                },
            }
        ),
        encoding="utf-8",
    )

    briefing = project.open_project(path)

    assert briefing.marking == "NATO RESTRICTED"
    assert briefing.title == "Old briefing"
    assert briefing.items == [SectionItem("Part one", uid="abc123")]


def test_a_file_from_a_newer_version_is_refused_with_advice_to_update(tmp_path: Path) -> None:
    path = tmp_path / "future.briefing"
    doc = json.loads(project.dumps(a_full_briefing()))
    doc["schema_version"] = 99
    path.write_text(json.dumps(doc), encoding="utf-8")

    with pytest.raises(ProjectFileError) as caught:
        project.open_project(path)

    message = str(caught.value)
    assert "future.briefing" in message
    assert "newer version" in message
    assert "99" in message
    assert "Update briefing" in message


# -- damaged or wrong files ---------------------------------------------------------------------


def test_invalid_json_is_reported_with_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.briefing"
    path.write_text(
        '{\n  "schema_version": 2,\n  "briefing": {"title": "x",,}\n}\n', encoding="utf-8"
    )

    with pytest.raises(ProjectFileError) as caught:
        project.open_project(path)

    message = str(caught.value)
    assert str(path) in message
    assert "not valid JSON (line 3" in message


def test_a_presentation_given_as_a_project_is_refused_plainly(tmp_path: Path) -> None:
    from pptx import Presentation

    path = tmp_path / "deck.pptx"
    Presentation().save(str(path))

    with pytest.raises(ProjectFileError) as caught:
        project.open_project(path)

    message = str(caught.value)
    assert "deck.pptx" in message
    assert "not a briefing project" in message
    assert "Traceback" not in message


def test_a_missing_field_is_reported_with_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "nato.briefing"
    doc = json.loads(project.dumps(a_full_briefing()))
    del doc["briefing"]["items"][3]["title"]
    path.write_text(json.dumps(doc), encoding="utf-8")

    with pytest.raises(ProjectFileError) as caught:
        project.open_project(path)

    assert "briefing.items[3].title: missing" in str(caught.value)


# -- atomic saves -------------------------------------------------------------------------------


def test_a_failed_rename_leaves_the_old_file_byte_identical_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "nato.briefing"
    project.save_project(a_full_briefing(), path)
    before = path.read_bytes()

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    changed = a_full_briefing()
    changed.title = "A different title"

    with pytest.raises(ProjectFileError) as caught:
        project.save_project(changed, path)

    assert "the previous file is unchanged" in str(caught.value)
    assert "No space left on device" in str(caught.value)
    assert path.read_bytes() == before
    assert folder_listing(tmp_path) == ["nato.briefing"]


def test_a_writer_that_fails_half_way_leaves_the_old_file_byte_identical_and_no_temp_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "nato.briefing"
    project.save_project(a_full_briefing(), path)
    before = path.read_bytes()

    def half_then_crash(handle: BinaryIO) -> None:
        handle.write(before[: len(before) // 2])
        raise RuntimeError("the power went out")

    with pytest.raises(RuntimeError, match="the power went out"):
        atomic.atomic_write_with(path, half_then_crash)

    assert path.read_bytes() == before
    assert folder_listing(tmp_path) == ["nato.briefing"]


def test_a_failed_first_save_leaves_no_file_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)

    with pytest.raises(ProjectFileError):
        project.save_project(a_full_briefing(), tmp_path / "new.briefing")

    assert folder_listing(tmp_path) == []


def test_a_successful_save_replaces_the_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "nato.briefing"
    project.save_project(a_full_briefing(), path)
    changed = a_full_briefing()
    changed.title = "A different title"

    project.save_project(changed, path)

    assert project.open_project(path).title == "A different title"
    assert folder_listing(tmp_path) == ["nato.briefing"]
    assert path.read_bytes() == project.dumps(changed).encode("utf-8")


def it_writes_files_with_the_usual_permissions(tmp_path: Path) -> None:
    import os
    import stat

    from briefing.atomic import atomic_write_bytes

    target = tmp_path / "deck.pptx"
    atomic_write_bytes(target, b"data")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
