"""The calculators' one boundary: `run(name, inputs) -> dict`, and `run_json` for the worker.

`run` answers `{"ok": True, "result": {…}, "findings": [...]}` or
`{"ok": False, "errors": [{"field": "...", "message": "..."}]}` and never raises, whatever
JSON value (or Python object) arrives. Each calculator validates its inputs and returns
every field error as a value; the `except Exception` below is only a safety net for a bug.
An answer from the safety net carries `"internal": True` (and is logged), so that tests can
prove no input reaches it.

To add a calculator: import its module and add one line to `CALCULATORS`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from . import budget, fo_pay, klar, org365
from . import fo_bicycle, fo_glasses, fo_holidays, fo_loan, fo_severance, fo_training

log = logging.getLogger(__name__)

CALCULATORS: dict[str, Callable[[object], dict[str, Any]]] = {
    "org365": org365.run,
    "klar": klar.run,
    "fo_pay": fo_pay.run,
    "budget": budget.run,
    "fo_holidays": fo_holidays.run,
    "fo_bicycle": fo_bicycle.run,
    "fo_loan": fo_loan.run,
    "fo_training": fo_training.run,
    "fo_severance": fo_severance.run,
    "fo_glasses": fo_glasses.run,
}

INTERNAL_ERROR_MESSAGE = (
    "Det oppstod en uventet feil i kalkulatoren, og ingenting ble beregnet. Kontroller feltene "
    "og prøv igjen. Meld gjerne fra om feilen, med verdiene du brukte."
)
INVALID_JSON_MESSAGE = "Inndataene er ikke gyldig JSON, og ingenting ble beregnet."
MAX_JSON_INT_DIGITS = 100


def unknown_name(name: object) -> dict[str, Any]:
    shown = name[:40] if isinstance(name, str) else type(name).__name__
    valid = ", ".join(sorted(CALCULATORS))
    return {"ok": False, "errors": [{
        "field": "name",
        "message": f"Ukjent kalkulator «{shown}». Gyldige navn er: {valid}.",
    }]}


def internal_error() -> dict[str, Any]:
    return {"ok": False, "errors": [{"field": "", "message": INTERNAL_ERROR_MESSAGE}],
            "internal": True}


def run(name: str, inputs: object) -> dict[str, Any]:
    """Run the calculator `name` on `inputs` (a dict parsed from JSON)."""
    try:
        if not isinstance(name, str) or name not in CALCULATORS:
            return unknown_name(name)
        return CALCULATORS[name](inputs)
    except Exception:  # safety net: a bug, never an input error (see module docstring)
        log.exception("calculator %r failed", name)
        return internal_error()


def _json_int(text: str) -> int | Decimal:
    # Python refuses to convert ints above 4300 digits; anything this long is refused later
    # by the number parser as too large, so keep it as an exact Decimal.
    return int(text) if len(text) <= MAX_JSON_INT_DIGITS else Decimal(text)


def run_json(name: str, inputs_json: str) -> str:
    """JSON text in, JSON text out (ASCII only, so no encoding can mangle it)."""
    try:
        try:
            inputs = json.loads(inputs_json, parse_float=Decimal, parse_int=_json_int)
        except (TypeError, ValueError, RecursionError):
            answer: dict[str, Any] = {"ok": False, "errors": [{"field": "", "message": INVALID_JSON_MESSAGE}]}
        else:
            answer = run(name, inputs)
        return json.dumps(answer, ensure_ascii=True)
    except Exception:  # safety net, as in `run`
        log.exception("run_json %r failed", name)
        return json.dumps(internal_error(), ensure_ascii=True)
