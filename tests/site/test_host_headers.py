"""The build's `_headers` file as Cloudflare Pages reads it: every rule that matches a
path adds its headers, and a header two rules set gets both values. So no two rules that
match one address may set the same header, and every file of the build gets the policy
and the caching meant for it."""

from __future__ import annotations

import json
import re

from site_build.headers import load
from tests.conftest import ROOT

VERSION = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]
IMMUTABLE = "public, max-age=31536000, immutable"


def joined(rules, path: str) -> dict[str, list[str]]:
    """Every value each header gets at `path` when all matching rules add theirs."""
    out: dict[str, list[str]] = {}
    for pattern, headers in rules:
        if pattern.match(path):
            for name, value in headers.items():
                out.setdefault(name, []).append(value)
    return out


def addresses(site) -> list[str]:
    """Every address a reader may ask for: each file, and each folder holding index.html."""
    out = []
    for p in site.rglob("*"):
        rel = p.relative_to(site).as_posix()
        if not p.is_file() or rel.startswith("_") or rel.endswith((".br", ".gz")):
            continue
        out.append("/" + rel)
        if p.name == "index.html":
            out.append("/" + rel.removesuffix("index.html"))
    return sorted(out)


def test_no_header_gets_two_values_on_cloudflare(built_site):
    rules = load(built_site)
    policy = (built_site / "_csp_header.txt").read_text(encoding="utf-8").strip()
    page_policy = policy.replace(" 'wasm-unsafe-eval'", "")
    paths = addresses(built_site)
    assert "/js/worker.mjs" in paths and "/" in paths and "/fo/lan/" in paths and len(paths) > 50
    for path in paths:
        got = joined(rules, path)
        assert {name: len(values) for name, values in got.items()} == {
            "Content-Security-Policy": 1, "Cache-Control": 1, "X-Content-Type-Options": 1, "Referrer-Policy": 1,
        }, (path, got)
    assert joined(rules, "/js/worker.mjs")["Content-Security-Policy"] == [policy]
    for path in ("/", "/index.html", "/fo/lan/", "/js/worker-client.mjs", "/sw.js", "/pyodide/pyodide-lock.json"):
        assert joined(rules, path)["Content-Security-Policy"] == [page_policy], path
        assert joined(rules, path)["Cache-Control"] == ["no-cache"], path
    for path in (f"/pyodide/{VERSION}/pyodide.asm.wasm", f"/pyodide/{VERSION}/pyodide.mjs"):
        assert joined(rules, path)["Cache-Control"] == [IMMUTABLE], path
    wheel = json.loads((built_site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]["calculators"]["file_name"]
    assert joined(rules, f"/pyodide/{wheel}")["Cache-Control"] == [IMMUTABLE]
    # Every address outside the listed folders still gets the security headers.
    assert joined(rules, "/no-such-page")["X-Content-Type-Options"] == ["nosniff"]


def test_the_file_stays_small(built_site):
    text = (built_site / "_headers").read_text(encoding="utf-8")
    patterns = [line for line in text.splitlines() if line and not line[0].isspace()]
    assert len(patterns) == len(set(patterns))
    assert len(patterns) < 100  # folders of one kind are one rule each
    assert re.search(r"^/fo/\*$", text, re.M) and re.search(rf"^/pyodide/{re.escape(VERSION)}/\*$", text, re.M)
