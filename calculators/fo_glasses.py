"""Computer glasses for FO's paid officials (`fo_glasses`).

Source: FO's regulation for paid elected officials, «Arbeidsmiljø»: once an optician or
eye doctor has confirmed the need for computer glasses (terminalbriller), the eye
examination, the lenses and the fitting are covered; the frame is covered up to 2 000 kr.

Inputs: `confirmed_need` (yes/no: `true`/`false`, `"ja"`/`"nei"`; left out it reads as
no, like an unticked box, and the warning `need-not-confirmed` says what that means),
`frame_price` (≥ 0), optional `exam_cost`, `lens_cost`, `fitting_cost` (≥ 0, default 0).
Result: `frame_covered`, `other_covered`, `covered_total`, `own_share`.

Two lines, each rounded to øre once: the frame, and the other costs (exam + lenses +
fitting). The frame line splits into what is covered and the own share above the cap;
`covered_total` is the sum of the covered lines, so covered_total + own_share is always
the sum of the two lines.
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

ZERO = Decimal("0.00")

LABELS = {
    "confirmed_need": "Optiker eller øyelege har bekreftet behov for databriller",
    "frame_price": "Pris for innfatning (kr)",
    "exam_cost": "Synsundersøkelse (kr)",
    "lens_cost": "Brilleglass (kr)",
    "fitting_cost": "Montering (kr)",
}


@dataclass(frozen=True)
class GlassesRules:
    frame_cap: Decimal

    @classmethod
    def from_rates(cls, rates: Rates) -> GlassesRules:
        return cls(frame_cap=rates.decimal("fo.glasses.frame_cap"))


@dataclass(frozen=True)
class GlassesInput:
    confirmed_need: bool
    frame_price: Decimal
    exam_cost: Decimal
    lens_cost: Decimal
    fitting_cost: Decimal


@dataclass(frozen=True)
class GlassesResult:
    frame_covered: Decimal
    other_covered: Decimal
    covered_total: Decimal
    own_share: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "frame_covered": fmt.money_str(self.frame_covered),
            "other_covered": fmt.money_str(self.other_covered),
            "covered_total": fmt.money_str(self.covered_total),
            "own_share": fmt.money_str(self.own_share),
        }


# -- rules -------------------------------------------------------------------------

def frame_line(data: GlassesInput) -> Decimal:
    return fmt.round_ore(data.frame_price)


def other_costs_line(data: GlassesInput) -> Decimal:
    """Eye examination, lenses and fitting: one line."""
    return fmt.round_ore(data.exam_cost + data.lens_cost + data.fitting_cost)


def frame_coverage(frame: Decimal, confirmed_need: bool, rules: GlassesRules) -> Decimal:
    """The frame up to 2 000 kr, once the need is confirmed."""
    return min(frame, rules.frame_cap) if confirmed_need else ZERO


def other_coverage(other: Decimal, confirmed_need: bool) -> Decimal:
    """Examination, lenses and fitting in full, once the need is confirmed."""
    return other if confirmed_need else ZERO


def calculate(data: GlassesInput, rules: GlassesRules) -> GlassesResult:
    frame = frame_line(data)
    other = other_costs_line(data)
    frame_covered = frame_coverage(frame, data.confirmed_need, rules)
    other_covered = other_coverage(other, data.confirmed_need)
    covered_total = frame_covered + other_covered
    return GlassesResult(
        frame_covered=frame_covered,
        other_covered=other_covered,
        covered_total=covered_total,
        own_share=frame + other - covered_total,
    )


# -- findings ----------------------------------------------------------------------

def coverage_finding(rules: GlassesRules) -> Finding:
    return Finding(
        "glasses-coverage",
        Level.INFO,
        f"Når optiker eller øyelege har bekreftet behov for databriller (terminalbriller), dekkes "
        f"synsundersøkelse, brilleglass og montering. Innfatningen dekkes med inntil "
        f"{fmt.kr(rules.frame_cap)} («Arbeidsmiljø»).",
    )


def need_not_confirmed_finding(res: GlassesResult) -> Finding:
    return Finding(
        "need-not-confirmed",
        Level.WARNING,
        f"Utgiftene dekkes først når optiker eller øyelege har bekreftet behov for databriller "
        f"(terminalbriller). Uten slik bekreftelse dekkes ingenting, og hele beløpet, "
        f"{fmt.kr(res.own_share)}, må betales selv («Arbeidsmiljø»).",
    )


def frame_over_cap_finding(data: GlassesInput, res: GlassesResult, rules: GlassesRules) -> Finding:
    return Finding(
        "frame-over-cap",
        Level.INFO,
        f"Innfatningen koster {fmt.kr(data.frame_price)}. Av dette dekkes {fmt.kr(res.frame_covered)}, "
        f"og {fmt.kr(res.own_share)} over grensen på {fmt.kr(rules.frame_cap)} må betales selv "
        f"(«Arbeidsmiljø»).",
    )


def findings(data: GlassesInput, res: GlassesResult, rules: GlassesRules) -> list[Finding]:
    out = []
    if not data.confirmed_need:
        out.append(need_not_confirmed_finding(res))
    elif res.own_share > 0:
        out.append(frame_over_cap_finding(data, res, rules))
    out.append(coverage_finding(rules))
    return out


# -- boundary ----------------------------------------------------------------------

def read(inputs: object) -> tuple[GlassesInput | None, Errors]:
    r = Reader(inputs)
    confirmed = r.boolean("confirmed_need", LABELS["confirmed_need"], default=False)
    frame = r.decimal("frame_price", LABELS["frame_price"])
    optional = {
        key: r.decimal(key, LABELS[key], required=False)
        for key in ("exam_cost", "lens_cost", "fitting_cost")
    }
    if r.errors or confirmed is None or frame is None:
        return None, r.errors
    zero = Decimal(0)
    return GlassesInput(
        confirmed_need=confirmed,
        frame_price=frame,
        exam_cost=optional["exam_cost"] if optional["exam_cost"] is not None else zero,
        lens_cost=optional["lens_cost"] if optional["lens_cost"] is not None else zero,
        fitting_cost=optional["fitting_cost"] if optional["fitting_cost"] is not None else zero,
    ), r.errors


def run(inputs: object, rates: Rates | None = None) -> dict[str, Any]:
    data, errors = read(inputs)
    if data is None:
        return failure(errors)
    rules = GlassesRules.from_rates(rates if rates is not None else load_rates())
    res = calculate(data, rules)
    return success(res.as_dict(), findings(data, res, rules))
