"""The pages with the circular's calculators (ORG365, KL*AR, the budget): the guidance line
once, the calculator's readings in one table drawn from its `READINGS`, and the circular's
own tense for «E-post til fagforeninger». Reads the session's built site."""

from __future__ import annotations

import pytest

from tests.site.test_content import text

GUIDANCE = "Kalkulatoren er en veiledning. Det som gjelder, er det Fagforbundet faktisk belaster fagforeningen."
PAGES_WITH_A_CALCULATOR = ["kalkulatorer/org365.md", "kalkulatorer/klar.md", "kalkulatorer/budsjett.md",
                           "fagforbundet/klar.md", "fagforbundet/lisenstyper.md"]

ORG365_TOPICS = ["Første måned med ORG365-kostnad", "Priser for senere år", "Lederen med lisens for avansert bruk (E3)",
                 "Én leder", "Hvem som teller for den anbefalte E1-lisensen i styret",
                 "Felles e-postadresse og fellesområdet i Teams"]
KLAR_TOPICS = ["Første måned med KL*AR-belastning", "Årene etter det første året", "Sats for senere år"]


@pytest.mark.parametrize("md", PAGES_WITH_A_CALCULATOR)
def test_the_guidance_line_stands_once(built_site, md):
    shown = text(built_site, md)
    assert shown.count(GUIDANCE) == 1, md
    assert shown.count("veiledning") == 1, md


@pytest.mark.parametrize("md, topics", [
    ("kalkulatorer/org365.md", ORG365_TOPICS),
    ("kalkulatorer/klar.md", KLAR_TOPICS),
    ("kalkulatorer/budsjett.md", ORG365_TOPICS + KLAR_TOPICS),
])
def test_the_page_lists_every_reading_with_the_circulars_words(built_site, md, topics):
    shown = text(built_site, md)
    table = shown[shown.index("Slik leser kalkulatoren rundskrivet"):]
    assert "Hva Kilden sier Kalkulatorens lesning" in table
    for topic in topics:
        assert topic in table, topic


def test_the_readings_table_shows_the_reading_and_the_passage_it_reads(built_site):
    table = text(built_site, "kalkulatorer/klar.md")
    table = table[table.index("Slik leser kalkulatoren rundskrivet"):]
    assert ("Kilden sier: Lisenskostnad for 2025 er kr 1 per yrkesaktivt medlem per måned. Les i rundskrivet "
            "For et år rundskrivet ikke oppgir noen sats for, bruker kalkulatoren den siste kjente satsen og sier fra "
            "at den ikke er bekreftet.") in table
    # The hand-written list it replaces is gone.
    assert "varsler om at den ikke er bekreftet" not in table


def test_e_post_til_fagforeninger_in_the_circulars_tense(built_site):
    shown = text(built_site, "fagforbundet/org365.md")
    assert "Rundskrivet sier at løsningen «E-post til fagforeninger» skulle avvikles i løpet av 2024." in shown
    assert "legges ned" not in shown
