"""Build time: the project's `mkdocs build` against a plain Material build of the same docs.

"Plain Material" is the project's own mkdocs.yml (same theme, palette, features, custom
dir, Markdown extensions, nav and search plugin) without the two plugins of this project:
no `macros` and no `pyodide_runtime`. Its docs are a copy of docs/ in which every Jinja
macro call (`{{ … }}`) is replaced by a short placeholder and every `{% … %}` tag removed,
so Material renders the same pages, less what the macros generate (the calculator forms
with their build-time results, the figures from rates.toml) and less what the plugin adds
(the Pyodide runtime copy, the wheel, the lockfile, the CSP pass). That difference is
exactly the project's own build cost.

Both are timed the same way: wall time of a fresh `python -m mkdocs build --quiet`
process (interpreter start and imports included) into an empty folder, with Python's
bytecode cache on (in the benchmark's temp folder, PYTHONPYCACHEPREFIX) and warmed by one
untimed build of each: what a maintainer's second build costs. An environment with
PYTHONDONTWRITEBYTECODE=1 and a venv without .pyc files (uv does not compile them by
default) compiles every imported module at every build instead, about 0.5 s more here.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from .site import ROOT, mkdocs_build

_MACRO_CALL = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_MACRO_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.DOTALL)
PLACEHOLDER = "X"
PROJECT_PLUGINS = {"macros", "pyodide_runtime"}


def _plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def plain_material_project(dest: Path) -> Path:
    """Write the plain Material equivalent into `dest`; returns its mkdocs.yml."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    docs = dest / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for md in docs.rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        md.write_text(_MACRO_TAG.sub("", _MACRO_CALL.sub(PLACEHOLDER, text)), encoding="utf-8")
    config["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) not in PROJECT_PLUGINS]
    config["docs_dir"] = str(docs)
    theme = config["theme"]
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((ROOT / theme["custom_dir"]).resolve())
    for ext in config.get("markdown_extensions", []):
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            opts = ext["pymdownx.snippets"]
            opts["base_path"] = [str(docs / Path(p).relative_to("docs")) for p in opts.get("base_path", [])]
    config.pop("site_url", None)
    config["site_url"] = "http://127.0.0.1:8000/"
    out = dest / "mkdocs.yml"
    out.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def timed_build(config: Path, scratch: Path) -> float:
    """Wall time (s) of one `mkdocs build` of `config` into a new folder under `scratch`."""
    dest = Path(tempfile.mkdtemp(prefix="out-", dir=scratch))
    try:
        t0 = time.perf_counter()
        result = mkdocs_build(config, dest, "http://127.0.0.1:8000/", pycache=scratch / "pycache")
        took = time.perf_counter() - t0
        if result.returncode != 0:
            raise RuntimeError(f"mkdocs build of {config} failed:\n{result.stdout}\n{result.stderr}")
        return took
    finally:
        shutil.rmtree(dest, ignore_errors=True)


class BuildBench:
    """Times the project build and the plain Material build, alternately."""

    def __init__(self, scratch: Path):
        self.scratch = scratch
        self.plain = plain_material_project(scratch / "plain")
        self.project = ROOT / "mkdocs.yml"
        self.round = 0
        for config in (self.project, self.plain):  # warm the bytecode cache, untimed
            timed_build(config, scratch)

    def measure(self) -> dict[str, float]:
        order = [("build", self.project), ("plain_build", self.plain)]
        if self.round % 2:
            order.reverse()
        self.round += 1
        return {name: timed_build(cfg, self.scratch) for name, cfg in order}
