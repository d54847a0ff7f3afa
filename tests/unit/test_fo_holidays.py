"""«Ferie og K-dager» (`fo_holidays`), one test per rule of FO's regulation for paid elected
officials.

Figures are worked out by hand from the regulation; the shared case table
(tests/cases/fo_holidays.toml) holds the same examples as data for every test layer.
"""

from __future__ import annotations



from calculators import api
from calculators.rules import fo_holidays
from calculators.machinery import rates, registry
from tests.unit.helpers import codes, error_fields, finding, rates_with_param_values

NAME = "fo_holidays"
RATES = rates.load()


HOLIDAY_RULES = RATES.at(2025).group("fo")


def test_holiday_weeks_are_five_the_year_one_turns_59():
    assert fo_holidays.holiday_weeks(59, HOLIDAY_RULES) == 5


def test_holiday_weeks_are_six_from_the_year_one_turns_60():
    assert fo_holidays.holiday_weeks(60, HOLIDAY_RULES) == 6
    assert fo_holidays.holiday_weeks(67, HOLIDAY_RULES) == 6


def test_deduction_weeks_follow_the_same_line_and_say_over_60():
    assert fo_holidays.deduction_weeks(59, HOLIDAY_RULES) == 5
    assert fo_holidays.deduction_weeks(60, HOLIDAY_RULES) == 6
    answer = api.run(NAME, {"birth_year": 1965, "year": 2025})
    message = finding(answer, "deduction-over-60")["message"]
    assert "over 60 år" in message and "reglementet sier ikke hva som gjelder" in message
    other_year = finding(api.run(NAME, {"birth_year": 1960, "year": 2025}), "deduction-over-60")
    assert "reglementet sier ikke" not in other_year["message"]


def test_k_days_are_15_not_carried_over_not_paid_out():
    answer = api.run(NAME, {"birth_year": 1980, "year": 2025})
    assert answer["result"]["k_days"] == 15
    message = finding(answer, "k-days")["message"]
    assert "overføres ikke" in message and "utbetales ikke" in message


def test_easter_christmas_off():
    answer = api.run(NAME, {"birth_year": 1980, "year": 2025})
    assert answer["result"]["easter_christmas_off"] is True
    assert "påske" in finding(answer, "easter-christmas-off")["message"]


def test_standby_must_be_secured_when_taking_leave():
    answer = api.run(NAME, {"birth_year": 1980, "year": 2025})
    assert "beredskap" in finding(answer, "standby-required")["message"]


def test_holidays_result_turning_60_this_year():
    answer = api.run(NAME, {"birth_year": "1965", "year": 2025})
    assert answer["ok"] is True
    assert answer["result"] == {
        "year": 2025, "age": 60,
        "holiday_weeks": 6, "deduction_weeks": 6, "k_days": 15, "easter_christmas_off": True,
    }
    assert codes(answer) == [
        "holiday-weeks", "deduction-over-60", "k-days", "easter-christmas-off",
        "standby-required", "register-absence",
    ]


def test_holidays_birth_year_after_year_is_an_error():
    answer = api.run(NAME, {"birth_year": 2026, "year": 2025})
    assert error_fields(answer) == ["birth_year"]
    assert "«Fødselsår»" in answer["errors"][0]["message"]


def test_holidays_year_before_the_regulation_is_an_error():
    assert error_fields(api.run(NAME, {"birth_year": 1965, "year": 2024})) == ["year"]


def test_holidays_every_field_error_at_once():
    answer = api.run(NAME, {"birth_year": "nittensekstifem", "year": 2025.5})
    assert error_fields(answer) == ["birth_year", "year"]


def label_errors(inputs: object) -> dict[str, str]:
    """The error messages by field path."""
    answer = api.run(NAME, inputs)
    assert answer["ok"] is False, answer
    return {e["field"]: e["message"] for e in answer["errors"]}


def test_error_messages_quote_the_declared_label():
    calc = registry.get(NAME)
    assert calc.field("birth_year").label == "Fødselsår"
    assert calc.field("year").label == "Året det gjelder"
    for inputs in ({}, {"birth_year": "x", "year": "x"}, {"birth_year": 1800, "year": 2024}):
        errors = label_errors(inputs)
        assert set(errors) == {"birth_year", "year"}, inputs
        assert errors["birth_year"].startswith("«Fødselsår» ")
        assert errors["year"].startswith("«Året det gjelder» ")
        for key, message in errors.items():
            assert message.startswith(f"«{calc.field(key).label}» ")


def test_the_extra_holiday_week_in_words_comes_from_the_rates():
    # Seven weeks from 60 in the rates: 7 − 5 = «to ekstra ferieuker», not a typed «én».
    seven = rates_with_param_values("fo.holiday_weeks_senior", "[{ from = 2025-04-01, value = 7 }]")
    answer = api.run("fo_holidays", {"birth_year": 1966, "year": 2025}, rates=seven)
    assert "kommer to ekstra ferieuker til, totalt 7 uker" in finding(answer, "holiday-weeks")["message"]
