"""One family of errors, each phrased for the person who has to act on it.

The CLI and the GUI turn a :class:`BriefingError` into a message; anything else is a bug and
is reported as one.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: the CLI starts faster
if TYPE_CHECKING:
    from pathlib import Path


class BriefingError(Exception):
    """An error the user can do something about.

    ``message`` says what is wrong; ``hint`` (optional) says what to do about it; ``path`` names
    the file concerned, when there is one.
    """

    def __init__(self, message: str, *, hint: str = "", path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if path is not None:
            from pathlib import Path

            self.path: Path | None = Path(path)
        else:
            self.path = None

    def __str__(self) -> str:
        text = self.message
        if self.path is not None and self.path.name not in text:
            text = f"{self.path}: {text}"
        if self.hint:
            text = f"{text} {self.hint}"
        return text


class ValidationError(BriefingError):
    """A briefing or impression breaks a rule (empty title, a point too long for a slide...)."""

    def __init__(self, problems: list[str], *, path: Path | str | None = None) -> None:
        self.problems = list(problems)
        summary = (
            problems[0]
            if len(problems) == 1
            else f"{len(problems)} problems: " + "; ".join(problems)
        )
        super().__init__(summary, path=path)


class LibraryError(BriefingError):
    """A content-library file could not be read."""


class ProjectFileError(BriefingError):
    """A project file could not be opened or saved."""


class DataImportError(BriefingError):
    """A data file could not be turned into a table."""


class ChartError(BriefingError):
    """A chart spec does not fit its data."""


class TemplateError(BriefingError):
    """A slide template could not be opened or used."""


class ExportError(BriefingError):
    """A deck could not be written or converted."""


class Cancelled(BriefingError):
    """The user cancelled a long operation."""

    def __init__(self) -> None:
        super().__init__("Cancelled.")
