"""The guard against PySide6 6.12.0's lost references to None, True and False (Python 3.11)."""

from __future__ import annotations

import subprocess
import sys

from briefing.gui import qtfix


def test_none_true_and_false_survive_many_qt_calls() -> None:
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import briefing.gui\n"
        "from PySide6.QtCore import QObject, Signal\n"
        "class Emitter(QObject):\n"
        "    flag = Signal(bool)\n"
        "probe = Emitter()\n"
        "probe.flag.connect(lambda _on: None)\n"
        "for _ in range(50_000):\n"
        "    probe.setObjectName('x')\n"  # returns nothing: the bug takes a None
        "    probe.flag.emit(True)\n"  # a bool through a signal: the bug takes a True
        "    probe.flag.emit(False)\n"
        "print('survived')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived"


def test_the_guard_is_applied_only_when_needed() -> None:
    if qtfix.pyside_drops_none():
        assert qtfix.guard_none_refcount()
        assert sys.getrefcount(None) > 2**39
    else:
        assert not qtfix.guard_none_refcount()
