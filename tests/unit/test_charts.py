"""The charts the renderer draws: bars in proportion, grouped, flagged, in attributes only."""

from __future__ import annotations

import re

from calculators.api import run
from calculators.machinery.view import render
from tests.shown import plain

BUDGET = {"year": 2025, "org365": {"holders": [{"role": "leder", "license": "E1"}, {"role": "styremedlem", "license": "E1"}]},
          "klar": {"county": "Oslo", "members": "250"}}


def chart(html: str) -> str:
    return html[html.index('<figure class="calc-chart">'):html.index("</figure>") + 9]


def test_budget_quarters_as_bars_in_proportion():
    # ORG365 2 × 3 600 = 7 200 (1 800 a quarter); KL*AR Oslo from July: 250 × 3 × 1 = 750 in Q3 and Q4.
    # Quarters: 1 800, 1 800, 2 550, 2 550 kr; the largest bar fills its track: 1 800 / 2 550 = 70,6 %.
    svg = chart(render("budget", run("budget", BUDGET))["html"])
    assert re.findall(r'<rect class="calc-chart__bar" x="0" y="0" width="([\d.]+)%"', svg) == ["70.6", "70.6", "100.0", "100.0"]
    assert [plain(t) for t in re.findall(r'class="calc-chart__value"[^>]*>([^<]+)<', svg)] == [
        "1 800 kr", "1 800 kr", "2 550 kr", "2 550 kr"]
    assert 'aria-hidden="true"' in svg and "style=" not in svg
    assert "<figcaption" in svg and "Lisenskostnader per kvartal 2025" in svg


def test_pay_ladder_groups_by_unit_and_flags_who_a_broken_principle_names():
    inputs = {"lo_leader_salary": "1 000 000", "positions": [
        {"name": "Leder Oslo", "unit": "Oslo", "role": "leder", "percent_of_lo": "80"},
        {"name": "Forbundsleder", "unit": "forbund", "role": "leder", "percent_of_lo": "90"},
        {"name": "Nestleder", "unit": "forbund", "role": "nestleder", "percent_of_lo": "95"},
    ]}
    svg = chart(render("fo_pay", run("fo_pay", inputs))["html"])
    groups = re.findall(r'class="calc-chart__group"[^>]*>([^<]+)<', svg)
    assert groups == ["Forbundet", "Oslo"]  # the national leadership first
    labels = re.findall(r'class="calc-chart__label"[^>]*>([^<]+)<', svg)
    assert labels == ["Nestleder", "Forbundsleder", "Leder Oslo"]  # highest first within a unit
    # Principle 2 is broken (the deputy is paid above the leader): both are flagged.
    marked = re.findall(r'<div class="calc-chart__row calc-chart__row--marked"><span[^>]*>([^<]+)<', svg)
    assert marked == ["Nestleder", "Forbundsleder"]


def test_pay_ladder_groups_units_as_the_principles_do():
    # «Oslo», «oslo » and «Oslo-avdelingen» are one department for principle 6: one group,
    # named as first typed; the leader (80 %) above the deputy (75 %) and the secretary (70 %).
    inputs = {"lo_leader_salary": "1 000 000", "positions": [
        {"name": "Anne", "unit": "Oslo", "role": "leder", "percent_of_lo": "80"},
        {"name": "Siri", "unit": "oslo ", "role": "sekretaer", "percent_of_lo": "70"},
        {"name": "Lars", "unit": "Oslo-avdelingen", "role": "nestleder", "percent_of_lo": "75"},
    ]}
    svg = chart(render("fo_pay", run("fo_pay", inputs))["html"])
    assert re.findall(r'class="calc-chart__group"[^>]*>([^<]+)<', svg) == ["Oslo"]
    assert re.findall(r'class="calc-chart__label"[^>]*>([^<]+)<', svg) == ["Anne", "Lars", "Siri"]


def test_a_long_name_stands_whole_in_the_chart_as_in_the_table():
    name = "Ei svært lang rad med navn som ikke får plass i diagrammet"
    out = render("fo_pay", run("fo_pay", {"lo_leader_salary": "1 000 000", "positions": [
        {"name": name, "unit": "forbund", "role": "leder", "percent_of_lo": "90"}]}))["html"]
    assert f'<span class="calc-chart__label">{name}</span>' in chart(out)  # the label wraps instead
    assert name in out.split('<figure class="calc-chart">')[0]
