"""FO pay check: the roles, statuses, principle titles and fields, each named once."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum

from ...machinery import fmt
from ...machinery.declare import CHOICE, INTEGER, ROWS, TEXT, Field
from ...machinery.evidence import regulation
from ...machinery.rates import RatesAt

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

def person_of(name: str | None) -> str | None:
    """Who a row is: the name as typed, ignoring case and extra whitespace (`Kari  Hansen`
    = `kari hansen`); a row without a name is nobody else. Two rows with the same person
    are never compared with each other."""
    folded = " ".join((name or "").casefold().split())
    return folded or None


# Unit texts that mean the national leadership (case-insensitive).
NATIONAL_UNITS = frozenset({"forbund", "forbundet", "forbundsledelsen"})
OSLO = "oslo"

# The labels the form shows, so that a message names the field the reader sees.
def _month_hint(text: str) -> Callable[[RatesAt], str]:
    return lambda rates: text.format(start=fmt.month_name(rates.integer("fo.adjustment_from_month")))


# Principle 1's words (the LO leader's salary is what every level is set against).
Q_SET_RELATIVE = regulation("prinsipper-for-avlonning-1", "får sin lønn fastsatt forholdsmessig etter LO-leders lønn")

LO_LEADER_SALARY = Field("lo_leader_salary", "LO-leders årslønn (kr)", positive=True, plausible=10_000_000, quotes=(Q_SET_RELATIVE,), hint=(
    f"Reglementet: de tillitsvalgte «{Q_SET_RELATIVE.words}». Tallet i skjemaet er bare et eksempel."))
ID = Field("id", "Id", TEXT, required=False)
NAME = Field("name", "Navn", TEXT, required=False, inputmode="text")
UNIT = Field("unit", "Enhet", TEXT, inputmode="text", hint="«forbund» eller avdelingens navn, for eksempel Oslo.")
ROLE = Field("role", "Verv", CHOICE, options=tuple((r.value, ROLE_CHOICES[r]) for r in Role))
# The level is typed in one of two units: the form's «Lønnsnivået oppgis som» choice
# decides which key the typed value is sent under.
SALARY = Field("salary", "Lønnsnivå (kroner per år ved 100 %)", positive=True, plausible=10_000_000)
PERCENT_OF_LO = Field("percent_of_lo", "Lønnsnivå (prosent av LO-leders lønn)", positive=True)
LEVEL_KIND = Field("level_kind", "Lønnsnivået oppgis som", CHOICE, options=(
    (SALARY.key, "Kroner per år"), (PERCENT_OF_LO.key, "Prosent av LO-leders lønn")))
FTE_PERCENT = Field("fte_percent", "Stillingsprosent (frikjøp)", required=False, positive=True, maximum=HUNDRED,
                    hint=lambda rates: f"Tomt felt betyr {fmt.percent(rates.decimal('fo.default_fte_percent'))}.")
OWN_SALARY = Field("own_salary", "Egen ordinær lønn per år (kr)", positive=True, plausible=10_000_000,
                   hint="Bare for øvrige tillitsvalgte: lønnen ved rent frikjøp.")
POSITIONS = Field(
    "positions", "Lønnede tillitsvalgte", ROWS,
    hint="Én rad per tillitsvalgt. Lønnsnivåene sammenlignes ved 100 % stilling.",
    fields=(ID, NAME, UNIT, ROLE, LEVEL_KIND, SALARY, PERCENT_OF_LO, FTE_PERCENT, OWN_SALARY),
    row_label="Tillitsvalgt", add_label="Legg til tillitsvalgt")
NEW_LO_LEADER_SALARY = Field("new_lo_leader_salary", "Ny årslønn for LO-leder (kr)", required=False, positive=True,
                             plausible=10_000_000,
                             hint=_month_hint("Reguleringen gjelder fra 1. {start} samme år."))
ADJUSTMENT_MONTH = Field("adjustment_month", "Måned da ny lønn utbetales første gang (1–12)", INTEGER,
                         required=False, maximum=12, example="6",
                         hint=_month_hint("Brukes til å regne etterbetaling fra 1. {start}."))
FIELDS = (LO_LEADER_SALARY, POSITIONS, NEW_LO_LEADER_SALARY, ADJUSTMENT_MONTH)

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
