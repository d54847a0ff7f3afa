"""Inputs saved or shared before a form changed still open without loss.

Two changes are covered: the ORG365 form once had one checkbox for «felles e-postadresse
eller fellesområdet i Teams» (now two: the old value is kept for the e-mail address and
copied into the Teams area, and the reader is asked to check it), and the training-support
form had no «Verv i avdelingen» (the select keeps the form's example choice, and the reader
is asked to check it). Expected texts are written here by hand.
"""

from __future__ import annotations

import pytest

import base64
import json

from tests.browser.helpers import calc, row
from tests.browser.conftest import wait_live
from tests.shown import plain

pytestmark = pytest.mark.warm

MAILBOX = "Skal ha tilgang til fagforeningens felles e-postadresse (felles innboks)"
AREA = "Skal arbeide i fagforeningens fellesområde i Teams"


def fragment(snapshot: dict) -> str:
    raw = json.dumps(snapshot, ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


OLD_ORG365 = {
    "fields": {"year": "2025", "start_month": "", "prices.E1": "", "prices.F3": "", "prices.E3": ""},
    "rows": {"holders": [
        {"role": "leder", "license": "E1", "needs_shared_mailbox": True},
        {"role": "tillitsvalgt", "license": "F3", "needs_shared_mailbox": True},
        {"role": "styremedlem", "license": "E1", "needs_shared_mailbox": False},
    ]},
}


def test_an_old_org365_link_keeps_the_checkbox_and_asks_to_check_the_new_one(page, origin):
    page.goto(f"{origin}/kalkulatorer/org365/#inndata-org365={fragment(OLD_ORG365)}")
    wait_live(page, "org365")
    root = calc(page, "org365")
    holders = root.locator('[data-rows="holders"]')
    for i, checked in enumerate((True, True, False)):
        r = row(holders, "holders", i)
        assert r.get_by_label(MAILBOX).is_checked() is checked
        assert r.get_by_label(AREA).is_checked() is checked  # copied from the old checkbox
        assert "samme verdi som det gamle, felles avkrysningsfeltet" in r.inner_text()
    notice = root.locator("[data-notice]")
    assert notice.is_visible()
    assert notice.inner_text() == (
        "Inndataene ble lagret eller delt før skjemaet fikk feltet «Skal arbeide i fagforeningens "
        "fellesområde i Teams». Sjekk det før du bruker resultatet.")
    # Row 2: F3 with the e-mail address is an error, the Teams area only a recommendation.
    result = root.locator("[data-result]")
    assert result.locator('[data-code="shared-mailbox-needs-e1"]').inner_text().startswith(
        "Må rettes: Rad 2 skal ha tilgang til fagforeningens felles e-postadresse")
    assert result.locator('[data-code="shared-area-e1-recommended"]').inner_text().startswith(
        "Obs: Rad 2 skal arbeide i fagforeningens fellesområde i Teams")
    # 2 × 3 600 + 1 100 = 8 300 kr
    assert "8 300 kr" in plain(result.locator("tfoot").inner_text())


def test_a_current_link_raises_no_notice(page, origin):
    current = json.loads(json.dumps(OLD_ORG365))
    for h in current["rows"]["holders"]:
        h["needs_shared_area"] = False
    page.goto(f"{origin}/kalkulatorer/org365/#inndata-org365={fragment(current)}")
    wait_live(page, "org365")
    root = calc(page, "org365")
    assert root.locator("[data-notice]").is_hidden()
    assert root.locator("[data-added-note]").count() == 0
    assert not row(root.locator('[data-rows="holders"]'), "holders", 1).get_by_label(AREA).is_checked()


def test_saved_training_inputs_without_a_role_ask_for_it(page, origin):
    page.goto(f"{origin}/fo/opplaering/")
    old = {"fields": {"group": "avdeling", "term_years": "2", "used": "1 000"}, "rows": {}}
    page.evaluate("v => localStorage.setItem('calc:v1:fo_training', v)", json.dumps(old))
    page.reload()
    wait_live(page, "fo_training")
    root = calc(page, "fo_training")
    role = root.get_by_label("Verv i avdelingen")
    assert role.is_visible()
    assert role.input_value() == "ovrig"  # the form's example choice
    field = root.locator(".field", has=page.get_by_label("Verv i avdelingen"))
    assert "Nytt felt siden inndataene ble lagret: sjekk verdien." in field.inner_text()
    assert root.locator("[data-notice]").inner_text() == (
        "Inndataene ble lagret eller delt før skjemaet fikk feltet «Verv i avdelingen». "
        "Sjekk det før du bruker resultatet.")
    assert root.get_by_label("Valgperiodens lengde i år").input_value() == "2"
    assert root.get_by_label("Allerede innvilget i perioden (kr)").input_value() == "1 000"
    # Øvrig tillitsvalgt, two-year term: 15 000 − 1 000 = 14 000 kr left.
    assert "14 000 kr" in plain(root.locator("[data-result]").inner_text())


OTHER_RATES = ("Inndataene ble lagret eller delt da kalkulatoren brukte andre satser enn nå. Resultatet er "
               "regnet med satsene som gjelder nå; se «Slik er det regnet ut».")


def test_a_link_made_with_other_rates_says_so_and_computes_with_todays(page, origin):
    from calculators.machinery.rates import version

    snap = {"fields": {"year": "2025", "county": "Agder", "members_mode": "single", "members": "100", "rate": ""},
            "rows": {}, "rates": "0" * 12}
    assert version() != "0" * 12
    page.goto(f"{origin}/kalkulatorer/klar/#inndata-klar={fragment(snap)}")
    wait_live(page, "klar")
    root = calc(page, "klar")
    assert root.locator("[data-notice]").inner_text() == OTHER_RATES
    # 100 × 12 × 1 kr (Agder from January 2025, today's rate) = 1 200 kr
    assert "1 200 kr" in plain(root.locator("[data-result]").inner_text())


def test_a_link_made_with_todays_rates_says_nothing_of_rates(page, origin):
    from calculators.machinery.rates import version

    snap = {"fields": {"year": "2025", "county": "Agder", "members_mode": "single", "members": "100", "rate": ""},
            "rows": {}, "rates": version()}
    page.goto(f"{origin}/kalkulatorer/klar/#inndata-klar={fragment(snap)}")
    wait_live(page, "klar")
    root = calc(page, "klar")
    assert root.locator("[data-notice]").is_hidden()
    # and the link the page makes carries the same fingerprint
    root.get_by_role("button", name="Del lenke").click()
    link = root.locator("[data-share-url]").input_value()
    encoded = link.split("#inndata-klar=", 1)[1]
    shared = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    assert shared["rates"] == version()
