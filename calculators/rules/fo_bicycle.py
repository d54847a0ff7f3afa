"""Bicycle allowance for FO's paid officials (`fo_bicycle`).

Source: FO's regulation for paid elected officials, «Sykkelgodtgjørelse»: 3 kr per km
cycled on assignments in the office; a travel claim (reiseregning) is sent as for
other trips.

Inputs: exactly one of `km` (one number ≥ 0) or `trips` (a list of km per trip; an
error in one trip is reported at `trips[i]`). An empty list counts as not filled in;
with neither, the error is reported at `trips` (the form's field), with both at `km`.
Result: `km` (the total, as an exact decimal string without trailing zeros), `rate`,
`amount` (total km × rate, rounded to øre once: the claim is one line).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..machinery import fmt
from ..machinery.declare import VALUES, Calculator, Computation, Fact, Facts, Field, Step, read_field
from ..machinery.encode import NUMBER
from ..machinery.evidence import regulation
from ..machinery.fields import Reader
from ..machinery.rates import RateGroup, RatesAt
from ..machinery.result import Finding, Level

Q_BICYCLE = regulation(
    "sykkelgodtgjorelse-1",
    "Det etableres en ordning for sykkelgodtgjørelse ved bruk av sykkel i forbindelse med oppdrag i vervet. "
    "Sykkelgodtgjørelsen fastsettes til kr 3,- pr km. Det må sendes reiseregning på lik linje med øvrige reiser.")

KM = Field("km", "Kilometer", required=False)
TRIP_KM = Field("trips", "Kilometer for tur")   # one trip's km; its message adds the trip number
TRIPS = Field("trips", "Turer på sykkel i vervet", VALUES, required=False, fields=(TRIP_KM,),
              row_label="Tur", add_label="Legg til tur",
              hint=lambda rates: ("Én rad per tur, med kilometer. Godtgjørelsen er "
                                  f"{fmt.kr(rates.decimal('fo.bicycle.rate'))} per km."))
FIELDS = (KM, TRIPS)
EXAMPLE = {"trips": ["12", "8,5"]}


def trip_label(index: int) -> str:
    return f"{TRIP_KM.label}{trip_suffix(index)}"


def trip_suffix(index: int) -> str:
    """How a message names trip `index` (0-based) after the label: « 2»."""
    return f" {index + 1}"


@dataclass(frozen=True)
class BicycleInput:
    trips: tuple[Decimal, ...]  # one entry when a single total was given


@dataclass(frozen=True)
class BicycleResult:
    km: Decimal = field(metadata=NUMBER)   # the exact total: `12.5`, `100`, `0`
    rate: Decimal
    amount: Decimal


# -- rules -------------------------------------------------------------------------

def total_km(trips: tuple[Decimal, ...]) -> Decimal:
    return sum(trips, Decimal(0))


def bicycle_allowance(km: Decimal, rules: RateGroup) -> Decimal:
    """3 kr per km, one line rounded to øre."""
    return fmt.round_ore(km * rules.rate)


def calculate(data: BicycleInput, rates: RatesAt) -> BicycleResult:
    rules = rates.group("fo.bicycle")
    km = total_km(data.trips)
    return BicycleResult(km=km, rate=rules.rate, amount=bicycle_allowance(km, rules))


# -- findings ----------------------------------------------------------------------

def findings(data: BicycleInput, res: BicycleResult, rates: RatesAt) -> list[Finding]:
    return [Finding("travel-claim", Level.INFO,
                    f"Sykkelgodtgjørelsen er {fmt.kr(res.rate)} per km når du bruker sykkel i forbindelse med "
                    "oppdrag i vervet. Send reiseregning på samme måte som for andre reiser.",
                    quotes=(Q_BICYCLE,))]


# -- boundary ----------------------------------------------------------------------

def _trips_given(raw: object) -> bool:
    return not (raw is None or raw == "" or raw == [])


def _read_trips(r: Reader) -> tuple[Decimal, ...] | None:
    items = read_field(r, TRIPS)
    if items is None:
        return None
    values = [read_field(reader, replace(TRIP_KM, key=key), trip_suffix(i))
              for i, (reader, key) in enumerate(items)]
    if any(v is None for v in values):
        return None
    return tuple(v for v in values if v is not None)


def read(r: Reader, rates: RatesAt) -> BicycleInput | None:
    has_km = r.present(KM.key)
    has_trips = _trips_given(r.data.get(TRIPS.key))
    trips: tuple[Decimal, ...] | None = None
    if has_km and has_trips:
        r.fail(KM.key, KM.label,
               f"kan ikke fylles ut sammen med «{TRIPS.label}»: oppgi enten samlet antall "
               f"kilometer eller kilometer per tur")
    elif has_trips:
        trips = _read_trips(r)
    elif has_km:
        km = read_field(r, KM)
        trips = (km,) if km is not None else None
    else:  # the form has only the trip list, so the message goes there
        r.fail(TRIPS.key, TRIPS.label,
               f"må ha minst én tur (eller oppgi samlet antall i «{KM.label}»)")
    if r.errors or trips is None:
        return None
    return BicycleInput(trips=trips)


DISPLAY = (
    Facts((Fact("Kilometer i alt", "km", "km"), Fact("Sats per km", "rate", "money"),
           Fact("Sykkelgodtgjørelse", "amount", "money"))),
    Computation(lambda r: [Step(f"{fmt.number(Decimal(r['km']))} km × {fmt.kr(r['rate'])} = {fmt.kr(r['amount'])}",
                                ("fo.bicycle.rate",))]),
)


def summary(r: dict) -> str:
    return f"Sykkelgodtgjørelse: {fmt.kr(r['amount'])}."


CALCULATOR = Calculator.declare(globals(), name="fo_bicycle", title="Sykkelgodtgjørelse", source="regulation",
                                order=55, template="fo_bicycle")
