"""A build for a sub-path (http://127.0.0.1:PORT/lisenser/) served under that path only:
the calculators, instant navigation, a share link, the service worker's scope and the
site's own caches all stay inside /lisenser/."""

from __future__ import annotations

import re

import pytest

from site_build.serve import serve_in_thread
from tests.browser.conftest import open_context, wait_live
from tests.browser.helpers import calc, fill_text, runs, settle
from tests.browser.serving import poll
from tests.conftest import SUBPATH


@pytest.fixture(scope="module")
def subpath_origin(subpath_site, subpath_port):
    srv = serve_in_thread(subpath_site, subpath_port, csp=True, mount=SUBPATH)
    yield f"http://127.0.0.1:{subpath_port}"
    srv.shutdown()


def test_calculators_share_links_and_offline_scope_under_the_sub_path(browser, subpath_origin):
    base = subpath_origin + SUBPATH
    context, watch = open_context(browser, subpath_origin)
    page = context.new_page()
    try:
        page.goto(base + "kalkulatorer/org365/")
        wait_live(page, "org365")
        # instant navigation inside the sub-path, same worker
        page.get_by_role("navigation").get_by_role("link", name="KL*AR-belastning").first.click()
        page.wait_for_url(re.compile(r".*/lisenser/kalkulatorer/klar/$"))
        wait_live(page, "klar")
        root = calc(page, "klar")
        before = runs(page, "klar")
        fill_text(root, "Fylkeskrets", "Agder")
        fill_text(root, "Yrkesaktive medlemmer", "40")
        settle(page, "klar", before)
        root.get_by_role("button", name="Del lenke").click()
        link = root.get_by_label("Lenke som viser disse inndataene").input_value()
        assert link.startswith(base + "kalkulatorer/klar/#inndata-klar=")

        page.wait_for_selector("[data-offline-status]", timeout=60_000)
        scope = page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.scope)")
        assert scope == base
        poll(page, "n => caches.has(n)", f"calculators-snapshot-v1:{SUBPATH}")
        caches = page.evaluate("() => caches.keys()")
        assert any(n.startswith(f"offline:{SUBPATH}:") for n in caches), caches
        # Every cache of the site is named by its path (the origin may hold other sites).
        assert all(n == f"calculators-snapshot-v1:{SUBPATH}" or n.startswith(f"offline:{SUBPATH}:") for n in caches), caches
    finally:
        context.close()
    watch.check()
    outside = [u for u in watch.requests if u.startswith(subpath_origin) and not u.startswith(base)]
    assert not outside, outside

    other, watch2 = open_context(browser, subpath_origin)  # another machine: no storage, no cache
    try:
        p2 = other.new_page()
        p2.goto(link)
        p2.wait_for_function(
            """() => { const el = document.querySelector('[data-calc="klar"]');
                       return el && el.dataset.computed === 'true' && el.dataset.busy === 'false'
                           && el.querySelector('[data-result]').textContent.includes('Agder'); }""",
            timeout=60_000,
        )
        assert calc(p2, "klar").get_by_label("Yrkesaktive medlemmer", exact=True).input_value() == "40"
    finally:
        other.close()
    watch2.check()


def test_nothing_is_served_outside_the_sub_path(subpath_origin):
    import urllib.error
    import urllib.request

    for path in ("/", "/sw.js", "/kalkulatorer/org365/"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(subpath_origin + path, timeout=10)
        assert err.value.code == 404
    with urllib.request.urlopen(subpath_origin + SUBPATH + "sw.js", timeout=10) as r:
        assert r.status == 200
