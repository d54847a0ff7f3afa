"""The local server (`./dev serve`, the tests, the benchmark) serves the build as a host
would: precompressed copies with Content-Encoding as the request allows, the build's
headers (`./dev serve` included), no directory listings, the site under a sub-path."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

import brotli
import pytest

from site_build.serve import accepted, serve_in_thread
from tests.conftest import ROOT, free_port

VERSION = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]


def get(url: str, encoding: str | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, b""


@pytest.fixture(scope="module")
def header_server(built_site):
    srv = serve_in_thread(built_site, 0, csp=True)
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def test_accept_encoding_is_parsed():
    assert accepted("gzip, deflate, br, zstd") == {"gzip", "deflate", "br", "zstd"}
    assert accepted("br;q=0, gzip;q=0.5") == {"gzip"}
    assert accepted(None) == set()


def test_precompressed_copies_are_sent_as_the_request_allows(header_server, built_site):
    wasm = built_site / "pyodide" / VERSION / "pyodide.asm.wasm"
    url = f"{header_server}/pyodide/{VERSION}/pyodide.asm.wasm"
    status, h, body = get(url, "gzip, deflate, br")
    assert (status, h["content-encoding"], h["content-type"]) == (200, "br", "application/wasm")
    assert brotli.decompress(body) == wasm.read_bytes() and int(h["content-length"]) == len(body)
    status, h, body = get(url, "gzip")
    assert h["content-encoding"] == "gzip" and gzip.decompress(body) == wasm.read_bytes()
    status, h, body = get(url)
    assert "content-encoding" not in h and body == wasm.read_bytes()
    assert all("accept-encoding" in get(url, e)[1]["vary"].lower() for e in ("br", None))
    status, h, body = get(f"{header_server}/kalkulatorer/org365/", "br")
    assert h["content-encoding"] == "br" and brotli.decompress(body) == (built_site / "kalkulatorer/org365/index.html").read_bytes()


def test_the_builds_headers_are_sent(header_server, built_site):
    policy = (built_site / "_csp_header.txt").read_text(encoding="utf-8").strip()
    _, page, _ = get(f"{header_server}/fo/")
    assert page["content-security-policy"] == policy.replace(" 'wasm-unsafe-eval'", "")
    assert page["x-content-type-options"] == "nosniff" and page["referrer-policy"] == "same-origin"
    assert page["cache-control"] == "no-cache"
    _, worker, _ = get(f"{header_server}/js/worker.mjs")
    assert worker["content-security-policy"] == policy
    _, runtime, _ = get(f"{header_server}/pyodide/{VERSION}/pyodide.mjs")
    assert runtime["cache-control"] == "public, max-age=31536000, immutable"


def test_no_directory_listing(header_server):
    for path in ("/assets/", "/pyodide/", f"/pyodide/{VERSION}/", "/js/"):
        status, _, body = get(header_server + path)
        assert status == 404, path
        assert b"Directory listing" not in body
    status, h, _ = get(header_server + "/assets")  # a folder without its slash: redirected, not listed
    assert status in (301, 404)


def test_dev_serve_sends_the_header_policy(built_site):
    """`./dev serve` runs `python -m site_build.serve --port PORT site`: that command, as is."""
    dev = (ROOT / "dev").read_text(encoding="utf-8")
    (command,) = re.findall(r"exec \.venv/bin/python -m site_build\.serve (.*)", dev)
    assert command == '--port "$PORT" site'
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "site_build.serve", "--port", str(port), str(built_site)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout.readline().startswith("Serving")
        _, h, _ = get(f"http://127.0.0.1:{port}/kalkulatorer/org365/")
        assert h["content-security-policy"].startswith("default-src 'self'")
        assert get(f"http://127.0.0.1:{port}/assets/")[0] == 404
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_readme_quotes_the_nginx_configuration_the_tests_use():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    conf = (ROOT / "site_build" / "nginx.conf").read_text(encoding="utf-8")
    assert f"```nginx\n{conf}```" in readme


def raw_get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """A request sent as written: http.client keeps the path's backslashes and dots."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def test_a_malformed_accept_encoding_is_answered_uncompressed():
    assert accepted("br;q=abc") == set()
    assert accepted("br;q=abc, gzip") == {"gzip"}
    assert accepted("br;q=1.5, gzip;q=nan, deflate;q=0.001") == {"deflate"}
    assert accepted(";;,, br ; Q=0.8") == {"br"}


def test_the_server_survives_a_malformed_accept_encoding(header_server, built_site):
    port = int(header_server.rsplit(":", 1)[1])
    status, h, body = raw_get(port, "/fo/", {"Accept-Encoding": "br;q=abc"})
    assert status == 200 and "content-encoding" not in h
    assert body == (built_site / "fo" / "index.html").read_bytes()


@pytest.fixture
def fenced_site(tmp_path):
    """A site folder with a secret beside it and a symlink inside that leads to it."""
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text("<p>the site</p>", encoding="utf-8")
    (site / "sub" / "index.html").write_text("<p>sub</p>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "index.html").write_text("SECRET", encoding="utf-8")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (site / "leakdir").symlink_to(tmp_path / "outside", target_is_directory=True)
    (site / "inner.txt").symlink_to(site / "sub" / "index.html")  # a link that stays inside is fine
    srv = serve_in_thread(site, 0)
    yield srv.server_port
    srv.shutdown()


@pytest.mark.parametrize("path", [
    "/..%5csecret.txt", "/sub/..%5c..%5csecret.txt", "/sub/..\\..\\secret.txt", "/..\\secret.txt",
    "/%2e%2e%5csecret.txt", "/sub%5c..%5c..%5csecret.txt", "/C:%5csecret.txt", "/../secret.txt",
    "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/leak.txt", "/leakdir/", "/leakdir/index.html",
])
def test_nothing_outside_the_site_is_served(fenced_site, path):
    status, _, body = raw_get(fenced_site, path)
    assert status == 404, path
    assert b"SECRET" not in body


def test_a_symlink_inside_the_site_is_served(fenced_site):
    assert raw_get(fenced_site, "/inner.txt")[:3:2] == (200, b"<p>sub</p>")
    assert raw_get(fenced_site, "/sub/")[:3:2] == (200, b"<p>sub</p>")


def test_the_host_files_are_not_served(header_server, built_site):
    for name in ("_headers", "_nginx.conf", "_csp_header.txt"):
        assert (built_site / name).is_file(), name
        for encoding in (None, "gzip, br"):
            assert get(f"{header_server}/{name}", encoding)[0] == 404, name
