"""Training support for FO's paid officials (`fo_training`).

Source: FO's regulation for paid elected officials, «Opplæringstiltak»: after an application,
officials may be granted support for training (and leave for education and personal
development). The cap is 30 000 kr within an årsmøteperiode for department officials and
30 000 kr within a landsmøteperiode for the national leadership; for «øvrige
avdelingstillitsvalgte med en valgperiode på to år» the sum is 15 000 kr. The calculator
reads «øvrige avdelingstillitsvalgte» as principle 8 of «Lønnsvilkår» uses it: the department
officials other than leader, deputy and secretary (role `ovrig`). Administrativ ledelse decides for the national
leadership, the department's board for department officials.

Inputs: `group` (`forbund` | `avdeling`), for `avdeling` the `role` (`leder`, `nestleder`,
`sekretaer`, `ovrig`, as in fo_pay), `term_years` (whole years, 1–`TERM_YEARS_MAX`;
optional, default the four-year term of «Innledende bestemmelser», rates `fo.term_years`;
only the term of an `ovrig` department official changes the cap: exactly two years gives
the lower one; the regulation states no other term length), `used` (already granted in the period, ≥ 0,
default 0).
Result: `cap`, `used` (the input, rounded to øre), `remaining` (cap − used, never below 0),
`period` (the regulation names none for the 15 000 kr: «ikke oppgitt»), `decided_by`;
warning `over-cap` when used > cap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from ..machinery import fmt
from ..machinery.declare import CHOICE, INTEGER, Calculator, Computation, Fact, Facts, Field, Step, read_field
from ..machinery.evidence import Reading, regulation
from ..machinery.fields import Reader
from .fo_pay.names import ROLE_CHOICES, ROLE_NAMES, Role
from ..machinery.rates import RateGroup, RatesAt
from ..machinery.result import Finding, Level

TERM_YEARS_MAX = 10  # input bound, not a rule of the regulation

Q_APPLY = regulation(
    "opplaeringstiltak-1",
    "Både forbundsledelsen og tillitsvalgte i avdelingene kan etter søknad innvilges støtte til opplæring, samt gis "
    "permisjon til utdanning og personlige utviklingstiltak.")
Q_DEPARTMENT_CAP = regulation("opplaeringstiltak-1",
                              "Satsene for støtte er på inntil kr. 30.000 innenfor en årsmøteperiode.")
Q_NATIONAL_CAP = regulation("opplaeringstiltak-1",
                            "Tilsvarende kan forbundsledelsen søke om inntil kr. 30.000 innenfor en landsmøteperiode.")
Q_SHORT_TERM = regulation("opplaeringstiltak-1",
                          "For øvrige avdelingstillitsvalgte med en valgperiode på to år er summen kr 15.000.")
Q_DECIDED_NATIONAL = regulation("opplaeringstiltak-2", "For forbundsledelsen avgjøres søknaden av administrativ ledelse.")
Q_DECIDED_DEPARTMENT = regulation(
    "opplaeringstiltak-2", "For tillitsvalgte i i avdeling avgjøres søknaden av styret i den enkelte avdeling.")

R_OTHER_OFFICIALS = Reading(
    "«Øvrige avdelingstillitsvalgte med en valgperiode på to år»",
    "Kalkulatoren leser «øvrige avdelingstillitsvalgte» slik prinsipp 8 for avlønning bruker uttrykket: de "
    "tillitsvalgte i avdelingen som ikke er leder, nestleder eller sekretær. Den lavere summen brukes bare når "
    "valgperioden er nøyaktig to år; reglementet nevner ingen andre valgperioder for denne summen.",
    Q_SHORT_TERM)

READINGS = (R_OTHER_OFFICIALS,)


class Group(StrEnum):
    FORBUND = "forbund"
    AVDELING = "avdeling"


GROUP_NAMES = {
    Group.FORBUND: "forbund (forbundsledelsen)",
    Group.AVDELING: "avdeling (tillitsvalgt i avdeling)",
}

PERIOD = {
    Group.FORBUND: "landsmøteperiode",
    Group.AVDELING: "årsmøteperiode",
}
PERIOD_NOT_STATED = "ikke oppgitt"   # the regulation names no period for the 15 000 kr

# The department roles (fo_pay's, without the national-only AU member).
DEPARTMENT_ROLES = (Role.LEDER, Role.NESTLEDER, Role.SEKRETAER, Role.OVRIG)

DECIDED_BY = {
    Group.FORBUND: "administrativ ledelse",
    Group.AVDELING: "styret i avdelingen",
}

GROUP = Field("group", "Hvem søker", CHOICE,
              options=((Group.FORBUND.value, "Forbundsledelsen"),
                       (Group.AVDELING.value, "Tillitsvalgt i avdeling")))
ROLE = Field("role", "Verv i avdelingen", CHOICE, show_when=(GROUP.key, Group.AVDELING.value),
             options=tuple((role.value, ROLE_CHOICES[role]) for role in DEPARTMENT_ROLES))
# The example in its «helt tall» message is the default term (a rate): see `read`.
TERM_YEARS = Field(
    "term_years", "Valgperiodens lengde i år", INTEGER, required=False, minimum=1,
    maximum=TERM_YEARS_MAX, inputmode="numeric", quotes=(Q_SHORT_TERM,),
    hint=lambda rates: (
        f"Reglementet: «{Q_SHORT_TERM.words}» Kalkulatoren bruker den lavere summen for vervet "
        f"«{ROLE_CHOICES[Role.OVRIG]}» med en valgperiode på "
        f"{fmt.words(rates.integer('fo.training.short_term_years'))} år."))
USED = Field("used", "Allerede innvilget i perioden (kr)", required=False, hint="Tomt felt betyr 0.", plausible=1_000_000)
FIELDS = (GROUP, ROLE, TERM_YEARS, USED)
EXAMPLE = {"group": "avdeling", "role": "ovrig", "term_years": "4", "used": "5 000"}


@dataclass(frozen=True)
class TrainingInput:
    group: Group
    role: Role | None  # department officials only
    term_years: int
    used: Decimal


@dataclass(frozen=True)
class TrainingResult:
    cap: Decimal
    used: Decimal
    remaining: Decimal
    period: str
    decided_by: str
    reduced_cap: bool   # «øvrige avdelingstillitsvalgte med en valgperiode på to år»


# -- rules -------------------------------------------------------------------------

def has_short_term(data: TrainingInput, rules: RateGroup) -> bool:
    """«Øvrige avdelingstillitsvalgte med en valgperiode på to år»: a department official
    other than leader, deputy and secretary, with a two-year term."""
    return (data.group is Group.AVDELING and data.role is Role.OVRIG
            and data.term_years == rules.short_term_years)


def training_cap(data: TrainingInput, rules: RateGroup) -> Decimal:
    """30 000 kr per period; 15 000 kr for department officials with a two-year term."""
    return rules.cap_two_year if has_short_term(data, rules) else rules.cap


def training_remaining(cap: Decimal, used: Decimal) -> Decimal:
    """What is left of the cap in the period, never below 0 (one line, rounded to øre)."""
    return fmt.round_ore(max(cap - used, Decimal(0)))


def over_cap(cap: Decimal, used: Decimal) -> bool:
    return used > cap


def training_period(data: TrainingInput, rules: RateGroup) -> str:
    """landsmøteperiode for the national leadership, årsmøteperiode for departments; the
    regulation names no period for the 15 000 kr."""
    return PERIOD_NOT_STATED if has_short_term(data, rules) else PERIOD[data.group]


def training_decided_by(group: Group) -> str:
    """Administrativ ledelse for the national leadership, the department's board otherwise."""
    return DECIDED_BY[group]


def calculate(data: TrainingInput, rates: RatesAt) -> TrainingResult:
    rules = rates.group("fo.training")
    cap = training_cap(data, rules)
    return TrainingResult(
        cap=cap,
        used=fmt.round_ore(data.used),
        remaining=training_remaining(cap, data.used),
        period=training_period(data, rules),
        decided_by=training_decided_by(data.group),
        reduced_cap=has_short_term(data, rules),
    )


# -- findings ----------------------------------------------------------------------

def cap_finding(data: TrainingInput, res: TrainingResult, rules: RateGroup) -> Finding:
    if data.group is Group.FORBUND:
        return Finding("training-cap", Level.INFO,
                       f"Forbundsledelsen kan søke om støtte til opplæring på inntil {fmt.kr(res.cap)} innenfor "
                       "en landsmøteperiode.", quotes=(Q_NATIONAL_CAP,))
    two_years = f"{fmt.words(rules.short_term_years)} år"
    if has_short_term(data, rules):
        return Finding("training-cap", Level.INFO,
                       f"For øvrige avdelingstillitsvalgte med en valgperiode på {two_years} er summen "
                       f"{fmt.kr(res.cap)}. Reglementet sier ikke hvilken periode summen gjelder for.",
                       reading=R_OTHER_OFFICIALS)
    return Finding("training-cap", Level.INFO,
                   f"Tillitsvalgte i avdelingene kan søke om støtte til opplæring på inntil {fmt.kr(res.cap)} "
                   f"innenfor en årsmøteperiode. Den lavere summen, {fmt.kr(rules.cap_two_year)}, gjelder etter "
                   f"kalkulatorens lesning bare vervet «{ROLE_CHOICES[Role.OVRIG]}» med en valgperiode på "
                   f"{two_years}.", quotes=(Q_DEPARTMENT_CAP,), reading=R_OTHER_OFFICIALS)


def findings(data: TrainingInput, res: TrainingResult, rates: RatesAt) -> list[Finding]:
    rules = rates.group("fo.training")
    out = []
    if over_cap(res.cap, data.used):
        period = "" if res.period == PERIOD_NOT_STATED else f" i en {res.period}"
        out.append(Finding("over-cap", Level.WARNING,
                           f"Allerede innvilget ({fmt.kr(data.used)}) er mer enn {fmt.kr(res.cap)}, som er det "
                           f"høyeste beløpet{period}. Det er ikke noe igjen å søke om.",
                           quotes=(Q_NATIONAL_CAP if data.group is Group.FORBUND
                                   else Q_SHORT_TERM if res.reduced_cap else Q_DEPARTMENT_CAP,)))
    if data.group is Group.FORBUND:
        who, decided = "For forbundsledelsen er det administrativ ledelse som avgjør søknaden.", Q_DECIDED_NATIONAL
    else:
        who, decided = "For tillitsvalgte i avdeling er det styret i avdelingen som avgjør søknaden.", Q_DECIDED_DEPARTMENT
    out += [cap_finding(data, res, rules),
            Finding("decided-by", Level.INFO,
                    "Støtte gis etter søknad, og det kan også gis permisjon til utdanning og personlige "
                    f"utviklingstiltak. {who}", quotes=(Q_APPLY, decided))]
    return out


# -- boundary ----------------------------------------------------------------------

def read(r: Reader, rates: RatesAt) -> TrainingInput | None:
    default_term_years = rates.group("fo").term_years
    # Read as enums, and the messages list the values with their words (GROUP_NAMES,
    # ROLE_NAMES), as the API has always answered.
    group = r.choice(GROUP.key, GROUP.label, Group, names=GROUP_NAMES)
    role = None
    if group is Group.AVDELING:
        role = r.choice(ROLE.key, ROLE.label, Role, names=ROLE_NAMES)
        if role is Role.AU_MEDLEM:
            r.fail(ROLE.key, ROLE.label, "kan ikke være AU-medlem: AU-medlem finnes bare i forbundsledelsen, ikke i en avdeling")
            role = None
    term_years = read_field(r, replace(TERM_YEARS, example=str(default_term_years)))
    used = read_field(r, USED)
    if r.errors or group is None or (group is Group.AVDELING and role is None):
        return None
    return TrainingInput(
        group=group,
        role=role,
        term_years=term_years if term_years is not None else default_term_years,
        used=used if used is not None else Decimal(0),
    )


def steps(r: dict) -> list[Step]:
    over = " (ikke under 0 kr)" if Decimal(r["used"]) > Decimal(r["cap"]) else ""
    rates = ("fo.training.cap_two_year", "fo.training.short_term_years") if r["reduced_cap"] else ("fo.training.cap",)
    return [Step(f"{fmt.kr(r['cap'])} − {fmt.kr(r['used'])} = {fmt.kr(r['remaining'])}{over}", rates)]


DISPLAY = (Facts((
    Fact("Øvre grense", "cap", "money"),
    Fact("Allerede innvilget", "used", "money"),
    Fact("Igjen å søke om", "remaining", "money"),
    Fact("Perioden grensen gjelder for", "period", "text",
         after=lambda r: " i reglementet" if r["period"] == PERIOD_NOT_STATED else ""),
    Fact("Avgjøres av", "decided_by", "text"),
)), Computation(steps))


def summary(r: dict) -> str:
    return f"Igjen å søke om: {fmt.kr(r['remaining'])}."


CALCULATOR = Calculator.declare(globals(), name="fo_training", title="Støtte til opplæring", source="regulation",
                                order=65)
