"""Every case of the shared case table (tests/cases/*.toml) through `calculators.api.run`.

The table's schema is documented in tests/cases/README.md. Cases added by other files
(the FO extras) are picked up by the same glob.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculators import api
from calculators.machinery import registry
from tests.conftest import load_cases

CASES = load_cases()


def match(expected: Any, actual: Any, path: str = "result") -> list[str]:
    """Differences between an expected subset and an actual value (empty when it matches)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected a dict, got {actual!r}"]
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            else:
                out += match(value, actual[key], f"{path}.{key}")
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected a list of {len(expected)}, got {actual!r}"]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            out += match(e, a, f"{path}[{i}]")
        return out
    if type(expected) is not type(actual) or expected != actual:
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    return []


def test_case_table_is_not_empty_and_names_are_unique():
    assert len(CASES) > 100
    keys = [(c["file"], c["name"]) for c in CASES]
    assert len(keys) == len(set(keys)), "duplicate case names"
    for case in CASES:
        assert case["file"] == f'{case["calculator"]}.toml', f'{case["file"]}: {case["name"]} belongs in its own file'
        assert isinstance(case["expected"]["ok"], bool), case["name"]
    # One case file per calculator, for every calculator found.
    assert {c["calculator"] for c in CASES} == set(registry.calculators())


@pytest.mark.parametrize("case", CASES, ids=[f'{c["file"]}:{c["name"]}' for c in CASES])
def test_case(case):
    answer = api.run(case["calculator"], case["inputs"])
    expected = case["expected"]
    json.dumps(answer)  # the answer is plain JSON
    assert "internal" not in answer, answer
    if not expected["ok"]:
        assert answer["ok"] is False, answer
        assert sorted({e["field"] for e in answer["errors"]}) == sorted(set(expected["error_fields"]))
        for error in answer["errors"]:
            assert error["message"].strip(), error
        return
    assert answer["ok"] is True, answer.get("errors")
    problems = match(expected.get("result", {}), answer["result"])
    assert not problems, "\n".join(problems)
    codes = [f["code"] for f in answer["findings"]]
    for code in expected.get("findings", []):
        assert code in codes, f"finding {code} missing; got {codes}"
    for code in expected.get("absent", []):
        assert code not in codes, f"finding {code} present; got {codes}"
    # Two plans: the comparison, and plan B's own findings kept apart from plan A's.
    if any(k in expected for k in ("compare", "findings_b", "absent_b")):
        assert "compare" in answer, "a second plan was given but the answer has no comparison"
        problems = match(expected.get("compare", {}), answer["compare"], "compare")
        assert not problems, "\n".join(problems)
        codes_b = [f["code"] for f in answer["compare"]["findings_b_all"]]
        codes_both = [f["code"] for f in answer["compare"]["findings_both"]]
        for code in expected.get("findings_both", []):
            assert code in codes_both, f"both plans: finding {code} not said once for both; got {codes_both}"
        for code in expected.get("findings_b", []):
            assert code in codes_b, f"plan B: finding {code} missing; got {codes_b}"
        for code in expected.get("absent_b", []):
            assert code not in codes_b, f"plan B: finding {code} present; got {codes_b}"
