"""KL*AR charge (`klar`).

Source: Fagforbundet's circular 19/24, «Lisenser KL*AR».

Rules (one function each, named after the rule):

- `rate_in_force`: 1 kr per working (yrkesaktivt) member per month in 2025 (rates
  `klar.rate`). For a year the rates file does not confirm, the latest known rate is used
  and the finding `rate-unconfirmed` (warning) says so. The user may give their own rate
  (then the info `rate-override`, no warning).
- `first_month_charged`: in the first year (rates `klar.first_year`) each county
  (fylkeskrets) is charged from its start quarter (rates `klar_start_quarter`); from the
  next year all twelve months. Years before the first year are an input error.
- `month_charge`: members that month × rate, rounded half-up to øre once. A month is a
  budget line: the total and the quarters are sums of the rounded months.
- `club_officials_do_not_count` (info `club-officials-not-counted`, always): licences are
  bought for the whole of Fagforbundet, so the number of club officials does not change
  the charge; only working members count.
- `start_quarter` (info `start-quarter`, first year only): names the county's start quarter.

`rate_confirmed` is true only when the rate used is the one the rates file confirms for the
year (so false for a later year and for the user's own rate).

County names are matched case-insensitively and tolerantly (`match_county`): `Ostfold`,
`More og Romsdal`, `Møre-og-Romsdal`, `Oslo fylkeskrets`, extra spaces …
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from . import fmt
from .fields import MAX_YEAR, Errors, Reader
from .periods import MONTHS_PER_YEAR, months_from, quarter_dict, sum_by_quarter
from .rates import County, Rates
from .rates import load as load_rates
from .result import Finding, Level, failure, success


class MembersMode(StrEnum):
    SINGLE = "single"    # one member count for every month
    MONTHLY = "monthly"  # twelve monthly counts


# The labels the form shows, so that a message names the field the reader sees.
LABELS = {
    "year": "År",
    "county": "Fylkeskrets",
    "members": "Yrkesaktive medlemmer",
    "members_by_month": "Yrkesaktive medlemmer per måned",
    "rate": "Sats per yrkesaktivt medlem per måned (kr, valgfritt)",
}

CITE = "(rundskriv 19/24, «Lisenser KL*AR»)"


@dataclass(frozen=True)
class Inputs:
    year: int
    county: County
    members_by_month: tuple[int, ...]  # twelve counts
    members_mode: MembersMode
    rate_override: Decimal | None = None


@dataclass(frozen=True)
class Result:
    year: int
    county: str
    first_month: int
    months: int
    member_months: int
    rate: Decimal
    rate_confirmed: bool
    by_month: tuple[Decimal, ...]
    total: Decimal
    members_mode: MembersMode

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "county": self.county,
            "first_month": self.first_month,
            "months": self.months,
            "member_months": self.member_months,
            "rate": rate_str(self.rate),
            "rate_confirmed": self.rate_confirmed,
            "total": fmt.money_str(self.total),
            "by_quarter": quarter_dict(sum_by_quarter(self.by_month)),
            "by_month": [fmt.money_str(m) for m in self.by_month],
            "members_mode": self.members_mode.value,
        }


def rate_str(rate: Decimal) -> str:
    """At least two decimals (`"1.00"`), more only when the rate has them (`"1.125"`)."""
    if rate == fmt.round_ore(rate):
        return fmt.money_str(rate)
    return format(rate.normalize(), "f")


def rate_kr(rate: Decimal) -> str:
    """A rate in Norwegian form, keeping decimals beyond øre (`1,125 kr`)."""
    if rate == fmt.round_ore(rate):
        return fmt.kr(rate)
    return f"{fmt.number(rate.normalize())} kr"


# ---------------------------------------------------------------------------
# Counties


def _county_key(text: str) -> str:
    """Folded form for matching: lower case, ø/å/æ spelled out or dropped, hyphens and extra
    spaces removed, the words «fylkeskrets»/«fylke» and a leading «Fagforbundet» dropped."""
    t = text.casefold().replace("&", " og ")
    t = t.replace("ø", "o").replace("ö", "o").replace("å", "a").replace("æ", "ae")
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("oe", "o").replace("aa", "a")
    t = re.sub(r"[\s\-_.,/]+", " ", t).strip()
    words = [w for w in t.split(" ") if w not in {"fylkeskrets", "fylkeskretsen", "fylke", "fagforbundet"}]
    return " ".join(words)


def match_county(text: str, counties: tuple[County, ...]) -> County | None:
    key = _county_key(text)
    for county in counties:
        if _county_key(county.name) == key:
            return county
    return None


# ---------------------------------------------------------------------------
# Rules


def first_year(rates: Rates) -> int:
    return rates.integer("klar.first_year")


def first_month_charged(year: int, county: County, rates: Rates) -> int:
    """The county's start quarter in the first year; January from the year after."""
    return county.first_month if year == first_year(rates) else 1


def rate_in_force(year: int, rates: Rates) -> tuple[Decimal, bool]:
    value, confirmed = rates.param("klar.rate").in_force(year)
    return Decimal(str(value)), confirmed


def month_charge(members: int, rate: Decimal) -> Decimal:
    return fmt.round_ore(members * rate)


def charge_by_month(members_by_month: tuple[int, ...], first_month: int, rate: Decimal
                    ) -> tuple[Decimal, ...]:
    """Twelve amounts; months before the first month charged are 0."""
    return tuple(
        month_charge(members, rate) if month >= first_month else Decimal("0.00")
        for month, members in enumerate(members_by_month, start=1)
    )


def calculate(inputs: Inputs, rates: Rates) -> Result:
    first = first_month_charged(inputs.year, inputs.county, rates)
    if inputs.rate_override is not None:
        rate, confirmed = inputs.rate_override, False
    else:
        rate, confirmed = rate_in_force(inputs.year, rates)
    by_month = charge_by_month(inputs.members_by_month, first, rate)
    return Result(
        year=inputs.year,
        county=inputs.county.name,
        first_month=first,
        months=months_from(first),
        member_months=sum(inputs.members_by_month[first - 1:]),
        rate=rate,
        rate_confirmed=confirmed,
        by_month=by_month,
        total=sum(by_month, Decimal("0.00")),
        members_mode=inputs.members_mode,
    )


def rate_unconfirmed(inputs: Inputs, rates: Rates) -> list[Finding]:
    if inputs.rate_override is not None:
        return []
    rate, confirmed = rate_in_force(inputs.year, rates)
    if confirmed:
        return []
    param = rates.param("klar.rate")
    known = max(v.start.year for v in param.values if v.start.year <= inputs.year)
    return [Finding(
        "rate-unconfirmed", Level.WARNING,
        f"Rundskrivet fastsetter ikke KL*AR-satsen for {inputs.year}. Beregningen bruker siste "
        f"kjente sats, {rate_kr(rate)} per yrkesaktivt medlem per måned (fra {known}). "
        "Lisenskostnadene vil bli justert ut fra videreutvikling av funksjonaliteter og "
        f"leverandørenes kostnadsregulering {CITE}.")]


def rate_override(inputs: Inputs, rates: Rates) -> list[Finding]:
    if inputs.rate_override is None:
        return []
    rate, confirmed = rate_in_force(inputs.year, rates)
    source = "fastsatt" if confirmed else "siste kjente sats"
    return [Finding(
        "rate-override", Level.INFO,
        f"Beregningen bruker din egen sats, {rate_kr(inputs.rate_override)} per yrkesaktivt medlem "
        f"per måned, i stedet for rundskrivets sats for {inputs.year} ({source}: "
        f"{rate_kr(rate)}) {CITE}.")]


def club_officials_do_not_count() -> list[Finding]:
    return [Finding(
        "club-officials-not-counted", Level.INFO,
        "Lisenser for KL*AR kjøpes samlet for hele Fagforbundet, ikke for hver klubbtillitsvalgt. "
        "Antallet klubbtillitsvalgte påvirker derfor ikke kostnaden; den fordeles etter antall "
        f"yrkesaktive medlemmer per fagforening per måned {CITE}.")]


def start_quarter(inputs: Inputs, rates: Rates) -> list[Finding]:
    if inputs.year != first_year(rates):
        return []
    c = inputs.county
    return [Finding(
        "start-quarter", Level.INFO,
        f"Fagforeninger i {c.name} belastes i {inputs.year} fra {c.quarter}. kvartal {CITE}. "
        f"Kalkulatoren leser det som fra {fmt.month_name(c.first_month)}, første måned i kvartalet, "
        f"og regner alle tolv måneder fra {inputs.year + 1}; rundskrivet oppgir bare når "
        f"belastningen starter i {inputs.year}.")]


def findings(inputs: Inputs, rates: Rates) -> list[Finding]:
    return [
        *rate_unconfirmed(inputs, rates),
        *rate_override(inputs, rates),
        *start_quarter(inputs, rates),
        *club_officials_do_not_count(),
    ]


# ---------------------------------------------------------------------------
# Input


class _ReadYear:
    """Marker: read `year` from the inputs (the default); the budget passes its own."""


READ_YEAR: Any = _ReadYear()


def _blank(raw: object) -> bool:
    return raw is None or raw == [] or (isinstance(raw, str) and not raw.strip())


def read_inputs(r: Reader, rates: Rates, year: int | None | Any = READ_YEAR) -> Inputs | None:
    before = len(r.errors.items)
    if year is READ_YEAR:
        year = r.integer("year", LABELS["year"], minimum=first_year(rates), maximum=MAX_YEAR,
                         example=str(first_year(rates)))
    county = read_county(r, rates)

    single_given = not _blank(r.data.get("members"))
    monthly_given = not _blank(r.data.get("members_by_month"))
    members: tuple[int, ...] | None = None
    mode = MembersMode.MONTHLY if monthly_given else MembersMode.SINGLE
    if single_given and monthly_given:
        r.fail("members", LABELS["members"],
               f"kan ikke fylles ut samtidig med «{LABELS['members_by_month']}»; oppgi det ene eller det andre")
    elif not single_given and not monthly_given:
        r.fail("members", LABELS["members"],
               f"må fylles ut (eller oppgi «{LABELS['members_by_month']}»)")
    elif single_given:
        count = r.integer("members", LABELS["members"], example="250")
        if count is not None:
            members = (count,) * MONTHS_PER_YEAR
    else:
        items = r.values("members_by_month", LABELS["members_by_month"], length=MONTHS_PER_YEAR)
        if items is not None:
            counts = [reader.integer(key, f"{LABELS['members_by_month']}, {fmt.month_name(i + 1)}",
                                     example="250")
                      for i, (reader, key) in enumerate(items)]
            if all(c is not None for c in counts):
                members = tuple(counts)  # type: ignore[arg-type]

    rate = r.decimal("rate", LABELS["rate"], required=False)

    if len(r.errors.items) > before or year is None or county is None or members is None:
        return None
    return Inputs(year=year, county=county, members_by_month=members, members_mode=mode,
                  rate_override=rate)


def read_county(r: Reader, rates: Rates) -> County | None:
    text = r.text("county", LABELS["county"])
    if text is None:
        return None
    county = match_county(text, rates.counties)
    if county is None:
        names = fmt.and_list([c.name for c in rates.counties])
        r.errors.add(r.path("county"),
                     f"«{LABELS['county']}»: «{text[:40]}» er ikke en kjent fylkeskrets. "
                     f"Gyldige navn: {names}.")
    return county


def run(inputs: object, rates: Rates | None = None) -> dict[str, Any]:
    rates = rates or load_rates()
    errors = Errors()
    parsed = read_inputs(Reader(inputs, errors), rates)
    if parsed is None:
        return failure(errors)
    with fmt.exact_context():
        return success(calculate(parsed, rates).as_dict(), findings(parsed, rates))

