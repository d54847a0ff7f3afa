"""What the reader sees: the visible text of result markup, and the hand-written strings of
the case table (`text`, `summary` in `[case.expected]`, see tests/cases/README.md) looked
for in it. Used by the CPython renderer tests and the browser tests alike."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest


INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in INLINE:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag not in INLINE:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        self.parts.append(data)


def visible_text(html: str) -> str:
    """The text of `html` without tags (a block tag breaks the text, as a cell or a line does)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parts for parts in parser.parts)


def _pattern(needle: str) -> re.Pattern:
    # A figure is not found inside a longer one: «300 kr» is not in «1 300 kr», «9» not in «900».
    before = r"(?<![\w,])(?<!\d )" if needle[:1].isdigit() else r"(?<!\w)" if needle[:1].isalnum() else ""
    after = r"(?![\w,])(?! \d)" if needle[-1:].isdigit() else r"(?!\w)" if needle[-1:].isalnum() else ""
    return re.compile(before + re.escape(needle) + after)


def plain(text: str) -> str:
    """`text` with its no-break spaces (U+00A0, U+202F) read as ordinary spaces: the site
    joins every written figure with them (`calculators.machinery.fmt`), the hand-written texts of the
    case table and the tests use ordinary ones."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def missing(text: str, needles: list[str]) -> list[str]:
    """The needles not shown in `text` (spaces of any width count as one space; a tab or a
    line break, as between table cells, keeps its place)."""
    flat = re.sub(r"[ \u00a0\u202f]+", " ", text)
    return [n for n in needles if not _pattern(plain(n)).search(flat)]


def text_cases(cases: list[dict], calculator: str | None = None) -> list:
    """The cases with hand-written `text` (as pytest params; a case with a named `defect`
    is expected to fail, strictly: once the defect is fixed the mark must go)."""
    out = []
    for c in cases:
        if "text" not in c["expected"] or (calculator and c["calculator"] != calculator):
            continue
        marks = [pytest.mark.xfail(strict=True, reason=c["expected"]["defect"])] if "defect" in c["expected"] else []
        out.append(pytest.param(c, id=f'{c["file"]}: {c["name"]}', marks=marks))
    return out
