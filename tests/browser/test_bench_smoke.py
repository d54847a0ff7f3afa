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
    floor_server = serve_in_thread(site, 0)
    try:
        r = measure.floor_cold(browser, f"http://127.0.0.1:{floor_server.server_port}")
    finally:
        floor_server.shutdown()
    r.update(measure.ours_cold(browser, origin, edits=3))
    r.update(measure.page_bytes(browser, origin))

    assert 0 < r["floor"] < measure.TIMEOUT_MS
    assert 0 < r["first_result"] < measure.TIMEOUT_MS
    assert 0 < r["fcp"] <= r["result_paint"]
    assert 0 < r["page_switch"] < measure.TIMEOUT_MS
    assert 0 < r["input_p50"] <= r["input_p95"]
    assert r["text_page_pyodide_bytes"] == 0 < r["text_page_bytes"]
    assert r["calc_page_pyodide_bytes"] > 9_000_000  # the wasm, at least

    rounds = [r]
    report.add_ratios(rounds)
    summary = report.summarise(rounds)
    assert "first_result_ratio" in summary
    assert "| first result / floor" in report.table(summary).replace("↳ ", "")
