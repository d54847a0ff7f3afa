"""The built site ships XlsxWriter for «Last ned Excel-fil»: its wheel in the site's
lockfile with its sha256 (the version uv.lock pins), the button beside «Last ned CSV» on
the pages of the calculators that declare a workbook, and a build that says how to get
the wheel when it is missing."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from calculators.machinery import registry
from site_build.plugin import PyodideRuntimePlugin
from tests.conftest import ROOT

BUTTON = "Last ned Excel-fil"


def pinned_xlsxwriter() -> dict:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    return next(p for p in lock["package"] if p["name"] == "xlsxwriter")


def test_the_lockfile_lists_the_pinned_xlsxwriter_wheel_with_its_sha256(built_site: Path):
    lock = json.loads((built_site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    pkg = lock["packages"]["xlsxwriter"]
    pinned = pinned_xlsxwriter()
    assert pkg["version"] == pinned["version"]
    wheel = built_site / "pyodide" / pkg["file_name"]
    data = wheel.read_bytes()
    assert pkg["sha256"] == hashlib.sha256(data).hexdigest()
    # the very file uv.lock pins (PyPI's wheel), in a folder named by its hash
    assert f"sha256:{pkg['sha256']}" in [w["hash"] for w in pinned["wheels"]]
    assert wheel.parent.name == pkg["sha256"][:16]
    assert pkg["imports"] == ["xlsxwriter"] and pkg["depends"] == []


def calculator_block(html: str, name: str) -> str:
    start = html.index(f'data-calc="{name}"')
    return html[start:html.index("</form>", start)]


@pytest.mark.parametrize("name, path", [("budget", "kalkulatorer/budsjett/index.html"),
                                        ("fo_pay", "kalkulatorer/fo-lonn/index.html")])
def test_calculators_with_a_workbook_have_the_excel_button(built_site: Path, name, path):
    assert "xlsx" in registry.get(name).actions and registry.get(name).xlsx is not None
    form = calculator_block((built_site / path).read_text(encoding="utf-8"), name)
    buttons = re.findall(r"<button[^>]*>[^<]*</button>", form)
    excel = [b for b in buttons if "data-xlsx" in b]
    assert len(excel) == 1 and excel[0].endswith(f">{BUTTON}</button>") and 'type="button"' in excel[0]
    if "csv" in registry.get(name).actions:
        csv_at = next(i for i, b in enumerate(buttons) if "data-csv" in b)
        assert "data-xlsx" in buttons[csv_at + 1], "the Excel button stands right after «Last ned CSV»"


def test_no_excel_button_without_a_workbook(built_site: Path):
    for page in (built_site / "kalkulatorer").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for name in re.findall(r'data-calc="([a-z0-9_]+)"', html):
            has = "data-xlsx" in calculator_block(html, name)
            assert has == (registry.get(name).xlsx is not None), (page, name)


def test_a_missing_wheel_fails_the_build_naming_the_fix(tmp_path: Path):
    plugin = PyodideRuntimePlugin()
    errors, _ = plugin.load_config({"extra_wheels": [".cache/wheels/xlsxwriter-3.3.1-py3-none-any.whl"]})
    assert not errors
    with pytest.raises(PluginError) as failure:
        plugin.extra_wheels(SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")))
    message = str(failure.value)
    assert "xlsxwriter-3.3.1-py3-none-any.whl" in message and "names no wheel file" in message
    assert "./dev" in message and ".cache/wheels" in message
