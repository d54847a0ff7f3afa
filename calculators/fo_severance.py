"""Severance pay (etterlønn) for FO's paid officials (`fo_severance`).

Source: FO's regulation for paid elected officials, «Etterlønn»: up to three months may be
applied for when needed; beyond three months only in special cases for officials who have
held office for several consecutive terms, and landsstyret is informed of such agreements.
Conditions: leave from other work applied for until the end of the term; documentation of
contact with the employer about leave attached; the severance is the only income in the
period; work duty may be attached; it is not meant for training the successor.
Administrativ ledelse handles the agreements for the national leadership; a department
board that grants severance pays it from the department's budget; landsstyret is the
appeal body.

Inputs: `monthly_pay` (> 0), `months` (whole months, 1–`MONTHS_MAX`), optional
`consecutive_terms` (whole terms ≥ 1, default 1).
Result: `months_standard` (min(months, 3)), `amount_standard`, `amount_requested`.
Finding `beyond-three-months` when months > 3: a warning, or an error when fewer than two
consecutive terms («flere sammenhengende valgperioder»).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import fmt
from .declare import INTEGER, Calculator, Computation, Fact, Facts, Field, Step, read_into
from .fields import Reader
from .rates import RateGroup, RatesAt
from .result import Finding, Level

# Input bounds (sanity checks on what a person types, not rules of the regulation).
MONTHS_MAX = 36
TERMS_MAX = 20

MONTHLY_PAY = Field("monthly_pay", "Lønn per måned (kr)", positive=True, plausible=200_000)
MONTHS = Field("months", "Måneder med etterlønn det søkes om", INTEGER, minimum=1, maximum=MONTHS_MAX,
               example="3", inputmode="numeric")
CONSECUTIVE_TERMS = Field("consecutive_terms", "Sammenhengende valgperioder i vervet", INTEGER,
                          required=False, minimum=1, maximum=TERMS_MAX, example="2",
                          inputmode="numeric", hint="Tomt felt betyr 1.")
FIELDS = (MONTHLY_PAY, MONTHS, CONSECUTIVE_TERMS)
EXAMPLE = {"monthly_pay": "50 000", "months": "3", "consecutive_terms": "1"}

SECTION = "«Etterlønn»"


@dataclass(frozen=True)
class SeveranceInput:
    monthly_pay: Decimal
    months: int
    consecutive_terms: int = 1   # left blank: one term


@dataclass(frozen=True)
class SeveranceResult:
    monthly_pay: Decimal
    months: int
    months_standard: int
    amount_standard: Decimal
    amount_requested: Decimal


# -- rules -------------------------------------------------------------------------

def standard_months(months: int, rules: RateGroup) -> int:
    """Up to three months may be applied for when needed."""
    return min(months, rules.max_months)


def severance_amount(monthly_pay: Decimal, months: int) -> Decimal:
    """Monthly pay × months, one line rounded to øre."""
    return fmt.round_ore(monthly_pay * months)


def beyond_three_months(months: int, rules: RateGroup) -> bool:
    return months > rules.max_months


def several_consecutive_terms(consecutive_terms: int, rules: RateGroup) -> bool:
    """«flere sammenhengende valgperioder»: two or more."""
    return consecutive_terms >= rules.min_consecutive_terms


def calculate(data: SeveranceInput, rates: RatesAt) -> SeveranceResult:
    rules = rates.group("fo.severance")
    months = standard_months(data.months, rules)
    return SeveranceResult(
        monthly_pay=fmt.round_ore(data.monthly_pay),
        months=data.months,
        months_standard=months,
        amount_standard=severance_amount(data.monthly_pay, months),
        amount_requested=severance_amount(data.monthly_pay, data.months),
    )


# -- findings ----------------------------------------------------------------------

def terms_text(terms: int) -> str:
    return "én valgperiode" if terms == 1 else f"{terms} sammenhengende valgperioder"


def beyond_three_months_finding(data: SeveranceInput, res: SeveranceResult,
                                rules: RateGroup) -> Finding:
    n = rules.max_months
    if several_consecutive_terms(data.consecutive_terms, rules):
        return Finding(
            "beyond-three-months", Level.WARNING,
            f"Det er søkt om {data.months} måneder ({fmt.kr(res.amount_requested)}). Normalt kan det "
            f"søkes om inntil {n} måneders etterlønn. For tillitsvalgte med verv i flere "
            f"sammenhengende valgperioder kan etterlønn utover {n} måneder innvilges bare i særskilte "
            f"tilfeller, og landsstyret skal orienteres om slike avtaler ({SECTION}).")
    return Finding(
        "beyond-three-months", Level.ERROR,
        f"Det er søkt om {data.months} måneder, men etterlønn utover {n} måneder kan bare innvilges "
        f"(i særskilte tilfeller) til tillitsvalgte som har hatt verv i flere sammenhengende "
        f"valgperioder. Med {terms_text(data.consecutive_terms)} er grensen {n} måneder, "
        f"{fmt.kr(res.amount_standard)} ({SECTION}).")


# The conditions and the handling the regulation states, one finding each.
CONDITIONS = (
    Finding("leave-from-other-work", Level.INFO,
            "Det forutsettes at den tillitsvalgte har søkt permisjon fra annen jobb frem til "
            f"valgperioden er slutt ({SECTION})."),
    Finding("employer-contact-documented", Level.INFO,
            "Søknaden om etterlønn skal ha vedlagt dokumentasjon på kontakt med arbeidsgiveren "
            f"om permisjon ({SECTION})."),
    Finding("only-income", Level.INFO,
            f"Etterlønnen forutsettes å være eneste inntekt i perioden ({SECTION})."),
    Finding("work-duty", Level.INFO,
            f"Det kan knyttes arbeidsplikt til etterlønnen ({SECTION})."),
    Finding("not-for-successor-training", Level.INFO,
            "Etterlønnen er ikke ment til opplæring av den som tar over vervet. Behovet for "
            "overlapping når tillitsvalgte byttes, vurderes og finansieres av hver enkelt "
            f"avdeling ({SECTION})."),
    Finding("who-handles", Level.INFO,
            "Administrativ ledelse er saksbehandler for avtaler om etterlønn til "
            "forbundsledelsen. Innvilger styret i en avdeling etterlønn, forutsettes den dekket "
            f"over avdelingens budsjett ({SECTION})."),
    Finding("appeal-body", Level.INFO,
            f"Landsstyret er ankeinstans ({SECTION})."),
)


def findings(data: SeveranceInput, res: SeveranceResult, rates: RatesAt) -> list[Finding]:
    rules = rates.group("fo.severance")
    out = []
    if beyond_three_months(data.months, rules):
        out.append(beyond_three_months_finding(data, res, rules))
    out.append(Finding(
        "up-to-three-months", Level.INFO,
        f"Ved behov kan det søkes om inntil {fmt.words(rules.max_months)} måneders etterlønn ({SECTION}). "
        "Reglementet sier ikke hvor mye etterlønnen er per måned; kalkulatoren regner månedslønnen du "
        f"oppgir × antall måneder: {fmt.kr(data.monthly_pay)} × {res.months_standard} = "
        f"{fmt.kr(res.amount_standard)}."))
    return out + list(CONDITIONS)


# -- boundary ----------------------------------------------------------------------

def read(r: Reader, rates: RatesAt) -> SeveranceInput | None:
    return read_into(r, SeveranceInput, MONTHLY_PAY, MONTHS, CONSECUTIVE_TERMS)


def steps(r: dict) -> list[Step]:
    out = [Step(f"{fmt.kr(r['monthly_pay'])} × {r['months_standard']} måneder = {fmt.kr(r['amount_standard'])}",
                ("fo.severance.max_months",))]
    if r["months"] != r["months_standard"]:
        out.append(Step(f"{fmt.kr(r['monthly_pay'])} × {r['months']} måneder = {fmt.kr(r['amount_requested'])}",
                        ("fo.severance.min_consecutive_terms",)))
    return out


DISPLAY = (Facts((
    Fact("Måneder innenfor normalordningen", "months_standard", "months"),
    Fact("Etterlønn for disse månedene", "amount_standard", "money"),
    Fact("Etterlønn for alle månedene det søkes om", "amount_requested", "money"),
)), Computation(steps))


def summary(r: dict) -> str:
    return f"Etterlønn innenfor normalordningen: {fmt.kr(r['amount_standard'])}."


CALCULATOR = Calculator.declare(globals(), name="fo_severance", title="Etterlønn", source="regulation", order=70)
