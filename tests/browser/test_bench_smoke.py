"""The benchmark's measuring functions, one round of a few figures, so `./dev bench` cannot rot.

No timing is asserted here (targets are read from the benchmark, never from tests): only
that every figure is measured and has a sane shape.
"""

from __future__ import annotations

import shutil

from bench import measure, report
from bench.site import install_floor
from site_build.serve import serve_in_thread
from tests.browser import conftest


def test_bench_launches_chromium_as_the_tests_do():
    assert measure.CHROMIUM == conftest.CHROMIUM
    assert measure.CHROMIUM_ARGS == conftest.CHROMIUM_ARGS


def test_one_round_of_floor_and_site_figures(browser, server, origin, built_site, tmp_path):
    # The floor goes into a copy: the session's built site stays as the other tests expect it.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    install_floor(site)
    floor_server = serve_in_thread(site, 0, csp=True)  # as the benchmark serves it: headers, compressed
    floor_origin = f"http://127.0.0.1:{floor_server.server_port}"
    try:
        r = measure.floor_cold(browser, floor_origin)
        r.update(measure.floor_cold(browser, floor_origin, npm=True))
        for floor in (True, False):
            r.update(measure.network_cold(browser, floor_origin, "net20", floor=floor))
    finally:
        floor_server.shutdown()
    r.update(measure.ours_cold(browser, origin, edits=3))
    r.update(measure.page_bytes(browser, origin))

    # Every time was measured (a positive number of milliseconds); how long it took is the
    # benchmark's business, not the test's: no bound on it here.
    for key in ("floor", "floor_npm", "net20_floor", "net20_site", "first_result", "fcp", "result_paint", "page_switch",
                "page_switch_swap", "text_page_switch", "input_p50", "input_p95"):
        assert isinstance(r[key], (int, float)) and r[key] > 0, (key, r[key])
    assert r["page_switch_swap"] < r["page_switch"]  # the page is in place before its result
    # Compressed transfers: the wasm alone is 9.6 MB as a file; npm's deflated stdlib is not
    # compressible, so the npm floor transfers more than the site's trimmed, stored one.
    assert 2_000_000 < r["net20_site_bytes"] < 9_000_000
    assert r["net20_floor_bytes"] > 2_000_000
    assert r["fcp"] <= r["result_paint"]  # the first paint comes before the result's
    assert r["input_p50"] <= r["input_p95"]
    assert r["text_page_pyodide_bytes"] == 0 < r["text_page_bytes"]
    assert r["calc_page_pyodide_bytes"] > 2_500_000  # the wasm (brotli), at least

    rounds = [r]
    report.add_ratios(rounds)
    summary = report.summarise(rounds)
    assert "first_result_ratio" in summary and "net20_ratio" in summary
    assert "| first result / floor" in report.table(summary).replace("↳ ", "")
