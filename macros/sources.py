"""The two source documents as the site shows them, passage by passage.

Each document has a page under `docs/kildene/` (named by `[source_pages]` in
`calculators/rates.toml`) that gives its text word for word with only layout added, and
beside it the repository's verbatim copy of the extracted text (the same name with `.txt`).

The page is plain Markdown in three kinds of block, each ending in its anchor
(attr_list), so the anchors live in the page source and a rebuild never moves them:

- a heading:   `## Lisenser KL*AR { #lisenser-kl-ar }`
- a paragraph: its text on one line, then `{ #lisenser-kl-ar-3 }` on the next line
- a list item: `- text` or `1. text` on one line, then `    { #lisenser-kl-ar-6 }`
  indented on the next (attr_list reads a list item's attributes from a line of their own)

The anchor scheme (others declare quotes with anchors from it; `expected_anchors` states
it as code and the tests hold every page to it): a heading's anchor is `slug(heading)`; a
heading whose slug is taken already gets the slug of the heading above it as a prefix
(`vedlegg-fleksibilitet-…`); the page title (the one `#` heading) gets the slug of the
document's short form (`rundskriv-19-24`, `reglement`). Every paragraph and list item is
`<slug of the heading it stands under>-<n>`, n counting paragraphs and list items from 1
in reading order under that heading.

How the layout was read off the extracted text (to redo it for a new version of a source):
a heading is a short line of its own that names what follows (the circular's
«Kriterier for å kunne søke om dekning:» and the regulation's «Prinsipper for avlønning:»
included, as they head their lists); a bullet («•», «➢») or a number starts a list item;
a paragraph ends at a blank line or at a line that ends a sentence (or names a document)
well short of the margin, under 80 characters; any other line break, blank lines inside a
bullet included, is the extraction's and is joined. The circular's signature block is left
out.

Macros registered here: `les_kilden(document, anchor)`, the «Les kilden» link of a
guidance section.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from calculators.machinery.rates import load

DOCS = Path(__file__).resolve().parent.parent / "docs"

_HEADING = re.compile(r"^(#{1,6}) (.+) \{ #([a-z0-9-]+) \}$")
_ITEM = re.compile(r"^(?:- |\d+\. )(.+)$")
_ANCHOR = re.compile(r"^\s*\{ #([a-z0-9-]+) \}$")


def slug(text: str) -> str:
    """A heading as an anchor: lowercase, «å»→«a», «æ»→«ae», «ø»→«o», every run of other
    characters than a–z and 0–9 one «-», none at either end. `Lisenser KL*AR` →
    `lisenser-kl-ar`."""
    text = text.lower().replace("å", "a").replace("æ", "ae").replace("ø", "o")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def collapse(text: str) -> str:
    """Whitespace runs as single spaces, none at either end."""
    return " ".join(text.split())


def page(document: str) -> str:
    """The document's page, docs-relative (`kildene/rundskriv-19-24.md`)."""
    return load().source_pages[document]


def copy_path(document: str) -> Path:
    """The repository's verbatim copy of the document's text (beside its page)."""
    return DOCS / (page(document).removesuffix(".md") + ".txt")


def source_text(document: str) -> str:
    """The repository's verbatim copy (the .txt), whitespace collapsed."""
    return collapse(copy_path(document).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Passage:
    anchor: str
    text: str        # as the page shows it, whitespace collapsed
    kind: str        # "heading", "paragraph" or "item"
    level: int = 0   # a heading's level (1 for the page title)


def _read(path: Path) -> list[Passage]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[0] == "---":                      # front matter
        lines = lines[lines.index("---", 1) + 1:]
    found: list[Passage] = []
    pending: list[str] = []
    kind = "paragraph"
    for number, line in enumerate(lines, 1):
        if not line.strip():
            if pending:
                raise ValueError(f"{path}:{number - 1}: a block without its anchor line")
        elif m := _HEADING.match(line):
            found.append(Passage(m[3], collapse(m[2]), "heading", len(m[1])))
        elif m := _ANCHOR.match(line):
            if not pending:
                raise ValueError(f"{path}:{number}: an anchor line under no paragraph or list item")
            found.append(Passage(m[1], collapse(" ".join(pending)), kind))
            pending = []
        elif not pending and (m := _ITEM.match(line)):
            pending, kind = [m[1]], "item"
        else:
            if not pending:
                kind = "paragraph"
            pending.append(line)
    if pending:
        raise ValueError(f"{path}: the last block has no anchor line")
    return found


@cache
def blocks(document: str) -> tuple[Passage, ...]:
    """Every heading, paragraph and list item of the document's page, in reading order."""
    return tuple(_read(DOCS / page(document)))


def passages(document: str) -> dict[str, str]:
    """anchor → the passage's text as the page shows it, whitespace collapsed to single spaces.
    `document` is "circular" or "regulation" (keys of [documents]/[source_pages] in rates.toml).
    Headings are passages too (anchor = their slug)."""
    return {p.anchor: p.text for p in blocks(document)}


# Each document's short form: its slug anchors the page title and prefixes the passages
# that stand before the first section heading.
SHORT_FORMS = {"circular": "Rundskriv 19/24", "regulation": "Reglement"}


def expected_anchors(items: list[Passage] | tuple[Passage, ...], title_slug: str) -> list[str]:
    """The anchors the scheme gives a page's blocks, worked out from their kinds, heading
    levels and heading texts alone (see the module docstring)."""
    anchors: list[str] = []
    taken: set[str] = set()
    above: dict[int, str] = {}        # heading level → anchor of the heading in force
    current, n = title_slug, 0
    for p in items:
        if p.kind == "heading":
            anchor = title_slug if p.level == 1 else slug(p.text)
            if anchor in taken:
                parents = [level for level in above if level < p.level]
                anchor = f"{above[max(parents)]}-{anchor}"
            taken.add(anchor)
            above = {level: a for level, a in above.items() if level < p.level}
            above[p.level] = anchor
            current, n = anchor, 0
        else:
            n += 1
            anchor = f"{current}-{n}"
        anchors.append(anchor)
    return anchors


def section_anchor(document: str, name: str) -> str:
    """The anchor of the heading named `name` (matched by slug, so case, quotes and a
    trailing colon do not matter; a leading «Vedlegg:» may be left in). Raises KeyError
    when the page has no such heading."""
    headings = [p.anchor for p in blocks(document) if p.kind == "heading"]
    wanted = slug(name)
    for candidate in (wanted, wanted.removeprefix("vedlegg-")):
        for anchor in headings:
            if anchor == candidate:
                return anchor
    raise KeyError(f"{page(document)} has no heading {name!r}")


def page_href(document: str, from_page: str) -> str:
    """A Markdown link target from page `from_page` (docs-relative) to the document's page."""
    return posixpath.relpath(page(document), posixpath.dirname(from_page) or ".")


def href(document: str, anchor: str, from_page: str) -> str:
    """A Markdown link target from page `from_page` (docs-relative) to a passage. Raises
    KeyError when the passage does not exist."""
    if anchor not in passages(document):
        raise KeyError(f"{page(document)} has no passage #{anchor}")
    return f"{page_href(document, from_page)}#{anchor}"


def heading_of(document: str, anchor: str) -> str:
    """The text of the heading a passage stands under (the passage itself if a heading)."""
    heading = ""
    for p in blocks(document):
        if p.kind == "heading":
            heading = p.text
        if p.anchor == anchor:
            return heading
    raise KeyError(f"{page(document)} has no passage #{anchor}")


# How the «Les kilden» link names a document to a screen reader.
_CALLED = {"circular": "rundskrivet", "regulation": "reglementet"}


def les_kilden(document: str, anchor: str, from_page: str) -> str:
    """The «Les kilden» link of a guidance section: to the passage it summarises, its
    accessible name completed with the document and the source's heading."""
    heading = heading_of(document, anchor)
    title = next(p.text for p in blocks(document) if p.kind == "heading")
    where = "innledningen" if heading == title else f"«{heading.rstrip(':')}»"
    label = f"Les kilden: {_CALLED[document]}, {where}"
    return f'[Les kilden]({href(document, anchor, from_page)}){{ .les-kilden aria-label="{label}" }}'


def register(env) -> None:
    def les_kilden_here(document: str, anchor: str) -> str:
        """The «Les kilden» link of a guidance section, to the passage it summarises."""
        return les_kilden(document, anchor, env.page.file.src_uri)

    env.macro(les_kilden_here, "les_kilden")
