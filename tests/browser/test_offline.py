"""Offline after the first visit: the service worker (sw.js at the site's root) keeps the
build the reader has seen. With the server gone, the guide, search and every calculator
work, under the header policy and under the meta policy alone. The site says so once,
politely. A new build is taken whole once no page of the old one is open, never mixed;
a file that does not match the build fails the install and the site stays on the network;
a cache that is gone falls back to the network."""

from __future__ import annotations

import shutil
import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from site_build import offline
from tests.browser.conftest import served, wait_live
from tests.browser.serving import RECORD_VIOLATIONS, calculator_pages, poll, violations

MESSAGE = "Nettstedet kan nå brukes uten nett."
ORG365 = "kalkulatorer/org365/"
STATUS = "[data-offline-status]"


def wait_offline_ready(page) -> None:
    """Until the page has said, in its live region, that the site works offline."""
    page.wait_for_function(
        "sel => { const el = document.querySelector(sel); return el && el.textContent.length > 0; }",
        arg=STATUS, timeout=60_000,
    )


def offline_caches(page) -> list[str]:
    return [n for n in page.evaluate("() => caches.keys()") if n.startswith("offline:")]


@pytest.mark.parametrize("headers", [True, False], ids=["header-policy", "meta-policy"])
def test_after_one_visit_everything_works_with_no_server(browser, built_site, headers):
    with served(browser, built_site, csp=headers) as own:
        origin = own.origin
        own.context.add_init_script(RECORD_VIOLATIONS)
        page = own.context.new_page()
        page.goto(f"{origin}/{ORG365}")
        wait_live(page, "org365")
        wait_offline_ready(page)
        status = page.locator(STATUS)
        assert status.inner_text() == MESSAGE
        assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
        assert offline_caches(page) == [f"offline:/:{build_id(built_site)}"]
        own.stop()  # the network is gone

        pages = calculator_pages(built_site) if headers else calculator_pages(built_site)[-3:]
        for path, name in pages:
            page.goto(f"{origin}/{path}")
            wait_live(page, name)
            assert violations(page) == [], (path, violations(page))
        for path, heading in (("", "Lisenser"), ("fo/opphor/", ""), ("ordliste/", "Ordliste")):
            page.goto(f"{origin}/{path}")
            assert heading in page.locator("h1").first.inner_text()
        page.locator(".md-search__input").click()
        page.keyboard.type("etterlønn", delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        # Said once: this visit's later pages did not repeat it.
        assert page.locator(STATUS).count() == 0
        assert violations(page) == []


def build_id(site) -> str:
    text = (site / "sw.js").read_text(encoding="utf-8")
    return text.split('const BUILD = {"id":"', 1)[1].split('"', 1)[0]


def wait_service_worker_active(context, build: str, timeout_s: float = 60) -> None:
    """Until the service worker of `build` (its `BUILD.id`) is the active one."""
    deadline = time.monotonic() + timeout_s
    while True:
        for worker in context.service_workers:
            try:
                if worker.evaluate("id => BUILD.id === id && self.serviceWorker.state === 'activated'", build):
                    return
            except PlaywrightError:
                pass  # a worker of the old build that has just been stopped
        assert time.monotonic() < deadline, f"the service worker of build {build} never became active"
        time.sleep(0.1)


def second_build(built_site, dest):
    """A copy of the build with one page changed and its service worker written anew."""
    site = shutil.copytree(built_site, dest)
    page = site / "ordliste" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (ny utgave)</h1>", 1), encoding="utf-8")
    offline.write_service_worker(site)
    assert build_id(site) != build_id(built_site)
    return site


def test_a_new_build_is_taken_whole_once_the_old_one_is_closed(browser, built_site, tmp_path):
    new = second_build(built_site, tmp_path / "new")
    with served(browser, built_site) as own:
        origin = own.origin
        page = own.context.new_page()
        page.goto(f"{origin}/{ORG365}")
        wait_live(page, "org365")
        wait_offline_ready(page)
        own.deploy(new)

        # While a page of the old build is open, every page is the old build's.
        page.goto(f"{origin}/ordliste/")
        assert "(ny utgave)" not in page.locator("h1").first.inner_text()
        page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update())")
        poll(page, "() => navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)")
        page.goto(f"{origin}/ordliste/")
        assert "(ny utgave)" not in page.locator("h1").first.inner_text()
        page.close()

        # No page of the old build open: the waiting build takes over. (A page opened
        # before the browser has let the old build go would be the old build's again, as a
        # reader's would: the next visit is the one after the switch.)
        wait_service_worker_active(own.context, build_id(new))
        page = own.context.new_page()
        page.goto(f"{origin}/")
        poll(page, "id => caches.keys().then((k) => k.filter((n) => n.startsWith('offline:')).join() === 'offline:/:' + id)",
             build_id(new))
        page.goto(f"{origin}/ordliste/")
        assert "(ny utgave)" in page.locator("h1").first.inner_text()
        own.stop()
        page.goto(f"{origin}/ordliste/")  # and offline, the new build
        assert "(ny utgave)" in page.locator("h1").first.inner_text()


def test_a_file_of_another_build_fails_the_install_and_the_site_stays_online(browser, built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "mixed")
    index = site / "search" / "search_index.json"
    index.write_text(index.read_text(encoding="utf-8").replace("Ordliste", "Ordliste (annen utgave)", 1), encoding="utf-8")
    with served(browser, site) as own:
        origin = own.origin
        page = own.context.new_page()
        page.goto(f"{origin}/{ORG365}")
        wait_live(page, "org365")
        state = page.evaluate(
            """() => new Promise((resolve) => {
                 const watchWorker = (sw) => {
                   if (["redundant", "activated"].includes(sw.state)) return resolve(sw.state);
                   sw.addEventListener("statechange", () => watchWorker(sw));
                 };
                 const look = () => navigator.serviceWorker.getRegistration().then((r) => {
                   const sw = r && (r.installing || r.waiting || r.active);
                   if (sw) watchWorker(sw); else setTimeout(look, 100);
                 });
                 look();
               })"""
        )
        assert state == "redundant"
        assert offline_caches(page) == []
        page.reload()
        wait_live(page, "org365")  # from the network, as before
        assert page.locator(STATUS).count() == 0


def test_a_cache_that_is_gone_falls_back_to_the_network(browser, built_site):
    with served(browser, built_site) as own:
        origin = own.origin
        page = own.context.new_page()
        page.goto(f"{origin}/{ORG365}")
        wait_live(page, "org365")
        wait_offline_ready(page)
        (name,) = offline_caches(page)
        assert page.evaluate("n => caches.delete(n)", name)
        page.goto(f"{origin}/kalkulatorer/klar/")
        wait_live(page, "klar")
        assert page.evaluate("() => !!navigator.serviceWorker.controller")  # served by it, from the network


def test_a_reader_of_text_pages_gets_the_guide_offline_and_nothing_of_pyodide(browser, built_site):
    with served(browser, built_site) as own:
        origin, watch = own.origin, own.watch
        page = own.context.new_page()
        page.goto(f"{origin}/fo/")
        poll(page, "() => navigator.serviceWorker.ready.then((r) => !!r.active)")
        (name,) = offline_caches(page)
        poll(page, "n => caches.open(n).then((c) => c.match(new URL('search/search_index.json', location.origin + '/').href)).then((r) => !!r)", name)
        kept = page.evaluate("n => caches.open(n).then((c) => c.keys()).then((k) => k.map((r) => new URL(r.url).pathname))", name)
        assert "/ordliste/" in kept and "/fo/lan/" in kept
        assert not [u for u in kept if u.startswith(("/pyodide/", "/js/worker"))]
        assert not [u for u in watch.requests if "/pyodide/" in u or "/js/worker" in u]  # page and service worker
        assert page.locator(STATUS).count() == 0  # not complete: nothing said
        own.stop()
        page.goto(f"{origin}/ordliste/")  # the guide, offline
        assert "Ordliste" in page.locator("h1").first.inner_text()


def test_a_tampered_cache_entry_is_not_served(browser, built_site):
    """Cache Storage can be written by any script of the origin: the service worker checks
    a stored copy against the build's sha256 before it serves it."""
    with served(browser, built_site) as own:
        origin = own.origin
        page = own.context.new_page()
        page.goto(f"{origin}/{ORG365}")
        wait_live(page, "org365")
        wait_offline_ready(page)
        (name,) = offline_caches(page)
        page.evaluate(
            """async ([name, url]) => {
              const cache = await caches.open(name);
              const kept = await (await cache.match(url)).text();
              await cache.put(url, new Response(kept.replace("</h1>", " (forfalsket)</h1>"), { headers: { "content-type": "text/html; charset=utf-8" } }));
            }""",
            [name, f"{origin}/ordliste/"],
        )
        page.goto(f"{origin}/ordliste/")
        heading = page.locator("h1").first.inner_text()
        assert "Ordliste" in heading and "(forfalsket)" not in heading
        assert page.evaluate("() => !!navigator.serviceWorker.controller")  # it was the service worker's answer
        assert not page.evaluate("([n, u]) => caches.open(n).then((c) => c.match(u)).then((r) => !!r)", [name, f"{origin}/ordliste/"])


def ask_service_worker(page, message_type: str) -> dict:
    return page.evaluate(
        """(type) => navigator.serviceWorker.ready.then((r) => new Promise((resolve) => {
             const channel = new MessageChannel();
             channel.port1.onmessage = (event) => resolve(event.data);
             r.active.postMessage({ type }, [channel.port2]);
           }))""",
        message_type,
    )


def test_a_half_made_offline_copy_is_dropped(browser, built_site, tmp_path):
    """The wheel on the server is not the build's: the calculators' files cannot all be
    kept, and none of those stored before the failure stay."""
    site = shutil.copytree(built_site, tmp_path / "site")
    wheel = next((site / "pyodide").rglob("calculators-*.whl"))
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    for copy in (wheel.with_name(wheel.name + ".br"), wheel.with_name(wheel.name + ".gz")):
        copy.unlink(missing_ok=True)
    with served(browser, site, check=False) as own:
        origin, watch = own.origin, own.watch
        watch.allow_console(r"integrity|sha256|calculators|Failed to fetch|offline copy")
        page = own.context.new_page()
        page.goto(f"{origin}/{ORG365}")
        page.locator('[data-calc="org365"][data-state="failed"]').wait_for(state="attached", timeout=60_000)
        poll(page, "() => navigator.serviceWorker.ready.then((r) => !!r.active)")
        answer = ask_service_worker(page, "keep-calculators")
        (name,) = offline_caches(page)
        kept = page.evaluate("n => caches.open(n).then((c) => c.keys()).then((k) => k.map((r) => new URL(r.url).pathname))", name)
        assert "/ordliste/" in kept  # the guide stays
        assert [u for u in kept if u.startswith(("/pyodide/", "/js/worker"))] == []
        assert answer["complete"] is False and "calculators-" in answer["error"]  # the file is named
        assert page.locator(STATUS).count() == 0
    assert not watch.foreign and not watch.page_errors


STALE = ("Det finnes en nyere utgave av nettstedet, men den kunne ikke lagres for bruk uten nett. "
         "Du ser den forrige utgaven. Last inn siden på nytt senere.")


def test_a_newer_build_that_cannot_be_kept_is_said_once(browser, built_site, tmp_path):
    new = second_build(built_site, tmp_path / "new")
    index = new / "search" / "search_index.json"  # changed after its sha256 was listed
    index.write_text(index.read_text(encoding="utf-8").replace("Ordliste", "Ordliste (skadet)", 1), encoding="utf-8")
    for copy in (index.with_name(index.name + ".br"), index.with_name(index.name + ".gz")):
        copy.unlink(missing_ok=True)
    with served(browser, built_site, check=False) as own:
        origin, watch = own.origin, own.watch
        watch.allow_console(r"integrity|search_index|Failed to fetch|newer build")
        page = own.context.new_page()
        page.goto(f"{origin}/{ORG365}")
        wait_live(page, "org365")
        wait_offline_ready(page)
        page.wait_for_function("sel => !document.querySelector(sel)", arg=STATUS, timeout=30_000)
        own.deploy(new)  # a new build whose files do not all match its list

        page.goto(f"{origin}/ordliste/")
        page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update()).catch(() => {})")
        page.wait_for_function("([sel, text]) => document.querySelector(sel)?.textContent === text",
                               arg=[STATUS, STALE], timeout=60_000)
        status = page.locator(STATUS)
        assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
        assert "(ny utgave)" not in page.locator("h1").first.inner_text()  # the kept build serves
        # The message goes away by itself (checked above with the first one); a reload
        # takes it away at once, and it must not come back: once per session.
        page.reload()
        page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update()).catch(() => {})")
        page.wait_for_timeout(3000)
        assert page.locator(STATUS).count() == 0
    assert not watch.foreign and not watch.page_errors
