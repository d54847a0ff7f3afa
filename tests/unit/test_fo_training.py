"""«Opplæringstiltak» (`fo_training`), one test per rule of FO's regulation for paid elected
officials.

Figures are worked out by hand from the regulation; the shared case table
(tests/cases/fo_training.toml) holds the same examples as data for every test layer.
"""

from __future__ import annotations

from decimal import Decimal

from calculators import api
from calculators.rules import fo_training
from calculators.machinery import rates, registry
from tests.unit.helpers import codes, error_fields, finding

NAME = "fo_training"
RATES = rates.load()


TRAINING_RULES = RATES.at(2026).group("fo.training")


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
    answer = api.run(NAME, {"group": "avdeling", "role": "ovrig", "term_years": 2, "used": 15000.01})
    assert answer["result"]["remaining"] == "0.00"
    assert finding(answer, "over-cap")["level"] == "warning"
    assert "over-cap" not in codes(api.run(NAME, {"group": "avdeling", "role": "ovrig", "term_years": 2, "used": 15000}))


def test_training_period_and_decided_by():
    forbund = api.run(NAME, {"group": "forbund"})["result"]
    avdeling = api.run(NAME, {"group": "avdeling", "role": "leder"})["result"]
    short = api.run(NAME, {"group": "avdeling", "role": "ovrig", "term_years": 2})["result"]
    assert short["period"] == "ikke oppgitt"
    assert (forbund["period"], forbund["decided_by"]) == ("landsmøteperiode", "administrativ ledelse")
    assert (avdeling["period"], avdeling["decided_by"]) == ("årsmøteperiode", "styret i avdelingen")


def test_training_term_years_defaults_to_four():
    answer = api.run(NAME, {"group": "avdeling", "role": "ovrig", "used": ""})
    assert answer["result"]["cap"] == "30000.00"


def test_training_input_errors():
    answer = api.run(NAME, {"group": "landsmøte", "term_years": "2,5", "used": "-1"})
    assert error_fields(answer) == ["group", "term_years", "used"]
    assert "forbund" in answer["errors"][0]["message"]


def label_errors(inputs: object) -> dict[str, str]:
    """The error messages by field path."""
    answer = api.run(NAME, inputs)
    assert answer["ok"] is False, answer
    return {e["field"]: e["message"] for e in answer["errors"]}


def test_error_messages_quote_the_declared_label():
    calc = registry.get(NAME)
    assert calc.field("group").label == "Hvem søker"
    assert calc.field("role").label == "Verv i avdelingen"
    assert calc.field("term_years").label == "Valgperiodens lengde i år"
    assert calc.field("used").label == "Allerede innvilget i perioden (kr)"
    for inputs in ({}, {"group": "x"}):
        errors = label_errors(inputs)
        assert set(errors) == {"group"}, inputs
        assert errors["group"].startswith("«Hvem søker» ")
    for inputs in ({"group": "avdeling"}, {"group": "avdeling", "role": "x"},
                   {"group": "avdeling", "role": "au_medlem"}):
        errors = label_errors(inputs)
        assert set(errors) == {"role"}, inputs
        assert errors["role"].startswith("«Verv i avdelingen» ")
    errors = label_errors({"group": "forbund", "term_years": "2,5", "used": "x"})
    assert errors["term_years"].startswith("«Valgperiodens lengde i år» ")
    assert errors["used"].startswith("«Allerede innvilget i perioden (kr)» ")
    for key, message in errors.items():
        assert message.startswith(f"«{calc.field(key).label}» ")
