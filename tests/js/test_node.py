"""The browser modules' pure parts under Node's own test runner (`node --test`): the
field-path grammar, snapshot validation, share-link encoding and coalesced computations."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_node_tests_pass():
    node = shutil.which("node")
    assert node, "Node.js 20 is needed (see README)"
    files = sorted(str(p) for p in HERE.glob("*.test.mjs"))
    assert files
    result = subprocess.run([node, "--test", *files], cwd=HERE, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
