"""FO pay hierarchy check: one test per pay principle and per adjustment rule of FO's
regulation for paid elected officials, «Lønnsvilkår» (calculators/rules/fo_pay/)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators.machinery.rates import load
from calculators.rules.fo_pay import principles
from calculators import api
from calculators.rules import fo_pay
from calculators.rules.fo_pay import Position, Role, unit_of
from tests.unit.helpers import codes, error_fields, rates_with_param_values
from tests.shown import plain

RATES = load()
LO = Decimal(1_000_000)


def pos(id_: str, unit: str, role: str, level: int, own: int | None = None) -> Position:
    level_d = Decimal(level)
    return Position(id=id_, name=f"N{id_}", unit=unit_of(unit), role=Role(role), share=level_d / LO,
                    level=level_d, percent_of_lo=level_d * 100 / LO, fte_percent=Decimal(100), paid=level_d,
                    own_salary=None if own is None else Decimal(own))


def status(principle) -> str:
    return principle.status.value


# -- levels ------------------------------------------------------------------------------

def test_unit_forbund_is_national_any_case_and_departments_group_case_insensitively():
    assert unit_of("Forbund").national and unit_of("FORBUND").national
    assert not unit_of("Oslo").national
    assert unit_of("oslo").key == unit_of("Oslo-avdelingen").key == unit_of("FO Oslo").key == "oslo"
    assert unit_of("Bergen").key != unit_of("Oslo").key


def test_level_from_percent_of_lo_and_paid_by_position_percentage():
    answer = api.run("fo_pay", {"lo_leader_salary": "1 234 567", "positions": [
        {"unit": "Oslo", "role": "leder", "percent_of_lo": "87,5", "fte_percent": "60"}]})
    p = answer["result"]["positions"][0]
    assert (p["level"], p["percent_of_lo"], p["fte_percent"], p["paid"]) == (
        "1080246.13", "87.50", "60.00", "648147.68")


def test_default_position_percentage_comes_from_rates():
    eighty = rates_with_param_values("fo.default_fte_percent", "[{ from = 2025-04-01, value = 80 }]")
    answer = api.run("fo_pay", {"lo_leader_salary": LO, "positions": [
        {"unit": "Oslo", "role": "leder", "salary": 900000}]}, rates=eighty)
    assert answer["result"]["positions"][0]["paid"] == "720000.00"


# -- the eight principles ----------------------------------------------------------------

def test_principle_1_relative_to_lo():
    ps = (pos("1", "forbund", "leder", 950000), pos("2", "Oslo", "leder", 875000))
    p = principles.principle_1_relative_to_lo(ps, LO)
    assert status(p) == "info"  # never "pass": nothing in a table can break it
    assert "N1 95 % (950 000 kr)" in plain(p.message) and "N2 87,5 % (875 000 kr)" in plain(p.message)
    assert "1 000 000 kr" in plain(p.message)


def test_principle_2_national_leader_highest():
    leader = pos("1", "forbund", "leder", 950000)
    assert status(principles.principle_2_national_leader_highest((leader, pos("2", "Oslo", "leder", 940000)))) == "pass"
    tie = principles.principle_2_national_leader_highest((leader, pos("2", "Oslo", "leder", 950000)))
    assert status(tie) == "fail" and set(tie.officials) == {"1", "2"}
    assert "N1 (950 000 kr)" in plain(tie.message) and "N2 (950 000 kr)" in plain(tie.message)
    assert status(principles.principle_2_national_leader_highest((pos("2", "Oslo", "leder", 1),))) == "n/a"
    assert status(principles.principle_2_national_leader_highest((leader,))) == "n/a"


def test_principle_2_compares_every_national_leader():
    ps = (pos("1", "forbund", "leder", 950000), pos("2", "forbund", "leder", 900000),
          pos("3", "forbund", "nestleder", 920000))
    p = principles.principle_2_national_leader_highest(ps)
    assert status(p) == "fail" and set(p.officials) == {"2", "3"}
    assert "flere forbundsledere" in p.message


def test_principle_3_national_deputy_above_au():
    deputy = pos("2", "forbund", "nestleder", 900000)
    assert status(principles.principle_3_national_deputy_above_au((deputy, pos("3", "forbund", "au_medlem", 899999)))) == "pass"
    assert status(principles.principle_3_national_deputy_above_au((deputy, pos("3", "forbund", "au_medlem", 900000)))) == "fail"
    assert status(principles.principle_3_national_deputy_above_au((deputy,))) == "n/a"
    assert status(principles.principle_3_national_deputy_above_au((pos("3", "forbund", "au_medlem", 1),))) == "n/a"
    # a department secretary is not a national AU member
    assert status(principles.principle_3_national_deputy_above_au((deputy, pos("4", "Oslo", "sekretaer", 950000)))) == "n/a"


def test_principle_4_au_members_equal():
    a, b = pos("3", "forbund", "au_medlem", 850000), pos("4", "forbund", "au_medlem", 850000)
    assert status(principles.principle_4_au_members_equal((a, b))) == "pass"
    p = principles.principle_4_au_members_equal((a, pos("4", "forbund", "au_medlem", 850001)))
    assert status(p) == "fail" and "850 001 kr" in plain(p.message)
    assert status(principles.principle_4_au_members_equal((a,))) == "n/a"


def test_principle_5_oslo_leader_highest():
    oslo = pos("1", "Oslo", "leder", 850000)
    assert status(principles.principle_5_oslo_leader_highest((oslo, pos("2", "Bergen", "leder", 849999)))) == "pass"
    p = principles.principle_5_oslo_leader_highest((oslo, pos("2", "Bergen", "leder", 850000)))
    assert status(p) == "fail" and "Oslo-avdelingen" in p.message
    assert status(principles.principle_5_oslo_leader_highest((pos("2", "Bergen", "leder", 1),))) == "n/a"
    # the national leader is not a department leader
    assert status(principles.principle_5_oslo_leader_highest((oslo, pos("3", "forbund", "leder", 990000)))) == "n/a"


def test_principle_6_department_leader_highest():
    ps = (pos("1", "Bergen", "leder", 800000), pos("2", "Bergen", "sekretaer", 700000),
          pos("3", "Oslo", "leder", 850000), pos("4", "oslo", "nestleder", 850000))
    p = principles.principle_6_department_leader_highest(ps)
    assert status(p) == "fail" and set(p.officials) == {"3", "4"}
    assert "Oslo" in p.message and "Bergen" not in p.message
    assert status(principles.principle_6_department_leader_highest(ps[:2])) == "pass"
    # an official in another department does not count
    assert status(principles.principle_6_department_leader_highest(
        (pos("1", "Bergen", "leder", 800000), pos("2", "Oslo", "sekretaer", 900000)))) == "n/a"


def test_principle_7_department_deputy_above_secretaries():
    deputy = pos("1", "Bergen", "nestleder", 750000)
    assert status(principles.principle_7_department_deputy_above_secretaries(
        (deputy, pos("2", "Bergen", "sekretaer", 700000)))) == "pass"
    assert status(principles.principle_7_department_deputy_above_secretaries(
        (deputy, pos("2", "Bergen", "sekretaer", 700000), pos("3", "Bergen", "sekretaer", 750000)))) == "fail"
    assert status(principles.principle_7_department_deputy_above_secretaries(
        (deputy, pos("2", "Oslo", "sekretaer", 800000)))) == "n/a"


def test_principle_8_others_within_span_inclusive():
    sec = pos("2", "Bergen", "sekretaer", 700000)
    assert status(principles.principle_8_others_within_span((sec, pos("3", "Bergen", "ovrig", 600000, own=600000)))) == "pass"
    assert status(principles.principle_8_others_within_span((sec, pos("3", "Bergen", "ovrig", 700000, own=600000)))) == "pass"
    below = principles.principle_8_others_within_span((sec, pos("3", "Bergen", "ovrig", 599999, own=600000)))
    assert status(below) == "fail" and "lavere enn egen ordinær lønn (600 000 kr)" in plain(below.message)
    above = principles.principle_8_others_within_span((sec, pos("3", "Bergen", "ovrig", 700001, own=600000)))
    assert status(above) == "fail" and "høyere enn avdelingssekretærens lønnsnivå (N2, 700 000 kr)" in plain(above.message)
    assert status(principles.principle_8_others_within_span((sec,))) == "n/a"


def test_principle_8_without_a_secretary_checks_only_the_lower_bound_and_says_so():
    p = principles.principle_8_others_within_span((pos("3", "Bergen", "ovrig", 650000, own=600000),
                                               pos("4", "Oslo", "sekretaer", 100000)))
    assert status(p) == "pass"
    assert "bare den nedre grensen" in p.message


def test_principles_always_list_all_eight_rules():
    answer = api.run("fo_pay", {"lo_leader_salary": LO, "positions": [{"unit": "Oslo", "role": "sekretaer", "salary": 1}]})
    principles = answer["result"]["principles"]
    assert [p["rule"] for p in principles] == list(range(1, 9))
    assert [p["status"] for p in principles] == ["info"] + ["n/a"] * 7
    assert all(p["message"] and p["title"] for p in principles)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["forbund", "Oslo", "Bergen"]),
                          st.sampled_from(["leder", "nestleder", "au_medlem", "sekretaer", "ovrig"]),
                          st.integers(min_value=1, max_value=200), st.integers(min_value=1, max_value=200)),
                min_size=1, max_size=10))
def test_principles_are_well_formed_for_any_table(rows):
    positions = [{"unit": u, "role": r, "percent_of_lo": pct, "own_salary": own * 5000}
                 for u, r, pct, own in rows
                 if not (r == "au_medlem" and u != "forbund") and not (r == "ovrig" and u == "forbund")]
    assume(positions)  # a table of only impossible rows is not a table
    answer = api.run("fo_pay", {"lo_leader_salary": LO, "positions": positions})
    assert answer["ok"] is True, answer
    principles = answer["result"]["principles"]
    assert [p["rule"] for p in principles] == list(range(1, 9))
    ids = {p["id"] for p in answer["result"]["positions"]}
    assert principles[0]["status"] == "info"
    for p in principles[1:]:
        assert p["status"] in {"pass", "fail", "n/a"}
        assert set(p["officials"]) <= ids
        if p["status"] == "fail":
            assert p["officials"], p
        if p["status"] == "n/a" and p["rule"] != 4:
            assert p["officials"] == [], p


# -- yearly adjustment ---------------------------------------------------------------------

def test_adjust_pay_keeps_percentages_and_pays_back_from_january():
    ps = (pos("1", "forbund", "leder", 900000),)
    adj = fo_pay.adjust_pay(ps, LO, Decimal(1_040_000), 6, RATES)
    row = adj.positions[0]
    assert row.new_level == Decimal("936000.00")
    assert row.monthly_difference == Decimal("3000.00")
    assert row.back_pay == Decimal("15000.00")  # 36 000 / 12 × 5
    assert adj.months_back == 5 and adj.total_back_pay == Decimal("15000.00")


def test_back_pay_is_rounded_once_per_official():
    answer = api.run("fo_pay", {"lo_leader_salary": 1_200_000, "new_lo_leader_salary": 1_248_000,
                         "adjustment_month": 6, "positions": [
                             {"unit": "Oslo", "role": "ovrig", "salary": 777777, "own_salary": 1,
                              "fte_percent": 60}]})
    row = answer["result"]["adjustment"]["positions"][0]
    assert (row["new_level"], row["new_paid"], row["monthly_difference"], row["back_pay"]) == (
        "808888.08", "485332.85", "1555.55", "7777.77")  # not 5 × 1 555,55 = 7 777,75


def test_adjustment_month_is_required_with_a_new_salary_and_null_without():
    base = {"lo_leader_salary": LO, "positions": [{"unit": "forbund", "role": "leder", "salary": 900000}]}
    assert error_fields(api.run("fo_pay", base | {"new_lo_leader_salary": 1})) == ["adjustment_month"]
    answer = api.run("fo_pay", base)
    assert answer["result"]["adjustment"] is None
    assert "adjustment-from-january" not in codes(answer)
    # a month alone is ignored: there is nothing to adjust
    assert api.run("fo_pay", base | {"adjustment_month": 6})["result"]["adjustment"] is None


def test_adjustment_finding_names_the_months_paid_back():
    answer = api.run("fo_pay", {"lo_leader_salary": LO, "new_lo_leader_salary": 1_100_000, "adjustment_month": 4,
                         "positions": [{"unit": "forbund", "role": "leder", "salary": 900000}]})
    message = answer["findings"][0]["message"]
    assert "tre måneder (januar–mars)" in message and "1. januar" in message


# -- input -------------------------------------------------------------------------------

def test_role_rules_per_unit():
    answer = api.run("fo_pay", {"lo_leader_salary": LO, "positions": [
        {"unit": "Oslo", "role": "au_medlem", "salary": 1},
        {"unit": "forbund", "role": "ovrig", "salary": 1, "own_salary": 1},
        {"unit": "Oslo", "role": "ovrig", "salary": 1}]})
    assert error_fields(answer) == ["positions[0].role", "positions[1].role", "positions[2].own_salary"]
    # No raw unit code («(enheten «forbund»)») in what the reader reads.
    assert [e["message"] for e in answer["errors"][:2]] == [
        "«Verv (rad 1)»: AU-medlem finnes bare i forbundsledelsen, ikke i en avdeling.",
        "«Verv (rad 2)»: øvrig tillitsvalgt finnes bare i en avdeling, ikke i forbundsledelsen."]


def test_exactly_one_of_salary_and_percent():
    both = api.run("fo_pay", {"lo_leader_salary": LO, "positions": [
        {"unit": "Oslo", "role": "leder", "salary": 1, "percent_of_lo": 1}]})
    assert error_fields(both) == ["positions[0].percent_of_lo"]
    none = api.run("fo_pay", {"lo_leader_salary": LO, "positions": [{"unit": "Oslo", "role": "leder"}]})
    assert error_fields(none) == ["positions[0].salary"]
    assert none["errors"][0]["message"] == ("«Lønnsnivå (rad 1)» må fylles ut, i kroner per år ved 100 % "
                                            "eller i prosent av LO-leders lønn.")
