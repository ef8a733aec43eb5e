"""Content libraries: bundled, user and team folders of impressions, merged by id."""

from briefing.library.loader import (
    LIBRARY_PATH_ENV,
    Library,
    LibraryEntry,
    LibraryFolder,
    default_folders,
    load_impression_file,
    load_library,
)

__all__ = [
    "LIBRARY_PATH_ENV",
    "Library",
    "LibraryEntry",
    "LibraryFolder",
    "default_folders",
    "load_impression_file",
    "load_library",
]

from briefing.library.defaults import briefing_from_outline, default_briefing

__all__ += ["briefing_from_outline", "default_briefing"]
