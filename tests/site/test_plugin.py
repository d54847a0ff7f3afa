"""The pyodide_runtime plugin in a real build: runtime files copied (and nothing else),
the wheel listed with its sha256, a clear failure when the npm package is missing."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile

from site_build.plugin import RUNTIME_FILES
from tests.conftest import ROOT


def test_runtime_files_are_copied_and_nothing_else(built_site):
    names = {p.name for p in (built_site / "pyodide").iterdir()}
    wheels = {n for n in names if n.endswith(".whl")}
    assert names == set(RUNTIME_FILES) | {"pyodide-lock.json"} | wheels
    assert len(wheels) == 1


def test_wheel_is_listed_with_its_sha256_and_holds_only_the_calculators(built_site):
    lock = json.loads((built_site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert set(lock["packages"]) == {"calculators"}
    pkg = lock["packages"]["calculators"]
    wheel = built_site / "pyodide" / pkg["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == pkg["sha256"]
    with zipfile.ZipFile(wheel) as zf:
        tops = {n.split("/")[0] for n in zf.namelist()}
        assert "calculators/rates.toml" in zf.namelist()
        assert "calculators/view.py" in zf.namelist()
    assert tops == {"calculators", f"calculators-{pkg['version']}.dist-info"}


def test_missing_npm_package_fails_the_build_and_names_the_fix(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: t\ndocs_dir: {ROOT / 'docs'}\ntheme: {{name: material, language: nb, font: false}}\n"
        f"plugins:\n  - pyodide_runtime:\n      pyodide_dir: {tmp_path / 'node_modules' / 'pyodide'}\n"
        f"      package: {ROOT / 'calculators'}\n",
        encoding="utf-8",
    )
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "npm ci" in proc.stderr + proc.stdout
