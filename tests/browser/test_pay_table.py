"""The FO pay table as a table on wide screens and as cards on a phone, and rows pasted
from a spreadsheet with the keyboard (Ctrl+V from the real clipboard), as Excel and
LibreOffice copy them: lines of tab-separated cells. Expected values are worked out by
hand from the example's LO leader pay, 1 500 000 kr."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import wait_live
from tests.browser.helpers import calc, runs, settle
from tests.shown import plain

pytestmark = pytest.mark.warm

PATH = "/kalkulatorer/fo-lonn/"
ROWS = '[data-calc="fo_pay"] [data-rows="positions"] [data-row]'


@pytest.fixture
def open_at(page, origin):
    """Open the pay check in a window `width` px wide."""

    def at(width: int) -> Page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(origin + PATH)
        wait_live(page, "fo_pay")
        return page

    return at


@pytest.fixture
def wide(open_at) -> Page:
    return open_at(1280)


@pytest.fixture
def phone(open_at) -> Page:
    return open_at(390)


def row(page: Page, n: int):
    return calc(page, "fo_pay").get_by_role("group", name=f"Tillitsvalgt {n}", exact=True)


def paste(page: Page, field, text: str) -> None:
    """Put `text` on the clipboard and paste it into `field` with the keyboard."""
    before = runs(page, "fo_pay")
    page.evaluate("t => navigator.clipboard.writeText(t)", text)
    field.focus()
    page.keyboard.press("Control+V")
    settle(page, "fo_pay", before)


# Geometry of each row: its controls' boxes and the column headings' boxes.
GEOMETRY = """() => {
  const box = (el) => el.getBoundingClientRect();
  const heads = [...document.querySelectorAll('[data-calc="fo_pay"] .calc-rows__heading')].map((h) => ({ text: h.textContent, left: box(h).left, visible: box(h).width > 0 }));
  const rows = [...document.querySelectorAll('%s')].map((r) => {
    const cells = [...r.querySelectorAll('[data-key]')].map((el) => ({ key: el.dataset.key, left: box(el).left, top: box(el).top, width: box(el).width }));
    return cells;
  });
  return { heads, rows };
}""" % ROWS


def test_wide_screen_shows_one_line_per_official_under_column_headings(wide):
    geo = wide.evaluate(GEOMETRY)
    heads = geo["heads"]
    assert [h["text"] for h in heads] == ["Navn", "Enhet", "Verv", "Lønnsnivå", "Stillings\u00adprosent", "Egen lønn (kr)"]
    assert all(h["visible"] for h in heads)
    assert len(geo["rows"]) == 8
    for cells in geo["rows"]:
        assert [c["key"] for c in cells] == ["name", "unit", "role", "level", "fte_percent", "own_salary"]
        # One line: every cell starts at the row's top; each under its heading, left to right.
        assert max(c["top"] for c in cells) - min(c["top"] for c in cells) <= 4, cells
        for cell, head in zip(cells, heads, strict=True):
            assert abs(cell["left"] - head["left"]) <= 1, (cell, head)
        assert all(a["left"] + a["width"] < b["left"] for a, b in zip(cells, cells[1:]))
    # Every control keeps its label for screen readers, and its row is a named group.
    first = row(wide, 1)
    assert first.get_by_label("Navn").input_value() == "Kari Hansen"
    assert first.get_by_label("Stillingsprosent (frikjøp)").input_value() == "100"
    assert first.get_by_label("Lønnsnivå", exact=True).get_attribute("aria-describedby")
    # The one-line summary of the result stays in view while the reader is at the last row.
    last = row(wide, 8).get_by_label("Egen ordinær lønn per år (kr)")
    last.focus()
    last.evaluate("el => el.scrollIntoView({ block: 'end', behavior: 'instant' })")
    summary = calc(wide, "fo_pay").locator(".calc-summary")
    expect(summary).to_be_in_viewport()
    assert summary.inner_text().startswith("Ingen av prinsippene er brutt.")
    # No choice is cut off: each select is as wide as its longest option's text, its
    # padding and its arrow.
    widths = wide.evaluate("""sel => { const c = document.createElement('canvas').getContext('2d');
      return [...document.querySelectorAll(sel + ' select')].map((s) => {
        const st = getComputedStyle(s); c.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
        const text = Math.max(...[...s.options].map((o) => c.measureText(o.textContent).width));
        return { need: text + parseFloat(st.paddingLeft) + parseFloat(st.paddingRight) + 16, has: s.clientWidth }; }); }""",
                           ROWS)
    assert len(widths) == 16 and all(w["need"] <= w["has"] for w in widths), widths


def test_phone_keeps_the_rows_as_cards(phone):
    geo = phone.evaluate(GEOMETRY)
    assert not any(h["visible"] for h in geo["heads"])
    # Each card is folded to one line: its name, role and level, a button that opens it.
    toggles = calc(phone, "fo_pay").locator("[data-row-toggle]")
    assert toggles.count() == 8
    assert toggles.first.text_content() == "Tillitsvalgt 1: Kari Hansen, Leder, 95 %"
    assert toggles.nth(7).text_content() == "Tillitsvalgt 8: Jon Dahl, Leder, 75 %"
    expect(toggles.first).to_have_attribute("aria-expanded", "false")
    heights = phone.evaluate("sel => [...document.querySelectorAll(sel)].map((r) => r.getBoundingClientRect().height)", ROWS)
    assert max(heights) < 100, heights  # folded: the line alone (wrapped where a phone is too narrow for it)
    # Nothing of a line is cut off: the level at its end stays readable.
    clipped = toggles.evaluate_all("bs => bs.filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.textContent)")
    assert not clipped, clipped
    assert not row(phone, 1).get_by_label("Navn").is_visible()
    toggles.first.click()
    expect(toggles.first).to_have_attribute("aria-expanded", "true")
    cells = phone.evaluate(GEOMETRY)["rows"][0]
    tops = [c["top"] for c in cells]
    assert tops == sorted(tops) and len(set(round(t) for t in tops)) == len(tops), cells  # one field under the other


def test_phone_keeps_the_summary_in_view_and_shows_each_result_as_a_labelled_block(phone):
    # The reader opens row 5 and edits its level: the one-line summary stays in view.
    calc(phone, "fo_pay").locator("[data-row-toggle]").nth(4).click()
    level = row(phone, 5).get_by_label("Lønnsnivå", exact=True)
    expect(level).to_be_visible()
    before = runs(phone, "fo_pay")
    level.fill("60")
    settle(phone, "fo_pay", before)
    level.evaluate("el => el.scrollIntoView({ block: 'center', behavior: 'instant' })")
    summary = calc(phone, "fo_pay").locator(".calc-summary")
    expect(summary).to_be_in_viewport()
    expect(level).to_be_in_viewport()
    assert row(phone, 5).locator("[data-row-toggle]").text_content() == "Tillitsvalgt 5: Anne Nilsen, Leder, 60 %"
    # The result per person is one block: every figure inside the window, under its heading.
    table = calc(phone, "fo_pay").locator("[data-result] table").first
    kari = table.locator("tbody tr", has_text="Kari Hansen")
    cells = kari.evaluate("""tr => { const head = [...tr.closest('table').tHead.rows[0].cells];
        return [...tr.cells].slice(1).map((td, i) => ({
          label: getComputedStyle(td, '::before').content, heading: JSON.stringify(head[i + 1].textContent),
          text: td.innerText, right: td.getBoundingClientRect().right, width: innerWidth })); }""")
    assert len(cells) == 6 and all(c["label"] == c["heading"] for c in cells), cells
    assert all(c["right"] <= c["width"] for c in cells), cells
    # 95 % of 1 500 000 = 1 425 000 kr, in the window.
    assert any(plain(c["text"]).endswith("1 425 000 kr") for c in cells), cells


def test_pasted_rows_fill_the_table_and_bad_cells_get_their_errors(wide):
    sheet = (
        "Navn\tEnhet\tVerv\tLønnsnivå\tStillingsprosent\tEgen lønn\r\n"  # the sheet's heading row
        "Anne Aas\tforbund\tLeder\t1 500 000\t100\t\r\n"
        "Bo Berg\tforbund\tkasserer\t90 %\tabc\t\r\n"
        "Cato Dahl\tOslo\tØvrig tillitsvalgt\t60 %\t50\t600 000\r\n"
    )
    paste(wide, row(wide, 1).get_by_label("Navn"), sheet)
    assert wide.locator(ROWS).count() == 3  # row 1 of the untouched example: the sheet replaces it
    assert row(wide, 1).get_by_label("Navn").input_value() == "Anne Aas"
    assert row(wide, 1).get_by_label("Lønnsnivå", exact=True).input_value() == "1 500 000"
    assert row(wide, 1).get_by_label("Lønnsnivået oppgis som").input_value() == "salary"
    assert row(wide, 3).get_by_label("Verv").input_value() == "ovrig"
    assert row(wide, 3).get_by_label("Lønnsnivået oppgis som").input_value() == "percent_of_lo"
    assert row(wide, 3).get_by_label("Egen ordinær lønn per år (kr)").input_value() == "600 000"
    live = calc(wide, "fo_pay").locator("[data-live]")
    expect(live).to_contain_text("3 rader er limt inn. Eksempelradene er fjernet. 1 celle passet ikke med noe valg")
    # The errors at their cells, in row 2: the role the sheet names, and the text as fte.
    role = row(wide, 2).get_by_label("Verv")
    fte = row(wide, 2).get_by_label("Stillingsprosent (frikjøp)")
    assert role.get_attribute("aria-invalid") == "true" and fte.get_attribute("aria-invalid") == "true"
    assert fte.input_value() == "abc"  # kept as pasted
    errors = row(wide, 2).locator(".field-error")
    assert errors.nth(0).text_content() == (
        "Feil: «Verv (rad 2)»: «kasserer» er ikke et av valgene. Velg en av: Leder, Nestleder, "
        "AU-medlem (bare forbundet), Sekretær, Øvrig tillitsvalgt (bare avdeling).")
    assert errors.nth(1).text_content() == "Feil: «Stillingsprosent (frikjøp) (rad 2)» må være et tall, for eksempel 50 eller 87,5."
    summary = calc(wide, "fo_pay").locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert summary.locator("li").count() == 2
    assert "calc-result--stale" in calc(wide, "fo_pay").locator("[data-result]").get_attribute("class")

    # The reader corrects the two cells; the result is then the pasted table's.
    before = runs(wide, "fo_pay")
    role.select_option("nestleder")
    fte.fill("100")
    settle(wide, "fo_pay", before)
    expect(summary).to_be_hidden()
    table = calc(wide, "fo_pay").locator("[data-result] table").first
    anne = plain(table.locator("tr", has_text="Anne Aas").inner_text())
    bo = plain(table.locator("tr", has_text="Bo Berg").inner_text())
    cato = plain(table.locator("tr", has_text="Cato Dahl").inner_text())
    assert "1 500 000 kr" in anne and "100 %" in anne  # 1 500 000 / 1 500 000
    assert "1 350 000 kr" in bo and "90 %" in bo  # 90 % of 1 500 000
    assert "900 000 kr" in cato and "60 %" in cato  # 60 % of 1 500 000


def test_paste_in_the_middle_of_a_row_fills_from_that_column(wide):
    paste(wide, row(wide, 2).get_by_label("Lønnsnivå", exact=True), "75 %\t80\t\t\tekstra\n70 %\t60\n")
    assert row(wide, 2).get_by_label("Navn").input_value() == "Ola Johansen"  # left of the paste: as it was
    assert row(wide, 2).get_by_label("Lønnsnivå", exact=True).input_value() == "75 %"
    assert row(wide, 2).get_by_label("Stillingsprosent (frikjøp)").input_value() == "80"
    assert row(wide, 3).get_by_label("Lønnsnivå", exact=True).input_value() == "70 %"
    assert row(wide, 3).get_by_label("Stillingsprosent (frikjøp)").input_value() == "60"
    expect(calc(wide, "fo_pay").locator("[data-live]")).to_contain_text(
        "2 rader er limt inn. 6 rader fra før står igjen; knappen under radene fjerner dem. "
        "1 celle til høyre for tabellens siste kolonne ble ikke brukt.")
    # 75 % of 1 500 000 at 80 %: 1 125 000 kr level, 900 000 kr paid.
    ola = plain(calc(wide, "fo_pay").locator("[data-result] table").first.locator("tr", has_text="Ola Johansen").inner_text())
    assert "1 125 000 kr" in ola and "900 000 kr" in ola


def test_paste_beyond_the_limit_fills_to_the_limit_and_says_so(wide):
    lines = "".join(f"Person {i}\tforbund\tLeder\t50 %\t100\t\n" for i in range(1, 206))
    paste(wide, row(wide, 1).get_by_label("Navn"), lines)
    assert wide.locator(ROWS).count() == 200
    assert row(wide, 200).get_by_label("Navn").input_value() == "Person 200"
    expect(calc(wide, "fo_pay").locator("[data-live]")).to_contain_text(
        "200 rader er limt inn. Eksempelradene er fjernet. Skjemaet tar høyst 200 rader, så 5 rader ble ikke limt inn.")
    expect(calc(wide, "fo_pay").get_by_role("button", name="Legg til tillitsvalgt")).to_be_disabled()


def test_paste_on_a_phone_fills_the_cards(phone):
    calc(phone, "fo_pay").locator("[data-row-toggle]").first.click()  # the reader opens the first card
    paste(phone, row(phone, 1).get_by_label("Navn"), "Eva Li\tBergen\tSekretær\t65 %\t100\t\n")
    assert row(phone, 1).get_by_label("Enhet").input_value() == "Bergen"
    assert row(phone, 1).get_by_label("Verv").input_value() == "sekretaer"
    expect(calc(phone, "fo_pay").locator("[data-live]")).to_contain_text("1 rad er limt inn.")


# Five officials of a board, as a spreadsheet copies them (levels in percent of the LO
# leader's 1 500 000 kr, all at 100 %).
BOARD = (
    "Eli Berg\tforbund\tLeder\t90 %\t100\t\n"
    "Finn Moe\tforbund\tNestleder\t85 %\t100\t\n"
    "Gro Lie\tforbund\tSekretær\t70 %\t100\t\n"
    "Hans Ek\tTromsø\tLeder\t75 %\t100\t\n"
    "Ida Sand\tTromsø\tNestleder\t65 %\t100\t\n"
)
BOARD_NAMES = ["Eli Berg", "Finn Moe", "Gro Lie", "Hans Ek", "Ida Sand"]
EXAMPLE_NAMES = ["Kari Hansen", "Ola Johansen", "Ingrid Olsen", "Per Larsen", "Anne Nilsen", "Lars Berg",
                 "Marit Haugen", "Jon Dahl"]


def result_names(page: Page) -> list[str]:
    table = calc(page, "fo_pay").locator("[data-result] table").first
    return [r.locator("td, th").first.inner_text().strip() for r in table.locator("tbody tr").all()]


def test_a_paste_into_row_1_of_the_untouched_example_replaces_the_example(wide):
    paste(wide, row(wide, 1).get_by_label("Navn"), BOARD)
    assert wide.locator(ROWS).count() == 5
    assert [row(wide, i).get_by_label("Navn").input_value() for i in range(1, 6)] == BOARD_NAMES
    assert result_names(wide) == BOARD_NAMES
    result = plain(calc(wide, "fo_pay").locator("[data-result]").inner_text())
    assert not [name for name in EXAMPLE_NAMES if name in result]
    assert calc(wide, "fo_pay").locator("[data-rows-remains]").count() == 0
    # Hans Ek, branch leader at 75 %: 1 125 000 kr.
    assert "1 125 000" in plain(calc(wide, "fo_pay").locator("[data-result] table").first.locator("tr", has_text="Hans Ek").inner_text())


def test_a_paste_over_edited_rows_says_which_rows_remain_and_removes_them_in_one_step(wide):
    first = row(wide, 1).get_by_label("Navn")
    before = runs(wide, "fo_pay")
    first.fill("Kari Hansen-Berg")  # the reader has edited the table: it is no longer the example
    settle(wide, "fo_pay", before)
    paste(wide, first, BOARD)
    assert wide.locator(ROWS).count() == 8
    remains = calc(wide, "fo_pay").locator("[data-rows-remains]")
    expect(remains).to_be_visible()
    expect(remains).to_contain_text("3 rader fra før står igjen (radene 6–8) og er med i utregningen.")
    assert result_names(wide) == BOARD_NAMES + ["Lars Berg", "Marit Haugen", "Jon Dahl"]
    before = runs(wide, "fo_pay")
    remains.get_by_role("button", name="Fjern de 3 radene fra før").click()
    settle(wide, "fo_pay", before)
    assert wide.locator(ROWS).count() == 5
    assert result_names(wide) == BOARD_NAMES
    expect(remains).to_have_count(0)
    expect(calc(wide, "fo_pay").get_by_role("button", name="Legg til tillitsvalgt")).to_be_focused()
    expect(calc(wide, "fo_pay").locator("[data-live]")).to_contain_text("3 rader fra før er fjernet.")


def test_a_huge_paste_is_cut_and_every_line_left_out_is_counted(wide):
    """A 20-million-character cell and 30 000 lines more: the cell is cut at the field's
    limit before anything else is done with it, the table fills to its 200 rows, and the
    message counts every line that was not pasted (30 001 lines, 200 used)."""
    before = runs(wide, "fo_pay")
    wide.evaluate("""() => navigator.clipboard.writeText('x'.repeat(20000000) + '\\tBergen\\n'
        + Array.from({ length: 30000 }, (_, i) => `Person ${i + 2}\\tOslo`).join('\\n'))""")
    row(wide, 1).get_by_label("Navn").focus()
    wide.keyboard.press("Control+V")
    settle(wide, "fo_pay", before)
    assert row(wide, 1).get_by_label("Navn").input_value() == "x" * 200  # the field's maxlength
    assert row(wide, 1).get_by_label("Enhet").input_value() == "Bergen"
    assert row(wide, 200).get_by_label("Navn").input_value() == "Person 200"
    assert wide.locator(ROWS).count() == 200
    live = calc(wide, "fo_pay").locator("[data-live]")
    expect(live).to_contain_text("200 rader er limt inn.")
    expect(live).to_contain_text("Skjemaet tar høyst 200 rader, så 29801 rader ble ikke limt inn.")


def test_a_broken_principle_is_marked_in_words_on_the_rows_it_names(wide):
    # Jon Dahl (Vestland's leader) at 96 % is above the national leader Kari Hansen (95 %:
    # principle 2) and above Oslo's leader Anne Nilsen (80 %: principle 5).
    before = runs(wide, "fo_pay")
    row(wide, 8).get_by_label("Lønnsnivå", exact=True).fill("96")
    calc(wide, "fo_pay").get_by_role("button", name="Beregn").click()
    settle(wide, "fo_pay", before)
    table = calc(wide, "fo_pay").locator("[data-result] table").first
    # What a screen reader names each row by, and what the eye reads under the name.
    marks = {"Kari Hansen": "Brudd på prinsipp 2", "Anne Nilsen": "Brudd på prinsipp 5",
             "Jon Dahl": "Brudd på prinsipp 2 og 5"}
    for name, mark in marks.items():
        # (Chromium puts a space where the mark's own line starts: «Kari Hansen , Brudd …».)
        expect(table.get_by_role("rowheader", name=re.compile(rf"^{name} ?, {mark}$"))).to_be_visible()
        assert plain(table.locator("tr", has_text=name).locator(".calc-flag").inner_text()) == f"⚠ {mark}"
    for name in ("Ola Johansen", "Ingrid Olsen", "Per Larsen", "Lars Berg", "Marit Haugen"):
        expect(table.get_by_role("rowheader", name=name, exact=True)).to_be_visible()
    assert plain(table.inner_text()).count("Brudd på prinsipp") == 3
