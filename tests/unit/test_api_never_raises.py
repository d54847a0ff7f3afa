"""`api.run` answers every input with a well-formed dict and never reaches its safety net.

Arbitrary JSON values are given as the whole input and in place of (or added to) any field
of otherwise valid inputs taken from the case table, for every registered calculator.
"""

from __future__ import annotations

import base64
import copy
import json
import math
import os
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calculators import api
from calculators.machinery import registry
from tests.conftest import load_cases

NAMES = sorted(registry.calculators())
LEVELS = {"error", "warning", "info"}

# One valid input per calculator (the first ok case of the table).
VALID: dict[str, Any] = {}
for _case in load_cases():
    if _case["expected"]["ok"] and isinstance(_case["inputs"], dict):
        VALID.setdefault(_case["calculator"], _case["inputs"])

TRICKY_TEXT = st.sampled_from([
    "NaN", "nan", "Infinity", "-Infinity", "1e309", "-1e309", "1E5", "0x10", "1_000", "٣", "½",
    "3 600,50 kr", "kr 3 600,-", "1.200", "1.200,5", "1,2,3", "-0", "−5", "", " ", "\u00a0",
    "E1", "e3", "leder", "ovrig", "au_medlem", "forbund", "Oslo", "Møre og Romsdal", "2025",
    "12", "0", "100", "ja", "nei", "true", "9" * 40, "9" * 41, "x" * 300,
])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**11, max_value=10**13),
    st.builds(lambda e: 10**e, st.integers(min_value=4301, max_value=5000)),  # str() refuses these
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    TRICKY_TEXT, st.decimals(allow_nan=True, allow_infinity=True),
)
JSON = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=14),
        st.dictionaries(st.one_of(st.text(max_size=12), TRICKY_TEXT), children, max_size=6),
    ),
    max_leaves=25,
)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a dict value or list item inside `value`."""
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            out.append(prefix + (key,))
            out += paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.append(prefix + (i,))
            out += paths(item, prefix + (i,))
    return out


def replaced(value: Any, path: tuple, new: Any) -> Any:
    value = copy.deepcopy(value)
    target = value
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return value


def assert_well_formed(answer: Any) -> None:
    assert isinstance(answer, dict)
    assert "internal" not in answer, f"the safety net was reached: {answer}"
    json.dumps(answer, allow_nan=False)  # plain JSON: no Decimal, NaN or other objects
    assert isinstance(answer["ok"], bool)
    if answer["ok"]:
        assert set(answer) - {"warnings"} == {"ok", "result", "findings"}
        assert isinstance(answer["result"], dict)
        for w in answer.get("warnings", [None]):  # warnings at fields, when there are any
            assert w is None or (set(w) == {"field", "message"} and w["field"] and w["message"])
        for f in answer["findings"]:
            assert isinstance(f["code"], str) and f["code"]
            assert f["level"] in LEVELS
            assert isinstance(f["message"], str) and f["message"]
    else:
        assert set(answer) == {"ok", "errors"}
        assert answer["errors"], "a failure names at least one field"
        for e in answer["errors"]:
            assert set(e) == {"field", "message"}
            assert isinstance(e["field"], str)
            assert isinstance(e["message"], str) and e["message"].strip()


def test_every_calculator_has_a_valid_example():
    assert set(VALID) == set(NAMES)
    for name in NAMES:
        assert api.run(name, VALID[name])["ok"] is True, name


# FUZZ_EXAMPLES=2000 for a deeper search; the default keeps the unit suite fast.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(inputs=JSON)
def test_any_json_value_as_inputs(name, inputs):
    assert_well_formed(api.run(name, inputs))


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data(), new=JSON)
def test_any_json_value_in_place_of_a_field(name, data, new):
    base = VALID[name]
    path = data.draw(st.sampled_from(paths(base)))
    assert_well_formed(api.run(name, replaced(base, path, new)))


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data(), key=st.one_of(st.text(max_size=12), TRICKY_TEXT), new=JSON)
def test_any_json_value_added_to_an_object(name, data, key, new):
    base = VALID[name]
    targets = [()] + [p for p in paths(base) if isinstance(_get(base, p), dict)]
    path = data.draw(st.sampled_from(targets))
    inputs = copy.deepcopy(base)
    target = _get(inputs, path)
    target[key] = new
    assert_well_formed(api.run(name, inputs))


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_any_field_removed(name, data):
    base = VALID[name]
    path = data.draw(st.sampled_from(paths(base)))
    inputs = copy.deepcopy(base)
    parent = _get(inputs, path[:-1])
    del parent[path[-1]]
    assert_well_formed(api.run(name, inputs))


def _get(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


@settings(max_examples=60, deadline=None, database=None)
@given(name=st.one_of(st.sampled_from(NAMES), st.text(max_size=10)), text=st.text(max_size=80))
def test_respond_answers_any_text_with_json(name, text):
    data = json.loads(api.respond("run", name, text))
    assert_well_formed(data["output"])
    assert "failed" not in data


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(inputs=JSON)
def test_respond_matches_run(name, inputs):
    assume(not _has_non_json(inputs))  # not JSON text; covered by the tests above
    text = json.dumps(inputs)
    data = json.loads(api.respond("run", name, text))
    assert "failed" not in data, data  # the renderer, too, answered without the safety net
    assert_well_formed(data["output"])
    assert data["output"]["ok"] == api.run(name, json.loads(text))["ok"]
    assert (data["html"] != "") is data["output"]["ok"]


def _has_non_json(value: Any) -> bool:
    if isinstance(value, Decimal) or (isinstance(value, float) and not math.isfinite(value)):
        return True
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**100:
        return True
    if isinstance(value, dict):
        return any(_has_non_json(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_non_json(v) for v in value)
    return False


EXTREMES = st.sampled_from([
    "999999999999,999999", "999 999 999 999", "0,000001", "0,0000001", "0", "1", "-0",
    999999999999, 10**12 - 1, 0.000001, "100", "12", "2100", "2025",
])


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_extreme_numbers_in_several_fields_at_once(name, data):
    """The largest and smallest numbers the parser accepts, in many fields together."""
    base = VALID[name]
    leaves = [p for p in paths(base) if not isinstance(_get(base, p), (dict, list))]
    chosen = data.draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=8, unique=True))
    inputs = base
    for path in chosen:
        inputs = replaced(inputs, path, data.draw(EXTREMES))
    assert_well_formed(api.run(name, inputs))


def test_huge_level_with_tiny_lo_salary_is_computed_and_rendered_not_crashed():
    inputs = {"lo_leader_salary": "0,000001", "new_lo_leader_salary": "999999999999", "adjustment_month": 12,
              "positions": [{"unit": "forbund", "role": "leder", "salary": "999999999999"}]}
    answer = api.run("fo_pay", inputs)
    assert_well_formed(answer)
    assert answer["ok"] is True
    # The renderer divides and formats these too: it must run in the same exact context.
    data = json.loads(api.respond("run", "fo_pay", json.dumps(inputs)))
    assert "failed" not in data and data["output"]["ok"] is True
    assert "999\u00a0999\u00a0999\u00a0999\u00a0kr" in data["html"]


# The downloads: «Last ned CSV» and «Last ned Excel-fil» go through the same entry with
# op "csv" or "xlsx". Whatever the inputs, the answer is JSON, never the safety net; a
# calculator that declares the file gives it exactly when the inputs are valid.
FILE_OPS = ("csv", "xlsx")


def assert_file_answer(op: str, name: str, text: str) -> dict:
    data = json.loads(text)
    assert "failed" not in data, data  # the safety net was not reached
    output = data["output"]
    assert "result" not in output  # the reply carries the markup and the file, not the result
    assert_well_formed({**output, "result": {}} if output.get("ok") is True else output)
    assert isinstance(data["html"], str) and (data["html"] != "") is output["ok"]
    declared = getattr(registry.calculators().get(name), op, None) is not None
    if data["output"]["ok"] and declared:
        assert isinstance(data[op], str) and data[op] and data["filename"].endswith(f".{op}")
        if op == "xlsx":
            assert base64.b64decode(data["xlsx"], validate=True)[:2] == b"PK"  # a zip: the workbook
    else:
        assert op not in data and "filename" not in data
    return data


def test_both_downloads_are_declared_somewhere():
    calcs = registry.calculators().values()
    assert any(c.csv is not None for c in calcs) and any(c.xlsx is not None for c in calcs)


@pytest.mark.parametrize("op", FILE_OPS)
@settings(max_examples=60, deadline=None, database=None)
@given(name=st.one_of(st.sampled_from(NAMES), st.text(max_size=10)), text=st.text(max_size=80))
def test_a_download_answers_any_text_with_json(op, name, text):
    assert_file_answer(op, name, api.respond(op, name, text))


# (op, calculator) for every file a calculator declares: where a file is actually made.
DECLARED_FILES = [(op, name) for op in FILE_OPS for name in NAMES if getattr(registry.get(name), op) is not None]


def test_the_declared_files_are_found():
    assert ("csv", "budget") in DECLARED_FILES and ("xlsx", "fo_pay") in DECLARED_FILES


@pytest.mark.parametrize("op,name", DECLARED_FILES)
@SETTINGS
@given(data=st.data(), new=JSON)
def test_a_download_with_any_json_value_in_place_of_a_field(op, name, data, new):
    base = VALID[name]
    path = data.draw(st.sampled_from(paths(base)))
    inputs = replaced(base, path, new)
    assume(not _has_non_json(inputs))
    answer = assert_file_answer(op, name, api.respond(op, name, json.dumps(inputs)))
    assert answer["output"]["ok"] == api.run(name, json.loads(json.dumps(inputs)))["ok"]


@pytest.mark.parametrize("op", FILE_OPS)
@pytest.mark.parametrize("name", NAMES)
def test_a_download_of_the_valid_example(op, name):
    """The fuzzing above starts from these: each one gives its file (when declared)."""
    data = assert_file_answer(op, name, api.respond(op, name, json.dumps(VALID[name])))
    assert data["output"]["ok"] is True
