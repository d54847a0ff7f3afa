"""LibreOffice opens the Excel workbooks, recalculates every formula and gets the
calculator's totals; after a treasurer's change in «Inndata» the totals follow.

LibreOffice (Debian `libreoffice-calc-nogui`, installed by `./dev test`) runs headless with
its own profile, whose `registrymodifications.xcu` says to recalculate .xlsx files on load
(`OOXMLRecalcMode` 0: always). Before opening, every formula's stored value is set to 0
(as XlsxWriter stores by default), so each figure read back is one LibreOffice computed.
The workbooks are converted to CSV, one file per sheet, in one `soffice` run.
"""

from __future__ import annotations

import base64
import csv
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from calculators import api
from tests.unit.xlsx_reading import Workbook, with_values, without_cached_values

RECALC_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""
# CSV export: comma, double quote, UTF-8, raw values (not as shown), every sheet (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

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
def soffice() -> str:
    path = shutil.which("soffice")
    assert path, "soffice not found: ./dev test installs it (Debian package libreoffice-calc-nogui)"
    return path


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lo-profile")
    (root / "user").mkdir()
    (root / "user" / "registrymodifications.xcu").write_text(RECALC_ON_LOAD, encoding="utf-8")
    return root


def recalculated(soffice: str, profile: Path, work: Path, books: dict[str, bytes]) -> dict[str, dict[str, list]]:
    """{book: {sheet: rows}} as LibreOffice computed them, with every stored result zeroed first."""
    for stem, data in books.items():
        (work / f"{stem}.xlsx").write_bytes(without_cached_values(data))
    out = work / "csv"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", CSV_FILTER, "--outdir", str(out),
                    *(str(work / f"{stem}.xlsx") for stem in books)],
                   check=True, capture_output=True, timeout=300)
    sheets: dict[str, dict[str, list]] = {}
    for stem in books:
        sheets[stem] = {}
        for sheet in ("Inndata", "Resultat"):
            path = out / f"{stem}-{sheet}.csv"
            assert path.is_file(), f"LibreOffice wrote no {path.name}"
            with path.open(encoding="utf-8", newline="") as f:
                sheets[stem][sheet] = list(csv.reader(f))
    return sheets


def amounts(rows: list[list[str]], labels, column: int) -> dict[str, Decimal]:
    """The number in `column` of the first row labelled each of `labels` (column A)."""
    out = {}
    for label in labels:
        row = next((r for r in rows if r and r[0] == label), None)
        assert row is not None, f"no row {label!r}"
        out[label] = Decimal(row[column]).quantize(Decimal("0.01"))
    return out


@pytest.fixture(scope="module")
def computed(soffice, profile, tmp_path_factory):
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
    return recalculated(soffice, profile, tmp_path_factory.mktemp("xlsx"), books)


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
