"""Firefox's engine (Debian's Firefox ESR) over WebDriver BiDi, driven from Node by
puppeteer-core (`tests/browser/firefox.mjs`; Playwright's own Firefox path fails on this
Firefox). ONE launch visits every calculator page of the build, served with its header
policy: each comes alive and answers the inputs of a case from the case table with the
case's hand-written text, either typed into the form (cases with single fields) or opened
as a share link (cases with rows); no console error and no policy violation. Then the
budget's CSV download, the page on paper (Firefox's own PDF) without the screen's controls,
and the offline copy: after one visit, with the server stopped, pages and a calculator
still work from the service worker."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from site_build.serve import serve_in_thread
from tests.browser.serving import calculator_pages
from tests.browser.test_print import SCREEN_ONLY, shows, words
from tests.conftest import ROOT, load_cases
from tests.shown import missing, plain

FIREFOX = "/usr/bin/firefox-esr"
SCRIPT = ROOT / "tests" / "browser" / "firefox.mjs"
MESSAGE = "Nettstedet kan nå brukes uten nett."


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Controls(HTMLParser):
    """The keys of a calculator's controls, outside rows and per rows group."""

    def __init__(self, name: str):
        super().__init__()
        self.name, self.depth, self.calc_depth, self.inside = name, 0, 0, False
        self.rows_stack: list[tuple[str, int]] = []
        self.top: set[str] = set()
        self.rows: dict[str, set[str]] = {}
        self.key_from: dict[str, tuple[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in VOID:
            self.depth += 1
        if a.get("data-calc") == self.name:
            self.calc_depth, self.inside = self.depth, True
        if not self.inside:
            return
        if "data-rows" in a:
            self.rows_stack.append((a["data-rows"], self.depth))
            self.rows.setdefault(a["data-rows"], set())
        key = a.get("data-key") or a.get("data-ui-key")
        if key:
            (self.rows[self.rows_stack[-1][0]] if self.rows_stack else self.top).add(key)
        if "data-key-from" in a:
            self.key_from[a["data-key"]] = (a["data-key-from"], a["data-key"])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.rows_stack and self.rows_stack[-1][1] == self.depth:
            self.rows_stack.pop()
        if self.inside and self.calc_depth == self.depth:
            self.inside = False  # the calculator ended: nothing after it counts
        self.depth -= 1


def page_keys(html: str, name: str) -> tuple[set[str], dict[str, set[str]], dict[str, tuple[str, str]]]:
    """The calculator's controls in the built page: keys outside rows, the keys of each
    rows group, and `data-key-from` pairs (the API field chosen by a chooser: key → (chooser, key))."""
    parser = _Controls(name)
    parser.feed(html)
    return parser.top, parser.rows, parser.key_from


def typed(value) -> str | bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return str(value).replace(".", ",")  # as a Norwegian reader writes it
    return str(value)


def snapshot(inputs: dict, html: str, name: str) -> dict | None:
    """The case's API inputs as the form's snapshot ({fields, rows}, docs/js/form-state.mjs),
    or None when the form has no control for one of them."""
    top, rows_keys, key_from = page_keys(html, name)
    fields, rows = {}, {}

    def row_of(item, keys: set[str]) -> dict | None:
        if not isinstance(item, dict):  # a list of single values: rows of one field
            return {next(iter(keys)): typed(item)} if len(keys) == 1 else None
        out = {}
        for k, v in item.items():
            if k in keys:
                out[k] = typed(v)
            elif key_from and all(k2 in keys for k2 in next(iter(key_from.values()))):
                chooser, level = next(iter(key_from.values()))
                out[chooser], out[level] = k, typed(v)
            else:
                return None
        return out

    def walk(value, path: str) -> bool:
        if isinstance(value, dict):
            return all(walk(v, f"{path}.{k}" if path else k) for k, v in value.items())
        if isinstance(value, list):
            if path not in rows_keys:
                return False
            rows[path] = [row_of(item, rows_keys[path]) for item in value]
            return None not in rows[path]
        if path not in top:
            return False
        fields[path] = typed(value)
        return True

    return {"fields": fields, "rows": rows} if walk(inputs, "") else None


def link(snap: dict, name: str) -> str:
    raw = json.dumps(snap, ensure_ascii=False).encode("utf-8")
    return f"#inndata-{name}=" + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def plan_step(site: Path, path: str, name: str) -> dict:
    """The first case of the calculator with hand-written text that the form can hold."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    for case in load_cases():
        expected = case["expected"]
        if case["calculator"] != name or "text" not in expected or "defect" in expected or not isinstance(case["inputs"], dict):
            continue
        snap = snapshot(case["inputs"], html, name)
        if snap is None:
            continue
        step = {"path": path, "name": name, "case": case["name"], "text": expected["text"], "summary": expected["summary"]}
        if snap["rows"]:
            step["link"] = link(snap, name)
        else:
            step["fields"] = list(snap["fields"].items())
        return step
    raise AssertionError(f"{name}: no case with text that its form can hold")


@pytest.fixture(scope="module")
def firefox_report(built_site, tmp_path_factory) -> dict:
    assert Path(FIREFOX).exists(), "firefox-esr is not installed (./dev test installs it)"
    assert (ROOT / "node_modules" / "puppeteer-core").is_dir(), "npm ci has not run (./dev test runs it)"
    work = tmp_path_factory.mktemp("firefox")
    pages = calculator_pages(built_site)
    srv = serve_in_thread(built_site, 0, csp=True)
    origin = f"http://127.0.0.1:{srv.server_port}"
    plan = {
        "firefox": FIREFOX, "origin": origin, "downloads": str(work / "downloads"), "report": str(work / "report.json"),
        "pages": [plan_step(built_site, path, name) for path, name in pages],
        "print": {"path": "kalkulatorer/budsjett/", "name": "budget"},
        "offline": {"first": "kalkulatorer/org365/", "name": "org365",
                    "then": [["kalkulatorer/klar/", "klar"], ["ordliste/", None], ["kalkulatorer/org365/", "org365"]]},
    }
    (work / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "HOME": str(work)}  # Firefox's profile and caches stay in the test's folder
    proc = subprocess.Popen(["node", str(SCRIPT), str(work / "plan.json")], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    report, stopped = None, False
    try:
        for line in proc.stdout:
            message = json.loads(line)
            if message["event"] == "stop-server":
                srv.shutdown()  # the network is gone
                stopped = True
                proc.stdin.write("stopped\n")
                proc.stdin.flush()
            elif message["event"] == "done":
                report = json.loads((work / "report.json").read_text(encoding="utf-8"))
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        if not stopped:
            srv.shutdown()
    assert report is not None, f"firefox.mjs gave no report:\n{proc.stderr.read()}"
    report["plan"] = plan
    report["downloaded"] = sorted(p for p in (work / "downloads").glob("*")) if (work / "downloads").exists() else []
    return report


def test_firefox_ran_every_step(firefox_report):
    assert "Firefox" in firefox_report["userAgent"], firefox_report["userAgent"]
    assert not firefox_report["failures"], firefox_report["failures"]


def test_every_calculator_page_answers_an_edit_with_the_case_tables_text(firefox_report):
    shown = {p["path"]: p for p in firefox_report["pages"]}
    steps = firefox_report["plan"]["pages"]
    assert len(steps) >= 13
    assert {s["name"] for s in steps} >= {"org365", "klar", "budget", "fo_pay"}
    for step in steps:
        page = shown.get(step["path"])
        assert page, f"{step['path']}: never came alive"
        assert page["state"] == "ready"
        assert not missing(page["result"], step["text"]), f"{step['path']} ({step['case']}): not shown: {missing(page['result'], step['text'])}"
        assert plain(page["live"]).strip().endswith(step["summary"]), f"{step['path']}: live region says {page['live']!r}"
        assert page["result"] != page["example"], f"{step['path']}: the result did not change"


def test_no_console_error_and_no_policy_violation_in_firefox(firefox_report):
    assert not firefox_report["pageErrors"], firefox_report["pageErrors"]
    assert not firefox_report["console"], firefox_report["console"]
    assert not firefox_report["violations"], firefox_report["violations"]


def test_csv_download_in_firefox(firefox_report):
    assert firefox_report["csv"] and "CSV-filen er lastet ned" in firefox_report["csv"]["live"]
    files = [p for p in firefox_report["downloaded"] if p.suffix == ".csv"]
    assert len(files) == 1, firefox_report["downloaded"]
    text = files[0].read_text(encoding="utf-8-sig")
    # The example budget's two lines and their total, as the CSV writes them.
    assert "Lisenskostnader ORG365" in text and "Lisenskostnader KL*AR" in text and "Sum lisenskostnader" in text


def test_the_budget_on_paper_in_firefox(firefox_report):
    pages = [words(p.extract_text()) for p in PdfReader(io.BytesIO(base64.b64decode(firefox_report["pdf"]))).pages]
    text = " ".join(pages)
    for needle in ("Lisensbudsjett for årsmøtet", "Lisenskostnader ORG365", "Lisenskostnader KL*AR", "Sum lisenskostnader",
                   "1. kvartal", "4. kvartal"):
        assert needle in text, needle
    for needle in SCREEN_ONLY:
        assert not shows(text, needle), needle
    assert "Budsjettår" not in text and "Fylkeskrets" not in text


def test_the_offline_copy_works_in_firefox(firefox_report):
    offline = firefox_report["offline"]
    assert offline and offline["said"] == MESSAGE
    by_path = {p["path"]: p for p in offline["pages"]}
    assert by_path["ordliste/"]["h1"].strip().startswith("Ordliste")
    for path in ("kalkulatorer/klar/", "kalkulatorer/org365/"):
        assert by_path[path]["state"] == "ready" and by_path[path]["result"].strip()
