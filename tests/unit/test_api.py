"""The `calculators.api` boundary: dispatch, unknown names, JSON in/out, the safety net."""

from __future__ import annotations

import json
import logging

import pytest

from calculators import api, budget, fo_pay, klar, org365


def test_registry_is_a_plain_dict_of_run_functions():
    assert api.CALCULATORS["org365"] is org365.run
    assert api.CALCULATORS["klar"] is klar.run
    assert api.CALCULATORS["fo_pay"] is fo_pay.run
    assert api.CALCULATORS["budget"] is budget.run


@pytest.mark.parametrize("name", ["", "ORG365", "org 365", "unknown", None, 3, ["org365"], {"a": 1}])
def test_unknown_name_is_an_error_on_the_name_field(name):
    answer = api.run(name, {})
    assert answer["ok"] is False
    assert [e["field"] for e in answer["errors"]] == ["name"]
    message = answer["errors"][0]["message"]
    assert message.startswith("Ukjent kalkulator")
    assert "org365" in message and "fo_pay" in message


def test_safety_net_answers_marks_and_logs_a_bug(monkeypatch, caplog):
    def broken(inputs):
        raise ZeroDivisionError("bug")

    monkeypatch.setitem(api.CALCULATORS, "org365", broken)
    with caplog.at_level(logging.ERROR, logger="calculators.api"):
        answer = api.run("org365", {})
    assert answer["ok"] is False and answer["internal"] is True
    assert answer["errors"][0]["field"] == ""
    assert "uventet feil" in answer["errors"][0]["message"]
    assert "ZeroDivisionError" in caplog.text


def test_run_json_round_trip():
    out = api.run_json("klar", json.dumps({"year": 2025, "county": "Østfold", "members": 10}))
    assert out.isascii()  # non-ASCII is escaped, so no encoding can mangle it
    answer = json.loads(out)
    assert answer["ok"] is True and answer["result"]["county"] == "Østfold"
    assert answer["result"]["total"] == "60.00"


@pytest.mark.parametrize("text", ["", "{", "nope", "[1,", None, b"\xff{", 5, "{\"a\": 1} x"])
def test_run_json_invalid_json_is_an_error(text):
    answer = json.loads(api.run_json("klar", text))
    assert answer["ok"] is False and answer["errors"][0]["field"] == ""
    assert "JSON" in answer["errors"][0]["message"]


def test_run_json_keeps_decimals_exact_and_refuses_nan_infinity_and_huge_numbers():
    exact = json.loads(api.run_json("klar", '{"year": 2026, "county": "Agder", "members": 3, "rate": 0.125}'))
    assert exact["result"]["rate"] == "0.125" and exact["result"]["total"] == "4.56"
    bad = json.loads(api.run_json(
        "klar", '{"year": NaN, "county": "Oslo", "members": 1' + "0" * 5000 + ', "rate": Infinity}'))
    assert sorted(e["field"] for e in bad["errors"]) == ["members", "rate", "year"]
    assert json.loads(api.run_json("klar", '{"year": 1e309, "county": "Oslo", "members": 1}'))["errors"][0]["field"] == "year"


def test_run_json_of_deeply_nested_json():
    answer = json.loads(api.run_json("org365", "[" * 100000 + "]" * 100000))
    assert answer["ok"] is False
