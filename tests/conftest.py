"""Shared fixtures: every test runs with its own user folders, never the real user's."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import paths

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BRIEFING_HOME", str(home))
    monkeypatch.delenv("BRIEFING_LIBRARY_PATH", raising=False)
    monkeypatch.delenv("BRIEFING_TEMPLATE_PATH", raising=False)
    paths.set_base_dir(home)
    yield home
    paths.set_base_dir(None)


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found beside the repo ({SHARED}); it holds the test corpus")
    return SHARED


@pytest.fixture
def corpus_dir(shared_dir: Path) -> Path:
    corpus = shared_dir / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} not found; corpus tests need ../shared/corpus")
    return corpus


@pytest.fixture
def data_dir(shared_dir: Path) -> Path:
    data = shared_dir / "data"
    if not data.is_dir():
        pytest.skip(f"{data} not found; data tests need ../shared/data")
    return data


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def libreoffice() -> str:
    found = soffice()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed, but CI must install it (.ci/run)")
        pytest.skip("LibreOffice (soffice) is not installed; install libreoffice-impress")
    return found


@pytest.fixture
def office_fonts() -> None:
    """Skip unless Calibri or its metric twin Carlito is installed (the bundled templates use
    Calibri; without either, the pre-flight check rightly warns about the font)."""
    from briefing import fonts

    fonts.forget()
    if fonts.is_installed("Calibri") or fonts.is_installed("Carlito"):
        return
    if os.environ.get("CI"):
        pytest.fail("Carlito is not installed, but CI must install it (.ci/run)")
    pytest.skip("neither Calibri nor Carlito is installed; install fonts-crosextra-carlito")
