"""When the live calculator cannot start, each calculator says so in plain Norwegian
within 10 seconds, and the guidance and the build-time result stay usable."""

from __future__ import annotations

import time

import pytest

from site_build.serve import serve_in_thread
from tests.browser.conftest import open_context
from tests.browser.helpers import calc
from tests.browser.sites import copy_site, rewrite_policy

PAGE = "kalkulatorer/budsjett/"
LIMIT_S = 10.5  # the client gives up after 10 s; a little slack for the test's own polling


def stall(route):
    """Never answer: the request hangs as on a stalled network."""


FAULTS = {
    "wasm-blocked": ("**/pyodide.asm.wasm", lambda route: route.abort("blockedbyclient")),
    "stdlib-missing": ("**/python_stdlib.zip", lambda route: route.fulfill(status=404, body="not found")),
    "worker-script-fails": ("**/js/worker.mjs", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body="throw new Error('broken worker');")),
    "worker-script-missing": ("**/js/worker.mjs", lambda route: route.fulfill(status=404, body="")),
    "network-stalled": ("**/pyodide.asm.wasm", stall),
    "lockfile-missing": ("**/pyodide-lock.json", lambda route: route.fulfill(status=404, body="")),
}


def assert_explained(page, started: float, reason: str = "") -> None:
    page.wait_for_function(
        "() => { const all = [...document.querySelectorAll('[data-calc]')];"
        " return all.length > 0 && all.every(el => el.dataset.state === 'failed'); }",
        timeout=LIMIT_S * 1000,
    )
    assert time.monotonic() - started <= LIMIT_S + 1
    root = calc(page, "budget")
    status = root.locator("[data-status]")
    assert status.is_visible()
    text = status.inner_text()
    assert text.startswith("Kalkulatoren kunne ikke starte i nettleseren.")
    assert "eksempelverdiene" in text
    assert reason in text
    assert "Sum lisenskostnader" in root.locator("[data-result]").inner_text()  # build-time result stays
    assert page.get_by_role("heading", name="Lisensbudsjett for årsmøtet").is_visible()
    page.get_by_role("navigation").get_by_role("link", name="Etterlønn").first.click()  # guidance still works
    page.get_by_role("heading", name="Etterlønn", level=1).wait_for()


@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_failure_is_explained_within_ten_seconds(browser, server, origin, fault):
    pattern, handler = FAULTS[fault]
    context, watch = open_context(browser, origin)
    watch.allow_console(r".")  # the browser reports the failed load itself; that is the point
    context.route(pattern, handler)
    page = context.new_page()
    try:
        started = time.monotonic()
        page.goto(f"{origin}/{PAGE}", wait_until="commit")
        assert_explained(page, started)
    finally:
        context.close()
    assert not watch.foreign
    if fault != "lockfile-missing":
        # Pyodide parses the missing lockfile's empty body in a promise it never awaits;
        # that rejection is Pyodide's own and surfaces as an uncaught error in the worker.
        assert not watch.page_errors


def test_webassembly_refused_by_the_policy_is_explained(browser, built_site, tmp_path):
    """With 'wasm-unsafe-eval' missing from the header policy, loadPyodide neither resolves
    nor rejects; only the client's own timeout can tell the reader."""
    site = copy_site(built_site, tmp_path / "site")
    rewrite_policy(site, lambda p: p.replace(" 'wasm-unsafe-eval'", ""))
    srv = serve_in_thread(site, 0, csp=True)
    origin = f"http://127.0.0.1:{srv.server_port}"
    context, watch = open_context(browser, origin)
    watch.allow_console(r"WebAssembly|Content Security Policy|wasm")
    page = context.new_page()
    try:
        started = time.monotonic()
        page.goto(f"{origin}/{PAGE}", wait_until="commit")
        assert_explained(page, started, reason="10 sekunder")
    finally:
        context.close()
        srv.shutdown()
    assert not watch.foreign and not watch.page_errors


def test_no_webassembly_at_all_is_explained_at_once(browser, server, origin):
    context, watch = open_context(browser, origin)
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    try:
        started = time.monotonic()
        page.goto(f"{origin}/{PAGE}", wait_until="commit")
        assert_explained(page, started)
        assert time.monotonic() - started < 5
    finally:
        context.close()
    watch.check()
