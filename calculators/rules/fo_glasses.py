"""Computer glasses for FO's paid officials (`fo_glasses`).

Source: FO's regulation for paid elected officials, «Arbeidsmiljø»: once an optician or
eye doctor has confirmed the need for computer glasses (terminalbriller), the eye
examination, the lenses and the fitting are covered; the frame is covered up to 2 000 kr.

Inputs: `confirmed_need` (yes/no: `true`/`false`, `"ja"`/`"nei"`; left out it reads as
no, like an unticked box, and the warning `need-not-confirmed` says what that means),
`frame_price` (≥ 0), optional `exam_cost`, `lens_cost`, `fitting_cost` (≥ 0, default 0).
Result: `frame_covered`, `other_covered`, `covered_total`, `own_share` (what is not covered;
the regulation does not say who pays it).

Two lines, each rounded to øre once: the frame, and the other costs (exam + lenses +
fitting). The frame line splits into what is covered and the own share above the cap;
`covered_total` is the sum of the covered lines, so covered_total + own_share is always
the sum of the two lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..machinery import fmt
from ..machinery.declare import BOOLEAN, Calculator, Computation, Fact, Facts, Field, Step, read_into
from ..machinery.evidence import Reading, regulation
from ..machinery.fields import Reader
from ..machinery.rates import RateGroup, RatesAt
from ..machinery.result import Finding, Level

ZERO = Decimal("0.00")

Q_GLASSES = regulation(
    "arbeidsmiljo-4",
    "Utgifter til synsundersøkelse, brilleglass og montering dekkes etter bekreftelse på behov for databrille "
    "(terminalbrille) fra optiker/øyelege. Innfatning dekkes med inntil kr 2000,-")
Q_CONFIRMED = regulation(
    "arbeidsmiljo-4", "dekkes etter bekreftelse på behov for databrille (terminalbrille) fra optiker/øyelege")
Q_FRAME = regulation("arbeidsmiljo-4", "Innfatning dekkes med inntil kr 2000,-")

R_NOTHING_BEFORE = Reading(
    "Uten bekreftet behov",
    "Reglementet sier at utgiftene dekkes etter bekreftelse på behovet. Uten bekreftelse regner kalkulatoren "
    "at ingenting dekkes.",
    Q_CONFIRMED)
R_FRAME_PRICE = Reading(
    "Innfatningen",
    "Grensen for innfatningen gjelder prisen på innfatningen alene; synsundersøkelse, glass og montering "
    "dekkes fullt ut ved siden av.",
    Q_GLASSES)

READINGS = (R_NOTHING_BEFORE, R_FRAME_PRICE)

# Said wherever the calculator shows what is not covered.
WHO_PAYS_THE_REST = "Reglementet sier ikke hvem som betaler resten."

# Left out, the box reads as unticked (no): see the module docstring.
CONFIRMED_NEED = Field("confirmed_need", "Optiker eller øyelege har bekreftet behov for databriller",
                       BOOLEAN, required=False)
FRAME_PRICE = Field("frame_price", "Pris for innfatning (kr)", plausible=50_000)
EXAM_COST = Field("exam_cost", "Synsundersøkelse (kr)", required=False, hint="Tomt felt betyr 0.", plausible=50_000)
LENS_COST = Field("lens_cost", "Brilleglass (kr)", required=False, hint="Tomt felt betyr 0.", plausible=50_000)
FITTING_COST = Field("fitting_cost", "Montering (kr)", required=False, hint="Tomt felt betyr 0.", plausible=50_000)
FIELDS = (CONFIRMED_NEED, FRAME_PRICE, EXAM_COST, LENS_COST, FITTING_COST)
EXAMPLE = {"confirmed_need": True, "frame_price": "2 500", "exam_cost": "600", "lens_cost": "1 800",
           "fitting_cost": "0"}


@dataclass(frozen=True)
class GlassesInput:
    confirmed_need: bool
    frame_price: Decimal
    exam_cost: Decimal = Decimal(0)     # a blank optional cost is 0
    lens_cost: Decimal = Decimal(0)
    fitting_cost: Decimal = Decimal(0)


@dataclass(frozen=True)
class GlassesResult:
    frame_price: Decimal
    frame_covered: Decimal
    other_covered: Decimal
    covered_total: Decimal
    own_share: Decimal


# -- rules -------------------------------------------------------------------------

def frame_line(data: GlassesInput) -> Decimal:
    return fmt.round_ore(data.frame_price)


def other_costs_line(data: GlassesInput) -> Decimal:
    """Eye examination, lenses and fitting: one line."""
    return fmt.round_ore(data.exam_cost + data.lens_cost + data.fitting_cost)


def frame_coverage(frame: Decimal, confirmed_need: bool, rules: RateGroup) -> Decimal:
    """The frame up to 2 000 kr, once the need is confirmed."""
    return min(frame, rules.frame_cap) if confirmed_need else ZERO


def other_coverage(other: Decimal, confirmed_need: bool) -> Decimal:
    """Examination, lenses and fitting in full, once the need is confirmed."""
    return other if confirmed_need else ZERO


def calculate(data: GlassesInput, rates: RatesAt) -> GlassesResult:
    rules = rates.group("fo.glasses")
    frame = frame_line(data)
    other = other_costs_line(data)
    frame_covered = frame_coverage(frame, data.confirmed_need, rules)
    other_covered = other_coverage(other, data.confirmed_need)
    covered_total = frame_covered + other_covered
    return GlassesResult(
        frame_price=frame,
        frame_covered=frame_covered,
        other_covered=other_covered,
        covered_total=covered_total,
        own_share=frame + other - covered_total,
    )


# -- findings ----------------------------------------------------------------------

def findings(data: GlassesInput, res: GlassesResult, rates: RatesAt) -> list[Finding]:
    rules = rates.group("fo.glasses")
    out = []
    if not data.confirmed_need:
        out.append(Finding("need-not-confirmed", Level.WARNING,
                           "Utgiftene dekkes først når optiker eller øyelege har bekreftet behov for databriller "
                           f"(terminalbriller). Uten slik bekreftelse dekkes ingenting av {fmt.kr(res.own_share)}. "
                           + WHO_PAYS_THE_REST, reading=R_NOTHING_BEFORE))
    elif res.own_share > 0:
        out.append(Finding("frame-over-cap", Level.INFO,
                           f"Innfatningen koster {fmt.kr(data.frame_price)}. Reglementet dekker innfatning med "
                           f"inntil {fmt.kr(rules.frame_cap)}, så {fmt.kr(res.own_share)} dekkes ikke. "
                           + WHO_PAYS_THE_REST, quotes=(Q_FRAME,)))
    out.append(Finding("glasses-coverage", Level.INFO,
                       f"Når optiker eller øyelege har bekreftet behov for databriller (terminalbriller), dekkes "
                       f"synsundersøkelse, brilleglass og montering. Innfatningen dekkes med inntil "
                       f"{fmt.kr(rules.frame_cap)}.", quotes=(Q_GLASSES,)))
    return out


# -- boundary ----------------------------------------------------------------------

def read(r: Reader, rates: RatesAt) -> GlassesInput | None:
    return read_into(r, GlassesInput, CONFIRMED_NEED, FRAME_PRICE, EXAM_COST, LENS_COST, FITTING_COST)


def steps(r: dict) -> list[Step]:
    return [
        Step(f"Innfatning: {fmt.kr(r['frame_price'])}, dekket inntil grensen = {fmt.kr(r['frame_covered'])}",
             ("fo.glasses.frame_cap",)),
        Step(f"Dekket i alt: {fmt.kr(r['frame_covered'])} + {fmt.kr(r['other_covered'])} = "
             f"{fmt.kr(r['covered_total'])}"),
    ]


DISPLAY = (Facts((
    Fact("Innfatning dekket", "frame_covered", "money"),
    Fact("Synsundersøkelse, glass og montering dekket", "other_covered", "money"),
    Fact("Dekkes i alt", "covered_total", "money"),
    Fact("Dekkes ikke", "own_share", "money"),
)), Computation(steps))


def summary(r: dict) -> str:
    return f"Dekkes i alt: {fmt.kr(r['covered_total'])}."


CALCULATOR = Calculator.declare(globals(), name="fo_glasses", title="Databriller", source="regulation", order=75)
