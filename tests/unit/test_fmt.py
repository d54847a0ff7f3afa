"""Norwegian presentation of numbers and money (`calculators.machinery.fmt`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.machinery import fmt


@pytest.mark.parametrize("raw, rounded", [
    ("641.665", "641.67"), ("641.664999", "641.66"), ("0.005", "0.01"), ("-0.005", "-0.01"),
    ("1.125", "1.13"), ("2.675", "2.68"), ("3600", "3600.00"),
])
def test_round_ore_is_half_up(raw, rounded):
    assert fmt.round_ore(Decimal(raw)) == Decimal(rounded)


def test_money_str_has_two_decimals_dot_and_no_negative_zero():
    assert fmt.money_str(Decimal("3600")) == "3600.00"
    assert fmt.money_str(Decimal("641.666")) == "641.67"
    assert fmt.money_str(Decimal("-0.001")) == "0.00"
    assert fmt.money_str(Decimal("1234567.5")) == "1234567.50"


# Written with ordinary spaces for reading; every one of them is a no-break space (U+00A0)
# in what fmt writes, so that no figure breaks across lines.
@pytest.mark.parametrize("value, text", [
    ("3600", "3 600 kr"), ("641.67", "641,67 kr"), ("1100.00", "1 100 kr"), ("0", "0 kr"),
    ("1000000", "1 000 000 kr"), ("-1500.5", "-1 500,50 kr"), ("999.999", "1 000 kr"),
])
def test_kr(value, text):
    assert fmt.kr(Decimal(value)) == text.replace(" ", "\u00a0")


def test_number_and_percent():
    assert fmt.number(Decimal("1200")) == "1\u00a0200"
    assert fmt.number(Decimal("641.666"), 2) == "641,67"
    assert fmt.number(Decimal("3600.00")) == "3\u00a0600"
    assert fmt.number(Decimal("1234567")) == "1\u00a0234\u00a0567"
    assert fmt.percent(Decimal("87.50")) == "87,5\u00a0%"
    assert fmt.percent(Decimal("95.00")) == "95\u00a0%"
    assert fmt.percent(Decimal("64.8148")) == "64,81\u00a0%"


def test_and_list():
    assert fmt.and_list([]) == ""
    assert fmt.and_list(["a"]) == "a"
    assert fmt.and_list(["a", "b"]) == "a og b"
    assert fmt.and_list(["1", "2", "3"]) == "1, 2 og 3"


def test_months_and_dates():
    assert fmt.month_name(1) == "januar" and fmt.month_name(12) == "desember"
    assert fmt.date_no(date(2025, 4, 1)) == "1. april 2025"


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False))
def test_money_str_always_two_decimals(value):
    text = fmt.money_str(value)
    whole, _, frac = text.partition(".")
    assert len(frac) == 2 and whole.lstrip("-").isdigit()
    assert Decimal(text) == fmt.round_ore(value)
