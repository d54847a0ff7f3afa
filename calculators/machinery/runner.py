"""The one way a calculator runs: read → calculate → findings → answer.

Every calculation runs under the same exact Decimal context (`fmt.exact_context`), with the
rates in force for the year the inputs ask (or the default year), and its result is
encoded by the one encoder.

A calculator declared `comparable` may get a second plan under `plan_b` (the same fields,
without the year): both plans are read and computed by the same rules, in one call, and the
answer adds `compare` (plan B's result and findings, both totals, the difference B − A and
each line where the two differ). Errors and warnings of plan B carry field paths under
`plan_b.` and messages that name the plan."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from . import fmt

from .declare import PLAN_B, PLAN_NAMES, Calculator
from .encode import encode
from .fields import Errors, Reader
from .periods import default_year
from .rates import Rates, RatesAt, format_value
from .result import Finding, Level, failure, success


def run(calc: Calculator, inputs: object, rates: Rates) -> dict[str, Any]:
    if calc.comparable is not None and isinstance(inputs, dict) and inputs.get(PLAN_B) not in (None, ""):
        return run_two(calc, inputs, rates)
    return run_one(calc, inputs, rates)


def run_one(calc: Calculator, inputs: object, rates: Rates) -> dict[str, Any]:
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


# A message about a field of a row starts «Rolle (rad 2)» (declare.row_suffix).
ROW_FIELD = re.compile(r"^«([^»]*) \(rad (\d+)\)»")


def plan_message(plan: int, message: str) -> str:
    """A message named by its plan: «Oppsett B: «Første måned …» må …», and for a row's
    field «Oppsett B, rad 2: «Lisenstype» må fylles ut.»."""
    row = ROW_FIELD.match(message)
    if row:
        return f"{PLAN_NAMES[plan]}, rad {row.group(2)}: «{row.group(1)}»{message[row.end():]}"
    return f"{PLAN_NAMES[plan]}: {message}"


def _named(items: list[dict[str, str]], plan: int, prefix: str = "") -> list[dict[str, str]]:
    """Errors or warnings of one plan: the message names the plan, the path is under `prefix`."""
    return [{**item, "field": f"{prefix}{item['field']}" if item["field"] else prefix.rstrip("."),
             "message": plan_message(plan, item["message"])} for item in items]


def run_two(calc: Calculator, inputs: dict[str, Any], rates: Rates) -> dict[str, Any]:
    """Plan A (the inputs without `plan_b`) and plan B (`plan_b`, for plan A's year), each
    run as one plan, and their comparison."""
    assert calc.comparable is not None
    raw_b = inputs[PLAN_B]
    plan_a = {k: v for k, v in inputs.items() if k != PLAN_B}
    a = run_one(calc, plan_a, rates)
    whole_b: list[dict[str, str]] = []  # an error in plan B as a whole: it names the plan itself
    if not isinstance(raw_b, dict):
        whole_b.append({"field": PLAN_B, "message": f"{PLAN_NAMES[1]} må være et sett med felter, ikke en enkeltverdi."})
        b: dict[str, Any] = {"ok": False, "errors": []}
    else:
        shared = {"year": inputs["year"]} if "year" in inputs else {}
        b = run_one(calc, {**{k: v for k, v in raw_b.items() if k != "year"}, **shared}, rates)
    if not (a["ok"] and b["ok"]):
        # The year is plan A's field: an error in it is said once, without a plan's name.
        errors_b = [e for e in b.get("errors", []) if e["field"] != "year"]
        errors_a = a.get("errors", [])
        return {"ok": False, "errors": [*[e for e in errors_a if e["field"] == "year"],
                                        *_named([e for e in errors_a if e["field"] != "year"], 0),
                                        *whole_b, *_named(errors_b, 1, PLAN_B + ".")]}
    answer = dict(a)
    with fmt.exact_context():
        answer["compare"] = comparison(calc, a, b)
    warnings = [*_named(a.get("warnings", []), 0), *_named(b.get("warnings", []), 1, PLAN_B + ".")]
    if warnings:
        answer["warnings"] = warnings
    return answer


def comparison(calc: Calculator, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Both totals, the difference B − A (exact: the totals are already rounded lines
    summed), and every line whose amount differs, in the calculator's order."""
    assert calc.comparable is not None
    ra, rb = a["result"], b["result"]
    total_a, total_b = Decimal(str(calc.comparable.total(ra))), Decimal(str(calc.comparable.total(rb)))
    amounts_b = dict(calc.comparable.lines(rb))
    lines = []
    for label, amount in calc.comparable.lines(ra):
        la, lb = Decimal(str(amount)), Decimal(str(amounts_b[label]))
        if la != lb:
            lines.append({"label": label, "group": calc.comparable.group(label), "a": fmt.money_str(la),
                          "b": fmt.money_str(lb), "difference": fmt.money_str(lb - la)})
    return {
        "plans": list(PLAN_NAMES),
        "title": calc.comparable.title(ra),
        "total_a": fmt.money_str(total_a), "total_b": fmt.money_str(total_b),
        "difference": fmt.money_str(total_b - total_a),
        "lines": lines,
        "partial": sorted(calc.comparable.partial),  # the groups that do not add up to the total
        "result_b": rb,
        # A note both plans give in the same words (the year's rates, the county's start) is
        # said once, for both; each plan keeps the rest. The rates' changes since the year
        # before concern the year, which the plans share.
        **split_findings(a["findings"], b["findings"]),
    }


def split_findings(a: list[dict], b: list[dict]) -> dict[str, list[dict]]:
    """`findings_both` (in A's order), `findings_a` and `findings_b` (each plan's own), and
    `findings_b_all` (all of plan B's, as `findings` holds all of plan A's)."""
    def key(f: dict) -> tuple[str, str]:
        return f["code"], f["message"]

    in_b = {key(f) for f in b}
    both = [f for f in a if key(f) in in_b or f["code"] == "rates-changed"]
    shared = {key(f) for f in both}
    return {"findings_both": both,
            "findings_a": [f for f in a if key(f) not in shared],
            "findings_b": [f for f in b if key(f) not in shared],
            "findings_b_all": b}
