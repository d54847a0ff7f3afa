"""Macros that render figures from `calculators/rates.toml` into guidance pages.

Pages never type a number that lives in the rates file; they write e.g.
`{{ fig("org365.price.E1") }}` and get `ca. 3 600 kr per bruker per år`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calculators import fmt
from calculators.rates import load

# How each unit of the rates file reads after the number.
_UNIT_SUFFIX = {
    "kr": "",
    "kr/år": " per bruker per år",
    "kr/km": " per km",
    "kr/medlem/måned": " per yrkesaktivt medlem per måned",
    "prosent": " %",
    "måneder": " måneder",
    "uker": " uker",
    "dager": " dager",
    "år": " år",
    "TB": " TB",
    "GB": " GB",
}


def value(param_id: str, year: int | None = None):
    """The raw value (latest, or in force for `year`)."""
    return load().value(param_id, year)


def num(param_id: str, year: int | None = None) -> str:
    """The bare number, Norwegian format: `3 600`, `15`, `1`."""
    v = value(param_id, year)
    if isinstance(v, date):
        return fmt.date_no(v)
    if isinstance(v, (int, Decimal)):
        return fmt.number(v)
    return str(v)


def fig(param_id: str, year: int | None = None, approx: bool = True) -> str:
    """The number with its unit, prefixed `ca.` where the source says approximate."""
    p = load().param(param_id)
    v = value(param_id, year)
    if p.unit == "måned" and isinstance(v, int):
        text = fmt.month_name(v)
    elif p.unit == "kr" or p.unit.startswith("kr/"):
        text = fmt.kr(v) + _UNIT_SUFFIX[p.unit]
    else:
        text = num(param_id, year) + _UNIT_SUFFIX.get(p.unit, "")
    return f"ca. {text}" if (approx and p.approximate) else text


def source(param_id: str) -> str:
    p = load().param(param_id)
    return f"{p.document}, {p.section}"


def register(env) -> None:
    env.macro(fig)
    env.macro(num)
    env.macro(source)
    env.macro(value, "rate_value")
    env.variables["rates"] = load()
