"""Rules read the rates in force at a year (`rates.RatesAt`), never the latest stated value.

A value stated from a future date must not change any answer for an earlier year: with a
new value from FUTURE-01-01 for every rate a calculator reads, every case of the case
table answers exactly as before. A calculator that asks a year (fo_holidays) does read the
new value when asked for that year.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calculators import api
from calculators.machinery import periods, rates
from tests.conftest import load_cases
from tests.unit.helpers import param_block, rates_text

# Later than every year in the case table and than the year a calculator asking none reads
# its rates at, so that the new values are in force in no year the cases use.
FUTURE = max(2031, periods.default_year() + 1)

# The rates each FO extra reads (through `RatesAt`).
READS = {
    "fo_holidays": ("fo.holiday_weeks", "fo.holiday_weeks_senior", "fo.holiday_deduction_weeks",
                    "fo.holiday_deduction_weeks_senior", "fo.senior_age", "fo.k_days",
                    # the years the regulation covers: from its date, one landsmøteperiode
                    "fo.regulation_effective", "fo.term_years"),
    "fo_bicycle": ("fo.bicycle.rate",),
    "fo_training": ("fo.training.cap", "fo.training.cap_two_year", "fo.training.short_term_years",
                    "fo.term_years"),
    "fo_severance": ("fo.severance.max_months", "fo.severance.min_consecutive_terms"),
    "fo_glasses": ("fo.glasses.frame_cap",),
    "fo_loan": ("fo.loan.min_fte_percent", "fo.loan.months_of_pay", "fo.loan.repay_months"),
}
FO_EXTRA_CASES = [c for c in load_cases() if c["calculator"] in READS]


def changed_value(value: object) -> str:
    """A different value of the same type, as TOML (ints bare, amounts as strings)."""
    if isinstance(value, bool):
        return "false" if value else "true"
    if isinstance(value, int):
        return str(value + 1)
    if isinstance(value, Decimal):
        return f'"{value + 1}"'
    if isinstance(value, date):
        return value.replace(year=value.year + 1).isoformat()
    raise TypeError(f"no changed value for {value!r}")


def rates_with_future_values(param_ids: tuple[str, ...] | list[str], year: int) -> rates.Rates:
    """The shipped rates with one more, different value from 1 January `year` for each of
    `param_ids` (the last value of each keeps no end date)."""
    text = rates_text()
    shipped = rates.load()
    for param_id in param_ids:
        block = param_block(param_id)
        line = next(ln for ln in block.splitlines() if ln.startswith("values = ["))
        assert line.endswith("]"), f"{param_id}: values on one line expected"
        extra = f"{{ from = {year}-01-01, value = {changed_value(shipped.param(param_id).latest)} }}"
        new_block = block.replace(line, f"{line[:-1]}, {extra}]")
        assert text.count(block) == 1
        text = text.replace(block, new_block)
    changed = rates.parse(text)
    for param_id in param_ids:
        assert changed.param(param_id).in_force(year)[0] != shipped.param(param_id).in_force(year)[0]
    return changed


ALL_READ = sorted({p for ids in READS.values() for p in ids})
FUTURE_RATES = rates_with_future_values(ALL_READ, FUTURE)


def test_the_listed_rates_are_all_that_the_cases_read(monkeypatch):
    read: dict[str, set[str]] = {name: set() for name in READS}
    current: list[str] = []
    in_force = rates.Param.in_force

    def recording(self, year):
        read[current[0]].add(self.id)
        return in_force(self, year)

    monkeypatch.setattr(rates.Param, "in_force", recording)
    for case in FO_EXTRA_CASES:
        current[:] = [case["calculator"]]
        api.run(case["calculator"], case["inputs"])
    for name, ids in READS.items():
        assert read[name] <= set(ids), (name, read[name] - set(ids))
        assert read[name], name


@pytest.mark.parametrize("case", FO_EXTRA_CASES, ids=lambda c: f'{c["file"]}:{c["name"]}')
def test_a_future_value_changes_no_answer_for_an_earlier_year(case):
    assert api.run(case["calculator"], case["inputs"], rates=FUTURE_RATES) == \
        api.run(case["calculator"], case["inputs"])


def test_a_year_asked_for_reads_the_values_in_force_that_year():
    inputs = {"birth_year": 1970, "year": FUTURE}
    before = api.run("fo_holidays", inputs)
    after = api.run("fo_holidays", inputs, rates=FUTURE_RATES)
    assert before["ok"] and after["ok"]
    assert after != before
    # born 1970: at least 61 in FUTURE, so senior also with the senior age one year higher
    age = FUTURE - 1970
    assert before["result"] == {"year": FUTURE, "age": age, "holiday_weeks": 6, "deduction_weeks": 6, "k_days": 15,
                                "easter_christmas_off": True}
    assert after["result"] == {"year": FUTURE, "age": age, "holiday_weeks": 7, "deduction_weeks": 7, "k_days": 16,
                               "easter_christmas_off": True}
    # the year before FUTURE still has the shipped values
    earlier = {"birth_year": 1970, "year": FUTURE - 1}
    assert api.run("fo_holidays", earlier, rates=FUTURE_RATES) == api.run("fo_holidays", earlier)


def test_a_rate_group_reads_each_rate_in_force_in_its_year():
    shipped = rates.load().at(FUTURE).group("fo")
    changed = FUTURE_RATES.at(FUTURE).group("fo")
    before = FUTURE_RATES.at(FUTURE - 1).group("fo")
    # whole numbers stay int, amounts are exact Decimals; a dotted level is a group of its own
    assert (shipped.senior_age, changed.senior_age, before.senior_age) == (60, 61, 60)
    assert type(shipped.senior_age) is int
    assert (shipped.glasses.frame_cap, changed.glasses.frame_cap) == (Decimal("2000"), Decimal("2001"))
    assert type(changed.glasses.frame_cap) is Decimal
    assert changed.loan.months_of_pay == 2 and before.loan.months_of_pay == 1


def test_a_rate_group_names_a_rate_that_does_not_exist():
    with pytest.raises(AttributeError, match="fo.loan.interest"):
        rates.load().at(2026).group("fo.loan").interest
