"""What a statement about a source rests on: the source's own words, or a declared reading.

A message that says what a source says carries a `Quote`: the passage's anchor on the
site's page of that source and the source's words, verbatim (whitespace aside). A test
finds every declared quote word for word in the repository's copy of the source, inside
the passage its anchor names.

Where the source is silent or allows more than one reading, the calculator's own choice
is a `Reading`: its text (ours, in Norwegian) and the quote it interprets. Pages show a
reading as «Kalkulatorens lesning», never as the source's words. Each calculator module
lists its readings in `READINGS`; the calculator page's «Kalkulatorens lesning» table is
drawn from that list.

Standard library only; knows nothing of markup (`calculators.machinery.view` draws these).
"""

from __future__ import annotations

from dataclasses import dataclass

CIRCULAR = "circular"      # keys of [documents] in rates.toml
REGULATION = "regulation"


@dataclass(frozen=True)
class Quote:
    document: str   # CIRCULAR | REGULATION
    anchor: str     # the passage on the source's page, e.g. "lisenser-kl-ar-3"
    words: str      # the source's words, as they stand there

    def as_dict(self) -> dict[str, str]:
        return {"document": self.document, "anchor": self.anchor, "words": self.words}


def circular(anchor: str, words: str) -> Quote:
    return Quote(CIRCULAR, anchor, words)


def regulation(anchor: str, words: str) -> Quote:
    return Quote(REGULATION, anchor, words)


@dataclass(frozen=True)
class Reading:
    """The calculator's reading of a passage: `topic` names what it is about (a short
    noun phrase: «Første måned med KL*AR-belastning»), `text` says the choice made."""

    topic: str
    text: str
    quote: Quote

    def as_dict(self) -> dict[str, object]:
        return {"topic": self.topic, "text": self.text, "quote": self.quote.as_dict()}
