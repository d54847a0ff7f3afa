"""Loans to FO's paid officials (`fo_loan`).

Source: FO's regulation for paid elected officials, «Lån til tillitsvalgte»: full-time and
part-time officials with 50 % frikjøp or more may apply for a loan of one month's gross
pay. Interest follows the state's rules for such loans; the loan is repaid within one
year or at the latest on leaving office; administrativ ledelse at forbundskontoret
handles the applications.

Inputs: `monthly_gross_pay` (> 0), `fte_percent` (the frikjøp percentage, 0 < x ≤ 100).
Result: `eligible` (from 50 %, inclusive), `max_amount` (one month's gross pay when
eligible, else 0.00), `repay_within_months` (12, or on leaving office if sooner).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..machinery import fmt
from ..machinery.declare import Calculator, Computation, Fact, Facts, Field, Step, read_into
from ..machinery.encode import NUMBER
from ..machinery.evidence import regulation
from ..machinery.fields import Reader
from ..machinery.rates import RateGroup, RatesAt
from ..machinery.result import Finding, Level

FULL_TIME = Decimal(100)

Q_WHO_AND_HOW_MUCH = regulation(
    "lan-til-tillitsvalgte-1",
    "Heltidstillitsvalgte og deltidstillitsvalgte i 50 % eller mer frikjøp kan søke om lån tilsvarende 1 mnd. "
    "bruttolønn.")
Q_INTEREST = regulation("lan-til-tillitsvalgte-1", "Renten er iht. statens regler for slike lån.")
Q_REPAYMENT = regulation("lan-til-tillitsvalgte-1",
                         "Lånet tilbakebetales i løpet av ett år eller senest ved fratreden fra verv.")
Q_DECISION = regulation("lan-til-tillitsvalgte-1", "Søknader behandles av administrativ ledelse ved forbundskontoret.")

PAY = Field("monthly_gross_pay", "Bruttolønn per måned (kr)", positive=True, plausible=200_000)
FTE = Field("fte_percent", "Frikjøp i prosent av full stilling", positive=True, maximum=FULL_TIME,
            hint="Heltid er 100.")
FIELDS = (PAY, FTE)
EXAMPLE = {"monthly_gross_pay": "50 000", "fte_percent": "100"}


@dataclass(frozen=True)
class LoanInput:
    monthly_gross_pay: Decimal
    fte_percent: Decimal


@dataclass(frozen=True)
class LoanResult:
    monthly_gross_pay: Decimal
    fte_percent: Decimal = field(metadata=NUMBER)
    eligible: bool = False
    max_amount: Decimal = Decimal(0)
    repay_within_months: int = 0
    months_of_pay: Decimal = field(default=Decimal(1), metadata=NUMBER)


def repayment_text(months: int) -> str:
    """`12` → «ett år», `24` → «to år», `18` → «18 måneder» (the repayment period in words)."""
    if months % 12 == 0:
        return f"{fmt.words(months // 12, 'n')} år"
    return f"{fmt.words(months)} måneder"


def months_of_pay_text(months: Decimal | str) -> str:
    """`1` → «én måneds», `2` → «to måneders» (as in «lån tilsvarende én måneds bruttolønn»)."""
    return f"{fmt.words(months)} måned{'s' if Decimal(str(months)) == 1 else 'ers'}"


# -- rules -------------------------------------------------------------------------

def loan_eligibility(fte_percent: Decimal, rules: RateGroup) -> bool:
    """50 % frikjøp or more (inclusive)."""
    return fte_percent >= rules.min_fte_percent


def loan_max_amount(monthly_gross_pay: Decimal, eligible: bool, rules: RateGroup) -> Decimal:
    """One month's gross pay when eligible, else nothing."""
    if not eligible:
        return Decimal("0.00")
    return fmt.round_ore(monthly_gross_pay * rules.months_of_pay)


def loan_repayment_months(rules: RateGroup) -> int:
    """Repaid within one year (or at the latest on leaving office)."""
    return rules.repay_months


def calculate(data: LoanInput, rates: RatesAt) -> LoanResult:
    rules = rates.group("fo.loan")
    eligible = loan_eligibility(data.fte_percent, rules)
    return LoanResult(
        monthly_gross_pay=fmt.round_ore(data.monthly_gross_pay),
        fte_percent=data.fte_percent,
        eligible=eligible,
        max_amount=loan_max_amount(data.monthly_gross_pay, eligible, rules),
        repay_within_months=loan_repayment_months(rules),
        months_of_pay=Decimal(rules.months_of_pay),
    )


# -- findings ----------------------------------------------------------------------

def findings(data: LoanInput, res: LoanResult, rates: RatesAt) -> list[Finding]:
    rules = rates.group("fo.loan")
    if res.eligible:
        first = Finding("loan-amount", Level.INFO,
                        f"Med {fmt.percent(data.fte_percent)} frikjøp kan du søke om lån tilsvarende "
                        f"{months_of_pay_text(rules.months_of_pay)} bruttolønn, {fmt.kr(res.max_amount)}.",
                        quotes=(Q_WHO_AND_HOW_MUCH,))
    else:
        first = Finding("not-eligible", Level.WARNING,
                        f"Heltids- og deltidstillitsvalgte med {fmt.percent(rules.min_fte_percent)} frikjøp eller mer "
                        f"kan søke om lån. Med {fmt.percent(data.fte_percent)} frikjøp gir reglementet ikke rett "
                        "til å søke.", quotes=(Q_WHO_AND_HOW_MUCH,))
    return [
        first,
        Finding("loan-interest", Level.INFO, "Renten på lånet følger statens regler for slike lån.",
                quotes=(Q_INTEREST,)),
        Finding("loan-repayment", Level.INFO,
                f"Lånet betales tilbake i løpet av {repayment_text(res.repay_within_months)}, eller senest når du "
                "fratrer vervet, om det skjer før.", quotes=(Q_REPAYMENT,)),
        Finding("loan-decision", Level.INFO,
                "Administrativ ledelse ved forbundskontoret behandler søknaden.", quotes=(Q_DECISION,)),
    ]


# -- boundary ----------------------------------------------------------------------

def read(r: Reader, rates: RatesAt) -> LoanInput | None:
    return read_into(r, LoanInput, PAY, FTE)


def steps(r: dict) -> list[Step]:
    out = [Step(f"{fmt.percent(r['fte_percent'])} frikjøp: " + ("kan søke om lån" if r["eligible"] else "under grensen"),
                ("fo.loan.min_fte_percent",))]
    if r["eligible"]:
        out.append(Step(f"{fmt.kr(r['monthly_gross_pay'])} × {fmt.number(Decimal(r['months_of_pay']))} = "
                        f"{fmt.kr(r['max_amount'])}", ("fo.loan.months_of_pay",)))
    return out


DISPLAY = (Facts((
    Fact("Kan søke om lån", "eligible", "bool"),
    Fact("Lånebeløp", "max_amount", "money"),
    Fact("Tilbakebetales innen", "repay_within_months", "months"),
)), Computation(steps))


def summary(r: dict) -> str:
    if not r["eligible"]:
        return "Med denne frikjøpsprosenten kan du ikke søke om lån."
    return (f"Du kan søke om et lån på {fmt.kr(r['max_amount'])}, tilsvarende "
            f"{months_of_pay_text(r['months_of_pay'])} bruttolønn.")


CALCULATOR = Calculator.declare(globals(), name="fo_loan", title="Lån til tillitsvalgte", source="regulation",
                                order=60)
