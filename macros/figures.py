"""Macros that render figures from `calculators/rates.toml` into guidance pages.

Pages never type a number that lives in the rates file; they write e.g.
`{{ fig("org365.price.E1") }}` and get `ca. 3 600 kr per bruker per år`.

Macros registered here (all small; see each docstring):

- `fig(id)`  number with unit, `ca.` where the source says approximate;
  `fig(id, words=True)` writes a small number as a word (`tre måneder`, `ett år`) and
  `genitive=True` gives the genitive (`én måneds`, `tre måneders`)
- `num(id)`  bare number in Norwegian format (`3 600`; years as `2025`);
  `num(id, words=True, gender="n")` as a word (`to`, `ett`)
- `words(n, gender)`  any small whole number as a word (for figures derived in a page)
- `source(id)`  document and section a figure comes from
- `rate_value(id)`  the raw value (for Jinja arithmetic and loops)
- `month_name(n)`, `quarter_name(n)`  `1` → `januar`, `1` → `1. kvartal`
- `mail(id)`  a contact address from the rates file as a Markdown `mailto:` link
- `kilde(document, *sections)`  the "Kilde" admonition at the top of a guidance page, each
  section linked to its heading on the source page

and the variable `rates` (`calculators.machinery.rates.Rates`, e.g. `rates.counties`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calculators.machinery import fmt
from calculators.machinery.rates import format_value, load

from . import sources

# Numbers written as words in prose; larger ones stay digits.
_WORDS = ("null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv")


def words(n, gender: str = "m") -> str:
    """A whole number from 0 to 12 as a Norwegian word: `2` → `to`, `1` → `én`, or `ett`
    when `gender` is `"n"` (neuter noun). Other numbers stay digits (`15`, `2 000`)."""
    if isinstance(n, bool) or not isinstance(n, (int, Decimal)) or n != int(n) or not 0 <= n < len(_WORDS):
        return fmt.number(n) if isinstance(n, (int, Decimal)) and not isinstance(n, bool) else str(n)
    n = int(n)
    if n == 1 and gender == "n":
        return "ett"
    return _WORDS[n]


def value(param_id: str, year: int | None = None):
    """The raw value (latest, or in force for `year`)."""
    return load().value(param_id, year)


def num(param_id: str, year: int | None = None, words: bool = False, gender: str = "m") -> str:
    """The bare number, Norwegian format: `3 600`, `15`, `1`; a calendar year as `2025`.

    With `words=True` a small whole number is written as a word (`to`; `én`, or `ett` with
    `gender="n"`), for prose such as «de siste to årene»."""
    v = value(param_id, year)
    if words and load().param(param_id).unit not in ("årstall", "måned", "dato"):
        return _word(v, gender)
    if isinstance(v, date):
        return fmt.date_no(v)
    if load().param(param_id).unit == "årstall":
        return str(v)
    if isinstance(v, (int, Decimal)):
        return fmt.number(v)
    return str(v)


def _word(v, gender: str) -> str:
    return words(v, gender)


def fig(param_id: str, year: int | None = None, approx: bool = True, words: bool = False,
        genitive: bool = False) -> str:
    """The number with its unit, prefixed `ca.` where the source says approximate.

    With `words=True` a small number of a counted unit (months, weeks, days, years) is
    written as a word with the noun in the right number and gender: `tre måneder`,
    `én måned`, `ett år`; `genitive=True` gives `én måneds`, `tre måneders`."""
    p = load().param(param_id)
    return format_value(p, value(param_id, year), approx=approx, words=words, genitive=genitive)


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


def kilde(document: str, *sections, page: str | None = None) -> str:
    """The source note a guidance page opens with, as a Material admonition.

    `document` is a key of `[documents]` in the rates file (`circular`, `regulation`);
    `sections` are the source's own headings, each linked to that heading on the source
    page (`macros/sources.py`; matched by slug, so «Vedlegg: …», quotes and case do not
    matter). Where a name is not a heading of the page, or two headings share it, give
    `[name, anchor]` instead. The document's name links to its page. `page` is the
    docs-relative path of the page the note is on (the macro fills it in); without it the
    note has no links. Put the call on a line of its own. A name or anchor the source page
    lacks fails the build.
    """
    name = load().documents[document]
    quoted = []
    for section in sections:
        label, anchor = (section, sources.section_anchor(document, section)) if isinstance(section, str) else section
        shown = f"«{label}»"
        quoted.append(f"[{shown}]({sources.href(document, anchor, page)})" if page is not None else shown)
    where = ("avsnittet " if len(quoted) == 1 else "avsnittene ") + _join(quoted)
    if page is not None:
        name = f"[{name}]({sources.page_href(document, page)})"
    return f'!!! note "Kilde"\n    {name}, {where}.'


def register(env) -> None:
    env.macro(fig)
    env.macro(words)
    env.macro(num)
    env.macro(source)
    env.macro(value, "rate_value")
    env.macro(month_name)
    env.macro(quarter_name)
    env.macro(mail)

    def kilde_here(document: str, *sections) -> str:
        return kilde(document, *sections, page=env.page.file.src_uri)

    kilde_here.__doc__ = kilde.__doc__
    env.macro(kilde_here, "kilde")
    env.variables["rates"] = load()
