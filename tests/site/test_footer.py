"""Every page's footer: the pages about the site («Personvern», «Tilgjengelighet») and the
credit in Norwegian, not Material's English one."""

from __future__ import annotations

import posixpath
import re


def test_every_page_links_the_pages_about_the_site(built_site):
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 20
    for page in [*pages, built_site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer">'):]
        assert "Made with" not in footer, page
        assert re.search(r"Laget med\s+<a href=\"https://www\.mkdocs\.org/\"[^>]*>MkDocs</a> og\s+"
                         r"<a href=\"https://squidfunk\.github\.io/mkdocs-material/\"[^>]*>Material for MkDocs</a>", footer), page
        nav = re.search(r'<nav class="site-footer-links" aria-label="Om nettstedet">(.*?)</nav>', footer, re.S)
        assert nav, page
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav.group(1))
        assert [text for _, text in links] == ["Personvern", "Tilgjengelighet"], page
        if page.name == "404.html":
            continue  # its links are from the site's root, whatever address it answers
        for href, text in links:
            target = posixpath.normpath(posixpath.join(page.parent.relative_to(built_site).as_posix(), href))
            assert (built_site / target / "index.html").is_file(), (page, href)


def test_the_privacy_page_names_everything_the_site_keeps(built_site):
    text = re.sub(r"<[^>]+>", " ", (built_site / "personvern" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(text.split())
    for words in ("sendes ikke til noen server", "ingen informasjonskapsler (cookies)", "ingen analyseverktøy",
                  "Lokal lagring (localStorage)", "Hurtigbuffer (Cache Storage)", "tjenestearbeider (service worker)",
                  "minnebilde", "Slett alt nettstedet har lagret", "Slik sletter du i nettleseren"):
        assert words in text, words
