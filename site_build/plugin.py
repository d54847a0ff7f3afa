"""`pyodide_runtime` MkDocs plugin: the browser runtime, the calculators wheel, and what a
host needs to serve them well.

on_config       checks that the pinned npm package is installed (and says how to fix it)
on_post_build   in the built site:
                - Material's palette stylesheet without its rule on
                                       [data-md-color-switching] (theme.py)
                - pyodide/<version>/   the runtime (loader, WebAssembly, the standard library
                                       trimmed and precompiled, see stdlib.py): never changes
                                       under its name, cached for a year
                - pyodide/<sha256>/    the calculators wheel as bytecode compiled by Pyodide's
                                       CPython, STORED (wheel.py, bytecode.mjs), and any
                                       extra_wheels (which the worker does not load at
                                       start), each in a folder named by its hash
                - pyodide/pyodide-lock.json  lists only the wheel, with its sha256
                - js/worker.mjs        the runtime's path, the standard library's name, the
                                       memory-snapshot option, the sha256 of the lockfile,
                                       the WebAssembly and the standard library (checked
                                       before use), the WebAssembly's declared heap and the
                                       snapshots' build key written in
                - js/worker-client.mjs the standard library's path written in (it
                                       downloads the file for the worker)
                - the Content-Security-Policy (csp.py), _headers and _nginx.conf (headers.py)
                - sw.js                the service worker with this build's files (offline.py)
                - X.gz and X.br        beside every compressible file (compress.py)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from . import csp, headers, offline, theme
from .compress import precompress
from .config import PyodideRuntimeConfig
from .stdlib import STDLIB, StdlibError, trimmed_stdlib
from .wheel import BytecodeError, UnpinnedWheelError, build_wheel, bytecode_wheel, check_pinned, wasm_heap_bytes, write_lockfile

log = get_plugin_logger(__name__)

# What a page needs from the npm package: the loader, the runtime, the standard library.
# Not the console pages, source maps, typings or the CommonJS loader.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", STDLIB)
WORKER = "js/worker.mjs"
LOCKFILE = "pyodide-lock.json"
CLIENT = "js/worker-client.mjs"
STDLIB_PLACEHOLDER = "@PYODIDE_STDLIB@"


def base_path(site_url: str | None) -> str:
    """The path the site is served under ("/" or "/lisenser/")."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


class PyodideRuntimePlugin(BasePlugin[PyodideRuntimeConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.pyodide_dir = (root / self.config.pyodide_dir).resolve()
        self.package_dir = (root / self.config.package).resolve()
        self.cache_dir = (root / self.config.cache_dir).resolve()
        self.cases_dir = (root / self.config.cases_dir).resolve()
        missing = [f for f in (*RUNTIME_FILES, LOCKFILE) if not (self.pyodide_dir / f).is_file()]
        if missing:
            raise PluginError(
                f"pyodide_runtime: {', '.join(missing)} not found in {self.pyodide_dir}. "
                "Install the pinned npm package with `npm ci` (or run `./dev serve`, which does it)."
            )
        if not (self.package_dir / "__init__.py").is_file():
            raise PluginError(
                f"pyodide_runtime: option 'package' = {self.config.package!r} is not a Python "
                f"package next to mkdocs.yml ({self.package_dir}/__init__.py missing)."
            )
        return config

    def pyodide_version(self) -> str:
        return json.loads((self.pyodide_dir / "package.json").read_text(encoding="utf-8"))["version"]

    def on_post_build(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        try:
            theme.drop_switching_rule(site)
        except theme.ThemeError as err:
            raise PluginError(f"pyodide_runtime: {err}") from err
        out = site / self.config.site_dir
        shutil.rmtree(out, ignore_errors=True)
        version = self.pyodide_version()
        runtime = out / version
        runtime.mkdir(parents=True)

        # The wheel (and any extra wheels), each in a folder named by its own hash.
        # The calculators as bytecode of the browser's Python (the build's own rendering
        # keeps the sources).
        with tempfile.TemporaryDirectory(prefix="wheel-") as tmp:
            try:
                built = bytecode_wheel(build_wheel(self.package_dir, Path(tmp)), self.pyodide_dir, self.cache_dir)
            except BytecodeError as err:
                raise PluginError(f"pyodide_runtime: {err}") from err
            wheel = self.place_wheel(built, out)
        extras = [self.place_wheel(w, out) for w in self.extra_wheels(config)]
        spec = write_lockfile(self.pyodide_dir / LOCKFILE, [wheel, *extras], out / LOCKFILE, base_path=out)

        # The runtime, the standard library trimmed and verified (or npm's as it is).
        sources = {name: self.pyodide_dir / name for name in RUNTIME_FILES}
        if self.config.precompile_stdlib:
            try:
                stdlib, how = trimmed_stdlib(self.pyodide_dir, self.cache_dir, wheel, self.cases_dir,
                                             self.config.stdlib_extra, extras)
            except StdlibError as err:
                raise PluginError(f"pyodide_runtime: {err}") from err
            log.info(f"standard library: trimmed and precompiled ({how})")
            sources[STDLIB] = stdlib
        stdlib_name = f"python_stdlib-{hashlib.sha256(sources[STDLIB].read_bytes()).hexdigest()[:12]}.zip"
        for name, src in sources.items():
            shutil.copyfile(src, runtime / (stdlib_name if name == STDLIB else name))

        self.write_worker(site, version, stdlib_name, [out / LOCKFILE, *(runtime / n for n in sorted(
            p.name for p in runtime.iterdir()))])
        self.write_client(site, f"{self.config.site_dir}/{version}/{stdlib_name}")
        scripts_id = self.write_build_id(site, [out / LOCKFILE, *sorted(runtime.iterdir())])

        base = base_path(config.site_url)
        page_policy, worker_policy = csp.apply(site)
        headers.write(site, base, page_policy, worker_policy,
                      [f"{self.config.site_dir}/{d}" for d in (version, *(w.parent.name for w in (wheel, *extras)))])
        build_id = offline.write_service_worker(site) if self.config.service_worker else None
        if self.config.precompress:
            sizes = precompress(site, self.cache_dir)
            log.info(f"precompressed: {sizes['br']:,} bytes brotli, {sizes['gzip']:,} bytes gzip")
        pkg = next(p for p in spec.packages.values() if Path(p.file_name).name == wheel.name)
        log.info(f"Content-Security-Policy with {page_policy.count('sha256-')} inline-script hashes written")
        log.info(f"Pyodide {version} runtime and {pkg.file_name} (sha256 {pkg.sha256[:12]}…) in {out}; "
                 f"scripts {scripts_id}, offline build {build_id or '(no service worker)'}")

    @staticmethod
    def place_wheel(built: Path, out: Path) -> Path:
        """Copy a wheel into `out/<first 16 hex of its sha256>/` (a name that never changes content)."""
        wheel = out / hashlib.sha256(built.read_bytes()).hexdigest()[:16] / built.name
        wheel.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, wheel)
        return wheel

    def extra_wheels(self, config: MkDocsConfig) -> list[Path]:
        root = Path(config.config_file_path).parent
        found = []
        for pattern in self.config.extra_wheels:
            matches = sorted(root.glob(pattern)) if any(ch in pattern for ch in "*?[") else [root / pattern]
            if not matches or not all(m.is_file() and m.suffix == ".whl" for m in matches):
                raise PluginError(
                    f"pyodide_runtime: extra_wheels entry {pattern!r} names no wheel file. Run ./dev serve "
                    "(or ./dev test) once: its set-up downloads the wheels mkdocs.yml lists into .cache/wheels/ "
                    "(the versions uv.lock pins).")
            found += matches
        lock = root / "uv.lock"
        for wheel in found:
            try:
                check_pinned(wheel, lock)
            except UnpinnedWheelError as err:
                raise PluginError(f"pyodide_runtime: {err}") from err
        return found

    @staticmethod
    def fill_placeholders(site: Path, script: str, values: dict[str, str]) -> None:
        """Write `values` into the built `script` in place of its @…@ placeholders; a
        placeholder missing from the script fails the build."""
        path = site / script
        text = path.read_text(encoding="utf-8")
        for key, value in values.items():
            if key not in text:
                raise PluginError(f"pyodide_runtime: {script} lacks the placeholder {key}")
            text = text.replace(key, value)
        path.write_text(text, encoding="utf-8")

    def write_build_id(self, site: Path, runs: list[Path]) -> str:
        """Write this build's id into the browser scripts that compare it (worker-client.mjs,
        worker.mjs) and onto every calculator of every page (`data-build`): a hash of the
        scripts under js/ and of every file the worker runs (`runs`), so any change to the
        code a calculator runs gives a new id. A page, its modules and its worker of two
        builds are then told apart and the page is loaded again (worker-client.mjs)."""
        key = hashlib.sha256()
        for path in sorted((site / "js").rglob("*")):
            if path.is_file():
                key.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
        for path in runs:
            key.update(hashlib.sha256(path.read_bytes()).digest())
        build_id = key.hexdigest()[:16]
        for script in (CLIENT, WORKER):
            self.fill_placeholders(site, script, {"@BUILD_ID@": build_id})
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            if 'data-calc="' in text:
                page.write_text(text.replace(' data-calc="', f' data-build="{build_id}" data-calc="'), encoding="utf-8")
        return build_id

    def write_client(self, site: Path, stdlib_path: str) -> None:
        """Write the standard library's path into the worker's client, which downloads it
        for the worker."""
        self.fill_placeholders(site, CLIENT, {STDLIB_PLACEHOLDER: stdlib_path})

    def write_worker(self, site: Path, version: str, stdlib_name: str, runs: list[Path]) -> None:
        """Write into the built worker script the runtime's path, the standard library's
        name, the snapshot option, the sha256 of each file it checks before use, the heap
        the WebAssembly declares (a larger memory snapshot cannot be restored) and the key
        of its snapshots: a hash of every file the worker runs (`runs`: the lockfile, which
        carries the wheels' sha256, and the runtime) and of the worker script itself."""
        runtime = site / self.config.site_dir / version
        lockfile = site / self.config.site_dir / LOCKFILE
        key = hashlib.sha256((site / WORKER).read_bytes())
        for path in runs:
            key.update(hashlib.sha256(path.read_bytes()).digest())
        self.fill_placeholders(site, WORKER, {
            "@PYODIDE_DIR@": f"{self.config.site_dir}/{version}",
            "@STDLIB_FILE@": stdlib_name,
            "@MEMORY_SNAPSHOT@": "true" if self.config.memory_snapshot else "false",
            "@LOCKFILE_SHA256@": sha256_of(lockfile),
            "@WASM_SHA256@": sha256_of(runtime / "pyodide.asm.wasm"),
            "@STDLIB_SHA256@": sha256_of(runtime / stdlib_name),
            "@LOADER_SHA256@": sha256_of(runtime / "pyodide.mjs"),
            "@ASM_SHA256@": sha256_of(runtime / "pyodide.asm.mjs"),
            "@WASM_HEAP_BYTES@": str(wasm_heap_bytes(runtime / "pyodide.asm.wasm")),
            "@SNAPSHOT_KEY@": key.hexdigest()[:32],
        })


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
