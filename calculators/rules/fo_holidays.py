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

from ..machinery import fmt
from ..machinery.declare import INTEGER, Calculator, Computation, Fact, Facts, Field, Step, read_field, read_into
from ..machinery.evidence import Reading, regulation
from ..machinery.fields import MAX_YEAR, Errors, Reader
from ..machinery.rates import RateGroup, Rates, RatesAt
from ..machinery.result import Finding, Level

# Input bound (a sanity check on what a person types, not a rule of the regulation).
BIRTH_YEAR_MIN = 1900

Q_HOLIDAY_WEEKS = regulation(
    "ferie-og-k-dager-1",
    "Som tillitsvalgt i FO får man 5 uker ferie. De som fyller 60 år i løpet av året, har rett til en ekstra "
    "ferieuke, totalt 6 uker ferie.")
Q_DEDUCTION = regulation(
    "ferie-og-k-dager-1", "Det trekkes for 5 uker ferie når de tillitsvalgte er under 60 år og 6 uker for de over 60 år.")
Q_K_DAYS = regulation(
    "ferie-og-k-dager-2",
    "Som en kompensasjon for at man er unntatt arbeidstidsbestemmelsene i AML og ikke har overtid, får de "
    "organisasjonstillitsvalgte 15 K-dager")
Q_K_DAYS_UP_TO = regulation("arbeidstid-1", "rett til inntil 15 kompensasjonsdager (K-dager)")
Q_K_DAYS_THIS_YEAR = regulation(
    "ferie-og-k-dager-2",
    "K-dagene skal som prinsipp tas ut inneværende år. De skal ikke overføres til neste år og de skal ikke "
    "utbetales, avdelingene må legge til rette for at det er mulig å få tatt ut ferie og K-dagene.")
Q_EASTER_CHRISTMAS = regulation("arbeidstid-1", "det er i tillegg fri i påske og jul")
Q_ROMJUL = regulation("ferie-og-k-dager-2", "i tillegg er det fri i romjul og påske")
Q_STANDBY = regulation(
    "ferie-og-k-dager-3",
    "Ved uttak av all ferie og fri må det sikres beredskap for henvendelser fra medlemmer og tillitsvalgte.")
Q_AVAILABLE = regulation(
    "arbeidstid-1",
    "Det er en forutsetning at forbundet og avdelingene til enhver tid er tilgjengelige for medlemmer og "
    "tillitsvalgte.")
Q_REGISTER = regulation(
    "fravaersregistrering-1",
    "Den enkelte tillitsvalgte skal registrere fravær i FOs elektroniske tidsregistreringssystem.")
Q_EFFECTIVE = regulation("reglement-1", "Gjeldende fra 1.4.2025")
Q_IN_FORCE = regulation("vurdering-og-revidering-av-reglementet-1",
                        "Reglementet gjelder for inneværende landsmøteperiode.")
Q_TERM = regulation("innledende-bestemmelser-2",
                    "Forbundsledelsen velges av landsmøtet for en landsmøteperiode på fire år.")
Q_REVIEW = regulation("vurdering-og-revidering-av-reglementet-1",
                      "Vurdering og eventuell revidering av reglementet gjøres i starten av hver landsmøteperiode.")

R_DEDUCTION_IN_THE_YEAR = Reading(
    "Trekk for ferie i året den tillitsvalgte når aldersgrensen",
    "Reglementet skiller mellom trekk for dem under og dem over aldersgrensen, men sier ikke hva som gjelder i "
    "selve året den tillitsvalgte når den. Kalkulatoren bruker samme skille som for den ekstra ferieuken: det "
    "høyere trekket gjelder fra og med det året.",
    Q_DEDUCTION)
R_K_DAYS_PER_YEAR = Reading(
    "K-dager per år",
    "Reglementet sier ikke uttrykkelig at antallet K-dager gjelder per år. Fordi K-dagene skal tas ut "
    "inneværende år og ikke overføres, regner kalkulatoren antallet per år.",
    Q_K_DAYS_THIS_YEAR)
R_IN_FORCE = Reading(
    "Årene reglementet gjelder for",
    "Reglementet gjelder for inneværende landsmøteperiode og oppgir ingen sluttdato. Kalkulatoren regner at "
    "perioden varer én landsmøteperiode fra året reglementet gjelder fra, og sier fra når du spør om et senere "
    "år. Den regner likevel ut svaret med de samme reglene.",
    Q_IN_FORCE)

R_EXTRA_WEEK_AFTER = Reading(
    "Den ekstra ferieuken også årene etter",
    "Reglementet gir den ekstra ferieuken til dem som når aldersgrensen i løpet av året. At den også gjelder "
    "årene etter, går bare frem av trekkregelen for dem over grensen. Kalkulatoren gir den ekstra ferieuken fra "
    "og med året den tillitsvalgte når grensen, og alle årene etter.",
    Q_HOLIDAY_WEEKS)

READINGS = (R_EXTRA_WEEK_AFTER, R_DEDUCTION_IN_THE_YEAR, R_K_DAYS_PER_YEAR, R_IN_FORCE)

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
    more = rules.holiday_weeks_senior - rules.holiday_weeks
    extra = f"{fmt.words(more)} ekstra ferieuke{'' if more == 1 else 'r'}"
    start = f"Den tillitsvalgte fyller {data.age} år i {data.year} og har {res.holiday_weeks} uker ferie"
    if data.age == rules.senior_age:
        return Finding("holiday-weeks", Level.INFO,
                       f"{start}: de som fyller {rules.senior_age} år i løpet av året, har rett til {extra} "
                       f"i tillegg til de vanlige {rules.holiday_weeks} ukene.", quotes=(Q_HOLIDAY_WEEKS,))
    if is_senior(data.age, rules):
        return Finding("holiday-weeks", Level.INFO,
                       f"{start}: {extra} fra og med året den tillitsvalgte fylte "
                       f"{rules.senior_age} år.", reading=R_EXTRA_WEEK_AFTER)
    return Finding("holiday-weeks", Level.INFO,
                   f"{start}. I året den tillitsvalgte fyller {rules.senior_age} år, kommer {extra} "
                   f"til, totalt {rules.holiday_weeks_senior} uker.", quotes=(Q_HOLIDAY_WEEKS,))


def deduction_finding(data: HolidayInput, res: HolidayResult, rules: RateGroup) -> Finding:
    age = rules.senior_age
    if data.age == age:
        message = (
            f"Det trekkes for {res.deduction_weeks} uker ferie. Etter reglementet trekkes det for "
            f"{rules.holiday_deduction_weeks} uker under {age} år og {rules.holiday_deduction_weeks_senior} uker "
            f"over {age} år, men reglementet sier ikke hva som gjelder i året den tillitsvalgte fyller {age}. "
            "Kalkulatoren bruker samme skille som for den ekstra ferieuken."
        )
    else:
        side = "over" if is_senior(data.age, rules) else "under"
        message = f"Det trekkes for {res.deduction_weeks} uker ferie, fordi den tillitsvalgte er {side} {age} år."
    return Finding("deduction-over-60", Level.INFO, message, quotes=(Q_DEDUCTION,),
                   reading=R_DEDUCTION_IN_THE_YEAR if data.age == age else None)


# What the regulation says of holidays and time off whatever the inputs.
TIME_OFF = (
    Finding("easter-christmas-off", Level.INFO,
            "I tillegg til ferie og K-dager er det fri i påske og jul. Avsnittet om ferie og K-dager sier "
            "«romjul og påske».", quotes=(Q_EASTER_CHRISTMAS, Q_ROMJUL)),
    Finding("standby-required", Level.INFO,
            "Når du tar ut ferie og fri, må beredskapen for henvendelser fra medlemmer og tillitsvalgte være "
            "sikret. Forbundet og avdelingene skal alltid være tilgjengelige for medlemmer og tillitsvalgte.",
            quotes=(Q_STANDBY, Q_AVAILABLE)),
    Finding("register-absence", Level.INFO,
            "Som tillitsvalgt registrerer du selv ferieuttak og K-dager i FOs elektroniske "
            "tidsregistreringssystem.", quotes=(Q_REGISTER,)),
)


def k_days_finding(res: HolidayResult) -> Finding:
    return Finding(
        "k-days", Level.INFO,
        f"Som kompensasjon for å være unntatt arbeidstidsbestemmelsene i arbeidsmiljøloven og ikke ha overtid, "
        f"får organisasjonstillitsvalgte {res.k_days} K-dager (kompensasjonsdager); avsnittet om arbeidstid sier "
        f"«inntil {res.k_days}». Kalkulatoren regner dem per år. K-dagene skal som prinsipp tas ut inneværende "
        "år: de overføres ikke til neste år og utbetales ikke. Avdelingene må legge til rette for at ferie og "
        "K-dager kan tas ut.",
        quotes=(Q_K_DAYS, Q_K_DAYS_UP_TO), reading=R_K_DAYS_PER_YEAR)


def last_year_covered(rates: RatesAt) -> int:
    """The last year of the landsmøteperiode the regulation applies for, as the calculator
    reads it: `fo.term_years` years from the year it takes effect (see `R_IN_FORCE`)."""
    return rates.value("fo.regulation_effective").year + rates.integer("fo.term_years") - 1


def in_force_finding(data: HolidayInput, rates: RatesAt) -> Finding | None:
    """Said when the year asked is after the landsmøteperiode the regulation applies for."""
    last = last_year_covered(rates)
    if data.year <= last:
        return None
    effective = rates.value("fo.regulation_effective")
    return Finding(
        "regulation-period", Level.INFO,
        f"Du spør om {data.year}. Reglementet gjelder fra {fmt.date_no(effective)} og for inneværende "
        "landsmøteperiode, men oppgir ingen sluttdato. En landsmøteperiode er "
        f"{fmt.words(rates.integer('fo.term_years'))} år, så etter kalkulatorens lesning dekker reglementet årene "
        f"til og med {last}. Reglementet skal vurderes i starten av hver landsmøteperiode, og reglene for "
        f"{data.year} kan bli andre enn dem kalkulatoren bruker.",
        quotes=(Q_EFFECTIVE, Q_TERM, Q_REVIEW), reading=R_IN_FORCE)


def findings(data: HolidayInput, res: HolidayResult, rates: RatesAt) -> list[Finding]:
    rules = rates.group("fo")
    period = in_force_finding(data, rates)
    return [
        *([period] if period else []),
        holiday_weeks_finding(data, res, rules),
        deduction_finding(data, res, rules),
        k_days_finding(res),
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
    return f"Ferie: {r['holiday_weeks']} uker og {r['k_days']} K-dager."


CALCULATOR = Calculator.declare(globals(), name="fo_holidays", title="Ferie og K-dager", source="regulation",
                                order=50)
