"""Browser fixtures: the built site served on 127.0.0.1 and Debian's Chromium driven by
Playwright. Every request to another origin fails (the resolver knows no other host) and
is counted; any console error or uncaught page error fails the test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from site_build.serve import serve_in_thread
from tests.conftest import free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
    # Nothing but the test server resolves: a request to any other origin fails outright.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="session")
def server(built_site: Path, site_port: int):
    srv = serve_in_thread(built_site, site_port)
    yield srv
    srv.shutdown()


@pytest.fixture(scope="session")
def csp_server(built_site: Path):
    """The same site, every response carrying the Content-Security-Policy header."""
    srv = serve_in_thread(built_site, 0, csp=True)
    yield srv
    srv.shutdown()


@pytest.fixture(scope="session")
def playwright_instance():
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance) -> Iterator[Browser]:
    b = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


@dataclass
class Watch:
    """What a page did that a test must not tolerate (unless it expects it)."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    page_requests: list[str] = field(default_factory=list)  # the pages' and their workers', not the service worker's
    workers: list[str] = field(default_factory=list)
    allowed_console: list[re.Pattern] = field(default_factory=list)

    def on_request(self, request) -> None:
        url = request.url
        self.requests.append(url)
        if request.service_worker is None:
            self.page_requests.append(url)
        if not (url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:"))):
            self.foreign.append(url)

    def on_console(self, msg) -> None:
        if msg.type == "error" and not any(p.search(msg.text) for p in self.allowed_console):
            self.console_errors.append(msg.text)

    def allow_console(self, pattern: str) -> None:
        self.allowed_console.append(re.compile(pattern))

    def attach(self, page: Page) -> None:
        page.on("pageerror", lambda err: self.page_errors.append(str(err)))
        page.on("worker", lambda w: self.workers.append(w.url))

    def handlers(self) -> dict:
        """What to listen to on a context: its requests, its pages' and their workers'
        console, and each page it opens."""
        return {"request": self.on_request, "console": self.on_console, "page": self.attach}

    def check(self) -> None:
        assert not self.foreign, f"requests to another origin: {self.foreign}"
        assert not self.page_errors, f"uncaught errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


def open_context(browser: Browser, origin: str, **kwargs) -> tuple[BrowserContext, Watch]:
    context = browser.new_context(locale="nb-NO", **kwargs)
    watch = Watch(origin)
    for event, handler in watch.handlers().items():
        context.on(event, handler)
    return context, watch


class Served:
    """A build served by a server of the test's own, and a fresh browser context on it:
    the test may take the network away (`stop`) or deploy another build on the same
    origin (`deploy`)."""

    def __init__(self, browser: Browser, site: Path, csp: bool) -> None:
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.server = serve_in_thread(site, self.port, csp=csp)
        self.context, self.watch = open_context(browser, self.origin)

    def stop(self) -> None:
        self.server.shutdown()

    def deploy(self, site: Path, csp: bool = False) -> None:
        self.server.shutdown()
        self.server = serve_in_thread(site, self.port, csp=csp)


@contextmanager
def served(browser: Browser, site: Path, csp: bool = False, check: bool = True) -> Iterator[Served]:
    """`Served` for the block; then the context and the server are closed, and (unless
    `check` is false: the test checks its watch itself) nothing foreign, no page error and
    no console error may have happened."""
    own = Served(browser, site, csp)
    try:
        yield own
    finally:
        own.context.close()
        own.server.shutdown()
    if check:
        own.watch.check()


# Reset between the tests that share a context: everything the site keeps for the origin
# except Cache Storage (where Pyodide's memory snapshot is, the reason to share).
_RESET_STORAGE = "cookies,local_storage,indexeddb,service_workers,file_systems,websql,shared_storage,storage_buckets"


@pytest.fixture(scope="session")
def warm_context(browser, server) -> Iterator[BrowserContext]:
    """One context per worker for the modules marked `warm`: a returning reader's browser,
    whose HTTP cache and Cache Storage already hold Pyodide and its memory snapshot."""
    context = browser.new_context(locale="nb-NO")
    yield context
    context.close()


def _reset(context: BrowserContext, origin: str) -> None:
    """The shared context as a returning reader's with nothing of the last test: its pages
    closed, routes and permissions gone, the origin's storage (but Cache Storage) cleared."""
    for open_page in context.pages:
        open_page.close()
    context.unroute_all(behavior="ignoreErrors")  # a handler still running must not fail the next test
    context.clear_permissions()
    blank = context.new_page()
    cdp = context.new_cdp_session(blank)
    cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": _RESET_STORAGE})
    cdp.detach()
    blank.close()


@pytest.fixture
def watch_context(request, browser, server, origin):
    """A fresh context (a first visit) for every test; in a module marked `warm`, the
    worker's shared context instead, reset between tests, unless the test is marked
    `first_visit`. (A warm test must not add init scripts to the context: they cannot be
    removed.)"""
    node = request.node
    if node.get_closest_marker("warm") is None or node.get_closest_marker("first_visit") is not None:
        context, watch = open_context(browser, origin)
        yield context, watch
        context.close()
        watch.check()
        return
    context = request.getfixturevalue("warm_context")
    watch = Watch(origin)
    handlers = watch.handlers()
    for event, handler in handlers.items():
        context.on(event, handler)
    yield context, watch
    try:
        _reset(context, origin)
    finally:
        for event, handler in handlers.items():
            context.remove_listener(event, handler)
    watch.check()


@pytest.fixture
def page(watch_context) -> Page:
    context, _ = watch_context
    return context.new_page()


@pytest.fixture
def watch(watch_context) -> Watch:
    return watch_context[1]


def wait_live(page: Page, calc: str = "", timeout: float = 30_000) -> None:
    """Wait until the calculator on the page has a result computed by Pyodide."""
    sel = f'[data-calc="{calc}"]' if calc else "[data-calc]"
    page.wait_for_function(
        "sel => { const el = document.querySelector(sel); return el && el.dataset.state === 'ready' && el.dataset.computed === 'true'; }",
        arg=sel, timeout=timeout,
    )



@pytest.fixture(scope="session")
def nginx(built_site: Path, tmp_path_factory):
    """The built site behind nginx, configured as the README documents (tests/browser/serving.py)."""
    from tests.browser.serving import Nginx, nginx_site_conf
    from tests.conftest import free_port

    port = free_port()
    server = Nginx(tmp_path_factory.mktemp("nginx"), nginx_site_conf(built_site, port), port)
    yield server
    server.stop()
