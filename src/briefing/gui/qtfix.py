"""A guard against a reference-counting bug of PySide6 6.12.0 on Python 3.11.

That release drops one reference to ``None`` each time Python calls a Qt method that returns
nothing (``widget.setEnabled(True)``...), and one to ``True`` or ``False`` each time a signal is
emitted with one. Python 3.12 made these objects immortal, so only older Pythons notice, and
they abort ("none_dealloc: deallocating None") once a count reaches zero: after some ten
thousand calls, minutes into a session. PySide6 6.11 is not affected; the project should not
install 6.12.0 on Python 3.11.

:func:`guard_none_refcount` measures whether the running PySide6 has the bug and, if it has,
gives ``None``, ``True`` and ``False`` reference counts they cannot use up, which is what
Python 3.12 does for them.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

_PROBES = 64
_BALLAST = 1 << 40  # references; the bug takes one per call
_guarded = False


def pyside_drops_none() -> bool:
    """True when calling a Qt method that returns nothing loses a reference to None."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal: the bug cannot hurt
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    return lost >= _PROBES // 2


def guard_none_refcount() -> bool:
    """Compensate for the bug when this PySide6 has it; True when it did (once per process)."""
    global _guarded
    if _guarded or sys.implementation.name != "cpython" or hasattr(sys, "getobjects"):
        return _guarded  # only plain CPython builds keep ob_refcnt first in every object
    if not pyside_drops_none():
        return False
    for singleton in (None, True, False):
        before = sys.getrefcount(singleton)
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += _BALLAST
        if sys.getrefcount(singleton) - before != _BALLAST:  # not the field we meant: undo
            refcount.value -= _BALLAST
            return False
    _guarded = True
    return True
