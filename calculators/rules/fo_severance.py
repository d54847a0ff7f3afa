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

from ..machinery import fmt
from ..machinery.declare import INTEGER, Calculator, Computation, Fact, Facts, Field, Step, read_into
from ..machinery.evidence import Reading, regulation
from ..machinery.fields import Reader
from ..machinery.rates import RateGroup, RatesAt
from ..machinery.result import Finding, Level

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

Q_LEAVE = regulation("etterlonn-1",
                     "Det forutsettes at det søkes permisjon fra annen jobb frem til utløpet av valgperioden.")
Q_UP_TO = regulation("etterlonn-1", "Det kan ved behov søkes om inntil tre måneders etterlønn.")
Q_DOCUMENTATION = regulation(
    "etterlonn-1", "Dokumentasjon på kontakt med arbeidsgiver om permisjon vedlegges søknad om etterlønn.")
Q_ONLY_INCOME = regulation("etterlonn-1", "Etterlønnen forutsettes som eneste inntekt i perioden.")
Q_WORK_DUTY = regulation("etterlonn-1", "Det kan knyttes arbeidsplikt til etterlønn.")
Q_BEYOND = regulation(
    "etterlonn-2",
    "For tillitsvalgte som har hatt verv i flere sammenhengende valgperioder kan det i særskilte tilfeller "
    "innvilges etterlønn utover tre måneder.")
Q_INFORM = regulation("etterlonn-2", "Landsstyret skal orienteres om avtaler om etterlønn utover tre måneder.")
Q_NOT_FOR_TRAINING = regulation(
    "etterlonn-3",
    "Etterlønnen er ikke ment å benyttes til opplæring av den som skal ta over vervet. Behovet for overlapping "
    "ved bytte av tillitsvalgte vurderes og finansieres av hver enkelt avdeling.")
Q_HANDLING = regulation(
    "etterlonn-4",
    "Administrativ ledelse er saksbehandler for avtalene om etterlønn til forbundsledelsen. Dersom styret i en "
    "avdeling innvilger etterlønn forutsettes dette dekket over avdelingens budsjett.")
Q_APPEAL = regulation("etterlonn-4", "Landsstyret er ankeinstans.")

R_PER_MONTH = Reading(
    "Etterlønn per måned",
    "Reglementet sier ikke hvor mye etterlønnen er per måned. Kalkulatoren regner månedslønnen du oppgir, "
    "ganget med antall måneder.",
    Q_UP_TO)
R_SEVERAL_TERMS = Reading(
    "«Flere sammenhengende valgperioder»",
    "Kalkulatoren leser «flere» som minst to sammenhengende valgperioder. Søker du om flere måneder enn "
    "normalordningen gir, med færre valgperioder, må det rettes; med minst to er det en advarsel, fordi "
    "etterlønnen utover normalordningen bare kan innvilges i særskilte tilfeller. Kalkulatoren viser beløpet "
    "både for månedene innenfor normalordningen og for alle månedene du søker om.",
    Q_BEYOND)

READINGS = (R_PER_MONTH, R_SEVERAL_TERMS)


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
    return "én valgperiode" if terms == 1 else f"{fmt.words(terms)} sammenhengende valgperioder"


def beyond_three_months_finding(data: SeveranceInput, res: SeveranceResult,
                                rules: RateGroup) -> Finding:
    n = fmt.words(rules.max_months)
    if several_consecutive_terms(data.consecutive_terms, rules):
        return Finding(
            "beyond-three-months", Level.WARNING,
            f"Du søker om {fmt.words(data.months)} måneder ({fmt.kr(res.amount_requested)}). Ved behov kan du søke "
            f"om inntil {n} måneders etterlønn. Har du hatt verv i flere sammenhengende valgperioder, kan "
            f"etterlønn utover {n} måneder innvilges i særskilte tilfeller, og landsstyret skal orienteres om "
            "slike avtaler.", quotes=(Q_INFORM,), reading=R_SEVERAL_TERMS)
    return Finding(
        "beyond-three-months", Level.ERROR,
        f"Du søker om {fmt.words(data.months)} måneder, men etterlønn utover {n} måneder kan bare innvilges, i "
        "særskilte tilfeller, til tillitsvalgte som har hatt verv i flere sammenhengende valgperioder. Med "
        f"{terms_text(data.consecutive_terms)} er grensen {n} måneder, {fmt.kr(res.amount_standard)}.",
        reading=R_SEVERAL_TERMS)


# The conditions and the handling the regulation states, one finding each.
CONDITIONS = (
    Finding("leave-from-other-work", Level.INFO,
            "Reglementet forutsetter at du har søkt permisjon fra annen jobb frem til valgperioden er slutt.",
            quotes=(Q_LEAVE,)),
    Finding("employer-contact-documented", Level.INFO,
            "Legg ved dokumentasjon på kontakt med arbeidsgiveren om permisjon når du søker om etterlønn.",
            quotes=(Q_DOCUMENTATION,)),
    Finding("only-income", Level.INFO,
            "Reglementet forutsetter at etterlønnen er din eneste inntekt i perioden.", quotes=(Q_ONLY_INCOME,)),
    Finding("work-duty", Level.INFO,
            "Det kan knyttes arbeidsplikt til etterlønnen.", quotes=(Q_WORK_DUTY,)),
    Finding("not-for-successor-training", Level.INFO,
            "Etterlønnen er ikke ment til opplæring av den som tar over vervet. Hver avdeling vurderer og "
            "finansierer selv behovet for overlapping når tillitsvalgte byttes.", quotes=(Q_NOT_FOR_TRAINING,)),
    Finding("who-handles", Level.INFO,
            "Administrativ ledelse er saksbehandler for avtaler om etterlønn til forbundsledelsen. Når styret i en "
            "avdeling innvilger etterlønn, er forutsetningen at avdelingen dekker den over sitt eget budsjett.",
            quotes=(Q_HANDLING,)),
    Finding("appeal-body", Level.INFO, "Landsstyret er ankeinstans.", quotes=(Q_APPEAL,)),
)


def findings(data: SeveranceInput, res: SeveranceResult, rates: RatesAt) -> list[Finding]:
    rules = rates.group("fo.severance")
    out = []
    if beyond_three_months(data.months, rules):
        out.append(beyond_three_months_finding(data, res, rules))
    out.append(Finding(
        "up-to-three-months", Level.INFO,
        f"Ved behov kan du søke om inntil {fmt.words(rules.max_months)} måneders etterlønn. Reglementet sier ikke "
        "hvor mye etterlønnen er per måned; kalkulatoren regner månedslønnen du oppgir ganget med antall "
        f"måneder: {fmt.kr(data.monthly_pay)} × {res.months_standard} = {fmt.kr(res.amount_standard)}.",
        reading=R_PER_MONTH))
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
