"""An application for coverage of licence costs, drafted from the figures (`application`).

Source: Fagforbundet's circular 19/24. A department that cannot carry its licence costs
can apply for part of them («søke om dekning av deler av kostnadene») under two criteria;
the accounts and annual report of the last two years go with the application; the county
(fylkeskrets) gives a statement before the national board's working committee (AU)
decides; the application goes to the address the circular gives.

Inputs: the department's name (and number), the budget year, the licence costs (typed, or
taken from the licence budget saved in the browser), the amount applied for, income and
holdings (optional), the criterion or criteria the department points to, and its own
explanation (kept as typed, line breaks included).
Result: the draft letter's figures and texts; the display draws the letter, the
attachments as a checklist and the route. Nothing is sent anywhere: the department
completes and sends the letter itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ..machinery import fmt
from ..machinery.declare import (CHOICE, DECIMAL, INTEGER, LONG_TEXT, TEXT, Calculator, Fact, Facts, Field, Letter,
                      LetterPart, Note, read_field)
from ..machinery.evidence import Reading, circular
from ..machinery.fields import MAX_YEAR, Reader
from ..machinery.rates import Rates, RatesAt
from ..machinery.result import Finding, Level

# --- the circular's words this calculator rests on ----------------------------------------

Q_PART_OF_COSTS = circular(
    "rundskriv-19-24-5",
    "I særskilte tilfeller, etter gitte kriterier, vil fagforeningene kunne søke om dekning av deler av kostnadene.")
Q_CRITERIA_HEADING = circular("kriterier-for-a-kunne-soke-om-dekning", "Kriterier for å kunne søke om dekning")
Q_CRITERION_INCOME = circular(
    "kriterier-for-a-kunne-soke-om-dekning-1",
    "Inntekten og beholdningen til fagforeningen er ikke tilstrekkelig til å dekke fagforeningens oppgaver i "
    "henhold til vedtektenes § 11")
Q_CRITERION_SPECIAL = circular("kriterier-for-a-kunne-soke-om-dekning-2", "Særskilte økonomiske utfordringer")
Q_ROUTE = circular(
    "kriterier-for-a-kunne-soke-om-dekning-3",
    "Søknaden skal forelegges til uttalelse i fylkeskretsen, før den blir oversendt forbundet sentralt for "
    "behandling i forbundsstyrets arbeidsutvalg (AU).")
Q_ATTACHMENTS = circular("kriterier-for-a-kunne-soke-om-dekning-4",
                         "Regnskap og beretning for de siste to årene må vedlegges søknaden.")
Q_ADDRESS = circular("kriterier-for-a-kunne-soke-om-dekning-5", "Søknaden sendes til:")

READING_CRITERIA = Reading(
    "Ett eller begge kriteriene",
    "Rundskrivet sier ikke om ett kriterium er nok. Utkastet viser til det kriteriet du velger, eller til begge.",
    Q_CRITERIA_HEADING)
READINGS = (READING_CRITERIA,)


class Criterion(StrEnum):
    INCOME = "income"
    SPECIAL = "special"
    BOTH = "both"


CRITERION_WORDS = {Criterion.INCOME: (Q_CRITERION_INCOME,), Criterion.SPECIAL: (Q_CRITERION_SPECIAL,),
                   Criterion.BOTH: (Q_CRITERION_INCOME, Q_CRITERION_SPECIAL)}


def _first_year(rates: Rates | RatesAt) -> int:
    """The first budget year the circular advises a post for (a bound on the year asked,
    so read undated, as `klar.first_year` reads its own)."""
    return int(rates.param("org365.budget_from_year").least)


DEPARTMENT = Field("department", "Fagforeningens navn", TEXT)
NUMBER = Field("number", "Fagforeningens nummer", TEXT, required=False, hint="Valgfritt.")
YEAR = Field("year", "Budsjettår", INTEGER, maximum=MAX_YEAR, inputmode="numeric",
             hint="Året lisenskostnadene gjelder.")
COSTS = Field("licence_costs", "Lisenskostnader i budsjettet", DECIMAL,
              hint="ORG365 og KL*AR til sammen. «Hent fra lisensbudsjettet» fyller inn summen og året fra "
                   "lisensbudsjettet du har regnet ut i denne nettleseren.")
AMOUNT = Field("amount", "Beløpet fagforeningen søker dekket", DECIMAL, required=False,
               quotes=(circular("rundskriv-19-24-5", "søke om dekning av deler av kostnadene"),),
               hint="Valgfritt. Rundskrivet sier at fagforeningene kan «søke om dekning av deler av kostnadene», "
                    "men ikke hvor stor del.")
INCOME = Field("income", "Fagforeningens inntekter i året", DECIMAL, required=False,
               hint="Valgfritt. Fylles det ut, står tallet i brevet.")
HOLDINGS = Field("holdings", "Fagforeningens beholdning", DECIMAL, required=False,
                 hint="Valgfritt. Fylles det ut, står tallet i brevet.")
CRITERION = Field("criterion", "Kriteriet fagforeningen viser til", CHOICE,
                  options=((Criterion.INCOME, "Inntekten og beholdningen er ikke tilstrekkelig"),
                           (Criterion.SPECIAL, "Særskilte økonomiske utfordringer"),
                           (Criterion.BOTH, "Begge kriteriene")),
                  quotes=(Q_CRITERIA_HEADING,),
                  hint="Rundskrivet har to «Kriterier for å kunne søke om dekning», og sier ikke om ett er nok.")
EXPLANATION = Field("explanation", "Fagforeningens begrunnelse", LONG_TEXT, required=False,
                    hint="Med dine egne ord: hvorfor fagforeningen søker. Teksten står i brevet slik du skriver den.")
FIELDS = (DEPARTMENT, NUMBER, YEAR, COSTS, AMOUNT, INCOME, HOLDINGS, CRITERION, EXPLANATION)
EXAMPLE = {"department": "Fagforbundet Eksempel", "number": "", "year": "next", "licence_costs": "8 700",
           "amount": "4 000", "income": "", "holdings": "", "criterion": "special",
           "explanation": ""}


@dataclass(frozen=True)
class Inputs:
    department: str
    year: int
    licence_costs: Decimal
    criterion: Criterion
    number: str = ""
    amount: Decimal | None = None
    income: Decimal | None = None
    holdings: Decimal | None = None
    explanation: str = ""


@dataclass(frozen=True)
class Draft:
    year: int
    department: str
    number: str
    licence_costs: Decimal
    amount: Decimal | None
    income: Decimal | None
    holdings: Decimal | None
    criterion: Criterion
    explanation: str
    address: str
    accounts_years: int
    criteria_words: tuple[str, ...]


def read_year(r: Reader, rates: Rates) -> int | None:
    first = _first_year(rates)
    return r.integer(YEAR.key, YEAR.label, minimum=first, maximum=MAX_YEAR, example=str(first + 1))


def read(r: Reader, rates: RatesAt) -> Inputs | None:
    values = {f.key: read_field(r, f) for f in FIELDS if f is not YEAR}
    if r.errors or any(values[f.key] is None for f in FIELDS if f.required and f is not YEAR):
        return None
    kept = {k: v for k, v in values.items() if v is not None and v != ""}
    return Inputs(year=rates.year, criterion=Criterion(kept.pop("criterion")), **kept)


def calculate(inputs: Inputs, rates: RatesAt) -> Draft:
    circ = rates.group("circular")
    return Draft(year=inputs.year, department=inputs.department, number=inputs.number,
                 licence_costs=inputs.licence_costs, amount=inputs.amount, income=inputs.income,
                 holdings=inputs.holdings, criterion=inputs.criterion, explanation=inputs.explanation,
                 address=rates.value("circular.contact.organisasjonsavdelingen"),
                 accounts_years=circ.accounts_years,
                 criteria_words=tuple(q.words for q in CRITERION_WORDS[inputs.criterion]))


def findings(inputs: Inputs, draft: Draft, rates: RatesAt) -> list[Finding]:
    out = [Finding("draft", Level.INFO,
                   "Dette er et utkast. Fagforeningen kontrollerer det, fyller inn det som mangler, legger ved "
                   "vedleggene og sender søknaden selv. Ingenting sendes herfra.")]
    if inputs.amount is not None and inputs.amount >= inputs.licence_costs:
        out.append(Finding("amount-not-part", Level.WARNING,
                           f"Beløpet du søker dekket ({fmt.kr(inputs.amount)}), er ikke mindre enn "
                           f"lisenskostnadene ({fmt.kr(inputs.licence_costs)}). Rundskrivet sier at fagforeningene "
                           "kan søke om dekning av deler av kostnadene.", quotes=(Q_PART_OF_COSTS,)))
    if not inputs.explanation:
        out.append(Finding("explanation-missing", Level.WARNING,
                           "Brevet har ingen begrunnelse ennå. Skriv hvorfor fagforeningen søker, før du sender det."))
    out.append(Finding("criteria-reading", Level.INFO,
                       "Rundskrivet sier ikke om ett kriterium er nok. Utkastet viser til det du har valgt.",
                       reading=READING_CRITERIA))
    return out


# --- the letter -----------------------------------------------------------------------------

def _who(r: dict) -> str:
    return r["department"] + (f" (nr. {r['number']})" if r["number"] else "")


def letter_parts(r: dict) -> list[LetterPart]:
    year, years = r["year"], fmt.words(r["accounts_years"], "n")
    parts = [
        LetterPart("to", f"Til: Fagforbundet, organisasjonsavdelingen, {r['address']}"),
        LetterPart("to", f"Fra: {_who(r)}"),
        LetterPart("subject", f"Søknad om dekning av lisenskostnader for ORG365 og KL*AR i {year}"),
        LetterPart("p", f"{r['department']} søker om dekning av deler av lisenskostnadene for ORG365 og KL*AR "
                        f"i {year}, etter Fagforbundets rundskriv 19/24."),
    ]
    figures = f"Lisenskostnadene i fagforeningens budsjett for {year} er {fmt.kr(Decimal(r['licence_costs']))}."
    if r["amount"] is not None:
        figures += f" Fagforeningen søker om å få dekket {fmt.kr(Decimal(r['amount']))}."
    if r["income"] is not None:
        figures += f" Fagforeningens inntekter i året er {fmt.kr(Decimal(r['income']))}."
    if r["holdings"] is not None:
        figures += f" Fagforeningens beholdning er {fmt.kr(Decimal(r['holdings']))}."
    parts.append(LetterPart("p", figures))
    criteria = CRITERION_WORDS[Criterion(r["criterion"])]
    parts.append(LetterPart("p", "Fagforeningen viser til " + ("disse kriteriene" if len(criteria) > 1 else
                                                               "dette kriteriet") + " i rundskrivet:"))
    parts += [LetterPart("quote", q.words, (q,)) for q in criteria]
    if r["explanation"]:
        parts.append(LetterPart("heading", "Begrunnelse"))
        parts.append(LetterPart("p", r["explanation"]))
    parts.append(LetterPart("heading", "Vedlegg"))
    parts.append(LetterPart("item", f"Regnskap for de siste {years} årene", (Q_ATTACHMENTS,)))
    parts.append(LetterPart("item", f"Beretning for de siste {years} årene", (Q_ATTACHMENTS,)))
    parts.append(LetterPart("p", f"Med hilsen\n{r['department']}"))
    return parts


def route(r: dict, fs: list) -> str:
    return (f"Slik går søknaden: først til uttalelse i fylkeskretsen, deretter til forbundet sentralt, der "
            f"forbundsstyrets arbeidsutvalg (AU) behandler den. Rundskrivet oppgir adressen {r['address']}, "
            "men sier ikke hvordan søknaden kommer til fylkeskretsen.")


DISPLAY = (
    Facts((Fact("Lisenskostnader", "licence_costs", "money"),
           Fact("Søkt dekket", lambda r: fmt.kr(Decimal(r["amount"])) if r["amount"] is not None else "ikke oppgitt"))),
    Letter(lambda r: "Søknadsbrevet", letter_parts),
    Note(route, quotes=(Q_ROUTE, circular("kriterier-for-a-kunne-soke-om-dekning-5",
                                          "Søknaden sendes til: organisasjonsavdelingen@fagforbundet.no"))),
)


def summary(r: dict) -> str:
    return f"Utkast til søknad om dekning for {r['department']}, {r['year']}."


CALCULATOR = Calculator.declare(globals(), name="application", title="Søknad om dekning av lisenskostnader",
                                source="circular", order=40, template="application", actions=("copy", "print"))
