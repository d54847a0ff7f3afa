"""Each FO extra on its guidance page: filled by its Norwegian labels, answered by Pyodide
exactly as calculators.api.run answers the case table, the boundaries included."""

from __future__ import annotations

import pytest

from calculators.api import run
from calculators.view import render
from macros.forms import EXTRA_FIELDS
from tests.browser.helpers import calc, fill_text, open_calc, row, runs, set_rows, settle
from tests.conftest import load_cases

PAGES = {
    "fo_holidays": "fo/arbeidstid-ferie/",
    "fo_bicycle": "fo/godtgjorelser/",
    "fo_loan": "fo/lan/",
    "fo_training": "fo/opplaering/",
    "fo_severance": "fo/etterlonn/",
    "fo_glasses": "fo/arbeidsmiljo/",
}

# Boundary cases the issue names, plus one input error per extra.
WANTED = {
    "fo_holidays": ["fyller 60 i år", "fyller 59 i år", "fødselsår etter kalenderåret"],
    "fo_bicycle": ["turer summeres", "feil i turlisten"],
    "fo_loan": ["nøyaktig 50 %", "49,99 %", "negativ lønn"],
    "fo_training": ["toårig valgperiode, nøyaktig 15 000", "31 000 kr brukt", "valgperiode som ikke er et helt tall",
                    "leder i avdeling med toårig valgperiode"],
    "fo_severance": ["tre måneder à 45 000", "fire måneder etter én valgperiode", "fire måneder etter to"],
    "fo_glasses": ["nøyaktig 2 000 kr", "2 000,01 kr", "uten bekreftet behov", "innfatningspris mangler"],
}


def cases():
    out = []
    for c in load_cases():
        name = c["calculator"]
        if name in WANTED and any(w in c["name"] for w in WANTED[name]) and isinstance(c["inputs"], dict):
            out.append(c)
    return out


CASES = cases()


def fill_extra(page, root, name: str, inputs: dict) -> None:
    if name == "fo_bicycle":
        trips = inputs["trips"]
        set_rows(page, root, "trips", len(trips))
        for i, km in enumerate(trips):
            fill_text(row(root.locator('[data-rows="trips"]'), "trips", i), "Kilometer", km)
        return
    for f in EXTRA_FIELDS[name]:
        value = inputs.get(f["key"], "")
        kind = f.get("kind", "text")
        if kind == "checkbox":
            root.get_by_label(f["label"]).set_checked(value in (True, "ja", "true"))
        elif kind == "select":
            if f["key"] in inputs:  # a select shown only for some choices (fo_training's role)
                root.get_by_label(f["label"]).select_option(str(value))
        else:
            fill_text(root, f["label"], value)


def test_every_named_boundary_is_covered():
    for name, wanted in WANTED.items():
        for w in wanted:
            assert any(w in c["name"] for c in CASES if c["calculator"] == name), (name, w)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_extra_answers_on_its_guidance_page(page, origin, case):
    name = case["calculator"]
    root = open_calc(page, origin, PAGES[name], name)
    before = runs(page, name)
    fill_extra(page, root, name, case["inputs"])
    root.get_by_role("button", name="Beregn").click()
    settle(page, name, before)
    expected = run(name, case["inputs"])
    if expected["ok"]:
        assert root.locator("[data-result]").inner_html() == render(name, expected)["html"]
        for code in case["expected"].get("findings", []):
            assert root.locator(f'[data-result] [data-code="{code}"]').count() == 1, code
    else:
        summary = root.locator("[data-error-summary]")
        assert summary.is_visible()
        shown = summary.locator("li").all_inner_texts()
        assert shown == [e["message"] for e in expected["errors"]]
        assert root.locator(".field-error").count() == len(expected["errors"])
