"""«Etterlønn» (`fo_severance`), one test per rule of FO's regulation for paid elected
officials.

Figures are worked out by hand from the regulation; the shared case table
(tests/cases/fo_severance.toml) holds the same examples as data for every test layer.
"""

from __future__ import annotations

from decimal import Decimal

from calculators import api
from calculators.rules import fo_severance
from calculators.machinery import rates, registry
from tests.unit.helpers import codes, error_fields, finding

NAME = "fo_severance"
RATES = rates.load()


SEVERANCE_RULES = RATES.at(2026).group("fo.severance")


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
        assert finding(answer, code)["quotes"][0]["anchor"].startswith("etterlonn-")
    assert "Landsstyret er ankeinstans" in finding(answer, "appeal-body")["message"]


def test_severance_input_errors():
    answer = api.run(NAME, {"monthly_pay": "0", "months": "1,5", "consecutive_terms": 0})
    assert error_fields(answer) == ["monthly_pay", "months", "consecutive_terms"]


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
