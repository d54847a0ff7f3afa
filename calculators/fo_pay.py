"""FO pay hierarchy check and yearly pay adjustment (`fo_pay`).

Source: «Reglement for lønnede tillitsvalgte i FO» (from 1.4.2025), «Lønnsvilkår»,
«Prinsipper for avlønning» 1–8 and the paragraph on the yearly pay adjustment.

Levels are compared at 100 %; the amount paid is level × position percentage (frikjøp).
«Higher» is strict (a tie fails); principle 8's span is inclusive. One function per
principle (`principle_1_relative_to_lo` … `principle_8_others_within_span`), each returning
pass / fail / n/a with a Norwegian explanation naming the officials and amounts:

1. Each level is set relative to the LO leader's salary: nothing in a table can break it,
   so it is reported with the status `info`, every level as a percentage of it.
2. Every national leader (unit `forbund`, role `leder`) is paid above every other official
   (national or department). Several national leaders are each compared with everybody
   who is not a national leader.
3. Every national deputy is paid above every national `au_medlem` (the «other AU members»;
   the leader is covered by principle 2).
4. The national `au_medlem` officials are paid equally (n/a with fewer than two).
5. Every leader of the Oslo department is paid above every other department leader.
6. In each department, every leader is paid above every non-leader there.
7. In each department, every deputy is paid above every secretary there.
8. Every `ovrig` official's level lies in [own ordinary salary, secretary's level]; with
   several secretaries the highest secretary level is the upper bound; with none only the
   lower bound is checked and the message says so.

Yearly adjustment (`adjust_pay`): every level keeps its share of the LO leader's salary
(the exact share: level × new / old, rounded once); back pay per official is
(new paid − old paid) / 12 × months since the adjustment took effect (rates
`fo.adjustment_from_month`, 1 January), rounded once; the total is the sum of the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from . import fmt
from .fields import Errors, Reader
from .periods import MONTHS_PER_YEAR
from .rates import Rates
from .rates import load as load_rates
from .result import Finding, Level, failure, success

HUNDRED = Decimal(100)


class Role(StrEnum):
    LEDER = "leder"
    NESTLEDER = "nestleder"
    AU_MEDLEM = "au_medlem"  # national only
    SEKRETAER = "sekretaer"
    OVRIG = "ovrig"  # department only


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NA = "n/a"
    INFO = "info"  # principle 1 only: nothing in a pay table can break it


# How the roles read in the form, the results and the messages.
ROLE_CHOICES = {
    Role.LEDER: "Leder",
    Role.NESTLEDER: "Nestleder",
    Role.AU_MEDLEM: "AU-medlem (bare forbundet)",
    Role.SEKRETAER: "Sekretær",
    Role.OVRIG: "Øvrig tillitsvalgt (bare avdeling)",
}

# How the roles read in error messages naming the valid choices.
ROLE_NAMES = {
    "leder": "leder",
    "nestleder": "nestleder",
    "au_medlem": "AU-medlem (bare forbundet)",
    "sekretaer": "sekretær",
    "ovrig": "øvrig tillitsvalgt (bare avdeling)",
}

# Spellings people type for the roles, mapped to the enum values.
ROLE_ALIASES = {
    "sekretær": "sekretaer",
    "avdelingssekretær": "sekretaer",
    "øvrig": "ovrig",
    "øvrige": "ovrig",
    "au-medlem": "au_medlem",
    "au medlem": "au_medlem",
    "aumedlem": "au_medlem",
}

# Unit texts that mean the national leadership (case-insensitive).
NATIONAL_UNITS = frozenset({"forbund", "forbundet", "forbundsledelsen"})
OSLO = "oslo"

# The labels the form shows, so that a message names the field the reader sees.
LABELS = {
    "lo_leader_salary": "LO-leders årslønn (kr)",
    "positions": "Lønnede tillitsvalgte",
    "id": "Id",
    "name": "Navn",
    "unit": "Enhet",
    "role": "Verv",
    "salary": "Lønnsnivå (kroner per år ved 100 %)",
    "percent_of_lo": "Lønnsnivå (prosent av LO-leders lønn)",
    "fte_percent": "Stillingsprosent (frikjøp)",
    "own_salary": "Egen ordinær lønn per år (kr)",
    "new_lo_leader_salary": "Ny årslønn for LO-leder (kr)",
    "adjustment_month": "Måned da ny lønn utbetales første gang (1–12)",
}

TITLES = {
    1: "Lønnen fastsettes forholdsmessig etter LO-leders lønn",
    2: "Forbundets leder skal avlønnes høyest i organisasjonen",
    3: "Forbundets nestleder skal lønnes høyere enn øvrige AU-medlemmer sentralt",
    4: "De øvrige vervene i AU sentralt lønnes likt",
    5: "Leder for Oslo-avdelingen skal avlønnes høyere enn FOs øvrige avdelingsledere",
    6: "Frikjøpte avdelingsledere skal avlønnes høyest blant de lønnede tillitsvalgte i avdelingen",
    7: "Frikjøpte nestledere i avdeling skal avlønnes høyere enn avdelingssekretærene",
    8: "Øvrige avdelingstillitsvalgte avlønnes i spennet mellom rent frikjøp og "
       "avdelingssekretærens lønnsnivå",
}


# ---------------------------------------------------------------------------
# Types


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
    unit: Unit
    role: Role
    share: Decimal   # level / LO leader's salary, exact (up to Decimal precision)
    level: Decimal   # annual at 100 %, rounded to øre
    fte_percent: Decimal
    paid: Decimal    # level × fte / 100, rounded to øre
    own_salary: Decimal | None
    percent_given: Decimal | None = None  # the percentage typed, when the level was given so

    @property
    def percent_of_lo(self) -> Decimal:
        return fmt.round_ore(self.share * HUNDRED)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "unit": self.unit.name,
            "role": self.role.value,
            "level": fmt.money_str(self.level),
            "percent_of_lo": fmt.money_str(self.percent_of_lo),
            "fte_percent": fmt.money_str(self.fte_percent),
            "paid": fmt.money_str(self.paid),
        }


@dataclass(frozen=True)
class Principle:
    rule: int
    status: Status
    message: str
    officials: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "status": self.status.value, "title": TITLES[self.rule],
                "message": self.message, "officials": list(self.officials)}


@dataclass(frozen=True)
class AdjustedPosition:
    id: str
    name: str
    new_level: Decimal
    new_paid: Decimal
    monthly_difference: Decimal
    back_pay: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "new_level": fmt.money_str(self.new_level),
            "new_paid": fmt.money_str(self.new_paid),
            "monthly_difference": fmt.money_str(self.monthly_difference),
            "back_pay": fmt.money_str(self.back_pay),
        }


@dataclass(frozen=True)
class Adjustment:
    new_lo_leader_salary: Decimal
    month: int
    months_back: int
    positions: tuple[AdjustedPosition, ...]
    total_back_pay: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "new_lo_leader_salary": fmt.money_str(self.new_lo_leader_salary),
            "month": self.month,
            "months_back": self.months_back,
            "positions": [p.as_dict() for p in self.positions],
            "total_back_pay": fmt.money_str(self.total_back_pay),
        }


@dataclass(frozen=True)
class Result:
    lo_leader_salary: Decimal
    positions: tuple[Position, ...]
    principles: tuple[Principle, ...]
    adjustment: Adjustment | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "lo_leader_salary": fmt.money_str(self.lo_leader_salary),
            "positions": [p.as_dict() for p in self.positions],
            "principles": [p.as_dict() for p in self.principles],
            "adjustment": self.adjustment.as_dict() if self.adjustment else None,
        }


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
                            level=level, fte_percent=p.fte_percent,
                            paid=paid_of(level, p.fte_percent), own_salary=p.own_salary,
                            percent_given=p.percent_of_lo))
    return tuple(out)


# ---------------------------------------------------------------------------
# Rules: the eight principles


def _who(p: Position) -> str:
    return f"{p.name} ({fmt.kr(p.level)})"


def _whos(ps: list[Position]) -> str:
    return fmt.capped_list([_who(p) for p in ps])


def _ids(*groups: list[Position]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for p in group:
            seen.setdefault(p.id, None)
    return tuple(seen)


def _national(ps: tuple[Position, ...], role: Role) -> list[Position]:
    return [p for p in ps if p.unit.national and p.role == role]


def _dept(group: list[Position]) -> str:
    """A department's name as first typed in the table."""
    return group[0].unit.name


def _departments(ps: tuple[Position, ...]) -> dict[str, list[Position]]:
    """Department officials grouped by department, in order of first appearance."""
    groups: dict[str, list[Position]] = {}
    for p in ps:
        if not p.unit.national:
            groups.setdefault(p.unit.key, []).append(p)
    return groups


@dataclass
class _Check:
    """Collects the sentences and officials of a principle checked in several parts."""
    passed: list[str]
    failed: list[str]
    ok_ids: list[Position]
    bad_ids: list[Position]

    @classmethod
    def new(cls) -> _Check:
        return cls([], [], [], [])

    def above(self, top: Position, others: list[Position], subject: str, fail_tail: str,
              pass_tail: str) -> None:
        """`top` must be paid strictly higher than each of `others`. `subject` names `top`
        with `{who}` where name and level go, e.g. `Forbundsleder {who}`."""
        who = subject.format(who=_who(top))
        offenders = [o for o in others if o.level >= top.level]
        if offenders:
            self.failed.append(f"{who} {fail_tail}, men {_whos(offenders)} har like høyt "
                               "eller høyere lønnsnivå.")
            self.bad_ids += [top, *offenders]
        else:
            highest = max(others, key=lambda o: o.level)
            self.passed.append(f"{who} {pass_tail}; nest høyest er {highest.name} med "
                               f"{fmt.kr(highest.level)}.")
            self.ok_ids += [top, *others]

    def principle(self, rule: int, na_message: str) -> Principle:
        if self.failed:
            return Principle(rule, Status.FAIL, " ".join(self.failed), _ids(self.bad_ids))
        if self.passed:
            return Principle(rule, Status.PASS, " ".join(self.passed), _ids(self.ok_ids))
        return Principle(rule, Status.NA, na_message, ())


def principle_1_relative_to_lo(ps: tuple[Position, ...], lo: Decimal) -> Principle:
    shares = fmt.capped_list([f"{p.name} {fmt.percent(p.percent_of_lo)} ({fmt.kr(p.level)})" for p in ps])
    return Principle(1, Status.INFO,
                     f"Lønnsnivåene i prosent av LO-leders lønn ({fmt.kr(lo)}): {shares}. "
                     "Tabellen kan ikke vise om lønnen er fastsatt forholdsmessig; det avgjør styret.",
                     _ids(list(ps)))


def principle_2_national_leader_highest(ps: tuple[Position, ...]) -> Principle:
    leaders = _national(ps, Role.LEDER)
    others = [p for p in ps if p not in leaders]
    check = _Check.new()
    for leader in leaders if others else []:
        check.above(leader, others, "Forbundets leder, {who},",
                    "skal avlønnes høyest i organisasjonen",
                    "har høyere lønnsnivå enn alle andre lønnede tillitsvalgte")
    if len(leaders) > 1 and others:
        note = ("Tabellen har flere forbundsledere; hver er sammenlignet med alle som ikke er "
                "forbundsleder.")
        (check.failed if check.failed else check.passed).append(note)
    na = ("Ingen leder i forbundsledelsen i tabellen." if not leaders
          else "Ingen andre lønnede tillitsvalgte å sammenligne forbundslederen med.")
    return check.principle(2, na)


def principle_3_national_deputy_above_au(ps: tuple[Position, ...]) -> Principle:
    deputies = _national(ps, Role.NESTLEDER)
    members = _national(ps, Role.AU_MEDLEM)
    check = _Check.new()
    for deputy in deputies if members else []:
        check.above(deputy, members, "Forbundets nestleder, {who},",
                    "skal lønnes høyere enn de øvrige AU-medlemmene sentralt",
                    "har høyere lønnsnivå enn alle øvrige AU-medlemmer sentralt")
    na = ("Ingen nestleder i forbundsledelsen i tabellen."
          if not deputies else
          "Ingen øvrige AU-medlemmer i forbundsledelsen å sammenligne nestlederen med.")
    return check.principle(3, na)


def principle_4_au_members_equal(ps: tuple[Position, ...]) -> Principle:
    members = _national(ps, Role.AU_MEDLEM)
    if len(members) < 2:
        return Principle(4, Status.NA,
                         "Færre enn to øvrige AU-medlemmer i forbundsledelsen i tabellen; "
                         "det er ingenting å sammenligne.", _ids(members))
    if len({p.level for p in members}) == 1:
        return Principle(4, Status.PASS,
                         f"De øvrige AU-medlemmene sentralt, {fmt.capped_list([p.name for p in members])}, "
                         f"lønnes likt ({fmt.kr(members[0].level)}).", _ids(members))
    return Principle(4, Status.FAIL,
                     "De øvrige AU-medlemmene sentralt skal lønnes likt, men har ulike lønnsnivåer: "
                     f"{_whos(members)}.", _ids(members))


def principle_5_oslo_leader_highest(ps: tuple[Position, ...]) -> Principle:
    leaders = [p for p in ps if not p.unit.national and p.role == Role.LEDER]
    oslo = [p for p in leaders if p.unit.key == OSLO]
    others = [p for p in leaders if p.unit.key != OSLO]
    check = _Check.new()
    for top in oslo if others else []:
        check.above(top, others, "Lederen for Oslo-avdelingen, {who},",
                    "skal avlønnes høyere enn FOs øvrige avdelingsledere",
                    "har høyere lønnsnivå enn alle øvrige avdelingsledere")
    na = ("Ingen leder for Oslo-avdelingen i tabellen." if not oslo
          else "Ingen andre avdelingsledere å sammenligne lederen for Oslo-avdelingen med.")
    return check.principle(5, na)


def principle_6_department_leader_highest(ps: tuple[Position, ...]) -> Principle:
    check = _Check.new()
    for group in _departments(ps).values():
        leaders = [p for p in group if p.role == Role.LEDER]
        others = [p for p in group if p.role != Role.LEDER]
        for leader in leaders if others else []:
            check.above(leader, others, f"Avdelingslederen i {_dept(group)}, {{who}},",
                        "skal avlønnes høyest blant de lønnede tillitsvalgte i avdelingen",
                        "har høyere lønnsnivå enn de andre lønnede tillitsvalgte i avdelingen")
    return check.principle(6, "Ingen avdeling i tabellen har både en leder og andre lønnede "
                              "tillitsvalgte; det er ingenting å sammenligne.")


def principle_7_department_deputy_above_secretaries(ps: tuple[Position, ...]) -> Principle:
    check = _Check.new()
    for group in _departments(ps).values():
        deputies = [p for p in group if p.role == Role.NESTLEDER]
        secretaries = [p for p in group if p.role == Role.SEKRETAER]
        for deputy in deputies if secretaries else []:
            check.above(deputy, secretaries, f"Nestlederen i {_dept(group)}, {{who}},",
                        "skal lønnes høyere enn avdelingssekretærene",
                        "har høyere lønnsnivå enn avdelingssekretærene")
    return check.principle(7, "Ingen avdeling i tabellen har både en nestleder og en "
                              "avdelingssekretær; det er ingenting å sammenligne.")


def principle_8_others_within_span(ps: tuple[Position, ...]) -> Principle:
    groups = _departments(ps)
    check = _Check.new()
    for p in ps:
        if p.role != Role.OVRIG or p.own_salary is None:
            continue
        dept = _dept(groups[p.unit.key])
        secretaries = [s for s in groups[p.unit.key] if s.role == Role.SEKRETAER]
        has = f"{p.name} i {dept} har lønnsnivå {fmt.kr(p.level)},"
        own = f"egen ordinær lønn ({fmt.kr(p.own_salary)})"
        if p.level < p.own_salary:
            check.failed.append(f"{has} lavere enn {own}.")
            check.bad_ids.append(p)
            continue
        if not secretaries:
            check.passed.append(
                f"{has} ikke lavere enn {own}. {dept} har ingen avdelingssekretær i tabellen, så "
                "bare den nedre grensen er kontrollert.")
            check.ok_ids.append(p)
            continue
        top = max(secretaries, key=lambda s: s.level)
        bound = f"avdelingssekretærens lønnsnivå ({top.name}, {fmt.kr(top.level)})"
        if len(secretaries) > 1:
            bound = (f"det høyeste lønnsnivået blant avdelingssekretærene ({top.name}, "
                     f"{fmt.kr(top.level)}; med flere sekretærer i avdelingen er det kalkulatorens "
                     "lesning av «avdelingssekretærens lønnsnivå»)")
        if p.level > top.level:
            check.failed.append(f"{has} høyere enn {bound}.")
            check.bad_ids += [p, top]
        else:
            check.passed.append(f"{has} innenfor spennet fra {own} til {bound}.")
            check.ok_ids += [p, top]
    return check.principle(8, f"Ingen med vervet «{ROLE_CHOICES[Role.OVRIG]}» i tabellen.")


PRINCIPLES: tuple[Callable[[tuple[Position, ...]], Principle], ...] = (
    principle_2_national_leader_highest,
    principle_3_national_deputy_above_au,
    principle_4_au_members_equal,
    principle_5_oslo_leader_highest,
    principle_6_department_leader_highest,
    principle_7_department_deputy_above_secretaries,
    principle_8_others_within_span,
)


def check_principles(ps: tuple[Position, ...], lo: Decimal) -> tuple[Principle, ...]:
    return (principle_1_relative_to_lo(ps, lo), *(rule(ps) for rule in PRINCIPLES))


# ---------------------------------------------------------------------------
# Rules: yearly adjustment


def new_level_of(p: Position, old_lo: Decimal, new_lo: Decimal) -> Decimal:
    """The level after the adjustment, same share of the LO leader's salary, rounded once:
    new LO × percentage / 100, or level × new LO / old LO for a level given in kroner."""
    if p.percent_given is not None:
        return fmt.round_ore(new_lo * p.percent_given / HUNDRED)
    return fmt.round_ore(p.level * new_lo / old_lo)


def adjust_pay(ps: tuple[Position, ...], old_lo: Decimal, new_lo: Decimal, month: int,
               rates: Rates) -> Adjustment:
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


def adjustment_from_january(adj: Adjustment, rates: Rates) -> list[Finding]:
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


def calculate(inputs: Inputs, rates: Rates) -> Result:
    ps = build_positions(inputs)
    adjustment = None
    if inputs.new_lo_leader_salary is not None and inputs.adjustment_month is not None:
        adjustment = adjust_pay(ps, inputs.lo_leader_salary, inputs.new_lo_leader_salary,
                                inputs.adjustment_month, rates)
    return Result(inputs.lo_leader_salary, ps, check_principles(ps, inputs.lo_leader_salary),
                  adjustment)


def findings(result: Result, rates: Rates) -> list[Finding]:
    return adjustment_from_january(result.adjustment, rates) if result.adjustment else []


# ---------------------------------------------------------------------------
# Input


def _with_role_alias(row: Reader) -> Reader:
    raw = row.data.get("role")
    if isinstance(raw, str):
        folded = " ".join(raw.strip().casefold().split())
        if folded in ROLE_ALIASES:
            return Reader({**row.data, "role": ROLE_ALIASES[folded]}, row.errors, row.prefix)
    return row


def read_position(row: Reader, i: int, rates: Rates) -> PositionInput | None:
    before = len(row.errors.items)
    n = f" (rad {i + 1})"
    row = _with_role_alias(row)
    ident = row.text("id", LABELS["id"] + n, required=False)
    name = row.text("name", LABELS["name"] + n, required=False)
    unit_text = row.text("unit", LABELS["unit"] + n)
    role = row.choice("role", LABELS["role"] + n, Role, names=ROLE_NAMES)
    unit = unit_of(unit_text) if unit_text else None

    if unit is not None and role is not None:
        label = f"«{LABELS['role']}{n}»"
        if role == Role.AU_MEDLEM and not unit.national:
            row.errors.add(row.path("role"), f"{label}: AU-medlem finnes bare i forbundsledelsen "
                                             "(enheten «forbund»), ikke i en avdeling.")
        if role == Role.OVRIG and unit.national:
            row.errors.add(row.path("role"), f"{label}: øvrig tillitsvalgt finnes bare i en avdeling, "
                                             "ikke i forbundsledelsen (enheten «forbund»).")

    has_salary, has_percent = row.present("salary"), row.present("percent_of_lo")
    salary = percent = None
    if has_salary and has_percent:
        row.fail("percent_of_lo", "Lønnsnivå" + n,
                 "kan oppgis i kroner per år eller i prosent av LO-leders lønn, ikke begge")
    elif not has_salary and not has_percent:
        row.fail("salary", "Lønnsnivå" + n,
                 "må fylles ut, i kroner per år ved 100 % eller i prosent av LO-leders lønn")
    elif has_salary:
        salary = row.decimal("salary", LABELS["salary"] + n, positive=True)
    else:
        percent = row.decimal("percent_of_lo", LABELS["percent_of_lo"] + n, positive=True)

    fte = row.decimal("fte_percent", LABELS["fte_percent"] + n, required=False, positive=True,
                      maximum=HUNDRED)
    if fte is None and not row.present("fte_percent"):
        fte = Decimal(str(rates.value("fo.default_fte_percent")))

    own = row.decimal("own_salary", LABELS["own_salary"] + n, positive=True,
                      required=role == Role.OVRIG)

    if len(row.errors.items) > before or unit is None or role is None or fte is None:
        return None
    return PositionInput(id=ident or str(i + 1), name=name or f"Rad {i + 1}", unit=unit, role=role,
                         salary=salary, percent_of_lo=percent, fte_percent=fte,
                         own_salary=own if role == Role.OVRIG else None)


def read_inputs(r: Reader, rates: Rates) -> Inputs | None:
    before = len(r.errors.items)
    lo = r.decimal("lo_leader_salary", LABELS["lo_leader_salary"], positive=True)
    rows = r.rows("positions", LABELS["positions"])
    positions = []
    for i, row in enumerate(rows or []):
        p = read_position(row, i, rates)
        if p is not None:
            if any(q.id == p.id for q in positions):
                row.fail("id", f"{LABELS['id']} (rad {i + 1})",
                         f"«{p.id[:20]}» er brukt på en annen rad; hver rad må ha sin egen id")
            positions.append(p)

    new_lo = r.decimal("new_lo_leader_salary", LABELS["new_lo_leader_salary"], required=False,
                       positive=True)
    month = None
    if r.present("new_lo_leader_salary"):
        if not r.present("adjustment_month"):
            r.fail("adjustment_month", LABELS["adjustment_month"],
                   f"må fylles ut når «{LABELS['new_lo_leader_salary']}» er fylt ut")
        else:
            month = r.integer("adjustment_month", LABELS["adjustment_month"],
                              minimum=rates.integer("fo.adjustment_from_month"),
                              maximum=MONTHS_PER_YEAR, example="6")

    if len(r.errors.items) > before or lo is None or rows is None:
        return None
    return Inputs(lo_leader_salary=lo, positions=tuple(positions), new_lo_leader_salary=new_lo,
                  adjustment_month=month)


def run(inputs: object, rates: Rates | None = None) -> dict[str, Any]:
    rates = rates or load_rates()
    errors = Errors()
    parsed = read_inputs(Reader(inputs, errors), rates)
    if parsed is None:
        return failure(errors)
    with fmt.exact_context():
        result = calculate(parsed, rates)
        return success(result.as_dict(), findings(result, rates))
