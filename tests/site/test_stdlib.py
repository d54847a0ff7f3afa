"""The standard library the site ships: Pyodide's own, trimmed to what start-up and the
calculators import, as bytecode compiled by Pyodide's CPython, in STORED members (so the
web server's compression works on it). A calculator that imports a module the trimmed
zip lacks fails the build, naming the module."""

from __future__ import annotations

import json
import textwrap
import zipfile

import pytest

from site_build.stdlib import StdlibError, trimmed_stdlib
from site_build.wheel import build_wheel
from tests.conftest import ROOT

NPM = ROOT / "node_modules" / "pyodide"
VERSION = json.loads((NPM / "package.json").read_text(encoding="utf-8"))["version"]


def modules(names) -> set[str]:
    return {n.removesuffix("c") for n in names if n.endswith((".py", ".pyc"))}


def test_trimmed_stored_and_compiled(built_site):
    with zipfile.ZipFile(NPM / "python_stdlib.zip") as zf:
        npm = set(zf.namelist())
    (ours_path,) = (built_site / "pyodide" / VERSION).glob("python_stdlib-*.zip")
    with zipfile.ZipFile(ours_path) as zf:
        infos = zf.infolist()
        heads = {i.filename: zf.read(i)[:16] for i in infos}
    names = set(heads)
    assert all(n.endswith(".pyc") for n in names)
    assert all(i.compress_type == zipfile.ZIP_STORED for i in infos)
    assert modules(names) <= modules(npm)
    assert 100 < len(names) < len(modules(npm)) / 3  # trimmed
    for name in ("zipfile/__init__.pyc", "tempfile.pyc", "decimal.pyc", "tomllib/_parser.pyc", "html/entities.pyc",
                 "json/__init__.pyc", "csv.pyc", "_pyodide/_base.pyc", "pyodide/_package_loader.pyc",
                 "importlib/resources/_adapters.pyc", "encodings/cp437.pyc"):
        assert name in names, name
    for name in ("tkinter/__init__.pyc", "unittest/__init__.pyc", "sqlite3/__init__.pyc", "pydoc.pyc"):
        assert name not in names, name
    assert len({h[:4] for h in heads.values()}) == 1  # one magic number: one CPython compiled them all
    assert all(h[4:8] == b"\x01\x00\x00\x00" for h in heads.values())  # hash-based, not checked against a source
    assert ours_path.stat().st_size < (NPM / "python_stdlib.zip").stat().st_size * 1.5
    assert (ours_path.with_name(ours_path.name + ".br")).stat().st_size < 0.45 * (NPM / "python_stdlib.zip").stat().st_size


def fake_package(root, lazy_import: str):
    """A package shaped like `calculators` (api.respond) whose calculator "b" imports a
    standard-library module only for some inputs: not for its first case (which the trim
    runs), only for a later one (which the verification reaches)."""
    pkg = root / "fakecalc"
    pkg.mkdir()
    (pkg / "__init__.py").write_text('__version__ = "1.0"\n', encoding="utf-8")
    (pkg / "api.py").write_text(textwrap.dedent(f"""\
        import json

        def respond(op, name, inputs_json):
            try:
                if name == "b" and "x" in json.loads(inputs_json):
                    import {lazy_import}
            except Exception:  # the calculators' safety net swallows errors like this
                return json.dumps({{"ok": False}})
            return json.dumps({{"ok": True}})
        """), encoding="utf-8")
    cases = root / "cases"
    cases.mkdir()
    (cases / "t.toml").write_text(textwrap.dedent("""\
        [[case]]
        name = "first"
        calculator = "a"
        inputs = {}
        [[case]]
        name = "second"
        calculator = "a"
        inputs = {}
        [[case]]
        name = "first of b"
        calculator = "b"
        inputs = {}
        [[case]]
        name = "later, lazy"
        calculator = "b"
        inputs = {x = 1}
        """), encoding="utf-8")
    return pkg, cases


def test_a_missing_import_fails_naming_the_module(tmp_path):
    pkg, cases = fake_package(tmp_path, "statistics")
    wheel = build_wheel(pkg, tmp_path / "dist")
    with pytest.raises(StdlibError, match=r"'statistics'.*t\.toml: later, lazy"):
        trimmed_stdlib(NPM, tmp_path / "cache", wheel, cases, extra=[])


def test_stdlib_extra_keeps_a_lazily_imported_module(tmp_path):
    pkg, cases = fake_package(tmp_path, "statistics")
    wheel = build_wheel(pkg, tmp_path / "dist")
    zip_path, how = trimmed_stdlib(NPM, tmp_path / "cache", wheel, cases, extra=["statistics"])
    assert how.startswith("made and verified")
    assert "statistics.pyc" in zipfile.ZipFile(zip_path).namelist()


def test_what_an_extra_wheel_imports_is_kept(tmp_path):
    """A wheel the site ships for later (loaded on demand, not at start): its imports stay in reach."""
    pkg, cases = fake_package(tmp_path, "string")  # a module start-up keeps anyway
    wheel = build_wheel(pkg, tmp_path / "dist")
    extra = tmp_path / "extrapkg"
    extra.mkdir()
    (extra / "__init__.py").write_text('__version__ = "2.0"\nimport fractions\n', encoding="utf-8")
    extra_wheel = build_wheel(extra, tmp_path / "dist")
    zip_path, _ = trimmed_stdlib(NPM, tmp_path / "cache", wheel, cases, extra_wheels=[extra_wheel])
    assert "fractions.pyc" in zipfile.ZipFile(zip_path).namelist()
    without, _ = trimmed_stdlib(NPM, tmp_path / "cache", wheel, cases)
    assert "fractions.pyc" not in zipfile.ZipFile(without).namelist()
