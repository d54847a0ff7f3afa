"""The one way a calculator runs: read → calculate → findings → answer.

Every calculation runs under the same exact Decimal context (`fmt.exact_context`), with the
rates in force for the year the inputs ask (or the default year), and its result is
encoded by the one encoder."""

from __future__ import annotations

from typing import Any

from . import fmt
from .declare import Calculator
from .encode import encode
from .fields import Errors, Reader
from .periods import default_year
from .rates import Rates, RatesAt, format_value
from .result import Finding, Level, failure, success


def run(calc: Calculator, inputs: object, rates: Rates) -> dict[str, Any]:
    errors = Errors()
    r = Reader(inputs, errors)
    with fmt.exact_context():
        year = calc.year(r, rates) if calc.year else None
        at = RatesAt(rates, year if year is not None else default_year(), read=set())
        parsed = calc.read(r, at)
        if errors or parsed is None:
            return failure(errors)
        result = calc.calculate(parsed, at)
        found = calc.findings(parsed, result, at)
        answer = success(encode(result), [*found, *rates_changed(at)])
        if errors.warnings:
            answer["warnings"] = errors.warnings  # at their fields; they do not stop the result
        return answer


def rates_changed(at: RatesAt) -> list[Finding]:
    """«What changed»: the rates this answer used that differ from the year before."""
    changed = at.changed_since_year_before()
    if not changed:
        return []
    parts = [f"{at.rates.fill(p.label, at.year)} er {format_value(p, now, per=False)} fra "
             f"{fmt.date_no(p.value_in_force(at.year).start)} ({format_value(p, before, per=False)} i {at.year - 1})"
             for p, before, now in changed]
    return [Finding("rates-changed", Level.INFO,
                    f"Endret siden {at.year - 1}: " + "; ".join(parts) + ". Se «Endringer i satsene».")]
