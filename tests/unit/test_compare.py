"""Two plans side by side: what the runner says about plan B's errors and warnings, and
that the comparison is exact (B − A on the rounded totals)."""

from __future__ import annotations

from decimal import Decimal

from calculators import api
from calculators.machinery import registry

LEADER = {"role": "leder", "license": "E1"}


def test_only_the_licence_calculators_can_compare_two_plans():
    assert {name for name, calc in registry.calculators().items() if calc.comparable} == {"org365", "budget"}


def test_an_error_in_plan_b_names_the_plan_and_the_row_at_its_own_path():
    answer = api.run("org365", {"year": 2025, "holders": [LEADER], "plan_b": {"holders": [LEADER, {"role": "leder"}]}})
    assert answer["ok"] is False
    assert answer["errors"] == [{"field": "plan_b.holders[1].license",
                                 "message": "Oppsett B, rad 2: «Lisenstype» må fylles ut."}]


def test_errors_in_both_plans_are_named_by_plan():
    answer = api.run("org365", {"year": 2025, "start_month": "13", "holders": [LEADER],
                                "plan_b": {"start_month": "0", "holders": [LEADER]}})
    assert [(e["field"], e["message"].split(":")[0]) for e in answer["errors"]] == [
        ("start_month", "Oppsett A"), ("plan_b.start_month", "Oppsett B")]


def test_a_warning_in_plan_b_is_at_plan_bs_field():
    org365 = {"holders": [LEADER]}
    answer = api.run("budget", {"year": 2025, "org365": org365, "klar": {"county": "Oslo", "members": 250},
                                "plan_b": {"org365": org365, "klar": {"county": "Oslo", "members": 2_000_000}}})
    assert answer["ok"] is True
    assert [w["field"] for w in answer["warnings"]] == ["plan_b.klar.members"]
    assert answer["warnings"][0]["message"].startswith("Oppsett B: ")


def test_plan_b_is_for_plan_as_year_whatever_it_says():
    # 2026 in plan B is ignored: both are 2025 (3 600 kr, no «prices unconfirmed» warning).
    answer = api.run("org365", {"year": 2025, "holders": [LEADER], "plan_b": {"year": 2026, "holders": [LEADER]}})
    assert answer["compare"]["result_b"]["year"] == 2025
    assert "price-unconfirmed" not in [f["code"] for f in answer["compare"]["findings_b"]]


def test_the_difference_is_total_b_minus_total_a_exactly():
    # A: E3 from February, 5 000 × 11/12 = 4 583,33; B: F3 from February, 1 100 × 11/12 = 1 008,33.
    e3 = {"role": "leder", "license": "E3"}
    f3 = {"role": "tillitsvalgt", "license": "F3"}
    answer = api.run("org365", {"year": 2025, "start_month": 2, "holders": [e3],
                                "plan_b": {"start_month": 2, "holders": [e3, f3]}})
    c = answer["compare"]
    assert (c["total_a"], c["total_b"], c["difference"]) == ("4583.33", "5591.66", "1008.33")
    assert Decimal(c["total_b"]) - Decimal(c["total_a"]) == Decimal(c["difference"])


def test_without_plan_b_the_answer_is_as_before():
    answer = api.run("org365", {"year": 2025, "holders": [LEADER], "plan_b": ""})
    assert answer["ok"] is True and "compare" not in answer


def test_each_breakdown_is_its_own_table_and_only_those_that_add_up_to_the_total_have_a_sum():
    import json
    import re

    inputs = {"year": 2025, "org365": {"holders": [LEADER, {"role": "styremedlem", "license": "E1"}]},
              "klar": {"county": "Oslo", "members": 250},
              "plan_b": {"org365": {"holders": [LEADER, {"role": "styremedlem", "license": "E1"},
                                                {"role": "styremedlem", "license": "E1"}]},
                         "klar": {"county": "Oslo", "members": 250}}}
    html = json.loads(api.respond("run", "budget", json.dumps(inputs)))["html"]
    tables = re.findall(r"<caption[^>]*>Forskjeller mellom oppsett A og B, ([^<]*)</caption>(.*?)</table>", html)
    # By hand: ORG365 7 200 → 10 800 kr; KL*AR equal (not listed); total 8 700 → 12 300 kr.
    assert [(group, "<tfoot>" in body) for group, body in tables] == [
        ("per budsjettpost", True), ("ORG365 per lisenstype", False), ("per kvartal", True)]
    assert all("+3\u00a0600\u00a0kr" in body for group, body in tables if group != "per kvartal")
