"""The measuring functions: one call measures one figure once (one round).

Every time comes from the page's own clock (`performance` marks, event time stamps, paint
and element timing), never from Python's side of the Playwright pipe. Cold means a new
browser context (an empty HTTP cache); a repeat visit is a second launch of Chromium on
the same fresh profile directory (disk cache and storage kept, nothing in memory).
"""

from __future__ import annotations

import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request

CHROMIUM = "/usr/bin/chromium"
# As in tests/browser/conftest.py (a smoke test keeps the two lists equal).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
CONTEXT = {"locale": "nb-NO", "viewport": {"width": 1280, "height": 720}}

ORG365 = "kalkulatorer/org365/"
KLAR = "kalkulatorer/klar/"
KLAR_LINK = "KL*AR-belastning"
TEXT_SWITCH_LINK = "Pensjon og forsikring"  # a guidance page without a calculator
TEXT_PAGE = "fo/"
FLOOR = "bench-floor.html"
FLOOR_MARK = "floor:result"
FIRST_MARK = "calc:first-result"
TIMEOUT_MS = 60_000
# On a first visit the reader stays a moment before leaving (lets the browser finish
# writing its caches); the same for the floor and for the site.
DWELL_MS = 2_000

# Installed before any page script: tags the result of every calculator for Element
# Timing as the parser inserts it, and records paint entries. Installed for the floor
# too, so both pages carry the same (tiny) extra work.
PAINT_PROBE = """
(() => {
  const tag = (el) => {
    el.setAttribute("elementtiming", "calc-result");
    for (const d of el.querySelectorAll("*")) d.setAttribute("elementtiming", "calc-result");
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      if (n.matches("[data-result]")) tag(n);
      for (const el of n.querySelectorAll("[data-result]")) tag(el);
      if (n.closest("[data-result]")) tag(n.closest("[data-result]"));
    }
  }).observe(document, { subtree: true, childList: true });
  window.__bench = { resultPaint: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const t = e.renderTime || e.loadTime;
      if (e.identifier === "calc-result" && (window.__bench.resultPaint === null || t < window.__bench.resultPaint)) {
        window.__bench.resultPaint = t;
      }
    }
  }).observe({ type: "element", buffered: true });
})();
"""


@dataclass
class Traffic:
    """Requests of a context (page and workers), to sum what was transferred."""

    requests: list[Request] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> "Traffic":
        context.on("requestfinished", lambda r: self.requests.append(r))
        return self

    def bytes(self, match: str = "") -> int:
        total = 0
        for r in list(self.requests):
            if match and match not in r.url:
                continue
            s = r.sizes()
            total += max(s["responseBodySize"], 0) + max(s["responseHeadersSize"], 0)
        return total


def wait_mark(page: Page, name: str, timeout: float = TIMEOUT_MS) -> float:
    """Time of the first `performance` mark `name`, from the page's navigation start (ms)."""
    page.wait_for_function("n => performance.getEntriesByName(n).length > 0", arg=name, timeout=timeout)
    return page.evaluate("n => performance.getEntriesByName(n)[0].startTime", name)


def worker_entry(page: Page, script: str, name: str) -> dict | None:
    """The first performance entry `name` (mark or measure) in the page's worker `script`."""
    for w in page.workers:
        if w.url.split("?")[0].endswith(script):
            return w.evaluate("n => performance.getEntriesByName(n)[0]?.toJSON() ?? null", name)
    return None


def worker_start(page: Page, script: str) -> float | None:
    """When the page created its worker running `script` (ms after navigation start)."""
    for w in page.workers:
        if w.url.split("?")[0].endswith(script):
            return w.evaluate("() => performance.timeOrigin") - page.evaluate("() => performance.timeOrigin")
    return None


def new_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(**CONTEXT)
    context.add_init_script(PAINT_PROBE)
    return context


def launch(pw: Playwright) -> Browser:
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# --- cold first visits ------------------------------------------------------------------

def floor_cold(browser: Browser, origin: str, npm: bool = False) -> dict[str, float]:
    """The floor: navigation start to the bare page showing its Pyodide result (cold).
    `npm`: the same page with the npm package's files as shipped (reference)."""
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{origin}/{FLOOR}" + ("?npm" if npm else ""))
        if npm:
            return {"floor_npm": wait_mark(page, FLOOR_MARK)}
        return {"floor": wait_mark(page, FLOOR_MARK), "floor_worker_start": worker_start(page, "/bench-floor-worker.mjs")}
    finally:
        context.close()


def paint_figures(page: Page) -> dict[str, float]:
    """First contentful paint, and when the build-time result was first painted."""
    page.wait_for_function(
        "() => window.__bench.resultPaint !== null && performance.getEntriesByName('first-contentful-paint').length > 0",
        timeout=TIMEOUT_MS,
    )
    fcp, paint = page.evaluate(
        "() => [performance.getEntriesByName('first-contentful-paint')[0].startTime, window.__bench.resultPaint]"
    )
    return {"fcp": fcp, "result_paint": paint, "result_paint_after_fcp": paint - fcp}


# Watches Material's `document$` (it replays the page shown at once; that first value is
# skipped) for the next page instant navigation puts in place. The benchmark subscribes
# after Material's own components and the site's app.mjs, so its time includes their
# synchronous work on the new page (Material mounts its components; app.mjs only finds
# the calculators, and binds their forms a step later), not the binding or computing.
_WATCH_SWAP = """() => {
  window.__benchSameDocument = true;
  window.__benchClick = null;
  window.__benchSwap = null;
  let replayed = false;
  window.__benchSub?.unsubscribe();
  window.__benchSub = window.document$.subscribe(() => {
    if (!replayed) { replayed = true; return; }
    window.__benchSwap ??= performance.now();
  });
  document.addEventListener("click", (e) => { window.__benchClick ??= e.timeStamp; }, { capture: true, once: true });
}"""


def _click_nav(page: Page, link: str) -> None:
    page.evaluate(_WATCH_SWAP)
    page.locator("nav.md-nav--primary").get_by_role("link", name=link, exact=True).first.click()


def _same_document(page: Page) -> None:
    if not page.evaluate("() => window.__benchSameDocument === true"):
        raise RuntimeError("the click reloaded the page: not an instant navigation (site_url and origin differ?)")


def page_switch(page: Page) -> dict[str, float]:
    """From clicking the nav link to KL*AR-belastning to the Pyodide result on that page (ms),
    and the part of it until Material's instant navigation has the new page in place.
    The worker is warm (the page had its first result). Must be an instant navigation."""
    _click_nav(page, KLAR_LINK)
    page.wait_for_function(
        """() => { const el = document.querySelector('[data-calc="klar"]');
                   return el && Number(el.dataset.runs || 0) >= 1; }""",
        timeout=TIMEOUT_MS,
    )
    _same_document(page)
    took, swap = page.evaluate(
        """() => {
          const t0 = window.__benchClick;
          const m = performance.getEntriesByName("calc:result").find((e) => e.startTime > t0);
          return [m ? m.startTime - t0 : null, window.__benchSwap === null ? null : window.__benchSwap - t0];
        }"""
    )
    if took is None or swap is None:
        raise RuntimeError("no calc:result mark, or no new page from document$, after the click")
    return {"page_switch": took, "page_switch_swap": swap}


def text_page_switch(page: Page) -> float:
    """Material's instant navigation alone: from clicking the nav link to a guidance page
    without a calculator until `document$` gives that page, in place (ms)."""
    _click_nav(page, TEXT_SWITCH_LINK)
    page.wait_for_function("() => window.__benchSwap !== null", timeout=TIMEOUT_MS)
    _same_document(page)
    return page.evaluate("() => window.__benchSwap - window.__benchClick")


def input_to_result(page: Page, edits: int = 200, calc: str = "klar", key: str = "members") -> list[float]:
    """Type `edits` single-key edits into a field; for each, the time from its `input`
    event to the `calc:result` event the calculator root dispatches (ms)."""
    page.evaluate(
        """(calc) => {
          const root = document.querySelector(`[data-calc="${calc}"]`);
          window.__benchLat = [];
          let t = null;
          root.addEventListener("input", (e) => { t = e.timeStamp; }, { capture: true });
          root.addEventListener("calc:result", () => {
            if (t !== null) { window.__benchLat.push(performance.now() - t); t = null; }
          });
        }""",
        calc,
    )
    field = page.locator(f'[data-calc="{calc}"] [data-key="{key}"]')
    field.click()
    for i in range(edits):
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(str(1 + i % 9))  # a new valid value each time: 1..9, 1..9, …
        page.wait_for_function("n => window.__benchLat.length >= n", arg=i + 1, polling=1, timeout=TIMEOUT_MS)
    return page.evaluate("() => window.__benchLat")


def ours_cold(browser: Browser, origin: str, edits: int = 200) -> dict[str, float]:
    """A cold visit to the ORG365 page: first Pyodide result and paints; then, on the warm
    worker, the switch to the KL*AR page and `edits` edits there. No request listener is
    attached here (Playwright's per-request events cost CPU the floor's load would not
    pay); bytes are counted on a separate load, see page_bytes."""
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{origin}/{ORG365}")
        out = {"first_result": wait_mark(page, FIRST_MARK), "worker_start": worker_start(page, "/js/worker.mjs")}
        out.update(paint_figures(page))
        page.wait_for_load_state("networkidle")
        made = worker_entry(page, "/js/worker.mjs", "calc:snapshot-made")
        if made:
            out["snapshot_made"] = made["duration"]
        out.update(page_switch(page))
        if edits:
            lat = input_to_result(page, edits)
            out["input_p50"] = percentile(lat, 50)
            out["input_p95"] = percentile(lat, 95)
        out["text_page_switch"] = text_page_switch(page)
        return out
    finally:
        context.close()


def page_bytes(browser: Browser, origin: str) -> dict[str, float]:
    """Bytes transferred by cold visits to a text page (and how many of them are Pyodide's
    or the worker's) and to the ORG365 page up to its first result and network idle."""
    out = {}
    for path, key in ((TEXT_PAGE, "text_page"), (ORG365, "calc_page")):
        context = new_context(browser)
        traffic = Traffic().attach(context)
        try:
            page = context.new_page()
            page.goto(f"{origin}/{path}")
            if path == ORG365:
                wait_mark(page, FIRST_MARK)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            out[f"{key}_bytes"] = traffic.bytes()
            out[f"{key}_pyodide_bytes"] = traffic.bytes("/pyodide/") + traffic.bytes("/js/worker")
        finally:
            context.close()
    return out


# --- cold first visits on an emulated network ------------------------------------------

# name: (download Mbit/s, round-trip time ms, CPU slowdown of the page's main thread).
# Upload is a quarter of the download rate. "phone": a slow mobile line and a phone's CPU,
# as Lighthouse's mobile profile slows the CPU (4×).
PROFILES = {"net20": (20, 40, 1), "phone": (5, 100, 4)}


def throttle(context: BrowserContext, page: Page, profile: str) -> None:
    """Chromium's network emulation (CDP Network.emulateNetworkConditions) for the page and
    its workers, and its CPU slowdown (Emulation.setCPUThrottlingRate) for the page. The
    Network domain is not enabled on this session: enabling it makes Chromium fetch source
    maps, which a reader's browser never does."""
    mbit, rtt, cpu = PROFILES[profile]
    cdp = context.new_cdp_session(page)
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": rtt,
        "downloadThroughput": mbit * 1_000_000 / 8, "uploadThroughput": mbit * 1_000_000 / 8 / 4,
    })
    if cpu != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})


def network_cold(browser: Browser, origin: str, profile: str, floor: bool) -> dict[str, float]:
    """A cold first visit on the emulated network `profile`: the ORG365 page (navigation →
    calc:first-result) or the bare npm Pyodide floor (→ floor:result), and the bytes on the
    wire (encoded bodies + headers, the worker's requests included) up to that result."""
    context = new_context(browser)
    traffic = Traffic().attach(context)
    try:
        page = context.new_page()
        throttle(context, page, profile)
        if floor:
            page.goto(f"{origin}/{FLOOR}?npm")
            took = wait_mark(page, FLOOR_MARK)
        else:
            page.goto(f"{origin}/{ORG365}")
            took = wait_mark(page, FIRST_MARK)
        key = f"{profile}_{'floor' if floor else 'site'}"
        return {key: took, f"{key}_bytes": traffic.bytes()}
    finally:
        context.close()


# --- repeat visits ----------------------------------------------------------------------

def repeat_visit(pw: Playwright, origin: str, path: str, mark: str, dwell_ms: int = DWELL_MS,
                 after=None) -> tuple[float, list]:
    """Two visits in one fresh persistent profile, Chromium closed in between; returns the
    second visit's time from navigation start to `mark` (ms), and what `after(page)`
    returned on each visit."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        result, extra = None, []
        for visit in (1, 2):
            context = pw.chromium.launch_persistent_context(
                Path(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, **CONTEXT
            )
            try:
                page = context.pages[0] if context.pages else context.new_page()
                page.goto(f"{origin}/{path}")
                result = wait_mark(page, mark)
                if visit == 1:
                    page.wait_for_timeout(dwell_ms)
                if after:
                    extra.append(after(page))
            finally:
                context.close()
        return result, extra


def floor_repeat(pw: Playwright, origin: str) -> dict[str, float]:
    return {"floor_repeat": repeat_visit(pw, origin, FLOOR, FLOOR_MARK)[0]}


def ours_repeat(pw: Playwright, origin: str) -> dict[str, float]:
    """The site's repeat visit; also whether the second visit restored the interpreter
    from the memory snapshot the first one saved (1 or 0)."""
    took, loaded = repeat_visit(pw, origin, ORG365, FIRST_MARK,
                                after=lambda page: worker_entry(page, "/js/worker.mjs", "calc:snapshot-loaded") is not None)
    return {"repeat_visit": took, "repeat_from_snapshot": float(loaded[1])}


# --- small statistics -------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100)
    return ordered[int(rank) - 1]


def summary(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}
