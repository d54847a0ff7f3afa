"""ORG365 licence budget: one test per rule of circular 19/24 (see calculators/rules/org365.py)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.machinery.rates import load
from calculators import api
from calculators.rules import org365
from calculators.rules.org365 import Holder, License, Role

from tests.shown import visible_text
from tests.unit.helpers import codes, error_fields, finding, rates_with_param_values

RATES = load()
LEADER_E1 = {"role": "leder", "license": "E1"}
BOARD_E1 = {"role": "styremedlem", "license": "E1"}


def run(holders, **more):
    return api.run("org365", {"year": 2025, "holders": holders, **more})


def h(role: str, lic: str, shared: bool = False) -> Holder:
    return Holder(Role(role), License(lic), shared)


# -- amounts ------------------------------------------------------------------------------

def test_unit_prices_from_the_circular_are_approximate():
    prices, approximate, confirmed = org365.unit_prices({}, RATES.at(2025))
    assert prices == {License.E1: Decimal("3600"), License.F3: Decimal("1100"),
                      License.E3: Decimal("5000")}
    assert approximate is True
    assert confirmed is True
    assert org365.unit_prices({}, RATES.at(2026)) == (prices, True, False)


def test_unit_prices_overridden_all_are_not_approximate():
    own = {License.E1: Decimal(1), License.F3: Decimal(2), License.E3: Decimal(3)}
    assert org365.unit_prices(own, RATES.at(2025)) == (own, False, True)
    assert org365.unit_prices(own, RATES.at(2030)) == (own, False, True)


def test_months_charged():
    assert org365.months_charged(1) == 12
    assert org365.months_charged(6) == 7
    assert org365.months_charged(12) == 1


def test_line_amount_pro_rata_rounded_once():
    # F3 × 1 from June: 1 100 × 7 / 12 = 641,666… → 641,67
    assert org365.line_amount(Decimal("1100"), 1, 7) == Decimal("641.67")
    # Rounded once on the line, not per licence: 3 × 1 100 × 7/12 = 1 925,00 (not 3 × 641,67)
    assert org365.line_amount(Decimal("1100"), 3, 7) == Decimal("1925.00")
    assert org365.line_amount(Decimal("5000"), 1, 11) == Decimal("4583.33")


def test_line_by_quarter_takes_differences_of_cumulative_amounts():
    assert org365.line_by_quarter(Decimal("1100"), 1, 6) == (
        Decimal("0.00"), Decimal("91.67"), Decimal("275.00"), Decimal("275.00"))


@settings(max_examples=150, deadline=None)
@given(price=st.decimals(min_value=0, max_value=100000, places=2),
       count=st.integers(min_value=0, max_value=200), start=st.integers(min_value=1, max_value=12))
def test_line_by_quarter_adds_up_to_the_line(price, count, start):
    months = org365.months_charged(start)
    quarters = org365.line_by_quarter(price, count, start)
    assert sum(quarters) == org365.line_amount(price, count, months)
    assert all(q >= 0 for q in quarters)
    # nothing is charged in a quarter that ends before the first month
    for q, amount in enumerate(quarters, start=1):
        if q * 3 < start:
            assert amount == 0


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(list(Role)), st.sampled_from(list(License))),
                     min_size=1, max_size=12),
       start=st.integers(min_value=1, max_value=12))
def test_total_and_quarters_add_up(rows, start):
    answer = api.run("org365", {"year": 2025, "start_month": start,
                         "holders": [{"role": r.value, "license": lic.value} for r, lic in rows]})
    result = answer["result"]
    lines = [Decimal(line["amount"]) for line in result["lines"].values()]
    assert Decimal(result["total"]) == sum(lines)
    assert sum(Decimal(v) for v in result["by_quarter"].values()) == Decimal(result["total"])
    assert sum(line["count"] for line in result["lines"].values()) == len(rows)


def test_total_quarters_and_month_in_exact_figures():
    # From April (9 months): E1 3 × 3 600 × 9/12 = 8 100; F3 2 × 1 100 × 9/12 = 1 650;
    # E3 5 000 × 9/12 = 3 750; total 13 500, 1 500 a month; Q2–Q4 three months each:
    # 2 700 + 550 + 1 250 = 4 500.
    holders = [LEADER_E1, BOARD_E1, BOARD_E1, {"role": "tillitsvalgt", "license": "F3"},
               {"role": "tillitsvalgt", "license": "F3"}, {"role": "tillitsvalgt", "license": "E3"}]
    result = api.run("org365", {"year": 2025, "start_month": 4, "holders": holders})["result"]
    assert {k: (v["count"], v["amount"]) for k, v in result["lines"].items()} == {
        "E1": (3, "8100.00"), "F3": (2, "1650.00"), "E3": (1, "3750.00")}
    assert (result["months"], result["total"], result["monthly"]) == (9, "13500.00", "1500.00")
    assert result["by_quarter"] == {"Q1": "0.00", "Q2": "4500.00", "Q3": "4500.00", "Q4": "4500.00"}
    assert result["lines"]["E1"]["by_quarter"] == {"Q1": "0.00", "Q2": "2700.00", "Q3": "2700.00", "Q4": "2700.00"}


def test_an_uneven_line_rounds_its_cumulative_amounts_once():
    # F3 from February (11 months): 1 100 × 11/12 = 1 008,333 → 1 008,33. Cumulative through
    # March 2/12 → 183,33; June 5/12 → 458,33; September 8/12 → 733,33; quarters are the
    # differences: 183,33, 275,00, 275,00, 275,00. The leader's E1: 3 600 × 11/12 = 3 300.
    result = api.run("org365", {"year": 2025, "start_month": 2, "holders": [
        LEADER_E1, {"role": "styremedlem", "license": "F3"}]})["result"]
    assert result["lines"]["F3"]["amount"] == "1008.33"
    assert result["lines"]["F3"]["by_quarter"] == {"Q1": "183.33", "Q2": "275.00", "Q3": "275.00", "Q4": "275.00"}
    assert result["total"] == "4308.33"  # 3 300 + 1 008,33
    assert result["monthly"] == "391.67"  # 4 308,33 / 11 = 391,666 → 391,67


def test_default_start_month_comes_from_rates():
    later = rates_with_param_values("org365.default_start_month", "[{ from = 2025-01-01, value = 7 }]")
    answer = api.run("org365", {"year": 2025, "holders": [LEADER_E1]}, rates=later)
    assert answer["result"]["start_month"] == 7
    assert answer["result"]["months"] == 6
    assert answer["result"]["total"] == "1800.00"


def test_changing_a_price_in_rates_changes_the_result():
    dearer = rates_with_param_values("org365.price.E1", '[{ from = 2025-01-01, value = "4000" }]')
    assert api.run("org365", {"year": 2025, "holders": [LEADER_E1]}, rates=dearer)["result"]["total"] == "4000.00"
    assert run([LEADER_E1])["result"]["total"] == "3600.00"


def test_a_dated_price_change_applies_from_its_year():
    dated = rates_with_param_values(
        "org365.price.E1",
        '[{ from = 2025-01-01, to = 2025-12-31, value = "3600" }, { from = 2026-01-01, value = "3900" }]')
    holders = [LEADER_E1]
    assert api.run("org365", {"year": 2025, "holders": holders}, rates=dated)["result"]["total"] == "3600.00"
    assert api.run("org365", {"year": 2026, "holders": holders}, rates=dated)["result"]["total"] == "3900.00"


def test_year_before_the_prices_is_an_input_error():
    answer = run([LEADER_E1], year=2024)
    assert error_fields(answer) == ["year"]
    assert "2025" in answer["errors"][0]["message"]
    assert "«Budsjettår»" in answer["errors"][0]["message"]


# -- findings ----------------------------------------------------------------------------

def test_leader_must_exist():
    assert [f.code for f in org365.leader_must_exist((h("styremedlem", "E1"),))] == ["leader-missing"]
    assert org365.leader_must_exist((h("leder", "E1"),)) == []
    assert finding(run([BOARD_E1]), "leader-missing")["level"] == "error"


def test_leader_must_have_e1():
    found = org365.leader_must_have_e1((h("leder", "F3"),))
    assert [(f.code, f.level) for f in found] == [("leader-not-e1", "error")]
    assert found[0].message == ("Rad 1: lederen har lisens for enkel bruk (F3). Rundskrivet sier at "
                                "fagforeningslederen alltid skal ha en ORG365-lisens for normal bruk (E1).")
    assert [q.words for q in found[0].quotes] == [
        "Fagforeningsleder skal alltid ha en ORG365-lisens for normal bruk (E1)."]
    assert org365.leader_must_have_e1((h("leder", "E1"),)) == []


def test_two_leaders_without_e1_are_named_in_the_plural():
    found = org365.leader_must_have_e1((h("leder", "F3"), h("leder", "F3")))
    assert found[0].message.startswith("Radene 1 og 2: lederne har lisens for enkel bruk (F3).")


def test_leader_with_e3_is_accepted_with_an_info_that_is_a_reading():
    found = org365.leader_must_have_e1((h("leder", "E3"),))
    assert [(f.code, f.level) for f in found] == [("leader-e3", "info")]
    assert found[0].message == ("Rad 1: lederen har lisens for avansert bruk (E3). Kalkulatoren godtar det i "
                                "stedet for lisens for normal bruk (E1).")
    assert found[0].reading is not None
    assert found[0].reading.quote.words == "Lisensen gir alle nødvendige tilganger for den tillitsvalgte."
    # E3 is ordered from ffhjelp: e3-contact says so for the same row, this one does not repeat it.
    assert "ffhjelp" not in found[0].message


def test_single_leader():
    found = org365.single_leader((h("leder", "E1"), h("styremedlem", "E1"), h("leder", "E1")))
    assert [(f.code, f.level) for f in found] == [("leader-multiple", "warning")]
    assert found[0].message == (
        "Radene 1 og 3 har begge rollen «Leder av fagforeningen». Kalkulatoren regner med én leder. "
        "Sjekk om en av dem skal ha rollen «Styremedlem» eller «Annen tillitsvalgt».")
    three = org365.single_leader((h("leder", "E1"), h("leder", "E1"), h("leder", "E1")))
    assert three[0].message.startswith("Radene 1, 2 og 3 har alle rollen «Leder av fagforeningen».")
    assert "Sjekk om noen av dem" in three[0].message


def test_second_e1_recommended():
    found = org365.second_e1_recommended((h("leder", "E1"), h("styremedlem", "F3")), RATES.at(2025))
    assert [(f.code, f.level) for f in found] == [("second-e1-recommended", "warning")]
    assert org365.second_e1_recommended((h("leder", "E1"), h("styremedlem", "E3")), RATES.at(2025)) == []


def test_second_e1_recommended_writes_the_count_in_words():
    only_leader = org365.second_e1_recommended((h("leder", "E1"),), RATES.at(2025))[0].message
    assert only_leader.startswith("Bare én i fagforeningsstyret har lisens for normal bruk (E1) eller avansert "
                                  "bruk (E3).")
    nobody = org365.second_e1_recommended((h("leder", "F3"),), RATES.at(2025))[0].message
    assert nobody.startswith("Ingen i fagforeningsstyret")
    # «en til» is the leader and one more: the message does not add «i tillegg til lederen».
    assert "i tillegg til" not in only_leader


def test_price_unconfirmed_says_the_circular_gives_no_year():
    answer = api.run("org365", {"year": 2027, "holders": [LEADER_E1, BOARD_E1]})
    f = finding(answer, "price-unconfirmed")
    assert f["message"] == ("Rundskrivet oppgir prisene uten årstall. Kalkulatoren bruker dem også for 2027, men "
                            "prisene kan bli andre. Skriv inn egne priser hvis du kjenner dem.")
    assert f["reading"]["topic"] == "Priser for senere år"
    assert "for 2025" not in f["message"] and "dere" not in f["message"]


def test_every_reading_the_findings_rest_on_is_declared():
    declared = set(org365.READINGS)
    used = {f.reading for f in org365.findings(*_inputs_and_result(), RATES.at(2027)) if f.reading}
    assert used and used <= declared


def _inputs_and_result():
    holders = (h("leder", "E3"), h("leder", "F3"), h("tillitsvalgt", "F3", True),
               Holder(Role.TILLITSVALGT, License.F3, False, True))
    inputs = org365.Inputs(year=2027, start_month=1, holders=holders)
    return inputs, org365.calculate(inputs, RATES.at(2027))


def test_second_e1_threshold_comes_from_rates():
    three = rates_with_param_values("org365.recommended_full_holders", "[{ from = 2025-01-01, value = 3 }]")
    answer = api.run("org365", {"year": 2025, "holders": [LEADER_E1, BOARD_E1]}, rates=three)
    assert "second-e1-recommended" in codes(answer)
    assert finding(answer, "second-e1-recommended")["message"] == (
        "Bare to i fagforeningsstyret har lisens for normal bruk (E1) eller avansert bruk (E3). Rundskrivet anbefaler at minimum to til i fagforeningsstyret har lisens for normal bruk (E1), "
        "slik at flere får tilgang til fagforeningens felles e-postadresse.")
    assert "second-e1-recommended" not in codes(run([LEADER_E1, BOARD_E1]))


def test_needs_beyond_f3_names_the_rows():
    holders = (h("leder", "E1", True), h("styremedlem", "E1", True), h("tillitsvalgt", "F3", True),
               h("tillitsvalgt", "F3", False), h("styremedlem", "F3", True))
    found = org365.needs_beyond_f3(holders)
    assert [(f.code, f.level) for f in found] == [("shared-mailbox-needs-e1", "error")]
    rule = ("skal ha tilgang til fagforeningens felles e-postadresse, men har lisens for enkel bruk (F3). "
            "Rundskrivet sier at tilgang til e-post og dokumenter i en felles innboks krever lisens for normal "
            "bruk (E1) eller avansert bruk (E3).")
    assert found[0].message == f"Radene 3 og 5 {rule}"
    one = org365.needs_beyond_f3((h("leder", "E1"), h("tillitsvalgt", "F3", True)))
    assert one[0].message == f"Rad 2 {rule}"
    assert org365.needs_beyond_f3((h("tillitsvalgt", "E3", True),)) == []


def test_e3_contact():
    found = org365.e3_contact((h("leder", "E1"), h("styremedlem", "E3")), RATES.at(2025))
    assert [(f.code, f.level) for f in found] == [("e3-contact", "info")]
    assert found[0].message == ("Rad 2 har lisens for avansert bruk (E3). Lisensen stiller krav til hvilken PC den "
                                "tillitsvalgte bruker, og fagforeningen må kontakte Fagforbundet sentralt på "
                                "ffhjelp@fagforbundet.no for å få den.")
    assert org365.e3_contact((h("leder", "E1"),), RATES.at(2025)) == []


def test_a_clean_table_has_no_findings():
    assert run([LEADER_E1 | {"needs_shared_mailbox": True}, BOARD_E1])["findings"] == []


# -- input -------------------------------------------------------------------------------

def test_every_field_error_at_once_with_row_paths():
    answer = api.run("org365", {"year": "x", "start_month": 0,
                         "holders": [{"role": "leder"}, {"role": "sjef", "license": "E9"}],
                         "prices": {"F3": "-1"}})
    assert error_fields(answer) == ["year", "start_month", "holders[0].license", "holders[1].role",
                                    "holders[1].license", "prices.F3"]
    messages = {e["field"]: e["message"] for e in answer["errors"]}
    assert messages["holders[1].role"] == (
        "«Rolle (rad 2)» må være en av: Leder av fagforeningen, Styremedlem, Annen tillitsvalgt.")
    assert messages["prices.F3"] == "«Pris per år for F3 – enkel bruk (kr)» kan ikke være negativ."


def test_holders_echo():
    result = run([LEADER_E1 | {"needs_shared_mailbox": "ja"}])["result"]
    assert result["holders"] == [{"role": "leder", "license": "E1", "needs_shared_mailbox": True,
                                  "needs_shared_area": False}]


def test_the_form_addresses_the_reader_as_du_and_quotes_the_prices():
    from macros.forms import calculator

    form = visible_text(str(calculator("org365")))
    assert "dere" not in form.split()
    assert "Skriv en annen pris per bruker per år hvis du kjenner den." in form
    assert "Tomt felt betyr rundskrivets pris: «Ca 3600 kr per bruker i året»." in form
    assert ("Én rad per person som skal ha lisens. Rundskrivet: «Fagforeningsleder skal alltid ha en ORG365-lisens "
            "for normal bruk (E1).»") in form
    assert ("Tomt felt betyr fra januar. Det er kalkulatorens lesning; rundskrivet sier: «Det er derfor ikke mulig "
            "å si fra hvilken dato kostnadene oppstår».") in form


def test_the_advice_on_a_second_e1_shows_the_passage_that_counts_e3_with_e1():
    # The advice says «normal bruk (E1) eller avansert bruk (E3)»: the circular's recommendation
    # names only E1, the passage on the shared inbox gives E3 the same access. Both stand under it
    # (in the collapsed «Kalkulatorens lesning og kilden», so not in the case table's visible text).
    from calculators import api
    answer = api.run("org365", {"year": 2025, "holders": [{"role": "leder", "license": "E1"}]})
    (advice,) = [f for f in answer["findings"] if f["code"] == "second-e1-recommended"]
    assert [q["words"] for q in advice["quotes"]] == [
        "Det anbefales at minimum en til i fagforeningsstyret har en lisens for normal bruk (E1) slik at flere "
        "får tilgang til fagforeningens felles e-postadresse.",
        "For å få tilgang til e-post og dokumenter som ligger i en felles innboks må man ha en bruker med lisens "
        "for normal bruk (E1) eller avansert bruk (E3).",
    ]


def test_the_reading_on_later_prices_names_the_calculator_as_the_one_that_warns():
    from calculators.rules import org365
    assert org365.R_LATER_PRICES.text == (
        "Kalkulatoren bruker rundskrivets priser for hvert budsjettår. For år etter det første året rundskrivet "
        "anbefaler en budsjettpost for, sier kalkulatoren fra at prisene kan bli andre.")
