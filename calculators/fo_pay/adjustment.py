"""FO pay check: the yearly pay adjustment and its back pay."""

from __future__ import annotations

from decimal import Decimal

from .. import fmt
from ..periods import MONTHS_PER_YEAR
from ..rates import RatesAt
from ..result import Finding, Level
from .model import Adjustment, AdjustedPosition, Inputs, Position, Result, build_positions, paid_of
from .names import HUNDRED
from .principles import check_principles

def new_level_of(p: Position, old_lo: Decimal, new_lo: Decimal) -> Decimal:
    """The level after the adjustment, same share of the LO leader's salary, rounded once:
    new LO × percentage / 100, or level × new LO / old LO for a level given in kroner."""
    if p.percent_given is not None:
        return fmt.round_ore(new_lo * p.percent_given / HUNDRED)
    return fmt.round_ore(p.level * new_lo / old_lo)


def adjust_pay(ps: tuple[Position, ...], old_lo: Decimal, new_lo: Decimal, month: int,
               rates: RatesAt) -> Adjustment:
    months_back = month - rates.integer("fo.adjustment_from_month")
    rows = []
    for p in ps:
        new_level = new_level_of(p, old_lo, new_lo)
        new_paid = paid_of(new_level, p.fte_percent)
        diff = new_paid - p.paid
        rows.append(AdjustedPosition(
            id=p.id, name=p.name, new_level=new_level, new_paid=new_paid,
            monthly_difference=fmt.round_ore(diff / MONTHS_PER_YEAR),
            back_pay=fmt.round_ore(diff * months_back / MONTHS_PER_YEAR),
        ))
    return Adjustment(new_lo_leader_salary=new_lo, month=month, months_back=months_back,
                      positions=tuple(rows),
                      total_back_pay=sum((r.back_pay for r in rows), Decimal("0.00")))


def adjustment_from_january(adj: Adjustment, rates: RatesAt) -> list[Finding]:
    start = rates.integer("fo.adjustment_from_month")
    if adj.months_back <= 0:
        span = "ingen måneder å etterbetale"
    else:
        span = (f"etterbetaling for {adj.months_back} måned{'er' if adj.months_back > 1 else ''} "
                f"({fmt.month_name(start)}–{fmt.month_name(adj.month - 1)})")
    return [Finding(
        "adjustment-from-january", Level.INFO,
        "Den årlige lønnsreguleringen skjer etter at LO-leders lønn er vedtatt, med virkning fra "
        f"1. {fmt.month_name(start)} samme år. Ny lønn utbetales fra {fmt.month_name(adj.month)}: "
        f"{span}. Reglementet sier at lønnen reguleres forholdsmessig etter LO-leders lønn "
        "(«Lønnsvilkår»); kalkulatoren leser det slik at hvert lønnsnivå beholder sin prosent av "
        "LO-leders lønn, og at etterbetalingen regnes fra virkningsdatoen.")]


def calculate(inputs: Inputs, rates: RatesAt) -> Result:
    ps = build_positions(inputs)
    adjustment = None
    if inputs.new_lo_leader_salary is not None and inputs.adjustment_month is not None:
        adjustment = adjust_pay(ps, inputs.lo_leader_salary, inputs.new_lo_leader_salary,
                                inputs.adjustment_month, rates)
    return Result(inputs.lo_leader_salary, ps, check_principles(ps, inputs.lo_leader_salary),
                  adjustment)


def findings(inputs: Inputs, result: Result, rates: RatesAt) -> list[Finding]:
    return adjustment_from_january(result.adjustment, rates) if result.adjustment else []
