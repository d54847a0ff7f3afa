"""The site behind nginx, configured by the file the README quotes (site_build/nginx.conf,
which the build writes filled in as site/_nginx.conf): precompressed responses with the
right types, the security and cache headers, and in Chromium every calculator working
under the header policy with no violation, in the document or in the worker. Without
'wasm-unsafe-eval' on the worker script's response the worker is refused (and that is
recorded), so the one place the policy allows WebAssembly is the one that needs it."""

from __future__ import annotations

import json
import urllib.request

from site_build.csp import WASM
from tests.browser.conftest import open_context, wait_live
from tests.browser.serving import RECORD_VIOLATIONS, Nginx, calculator_pages, nginx_site_conf, violations
from tests.browser.helpers import calc, runs, settle
from tests.conftest import ROOT, free_port
from tests.shown import plain

VERSION = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]
IMMUTABLE = "public, max-age=31536000, immutable"


def head(origin: str, path: str, encoding: str = "br, gzip") -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(origin + path, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, b""


def test_runtime_and_pages_are_sent_compressed_with_the_documented_headers(nginx, built_site):
    policy = (built_site / "_csp_header.txt").read_text(encoding="utf-8").strip()
    stdlib = next((built_site / "pyodide" / VERSION).glob("python_stdlib-*.zip")).name
    lock = json.loads((built_site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    wheel = lock["packages"]["calculators"]["file_name"]
    cases = [
        (f"/pyodide/{VERSION}/pyodide.asm.wasm", "application/wasm", "br", IMMUTABLE),
        (f"/pyodide/{VERSION}/{stdlib}", "application/zip", "br", IMMUTABLE),
        (f"/pyodide/{VERSION}/pyodide.asm.mjs", "text/javascript", "br", IMMUTABLE),
        (f"/pyodide/{wheel}", "application/zip", "br", IMMUTABLE),  # STORED bytecode: compressed in transfer
        ("/pyodide/pyodide-lock.json", "application/json", None, "no-cache"),  # small: not worth compressing
        ("/kalkulatorer/org365/", "text/html", "br", "no-cache"),
        ("/js/worker.mjs", "text/javascript", "br", "no-cache"),
        ("/sw.js", "application/javascript", "br", "no-cache"),  # Debian's mime.types
        ("/search/search_index.json", "application/json", "br", "no-cache"),
    ]
    for path, ctype, coding, cache in cases:
        status, h, body = head(nginx.origin, path)
        assert status == 200, path
        assert h["content-type"].split(";")[0] == ctype, (path, h["content-type"])
        assert h.get("content-encoding") == coding, (path, h.get("content-encoding"))
        assert h["cache-control"] == cache, path
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "same-origin"
        worker = path == "/js/worker.mjs"
        assert h["content-security-policy"] == (policy if worker else policy.replace(f" {WASM}", "")), path
        assert "accept-encoding" in h.get("vary", "").lower() or coding is None, path
    # gzip for a client without brotli, nothing for one without either
    assert head(nginx.origin, f"/pyodide/{VERSION}/pyodide.asm.wasm", "gzip")[1]["content-encoding"] == "gzip"
    status, h, body = head(nginx.origin, f"/pyodide/{VERSION}/pyodide.asm.wasm", "identity")
    assert "content-encoding" not in h and body == (built_site / "pyodide" / VERSION / "pyodide.asm.wasm").read_bytes()
    assert "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy and "object-src 'none'" in policy
    assert head(nginx.origin, "/assets/")[0] in (403, 404)  # no directory listing


def test_every_calculator_works_under_the_header_policy_with_no_violation(browser, nginx, built_site):
    context, watch = open_context(browser, nginx.origin)
    context.add_init_script(RECORD_VIOLATIONS)
    encodings = {}
    context.on("response", lambda r: encodings.__setitem__(r.url, r.headers.get("content-encoding")))
    page = context.new_page()
    pages = calculator_pages(built_site)
    assert len(pages) >= 8
    try:
        for path, name in pages:
            page.goto(f"{nginx.origin}/{path}")
            wait_live(page, name)
            assert violations(page) == [], (path, violations(page))
            assert calc(page, name).get_attribute("data-state") == "ready"
        # one edit computed
        page.goto(f"{nginx.origin}/kalkulatorer/klar/")
        wait_live(page, "klar")
        before = runs(page, "klar")
        root = calc(page, "klar")
        root.get_by_label("Yrkesaktive medlemmer", exact=True).fill("321")
        settle(page, "klar", before)
        assert "3 852" in plain(root.locator("[data-result]").inner_text())
        assert violations(page) == []
    finally:
        context.close()
    watch.check()
    wasm = [u for u in encodings if u.endswith("/pyodide.asm.wasm")]
    assert wasm and all(encodings[u] == "br" for u in wasm)
    assert encodings[f"{nginx.origin}/kalkulatorer/klar/"] == "br"


def test_a_cold_visit_requests_each_runtime_file_once(browser, nginx, built_site):
    """The worker starts the runtime's downloads itself and the page fetches the standard
    library for it; Pyodide's own requests for those files must be served by them, not
    sent again. The loader scripts are fetched (and checked) before they are imported: the
    import is answered by the browser's cache, so the server sends each file once."""
    stdlib = next((built_site / "pyodide" / VERSION).glob("python_stdlib-*.zip")).name
    lock = json.loads((built_site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    runtime = [f"/pyodide/{VERSION}/{f}" for f in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", stdlib)]
    runtime += [f"/pyodide/{lock['packages']['calculators']['file_name']}", "/pyodide/pyodide-lock.json"]
    context, watch = open_context(browser, nginx.origin)
    earlier = len(nginx.answered())  # other tests' requests to the same server
    page = context.new_page()
    try:
        page.goto(f"{nginx.origin}/kalkulatorer/org365/")
        wait_live(page, "org365")
        upto_first_result = nginx.answered()[earlier:]
    finally:
        context.close()
    watch.check()
    assert "/kalkulatorer/org365/" in upto_first_result
    counts = {path: upto_first_result.count(path) for path in runtime}
    assert counts == {path: 1 for path in runtime}, counts


def test_without_wasm_unsafe_eval_on_the_worker_script_the_worker_is_refused(browser, built_site, tmp_path):
    port = free_port()
    conf = nginx_site_conf(built_site, port)
    policy = (built_site / "_csp_header.txt").read_text(encoding="utf-8").strip()
    assert conf.count(f'"{policy}"') == 1
    server = Nginx(tmp_path / "nginx", conf.replace(f'"{policy}"', f'"{policy.replace(f" {WASM}", "")}"'), port)
    context, watch = open_context(browser, server.origin)
    watch.allow_console(r"WebAssembly|Content Security Policy|wasm")
    context.add_init_script(RECORD_VIOLATIONS)
    # The page ends a worker that reports a failure; this one is kept, so that the
    # violations it recorded in its own timeline can still be read.
    context.add_init_script("Worker.prototype.terminate = function () {};")
    page = context.new_page()
    try:
        page.goto(f"{server.origin}/kalkulatorer/klar/")
        deadline_ms = 20_000
        waited = 0
        while not any("wasm" in v for v in violations(page)) and waited < deadline_ms:
            page.wait_for_timeout(200)
            waited += 200
        found = violations(page)
        assert any(v.startswith("worker: script-src") and "wasm" in v for v in found), found
        assert not any(not v.startswith("worker:") for v in found), found  # the page itself needs no WebAssembly
        assert calc(page, "klar").get_attribute("data-computed") != "true"
    finally:
        context.close()
        server.stop()
    assert not watch.foreign


def test_the_host_files_are_not_served(nginx, built_site):
    for name in ("_headers", "_nginx.conf", "_csp_header.txt"):
        assert (built_site / name).is_file(), name
        for encoding in ("identity", "br, gzip"):
            assert head(nginx.origin, f"/{name}", encoding)[0] == 404, name
