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

Every finding that says what the circular says carries its words (the `Q_*` quotes);
every choice the circular leaves open is a `Reading` in `READINGS`, attached to the
findings that rest on it and listed on the calculator's page.

`rate_confirmed` is true only when the rate used is the one the rates file confirms for the
year (so false for a later year and for the user's own rate).

County names are matched case-insensitively and tolerantly (`match_county`): `Ostfold`,
`More og Romsdal`, `Møre-og-Romsdal`, `Oslo fylkeskrets`, extra spaces …
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from ..machinery import fmt
from ..machinery.declare import DECIMAL, INTEGER, TEXT, VALUES, Calculator, Computation, Fact, Facts, Field, Quarters, Step, read_field
from ..machinery.encode import QUARTERS, RATE
from ..machinery.evidence import Reading, circular
from ..machinery.fields import MAX_YEAR, Reader
from ..machinery.periods import MONTHS_PER_YEAR, months_from, sum_by_quarter
from ..machinery.rates import County, Rates, RatesAt
from ..machinery.result import Finding, Level


class MembersMode(StrEnum):
    SINGLE = "single"    # one member count for every month
    MONTHLY = "monthly"  # twelve monthly counts


# The circular's words the findings rest on (anchors on the site's page of the circular).
Q_RATE = circular("lisenser-kl-ar-3", "Lisenskostnad for 2025 er kr 1 per yrkesaktivt medlem per måned.")
Q_ADJUSTED = circular("lisenser-kl-ar-4", "Lisenskostnader vil bli justert ut ifra videreutvikling av "
                                          "funksjonaliteter og leverandørenes kostnadsregulering.")
Q_WHOLE_UNION = circular(
    "lisenser-kl-ar-2",
    "Lisenser for KL*AR inngås samlet for hele Fagforbundet, og ikke for hver enkelt tillitsvalgt i klubbene. "
    "Endringer i antall klubbtillitsvalgte hos den enkelte fagforening vil derfor ikke påvirke fagforeningens "
    "lisenskostnader. Utregning av fordeling av lisenskostnader gjøres basert på antall yrkesaktive per "
    "fagforening per måned.")
Q_PER_MEMBER = circular("lisenser-kl-ar-2", "Utregning av fordeling av lisenskostnader gjøres basert på antall "
                                           "yrkesaktive per fagforening per måned.")
Q_FROM_WHEN = circular("lisenser-kl-ar-5",
                       "Fagforeningene i de ulike fylkeskretser vil i 2025 bli belastet fra følgende tidspunkt:")
# The circular's line for each start quarter (the counties themselves are in the rates file).
Q_QUARTER = {
    1: circular("lisenser-kl-ar-6", "Fra første kvartal belastes fagforeninger i Trøndelag, Innlandet, Finnmark, "
                                    "Vestland, Agder"),
    2: circular("lisenser-kl-ar-7", "Fra andre kvartal belastes fagforeninger i Nordland, Møre og Romsdal, Troms, "
                                    "Rogaland"),
    3: circular("lisenser-kl-ar-8", "Fra tredje kvartal belastes fagforeninger i Oslo, Vestfold, Telemark, Østfold, "
                                    "Akershus, Buskerud"),
}
QUARTER_WORD = {1: "første", 2: "andre", 3: "tredje", 4: "fjerde"}

# The calculator's readings, where the circular is silent or open.
R_FIRST_MONTH = Reading(
    "Første måned med KL*AR-belastning",
    "Rundskrivet oppgir bare hvilket kvartal hver fylkeskrets belastes fra. Kalkulatoren regner fra den første "
    "måneden i kvartalet.",
    Q_FROM_WHEN)
R_LATER_YEARS = Reading(
    "Årene etter det første året",
    "Rundskrivet oppgir bare når belastningen begynner det første året. Fra året etter regner kalkulatoren med "
    "alle månedene for alle fylkeskretser.",
    Q_FROM_WHEN)
R_LATER_RATE = Reading(
    "Sats for senere år",
    "For et år rundskrivet ikke oppgir noen sats for, bruker kalkulatoren den siste kjente satsen og sier fra at "
    "den ikke er bekreftet.",
    Q_RATE)

READINGS = (R_FIRST_MONTH, R_LATER_YEARS, R_LATER_RATE)

YEAR = Field("year", "År", INTEGER, hint=lambda rates: f"KL*AR belastes fra {first_year(rates)}.")
COUNTY = Field("county", "Fylkeskrets", TEXT, hint=lambda rates: (
    "Velg fra listen eller skriv navnet. Første kvartal med belastning i "
    f"{first_year(rates)} avhenger av fylkeskretsen."))
MEMBERS = Field("members", "Yrkesaktive medlemmer", INTEGER, example="250", plausible=100_000, hint=(
    "Antallet tillitsvalgte i klubbene påvirker ikke kostnaden; bare yrkesaktive medlemmer teller."))
MEMBERS_BY_MONTH = Field("members_by_month", "Yrkesaktive medlemmer per måned", VALUES,
                         max_rows=MONTHS_PER_YEAR)
RATE_FIELD = Field("rate", "Sats per yrkesaktivt medlem per måned (kr, valgfritt)", DECIMAL, required=False,
                   quotes=(Q_RATE,), hint=f"Tomt felt betyr rundskrivets sats: «{Q_RATE.words}»")
FIELDS = (YEAR, COUNTY, MEMBERS, MEMBERS_BY_MONTH, RATE_FIELD)


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
    rate: Decimal = field(metadata=RATE)
    rate_confirmed: bool = True
    own_rate: bool = False
    total: Decimal = Decimal(0)
    by_quarter: tuple[Decimal, ...] = field(default=(), metadata=QUARTERS)
    by_month: tuple[Decimal, ...] = ()
    members_mode: MembersMode = MembersMode.SINGLE


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


def first_year(rates: Rates | RatesAt) -> int:
    """The first year with a KL*AR charge (a bound on the year asked, so read undated)."""
    return int(rates.param("klar.first_year").least)


def first_month_charged(year: int, county: County, rates: RatesAt) -> int:
    """The county's start quarter in the first year; January from the year after."""
    return county.first_month if year == first_year(rates) else 1


def rate_in_force(rates: RatesAt) -> tuple[Decimal, bool]:
    return rates.decimal("klar.rate"), rates.confirmed("klar.rate")


def month_charge(members: int, rate: Decimal) -> Decimal:
    return fmt.round_ore(members * rate)


def charge_by_month(members_by_month: tuple[int, ...], first_month: int, rate: Decimal
                    ) -> tuple[Decimal, ...]:
    """Twelve amounts; months before the first month charged are 0."""
    return tuple(
        month_charge(members, rate) if month >= first_month else Decimal("0.00")
        for month, members in enumerate(members_by_month, start=1)
    )


def calculate(inputs: Inputs, rates: RatesAt) -> Result:
    first = first_month_charged(inputs.year, inputs.county, rates)
    if inputs.rate_override is not None:
        rate, confirmed = inputs.rate_override, False
    else:
        rate, confirmed = rate_in_force(rates)
    by_month = charge_by_month(inputs.members_by_month, first, rate)
    return Result(
        year=inputs.year,
        county=inputs.county.name,
        first_month=first,
        months=months_from(first),
        member_months=sum(inputs.members_by_month[first - 1:]),
        rate=rate,
        rate_confirmed=confirmed,
        own_rate=inputs.rate_override is not None,
        total=sum(by_month, Decimal("0.00")),
        by_quarter=sum_by_quarter(by_month),
        by_month=by_month,
        members_mode=inputs.members_mode,
    )


def _known_year(inputs: Inputs, rates: RatesAt) -> int:
    """The year the latest known rate in force in the year asked was given for."""
    return max(v.start.year for v in rates.param("klar.rate").values if v.start.year <= inputs.year)


def rate_unconfirmed(inputs: Inputs, rates: RatesAt) -> list[Finding]:
    if inputs.rate_override is not None:
        return []
    rate, confirmed = rate_in_force(rates)
    if confirmed:
        return []
    return [Finding(
        "rate-unconfirmed", Level.WARNING,
        f"Rundskrivet oppgir ingen KL*AR-sats for {inputs.year} og sier at lisenskostnadene vil bli justert. "
        f"Kalkulatoren bruker den siste kjente satsen, {rate_kr(rate)} per yrkesaktivt medlem per måned, oppgitt "
        f"for {_known_year(inputs, rates)}.",
        quotes=(Q_ADJUSTED,), reading=R_LATER_RATE)]


def rate_override(inputs: Inputs, rates: RatesAt) -> list[Finding]:
    if inputs.rate_override is None:
        return []
    rate, confirmed = rate_in_force(rates)
    own = f"Beregningen bruker din egen sats, {rate_kr(inputs.rate_override)} per yrkesaktivt medlem per måned"
    if confirmed:
        text = f"{own}, i stedet for rundskrivets sats for {inputs.year}, {rate_kr(rate)}."
    else:
        text = (f"{own}. Rundskrivet oppgir ingen sats for {inputs.year}. Den siste kjente satsen er "
                f"{rate_kr(rate)}, oppgitt for {_known_year(inputs, rates)}.")
    return [Finding("rate-override", Level.INFO, text, quotes=(Q_RATE,))]


def club_officials_do_not_count() -> list[Finding]:
    return [Finding(
        "club-officials-not-counted", Level.INFO,
        "Lisenser for KL*AR inngås samlet for hele Fagforbundet, ikke for hver klubbtillitsvalgt. "
        "Antallet klubbtillitsvalgte påvirker derfor ikke kostnaden; den fordeles etter antall "
        "yrkesaktive medlemmer per fagforening per måned.",
        quotes=(Q_WHOLE_UNION,))]


def start_quarter(inputs: Inputs, rates: RatesAt) -> list[Finding]:
    if inputs.year != first_year(rates):
        return []
    c = inputs.county
    quote = Q_QUARTER.get(c.quarter)
    return [Finding(
        "start-quarter", Level.INFO,
        f"Fagforeninger i {c.name} belastes i {inputs.year} fra {QUARTER_WORD[c.quarter]} kvartal. Kalkulatoren "
        f"regner med belastning fra {fmt.month_name(c.first_month)}.",
        quotes=(quote,) if quote else (), reading=R_FIRST_MONTH)]


def findings(inputs: Inputs, result: Result, rates: RatesAt) -> list[Finding]:
    return [
        *rate_unconfirmed(inputs, rates),
        *rate_override(inputs, rates),
        *start_quarter(inputs, rates),
        *club_officials_do_not_count(),
    ]


# ---------------------------------------------------------------------------
# Input


def _blank(raw: object) -> bool:
    return raw is None or raw == [] or (isinstance(raw, str) and not raw.strip())


def read_year(r: Reader, rates: Rates) -> int | None:
    first = first_year(rates)
    return r.integer(YEAR.key, YEAR.label, minimum=first, maximum=MAX_YEAR, example=str(first))


def read(r: Reader, rates: RatesAt) -> Inputs | None:
    """Validated inputs for the year `rates` is at (the budget reads its KL*AR part with
    this too), or None after recording every field error."""
    before = len(r.errors.items)
    county = read_county(r, rates)

    single_given = not _blank(r.data.get(MEMBERS.key))
    monthly_given = not _blank(r.data.get(MEMBERS_BY_MONTH.key))
    members: tuple[int, ...] | None = None
    mode = MembersMode.MONTHLY if monthly_given else MembersMode.SINGLE
    if single_given and monthly_given:
        r.fail(MEMBERS.key, MEMBERS.label,
               f"kan ikke fylles ut samtidig med «{MEMBERS_BY_MONTH.label}»; oppgi det ene eller det andre")
    elif not single_given and not monthly_given:
        r.fail(MEMBERS.key, MEMBERS.label, f"må fylles ut (eller oppgi «{MEMBERS_BY_MONTH.label}»)")
    elif single_given:
        count = read_field(r, MEMBERS)
        if count is not None:
            members = (count,) * MONTHS_PER_YEAR
    else:
        items = r.values(MEMBERS_BY_MONTH.key, MEMBERS_BY_MONTH.label, length=MONTHS_PER_YEAR)
        if items is not None:
            counts = [reader.integer(key, f"{MEMBERS_BY_MONTH.label}, {fmt.month_name(i + 1)}",
                                     example=MEMBERS.example)
                      for i, (reader, key) in enumerate(items)]
            if all(c is not None for c in counts):
                members = tuple(counts)  # type: ignore[arg-type]

    rate = read_field(r, RATE_FIELD)

    if len(r.errors.items) > before or county is None or members is None:
        return None
    return Inputs(year=rates.year, county=county, members_by_month=members, members_mode=mode,
                  rate_override=rate)


def read_county(r: Reader, rates: RatesAt) -> County | None:
    text = read_field(r, COUNTY)
    if text is None:
        return None
    county = match_county(text, rates.counties)
    if county is None:
        names = fmt.and_list([c.name for c in rates.counties])
        r.errors.add(r.path(COUNTY.key),
                     f"«{COUNTY.label}»: «{text[:40]}» er ikke en kjent fylkeskrets. "
                     f"Gyldige navn: {names}.")
    return county


# ---------------------------------------------------------------------------
# Display (drawn by calculators.machinery.view)

def rate_note(r: dict) -> str:
    if r["own_rate"]:
        return " (egen sats)"
    return "" if r["rate_confirmed"] else " (ikke bekreftet)"


def steps(r: dict) -> list[Step]:
    """«250 yrkesaktive medlemmer × 12 måneder × 1 kr = 3 000 kr» (or by member-months)."""
    rate = f"{rate_kr(Decimal(r['rate']))}" + (" (egen sats)" if r["own_rate"] else "")
    refs = () if r["own_rate"] else ("klar.rate",)
    months = f"{fmt.month_name(r['first_month'])}–desember" if r["months"] > 1 else fmt.month_name(r["first_month"])
    out = []
    if r["first_month"] > 1:
        out.append(Step(f"{r['county']} belastes fra {fmt.month_name(r['first_month'])} {r['year']}: "
                        f"{r['months']} måneder", ("klar.first_year",)))
    if r["members_mode"] == MembersMode.SINGLE and r["months"]:
        members = r["member_months"] // r["months"]
        out.append(Step(f"{fmt.number(members)} yrkesaktive medlemmer × {r['months']} måneder × {rate} = "
                        f"{fmt.kr(r['total'])}", refs))
    else:
        out.append(Step(f"{fmt.number(r['member_months'])} medlemsmåneder ({months}) × {rate} = "
                        f"{fmt.kr(r['total'])}", refs))
    return out


DISPLAY = (
    Facts((
        Fact("Fylkeskrets", "county"),
        Fact("Første måned belastet", lambda r: f"{fmt.month_name(r['first_month'])} {r['year']}"),
        Fact("Måneder belastet", "months", "number"),
        Fact("Medlemsmåneder", "member_months", "number"),
        Fact("Sats per yrkesaktivt medlem per måned", "rate", "rate", after=rate_note),
        Fact("KL*AR i alt", "total", "money"),
    )),
    Quarters(lambda r: f"KL*AR {r['year']} per kvartal"),
    Computation(steps),
)


EXAMPLE = {"year": "next", "county": "Oslo", "members": "250"}


def summary(r: dict) -> str:
    return f"KL*AR {r['year']} for {r['county']}: {fmt.kr(r['total'])}."


CALCULATOR = Calculator.declare(globals(), name="klar", title="KL*AR-belastning", source="circular", order=20,
                                template="klar")
