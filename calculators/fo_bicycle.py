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

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import fmt
from .fields import Errors, Reader
from .rates import Rates
from .rates import load as load_rates
from .result import Finding, Level, failure, success

LABELS = {
    "km": "Kilometer",
    "trips": "Turer på sykkel i vervet",
}


def trip_label(index: int) -> str:
    return f"Kilometer for tur {index + 1}"


@dataclass(frozen=True)
class BicycleRules:
    rate: Decimal

    @classmethod
    def from_rates(cls, rates: Rates) -> BicycleRules:
        return cls(rate=rates.decimal("fo.bicycle.rate"))


@dataclass(frozen=True)
class BicycleInput:
    trips: tuple[Decimal, ...]  # one entry when a single total was given


@dataclass(frozen=True)
class BicycleResult:
    km: Decimal
    rate: Decimal
    amount: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "km": km_str(self.km),
            "rate": fmt.money_str(self.rate),
            "amount": fmt.money_str(self.amount),
        }


def km_str(km: Decimal) -> str:
    """Exact decimal string without exponent or trailing zeros: `12.5`, `100`, `0`."""
    text = format(km.normalize(), "f") if km != 0 else "0"
    return text


# -- rules -------------------------------------------------------------------------

def total_km(trips: tuple[Decimal, ...]) -> Decimal:
    return sum(trips, Decimal(0))


def bicycle_allowance(km: Decimal, rules: BicycleRules) -> Decimal:
    """3 kr per km, one line rounded to øre."""
    return fmt.round_ore(km * rules.rate)


def calculate(data: BicycleInput, rules: BicycleRules) -> BicycleResult:
    km = total_km(data.trips)
    return BicycleResult(km=km, rate=rules.rate, amount=bicycle_allowance(km, rules))


# -- findings ----------------------------------------------------------------------

def travel_claim_finding(rules: BicycleRules) -> Finding:
    return Finding(
        "travel-claim",
        Level.INFO,
        f"Sykkelgodtgjørelsen er {fmt.kr(rules.rate)} per km når sykkel brukes i forbindelse med "
        f"oppdrag i vervet. Det må sendes reiseregning på samme måte som for andre reiser "
        f"(«Sykkelgodtgjørelse»).",
    )


def findings(rules: BicycleRules) -> list[Finding]:
    return [travel_claim_finding(rules)]


# -- boundary ----------------------------------------------------------------------

def _trips_given(raw: object) -> bool:
    return not (raw is None or raw == "" or raw == [])


def _read_trips(r: Reader) -> tuple[Decimal, ...] | None:
    items = r.values("trips", LABELS["trips"])
    if items is None:
        return None
    values = [reader.decimal(key, trip_label(i)) for i, (reader, key) in enumerate(items)]
    if any(v is None for v in values):
        return None
    return tuple(v for v in values if v is not None)


def read(inputs: object) -> tuple[BicycleInput | None, Errors]:
    r = Reader(inputs)
    has_km = r.present("km")
    has_trips = _trips_given(r.data.get("trips"))
    trips: tuple[Decimal, ...] | None = None
    if has_km and has_trips:
        r.fail("km", LABELS["km"],
               f"kan ikke fylles ut sammen med «{LABELS['trips']}»: oppgi enten samlet antall "
               f"kilometer eller kilometer per tur")
    elif has_trips:
        trips = _read_trips(r)
    elif has_km:
        km = r.decimal("km", LABELS["km"])
        trips = (km,) if km is not None else None
    else:  # the form has only the trip list, so the message goes there
        r.fail("trips", LABELS["trips"],
               f"må ha minst én tur (eller oppgi samlet antall i «{LABELS['km']}»)")
    if r.errors or trips is None:
        return None, r.errors
    return BicycleInput(trips=trips), r.errors


def run(inputs: object, rates: Rates | None = None) -> dict[str, Any]:
    data, errors = read(inputs)
    if data is None:
        return failure(errors)
    rules = BicycleRules.from_rates(rates if rates is not None else load_rates())
    return success(calculate(data, rules).as_dict(), findings(rules))
