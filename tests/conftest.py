"""Shared fixtures: the case table, and one real `mkdocs build` per test session.

The site is built with `site_url` set to the origin it will be served from (instant
navigation needs that), into a temporary folder, and served on 127.0.0.1 by the same
small server `./dev serve` uses.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site(dest: Path, site_url: str, project: Path = ROOT, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(dest)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


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
