"""The import of facts_more.csv through scripts/import_facts.py (steps in scripts/facts/): selectors, versions, inferred
dates, determinism."""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from scripts import import_facts as imp
from scripts.facts import rows

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MORE = imp.DEFAULT_MORE
FAMILIES = ("budgets", "firms", "personnel", "outcomes")

needs_facts = pytest.mark.skipif(
    not (imp.DEFAULT_FACTS.exists() and MORE.exists()), reason="the shared fact files are not here"
)


def read(name: str, folder: Path = DATA) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def figures() -> list[dict[str, str]]:
    return [row for family in FAMILIES for row in read(family)]


def fact(origin: str, **raw: str) -> rows.Fact:
    base = {
        "hub_id": "h",
        "metric": "m",
        "value": "1",
        "period_start": "2020",
        "period_end": "2020",
        "kind": "actual",
        "source_publisher": "P",
    }
    f = rows.Fact(line=1, raw={**base, **raw}, origin=origin)
    f.published = "2020-01-01"
    return f


def test_a_selector_without_file_matches_facts_found_rows_only() -> None:
    """Entries written for facts_found never catch a facts_more row; `file` picks either file."""
    found, more = fact("found", hub_id="x"), fact("more", hub_id="x")
    assert found.matches(rows.sel(hub="x")) and not more.matches(rows.sel(hub="x"))
    assert more.matches(rows.sel(file="more", hub="x")) and not found.matches(rows.sel(file="more", hub="x"))
    assert found.matches(rows.sel(file="found", hub="x"))
    assert not more.matches(rows.sel(file="more", hub="y"))
    assert (found.key, more.key) == (("found", 1), ("more", 1)) and found.key != more.key
    assert more.where == "facts_more.csv:1"
    with pytest.raises(ValueError):
        rows.sel(file="both")


def test_facts_more_note_joins_the_research_notes(tmp_path: Path) -> None:
    """The `note` column goes to the row's notes (scope_note), after bracketed notes; it is no column of the row."""
    path = tmp_path / "more.csv"
    path.write_text(
        "hub_id,metric,value,quote,source_date,note\n"
        'h,m,5,"5개 기업 [bracket note]",2022 (inferred: same release),the research note\n',
        encoding="utf-8",
    )
    (f,) = rows.load_facts(path, "more")
    assert (f.quote, f.notes) == ("5개 기업", ["bracket note", "the research note"])
    assert (f.published, f.published_note) == ("2022", "inferred: same release")
    assert "note" not in f.raw and f.origin == "more"


@needs_facts
def test_the_script_is_deterministic_and_data_is_what_it_writes(tmp_path: Path) -> None:
    """Two runs write the same bytes, and those are the bundled data/ CSVs (data/ is generated, not edited)."""
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        out.mkdir()
        shutil.copy(DATA / "README.md", out / "README.md")
        shutil.copy(ROOT / "docs" / "data-audit.md", tmp_path / f"{name}-audit.md")
        assert imp.main(["--out", str(out), "--audit", str(tmp_path / f"{name}-audit.md")]) == 0
        outs.append(out)
    a, b = outs
    for path in sorted(a.iterdir()):
        assert path.read_bytes() == (b / path.name).read_bytes(), f"{path.name} differs between two runs"
    assert (tmp_path / "a-audit.md").read_bytes() == (tmp_path / "b-audit.md").read_bytes()
    for path in sorted(a.glob("*.csv")):
        assert path.read_bytes() == (DATA / path.name).read_bytes(), f"data/{path.name} is not what the script writes"


@needs_facts
def test_facts_found_alone_still_imports(tmp_path: Path) -> None:
    """`--more ''` reads facts_found.csv only: no facts_more figure, and none of its left-out rows."""
    out = tmp_path / "out"
    assert imp.main(["--more", "", "--out", str(out), "--audit", str(tmp_path / "audit.md")]) == 0
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "facts_more.csv" not in readme and "| facts_found.csv | 33 |" in readme
    values = {(r["hub_id"], r["value"]) for family in FAMILIES for r in read(family, out)}
    assert ("gangso_14_zones", "669") not in values  # a facts_more figure
    assert ("gangso_14_zones", "479600000000") in values  # a facts_found figure


def by_value(hub: str, metric: str, value: str) -> list[dict[str, str]]:
    return [r for r in figures() if (r["hub_id"], r["metric"], r["value"]) == (hub, metric, value)]


def cells(row: dict[str, str], *columns: str) -> tuple[str, ...]:
    """The row's cells of `columns`, in that order."""
    return tuple(row[c] for c in columns)


PERIOD_AND_KIND = ("period_start", "period_end", "period_end_month", "kind")


def test_disagreeing_sources_stay_versions_with_a_note_naming_the_other() -> None:
    """12.17억 vs 1.217억 (Seocho) and 552 vs 522 (14 zones, 2023): both kept in one period, each noting the other."""
    (high,) = by_value("seocho_yangjae_ai_zone", "avg_sales_selected_firms", "1217000000")
    (low,) = by_value("seocho_yangjae_ai_zone", "avg_sales_selected_firms", "121700000")
    assert (high["period_start"], high["kind"], high["series"]) == (low["period_start"], low["kind"], low["series"])
    assert "1억2170만원" in low["quote"] and "12억1700만 원" in low["scope_note"]
    assert "시민일보" in high["scope_note"]
    merged = [r for r in read("figure_sources") if r["figure_id"] == high["figure_id"]]
    assert len(merged) == 1  # the second source of the same 12.17억 (헤럴드경제 and 원투원뉴스, one press release)
    assert sorted(q.split("(")[0] for q in (high["quote"], merged[0]["quote"])) == [
        "선정된 30개사의 평균 매출액은 1,217백만 원",
        "선정된 30개사의 평균 매출액은 12억1700만 원",
    ]
    (t552,) = by_value("gangso_14_zones", "tech_transfers", "552")
    (t522,) = by_value("gangso_14_zones", "tech_transfers", "522")
    assert cells(t552, "period_start", "period_end") == cells(t522, "period_start", "period_end") == ("2023", "2023")
    assert "522건" in t552["scope_note"] and "552건" in t522["scope_note"]


def test_inferred_dates_of_facts_more_are_in_published_note() -> None:
    """A date the research inferred says so on its source; the Incheon 2021 totals note their inferred year."""
    sources = {s["source_id"]: s for s in read("sources")}
    (sales,) = by_value("incheon_startup_park", "firm_sales", "139000000000")
    source = sources[sales["source_id"]]
    assert (source["publisher"], source["published"]) == ("경인일보", "2022")
    assert source["published_note"].startswith("inferred")
    assert (sales["period_start"], sales["period_end"], sales["kind"]) == ("2021", "2021", "actual")
    assert "'지난해' = 2021" in sales["scope_note"]
    (heraldless,) = [s for s in sources.values() if s["publisher"] == "시민일보"]
    assert heraldless["published_note"] == "inferred: same press release as heraldcorp 2025-09-18"


def test_facts_more_labels_follow_their_quotes() -> None:
    """Hand-checked rows: a running total to the article's month, a part year, a cohort's series, 10여 년 = 2035."""
    (lab,) = by_value("incheon_startup_park", "firm_sales", "63500000000")
    assert cells(lab, *PERIOD_AND_KIND) == ("2020", "2023", "3", "cumulative_actual")
    (half,) = by_value("gwangju_ai_cluster", "projects_selected", "261")
    assert cells(half, *PERIOD_AND_KIND) == ("2025", "2025", "6", "actual")
    cohorts = by_value("gwangju_ai_cluster", "personnel_trained", "302")
    assert sorted((r["period_start"], r["kind"], r["series"]) for r in cohorts) == [
        ("2022", "actual", "AI사관학교 3기"),
        ("2023", "actual", "AI사관학교 4기"),
        ("2023", "plan", "AI사관학교 4기"),
    ]
    (center,) = by_value("pohang_gyeongbuk_ai", "budget_program", "2000000000000")
    (other,) = by_value("pohang_gyeongbuk_ai", "budget_program", "3500000000000")
    assert cells(center, "period_start", "period_end") == cells(other, "period_start", "period_end") == ("2025", "2035")
    assert center["series"] == other["series"] == "글로벌 AI 컴퓨팅센터"
    (applicants,) = by_value("gwangju_ai_cluster", "trainee_applicants", "712")
    assert applicants["unit"] == "persons"


def test_facts_more_rows_left_out_are_not_in_data() -> None:
    """Rows left out for a reason (a summed count, no period, no hub figure) are not figures."""
    assert by_value("pohang_gangso_zone", "ces_innovation_awards", "6") == []
    assert by_value("changwon_gangso_zone", "budget_program", "400000000000") == []
    assert by_value("gwangju_ai_cluster", "budget_total", "400000000000") == []
    assert Decimal("600000000000") not in {
        Decimal(r["value"])
        for r in figures()
        if r["hub_id"] == "gwangju_ai_cluster" and r["metric"] == "budget_total" and r["period_end"] == "2025"
    }
