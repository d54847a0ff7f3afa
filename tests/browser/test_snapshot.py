"""The worker's memory snapshot (Cache Storage) for repeat visits: a second visit in the
same browser restores the warm interpreter and computes exactly what CPython computes,
lazily imported parts included; a snapshot that cannot be restored, or that another build
or another Pyodide made, is replaced. The snapshot is made before the page's first
computation: nothing the reader typed is in it, or anywhere in Cache Storage.
The worker marks what it did (calc:snapshot-saved / calc:snapshot-loaded) in its own
performance timeline. The snapshot's cache is named by the site's path (Cache Storage is
shared by the whole origin), and a build with memory_snapshot: false makes none."""

from __future__ import annotations

import re
import time

from calculators.api import run
from calculators.machinery.view import render
from macros.forms import _api_inputs, default_inputs
from tests.browser.conftest import open_context, served, wait_live
from tests.browser.helpers import result_markup, calc, fill_text, runs, settle, site_root

ORG365 = "kalkulatorer/org365/"
FO_PAY = "kalkulatorer/fo-lonn/"
CACHE = "calculators-snapshot-v1:/"  # the site's path: "/"
# A name typed into the pay table: text that appears nowhere in the site's files.
TYPED_NAME = "Qwyzzelbrot Snapsholm"

# Every entry of every cache of the origin, read in the page: which hold `needle` (as
# UTF-8, or as UTF-16 code units as JavaScript and CPython may keep it), and how many
# entries and bytes were read.
SEARCH_CACHES = """async (needle) => {
  const utf8 = new TextEncoder().encode(needle);
  const utf16 = Uint8Array.from([...needle].flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8]));
  const holds = (hay, n) => {
    for (let i = hay.indexOf(n[0]); i !== -1 && i <= hay.length - n.length; i = hay.indexOf(n[0], i + 1)) {
      let j = 1;
      while (j < n.length && hay[i + j] === n[j]) j++;
      if (j === n.length) return true;
    }
    return false;
  };
  const found = [];
  let entries = 0, bytes = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const body = new Uint8Array(await (await cache.match(request)).arrayBuffer());
      entries += 1;
      bytes += body.length;
      if (holds(body, utf8) || holds(body, utf16)) found.push(`${name} ${request.url}`);
    }
  }
  return { found, entries, bytes };
}"""


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
        assert result_markup(root) == expected_html("org365", _api_inputs(default_inputs("org365")), page)

        before = runs(page, "org365")
        fill_text(root, "Budsjettår", "2031")
        settle(page, "org365", before)
        inputs = {**_api_inputs(default_inputs("org365")), "year": "2031"}
        assert result_markup(root) == expected_html("org365", inputs, page)

        # The budget's CSV export is imported lazily by calculators.machinery.view: the snapshot has it.
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
    with served(browser, no_snapshot_site, csp=True) as own:
        origin, context = own.origin, own.context
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


def test_nothing_the_reader_typed_is_kept_in_cache_storage(browser, server, origin):
    """The reader types a name into the pay table while Python is still loading (the
    wheel is held back until then), so the page's first computation holds it."""
    context, watch = open_context(browser, origin)
    held: list | None = []

    def hold(route) -> None:
        if held is None:
            route.continue_()
        else:
            held.append(route)

    context.route("**/calculators-*.whl", hold)
    try:
        page = context.new_page()
        page.goto(f"{origin}/{FO_PAY}", wait_until="domcontentloaded")
        root = calc(page, "fo_pay")
        root.get_by_role("group", name="Tillitsvalgt 1", exact=True).get_by_label("Navn").fill(TYPED_NAME)
        assert root.get_attribute("data-computed") != "true"  # Python was not ready yet
        released, held = held, None
        for route in released:
            route.continue_()
        wait_live(page, "fo_pay")
        page.wait_for_function("() => document.querySelector('[data-calc]').dataset.busy === 'false'")
        assert TYPED_NAME in root.locator("[data-result]").inner_text()  # computed from what was typed
        wait_saved(page)
        page.wait_for_load_state("networkidle")  # the offline copy, if one is being made
        kept = page.evaluate(SEARCH_CACHES, TYPED_NAME)
        assert kept["bytes"] > 1_000_000  # the snapshot was read
        assert kept["found"] == []
        # And a page that wants nothing of the visit kept can drop the snapshot.
        assert page.evaluate("() => import('/js/worker-client.mjs').then((m) => m.forgetSnapshot())") is True
        assert CACHE not in page.evaluate("() => caches.keys()")
    finally:
        context.close()
    watch.check()


def test_a_snapshot_of_another_build_or_another_pyodide_is_not_restored(browser, server, origin):
    context, watch = open_context(browser, origin)
    try:
        page = context.new_page()
        page.goto(f"{origin}/{ORG365}")
        wait_live(page, "org365")
        wait_saved(page)
        for header, value in (("x-build", "0123456789abcdef0123456789abcdef"), ("x-pyodide", "0.0.1")):
            # A working snapshot of this build, labelled as made by another.
            page.evaluate(
                """async ([name, header, value]) => {
                  const cache = await caches.open(name);
                  const [key] = await cache.keys();
                  const old = await cache.match(key);
                  const headers = new Headers(old.headers);
                  headers.set(header, value);
                  await cache.put(key, new Response(await old.arrayBuffer(), { headers }));
                }""",
                [CACHE, header, value],
            )
            page.reload()
            wait_live(page, "org365")
            assert "calc:snapshot-loaded" not in worker_marks(page), header
            wait_saved(page)  # replaced by one of this build
            labels = page.evaluate(
                "async (n) => { const c = await caches.open(n); const [k] = await c.keys(); const r = await c.match(k); "
                "return [r.headers.get('x-build'), r.headers.get('x-pyodide')]; }", CACHE)
            assert value not in labels
    finally:
        context.close()
    watch.check()
