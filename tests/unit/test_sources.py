"""The source pages (docs/kildene/) against the repository's verbatim copies of the sources.

The page's words, in order, must be the source's words: only layout may differ. Every
difference allowed besides whitespace is listed here, with the reason. The anchors must
follow the published scheme, and a few are pinned with their text, read off the source
by hand.
"""

from __future__ import annotations

import re

import pytest

from macros import sources

DOCUMENTS = ("circular", "regulation")

# Bullet glyphs of the PDF extraction: the page's lists draw their own.
GLYPHS = {"•", "➢"}

# The circular's signature block: left out of the page.
SIGNATURE = ("Med hilsen Helene H. Skeibrok og Svend Morten Voldsrud Karin Bøyum Politisk ledelse "
             "Leder organisasjonsavdelingen")

# Every other allowed difference, as (words in the copy, words on the page).
ALLOWED = {
    "circular": [],
    "regulation": [
        # «K-dager» was hyphenated across a line break in the extraction («… påske. K-» /
        # «dager er et godt …»): one word on the page.
        (["K-", "dager", "er", "et", "godt"], ["K-dager", "er", "et", "godt"]),
        # The eight pay principles are a numbered list: the list draws «1.» … «8.» itself.
        *[([f"{n}.", first], [first]) for n, first in enumerate(
            ["Tillitsvalgte", "Forbundets", "Forbundets", "De", "Leder", "Frikjøpte", "Frikjøpte", "Øvrige"], 1)],
    ],
}


def source_words(document: str) -> list[str]:
    text = sources.source_text(document)
    if document == "circular":
        assert text.count(SIGNATURE) == 1
        text = text.replace(SIGNATURE, " ")
    return [w for w in text.split() if w not in GLYPHS]


def page_words(document: str, passages: dict[str, str] | None = None) -> list[str]:
    passages = sources.passages(document) if passages is None else passages
    return " ".join(passages.values()).split()


def _replace(words: list[str], old: list[str], new: list[str]) -> list[str]:
    """`words` with the first occurrence of the run `old` replaced by `new`."""
    for i in range(len(words) - len(old) + 1):
        if words[i:i + len(old)] == old:
            return words[:i] + new + words[i + len(old):]
    raise AssertionError(f"allowed difference {old} not found in the copy")


def differences(document: str, page: list[str]) -> str:
    """'' when `page` is the copy's words with the allowed differences; else where they part."""
    expected = source_words(document)
    for old, new in ALLOWED[document]:
        expected = _replace(expected, old, new)
    for i, (a, b) in enumerate(zip(expected, page)):
        if a != b:
            return f"word {i}: copy {' '.join(expected[max(0, i - 6):i + 6])!r} vs page {' '.join(page[max(0, i - 6):i + 6])!r}"
    if len(expected) != len(page):
        return f"copy has {len(expected)} words, page {len(page)}: tail {expected[len(page):][:8]} / {page[len(expected):][:8]}"
    return ""


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_page_gives_the_source_word_for_word(document):
    assert differences(document, page_words(document)) == ""


@pytest.mark.parametrize("document", DOCUMENTS)
def test_one_changed_word_on_the_page_is_caught(document):
    passages = dict(sources.passages(document))
    anchor = list(passages)[len(passages) // 2]
    words = passages[anchor].split()
    words[-1] = words[-1] + "x"
    passages[anchor] = " ".join(words)
    assert differences(document, page_words(document, passages)) != ""


def test_pages_are_the_ones_the_rates_file_names():
    assert sources.page("circular") == "kildene/rundskriv-19-24.md"
    assert sources.page("regulation") == "kildene/reglement-fo.md"
    assert sources.copy_path("circular").name == "rundskriv-19-24.txt"
    assert sources.source_text("regulation").startswith("Reglement for lønnede tillitsvalgte i FO Gjeldende fra 1.4.2025")


@pytest.mark.parametrize("heading, anchor", [
    ("Lisenser KL*AR", "lisenser-kl-ar"),
    ("Lønnsvilkår", "lonnsvilkar"),
    ("Særlige godtgjørelser", "saerlige-godtgjorelser"),
    ("Kriterier for å kunne søke om dekning:", "kriterier-for-a-kunne-soke-om-dekning"),
    ("LISENS FOR “NORMAL BRUK” (E1)", "lisens-for-normal-bruk-e1"),
    ("Opphør av tilganger, bruk av e-post, mv", "opphor-av-tilganger-bruk-av-e-post-mv"),
    ("Rundskriv 19/24", "rundskriv-19-24"),
])
def test_slug(heading, anchor):
    assert sources.slug(heading) == anchor


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_passage_has_the_anchor_the_scheme_gives_it(document):
    blocks = sources.blocks(document)
    anchors = [b.anchor for b in blocks]
    assert len(set(anchors)) == len(anchors), "an anchor is used twice"
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", a) for a in anchors)
    assert anchors == sources.expected_anchors(blocks, sources.slug(sources.SHORT_FORMS[document]))


def test_the_scheme_numbers_passages_per_heading_and_tells_equal_headings_apart():
    P = sources.Passage
    items = [P("x", "Tittel", "heading", 1), P("x", "a", "paragraph"), P("x", "Del", "heading", 2),
             P("x", "b", "item"), P("x", "c", "paragraph"), P("x", "Vedlegg:", "heading", 2),
             P("x", "Del", "heading", 3), P("x", "d", "paragraph")]
    assert sources.expected_anchors(items, "doc") == [
        "doc", "doc-1", "del", "del-1", "del-2", "vedlegg", "vedlegg-del", "vedlegg-del-1"]


# Worked out by hand from the source documents (the headings, and the passages counted
# under each in reading order).
PINNED = {
    "circular": {
        "rundskriv-19-24-1": "Landsstyret vedtok i sitt møte 12. juni i sak 24/ 3688-1 følgende:",
        "rundskriv-19-24-5": "I særskilte tilfeller, etter gitte kriterier, vil fagforeningene kunne søke om "
                             "dekning av deler av kostnadene.",
        "kriterier-for-a-kunne-soke-om-dekning-4": "Regnskap og beretning for de siste to årene må vedlegges søknaden.",
        "lisenser-kl-ar": "Lisenser KL*AR",
        "lisenser-kl-ar-1": "Det vises til Rundskriv nr. 02/24 – Lansering av KL*AR",
        "lisenser-kl-ar-3": "Lisenskostnad for 2025 er kr 1 per yrkesaktivt medlem per måned.",
        "lisenser-kl-ar-8": "Fra tredje kvartal belastes fagforeninger i Oslo, Vestfold, Telemark, Østfold, "
                            "Akershus, Buskerud",
        "fleksibilitet-i-antall-lisenser-og-type-lisenser-3": "Lisens for enkel bruk (F3): Ca 1100 kr per bruker i året",
        "lisens-for-normal-bruk-e1-16": "Kostnad er ca. 3600 kr per bruker i året.",
        "lisens-for-enkel-bruk-f3-13": "Inkluderer OneDrive-lagring på kun 2 GB per bruker",
        "vedlegg-fleksibilitet-i-antall-lisenser-og-type-lisenser-3":
            "Endringer i type eller antall lisenser, eller ønske om «lisens for avansert bruk (E3)» meldes til "
            "ffhjelp@fagforbundet.no",
    },
    "regulation": {
        "reglement": "Reglement for lønnede tillitsvalgte i FO",
        "reglement-1": "Gjeldende fra 1.4.2025",
        "prinsipper-for-avlonning-5": "Leder for Oslo-avdelingen skal avlønnes høyere enn FOs øvrige ledere for avdeling.",
        "prinsipper-for-avlonning-9": "Den årlige lønnsreguleringen skjer etter at LO-leders lønn er vedtatt. Dette "
                                      "skjer på sekretariatsmøte før sommeren og er på bakgrunn av fjorårets resultat "
                                      "i forhandlingene med virkning fra 1.1. samme år.",
        "ferie-og-k-dager-1": "Som tillitsvalgt i FO får man 5 uker ferie. De som fyller 60 år i løpet av året, har "
                              "rett til en ekstra ferieuke, totalt 6 uker ferie. Det trekkes for 5 uker ferie når de "
                              "tillitsvalgte er under 60 år og 6 uker for de over 60 år.",
        "arbeidsmiljo-4": "Utgifter til synsundersøkelse, brilleglass og montering dekkes etter bekreftelse på behov "
                          "for databrille (terminalbrille) fra optiker/øyelege. Innfatning dekkes med inntil kr 2000,-",
        "etterlonn-2": "For tillitsvalgte som har hatt verv i flere sammenhengende valgperioder kan det i særskilte "
                       "tilfeller innvilges etterlønn utover tre måneder. Landsstyret skal orienteres om avtaler om "
                       "etterlønn utover tre måneder.",
    },
}


@pytest.mark.parametrize("document", DOCUMENTS)
def test_known_passages_stand_at_their_anchors(document):
    passages = sources.passages(document)
    for anchor, text in PINNED[document].items():
        assert passages.get(anchor) == text, anchor


def test_every_section_heading_of_the_sources_is_a_heading_on_the_page():
    headings = {d: [b.text for b in sources.blocks(d) if b.kind == "heading"] for d in DOCUMENTS}
    assert headings["circular"][1:] == [
        "Kriterier for å kunne søke om dekning:", "ORG365", "Felles E-postadresse for fagforeningen",
        "Fleksibilitet i antall lisenser og type lisenser", "KL*AR", "Lisenser KL*AR", "Kontaktinformasjon",
        "Vedlegg:", "MER OM ORG365", "Plan for utrulling", "Forskjellen på de ulike lisensene",
        "LISENS FOR “NORMAL BRUK” (E1)", "LISENS FOR “ENKEL BRUK” (F3)", "LISENS FOR “AVANSERT BRUK” (E3)",
        "Fleksibilitet i antall lisenser og type lisenser"]
    assert headings["regulation"][1:] == [
        "Innledende bestemmelser", "Valgkomiteenes ansvar", "Variasjon mellom FOs avdelinger",
        "Vurdering og revidering av reglementet", "Lønnsvilkår", "Prinsipper for avlønning:", "Arbeidstid",
        "Bolig, flyttegodtgjørelse og hjemreise", "Bolig og hjemreiser", "Arbeidsmiljø", "Opplæringstiltak",
        "Ferie, sykdom og fravær", "Ferie og K-dager", "Sykdom", "Fraværsregistrering",
        "Pensjons- og forsikringsordninger", "Permisjon", "Særlige godtgjørelser",
        "Dekning av utgifter til mobil, bredbånd og aviser", "Dekning av utgifter til hjemmekontor",
        "Kompensasjon for bruk av egen bil i tjeneste", "Sykkelgodtgjørelse", "Lån til tillitsvalgte", "Etterlønn",
        "Tilbakelevering av eiendeler som tilhører FO", "Opphør av tilganger, bruk av e-post, mv",
        "Bierverv og verv i andre organisasjoner"]
