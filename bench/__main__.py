"""`./dev bench [--rounds N] [--edits N] [--only GROUP,…] [--out FILE]`: see bench/__init__.py."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from playwright.sync_api import sync_playwright

from . import lighthouse, measure, report
from .build import BuildBench
from .site import ROOT, Server, build_site, free_port

DEFAULT_OUT = ROOT / "bench" / "results" / "latest.json"
# network: cold first visits of the ORG365 page and the bare npm floor on two emulated networks;
# cold: floor and ORG365 page cold, then page switch and edits on the warm worker;
# repeat: second visits in persistent profiles; bytes: a text page and the ORG365 page; build;
# lighthouse: Lighthouse's mobile audit of the home page, guidance pages and every calculator
# page (bench/lighthouse.py), after the rounds.
GROUPS = ("network", "cold", "repeat", "bytes", "build", "worst", "lighthouse")
PROGRESS = ("net20_floor", "net20_site", "phone_floor", "phone_site", "floor", "floor_npm", "first_result", "page_switch", "input_p95", "floor_repeat", "repeat_visit", "build", "plain_build")


def machine(browser_version: str) -> dict:
    mem_kib = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    except OSError:
        pass
    pyodide = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip())
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "chromium": browser_version,
        "pyodide": pyodide,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit + ("+dirty" if dirty else ""),
    }


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev bench", description=__doc__)
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7)")
    parser.add_argument("--edits", type=int, default=200, help="edits per round for input → result (default 200)")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"comma-separated groups to measure (default all: {','.join(GROUPS)})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON output (default {DEFAULT_OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    groups = set(args.only.split(","))
    if not groups <= set(GROUPS):
        parser.error(f"--only: unknown group in {args.only!r}; known: {', '.join(GROUPS)}")

    started = time.time()
    load_before = os.getloadavg()
    worst = None
    lh = None
    if "worst" in groups:  # the largest pay table the form takes: one edit's reply and CPU time
        from . import worst_case

        worst = worst_case.measure()
        log("worst case (200 pay rows): " + ", ".join(f"{k} {v}" for k, v in worst.items()))
    rounds: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        port = free_port()
        origin = f"http://127.0.0.1:{port}"
        log(f"building the site for {origin} …")
        site = build_site(scratch / "site", origin)
        server = Server(site, port)
        builds = BuildBench(scratch) if "build" in groups else None
        try:
            with sync_playwright() as pw:
                browser = measure.launch(pw)
                version = browser.version
                for i in range(args.rounds):
                    r: dict[str, float] = {}
                    # Interleaved, and the order flips every round: floor and site see the same drift.
                    pair = [lambda: measure.floor_cold(browser, origin), lambda: measure.ours_cold(browser, origin, args.edits),
                            lambda: measure.floor_cold(browser, origin, npm=True)]
                    network = []
                    for profile in measure.PROFILES:
                        both = [lambda p=profile: measure.network_cold(browser, origin, p, floor=True),
                                lambda p=profile: measure.network_cold(browser, origin, p, floor=False)]
                        network += both[::-1] if i % 2 else both
                    repeat = [lambda: measure.floor_repeat(pw, origin), lambda: measure.ours_repeat(pw, origin)]
                    if i % 2:
                        pair.reverse()
                        repeat.reverse()
                    steps = [*(network if "network" in groups else ()), *(pair if "cold" in groups else ()),
                             *(repeat if "repeat" in groups else ())]
                    if "bytes" in groups:
                        steps.append(lambda: measure.page_bytes(browser, origin))
                    for step in steps:
                        r.update(step())
                    if builds:
                        r.update(builds.measure())
                    rounds.append(r)
                    log(f"round {i + 1}/{args.rounds}: " + ", ".join(
                        f"{k} {v:.1f}" for k, v in r.items() if k in PROGRESS))
                browser.close()
            if "lighthouse" in groups:
                log("Lighthouse (mobile, 3 runs per page) …")
                lh_load_before = os.getloadavg()
                raw = lighthouse.run(origin, lighthouse.pages(site))
                lh = {"version": raw["lighthouse"], "loadavg_before": lh_load_before, "loadavg_after": os.getloadavg(),
                      "pages": lighthouse.summarise(raw, origin)}
        finally:
            server.shutdown()

    report.add_ratios(rounds)
    summary = report.summarise(rounds)
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "duration_s": round(time.time() - started, 1),
        "rounds": args.rounds,
        "edits": args.edits,
        "machine": {**machine(version), "loadavg_before": load_before, "loadavg_after": os.getloadavg()},
        "figures": summary,
        "worst_case": worst,
        "lighthouse": lh,
        "per_round": rounds,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    m = result["machine"]
    print(f"\n{args.rounds} rounds, {m['nproc']} cores, {m['memory_gib']} GiB, Chromium {m['chromium']}, "
          f"Pyodide {m['pyodide']}, commit {m['commit']}, load average {load_before[0]:.1f} → {m['loadavg_after'][0]:.1f}, "
          f"{result['duration_s']:.0f} s\n")
    print(report.table(summary))
    missed = [s["label"] for s in summary.values() if s.get("met") is False]
    if lh:
        print(f"\nLighthouse {lh['version']}, mobile, median of 3 runs, load average "
              f"{lh['loadavg_before'][0]:.1f} → {lh['loadavg_after'][0]:.1f}\n")
        print(lighthouse.table(lh["pages"]))
        missed += [f"Lighthouse {page}" for page, s in lh["pages"].items() if not s["met"]]
    print("\nTargets missed: " + ("; ".join(missed) if missed else "none"))
    print(f"JSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
