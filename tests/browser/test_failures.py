"""When the live calculator cannot start, each calculator says so in plain Norwegian, by the
reason it failed or, when nothing answers, after 10 seconds; the guidance and the
build-time result stay usable.

No test reads the wall clock: the page runs on Playwright's clock. A fault that fails by
itself must show its own reason: the page's clock is paused once the calculator is loading,
so the client's start timeout cannot fire, however slow the machine. A fault where nothing
answers: the clock is moved 10 seconds forward once the calculator is loading, and the
timeout's reason must then show."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import open_context, served
from tests.browser.helpers import calc
from tests.browser.sites import copy_site, rewrite_policy
from tests.conftest import ROOT

PAGE = "kalkulatorer/budsjett/"
START = datetime(2031, 3, 1, 12, 0)
# The reasons the page gives (docs/js/worker-client.mjs), written out as the reader reads them.
LOAD = "Python-motoren eller kalkulatorpakken kunne ikke lastes eller ble avvist."
SCRIPT = "Programfilen til kalkulatoren kunne ikke lastes."
NO_WASM = "Nettleseren din kan ikke kjøre WebAssembly, som kalkulatoren trenger."
TIMEOUT = "Kalkulatoren startet ikke innen 10 sekunder."
INTEGRITY = "En av filene kalkulatoren trenger, var ikke den nettstedet publiserte, og ble avvist."
NPM_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"  # a standard library, not the build's


def stall(route):
    """Never answer: the request hangs as on a stalled network."""


# fault: (URL pattern, handler, the reason shown)
FAULTS = {
    "wasm-blocked": ("**/pyodide.asm.wasm", lambda route: route.abort("blockedbyclient"), LOAD),
    "wasm-corrupt": ("**/pyodide.asm.wasm", lambda route: route.fulfill(
        status=200, content_type="application/wasm", body=b"\0asm but not a module"), INTEGRITY),
    # The page's download and the worker's own: neither is the file the build lists.
    "stdlib-not-the-builds": ("**/python_stdlib*.zip", lambda route: route.fulfill(
        status=200, content_type="application/zip", body=NPM_STDLIB.read_bytes()), INTEGRITY),
    "lockfile-altered": ("**/pyodide-lock.json", lambda route: altered_lockfile(route), INTEGRITY),
    "stdlib-missing": ("**/python_stdlib*.zip", lambda route: route.fulfill(status=404, body="not found"), LOAD),
    "worker-script-fails": ("**/js/worker.mjs", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body="throw new Error('broken worker');"), SCRIPT),
    "worker-script-missing": ("**/js/worker.mjs", lambda route: route.fulfill(status=404, body=""), SCRIPT),
    "lockfile-missing": ("**/pyodide-lock.json", lambda route: route.fulfill(status=404, body=""), LOAD),
    "network-stalled": ("**/pyodide.asm.wasm", stall, TIMEOUT),
}


def altered_lockfile(route) -> None:
    """The build's lockfile with one byte more: same packages, same sha256s, not the file."""
    response = route.fetch()
    route.fulfill(response=response, body=response.body() + b"\n")


def open_page(page, origin: str):
    """The budget page on Playwright's clock (time flows as usual until told otherwise),
    once its calculator is loading."""
    page.clock.install(time=START)
    page.goto(f"{origin}/{PAGE}", wait_until="commit")
    page.locator('[data-calc="budget"]:is([data-state="loading"], [data-state="failed"])').wait_for(
        state="attached", timeout=60_000)
    return calc(page, "budget")


def pause_clock(page) -> None:
    """Stop the page's timers (the worker's own work goes on)."""
    for _ in range(10):  # the page's time moves on while we ask for it: aim a little ahead
        now = page.evaluate("() => Date.now()")
        try:
            page.clock.pause_at(datetime.fromtimestamp((now + 500) / 1000))
            return
        except PlaywrightError as err:
            if "to the past" not in str(err):
                raise
    raise AssertionError("could not pause the page's clock")


def failed(page, root, reason: str) -> None:
    """Wait (on the page's own attribute, not a clock) until the calculator failed."""
    page.locator('[data-calc="budget"][data-state="failed"]').wait_for(state="attached", timeout=60_000)
    status = root.locator("[data-status]")
    assert status.is_visible()
    text = status.inner_text()
    assert text.startswith("Kalkulatoren kunne ikke starte i nettleseren.")
    assert "eksempelverdiene" in text
    assert reason in text, text


def still_usable(page, root) -> None:
    assert "Sum lisenskostnader" in root.locator("[data-result]").inner_text()  # build-time result stays
    assert page.get_by_role("heading", name="Lisensbudsjett for årsmøtet").is_visible()
    page.clock.resume()
    page.get_by_role("navigation").get_by_role("link", name="Etterlønn").first.click()  # guidance still works
    page.get_by_role("heading", name="Etterlønn", level=1).wait_for()


def run_out_the_start_timeout(page) -> None:
    """Nothing answers: 10 s of page time make the calculator give up."""
    page.clock.fast_forward(10_000)


@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_failure_is_explained_by_its_reason_or_after_ten_seconds(browser, server, origin, fault):
    pattern, handler, reason = FAULTS[fault]
    context, watch = open_context(browser, origin)
    watch.allow_console(r".")  # the browser reports the failed load itself; that is the point
    context.route(pattern, handler)
    page = context.new_page()
    try:
        root = open_page(page, origin)
        if reason == TIMEOUT:
            run_out_the_start_timeout(page)
        else:
            pause_clock(page)
        failed(page, root, reason)
        still_usable(page, root)
    finally:
        context.close()
    assert not watch.foreign
    if fault != "lockfile-missing":
        # Pyodide parses the missing lockfile's empty body in a promise it never awaits;
        # that rejection is Pyodide's own and surfaces as an uncaught error in the worker.
        assert not watch.page_errors


def test_webassembly_refused_by_the_policy_is_explained(browser, built_site, tmp_path):
    """With 'wasm-unsafe-eval' missing from the header policy, the browser refuses to compile
    the runtime; the reader is told so at once, not after the start timeout."""
    site = copy_site(built_site, tmp_path / "site")
    rewrite_policy(site, lambda p: p.replace(" 'wasm-unsafe-eval'", ""))
    with served(browser, site, csp=True, check=False) as own:
        origin, watch = own.origin, own.watch
        watch.allow_console(r"WebAssembly|Content Security Policy|wasm")
        page = own.context.new_page()
        root = open_page(page, origin)
        pause_clock(page)
        failed(page, root, LOAD)
        still_usable(page, root)
    assert not watch.foreign and not watch.page_errors


def test_no_webassembly_at_all_is_explained_at_once(browser, server, origin):
    context, watch = open_context(browser, origin)
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    try:
        root = open_page(page, origin)
        pause_clock(page)
        failed(page, root, NO_WASM)
        still_usable(page, root)
    finally:
        context.close()
    watch.check()


def test_a_call_the_worker_never_answers_fails_after_sixty_seconds(browser, server, origin):
    """The Excel file needs XlsxWriter, whose download here never answers: after 60 s of
    the page's time the page gives up on the call and says so."""
    context, watch = open_context(browser, origin)
    watch.allow_console(r"xlsx|no answer|svarte ikke")
    context.route("**/xlsxwriter-*.whl", stall)
    page = context.new_page()
    try:
        page.clock.install(time=START)
        page.goto(f"{origin}/{PAGE}")
        page.locator('[data-calc="budget"][data-state="ready"][data-computed="true"]').wait_for(state="attached", timeout=60_000)
        root = calc(page, "budget")
        root.get_by_role("button", name="Last ned Excel-fil").click()
        page.wait_for_timeout(500)  # the worker is now waiting on the download
        assert "Excel-filen kunne ikke lages." not in root.locator("[data-live]").inner_text()
        page.clock.fast_forward(61_000)
        page.wait_for_function(
            "() => document.querySelector('[data-calc=\"budget\"] [data-live]').innerText.includes('Excel-filen kunne ikke lages. Prøv igjen.')",
            timeout=10_000)
        assert root.get_attribute("data-state") == "ready"  # the calculator itself still works
    finally:
        context.close()
    assert not watch.foreign and not watch.page_errors
