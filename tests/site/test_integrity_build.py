"""What the build writes so that the browser checks every file before it runs it: the
sha256 of the lockfile, the WebAssembly and the standard library in the worker, the heap
a snapshot must fit, the build's id on every calculator; and the wheels it ships are the
very files uv.lock pins."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from site_build.plugin import PyodideRuntimePlugin
from site_build.wheel import UnpinnedWheelError, check_pinned, wasm_heap_bytes
from tests.conftest import ROOT

XLSX = ".cache/wheels/xlsxwriter-3.3.1-py3-none-any.whl"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_worker_carries_the_sha256_of_each_file_it_checks(built_site: Path):
    worker = (built_site / "js" / "worker.mjs").read_text(encoding="utf-8")
    runtime = next(p for p in (built_site / "pyodide").iterdir() if (p / "pyodide.asm.wasm").is_file())
    stdlib = next(runtime.glob("python_stdlib-*.zip"))
    assert f'lockfile: "{sha256(built_site / "pyodide" / "pyodide-lock.json")}"' in worker
    assert f'wasm: "{sha256(runtime / "pyodide.asm.wasm")}"' in worker
    assert f'stdlib: "{sha256(stdlib)}"' in worker
    # Pyodide 314's WebAssembly declares a 30 MiB heap (480 pages of 64 KiB).
    assert 'Number("31457280")' in worker


def test_the_heap_is_read_from_the_webassembly_module():
    assert wasm_heap_bytes(ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm") == 30 * 1024 * 1024


def test_every_calculator_names_the_build_its_scripts_are_of(built_site: Path):
    client = (built_site / "js" / "worker-client.mjs").read_text(encoding="utf-8")
    (build,) = re.findall(r'const BUILD = "([0-9a-f]{16})";', client)
    assert f'const BUILD_ID = "{build}";' in (built_site / "js" / "worker.mjs").read_text(encoding="utf-8")
    pages = [p for p in built_site.rglob("*.html") if 'data-calc="' in p.read_text(encoding="utf-8")]
    assert len(pages) >= 13
    for page in pages:
        roots = re.findall(r"<[^>]* data-calc=\"[a-z0-9_]+\"[^>]*>", page.read_text(encoding="utf-8"))
        assert roots and all(f'data-build="{build}"' in r for r in roots), page


def test_the_pinned_wheel_passes_and_another_file_of_its_name_does_not(tmp_path: Path):
    check_pinned(ROOT / XLSX, ROOT / "uv.lock")
    tampered = tmp_path / Path(XLSX).name
    tampered.write_bytes((ROOT / XLSX).read_bytes() + b"\0")
    with pytest.raises(UnpinnedWheelError, match="not the sha256:8e2c89e5"):
        check_pinned(tampered, ROOT / "uv.lock")
    stranger = tmp_path / "stranger-1.0-py3-none-any.whl"
    shutil.copyfile(ROOT / XLSX, stranger)
    with pytest.raises(UnpinnedWheelError, match="not a wheel uv.lock pins"):
        check_pinned(stranger, ROOT / "uv.lock")


def test_a_wheel_that_is_not_the_pinned_file_fails_the_build(tmp_path: Path):
    shutil.copyfile(ROOT / "uv.lock", tmp_path / "uv.lock")
    wheel = tmp_path / XLSX
    wheel.parent.mkdir(parents=True)
    wheel.write_bytes((ROOT / XLSX).read_bytes() + b"\0")
    plugin = PyodideRuntimePlugin()
    errors, _ = plugin.load_config({"extra_wheels": [XLSX]})
    assert not errors
    with pytest.raises(PluginError, match="xlsxwriter-3.3.1-py3-none-any.whl has sha256:"):
        plugin.extra_wheels(SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")))
