"""«Last ned Excel-fil»: the worker loads XlsxWriter only when the button is pressed, the
browser saves the workbook, and LibreOffice recalculates it to the calculator's totals."""

from __future__ import annotations

import pytest

from decimal import Decimal

from calculators.api import run
from tests.browser.helpers import fill_budget, fill_fo_pay, open_calc, save_download, submit
from tests.libreoffice import amounts, make_profile, recalculated, soffice
from tests.unit.xlsx_reading import Workbook
from tests.shown import plain

pytestmark = pytest.mark.warm

# The case table's pro-rata budget (tests/cases/budget.toml), as a treasurer types it:
# ORG365 from June (2 × 3 600 + 1 100) × 7 / 12 = 4 841,67; KL*AR Trøndelag 120 × 12 = 1 440.
BUDGET = {
    "year": "2025",
    "org365": {"start_month": "6", "holders": [
        {"role": "leder", "license": "E1", "needs_shared_mailbox": True},
        {"role": "styremedlem", "license": "E1", "needs_shared_mailbox": True},
        {"role": "tillitsvalgt", "license": "F3"}]},
    "klar": {"county": "Trøndelag", "members": "120"},
}
BUDGET_TOTALS = {"Lisenskostnader ORG365": Decimal("4841.67"), "Lisenskostnader KL*AR": Decimal("1440.00"),
                 "Sum lisenskostnader": Decimal("6281.67")}

# From tests/cases/fo_pay.toml: 1 234 567 × 87,5 % = 1 080 246,13, at 60 % 648 147,68.
FO_PAY = {
    "lo_leader_salary": "1 234 567",
    "positions": [
        {"name": "Kari", "unit": "Oslo", "role": "leder", "percent_of_lo": "87,5", "fte_percent": "60"},
        {"name": "Lars", "unit": "Oslo", "role": "sekretaer", "salary": "1 000 000"},
    ],
}
FO_PAY_PAID = {"Kari": Decimal("648147.68"), "Lars": Decimal("1000000.00"),
               "Sum utbetales per år": Decimal("1648147.68")}


def xlsxwriter_requests(requests) -> list[str]:
    """Requests for the XlsxWriter wheel made by the page or its worker (the service
    worker's offline copy of the whole site is not a page's request)."""
    return [r.url for r in requests if r.service_worker is None and "xlsxwriter" in r.url.lower()]


def test_budget_excel_file_loads_xlsxwriter_on_click_and_recalculates_in_libreoffice(
        watch_context, origin, tmp_path):
    context, _ = watch_context
    requests = []
    context.on("request", lambda request: requests.append(request))
    page = context.new_page()
    root = open_calc(page, origin, "kalkulatorer/budsjett/", "budget")
    submit(page, root, "budget", lambda: fill_budget(page, root, BUDGET))
    root.get_by_label("Fagforeningens navn").fill("Fagforbundet Bodø")  # for the record, not the calculator
    assert "6 281,67 kr" in plain(root.locator("[data-result]").inner_text())
    assert xlsxwriter_requests(requests) == [], "XlsxWriter is loaded only for a download"

    path = save_download(page, root, "Last ned Excel-fil", "lisensbudsjett-2025.xlsx", tmp_path / "budget.xlsx")
    assert len(xlsxwriter_requests(requests)) == 1
    assert "Excel-filen er lastet ned." in root.locator("[data-live]").inner_text()

    data = path.read_bytes()
    wb = Workbook(data)
    assert wb.sheet_names == ["Inndata", "Resultat"]
    assert wb.named("Sum_lisenskostnader").formula.startswith("SUM(")
    soffice()
    sheets = recalculated(make_profile(tmp_path / "lo-profile"), tmp_path, {"budget": data})
    got = amounts(sheets["budget"]["Resultat"], BUDGET_TOTALS, 1)
    assert got == BUDGET_TOTALS
    assert ["Fagforeningens navn", "Fagforbundet Bodø"] == sheets["budget"]["Resultat"][3][:2]
    assert got["Sum lisenskostnader"] == Decimal(run("budget", {
        "year": 2025, "org365": {"start_month": 6, "holders": [
            {"role": "leder", "license": "E1"}, {"role": "styremedlem", "license": "E1"},
            {"role": "tillitsvalgt", "license": "F3"}]},
        "klar": {"county": "Trøndelag", "members": 120}})["result"]["total"])

    # A second download reuses the loaded package.
    with page.expect_download() as again:
        root.get_by_role("button", name="Last ned Excel-fil").click()
    assert again.value.suggested_filename == "lisensbudsjett-2025.xlsx"
    assert len(xlsxwriter_requests(requests)) == 1


def test_fo_pay_excel_file(page, origin, tmp_path):
    root = open_calc(page, origin, "kalkulatorer/fo-lonn/", "fo_pay")
    submit(page, root, "fo_pay", lambda: fill_fo_pay(page, root, FO_PAY))
    path = save_download(page, root, "Last ned Excel-fil", "lonnssjekk-fo.xlsx", tmp_path / "fo.xlsx")
    sheets = recalculated(make_profile(tmp_path / "lo-profile"), tmp_path, {"fo": path.read_bytes()})
    assert amounts(sheets["fo"]["Resultat"], FO_PAY_PAID, 6) == FO_PAY_PAID
    assert Workbook(path.read_bytes()).sheet_names == ["Inndata", "Resultat", "Prinsipper"]

