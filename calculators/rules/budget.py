"""Combined licence budget for the annual meeting (`budget`).

Source: Fagforbundet's circular 19/24, introduction: the unions must put the licence costs
for KL*AR and ORG365 into the budget that the annual meeting treats in January.

Inputs: `{"year": 2025, "org365": {…org365 inputs without year}, "klar": {…klar inputs
without year}}`. The one `year` is passed to both parts; errors inside a part have field
paths prefixed `org365.` / `klar.`.

Result: both parts' results, the two budget lines «Lisenskostnader ORG365» and
«Lisenskostnader KL*AR» (each with `amount` and `by_quarter`), `total` and `by_quarter`
(sums of the lines), and `year`. Findings: both parts' findings, each marked with `part`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..machinery import fmt
from . import klar, org365
from ..machinery.declare import GROUP, INTEGER, Bar, Bars, Calculator, Comparable, Computation, Field, Note, Step, Table
from ..machinery.encode import QUARTERS as QUARTERS_META
from ..machinery.evidence import circular
from ..machinery.fields import MAX_YEAR, Reader
from ..machinery.periods import QUARTERS, add_quarters, sum_by_quarter
from ..machinery.rates import Rates, RatesAt
from ..machinery.result import Finding
from .budget_files import budget_workbook

# The circular's words the budget rests on, and the readings of both parts.
Q_BUDGET = circular("rundskriv-19-24-6",
                    "Fagforeningene må som følge av dette innarbeide lisenskostnader for KL*AR (Klubbstyrets "
                    "arbeidsrom) og ORG365 i eget budsjett som skal forelegges årsmøte til behandling i januar.")
READINGS = (*org365.READINGS, *klar.READINGS)

LABELS = {
    "year": "Budsjettår",
    "org365": "ORG365",
    "klar": "KL*AR",
}

LINE_LABELS = {
    "org365": "Lisenskostnader ORG365",
    "klar": "Lisenskostnader KL*AR",
}

YEAR = Field("year", LABELS["year"], INTEGER, hint=lambda rates: (
    "Året budsjettet gjelder. Årsmøtet behandler budsjettet i "
    f"{fmt.month_name(rates.integer('circular.budget_meeting_month'))}."))
# The two parts, each a calculator of its own: read, shown and checked by it, without its
# year (the budget asks the year once).
PARTS = {"org365": org365, "klar": klar}
PART_FIELDS = tuple(Field(key, LABELS[key], GROUP, fields=tuple(f for f in part.FIELDS if f.key != "year"))
                    for key, part in PARTS.items())
FIELDS = (YEAR, *PART_FIELDS)


@dataclass(frozen=True)
class BudgetLine:
    key: str
    label: str
    amount: Decimal
    by_quarter: tuple[Decimal, ...] = field(metadata=QUARTERS_META)


@dataclass(frozen=True)
class Inputs:
    org365: org365.Inputs
    klar: klar.Inputs


@dataclass(frozen=True)
class Result:
    year: int
    org365: org365.Result
    klar: klar.Result
    lines: tuple[BudgetLine, ...]
    total: Decimal
    by_quarter: tuple[Decimal, ...] = field(metadata=QUARTERS_META)


def first_year(rates: Rates) -> int:
    """The first year both parts can be computed for."""
    return max(org365.first_price_year(rates), klar.first_year(rates))


def budget_lines(o: org365.Result, k: klar.Result) -> tuple[BudgetLine, ...]:
    return (
        BudgetLine("org365", LINE_LABELS["org365"], o.total, o.by_quarter),
        BudgetLine("klar", LINE_LABELS["klar"], k.total, sum_by_quarter(k.by_month)),
    )


def read_part(r: Reader, key: str) -> Reader:
    raw = r.data.get(key)
    if raw is not None and not isinstance(raw, dict):
        r.errors.add(r.path(key), f"«{LABELS[key]}» må være et sett med felter, ikke en enkeltverdi.")
    return r.nested(key)


def read_year(r: Reader, rates: Rates) -> int | None:
    first = first_year(rates)
    return r.integer(YEAR.key, YEAR.label, minimum=first, maximum=MAX_YEAR, example=str(first))


def read(r: Reader, rates: RatesAt) -> Inputs | None:
    parts = {key: part.read(read_part(r, key), rates) for key, part in PARTS.items()}
    return None if any(p is None for p in parts.values()) else Inputs(**parts)


def calculate(inputs: Inputs, rates: RatesAt) -> Result:
    o = org365.calculate(inputs.org365, rates)
    k = klar.calculate(inputs.klar, rates)
    lines = budget_lines(o, k)
    return Result(
        year=rates.year, org365=o, klar=k, lines=lines,
        total=sum((line.amount for line in lines), Decimal("0.00")),
        by_quarter=add_quarters(*(line.by_quarter for line in lines)),
    )


def findings(inputs: Inputs, result: Result, rates: RatesAt) -> list[Finding]:
    """Both parts' findings, each marked with its part."""
    return [f.in_part(key) for key, part in PARTS.items()
            for f in part.findings(getattr(inputs, key), getattr(result, key), rates)]


def budget_csv(result: dict) -> tuple[str, str]:
    from .budget_files import budget_csv as csv_text

    return f"lisensbudsjett-{result['year']}.csv", csv_text(result)


def _line_row(label: str, amount: str, by_quarter: dict) -> list:
    return [("text", label), ("money", amount), *(("money", by_quarter[q]) for q in QUARTERS)]


def steps(r: dict) -> list[Step]:
    """Each part's computation, then the sum of the two budget lines."""
    parts = [Step(f"ORG365: {s.text}", s.rates) for s in org365.steps(r["org365"])]
    parts += [Step(f"KL*AR: {s.text}", s.rates) for s in klar.steps(r["klar"])]
    lines = " + ".join(fmt.kr(line["amount"]) for line in r["lines"])
    return [*parts, Step(f"Sum lisenskostnader: {lines} = {fmt.kr(r['total'])}")]


DISPLAY = (
    Table(caption=lambda r: f"Lisenskostnader i budsjettet for {r['year']}",
          head=lambda r: ("Post", "Beløp", "1. kvartal", "2. kvartal", "3. kvartal", "4. kvartal"),
          rows=lambda r: [_line_row(line["label"], line["amount"], line["by_quarter"]) for line in r["lines"]],
          foot=lambda r: [_line_row("Sum lisenskostnader", r["total"], r["by_quarter"])]),
    Bars(title=lambda r: f"Lisenskostnader per kvartal {r['year']}",
         bars=lambda r: [Bar(f"{n}. kvartal", Decimal(r["by_quarter"][q]), fmt.kr(r["by_quarter"][q]))
                         for n, q in enumerate(QUARTERS, start=1)]),
    Note(lambda r, fs: "Grunnlag: Fagforbundets rundskriv 19/24. KL*AR belastes per yrkesaktivt medlem per måned.",
         quotes=(Q_BUDGET, klar.Q_PER_MEMBER)),
    # Only while a price from the circular is in the ORG365 table: the reader's own prices are exact.
    Note(lambda r, fs: "ORG365-prisene fra rundskrivet er omtrentlige («ca.»)."
         if r["org365"]["prices_approximate"] else None, quotes=tuple(org365.Q_PRICE.values())),
    Computation(steps),
)


EXAMPLE = {"year": "next", **{key: {k: v for k, v in part.CALCULATOR.example.items() if k != "year"}
                             for key, part in PARTS.items()}}


def summary(r: dict) -> str:
    return f"Lisenskostnader {r['year']}: {fmt.kr(r['total'])} i alt."


def compared_lines(r: dict) -> list[tuple[str, str]]:
    """Two budgets are compared per budget line, per ORG365 licence type, then per quarter."""
    return [*((line["label"], line["amount"]) for line in r["lines"]),
            *((f"ORG365, {label}", amount) for label, amount in org365.compared_licenses(r["org365"])),
            *((org365.quarter_label(n), r["by_quarter"][q]) for n, q in enumerate(QUARTERS, start=1))]


# The budget lines and the quarters each add up to the total; the licence types add up to
# the ORG365 line only.
ORG365_BY_LICENCE = "ORG365 per lisenstype"


def compared_group(label: str) -> str:
    if label.startswith("ORG365, "):
        return ORG365_BY_LICENCE
    return "Per kvartal" if label.endswith(". kvartal") else "Per budsjettpost"


CALCULATOR = Calculator.declare(globals(), name="budget", title="Lisensbudsjett for årsmøtet", source="circular",
                                order=30, template="budget", actions=("csv", "xlsx", "print"), csv=budget_csv,
                                handover=lambda r: {"year": r["year"], "licence_costs": r["total"]},
                                xlsx=budget_workbook,
                                comparable=Comparable(total=lambda r: r["total"], lines=compared_lines,
                                                      group=compared_group, title=lambda r: f"Lisenskostnader {r['year']}",
                                                      partial=frozenset({ORG365_BY_LICENCE})))
