"""Acceptance fixtures: the decks the harness checks, built once per session."""

from __future__ import annotations

import pytest

from .decks import Decks


@pytest.fixture(scope="session")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Decks:
    return Decks(tmp_path_factory.mktemp("harness"))
