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
from .rates import Rates
from .result import failure, success


def run(calc: Calculator, inputs: object, rates: Rates) -> dict[str, Any]:
    errors = Errors()
    r = Reader(inputs, errors)
    with fmt.exact_context():
        year = calc.year(r, rates) if calc.year else None
        at = rates.at(year if year is not None else default_year())
        parsed = calc.read(r, at)
        if errors or parsed is None:
            return failure(errors)
        result = calc.calculate(parsed, at)
        answer = success(encode(result), calc.findings(parsed, result, at))
        if errors.warnings:
            answer["warnings"] = errors.warnings  # at their fields; they do not stop the result
        return answer
