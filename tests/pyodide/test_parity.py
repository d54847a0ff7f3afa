"""Pyodide parity: the whole case table gives identical answers in CPython and in real
Pyodide (the pinned npm package under Node), from the very wheel the site ships."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from calculators.api import run
from calculators.machinery.view import render
from site_build.wheel import build_wheel, bytecode_wheel, write_lockfile

from tests.conftest import ROOT, load_cases


def test_case_table_runs_identically_in_pyodide(tmp_path: Path):
    cases = load_cases()
    assert len(cases) > 50, "the case table should cover every calculator"
    # the wheel the site ships: the calculators as bytecode compiled by Pyodide's CPython
    wheel = bytecode_wheel(build_wheel(ROOT / "calculators", tmp_path / "src"), ROOT / "node_modules" / "pyodide",
                           tmp_path / "cache")
    lock = wheel.parent / "pyodide-lock.json"
    write_lockfile(ROOT / "node_modules" / "pyodide" / "pyodide-lock.json", wheel, lock)
    cases_file = tmp_path / "cases.json"
    cases_file.write_text(json.dumps([{"calculator": c["calculator"], "inputs": c["inputs"]} for c in cases]), encoding="utf-8")

    proc = subprocess.run(
        ["node", str(ROOT / "tests" / "pyodide" / "parity.mjs"), str(lock), str(cases_file)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["python"].startswith("3.1"), data["python"]

    for case, theirs in zip(cases, data["outputs"], strict=True):
        ours = run(case["calculator"], case["inputs"])
        assert theirs["output"] == ours, f"{case['file']}: {case['name']}"
        assert theirs["view"] == render(case["calculator"], ours), f"{case['file']}: {case['name']} (markup)"
