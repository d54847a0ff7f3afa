"""The «Satser og kilder» page: every parameter of `calculators/rates.toml`, rendered.

`{{ rates_tables("circular") }}` renders one table per source document: each parameter
with a Norwegian label (kept here, keyed by parameter id: the data file's descriptions
are English, for maintainers), its dated values («ca.» where the source says so), the
section of the source it comes from linked to the guidance page that covers it, and the
calculators that use it. `{{ county_table() }}` renders the KL*AR start quarters.

Which calculator uses a parameter is found by reading the calculator modules' source
(`calculators/*.py`), so the page stays true when a module changes; a calculator that
computes with another (the budget with ORG365 and KL*AR) uses what that one uses. The
calculators' display titles are their declared titles (`calculators.registry`).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from calculators import fmt
from calculators.rates import load

from . import figures

CALCULATORS_DIR = Path(__file__).resolve().parent.parent / "calculators"


@dataclass(frozen=True)
class Entry:
    label: str  # Norwegian; `{param.id}` is replaced by that parameter's number
    page: str  # the guidance page (docs-relative Markdown path, optional #anchor)
    note: str = ""  # where the value is the calculator's reading, or the source is unclear


# One entry per parameter of the rates file (a test fails when one is missing).
ENTRIES: dict[str, Entry] = {
    "circular.decision_date": Entry("Dato for landsstyrets vedtak", "fagforbundet/index.md#vedtaket-i-landsstyret",
                                    "Rundskrivet oppgir dag og måned, ikke årstall."),
    "circular.case_number": Entry("Saksnummer for landsstyrets vedtak", "fagforbundet/index.md#vedtaket-i-landsstyret"),
    "circular.budget_meeting_month": Entry("Måneden årsmøtet behandler budsjettet med lisenskostnadene",
                                           "fagforbundet/index.md#budsjett"),
    "circular.accounts_years": Entry("År med regnskap og beretning som legges ved søknad om dekning",
                                     "fagforbundet/dekning.md#vedlegg"),
    "circular.unions_count": Entry("Fagforeninger i planen for utrulling av ORG365", "fagforbundet/org365.md#utrulling"),
    "circular.email_service_end_year": Entry("Året «E-post til fagforeninger» legges ned",
                                             "fagforbundet/org365.md#e-post-til-fagforeninger"),
    "org365.budget_from_year": Entry("Første budsjettår rundskrivet ber fagforeningene sette av en post til ORG365 for",
                                     "fagforbundet/org365.md#utrulling",
                                     "Rundskrivet anbefaler en post i budsjettet for {org365.budget_from_year} og "
                                     "fremover, fordi datoen for utrullingen ikke er kjent."),
    "org365.price.E1": Entry("Pris for ORG365-lisens for normal bruk (E1)", "fagforbundet/lisenstyper.md#lisens-for-normal-bruk-e1",
                             "Rundskrivet knytter ikke prisene til et bestemt år; datoene er kalkulatorens lesning."),
    "org365.price.F3": Entry("Pris for ORG365-lisens for enkel bruk (F3)", "fagforbundet/lisenstyper.md#lisens-for-enkel-bruk-f3",
                             "Rundskrivet knytter ikke prisene til et bestemt år; datoene er kalkulatorens lesning."),
    "org365.price.E3": Entry("Pris for ORG365-lisens for avansert bruk (E3)", "fagforbundet/lisenstyper.md#lisens-for-avansert-bruk-e3",
                             "Rundskrivet knytter ikke prisene til et bestemt år; datoene er kalkulatorens lesning."),
    "org365.storage.E1": Entry("OneDrive-lagring per bruker med E1", "fagforbundet/lisenstyper.md#lisens-for-normal-bruk-e1"),
    "org365.storage.F3": Entry("OneDrive-lagring per bruker med F3", "fagforbundet/lisenstyper.md#lisens-for-enkel-bruk-f3"),
    "org365.default_start_month": Entry("Første måned med ORG365-kostnad når ingen annen er valgt",
                                        "fagforbundet/org365.md#utrulling",
                                        "Kalkulatorens lesning: rundskrivet oppgir ingen startdato, så kalkulatoren "
                                        "budsjetterer hele året hvis du ikke velger en annen måned."),
    "org365.recommended_full_holders": Entry("Anbefalt minste antall i fagforeningsstyret med E1 (lederen og minst én til)",
                                             "fagforbundet/org365.md#hvem-skal-ha-lisens",
                                             "Kalkulatoren teller bare styret: lederen og styremedlemmene. E3 teller som E1."),
    "circular.contact.ffhjelp": Entry("E-post for tekniske spørsmål, bestilling av E3 og endringer i lisenser",
                                      "fagforbundet/kontakt.md"),
    "circular.contact.organisasjonsavdelingen": Entry("E-post for søknad om dekning og råd om valg av lisenser",
                                                      "fagforbundet/kontakt.md"),
    "klar.rate": Entry("KL*AR: sats per yrkesaktivt medlem per måned", "fagforbundet/klar.md#sats",
                       "Rundskrivet sier at satsen vil bli justert. For et år uten oppgitt sats bruker kalkulatoren "
                       "den siste kjente og varsler om det."),
    "klar.first_year": Entry("Første år fagforeningene blir belastet for KL*AR", "fagforbundet/klar.md#start-per-fylkeskrets",
                             "Kalkulatorens lesning: fra året etter regner den med alle månedene."),
    "fo.regulation_effective": Entry("Reglementet gjelder fra", "fo/index.md#gyldighet"),
    "fo.term_years": Entry("Lengden på landsmøteperioden og på avdelingenes valgperiode", "fo/index.md#valgperioder"),
    "fo.pay_principles_count": Entry("Antall prinsipper for avlønning", "fo/lonn.md#prinsipper"),
    "fo.adjustment_from_month": Entry("Den årlige lønnsreguleringen får virkning fra den 1. i denne måneden",
                                      "fo/lonn.md#lonnsregulering",
                                      "Kalkulatorens lesning: hvert lønnsnivå beholder sin prosent av LO-leders lønn "
                                      "(reglementet sier «forholdsmessig»)."),
    "fo.default_fte_percent": Entry("Stillingsprosent (frikjøp) når ingen er oppgitt", "fo/lonn.md#regn-ut",
                                    "Kalkulatorens standardverdi; reglementet oppgir ingen."),
    "fo.k_days": Entry("K-dager per år", "fo/arbeidstid-ferie.md#k-dager",
                       "Reglementet sier ikke uttrykkelig «per år»; det er kalkulatorens lesning."),
    "fo.holiday_weeks": Entry("Ferieuker", "fo/arbeidstid-ferie.md#ferie"),
    "fo.holiday_weeks_senior": Entry("Ferieuker fra og med året den tillitsvalgte fyller {fo.senior_age} år",
                                     "fo/arbeidstid-ferie.md#ferie"),
    "fo.senior_age": Entry("Alderen som gir en ekstra ferieuke", "fo/arbeidstid-ferie.md#ferie"),
    "fo.holiday_deduction_weeks": Entry("Uker som trekkes i lønn for ferie, under {fo.senior_age} år",
                                        "fo/arbeidstid-ferie.md#ferie"),
    "fo.holiday_deduction_weeks_senior": Entry("Uker som trekkes i lønn for ferie, over {fo.senior_age} år",
                                               "fo/arbeidstid-ferie.md#ferie",
                                               "Kalkulatorens lesning: trekket gjelder fra og med året den "
                                               "tillitsvalgte fyller {fo.senior_age} år."),
    "fo.home_trips_per_week": Entry("Reiser mellom hjem og kontorsted per uke i gjennomsnitt (to boliger, etter avtale)",
                                    "fo/bolig.md#forbundsledelsen-to-boliger-og-hjemreiser"),
    "fo.glasses.frame_cap": Entry("Databriller: innfatning dekkes med inntil", "fo/arbeidsmiljo.md#databriller"),
    "fo.training.cap": Entry("Opplæringsstøtte, inntil (per årsmøteperiode i avdelingene, per landsmøteperiode "
                             "for forbundsledelsen)", "fo/opplaering.md#hvor-mye"),
    "fo.training.cap_two_year": Entry("Opplæringsstøtte for øvrige avdelingstillitsvalgte med en valgperiode på "
                                      "{fo.training.short_term_years} år", "fo/opplaering.md#hvor-mye",
                                      "Reglementet oppgir ingen periode for beløpet. Kalkulatorens lesning: det gjelder "
                                      "andre enn leder, nestleder og sekretær i avdelingen."),
    "fo.training.short_term_years": Entry("Valgperioden som gir den lavere opplæringsstøtten", "fo/opplaering.md#hvor-mye"),
    "fo.newspapers_max": Entry("Avisabonnementer som dekkes, inntil", "fo/godtgjorelser.md#aviser"),
    "fo.bicycle.rate": Entry("Sykkelgodtgjørelse", "fo/godtgjorelser.md#sykkel"),
    "fo.loan.min_fte_percent": Entry("Lån: minste frikjøp", "fo/lan.md"),
    "fo.loan.months_of_pay": Entry("Lån: tilsvarende bruttolønn for", "fo/lan.md"),
    "fo.loan.repay_months": Entry("Lån: betales tilbake innen (eller senest ved fratreden)", "fo/lan.md"),
    "fo.severance.max_months": Entry("Etterlønn: inntil, i vanlige tilfeller", "fo/etterlonn.md#vilkar",
                                     "Kalkulatorens lesning: etterlønnen er månedslønn × måneder; reglementet "
                                     "oppgir ikke noe beløp per måned."),
    "fo.severance.min_consecutive_terms": Entry("Etterlønn utover vanlig lengde: sammenhengende valgperioder som kreves",
                                                "fo/etterlonn.md#utover",
                                                "Reglementet sier «flere»; tallet er kalkulatorens lesning."),
}

# The KL*AR start quarters (the `[klar_start_quarter]` table of the rates file).
COUNTIES_PAGE = "fagforbundet/klar.md#start-per-fylkeskrets"

_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.]+)\}")


def _fill(text: str) -> str:
    return _PLACEHOLDER.sub(lambda m: figures.num(m.group(1)), text)


# --- which calculator uses what ------------------------------------------------------


def _literals(tree: ast.AST) -> tuple[set[str], set[str]]:
    """String constants of a module, and the constant heads of its f-strings
    (`f"org365.price.{lic.value}"` → `org365.price.`)."""
    constants, heads = set(), set()
    in_fstring = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            first = node.values[0] if node.values else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and len(node.values) > 1:
                heads.add(first.value)
            in_fstring.update(id(v) for v in node.values)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstring:
            constants.add(node.value)
    return constants, heads


def _delegates_to(tree: ast.AST, names: set[str]) -> set[str]:
    """The calculators this module imports as a whole and calls into (`from . import klar`
    and `klar.calculate(...)`): the budget computes with ORG365 and KL*AR. Importing only
    some names (`from .fo_pay import Role`) shares definitions, not rates."""
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in (None, "calculators") and (node.level == 1 or node.module):
            imported.update(a.asname or a.name for a in node.names if a.name in names)
    called = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id in imported):
            called.add(node.func.value.id)
    return called


def _usage(calculators_dir: Path, calculator_names: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Parameter id → names of the calculators that use it; and the calculators that read
    the counties' start quarters."""
    params = load().params
    direct: dict[str, set[str]] = {}
    counties: set[str] = set()
    imports: dict[str, set[str]] = {}
    names = set(calculator_names)
    for name in calculator_names:
        module = calculators_dir / f"{name}.py"
        package = calculators_dir / name
        paths = [module] if module.is_file() else sorted(package.glob("*.py")) if package.is_dir() else []
        direct[name], imports[name] = set(), set()
        for path in paths:  # a calculator is a module or a package of modules
            source = path.read_text(encoding="utf-8")
            tree = ast.parse(source)
            constants, heads = _literals(tree)
            direct[name] |= {pid for pid in params if pid in constants}
            direct[name] |= {pid for pid in params for h in heads if pid.startswith(h) and pid[len(h):] in constants}
            if re.search(r"\.counties\b", source):
                counties.add(name)
            imports[name] |= _delegates_to(tree, names) - {name}

    def closure(name: str, seen: frozenset = frozenset()) -> tuple[set[str], bool]:
        ids, reads_counties = set(direct.get(name, ())), name in counties
        for other in imports.get(name, ()):
            if other not in seen:
                more, more_counties = closure(other, seen | {name})
                ids |= more
                reads_counties = reads_counties or more_counties
        return ids, reads_counties

    by_param: dict[str, list[str]] = {pid: [] for pid in params}
    county_users = []
    for name in calculator_names:
        ids, reads_counties = closure(name)
        for pid in ids:
            by_param[pid].append(name)
        if reads_counties:
            county_users.append(name)
    return {pid: tuple(v) for pid, v in by_param.items()}, tuple(county_users)


def usage() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Read now (not cached), so that a rebuild sees a changed calculator module."""
    from .forms import titles
    return _usage(CALCULATORS_DIR, tuple(titles()))


_CALL = re.compile(r"""calculator\(\s*["']([a-z0-9_]+)["']\s*\)""")


def calculator_pages(docs_dir: Path) -> dict[str, str]:
    """Calculator name → the page that shows it (its own page under `kalkulatorer/` when
    there is one, else the guidance page, at its «regn-ut» section when it has one)."""
    found: dict[str, str] = {}
    for path in sorted(docs_dir.rglob("*.md"), key=lambda p: (not p.as_posix().startswith(f"{docs_dir.as_posix()}/kalkulatorer/"), p.as_posix())):
        md = path.relative_to(docs_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        for name in _CALL.findall(text):
            if name not in found:
                anchor = "#regn-ut" if not md.startswith("kalkulatorer/") and "{ #regn-ut }" in text else ""
                found[name] = md + anchor
    return found


# --- rendering -------------------------------------------------------------------------


def _dest_url(md: str, directory_urls: bool) -> str:
    stem = md.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _href(target: str, page_url: str, directory_urls: bool) -> str:
    md, _, anchor = target.partition("#")
    url = get_relative_url(_dest_url(md, directory_urls), page_url)
    if directory_urls and not url.endswith("/"):
        url += "/"
    return url + (f"#{anchor}" if anchor else "")


def _period(start, end) -> str:
    text = f"fra {fmt.date_no(start)}"
    return text + (f" til og med {fmt.date_no(end)}" if end else "")


_TEMPLATE = """\
<table>
<thead><tr><th scope="col">Hva</th><th scope="col">Verdi og gyldighet</th>\
<th scope="col">Kilde (avsnitt)</th><th scope="col">Brukes i</th></tr></thead>
<tbody>
{%- for row in rows %}
{%- for v in row["values"] %}
<tr>
{%- if loop.first %}<td rowspan="{{ row["values"]|length }}" id="sats-{{ row.anchor }}">{{ row.label }}
<br><small><code>{{ row.id }}</code></small>{% if row.note %}<br><small>{{ row.note }}</small>{% endif %}</td>{% endif %}
<td>{% if row.mail %}<a href="mailto:{{ v.text }}">{{ v.text }}</a>{% else %}<strong>{{ v.text }}</strong>{% endif %}\
<br>{{ v.period }}</td>
{%- if loop.first %}<td rowspan="{{ row["values"]|length }}"><a href="{{ row.href }}">{{ row.section }}</a></td>
<td rowspan="{{ row["values"]|length }}">{% for c in row.calculators %}<a href="{{ c.href }}">{{ c.title }}</a>\
{% if not loop.last %}<br>{% endif %}{% else %}Bare i veiledningen{% endfor %}</td>{% endif %}
</tr>
{%- endfor %}
{%- endfor %}
</tbody></table>
"""

_COUNTY_TEMPLATE = """\
<table>
<thead><tr><th scope="col">Fylkeskrets</th><th scope="col">Belastes fra</th>\
<th scope="col">Første måned med belastning (kalkulatorens lesning)</th></tr></thead>
<tbody>
{%- for c in counties %}
<tr><td>{{ c.name }}</td><td>{{ c.quarter }}</td><td>{{ c.month }}</td></tr>
{%- endfor %}
</tbody></table>
<p>Kilde: <a href="{{ href }}">{{ source }}</a>. Brukes i: {% for c in calculators %}<a href="{{ c.href }}">{{ c.title }}</a>\
{% if not loop.last %}, {% endif %}{% endfor %}.</p>
"""


@cache
def _jinja() -> Environment:
    return Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, keep_trailing_newline=False)


def _compact(html: str) -> str:
    # No blank line inside the block, so Markdown leaves the whole table alone.
    return "\n".join(line for line in html.splitlines() if line.strip())


def _context(env) -> tuple[str, bool, Path]:
    page_url = env.page.url if getattr(env, "page", None) is not None else ""
    directory_urls = bool(env.conf.get("use_directory_urls", True))
    return page_url, directory_urls, Path(env.conf["docs_dir"])


def _calculator_links(names, pages, page_url, directory_urls) -> list[dict]:
    from .forms import titles
    return [{"title": titles()[n], "href": _href(pages[n], page_url, directory_urls)} for n in names if n in pages]


def rows(document: str, page_url: str = "satser/", directory_urls: bool = True,
         docs_dir: Path | None = None) -> list[dict]:
    """The table rows for one source document (`circular` or `regulation`)."""
    rates = load()
    docs_dir = docs_dir or Path(__file__).resolve().parent.parent / "docs"
    missing = sorted(set(rates.params) - set(ENTRIES))
    if missing:
        raise ValueError(f"macros/rates_page.py: no Norwegian label for {', '.join(missing)}")
    name = rates.documents[document]
    by_param, _ = usage()
    pages = calculator_pages(docs_dir)
    out = []
    for pid, p in rates.params.items():
        if p.document != name:
            continue
        entry = ENTRIES[pid]
        values = sorted(p.values, key=lambda v: v.start)
        out.append({
            "id": pid,
            "anchor": pid.replace(".", "-").lower(),
            "label": _fill(entry.label),
            "note": _fill(entry.note),
            "mail": p.unit == "e-post",
            "values": [{"text": figures.format_value(p, v.value), "period": _period(v.start, v.end)} for v in values],
            "section": p.section,
            "href": _href(entry.page, page_url, directory_urls),
            "calculators": _calculator_links(by_param[pid], pages, page_url, directory_urls),
        })
    return out


def rates_tables(document: str) -> Markup:
    """Macro: the table of every parameter from one source document."""
    env = _ENV["env"]
    page_url, directory_urls, docs_dir = _context(env)
    html = _jinja().from_string(_TEMPLATE).render(rows=rows(document, page_url, directory_urls, docs_dir))
    return Markup(_compact(html))


def county_table() -> Markup:
    """Macro: the KL*AR start quarter of every county, with the first month the calculator charges."""
    env = _ENV["env"]
    page_url, directory_urls, docs_dir = _context(env)
    rates = load()
    first_year = rates.integer("klar.first_year")
    counties = [{"name": c.name, "quarter": f"{figures.quarter_name(c.quarter)} {first_year}",
                 "month": f"{figures.month_name(c.first_month)} {first_year}"} for c in rates.counties]
    html = _jinja().from_string(_COUNTY_TEMPLATE).render(
        counties=counties, source=rates.counties_source,
        href=_href(COUNTIES_PAGE, page_url, directory_urls),
        calculators=_calculator_links(usage()[1], calculator_pages(docs_dir), page_url, directory_urls),
    )
    return Markup(_compact(html))


_ENV: dict = {}


def register(env) -> None:
    _ENV["env"] = env
    env.macro(rates_tables)
    env.macro(county_table)
