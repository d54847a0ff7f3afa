"""«Sykkelgodtgjørelse» (`fo_bicycle`), one test per rule of FO's regulation for paid elected
officials.

Figures are worked out by hand from the regulation; the shared case table
(tests/cases/fo_bicycle.toml) holds the same examples as data for every test layer.
"""

from __future__ import annotations

from decimal import Decimal

from calculators import api
from calculators.rules import fo_bicycle
from calculators.machinery import rates, registry
from tests.unit.helpers import codes, error_fields, finding, rates_with_param_values

NAME = "fo_bicycle"
RATES = rates.load()


BICYCLE_RULES = RATES.at(2026).group("fo.bicycle")


def test_bicycle_allowance_is_3_kr_per_km():
    assert fo_bicycle.bicycle_allowance(Decimal("12.5"), BICYCLE_RULES) == Decimal("37.50")


def test_bicycle_allowance_rounds_the_claim_once():
    # per trip 1.0015 km × 3 kr = 3.0045 → 3.00 would give 9.00; the claim is one line:
    # 3.0045 km × 3 kr = 9.0135 → 9.01
    answer = api.run(NAME, {"trips": ["1,0015", "1,0015", "1,0015"]})
    assert answer["result"] == {"km": "3.0045", "rate": "3.00", "amount": "9.01"}


def test_bicycle_trips_are_totalled():
    answer = api.run(NAME, {"trips": [12.5, 3, "4,5"]})
    assert answer["result"] == {"km": "20", "rate": "3.00", "amount": "60.00"}
    assert codes(answer) == ["travel-claim"]


def test_bicycle_travel_claim_is_required():
    found = finding(api.run(NAME, {"km": 10}), "travel-claim")
    assert "Send reiseregning" in found["message"]
    assert found["quotes"][0]["anchor"] == "sykkelgodtgjorelse-1"


def test_bicycle_needs_exactly_one_of_km_and_trips():
    assert error_fields(api.run(NAME, {"km": 5, "trips": [5]})) == ["km"]
    assert error_fields(api.run(NAME, {})) == ["trips"]
    assert error_fields(api.run(NAME, {"km": "", "trips": []})) == ["trips"]


def test_bicycle_trip_errors_name_the_trip():
    answer = api.run(NAME, {"trips": [3, "tre", -1, None]})
    assert error_fields(answer) == ["trips[1]", "trips[2]", "trips[3]"]
    assert "«Kilometer for tur 2»" in answer["errors"][0]["message"]


def test_rates_are_injectable():
    changed = rates_with_param_values("fo.bicycle.rate", '[{ from = 2025-04-01, value = "4" }]')
    assert api.run(NAME, {"km": 10}, rates=changed)["result"]["amount"] == "40.00"
    assert api.run(NAME, {"km": 10})["result"]["amount"] == "30.00"


def label_errors(inputs: object) -> dict[str, str]:
    """The error messages by field path."""
    answer = api.run(NAME, inputs)
    assert answer["ok"] is False, answer
    return {e["field"]: e["message"] for e in answer["errors"]}


def test_error_messages_quote_the_declared_label():
    calc = registry.get(NAME)
    assert calc.field("km").label == "Kilometer"
    assert calc.field("trips").label == "Turer på sykkel i vervet"
    assert fo_bicycle.trip_label(0) == "Kilometer for tur 1"
    # neither given: the message goes to the form's trip list, and names the other field too
    errors = label_errors({})
    assert errors["trips"].startswith("«Turer på sykkel i vervet» ") and "«Kilometer»" in errors["trips"]
    # both given: at «Kilometer», naming the trip list
    errors = label_errors({"km": 5, "trips": [5]})
    assert errors["km"].startswith("«Kilometer» ") and "«Turer på sykkel i vervet»" in errors["km"]
    assert label_errors({"km": "x"})["km"].startswith(f"«{calc.field('km').label}» ")
    assert label_errors({"trips": "x"})["trips"].startswith(f"«{calc.field('trips').label}» ")
    errors = label_errors({"trips": ["x", 1, "-1"]})
    assert set(errors) == {"trips[0]", "trips[2]"}
    assert errors["trips[0]"].startswith("«Kilometer for tur 1» ")
    assert errors["trips[2]"].startswith("«Kilometer for tur 3» ")
