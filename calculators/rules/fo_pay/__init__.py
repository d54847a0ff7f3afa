"""FO pay hierarchy check and yearly pay adjustment (`fo_pay`).

Source: «Reglement for lønnede tillitsvalgte i FO» (from 1.4.2025), «Lønnsvilkår»,
«Prinsipper for avlønning» 1–8 and the paragraph on the yearly pay adjustment.

Levels are compared at 100 %; the amount paid is level × position percentage (frikjøp).
A person is the name as typed, ignoring case and extra whitespace (`names.person_of`): rows
with the same name are one person, never compared with themselves, and the finding
`same-person` names the rows. Each principle carries the regulation's words or the reading
its check rests on; every reading is listed in `READINGS` (the pages' readings table).
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

The package: `names` (roles, statuses, principle titles, fields), `model` (inputs,
positions, results; the level rules), `principles` (one function per principle),
`adjustment` (the yearly adjustment), `reading` (the inputs); this module declares the
calculator.
"""

from __future__ import annotations

from decimal import Decimal

from ...machinery import fmt
from ...machinery.declare import Bar, Bars, Calculator, Checklist, Computation, PrintSlot, Step, Table
from . import adjustment as _adjustment
from . import principles as _principles
from .adjustment import adjust_pay, calculate, findings, new_level_of
from .model import Inputs, Position, PositionInput, Principle, Result, Unit, build_positions, level_of, paid_of, unit_of
from .names import FIELDS, HUNDRED, ROLE_CHOICES, ROLE_NAMES, TITLES, Role, Status
from .principles import PRINCIPLES, check_principles, principle_1_relative_to_lo
from .reading import read, read_position
from .workbook import fo_pay_workbook

__all__ = [
    "CALCULATOR", "FIELDS", "HUNDRED", "PRINCIPLES", "ROLE_CHOICES", "ROLE_NAMES", "TITLES", "Inputs", "Position",
    "PositionInput", "Principle", "Result", "Role", "Status", "Unit", "adjust_pay", "build_positions", "calculate",
    "check_principles", "findings", "level_of", "new_level_of", "paid_of", "principle_1_relative_to_lo",
    "read", "read_position", "unit_of",
]


# Every reading the pay check makes (the calculator page's «Kalkulatorens lesning» table).
READINGS = (*_principles.READINGS, *_adjustment.READINGS)


def _unit(u: str) -> str:
    return "Forbundet" if u.lower() == "forbund" else u


def broken_by_official(r: dict) -> dict[str, list[int]]:
    """The broken principles that name each official (by row id), in the principles' order."""
    out: dict[str, list[int]] = {}
    for p in r["principles"]:
        if p["status"] == Status.FAIL:
            for i in p["officials"]:
                out.setdefault(i, []).append(p["rule"])
    return out


def breach_mark(rules: list[int]) -> str:
    """«Brudd på prinsipp 2», «Brudd på prinsipp 2 og 5»; "" for none. The numbers are
    joined to «prinsipp» by no-break spaces, so a narrow column never leaves one alone."""
    return f"Brudd på prinsipp{fmt.NBSP}{fmt.and_list([str(n) for n in rules]).replace(' ', fmt.NBSP)}" if rules else ""


def _position_rows(r: dict) -> list:
    """One row per official; the name carries, in words, the broken principles that name
    the official (the chart beside the table marks the same officials)."""
    broken = broken_by_official(r)
    return [[("flagged", (p["name"], breach_mark(broken.get(p["id"], [])))), ("text", _unit(p["unit"])),
             ("text", ROLE_CHOICES[Role(p["role"])]), ("money", p["level"]), ("percent", p["percent_of_lo"]),
             ("percent", p["fte_percent"]), ("money", p["paid"])] for p in r["positions"]]


def ladder(r: dict) -> list[Bar]:
    """Each official's level as a percentage of the LO leader's pay, grouped by unit (the
    national leadership first), highest first; officials a broken principle names are marked."""
    broken = broken_by_official(r)
    # Grouped as the principles group units («Oslo», «oslo » and «Oslo-avdelingen» are one),
    # each named as first typed.
    units: dict[str, list[dict]] = {}
    for p in r["positions"]:
        units.setdefault(unit_of(p["unit"]).key, []).append(p)
    names = {key: _unit(ps[0]["unit"]).strip() for key, ps in units.items()}
    order = sorted(units, key=lambda k: (not unit_of(units[k][0]["unit"]).national, names[k].casefold()))
    return [Bar(p["name"], Decimal(p["percent_of_lo"]), fmt.percent(p["percent_of_lo"]), group=names[k],
                marked=p["id"] in broken)
            for k in order for p in sorted(units[k], key=lambda p: -Decimal(p["percent_of_lo"]))]


def _adjustment_start(adj: dict) -> str:
    return fmt.month_name(adj["month"] - adj["months_back"])


# The date the LO leader's pay figure applies from: a record field of the form (the
# calculator never knows it), printed after the figure the levels are computed from.
LO_SALARY_DATE = PrintSlot("record_lo_date", "(gjelder fra {})", "(dato ikke oppgitt)")


def steps(r: dict) -> list[Step]:
    """The LO leader's pay the levels are computed from (on paper with the date it applies
    from), «85 % av 1 500 000 kr = 1 275 000 kr», the amount paid at the position's
    percentage, and the back pay of an adjustment."""
    lo = fmt.kr(r["lo_leader_salary"])
    out = [Step(f"LO-leders lønn: {lo}", slot=LO_SALARY_DATE)]
    for p in r["positions"]:
        text = f"{p['name']}: {fmt.percent(p['percent_of_lo'])} av {lo} = {fmt.kr(p['level'])}"
        if Decimal(p["fte_percent"]) != HUNDRED:
            text += f"; × {fmt.percent(p['fte_percent'])} stilling = {fmt.kr(p['paid'])} per år"
        out.append(Step(text))
    adj = r.get("adjustment")
    if adj:
        paid = {p["id"]: p["paid"] for p in r["positions"]}
        for a in adj["positions"]:
            out.append(Step(f"{a['name']}: etterbetaling ({fmt.kr(a['new_paid'])} − {fmt.kr(paid[a['id']])}) × "
                            f"{adj['months_back']}/12 = {fmt.kr(a['back_pay'])}", ("fo.adjustment_from_month",)))
    return out


DISPLAY = (
    Table(caption=lambda r: f"Lønnsnivå sammenlignet med LO-leders lønn ({fmt.kr(r['lo_leader_salary'])})",
          head=lambda r: ("Navn", "Enhet", "Verv", f"Lønnsnivå (100{fmt.NBSP}%)", "Prosent av LO-leders lønn", "Stilling",
                          "Utbetales per år"),
          rows=_position_rows, numeric_from=3),
    Bars(title=lambda r: "Lønnsstigen: lønnsnivå i prosent av LO-leders lønn, per enhet",
         bars=lambda r: ladder(r)),
    Checklist(heading=lambda r: f"De {fmt.words(len(r['principles']))} prinsippene for avlønning",
              items=lambda r: r["principles"]),
    Table(caption=lambda r: (f"Årlig lønnsregulering: LO-leders nye lønn {fmt.kr(r['adjustment']['new_lo_leader_salary'])}, "
                             f"utbetalt fra {fmt.month_name(r['adjustment']['month'])}"),
          head=lambda r: ("Navn", "Nytt nivå (100 %)", "Ny lønn per år",
                          f"Etterbetaling fra 1. {_adjustment_start(r['adjustment'])}"),
          rows=lambda r: [[("text", a["name"]), ("money", a["new_level"]), ("money", a["new_paid"]),
                           ("money", a["back_pay"])] for a in r["adjustment"]["positions"]],
          foot=lambda r: [[("text", "Sum etterbetaling"), ("text", ""), ("text", ""),
                           ("money", r["adjustment"]["total_back_pay"])]],
          when=lambda r: bool(r.get("adjustment"))),
    Computation(steps),
)


def summary(r: dict) -> str:
    failed = [p for p in r["principles"] if p["status"] == Status.FAIL]
    if not failed:
        return "Ingen av prinsippene er brutt."
    count = fmt.words(len(failed), "n")
    return (f"{count[0].upper()}{count[1:]} av {fmt.words(len(r['principles']), 'n')} prinsipper er brutt: "
            + ", ".join(str(p["rule"]) for p in failed) + ".")


# Names and salaries are invented examples, not figures from the regulation.
EXAMPLE_POSITIONS = [
    {"name": "Kari Hansen", "unit": "forbund", "role": "leder", "percent_of_lo": "95", "fte_percent": "100"},
    {"name": "Ola Johansen", "unit": "forbund", "role": "nestleder", "percent_of_lo": "90", "fte_percent": "100"},
    {"name": "Ingrid Olsen", "unit": "forbund", "role": "au_medlem", "percent_of_lo": "85", "fte_percent": "100"},
    {"name": "Per Larsen", "unit": "forbund", "role": "au_medlem", "percent_of_lo": "85", "fte_percent": "100"},
    {"name": "Anne Nilsen", "unit": "Oslo", "role": "leder", "percent_of_lo": "80", "fte_percent": "100"},
    {"name": "Lars Berg", "unit": "Oslo", "role": "nestleder", "percent_of_lo": "75", "fte_percent": "100"},
    {"name": "Marit Haugen", "unit": "Oslo", "role": "sekretaer", "percent_of_lo": "70", "fte_percent": "100"},
    {"name": "Jon Dahl", "unit": "Vestland", "role": "leder", "percent_of_lo": "75", "fte_percent": "80"},
]
EXAMPLE = {"lo_leader_salary": "1 500 000", "positions": EXAMPLE_POSITIONS}

CALCULATOR = Calculator.declare(globals(), name="fo_pay", title="Lønnssjekk for lønnede tillitsvalgte i FO",
                                source="regulation", order=40, template="fo_pay", actions=("xlsx",),
                                xlsx=fo_pay_workbook)
