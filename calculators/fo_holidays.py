"""Holidays and K-days for FO's paid officials (`fo_holidays`).

Source: FO's regulation for paid elected officials, «Ferie og K-dager» (with «Arbeidstid»
and «Fraværsregistrering»):

- 5 weeks of holiday; those who turn 60 during the year get an extra week, 6 in all.
  The extra week applies from the calendar year one turns 60: `year - birth_year >= 60`.
- Pay is deducted for 5 weeks for officials "under 60 år" and 6 weeks for those "over 60 år".
  The regulation does not say which applies in the year one turns 60; the calculator uses
  the same dividing line as for the holiday weeks and says so in a finding.
- 15 K-days (compensation days), taken in the same year, not carried over, not paid out.
- Time off at Easter and Christmas.
- Stand-by for members and officials must be secured whenever holiday or time off is taken.

Inputs: `birth_year` (from 1900, not after `year`), `year` (a year the regulation is in
force, up to `fields.MAX_YEAR`).
Result: `holiday_weeks`, `deduction_weeks`, `k_days`, `easter_christmas_off`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .declare import INTEGER, Calculator, Computation, Fact, Facts, Field, Step, read_field, read_into
from .fields import MAX_YEAR, Errors, Reader
from .rates import RateGroup, Rates, RatesAt
from .result import Finding, Level

# Input bound (a sanity check on what a person types, not a rule of the regulation).
BIRTH_YEAR_MIN = 1900

BIRTH_YEAR = Field("birth_year", "Fødselsår", INTEGER, minimum=BIRTH_YEAR_MIN, maximum=MAX_YEAR,
                   example="1965", inputmode="numeric")
# The regulation is in force from 1 April 2025: no earlier year has these rules. The lower
# bound (and the example in its message) is the first year of the rates: see `year_field`.
YEAR = Field("year", "Året det gjelder", INTEGER, maximum=MAX_YEAR, inputmode="numeric")
FIELDS = (BIRTH_YEAR, YEAR)
EXAMPLE = {"birth_year": "1967", "year": "next"}


def year_field(rates: Rates | RatesAt) -> Field:
    """`YEAR` bounded below by the first year the regulation's holiday rules are stated."""
    first_year = rates.param("fo.holiday_weeks").first_year
    return replace(YEAR, minimum=first_year, example=str(first_year))


@dataclass(frozen=True)
class HolidayInput:
    birth_year: int
    year: int

    @property
    def age(self) -> int:
        """The age the official reaches during `year`."""
        return self.year - self.birth_year


@dataclass(frozen=True)
class HolidayResult:
    year: int
    age: int                 # the age reached during the year
    holiday_weeks: int
    deduction_weeks: int
    k_days: int
    easter_christmas_off: bool


# -- rules -------------------------------------------------------------------------

def is_senior(age: int, rules: RateGroup) -> bool:
    """From the calendar year one turns 60 («De som fyller 60 år i løpet av året»)."""
    return age >= rules.senior_age


def holiday_weeks(age: int, rules: RateGroup) -> int:
    """5 weeks; 6 from the calendar year one turns 60."""
    return rules.holiday_weeks_senior if is_senior(age, rules) else rules.holiday_weeks


def deduction_weeks(age: int, rules: RateGroup) -> int:
    """Weeks deducted from pay for holiday: 5 under 60, 6 "over 60 år" (same line as above)."""
    return rules.holiday_deduction_weeks_senior if is_senior(age, rules) else rules.holiday_deduction_weeks


def k_days(rules: RateGroup) -> int:
    """15 K-days a year."""
    return rules.k_days


def easter_christmas_off() -> bool:
    """Time off at Easter and Christmas, besides holiday and K-days."""
    return True


def calculate(data: HolidayInput, rates: RatesAt) -> HolidayResult:
    rules = rates.group("fo")
    return HolidayResult(
        year=data.year,
        age=data.age,
        holiday_weeks=holiday_weeks(data.age, rules),
        deduction_weeks=deduction_weeks(data.age, rules),
        k_days=k_days(rules),
        easter_christmas_off=easter_christmas_off(),
    )


# -- findings ----------------------------------------------------------------------

def holiday_weeks_finding(data: HolidayInput, res: HolidayResult, rules: RateGroup) -> Finding:
    if is_senior(data.age, rules):
        message = (
            f"Den tillitsvalgte fyller {data.age} år i {data.year} og har {res.holiday_weeks} uker ferie: "
            f"fra og med året den tillitsvalgte fyller {rules.senior_age} år, er det én ekstra ferieuke i tillegg til "
            f"de vanlige {rules.holiday_weeks} ukene («Ferie og K-dager»)."
        )
    else:
        message = (
            f"Den tillitsvalgte fyller {data.age} år i {data.year} og har {res.holiday_weeks} uker ferie. "
            f"Fra og med året den tillitsvalgte fyller {rules.senior_age} år, er det én ekstra ferieuke, til sammen "
            f"{rules.holiday_weeks_senior} uker («Ferie og K-dager»)."
        )
    return Finding("holiday-weeks", Level.INFO, message)


def deduction_finding(data: HolidayInput, res: HolidayResult, rules: RateGroup) -> Finding:
    message = (
        f"Det trekkes for {res.deduction_weeks} uker ferie. Reglementet sier at det trekkes for "
        f"{rules.holiday_deduction_weeks} uker for tillitsvalgte under {rules.senior_age} år og "
        f"{rules.holiday_deduction_weeks_senior} uker for dem «over {rules.senior_age} år». Kalkulatoren bruker "
        f"samme skille som for ferieukene, altså fra og med året den tillitsvalgte fyller {rules.senior_age}"
    )
    if data.age == rules.senior_age:
        message += (
            f". I året den tillitsvalgte fyller {rules.senior_age}, er ordlyden ikke entydig: reglementet sier ikke "
            f"uttrykkelig hvor mange uker som trekkes det året («Ferie og K-dager»)."
        )
    else:
        message += " («Ferie og K-dager»)."
    return Finding("deduction-over-60", Level.INFO, message)


# What the regulation says of holidays and time off whatever the inputs.
TIME_OFF = (
    Finding("easter-christmas-off", Level.INFO,
            "I tillegg til ferie og K-dager er det fri i påske og jul («Arbeidstid»; «Ferie og K-dager» "
            "sier «romjul og påske»)."),
    Finding("standby-required", Level.INFO,
            "Når ferie og fri tas ut, må det sikres beredskap for henvendelser fra medlemmer og "
            "tillitsvalgte («Ferie og K-dager»). Det er en forutsetning at forbundet og avdelingene "
            "alltid er tilgjengelige for medlemmer og tillitsvalgte («Arbeidstid»)."),
    Finding("register-absence", Level.INFO,
            "Ferieuttak og K-dager registreres av den enkelte i FOs elektroniske "
            "tidsregistreringssystem («Fraværsregistrering»)."),
)


def findings(data: HolidayInput, res: HolidayResult, rates: RatesAt) -> list[Finding]:
    rules = rates.group("fo")
    return [
        holiday_weeks_finding(data, res, rules),
        deduction_finding(data, res, rules),
        Finding("k-days", Level.INFO,
                f"Som kompensasjon for å være unntatt arbeidstidsbestemmelsene i arbeidsmiljøloven og ikke ha "
                f"overtid, får organisasjonstillitsvalgte {res.k_days} K-dager (kompensasjonsdager); «Arbeidstid» "
                f"sier «inntil {res.k_days}». Reglementet sier ikke uttrykkelig at tallet gjelder per år; "
                "kalkulatoren leser det slik, fordi K-dagene skal tas ut samme år. K-dagene skal som prinsipp tas "
                "ut inneværende år: de "
                f"overføres ikke til neste år og utbetales ikke. Avdelingene må legge til rette for at ferie og "
                f"K-dager kan tas ut («Ferie og K-dager»)."),
        *TIME_OFF,
    ]


# -- boundary ----------------------------------------------------------------------

def read_year(r: Reader, rates: Rates) -> int | None:
    """The year asked for, so that the rules are read at that year. Read quietly: `read`
    reads it again after the birth year and records its errors there, so that the errors
    keep the form's order (birth year first)."""
    return read_field(Reader(r.data, Errors(), r.prefix), year_field(rates))


def read(r: Reader, rates: RatesAt) -> HolidayInput | None:
    data = read_into(r, HolidayInput, BIRTH_YEAR, year_field(rates))
    if data is not None and data.birth_year > data.year:
        r.fail(BIRTH_YEAR.key, BIRTH_YEAR.label, f"kan ikke være senere enn «{YEAR.label}» ({data.year})")
        return None
    return data


def steps(r: dict) -> list[Step]:
    return [
        Step(f"Fyller {r['age']} år i {r['year']}: {r['holiday_weeks']} uker ferie, trekk for "
             f"{r['deduction_weeks']} uker", ("fo.senior_age", "fo.holiday_weeks", "fo.holiday_weeks_senior")),
        Step(f"K-dager: {r['k_days']}", ("fo.k_days",)),
    ]


DISPLAY = (Facts((
    Fact("Ferie", "holiday_weeks", "weeks"), Fact("Trekk i lønn for ferie", "deduction_weeks", "weeks"),
    Fact("K-dager", "k_days", "days"), Fact("Fri i påske og jul", "easter_christmas_off", "bool"),
)), Computation(steps))


def summary(r: dict) -> str:
    return f"{r['holiday_weeks']} uker ferie og {r['k_days']} K-dager."


CALCULATOR = Calculator.declare(globals(), name="fo_holidays", title="Ferie og K-dager", source="regulation",
                                order=50)
