"""The rates data file (`rates.toml`): every rate and rule parameter, with dates and sources.

Read once with the standard library's `tomllib`; money values become exact `Decimal`s.
The rule modules ask for the value in force for a year; pages ask for the same values
through the macros, so a figure is written only in the data file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from . import fmt

DATA_FILE = "rates.toml"

# In a label or note, `{other.id}` stands for that parameter's figure.
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.]+)\}")
# Units whose small counts a label writes in words («utover tre måneder», «på to år»);
# `fmt.words` keeps larger numbers in digits («fyller 60 år»).
COUNTED_IN_WORDS = frozenset({"måneder", "uker", "år"})


@dataclass(frozen=True)
class DatedValue:
    start: date
    end: date | None
    value: Any
    undated: bool = False   # the source gives the value without a date: `start`/`end` are the calculator's reading

    def covers(self, year: int) -> bool:
        """True when this value is stated for (some of) the given year."""
        return self.start.year <= year and (self.end is None or self.end.year >= year)


@dataclass(frozen=True)
class Param:
    id: str
    description: str
    label: str   # Norwegian; `{other.id}` stands for that parameter's figure
    page: str    # the guidance page that covers it (docs-relative Markdown path, #anchor)
    note: str    # where the value is the calculator's reading, or the source is unclear
    unit: str
    approximate: bool
    document: str
    section: str
    values: tuple[DatedValue, ...]
    document_key: str = ""   # the key of [documents]: "circular" or "regulation"
    anchor: str = ""   # the passage on the site's page of the source (`lisenser-kl-ar-3`)
    quote: str = ""    # the source's own words in that passage, verbatim (whitespace aside)

    def in_force(self, year: int) -> tuple[Any, bool]:
        """The value for `year` and whether the source confirms it for that year.

        A value covers a year when it starts in or before that year and has no end or
        ends in or after it. Where none covers the year, the latest value that started
        before it is returned with `confirmed=False`. A year before the first value
        raises `LookupError` (the parameter did not exist yet).
        """
        covering = [v for v in self.values if v.covers(year)]
        if covering:
            return max(covering, key=lambda v: v.start).value, True
        earlier = [v for v in self.values if v.start.year <= year]
        if not earlier:
            raise LookupError(f"{self.id} has no value for {year}")
        return max(earlier, key=lambda v: v.start).value, False

    def value_in_force(self, year: int) -> DatedValue:
        """The dated value `in_force(year)` returns, with its dates."""
        covering = [v for v in self.values if v.covers(year)]
        earlier = covering or [v for v in self.values if v.start.year <= year]
        if not earlier:
            raise LookupError(f"{self.id} has no value for {year}")
        return max(earlier, key=lambda v: v.start)

    @property
    def latest(self) -> Any:
        return max(self.values, key=lambda v: v.start).value

    @property
    def first_year(self) -> int:
        return min(v.start.year for v in self.values)

    @property
    def least(self) -> Any:
        """The smallest value stated, whatever its dates: how a rate that is itself a
        bound on the year asked (a first year) is read."""
        return min(v.value for v in self.values)


@dataclass(frozen=True)
class County:
    name: str
    quarter: int

    @property
    def first_month(self) -> int:
        return (self.quarter - 1) * 3 + 1


@dataclass(frozen=True)
class Rates:
    documents: dict[str, str]
    params: dict[str, Param]
    counties: tuple[County, ...]
    counties_source: str
    source_pages: dict[str, str] = field(default_factory=dict)   # document key → its page, docs-relative
    counties_anchor: str = ""   # the passage that names the start quarters (see `Param.anchor`)
    counties_quote: str = ""    # the source's words there

    def param(self, param_id: str) -> Param:
        return self.params[param_id]

    def at(self, year: int) -> RatesAt:
        """The rates in force in `year`: what the rules read."""
        return RatesAt(self, year)

    def value(self, param_id: str, year: int | None = None) -> Any:
        """The value in force for `year` (the latest value when `year` is None)."""
        p = self.params[param_id]
        return p.latest if year is None else p.in_force(year)[0]

    def decimal(self, param_id: str, year: int | None = None) -> Decimal:
        return Decimal(str(self.value(param_id, year)))

    def integer(self, param_id: str, year: int | None = None) -> int:
        return int(self.value(param_id, year))

    def changes(self) -> list[Change]:
        """Every dated value of every rate, newest first: what each value replaced (None
        for a rate's first value). A maintainer who adds a dated value gets it listed."""
        out = []
        for p in self.params.values():
            ordered = sorted(p.values, key=lambda v: v.start)
            for before, now in zip([None, *ordered], ordered):
                out.append(Change(p, now, before))
        out.sort(key=lambda c: c.param.id)
        return sorted(out, key=lambda c: c.now.start, reverse=True)

    def fill(self, text: str, year: int | None = None) -> str:
        """A label or note with each `{other.id}` as that parameter's number in force in
        `year` (the latest when None): `{fo.senior_age}` → `60`; a calendar year stays `2025`;
        a small count of months, weeks or years is written in words, as the sentences around
        it write it: `{fo.severance.max_months}` → `tre`."""
        def figure(m: re.Match) -> str:
            pid = m.group(1)
            value = self.value(pid, year)
            unit = self.params[pid].unit
            if unit == "årstall":
                return str(value)
            return fmt.words(value) if unit in COUNTED_IN_WORDS else fmt.number(value)
        return PLACEHOLDER.sub(figure, text)


@dataclass(frozen=True)
class Change:
    """One dated value of a rate and the value it replaced (None: the rate's first)."""
    param: Param
    now: DatedValue
    before: DatedValue | None


@dataclass(frozen=True)
class RatesAt:
    """The rates in force in one year: what every rule reads (never «the latest» value).

    `value(id)` is the value in force for `year` (or, for a year after the last stated
    value, the latest value that started before it: see `Param.in_force`); `confirmed(id)`
    says whether the source states that value for `year`."""

    rates: Rates
    year: int
    # When a set is given, the ids of the rates read (the runner tells the reader which of
    # them differ from the year before).
    read: set[str] | None = field(default=None, compare=False)

    def param(self, param_id: str) -> Param:
        return self.rates.params[param_id]

    def value(self, param_id: str) -> Any:
        if self.read is not None:
            self.read.add(param_id)
        return self.rates.params[param_id].in_force(self.year)[0]

    def changed_since_year_before(self) -> list[tuple[Param, Any, Any]]:
        """The rates read that are in force with another value than the year before:
        (rate, value the year before, value this year). A rate that did not exist the
        year before is new, not changed, and left out."""
        out = []
        for pid in sorted(self.read or ()):
            p = self.rates.params[pid]
            try:
                before = p.in_force(self.year - 1)[0]
            except LookupError:
                continue
            now = p.in_force(self.year)[0]
            if before != now:
                out.append((p, before, now))
        return out

    def confirmed(self, param_id: str) -> bool:
        return self.rates.params[param_id].in_force(self.year)[1]

    def decimal(self, param_id: str) -> Decimal:
        return Decimal(str(self.value(param_id)))

    def integer(self, param_id: str) -> int:
        return int(self.value(param_id))

    @property
    def counties(self) -> tuple[County, ...]:
        return self.rates.counties

    @property
    def counties_source(self) -> str:
        return self.rates.counties_source

    def at(self, year: int) -> RatesAt:
        """The same rates in force in another year (a rule comparing years)."""
        return RatesAt(self.rates, year)

    def group(self, prefix: str) -> RateGroup:
        """The rates whose ids start with `prefix`, by the rest of their id, in force in
        this year: `group("fo.loan").months_of_pay` is `fo.loan.months_of_pay`."""
        return RateGroup(self, prefix)


class RateGroup:
    """The rates under one id prefix in force in one year, read as attributes, as OpenFisca
    reads `parameters(period).fo.loan`: a whole number stated in the data file is an `int`,
    any other figure a `Decimal`. A further dotted level is a group of its own
    (`group("fo").loan.months_of_pay`). A name with no rate behind it is an error."""

    def __init__(self, rates: RatesAt, prefix: str) -> None:
        self._rates = rates
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        pid = f"{self._prefix}.{name}"
        params = self._rates.rates.params
        if pid in params:
            value = self._rates.value(pid)
            return value if isinstance(value, int) else Decimal(str(value))
        if any(p.startswith(pid + ".") for p in params):
            return RateGroup(self._rates, pid)
        raise AttributeError(f"no rate {pid!r} in {DATA_FILE}")

    def __repr__(self) -> str:
        return f"RateGroup({self._prefix!r}, year={self._rates.year})"


def _convert(raw: Any) -> Any:
    # Strings holding numbers are money or rates: keep them exact.
    if isinstance(raw, str):
        try:
            return Decimal(raw)
        except ArithmeticError:
            return raw
    return raw


def parse(text: str) -> Rates:
    data = tomllib.loads(text, parse_float=Decimal)
    documents = dict(data["documents"])
    params = {}
    for pid, raw in data["params"].items():
        src = raw["source"]
        params[pid] = Param(
            id=pid,
            description=raw["description"],
            label=raw["label"],
            page=raw["page"],
            note=raw.get("note", ""),
            unit=raw["unit"],
            approximate=bool(raw.get("approximate", False)),
            document=documents[src["document"]],
            section=src["section"],
            values=tuple(
                DatedValue(start=v["from"], end=v.get("to"), value=_convert(v["value"]),
                           undated=bool(v.get("undated", False)))
                for v in raw["values"]
            ),
            document_key=src["document"],
            anchor=src.get("anchor", ""),
            quote=src.get("quote", ""),
        )
    kq = data["klar_start_quarter"]
    counties = tuple(County(name=c["name"], quarter=int(c["quarter"])) for c in kq["counties"])
    counties_source = f'{documents[kq["source"]["document"]]}, {kq["source"]["section"]}'
    return Rates(documents=documents, params=params, counties=counties, counties_source=counties_source,
                 source_pages=dict(data.get("source_pages", {})),
                 counties_anchor=kq["source"].get("anchor", ""), counties_quote=kq["source"].get("quote", ""))


@cache
def version() -> str:
    """A short fingerprint of the rates file: saved and shared inputs carry it, so a page
    can tell the reader when they were made with other rates than the ones in force."""
    import hashlib

    text = resources.files("calculators").joinpath(DATA_FILE).read_bytes()
    return hashlib.sha256(text).hexdigest()[:12]


@cache
def load() -> Rates:
    """The rates shipped with the package (cached: the file is read once per process)."""
    return parse(resources.files("calculators").joinpath(DATA_FILE).read_text(encoding="utf-8"))


# --- how a value reads (the pages' figures and the results' notes) ---------------------

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


# Nouns of the units that read as words: (singular, plural, gender). The gender picks
# «én» (masculine and feminine) or «ett» (neuter) for 1.
_UNIT_NOUN = {
    "måneder": ("måned", "måneder", "m"),
    "uker": ("uke", "uker", "f"),
    "dager": ("dag", "dager", "m"),
    "år": ("år", "år", "n"),
}

def _genitive(noun: str) -> str:
    return noun if noun.endswith("s") else noun + "s"


def format_value(p, v, approx: bool = True, words: bool = False, genitive: bool = False,
                 per: bool = True) -> str:
    """One value of parameter `p` (a `calculators.machinery.rates.Param`) as `fig` shows it.
    `per=False` leaves out what an amount is per («per bruker per år»), for a line whose
    label already says it."""
    if (words or genitive) and p.unit in _UNIT_NOUN:
        singular, plural, gender = _UNIT_NOUN[p.unit]
        noun = singular if v == 1 else plural
        text = f"{fmt.words(v, gender) if words else fmt.number(v)} {_genitive(noun) if genitive else noun}"
        return f"ca. {text}" if (approx and p.approximate) else text
    if isinstance(v, date):
        text = fmt.date_no(v)
    elif p.unit == "årstall":
        text = str(v)
    elif p.unit == "måned" and isinstance(v, int):
        text = fmt.month_name(v)
    elif p.unit == "kr" or p.unit.startswith("kr/"):
        text = fmt.kr(v) + (_UNIT_SUFFIX[p.unit] if per else "")
    else:
        suffixes = _UNIT_SUFFIX_ONE if v == 1 else {}
        shown = fmt.number(v) if isinstance(v, (int, Decimal)) and not isinstance(v, bool) else str(v)
        text = shown + suffixes.get(p.unit, _UNIT_SUFFIX.get(p.unit, ""))
    return f"ca. {text}" if (approx and p.approximate) else text
