"""Today's importer against the outcomes recorded with the cell-by-cell importer it replaced.

The corpus and how it was recorded are described in ``import_corpus.py``: a few hundred messy
files (the importer tests' own shapes, the fixtures, random tables mixing every number format,
missing marker, layout quirk and encoding), each read with ``read_table`` (strict and not),
``load_file`` and ``preview``.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from .import_corpus import GOLDEN, outcome

RECORDED: list[dict[str, Any]] = json.loads(GOLDEN.read_text(encoding="utf-8"))

CHANGED = {
    "exponents": "1.e5 is read as pandas' C parser reads it, 100000 (it was a bad cell)",
    "exponents-comma": "1e5 in a file of decimal commas is a number (it was text)",
}
"""Cases whose outcome changed on purpose (``test_data_importer`` checks the new one)."""


def _same(got: object, want: object) -> bool:
    if isinstance(want, dict) and "crash" in want:
        # the old importer crashed here (a traceback for the user): now a result or a clear error
        return isinstance(got, dict) and "crash" not in got
    return got == want


@pytest.mark.parametrize("case", RECORDED, ids=[c["name"] for c in RECORDED])
def test_the_importer_reads_the_corpus_as_before(case: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / case["filename"]
    path.write_bytes(base64.b64decode(case["data"]))
    got = json.loads(json.dumps(outcome(path, case["options"])).replace(str(tmp_path), "<dir>"))
    if case["name"] in CHANGED:
        assert got != case["outcome"], f"no longer changed: {CHANGED[case['name']]}"
        return
    for call, want in case["outcome"].items():
        assert _same(got[call], want), f"{call} differs"
        if isinstance(want, dict) and "crash" in want and "error" in got[call]:
            assert case["filename"] in got[call]["error"]


def test_the_corpus_covers_what_the_importer_handles() -> None:
    names = {c["name"].split("-")[0] for c in RECORDED}
    assert {"wide", "long", "formats", "xlsx", "ods", "fixture"} <= names
    warnings = [
        w
        for c in RECORDED
        for o in c["outcome"].values()
        if isinstance(o, dict)
        for w in o.get("warnings", [])
    ]
    for phrase in (
        "mixes percentages",
        "label but no values",
        "read as missing",
        "Country names tidied",
        "decimal points",
        "fewer values than the header",
        "extra values were kept",
        "no header and hold the row labels",
    ):
        assert any(phrase in w for w in warnings), phrase
