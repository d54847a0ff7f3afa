"""Every rate rests on a passage of its source: the rates file names the passage (its
anchor on the site's page of the source) and the source's own words, and those words
stand there, word for word (whitespace aside), in the repository's copy of the source.

Also: the dates the rates file gives a value are the source's, or flagged as the
calculator's reading (`undated`), as read by hand from the two sources.
"""

from __future__ import annotations

import pytest

from calculators.machinery.rates import load
from macros.sources import passages, source_text

RATES = load()


def collapse(text: str) -> str:
    return " ".join(text.split())

PARAMS = sorted(RATES.params.values(), key=lambda p: p.id)


@pytest.mark.parametrize("p", PARAMS, ids=lambda p: p.id)
def test_the_quote_stands_word_for_word_in_the_passage_its_anchor_names(p):
    assert p.quote.strip() and p.anchor, f"{p.id}: no quote or no anchor"
    words = collapse(p.quote)
    assert words in source_text(p.document_key), f"{p.id}: «{words}» is not in the source"
    shown = passages(p.document_key)
    assert p.anchor in shown, f"{p.id}: no passage #{p.anchor} on the source's page"
    assert words in shown[p.anchor], f"{p.id}: «{words}» is not in #{p.anchor}: «{shown[p.anchor]}»"


def test_the_counties_quote_stands_in_its_passage():
    shown = passages("circular")
    assert "vil i 2025 bli belastet fra følgende tidspunkt" in shown["lisenser-kl-ar-5"]


# Read by hand: the circular dates only its KL*AR figures («Lisenskostnad for 2025 …»,
# «vil i 2025 bli belastet …»); every other figure in it stands without a date. The
# regulation holds «Gjeldende fra 1.4.2025» for all of its figures.
DATED_IN_THE_CIRCULAR = {"klar.rate", "klar.first_year"}


@pytest.mark.parametrize("p", PARAMS, ids=lambda p: p.id)
def test_a_value_the_source_gives_no_date_is_flagged_undated(p):
    undated = p.document_key == "circular" and p.id not in DATED_IN_THE_CIRCULAR
    assert all(v.undated == undated for v in p.values), p.id


def test_the_org365_prices_are_undated_and_the_klar_rate_is_for_2025_only():
    for lic in ("E1", "F3", "E3"):
        assert [v.undated for v in RATES.param(f"org365.price.{lic}").values] == [True]
    (klar,) = RATES.param("klar.rate").values
    assert (klar.start.isoformat(), klar.end.isoformat(), klar.undated) == ("2025-01-01", "2025-12-31", False)
