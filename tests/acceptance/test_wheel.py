"""A non-editable install finds its resources and templates: build the wheel, install it into a
fresh virtual environment and run ``briefing demo`` from there, far from the checkout."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def it_installs_from_a_wheel_and_writes_the_demo_deck(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(wheels),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("briefing-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefing/_resources/library/russia.toml" in names
    assert any(n.startswith("briefing/_templates/") and n.endswith(".pptx") for n in names)

    env_dir = tmp_path / "fresh"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    # The fresh environment borrows this one's third-party packages (no network needed) but
    # not its editable briefing: .pth paths are not themselves scanned for .pth files.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import briefing; print(briefing.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=elsewhere,
    ).stdout.strip()
    assert Path(where).is_relative_to(env_dir), where

    out = elsewhere / "demo.pptx"
    script = env_dir / ("Scripts/briefing.exe" if sys.platform == "win32" else "bin/briefing")
    done = subprocess.run(
        [str(script), "demo", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(Presentation(str(out)).slides) >= 11
