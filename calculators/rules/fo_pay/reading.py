"""FO pay check: reading the pay table and the adjustment from the inputs."""

from __future__ import annotations

from ...machinery.declare import read_field, row_suffix
from ...machinery.fields import Reader
from ...machinery.periods import MONTHS_PER_YEAR
from ...machinery.rates import RatesAt
from .model import Inputs, PositionInput, unit_of
from .names import (ADJUSTMENT_MONTH, FTE_PERCENT, ID, LO_LEADER_SALARY, NAME, NEW_LO_LEADER_SALARY, OWN_SALARY,
                    PERCENT_OF_LO, POSITIONS, ROLE, ROLE_ALIASES, SALARY, UNIT, Role, person_of)

def _with_role_alias(row: Reader) -> Reader:
    raw = row.data.get("role")
    if isinstance(raw, str):
        folded = " ".join(raw.strip().casefold().split())
        if folded in ROLE_ALIASES:
            return Reader({**row.data, "role": ROLE_ALIASES[folded]}, row.errors, row.prefix)
    return row


def read_position(row: Reader, i: int, rates: RatesAt) -> PositionInput | None:
    before = len(row.errors.items)
    n = row_suffix(i)
    row = _with_role_alias(row)
    ident = read_field(row, ID, n)
    name = read_field(row, NAME, n)
    unit_text = read_field(row, UNIT, n)
    chosen = read_field(row, ROLE, n)
    role = Role(chosen) if chosen is not None else None
    unit = unit_of(unit_text) if unit_text else None

    if unit is not None and role is not None:
        label = f"«{ROLE.label}{n}»"
        if role == Role.AU_MEDLEM and not unit.national:
            row.errors.add(row.path("role"), f"{label}: AU-medlem finnes bare i forbundsledelsen, "
                                             "ikke i en avdeling.")
        if role == Role.OVRIG and unit.national:
            row.errors.add(row.path("role"), f"{label}: øvrig tillitsvalgt finnes bare i en avdeling, "
                                             "ikke i forbundsledelsen.")

    has_salary, has_percent = row.present(SALARY.key), row.present(PERCENT_OF_LO.key)
    salary = percent = None
    if has_salary and has_percent:
        row.fail(PERCENT_OF_LO.key, "Lønnsnivå" + n,
                 "kan oppgis i kroner per år eller i prosent av LO-leders lønn, ikke begge")
    elif not has_salary and not has_percent:
        row.fail(SALARY.key, "Lønnsnivå" + n,
                 "må fylles ut, i kroner per år ved 100 % eller i prosent av LO-leders lønn")
    elif has_salary:
        salary = read_field(row, SALARY, n)
    else:
        percent = read_field(row, PERCENT_OF_LO, n)

    fte = read_field(row, FTE_PERCENT, n)
    if fte is None and not row.present(FTE_PERCENT.key):
        fte = rates.decimal("fo.default_fte_percent")

    own = row.decimal(OWN_SALARY.key, OWN_SALARY.label + n, positive=True,
                      required=role == Role.OVRIG)

    if len(row.errors.items) > before or unit is None or role is None or fte is None:
        return None
    return PositionInput(id=ident or str(i + 1), name=name or f"Rad {i + 1}", unit=unit, role=role,
                         salary=salary, percent_of_lo=percent, fte_percent=fte,
                         own_salary=own if role == Role.OVRIG else None, person=person_of(name))


def read(r: Reader, rates: RatesAt) -> Inputs | None:
    before = len(r.errors.items)
    lo = read_field(r, LO_LEADER_SALARY)
    rows = read_field(r, POSITIONS)
    positions = []
    for i, row in enumerate(rows or []):
        p = read_position(row, i, rates)
        if p is not None:
            if any(q.id == p.id for q in positions):
                row.fail(ID.key, ID.label + row_suffix(i),
                         f"«{p.id[:20]}» er brukt på en annen rad; hver rad må ha sin egen id")
            positions.append(p)

    new_lo = read_field(r, NEW_LO_LEADER_SALARY)
    month = None
    if r.present(NEW_LO_LEADER_SALARY.key):
        if not r.present(ADJUSTMENT_MONTH.key):
            r.fail(ADJUSTMENT_MONTH.key, ADJUSTMENT_MONTH.label,
                   f"må fylles ut når «{NEW_LO_LEADER_SALARY.label}» er fylt ut")
        else:
            month = r.integer(ADJUSTMENT_MONTH.key, ADJUSTMENT_MONTH.label,
                              minimum=rates.integer("fo.adjustment_from_month"),
                              maximum=MONTHS_PER_YEAR, example=ADJUSTMENT_MONTH.example)

    if len(r.errors.items) > before or lo is None or rows is None:
        return None
    return Inputs(lo_leader_salary=lo, positions=tuple(positions), new_lo_leader_salary=new_lo,
                  adjustment_month=month)
