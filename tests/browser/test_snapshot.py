"""The worker's memory snapshot (Cache Storage) for repeat visits: a second visit in the
same browser restores the warm interpreter and computes exactly what CPython computes,
lazily imported parts included; a snapshot that cannot be restored is replaced, silently.
The worker marks what it did (calc:snapshot-saved / calc:snapshot-loaded) in its own
performance timeline. The snapshot's cache is named by the site's path (Cache Storage is
shared by the whole origin), and a build with memory_snapshot: false makes none."""

from __future__ import annotations

import re
import time

from calculators.api import run
from site_build.serve import serve_in_thread
from calculators.view import render
from macros.forms import _api_inputs, default_inputs
from tests.browser.conftest import open_context, wait_live
from tests.browser.helpers import calc, fill_text, runs, settle, site_root

ORG365 = "kalkulatorer/org365/"
CACHE = "calculators-snapshot-v1:/"  # the site's path: "/"


def worker_marks(page) -> list[str]:
    for w in page.workers:
        if w.url.endswith("/js/worker.mjs"):
            return w.evaluate("() => performance.getEntriesByType('mark').map((m) => m.name)")
    return []


def wait_saved(page, timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while "calc:snapshot-saved" not in worker_marks(page):
        assert time.monotonic() < deadline, f"no snapshot saved; worker marks: {worker_marks(page)}"
        page.wait_for_timeout(100)
    assert page.evaluate("n => caches.open(n).then((c) => c.keys()).then((k) => k.length)", CACHE) == 1


def expected_html(name: str, inputs: dict, page) -> str:
    return render(name, run(name, inputs), root=site_root(page))["html"]


def test_second_visit_restores_the_snapshot_and_computes_like_cpython(browser, server, origin):
    context, watch = open_context(browser, origin)
    try:
        first = context.new_page()
        first.goto(f"{origin}/{ORG365}")
        wait_live(first, "org365")
        assert "calc:snapshot-loaded" not in worker_marks(first)
        wait_saved(first)
        first.close()

        page = context.new_page()
        page.goto(f"{origin}/{ORG365}")
        wait_live(page, "org365")
        assert "calc:snapshot-loaded" in worker_marks(page)
        root = calc(page, "org365")
        assert root.locator("[data-result]").inner_html() == expected_html("org365", _api_inputs(default_inputs("org365")), page)

        before = runs(page, "org365")
        fill_text(root, "Budsjettår", "2031")
        settle(page, "org365", before)
        inputs = {**_api_inputs(default_inputs("org365")), "year": "2031"}
        assert root.locator("[data-result]").inner_html() == expected_html("org365", inputs, page)

        # The budget's CSV export is imported lazily by calculators.view: the snapshot has it.
        page.get_by_role("navigation").get_by_role("link", name="Lisensbudsjett for årsmøtet").first.click()
        page.wait_for_url(re.compile(r".*/kalkulatorer/budsjett/$"))
        wait_live(page, "budget")
        with page.expect_download() as info:
            calc(page, "budget").get_by_role("button", name="Last ned CSV").click()
        assert info.value.suggested_filename.startswith("lisensbudsjett-")
    finally:
        context.close()
    watch.check()


def test_a_snapshot_that_cannot_be_restored_is_replaced(browser, server, origin):
    context, watch = open_context(browser, origin)
    watch.allow_console(r"[Ss]napshot|magic|wasm|Pyodide")  # Pyodide may report the refused snapshot
    try:
        page = context.new_page()
        page.goto(f"{origin}/{ORG365}")
        wait_live(page, "org365")
        wait_saved(page)
        # Same headers (this Pyodide, this wheel), bytes that are no snapshot at all.
        page.evaluate(
            """async (name) => {
              const cache = await caches.open(name);
              const [key] = await cache.keys();
              const old = await cache.match(key);
              await cache.put(key, new Response(new Uint8Array(4096), { headers: old.headers }));
            }""",
            CACHE,
        )
        page.reload()
        wait_live(page, "org365")
        marks = worker_marks(page)
        assert "calc:snapshot-loaded" not in marks
        assert calc(page, "org365").get_attribute("data-state") == "ready"
        wait_saved(page)  # a good one again
        size = page.evaluate(
            "async (n) => { const c = await caches.open(n); const [k] = await c.keys(); return (await (await c.match(k)).arrayBuffer()).byteLength; }",
            CACHE,
        )
        assert size > 1_000_000
    finally:
        context.close()
    assert not watch.foreign and not watch.page_errors


def test_a_build_without_snapshots_makes_none_and_starts_normally(browser, no_snapshot_site):
    srv = serve_in_thread(no_snapshot_site, 0, csp=True)
    origin = f"http://127.0.0.1:{srv.server_port}"
    context, watch = open_context(browser, origin)
    try:
        for _ in range(2):
            page = context.new_page()
            page.goto(f"{origin}/{ORG365}")
            wait_live(page, "org365")
            marks = worker_marks(page)
            assert "calc:snapshot-loaded" not in marks
            page.wait_for_load_state("networkidle")
            page.close()
        names = context.new_page()
        names.goto(f"{origin}/")
        assert not [n for n in names.evaluate("() => caches.keys()") if n.startswith("calculators-snapshot")]
        assert "calc:snapshot-saved" not in marks
    finally:
        context.close()
        srv.shutdown()
    watch.check()
