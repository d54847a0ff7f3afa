"""The result renderer at build time: what the reader reads, against the hand-written
`text` and `summary` of the case table; values escaped; figures Norwegian."""

from __future__ import annotations

import csv
import io
import json

import pytest

from calculators.machinery import registry, view
from calculators.api import respond, run
from calculators.machinery.view import render
from tests.conftest import load_cases
from tests.shown import missing, plain, text_cases, visible_text

CASES = load_cases()
TEXT_CASES = text_cases(CASES)


def test_every_calculator_has_at_least_three_cases_with_hand_written_text():
    counted = {name: 0 for name in registry.calculators()}
    for case in CASES:
        if "text" in case["expected"]:
            assert case["expected"]["ok"] is True, f'{case["name"]}: text belongs to a successful case'
            assert case["expected"]["text"] and "summary" in case["expected"], case["name"]
            counted[case["calculator"]] += 1
    assert all(n >= 3 for n in counted.values()), counted


@pytest.mark.parametrize("case", TEXT_CASES)
def test_the_reader_sees_the_hand_written_text(case):
    shown = render(case["calculator"], run(case["calculator"], case["inputs"]))
    assert shown["html"].startswith('<div class="calc-output">')
    text = visible_text(shown["html"])
    assert not missing(text, case["expected"]["text"]), f"not shown: {missing(text, case['expected']['text'])}\n{text}"
    assert plain(shown["summary"]) == case["expected"]["summary"]


@pytest.mark.parametrize("case", TEXT_CASES)
def test_the_browser_entry_shows_the_same_text(case):
    data = json.loads(respond("run", case["calculator"], json.dumps(case["inputs"])))
    assert data["output"]["ok"] is True
    assert not missing(visible_text(data["html"]), case["expected"]["text"])
    assert plain(data["summary"]) == case["expected"]["summary"]


COMPARE_CASES = [c for c in CASES if "compare_text" in c["expected"]]


def test_both_comparable_calculators_have_hand_written_comparisons():
    assert {c["calculator"] for c in COMPARE_CASES} == {"org365", "budget"}


@pytest.mark.parametrize("case", COMPARE_CASES, ids=lambda c: c["name"])
def test_the_reader_sees_both_plans_and_their_difference(case):
    data = json.loads(respond("run", case["calculator"], json.dumps(case["inputs"])))
    assert data["output"]["ok"] is True
    text = visible_text(data["html"])
    assert not missing(text, case["expected"]["compare_text"]), f"not shown: {missing(text, case['expected']['compare_text'])}\n{text}"
    assert plain(data["summary"]) == case["expected"]["compare_summary"]
    # Each plan is a section named by its plan, with its findings under its own heading.
    assert text.index("Oppsett A") < text.index("Oppsett B")
    assert "result_b" not in data["output"]["compare"]  # plan B's result travels as markup only
    # A note both plans give in the same words is said once, for both.
    for finding in data["output"]["compare"]["findings_both"]:
        assert text.count(plain(finding["message"])) == 1, finding["message"]


BUDGET_CSV_CASES = [c for c in CASES if "csv_notes" in c["expected"]]


def test_three_budgets_have_hand_written_csv_notes():
    assert len(BUDGET_CSV_CASES) >= 3 and {c["calculator"] for c in BUDGET_CSV_CASES} == {"budget"}


@pytest.mark.parametrize("case", BUDGET_CSV_CASES, ids=lambda c: c["name"])
def test_budget_csv_notes_say_what_each_line_rests_on(case):
    data = json.loads(respond("csv", "budget", json.dumps(case["inputs"])))
    rows = list(csv.reader(io.StringIO(data["csv"].removeprefix("\ufeff"), newline=""), delimiter=";"))
    blank = rows.index([])
    assert [plain(r[0]) for r in rows[blank + 1:]] == case["expected"]["csv_notes"]
    assert rows[blank + 1:] and all(len(r) == 1 for r in rows[blank + 1:])


def test_a_failed_input_shows_no_result_and_counts_its_errors():
    shown = render("org365", run("org365", {"year": "x", "holders": "ingen"}))
    assert shown == {"html": "", "summary": "Skjemaet har 2 feil."}


def test_names_are_escaped_never_markup():
    evil = '<img src=x onerror=alert(1)>'
    out = run("fo_pay", {"lo_leader_salary": "1000000", "positions": [
        {"name": evil, "unit": "forbund", "role": "leder", "percent_of_lo": "100"}]})
    html = render("fo_pay", out)["html"]
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert evil in visible_text(html)


def test_klar_rate_keeps_its_decimals_and_says_when_it_is_the_users_own():
    html = render("klar", run("klar", {"year": 2026, "county": "Oslo", "members": 10, "rate": "0,125"}))["html"]
    assert not missing(visible_text(html), ["0,125 kr (egen sats)"])
    html = render("klar", run("klar", {"year": 2027, "county": "Oslo", "members": 10}))["html"]
    assert not missing(visible_text(html), ["1 kr (ikke bekreftet)"])


def test_org365_total_in_norwegian_format():
    out = run("org365", {"year": 2025, "holders": [{"role": "leder", "license": "E1"}, {"role": "styremedlem", "license": "F3"}], "start_month": 6})
    text = visible_text(render("org365", out)["html"])
    assert not missing(text, ["2 100 kr", "641,67 kr", "2 741,67 kr"])  # 3 600 × 7/12; 1 100 × 7/12; sum


def test_the_text_matcher_does_not_find_a_figure_inside_a_longer_one():
    assert missing("Sum\n1 300 kr\n900", ["300 kr", "9", "1 300 kr", "900"]) == ["300 kr", "9"]
    assert missing(visible_text("<td>3</td><td>00 kr</td>"), ["300 kr"]) == ["300 kr"]  # cells stay apart
    assert not missing(visible_text("<dt>Ferie</dt><dd>6 uker</dd>"), ["Ferie", "6 uker"])


def test_respond_gives_errors_without_markup_and_a_csv_for_the_budget():
    data = json.loads(respond("run", "org365", json.dumps({"year": "x"})))
    assert data["output"]["ok"] is False and data["html"] == ""
    data = json.loads(respond("csv", "budget", json.dumps({"year": 2025, "org365": {"holders": [{"role": "leder", "license": "E1"}]},
                                                             "klar": {"county": "Oslo", "members": 10}})))
    assert data["csv"].startswith("\ufeff") and data["filename"] == "lisensbudsjett-2025.csv"
    assert json.loads(respond("run", "org365", "not json"))["output"]["ok"] is False


def test_a_finding_shows_the_source_words_folded_with_a_link_to_the_passage():
    from calculators.machinery.evidence import circular
    finding = {"code": "x", "level": "warning", "message": "Lederen skal ha E1.",
               "quotes": [circular("org365-5", "Fagforeningsleder skal alltid ha en ORG365-lisens for normal bruk (E1).").as_dict()]}
    html = view.findings([finding], "../../")
    assert ('<details class="calc-evidence"><summary>Kilden sier</summary><p class="calc-quote">Kilden sier: '
            '<q>Fagforeningsleder skal alltid ha en ORG365-lisens for normal bruk (E1).</q> '
            '<a href="../../kildene/rundskriv-19-24/#org365-5">Les i rundskrivet</a></p></details>') in html
    # the same words once more for print, hidden on screen
    assert html.count("<q>Fagforeningsleder skal alltid") == 2
    assert '<div class="calc-evidence-print print-only">' in html


def test_a_reading_is_shown_as_the_calculators_reading_never_as_the_source():
    from calculators.machinery.evidence import Reading, regulation
    r = Reading("Nivå ved deltid", "Nivåene sammenlignes ved 100 % stilling.",
                regulation("lonnsvilkar-4", "Forbundets leder skal avlønnes høyest i organisasjonen."))
    html = view.findings([{"code": "x", "level": "info", "message": "M.", "reading": r.as_dict()}], "")
    assert "<summary>Kalkulatorens lesning og kilden</summary>" in html
    assert ('<p class="calc-reading"><strong>Kalkulatorens lesning:</strong> Nivåene sammenlignes ved 100 % '
            'stilling.</p><p class="calc-quote">Kilden sier: <q>Forbundets leder skal avlønnes høyest i '
            'organisasjonen.</q> <a href="kildene/reglement-fo/#lonnsvilkar-4">Les i reglementet</a></p>') in html


def test_a_finding_without_evidence_has_no_details():
    html = view.findings([{"code": "x", "level": "info", "message": "M."}], "")
    assert "<details" not in html
