"""Protective markings: their order (to roll item markings up) and their banner colours."""

from __future__ import annotations

from dataclasses import dataclass

# Lowest to highest. Two schemes side by side; a NATO marking ranks just above its national twin.
ORDER: tuple[str, ...] = (
    "UNCLASSIFIED",
    "NATO UNCLASSIFIED",
    "RESTRICTED",
    "NATO RESTRICTED",
    "CONFIDENTIAL",
    "NATO CONFIDENTIAL",
    "SECRET",
    "NATO SECRET",
    "TOP SECRET",
    "COSMIC TOP SECRET",
)

_COLOURS = {
    "UNCLASSIFIED": "#007A33",
    "RESTRICTED": "#B35900",
    "CONFIDENTIAL": "#0033A0",
    "SECRET": "#C8102E",
    "TOP SECRET": "#E35205",
}
CUSTOM_COLOUR = "#5B6770"


@dataclass(frozen=True)
class Marking:
    text: str

    @property
    def normalised(self) -> str:
        return " ".join(self.text.upper().split())

    @property
    def rank(self) -> int | None:
        """Position in :data:`ORDER`, or None for a custom marking (not comparable)."""
        try:
            return ORDER.index(self.normalised)
        except ValueError:
            return None

    @property
    def colour(self) -> str:
        name = self.normalised.removeprefix("NATO ").removeprefix("COSMIC ")
        return _COLOURS.get(name, CUSTOM_COLOUR)


def highest(markings: list[str]) -> tuple[str, list[str]]:
    """The marking a whole briefing must carry, and warnings about markings that cannot be
    compared. Empty markings are ignored; custom markings win only when nothing is ranked."""
    present = [Marking(m) for m in markings if m.strip()]
    ranked = [m for m in present if m.rank is not None]
    custom = sorted({m.normalised for m in present if m.rank is None})
    warnings = [
        f"The marking {c!r} is not a standard one; check that the briefing's marking covers it."
        for c in custom
    ]
    if ranked:
        top = max(ranked, key=lambda m: m.rank or 0)
        return top.normalised, warnings
    return (custom[0] if custom else ""), warnings
