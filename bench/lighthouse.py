"""Lighthouse in the benchmark (`./dev bench --only lighthouse`): the home page, a guidance
page, a guidance page with a calculator and every calculator page, in Lighthouse's mobile
profile, three runs each; the median of each score and of LCP and TBT per page.

Targets: performance ≥ 95 on every page; accessibility, best practices and SEO 100
(those three are also tests: tests/browser/test_lighthouse.py). Performance moves with the
machine's load (Lighthouse simulates a slow phone from what it measures on this one), so
read it with the load average printed beside it.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "lighthouse.mjs"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
HOME = ""
GUIDANCE = "fagforbundet/dekning/"  # a guidance page without a calculator
GUIDANCE_WITH_CALCULATOR = "fo/lan/"


def calculator_pages(site: Path) -> list[str]:
    """Every page of the build that holds a calculator (found by `data-calc`)."""
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
                  if re.search(r'data-calc="', p.read_text(encoding="utf-8")))


def pages(site: Path) -> list[str]:
    out = [HOME, GUIDANCE, GUIDANCE_WITH_CALCULATOR]
    return out + [p for p in calculator_pages(site) if p not in out]


def run(origin: str, paths: list[str], categories=CATEGORIES, runs: int = 3) -> dict:
    """Lighthouse on `origin/path` for each path, `runs` times, in one Chromium: the raw runs."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        plan, out = Path(tmp) / "plan.json", Path(tmp) / "out.json"
        plan.write_text(json.dumps({"chromium": CHROMIUM, "urls": [f"{origin}/{p}" for p in paths],
                                    "categories": list(categories), "runs": runs}), encoding="utf-8")
        proc = subprocess.run(["node", str(SCRIPT), str(plan), str(out)], cwd=ROOT, capture_output=True, text=True,
                              timeout=600 + 120 * runs * len(paths))
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse.mjs failed:\n{proc.stderr[-3000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def summarise(raw: dict, origin: str) -> dict:
    """Per page: the median of each score, of LCP and of TBT, and the audits that failed in
    any run."""
    out = {}
    for url, runs in raw["results"].items():
        page = url.removeprefix(origin + "/")
        scores = {c: statistics.median(r["scores"][c] for r in runs) for c in runs[0]["scores"]}
        out[page or "/"] = {
            "scores": scores,
            "lcp_ms": statistics.median(r["lcp_ms"] for r in runs) if runs[0]["lcp_ms"] is not None else None,
            "tbt_ms": statistics.median(r["tbt_ms"] for r in runs) if runs[0]["tbt_ms"] is not None else None,
            "runs": len(runs),
            "failing": sorted({a for r in runs for a in r["failing"]}),
            "met": all(scores.get(c, 100) >= t for c, t in TARGETS.items()),
        }
    return out


def table(summary: dict) -> str:
    """A Markdown table for PERFORMANCE.md."""
    lines = ["| page | performance | accessibility | best practices | SEO | LCP (ms) | TBT (ms) | targets met |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for page, s in summary.items():
        sc = s["scores"]
        cells = [f"{sc.get(c, ''):g}" if c in sc else "" for c in CATEGORIES]
        lcp = f"{s['lcp_ms']:,.0f}" if s["lcp_ms"] is not None else ""
        tbt = f"{s['tbt_ms']:,.0f}" if s["tbt_ms"] is not None else ""
        lines.append(f"| `{page}` | {' | '.join(cells)} | {lcp} | {tbt} | {'yes' if s['met'] else '**no**'} |")
    return "\n".join(lines)
