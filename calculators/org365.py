"""ORG365 licence budget (`org365`).

Source: Fagforbundet's circular 19/24, «ORG365», «Felles e-postadresse for fagforeningen»,
«Fleksibilitet i antall lisenser og type lisenser» and the attachment on the licence types.

Rules (one function each, named after the rule):

- `unit_prices`: E1 / F3 / E3 cost «ca.» 3 600 / 1 100 / 5 000 kr per user per year
  (rates `org365.price.*`); the user may override any of them.
- `months_charged`: the rollout date is unknown, so the whole year is budgeted unless a
  first month is given (rates `org365.default_start_month`).
- `line_amount`: unit price × count × months charged / 12, rounded half-up to øre once.
- `line_by_quarter`: the amount charged by the end of each quarter is
  unit price × count × months charged so far / 12, rounded once; a quarter's amount is the
  difference of two such cumulative amounts. Each line's quarters therefore add up to the
  line exactly, and the total's quarters (sums of the lines' quarters) add up to the total.
- Findings: `leader_must_exist` (`leader-missing`), `leader_must_have_e1` (`leader-not-e1`,
  or the info `leader-e3` for an E3 leader: E3 includes everything E1 gives),
  `single_leader` (`leader-multiple`), `second_e1_recommended` (`second-e1-recommended`,
  threshold `org365.recommended_full_holders`), `shared_mailbox_needs_e1`
  (`shared-mailbox-needs-e1`, naming the rows), `e3_contact` (`e3-contact`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from . import fmt
from .fields import MAX_YEAR, Errors, Reader
from .periods import (
    MONTHS_PER_YEAR,
    QUARTERS,
    add_quarters,
    last_month_of,
    months_from,
    months_through,
    quarter_dict,
)
from .rates import Rates
from .rates import load as load_rates
from .result import Finding, Level, failure, success

# ---------------------------------------------------------------------------
# Types


class Role(StrEnum):
    LEDER = "leder"
    STYREMEDLEM = "styremedlem"
    TILLITSVALGT = "tillitsvalgt"


class License(StrEnum):
    E1 = "E1"  # normal use
    F3 = "F3"  # simple use
    E3 = "E3"  # advanced use


# Licences that give access to the union's shared mailbox and shared Teams area.
FULL_LICENSES = frozenset({License.E1, License.E3})

LICENSE_NAMES = {
    License.E1: "normal bruk (E1)",
    License.F3: "enkel bruk (F3)",
    License.E3: "avansert bruk (E3)",
}

# How the choices read in messages (as the form's choices read).
ROLE_NAMES = {"leder": "leder av fagforeningen", "styremedlem": "styremedlem",
              "tillitsvalgt": "annen tillitsvalgt"}
ROLE_CHOICES = {Role.LEDER: "Leder av fagforeningen", Role.STYREMEDLEM: "Styremedlem",
                Role.TILLITSVALGT: "Annen tillitsvalgt"}
# The union's board (fagforeningsstyret): the leader and the board members.
BOARD_ROLES = frozenset({Role.LEDER, Role.STYREMEDLEM})
LICENSE_CHOICES = {"E1": "E1 (normal bruk)", "F3": "F3 (enkel bruk)", "E3": "E3 (avansert bruk)"}

LABELS = {
    "year": "Budsjettår",
    "start_month": "Første måned med lisenskostnad (1–12)",
    "holders": "Lisensinnehavere",
    "role": "Rolle",
    "license": "Lisenstype",
    "needs_shared_mailbox": "Skal ha tilgang til fagforeningens felles e-postadresse (felles innboks)",
    "needs_shared_area": "Skal arbeide i fagforeningens fellesområde i Teams",
    "prices": "Egne priser",
}


LICENSE_SHORT = {License.E1: "normal bruk", License.F3: "enkel bruk", License.E3: "avansert bruk"}


def price_label(lic: License) -> str:
    return f"Pris per år for {lic.value} – {LICENSE_SHORT[lic]} (kr)"


@dataclass(frozen=True)
class Holder:
    role: Role
    license: License
    needs_shared_mailbox: bool
    needs_shared_area: bool = False


@dataclass(frozen=True)
class Inputs:
    year: int
    start_month: int
    holders: tuple[Holder, ...]
    price_overrides: tuple[tuple[License, Decimal], ...] = ()


@dataclass(frozen=True)
class Line:
    license: License
    count: int
    unit_price: Decimal
    amount: Decimal
    by_quarter: tuple[Decimal, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "unit_price": fmt.money_str(self.unit_price),
            "amount": fmt.money_str(self.amount),
            "by_quarter": quarter_dict(self.by_quarter),
        }


@dataclass(frozen=True)
class Result:
    year: int
    start_month: int
    months: int
    lines: tuple[Line, ...]
    total: Decimal
    monthly: Decimal
    by_quarter: tuple[Decimal, ...]
    prices_approximate: bool
    prices_confirmed: bool
    holders: tuple[Holder, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "start_month": self.start_month,
            "months": self.months,
            "lines": {line.license.value: line.as_dict() for line in self.lines},
            "total": fmt.money_str(self.total),
            "monthly": fmt.money_str(self.monthly),
            "by_quarter": quarter_dict(self.by_quarter),
            "prices_approximate": self.prices_approximate,
            "prices_confirmed": self.prices_confirmed,
            "holders": [
                {"role": h.role.value, "license": h.license.value,
                 "needs_shared_mailbox": h.needs_shared_mailbox,
                 "needs_shared_area": h.needs_shared_area}
                for h in self.holders
            ],
        }


# ---------------------------------------------------------------------------
# Rules: amounts


def first_price_year(rates: Rates) -> int:
    """The first year every licence price exists in the rates file."""
    return max(rates.param(f"org365.price.{lic.value}").first_year for lic in License)


def unit_prices(year: int, overrides: dict[License, Decimal], rates: Rates
                ) -> tuple[dict[License, Decimal], bool, bool]:
    """Price per user per year for each licence type; whether any price used is the
    circular's approximate («ca.») one; whether every price used is stated for `year`
    (an own price counts as stated)."""
    prices: dict[License, Decimal] = {}
    approximate = False
    confirmed = True
    for lic in License:
        if lic in overrides:
            prices[lic] = overrides[lic]
        else:
            param = rates.param(f"org365.price.{lic.value}")
            value, stated = param.in_force(year)
            prices[lic] = Decimal(str(value))
            approximate = approximate or param.approximate
            confirmed = confirmed and stated
    return prices, approximate, confirmed


def months_charged(start_month: int) -> int:
    return months_from(start_month)


def line_amount(unit_price: Decimal, count: int, months: int) -> Decimal:
    """unit price × count × months charged / 12, rounded half-up to øre once."""
    return fmt.round_ore(unit_price * count * months / MONTHS_PER_YEAR)


def line_by_quarter(unit_price: Decimal, count: int, start_month: int) -> tuple[Decimal, ...]:
    """Amount charged in each quarter: differences of the rounded cumulative amounts, so
    the four quarters add up exactly to `line_amount(…, months_charged(start_month))`."""
    cumulative = [Decimal("0.00")]
    for q in range(1, len(QUARTERS) + 1):
        months = months_through(start_month, last_month_of(q))
        cumulative.append(line_amount(unit_price, count, months))
    return tuple(cumulative[q] - cumulative[q - 1] for q in range(1, len(QUARTERS) + 1))


def calculate(inputs: Inputs, rates: Rates) -> Result:
    prices, approximate, confirmed = unit_prices(inputs.year, dict(inputs.price_overrides), rates)
    months = months_charged(inputs.start_month)
    lines = []
    for lic in License:
        count = sum(1 for h in inputs.holders if h.license == lic)
        lines.append(Line(
            license=lic,
            count=count,
            unit_price=prices[lic],
            amount=line_amount(prices[lic], count, months),
            by_quarter=line_by_quarter(prices[lic], count, inputs.start_month),
        ))
    total = sum((line.amount for line in lines), Decimal("0.00"))
    return Result(
        year=inputs.year,
        start_month=inputs.start_month,
        months=months,
        lines=tuple(lines),
        total=total,
        monthly=fmt.round_ore(total / months),
        by_quarter=add_quarters(*(line.by_quarter for line in lines)),
        prices_approximate=approximate,
        prices_confirmed=confirmed,
        holders=inputs.holders,
    )


# ---------------------------------------------------------------------------
# Rules: findings

CITE_ORG365 = "(rundskriv 19/24, «ORG365»)"
CITE_MAILBOX = "(rundskriv 19/24, «Felles e-postadresse for fagforeningen» og «Fleksibilitet i antall lisenser og type lisenser»)"
CITE_E3 = "(rundskriv 19/24, vedlegg: «Lisens for avansert bruk (E3)»)"


def _rows(indexes: list[int]) -> str:
    word = "Rad" if len(indexes) == 1 else "Radene"
    return f"{word} {fmt.and_list([str(i + 1) for i in indexes])}"


def _leaders(holders: tuple[Holder, ...]) -> list[int]:
    return [i for i, h in enumerate(holders) if h.role == Role.LEDER]


def leader_must_exist(holders: tuple[Holder, ...]) -> list[Finding]:
    if _leaders(holders):
        return []
    return [Finding("leader-missing", Level.ERROR,
                    f"Ingen lisensinnehaver har rollen «{ROLE_CHOICES[Role.LEDER]}». Fagforeningslederen skal alltid ha "
                    f"en ORG365-lisens for normal bruk (E1) {CITE_ORG365}.")]


def leader_must_have_e1(holders: tuple[Holder, ...], rates: Rates) -> list[Finding]:
    """The leader must have E1. The calculator accepts E3 for the leader (its reading: the
    circular says E3 «gir alle nødvendige tilganger»), with an info finding saying so."""
    out = []
    simple = [i for i in _leaders(holders) if holders[i].license not in FULL_LICENSES]
    if simple:
        out.append(Finding(
            "leader-not-e1", Level.ERROR,
            f"{_rows(simple)}: lederen har lisens for {LICENSE_NAMES[License.F3]}. "
            f"Fagforeningslederen skal alltid ha en ORG365-lisens for normal bruk (E1) {CITE_ORG365}."))
    advanced = [i for i in _leaders(holders) if holders[i].license == License.E3]
    if advanced:
        email = rates.value("circular.contact.ffhjelp")
        out.append(Finding(
            "leader-e3", Level.INFO,
            f"{_rows(advanced)}: lederen har lisens for {LICENSE_NAMES[License.E3]}. Rundskrivet sier at "
            f"E3 «gir alle nødvendige tilganger for den tillitsvalgte» {CITE_E3}. Kalkulatoren leser "
            "det slik at E3 oppfyller kravet om lisens for normal bruk (E1) for lederen; det står ikke "
            f"uttrykkelig i rundskrivet. E3 må bestilles fra {email}."))
    return out


def single_leader(holders: tuple[Holder, ...]) -> list[Finding]:
    leaders = _leaders(holders)
    if len(leaders) <= 1:
        return []
    return [Finding("leader-multiple", Level.WARNING,
                    f"{_rows(leaders)} har alle rollen «{ROLE_CHOICES[Role.LEDER]}». Kalkulatoren regner "
                    "med at fagforeningen har én leder; sjekk om noen av dem skal være styremedlem "
                    "eller annen tillitsvalgt.")]


def _board(holders: tuple[Holder, ...]) -> list[Holder]:
    return [h for h in holders if h.role in BOARD_ROLES]


def second_e1_recommended(holders: tuple[Holder, ...], year: int, rates: Rates) -> list[Finding]:
    """At least one more member of the board than the leader with E1 (E3 counted as E1)."""
    recommended = rates.integer("org365.recommended_full_holders", year)
    full = sum(1 for h in _board(holders) if h.license in FULL_LICENSES)
    if full >= recommended:
        return []
    return [Finding(
        "second-e1-recommended", Level.WARNING,
        f"{fmt.number(full)} i fagforeningsstyret (leder og styremedlemmer) har lisens for normal bruk "
        f"(E1) eller avansert bruk (E3). Rundskrivet anbefaler at minimum {fmt.words(recommended - 1)} til "
        "i fagforeningsstyret, i tillegg til lederen, har lisens for normal bruk (E1), slik at flere får tilgang til "
        f"fagforeningens felles e-postadresse {CITE_ORG365}.")]


def shared_mailbox_needs_e1(holders: tuple[Holder, ...]) -> list[Finding]:
    rows = [i for i, h in enumerate(holders)
            if h.needs_shared_mailbox and h.license not in FULL_LICENSES]
    if not rows:
        return []
    return [Finding(
        "shared-mailbox-needs-e1", Level.ERROR,
        f"{_rows(rows)}: skal ha tilgang til fagforeningens felles e-postadresse, men har lisens for "
        f"{LICENSE_NAMES[License.F3]}. For å få tilgang til e-post og dokumenter i en felles innboks må "
        f"man ha lisens for normal bruk (E1) eller avansert bruk (E3) {CITE_MAILBOX}.")]


def shared_area_e1_recommended(holders: tuple[Holder, ...]) -> list[Finding]:
    rows = [i for i, h in enumerate(holders)
            if h.needs_shared_area and h.license not in FULL_LICENSES]
    if not rows:
        return []
    return [Finding(
        "shared-area-e1-recommended", Level.WARNING,
        f"{_rows(rows)}: skal arbeide i fagforeningens fellesområde i Teams og har lisens for "
        f"{LICENSE_NAMES[License.F3]}. Rundskrivet anbefaler lisens for normal bruk (E1) for "
        f"tillitsvalgte som skal arbeide i fagforeningens fellesområde {CITE_ORG365}.")]


def price_unconfirmed(inputs: Inputs, result: Result, rates: Rates) -> list[Finding]:
    if result.prices_confirmed:
        return []
    stated = max(v.end.year for lic in License
                 for v in rates.param(f"org365.price.{lic.value}").values if v.end is not None)
    return [Finding(
        "price-unconfirmed", Level.WARNING,
        f"Rundskrivet oppgir prisene for {stated}, ikke for {inputs.year}. Kalkulatoren bruker "
        f"rundskrivets priser; de faktiske prisene for {inputs.year} kan bli andre. Skriv inn egne "
        "priser hvis dere kjenner dem.")]


def e3_contact(holders: tuple[Holder, ...], rates: Rates) -> list[Finding]:
    rows = [i for i, h in enumerate(holders) if h.license == License.E3]
    if not rows:
        return []
    email = rates.value("circular.contact.ffhjelp")
    return [Finding(
        "e3-contact", Level.INFO,
        f"{_rows(rows)}: lisens for {LICENSE_NAMES[License.E3]}. Fagforeningen må kontakte "
        f"Fagforbundet sentralt på {email} for å få E3, og lisensen stiller krav til hvilken PC "
        f"den tillitsvalgte bruker {CITE_E3}.")]


def findings(inputs: Inputs, result: Result, rates: Rates) -> list[Finding]:
    h = inputs.holders
    return [
        *leader_must_exist(h),
        *leader_must_have_e1(h, rates),
        *single_leader(h),
        *shared_mailbox_needs_e1(h),
        *shared_area_e1_recommended(h),
        *second_e1_recommended(h, inputs.year, rates),
        *price_unconfirmed(inputs, result, rates),
        *e3_contact(h, rates),
    ]


# ---------------------------------------------------------------------------
# Input


class _ReadYear:
    """Marker: read `year` from the inputs (the default); the budget passes its own."""


READ_YEAR: Any = _ReadYear()


def read_inputs(r: Reader, rates: Rates, year: int | None | Any = READ_YEAR) -> Inputs | None:
    """Validated inputs, or None after recording every field error in `r.errors`."""
    before = len(r.errors.items)
    if year is READ_YEAR:
        year = r.integer("year", LABELS["year"], minimum=first_price_year(rates),
                         maximum=MAX_YEAR, example=str(first_price_year(rates)))
    start_month = r.integer("start_month", LABELS["start_month"], required=False,
                            minimum=1, maximum=MONTHS_PER_YEAR, example="1")
    if start_month is None and not r.present("start_month"):
        start_month = rates.integer("org365.default_start_month", year) if year else None

    holders = []
    rows = r.rows("holders", LABELS["holders"])
    for i, row in enumerate(rows or []):
        n = f" (rad {i + 1})"
        role = row.choice("role", LABELS["role"] + n, Role, names=ROLE_NAMES)
        lic = row.choice("license", LABELS["license"] + n, License, names=LICENSE_CHOICES)
        mailbox = row.boolean("needs_shared_mailbox", LABELS["needs_shared_mailbox"] + n)
        area = row.boolean("needs_shared_area", LABELS["needs_shared_area"] + n)
        if role is not None and lic is not None and mailbox is not None and area is not None:
            holders.append(Holder(role, lic, mailbox, area))

    overrides = read_prices(r)

    if len(r.errors.items) > before or year is None or start_month is None or rows is None:
        return None
    return Inputs(year=year, start_month=start_month, holders=tuple(holders),
                  price_overrides=tuple(overrides.items()))


def read_prices(r: Reader) -> dict[License, Decimal]:
    """Optional price overrides: `{"E1": "3 600", …}`, any subset; blank means «not given»."""
    raw = r.data.get("prices")
    if raw is None or raw == "":
        return {}
    if not isinstance(raw, dict):
        r.fail("prices", LABELS["prices"], "må være priser per lisenstype (E1, F3, E3)")
        return {}
    p = r.nested("prices")
    overrides = {}
    for key in raw:
        if key not in License.__members__:
            p.errors.add(p.path(str(key)),
                         f"«{LABELS['prices']}»: ukjent lisenstype «{str(key)[:20]}». "
                         "Gyldige lisenstyper er E1, F3 og E3.")
    for lic in License:
        value = p.decimal(lic.value, price_label(lic), required=False)
        if value is not None:
            overrides[lic] = value
    return overrides


def run(inputs: object, rates: Rates | None = None) -> dict[str, Any]:
    rates = rates or load_rates()
    errors = Errors()
    parsed = read_inputs(Reader(inputs, errors), rates)
    if parsed is None:
        return failure(errors)
    with fmt.exact_context():
        result = calculate(parsed, rates)
        return success(result.as_dict(), findings(parsed, result, rates))
