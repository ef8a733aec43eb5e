"""The desktop app: PySide6 only here. Widgets adapt the core; they hold no deck logic.

Start-up imports neither pandas, matplotlib nor python-pptx: deck building is imported inside
the worker that runs it.
"""

from briefing.gui.qtfix import guard_none_refcount

guard_none_refcount()
