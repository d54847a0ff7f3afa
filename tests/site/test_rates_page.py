"""The «Satser og kilder» page: every parameter of the rates file, its dated values, its
source section linked to a guidance page, and the calculators that use it.

Uses the session fixture `built_site` (one real `mkdocs build`, tests/conftest.py). The
expected values here are written by hand from the two source documents.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from calculators.machinery.rates import load
from tests.conftest import ROOT

PAGE = "satser/index.html"
PAGE_URL = "/satser/"


class _Tables(HTMLParser):
    """Rows of the <article>'s tables: per row, the text of each cell and the cell's links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.rows: list[list[dict]] = []
        self._cell: dict | None = None
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if not self.in_article:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell = {"text": "", "links": [], "id": a.get("id", "")}
            self.rows[-1].append(self._cell)
        elif tag == "br" and self._cell is not None:
            self._cell["text"] += " "
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
            if self._cell is not None:
                self._cell["links"].append(a["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        if not self.in_article:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell["text"] += data


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def page(built_site) -> _Tables:
    p = _Tables()
    p.feed((built_site / PAGE).read_text(encoding="utf-8"))
    return p


def _anchor(param_id: str) -> str:
    return "sats-" + param_id.replace(".", "-").lower()


def _rows_after(page: _Tables, param_id: str) -> list[list[str]]:
    """The first row of a parameter (the row whose first cell carries its anchor) and the
    rows that continue it (its further dated values)."""
    for i, row in enumerate(page.rows):
        if row and row[0]["id"] == _anchor(param_id):
            out = [[_norm(c["text"]) for c in row]]
            for nxt in page.rows[i + 1:]:
                if len(nxt) != 2:
                    break
                out.append([_norm(c["text"]) for c in nxt])
            return out
    raise AssertionError(f"no row for {param_id}")


def _row_of(page: _Tables, param_id: str) -> list[str]:
    """The texts of the first row of a parameter."""
    return _rows_after(page, param_id)[0]


def _cells_of(page: _Tables, param_id: str) -> list[dict]:
    for row in page.rows:
        if row and row[0]["id"] == _anchor(param_id):
            return row
    raise AssertionError(f"no row for {param_id}")


def test_every_parameter_has_a_norwegian_label_and_a_guidance_page():
    docs = ROOT / "docs"
    for pid, p in load().params.items():
        assert p.label.strip() and p.label != p.description, pid
        page, _, anchor = p.page.partition("#")
        assert (docs / page).is_file(), f"{pid}: no page {page}"


def test_every_parameter_of_the_rates_file_is_on_the_page(page):
    anchors = {row[0]["id"] for row in page.rows if row}
    for pid in load().params:
        assert _anchor(pid) in anchors, pid


def test_no_parameter_id_or_other_code_is_shown_to_the_reader(page):
    shown = _norm(" ".join(page.text))
    for pid in load().params:
        assert not re.search(rf"(?<![\w.]){re.escape(pid)}(?![\w.])", shown), pid


@pytest.mark.parametrize("param_id,value,period", [
    ("klar.rate", "1 kr per yrkesaktivt medlem per måned", "Fra 1. januar 2025 til og med 31. desember 2025"),
    ("fo.regulation_effective", "1. april 2025", "Fra 1. april 2025"),
    ("fo.training.cap", "30 000 kr", "Fra 1. april 2025"),
    ("fo.training.cap_two_year", "15 000 kr", "Fra 1. april 2025"),
    ("fo.glasses.frame_cap", "2 000 kr", "Fra 1. april 2025"),
    ("fo.bicycle.rate", "3 kr per km", "Fra 1. april 2025"),
    ("fo.k_days", "15 dager", "Fra 1. april 2025"),
    ("fo.loan.min_fte_percent", "50 %", "Fra 1. april 2025"),
    ("fo.severance.max_months", "3 måneder", "Fra 1. april 2025"),
    # The circular gives these with no date: the dates are the calculators' reading.
    ("org365.price.E1", "ca. 3 600 kr per bruker per år",
     "Uten dato i rundskrivet Kalkulatorene bruker verdien fra 1. januar 2025 til og med 31. desember 2025."),
    ("org365.price.F3", "ca. 1 100 kr per bruker per år",
     "Uten dato i rundskrivet Kalkulatorene bruker verdien fra 1. januar 2025 til og med 31. desember 2025."),
    ("org365.price.E3", "ca. 5 000 kr per bruker per år",
     "Uten dato i rundskrivet Kalkulatorene bruker verdien fra 1. januar 2025 til og med 31. desember 2025."),
    # Used only by the guidance pages (no calculator reads them): the reading names the guidance.
    ("org365.storage.E1", "1 TB", "Uten dato i rundskrivet Veiledningen bruker verdien fra 1. januar 2025."),
    ("circular.case_number", "24/3688-1", "Uten dato i rundskrivet Veiledningen bruker verdien fra 12. juni 2024."),
    ("circular.contact.ffhjelp", "ffhjelp@fagforbundet.no",
     "Uten dato i rundskrivet Kalkulatorene bruker verdien fra 12. juni 2024."),
])
def test_hand_checked_values_and_dates(page, param_id, value, period):
    first = _rows_after(page, param_id)[0]
    assert first[1:3] == [value, period], (param_id, first)


COLUMNS = ["Hva", "Verdi", "Gjelder", "Kilde", "Brukes i"]


def test_the_introduction_names_each_column_by_its_heading(page, built_site):
    html = (built_site / PAGE).read_text(encoding="utf-8")
    intro = html[html.index("<article"):html.index('id="rundskrivet"')]
    named = re.findall(r"<li><strong>([^<]+)</strong>:", intro)
    headers = [[_norm(c["text"]) for c in row] for row in page.rows if row and _norm(row[0]["text"]) == "Hva"]
    assert headers and all(h == COLUMNS for h in headers), headers
    assert named == COLUMNS


def _info_box(built_site) -> str:
    html = (built_site / PAGE).read_text(encoding="utf-8")
    box = re.search(r'<div class="admonition info">(.*?)</div>', html, re.S)
    assert box, "no information box"
    return _norm(re.sub(r"<[^>]+>", " ", box.group(1)))


def test_the_information_box_states_the_dates_the_rows_use(page, built_site):
    # Read by hand: the circular dates only its KL*AR figures (2025); every other figure
    # of it is used from the decision (12 June, in 2024 by the circular's number 19/24) or
    # from 1 January 2025, the first budget year it recommends a line for ORG365.
    box = _info_box(built_site)
    assert "satsen er oppgitt for 2025, og belastningen begynner i 2025" in box, box
    assert "datoen for landsstyrets vedtak, 12. juni 2024, eller 1. januar 2025" in box, box
    used_from = set()
    for row in page.rows:
        if len(row) == 5 and _norm(row[2]["text"]).startswith("Uten dato"):
            used_from.add(re.search(r"verdien fra (\d+\. \w+ \d{4})", _norm(row[2]["text"])).group(1))
    assert used_from == {"12. juni 2024", "1. januar 2025"}


def test_the_org365_prices_are_never_dated_2025_by_the_circular(page):
    for lic in ("E1", "F3", "E3"):
        row = _row_of(page, f"org365.price.{lic}")
        assert row[2].startswith("Uten dato i rundskrivet"), row
        assert "Kalkulatorens lesning:" in row[0], row


def test_ca_is_shown_only_where_the_source_says_approximate(page):
    assert _row_of(page, "org365.price.E1")[1].startswith("ca. ")
    for pid in ("klar.rate", "fo.bicycle.rate", "fo.training.cap", "org365.storage.E1"):
        assert "ca." not in _row_of(page, pid)[1], pid


def test_source_section_is_named_with_the_sources_own_words(page):
    assert _row_of(page, "klar.rate")[3] == (
        "Lisenser KL*AR Kilden sier: «Lisenskostnad for 2025 er kr 1 per yrkesaktivt medlem per måned.»")
    assert _row_of(page, "fo.loan.months_of_pay")[3] == (
        "Lån til tillitsvalgte Kilden sier: «Heltidstillitsvalgte og deltidstillitsvalgte i 50 % eller mer "
        "frikjøp kan søke om lån tilsvarende 1 mnd. bruttolønn.»")
    assert _row_of(page, "fo.bicycle.rate")[3] == (
        "Sykkelgodtgjørelse Kilden sier: «Sykkelgodtgjørelsen fastsettes til kr 3,- pr km.»")
    assert _row_of(page, "org365.price.E1")[3].endswith("Kilden sier: «Lisens for normal bruk (E1): Ca 3600 kr per bruker i året»")


def test_every_parameter_quotes_its_source(page):
    for pid in load().params:
        assert "Kilden sier: «" in _row_of(page, pid)[3], pid


@pytest.mark.parametrize("param_id,calculators", [
    ("org365.price.E1", ["Budsjett for ORG365-lisenser", "Lisensbudsjett for årsmøtet"]),
    ("klar.rate", ["KL*AR-belastning", "Lisensbudsjett for årsmøtet"]),
    ("fo.bicycle.rate", ["Sykkelgodtgjørelse"]),
    ("fo.training.cap_two_year", ["Støtte til opplæring"]),
    ("fo.adjustment_from_month", ["Lønnssjekk for lønnede tillitsvalgte i FO"]),
    ("fo.severance.min_consecutive_terms", ["Etterlønn"]),
])
def test_calculators_that_use_a_parameter_are_named(page, param_id, calculators):
    used = _row_of(page, param_id)[4]
    for title in calculators:
        assert title in used, (param_id, used)


def test_parameter_no_calculator_uses_says_so(page):
    assert _row_of(page, "circular.unions_count")[4] == "Bare i veiledningen"
    assert _row_of(page, "fo.newspapers_max")[4] == "Bare i veiledningen"


def test_calculators_reading_is_labelled(page):
    assert "Kalkulatorens lesning" in _row_of(page, "org365.default_start_month")[0]
    assert "ingen periode" in _row_of(page, "fo.training.cap_two_year")[0]


@pytest.mark.parametrize("county,quarter,month", [
    ("Trøndelag", "1. kvartal 2025", "januar 2025"),
    ("Møre og Romsdal", "2. kvartal 2025", "april 2025"),
    ("Oslo", "3. kvartal 2025", "juli 2025"),
    ("Buskerud", "3. kvartal 2025", "juli 2025"),
])
def test_klar_start_quarters(page, county, quarter, month):
    rows = [[_norm(c["text"]) for c in r] for r in page.rows if r and _norm(r[0]["text"]) == county]
    assert rows == [[county, quarter, month]]


def test_all_fifteen_counties_are_listed(page):
    names = {_norm(r[0]["text"]) for r in page.rows if len(r) == 3}
    assert {"Agder", "Finnmark", "Innlandet", "Trøndelag", "Vestland", "Møre og Romsdal", "Nordland",
            "Rogaland", "Troms", "Akershus", "Buskerud", "Oslo", "Telemark", "Vestfold", "Østfold"} <= names


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_every_link_on_the_page_resolves_to_a_built_page_and_anchor(built_site, page):
    internal = [h for h in page.links if not urlparse(h).scheme and not h.startswith("//")]
    assert len(internal) > 40
    for href in internal:
        url, anchor = urldefrag(urljoin(PAGE_URL, href))
        target = built_site / url.lstrip("/")
        if target.is_dir() or url.endswith("/"):
            target = target / "index.html"
        assert target.is_file(), f"{href} → {target} does not exist"
        if anchor:
            assert anchor in _ids(target.read_text(encoding="utf-8")), f"{href}: no #{anchor} in {target}"


def test_the_name_links_to_the_guidance_and_the_quote_to_the_passage_in_the_source(page):
    klar, loan, price = (_cells_of(page, pid) for pid in ("klar.rate", "fo.loan.months_of_pay", "org365.price.E1"))
    assert klar[0]["links"] == ["../fagforbundet/klar/#sats"]
    assert loan[0]["links"] == ["../fo/lan/"]
    assert price[0]["links"] == ["../fagforbundet/lisenstyper/#lisens-for-normal-bruk-e1"]
    assert klar[3]["links"] == ["../kildene/rundskriv-19-24/#lisenser-kl-ar-3"]
    assert loan[3]["links"] == ["../kildene/reglement-fo/#lan-til-tillitsvalgte-1"]
    assert price[3]["links"] == ["../kildene/rundskriv-19-24/#fleksibilitet-i-antall-lisenser-og-type-lisenser-2"]


def _links(built_site: Path, page_path: str) -> set[str]:
    p = _Tables()
    p.feed((built_site / page_path).read_text(encoding="utf-8"))
    return {h.split("#")[0] for h in p.links}


def test_page_is_linked_from_the_front_page_and_the_calculators_index(built_site):
    assert "satser/" in _links(built_site, "index.html")
    assert "../satser/" in _links(built_site, "kalkulatorer/index.html")


def test_page_is_in_the_navigation(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a[^>]+href="satser/"[^>]*class="md-nav__link|class="md-nav__link[^"]*"[^>]*href="satser/"', html)


def test_rate_names_say_what_the_circular_says_and_type_no_figure(page):
    # «… sette av en post i budsjettet for 2025 og fremover»: the circular recommends it.
    assert _row_of(page, "org365.budget_from_year")[0].startswith("Første budsjettår med en anbefalt post for ORG365")
    # The leader and one more: the figure is the rate's value, not words in its name.
    name = _row_of(page, "org365.recommended_full_holders")[0]
    assert "minst én til" not in name and name.startswith("Anbefalt minste antall i fagforeningsstyret med E1")
    for pid in load().params:
        assert not re.search(r"\bber\b", _row_of(page, pid)[0]), pid


class _Prose(HTMLParser):
    """The text of the article's paragraphs, list items, notes and cells, one block each."""

    BLOCKS = {"p", "li", "td", "th", "small", "h1", "h2", "h3"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.blocks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
        elif self.in_article and tag in self.BLOCKS:
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        elif self.in_article and tag in self.BLOCKS:
            self.blocks.append("")

    def handle_data(self, data):
        if self.in_article and self.blocks:
            self.blocks[-1] += data


def test_the_page_speaks_bokmal_to_du_and_starts_no_sentence_with_a_digit(built_site):
    prose = _Prose()
    prose.feed((built_site / PAGE).read_text(encoding="utf-8"))
    text = _norm(" ".join(prose.blocks))
    assert not re.search(r"\b(dere|deres|din|ditt|dine)\b", text, re.I), text
    for block in prose.blocks:
        block = _norm(block)
        if not re.search(r"[a-zæøå»)][.!?](\s|$)", block):
            continue  # a value, a date or a name, not a sentence
        # a full stop after an abbreviation («ca.», «kr.», «mnd.», «pr.») ends no sentence
        for sentence in re.split(r"(?<!\bca\.)(?<!\bkr\.)(?<!\bmnd\.)(?<!\bpr\.)(?<=[a-zæøå»)][.!?])\s+", block):
            assert not sentence[:1].isdigit(), f"a sentence starts with a digit: «{sentence}»"
