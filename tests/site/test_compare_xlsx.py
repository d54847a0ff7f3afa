"""Two plans in the budget's Excel workbook: plan A's «Inndata» and «Resultat», plan B's
«Inndata B» and «Oppsett B», and «Forskjell» (both plans and B − A, line by line). LibreOffice
recalculates every formula (`tests/libreoffice.py`: stored values zeroed first) and gets the
figures the page shows: the case table's comparison, worked out by hand there."""

from __future__ import annotations

import base64
import json
from decimal import Decimal

import pytest

from calculators import api
from tests.conftest import load_cases
from tests.libreoffice import amounts, make_profile, recalculated, soffice
from tests.unit.xlsx_reading import Workbook, with_values

CASE = next(c for c in load_cases() if c["name"] == "To budsjettoppsett 2025: B har en tillitsvalgt til på E1, KL*AR likt")
COMPARED = ("Lisenskostnader ORG365", "Lisenskostnader KL*AR", "ORG365, E1 – normal bruk", "ORG365, F3 – enkel bruk",
            "ORG365, E3 – avansert bruk", "1. kvartal", "2. kvartal", "3. kvartal", "4. kvartal", "Sum lisenskostnader")


def workbook(inputs: dict) -> bytes:
    data = json.loads(api.respond("xlsx", "budget", json.dumps(inputs, ensure_ascii=False)))
    return base64.b64decode(data["xlsx"])


@pytest.fixture(scope="module")
def computed(tmp_path_factory):
    soffice()
    book = workbook(CASE["inputs"])
    # A treasurer's change in plan B: four E1 licences instead of three.
    e1 = Workbook(book).row_of("Inndata B", "E1 – normal bruk")
    books = {"compare": book, "compare_changed": with_values(book, "Inndata B", {f"B{e1}": "4"})}
    return recalculated(make_profile(tmp_path_factory.mktemp("lo-profile")), tmp_path_factory.mktemp("xlsx"), books)


def test_a_sheet_per_plan_and_one_for_the_difference():
    assert Workbook(workbook(CASE["inputs"])).sheet_names == ["Inndata", "Resultat", "Inndata B", "Oppsett B",
                                                                "Forskjell"]
    one_plan = {k: v for k, v in CASE["inputs"].items() if k != "plan_b"}
    assert Workbook(workbook(one_plan)).sheet_names == ["Inndata", "Resultat"]


def test_libreoffice_gets_both_plans_and_the_difference_the_page_shows(computed):
    rows = computed["compare"]["Forskjell"]
    expected = CASE["expected"]["compare"]
    differing = {line["label"]: line for line in expected["lines"]}
    got = {col: amounts(rows, COMPARED, col) for col in (1, 2, 3)}
    for label in COMPARED:
        if label == "Sum lisenskostnader":
            want = (expected["total_a"], expected["total_b"], expected["difference"])
        elif label in differing:
            want = (differing[label]["a"], differing[label]["b"], differing[label]["difference"])
        else:  # a line the page lists as equal: B − A is 0
            assert got[3][label] == 0, label
            assert got[1][label] == got[2][label], label
            continue
        assert (got[1][label], got[2][label], got[3][label]) == tuple(Decimal(v) for v in want), label
    # Each plan's own sheet sums to its total.
    assert amounts(computed["compare"]["Resultat"], ["Sum lisenskostnader"], 1) == {
        "Sum lisenskostnader": Decimal(expected["total_a"])}
    assert amounts(computed["compare"]["Oppsett B"], ["Sum lisenskostnader"], 1) == {
        "Sum lisenskostnader": Decimal(expected["total_b"])}


def test_a_change_in_plan_b_flows_into_the_difference(computed):
    # Plan B with 4 × E1: ORG365 14 400 kr, total 14 400 + 1 500 = 15 900 kr; A stays 8 700 kr.
    got = {col: amounts(computed["compare_changed"]["Forskjell"], ["ORG365, E1 – normal bruk", "Sum lisenskostnader"],
                        col) for col in (1, 2, 3)}
    assert got[1] == {"ORG365, E1 – normal bruk": Decimal("7200.00"), "Sum lisenskostnader": Decimal("8700.00")}
    assert got[2] == {"ORG365, E1 – normal bruk": Decimal("14400.00"), "Sum lisenskostnader": Decimal("15900.00")}
    assert got[3] == {"ORG365, E1 – normal bruk": Decimal("7200.00"), "Sum lisenskostnader": Decimal("7200.00")}


def test_each_sheet_names_the_sheet_its_figures_follow_and_plan_b_carries_the_record():
    inputs = {**CASE["inputs"], "record_name": "Fagforbundet Eksempel", "record_date": "14.1.2026"}
    book = Workbook(workbook(inputs))
    said = {sheet: book.cells(sheet)["A2"].value for sheet in book.sheet_names}
    assert said["Inndata"].endswith("Endre tallene i arket «Inndata»; arket «Resultat» regner på nytt.")
    assert said["Resultat"] == said["Inndata"]
    for sheet in ("Inndata B", "Oppsett B"):
        assert said[sheet].endswith("Endre tallene i arket «Inndata B»; arket «Oppsett B» regner på nytt."), sheet
    assert said["Forskjell"].endswith("Arket regner forskjellen fra arkene «Resultat» og «Oppsett B».")
    texts = [c.value for c in book.cells("Oppsett B").values()]
    assert "Fagforbundet Eksempel" in texts and "14.1.2026" in texts


def test_the_difference_sheet_names_each_breakdown():
    cells = Workbook(workbook(CASE["inputs"])).cells("Forskjell")
    column_a = [c.value for ref, c in sorted(cells.items(), key=lambda kv: int(kv[0][1:]) if kv[0][1:].isdigit() else 0)
                if ref.startswith("A") and ref[1:].isdigit()]
    heads = [v for v in column_a if v in ("Per budsjettpost", "ORG365 per lisenstype", "Per kvartal")]
    assert heads == ["Per budsjettpost", "ORG365 per lisenstype", "Per kvartal"]
    assert column_a.index("Per kvartal") < column_a.index("1. kvartal") < column_a.index("Sum lisenskostnader")
