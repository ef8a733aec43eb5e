"""Short jobs off the GUI thread (chart previews, import previews) on one shared thread pool.

A job is a plain function; its result (or exception) comes back on the GUI thread through one
relay object that lives as long as the app, so a window that closes while a job runs is never
called back: its callbacks are dropped when their owner is gone.

Long jobs that report progress and can be cancelled (exports) use :mod:`briefing.gui.worker`.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Done = Callable[[Any], None]
Failed = Callable[[BaseException, str], None]


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int, object, str)


@dataclass
class _Callbacks:
    owner: QObject
    on_done: Done
    on_failed: Failed | None


class _Job(QRunnable):
    def __init__(self, token: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._token = token
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # reported on the GUI thread; never kills the app
            self._relay.failed.emit(self._token, exc, traceback.format_exc())
        else:
            self._relay.done.emit(self._token, result)


class _Background:
    def __init__(self) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(2)
        self.relay = _Relay()
        self.relay.done.connect(self._done)
        self.relay.failed.connect(self._failed)
        self.waiting: dict[int, _Callbacks] = {}
        self.tokens = itertools.count(1)

    def _take(self, token: int) -> _Callbacks | None:
        callbacks = self.waiting.pop(token, None)
        if callbacks is None or not shiboken6.isValid(callbacks.owner):
            return None
        return callbacks

    def _done(self, token: int, result: object) -> None:
        callbacks = self._take(token)
        if callbacks is not None:
            callbacks.on_done(result)

    def _failed(self, token: int, exc: object, details: str) -> None:
        callbacks = self._take(token)
        if callbacks is None:
            return
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        if callbacks.on_failed is not None:
            callbacks.on_failed(error, details)
        else:  # pragma: no cover - every caller passes on_failed or catches in the job
            raise error


_instance: _Background | None = None


def _background() -> _Background:
    global _instance
    if _instance is None:
        _instance = _Background()
    return _instance


def submit(
    fn: Callable[[], Any], owner: QObject, on_done: Done, on_failed: Failed | None = None
) -> int:
    """Run ``fn()`` on the pool; call ``on_done(result)`` or ``on_failed(exc, traceback)`` on
    the GUI thread, unless ``owner`` was deleted meanwhile. Returns a token for :func:`forget`."""
    bg = _background()
    token = next(bg.tokens)
    bg.waiting[token] = _Callbacks(owner, on_done, on_failed)
    bg.pool.start(_Job(token, fn, bg.relay))
    return token


def forget(token: int) -> None:
    """Do not call back for ``token`` (its result is no longer wanted)."""
    if _instance is not None:
        _instance.waiting.pop(token, None)


def pending() -> int:
    """Jobs whose callbacks have not run yet."""
    return len(_instance.waiting) if _instance is not None else 0


def wait_idle(timeout_ms: int = -1) -> bool:
    """Block until no job runs (their callbacks are delivered by the event loop later)."""
    if _instance is None:
        return True
    return _instance.pool.waitForDone(timeout_ms)
