"""Build the calculators wheel with a standard backend (hatchling), rewrite it as bytecode
for the browser, and register it in a Pyodide lockfile with its sha256, as `pyodide
lockfile add-wheels` does.

The wheel holds only the `calculators` package, so the browser downloads the rules and
the result renderer and nothing of MkDocs. Hatchling builds reproducibly (fixed file
times and order), so the same sources always give the same sha256; so does
`bytecode.mjs`, which has Pyodide's own CPython compile the modules (the worker then
imports bytecode instead of compiling ~30 sources; PERFORMANCE.md) into STORED members
that the web server's brotli compresses. Build-time rendering (macros) keeps using the
sources: only the wheel sent to the browser is bytecode.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import tomllib
from pathlib import Path

from hatchling.builders.wheel import WheelBuilder
from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec

from .node import run_script

_PYPROJECT = """\
[project]
name = "{name}"
version = "{version}"
description = "Rules of the licence budget and FO pay calculators (browser build)"
requires-python = ">=3.12"

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[tool.hatch.build.targets.wheel]
packages = ["{name}"]
"""

_SOURCE_SUFFIXES = {".py", ".toml"}
BYTECODE_SCRIPT = Path(__file__).with_name("bytecode.mjs")


class BytecodeError(Exception):
    """The wheel could not be compiled to bytecode by Pyodide."""


class UnpinnedWheelError(Exception):
    """A wheel the site ships is not the file `uv.lock` pins."""


def check_pinned(wheel: Path, uv_lock: Path) -> None:
    """Raise UnpinnedWheelError unless `uv_lock` lists a wheel of this file name with this
    file's sha256: the site ships only the very files the project's lockfile pins (./dev
    checks them when it downloads them; the build checks them again on every build)."""
    lock = tomllib.loads(uv_lock.read_text(encoding="utf-8"))
    pinned = [w["hash"] for p in lock.get("package", []) for w in p.get("wheels", [])
              if w.get("url", "").rsplit("/", 1)[-1] == wheel.name]
    if not pinned:
        raise UnpinnedWheelError(f"{wheel.name} is not a wheel {uv_lock.name} pins: ship only wheels uv.lock lists")
    digest = "sha256:" + hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest not in pinned:
        raise UnpinnedWheelError(
            f"{wheel} has {digest}, not the {', '.join(pinned)} {uv_lock.name} pins: delete it and run "
            "./dev serve (or ./dev test) to download the pinned file again")


def wasm_heap_bytes(wasm: Path) -> int:
    """The initial size of the memory a WebAssembly module defines (its memory section),
    in bytes. Pyodide restores a memory snapshot into this heap without growing it."""
    data = wasm.read_bytes()

    def leb(i: int) -> tuple[int, int]:
        value = shift = 0
        while True:
            byte = data[i]
            i += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value, i

    if data[:4] != b"\0asm":
        raise ValueError(f"{wasm} is not a WebAssembly module")
    i = 8
    while i < len(data):
        section, i = data[i], i + 1
        size, i = leb(i)
        if section == 5:  # memory: count, then limits (flags, initial pages[, maximum])
            count, j = leb(i)
            if count >= 1:
                initial, _ = leb(j + 1)
                return initial * 65536
        i += size
    raise ValueError(f"{wasm} defines no memory")


def package_version(package_dir: Path) -> str:
    for line in (package_dir / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise ValueError(f"{package_dir}/__init__.py has no __version__")


def build_wheel(package_dir: Path, out_dir: Path) -> Path:
    """Build `<package>-<version>-py3-none-any.whl` from `package_dir` into `out_dir`."""
    name = package_dir.name
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wheel-stage-") as tmp:
        stage = Path(tmp)
        target = stage / name
        for src in sorted(package_dir.rglob("*")):
            if src.is_file() and src.suffix in _SOURCE_SUFFIXES and "__pycache__" not in src.parts:
                dest = target / src.relative_to(package_dir)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest)
        (stage / "pyproject.toml").write_text(
            _PYPROJECT.format(name=name, version=package_version(package_dir)), encoding="utf-8"
        )
        builder = WheelBuilder(str(stage))
        built = [Path(p) for p in builder.build(directory=str(out_dir), versions=["standard"])]
    return built[0]


def bytecode_wheel(wheel: Path, pyodide_dir: Path, cache_dir: Path) -> Path:
    """`wheel` with its modules compiled by Pyodide's CPython (`bytecode.mjs`), STORED.
    Cached under `cache_dir` by the sha256 of the wheel, the script and the npm package's
    `package.json` (its version names the Python): a build pays Pyodide's start (~2 s
    under Node) once per change of any of them."""
    h = hashlib.sha256()
    for part in (wheel, BYTECODE_SCRIPT, pyodide_dir / "package.json"):
        h.update(hashlib.sha256(part.read_bytes()).digest())
    target_dir = cache_dir / f"bytecode-{h.hexdigest()[:16]}"
    found = sorted(target_dir.glob("*.whl"))
    if found:
        return found[0]
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bytecode-", dir=cache_dir) as tmp:
        run = run_script(BYTECODE_SCRIPT, [str(pyodide_dir), str(wheel), tmp], "compiles the calculators wheel",
                         BytecodeError)
        name = run.verdict.get("wheel")
        if run.failed is not None or not isinstance(name, str):
            raise BytecodeError(f"bytecode.mjs failed: {run.verdict.get('error') or run.failed}")
        out = Path(tmp) / name
        out.chmod(0o644)
        target_dir.mkdir(parents=True, exist_ok=True)
        os.replace(out, target_dir / name)  # atomic: parallel builds never see half a file
    return target_dir / name


def write_lockfile(base_lock: Path, wheel: Path | list[Path], out: Path, base_path: Path | None = None) -> PyodideLockSpec:
    """Write a lockfile that lists only `wheel` (or the wheels) with its sha256, its
    `file_name` relative to `base_path` (default: the wheel's folder), as `pyodide
    lockfile add-wheels --base-path` does.

    The npm package's lockfile describes 357 packages served from a CDN; the site needs
    none of them, so the written lockfile keeps its `info` and only our packages.
    """
    wheels = wheel if isinstance(wheel, list) else [wheel]
    spec = PyodideLockSpec.from_json(base_lock)
    spec = add_wheels_to_spec(spec, wheels, base_path=base_path or wheels[0].parent)
    names = {w.name for w in wheels}
    ours = {name: pkg for name, pkg in spec.packages.items() if Path(pkg.file_name).name in names}
    spec.packages = ours
    spec.to_json(out)
    return spec
