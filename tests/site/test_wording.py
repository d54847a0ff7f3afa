"""Wording over the built site's visible text: no internal codes, no retired terms, one
kind of quotation marks, one spelling of «frem».

Uses the session fixture `built_site` (one real `mkdocs build`, tests/conftest.py). The
visible text is every HTML page's text with tags, scripts, styles and comments removed,
calculator results (rendered at build time) included. The browser modules' user-facing
messages are checked for the same retired phrases.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest


class _Visible(HTMLParser):
    """Text a reader sees: everything outside <script>, <style>, <template> and comments."""

    HIDDEN = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    p = _Visible()
    p.feed(html)
    return re.sub(r"\s+", " ", " ".join(p.parts))


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, str]:
    out = {}
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        if rel.startswith(("pyodide/", "assets/")) or rel == "404.html":
            continue
        if rel.startswith("kildene/") and rel != "kildene/index.html":
            continue    # the sources word for word: these rules are for the site's own words
        out[rel] = visible_text(path.read_text(encoding="utf-8"))
    return out


# What a reader should never see, and why.
FORBIDDEN = [
    (re.compile(r"au_medlem"), "an internal role code"),
    (re.compile(r"(?<![\wæøå])ovrig(?![\wæøå])", re.I), "an internal role code"),
    (re.compile(r"\(rolle "), "an internal role code in parentheses"),
    (re.compile(r"enhet «forbund»"), "an internal unit code"),
    (re.compile(r"Fellespostkassen", re.I), "not the circular's term: felles e-postadresse / felles innboks"),
    (re.compile(r"[“”]"), "English quotation marks: use «»"),
    (re.compile(r"Tom eller 1"), "say «Tomt felt eller 1»"),
    (re.compile(r"Den levende kalkulatoren", re.I), "say it plainly"),
    (re.compile(r"(?<!yrkesaktivt )\bper medlem\b"), "KL*AR is charged per yrkesaktivt medlem"),
]


def _hits(text: str, rx: re.Pattern) -> list[str]:
    return [text[max(0, m.start() - 40):m.end() + 40] for m in rx.finditer(text)]


@pytest.mark.parametrize("rx,why", FORBIDDEN, ids=[rx.pattern for rx, _ in FORBIDDEN])
def test_no_page_shows(pages, rx, why):
    found = {page: _hits(text, rx) for page, text in pages.items()}
    found = {page: hits for page, hits in found.items() if hits}
    assert not found, f"{why}: {found}"


# The words where bokmål allows both «frem» and «fram»: the site uses one.
_FREM_FRAM = re.compile(r"(?<![\wæøå])(fr[ae]m)(|over|til|tid\w*|gang\w*|går|gå|gikk|gått|komme\w*|kom|legg\w*|lagt|stil\w*|satt|sett)(?![\wæøå])", re.I)


def test_frem_or_fram_is_not_mixed(pages):
    used: dict[str, set[str]] = {}
    for page, text in pages.items():
        for m in _FREM_FRAM.finditer(text):
            used.setdefault(m.group(1).lower(), set()).add(page)
    assert len(used) <= 1, f"both spellings in use: {({k: sorted(v)[:5] for k, v in used.items()})}"


def test_the_wording_test_sees_calculator_results(built_site, pages):
    # The result computed at build time (inside .calc-output) is part of the text checked.
    html = (built_site / "kalkulatorer/org365/index.html").read_text(encoding="utf-8")
    start = html.index('class="calc-output')
    result = visible_text(html[html.index(">", start) + 1:])[:200].strip()
    assert len(result) > 20 and result[:60] in pages["kalkulatorer/org365/index.html"]


@pytest.mark.parametrize("rx,why", [f for f in FORBIDDEN if f[0].pattern in ("Tom eller 1", "Den levende kalkulatoren", "Fellespostkassen", "[“”]")],
                         ids=["Fellespostkassen", "quotes", "Tom eller 1", "levende"])
def test_no_browser_message_says(built_site: Path, rx, why):
    found = {}
    for path in sorted((built_site / "js").glob("*.mjs")):
        hits = _hits(path.read_text(encoding="utf-8"), rx)
        if hits:
            found[path.name] = hits
    assert not found, f"{why}: {found}"


# Small figures from the rates file read as words in prose (checked by hand against the sources).
@pytest.mark.parametrize("page,phrase", [
    ("fagforbundet/dekning/index.html", "regnskap og beretning for de siste to årene"),
    ("fo/bolig/index.html", "i gjennomsnitt én gang per uke"),
    ("fo/godtgjorelser/index.html", "inntil to avisabonnementer"),
    ("fo/lan/index.html", "Tilsvarende én måneds bruttolønn"),
    ("fo/etterlonn/index.html", "søke om inntil tre måneders etterlønn"),
    ("fo/etterlonn/index.html", "etterlønn utover tre måneder"),
    ("fo/lonn/index.html", "Reglementet har åtte prinsipper for avlønning"),
    ("kalkulatorer/index.html", "Etterlønn innenfor og utover tre måneder"),
    ("kalkulatorer/fo-lonn/index.html", "følger de åtte prinsippene for avlønning"),
    ("fagforbundet/org365/index.html", "Minst én til i fagforeningsstyret"),
    ("fo/arbeidstid-ferie/index.html", "(én ekstra ferieuke)"),
    ("fo/opplaering/index.html", "velges for fire år"),
])
def test_small_figures_read_as_words(pages, page, phrase):
    assert phrase in pages[page], phrase


# Labels and hints say what their field holds, in full sentences (checked by hand: the
# circular sends changes in licences and the wish for an E3 licence to ffhjelp; the date
# typed is printed after the LO leader's pay).
@pytest.mark.parametrize("page,phrase", [
    ("satser/index.html",
     "E-post for endringer i type eller antall lisenser og for ønske om lisens for avansert bruk (E3)"),
    ("kalkulatorer/fo-lonn/index.html",
     "Datoen står i utskriften etter LO-leders lønn, slik du skriver den, for eksempel 1.1.2026."),
])
def test_labels_and_hints_say_what_they_hold(pages, page, phrase):
    assert phrase in pages[page], phrase
