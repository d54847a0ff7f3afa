"""Months and quarters of a budget year, shared by the licence calculators.

Calendar facts only (twelve months, four quarters of three months); no rule figures.
"""

from __future__ import annotations

from datetime import date
from collections.abc import Sequence
from decimal import Decimal

from .fmt import money_str

MONTHS_PER_YEAR = 12
MONTHS_PER_QUARTER = 3
QUARTERS = ("Q1", "Q2", "Q3", "Q4")


def quarter_of(month: int) -> int:
    """1 for January–March … 4 for October–December."""
    return (month - 1) // MONTHS_PER_QUARTER + 1


def last_month_of(quarter: int) -> int:
    return quarter * MONTHS_PER_QUARTER


def months_from(start_month: int) -> int:
    """Months charged in a year when charging starts in `start_month` (1 → 12, 12 → 1)."""
    return MONTHS_PER_YEAR - start_month + 1


def months_through(start_month: int, last_month: int) -> int:
    """Months charged from `start_month` up to and including `last_month` (0 if none)."""
    return max(0, last_month - start_month + 1)


def sum_by_quarter(by_month: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """Twelve monthly amounts → four quarterly sums."""
    return tuple(
        sum(by_month[(q - 1) * MONTHS_PER_QUARTER:q * MONTHS_PER_QUARTER], Decimal(0))
        for q in range(1, len(QUARTERS) + 1)
    )


def add_quarters(*parts: Sequence[Decimal]) -> tuple[Decimal, ...]:
    return tuple(sum(values, Decimal(0)) for values in zip(*parts, strict=True))


def quarter_dict(values: Sequence[Decimal]) -> dict[str, str]:
    """`(a, b, c, d)` → `{"Q1": "a", …}` as money strings."""
    return {q: money_str(v) for q, v in zip(QUARTERS, values, strict=True)}


def default_year(today: date | None = None) -> int:
    """The year a form starts with and the year a calculator that asks for none reads its
    rates at: the next calendar year (the budget the annual meeting approves in January)."""
    return (today or date.today()).year + 1
