"""Printed results, read back from Chromium's PDF: the budget for the annual meeting on one
A4 page with its lines and total and nothing of the screen's controls or messages; a long
FO pay table over several pages with its header on each and no row cut in two."""

from __future__ import annotations

import pytest

import base64
import io
import json
import re

from pypdf import PdfReader

from tests.browser.conftest import wait_live
from tests.shown import plain
from tests.browser.helpers import calc, fill_budget, fill_text, open_calc, runs, settle, submit

pytestmark = pytest.mark.warm

# 2026: E1 3 600 kr and F3 1 100 kr a year (circular 19/24); KL*AR 1 kr per member and
# month, Vestland charged all twelve months: 12 × 150 = 1 800 kr. Total 6 500 kr.
SMALL_BUDGET = {
    "year": "2026",
    "org365": {
        "start_month": "",
        "holders": [
            {"role": "leder", "license": "E1", "needs_shared_mailbox": True},
            {"role": "styremedlem", "license": "F3", "needs_shared_mailbox": False},
        ],
    },
    "klar": {"county": "Vestland", "members": "150"},
}

# What the screen shows around the result and paper must not (as whole words: the result
# itself may say «Beregningen …»).
SCREEN_ONLY = ("Beregn", "Del lenke", "Last ned CSV", "Skriv ut", "CSV-filen er lastet ned", "Se hele resultatet",
               "Legg til person", "Rett disse feilene", "Kalkulatoren starter", "Søk")


def pdf_pages(page) -> list[str]:
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    page.emulate_media(media="screen")
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def shows(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", text) is not None


def test_budget_prints_on_one_page_without_buttons_or_messages(page, origin):
    root = open_calc(page, origin, "kalkulatorer/budsjett/", "budget")
    before = runs(page, "budget")
    fill_budget(page, root, SMALL_BUDGET)
    root.get_by_role("button", name="Beregn").click()
    settle(page, "budget", before)
    # A message in the live region, as a treasurer sees it after downloading the CSV file.
    with page.expect_download():
        root.get_by_role("button", name="Last ned CSV").click()
    page.wait_for_function("el => el.querySelector('[data-live]').textContent.includes('CSV-filen er lastet ned')",
                           arg=root.element_handle())

    pages = pdf_pages(page)
    assert len(pages) == 1, f"{len(pages)} pages"
    text = words(pages[0])
    for needle in ("Lisensbudsjett for årsmøtet", "Lisenskostnader i budsjettet for 2026", "Lisenskostnader ORG365",
                   "Lisenskostnader KL*AR", "Sum lisenskostnader", "4 700 kr", "1 800 kr", "6 500 kr",
                   "1. kvartal", "4. kvartal", "rundskriv 19/24"):
        assert needle in text, needle
    for needle in SCREEN_ONLY:
        assert not shows(text, needle), needle
    # The form's fields are not on paper either.
    assert "Budsjettår" not in text and "Fylkeskrets" not in text
    # The title once (the record's line, not the page's heading as well), and the source.
    assert text.count("Lisensbudsjett for årsmøtet") == 1, text
    assert "Grunnlag: Fagforbundets rundskriv 19/24" in text


def share_snapshot(page, root) -> tuple[str, dict]:
    """The calculator's own share link, decoded: (link without the data, snapshot)."""
    root.get_by_role("button", name="Del lenke").click()
    field = root.locator("[data-share-url]")
    page.wait_for_function("el => el.value.includes('#inndata-')", arg=field.element_handle())
    link = field.input_value()
    head, data = link.split("=", 1)
    return head + "=", json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def encode(snapshot: dict) -> str:
    raw = json.dumps(snapshot, ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


ROWS = 60
NAME_PARTS = ("Fornavn", "Mellomnavn", "Etternavn", "Ekstranavn", "Slektsnavn")
# The printable width of an A4 page with the print style's 15 mm margins, in CSS pixels.
A4_TEXT_WIDTH = round((210 - 2 * 15) / 25.4 * 96)


def test_long_pay_table_repeats_its_header_and_never_splits_a_row(page, origin):
    root = open_calc(page, origin, "kalkulatorer/fo-lonn/", "fo_pay")
    first_name = root.get_by_label("Navn", exact=True).first.input_value()
    head, snapshot = share_snapshot(page, root)
    # The example's rows, repeated to 60, each with its own name: five words that wrap in
    # the name column, so that a row could be cut between its lines.
    (key, examples), = [(k, v) for k, v in snapshot["rows"].items() if v]
    name_key = next(k for k, v in examples[0].items() if v == first_name)
    rows = []
    for i in range(ROWS):
        row = dict(examples[i % len(examples)])
        row[name_key] = " ".join(f"{part}{i:02d}" for part in NAME_PARTS)
        rows.append(row)
    snapshot["rows"][key] = rows

    page.goto("about:blank")
    page.goto(head + encode(snapshot))
    wait_live(page, "fo_pay")
    table = calc(page, "fo_pay").locator("[data-result] table").first
    assert table.locator("tbody tr").count() == ROWS

    # On paper each name takes more than one line (else no row could be cut at all).
    page.set_viewport_size({"width": A4_TEXT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    lines = table.evaluate("""t => [...t.tBodies[0].rows].map(tr => {
        const cell = tr.cells[0], style = getComputedStyle(cell);
        return Math.round((cell.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom))
                          / parseFloat(style.lineHeight)); })""")
    assert min(lines) >= 2, lines

    pages = pdf_pages(page)
    assert len(pages) >= 3, f"{len(pages)} pages for {ROWS} rows"
    texts = [words(t) for t in pages]

    def first_page(token: str) -> int:
        return next(i for i, t in enumerate(texts) if re.search(rf"\b{token}\b", t))

    table_pages = set()
    for i in range(ROWS):
        where = {first_page(f"{part}{i:02d}") for part in NAME_PARTS}
        assert len(where) == 1, f"row {i + 1} is split over pages {sorted(p + 1 for p in where)}"
        table_pages |= where
    assert len(table_pages) >= 3, "the table spans several pages"
    for p in sorted(table_pages):
        # The column headers (they may wrap) on every page the table reaches.
        assert "Utbetales" in texts[p] and "Lønnsnivå" in texts[p], f"no table header on page {p + 1}"
    for needle in SCREEN_ONLY:
        assert not any(shows(t, needle) for t in texts), needle
    assert "Lenken står i feltet under" not in " ".join(texts) and "Lenken er kopiert" not in " ".join(texts)


def test_fo_pay_prints_the_example_as_a_record_on_one_page(page, origin):
    root = open_calc(page, origin, "kalkulatorer/fo-lonn/", "fo_pay")
    assert root.get_by_role("button", name="Skriv ut").is_visible()
    pages = pdf_pages(page)
    assert len(pages) == 1, f"{len(pages)} pages"
    text = words(pages[0])
    assert text.count("Lønnssjekk for lønnede tillitsvalgte i FO") == 1, text
    # The regulation with its date, and each level's basis: 95 % of the LO leader's 1 500 000 kr.
    assert "Grunnlag: Reglement for lønnede tillitsvalgte i FO, gjeldende fra 1.4.2025." in text
    assert "Kari Hansen: 95 % av 1 500 000 kr = 1 425 000 kr" in text
    assert "Jon Dahl: 75 % av 1 500 000 kr" in text
    # One guidance line; not the page's introduction, its notes or the text after the calculator.
    assert text.count("veiledning") == 1, text
    for needle in ("Reglene står på siden om", "Kalkulatorens lesning av reglementet", "strengt høyere", "Kilde"):
        assert needle not in text, needle
    for needle in SCREEN_ONLY + ("Legg til tillitsvalgt",):
        assert not shows(text, needle), needle


def test_fo_pay_record_dates_the_lo_leaders_pay_or_says_the_date_is_not_given(page, origin):
    root = open_calc(page, origin, "kalkulatorer/fo-lonn/", "fo_pay")
    submit(page, root, "fo_pay", lambda: fill_text(root, "LO-leders lønn gjelder fra", "1. januar 2026"))
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    pages = pdf_pages(page)
    assert len(pages) == 1, f"{len(pages)} pages"
    text = words(pages[0])
    # The figure every level is a share of, with the date as typed, before the levels.
    dated = "LO-leders lønn: 1 500 000 kr (gjelder fra 1. januar 2026)"
    assert dated in text and text.index(dated) < text.index("Kari Hansen: 95 % av 1 500 000 kr"), text

    submit(page, root, "fo_pay", lambda: fill_text(root, "LO-leders lønn gjelder fra", ""))
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    text = words(pdf_pages(page)[0])
    assert "LO-leders lønn: 1 500 000 kr (dato ikke oppgitt)" in text, text
    assert "1. januar 2026" not in text
    # On screen the date is the field's alone: the result does not repeat it.
    assert "dato ikke oppgitt" not in plain(root.locator("[data-result]").inner_text())
