"""Progress and cancellation for long work, without any GUI toolkit.

The CLI passes a :class:`Progress` that does nothing; the GUI wraps one that forwards to Qt
signals and answers ``cancelled()`` from the Cancel button.
"""

from __future__ import annotations

from typing import Protocol

from briefing.errors import Cancelled


class ProgressSink(Protocol):
    def report(self, fraction: float, message: str) -> None: ...

    def cancelled(self) -> bool: ...


class Progress:
    """A sink that records the last report and can be cancelled; the default for headless use."""

    def __init__(self) -> None:
        self.fraction = 0.0
        self.message = ""
        self._cancelled = False

    def report(self, fraction: float, message: str) -> None:
        self.fraction = fraction
        self.message = message

    def cancel(self) -> None:
        self._cancelled = True

    def cancelled(self) -> bool:
        return self._cancelled


def step(progress: ProgressSink | None, fraction: float, message: str) -> None:
    """Report progress, and stop with :class:`Cancelled` when the user asked to."""
    if progress is None:
        return
    if progress.cancelled():
        raise Cancelled()
    progress.report(fraction, message)


class ScaledProgress:
    """A progress sink that maps 0..1 of a sub-task onto ``start..end`` of the whole task;
    cancelling the whole cancels the part."""

    def __init__(self, outer: ProgressSink | None, start: float, end: float) -> None:
        self.outer = outer
        self.start = start
        self.end = end

    def report(self, fraction: float, message: str) -> None:
        if self.outer is not None:
            self.outer.report(self.start + (self.end - self.start) * fraction, message)

    def cancelled(self) -> bool:
        return self.outer.cancelled() if self.outer is not None else False
