"""A calculator whose runtime arrives after the start timeout: the page first says it could
not start (within the bounded time), then comes alive when the runtime does arrive."""

from __future__ import annotations

from tests.browser.conftest import open_context, wait_live
from tests.browser.helpers import calc


def test_a_late_start_after_the_timeout_still_brings_the_calculator_alive(browser, server, origin):
    context, watch = open_context(browser, origin)
    held = []
    # Hold the WebAssembly runtime back (the worker's request goes through the context).
    context.route("**/pyodide.asm.wasm*", lambda route: held.append(route))
    page = context.new_page()
    page.clock.install()
    page.goto(f"{origin}/kalkulatorer/klar/")
    root = calc(page, "klar")
    page.wait_for_function("() => document.querySelector('[data-calc=klar]').dataset.state === 'loading'")
    page.clock.run_for(11_000)  # past the start timeout, on the page's clock
    page.wait_for_function("() => document.querySelector('[data-calc=klar]').dataset.state === 'failed'")
    assert "Kalkulatoren startet ikke innen 10 sekunder" in root.locator("[data-status]").inner_text()
    assert held, "the runtime was requested"
    for route in held:
        route.continue_()
    context.unroute("**/pyodide.asm.wasm*")
    wait_live(page, "klar", timeout=120_000)
    assert root.locator("[data-status]").is_hidden()
    assert "KL*AR" in root.locator("[data-result]").inner_text()
    context.close()
    watch.check()
