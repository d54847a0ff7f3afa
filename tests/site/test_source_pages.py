"""The source pages in the built site, and the links that lead into them.

Uses the session fixture `built_site` (one real `mkdocs build`, tests/conftest.py). The
built pages are read as HTML: every paragraph and list item of a source page must carry an
anchor, and every link into a source page (the «Kilde» notes, «Les kilden», the calculator
pages' notes) must land on an id that exists there. MkDocs 1.6 only reports a missing anchor
at INFO level, which a strict build lets pass, so this is checked here.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros import sources
from tests.conftest import ROOT

DOCS = ROOT / "docs"
SOURCE_URLS = {"circular": "kildene/rundskriv-19-24/", "regulation": "kildene/reglement-fo/"}
ANCHOR = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
GUIDANCE = sorted([*(DOCS / "fagforbundet").glob("*.md"), *(DOCS / "fo").glob("*.md")])

# Guidance sections that summarise no passage of a source, so have no «Les kilden».
NO_SOURCE_SECTION = {
    "Innhold i denne delen",        # a list of the part's pages
    "Kapitlene",                    # the same
    "Hvem som har skrevet under rundskrivet",   # the signature block, left out of the source page
    "Slik leser kalkulatoren reglementet",      # a readings table: each row links its own passage
    "Lag et utkast til søknaden",               # the application calculator and its readings table
}


class _Article(HTMLParser):
    """The blocks of a page's <article>: (tag, id, attributes, text), and its links."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.blocks: list[list] = []
        self._open: list[list] = []
        self.links: list[dict] = []
        self._link: dict | None = None
        self.lists: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.inside += 1
        if not self.inside:
            return
        if tag in self.BLOCKS:
            block = [tag, a.get("id"), a, []]
            self.blocks.append(block)
            self._open.append(block)
        if tag in ("ol", "ul"):
            self.lists.append((tag, a))
        if tag == "a" and a.get("href"):
            self._link = {**a, "text": [], "block": self._open[-1] if self._open else None}
            self.links.append(self._link)

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside -= 1
        if tag in self.BLOCKS and self._open and self._open[-1][0] == tag:
            self._open.pop()
        if tag == "a":
            self._link = None

    def handle_data(self, data):
        for block in self._open:
            block[3].append(data)
        if self._link is not None:
            self._link["text"].append(data)


def _norm(text: str) -> str:
    return " ".join(text.split())


def read(site: Path, url: str) -> _Article:
    parser = _Article()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser


def url_of(md: Path) -> str:
    rel = md.relative_to(DOCS).with_suffix("").as_posix()
    return "" if rel == "index" else rel.removesuffix("index").rstrip("/") + "/"


def target(page_url: str, href: str) -> tuple[str, str] | None:
    """(site path of the page, fragment) a relative link of the page at `page_url` leads to."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path and not parts.fragment:
        return None
    path = posixpath.normpath(posixpath.join(page_url, parts.path)) if parts.path else page_url.rstrip("/")
    return path.strip("/") + "/", parts.fragment


@pytest.mark.parametrize("document", sorted(SOURCE_URLS))
def test_every_passage_of_the_built_source_page_has_its_anchor_and_text(built_site, document):
    page = read(built_site, SOURCE_URLS[document])
    blocks = [(b[1], _norm("".join(b[3]))) for b in page.blocks]
    assert all(anchor is not None for anchor, _ in blocks), [t for a, t in blocks if a is None][:3]
    anchors = [a for a, _ in blocks]
    assert len(set(anchors)) == len(anchors)
    assert all(ANCHOR.fullmatch(a) for a in anchors)
    # The page shows exactly the passages, in order, each with the text macros/sources.py reads.
    assert blocks == list(sources.passages(document).items())


def test_the_pay_principles_are_numbered_one_to_eight_by_the_list(built_site):
    page = read(built_site, SOURCE_URLS["regulation"])
    assert [(tag, a.get("start")) for tag, a in page.lists if tag == "ol"] == [("ol", None)]
    items = [b for b in page.blocks if b[0] == "li" and b[1].startswith("prinsipper-for-avlonning-")]
    assert [b[1] for b in items] == [f"prinsipper-for-avlonning-{n}" for n in range(1, 9)]
    assert _norm("".join(items[1][3])) == "Forbundets leder skal avlønnes høyest i organisasjonen."


def test_a_known_passage_is_at_its_anchor_in_the_built_page(built_site):
    page = read(built_site, SOURCE_URLS["circular"])
    texts = {b[1]: _norm("".join(b[3])) for b in page.blocks}
    assert texts["lisenser-kl-ar-3"] == "Lisenskostnad for 2025 er kr 1 per yrkesaktivt medlem per måned."
    assert texts["kl-ar"] == "KL*AR"


@pytest.mark.parametrize("name", ["rundskriv-19-24.txt", "reglement-fo.txt"])
def test_the_verbatim_copies_are_published(built_site, name):
    assert (built_site / "kildene" / name).read_bytes() == (DOCS / "kildene" / name).read_bytes()


def test_the_source_pages_are_in_the_navigation(built_site):
    nav = (built_site / "index.html").read_text(encoding="utf-8")
    for url in ("kildene/", *SOURCE_URLS.values()):
        assert f'href="{url}"' in nav, url


def _links_into_sources(site: Path) -> list[tuple[str, dict, str, str]]:
    found = []
    for html in sorted(site.rglob("index.html")):
        url = html.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        for link in read(site, url).links:
            t = target(url, link["href"])
            if t and t[0] in SOURCE_URLS.values():
                found.append((url, link, *t))
    return found


def test_every_link_into_a_source_page_lands_on_an_existing_anchor(built_site):
    ids = {url: set(re.findall(r'\bid="([^"]+)"', (built_site / url / "index.html").read_text(encoding="utf-8")))
           for url in SOURCE_URLS.values()}
    links = _links_into_sources(built_site)
    assert len(links) > 100
    broken = [f"{page}: {link['href']}" for page, link, url, fragment in links if fragment and fragment not in ids[url]]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("md", GUIDANCE, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_guidance_section_links_to_its_passage_in_the_source(built_site, md):
    url = url_of(md)
    page = read(built_site, url)
    # Each block belongs to the section of the last <h2> before it (None: before any).
    section_of, sections, current = {}, {None: []}, None
    for block in page.blocks:
        if block[0] == "h2":
            current = (block[1], _norm("".join(block[3])))
            sections[current] = []
        section_of[id(block)] = current
    for link in page.links:
        if "les-kilden" in (link.get("class") or "").split():
            sections[section_of[id(link["block"])]].append(link)
            assert "".join(link["text"]) == "Les kilden"
            assert link["aria-label"].startswith("Les kilden: "), "the accessible name must start with the visible text"
            assert target(url, link["href"])[0] in SOURCE_URLS.values()
    for key, links in sections.items():
        if key is None:
            continue
        anchor, name = key
        if anchor == "regn-ut" or name in NO_SOURCE_SECTION:
            assert not links, f"{url} «{name}» summarises no passage"
        else:
            assert links, f"{url}: section «{name}» has no «Les kilden» link"
    if len(sections) == 1 or list(sections)[1:] == [s for s in sections if s and s[0] == "regn-ut"]:
        assert len(sections[None]) == 1, f"{url}: a page without sections of its own needs one «Les kilden»"


@pytest.mark.parametrize("md", GUIDANCE + sorted((DOCS / "kalkulatorer").glob("[!i]*.md")),
                         ids=lambda p: p.relative_to(DOCS).as_posix())
def test_the_kilde_note_links_the_document_and_each_section_it_names(built_site, md):
    url = url_of(md)
    page = read(built_site, url)
    note = next(b for b in page.blocks if b[0] == "p" and _norm("".join(b[3])) == "Kilde")
    body = page.blocks[page.blocks.index(note) + 1]
    named = re.findall(r"«([^«»]*(?:«[^«»]*»[^«»]*)*)»", _norm("".join(body[3])))
    linked = [l for l in page.links if l["block"] is body]
    targets = [target(url, l["href"]) for l in linked]
    assert all(t and t[0] in SOURCE_URLS.values() for t in targets)
    assert targets[0][1] == "", "the document's name links to its page"
    sections = [_norm("".join(l["text"])) for l in linked if target(url, l["href"])[1]]
    # Every «…» the note names is a link, besides the circular's own title and «ca.» (the
    # calculator pages say the prices are approximate).
    named = [n for n in named if not n.startswith("Fagforbundets digitale systemer") and n != "ca."]
    assert [s.strip("«»") for s in sections if s.startswith("«")] == named
