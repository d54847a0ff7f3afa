"""The API's size limits: too many rows, too many values, too long a text, too long a JSON
text. Each is a Norwegian input error at the field it concerns (the whole input: ""),
answered as an error, never by the safety net."""

from __future__ import annotations

import json

import pytest

from calculators import api

LEADER = {"role": "leder", "license": "E1"}
BOARD = {"role": "styremedlem", "license": "E1"}


def errors(name: str, inputs) -> list[tuple[str, str]]:
    answer = api.run(name, inputs)
    assert "internal" not in answer, answer
    assert answer["ok"] is False, answer
    # The browser's entry gives the same answer, and renders it without the safety net.
    data = json.loads(api.respond("run", name, json.dumps(inputs)))
    assert "failed" not in data and data["output"]["errors"] == answer["errors"]
    assert data["html"] == "" and data["summary"] == f"Skjemaet har {len(answer['errors'])} feil."
    return [(e["field"], e["message"]) for e in answer["errors"]]


def test_two_hundred_holders_are_computed():
    answer = api.run("org365", {"year": 2025, "holders": [LEADER, BOARD] + [BOARD] * 198})
    assert answer["ok"] is True
    assert answer["result"]["lines"]["E1"] == {**answer["result"]["lines"]["E1"], "count": 200,
                                               "amount": "720000.00"}  # 200 × 3 600


def test_more_than_two_hundred_rows_is_an_error_at_the_list():
    assert errors("org365", {"year": 2025, "holders": [LEADER] + [BOARD] * 200}) == [
        ("holders", "«Lisensinnehavere» kan ha høyst 200 rader.")]
    positions = [{"name": f"P{i}", "unit": "Oslo", "role": "sekretaer", "percent_of_lo": "50"} for i in range(201)]
    assert errors("fo_pay", {"lo_leader_salary": "1000000", "positions": positions}) == [
        ("positions", "«Lønnede tillitsvalgte» kan ha høyst 200 rader.")]


def test_more_than_two_hundred_rows_in_the_budget_names_the_part():
    inputs = {"year": 2025, "org365": {"holders": [LEADER] + [BOARD] * 200}, "klar": {"county": "Oslo", "members": 1}}
    assert errors("budget", inputs) == [("org365.holders", "«Lisensinnehavere» kan ha høyst 200 rader.")]


def test_a_list_of_values_above_the_limit_is_an_error_at_the_list():
    assert api.run("fo_bicycle", {"trips": ["1"] * 200})["result"]["amount"] == "600.00"  # 200 km × 3 kr
    assert errors("fo_bicycle", {"trips": ["1"] * 201}) == [
        ("trips", "«Turer på sykkel i vervet» kan ha høyst 200 verdier.")]


def test_twelve_months_of_members_and_not_more():
    for n in (13, 201):
        assert errors("klar", {"year": 2025, "county": "Oslo", "members_by_month": [10] * n}) == [
            ("members_by_month", f"«Yrkesaktive medlemmer per måned» må ha nøyaktig 12 verdier (har {n}).")]


def test_text_longer_than_two_hundred_characters_is_an_error_at_its_field():
    long = "Å" * 201
    assert errors("klar", {"year": 2025, "county": long, "members": 1}) == [
        ("county", "«Fylkeskrets» kan ha høyst 200 tegn.")]
    positions = [{"name": "Kari", "unit": "Oslo", "role": "leder", "percent_of_lo": "80"},
                 {"name": long, "unit": "Oslo", "role": "sekretaer", "percent_of_lo": "70"}]
    assert errors("fo_pay", {"lo_leader_salary": "1000000", "positions": positions}) == [
        ("positions[1].name", "«Navn (rad 2)» kan ha høyst 200 tegn.")]


def test_two_hundred_characters_are_read():
    positions = [{"name": "Å" * 200, "unit": "Oslo", "role": "leder", "percent_of_lo": "80"}]
    answer = api.run("fo_pay", {"lo_leader_salary": "1000000", "positions": positions})
    assert answer["ok"] is True and answer["result"]["positions"][0]["name"] == "Å" * 200


@pytest.mark.parametrize("name", ["org365", "klar", "budget", "fo_pay"])
def test_json_text_above_the_limit_is_refused_as_an_input_error(name):
    # Valid JSON, one character too long: a string value padded to the limit.
    text = json.dumps({"year": 2025, "pad": "x" * api.MAX_JSON_TEXT})
    assert len(text) > api.MAX_JSON_TEXT
    data = json.loads(api.respond("run", name, text))
    assert "failed" not in data and "internal" not in data["output"]
    assert data["output"]["ok"] is False and data["html"] == ""
    [error] = data["output"]["errors"]
    assert error["field"] == "" and error["message"] != api.INTERNAL_ERROR_MESSAGE
    assert error["message"] == ("Inndataene er for store, og ingenting ble beregnet. Bruk kortere tekster eller "
                                "færre rader.")  # too large, not «ikke gyldig JSON»
    assert data["summary"] == "Skjemaet har 1 feil."


def test_json_text_at_the_limit_is_read():
    inputs = {"year": 2025, "county": "Oslo", "members": 1}
    head = json.dumps(inputs)[:-1] + ', "pad": "'
    text = head + "x" * (api.MAX_JSON_TEXT - len(head) - 2) + '"}'
    assert len(text) == api.MAX_JSON_TEXT
    data = json.loads(api.respond("run", "klar", text))
    assert data["output"]["ok"] is True, data["output"]
