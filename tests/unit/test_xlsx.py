"""The Excel workbooks (`op == "xlsx"`): two sheets, formulas over the inputs, kroner
formats, the calculator's values stored as the formulas' results. Read with zipfile only;
`tests/site/test_xlsx_libreoffice.py` has LibreOffice recalculate them."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest

from calculators import api
from calculators.machinery import registry
from calculators.machinery.xlsx import INPUT_SHEET, MONEY, MONEY_WHOLE, RESULT_SHEET
from tests.conftest import load_cases
from tests.unit.xlsx_reading import Workbook

XLSX_CALCULATORS = ("budget", "fo_pay")
OK_CASES = [c for c in load_cases() if c["calculator"] in XLSX_CALCULATORS and c["expected"].get("ok")]

BUDGET = {
    "year": 2025,
    "org365": {"start_month": 6, "holders": [
        {"role": "leder", "license": "E1"}, {"role": "styremedlem", "license": "E1"},
        {"role": "tillitsvalgt", "license": "F3"}]},
    "klar": {"county": "Trøndelag", "members": 120},
}
BUDGET_MONTHLY = {
    "year": 2026,
    "org365": {"holders": [{"role": "leder", "license": "E1"}]},
    "klar": {"county": "Agder", "members_by_month": [10, 10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 20],
             "rate": "1,125"},
}
FO_PAY = {
    "lo_leader_salary": "1 234 567",
    "positions": [
        {"name": "Kari", "unit": "Oslo", "role": "leder", "percent_of_lo": "87,5", "fte_percent": "60"},
        {"name": "Lars", "unit": "Oslo", "role": "sekretaer", "salary": "1 000 000"},
    ],
}


def download(name: str, inputs: dict) -> tuple[dict, Workbook]:
    data = json.loads(api.respond("xlsx", name, json.dumps(inputs, ensure_ascii=False)))
    return data, Workbook(base64.b64decode(data["xlsx"], validate=True))


def money(cell) -> Decimal:
    return Decimal(cell.value).quantize(Decimal("0.01"))


def test_importing_the_calculators_does_not_import_xlsxwriter():
    code = ("import sys, calculators, calculators.api, calculators.machinery.xlsx\n"
            "from calculators.machinery import registry\n"
            "registry.calculators()\n"
            "assert 'xlsxwriter' not in sys.modules, 'xlsxwriter imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_only_budget_and_fo_pay_declare_a_workbook():
    declared = sorted(name for name, calc in registry.calculators().items() if calc.xlsx is not None)
    assert declared == sorted(XLSX_CALCULATORS)
    for name, calc in registry.calculators().items():
        assert ("xlsx" in calc.actions) == (calc.xlsx is not None), name


def test_budget_workbook_sheets_formulas_and_formats():
    data, wb = download("budget", BUDGET)
    assert data["filename"] == "lisensbudsjett-2025.xlsx"
    assert data["output"]["ok"] is True and data["html"]
    assert wb.sheet_names == [INPUT_SHEET, RESULT_SHEET] == ["Inndata", "Resultat"]

    total = wb.named("Sum_lisenskostnader")
    assert total.formula is not None and total.formula.startswith("SUM(")
    assert money(total) == Decimal("6281.67")
    assert total.number_format == MONEY == '#,##0.00 "kr"'

    cells = wb.cells(RESULT_SHEET)
    row = wb.row_of(RESULT_SHEET, "Lisenskostnader ORG365")
    org365_line = cells[f"B{row}"]
    assert org365_line.formula.startswith("SUM(") and money(org365_line) == Decimal("4841.67")
    klar_line = cells[f"B{row + 1}"]
    assert klar_line.formula.startswith("SUM(") and money(klar_line) == Decimal("1440.00")

    # Each ORG365 line: ROUND(price × count × months / 12; 2) over the input sheet's figures.
    e1 = wb.row_of(RESULT_SHEET, "E1 – normal bruk")
    assert cells[f"E{e1}"].formula == f"ROUND(C{e1}*B{e1}*D{e1}/12,2)"
    assert money(cells[f"E{e1}"]) == Decimal("4200.00")   # 2 × 3 600 × 7 / 12
    assert cells[f"B{e1}"].formula.startswith("Inndata!")
    # KL*AR at one member count: months × ROUND(members × rate; 2).
    klar_row = wb.row_of(RESULT_SHEET, "Trøndelag")
    assert cells[f"E{klar_row}"].formula == f"D{klar_row}*ROUND(B{klar_row}*C{klar_row},2)"
    # KL*AR is charged per working member (yrkesaktivt medlem), as the circular says.
    assert cells[f"C{klar_row - 1}"].value == "Sats per yrkesaktivt medlem per måned"

    inputs = wb.cells(INPUT_SHEET)
    e1_in = wb.row_of(INPUT_SHEET, "E1 – normal bruk")
    assert inputs[f"B{e1_in}"].formula is None and inputs[f"B{e1_in}"].value == "2"
    assert inputs[f"C{e1_in}"].number_format == MONEY_WHOLE == '#,##0 "kr"'  # 3 600 kr, as the page shows it
    members = wb.row_of(INPUT_SHEET, "Yrkesaktive medlemmer")
    assert inputs[f"B{members}"].value == "120"


def test_budget_workbook_calls_the_prices_approximate_only_while_one_is_the_circulars():
    def basis(prices: dict) -> str:
        inputs = {**BUDGET, "org365": {**BUDGET["org365"], "prices": prices}}
        _, wb = download("budget", inputs)
        return next(str(c.value) for c in wb.cells(RESULT_SHEET).values() if str(c.value).startswith("Grunnlag:"))
    # every price the reader's own: the workbook says nothing of «ca.»
    assert basis({"E1": "3 700", "F3": "1 150", "E3": "5 100"}) == (
        "Grunnlag: Fagforbundets rundskriv 19/24. KL*AR belastes per yrkesaktivt medlem per måned.")
    # one price the reader's own: the other two keep the circular's «Ca»
    assert basis({"E1": "3 700"}) == (
        "Grunnlag: Fagforbundets rundskriv 19/24. ORG365-prisene for F3 og E3 er omtrentlige («ca.»); "
        "KL*AR belastes per yrkesaktivt medlem per måned.")
    assert basis({}) == ("Grunnlag: Fagforbundets rundskriv 19/24. ORG365-prisene er omtrentlige («ca.»); "
                         "KL*AR belastes per yrkesaktivt medlem per måned.")


def test_each_sheet_says_the_calculator_is_guidance_and_names_its_own_source():
    for name, inputs, source in (("budget", BUDGET, "mot Fagforbundets rundskriv 19/24 før de brukes"),
                                 ("fo_pay", FO_PAY, "mot reglementet for lønnede tillitsvalgte i FO før de brukes")):
        _, wb = download(name, inputs)
        for sheet in wb.sheet_names:
            texts = [str(c.value) for c in wb.cells(sheet).values()]
            line = next(t for t in texts if t.startswith("Kalkulatoren er veiledende"))
            assert source in line and "rundskrivet eller reglementet" not in line, line


def test_budget_with_monthly_counts_has_one_formula_per_month():
    data, wb = download("budget", BUDGET_MONTHLY)
    answer = api.run("budget", BUDGET_MONTHLY)
    assert answer["ok"] is True
    cells = wb.cells(RESULT_SHEET)
    january, december = wb.row_of(RESULT_SHEET, "januar"), wb.row_of(RESULT_SHEET, "desember")
    assert december - january == 11
    assert cells[f"C{january - 1}"].value == "Sats per yrkesaktivt medlem per måned"
    for i, row in enumerate(range(january, december + 1)):
        assert re.fullmatch(rf"IF\({i + 1}>=Inndata!\$B\$\d+,ROUND\(B{row}\*C{row},2\),0\)", cells[f"E{row}"].formula)
        assert money(cells[f"E{row}"]) == Decimal(answer["result"]["klar"]["by_month"][i])
    # 10 × 1,125 = 11,25; 20 × 1,125 = 22,50: 6 × 11,25 + 6 × 22,50 = 202,50
    assert money(wb.named("Sum_lisenskostnader")) == Decimal("3600.00") + Decimal("202.50")
    inputs = wb.cells(INPUT_SHEET)
    assert [inputs[f"B{r}"].value for r in range(wb.row_of(INPUT_SHEET, "januar"),
                                                  wb.row_of(INPUT_SHEET, "desember") + 1)] == \
        ["10"] * 6 + ["20"] * 6
    rate = wb.row_of(INPUT_SHEET, "Sats per yrkesaktivt medlem per måned (kr)")
    assert Decimal(inputs[f"B{rate}"].value) == Decimal("1.125")


def test_fo_pay_workbook_levels_shares_and_paid():
    data, wb = download("fo_pay", FO_PAY)
    assert data["filename"] == "lonnssjekk-fo.xlsx"
    assert wb.sheet_names == ["Inndata", "Resultat", "Prinsipper"]
    cells = wb.cells(RESULT_SHEET)
    kari, lars = (wb.row_of(RESULT_SHEET, n) for n in ("Kari", "Lars"))
    # the level: percent × the LO leader's salary cell, or kroner as typed
    assert "ISNUMBER" in cells[f"D{kari}"].formula and "ROUND(" in cells[f"D{kari}"].formula
    assert money(cells[f"D{kari}"]) == Decimal("1080246.13")
    assert money(cells[f"G{kari}"]) == Decimal("648147.68")
    assert cells[f"G{kari}"].formula == f"ROUND(D{kari}*F{kari}/100,2)"
    assert Decimal(cells[f"E{lars}"].value) == Decimal("81.00")   # share of the LO leader's salary
    assert cells[f"E{lars}"].formula.startswith("IF(")
    assert cells[f"D{lars}"].number_format == MONEY_WHOLE  # 1 000 000 kr
    assert cells[f"D{kari}"].number_format == MONEY  # 1 080 246,13 kr
    assert cells[f"E{lars}"].number_format == '0.00 "%"'
    total = wb.named("Sum_utbetales")
    assert total.formula.startswith("SUM(") and money(total) == Decimal("1648147.68")

    inputs = wb.cells(INPUT_SHEET)
    kari_in, lars_in = (wb.row_of(INPUT_SHEET, n) for n in ("Kari", "Lars"))
    assert Decimal(inputs[f"E{kari_in}"].value) == Decimal("87.5") and f"D{kari_in}" not in inputs
    assert Decimal(inputs[f"D{lars_in}"].value) == Decimal("1000000") and f"E{lars_in}" not in inputs
    lo = wb.row_of(INPUT_SHEET, "LO-leders årslønn (kr)")
    assert Decimal(inputs[f"B{lo}"].value) == Decimal("1234567")


@pytest.mark.parametrize("case", OK_CASES, ids=lambda c: c["name"][:60])
def test_every_case_stores_the_calculators_totals(case):
    """The values stored with the formulas are the calculator's, line by line."""
    name = case["calculator"]
    data, wb = download(name, case["inputs"])
    result = api.run(name, case["inputs"])["result"]
    if name == "budget":
        assert money(wb.named("Sum_lisenskostnader")) == Decimal(result["total"])
    else:
        cells = wb.cells(RESULT_SHEET)
        first = wb.row_of(RESULT_SHEET, "Navn") + 1
        for i, p in enumerate(result["positions"]):
            assert money(cells[f"D{first + i}"]) == Decimal(p["level"])
            assert money(cells[f"G{first + i}"]) == Decimal(p["paid"])
        if result.get("adjustment"):
            assert money(wb.named("Sum_etterbetaling")) == Decimal(result["adjustment"]["total_back_pay"])


def hand_worked_totals(case: dict) -> dict[str, Decimal]:
    """The workbook's named totals as the case table works them out by hand: the budget's
    total, and the sum of the FO pay table's hand-worked payments (and back pay)."""
    expected = case["expected"].get("result", {})
    out = {}
    if case["calculator"] == "budget" and "total" in expected:
        out["Sum_lisenskostnader"] = Decimal(expected["total"])
    positions = expected.get("positions") or []
    if positions and all("paid" in p for p in positions):
        out["Sum_utbetales"] = sum((Decimal(p["paid"]) for p in positions), Decimal("0.00"))
    if "total_back_pay" in expected.get("adjustment", {}):
        out["Sum_etterbetaling"] = Decimal(expected["adjustment"]["total_back_pay"])
    return out


HAND_WORKED = [c for c in OK_CASES if hand_worked_totals(c)]


@pytest.mark.parametrize("case", HAND_WORKED, ids=lambda c: c["name"][:60])
def test_the_workbooks_totals_are_the_hand_worked_ones(case):
    _, wb = download(case["calculator"], case["inputs"])
    for name, total in hand_worked_totals(case).items():
        assert money(wb.named(name)) == total, name


def test_hand_worked_totals_cover_both_workbooks():
    assert {c["calculator"] for c in HAND_WORKED} == set(XLSX_CALCULATORS)
    assert sum("Sum_etterbetaling" in hand_worked_totals(c) for c in HAND_WORKED) >= 1


def test_no_workbook_for_errors_other_ops_or_other_calculators():
    bad = json.loads(api.respond("xlsx", "budget", json.dumps({"year": 2025})))
    assert bad["output"]["ok"] is False and "xlsx" not in bad and "filename" not in bad
    csv = json.loads(api.respond("csv", "budget", json.dumps(BUDGET)))
    assert "csv" in csv and "xlsx" not in csv
    run = json.loads(api.respond("run", "budget", json.dumps(BUDGET)))
    assert "xlsx" not in run and "csv" not in run
    klar = json.loads(api.respond("xlsx", "klar", json.dumps(BUDGET["klar"] | {"year": 2025})))
    assert klar["output"]["ok"] is True and "xlsx" not in klar


def sheet_xml(wb: Workbook, sheet: str) -> str:
    return wb.zip.read(wb.sheet_paths[sheet]).decode("utf-8")


def test_budget_quarters_are_formulas_that_store_the_pages_quarters():
    # ORG365 from June: by the end of Q2 1 month is charged, Q3 4, Q4 7. E1 2 × 3 600:
    # 600, 2 400, 4 200 → quarters 0, 600, 1 800, 1 800. KL*AR Trøndelag 120 × 1 kr × 3 = 360 a quarter.
    _, wb = download("budget", BUDGET)
    cells = wb.cells(RESULT_SHEET)
    e1 = wb.row_of(RESULT_SHEET, "E1 – normal bruk")
    assert [money(cells[f"{c}{e1}"]) for c in "FGHI"] == [Decimal("0.00"), Decimal("600.00"), Decimal("1800.00"),
                                                            Decimal("1800.00")]
    assert cells[f"G{e1}"].formula.startswith(f"ROUND(C{e1}*B{e1}*MAX(0,6-Inndata!$B$")
    line = wb.row_of(RESULT_SHEET, "Lisenskostnader KL*AR")
    assert [money(cells[f"{c}{line}"]) for c in "CDEF"] == [Decimal("360.00")] * 4
    total = wb.row_of(RESULT_SHEET, "Sum lisenskostnader")
    # 691,67 + 360 = 1 051,67 in Q2; 2 075 + 360 = 2 435 in Q3 and Q4 (see the LibreOffice test)
    assert [money(cells[f"{c}{total}"]) for c in "CDEF"] == [Decimal("360.00"), Decimal("1051.67"),
                                                              Decimal("2435.00"), Decimal("2435.00")]
    assert all(cells[f"{c}{total}"].formula.startswith("SUM(") for c in "CDEF")


def test_whole_kroner_as_the_page_shows_them_and_every_sheet_landscape_one_page_wide():
    _, wb = download("budget", BUDGET)
    cells = wb.cells(RESULT_SHEET)
    line = wb.row_of(RESULT_SHEET, "Lisenskostnader KL*AR")
    assert cells[f"B{line}"].number_format == MONEY_WHOLE  # 1 440 kr
    assert cells[f"B{line - 1}"].number_format == MONEY  # 4 841,67 kr
    for name, inputs in (("budget", BUDGET), ("fo_pay", FO_PAY)):
        _, wb = download(name, inputs)
        for sheet in wb.sheet_names:
            xml = sheet_xml(wb, sheet)
            assert 'orientation="landscape"' in xml and 'paperSize="9"' in xml, sheet
            assert '<pageSetUpPr fitToPage="1"/>' in xml and 'fitToHeight="0"' in xml, sheet


def test_record_cells_are_labelled_and_empty_without_a_name_and_hold_it_with_one():
    _, wb = download("budget", BUDGET)
    cells = wb.cells(RESULT_SHEET)
    name_row, date_row = wb.row_of(RESULT_SHEET, "Fagforeningens navn"), wb.row_of(RESULT_SHEET, "Møtedato")
    assert cells.get(f"B{name_row}") is None or cells[f"B{name_row}"].value in (None, "")
    assert cells.get(f"B{date_row}") is None or cells[f"B{date_row}"].value in (None, "")
    _, wb = download("budget", BUDGET | {"record_name": "Fagforbundet Bodø", "record_date": "15. januar 2026"})
    cells = wb.cells(RESULT_SHEET)
    assert cells[f"B{name_row}"].value == "Fagforbundet Bodø" and cells[f"B{date_row}"].value == "15. januar 2026"


FORMULA_LIKE = ['=HYPERLINK("http://example.com","klikk")', "@SUM(A1:A9)", "+cmd|' /C calc'!A0", "-2+3"]


def test_formula_like_text_typed_as_names_and_units_stays_text():
    positions = [{"name": text, "unit": unit, "role": "leder", "percent_of_lo": "80"}
                 for text, unit in zip(FORMULA_LIKE, ["Oslo", "=1+1", "@A1", "Bergen"], strict=True)]
    inputs = {"lo_leader_salary": "1 000 000", "positions": positions, "record_name": "=HYPERLINK(\"x\")"}
    _, wb = download("fo_pay", inputs)
    cells = wb.cells(INPUT_SHEET)
    by_value = {c.value: c for c in cells.values()}
    for text in [*FORMULA_LIKE, "=1+1", "@A1"]:
        assert text in by_value, text
        assert by_value[text].formula is None, text  # a string cell, not a formula
    result = wb.cells(RESULT_SHEET)
    assert any(c.value == '=HYPERLINK("x")' and c.formula is None for c in result.values())


def test_fo_pay_principles_sheet_lists_the_eight_principles_as_judged():
    _, wb = download("fo_pay", FO_PAY)
    answer = api.run("fo_pay", FO_PAY)["result"]
    cells = wb.cells("Prinsipper")
    head = wb.row_of("Prinsipper", "Prinsipp")
    rows = [(cells[f"A{r}"].value, cells[f"C{r}"].value) for r in range(head + 1, head + 9)]
    labels = {"pass": "Oppfylt", "fail": "Brutt", "n/a": "Ikke aktuelt", "info": "Til orientering"}
    assert rows == [(str(p["rule"]), labels[p["status"]]) for p in answer["principles"]]
    assert [r[0] for r in rows] == [str(n) for n in range(1, 9)]
    assert rows[0][1] == "Til orientering"  # principle 1 is never shown as met (the page's reading)
    # «Hva reglementet sier» holds the regulation's own words, as it reads them.
    words = {cells[f"A{r}"].value: cells[f"B{r}"].value for r in range(head + 1, head + 9)}
    assert words["5"] == "Leder for Oslo-avdelingen skal avlønnes høyere enn FOs øvrige ledere for avdeling."
    assert words["7"] == "Frikjøpte nestledere for avdeling skal avlønnes høyere enn avdelingsekretærene."
