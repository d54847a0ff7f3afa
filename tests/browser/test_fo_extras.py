"""Each FO extra on its guidance page: filled by its Norwegian labels (read from its
declared fields), answered by Pyodide exactly as calculators.api.run answers the case
table, the boundaries included, and showing the hand-written text of the case table."""

from __future__ import annotations

import pytest

from calculators.machinery import registry
from calculators.api import run
from calculators.machinery.declare import BOOLEAN, CHOICE
from calculators.machinery.view import render
from tests.browser.helpers import result_markup, fill_text, open_calc, row, runs, set_rows, settle, site_root
from tests.conftest import calculator_page, load_cases
from tests.shown import missing, plain, text_cases

# The extras: every calculator drawn from its declared fields alone (the generic form), and
# the bicycle allowance (its trips are rows). Found from the declarations, not listed.
EXTRAS = sorted(name for name, c in registry.calculators().items() if c.template in ("generic", "fo_bicycle"))

# Boundary cases named in the rules, plus one input error per extra.
WANTED = {
    "fo_holidays": ["fyller 60 i år", "fyller 59 i år", "fødselsår etter kalenderåret"],
    "fo_bicycle": ["turer summeres", "feil i turlisten"],
    "fo_loan": ["nøyaktig 50 %", "49,99 %", "negativ lønn"],
    "fo_training": ["toårig valgperiode, nøyaktig 15 000", "31 000 kr brukt", "valgperiode som ikke er et helt tall",
                    "leder i avdeling med toårig valgperiode"],
    "fo_severance": ["tre måneder à 45 000", "fire måneder etter én valgperiode", "fire måneder etter to"],
    "fo_glasses": ["nøyaktig 2 000 kr", "2 000,01 kr", "uten bekreftet behov", "innfatningspris mangler"],
}

pytestmark = pytest.mark.warm


def cases():
    out = []
    for c in load_cases():
        name = c["calculator"]
        if name in WANTED and any(w in c["name"] for w in WANTED[name]) and isinstance(c["inputs"], dict):
            out.append(c)
    return out


CASES = cases()
TEXT_CASES = [p for name in EXTRAS for p in text_cases(load_cases(), name)]


def fill_extra(page, root, name: str, inputs: dict) -> None:
    calc = registry.get(name)
    if calc.template == "fo_bicycle":
        trips = inputs["trips"]
        set_rows(page, root, "trips", len(trips))
        for i, km in enumerate(trips):
            fill_text(row(root.locator('[data-rows="trips"]'), "trips", i), calc.field("km").label, km)
        return
    for f in calc.fields:
        value = inputs.get(f.key, "")
        if f.kind == BOOLEAN:
            root.get_by_label(f.label).set_checked(value in (True, "ja", "true"))
        elif f.kind == CHOICE:
            if f.key in inputs:  # a select shown only for some choices (fo_training's role)
                root.get_by_label(f.label).select_option(str(value).lower())
        else:
            fill_text(root, f.label, value)


def compute(page, origin: str, name: str, inputs: dict):
    root = open_calc(page, origin, calculator_page(name), name)
    before = runs(page, name)
    fill_extra(page, root, name, inputs)
    root.get_by_role("button", name="Beregn").click()
    settle(page, name, before)
    return root


def test_the_extras_are_found_and_every_named_boundary_is_covered():
    assert set(WANTED) == set(EXTRAS)
    for name, wanted in WANTED.items():
        for w in wanted:
            assert any(w in c["name"] for c in CASES if c["calculator"] == name), (name, w)
    assert {p.values[0]["calculator"] for p in TEXT_CASES} == set(EXTRAS)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_extra_answers_on_its_guidance_page(page, origin, case):
    name = case["calculator"]
    root = compute(page, origin, name, case["inputs"])
    expected = run(name, case["inputs"])
    if expected["ok"]:
        assert result_markup(root) == render(name, expected, root=site_root(page))["html"]
        for code in case["expected"].get("findings", []):
            assert root.locator(f'[data-result] [data-code="{code}"]').count() == 1, code
    else:
        summary = root.locator("[data-error-summary]")
        assert summary.is_visible()
        shown = summary.locator("li").all_inner_texts()
        assert shown == [e["message"] for e in expected["errors"]]
        assert root.locator(".field-error").count() == len(expected["errors"])


@pytest.mark.parametrize("case", TEXT_CASES)
def test_extra_shows_the_hand_written_text(page, origin, case):
    name = case["calculator"]
    root = compute(page, origin, name, case["inputs"])
    text = plain(root.locator("[data-result]").inner_text())
    assert not missing(text, case["expected"]["text"]), f"not shown: {missing(text, case['expected']['text'])}\n{text}"
    assert plain(root.locator("[data-live]").inner_text()).strip().endswith(case["expected"]["summary"])
