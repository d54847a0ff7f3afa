"""FO pay check: inputs, positions and results, and the rules that set each level."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ...machinery import fmt
from ...machinery.encode import SKIP
from ...machinery.evidence import Quote, Reading
from .names import HUNDRED, NATIONAL_UNITS, TITLES, Role, Status

@dataclass(frozen=True)
class Unit:
    national: bool
    key: str   # folded, for grouping (`oslo`)
    name: str  # as typed, for messages (`Oslo`); `forbund` for the national leadership


@dataclass(frozen=True)
class PositionInput:
    id: str
    name: str
    unit: Unit
    role: Role
    salary: Decimal | None          # annual at 100 %, or …
    percent_of_lo: Decimal | None   # … a percentage of the LO leader's salary
    fte_percent: Decimal
    own_salary: Decimal | None
    person: str | None = None       # `names.person_of(name)`: None when no name was typed


@dataclass(frozen=True)
class Inputs:
    lo_leader_salary: Decimal
    positions: tuple[PositionInput, ...]
    new_lo_leader_salary: Decimal | None = None
    adjustment_month: int | None = None


@dataclass(frozen=True)
class Position:
    id: str
    name: str
    unit: Unit = field(metadata={"encode": "attr", "attr": "name"})
    role: Role = Role.LEDER
    share: Decimal = field(default=Decimal(0), metadata=SKIP)  # level / LO leader's salary, exact
    level: Decimal = Decimal(0)          # annual at 100 %, rounded to øre
    percent_of_lo: Decimal = Decimal(0)  # share × 100, rounded to hundredths
    fte_percent: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)           # level × fte / 100, rounded to øre
    own_salary: Decimal | None = field(default=None, metadata=SKIP)
    percent_given: Decimal | None = field(default=None, metadata=SKIP)  # the percentage typed, if so
    person: str | None = field(default=None, metadata=SKIP)  # `names.person_of(name)`; None: no name

    def same_person(self, other: Position) -> bool:
        """Two rows of one person (the same name): never compared with each other."""
        return self.id == other.id or (self.person is not None and self.person == other.person)


@dataclass(frozen=True)
class Principle:
    rule: int
    status: Status
    message: str
    officials: tuple[str, ...]
    quotes: tuple[Quote, ...] = ()     # the principle's words in the regulation
    reading: Reading | None = None     # the calculator's reading the check rests on
    title: str = field(init=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", TITLES[self.rule])


@dataclass(frozen=True)
class AdjustedPosition:
    id: str
    name: str
    new_level: Decimal
    new_paid: Decimal
    monthly_difference: Decimal
    back_pay: Decimal



@dataclass(frozen=True)
class Adjustment:
    new_lo_leader_salary: Decimal
    month: int
    months_back: int
    positions: tuple[AdjustedPosition, ...]
    total_back_pay: Decimal



@dataclass(frozen=True)
class Result:
    lo_leader_salary: Decimal
    positions: tuple[Position, ...]
    principles: tuple[Principle, ...]
    adjustment: Adjustment | None



# ---------------------------------------------------------------------------
# Rules: levels


def unit_of(text: str) -> Unit:
    """`forbund` (any case) is the national leadership; any other text a department,
    grouped case-insensitively, ignoring «FO» and «avdeling(en)» (`Oslo-avdelingen` = `Oslo`)."""
    folded = " ".join(text.casefold().replace("-", " ").split())
    if folded in NATIONAL_UNITS:
        return Unit(national=True, key=folded, name="forbund")
    words = [w for w in folded.split(" ") if w not in {"fo", "avdeling", "avdelingen", "fos"}]
    return Unit(national=False, key=" ".join(words) or folded, name=text)


def level_of(p: PositionInput, lo_leader_salary: Decimal) -> tuple[Decimal, Decimal]:
    """(share of the LO leader's salary, level at 100 % rounded to øre)."""
    if p.percent_of_lo is not None:
        share = p.percent_of_lo / HUNDRED
        return share, fmt.round_ore(lo_leader_salary * p.percent_of_lo / HUNDRED)
    assert p.salary is not None
    return p.salary / lo_leader_salary, fmt.round_ore(p.salary)


def paid_of(level: Decimal, fte_percent: Decimal) -> Decimal:
    """Amount paid per year: level × position percentage, rounded once."""
    return fmt.round_ore(level * fte_percent / HUNDRED)


def build_positions(inputs: Inputs) -> tuple[Position, ...]:
    out = []
    for p in inputs.positions:
        share, level = level_of(p, inputs.lo_leader_salary)
        out.append(Position(id=p.id, name=p.name, unit=p.unit, role=p.role, share=share,
                            level=level, percent_of_lo=fmt.round_ore(share * HUNDRED), fte_percent=p.fte_percent,
                            paid=paid_of(level, p.fte_percent), own_salary=p.own_salary,
                            percent_given=p.percent_of_lo, person=p.person))
    return tuple(out)
