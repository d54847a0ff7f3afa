"""LibreOffice opens the Excel workbooks, recalculates every formula and gets the
calculator's totals; after a treasurer's change in «Inndata» the totals follow. How
LibreOffice is run (headless, recalculating on load, stored values zeroed first):
`tests/libreoffice.py`."""

from __future__ import annotations

import base64
import json
from decimal import Decimal

import pytest

from calculators import api
from tests.libreoffice import amounts, make_profile, pdf_pages, recalculated, soffice
from tests.unit.xlsx_reading import Workbook, with_values

# From the case table (tests/cases/budget.toml), the totals worked out there by hand.
BUDGET_CASES = {
    # ORG365 2 × E1 × 3 600 = 7 200; KL*AR Oslo from July, 6 × 250 × 1 kr = 1 500
    "budget_oslo": ({"year": 2025, "org365": {"holders": [
        {"role": "leder", "license": "E1", "needs_shared_mailbox": True},
        {"role": "styremedlem", "license": "E1", "needs_shared_mailbox": True}]},
        "klar": {"county": "Oslo", "members": 250}},
        {"Lisenskostnader ORG365": "7200.00", "Lisenskostnader KL*AR": "1500.00", "Sum lisenskostnader": "8700.00"}),
    # ORG365 from June: (2 × 3 600 + 1 100) × 7 / 12 = 4 841,67; KL*AR Trøndelag 120 × 12 = 1 440
    "budget_pro_rata": ({"year": "2025", "org365": {"start_month": 6, "holders": [
        {"role": "leder", "license": "E1"}, {"role": "styremedlem", "license": "E1"},
        {"role": "tillitsvalgt", "license": "F3"}]}, "klar": {"county": "Trondelag", "members": "120"}},
        {"Lisenskostnader ORG365": "4841.67", "Lisenskostnader KL*AR": "1440.00", "Sum lisenskostnader": "6281.67"}),
    # F3 1 100; KL*AR by month 6 × 10 + 6 × 20 = 180
    "budget_monthly": ({"year": 2026, "org365": {"holders": [{"role": "styremedlem", "license": "F3"}]},
                        "klar": {"county": "Agder", "members_by_month": [10, 10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 20]}},
                       {"Lisenskostnader ORG365": "1100.00", "Lisenskostnader KL*AR": "180.00",
                        "Sum lisenskostnader": "1280.00"}),
}

# From tests/cases/fo_pay.toml: the amounts paid, and the back pay of the adjustment case.
FO_PAY_CASES = {
    # 1 234 567 × 87,5 % = 1 080 246,13, at 60 % 648 147,68; Lars 1 000 000 at 100 %
    "fo_pay_ore": ({"lo_leader_salary": "1 234 567", "positions": [
        {"name": "Kari", "unit": "Oslo", "role": "leder", "percent_of_lo": "87,5", "fte_percent": "60"},
        {"name": "Lars", "unit": "Oslo", "role": "sekretaer", "salary": "1 000 000"}]},
        {"Kari": "648147.68", "Lars": "1000000.00", "Sum utbetales per år": "1648147.68"}),
    # LO 1 200 000 → 1 248 000 from June: back pay 19 000 + 8 750 + 11 200 + 7 777,77
    "fo_pay_adjustment": ({"lo_leader_salary": "1 200 000", "new_lo_leader_salary": "1 248 000",
                           "adjustment_month": 6, "positions": [
        {"id": "A", "name": "Anne", "unit": "forbund", "role": "leder", "percent_of_lo": 95},
        {"id": "E", "name": "Eva", "unit": "Oslo", "role": "leder", "percent_of_lo": "87,5", "fte_percent": 50},
        {"id": "H", "name": "Hans", "unit": "Oslo", "role": "sekretaer", "salary": 840000, "fte_percent": 80},
        {"id": "I", "name": "Ida", "unit": "Oslo", "role": "ovrig", "salary": 777777, "own_salary": 600000,
         "fte_percent": 60}]},
        {"Anne": "1140000.00", "Eva": "525000.00", "Hans": "672000.00", "Ida": "466666.20",
         "Sum utbetales per år": "2803666.20", "Sum etterbetaling": "46727.77"}),
}


def workbook(name: str, inputs: dict) -> bytes:
    data = json.loads(api.respond("xlsx", name, json.dumps(inputs, ensure_ascii=False)))
    return base64.b64decode(data["xlsx"])


@pytest.fixture(scope="module")
def computed(tmp_path_factory):
    soffice()  # fails, naming the fix, when LibreOffice is missing
    books = {stem: workbook("budget", inputs) for stem, (inputs, _) in BUDGET_CASES.items()}
    books |= {stem: workbook("fo_pay", inputs) for stem, (inputs, _) in FO_PAY_CASES.items()}

    # A treasurer's changes: one more E1 licence, 300 members instead of 250 (budget_oslo);
    # Lars at 90 % of his position and a higher LO leader's salary (fo_pay_ore).
    oslo = Workbook(books["budget_oslo"])
    e1 = oslo.row_of("Inndata", "E1 – normal bruk")
    members = oslo.row_of("Inndata", "Yrkesaktive medlemmer")
    books["budget_oslo_changed"] = with_values(books["budget_oslo"], "Inndata", {f"B{e1}": "3", f"B{members}": "300"})
    ore = Workbook(books["fo_pay_ore"])
    lars, lo = ore.row_of("Inndata", "Lars"), ore.row_of("Inndata", "LO-leders årslønn (kr)")
    books["fo_pay_ore_changed"] = with_values(books["fo_pay_ore"], "Inndata", {f"F{lars}": "90", f"B{lo}": "1300000"})
    return recalculated(make_profile(tmp_path_factory.mktemp("lo-profile")), tmp_path_factory.mktemp("xlsx"), books)


@pytest.mark.parametrize("stem", BUDGET_CASES)
def test_libreoffice_computes_the_budget_totals(computed, stem):
    expected = BUDGET_CASES[stem][1]
    got = amounts(computed[stem]["Resultat"], expected, 1)
    assert got == {k: Decimal(v) for k, v in expected.items()}
    # the calculator says the same
    result = api.run("budget", BUDGET_CASES[stem][0])["result"]
    assert got["Sum lisenskostnader"] == Decimal(result["total"])


@pytest.mark.parametrize("stem", FO_PAY_CASES)
def test_libreoffice_computes_the_fo_pay_amounts(computed, stem):
    expected = FO_PAY_CASES[stem][1]
    paid = {k: v for k, v in expected.items() if k != "Sum etterbetaling"}
    assert amounts(computed[stem]["Resultat"], paid, 6) == {k: Decimal(v) for k, v in paid.items()}
    if "Sum etterbetaling" in expected:
        assert amounts(computed[stem]["Resultat"], ["Sum etterbetaling"], 3) == {
            "Sum etterbetaling": Decimal(expected["Sum etterbetaling"])}


def test_a_changed_count_changes_the_budget_totals(computed):
    # 3 × 3 600 = 10 800; 6 × 300 × 1 kr = 1 800
    got = amounts(computed["budget_oslo_changed"]["Resultat"],
                  ["Lisenskostnader ORG365", "Lisenskostnader KL*AR", "Sum lisenskostnader"], 1)
    assert got == {"Lisenskostnader ORG365": Decimal("10800.00"), "Lisenskostnader KL*AR": Decimal("1800.00"),
                   "Sum lisenskostnader": Decimal("12600.00")}


def test_a_changed_salary_and_position_change_the_pay(computed):
    # Kari: 1 300 000 × 87,5 % = 1 137 500, at 60 % 682 500; Lars: 1 000 000 at 90 % = 900 000
    rows = computed["fo_pay_ore_changed"]["Resultat"]
    assert amounts(rows, ["Kari", "Lars", "Sum utbetales per år"], 6) == {
        "Kari": Decimal("682500.00"), "Lars": Decimal("900000.00"), "Sum utbetales per år": Decimal("1582500.00")}
    # Lars's share of the LO leader's salary follows too: 1 000 000 / 1 300 000 = 76,92 %
    assert amounts(rows, ["Lars"], 4) == {"Lars": Decimal("76.92")}


# The quarters the page shows, worked out by hand (see the comments of BUDGET_CASES):
# Oslo: ORG365 7 200 / 4 = 1 800 a quarter; KL*AR from July 3 × 250 = 750 in Q3 and Q4.
# Pro rata: ORG365 from June, charged by the end of Q2 1 month, Q3 4, Q4 7: E1 2 × 3 600 →
# 600, 2 400, 4 200; F3 1 100 → 91,67, 366,67, 641,67; so 0, 691,67, 2 075, 2 075.
# KL*AR Trøndelag 3 × 120 = 360 a quarter. Monthly: F3 275 a quarter; KL*AR 30, 30, 60, 60.
BUDGET_QUARTERS = {
    "budget_oslo": {"Lisenskostnader ORG365": ["1800.00"] * 4,
                    "Lisenskostnader KL*AR": ["0.00", "0.00", "750.00", "750.00"],
                    "Sum lisenskostnader": ["1800.00", "1800.00", "2550.00", "2550.00"]},
    "budget_pro_rata": {"Lisenskostnader ORG365": ["0.00", "691.67", "2075.00", "2075.00"],
                        "Lisenskostnader KL*AR": ["360.00"] * 4,
                        "Sum lisenskostnader": ["360.00", "1051.67", "2435.00", "2435.00"]},
    "budget_monthly": {"Lisenskostnader ORG365": ["275.00"] * 4,
                       "Lisenskostnader KL*AR": ["30.00", "30.00", "60.00", "60.00"],
                       "Sum lisenskostnader": ["305.00", "305.00", "335.00", "335.00"]},
}


@pytest.mark.parametrize("stem", BUDGET_QUARTERS)
def test_libreoffice_computes_the_budget_quarters(computed, stem):
    rows = computed[stem]["Resultat"]
    for label, quarters in BUDGET_QUARTERS[stem].items():
        got = [amounts(rows, [label], col)[label] for col in range(2, 6)]
        assert got == [Decimal(q) for q in quarters], label
        assert sum(got) == amounts(rows, [label], 1)[label]  # the quarters add up to the line


def test_changed_counts_change_the_quarters(computed):
    # 3 × E1 = 10 800 → 2 700 a quarter; KL*AR 3 × 300 = 900 in Q3 and Q4.
    rows = computed["budget_oslo_changed"]["Resultat"]
    assert [amounts(rows, ["Sum lisenskostnader"], c)["Sum lisenskostnader"] for c in range(2, 6)] == [
        Decimal("2700.00"), Decimal("2700.00"), Decimal("3600.00"), Decimal("3600.00")]


def test_the_pay_check_has_its_principles_sheet(computed):
    rows = computed["fo_pay_adjustment"]["Prinsipper"]
    head = next(i for i, r in enumerate(rows) if r and r[0] == "Prinsipp")
    body = [r for r in rows[head + 1:] if r and r[0]]
    assert [r[0] for r in body] == [str(n) for n in range(1, 9)]
    assert body[0][2] == "Til orientering"
    assert all(r[2] in ("Oppfylt", "Brutt", "Ikke aktuelt", "Til orientering") and r[3] for r in body)


def test_every_sheet_prints_landscape_one_page_wide(tmp_path):
    # The pro-rata budget and the adjustment pay check: each sheet is one landscape page
    # wide (LibreOffice prints each of the three or two sheets on one page here).
    profile = make_profile(tmp_path / "profile")
    for stem, name, inputs, sheets in (("budget", "budget", BUDGET_CASES["budget_pro_rata"][0], 2),
                                       ("fo", "fo_pay", FO_PAY_CASES["fo_pay_adjustment"][0], 3)):
        pages = pdf_pages(profile, tmp_path, stem, workbook(name, inputs))
        assert len(pages) == sheets, (stem, pages)
        assert all(w > h for w, h in pages), (stem, pages)
