"""The command line, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=None if env is None else {**os.environ, **env},
        timeout=300,
        check=False,
    )


class DescribeTheCommandLine:
    def it_writes_the_default_deck(self, tmp_path: Path) -> None:
        out = tmp_path / "d.pptx"
        done = run("demo", "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert "Wrote" in done.stdout
        assert len(Presentation(str(out)).slides) >= 11

    def it_writes_a_project_that_builds(self, tmp_path: Path) -> None:
        project = tmp_path / "nato.briefing"
        done = run("new", "-o", str(project), "--date", "2025-10-01")
        assert done.returncode == 0, done.stderr
        doc = json.loads(project.read_text(encoding="utf-8"))
        assert doc["schema_version"] >= 1
        assert doc["briefing"]["date"] == "2025-10-01"
        doc["briefing"]["title"] = "State of NATO: October"
        project.write_text(json.dumps(doc), encoding="utf-8")
        deck = tmp_path / "deck.pptx"
        done = run("build", str(project), "-o", str(deck))
        assert done.returncode == 0, done.stderr
        prs = Presentation(str(deck))
        assert prs.slides[0].shapes.title.text_frame.text == "State of NATO: October"

    def it_refuses_to_overwrite_a_project_without_force(self, tmp_path: Path) -> None:
        project = tmp_path / "nato.briefing"
        project.write_text("keep me", encoding="utf-8")
        done = run("new", "-o", str(project))
        assert done.returncode == 1
        assert "already exists" in done.stderr
        assert project.read_text(encoding="utf-8") == "keep me"

    def it_lists_impressions_with_their_folder(self) -> None:
        done = run("impressions", "list")
        assert done.returncode == 0
        lines = done.stdout.splitlines()
        assert any(line.startswith("russia ") and "bundled" in line for line in lines)
        assert len(lines) == 10

    @pytest.mark.parametrize(
        "content, expected",
        [
            (b"", "not a briefing project"),
            (b"{not json", "not valid JSON"),
            (b'{"schema_version": 99, "briefing": {}}', "newer version"),
            (b"PK\x03\x04binary", "not a briefing project"),
        ],
    )
    def it_reports_a_bad_project_in_one_line(
        self, tmp_path: Path, content: bytes, expected: str
    ) -> None:
        project = tmp_path / "bad.briefing"
        project.write_bytes(content)
        out = tmp_path / "out.pptx"
        done = run("build", str(project), "-o", str(out))
        assert done.returncode == 1
        assert expected in done.stderr
        assert "bad.briefing" in done.stderr
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert not out.exists()

    def it_shows_the_traceback_with_debug(self, tmp_path: Path) -> None:
        project = tmp_path / "bad.briefing"
        project.write_text("{", encoding="utf-8")
        done = run("--debug", "build", str(project), "-o", str(tmp_path / "o.pptx"))
        assert done.returncode == 1
        assert "Traceback" in done.stderr

    def it_reports_a_template_that_is_not_a_template(
        self, tmp_path: Path, corpus_dir: Path
    ) -> None:
        lock = corpus_dir / "bad" / "md2pptx_lockfile_Three-Item-Slide.pptx"
        out = tmp_path / "out.pptx"
        done = run("demo", "-o", str(out), "--template", str(lock))
        assert done.returncode == 1
        assert "lock file" in done.stderr
        assert "Traceback" not in done.stderr
        assert not out.exists()

    def it_never_overwrites_a_good_deck_with_a_broken_build(self, tmp_path: Path) -> None:
        out = tmp_path / "deck.pptx"
        out.write_bytes(b"previous good deck")
        done = run("demo", "-o", str(out), "--template", "no-such-template")
        assert done.returncode == 1
        assert "no-such-template" in done.stderr
        assert out.read_bytes() == b"previous good deck"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]

    @pytest.mark.parametrize(
        "command",
        [
            [],
            ["demo"],
            ["new"],
            ["build"],
            ["impressions"],
            ["impressions", "list"],
            ["templates"],
            ["templates", "list"],
            ["templates", "check"],
            ["templates", "import"],
            ["templates", "export"],
            ["templates", "map"],
            ["data", "inspect"],
            ["check"],
            ["pdf"],
        ],
    )
    def it_has_help_for_every_command(self, command: list[str]) -> None:
        done = run(*command, "--help")
        assert done.returncode == 0
        assert "usage: briefing" in done.stdout

    def it_tells_its_version(self) -> None:
        done = run("--version")
        assert done.returncode == 0
        assert done.stdout.startswith("briefing ")


class DescribeDataInspect:
    def it_shows_what_the_importer_sees_in_a_workbook(self, data_dir: Path) -> None:
        done = run(
            "data",
            "inspect",
            str(data_dir / "nato_def-exp-2024-TABLES-en.xlsx"),
            "--sheet",
            "TABLE3",
            "--rows",
            "3",
        )
        assert done.returncode == 0, done.stderr
        assert "sheet 'TABLE3'" in done.stdout
        assert "TABLE1" in done.stdout  # the sheets to choose from

    def it_refuses_binary_garbage_in_one_line(self, tmp_path: Path) -> None:
        garbage = tmp_path / "garbage.csv"
        garbage.write_bytes(b"\x00\x01\x02garbage\xff")
        done = run("data", "inspect", str(garbage))
        assert done.returncode == 1
        assert "garbage.csv" in done.stderr
        assert "Traceback" not in done.stderr


class DescribeCheck:
    def it_passes_the_default_briefing(self, tmp_path: Path, office_fonts: None) -> None:
        project = tmp_path / "nato.briefing"
        assert run("new", "-o", str(project), "--date", "2025-10-01").returncode == 0
        done = run("check", str(project))
        assert done.returncode == 0, done.stdout + done.stderr
        assert "no problems found" in done.stdout

    def it_flags_a_marking_conflict(self, tmp_path: Path) -> None:
        project = tmp_path / "nato.briefing"
        assert run("new", "-o", str(project), "--date", "2025-10-01").returncode == 0
        doc = json.loads(project.read_text(encoding="utf-8"))
        doc["briefing"]["items"][4]["marking"] = "SECRET"
        project.write_text(json.dumps(doc), encoding="utf-8")
        done = run("check", str(project))
        assert done.returncode == 1
        assert any("error" in line and "SECRET" in line for line in done.stdout.splitlines())


class DescribeAFontInstalledLater:
    def it_is_seen_by_the_next_check_with_nothing_else_done(self, tmp_path: Path) -> None:
        """Carlito hidden from fontconfig, a first check, then Carlito installed in the
        user's font folder: the next check is clean (no cache to clear, nothing to rebuild)."""
        from briefing import fonts

        if shutil.which("fc-list") is None:
            pytest.skip("fc-list is not installed; install fontconfig")
        regular, bold = fonts.find("Carlito"), fonts.find("Carlito", bold=True)
        if regular is None or bold is None:
            pytest.skip("Carlito is not installed; install fonts-crosextra-carlito")
        user_fonts = tmp_path / "user-fonts"
        user_fonts.mkdir()
        conf = tmp_path / "fonts.conf"
        conf.write_text(
            '<?xml version="1.0"?><fontconfig>'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
            f"<dir>{user_fonts}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir>"
            f"<selectfont><rejectfont><glob>{Path(regular.path).parent}/*</glob>"
            "</rejectfont></selectfont></fontconfig>",
            encoding="utf-8",
        )
        env = {"FONTCONFIG_FILE": str(conf), "MPLCONFIGDIR": str(tmp_path / "mpl")}
        project = tmp_path / "nato.briefing"
        assert run("new", "-o", str(project), env=env).returncode == 0
        first = run("check", str(project), env=env)
        assert first.returncode == 3, first.stdout + first.stderr
        assert "\u201cCalibri\u201d" in first.stdout
        assert "as a stand-in" in first.stdout
        assert "fonts-crosextra-carlito" in first.stdout

        for face in (regular, bold):
            shutil.copy(face.path, user_fonts / Path(face.path).name)
        second = run("check", str(project), env=env)
        assert second.returncode == 0, second.stdout + second.stderr
        assert "no problems found" in second.stdout


class DescribePdfExport:
    def it_writes_a_pdf_of_the_project(self, tmp_path: Path, libreoffice: str) -> None:
        project = tmp_path / "nato.briefing"
        assert run("new", "-o", str(project)).returncode == 0
        out = tmp_path / "nato.pdf"
        done = run("pdf", str(project), "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert out.read_bytes().startswith(b"%PDF")
