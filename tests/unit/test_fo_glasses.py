"""«Arbeidsmiljø» (`fo_glasses`: computer glasses), one test per rule of FO's regulation for
paid elected officials.

Figures are worked out by hand from the regulation; the shared case table
(tests/cases/fo_glasses.toml) holds the same examples as data for every test layer.
"""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calculators import api, fo_glasses, rates, registry
from tests.unit.helpers import codes, error_fields, finding, rates_with_param_values

NAME = "fo_glasses"
MODULE = fo_glasses
RATES = rates.load()


GLASSES_RULES = fo_glasses.GlassesRules.from_rates(RATES.at(2026))


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
