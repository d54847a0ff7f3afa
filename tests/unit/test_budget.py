"""Combined licence budget and its CSV export for Norwegian Excel."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import api
from calculators.machinery import registry
from calculators.rules import budget_files as export
from calculators.machinery.view import render
from tests.shown import visible_text
from tests.unit.helpers import error_fields, rates_with_param_values

INPUTS = {
    "year": 2025,
    "org365": {"start_month": 6, "holders": [
        {"role": "leder", "license": "E1"}, {"role": "styremedlem", "license": "E1"},
        {"role": "tillitsvalgt", "license": "F3"}]},
    "klar": {"county": "Trøndelag", "members": 120},
}
QUARTER_COLUMNS = ["1. kvartal", "2. kvartal", "3. kvartal", "4. kvartal"]


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def number(cell: str) -> Decimal:
    assert "." not in cell and " " not in cell, cell
    return Decimal(cell.replace(",", "."))


def test_budget_lines_total_and_parts():
    answer = api.run("budget", INPUTS)
    result = answer["result"]
    assert [line["label"] for line in result["lines"]] == ["Lisenskostnader ORG365", "Lisenskostnader KL*AR"]
    assert [line["amount"] for line in result["lines"]] == ["4841.67", "1440.00"]
    assert result["total"] == "6281.67"
    assert result["by_quarter"] == {"Q1": "360.00", "Q2": "1051.67", "Q3": "2435.00", "Q4": "2435.00"}
    assert result["org365"]["total"] == "4841.67" and result["klar"]["total"] == "1440.00"
    assert result["org365"]["year"] == result["klar"]["year"] == result["year"] == 2025


def test_budget_findings_come_from_both_parts_marked_with_the_part():
    answer = api.run("budget", {**INPUTS, "org365": {"holders": [{"role": "styremedlem", "license": "F3"}]}})
    parts = {f["code"]: f["part"] for f in answer["findings"]}
    assert parts["leader-missing"] == "org365"
    assert parts["club-officials-not-counted"] == "klar"


def test_budget_errors_are_prefixed_with_the_part():
    answer = api.run("budget", {"year": 2025, "org365": {"holders": [{"role": "leder", "license": "X"}]},
                         "klar": {"county": "Oslo", "members": -1}})
    assert error_fields(answer) == ["org365.holders[0].license", "klar.members"]


def test_budget_one_year_for_both_parts():
    answer = api.run("budget", {**INPUTS, "year": 2024})
    assert error_fields(answer) == ["year"]
    # a year inside a part is not read: the top-level year is the budget year
    nested = api.run("budget", {**INPUTS, "org365": {**INPUTS["org365"], "year": 2030}})
    assert nested["result"]["org365"]["year"] == 2025


def test_the_budget_calls_the_prices_approximate_only_while_one_is_the_circulars():
    own = {**INPUTS, "org365": {**INPUTS["org365"], "prices": {"E1": "3 700", "F3": "1 150", "E3": "5 100"}}}
    shown = visible_text(render("budget", api.run("budget", own))["html"])
    assert "Grunnlag: Fagforbundets rundskriv 19/24. KL*AR belastes per yrkesaktivt medlem per måned." in shown
    assert "ca." not in shown.casefold() and "omtrentlig" not in shown
    # With one price left to the circular, its «Ca» stands in the result and the note says so.
    one_left = {**INPUTS, "org365": {**INPUTS["org365"], "prices": {"E1": "3 700", "F3": "1 150"}}}
    shown = visible_text(render("budget", api.run("budget", one_left))["html"])
    assert "ORG365-prisene fra rundskrivet er omtrentlige («ca.»)." in shown


def test_the_budget_lists_the_readings_of_both_parts():
    topics = [r.topic for r in registry.get("budget").readings]
    assert "Priser for senere år" in topics and "Første måned med KL*AR-belastning" in topics
    assert len(topics) == len(set(topics))


def test_budget_uses_injected_rates():
    dearer = rates_with_param_values("org365.price.F3", '[{ from = 2025-01-01, value = "1200" }]')
    answer = api.run("budget", INPUTS, rates=dearer)
    assert answer["result"]["lines"][0]["amount"] == "4900.00"  # 4 200 + 1 200 × 7/12


def test_csv_for_norwegian_excel():
    text = export.budget_csv(api.run("budget", INPUTS)["result"])
    assert text.startswith("\ufeffPost;Beløp (kr);1. kvartal;2. kvartal;3. kvartal;4. kvartal\r\n")
    assert "\n" not in text.replace("\r\n", "")
    table = rows(text)
    assert table[1] == ["Lisenskostnader ORG365", "4841,67", "0,00", "691,67", "2075,00", "2075,00"]
    assert table[2] == ["Lisenskostnader KL*AR", "1440,00", "360,00", "360,00", "360,00", "360,00"]
    assert table[3] == ["Sum lisenskostnader", "6281,67", "360,00", "1051,67", "2435,00", "2435,00"]
    assert table[4] == []
    assert table[5] == ["Budsjettår 2025"]
    assert any("rundskriv 19/24" in row[0] for row in table[6:])


def test_csv_accepts_the_whole_answer():
    answer = api.run("budget", INPUTS)
    assert export.budget_csv(answer) == export.budget_csv(answer["result"])


def test_csv_quotes_fields_with_semicolons_and_quotes():
    result = api.run("budget", INPUTS)["result"]
    result["lines"][0]["label"] = 'Lisenser; "ORG365"'
    table_text = export.budget_csv(result)
    assert '\r\n"Lisenser; ""ORG365""";4841,67;' in table_text
    assert rows(table_text)[1][0] == 'Lisenser; "ORG365"'


@settings(max_examples=60, deadline=None)
@given(start=st.integers(min_value=1, max_value=12),
       licenses=st.lists(st.sampled_from(["E1", "F3", "E3"]), min_size=1, max_size=30),
       members=st.lists(st.integers(min_value=0, max_value=99999), min_size=12, max_size=12),
       year=st.integers(min_value=2025, max_value=2027),
       county=st.sampled_from(["Oslo", "Nordland", "Agder"]),
       prices=st.dictionaries(st.sampled_from(["E1", "F3", "E3"]),
                              st.decimals(min_value=0, max_value=99999, places=2).map(str)))
def test_csv_numbers_add_up(start, licenses, members, year, county, prices):
    answer = api.run("budget", {
        "year": year,
        "org365": {"start_month": start, "prices": prices,
                   "holders": [{"role": "tillitsvalgt", "license": lic} for lic in licenses]},
        "klar": {"county": county, "members_by_month": members},
    })
    assert answer["ok"], answer
    table = rows(export.budget_csv(answer["result"]))
    header, lines, total = table[0], table[1:3], table[3]
    assert header[2:] == QUARTER_COLUMNS
    for row in lines + [total]:
        assert number(row[1]) == sum(number(c) for c in row[2:6])
    for col in range(1, 6):
        assert number(total[col]) == sum(number(row[col]) for row in lines)
    assert number(total[1]) == Decimal(answer["result"]["total"])
