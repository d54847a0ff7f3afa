"""Safari's engine: every calculator page of the build (found by `[data-calc]`) in
WebKitGTK's MiniBrowser, driven by Selenium through WebKitWebDriver on an Xvfb display
(MiniBrowser's `--headless` hangs the session). Each calculator becomes ready, takes one
edit and shows the new result; the site sends its header policy. Then the offline copy:
after one visit, with the server stopped (the network gone: WebKitWebDriver has no
network emulation, so the test takes the server away instead), pages and a calculator
still work from the service worker. And the page «Personvern»: its button deletes the
saved inputs, the offline copy and the service worker in WebKit too."""

from __future__ import annotations

import os
import subprocess
import time

import pytest
from selenium import webdriver
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from site_build.serve import serve_in_thread
from tests.browser.serving import calculator_pages

MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
WEBDRIVER = "/usr/bin/WebKitWebDriver"
MESSAGE = "Nettstedet kan nå brukes uten nett."

STATE = """
const el = document.querySelector(arguments[0]);
return el ? {state: el.dataset.state, computed: el.dataset.computed, busy: el.dataset.busy,
             runs: Number(el.dataset.runs || 0), result: el.querySelector('[data-result]').innerText} : null;
"""


@pytest.fixture(scope="module")
def display():
    """An Xvfb display of our own (its number chosen by Xvfb)."""
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def webkit(display):
    options = Options()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    service = Service(WEBDRIVER, env={**os.environ, "DISPLAY": display})
    driver = webdriver.WebKitGTK(options=options, service=service)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def wait_until(driver, check, timeout_s: float = 60):
    deadline = time.monotonic() + timeout_s
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, "WebKit: condition not reached"
        time.sleep(0.2)


def calc_state(driver, name: str) -> dict | None:
    return driver.execute_script(STATE, f'[data-calc="{name}"]')


def wait_ready(driver, name: str, after_runs: int = 0) -> dict:
    def ready():
        s = calc_state(driver, name)
        return s if s and s["state"] == "ready" and s["computed"] == "true" and s["busy"] == "false" and s["runs"] > after_runs else None
    return wait_until(driver, ready)


EDIT = """
// One edit, as a reader types it: the next number in a numeric field of the calculator.
const [name, index] = arguments;
const fields = [...document.querySelectorAll(`[data-calc="${name}"] input[data-key]`)]
  .filter((f) => f.offsetParent !== null && /^[\\d\\s]+$/.test(f.value.trim()));
const field = fields[index];
if (!field) return null;
field.focus();
field.value = String(Number(field.value.replace(/\\s/g, "")) + 1);
field.dispatchEvent(new Event("input", { bubbles: true }));
field.dispatchEvent(new Event("change", { bubbles: true }));
return field.dataset.key;
"""


def test_every_calculator_works_in_webkit(webkit, built_site):
    srv = serve_in_thread(built_site, 0, csp=True)
    origin = f"http://127.0.0.1:{srv.server_port}"
    pages = calculator_pages(built_site)
    assert len(pages) >= 8
    try:
        for path, name in pages:
            webkit.get(f"{origin}/{path}")
            before = wait_ready(webkit, name)
            changed = None
            for index in range(4):  # the first numeric field whose edit changes the result
                if webkit.execute_script(EDIT, name, index) is None:
                    break
                after = wait_ready(webkit, name, before["runs"])
                if after["result"] != before["result"] and after["result"].strip():
                    changed = after
                    break
                before = after
            assert changed, f"{path}: no edit changed the result"
    finally:
        srv.shutdown()


def test_the_offline_copy_works_in_webkit(webkit, built_site):
    srv = serve_in_thread(built_site, 0, csp=True)
    origin = f"http://127.0.0.1:{srv.server_port}"
    try:
        webkit.get(f"{origin}/kalkulatorer/org365/")
        wait_ready(webkit, "org365")
        said = wait_until(webkit, lambda: webkit.execute_script(
            "const el = document.querySelector('[data-offline-status]'); return el && el.textContent;"))
        assert said == MESSAGE
    finally:
        srv.shutdown()  # the network is gone
    webkit.get(f"{origin}/kalkulatorer/klar/")
    wait_ready(webkit, "klar")
    webkit.get(f"{origin}/ordliste/")
    assert "Ordliste" in webkit.find_element("css selector", "h1").text
    webkit.get(f"{origin}/kalkulatorer/org365/")
    state = wait_ready(webkit, "org365")
    assert state["result"].strip()


KEPT = """
const done = arguments[arguments.length - 1];
(async () => ({
  local: Object.keys(localStorage).sort(),
  caches: (await caches.keys()).sort(),
  workers: (await navigator.serviceWorker.getRegistrations()).length,
}))().then(done, (e) => done({error: String(e)}));
"""


def test_the_privacy_page_deletes_everything_in_webkit(webkit, built_site):
    srv = serve_in_thread(built_site, 0, csp=True)
    origin = f"http://127.0.0.1:{srv.server_port}"
    try:
        webkit.get(f"{origin}/kalkulatorer/org365/")
        before = wait_ready(webkit, "org365")
        assert webkit.execute_script(EDIT, "org365", 0) is not None
        wait_ready(webkit, "org365", before["runs"])
        wait_until(webkit, lambda: webkit.execute_script(  # the offline copy is made: ~13 MB, slow under load
            "const el = document.querySelector('[data-offline-status]'); return el && el.textContent;"), 120)
        kept = webkit.execute_async_script(KEPT)
        assert "calc:v1:org365" in kept["local"] and "offline-ready:/" in kept["local"], kept
        assert any(name.startswith("offline:/:") for name in kept["caches"]) and kept["workers"] == 1, kept

        webkit.get(f"{origin}/personvern/")
        button = wait_until(webkit, lambda: next(
            (b for b in webkit.find_elements("css selector", "[data-privacy-delete] button") if b.is_displayed()), None))
        assert button.text == "Slett alt nettstedet har lagret"
        button.click()
        said = wait_until(webkit, lambda: webkit.execute_script(
            "return document.querySelector('[data-privacy-status]').textContent;"))
        assert said.startswith("Slettet: lagrede inndata fra 1 kalkulator, "), said
        assert "kopien av nettstedet for bruk uten nett" in said and said.endswith(
            "tjenestearbeideren (service worker) som gjør at nettstedet virker uten nett."), said
        assert webkit.execute_async_script(KEPT) == {"local": [], "caches": [], "workers": 0}
    finally:
        srv.shutdown()
