"""«Etterlønn» (`fo_severance`), one test per rule of FO's regulation for paid elected
officials.

Figures are worked out by hand from the regulation; the shared case table
(tests/cases/fo_severance.toml) holds the same examples as data for every test layer.
"""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calculators import api, fo_severance, rates, registry
from tests.unit.helpers import codes, error_fields, finding

NAME = "fo_severance"
MODULE = fo_severance
RATES = rates.load()


SEVERANCE_RULES = fo_severance.SeveranceRules.from_rates(RATES.at(2026))


def test_standard_months_are_at_most_three():
    assert fo_severance.standard_months(2, SEVERANCE_RULES) == 2
    assert fo_severance.standard_months(3, SEVERANCE_RULES) == 3
    assert fo_severance.standard_months(4, SEVERANCE_RULES) == 3


def test_severance_amount_is_monthly_pay_times_months():
    assert fo_severance.severance_amount(Decimal("45000.005"), 3) == Decimal("135000.02")


def test_three_months_need_no_special_case():
    answer = api.run(NAME, {"monthly_pay": 45000, "months": 3})
    assert answer["result"] == {
        "monthly_pay": "45000.00", "months": 3,
        "months_standard": 3, "amount_standard": "135000.00", "amount_requested": "135000.00",
    }
    assert "beyond-three-months" not in codes(answer)


def test_beyond_three_months_is_an_error_after_one_term():
    answer = api.run(NAME, {"monthly_pay": 45000, "months": 4})
    assert answer["result"]["amount_requested"] == "180000.00"
    assert finding(answer, "beyond-three-months")["level"] == "error"


def test_beyond_three_months_is_a_warning_after_several_terms():
    answer = api.run(NAME, {"monthly_pay": 45000, "months": 4, "consecutive_terms": 2})
    found = finding(answer, "beyond-three-months")
    assert found["level"] == "warning"
    assert "landsstyret skal orienteres" in found["message"]


def test_severance_conditions_are_stated():
    answer = api.run(NAME, {"monthly_pay": 45000, "months": 1})
    for code in ("leave-from-other-work", "employer-contact-documented", "only-income", "work-duty",
                 "not-for-successor-training", "who-handles", "appeal-body"):
        assert "«Etterlønn»" in finding(answer, code)["message"]
    assert "Landsstyret er ankeinstans" in finding(answer, "appeal-body")["message"]


def test_severance_input_errors():
    answer = api.run(NAME, {"monthly_pay": "0", "months": "1,5", "consecutive_terms": 0})
    assert error_fields(answer) == ["monthly_pay", "months", "consecutive_terms"]


# -- the contract ----------------------------------------------------------------------

@given(inputs=st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["birth_year", "year", "km", "trips", "monthly_gross_pay", "fte_percent",
                         "group", "term_years", "used", "monthly_pay", "months",
                         "consecutive_terms", "confirmed_need", "frame_price", "exam_cost",
                         "lens_cost", "fitting_cost", "x"]),
        children, max_size=6),
    max_leaves=12,
))
def test_any_json_gives_an_answer_never_an_exception(inputs):
    answer = api.run(NAME, inputs)
    json.dumps(answer)
    assert "internal" not in answer, answer
    if answer["ok"]:
        assert set(answer) == {"ok", "result", "findings"}
        for f in answer["findings"]:
            assert f["level"] in {"error", "warning", "info"} and "«" in f["message"]
    else:
        assert answer["errors"] and all(e["message"].startswith("«") for e in answer["errors"])


def test_registered_in_api():
    inputs = {"monthly_gross_pay": 50000, "fte_percent": 50, "km": 1, "group": "forbund",
              "birth_year": 1965, "year": 2025, "monthly_pay": 1, "months": 1, "frame_price": 1}
    assert registry.get(NAME) is MODULE.CALCULATOR
    assert NAME in api.names()
    assert api.run(NAME, inputs)["ok"] is True


def label_errors(inputs: object) -> dict[str, str]:
    """The error messages by field path."""
    answer = api.run(NAME, inputs)
    assert answer["ok"] is False, answer
    return {e["field"]: e["message"] for e in answer["errors"]}


def test_error_messages_quote_the_declared_label():
    calc = registry.get(NAME)
    assert calc.field("monthly_pay").label == "Lønn per måned (kr)"
    assert calc.field("months").label == "Måneder med etterlønn det søkes om"
    assert calc.field("consecutive_terms").label == "Sammenhengende valgperioder i vervet"
    errors = label_errors({})
    assert set(errors) == {"monthly_pay", "months"}
    errors = label_errors({"monthly_pay": "0", "months": "1,5", "consecutive_terms": 0})
    assert set(errors) == {"monthly_pay", "months", "consecutive_terms"}
    assert errors["monthly_pay"].startswith("«Lønn per måned (kr)» ")
    assert errors["months"].startswith("«Måneder med etterlønn det søkes om» ")
    assert errors["consecutive_terms"].startswith("«Sammenhengende valgperioder i vervet» ")
    for inputs in ({}, {"monthly_pay": "x", "months": 37}):
        for key, message in label_errors(inputs).items():
            assert message.startswith(f"«{calc.field(key).label}» ")
