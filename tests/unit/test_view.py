"""The result renderer: every successful case renders, values are escaped, figures are
Norwegian."""

from __future__ import annotations

import json

import pytest

from calculators.api import run
from calculators.api import respond
from calculators.view import render
from tests.conftest import load_cases

OK_CASES = [c for c in load_cases() if c["expected"].get("ok", True)]


@pytest.mark.parametrize("case", OK_CASES, ids=lambda c: f'{c["file"]}: {c["name"]}')
def test_every_successful_case_renders(case):
    shown = render(case["calculator"], run(case["calculator"], case["inputs"]))
    assert shown["html"].startswith('<div class="calc-output">')
    assert shown["summary"]


def test_names_are_escaped_never_markup():
    evil = '<img src=x onerror=alert(1)>'
    out = run("fo_pay", {"lo_leader_salary": "1000000", "positions": [
        {"name": evil, "unit": "forbund", "role": "leder", "percent_of_lo": "100"}]})
    html = render("fo_pay", out)["html"]
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_klar_rate_keeps_its_decimals_and_says_when_it_is_the_users_own():
    html = render("klar", run("klar", {"year": 2026, "county": "Oslo", "members": 10, "rate": "0,125"}))["html"]
    assert "0,125 kr</span> (egen sats)" in html
    html = render("klar", run("klar", {"year": 2027, "county": "Oslo", "members": 10}))["html"]
    assert "1 kr</span> (ikke bekreftet)" in html


def test_org365_total_in_norwegian_format():
    out = run("org365", {"year": 2025, "holders": [{"role": "leder", "license": "E1"}, {"role": "styremedlem", "license": "F3"}], "start_month": 6})
    html = render("org365", out)["html"]
    assert "2 100 kr" in html and "641,67 kr" in html  # 3 600 × 7/12 = 2 100; 1 100 × 7/12 = 641,67


def test_respond_gives_errors_without_markup_and_a_csv_for_the_budget():
    data = json.loads(respond("run", "org365", json.dumps({"year": "x"})))
    assert data["output"]["ok"] is False and data["html"] == ""
    data = json.loads(respond("csv", "budget", json.dumps({"year": 2025, "org365": {"holders": [{"role": "leder", "license": "E1"}]},
                                                             "klar": {"county": "Oslo", "members": 10}})))
    assert data["csv"].startswith("\ufeff") and data["filename"] == "lisensbudsjett-2025.csv"
    assert json.loads(respond("run", "org365", "not json"))["output"]["ok"] is False
