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
  threshold `org365.recommended_full_holders`), `needs_beyond_f3`
  (`shared-mailbox-needs-e1`, `shared-area-e1-recommended`, naming the rows),
  `price_unconfirmed` (`price-unconfirmed`), `e3_contact` (`e3-contact`).

Every finding that says what the circular says carries its words (the `Q_*` quotes);
every choice the circular leaves open is a `Reading` in `READINGS`, attached to the
findings that rest on it and listed on the calculator's page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from ..machinery import fmt
from ..machinery.declare import (BOOLEAN, CHOICE, INTEGER, ROWS, Calculator, Comparable, Computation, Fact, Facts,
                                 Field, Note, Quarters, Step, Table, read_field, row_suffix)
from ..machinery.encode import KEYED, QUARTERS as QUARTERS_META
from ..machinery.evidence import Reading, circular
from ..machinery.fields import MAX_YEAR, Reader
from ..machinery.periods import (
    MONTHS_PER_YEAR,
    QUARTERS,
    add_quarters,
    last_month_of,
    months_from,
    months_through,
)
from ..machinery.rates import Rates, RatesAt
from ..machinery.rates import load as load_rates
from ..machinery.result import Finding, Level

# ---------------------------------------------------------------------------
# Types and names (each written once; forms, messages and results use these)


class Role(StrEnum):
    LEDER = "leder"
    STYREMEDLEM = "styremedlem"
    TILLITSVALGT = "tillitsvalgt"


class License(StrEnum):
    E1 = "E1"  # normal use
    F3 = "F3"  # simple use
    E3 = "E3"  # advanced use


# What each licence type is for, in the circular's words.
LICENSE_USE = {License.E1: "normal bruk", License.F3: "enkel bruk", License.E3: "avansert bruk"}


def license_label(lic: License | str) -> str:
    """As the form and the result table name it: «E1 – normal bruk»."""
    return f"{License(lic).value} – {LICENSE_USE[License(lic)]}"


def license_phrase(lic: License | str) -> str:
    """As the circular's sentences name it: «normal bruk (E1)»."""
    return f"{LICENSE_USE[License(lic)]} ({License(lic).value})"


def price_label(lic: License) -> str:
    return f"Pris per år for {license_label(lic)} (kr)"


ROLE_CHOICES = {Role.LEDER: "Leder av fagforeningen", Role.STYREMEDLEM: "Styremedlem",
                Role.TILLITSVALGT: "Annen tillitsvalgt"}

# Licences that give access to the union's shared e-mail address.
FULL_LICENSES = frozenset({License.E1, License.E3})
# The union's board (fagforeningsstyret): the leader and the board members.
BOARD_ROLES = frozenset({Role.LEDER, Role.STYREMEDLEM})

# ---------------------------------------------------------------------------
# The circular's words the findings rest on (anchors on the site's page of the circular)

Q_LEADER_E1 = circular("felles-e-postadresse-for-fagforeningen-5",
                       "Fagforeningsleder skal alltid ha en ORG365-lisens for normal bruk (E1).")
Q_SECOND_E1 = circular("felles-e-postadresse-for-fagforeningen-6",
                       "Det anbefales at minimum en til i fagforeningsstyret har en lisens for normal bruk (E1) slik "
                       "at flere får tilgang til fagforeningens felles e-postadresse.")
Q_MAILBOX_AND_AREA = circular("felles-e-postadresse-for-fagforeningen-1",
                              "Tillitsvalgte i fagforeningen som skal ha tilgang til fagforeningens hovedadresse og "
                              "arbeide i lagringsområde i Teams må ha en personlig lisens for normal bruk (E1)")
Q_SHARED_AREA = circular("felles-e-postadresse-for-fagforeningen-7",
                         "Det anbefales her lisens for enkel bruk (F3), eller normal bruk (E1) dersom de "
                         "tillitsvalgte skal arbeide i fagforeningens fellesområde.")
Q_SHARED_MAILBOX = circular("fleksibilitet-i-antall-lisenser-og-type-lisenser-5",
                            "For å få tilgang til e-post og dokumenter som ligger i en felles innboks må man ha en "
                            "bruker med lisens for normal bruk (E1) eller avansert bruk (E3).")
Q_E3_ALL_ACCESS = circular("lisens-for-avansert-bruk-e3-1",
                           "Lisensen gir alle nødvendige tilganger for den tillitsvalgte.")
Q_E3_CONTACT = circular("lisens-for-avansert-bruk-e3-3",
                        "Bruk av denne lisensen stiller krav til hvilken PC som den tillitsvalgte bruker. Dersom "
                        "fagforeningen ønsker å benytte denne lisensen skal Fagforbundet sentralt kontaktes på epost "
                        "ffhjelp@fagforbundet.no.")
# Each licence type's price, as the circular's list gives it (no year, «Ca»).
Q_PRICE = {
    License.E1: circular("fleksibilitet-i-antall-lisenser-og-type-lisenser-2", "Ca 3600 kr per bruker i året"),
    License.F3: circular("fleksibilitet-i-antall-lisenser-og-type-lisenser-3", "Ca 1100 kr per bruker i året"),
    License.E3: circular("fleksibilitet-i-antall-lisenser-og-type-lisenser-4", "Ca 5000 kr per bruker i året"),
}
Q_PRICE_ITEM_E1 = circular("fleksibilitet-i-antall-lisenser-og-type-lisenser-2",
                           "Lisens for normal bruk (E1): Ca 3600 kr per bruker i året")
Q_NO_START_DATE = circular("plan-for-utrulling-1",
                           "Det er derfor ikke mulig å si fra hvilken dato kostnadene oppstår")
Q_ROLLOUT = circular("plan-for-utrulling-1",
                     "Det er derfor ikke mulig å si fra hvilken dato kostnadene oppstår så vi anbefaler alle "
                     "fagforeninger om å gjøre sine beregninger og sette av en post i budsjettet for 2025 og fremover.")

# ---------------------------------------------------------------------------
# The calculator's readings, where the circular is silent or open

R_START_MONTH = Reading(
    "Første måned med ORG365-kostnad",
    "Rundskrivet sier ikke når kostnadene begynner. Velger du ingen første måned, regner kalkulatoren med "
    "hele budsjettåret.",
    Q_ROLLOUT)
R_LATER_PRICES = Reading(
    "Priser for senere år",
    "Kalkulatoren bruker rundskrivets priser for hvert budsjettår. For år etter det første året rundskrivet "
    "anbefaler en budsjettpost for, sier kalkulatoren fra at prisene kan bli andre.",
    Q_PRICE_ITEM_E1)
R_LEADER_E3 = Reading(
    "Lederen med lisens for avansert bruk (E3)",
    "Rundskrivet sier ikke uttrykkelig at lisens for avansert bruk (E3) oppfyller kravet om lisens for normal "
    "bruk (E1) for lederen. Kalkulatoren godtar E3, fordi rundskrivet sier at E3 gir alle nødvendige tilganger.",
    Q_E3_ALL_ACCESS)
R_ONE_LEADER = Reading(
    "Én leder",
    "Rundskrivet nevner fagforeningslederen i entall. Kalkulatoren sier derfor fra når flere rader har rollen "
    "leder.",
    Q_LEADER_E1)
R_BOARD_COUNT = Reading(
    "Hvem som teller for den anbefalte E1-lisensen i styret",
    "Kalkulatoren teller bare fagforeningsstyret: lederen og styremedlemmene. Lisens for avansert bruk (E3) "
    "teller som normal bruk (E1), fordi den også gir tilgang til den felles e-postadressen.",
    Q_SECOND_E1)
R_MAILBOX_AND_AREA = Reading(
    "Felles e-postadresse og fellesområdet i Teams",
    "I avsnittet om den felles e-postadressen krever rundskrivet E1 både for tilgang til hovedadressen og for "
    "arbeid i lagringsområdet i Teams. Senere godtar det også avansert bruk (E3) for en felles innboks, og for "
    "arbeid i fellesområdet nøyer det seg med å anbefale E1. "
    "Kalkulatoren spør derfor om de to behovene hver for seg: den felles e-postadressen med enkel bruk (F3) er en "
    "feil, fellesområdet i Teams med F3 gir en advarsel.",
    Q_MAILBOX_AND_AREA)

READINGS = (R_START_MONTH, R_LATER_PRICES, R_LEADER_E3, R_ONE_LEADER, R_BOARD_COUNT, R_MAILBOX_AND_AREA)


def _first_price_year_hint(rates: RatesAt) -> str:
    return f"Året budsjettet gjelder, for eksempel {rates.year}."


YEAR = Field("year", "Budsjettår", INTEGER, hint=_first_price_year_hint)
START_MONTH = Field(
    "start_month", "Første måned med lisenskostnad (1–12)", INTEGER, required=False, minimum=1,
    maximum=MONTHS_PER_YEAR, example="1",
    quotes=(Q_NO_START_DATE,),
    hint=lambda rates: (
        f"Tomt felt betyr fra {fmt.month_name(rates.integer('org365.default_start_month'))}. Det er "
        f"kalkulatorens lesning; rundskrivet sier: «{Q_NO_START_DATE.words}»."))
ROLE = Field("role", "Rolle", CHOICE, options=tuple((r.value, ROLE_CHOICES[r]) for r in Role))
LICENSE = Field("license", "Lisenstype", CHOICE, options=tuple((lic.value, license_label(lic)) for lic in License))
NEEDS_SHARED_MAILBOX = Field("needs_shared_mailbox",
                             "Skal ha tilgang til fagforeningens felles e-postadresse (felles innboks)", BOOLEAN)
NEEDS_SHARED_AREA = Field("needs_shared_area", "Skal arbeide i fagforeningens fellesområde i Teams", BOOLEAN)
HOLDERS = Field(
    "holders", "Lisensinnehavere", ROWS,
    quotes=(Q_LEADER_E1,),
    hint=f"Én rad per person som skal ha lisens. Rundskrivet: «{Q_LEADER_E1.words}»",
    fields=(ROLE, LICENSE, NEEDS_SHARED_MAILBOX, NEEDS_SHARED_AREA),
    row_label="Person", add_label="Legg til person")
PRICES = Field("prices", "Egne priser", "group", required=False,
               hint="Skriv en annen pris per bruker per år hvis du kjenner den.", fields=tuple(
    Field(lic.value, price_label(lic), required=False, quotes=(Q_PRICE[lic],),
          hint=f"Tomt felt betyr rundskrivets pris: «{Q_PRICE[lic].words}».")
    for lic in License))

FIELDS = (YEAR, START_MONTH, HOLDERS, PRICES)

EXAMPLE_HOLDERS = (
    {"role": "leder", "license": "E1", "needs_shared_mailbox": True, "needs_shared_area": True},
    {"role": "styremedlem", "license": "E1", "needs_shared_mailbox": True, "needs_shared_area": True},
    {"role": "tillitsvalgt", "license": "F3", "needs_shared_mailbox": False, "needs_shared_area": False},
)


def price_text(rates: RatesAt, lic: License) -> str:
    param = rates.param(f"org365.price.{lic.value}")
    return ("ca. " if param.approximate else "") + f"{fmt.kr(rates.decimal(param.id))} per bruker per år"


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
    by_quarter: tuple[Decimal, ...] = field(metadata=QUARTERS_META)


@dataclass(frozen=True)
class Result:
    year: int
    start_month: int
    months: int
    lines: tuple[Line, ...] = field(metadata=KEYED("license"))
    total: Decimal = Decimal(0)
    monthly: Decimal = Decimal(0)
    by_quarter: tuple[Decimal, ...] = field(default=(), metadata=QUARTERS_META)
    prices_approximate: bool = True
    prices_confirmed: bool = True
    holders: tuple[Holder, ...] = ()


# ---------------------------------------------------------------------------
# Rules: amounts


def first_price_year(rates: Rates) -> int:
    """The first year every licence price exists in the rates file."""
    return max(rates.param(f"org365.price.{lic.value}").first_year for lic in License)


def unit_prices(overrides: dict[License, Decimal], rates: RatesAt
                ) -> tuple[dict[License, Decimal], bool, bool]:
    """Price per user per year for each licence type; whether any price used is the
    circular's approximate («ca.») one; whether every price used is stated for the year
    (an own price counts as stated)."""
    prices: dict[License, Decimal] = {}
    approximate = False
    confirmed = True
    for lic in License:
        if lic in overrides:
            prices[lic] = overrides[lic]
        else:
            pid = f"org365.price.{lic.value}"
            prices[lic] = rates.decimal(pid)
            approximate = approximate or rates.param(pid).approximate
            confirmed = confirmed and rates.confirmed(pid)
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


def calculate(inputs: Inputs, rates: RatesAt) -> Result:
    prices, approximate, confirmed = unit_prices(dict(inputs.price_overrides), rates)
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

def _rows(indexes: list[int]) -> str:
    word = "Rad" if len(indexes) == 1 else "Radene"
    return f"{word} {fmt.and_list([str(i + 1) for i in indexes])}"


def _all(indexes: list[int]) -> str:
    """«begge» for two rows, «alle» for more."""
    return "begge" if len(indexes) == 2 else "alle"


def _leaders(holders: tuple[Holder, ...]) -> list[int]:
    return [i for i, h in enumerate(holders) if h.role == Role.LEDER]


def _without_full_license(holders: tuple[Holder, ...], which: Callable[[Holder], bool]) -> list[int]:
    """The rows `which` picks whose licence is neither for normal (E1) nor advanced use (E3)."""
    return [i for i, h in enumerate(holders) if which(h) and h.license not in FULL_LICENSES]


def _about(rows: list[int], code: str, level: Level, text: str | Callable[[list[int]], str],
           **evidence: object) -> list[Finding]:
    """One finding whose first words name `rows` («Rad 2 skal …», «Radene 3 og 5 skal …»,
    or «Rad 1: lederen …» when `text` starts with its own subject and a colon); none when
    no row is concerned. `text` may depend on the rows (singular or plural); `evidence` is
    the finding's `quotes` and `reading`."""
    if not rows:
        return []
    said = text(rows) if callable(text) else text
    return [Finding(code, level, f"{_rows(rows)}{said}", **evidence)]  # type: ignore[arg-type]


LEADER_RULE = "Rundskrivet sier at fagforeningslederen alltid skal ha en ORG365-lisens for normal bruk (E1)."


def leader_must_exist(holders: tuple[Holder, ...]) -> list[Finding]:
    if _leaders(holders):
        return []
    return [Finding("leader-missing", Level.ERROR,
                    f"Ingen lisensinnehaver har rollen «{ROLE_CHOICES[Role.LEDER]}». {LEADER_RULE}",
                    quotes=(Q_LEADER_E1,))]


def _the_leader(rows: list[int]) -> str:
    return "lederen har" if len(rows) == 1 else "lederne har"


def leader_must_have_e1(holders: tuple[Holder, ...]) -> list[Finding]:
    """The leader must have E1. The calculator accepts E3 for the leader (its reading: the
    circular says E3 «gir alle nødvendige tilganger»), with an info finding saying so."""
    return [
        *_about(_without_full_license(holders, lambda h: h.role == Role.LEDER), "leader-not-e1", Level.ERROR,
                lambda rows: f": {_the_leader(rows)} lisens for {license_phrase(License.F3)}. {LEADER_RULE}",
                quotes=(Q_LEADER_E1,)),
        *_about([i for i in _leaders(holders) if holders[i].license == License.E3], "leader-e3", Level.INFO,
                lambda rows: f": {_the_leader(rows)} lisens for {license_phrase(License.E3)}. Kalkulatoren godtar "
                             f"det i stedet for lisens for {license_phrase(License.E1)}.",
                quotes=(Q_LEADER_E1,), reading=R_LEADER_E3),
    ]


def single_leader(holders: tuple[Holder, ...]) -> list[Finding]:
    leaders = _leaders(holders)
    if len(leaders) <= 1:
        return []
    which = "en" if len(leaders) == 2 else "noen"
    return [Finding("leader-multiple", Level.WARNING,
                    f"{_rows(leaders)} har {_all(leaders)} rollen «{ROLE_CHOICES[Role.LEDER]}». Kalkulatoren regner "
                    f"med én leder. Sjekk om {which} av dem skal ha rollen "
                    f"«{ROLE_CHOICES[Role.STYREMEDLEM]}» eller «{ROLE_CHOICES[Role.TILLITSVALGT]}».",
                    reading=R_ONE_LEADER)]


def _board(holders: tuple[Holder, ...]) -> list[Holder]:
    return [h for h in holders if h.role in BOARD_ROLES]


def second_e1_recommended(holders: tuple[Holder, ...], rates: RatesAt) -> list[Finding]:
    """At least one more member of the board than the leader with E1 (E3 counted as E1)."""
    recommended = rates.integer("org365.recommended_full_holders")
    full = sum(1 for h in _board(holders) if h.license in FULL_LICENSES)
    if full >= recommended:
        return []
    who = "Ingen" if full == 0 else f"Bare {fmt.words(full)}"
    return [Finding(
        "second-e1-recommended", Level.WARNING,
        f"{who} i fagforeningsstyret har lisens for "
        f"{license_phrase(License.E1)} eller {license_phrase(License.E3)}. Rundskrivet anbefaler at minimum "
        f"{fmt.words(recommended - 1)} til i fagforeningsstyret har lisens for {license_phrase(License.E1)}, slik "
        "at flere får tilgang til fagforeningens felles e-postadresse.",
        quotes=(Q_SECOND_E1, Q_SHARED_MAILBOX), reading=R_BOARD_COUNT)]


# What a licence for simple use (F3) does not give: the need, and the finding for the rows
# that have it with F3.
F3_FALLS_SHORT = (
    (lambda h: h.needs_shared_mailbox, "shared-mailbox-needs-e1", Level.ERROR,
     " skal ha tilgang til fagforeningens felles e-postadresse, men har lisens for "
     f"{license_phrase(License.F3)}. Rundskrivet sier at tilgang til e-post og dokumenter i en felles innboks "
     f"krever lisens for {license_phrase(License.E1)} eller {license_phrase(License.E3)}.",
     {"quotes": (Q_SHARED_MAILBOX,)}),
    (lambda h: h.needs_shared_area, "shared-area-e1-recommended", Level.WARNING,
     " skal arbeide i fagforeningens fellesområde i Teams og har lisens for "
     f"{license_phrase(License.F3)}. Rundskrivet anbefaler lisens for {license_phrase(License.E1)} for "
     "tillitsvalgte som skal arbeide i fellesområdet.",
     {"quotes": (Q_SHARED_AREA,), "reading": R_MAILBOX_AND_AREA}),
)


def needs_beyond_f3(holders: tuple[Holder, ...]) -> list[Finding]:
    """Rows that need the shared mailbox or the shared area in Teams but have F3."""
    return [f for needs, code, level, text, evidence in F3_FALLS_SHORT
            for f in _about(_without_full_license(holders, needs), code, level, text, **evidence)]


def price_unconfirmed(inputs: Inputs, result: Result) -> list[Finding]:
    """The circular gives its prices without a year; for a budget year after the one the
    rates file dates them to, the calculator still uses them and says so."""
    if result.prices_confirmed:
        return []
    return [Finding(
        "price-unconfirmed", Level.WARNING,
        f"Rundskrivet oppgir prisene uten årstall. Kalkulatoren bruker dem også for {inputs.year}, men prisene kan "
        "bli andre. Skriv inn egne priser hvis du kjenner dem.",
        reading=R_LATER_PRICES)]


def e3_contact(holders: tuple[Holder, ...], rates: RatesAt) -> list[Finding]:
    email = rates.value("circular.contact.ffhjelp")
    return _about(
        [i for i, h in enumerate(holders) if h.license == License.E3], "e3-contact", Level.INFO,
        f" har lisens for {license_phrase(License.E3)}. Lisensen stiller krav til hvilken PC den tillitsvalgte "
        f"bruker, og fagforeningen må kontakte Fagforbundet sentralt på {email} for å få den.",
        quotes=(Q_E3_CONTACT,))


def findings(inputs: Inputs, result: Result, rates: RatesAt) -> list[Finding]:
    h = inputs.holders
    return [
        *leader_must_exist(h),
        *leader_must_have_e1(h),
        *single_leader(h),
        *needs_beyond_f3(h),
        *second_e1_recommended(h, rates),
        *price_unconfirmed(inputs, result),
        *e3_contact(h, rates),
    ]


# ---------------------------------------------------------------------------
# Input


def read_year(r: Reader, rates: Rates) -> int | None:
    first = first_price_year(rates)
    return r.integer(YEAR.key, YEAR.label, minimum=first, maximum=MAX_YEAR, example=str(first))


def read(r: Reader, rates: RatesAt) -> Inputs | None:
    """Validated inputs for the year `rates` is at, or None after recording every field
    error in `r.errors` (the budget reads its ORG365 part with this too)."""
    before = len(r.errors.items)
    start_month = read_field(r, START_MONTH)
    if start_month is None and not r.present(START_MONTH.key):
        start_month = rates.integer("org365.default_start_month")

    holders = []
    rows = read_field(r, HOLDERS)
    for i, row in enumerate(rows or []):
        n = row_suffix(i)
        role, lic = read_field(row, ROLE, n), read_field(row, LICENSE, n)
        mailbox, area = read_field(row, NEEDS_SHARED_MAILBOX, n), read_field(row, NEEDS_SHARED_AREA, n)
        if role is not None and lic is not None and mailbox is not None and area is not None:
            holders.append(Holder(Role(role), License(lic), mailbox, area))

    overrides = read_prices(r)

    if len(r.errors.items) > before or start_month is None or rows is None:
        return None
    return Inputs(year=rates.year, start_month=start_month, holders=tuple(holders),
                  price_overrides=tuple(overrides.items()))


def read_prices(r: Reader) -> dict[License, Decimal]:
    """Optional price overrides: `{"E1": "3 600", …}`, any subset; blank means «not given»."""
    raw = r.data.get(PRICES.key)
    if raw is None or raw == "":
        return {}
    if not isinstance(raw, dict):
        r.fail(PRICES.key, PRICES.label, "må være priser per lisenstype (E1, F3, E3)")
        return {}
    p = r.nested(PRICES.key)
    overrides = {}
    for key in raw:
        if key not in License.__members__:
            p.errors.add(p.path(str(key)),
                         f"«{PRICES.label}»: ukjent lisenstype «{str(key)[:20]}». "
                         "Gyldige lisenstyper er E1, F3 og E3.")
    for f in PRICES.fields:
        value = read_field(p, f)
        if value is not None:
            overrides[License(f.key)] = value
    return overrides


# ---------------------------------------------------------------------------
# Display (drawn by calculators.machinery.view)

def _line_rows(r: dict) -> list:
    return [[("text", license_label(lic)), ("number", r["lines"][lic]["count"]),
             ("money", r["lines"][lic]["unit_price"]), ("money", r["lines"][lic]["amount"])] for lic in License]


def approximate_licenses(r: dict) -> list[License]:
    """The licence types whose price in the result is the circular's approximate («Ca») one
    rather than the reader's own (none when the result says no price is approximate)."""
    if not r.get("prices_approximate"):
        return []
    rates = load_rates().at(r["year"])
    return [lic for lic in License
            if rates.param(f"org365.price.{lic.value}").approximate
            and Decimal(r["lines"][lic.value]["unit_price"]) == rates.decimal(f"org365.price.{lic.value}")]


def price_note(r: dict, fs: list) -> str | None:
    """Which prices in the table are the circular's approximate ones, and which the reader's own."""
    approx = approximate_licenses(r)
    if not approx:
        return None
    if len(approx) == len(License):
        return "Prisene er omtrentlige: rundskrivet oppgir dem som «ca.»."
    own = [lic.value for lic in License if lic not in approx]
    said = (f"Prisen for {approx[0].value} er omtrentlig: rundskrivet oppgir den som «ca.»." if len(approx) == 1
            else f"Prisene for {fmt.and_list([lic.value for lic in approx])} er omtrentlige: rundskrivet oppgir dem "
                 "som «ca.».")
    return said + (f" Prisen for {own[0]} er din egen." if len(own) == 1
                   else f" Prisene for {fmt.and_list(own)} er dine egne.")


def months_text(first_month: int, months: int) -> str:
    if months <= 0:
        return "ingen"
    last = first_month + months - 1
    return (f"{months} ({fmt.month_name(first_month)}–{fmt.month_name(last)})" if months > 1
            else f"1 ({fmt.month_name(first_month)})")


def steps(r: dict) -> list[Step]:
    """«2 × E1 à ca. 3 600 kr × 12/12 måneder = 7 200 kr» per licence type in use, and the sum."""
    rates = load_rates().at(r["year"])
    out, used = [], []
    for lic in License:
        line = r["lines"][lic.value]
        if line["count"] == 0:
            continue
        pid = f"org365.price.{lic.value}"
        own = Decimal(line["unit_price"]) != rates.decimal(pid)
        price = fmt.kr(line["unit_price"]) + " (egen pris)" if own else price_text(rates, lic).removesuffix(
            " per bruker per år")
        out.append(Step(f"{line['count']} × {lic.value} à {price} × {r['months']}/{MONTHS_PER_YEAR} måneder = "
                        f"{fmt.kr(line['amount'])}", () if own else (pid,)))
        used.append(fmt.kr(line["amount"]))
    if len(used) > 1:
        out.append(Step(f"Sum: {' + '.join(used)} = {fmt.kr(r['total'])}"))
    elif not used:
        out.append(Step("Ingen lisenser: 0 kr"))
    return out


DISPLAY = (
    Table(caption=lambda r: f"ORG365-lisenser {r['year']}",
          head=lambda r: ("Lisenstype", "Antall", "Pris per år", "Beløp"),
          rows=_line_rows, foot=lambda r: [[("text", "Sum"), ("text", ""), ("text", ""), ("money", r["total"])]]),
    Note(price_note, quotes=tuple(Q_PRICE.values())),
    Facts((Fact("Måneder belastet", lambda r: months_text(r["start_month"], r["months"])),
           Fact("Per måned", "monthly", "money"))),
    Quarters(lambda r: "Fordelt per kvartal"),
    Computation(steps),
)


EXAMPLE = {"year": "next", "start_month": "", "holders": list(EXAMPLE_HOLDERS)}


def summary(r: dict) -> str:
    return f"ORG365-lisenser {r['year']}: {fmt.kr(r['total'])} for {r['months']} måned{'' if r['months'] == 1 else 'er'}."


def compared_licenses(r: dict) -> list[tuple[str, str]]:
    """A plan's amount per licence type, as two plans are compared."""
    return [(license_label(lic), r["lines"][lic.value]["amount"]) for lic in License]


def compared_lines(r: dict) -> list[tuple[str, str]]:
    """Two plans are compared per licence type, then per quarter."""
    return [*compared_licenses(r), *((quarter_label(n), r["by_quarter"][q]) for n, q in enumerate(QUARTERS, start=1))]


def quarter_label(n: int) -> str:
    return f"{n}. kvartal"


def compared_group(label: str) -> str:
    """Each of the two breakdowns adds up to the total."""
    return "Per kvartal" if label.endswith(". kvartal") else "Per lisenstype"


CALCULATOR = Calculator.declare(globals(), name="org365", title="Budsjett for ORG365-lisenser", source="circular",
                                order=10, template="org365",
                                comparable=Comparable(total=lambda r: r["total"], lines=compared_lines,
                                                      group=compared_group, title=lambda r: f"ORG365-lisenser {r['year']}"))
