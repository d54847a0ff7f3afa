"""Combined licence budget for the annual meeting (`budget`).

Source: Fagforbundet's circular 19/24, introduction: the unions must put the licence costs
for KL*AR and ORG365 into the budget that the annual meeting treats in January.

Inputs: `{"year": 2025, "org365": {…org365 inputs without year}, "klar": {…klar inputs
without year}}`. The one `year` is passed to both parts; errors inside a part have field
paths prefixed `org365.` / `klar.`.

Result: both parts' results, the two budget lines «Lisenskostnader ORG365» and
«Lisenskostnader KL*AR» (each with `amount` and `by_quarter`), `total` and `by_quarter`
(sums of the lines), and `year`. Findings: both parts' findings, each marked with `part`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import fmt, klar, org365
from .fields import MAX_YEAR, Errors, Reader
from .periods import add_quarters, quarter_dict, sum_by_quarter
from .rates import Rates
from .rates import load as load_rates
from .result import failure

LABELS = {
    "year": "Budsjettår",
    "org365": "ORG365",
    "klar": "KL*AR",
}

LINE_LABELS = {
    "org365": "Lisenskostnader ORG365",
    "klar": "Lisenskostnader KL*AR",
}


@dataclass(frozen=True)
class BudgetLine:
    key: str
    label: str
    amount: Decimal
    by_quarter: tuple[Decimal, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "amount": fmt.money_str(self.amount),
                "by_quarter": quarter_dict(self.by_quarter)}


def first_year(rates: Rates) -> int:
    """The first year both parts can be computed for."""
    return max(org365.first_price_year(rates), klar.first_year(rates))


def budget_lines(o: org365.Result, k: klar.Result) -> tuple[BudgetLine, ...]:
    return (
        BudgetLine("org365", LINE_LABELS["org365"], o.total, o.by_quarter),
        BudgetLine("klar", LINE_LABELS["klar"], k.total, sum_by_quarter(k.by_month)),
    )


def read_part(r: Reader, key: str) -> Reader:
    raw = r.data.get(key)
    if raw is not None and not isinstance(raw, dict):
        r.errors.add(r.path(key), f"«{LABELS[key]}» må være et sett med felter, ikke en enkeltverdi.")
    return r.nested(key)


def run(inputs: object, rates: Rates | None = None) -> dict[str, Any]:
    rates = rates or load_rates()
    errors = Errors()
    r = Reader(inputs, errors)
    first = first_year(rates)
    year = r.integer("year", LABELS["year"], minimum=first, maximum=MAX_YEAR, example=str(first))
    o_in = org365.read_inputs(read_part(r, "org365"), rates, year=year)
    k_in = klar.read_inputs(read_part(r, "klar"), rates, year=year)
    if errors or year is None or o_in is None or k_in is None:
        return failure(errors)

    with fmt.exact_context():
        return _success(o_in, k_in, year, rates)


def _success(o_in: org365.Inputs, k_in: klar.Inputs, year: int, rates: Rates) -> dict[str, Any]:
    o = org365.calculate(o_in, rates)
    k = klar.calculate(k_in, rates)
    lines = budget_lines(o, k)
    result = {
        "year": year,
        "org365": o.as_dict(),
        "klar": k.as_dict(),
        "lines": [line.as_dict() for line in lines],
        "total": fmt.money_str(sum((line.amount for line in lines), Decimal("0.00"))),
        "by_quarter": quarter_dict(add_quarters(*(line.by_quarter for line in lines))),
    }
    findings = [
        {**f.as_dict(), "part": part}
        for part, found in (("org365", org365.findings(o_in, o, rates)), ("klar", klar.findings(k_in, rates)))
        for f in found
    ]
    return {"ok": True, "result": result, "findings": findings}

