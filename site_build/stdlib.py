"""A standard library zip whose start-up modules are bytecode, made once and cached.

Pyodide's npm package ships `python_stdlib.zip` as sources; compiling the ~160 modules
that Pyodide's start-up and a calculator page import costs every visitor about a second
of WebAssembly CPU on each cold start. `precompile_stdlib.mjs` (run with Node, which
`npm ci` needs anyway) has Pyodide's own CPython compile exactly those into the zip.
The result depends only on the npm package and the script, so it is cached under
`.cache/` by their sha256: a build pays the ~3 s once per Pyodide version.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

SCRIPT = Path(__file__).with_name("precompile_stdlib.mjs")
STDLIB = "python_stdlib.zip"


def cache_key(pyodide_dir: Path) -> str:
    h = hashlib.sha256()
    for part in (pyodide_dir / STDLIB, pyodide_dir / "pyodide.asm.wasm", SCRIPT):
        h.update(hashlib.sha256(part.read_bytes()).digest())
    return h.hexdigest()[:16]


def precompiled_stdlib(pyodide_dir: Path, cache_dir: Path) -> tuple[Path | None, str]:
    """The cached precompiled zip (made now if missing), or None and why not."""
    target = cache_dir / f"python_stdlib-{cache_key(pyodide_dir)}.zip"
    if target.is_file():
        return target, "cached"
    node = shutil.which("node")
    if not node:
        return None, "node not found"
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix="python_stdlib-", suffix=".tmp", dir=cache_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        proc = subprocess.run([node, str(SCRIPT), str(pyodide_dir), str(tmp)],
                              capture_output=True, text=True, timeout=300)
        if proc.returncode != 0 or not zipfile.is_zipfile(tmp):
            return None, f"precompile_stdlib.mjs failed: {(proc.stderr or proc.stdout).strip()[-300:]}"
        tmp.chmod(0o644)
        os.replace(tmp, target)  # atomic: parallel builds never see half a file
        return target, f"compiled {proc.stdout.strip()} modules"
    except (OSError, subprocess.SubprocessError) as err:
        return None, f"precompile_stdlib.mjs failed: {err}"
    finally:
        tmp.unlink(missing_ok=True)
