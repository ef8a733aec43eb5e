"""Item-data roles shared by the Qt models and the delegates that paint them."""

from __future__ import annotations

from PySide6.QtCore import Qt

_BASE = int(Qt.ItemDataRole.UserRole)

KIND = _BASE + 1  # "title", "agenda", "impression", "section", "chart", "text", "sources", "tag"
SUBTITLE = _BASE + 2  # the second line under the title
UID = _BASE + 3  # an item's uid ("" for automatic slides)
KEY = _BASE + 4  # a row's stable key
NUMBER = _BASE + 5  # slide number
BADGE = _BASE + 6  # a short label such as "Section divider"
PROBLEMS = _BASE + 7  # problems to fix, one per line ("" when none)
IMPRESSION_ID = _BASE + 8
SEARCH = _BASE + 9  # every searchable text of a row
