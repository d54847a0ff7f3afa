"""The FO extras, one test per rule of FO's regulation for paid elected officials.

Figures are worked out by hand from the regulation; the shared case table
(tests/cases/fo_extras.toml) holds the same examples as data for every test layer.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import (
    fo_bicycle,
    fo_glasses,
    fo_holidays,
    fo_loan,
    fo_severance,
    fo_training,
    rates,
)

from tests.unit.helpers import codes, error_fields, finding, rates_with_param_values

MODULES = [fo_holidays, fo_bicycle, fo_loan, fo_training, fo_severance, fo_glasses]
RATES = rates.load()


# -- Ferie og K-dager ------------------------------------------------------------------

HOLIDAY_RULES = fo_holidays.HolidayRules.from_rates(RATES, 2025)


def test_holiday_weeks_are_five_the_year_one_turns_59():
    assert fo_holidays.holiday_weeks(59, HOLIDAY_RULES) == 5


def test_holiday_weeks_are_six_from_the_year_one_turns_60():
    assert fo_holidays.holiday_weeks(60, HOLIDAY_RULES) == 6
    assert fo_holidays.holiday_weeks(67, HOLIDAY_RULES) == 6


def test_deduction_weeks_follow_the_same_line_and_say_over_60():
    assert fo_holidays.deduction_weeks(59, HOLIDAY_RULES) == 5
    assert fo_holidays.deduction_weeks(60, HOLIDAY_RULES) == 6
    answer = fo_holidays.run({"birth_year": 1965, "year": 2025})
    message = finding(answer, "deduction-over-60")["message"]
    assert "«over 60 år»" in message and "ikke entydig" in message
    other_year = finding(fo_holidays.run({"birth_year": 1960, "year": 2025}), "deduction-over-60")
    assert "ikke entydig" not in other_year["message"]


def test_k_days_are_15_not_carried_over_not_paid_out():
    answer = fo_holidays.run({"birth_year": 1980, "year": 2025})
    assert answer["result"]["k_days"] == 15
    message = finding(answer, "k-days")["message"]
    assert "overføres ikke" in message and "utbetales ikke" in message


def test_easter_christmas_off():
    answer = fo_holidays.run({"birth_year": 1980, "year": 2025})
    assert answer["result"]["easter_christmas_off"] is True
    assert "påske" in finding(answer, "easter-christmas-off")["message"]


def test_standby_must_be_secured_when_taking_leave():
    answer = fo_holidays.run({"birth_year": 1980, "year": 2025})
    assert "beredskap" in finding(answer, "standby-required")["message"]


def test_holidays_result_turning_60_this_year():
    answer = fo_holidays.run({"birth_year": "1965", "year": 2025})
    assert answer["ok"] is True
    assert answer["result"] == {
        "holiday_weeks": 6, "deduction_weeks": 6, "k_days": 15, "easter_christmas_off": True,
    }
    assert codes(answer) == [
        "holiday-weeks", "deduction-over-60", "k-days", "easter-christmas-off",
        "standby-required", "register-absence",
    ]


def test_holidays_birth_year_after_year_is_an_error():
    answer = fo_holidays.run({"birth_year": 2026, "year": 2025})
    assert error_fields(answer) == ["birth_year"]
    assert "«Fødselsår»" in answer["errors"][0]["message"]


def test_holidays_year_before_the_regulation_is_an_error():
    assert error_fields(fo_holidays.run({"birth_year": 1965, "year": 2024})) == ["year"]


def test_holidays_every_field_error_at_once():
    answer = fo_holidays.run({"birth_year": "nittensekstifem", "year": 2025.5})
    assert error_fields(answer) == ["birth_year", "year"]


# -- Sykkelgodtgjørelse ----------------------------------------------------------------

BICYCLE_RULES = fo_bicycle.BicycleRules.from_rates(RATES)


def test_bicycle_allowance_is_3_kr_per_km():
    assert fo_bicycle.bicycle_allowance(Decimal("12.5"), BICYCLE_RULES) == Decimal("37.50")


def test_bicycle_allowance_rounds_the_claim_once():
    # per trip 1.0015 km × 3 kr = 3.0045 → 3.00 would give 9.00; the claim is one line:
    # 3.0045 km × 3 kr = 9.0135 → 9.01
    answer = fo_bicycle.run({"trips": ["1,0015", "1,0015", "1,0015"]})
    assert answer["result"] == {"km": "3.0045", "rate": "3.00", "amount": "9.01"}


def test_bicycle_trips_are_totalled():
    answer = fo_bicycle.run({"trips": [12.5, 3, "4,5"]})
    assert answer["result"] == {"km": "20", "rate": "3.00", "amount": "60.00"}
    assert codes(answer) == ["travel-claim"]


def test_bicycle_travel_claim_is_required():
    message = finding(fo_bicycle.run({"km": 10}), "travel-claim")["message"]
    assert "reiseregning" in message and "«Sykkelgodtgjørelse»" in message


def test_bicycle_needs_exactly_one_of_km_and_trips():
    assert error_fields(fo_bicycle.run({"km": 5, "trips": [5]})) == ["km"]
    assert error_fields(fo_bicycle.run({})) == ["trips"]
    assert error_fields(fo_bicycle.run({"km": "", "trips": []})) == ["trips"]


def test_bicycle_trip_errors_name_the_trip():
    answer = fo_bicycle.run({"trips": [3, "tre", -1, None]})
    assert error_fields(answer) == ["trips[1]", "trips[2]", "trips[3]"]
    assert "«Kilometer for tur 2»" in answer["errors"][0]["message"]


# -- Lån til tillitsvalgte -------------------------------------------------------------

LOAN_RULES = fo_loan.LoanRules.from_rates(RATES)


def test_loan_eligibility_from_50_percent_inclusive():
    assert fo_loan.loan_eligibility(Decimal(50), LOAN_RULES) is True
    assert fo_loan.loan_eligibility(Decimal("49.99"), LOAN_RULES) is False


def test_loan_max_amount_is_one_month_gross_pay():
    assert fo_loan.loan_max_amount(Decimal("52345.675"), True, LOAN_RULES) == Decimal("52345.68")
    assert fo_loan.loan_max_amount(Decimal("52345.675"), False, LOAN_RULES) == Decimal("0.00")


def test_loan_repayment_within_one_year_or_on_leaving():
    answer = fo_loan.run({"monthly_gross_pay": 50000, "fte_percent": 100})
    assert answer["result"]["repay_within_months"] == 12
    assert "senest" in finding(answer, "loan-repayment")["message"]


def test_loan_interest_and_decision_are_cited():
    answer = fo_loan.run({"monthly_gross_pay": 50000, "fte_percent": 50})
    assert "statens regler" in finding(answer, "loan-interest")["message"]
    assert "administrativ ledelse ved forbundskontoret" in finding(answer, "loan-decision")["message"]


def test_loan_not_eligible_below_50_percent():
    answer = fo_loan.run({"monthly_gross_pay": 50000, "fte_percent": "49,99 %"})
    assert answer["result"] == {"eligible": False, "max_amount": "0.00", "repay_within_months": 12,
                                "months_of_pay": "1"}
    assert finding(answer, "not-eligible")["level"] == "warning"


def test_loan_input_errors():
    answer = fo_loan.run({"monthly_gross_pay": 0, "fte_percent": 100.01})
    assert error_fields(answer) == ["monthly_gross_pay", "fte_percent"]
    assert error_fields(fo_loan.run({"monthly_gross_pay": 1, "fte_percent": 0})) == ["fte_percent"]


# -- Opplæringstiltak ------------------------------------------------------------------

TRAINING_RULES = fo_training.TrainingRules.from_rates(RATES)


def _training(group: str, term_years: int = 4, used: str = "0", role: str | None = None) -> fo_training.TrainingInput:
    if role is None:
        role = "ovrig" if group == "avdeling" else None
    return fo_training.TrainingInput(fo_training.Group(group), role and fo_training.Role(role), term_years, Decimal(used))


def test_training_cap_is_30000_per_period():
    assert fo_training.training_cap(_training("forbund"), TRAINING_RULES) == Decimal(30000)
    assert fo_training.training_cap(_training("avdeling"), TRAINING_RULES) == Decimal(30000)


def test_training_cap_is_15000_for_department_two_year_term():
    assert fo_training.training_cap(_training("avdeling", 2), TRAINING_RULES) == Decimal(15000)
    # the two-year rule is about department officials only
    assert fo_training.training_cap(_training("forbund", 2), TRAINING_RULES) == Decimal(30000)
    # and to «øvrige» ones: leader, deputy and secretary keep 30 000 kr
    for role in ("leder", "nestleder", "sekretaer"):
        assert fo_training.training_cap(_training("avdeling", 2, role=role), TRAINING_RULES) == Decimal(30000)


def test_training_remaining_never_below_zero():
    assert fo_training.training_remaining(Decimal(30000), Decimal("12500.50")) == Decimal("17499.50")
    assert fo_training.training_remaining(Decimal(15000), Decimal(16000)) == Decimal("0.00")


def test_training_over_cap_warns():
    answer = fo_training.run({"group": "avdeling", "role": "ovrig", "term_years": 2, "used": 15000.01})
    assert answer["result"]["remaining"] == "0.00"
    assert finding(answer, "over-cap")["level"] == "warning"
    assert "over-cap" not in codes(fo_training.run({"group": "avdeling", "role": "ovrig", "term_years": 2, "used": 15000}))


def test_training_period_and_decided_by():
    forbund = fo_training.run({"group": "forbund"})["result"]
    avdeling = fo_training.run({"group": "avdeling", "role": "leder"})["result"]
    short = fo_training.run({"group": "avdeling", "role": "ovrig", "term_years": 2})["result"]
    assert short["period"] == "ikke oppgitt"
    assert (forbund["period"], forbund["decided_by"]) == ("landsmøteperiode", "administrativ ledelse")
    assert (avdeling["period"], avdeling["decided_by"]) == ("årsmøteperiode", "styret i avdelingen")


def test_training_term_years_defaults_to_four():
    answer = fo_training.run({"group": "avdeling", "role": "ovrig", "used": ""})
    assert answer["result"]["cap"] == "30000.00"


def test_training_input_errors():
    answer = fo_training.run({"group": "landsmøte", "term_years": "2,5", "used": "-1"})
    assert error_fields(answer) == ["group", "term_years", "used"]
    assert "forbund" in answer["errors"][0]["message"]


# -- Etterlønn -------------------------------------------------------------------------

SEVERANCE_RULES = fo_severance.SeveranceRules.from_rates(RATES)


def test_standard_months_are_at_most_three():
    assert fo_severance.standard_months(2, SEVERANCE_RULES) == 2
    assert fo_severance.standard_months(3, SEVERANCE_RULES) == 3
    assert fo_severance.standard_months(4, SEVERANCE_RULES) == 3


def test_severance_amount_is_monthly_pay_times_months():
    assert fo_severance.severance_amount(Decimal("45000.005"), 3) == Decimal("135000.02")


def test_three_months_need_no_special_case():
    answer = fo_severance.run({"monthly_pay": 45000, "months": 3})
    assert answer["result"] == {
        "months_standard": 3, "amount_standard": "135000.00", "amount_requested": "135000.00",
    }
    assert "beyond-three-months" not in codes(answer)


def test_beyond_three_months_is_an_error_after_one_term():
    answer = fo_severance.run({"monthly_pay": 45000, "months": 4})
    assert answer["result"]["amount_requested"] == "180000.00"
    assert finding(answer, "beyond-three-months")["level"] == "error"


def test_beyond_three_months_is_a_warning_after_several_terms():
    answer = fo_severance.run({"monthly_pay": 45000, "months": 4, "consecutive_terms": 2})
    found = finding(answer, "beyond-three-months")
    assert found["level"] == "warning"
    assert "landsstyret skal orienteres" in found["message"]


def test_severance_conditions_are_stated():
    answer = fo_severance.run({"monthly_pay": 45000, "months": 1})
    for code in ("leave-from-other-work", "employer-contact-documented", "only-income", "work-duty",
                 "not-for-successor-training", "who-handles", "appeal-body"):
        assert "«Etterlønn»" in finding(answer, code)["message"]
    assert "Landsstyret er ankeinstans" in finding(answer, "appeal-body")["message"]


def test_severance_input_errors():
    answer = fo_severance.run({"monthly_pay": "0", "months": "1,5", "consecutive_terms": 0})
    assert error_fields(answer) == ["monthly_pay", "months", "consecutive_terms"]


# -- Arbeidsmiljø (databriller) --------------------------------------------------------

GLASSES_RULES = fo_glasses.GlassesRules.from_rates(RATES)


def test_frame_coverage_up_to_2000():
    assert fo_glasses.frame_coverage(Decimal("2000.00"), True, GLASSES_RULES) == Decimal(2000)
    assert fo_glasses.frame_coverage(Decimal("2000.01"), True, GLASSES_RULES) == Decimal(2000)
    assert fo_glasses.frame_coverage(Decimal("1500"), True, GLASSES_RULES) == Decimal(1500)


def test_other_coverage_in_full():
    assert fo_glasses.other_coverage(Decimal("2000.50"), True) == Decimal("2000.50")


def test_glasses_frame_just_above_cap_gives_own_share():
    answer = fo_glasses.run({"confirmed_need": True, "frame_price": "2000,01"})
    assert answer["result"] == {
        "frame_covered": "2000.00", "other_covered": "0.00",
        "covered_total": "2000.00", "own_share": "0.01",
    }
    assert "frame-over-cap" in codes(answer)


def test_need_not_confirmed_covers_nothing():
    answer = fo_glasses.run({"confirmed_need": "nei", "frame_price": 2500, "lens_cost": 1000})
    assert answer["result"] == {
        "frame_covered": "0.00", "other_covered": "0.00",
        "covered_total": "0.00", "own_share": "3500.00",
    }
    assert finding(answer, "need-not-confirmed")["level"] == "warning"


def test_glasses_input_errors():
    answer = fo_glasses.run({"confirmed_need": "kanskje", "frame_price": -1, "exam_cost": "x",
                             "lens_cost": "1 000", "fitting_cost": "-5"})
    assert error_fields(answer) == ["confirmed_need", "frame_price", "exam_cost", "fitting_cost"]


# -- the contract, for every extra -----------------------------------------------------

@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
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
def test_any_json_gives_an_answer_never_an_exception(module, inputs):
    answer = module.run(inputs)
    json.dumps(answer)
    if answer["ok"]:
        assert set(answer) == {"ok", "result", "findings"}
        for f in answer["findings"]:
            assert f["level"] in {"error", "warning", "info"} and "«" in f["message"]
    else:
        assert answer["errors"] and all(e["message"].startswith("«") for e in answer["errors"])


def test_rates_are_injectable():
    changed = rates_with_param_values("fo.bicycle.rate", '[{ from = 2025-04-01, value = "4" }]')
    assert fo_bicycle.run({"km": 10}, rates=changed)["result"]["amount"] == "40.00"
    assert fo_bicycle.run({"km": 10})["result"]["amount"] == "30.00"
    changed = rates_with_param_values("fo.glasses.frame_cap", '[{ from = 2025-04-01, value = "2500" }]')
    answer = fo_glasses.run({"confirmed_need": True, "frame_price": 2600}, rates=changed)
    assert answer["result"]["own_share"] == "100.00"


@pytest.mark.parametrize("name, module", [(m.__name__.rsplit(".", 1)[1], m) for m in MODULES])
def test_registered_in_api(name, module):
    from calculators import api

    inputs = {"monthly_gross_pay": 50000, "fte_percent": 50, "km": 1, "group": "forbund",
              "birth_year": 1965, "year": 2025, "monthly_pay": 1, "months": 1, "frame_price": 1}
    assert api.CALCULATORS[name] is module.run
    assert api.run(name, inputs) == module.run(inputs)
    assert api.run(name, inputs)["ok"] is True


@pytest.mark.parametrize("module", [fo_holidays, fo_loan, fo_training, fo_severance, fo_glasses],
                         ids=lambda m: m.__name__)
def test_error_messages_name_the_label_the_form_shows(module):
    from macros.forms import EXTRA_FIELDS

    name = module.__name__.rsplit(".", 1)[1]
    assert {f["key"]: f["label"] for f in EXTRA_FIELDS[name]} == module.LABELS
