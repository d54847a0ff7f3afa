"""One page, one build. A deploy can come between a page and the files it loads later:
Material's instant navigation brings a new build's page into the old build's scripts and
worker. The build's id is on every calculator (`data-build`), in the worker's client and
in the worker; a page whose parts are not all of one build never computes, it is loaded
again, whole. Build A is served, then build B at the same address."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from site_build.serve import serve_in_thread
from tests.browser.conftest import open_context, wait_live
from tests.conftest import free_port

OTHER_ID = "b0b0b0b0b0b0b0b0"


def build_id(site: Path) -> str:
    return re.search(r'const BUILD = "([0-9a-f]{16})";', (site / "js" / "worker-client.mjs").read_text(encoding="utf-8"))[1]


def for_origin(built_site: Path, dest: Path, origin: str) -> Path:
    """A copy of the build whose sitemap names `origin` (Material navigates instantly
    only between the pages the sitemap lists)."""
    site = shutil.copytree(built_site, dest)
    sitemap = site / "sitemap.xml"
    sitemap.write_text(re.sub(r"http://127\.0\.0\.1:\d+/", origin + "/", sitemap.read_text(encoding="utf-8")), encoding="utf-8")
    for copy in site.glob("sitemap.xml.*"):
        copy.unlink()
    return site


def other_build(site: Path, dest: Path) -> Path:
    """Build B: the same site with scripts and pages of another build id."""
    new = shutil.copytree(site, dest)
    old = build_id(site)
    for path in [new / "js" / "worker-client.mjs", new / "js" / "worker.mjs", *new.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, OTHER_ID), encoding="utf-8")
            for copy in (path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")):
                copy.unlink(missing_ok=True)
    assert build_id(new) == OTHER_ID
    return new


def worker_names(page) -> list[str]:
    return [w.evaluate("() => self.name") for w in page.workers if w.url.endswith("/js/worker.mjs")]


def test_a_page_of_a_new_build_reached_by_instant_navigation_is_loaded_again_whole(browser, built_site, tmp_path):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    a = for_origin(built_site, tmp_path / "a", origin)
    b = other_build(a, tmp_path / "b")
    srv = serve_in_thread(a, port)
    context, watch = open_context(browser, origin)
    watch.allow_console(r"two builds")
    try:
        page = context.new_page()
        page.goto(f"{origin}/kalkulatorer/org365/")
        wait_live(page, "org365")
        assert worker_names(page) == [f"calculators:stdlib-from-page {build_id(a)}"]
        page.evaluate("() => { window.__sameDocument = true; }")
        srv.shutdown()
        srv = serve_in_thread(b, port)  # build B is deployed

        page.get_by_role("navigation").get_by_role("link", name="KL*AR-belastning").first.click()
        page.wait_for_url(re.compile(r".*/kalkulatorer/klar/$"))
        wait_live(page, "klar")
        # Build B's page was not computed by build A's scripts: it was loaded again, and
        # the worker that answered is build B's.
        assert page.evaluate("() => window.__sameDocument") is None
        assert page.locator('[data-calc="klar"]').get_attribute("data-build") == OTHER_ID
        assert worker_names(page) == [f"calculators:stdlib-from-page {OTHER_ID}"]
    finally:
        context.close()
        srv.shutdown()
    assert not watch.foreign and not watch.page_errors
