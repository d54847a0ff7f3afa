"""The site under test: a real `mkdocs build` for the server's origin, plus the floor page.

The benchmark never writes into docs/ or site/: it builds the project into a temporary
folder with `SITE_URL` set to the origin it then serves (Material's instant navigation
needs that), copies the floor page and its worker into that copy, and serves it with the
same small server `./dev serve` uses.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_DIR = Path(__file__).resolve().parent / "floor"
FLOOR_PAGE = "bench-floor.html"
FLOOR_FILES = ("bench-floor.html", "bench-floor.mjs", "bench-floor-worker.mjs")
NPM_DIR = "bench-npm"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_env(site_url: str, pycache: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    if pycache:
        # Python's own bytecode cache, kept in the benchmark's temp folder (see build.py).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def mkdocs_build(config: Path, dest: Path, site_url: str, pycache: Path | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build` of `config` into `dest` (the same command `./dev serve` runs)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(dest)],
        cwd=config.parent, env=build_env(site_url, pycache), capture_output=True, text=True, timeout=600,
    )


def org365_inputs() -> dict:
    """What the ORG365 form sends for its example inputs (the page's first computation)."""
    sys.path.insert(0, str(ROOT))
    from macros.forms import _api_inputs, default_inputs

    return _api_inputs(default_inputs("org365"))


def install_floor(site: Path) -> None:
    """Write the floor page, its module and its worker into the root of a built site, and
    the npm package's runtime files as shipped into bench-npm/ (for the `?npm` floor), with
    the site's lockfile and wheel beside them, precompressed as the build does the site's.
    The floor's worker gets the worker script's policy ('wasm-unsafe-eval') in _headers."""
    from site_build.compress import precompress

    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]
    stdlib = next((site / "pyodide" / version).glob("python_stdlib-*.zip")).name
    for name in FLOOR_FILES:
        text = (FLOOR_DIR / name).read_text(encoding="utf-8")
        text = text.replace("__INPUTS__", json.dumps(org365_inputs(), ensure_ascii=False))
        text = text.replace("__PYODIDE_VERSION__", version).replace("__STDLIB__", stdlib)
        (site / name).write_text(text, encoding="utf-8")
    npm = site / NPM_DIR
    npm.mkdir(exist_ok=True)
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, npm / name)
    lock = json.loads((site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    wheel = lock["packages"]["calculators"]["file_name"]
    (npm / wheel).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(site / "pyodide" / wheel, npm / wheel)
    shutil.copyfile(site / "pyodide" / "pyodide-lock.json", npm / "pyodide-lock.json")
    precompress(site, ROOT / ".cache" / "pyodide")
    header = site / "_headers"
    worker_policy = (site / "_csp_header.txt").read_text(encoding="utf-8").strip()
    with header.open("a", encoding="utf-8") as f:
        f.write(f"/bench-floor-worker.mjs\n  Content-Security-Policy: {worker_policy}\n")


class Server:
    """`python -m site_build.serve` in its own process: the static host must not share a
    Python interpreter (and its lock) with the Playwright client that drives Chromium."""

    def __init__(self, site: Path, port: int):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "site_build.serve", "--port", str(port), str(site)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        line = self.proc.stdout.readline()
        if not line.startswith("Serving"):
            self.proc.kill()
            raise RuntimeError(f"the static server did not start: {line}{self.proc.stdout.read()}")

    def shutdown(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def build_site(dest: Path, origin: str) -> Path:
    """Build the project for `origin` into `dest` and add the floor page; returns `dest`."""
    result = mkdocs_build(ROOT / "mkdocs.yml", dest, origin + "/")
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    install_floor(dest)
    return dest
