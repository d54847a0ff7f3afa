"""Norwegian presentation of numbers, money, months and dates (pure functions).

Used by the result renderer, the build-time macros and the rule messages, so a figure
looks the same wherever it appears: `3 600 kr`, `641,67 kr`, `87,5 %`, `1. april 2025`.
Thousands are grouped, and the unit joined, with a no-break space (U+00A0, `NBSP`), so
that a figure never breaks across lines in a result, a note or a message. Machine forms
(`money_str`, the CSV and Excel numbers) have no grouping at all.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

ORE = Decimal("0.01")
NBSP = "\u00a0"

MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)


def round_ore(amount: Decimal) -> Decimal:
    """Round half up to whole øre: the one rounding step of every line."""
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


# Inputs are bounded (fewer than 12 integer digits, at most 6 decimals), so with this many
# significant digits no product or quotient of a few of them is ever rounded before the one
# rounding to øre, and `quantize` never runs out of digits.
PRECISION = 80


def exact_context():
    """`with fmt.exact_context(): …` around a calculation (see PRECISION)."""
    return localcontext(prec=PRECISION)


def money_str(amount: Decimal) -> str:
    """Machine form used in API results: two decimals, dot, no grouping (`"3600.00"`)."""
    return str(round_ore(amount) + 0)  # `+ 0` turns -0.00 into 0.00


def _group(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return NBSP.join(out)


def number(value: Decimal | int | str, decimals: int | None = None) -> str:
    """`1200` → `1 200` (no-break space); `641.666` with decimals=2 → `641,67`; decimals=None keeps
    the value's own decimals but drops a zero fraction (`3600.00` → `3 600`)."""
    d = Decimal(str(value))
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    elif d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    d = d + 0
    sign = "-" if d < 0 else ""
    text = format(abs(d), "f")
    whole, _, frac = text.partition(".")
    return sign + _group(whole) + ("," + frac if frac else "")


def kr(amount: Decimal | int | str) -> str:
    """Money the Norwegian way: whole kroner without decimals, otherwise two decimals."""
    d = round_ore(Decimal(str(amount)))
    if d == d.to_integral_value():
        return f"{number(d, 0)}{NBSP}kr"
    return f"{number(d, 2)}{NBSP}kr"


def percent(value: Decimal | int | str, decimals: int = 2) -> str:
    """`87.50` → `87,5 %` (trailing zeros dropped after rounding to `decimals`)."""
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    d = d.normalize() if d != 0 else Decimal(0)
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    return f"{number(d)}{NBSP}%"


def and_list(items: list[str] | tuple[str, ...]) -> str:
    """`["a", "b", "c"]` → `a, b og c` (Norwegian list, no Oxford comma)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def date_no(d: date) -> str:
    return f"{d.day}. {month_name(d.month)} {d.year}"


_WORDS = ("null", "en", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv")


def words(value: Decimal | int | str, gender: str = "m") -> str:
    """Small whole numbers as Norwegian words (`2` → `to`; `1` → `én`, or `ett` with
    gender="n"); anything else as digits (`13` → `13`)."""
    d = Decimal(str(value))
    if d != d.to_integral_value() or not 0 <= d < len(_WORDS):
        return number(d)
    n = int(d)
    if n == 1:
        return "ett" if gender == "n" else "én"
    return _WORDS[n]


def capped_list(items: list[str] | tuple[str, ...], limit: int = 4) -> str:
    """`and_list` of at most `limit` items; the rest are counted: `a, b, c og 12 andre`."""
    items = list(items)
    if len(items) <= limit:
        return and_list(items)
    return and_list([*items[:limit - 1], f"{len(items) - limit + 1} andre"])
