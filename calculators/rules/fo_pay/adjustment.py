"""FO pay check: the yearly pay adjustment and its back pay."""

from __future__ import annotations

from decimal import Decimal

from ...machinery import fmt
from ...machinery.evidence import Reading, regulation
from ...machinery.periods import MONTHS_PER_YEAR
from ...machinery.rates import RatesAt
from ...machinery.result import Finding, Level
from .model import Adjustment, AdjustedPosition, Inputs, Position, Result, build_positions, paid_of
from .names import HUNDRED, Q_SET_RELATIVE, Role
from .principles import R_SAME_PERSON, check_principles

Q_ADJUSTMENT = regulation(
    "prinsipper-for-avlonning-9",
    "Den årlige lønnsreguleringen skjer etter at LO-leders lønn er vedtatt. Dette skjer på sekretariatsmøte før "
    "sommeren og er på bakgrunn av fjorårets resultat i forhandlingene med virkning fra 1.1. samme år.")

R_KEEPS_PERCENT = Reading(
    "Nye lønnsnivåer etter reguleringen",
    "Når LO-leders lønn endres, beholder hvert lønnsnivå sin prosent av LO-leders lønn. Reglementet sier at "
    "lønnen fastsettes forholdsmessig etter LO-leders lønn, men ikke hvordan den endres når LO-leders lønn endres.",
    Q_SET_RELATIVE)
R_BACK_PAY = Reading(
    "Etterbetaling",
    "Reglementet nevner ikke etterbetaling. Fordi reguleringen får virkning fra starten av året og vedtas senere, "
    "regner lønnssjekken etterbetaling for månedene fra virkningsdatoen til den nye lønnen utbetales første gang: "
    "forskjellen i årslønn delt på tolv, ganget med antall måneder.",
    Q_ADJUSTMENT)

READINGS = (R_KEEPS_PERCENT, R_BACK_PAY)

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
        span = (f"etterbetaling for {fmt.words(adj.months_back)} måned{'er' if adj.months_back > 1 else ''} "
                f"({fmt.month_name(start)}–{fmt.month_name(adj.month - 1)})")
    return [
        Finding("adjustment-from-january", Level.INFO,
                "Den årlige lønnsreguleringen skjer etter at LO-leders lønn er vedtatt, med virkning fra "
                f"1. {fmt.month_name(start)} samme år. Den nye lønnen utbetales fra {fmt.month_name(adj.month)}: "
                f"{span}.", reading=R_BACK_PAY),
        Finding("adjustment-keeps-percent", Level.INFO,
                "Reglementet sier at de tillitsvalgte får lønnen fastsatt forholdsmessig etter LO-leders lønn. "
                f"Med LO-leders nye lønn, {fmt.kr(adj.new_lo_leader_salary)}, beholder hvert lønnsnivå sin "
                "prosent av LO-leders lønn.", reading=R_KEEPS_PERCENT),
    ]


# How the rows name a role in the same-person finding.
_ROLE_WORDS = {Role.LEDER: "leder", Role.NESTLEDER: "nestleder", Role.AU_MEDLEM: "AU-medlem",
               Role.SEKRETAER: "sekretær", Role.OVRIG: "øvrig tillitsvalgt"}


def _row(i: int, p: Position, unit_names: dict[str, str]) -> str:
    where = "forbundsledelsen" if p.unit.national else unit_names[p.unit.key]
    return f"rad {i + 1} ({_ROLE_WORDS[p.role]} i {where})"


def same_person(ps: tuple[Position, ...]) -> list[Finding]:
    """One finding per name that stands on more than one row, naming the rows."""
    rows: dict[str, list[int]] = {}
    unit_names: dict[str, str] = {}   # each unit named as first typed, as the principles name it
    for p in ps:
        unit_names.setdefault(p.unit.key, p.unit.name.strip())
    for i, p in enumerate(ps):
        if p.person is not None:
            rows.setdefault(p.person, []).append(i)
    out = []
    for indexes in rows.values():
        if len(indexes) < 2:
            continue
        first = ps[indexes[0]]
        where = fmt.and_list([_row(i, ps[i], unit_names) for i in indexes])
        out.append(Finding(
            "same-person", Level.WARNING,
            f"«{first.name.strip()}» står på {where}. Lønnssjekken regner radene som samme person og "
            "sammenligner ikke personen med seg selv i prinsippene. Er det to ulike personer, gi dem "
            "ulike navn.", reading=R_SAME_PERSON))
    return out


def calculate(inputs: Inputs, rates: RatesAt) -> Result:
    ps = build_positions(inputs)
    adjustment = None
    if inputs.new_lo_leader_salary is not None and inputs.adjustment_month is not None:
        adjustment = adjust_pay(ps, inputs.lo_leader_salary, inputs.new_lo_leader_salary,
                                inputs.adjustment_month, rates)
    return Result(inputs.lo_leader_salary, ps, check_principles(ps, inputs.lo_leader_salary),
                  adjustment)


def findings(inputs: Inputs, result: Result, rates: RatesAt) -> list[Finding]:
    out = same_person(result.positions)
    if result.adjustment:
        out += adjustment_from_january(result.adjustment, rates)
    return out
