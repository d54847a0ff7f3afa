"""KL*AR charge: one test per rule of circular 19/24, «Lisenser KL*AR» (calculators/rules/klar.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.machinery.rates import load
from calculators import api
from calculators.rules import klar
from tests.unit.helpers import codes, error_fields, finding, rates_with, rates_with_param_values
from tests.shown import plain

RATES = load()
START_QUARTER = {
    "Trøndelag": 1, "Innlandet": 1, "Finnmark": 1, "Vestland": 1, "Agder": 1,
    "Nordland": 2, "Møre og Romsdal": 2, "Troms": 2, "Rogaland": 2,
    "Oslo": 3, "Vestfold": 3, "Telemark": 3, "Østfold": 3, "Akershus": 3, "Buskerud": 3,
}


def run(**inputs):
    return api.run("klar", {"year": 2025, "county": "Oslo", "members": 100, **inputs})


def test_the_fifteen_counties_and_their_start_quarters_come_from_rates():
    assert {c.name: c.quarter for c in RATES.counties} == START_QUARTER


@pytest.mark.parametrize("name", list(START_QUARTER))
def test_first_month_charged(name):
    county = klar.match_county(name, RATES.counties)
    assert klar.first_month_charged(2025, county, RATES) == {1: 1, 2: 4, 3: 7}[START_QUARTER[name]]
    assert klar.first_month_charged(2026, county, RATES) == 1


@pytest.mark.parametrize("typed, name", [
    ("More og Romsdal", "Møre og Romsdal"), ("møre og romsdal", "Møre og Romsdal"),
    ("Møre-og-Romsdal", "Møre og Romsdal"), ("Moere og Romsdal", "Møre og Romsdal"),
    ("Møre & Romsdal", "Møre og Romsdal"), ("Ostfold", "Østfold"), ("OESTFOLD", "Østfold"),
    ("Oslo fylkeskrets", "Oslo"), ("Fagforbundet Oslo", "Oslo"), ("Trondelag", "Trøndelag"),
    ("  troms ", "Troms"), ("Vestland fylke", "Vestland"), ("vestfold", "Vestfold"),
])
def test_match_county_is_case_insensitive_and_tolerant(typed, name):
    assert klar.match_county(typed, RATES.counties).name == name


@pytest.mark.parametrize("typed", ["Lappland", "Vest", "Troms og Finnmark", "", "Oslo Akershus"])
def test_unknown_county_is_not_matched(typed):
    assert klar.match_county(typed, RATES.counties) is None


def test_unknown_county_error_lists_the_fifteen_names():
    answer = run(county="Viken")
    assert error_fields(answer) == ["county"]
    message = answer["errors"][0]["message"]
    assert "«Fylkeskrets»" in message and "Viken" in message
    for name in START_QUARTER:
        assert name in message


def test_rate_in_force():
    assert klar.rate_in_force(RATES.at(2025)) == (Decimal("1"), True)
    assert klar.rate_in_force(RATES.at(2026)) == (Decimal("1"), False)


def test_rate_unconfirmed_names_the_year_and_the_rate_used():
    answer = run(year=2026)
    f = finding(answer, "rate-unconfirmed")
    assert f["level"] == "warning"
    assert "2026" in f["message"] and "1 kr per yrkesaktivt medlem per måned" in plain(f["message"])
    assert answer["result"]["rate_confirmed"] is False
    assert "rate-unconfirmed" not in codes(run(year=2025))


def test_a_confirmed_rate_for_a_new_year_removes_the_warning_and_changes_the_total():
    newer = rates_with_param_values(
        "klar.rate",
        '[{ from = 2025-01-01, to = 2025-12-31, value = "1" }, { from = 2026-01-01, to = 2026-12-31, value = "1.25" }]')
    answer = api.run("klar", {"year": 2026, "county": "Oslo", "members": 100}, rates=newer)
    assert answer["result"]["rate"] == "1.25"
    assert answer["result"]["rate_confirmed"] is True
    assert answer["result"]["total"] == "1500.00"
    assert "rate-unconfirmed" not in codes(answer)
    # 2027 is unconfirmed again and uses the latest known rate
    later = api.run("klar", {"year": 2027, "county": "Oslo", "members": 100}, rates=newer)
    assert later["result"]["rate"] == "1.25" and "rate-unconfirmed" in codes(later)


def test_changing_the_start_quarter_in_rates_changes_the_first_month():
    moved = rates_with('{ name = "Oslo", quarter = 3 }', '{ name = "Oslo", quarter = 2 }')
    answer = api.run("klar", {"year": 2025, "county": "Oslo", "members": 100}, rates=moved)
    assert answer["result"]["first_month"] == 4
    assert answer["result"]["total"] == "900.00"


def test_rate_override():
    answer = run(year=2026, rate="1,50")
    assert answer["result"]["rate"] == "1.50"
    assert "rate-unconfirmed" not in codes(answer)
    assert finding(answer, "rate-override")["level"] == "info"


def test_rate_override_names_the_year_the_circular_gives_its_rate_for():
    # The circular gives a rate for 2025 only: for 2026 it has none.
    later = plain(finding(run(year=2026, rate="1,50"), "rate-override")["message"])
    assert later == ("Beregningen bruker din egen sats, 1,50 kr per yrkesaktivt medlem per måned. Rundskrivet "
                     "oppgir ingen sats for 2026. Den siste kjente satsen er 1 kr, oppgitt for 2025.")
    same = plain(finding(run(year=2025, rate="2"), "rate-override")["message"])
    assert same == ("Beregningen bruker din egen sats, 2 kr per yrkesaktivt medlem per måned, i stedet for "
                    "rundskrivets sats for 2025, 1 kr.")


def test_month_charge_is_rounded_once_per_month():
    assert klar.month_charge(3, Decimal("0.125")) == Decimal("0.38")
    assert klar.month_charge(250, Decimal("1")) == Decimal("250.00")


def test_charge_by_month_skips_months_before_the_start():
    by_month = klar.charge_by_month((10,) * 12, 7, Decimal(1))
    assert by_month == (Decimal("0.00"),) * 6 + (Decimal("10.00"),) * 6


def test_club_officials_do_not_count():
    f = klar.club_officials_do_not_count()[0]
    assert (f.code, f.level) == ("club-officials-not-counted", "info")
    assert "klubbtillitsvalgte" in f.message
    assert "club-officials-not-counted" in codes(run())
    assert "club-officials-not-counted" in codes(run(year=2030))


def test_start_quarter_only_in_the_first_year():
    f = finding(run(), "start-quarter")
    assert f["message"] == ("Fagforeninger i Oslo belastes i 2025 fra tredje kvartal. Kalkulatoren regner med "
                            "belastning fra juli.")
    assert [q["anchor"] for q in f["quotes"]] == ["lisenser-kl-ar-8"]
    assert f["reading"]["topic"] == "Første måned med KL*AR-belastning"
    assert "start-quarter" not in codes(run(year=2026))


def test_years_before_the_first_year_are_an_input_error():
    answer = run(year=2024)
    assert error_fields(answer) == ["year"]
    assert "2025" in answer["errors"][0]["message"]


def test_members_and_members_by_month_are_exclusive_and_one_is_required():
    assert error_fields(run(members_by_month=[1] * 12)) == ["members"]
    assert error_fields(api.run("klar", {"year": 2025, "county": "Oslo"})) == ["members"]
    # empty list or blank count means "not given"
    assert run(members_by_month=[])["ok"] is True
    assert api.run("klar", {"year": 2025, "county": "Oslo", "members": "", "members_by_month": [2] * 12})["ok"]


def test_members_by_month_errors_name_the_month():
    answer = run(members=None, members_by_month=[1, 2, "x"] + [1] * 9)
    assert error_fields(answer) == ["members_by_month[2]"]
    assert "mars" in answer["errors"][0]["message"]


@settings(max_examples=100, deadline=None)
@given(year=st.integers(min_value=2025, max_value=2030),
       county=st.sampled_from(list(START_QUARTER)),
       counts=st.lists(st.integers(min_value=0, max_value=10**6), min_size=12, max_size=12),
       rate=st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=3)))
def test_total_is_the_sum_of_months_and_quarters(year, county, counts, rate):
    inputs = {"year": year, "county": county, "members_by_month": counts}
    if rate is not None:
        inputs["rate"] = str(rate)
    result = api.run("klar", inputs)["result"]
    months = [Decimal(m) for m in result["by_month"]]
    assert sum(months) == Decimal(result["total"])
    assert sum(Decimal(q) for q in result["by_quarter"].values()) == Decimal(result["total"])
    assert result["months"] == 13 - result["first_month"]
    assert result["member_months"] == sum(counts[result["first_month"] - 1:])
