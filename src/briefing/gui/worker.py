"""Long work off the GUI thread: a plain function that takes a progress sink runs in a QThread.

The function knows nothing of Qt (it gets a :class:`briefing.progress.ProgressSink`); the thread
forwards its reports as signals, and ``cancel()`` makes ``sink.cancelled()`` true.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from briefing.errors import Cancelled
from briefing.progress import ProgressSink

_running: set[Task] = set()


def running_tasks() -> list[Task]:
    """Tasks whose thread has not finished (tests check none is left behind)."""
    return [task for task in _running if task.isRunning()]


class _Sink:
    def __init__(self, task: Task) -> None:
        self._task = task
        self._cancel = threading.Event()

    def report(self, fraction: float, message: str) -> None:
        self._task.progress.emit(max(0.0, min(1.0, fraction)), message)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class Task(QThread):
    """Runs ``job(sink)`` once. Exactly one of ``succeeded``, ``failed`` or ``was_cancelled``
    is emitted, then ``QThread.finished``."""

    progress = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object, str)  # the exception, its traceback
    was_cancelled = Signal()

    def __init__(self, job: Callable[[ProgressSink], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.sink = _Sink(self)
        self.finished.connect(self._forget)

    def start_task(self) -> None:
        _running.add(self)
        self.start()

    def cancel(self) -> None:
        self.sink.cancel()

    def cancel_requested(self) -> bool:
        return self.sink.cancelled()

    def run(self) -> None:
        try:
            result = self._job(self.sink)
        except Cancelled:
            self.was_cancelled.emit()
        except BaseException as exc:  # reported to the user; never kills the app
            self.failed.emit(exc, traceback.format_exc())
        else:
            self.succeeded.emit(result)

    def _forget(self) -> None:
        _running.discard(self)
