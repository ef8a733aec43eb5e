"""Every deck the app writes is a valid package: each XML part against the ISO/IEC 29500
transitional schemas (on both markup-compatibility branches), the OPC and shared schemas, and
no shape id repeated on a slide or notes page. The default and the long briefing, on every
bundled, corpus and made template."""

from __future__ import annotations

import pytest

from briefing.deck.schemas import duplicate_shape_ids, validate_package

from .decks import CORPUS, SCHEMAS, TEMPLATE_KEYS, Decks

needs_schemas = pytest.mark.skipif(
    not SCHEMAS.is_dir(), reason=f"{SCHEMAS} not found; schema tests need ../shared/ooxml-schemas"
)


def _written_by_us(part: str) -> bool:
    """Slides and notes pages are the app's own; layouts and masters come from the template."""
    return part.startswith(("/ppt/slides/", "/ppt/notesSlides/"))


@needs_schemas
@pytest.mark.parametrize("briefing", ["default", "long"])
@pytest.mark.parametrize("template", TEMPLATE_KEYS)
def it_writes_parts_that_validate_against_the_schemas(
    decks: Decks, template: str, briefing: str
) -> None:
    result = decks.deck(template, briefing)
    report = validate_package(result.path, SCHEMAS)
    assert report.validated, "no part was validated"
    assert not report.problems, "\n".join(str(p) for p in report.problems[:20])


@pytest.mark.parametrize("briefing", ["default", "long"])
@pytest.mark.parametrize("template", TEMPLATE_KEYS)
def it_gives_every_shape_on_a_slide_its_own_id(decks: Decks, template: str, briefing: str) -> None:
    repeated = {
        part: ids
        for part, ids in duplicate_shape_ids(decks.deck(template, briefing).path).items()
        if _written_by_us(part)
    }
    assert not repeated


def it_has_corpus_templates_to_check() -> None:
    if not CORPUS:
        pytest.skip("../shared/corpus/templates not found (set BRIEFING_TEST_SHARED)")
    assert len(CORPUS) >= 19
