"""What the site keeps in the reader's browser, and the reader's control over it: the page
«Personvern» and its button «Slett alt nettstedet har lagret» (everything gone, and said
in a live region), the saving choice under each form (off: nothing typed is written, what
was saved is removed, only the choice is kept), and «Start på nytt» forgetting the inputs
everywhere they were kept. Expected texts are written here by hand."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import open_context, served, wait_live
from tests.browser.helpers import calc, open_calc, runs, settle
from tests.browser.serving import poll

ORG365 = "kalkulatorer/org365/"
YEAR = "Budsjettår"
SAVE = "Husk det jeg skriver til neste gang"
DELETE = "Slett alt nettstedet har lagret"
EVERYTHING_DELETED = (
    "Slettet: lagrede inndata fra 2 kalkulatorer, 3 innstillinger, kopien av nettstedet for bruk uten nett, "
    "minnebildet av kalkulatorene og tjenestearbeideren (service worker) som gjør at nettstedet virker uten nett."
)
NOTHING_DELETED = "Nettstedet hadde ikke lagret noe i denne nettleseren. Ingenting ble slettet."
SAVING_OFF = ("Det du skriver, lagres ikke lenger, og det som var lagret, er slettet. "
              "Nettleseren husker bare at du har slått av lagringen.")
SAVING_ON = "Det du skriver, lagres nå i denne nettleseren til du sletter det."

KEPT = """async () => ({
  local: Object.keys(localStorage).sort(),
  session: Object.keys(sessionStorage).sort(),
  caches: (await caches.keys()).sort(),
  workers: (await navigator.serviceWorker.getRegistrations()).map((r) => new URL(r.scope).pathname),
})"""


def type_year(page, root, name: str, year: str) -> None:
    before = runs(page, name)
    root.get_by_label(YEAR, exact=True).fill(year)
    settle(page, name, before)


def test_the_delete_button_deletes_everything_and_says_what(browser, built_site):
    with served(browser, built_site, csp=True) as own:  # the service worker and caches are this test's
        origin = own.origin
        page = own.context.new_page()
        root = open_calc(page, origin, ORG365, "org365")
        type_year(page, root, "org365", "2031")
        # Wait for everything the site keeps: the offline copy (said in its live region),
        # the memory snapshot, the service worker.
        poll(page, """async () => { const names = await caches.keys();
            return names.some((n) => n.startsWith('offline:/:')) && names.some((n) => n.startsWith('calculators-snapshot'))
              && (await navigator.serviceWorker.getRegistrations()).length === 1
              && localStorage.getItem('offline-ready:/') === '1'; }""")
        page.goto(f"{origin}/kalkulatorer/klar/")
        wait_live(page, "klar")
        before = runs(page, "klar")
        calc(page, "klar").get_by_label("År", exact=True).fill("2030")
        settle(page, "klar", before)
        page.evaluate("() => localStorage.setItem('unrelated', 'kept')")  # not the site's: left alone
        kept = page.evaluate(KEPT)
        assert kept["local"] == ["/.__palette", "calc:v1:klar", "calc:v1:org365", "offline-ready:/", "unrelated"]
        assert len(kept["caches"]) == 2 and kept["workers"] == ["/"]

        # Every page's footer leads to the page.
        page.get_by_role("navigation", name="Om nettstedet").get_by_role("link", name="Personvern").click()
        page.wait_for_selector("h1:has-text('Personvern')")
        # Turned off saving is a setting too: the third one.
        page.evaluate("() => localStorage.setItem('calc:save-inputs', 'off')")
        button = page.get_by_role("button", name=DELETE)
        button.click()
        status = page.get_by_role("status").filter(has_text="Slettet")
        status.wait_for(timeout=15_000)
        assert status.inner_text() == EVERYTHING_DELETED
        assert status.get_attribute("aria-live") == "polite"
        assert page.evaluate("() => document.activeElement.textContent") == DELETE  # focus stays on the button
        assert page.evaluate(KEPT) == {"local": ["unrelated"], "session": [], "caches": [], "workers": []}

        button.click()  # again: nothing left, and it says so
        page.get_by_role("status").filter(has_text=NOTHING_DELETED).wait_for(timeout=15_000)


def test_without_javascript_the_page_explains_how_to_delete(browser, server, origin):
    context, watch = open_context(browser, origin, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{origin}/personvern/")
        assert not page.get_by_role("button", name=DELETE).is_visible()
        section = page.locator("h3:has-text('Slik sletter du i nettleseren') + p")
        assert "slett data som er lagret for dette nettstedet" in section.inner_text()
        # Without the script nothing is saved, so the form does not say it is.
        page.goto(f"{origin}/{ORG365}")
        assert not page.get_by_text("Det du skriver, lagres bare i denne nettleseren.").is_visible()
        assert not page.get_by_label(SAVE).is_visible()
    finally:
        context.close()
    watch.check()


def test_saving_can_be_turned_off_and_the_choice_is_the_one_thing_kept(page, origin, watch):
    root = open_calc(page, origin, ORG365, "org365")
    notice = root.get_by_text("Det du skriver, lagres bare i denne nettleseren.")
    assert notice.is_visible()
    toggle = root.get_by_label(SAVE)
    assert toggle.is_checked()
    type_year(page, root, "org365", "2031")
    assert '"year":"2031"' in page.evaluate("() => localStorage.getItem('calc:v1:org365')")
    page.evaluate("() => localStorage.setItem('calc:v1:klar', '{}')")  # another calculator's inputs go too

    toggle.uncheck()
    assert root.locator("[data-save-status]").inner_text() == SAVING_OFF
    type_year(page, root, "org365", "2032")
    root.get_by_role("button", name="Legg til person").click()
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('calc:'))") == ["calc:save-inputs"]
    assert page.evaluate("() => localStorage.getItem('calc:save-inputs')") == "off"

    page.reload()
    wait_live(page, "org365")
    root = calc(page, "org365")
    assert root.get_by_label(YEAR, exact=True).input_value() == "2027"  # nothing was kept: the example
    assert not root.get_by_label(SAVE).is_checked()  # the choice was

    root.get_by_label(SAVE).check()
    assert root.locator("[data-save-status]").inner_text() == SAVING_ON
    assert '"year":"2027"' in page.evaluate("() => localStorage.getItem('calc:v1:org365')")
    assert page.evaluate("() => localStorage.getItem('calc:save-inputs')") is None


def test_start_again_forgets_the_inputs_everywhere(page, origin, watch):
    root = open_calc(page, origin, ORG365, "org365")
    type_year(page, root, "org365", "2031")
    page.evaluate("""() => {
        sessionStorage.setItem('calc:v1:org365', '{"fields":{"year":"2031"}}');
        localStorage.setItem('calc:v1:klar', '{"fields":{"year":"2030"}}');
        history.replaceState(null, '', location.pathname + '#inndata-org365=eyJmaWVsZHMiOnt9fQ');
    }""")
    before = runs(page, "org365")
    root.get_by_role("button", name="Start på nytt").click()
    settle(page, "org365", before)
    assert page.evaluate("() => localStorage.getItem('calc:v1:org365')") is None
    assert page.evaluate("() => sessionStorage.getItem('calc:v1:org365')") is None
    assert page.evaluate("() => location.hash") == ""
    # Another calculator's inputs are not this form's.
    assert page.evaluate("() => localStorage.getItem('calc:v1:klar')") == '{"fields":{"year":"2030"}}'
    assert root.locator("[data-live]").inner_text().startswith(
        "Skjemaet er tilbakestilt til eksempelverdiene. Det du hadde skrevet, er slettet fra denne nettleseren.")


def test_a_share_link_longer_than_a_page_accepts_is_not_made(page, origin, watch):
    """60 names of 5 000 characters (saved inputs may hold that much) make a link of about
    400 000 characters; a page accepts at most 200 000. The reader is told instead."""
    page.goto(f"{origin}/kalkulatorer/fo-lonn/")
    page.evaluate("""() => localStorage.setItem('calc:v1:fo_pay', JSON.stringify(
        {fields: {}, rows: {positions: Array.from({length: 60}, () => ({name: 'x'.repeat(5000)}))}}))""")
    page.reload()
    wait_live(page, "fo_pay")
    root = calc(page, "fo_pay")
    root.get_by_role("button", name="Del lenke").click()
    expect(root.locator("[data-live]")).to_have_text(
        "Det du har skrevet, er for langt til å deles som lenke. Gjør teksten i feltene kortere, "
        "eller fjern noen rader, og prøv igjen.")
    assert root.locator(".calc-share").is_hidden()
    assert root.locator("[data-share-url]").input_value() == ""
