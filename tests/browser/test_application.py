"""The application for coverage on «Søke om dekning»: the letter drafted from what the
reader types, the licence budget's figures taken over from this browser, the letter's
text onto the clipboard, and one clean A4 page in print."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from calculators.machinery.declare import CHOICE, LONG_TEXT
from calculators.machinery import registry
from tests.browser.helpers import fill_budget, fill_text, open_calc, submit
from tests.conftest import load_cases
from tests.shown import missing, plain, text_cases

pytestmark = pytest.mark.warm

PAGE = "fagforbundet/dekning/"


def fill_application(root, inputs: dict) -> None:
    calc = registry.get("application")
    for f in calc.fields:
        value = inputs.get(f.key, "")
        if f.kind == CHOICE:
            root.get_by_label(f.label, exact=True).select_option(str(value))
        elif f.kind == LONG_TEXT:
            root.get_by_label(f.label, exact=True).fill(str(value))
        else:
            fill_text(root, f.label, value)


@pytest.mark.parametrize("case", text_cases(load_cases(), "application"))
def test_the_letter_shows_the_hand_written_text(page, origin, case):
    root = open_calc(page, origin, PAGE, "application")
    submit(page, root, "application", lambda: fill_application(root, case["inputs"]))
    text = root.locator("[data-result]").inner_text()
    assert not missing(text, case["expected"]["text"]), f"not shown: {missing(text, case['expected']['text'])}\n{text}"
    assert plain(root.locator("[data-live]").inner_text()).strip().endswith(case["expected"]["summary"])


def test_the_explanation_keeps_its_line_breaks_in_the_letter_and_the_copied_text(page, origin):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    root = open_calc(page, origin, PAGE, "application")
    submit(page, root, "application", lambda: fill_application(root, {
        "department": "Fagforbundet Vik", "year": "2026", "licence_costs": "2 000", "criterion": "income",
        "explanation": "Første linje.\nAndre linje."}))
    letter = root.locator("[data-letter]")
    assert "Første linje.\nAndre linje." in letter.inner_text()
    root.get_by_role("button", name="Kopier teksten").click()
    page.wait_for_function("() => document.querySelector('[data-live]').textContent.includes('kopiert')")
    copied = plain(page.evaluate("() => navigator.clipboard.readText()"))
    assert copied.startswith("Til: Fagforbundet, organisasjonsavdelingen, organisasjonsavdelingen@fagforbundet.no\n")
    assert "Første linje.\nAndre linje." in copied
    assert "Lisenskostnadene i fagforeningens budsjett for 2026 er 2 000 kr." in copied
    assert copied.rstrip().endswith("Med hilsen\nFagforbundet Vik")


def test_hent_fra_lisensbudsjettet_says_so_when_no_budget_is_saved(page, origin):
    root = open_calc(page, origin, PAGE, "application")
    root.get_by_role("button", name="Hent fra lisensbudsjettet").click()
    notice = root.locator("[data-notice]")
    assert notice.is_visible()
    assert notice.inner_text().startswith("Fant ikke noe lisensbudsjett i denne nettleseren.")
    # the example's figure stays as it was
    assert root.get_by_label("Lisenskostnader i budsjettet", exact=True).input_value() == "8 700"


def test_hent_fra_lisensbudsjettet_takes_the_saved_budgets_year_and_total(page, origin):
    budget = open_calc(page, origin, "kalkulatorer/budsjett/", "budget")
    # 2 × E1 3 600 = 7 200 for ORG365; KL*AR Agder 2027, 100 members × 12 months × 1 kr = 1 200 → 8 400 kr
    submit(page, budget, "budget", lambda: fill_budget(page, budget, {
        "year": "2027",
        "org365": {"holders": [{"role": "leder", "license": "E1"}, {"role": "styremedlem", "license": "E1"}]},
        "klar": {"county": "Agder", "members": "100"}}))
    assert "8 400 kr" in plain(budget.locator("[data-result]").inner_text())
    root = open_calc(page, origin, PAGE, "application")
    before = int(root.get_attribute("data-runs") or 0)
    root.get_by_role("button", name="Hent fra lisensbudsjettet").click()
    assert root.get_by_label("Budsjettår", exact=True).input_value() == "2027"
    assert root.get_by_label("Lisenskostnader i budsjettet", exact=True).input_value() == "8400"
    assert root.locator("[data-notice]").inner_text() == (
        "Hentet fra lisensbudsjettet: «Budsjettår», «Lisenskostnader i budsjettet». Kontroller tallene.")
    page.wait_for_function("([n]) => Number(document.querySelector('[data-calc=\"application\"]').dataset.runs) > n",
                           arg=[before])
    assert "Lisenskostnadene i fagforeningens budsjett for 2027 er 8 400 kr." in plain(
        root.locator("[data-letter]").inner_text())


def test_start_pa_nytt_on_the_budget_forgets_what_it_handed_over(page, origin):
    budget = open_calc(page, origin, "kalkulatorer/budsjett/", "budget")
    submit(page, budget, "budget", lambda: fill_text(budget, "Budsjettår", "2027"))
    assert page.evaluate("() => localStorage.getItem('calc:v1:budget:handover')") is not None
    budget.get_by_role("button", name="Start på nytt").click()
    assert page.evaluate("() => localStorage.getItem('calc:v1:budget:handover')") is None


def test_the_letter_prints_alone_on_one_a4_page(page, origin):
    root = open_calc(page, origin, PAGE, "application")
    submit(page, root, "application", lambda: fill_application(root, {
        "department": "Fagforbundet Vik", "number": "77", "year": "2026", "licence_costs": "8 700",
        "amount": "4 000", "income": "60 000", "holdings": "20 000", "criterion": "both",
        "explanation": "Fagforeningen har hatt store utgifter til kurs i år.\nVi ber om forståelse."}))
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    assert len(pdf.pages) == 1
    text = " ".join(plain(pdf.pages[0].extract_text()).split())
    for expected in ("Utkast – kontroller og fullfør brevet før fagforeningen sender det.",
                     "Til: Fagforbundet, organisasjonsavdelingen, organisasjonsavdelingen@fagforbundet.no",
                     "Fra: Fagforbundet Vik (nr. 77)", "Vedlegg", "Regnskap for de siste to årene",
                     "Beretning for de siste to årene",
                     "Slik går søknaden: først til uttalelse i fylkeskretsen"):
        assert expected in text, expected
    # the guidance around the form and the form itself are not printed
    assert "Rundskrivet nevner to kriterier" not in text
    assert "Hent fra lisensbudsjettet" not in text
