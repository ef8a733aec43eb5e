"""A rectangle on a slide, in EMU: the one geometry type the plan, the art and the writer share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """A rectangle in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def area(self) -> int:
        return max(self.width, 0) * max(self.height, 0)

    def inside(self, width: int, height: int, slack: int = 0) -> bool:
        return (
            self.left >= -slack
            and self.top >= -slack
            and self.right <= width + slack
            and self.bottom <= height + slack
        )
