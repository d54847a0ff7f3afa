"""«Arbeidsmiljø» (`fo_glasses`: computer glasses), one test per rule of FO's regulation for
paid elected officials.

Figures are worked out by hand from the regulation; the shared case table
(tests/cases/fo_glasses.toml) holds the same examples as data for every test layer.
"""

from __future__ import annotations

from decimal import Decimal

from calculators import api
from calculators.rules import fo_glasses
from calculators.machinery import rates, registry
from tests.unit.helpers import codes, error_fields, finding, rates_with_param_values

NAME = "fo_glasses"
RATES = rates.load()


GLASSES_RULES = RATES.at(2026).group("fo.glasses")


def test_frame_coverage_up_to_2000():
    assert fo_glasses.frame_coverage(Decimal("2000.00"), True, GLASSES_RULES) == Decimal(2000)
    assert fo_glasses.frame_coverage(Decimal("2000.01"), True, GLASSES_RULES) == Decimal(2000)
    assert fo_glasses.frame_coverage(Decimal("1500"), True, GLASSES_RULES) == Decimal(1500)


def test_other_coverage_in_full():
    assert fo_glasses.other_coverage(Decimal("2000.50"), True) == Decimal("2000.50")


def test_glasses_frame_just_above_cap_gives_own_share():
    answer = api.run(NAME, {"confirmed_need": True, "frame_price": "2000,01"})
    assert answer["result"] == {
        "frame_price": "2000.01", "frame_covered": "2000.00", "other_covered": "0.00",
        "covered_total": "2000.00", "own_share": "0.01",
    }
    assert "frame-over-cap" in codes(answer)


def test_need_not_confirmed_covers_nothing():
    answer = api.run(NAME, {"confirmed_need": "nei", "frame_price": 2500, "lens_cost": 1000})
    assert answer["result"] == {
        "frame_price": "2500.00", "frame_covered": "0.00", "other_covered": "0.00",
        "covered_total": "0.00", "own_share": "3500.00",
    }
    assert finding(answer, "need-not-confirmed")["level"] == "warning"


def test_glasses_input_errors():
    answer = api.run(NAME, {"confirmed_need": "kanskje", "frame_price": -1, "exam_cost": "x",
                            "lens_cost": "1 000", "fitting_cost": "-5"})
    assert error_fields(answer) == ["confirmed_need", "frame_price", "exam_cost", "fitting_cost"]


def test_rates_are_injectable():
    changed = rates_with_param_values("fo.glasses.frame_cap", '[{ from = 2025-04-01, value = "2500" }]')
    answer = api.run(NAME, {"confirmed_need": True, "frame_price": 2600}, rates=changed)
    assert answer["result"]["own_share"] == "100.00"


def label_errors(inputs: object) -> dict[str, str]:
    """The error messages by field path."""
    answer = api.run(NAME, inputs)
    assert answer["ok"] is False, answer
    return {e["field"]: e["message"] for e in answer["errors"]}


def test_error_messages_quote_the_declared_label():
    calc = registry.get(NAME)
    assert calc.field("confirmed_need").label == "Optiker eller øyelege har bekreftet behov for databriller"
    assert calc.field("frame_price").label == "Pris for innfatning (kr)"
    assert calc.field("exam_cost").label == "Synsundersøkelse (kr)"
    assert calc.field("lens_cost").label == "Brilleglass (kr)"
    assert calc.field("fitting_cost").label == "Montering (kr)"
    for inputs in ({}, {"frame_price": "x"}, {"confirmed_need": True, "frame_price": -1}):
        errors = label_errors(inputs)
        assert set(errors) == {"frame_price"}, inputs
        assert errors["frame_price"].startswith("«Pris for innfatning (kr)» ")
    errors = label_errors({"confirmed_need": "kanskje", "frame_price": 1, "exam_cost": "x",
                           "lens_cost": "-1", "fitting_cost": "y"})
    assert errors["confirmed_need"].startswith(
        "«Optiker eller øyelege har bekreftet behov for databriller» ")
    for key, message in errors.items():
        assert message.startswith(f"«{calc.field(key).label}» ")
