"""The guidance pages in the built site: site map, sources, figures, contacts, no outside loads.

Uses the session fixture `built_site` (one real `mkdocs build`, tests/conftest.py). Figures are
never written here: expected texts come from the rates file through the same macros the pages
use, so a rate change needs no edit to these tests.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculators.machinery import fmt, registry
from calculators.machinery.rates import load
from macros import figures
from tests.conftest import ROOT, build_site, calculator_pages, copy_project

DOCS = ROOT / "docs"

# The site map for the two sources (plus front page and glossary), and the
# source sections each guidance page must name in its "Kilde" note.
CIRCULAR_PAGES = {
    "fagforbundet/index.md": ["Innledning (landsstyrets vedtak)"],
    "fagforbundet/org365.md": ["ORG365", "Plan for utrulling"],
    "fagforbundet/lisenstyper.md": ["Fleksibilitet i antall lisenser og type lisenser", "Forskjellen på de ulike lisensene"],
    "fagforbundet/klar.md": ["Lisenser KL*AR"],
    "fagforbundet/dekning.md": ["Kriterier for å kunne søke om dekning"],
    "fagforbundet/kontakt.md": ["Kontaktinformasjon"],
}
REGULATION_PAGES = {
    "fo/index.md": ["Innledende bestemmelser", "Valgkomiteenes ansvar", "Variasjon mellom FOs avdelinger", "Vurdering og revidering av reglementet"],
    "fo/lonn.md": ["Lønnsvilkår", "Prinsipper for avlønning"],
    "fo/arbeidstid-ferie.md": ["Arbeidstid", "Ferie og K-dager"],
    "fo/bolig.md": ["Bolig, flyttegodtgjørelse og hjemreise", "Bolig og hjemreiser"],
    "fo/arbeidsmiljo.md": ["Arbeidsmiljø"],
    "fo/opplaering.md": ["Opplæringstiltak"],
    "fo/sykdom-permisjon.md": ["Sykdom", "Fraværsregistrering", "Permisjon"],
    "fo/pensjon.md": ["Pensjons- og forsikringsordninger"],
    "fo/godtgjorelser.md": ["Særlige godtgjørelser", "Sykkelgodtgjørelse", "Kompensasjon for bruk av egen bil i tjeneste"],
    "fo/lan.md": ["Lån til tillitsvalgte"],
    "fo/etterlonn.md": ["Etterlønn"],
    "fo/opphor.md": ["Tilbakelevering av eiendeler som tilhører FO", "Opphør av tilganger, bruk av e-post, mv", "Bierverv og verv i andre organisasjoner"],
}
GUIDANCE_PAGES = {**CIRCULAR_PAGES, **REGULATION_PAGES}
SITE_MAP = ["index.md", *GUIDANCE_PAGES, "ordliste.md"]
OWN_MARKDOWN = [*SITE_MAP, "includes/abbreviations.md"]

# The calculator embedded on each guidance page.
# The pages that carry a calculator are found from their `{{ calculator("name") }}` calls
# (tests/conftest.py: calculator_pages); see also tests/site/test_calculator_pages.py.
EMBEDDED = calculator_pages()
GUIDANCE_SECTION = {"regulation": ("fo/",), "circular": ("fagforbundet/", "kalkulatorer/")}

# Figures each page must show (besides whatever else its Markdown renders through macros).
REQUIRED_FIGURES = {
    "fagforbundet/index.md": ["circular.decision_date", "circular.case_number", "circular.budget_meeting_month"],
    "fagforbundet/org365.md": ["circular.unions_count", "org365.budget_from_year", "circular.email_service_end_year"],
    "fagforbundet/lisenstyper.md": ["org365.price.E1", "org365.price.F3", "org365.price.E3", "org365.storage.E1", "org365.storage.F3"],
    "fagforbundet/dekning.md": ["circular.accounts_years"],
    "fo/index.md": ["fo.regulation_effective", "fo.term_years"],
    "fo/arbeidstid-ferie.md": ["fo.k_days", "fo.holiday_weeks", "fo.holiday_weeks_senior", "fo.senior_age",
                               "fo.holiday_deduction_weeks", "fo.holiday_deduction_weeks_senior"],
    "fo/bolig.md": ["fo.home_trips_per_week"],
    "fo/arbeidsmiljo.md": ["fo.glasses.frame_cap"],
    "fo/opplaering.md": ["fo.training.cap", "fo.training.cap_two_year", "fo.training.short_term_years"],
    "fo/godtgjorelser.md": ["fo.newspapers_max", "fo.bicycle.rate"],
    "fo/lan.md": ["fo.loan.min_fte_percent", "fo.loan.months_of_pay", "fo.loan.repay_months"],
    "fo/etterlonn.md": ["fo.severance.max_months"],
}

# Contact addresses (rates-file parameters of unit `e-post`) and the pages that must link them.
CONTACTS = {
    "circular.contact.ffhjelp": ["fagforbundet/kontakt.md", "fagforbundet/lisenstyper.md"],
    "circular.contact.organisasjonsavdelingen": ["fagforbundet/kontakt.md", "fagforbundet/dekning.md"],
}

CALCULATOR_PAGES = ["kalkulatorer/index.md", "kalkulatorer/org365.md", "kalkulatorer/klar.md",
                    "kalkulatorer/budsjett.md", "kalkulatorer/fo-lonn.md"]


# --- reading the built site ---------------------------------------------------------


class _Page(HTMLParser):
    """Text of the page's <article>, its tables (rows of cell texts), admonitions, links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 inside <article>
        self.text: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self.admonitions: list[list[str]] = []  # [title, body...] as text
        self._adm_depth: int | None = None
        self._div_depth = 0
        self.links: list[str] = []
        self.nav_links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "a" and "md-nav__link" in cls and a.get("href"):
            self.nav_links.append(a["href"])
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "div":
            self._div_depth += 1
            if "admonition" in cls.split() and self._adm_depth is None:
                self._adm_depth = self._div_depth
                self.admonitions.append([])
        elif tag == "p" and self._adm_depth is not None:
            self.admonitions[-1].append("")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if not self.depth:
            return
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(_norm("".join(self._cell)))
            self._cell = None
        elif tag == "div":
            if self._adm_depth == self._div_depth:
                self._adm_depth = None
            self._div_depth -= 1

    def handle_data(self, data):
        if not self.depth:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._adm_depth is not None and self.admonitions[-1]:
            self.admonitions[-1][-1] += data


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_path(site: Path, md: str) -> Path:
    stem = md.removesuffix(".md")
    if stem == "index":
        return site / "index.html"
    if stem.endswith("/index"):
        return site / stem.removesuffix("/index") / "index.html"
    return site / stem / "index.html"


def page(site: Path, md: str) -> _Page:
    p = _Page()
    p.feed(html_path(site, md).read_text(encoding="utf-8"))
    return p


def text(site: Path, md: str) -> str:
    return _norm(" ".join(page(site, md).text))


# --- site map -----------------------------------------------------------------------


@pytest.mark.parametrize("md", SITE_MAP + CALCULATOR_PAGES)
def test_site_map_page_is_built(built_site, md):
    assert html_path(built_site, md).is_file(), md


def test_every_site_map_page_is_in_the_navigation(built_site):
    nav = {href.split("#")[0].rstrip("/") for href in page(built_site, "index.md").nav_links}
    nav = {h.removeprefix("./") for h in nav}
    for md in SITE_MAP + CALCULATOR_PAGES:
        url = md.removesuffix(".md").removesuffix("index").rstrip("/")
        assert url in nav or (url == "" and ("." in nav or "" in nav)), f"{md} is not in the navigation"


def test_front_page_links_the_three_tasks_and_every_calculator(built_site):
    links = {h.split("#")[0].rstrip("/") for h in page(built_site, "index.md").links}
    for target in ["kalkulatorer", "kalkulatorer/org365", "kalkulatorer/klar", "kalkulatorer/budsjett",
                   "kalkulatorer/fo-lonn", "fagforbundet", "fo"]:
        assert target in links, target


@pytest.mark.parametrize("url,calc", EMBEDDED)
def test_calculator_is_embedded_on_its_page(built_site, url, calc):
    assert f'data-calc="{calc}"' in (built_site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("calc", sorted(registry.calculators()))
def test_every_calculator_is_on_a_page_of_its_source(calc):
    """An FO calculator sits on an FO guidance page; a calculator of the circular on a
    Fagforbundet page or under «Kalkulatorer»."""
    sections = GUIDANCE_SECTION[registry.get(calc).source]
    assert any(url.startswith(sections) for url, name in EMBEDDED if name == calc), (calc, sections)


# --- sources ------------------------------------------------------------------------


@pytest.mark.parametrize("md", sorted(GUIDANCE_PAGES))
def test_guidance_page_names_its_source_document_and_sections(built_site, md):
    documents = load().documents
    doc = documents["circular" if md in CIRCULAR_PAGES else "regulation"]
    notes = [_norm(" ".join(a[1:])) for a in page(built_site, md).admonitions if a and _norm(a[0]) == "Kilde"]
    assert notes, f"{md} has no «Kilde» note"
    note = notes[0]
    assert doc in note
    for section in GUIDANCE_PAGES[md]:
        assert section in note, f"{md}: section «{section}» not named"


# --- figures ------------------------------------------------------------------------


# `fig("id")`, `num("id", words=True, gender="n")`: the macro, the id and the other arguments.
_MACRO_CALL = re.compile(r"""\b(fig|num)\(\s*"([^"]+)"\s*((?:,[^)]*)?)\)""")


def _figure_calls(md: str) -> set[tuple[str, str, str]]:
    """Calls whose arguments are constants (not those in a Jinja2 loop over values)."""
    calls = _MACRO_CALL.findall((DOCS / md).read_text(encoding="utf-8"))
    constant_kwargs = re.compile(r"""(?:,\s*\w+\s*=\s*(?:True|False|"\w*"|\d+)\s*)*""")
    return {c for c in calls if constant_kwargs.fullmatch(c[2])}


def _expected(macro: str, pid: str, args: str) -> str:
    """What the macro call writes into the page (the same call, made here)."""
    # The page's text is read with its no-break spaces as spaces (_norm): so is this.
    return _norm(eval(f"{macro}({pid!r}{args})", {"fig": figures.fig, "num": figures.num}))


@pytest.mark.parametrize("md", SITE_MAP)
def test_every_figure_a_page_uses_is_shown_in_norwegian_format(built_site, md):
    shown = text(built_site, md)
    for macro, pid, args in sorted(_figure_calls(md)):
        expected = _expected(macro, pid, args)
        assert expected in shown, f"{md}: {macro}({pid!r}{args}) → {expected!r} not in page"


@pytest.mark.parametrize("md", sorted(REQUIRED_FIGURES))
def test_page_shows_its_figures_from_the_rates_file(built_site, md):
    shown = text(built_site, md)
    used = {pid: (macro, args) for macro, pid, args in _figure_calls(md)}
    for pid in REQUIRED_FIGURES[md]:
        assert pid in used, f"{md} does not render {pid} through fig/num"
        expected = _expected(used[pid][0], pid, used[pid][1])
        assert expected in shown, f"{md}: {pid} → {expected!r} not in page"


def test_prices_are_marked_approximate_as_in_the_source(built_site):
    shown = text(built_site, "fagforbundet/lisenstyper.md")
    for lic in ("E1", "F3", "E3"):
        assert _norm(f"ca. {figures.fig(f'org365.price.{lic}', approx=False)}") in shown


def _typed_forms(value) -> list[str]:
    """How a figure could be typed by hand in Markdown (to be refused)."""
    if isinstance(value, date):
        return [f"{value.day}.{value.month}.{value.year}", f"{value.day}. {figures.month_name(value.month)} {value.year}"]
    if isinstance(value, str):
        return [value] if len(value) > 3 else []
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value < 10:
        return []  # small numbers (1–9) read as ordinary words and list numbers
    plain = str(int(value)) if value == int(value) else str(value)
    grouped = fmt.number(value)
    return sorted({plain, grouped, grouped.replace(" ", "\u00a0")})


@pytest.mark.parametrize("md", OWN_MARKDOWN)
def test_no_figure_from_the_rates_file_is_typed_in_markdown(md):
    source = (DOCS / md).read_text(encoding="utf-8")
    source = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", source, flags=re.S)  # macro calls are fine
    rates = load()
    for pid, param in rates.params.items():
        for dated in param.values:
            for typed in _typed_forms(dated.value):
                pattern = rf"(?<![\w/]){re.escape(typed)}(?![\w/])"
                assert not re.search(pattern, source), f"{md} types {typed!r} ({pid}); use fig/num"


# --- KL*AR counties, licence types, pay principles, contacts -------------------------------


def test_klar_page_lists_every_county_with_its_start_quarter(built_site):
    p = page(built_site, "fagforbundet/klar.md")
    rows = {r[0]: r for t in p.tables for r in t if r and r[0] in {c.name for c in load().counties}}
    counties = load().counties
    assert len(counties) == 15
    for c in counties:
        assert c.name in rows, f"{c.name} missing from the KL*AR page"
        row = " ".join(rows[c.name])
        assert figures.quarter_name(c.quarter) in row
        assert figures.month_name(c.first_month) in row


def test_klar_page_shows_the_rate_and_that_it_will_be_adjusted(built_site):
    shown = text(built_site, "fagforbundet/klar.md")
    first = load().integer("klar.first_year")
    assert _norm(figures.fig("klar.rate", first)) in shown
    assert "justert" in shown
    assert "Antallet klubbtillitsvalgte påvirker derfor ikke" in shown


def test_licence_types_are_compared_in_one_table(built_site):
    p = page(built_site, "fagforbundet/lisenstyper.md")
    tables = [t for t in p.tables if t and all(k in " ".join(t[0]) for k in ("E1", "F3", "E3"))]
    assert len(tables) == 1
    rows = {r[0]: r[1:] for r in tables[0][1:]}
    for aspect in ("Velges for", "Lagring", "Programmer", "Felles e-postadresse", "Pris", "Slik bestiller du"):
        assert any(k.startswith(aspect) for k in rows), aspect
    price = next(v for k, v in rows.items() if k.startswith("Pris"))
    assert price == [_norm(figures.fig(f"org365.price.{lic}")) for lic in ("E1", "F3", "E3")]  # read as spaces
    for cell in price:  # Norwegian format: "ca. 3 600 kr per bruker per år"
        assert re.fullmatch(r"ca\. \d{1,3}(?: \d{3})* kr per bruker per år", cell), cell
    mailbox = next(v for k, v in rows.items() if k.startswith("Felles e-postadresse"))
    assert mailbox == ["Ja", "Nei", "Ja"]


PRINCIPLES = [
    "forholdsmessig etter LO-leders lønn",
    "Forbundets leder skal ha høyest lønn i organisasjonen",
    "Forbundets nestleder skal ha høyere lønn enn de øvrige AU-medlemmene sentralt",
    "De øvrige vervene i AU sentralt lønnes likt",
    "Lederen for Oslo-avdelingen skal ha høyere lønn enn FOs øvrige avdelingsledere",
    "høyest lønn blant de lønnede tillitsvalgte i avdelingen",
    "Frikjøpte nestledere i avdelingen skal ha høyere lønn enn avdelingssekretærene",
    "mellom rent frikjøp og avdelingssekretærens lønnsnivå",
]


def test_all_eight_pay_principles_are_in_a_numbered_table(built_site):
    p = page(built_site, "fo/lonn.md")
    rows = {r[0]: r[1] for t in p.tables for r in t[1:] if len(r) >= 2}
    assert load().integer("fo.pay_principles_count") == len(PRINCIPLES)
    for n, phrase in enumerate(PRINCIPLES, start=1):
        assert phrase in rows.get(str(n), ""), f"principle {n}"


def test_yearly_adjustment_is_explained(built_site):
    shown = text(built_site, "fo/lonn.md")
    assert "sekretariatsmøte før sommeren" in shown
    assert f"1. {figures.fig('fo.adjustment_from_month')} samme år" in shown


def test_every_contact_address_is_given_as_a_mail_link(built_site):
    addresses = {pid for pid, p in load().params.items() if p.unit == "e-post"}
    assert addresses == set(CONTACTS), "a contact address of the rates file has no page here"
    for pid, pages in CONTACTS.items():
        address = load().value(pid)
        for md in pages:
            assert f"mailto:{address}" in page(built_site, md).links, f"{address} not linked on {md}"


def test_who_decides_table_names_every_deciding_body(built_site):
    shown = text(built_site, "fo/index.md")
    for body in ("Administrativ ledelse", "Avdelingens styre", "Arbeidsutvalget i avdelingen", "Landsstyret", "Styret i avdelingen"):
        assert body in shown, body


# --- no request to another origin ------------------------------------------------------------

_HTML_LOADS = [
    re.compile(r"""<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//""", re.I),
    re.compile(r"""<link\b(?![^>]*\brel\s*=\s*["']?(?:canonical|alternate|author|license)\b)[^>]*\bhref\s*=\s*["']?(?:https?:)?//""", re.I),
    re.compile(r"""\bsrcset\s*=\s*["'][^"']*(?:https?:)?//""", re.I),
]
_CSS_LOADS = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(?:https?:)?//""", re.I)


def test_no_page_or_stylesheet_loads_anything_from_another_origin(built_site):
    found = []
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(built_site)}: {m.group(0)}" for rx in _HTML_LOADS for m in rx.finditer(html)]
        for style in re.findall(r"<style\b[^>]*>(.*?)</style>", html, flags=re.S | re.I):
            found += [f"{path.relative_to(built_site)}: inline style {m.group(0)}" for m in _CSS_LOADS.finditer(style)]
    for path in built_site.rglob("*.css"):
        css = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(built_site)}: {m.group(0)}" for m in _CSS_LOADS.finditer(css)]
    assert not found, "\n".join(found[:20])


# --- one place for every figure ------------------------------------------------------------------

_COPIED = ["docs", "calculators", "macros", "overrides", "site_build", "tests/cases", "mkdocs.yml", "uv.lock"]


def test_a_rate_changed_in_the_data_file_shows_on_the_licence_page(tmp_path):
    project = copy_project(tmp_path / "project", _COPIED)

    rates_file = project / "calculators" / "rates.toml"
    old = load().decimal("org365.price.E1")
    new = old + 100
    text_before = rates_file.read_text(encoding="utf-8")
    block = re.search(r'\[params\."org365\.price\.E1"\].*?(?=\n\[)', text_before, flags=re.S)
    changed_block = block.group(0).replace(f'value = "{old}"', f'value = "{new}"')
    assert changed_block != block.group(0)
    rates_file.write_text(text_before.replace(block.group(0), changed_block), encoding="utf-8")

    dest = tmp_path / "site"
    result = build_site(dest, "http://127.0.0.1:8000/", project=project, extra_env={"PYTHONPATH": str(project)})
    assert result.returncode == 0, result.stdout + result.stderr

    shown = text(dest, "fagforbundet/lisenstyper.md")
    assert _norm(f"ca. {fmt.number(new)} kr per bruker per år") in shown
    assert _norm(fmt.number(old)) not in shown
