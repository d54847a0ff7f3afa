"""The calculators' scripts when things go wrong or fast: a computation the worker cannot
answer, edits faster than the worker, storage or clipboard refused, a share link for
another calculator, a row limit taken from the markup, and «Start på nytt».

Expected texts are written here by hand. Tests wait for attributes and texts, never for
a fixed time."""

from __future__ import annotations

import base64
import json

import pytest
from playwright.sync_api import Page, expect

from calculators.api import run
from calculators.machinery.view import render
from macros.forms import _api_inputs, default_inputs
from tests.browser.conftest import open_context, wait_live
from tests.browser.helpers import result_markup, calc, open_calc, runs, settle, site_root

pytestmark = pytest.mark.warm

ORG365 = "kalkulatorer/org365/"
YEAR = "Budsjettår"
CALL_FAILED = ("Resultatet under gjelder ikke det du har skrevet nå: kalkulatoren klarte ikke å regne ut dette. "
               "Prøv igjen, eller kontroller feltene.")
STORAGE_FAILED = ("Nettleseren lar ikke kalkulatoren lagre det du skriver, så det blir ikke med hvis du laster "
                  "siden på nytt. Kalkulatoren virker ellers som vanlig.")
RESET_DONE = "Skjemaet er tilbakestilt til eksempelverdiene. Det du hadde skrevet, er slettet fra denne nettleseren."


def b64url(data: dict) -> str:
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def calculator_worker(page: Page):
    return next(w for w in page.workers if w.url.split("?")[0].endswith("/js/worker.mjs"))


def wait_idle(page: Page, name: str) -> None:
    page.wait_for_function(
        "name => document.querySelector(`[data-calc=\"${name}\"]`).dataset.busy === 'false'", arg=name)


def live(page: Page, name: str) -> str:
    return calc(page, name).locator("[data-live]").inner_text()


# --- a computation the worker cannot answer ---------------------------------------------

# Installed in the calculators' worker: messages for the year 2099 go to the worker's own
# handler with inputs it cannot serialise (so worker.mjs answers {ok: false} as it does
# when Python raises), or are answered with a result that has no output to show.
BREAK_2099 = {
    "the worker reports a failure": """() => {
      const real = self.onmessage;
      self.onmessage = (e) => e.data?.inputs?.year === '2099'
        ? real.call(self, { data: { ...e.data, inputs: { year: 2099n } } }) : real.call(self, e);
    }""",
    "the answer cannot be shown": """() => {
      const real = self.onmessage;
      self.onmessage = (e) => e.data?.inputs?.year === '2099'
        ? postMessage({ id: e.data.id, ok: true, data: { html: '<p>?</p>' } }) : real.call(self, e);
    }""",
}


@pytest.mark.parametrize("fault", list(BREAK_2099))
def test_a_failed_computation_marks_the_result_and_says_so(page, origin, fault):
    root = open_calc(page, origin, ORG365, "org365")
    result = root.locator("[data-result]")
    before_html = result.inner_html()
    calculator_worker(page).evaluate(BREAK_2099[fault])

    root.get_by_label(YEAR, exact=True).fill("2099")
    page.wait_for_function(
        "() => document.querySelector('[data-calc=\"org365\"] [data-result]').classList.contains('calc-result--stale')")
    wait_idle(page, "org365")
    assert result.get_attribute("data-stale-text") == CALL_FAILED
    assert CALL_FAILED in live(page, "org365")
    assert result.inner_html() == before_html  # still there, but marked as not matching
    assert root.get_by_label(YEAR, exact=True).input_value() == "2099"

    before = runs(page, "org365")
    root.get_by_label(YEAR, exact=True).fill("2031")
    settle(page, "org365", before)
    assert "calc-result--stale" not in (result.get_attribute("class") or "")
    assert "ORG365-lisenser 2031" in live(page, "org365")
    assert CALL_FAILED not in live(page, "org365")


# --- edits faster than the worker ---------------------------------------------------------

def test_fast_edits_during_one_computation_cost_at_most_one_more(page, origin):
    root = open_calc(page, origin, ORG365, "org365")
    worker = calculator_worker(page)
    worker.evaluate("() => { self.__calls = 0; self.addEventListener('message', () => { self.__calls += 1; }); }")
    before = runs(page, "org365")
    # Twenty edits, the first starting a computation and the others arriving while it runs.
    busy_during = root.evaluate("""root => {
      const field = root.querySelector('[data-key="start_month"]');
      const values = ['1', '12', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '1', '2', '3', '4', '5', '6', '7'];
      const busy = [];
      for (const v of values) {
        field.value = v;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        busy.push(root.dataset.busy);
      }
      return busy;
    }""")
    assert set(busy_during) == {"true"}
    settle(page, "org365", before)
    calls = worker.evaluate("() => self.__calls")
    assert 1 <= calls <= 2, f"{calls} computations for one burst of edits"
    assert runs(page, "org365") - before == calls
    # The result is the last edit's.
    assert root.get_by_label("Første måned med lisenskostnad (1–12)", exact=True).input_value() == "7"
    inputs = {**_api_inputs(default_inputs("org365")), "start_month": "7"}
    assert result_markup(root) == render("org365", run("org365", inputs), root=site_root(page))["html"]


# --- storage and clipboard refused --------------------------------------------------------

BLOCK_STORAGE = """Storage.prototype.setItem = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};"""


def test_blocked_storage_is_said_once_and_the_calculator_keeps_working(browser, server, origin):
    context, watch = open_context(browser, origin)
    context.add_init_script(BLOCK_STORAGE)
    page = context.new_page()
    try:
        root = open_calc(page, origin, ORG365, "org365")
        notice = root.locator("[data-notice]")
        assert notice.is_hidden()
        notice.evaluate("""el => { window.__noticeChanges = 0;
          new MutationObserver((m) => { window.__noticeChanges += m.length; })
            .observe(el, { childList: true, characterData: true, subtree: true, attributes: true }); }""")
        for year in ("2030", "2031"):
            before = runs(page, "org365")
            root.get_by_label(YEAR, exact=True).fill(year)
            settle(page, "org365", before)
            assert f"ORG365-lisenser {year}" in live(page, "org365")
        assert notice.is_visible()
        assert notice.inner_text() == STORAGE_FAILED
        # Said once: the text went in once (text and hidden attribute), not again on the second edit.
        assert page.evaluate("() => window.__noticeChanges") <= 2
        assert page.evaluate("() => localStorage.getItem('calc:v1:org365')") is None
    finally:
        context.close()
    watch.check()


def test_refused_clipboard_still_shows_the_link(browser, server, origin):
    """The page served with a Permissions-Policy that refuses clipboard writing, as a host
    or an embedding page may: the link stands in the field, and the reader is told so."""
    context, watch = open_context(browser, origin)

    def no_clipboard(route):
        response = route.fetch()
        # The body Playwright hands over is decoded: drop the server's encoding headers with it.
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-encoding", "content-length")}
        route.fulfill(response=response, headers={**headers, "permissions-policy": "clipboard-write=()"})

    context.route(f"{origin}/{ORG365}", no_clipboard)
    watch.allow_console(r"^Permissions policy violation: The Clipboard API has been blocked")  # Chromium's own report
    page = context.new_page()
    try:
        root = open_calc(page, origin, ORG365, "org365")
        assert page.evaluate("() => document.featurePolicy.allowsFeature('clipboard-write')") is False
        before = runs(page, "org365")
        root.get_by_label(YEAR, exact=True).fill("2031")
        settle(page, "org365", before)
        # The click takes the focus from the year field, whose change event then fires: it
        # changes nothing the calculator reads, so no new result replaces what the share
        # button says.
        root.get_by_role("button", name="Del lenke").click()
        page.wait_for_function(
            "() => document.querySelector('[data-calc=\"org365\"] [data-live]').textContent.includes('Lenken står i feltet')")
        assert live(page, "org365") == "Lenken står i feltet under. Kopier den og send den videre."
        field = root.get_by_label("Lenke som viser disse inndataene")
        assert field.is_visible()
        assert field.input_value().startswith(f"{origin}/{ORG365}#inndata-org365=")
        assert field.evaluate("el => el === document.activeElement")
    finally:
        # A route handler still running (a late request of the page or its service worker)
        # must not fail after the context is gone, in whatever test runs next.
        context.unroute_all(behavior="ignoreErrors")
        context.close()
    watch.check()


# --- a share link for another calculator --------------------------------------------------

KLAR_LINK = b64url({"fields": {"year": "2026", "county": "Agder", "members_mode": "single", "members": "40"}, "rows": {}})


def test_a_link_for_another_calculator_leaves_this_one_alone(page, origin, watch):
    root = open_calc(page, origin, ORG365, "org365")
    before = runs(page, "org365")
    root.get_by_label(YEAR, exact=True).fill("2031")
    settle(page, "org365", before)
    saved = page.evaluate("() => localStorage.getItem('calc:v1:org365')")

    page.goto(f"{origin}/{ORG365}#inndata-klar={KLAR_LINK}")  # the same page: only the fragment changes
    page.reload()  # and opened afresh, as from an e-mail
    wait_live(page, "org365")
    root = calc(page, "org365")
    assert root.get_by_label(YEAR, exact=True).input_value() == "2031"
    assert root.locator('[data-rows="holders"] [data-row]').count() == 3
    assert root.locator("[data-notice]").is_hidden()
    assert "ORG365-lisenser 2031" in live(page, "org365")
    assert page.evaluate("() => localStorage.getItem('calc:v1:org365')") == saved
    assert page.evaluate("() => localStorage.getItem('calc:v1:klar')") is None


# --- the row limit is the markup's -------------------------------------------------------

def test_the_row_limit_comes_from_the_markup(browser, server, origin):
    """The page served with data-max-rows="4": the add button stops at four rows, and a
    link with five is refused while one with four is used."""
    context, watch = open_context(browser, origin)

    def four_rows(route):
        response = route.fetch()
        body = response.text()
        assert 'data-max-rows="200"' in body
        route.fulfill(response=response, body=body.replace('data-max-rows="200"', 'data-max-rows="4"'))

    context.route(f"{origin}/{ORG365}", four_rows)
    page = context.new_page()
    holder = {"role": "tillitsvalgt", "license": "F3", "needs_shared_mailbox": False, "needs_shared_area": False}
    try:
        root = open_calc(page, origin, ORG365, "org365")
        add = root.get_by_role("button", name="Legg til person")
        rows = root.locator('[data-rows="holders"] [data-row]')
        assert rows.count() == 3 and add.is_enabled()
        add.click()
        assert rows.count() == 4
        assert add.is_disabled()

        page.goto(f"{origin}/{ORG365}#inndata-org365=" + b64url({"fields": {"year": "2030"}, "rows": {"holders": [holder] * 5}}))
        # Retried until they hold: Material may render the page afresh on the fragment change.
        expect(root.locator("[data-notice]")).to_have_text("Lenken du åpnet, inneholdt ugyldige inndata og ble ikke brukt.")
        expect(root.get_by_label(YEAR, exact=True)).not_to_have_value("2030")

        page.goto(f"{origin}/{ORG365}#inndata-org365=" + b64url({"fields": {"year": "2031"}, "rows": {"holders": [holder] * 4}}))
        # Material may render the page afresh on the fragment change (and the new form takes
        # the link again): wait for a form that shows it, rows and result.
        page.wait_for_function("""() => { const el = document.querySelector('[data-calc="org365"]');
          return el && el.querySelector('[data-key="year"]').value === '2031' && el.dataset.busy === 'false'
            && el.querySelectorAll('[data-rows="holders"] [data-row]').length === 4
            && el.querySelector('[data-live]').textContent.includes('ORG365-lisenser 2031'); }""", timeout=15_000)
        expect(rows).to_have_count(4)
    finally:
        # A route handler still running (a late request of the page or its service worker)
        # must not fail after the context is gone, in whatever test runs next.
        context.unroute_all(behavior="ignoreErrors")
        context.close()
    watch.check()


# --- «Start på nytt» ------------------------------------------------------------------------

def test_start_again_brings_back_the_example(page, origin, watch):
    root = open_calc(page, origin, ORG365, "org365")
    example_year = root.get_by_label(YEAR, exact=True).input_value()
    example_result = root.locator("[data-result]").inner_html()
    assert example_year == "2027"

    before = runs(page, "org365")
    root.get_by_label(YEAR, exact=True).fill("2031")
    root.get_by_role("button", name="Legg til person").click()
    settle(page, "org365", before)
    page.reload()
    wait_live(page, "org365")
    root = calc(page, "org365")
    assert root.get_by_label(YEAR, exact=True).input_value() == "2031"  # the inputs survived
    assert root.locator('[data-rows="holders"] [data-row]').count() == 4

    actions = root.locator(".calc-actions button")
    names = [actions.nth(i).inner_text() for i in range(actions.count())]
    assert names[names.index("Del lenke") + 1] == "Start på nytt"
    before = runs(page, "org365")
    root.get_by_role("button", name="Start på nytt").click()
    settle(page, "org365", before)
    assert root.get_by_label(YEAR, exact=True).input_value() == "2027"
    assert root.locator('[data-rows="holders"] [data-row]').count() == 3
    assert root.locator("[data-result]").inner_html() == example_result
    assert page.evaluate("() => localStorage.getItem('calc:v1:org365')") is None
    assert live(page, "org365").startswith(RESET_DONE)
    page.reload()  # nothing saved: the example again
    wait_live(page, "org365")
    assert calc(page, "org365").get_by_label(YEAR, exact=True).input_value() == "2027"


CALCULATOR_PAGES = [
    ("kalkulatorer/org365/", "org365"), ("kalkulatorer/klar/", "klar"), ("kalkulatorer/budsjett/", "budget"),
    ("kalkulatorer/fo-lonn/", "fo_pay"), ("fo/arbeidstid-ferie/", "fo_holidays"), ("fo/godtgjorelser/", "fo_bicycle"),
    ("fo/lan/", "fo_loan"), ("fo/opplaering/", "fo_training"), ("fo/etterlonn/", "fo_severance"),
    ("fo/arbeidsmiljo/", "fo_glasses"), ("fagforbundet/dekning/", "application"),
]


def test_every_calculator_can_start_again(page, origin, built_site):
    found = {name for _, name in CALCULATOR_PAGES}
    on_site = set()
    for f in built_site.rglob("*.html"):
        on_site |= {m.split('"')[1] for m in f.read_text(encoding="utf-8").split("data-calc=")[1:]}
    assert on_site == found
    for path, name in CALCULATOR_PAGES:
        page.goto(f"{origin}/{path}")
        page.wait_for_selector(f'[data-calc="{name}"][data-enhanced] [data-reset]', state="attached")
        share = calc(page, name).locator(".calc-actions [data-share]")
        assert share.evaluate("el => el.nextElementSibling.textContent") == "Start på nytt"


def test_the_scripts_contract_is_not_published(built_site):
    """docs/js/README.md documents the data-* contract for developers; the site leaves it out."""
    assert (built_site / "js" / "calc-form.mjs").exists()
    assert not (built_site / "js" / "README.md").exists()
    assert not (built_site / "js" / "index.html").exists()
    assert "Browser modules and their" not in (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
