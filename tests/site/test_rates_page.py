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

from calculators.rates import load
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
            self._cell = {"text": "", "links": []}
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


def _row_of(page: _Tables, param_id: str) -> list[str]:
    """The texts of the first row of a parameter (the row whose first cell names its id)."""
    for row in page.rows:
        if row and re.search(rf"(?<![\w.]){re.escape(param_id)}(?![\w.])", row[0]["text"]):
            return [_norm(c["text"]) for c in row]
    raise AssertionError(f"no row for {param_id}")


def _rows_after(page: _Tables, param_id: str) -> list[list[str]]:
    """The first row of a parameter and the rows that continue it (its further dated values)."""
    out = []
    for i, row in enumerate(page.rows):
        if row and re.search(rf"(?<![\w.]){re.escape(param_id)}(?![\w.])", row[0]["text"]):
            out.append([_norm(c["text"]) for c in row])
            for nxt in page.rows[i + 1:]:
                if len(nxt) != 1:
                    break
                out.append([_norm(c["text"]) for c in nxt])
            return out
    raise AssertionError(f"no row for {param_id}")


def test_every_parameter_has_a_norwegian_label_and_a_guidance_page():
    docs = ROOT / "docs"
    for pid, p in load().params.items():
        assert p.label.strip() and p.label != p.description, pid
        page, _, anchor = p.page.partition("#")
        assert (docs / page).is_file(), f"{pid}: no page {page}"


def test_every_parameter_of_the_rates_file_is_on_the_page(page):
    shown = _norm(" ".join(page.text))
    for pid in load().params:
        assert pid in shown, pid


@pytest.mark.parametrize("param_id,value,period", [
    ("org365.price.E1", "ca. 3 600 kr per bruker per år", "fra 1. januar 2025"),
    ("org365.price.F3", "ca. 1 100 kr per bruker per år", "fra 1. januar 2025"),
    ("org365.price.E3", "ca. 5 000 kr per bruker per år", "fra 1. januar 2025"),
    ("klar.rate", "1 kr per yrkesaktivt medlem per måned", "fra 1. januar 2025 til og med 31. desember 2025"),
    ("fo.regulation_effective", "1. april 2025", "fra 1. april 2025"),
    ("fo.training.cap", "30 000 kr", "fra 1. april 2025"),
    ("fo.training.cap_two_year", "15 000 kr", "fra 1. april 2025"),
    ("fo.glasses.frame_cap", "2 000 kr", "fra 1. april 2025"),
    ("fo.bicycle.rate", "3 kr per km", "fra 1. april 2025"),
    ("fo.k_days", "15 dager", "fra 1. april 2025"),
    ("fo.loan.min_fte_percent", "50 %", "fra 1. april 2025"),
    ("fo.severance.max_months", "3 måneder", "fra 1. april 2025"),
    ("circular.case_number", "24/3688-1", None),
    ("circular.contact.ffhjelp", "ffhjelp@fagforbundet.no", None),
])
def test_hand_checked_values_and_dates(page, param_id, value, period):
    first = _rows_after(page, param_id)[0]
    assert first[1].startswith(value + " "), (param_id, first)
    if period is not None:
        assert first[1].removeprefix(value + " ").startswith(period), (param_id, first)


def test_ca_is_shown_only_where_the_source_says_approximate(page):
    assert _row_of(page, "org365.price.E1")[1].startswith("ca. ")
    for pid in ("klar.rate", "fo.bicycle.rate", "fo.training.cap", "org365.storage.E1"):
        assert "ca." not in _row_of(page, pid)[1], pid


def test_source_section_is_named(page):
    assert _row_of(page, "klar.rate")[2] == "Lisenser KL*AR"
    assert _row_of(page, "fo.loan.months_of_pay")[2] == "Lån til tillitsvalgte"
    assert _row_of(page, "fo.bicycle.rate")[2] == "Sykkelgodtgjørelse"


@pytest.mark.parametrize("param_id,calculators", [
    ("org365.price.E1", ["Budsjett for ORG365-lisenser", "Lisensbudsjett for årsmøtet"]),
    ("klar.rate", ["KL*AR-belastning", "Lisensbudsjett for årsmøtet"]),
    ("fo.bicycle.rate", ["Sykkelgodtgjørelse"]),
    ("fo.training.cap_two_year", ["Støtte til opplæring"]),
    ("fo.adjustment_from_month", ["Lønnssjekk for lønnede tillitsvalgte i FO"]),
    ("fo.severance.min_consecutive_terms", ["Etterlønn"]),
])
def test_calculators_that_use_a_parameter_are_named(page, param_id, calculators):
    used = _row_of(page, param_id)[3]
    for title in calculators:
        assert title in used, (param_id, used)


def test_parameter_no_calculator_uses_says_so(page):
    assert _row_of(page, "circular.unions_count")[3] == "Bare i veiledningen"
    assert _row_of(page, "fo.newspapers_max")[3] == "Bare i veiledningen"


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


def test_source_links_go_to_the_guidance_page_of_the_section(page):
    links = {pid: None for pid in ("klar.rate", "fo.loan.months_of_pay", "org365.price.E1")}
    for row in page.rows:
        for pid in links:
            if row and re.search(rf"(?<![\w.]){re.escape(pid)}(?![\w.])", row[0]["text"]):
                links[pid] = row[2]["links"]
    assert links["klar.rate"] == ["../fagforbundet/klar/#sats"]
    assert links["fo.loan.months_of_pay"] == ["../fo/lan/"]
    assert links["org365.price.E1"] == ["../fagforbundet/lisenstyper/#lisens-for-normal-bruk-e1"]


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
