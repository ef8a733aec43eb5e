"""GUI fixtures: Qt runs offscreen; every window is closed and no worker thread outlives a test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from briefing.deck.registry import list_templates
from briefing.gui.main_window import MainWindow
from briefing.gui.worker import running_tasks

NEEDED_TEMPLATES = ("navy", "paper")

# The offscreen platform cannot pass size limits to a window manager and warns whenever a
# window's minimum size changes (dialogs do when shown); that is the test platform, not the app.
OFFSCREEN_ONLY = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in item.nodeid.replace("\\", "/") or item.nodeid.startswith("gui/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_ONLY))


@pytest.fixture(scope="session")
def fallback_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plain templates named like the bundled ones, for a checkout whose templates/ is empty."""
    from pptx import Presentation

    folder = tmp_path_factory.mktemp("templates")
    for name in NEEDED_TEMPLATES:
        Presentation().save(str(folder / f"{name}.pptx"))
    return folder


@pytest.fixture(autouse=True)
def templates(
    isolated_home: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = list_templates().entries
    if not all(name in known for name in NEEDED_TEMPLATES):
        folder = request.getfixturevalue("fallback_templates")
        monkeypatch.setenv("BRIEFING_TEMPLATE_PATH", str(folder))


class Answers:
    """Stands in for the user at QMessageBox.question: answers in order, then ``default``."""

    def __init__(self, default: QMessageBox.StandardButton) -> None:
        self.queue: list[QMessageBox.StandardButton] = []
        self.default = default
        self.asked: list[str] = []

    def __call__(self, _parent: object, title: str, text: str, *args: object) -> object:
        self.asked.append(f"{title}: {text}")
        return self.queue.pop(0) if self.queue else self.default


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Dialog answers; by default "Discard" so closing a modified window never blocks."""
    fake = Answers(QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "question", fake)
    return fake


@pytest.fixture
def make_window(qtbot: QtBot, answers: Answers) -> Iterator[Callable[..., MainWindow]]:
    """Build main windows that are shown, then closed (and their threads ended) at the end."""
    made: list[MainWindow] = []

    def make(*args: object, **kwargs: object) -> MainWindow:
        window = MainWindow(*args, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        if window.exports.task is not None:
            window.exports.task.cancel()
            window.exports.task.wait(60_000)
        window.close()
    qtbot.waitUntil(lambda: not running_tasks(), timeout=60_000)
    assert not running_tasks(), "a worker thread outlived the test"


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()
