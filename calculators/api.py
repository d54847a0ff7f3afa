"""The calculators' one boundary.

- `run(name, inputs) -> dict` answers `{"ok": True, "result": {…}, "findings": [...]}` or
  `{"ok": False, "errors": [{"field": "...", "message": "..."}]}` and never raises,
  whatever JSON value (or Python object) arrives. Each calculator validates its inputs and
  returns every field error as a value; the `except Exception` below is only a safety net
  for a bug. An answer from the safety net carries `"internal": True` (and is logged), so
  that tests can prove no input reaches it.
- `respond(op, name, inputs_json) -> str` is the browser's one entry (the worker calls it):
  JSON text in; JSON text out with the answer's markup from the one renderer
  (`calculators.machinery.view`) and, for `op == "csv"`, the CSV file; for `op == "xlsx"`, the Excel
  workbook as base64 text (`calculators.machinery.xlsx`). It has the same safety net:
  whatever happens, it answers JSON, never raises.

The calculators are found by `registry.calculators()`; nothing here lists them.
"""

from __future__ import annotations

import base64
import json
import logging
from decimal import Decimal
from typing import Any

from .machinery import fmt, registry, runner
from .machinery.rates import Rates
from .machinery.rates import load as load_rates

log = logging.getLogger(__name__)

INTERNAL_ERROR_MESSAGE = (
    "Det oppstod en uventet feil i kalkulatoren, og ingenting ble beregnet. Kontroller feltene "
    "og prøv igjen. Meld gjerne fra om feilen, med verdiene du brukte."
)
INVALID_JSON_MESSAGE = "Inndataene er ikke gyldig JSON, og ingenting ble beregnet."
TOO_LARGE_MESSAGE = ("Inndataene er for store, og ingenting ble beregnet. Bruk kortere tekster eller "
                     "færre rader.")
MAX_JSON_INT_DIGITS = 100
MAX_JSON_TEXT = 2_000_000  # characters: far above 200 rows of the longest fields


def names() -> list[str]:
    return list(registry.calculators())


def unknown_name(name: object) -> dict[str, Any]:
    shown = name[:40] if isinstance(name, str) else type(name).__name__
    valid = ", ".join(sorted(names()))
    return {"ok": False, "errors": [{
        "field": "name",
        "message": f"Ukjent kalkulator «{shown}». Gyldige navn er: {valid}.",
    }]}


def internal_error() -> dict[str, Any]:
    return {"ok": False, "errors": [{"field": "", "message": INTERNAL_ERROR_MESSAGE}],
            "internal": True}


def run(name: str, inputs: object, rates: Rates | None = None) -> dict[str, Any]:
    """Run the calculator `name` on `inputs` (a dict parsed from JSON)."""
    try:
        calcs = registry.calculators()
        if not isinstance(name, str) or name not in calcs:
            return unknown_name(name)
        return runner.run(calcs[name], inputs, rates if rates is not None else load_rates())
    except Exception:  # safety net: a bug, never an input error (see module docstring)
        log.exception("calculator %r failed", name)
        return internal_error()


def _json_int(text: str) -> int | Decimal:
    # Python refuses to convert ints above 4300 digits; anything this long is refused later
    # by the number parser as too large, so keep it as an exact Decimal.
    return int(text) if len(text) <= MAX_JSON_INT_DIGITS else Decimal(text)


def parse_inputs(inputs_json: str) -> tuple[object, dict[str, Any] | None]:
    """(inputs, None), or (None, an error answer) for text that is not JSON."""
    if isinstance(inputs_json, str) and len(inputs_json) > MAX_JSON_TEXT:
        return None, {"ok": False, "errors": [{"field": "", "message": TOO_LARGE_MESSAGE}]}
    if not isinstance(inputs_json, str):
        return None, {"ok": False, "errors": [{"field": "", "message": INVALID_JSON_MESSAGE}]}
    try:
        return json.loads(inputs_json, parse_float=Decimal, parse_int=_json_int), None
    except (TypeError, ValueError, RecursionError):
        return None, {"ok": False, "errors": [{"field": "", "message": INVALID_JSON_MESSAGE}]}


def xlsx_for(name: str, inputs: object, output: dict[str, Any]) -> dict[str, str]:
    """`{"xlsx": <the workbook as base64 text>, "filename"}` for a calculator that declares
    one (`Calculator.xlsx`), else `{}`. Needs XlsxWriter (the browser loads it first)."""
    calc = registry.calculators().get(name)
    if calc is None or calc.xlsx is None:
        return {}
    # With two plans (`compare`), the workbook holds both and their difference.
    filename, content = calc.xlsx({"result": output["result"], "inputs": inputs, "compare": output.get("compare")})
    return {"xlsx": base64.b64encode(content).decode("ascii"), "filename": filename}


def respond(op: str, name: str, inputs_json: str, root: str = "") -> str:
    """The browser's entry: `{"output", "html", "summary"[, "csv" | "xlsx", "filename"]}` as JSON.

    `output` is `run`'s answer without its `result` (the markup shows it; the worker's reply
    stays small), keeping `ok`, `findings` and `errors`. `root` is the way from the page to
    the site's root (`../../`), for the result's links to the guidance."""
    from .machinery import view  # the renderer reads only answers; imported here to keep layers one-way

    try:
        inputs, bad = parse_inputs(inputs_json)
        output = bad if bad is not None else run(name, inputs)
        with fmt.exact_context():
            shown = view.render(name, output, root if isinstance(root, str) else "")
            data: dict[str, Any] = {"output": {k: v for k, v in output.items() if k != "result"}, **shown}
            if "compare" in output:  # plan B's result, like plan A's, is in the markup
                data["output"]["compare"] = {k: v for k, v in output["compare"].items() if k not in ("result_b", "findings_b_all")}
            if op == "csv" and output.get("ok"):
                csv = view.csv_for(name, output)
                if csv is not None:
                    data.update(csv)
            calc = registry.calculators().get(name)
            if calc is not None and calc.handover is not None and output.get("ok"):
                data["handover"] = calc.handover(output["result"])
            if op == "xlsx" and output.get("ok"):
                data.update(xlsx_for(name, inputs, output))
        return json.dumps(data, ensure_ascii=False)
    except Exception:  # safety net, as in `run`
        log.exception("respond %r failed", name)
        failed = internal_error()
        return json.dumps({"output": failed, "html": "", "summary": INTERNAL_ERROR_MESSAGE,
                           "failed": True}, ensure_ascii=False)
