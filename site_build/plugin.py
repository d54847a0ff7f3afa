"""`pyodide_runtime` MkDocs plugin: the browser runtime and the calculators wheel.

on_config       checks that the pinned npm package is installed (and says how to fix it)
on_post_build   copies the runtime files (the standard library precompiled, see stdlib.py),
                builds the wheel, writes the site's lockfile, then writes the
                Content-Security-Policy with the hash of every inline script
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from .config import PyodideRuntimeConfig
from . import csp
from .stdlib import STDLIB, precompiled_stdlib
from .wheel import build_wheel, write_lockfile

log = get_plugin_logger(__name__)

# What a page needs from the npm package: the loader, the runtime, the standard library.
# Not the console pages, source maps, typings or the CommonJS loader.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")


class PyodideRuntimePlugin(BasePlugin[PyodideRuntimeConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.pyodide_dir = (root / self.config.pyodide_dir).resolve()
        self.package_dir = (root / self.config.package).resolve()
        self.cache_dir = (root / self.config.cache_dir).resolve()
        missing = [f for f in (*RUNTIME_FILES, "pyodide-lock.json") if not (self.pyodide_dir / f).is_file()]
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
        out = Path(config.site_dir) / self.config.site_dir
        out.mkdir(parents=True, exist_ok=True)
        sources = {name: self.pyodide_dir / name for name in RUNTIME_FILES}
        if self.config.precompile_stdlib:
            stdlib, how = precompiled_stdlib(self.pyodide_dir, self.cache_dir)
            if stdlib:
                sources[STDLIB] = stdlib
            log.info(f"standard library: {'precompiled, ' + how if stdlib else 'as shipped (' + how + ')'}")
        for name, src in sources.items():
            shutil.copyfile(src, out / name)
        for old in out.glob("*.whl"):
            old.unlink()
        wheel = build_wheel(self.package_dir, out)
        spec = write_lockfile(self.pyodide_dir / "pyodide-lock.json", wheel, out / "pyodide-lock.json")
        pkg = next(iter(spec.packages.values()))
        policy = csp.apply(Path(config.site_dir))
        log.info(f"Content-Security-Policy with {policy.count('sha256-')} inline-script hashes written")
        log.info(f"Pyodide {self.pyodide_version()} runtime and {wheel.name} (sha256 {pkg.sha256[:12]}…) in {out}")
