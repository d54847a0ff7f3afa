"""The API's contract, for every calculator found: any JSON value gives an answer (never an
exception, never the safety net), errors name their field by its label («…»), and findings
cite their rule.  Inputs are drawn from each calculator's own declared field names."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import api
from calculators.machinery import registry


def field_names(name: str) -> list[str]:
    return sorted(set(registry.get(name).labels)) + ["x"]


@pytest.mark.parametrize("name", sorted(registry.calculators()))
@given(data=st.data())
def test_any_json_gives_an_answer_never_an_exception(name, data):
    inputs = data.draw(st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(
            st.sampled_from(field_names(name)), children, max_size=6),
        max_leaves=12,
    ))
    answer = api.run(name, inputs)
    json.dumps(answer)
    assert "internal" not in answer, answer
    if answer["ok"]:
        assert set(answer) - {"warnings"} == {"ok", "result", "findings"}  # warnings at fields, if any
        for f in answer["findings"]:
            assert f["level"] in {"error", "warning", "info"} and f["message"]
    else:
        assert answer["errors"] and all(e["message"] for e in answer["errors"])


@pytest.mark.parametrize("name", sorted(n for n in registry.calculators() if n.startswith("fo_") and n != "fo_pay"))
def test_the_fo_extras_messages_cite_and_quote(name):
    """The FO extras: every finding carries the regulation's words or the calculator's
    reading of them, every error quotes its field's label first."""
    calc = registry.get(name)
    answer = api.run(name, {key: "ugyldig" for key in calc.labels})
    assert answer["ok"] is False
    assert answer["errors"] and all(e["message"].startswith("«") for e in answer["errors"]), answer["errors"]
    from macros.forms import _api_inputs, default_inputs

    example = api.run(name, _api_inputs(default_inputs(name)))
    assert example["ok"] is True
    assert example["findings"], name  # every FO extra's example has a finding to cite
    assert all(f.get("quotes") or f.get("reading") for f in example["findings"]), example["findings"]


def test_every_calculator_found_answers_its_example():
    from macros.forms import _api_inputs, default_inputs

    for name in registry.calculators():
        assert api.run(name, _api_inputs(default_inputs(name)))["ok"] is True, name
