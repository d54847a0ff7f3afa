"""The standard library the site ships: Pyodide's own, with its start-up modules (and
what a calculator page imports) as bytecode compiled by Pyodide's CPython, nothing lost."""

from __future__ import annotations

import zipfile

from tests.conftest import ROOT

NPM_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"


def modules(names: set[str]) -> set[str]:
    return {n.removesuffix("c") for n in names if n.endswith((".py", ".pyc"))}


def test_every_module_is_kept_and_the_start_up_ones_are_bytecode(built_site):
    with zipfile.ZipFile(NPM_STDLIB) as zf:
        npm = set(zf.namelist())
    with zipfile.ZipFile(built_site / "pyodide" / "python_stdlib.zip") as zf:
        ours = set(zf.namelist())
        pycs = {n: zf.read(n)[:16] for n in ours if n.endswith(".pyc")}
    assert modules(ours) == modules(npm)
    assert {n for n in ours if not n.endswith((".py", ".pyc"))} == {n for n in npm if not n.endswith(".py")}
    assert not {n for n in pycs if n[:-1] in ours}, "a module is there both as source and as bytecode"
    for name in ("zipfile/__init__.pyc", "tempfile.pyc", "decimal.pyc", "tomllib/_parser.pyc", "html/entities.pyc",
                 "json/__init__.pyc", "_pyodide/_base.pyc", "pyodide/_package_loader.pyc"):
        assert name in pycs, name
    assert 100 < len(pycs) < len(modules(npm)) / 2  # start-up modules only: the zip stays small
    assert len({h[:4] for h in pycs.values()}) == 1  # one magic number: one CPython compiled them all
    assert all(h[4:8] == b"\x01\x00\x00\x00" for h in pycs.values())  # hash-based, not checked against a source
