"""CSV files for Norwegian Excel: the writer, for any calculator that declares a CSV file.

Excel in a Norwegian locale opens a file correctly when it is UTF-8 with a byte-order
mark, uses `;` between fields, a decimal comma and no thousands separator. Lines end with
CRLF; a field holding `;`, `"` or a line break is quoted (the `csv` module's minimal
quoting).

The writer knows no calculator: a calculator's module says what its file holds (its
columns, rows, sum row and the lines under the table; the budget's are in
`calculators.rules.budget_files`) and passes them to `table_csv`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from . import fmt

BOM = "\ufeff"


def excel_number(amount: str | Decimal) -> str:
    """`"3600.00"` → `3600,00` (two decimals, decimal comma, no grouping)."""
    return fmt.money_str(Decimal(str(amount))).replace(".", ",")


def _row(label: str, amounts: Sequence[Decimal]) -> list[str]:
    return [label, *(excel_number(a) for a in amounts)]


def table_csv(head: Sequence[str], rows: Iterable[tuple[str, Sequence[Decimal]]], total_label: str | None = None,
              notes: Iterable[str] = ()) -> str:
    """The CSV text of a table: `head`, then one row per `(label, amounts)`; with
    `total_label`, a sum row (each column the sum of the rows above it); then an empty line
    and one line per note."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow(head)
    totals = [Decimal("0.00")] * (len(head) - 1)
    for label, amounts in rows:
        writer.writerow(_row(label, amounts))
        totals = [a + b for a, b in zip(totals, amounts, strict=True)]
    if total_label is not None:
        writer.writerow(_row(total_label, totals))
    writer.writerow([])
    for note in notes:
        writer.writerow([note])
    return BOM + out.getvalue()
