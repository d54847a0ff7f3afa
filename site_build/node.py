"""Run one of the plugin's Node scripts (`stdlib.mjs`, `bytecode.mjs`), which have
Pyodide's own CPython do build work under Node. Each prints its verdict as one JSON
object on its last line of output."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class NodeRun:
    verdict: dict        # the script's last line of output, parsed
    failed: str | None   # the end of its output when it exited with an error, else None


def run_script(script: Path, args: list[str], purpose: str, error: type[Exception]) -> NodeRun:
    """Run `script` with `args` under Node. Raises `error` when Node is missing (naming
    `purpose`, what the script is for), when the script cannot be run, or when its last
    line is not a JSON object; the caller reads the verdict and decides on `failed`."""
    node = shutil.which("node")
    if not node:
        raise error(f"node not found: it {purpose} (install Node.js 20, see README)")
    try:
        proc = subprocess.run([node, str(script), *args], capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as err:
        raise error(f"{script.name} failed: {err}") from err
    output = (proc.stderr or proc.stdout).strip()[-1000:]
    try:
        verdict = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        verdict = None
    if not isinstance(verdict, dict):
        raise error(f"{script.name} failed: {output}")
    return NodeRun(verdict, output if proc.returncode != 0 else None)
