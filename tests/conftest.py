"""Shared fixtures: the case table, and one real `mkdocs build` per test session.

The site is built with `site_url` set to the origin it will be served from (instant
navigation needs that), into a temporary folder, and served on 127.0.0.1 by the same
small server `./dev serve` uses.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import settings

# No test asserts a wall-clock time: hypothesis' per-example deadline is one, and on a
# shared 2-core machine the first example (which imports every calculator) can be slow.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "cases"


def load_cases() -> list[dict]:
    """Every case of every file in tests/cases (the one case table of all test layers)."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            case.setdefault("file", path.name)
            cases.append(case)
    return cases


_CALCULATOR_CALL = re.compile(r"""\{\{\s*calculator\(\s*["']([A-Za-z0-9_]+)["']\s*\)\s*\}\}""")


def page_url(md: Path, docs: Path | None = None) -> str:
    """The site path of a Markdown page: `fo/lan.md` → `fo/lan/`, `kalkulatorer/index.md`
    → `kalkulatorer/`, `index.md` → `` (MkDocs' directory URLs)."""
    rel = md.relative_to(docs or ROOT / "docs").with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "index":
        parts.pop()
    return "".join(f"{p}/" for p in parts)


def calculator_pages(docs: Path | None = None) -> list[tuple[str, str]]:
    """Every `{{ calculator("name") }}` in docs/**/*.md, as sorted `(url_path, name)` pairs:
    the pages that carry a calculator, found rather than listed."""
    docs = docs or ROOT / "docs"
    found = set()
    for md in sorted(docs.rglob("*.md")):
        for name in _CALCULATOR_CALL.findall(md.read_text(encoding="utf-8")):
            found.add((page_url(md, docs), name))
    return sorted(found)


def calculator_page(name: str, guidance_first: bool = True) -> str:
    """One page that carries calculator `name`: its guidance page (outside `kalkulatorer/`)
    when it has one, else its page under «Kalkulatorer»; or, with `guidance_first=False`,
    the other way round."""
    pages = [url for url, n in calculator_pages() if n == name]
    assert pages, f"no page carries the calculator {name!r}"
    return sorted(pages, key=lambda url: (url.startswith("kalkulatorer/") == guidance_first, url))[0]


def one_page_per_calculator() -> list[tuple[str, str]]:
    """`(url_path, name)` for every calculator on the site, each on its page under
    «Kalkulatorer» when it has one (else its guidance page), in name order."""
    names = sorted({name for _, name in calculator_pages()})
    return [(calculator_page(name, guidance_first=False), name) for name in names]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# mkdocs build with options of the pyodide_runtime plugin set (mkdocs has no command-line
# switch for plugin options): the same build through mkdocs' own API.
_BUILD_WITH_OPTIONS = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site_dir, options = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
cfg = load_config(config_file=config_file, site_dir=site_dir, strict=True)
for key, value in options.items():
    setattr(cfg.plugins["pyodide_runtime"].config, key, value)
build(cfg)
"""


def build_site(dest: Path, site_url: str, project: Path = ROOT, extra_env: dict | None = None,
               plugin_options: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    config = str(project / "mkdocs.yml")
    if plugin_options:
        import json

        cmd = [sys.executable, "-c", _BUILD_WITH_OPTIONS, config, str(dest), json.dumps(plugin_options)]
    else:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(dest)]
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def copy_project(dest: Path, names: list[str]) -> Path:
    """A copy of the project's `names` (folders and files) in `dest`, for a test that changes
    it and builds it. The npm packages and the wheels ./dev downloaded are linked, not
    copied, and so are the build's compressed copies (`.cache/pyodide/compressed`, named by
    the sha256 of what they compress): the copy's build compresses only what it changed
    instead of the whole runtime again (~40 s of CPU)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        elif src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (dest / ".cache" / "pyodide").mkdir(parents=True)
    (dest / ".cache" / "wheels").symlink_to(ROOT / ".cache" / "wheels", target_is_directory=True)
    compressed = ROOT / ".cache" / "pyodide" / "compressed"
    compressed.mkdir(parents=True, exist_ok=True)
    (dest / ".cache" / "pyodide" / "compressed").symlink_to(compressed, target_is_directory=True)
    return dest


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def origin(site_port) -> str:
    return f"http://127.0.0.1:{site_port}"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, origin) -> Path:
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest, origin + "/")
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    (dest / "_build_log.txt").write_text(result.stdout + result.stderr, encoding="utf-8")
    return dest


SUBPATH = "/lisenser/"


@pytest.fixture(scope="session")
def subpath_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory, subpath_port) -> Path:
    """The site built for http://127.0.0.1:PORT/lisenser/ (once per session)."""
    dest = tmp_path_factory.mktemp("subpath") / "lisenser"
    result = build_site(dest, f"http://127.0.0.1:{subpath_port}{SUBPATH}")
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return dest


@pytest.fixture(scope="session")
def no_snapshot_site(tmp_path_factory) -> Path:
    """The site built with the plugin option memory_snapshot: false (once per session)."""
    dest = tmp_path_factory.mktemp("nosnapshot")
    result = build_site(dest, "http://127.0.0.1:8000/", plugin_options={"memory_snapshot": False})
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return dest
