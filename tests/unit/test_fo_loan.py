"""«Lån til tillitsvalgte» (`fo_loan`), one test per rule of FO's regulation for paid elected
officials.

Figures are worked out by hand from the regulation; the shared case table
(tests/cases/fo_loan.toml) holds the same examples as data for every test layer.
"""

from __future__ import annotations

from decimal import Decimal

from calculators import api
from calculators.rules import fo_loan
from calculators.machinery import rates, registry
from tests.unit.helpers import error_fields, finding, rates_with_param_values

NAME = "fo_loan"
RATES = rates.load()


LOAN_RULES = RATES.at(2026).group("fo.loan")


def test_loan_eligibility_from_50_percent_inclusive():
    assert fo_loan.loan_eligibility(Decimal(50), LOAN_RULES) is True
    assert fo_loan.loan_eligibility(Decimal("49.99"), LOAN_RULES) is False


def test_loan_max_amount_is_one_month_gross_pay():
    assert fo_loan.loan_max_amount(Decimal("52345.675"), True, LOAN_RULES) == Decimal("52345.68")
    assert fo_loan.loan_max_amount(Decimal("52345.675"), False, LOAN_RULES) == Decimal("0.00")


def test_loan_repayment_within_one_year_or_on_leaving():
    answer = api.run(NAME, {"monthly_gross_pay": 50000, "fte_percent": 100})
    assert answer["result"]["repay_within_months"] == 12
    assert "senest" in finding(answer, "loan-repayment")["message"]


def test_the_repayment_period_in_words_comes_from_the_rates():
    # 24 months in the rates: «to år», not the regulation's «ett år» typed into the message.
    two_years = rates_with_param_values("fo.loan.repay_months", "[{ from = 2025-04-01, value = 24 }]")
    answer = api.run(NAME, {"monthly_gross_pay": 50000, "fte_percent": 100}, rates=two_years)
    assert "i løpet av to år, eller senest" in finding(answer, "loan-repayment")["message"]


def test_loan_interest_and_decision_are_cited():
    answer = api.run(NAME, {"monthly_gross_pay": 50000, "fte_percent": 50})
    assert "statens regler" in finding(answer, "loan-interest")["message"]
    assert "Administrativ ledelse ved forbundskontoret" in finding(answer, "loan-decision")["message"]


def test_loan_not_eligible_below_50_percent():
    answer = api.run(NAME, {"monthly_gross_pay": 50000, "fte_percent": "49,99 %"})
    assert answer["result"] == {"monthly_gross_pay": "50000.00", "fte_percent": "49.99",
                                "eligible": False, "max_amount": "0.00", "repay_within_months": 12,
                                "months_of_pay": "1"}
    assert finding(answer, "not-eligible")["level"] == "warning"


def test_loan_input_errors():
    answer = api.run(NAME, {"monthly_gross_pay": 0, "fte_percent": 100.01})
    assert error_fields(answer) == ["monthly_gross_pay", "fte_percent"]
    assert error_fields(api.run(NAME, {"monthly_gross_pay": 1, "fte_percent": 0})) == ["fte_percent"]


def label_errors(inputs: object) -> dict[str, str]:
    """The error messages by field path."""
    answer = api.run(NAME, inputs)
    assert answer["ok"] is False, answer
    return {e["field"]: e["message"] for e in answer["errors"]}


def test_error_messages_quote_the_declared_label():
    calc = registry.get(NAME)
    assert calc.field("monthly_gross_pay").label == "Bruttolønn per måned (kr)"
    assert calc.field("fte_percent").label == "Frikjøp i prosent av full stilling"
    for inputs in ({}, {"monthly_gross_pay": "x", "fte_percent": "x"},
                   {"monthly_gross_pay": 0, "fte_percent": 101}):
        errors = label_errors(inputs)
        assert set(errors) == {"monthly_gross_pay", "fte_percent"}, inputs
        assert errors["monthly_gross_pay"].startswith("«Bruttolønn per måned (kr)» ")
        assert errors["fte_percent"].startswith("«Frikjøp i prosent av full stilling» ")
        for key, message in errors.items():
            assert message.startswith(f"«{calc.field(key).label}» ")
