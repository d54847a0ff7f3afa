"""CSV export of the combined licence budget, for Norwegian Excel.

Excel in a Norwegian locale opens a file correctly when it is UTF-8 with a byte-order
mark, uses `;` between fields, a decimal comma and no thousands separator. Lines end with
CRLF; a field holding `;`, `"` or a line break is quoted (the `csv` module's minimal
quoting). The sum row is the sum of the line rows, and each row's quarters add up to its
amount, because the budget result is built that way (see `calculators.budget`).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from . import fmt
from ..rules import org365
from ..rules.budget import LABELS
from .periods import QUARTERS
from .rates import Rates
from .rates import load as load_rates

BOM = "\ufeff"
HEADER = ("Post", "Beløp (kr)", "1. kvartal", "2. kvartal", "3. kvartal", "4. kvartal")
TOTAL_LABEL = "Sum lisenskostnader"


def excel_number(amount: str | Decimal) -> str:
    """`"3600.00"` → `3600,00` (two decimals, decimal comma, no grouping)."""
    return fmt.money_str(Decimal(str(amount))).replace(".", ",")


def _row(label: str, amount: Decimal, quarters: list[Decimal]) -> list[str]:
    return [label, excel_number(amount), *(excel_number(q) for q in quarters)]


def budget_csv(result: dict[str, Any], rates: Rates | None = None) -> str:
    """The CSV text for a budget result (the `result` of `run("budget", …)`, or the whole
    answer `{"ok": True, "result": …}`)."""
    rates = rates or load_rates()
    if "result" in result and "lines" not in result:
        result = result["result"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow(HEADER)
    total = Decimal("0.00")
    total_q = [Decimal("0.00")] * len(QUARTERS)
    for line in result["lines"]:
        amount = Decimal(line["amount"])
        quarters = [Decimal(line["by_quarter"][q]) for q in QUARTERS]
        writer.writerow(_row(line["label"], amount, quarters))
        total += amount
        total_q = [a + b for a, b in zip(total_q, quarters, strict=True)]
    writer.writerow(_row(TOTAL_LABEL, total, total_q))
    writer.writerow([])
    for note in notes(result, rates):
        writer.writerow([note])
    return BOM + out.getvalue()


def notes(result: dict[str, Any], rates: Rates) -> list[str]:
    """The lines under the table: year, what each line rests on, and the source."""
    year = result["year"]
    out = [f"Budsjettår {year}"]
    o = result.get("org365")
    if isinstance(o, dict):
        which = [lic.value for lic in org365.approximate_licenses(o)]
        approx = ("" if not which
                  else " (omtrentlige priser, «ca.» i rundskrivet)" if len(which) == len(org365.License)
                  else f" (omtrentlig pris for {which[0]}, «ca.» i rundskrivet)" if len(which) == 1
                  else f" (omtrentlige priser for {fmt.and_list(which)}, «ca.» i rundskrivet)")
        out.append(f"{LABELS['org365']}: {o['months']} måneder fra {fmt.month_name(o['start_month'])}"
                   f"{approx}")
    k = result.get("klar")
    if isinstance(k, dict):
        rate = Decimal(k["rate"])
        sure = "" if k.get("rate_confirmed") else " (sats ikke fastsatt for året)"
        out.append(f"{LABELS['klar']}: {k['county']}, {k['months']} måneder fra "
                   f"{fmt.month_name(k['first_month'])}, {fmt.number(k['member_months'])} "
                   f"medlemsmåneder à {fmt.number(rate.normalize())} kr{sure}")
    out.append(f"Kilde: {rates.documents['circular']}")
    return out
