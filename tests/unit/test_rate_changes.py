"""«What changed»: a dated value added to the rates file is listed on «Endringer i satsene»
and named in the answer of a year that uses it, with no other edit."""

from __future__ import annotations

import markdown

from calculators import api
from macros.changes import rate_changes
from tests.shown import plain
from tests.unit.helpers import rates_with_param_values

# The KL*AR rate raised to 2 kr from 2026, as a maintainer would add next year's circular.
RAISED = '[{ from = 2025-01-01, to = 2025-12-31, value = "1" }, { from = 2026-01-01, value = "2" }]'
KLAR = {"county": "Oslo", "members": "250"}


def changed(answer: dict) -> list[str]:
    assert answer["ok"], answer
    return [plain(f["message"]) for f in answer["findings"] if f["code"] == "rates-changed"]


def test_a_new_dated_value_is_named_in_the_answer_of_the_year_it_starts():
    rates = rates_with_param_values("klar.rate", RAISED)
    assert changed(api.run("klar", {"year": 2026, **KLAR}, rates)) == [
        "Endret siden 2025: KL*AR-sats per yrkesaktivt medlem per måned er 2 kr fra 1. januar 2026 "
        "(1 kr i 2025). Se «Endringer i satsene»."]
    # 12 months × 250 members × 2 kr
    assert api.run("klar", {"year": 2026, **KLAR}, rates)["result"]["total"] == "6000.00"


def test_the_years_around_a_change_say_nothing_of_it():
    rates = rates_with_param_values("klar.rate", RAISED)
    assert changed(api.run("klar", {"year": 2025, **KLAR}, rates)) == []
    assert changed(api.run("klar", {"year": 2027, **KLAR}, rates)) == []


def test_the_shipped_rates_change_nothing_from_one_year_to_the_next():
    for year in (2025, 2026, 2027):
        assert changed(api.run("klar", {"year": year, **KLAR})) == []


def page(table: str) -> str:
    """The table as the site's Markdown makes it («KL*AR» is a name, not emphasis)."""
    return markdown.markdown(table, extensions=["tables", "pymdownx.betterem"],
                             extension_configs={"pymdownx.betterem": {"smart_enable": "all"}})


def test_a_new_dated_value_is_the_first_row_of_the_changes_page():
    html = page(rate_changes(rates_with_param_values("klar.rate", RAISED)))
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    cells = [" ".join(c.split("</td>")[0].split()) for c in first_row.split("<td>")[1:]]
    assert cells == [
        "1. januar 2026",
        '<a href="fagforbundet/klar.md#sats">KL*AR-sats per yrkesaktivt medlem per måned</a>',
        "2 kr per yrkesaktivt medlem per måned",
        "1 kr per yrkesaktivt medlem per måned",
        "Fagforbundets rundskriv 19/24 «Fagforbundets digitale systemer – fagforeningenes kostnader for "
        "lisenser KL*AR og ORG365», «Lisenser KL*AR». "
        '<a href="satser.md#sats-klar-rate">Kalkulatorens lesning</a>',  # its note: the last known rate for later years
    ]


def test_a_rates_first_value_is_listed_as_new():
    html = page(rate_changes())
    assert "<td>Ny sats</td>" in html
    assert "Før" in html


def test_a_value_the_source_gives_without_a_date_is_said_to_be_undated():
    html = page(rate_changes())
    row = next(r for r in html.split("<tr>") if "Pris for ORG365-lisens for normal bruk (E1)" in r)
    assert "<td>1. januar 2025 (kilden oppgir ingen dato; kalkulatorens lesning)</td>" in row
    assert "til og med" not in row


def test_a_value_that_is_the_calculators_reading_says_so_and_links_to_it():
    # The regulation gives no position percentage: 100 % is the calculator's own choice, so
    # its row must not read as a rate the regulation set, but point to the reading.
    html = page(rate_changes())
    row = next(r for r in html.split("<tr>") if "Stillingsprosent (frikjøp) når ingen er oppgitt" in r)
    assert ('Reglement for lønnede tillitsvalgte i FO, gjeldende fra 1.4.2025, «Prinsipper for avlønning». '
            '<a href="satser.md#sats-fo-default_fte_percent">Kalkulatorens lesning</a>') in " ".join(row.split())
    # A rate the source states with no reading of the calculator's carries no such link.
    row = next(r for r in html.split("<tr>") if ">Sykkelgodtgjørelse<" in r)
    assert "Kalkulatorens lesning" not in row
