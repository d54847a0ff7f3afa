"""A written amount never breaks across lines: in every built page (guidance, forms and the
results the build wrote into them), digit groups and the «kr» after a number are joined
by no-break spaces, never by an ordinary space, which a narrow screen may break at
(«= 4 / 150 kr»). (Percentages typed into the guidance text are the writers' own.) A source's
own words keep their spacing: quotations («…», `<q>`) and the source pages (`kildene/`),
which give the text word for word, are not read."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# An ordinary space inside an amount: between digit groups («4 150»), or between a number
# and «kr» («150 kr»).
QUOTED = re.compile(r"«[^«»]*»")  # a quotation: the source's words as they stand
BROKEN = re.compile(r"\d{1,3}(?: \d{3})+(?![\d,])|\d(?:,\d+)? kr(?!\w)")


class _Shown(HTMLParser):
    """The text of a page's content that a reader sees (not scripts, styles or code)."""

    SKIP = {"script", "style", "code", "pre", "template", "q"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        self.parts.append("\n" if tag not in {"a", "span", "strong", "em", "abbr", "b", "i", "small"} else "")

    def handle_endtag(self, tag) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(data)


def shown_text(html: str) -> str:
    start = html.find('<article')
    end = html.find('</article>')
    parser = _Shown()
    parser.feed(html[start:end] if start >= 0 and end > start else html)
    return "".join(parser.parts)


def broken_figures(site: Path) -> dict[str, list[str]]:
    found = {}
    for page in sorted(site.rglob("index.html")):
        if page.relative_to(site).parts[0] == "kildene":
            continue
        text = QUOTED.sub("«»", shown_text(page.read_text(encoding="utf-8")))
        hits = sorted(set(BROKEN.findall(text)))
        if hits:
            found[str(page.relative_to(site))] = hits
    return found


def test_the_pattern_finds_a_figure_with_an_ordinary_space():
    assert BROKEN.findall("= 4 150 kr, 0,125 kr og 1 000 000") == ["4 150", "0,125 kr", "1 000 000"]
    assert BROKEN.findall("= 4\u00a0150\u00a0kr, 0,125\u00a0kr og 1\u00a0000\u00a0000, år 2025 og 12 måneder") == []


def test_no_figure_on_a_built_page_holds_an_ordinary_space(built_site):
    assert broken_figures(built_site) == {}
