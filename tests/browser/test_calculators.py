"""KL*AR, FO pay and the combined budget in Chromium: by Norwegian labels, compared with
calculators.api.run on the case table; saved inputs, share links, CSV and print."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from calculators.api import run
from calculators.machinery.view import render
from tests.browser.conftest import open_context, wait_live
from tests.browser.helpers import (result_markup, calc, fill_budget, fill_fo_pay, fill_klar, fill_text, open_calc, save_download, site_root,
                                   submit)
from tests.conftest import calculator_pages, load_cases
from tests.shown import missing, plain, text_cases

pytestmark = pytest.mark.warm


def ok_cases(name: str, allowed: set[str], limit: int) -> list[dict]:
    out = []
    for c in load_cases():
        if c["calculator"] != name or not c["expected"].get("ok", True) or not isinstance(c["inputs"], dict):
            continue
        if set(c["inputs"]) <= allowed:
            out.append(c)
    return out[:limit]


def result_html(page, name: str) -> str:
    return result_markup(calc(page, name))


def expected_html(name: str, inputs: dict, page) -> str:
    return render(name, run(name, inputs), root=site_root(page))["html"]


KLAR_CASES = [c for c in ok_cases("klar", {"year", "county", "members", "members_by_month", "rate"}, 40)
              if "Møre" in c["name"] or "2026" in c["name"] or "per måned" in c["name"] or "Oslo" in c["name"]
              or "sats" in c["name"]][:6]


@pytest.mark.parametrize("case", KLAR_CASES, ids=lambda c: c["name"])
def test_klar_matches_cpython(page, origin, case):
    root = open_calc(page, origin, "kalkulatorer/klar/", "klar")
    submit(page, root, "klar", lambda: fill_klar(page, root, case["inputs"]))
    assert result_html(page, "klar") == expected_html("klar", case["inputs"], page)


FILL = {"klar": fill_klar, "fo_pay": fill_fo_pay, "budget": fill_budget}
PAGES = {name: url for url, name in calculator_pages() if url.startswith("kalkulatorer/")}


def shown_text(page, root, name: str, inputs: dict) -> str:
    submit(page, root, name, lambda: FILL[name](page, root, inputs))
    return root.locator("[data-result]").inner_text()


@pytest.mark.parametrize("case", [p for name in FILL for p in text_cases(load_cases(), name)])
def test_the_reader_sees_the_hand_written_text(page, origin, case):
    name = case["calculator"]
    root = open_calc(page, origin, PAGES[name], name)
    text = shown_text(page, root, name, case["inputs"])
    assert not missing(text, case["expected"]["text"]), f"not shown: {missing(text, case['expected']['text'])}\n{text}"
    assert plain(root.locator("[data-live]").inner_text()).strip().endswith(case["expected"]["summary"])


def test_klar_unconfirmed_rate_is_shown_plainly_and_modes_keep_what_was_typed(page, origin):
    root = open_calc(page, origin, "kalkulatorer/klar/", "klar")
    inputs = {"year": "2027", "county": "more og romsdal", "members": "300"}
    submit(page, root, "klar", lambda: fill_klar(page, root, inputs))
    text = plain(root.locator("[data-result]").inner_text())
    assert "Møre og Romsdal" in text
    assert "Obs:" in text and "2027" in text and "(ikke bekreftet)" in text
    assert "3 600 kr" in text  # 12 × 300 × 1 kr

    root.get_by_label("Ett tall per måned").check()
    fill_text(root, "Januar", "10")
    root.get_by_label("Ett tall for hele året").check()
    assert root.get_by_label("Yrkesaktive medlemmer", exact=True).input_value() == "300"
    root.get_by_label("Ett tall per måned").check()
    assert root.get_by_label("Januar", exact=True).input_value() == "10"


FO_PAY_CASES = [c for c in ok_cases("fo_pay", {"lo_leader_salary", "positions", "new_lo_leader_salary", "adjustment_month"}, 60)
                if all(set(p) <= {"name", "unit", "role", "salary", "percent_of_lo", "fte_percent", "own_salary"}
                       for p in c["inputs"]["positions"])]
FO_PAY_CASES = [FO_PAY_CASES[0]] + [c for c in FO_PAY_CASES if "brutt" in c["name"]][:2] + \
    [c for c in FO_PAY_CASES if "regulering" in c["name"].lower()][:1]

TEN_PERSON_TABLE = {
    "lo_leader_salary": "1 300 000",
    "positions": [
        {"name": "Kari Leder", "unit": "forbund", "role": "leder", "percent_of_lo": "100", "fte_percent": "100"},
        {"name": "Per Nestleder", "unit": "forbund", "role": "nestleder", "percent_of_lo": "92", "fte_percent": "100"},
        {"name": "Ali AU", "unit": "forbund", "role": "au_medlem", "percent_of_lo": "88", "fte_percent": "100"},
        {"name": "Eva AU", "unit": "forbund", "role": "au_medlem", "salary": "1 144 000", "fte_percent": "100"},
        {"name": "Oda Oslo", "unit": "Oslo", "role": "leder", "percent_of_lo": "85", "fte_percent": "100"},
        {"name": "Ola Oslo", "unit": "Oslo", "role": "nestleder", "percent_of_lo": "80", "fte_percent": "100"},
        {"name": "Sara Sekretær", "unit": "Oslo", "role": "sekretaer", "percent_of_lo": "75", "fte_percent": "100"},
        {"name": "Tor Øvrig", "unit": "Oslo", "role": "ovrig", "salary": "700 000", "fte_percent": "50", "own_salary": "650 000"},
        {"name": "Berit Bergen", "unit": "Bergen", "role": "leder", "percent_of_lo": "85", "fte_percent": "100"},
        {"name": "Nils Bergen", "unit": "Bergen", "role": "sekretaer", "percent_of_lo": "86", "fte_percent": "80"},
    ],
    "new_lo_leader_salary": "1 352 000",
    "adjustment_month": "6",
}


@pytest.mark.parametrize("case", FO_PAY_CASES, ids=lambda c: c["name"])
def test_fo_pay_matches_cpython(page, origin, case):
    root = open_calc(page, origin, "kalkulatorer/fo-lonn/", "fo_pay")
    submit(page, root, "fo_pay", lambda: fill_fo_pay(page, root, case["inputs"]))
    assert result_html(page, "fo_pay") == expected_html("fo_pay", case["inputs"], page)


def test_board_checks_a_ten_person_pay_table_against_all_eight_principles(page, origin):
    root = open_calc(page, origin, "kalkulatorer/fo-lonn/", "fo_pay")
    submit(page, root, "fo_pay", lambda: fill_fo_pay(page, root, TEN_PERSON_TABLE))
    assert result_html(page, "fo_pay") == expected_html("fo_pay", TEN_PERSON_TABLE, page)
    expected = run("fo_pay", TEN_PERSON_TABLE)["result"]
    items = root.locator("[data-result] .calc-principles > li")
    assert items.count() == 8
    status = {p["rule"]: p["status"] for p in expected["principles"]}
    assert status[5] == "fail" and status[6] == "fail"  # Oslo = Bergen leader; Bergen secretary above leader
    assert "Berit Bergen" in items.nth(4).inner_text() and "Oda Oslo" in items.nth(4).inner_text()
    text = plain(root.locator("[data-result]").inner_text())
    assert "Sum etterbetaling" in text
    # Kari 1 300 000; Per 92 % = 1 196 000; Ali 88 % = 1 144 000 = Eva; Oda 85 % = 1 105 000;
    # Ola 80 % = 1 040 000; Sara 75 % = 975 000; Tor 700 000 at 50 % = 350 000 paid;
    # Berit 85 % = 1 105 000; Nils 86 % = 1 118 000 at 80 % = 894 400 paid.
    # Principle 5: Oda (Oslo) = Berit (Bergen), a tie: broken. Principle 6: Nils (1 118 000)
    # above Berit (1 105 000) in Bergen: broken. New LO salary 1 352 000 = + 4 %: Kari
    # 1 352 000, back pay (52 000 / 12) × 5 = 21 666,67 (January–May).
    assert not missing(text, [
        "Lønnsnivå sammenlignet med LO-leders lønn (1 300 000 kr)", "1 196 000 kr", "1 144 000 kr", "1 105 000 kr",
        "1 040 000 kr", "975 000 kr", "350 000 kr", "1 118 000 kr", "894 400 kr", "Prinsipp 5: Brutt.",
        "Prinsipp 6: Brutt.", "Prinsipp 2: Oppfylt.", "Prinsipp 1: Til orientering.",
        "Årlig lønnsregulering: LO-leders nye lønn 1 352 000 kr, utbetalt fra juni", "Etterbetaling fra 1. januar",
        "21 666,67 kr"]), text


# --- the combined budget ------------------------------------------------------------

BRANCH_BUDGET = {
    "year": "2026",
    "org365": {
        "start_month": "",
        "holders": [
            {"role": "leder", "license": "E1", "needs_shared_mailbox": True},
            {"role": "styremedlem", "license": "E1", "needs_shared_mailbox": True},
            {"role": "styremedlem", "license": "E1", "needs_shared_mailbox": False},
            {"role": "styremedlem", "license": "F3", "needs_shared_mailbox": False},
            {"role": "styremedlem", "license": "F3", "needs_shared_mailbox": False},
            {"role": "tillitsvalgt", "license": "F3", "needs_shared_mailbox": False},
            {"role": "tillitsvalgt", "license": "F3", "needs_shared_mailbox": False},
            {"role": "tillitsvalgt", "license": "F3", "needs_shared_mailbox": False},
            {"role": "tillitsvalgt", "license": "E3", "needs_shared_mailbox": True},
            {"role": "tillitsvalgt", "license": "F3", "needs_shared_mailbox": False},
        ],
    },
    "klar": {"county": "Vestland", "members": "1 234"},
}


def api_inputs(d):
    if isinstance(d, dict):
        return {k: api_inputs(v) for k, v in d.items() if v != ""}
    if isinstance(d, list):
        return [api_inputs(v) for v in d]
    return d


def fill_branch_budget(page):
    root = open_calc(page, page.url_origin, "kalkulatorer/budsjett/", "budget")
    submit(page, root, "budget", lambda: fill_budget(page, root, BRANCH_BUDGET))
    return root


@pytest.fixture
def budget_page(page, origin):
    page.url_origin = origin
    root = fill_branch_budget(page)
    return page, root


def test_budget_lines_match_cpython(budget_page):
    page, root = budget_page
    assert result_html(page, "budget") == expected_html("budget", api_inputs(BRANCH_BUDGET), page)
    text = plain(root.locator("[data-result]").inner_text())
    assert "Lisenskostnader ORG365" in text and "Lisenskostnader KL*AR" in text and "Sum lisenskostnader" in text
    # 3 × E1 (10 800) + 6 × F3 (6 600) + 1 × E3 (5 000) = 22 400; KL*AR 12 × 1 234 × 1 = 14 808
    assert "22 400 kr" in text and "14 808 kr" in text and "37 208 kr" in text


def test_csv_download_opens_in_norwegian_excel(budget_page, tmp_path):
    page, root = budget_page
    raw = save_download(page, root, "Last ned CSV", "lisensbudsjett-2026.csv", tmp_path / "budget.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM"
    text = raw[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0][0] == "Post" and len(rows[0]) == 6
    lines = {r[0]: r for r in rows[1:] if r and r[0]}
    def num(s):
        assert re.fullmatch(r"-?\d+,\d\d", s), s
        return Decimal(s.replace(",", "."))
    org, klar, total = lines["Lisenskostnader ORG365"], lines["Lisenskostnader KL*AR"], lines["Sum lisenskostnader"]
    # By hand: ORG365 22 400 for the whole year, 5 600 a quarter (E1 10 800, F3 6 600 and
    # E3 5 000, each a quarter of it: 2 700 + 1 650 + 1 250); KL*AR 1 234 × 12 × 1 kr =
    # 14 808, 1 234 × 3 = 3 702 a quarter; in all 37 208, 9 302 a quarter.
    assert [num(v) for v in org[1:6]] == [Decimal("22400.00")] + [Decimal("5600.00")] * 4
    assert [num(v) for v in klar[1:6]] == [Decimal("14808.00")] + [Decimal("3702.00")] * 4
    assert [num(v) for v in total[1:6]] == [Decimal("37208.00")] + [Decimal("9302.00")] * 4


def test_budget_prints_on_one_a4_page(budget_page, tmp_path):
    page, root = budget_page
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for needle in ("Lisenskostnader ORG365", "Lisenskostnader KL*AR", "Sum lisenskostnader", "rundskriv 19/24"):
        assert needle in text, needle
    assert "Legg til person" not in text and "Last ned CSV" not in text and "Søk" not in text
    assert re.search(r"Laget \d{1,2}\. \w+ \d{4}", text), "the print carries a date"


def test_printing_writes_the_day_it_is_printed_not_the_build_date(page, origin):
    page.clock.install(time=datetime(2031, 3, 1, 12, 0))  # the page's today; time flows from there
    root = open_calc(page, origin, "kalkulatorer/budsjett/", "budget")
    date = root.page.locator("[data-print-date]")
    assert date.count() == 1
    assert date.text_content() != "1. mars 2031"  # the build date, written into the page
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert date.text_content() == "1. mars 2031"


def test_reload_keeps_inputs(budget_page):
    page, root = budget_page
    page.reload()
    wait_live(page, "budget")
    root = calc(page, "budget")
    assert root.get_by_label("Fylkeskrets").input_value() == "Vestland"
    assert root.locator('[data-rows="org365.holders"] [data-row-list] > [data-row]').count() == 10
    assert result_html(page, "budget") == expected_html("budget", api_inputs(BRANCH_BUDGET), page)


def test_share_link_shows_the_same_budget_on_another_machine(budget_page, browser, origin):
    page, root = budget_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    root.get_by_role("button", name="Del lenke").click()
    page.wait_for_function("() => document.querySelector('[data-live]').textContent.includes('Lenken er kopiert')")
    link = root.get_by_label("Lenke som viser disse inndataene").input_value()
    assert link.startswith(f"{origin}/kalkulatorer/budsjett/#inndata-budget=")

    other, watch = open_context(browser, origin)  # a fresh browser: no storage, no cache
    try:
        p2 = other.new_page()
        p2.goto(link)
        wait_live(p2, "budget")
        assert calc(p2, "budget").get_by_label("Fylkeskrets").input_value() == "Vestland"
        assert result_html(p2, "budget") == expected_html("budget", api_inputs(BRANCH_BUDGET), p2)
        assert "#inndata" not in p2.url  # used once, then kept in this browser's storage
    finally:
        other.close()
    watch.check()


def test_share_link_wins_over_stored_inputs(page, origin):
    root = open_calc(page, origin, "kalkulatorer/klar/", "klar")
    submit(page, root, "klar", lambda: fill_klar(page, root, {"year": "2025", "county": "Agder", "members": "40"}))
    root.get_by_role("button", name="Del lenke").click()
    link = root.get_by_label("Lenke som viser disse inndataene").input_value()
    submit(page, root, "klar", lambda: fill_text(root, "Fylkeskrets", "Troms"))  # now stored: Troms

    # The link opened in another tab of the same browser, which has Troms stored.
    tab = page.context.new_page()
    tab.goto(link)
    wait_live(tab, "klar")
    assert calc(tab, "klar").get_by_label("Fylkeskrets").input_value() == "Agder"
    assert "Agder" in calc(tab, "klar").locator("[data-result]").inner_text()
    tab.close()

    # The link opened on the page itself: only the fragment changes. (Material may then
    # re-render the page, whose new form starts again; what the reader ends with counts.)
    submit(page, root, "klar", lambda: fill_text(root, "Fylkeskrets", "Troms"))
    page.goto(link)
    expect(calc(page, "klar").get_by_label("Fylkeskrets")).to_have_value("Agder", timeout=15_000)
    page.reload()  # and the link's inputs are now the stored ones
    wait_live(page, "klar")
    assert calc(page, "klar").get_by_label("Fylkeskrets").input_value() == "Agder"
    assert "Agder" in calc(page, "klar").locator("[data-result]").inner_text()


def test_one_worker_across_all_calculator_pages(page, origin, watch):
    open_calc(page, origin, "kalkulatorer/org365/", "org365")
    for link, name in (("KL*AR-belastning", "klar"), ("Lisensbudsjett for årsmøtet", "budget"), ("Lønnssjekk FO", "fo_pay"),
                       ("ORG365-lisenser", "org365")):
        page.get_by_role("navigation").get_by_role("link", name=link).first.click()
        wait_live(page, name)
    ours = [w for w in watch.workers if w.endswith("/js/worker.mjs")]
    assert len(ours) == 1
    assert sum(u.endswith("pyodide.asm.wasm") for u in watch.page_requests) == 1  # the service worker keeps its own copy
