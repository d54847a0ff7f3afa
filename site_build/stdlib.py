"""The standard library the site ships: trimmed, precompiled, stored; made once and cached.

Pyodide's npm package ships `python_stdlib.zip` as sources in deflated members (2.5 MB
on the wire whatever the server does). `stdlib.mjs`, run with Node (which `npm ci`
needs anyway), has Pyodide's own CPython make the site's copy:

- trimmed to the modules Pyodide's start-up, the worker's way of installing the wheel
  (and a plain `loadPackage`), the package's own modules, the modules of the other wheels
  the site ships (`extra_wheels`, loaded on demand), one computation per calculator (its
  first case) and the plugin option `stdlib_extra` import;
- those modules as bytecode (about a second of WebAssembly CPU less per cold start);
- STORED members, so the web server's gzip / brotli compresses the whole file.

Then it runs the whole case table (`tests/cases/*.toml`) through the worker's entry point
on a Pyodide that has only the trimmed zip: an import it cannot satisfy fails the build
with the module's name (`StdlibError`). The result depends only on the npm package, the
wheel, the case table, the option and the script, so it is cached under `.cache/` by
their sha256: a build pays the ~6 s once per change of any of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import tomllib
from pathlib import Path

from .node import run_script

SCRIPT = Path(__file__).with_name("stdlib.mjs")
STDLIB = "python_stdlib.zip"


class StdlibError(Exception):
    """The trimmed standard library lacks a module the calculators import (or could not be made)."""


def case_table(cases_dir: Path) -> list[dict]:
    cases = []
    for path in sorted(cases_dir.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8")).get("case", []):
            cases.append({"calculator": case["calculator"], "inputs": case["inputs"],
                          "label": f"{path.name}: {case.get('name', '?')}"})
    return cases


def cache_key(pyodide_dir: Path, wheel: Path, cases: list[dict], extra: list[str], extra_wheels: list[Path] = ()) -> str:
    h = hashlib.sha256()
    for part in (pyodide_dir / STDLIB, pyodide_dir / "pyodide.asm.wasm", SCRIPT, wheel, *extra_wheels):
        h.update(hashlib.sha256(part.read_bytes()).digest())
    h.update(json.dumps([cases, sorted(extra)], sort_keys=True).encode())
    return h.hexdigest()[:16]


def trimmed_stdlib(pyodide_dir: Path, cache_dir: Path, wheel: Path, cases_dir: Path,
                   extra: list[str] = (), extra_wheels: list[Path] = ()) -> tuple[Path, str]:
    """The cached trimmed zip (made and verified now if missing), and how it was had.
    `extra_wheels` are other wheels the site ships (loaded on demand): what they import
    is kept too. Raises StdlibError naming the missing module when the case table needs one."""
    cases = case_table(cases_dir)
    if not cases:
        raise StdlibError(f"no cases in {cases_dir}: the trimmed standard library cannot be verified")
    extra = [m.strip() for m in extra if m.strip()]
    target = cache_dir / f"python_stdlib-{cache_key(pyodide_dir, wheel, cases, extra, extra_wheels)}.zip"
    if target.is_file():
        return target, "cached"
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stdlib-", dir=cache_dir) as tmp:
        work = Path(tmp)
        cases_file = work / "cases.json"
        cases_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
        wheel_copy = work / wheel.name
        shutil.copyfile(wheel, wheel_copy)
        out = work / STDLIB
        run = run_script(SCRIPT, [str(pyodide_dir), str(wheel_copy), str(cases_file), ",".join(extra), str(out),
                                  ",".join(str(w) for w in extra_wheels)], "makes the site's standard library", StdlibError)
        verdict = run.verdict
        if verdict.get("error"):
            raise StdlibError(f"stdlib.mjs failed: {verdict['error']}")
        if verdict.get("missing"):
            raise StdlibError(
                f"the trimmed standard library lacks the module '{verdict['missing']}', imported by "
                f"{verdict['case']}. Import it at module level in the package, or add it to the "
                f"pyodide_runtime option stdlib_extra in mkdocs.yml."
            )
        if run.failed is not None:
            raise StdlibError(f"stdlib.mjs failed: {run.failed}")
        out.chmod(0o644)
        os.replace(out, target)  # atomic: parallel builds never see half a file
    return target, f"made and verified: {verdict['kept']} modules, {verdict['bytes']} bytes"
