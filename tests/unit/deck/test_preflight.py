"""Pre-flight: briefings made to have one problem each, and the finding that names it."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from briefing.deck import build as build_module
from briefing.deck.build import chart_book, plan_briefing, prepare_template
from briefing.deck.preflight import (
    ALT_TEXT,
    CHART_SOURCE,
    DUPLICATE_TITLE,
    EMPTY_PLACEHOLDER,
    FONT,
    INVALID,
    MARKING,
    STALE_DATA,
    TEXT_OVERFLOW,
    Finding,
    exit_code,
    format_findings,
    preflight,
)
from briefing.library import default_briefing
from briefing.model import (
    Briefing,
    ChartItem,
    ChartSpec,
    Impression,
    ImpressionItem,
    SectionItem,
    TextItem,
)

REPO = Path(__file__).resolve().parents[3]
DATE = dt.date(2025, 10, 1)


def _text(length: int) -> str:
    words = "Allies are raising defence budgets across the alliance, unevenly and slowly "
    return (words * (length // len(words) + 1))[: length - 1].rstrip() + "."


def _impression(ident: str, title: str, **changes: Any) -> Impression:
    values: dict[str, Any] = {
        "id": ident,
        "title": title,
        "key_judgement": "Allies are spending more on defence than at any time since 1990.",
        "points": ["Poland leads the pack", "Germany has a special fund", "Spain lags behind"],
    }
    values.update(changes)
    return Impression(**values)


def _briefing(*items: Any, **changes: Any) -> Briefing:
    values: dict[str, Any] = {"title": "Test briefing", "date": DATE, "items": list(items)}
    values.update(changes)
    return Briefing(**values)


def _first_slide(briefing: Briefing, uid: str, base: Path | None = None) -> int:
    """The slide an item starts on, as the deck would be planned."""
    prepared = prepare_template(briefing.template)
    plan = plan_briefing(briefing, prepared, chart_book(briefing, prepared, base))
    return next(s.number for s in plan.slides if s.item_uid == uid)


def _of(findings: list[Finding], kind: str) -> list[Finding]:
    return [f for f in findings if f.kind == kind]


class DescribeTheDefaultBriefing:
    def it_has_no_errors(self) -> None:
        findings = preflight(default_briefing(date=DATE))
        assert [f for f in findings if f.severity == "error"] == []
        assert exit_code(findings) in (0, 3)

    def it_has_no_errors_on_the_four_by_three_template(self) -> None:
        findings = preflight(default_briefing(date=DATE), "print43")
        assert [f for f in findings if f.severity == "error"] == []


class DescribeTextThatCannotFit:
    def it_names_the_slide_of_the_impression(self) -> None:
        imp = _impression(
            "long", "A very long impression", key_judgement=_text(2000), points=[_text(160)] * 6
        )
        item = ImpressionItem(imp)
        briefing = _briefing(SectionItem("Part one"), item, template="print43")
        findings = preflight(briefing)
        overflow = _of(findings, TEXT_OVERFLOW)
        assert overflow, format_findings(findings)
        assert overflow[0].severity == "error"
        assert overflow[0].slide == _first_slide(briefing, item.uid)
        assert overflow[0].item_uid == item.uid
        assert "Shorten" in overflow[0].fix
        # The judgement also breaks the model's rule, on the same slide.
        invalid = _of(findings, INVALID)
        assert any("key judgement" in f.message for f in invalid)
        assert all(f.slide == overflow[0].slide for f in invalid)
        assert exit_code(findings) == 1


class DescribeDuplicateTitles:
    def it_flags_the_second_slide_with_the_same_title(self) -> None:
        first = TextItem("Where the money goes", ["Mostly to equipment."])
        second = TextItem("Where the  money goes", ["And to people."])
        briefing = _briefing(first, second)
        found = _of(preflight(briefing), DUPLICATE_TITLE)
        assert len(found) == 1
        assert found[0].slide == _first_slide(briefing, second.uid)
        assert f"slide {_first_slide(briefing, first.uid)}" in found[0].message
        assert found[0].severity == "warning"

    def it_counts_continued_slides_as_unique(self) -> None:
        imp = _impression(
            "long",
            "A long impression",
            key_judgement=_text(200),
            points=[_text(160)] * 6,
        )
        briefing = _briefing(
            ImpressionItem(imp, chart=ChartSpec("c", "nato-gdp-share", years=[2024]))
        )
        prepared = prepare_template("navy")
        plan = plan_briefing(briefing, prepared, chart_book(briefing, prepared))
        titles = [s.title_text for s in plan.slides]
        assert sum(t.endswith("(cont.)") for t in titles) >= 1, titles
        assert _of(preflight(briefing), DUPLICATE_TITLE) == []


class DescribeMarkings:
    def it_is_an_error_when_an_item_is_marked_above_the_briefing(self) -> None:
        secret = ImpressionItem(
            _impression("secret", "What the intelligence says"), marking="SECRET"
        )
        briefing = _briefing(ImpressionItem(_impression("open", "Open")), secret)
        found = _of(preflight(briefing), MARKING)
        assert len(found) == 1
        assert found[0].severity == "error"
        assert found[0].slide == _first_slide(briefing, secret.uid)
        assert found[0].item_uid == secret.uid
        assert "SECRET" in found[0].fix

    def it_accepts_lower_markings_and_warns_about_custom_ones(self) -> None:
        lower = TextItem("Open facts", ["One."], marking="nato unclassified")
        custom = TextItem("Sensitive", ["Two."], marking="OFFICIAL-SENSITIVE")
        briefing = _briefing(lower, custom, marking="NATO RESTRICTED")
        found = _of(preflight(briefing), MARKING)
        assert [(f.severity, f.item_uid) for f in found] == [("warning", custom.uid)]

    def it_ranks_a_nato_marking_above_its_national_twin(self) -> None:
        nato = TextItem("Alliance figures", ["One."], marking="NATO RESTRICTED")
        briefing = _briefing(nato, marking="RESTRICTED")
        found = _of(preflight(briefing), MARKING)
        assert [(f.severity, f.item_uid) for f in found] == [("error", nato.uid)]
        briefing.marking = "NATO SECRET"
        assert _of(preflight(briefing), MARKING) == []


class DescribeCharts:
    def it_warns_when_the_data_is_more_than_a_year_older_than_the_briefing(self) -> None:
        chart = ChartItem(
            "Defence spending in 2024",
            ChartSpec("nato-2024", "nato-gdp-share", countries=["Poland", "France"], years=[2024]),
        )
        briefing = _briefing(TextItem("Intro", ["Text."]), chart, date=dt.date(2027, 3, 1))
        found = _of(preflight(briefing), STALE_DATA)
        assert len(found) == 1
        assert found[0].slide == _first_slide(briefing, chart.uid)
        assert "2024" in found[0].message
        # dated a year later than the data, the same chart is current enough
        briefing.date = dt.date(2025, 10, 1)
        assert _of(preflight(briefing), STALE_DATA) == []

    def it_warns_about_a_chart_whose_data_names_no_publisher(self, tmp_path: Path) -> None:
        data = tmp_path / "spending.csv"
        data.write_text("Country,2024,2025\nPoland,4.1,4.5\nFrance,2.1,2.2\n", encoding="utf-8")
        chart = ChartItem("Our own figures", ChartSpec("own", "spending.csv", years=[2025]))
        briefing = _briefing(chart)
        found = _of(preflight(briefing, base=tmp_path), CHART_SOURCE)
        assert len(found) == 1
        assert found[0].slide == _first_slide(briefing, chart.uid, tmp_path)
        # a source note on the chart is a source
        chart.chart.source_note = "Ministry of Defence, 2025."
        assert _of(preflight(briefing, base=tmp_path), CHART_SOURCE) == []


def _template_with_font(target: Path, font: str) -> Path:
    source = REPO / "templates" / "navy" / "template.pptx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if re.fullmatch(r"ppt/theme/theme\d+\.xml", info.filename):
                xml = data.decode("utf-8")
                xml = re.sub(
                    r"(<a:(?:major|minor)Font>\s*<a:latin typeface=\")[^\"]*",
                    rf"\g<1>{font}",
                    xml,
                )
                assert font in xml
                data = xml.encode("utf-8")
            zout.writestr(info, data)
    target.write_bytes(out.getvalue())
    return target


class DescribeFonts:
    def it_warns_about_a_theme_font_that_is_not_installed(self, tmp_path: Path) -> None:
        template = _template_with_font(tmp_path / "frutiger.pptx", "Frutiger Next")
        briefing = _briefing(TextItem("Intro", ["Text."]))
        found = _of(preflight(briefing, template), FONT)
        assert len(found) == 1
        assert found[0].severity == "warning"
        assert found[0].slide is None
        assert "Frutiger Next" in found[0].message
        assert "Install" in found[0].fix
        stand_in = re.search(r"sized with (.+) \((/[^)]+)\) as a stand-in", found[0].message)
        assert stand_in is not None, found[0].message
        assert Path(stand_in.group(2)).is_file(), "the message names the font file measured"

    def it_names_the_free_twin_to_install_for_an_office_font(self, tmp_path: Path) -> None:
        from briefing import fonts

        if fonts.is_installed("Cambria") or fonts.is_installed("Caladea"):
            pytest.skip("Cambria or its twin Caladea is installed here, so nothing is missing")
        template = _template_with_font(tmp_path / "cambria.pptx", "Cambria")
        found = _of(preflight(_briefing(TextItem("Intro", ["Text."])), template), FONT)
        assert len(found) == 1
        assert "fonts-crosextra-caladea" in found[0].fix

    def it_accepts_a_font_with_an_installed_metric_twin(self, office_fonts: None) -> None:
        # The bundled templates use Calibri and Cambria: Carlito and Caladea stand in for them.
        assert _of(preflight(_briefing(TextItem("Intro", ["Text."]))), FONT) == []


class DescribeTheWrittenDeck:
    def it_finds_empty_placeholders_and_pictures_without_alt_text(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from pptx import Presentation
        from pptx.util import Inches

        real_build = build_module.build

        def spoiled_build(*args: Any, **kwargs: Any) -> Any:
            result = real_build(*args, **kwargs)
            prs = Presentation(str(result.path))
            png = _tiny_png()
            prs.slides[1].shapes.add_picture(io.BytesIO(png), Inches(1), Inches(1))
            title = prs.slides[2].shapes.title
            assert title is not None
            title.text_frame.text = ""
            prs.save(str(result.path))
            return result

        monkeypatch.setattr(build_module, "build", spoiled_build)
        briefing = _briefing(TextItem("One", ["Text."]), TextItem("Two", ["More text."]))
        findings = preflight(briefing)
        assert [(f.slide, f.kind) for f in findings if f.kind == ALT_TEXT] == [(2, ALT_TEXT)]
        empty = _of(findings, EMPTY_PLACEHOLDER)
        assert [f.slide for f in empty] == [3]
        assert empty[0].item_uid == briefing.items[0].uid


def _tiny_png() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig = plt.figure(figsize=(0.2, 0.2))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


class DescribeModelProblems:
    def it_reports_each_problem_as_an_error_on_its_item_slide(self) -> None:
        bad = TextItem("", ["Text."])
        briefing = _briefing(TextItem("Fine", ["Text."]), bad)
        findings = _of(preflight(briefing), INVALID)
        assert [f.message for f in findings] == ["Text slide 2 has an empty title."]
        assert findings[0].item_uid == bad.uid
        assert findings[0].slide == _first_slide(briefing, bad.uid)


class DescribeTheReport:
    def it_formats_one_line_per_finding(self) -> None:
        findings = [
            Finding("warning", 5, None, "x", "Something is off.", "Do this."),
            Finding("error", None, None, "y", "Broken.", ""),
        ]
        assert format_findings(findings) == [
            "slide 5: warning: Something is off. \u2014 fix: Do this.",
            "deck: error: Broken.",
        ]

    def it_turns_findings_into_an_exit_code(self) -> None:
        info = Finding("info", 1, None, "x", "Note.", "")
        warning = Finding("warning", 1, None, "x", "Hm.", "")
        error = Finding("error", 1, None, "x", "No.", "")
        assert exit_code([]) == 0
        assert exit_code([info]) == 0
        assert exit_code([info, warning]) == 3
        assert exit_code([warning, error]) == 1


class DescribeWorkbookSheets:
    def it_checks_the_sheet_the_chart_draws_not_the_first(self, tmp_path: Path) -> None:
        from openpyxl import Workbook

        book = Workbook()
        cover = book.active
        assert cover is not None
        cover.title = "Cover"
        cover["A1"] = "Our defence figures, prepared for the briefing"
        data = book.create_sheet("Data")
        data.append(["Country", "2024", "2025"])
        data.append(["Poland", 4.1, 4.5])
        data.append(["Spain", 1.3, 2.1])
        book.save(tmp_path / "figures.xlsx")
        chart = ChartSpec(
            id="ours",
            dataset="figures.xlsx",
            sheet="Data",
            kind="column",
            years=[2025],
            title="Our figures",
        )
        briefing = _briefing(ChartItem("Our figures", chart, message="Poland leads."))
        findings = preflight(briefing, base=tmp_path)
        assert not [f for f in findings if f.severity == "error"], format_findings(findings)
