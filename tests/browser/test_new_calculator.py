"""Adding a calculator touches four places: its module, its rates (here: the ones it shares),
its case file and one line on a page. This copies the project, adds a calculator that way
(a copy of the loan calculator under a new name) and checks every layer: the built page has
its form and build-time result, `api.run` answers as the original does, and its case file
runs in CPython, in Pyodide and in the browser."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from calculators.api import run as original_run
from calculators.machinery.view import render
from site_build.serve import serve_in_thread
from tests.browser.conftest import open_context, wait_live
from tests.browser.helpers import calc, fill_text, runs, settle
from tests.conftest import ROOT, build_site, copy_project, free_port
from tests.shown import plain

NEW = "fo_loan_copy"
COPIED = ["docs", "calculators", "macros", "overrides", "site_build", "tests", "mkdocs.yml", "pyproject.toml", "uv.lock"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("new-calculator"), COPIED)
    # 1. the module, under the new name it declares
    module = (ROOT / "calculators" / "rules" / "fo_loan.py").read_text(encoding="utf-8")
    assert module.count('name="fo_loan"') == 1
    (project / "calculators" / "rules" / f"{NEW}.py").write_text(module.replace('name="fo_loan"', f'name="{NEW}"'),
                                                       encoding="utf-8")
    # 2. its case file
    cases = (ROOT / "tests" / "cases" / "fo_loan.toml").read_text(encoding="utf-8")
    (project / "tests" / "cases" / f"{NEW}.toml").write_text(
        cases.replace('calculator = "fo_loan"', f'calculator = "{NEW}"'), encoding="utf-8")
    # 3. one line on a page
    page = project / "docs" / "fo" / "lan.md"
    page.write_text(page.read_text(encoding="utf-8") + f'\n{{{{ calculator("{NEW}") }}}}\n', encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def copy_site(project, tmp_path_factory):
    port = free_port()
    dest = tmp_path_factory.mktemp("new-calculator-site")
    result = build_site(dest, f"http://127.0.0.1:{port}/", project=project)
    assert result.returncode == 0, result.stdout + result.stderr
    srv = serve_in_thread(dest, port)
    yield dest, f"http://127.0.0.1:{port}"
    srv.shutdown()


def in_copy(project: Path, code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_the_new_calculator_answers_as_the_original(project):
    inputs = [{"monthly_gross_pay": "50 000", "fte_percent": "100"}, {"monthly_gross_pay": "1", "fte_percent": "49,99"},
              {"monthly_gross_pay": "-1"}, "not a dict"]
    out = in_copy(project, f"import json; from calculators import api; "
                           f"print(json.dumps([api.run({NEW!r}, i) for i in {inputs!r}]))")
    assert json.loads(out) == [original_run("fo_loan", i) for i in inputs]


def test_its_case_file_runs_in_cpython_and_pyodide(project):
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit/test_cases.py",
         "tests/pyodide/test_parity.py", "-k", f"{NEW} or pyodide"],
        cwd=project, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:]
    # the new file's cases were collected and passed (not deselected)
    assert re.search(r"(\d+) passed", proc.stdout) and int(re.search(r"(\d+) passed", proc.stdout).group(1)) >= 6


def test_its_page_has_the_form_and_the_build_time_result(copy_site):
    dest, _ = copy_site
    html = (dest / "fo" / "lan" / "index.html").read_text(encoding="utf-8")
    assert f'data-calc="{NEW}"' in html
    root = html[html.index(f'data-calc="{NEW}"'):]
    assert "Bruttolønn per måned (kr)" in root and "Frikjøp i prosent av full stilling" in root
    # the example (50 000 kr a month at 100 %) drawn as the original draws it: a loan of 50 000 kr
    example = {"monthly_gross_pay": "50 000", "fte_percent": "100"}
    expected = render("fo_loan", original_run("fo_loan", example), root="../../")  # fo/lan/ → the root
    assert expected["html"] in root and "<dd><span class=\"amount\">50 000 kr</span></dd>" in plain(expected["html"])


def test_its_form_computes_in_the_browser(browser, copy_site):
    _, origin = copy_site
    context, watch = open_context(browser, origin)
    page = context.new_page()
    page.goto(f"{origin}/fo/lan/")
    wait_live(page, NEW)
    root = calc(page, NEW)
    before = runs(page, NEW)
    fill_text(root, "Bruttolønn per måned (kr)", "42 000")
    root.get_by_role("button", name="Beregn").click()
    settle(page, NEW, before)
    text = plain(root.locator("[data-result]").inner_text())
    assert "42 000 kr" in text
    assert "Kan søke om lån" in text
    context.close()
    watch.check()
