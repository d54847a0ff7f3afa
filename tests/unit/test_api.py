"""The `calculators.api` boundary: dispatch, unknown names, JSON in/out, the safety net."""

from __future__ import annotations

import json
import logging

import pytest

from dataclasses import replace

from calculators import api
from calculators.rules import fo_pay, org365
from calculators.machinery import registry


def test_every_declared_calculator_is_found_and_nothing_else():
    found = registry.calculators()
    assert set(found) == {"org365", "klar", "budget", "application", "fo_pay", "fo_holidays", "fo_bicycle", "fo_loan",
                          "fo_training", "fo_severance", "fo_glasses"}
    assert found["org365"] is org365.CALCULATOR and found["fo_pay"] is fo_pay.CALCULATOR
    assert all(name == calc.name for name, calc in found.items())


@pytest.mark.parametrize("name", ["", "ORG365", "org 365", "unknown", None, 3, ["org365"], {"a": 1}])
def test_unknown_name_is_an_error_on_the_name_field(name):
    answer = api.run(name, {})
    assert answer["ok"] is False
    assert [e["field"] for e in answer["errors"]] == ["name"]
    message = answer["errors"][0]["message"]
    assert message.startswith("Ukjent kalkulator")
    assert "org365" in message and "fo_pay" in message


def test_safety_net_answers_marks_and_logs_a_bug(monkeypatch, caplog):
    def broken(inputs, rates):
        raise ZeroDivisionError("bug")

    monkeypatch.setitem(registry.calculators(), "org365", replace(org365.CALCULATOR, calculate=broken))
    with caplog.at_level(logging.ERROR, logger="calculators.api"):
        answer = api.run("org365", {"year": 2026, "holders": [{"role": "leder", "license": "E1"}]})
    assert answer["ok"] is False and answer["internal"] is True
    assert answer["errors"][0]["field"] == ""
    assert "uventet feil" in answer["errors"][0]["message"]
    assert "ZeroDivisionError" in caplog.text


def respond(name: str, text) -> dict:
    return json.loads(api.respond("run", name, text))


def test_respond_round_trip():
    data = respond("klar", json.dumps({"year": 2025, "county": "Østfold", "members": 10}))
    assert data["output"]["ok"] is True and "result" not in data["output"]  # the markup shows it
    assert "Østfold" in data["html"] and "60\u00a0kr" in data["html"]
    assert data["summary"] == "KL*AR 2025 for Østfold: 60\u00a0kr."


@pytest.mark.parametrize("text", ["", "{", "nope", "[1,", None, b"\xff{", 5, "{\"a\": 1} x"])
def test_respond_invalid_json_is_an_error(text):
    answer = respond("klar", text)["output"]
    assert answer["ok"] is False and answer["errors"][0]["field"] == ""
    assert "JSON" in answer["errors"][0]["message"]


def test_parse_inputs_keeps_decimals_exact_and_refuses_nan_infinity_and_huge_numbers():
    inputs, bad = api.parse_inputs('{"year": 2026, "county": "Agder", "members": 3, "rate": 0.125}')
    exact = api.run("klar", inputs)
    assert bad is None and exact["result"]["rate"] == "0.125" and exact["result"]["total"] == "4.56"
    inputs, _ = api.parse_inputs('{"year": NaN, "county": "Oslo", "members": 1' + "0" * 5000 + ', "rate": Infinity}')
    assert sorted(e["field"] for e in api.run("klar", inputs)["errors"]) == ["members", "rate", "year"]
    inputs, _ = api.parse_inputs('{"year": 1e309, "county": "Oslo", "members": 1}')
    assert api.run("klar", inputs)["errors"][0]["field"] == "year"


def test_respond_to_deeply_nested_json():
    assert respond("org365", "[" * 100000 + "]" * 100000)["output"]["ok"] is False


def test_respond_refuses_text_over_the_size_limit():
    answer = respond("org365", json.dumps({"year": 2026, "x": "a" * api.MAX_JSON_TEXT}))["output"]
    assert answer["ok"] is False and answer["errors"][0]["message"].startswith("Inndataene er for store")


def test_respond_has_the_same_safety_net_as_run(monkeypatch, caplog):
    def broken(r):
        raise ArithmeticError("renderer bug")

    monkeypatch.setitem(registry.calculators(), "klar", replace(registry.get("klar"), summary=broken))
    with caplog.at_level(logging.ERROR, logger="calculators.api"):
        data = json.loads(api.respond("run", "klar", json.dumps({"year": 2026, "county": "Oslo", "members": 1})))
    assert data["failed"] is True and data["html"] == ""
    assert data["output"]["ok"] is False and "uventet feil" in data["summary"]
    assert "ArithmeticError" in caplog.text
