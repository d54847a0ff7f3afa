"""Macros that render figures from `calculators/rates.toml` into guidance pages.

Pages never type a number that lives in the rates file; they write e.g.
`{{ fig("org365.price.E1") }}` and get `ca. 3 600 kr per bruker per år`.

Macros registered here (all small; see each docstring):

- `fig(id)`  number with unit, `ca.` where the source says approximate
- `num(id)`  bare number in Norwegian format (`3 600`; years as `2025`)
- `source(id)`  document and section a figure comes from
- `rate_value(id)`  the raw value (for Jinja arithmetic and loops)
- `month_name(n)`, `quarter_name(n)`  `1` → `januar`, `1` → `1. kvartal`
- `mail(id)`  a contact address from the rates file as a Markdown `mailto:` link
- `kilde(document, *sections)`  the "Kilde" admonition at the top of a guidance page

and the variable `rates` (`calculators.rates.Rates`, e.g. `rates.counties`).
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

# The same units when the number is exactly 1 ("1 måned", not "1 måneder").
_UNIT_SUFFIX_ONE = {
    "måneder": " måned",
    "uker": " uke",
    "dager": " dag",
}


def value(param_id: str, year: int | None = None):
    """The raw value (latest, or in force for `year`)."""
    return load().value(param_id, year)


def num(param_id: str, year: int | None = None) -> str:
    """The bare number, Norwegian format: `3 600`, `15`, `1`; a calendar year as `2025`."""
    v = value(param_id, year)
    if isinstance(v, date):
        return fmt.date_no(v)
    if load().param(param_id).unit == "årstall":
        return str(v)
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
        suffixes = _UNIT_SUFFIX_ONE if v == 1 else {}
        text = num(param_id, year) + suffixes.get(p.unit, _UNIT_SUFFIX.get(p.unit, ""))
    return f"ca. {text}" if (approx and p.approximate) else text


def source(param_id: str) -> str:
    p = load().param(param_id)
    return f"{p.document}, {p.section}"


def month_name(month: int) -> str:
    """`1` → `januar` (for loops over `rates.counties`)."""
    return fmt.month_name(month)


def quarter_name(quarter: int) -> str:
    """`1` → `1. kvartal`."""
    return f"{quarter}. kvartal"


def mail(param_id: str) -> str:
    """A contact address (unit `e-post`) as a Markdown link: `[a@b.no](mailto:a@b.no)`."""
    address = value(param_id)
    return f"[{address}](mailto:{address})"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def kilde(document: str, *sections: str) -> str:
    """The source note a guidance page opens with, as a Material admonition.

    `document` is a key of `[documents]` in the rates file (`circular`, `regulation`);
    `sections` are the source's own headings. Put the call on a line of its own.
    """
    name = load().documents[document]
    quoted = [f"«{s}»" for s in sections]
    where = ("avsnittet " if len(quoted) == 1 else "avsnittene ") + _join(quoted)
    return f'!!! note "Kilde"\n    {name}, {where}.'


def register(env) -> None:
    env.macro(fig)
    env.macro(num)
    env.macro(source)
    env.macro(value, "rate_value")
    env.macro(month_name)
    env.macro(quarter_name)
    env.macro(mail)
    env.macro(kilde)
    env.variables["rates"] = load()
