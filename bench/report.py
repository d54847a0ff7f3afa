"""The table: min / median / max of every figure over the rounds, the ratios, the targets."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str  # "ms", "s", "B", "×"
    target: str = ""
    check: Callable[[dict], bool] | None = None  # given the figure's summary


FIGURES = [
    Figure("floor", "Floor: bare page, cold, navigation → Pyodide result", "ms"),
    Figure("floor_worker_start", "  floor: navigation → worker created", "ms"),
    Figure("floor_npm", "  reference: the bare npm Pyodide floor (npm's files as shipped)", "ms"),
    Figure("net20_floor", "20 Mbit/s, 40 ms: bare npm Pyodide floor, cold → result", "ms"),
    Figure("net20_site", "20 Mbit/s, 40 ms: ORG365 page, cold → first result", "ms"),
    Figure("net20_ratio", "  20 Mbit/s: first result / floor (per round)", "×", "≤ 0.60 (median)", lambda s: s["median"] <= 0.6),
    Figure("net20_floor_bytes", "  20 Mbit/s: floor, bytes on the wire to its result", "B"),
    Figure("net20_site_bytes", "  20 Mbit/s: ORG365 page, bytes on the wire to first result", "B", "≤ 5 MB (median)",
           lambda s: s["median"] <= 5_000_000),
    Figure("phone_floor", "Phone (5 Mbit/s, 100 ms, 4× CPU): bare npm Pyodide floor, cold → result", "ms"),
    Figure("phone_site", "Phone (5 Mbit/s, 100 ms, 4× CPU): ORG365 page, cold → first result", "ms"),
    Figure("phone_ratio", "  phone: first result / floor (per round)", "×"),
    Figure("phone_floor_bytes", "  phone: floor, bytes on the wire to its result", "B"),
    Figure("phone_site_bytes", "  phone: ORG365 page, bytes on the wire to first result", "B"),
    Figure("first_result", "First result, ORG365 page, cold (→ calc:first-result)", "ms"),
    Figure("worker_start", "  ORG365: navigation → worker created", "ms"),
    Figure("first_result_ratio", "  first result / floor (per round)", "×", "≤ 1.00 (median)", lambda s: s["median"] <= 1.0),
    Figure("fcp", "First contentful paint, ORG365 page", "ms"),
    Figure("result_paint", "Build-time result painted (Element Timing)", "ms"),
    Figure("result_paint_after_fcp", "  result paint − first contentful paint", "ms", "0 (every round)", lambda s: s["max"] <= 0),
    Figure("page_switch", "Page switch: click → KL*AR result (instant nav, warm worker)", "ms", "≤ 100 (median)", lambda s: s["median"] <= 100),
    Figure("page_switch_swap", "  of which: click → new page in place (Material's instant navigation)", "ms"),
    Figure("text_page_switch", "Page switch, guidance page without a calculator: click → page in place", "ms"),
    Figure("floor_repeat", "Floor, repeat visit (persistent profile)", "ms"),
    Figure("repeat_visit", "First result, repeat visit (persistent profile)", "ms"),
    Figure("repeat_from_snapshot", "  repeat visits restored from the memory snapshot (share)", "×"),
    Figure("repeat_ratio", "  repeat visit / floor repeat visit (per round)", "×", "≤ 1.00 (median)", lambda s: s["median"] <= 1.0),
    Figure("snapshot_made", "Worker busy making the snapshot, once, after the first result", "ms"),
    Figure("input_p50", "Input → result, p50 of 200 edits", "ms"),
    Figure("input_p95", "Input → result, p95 of 200 edits", "ms", "≤ 30 (median of rounds)", lambda s: s["median"] <= 30),
    Figure("text_page_bytes", "Bytes, text page (/fo/), cold", "B"),
    Figure("text_page_pyodide_bytes", "  of which Pyodide or worker", "B", "0 (every round)", lambda s: s["max"] == 0),
    Figure("calc_page_bytes", "Bytes, ORG365 page to first result + idle, cold", "B"),
    Figure("calc_page_pyodide_bytes", "  of which Pyodide or worker", "B"),
    Figure("build", "mkdocs build, this project", "s"),
    Figure("plain_build", "mkdocs build, plain Material, same docs", "s"),
    Figure("build_ratio", "  project build / plain Material build (per round)", "×", "≤ 2.00 (median)", lambda s: s["median"] <= 2.0),
]

RATIOS = {
    "net20_ratio": ("net20_site", "net20_floor"),
    "phone_ratio": ("phone_site", "phone_floor"),
    "first_result_ratio": ("first_result", "floor"),
    "repeat_ratio": ("repeat_visit", "floor_repeat"),
    "build_ratio": ("build", "plain_build"),
}


def add_ratios(rounds: list[dict[str, float]]) -> None:
    """Per round: ours / floor, so that machine load drifting between rounds cancels out."""
    for r in rounds:
        for key, (num, den) in RATIOS.items():
            if num in r and den in r and r[den]:
                r[key] = r[num] / r[den]


def summarise(rounds: list[dict[str, float]]) -> dict[str, dict]:
    out = {}
    for fig in FIGURES:
        values = [r[fig.key] for r in rounds if r.get(fig.key) is not None]
        if not values:
            continue
        s = {"min": min(values), "median": statistics.median(values), "max": max(values), "values": values}
        s["unit"] = fig.unit
        s["label"] = fig.label.strip()
        if fig.target:
            s["target"] = fig.target
            s["met"] = bool(fig.check(s))
        out[fig.key] = s
    return out


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"
    if unit == "s":
        return f"{value:.2f}"
    if unit == "×":
        return f"{value:.2f}"
    if unit == "B":
        return f"{value / 1024:,.1f}"  # shown in KiB
    return str(value)


def table(summary: dict[str, dict]) -> str:
    """A Markdown table (readable in a terminal, pasteable into PERFORMANCE.md)."""
    lines = [
        "| figure | unit | min | median | max | target | met |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for fig in FIGURES:
        s = summary.get(fig.key)
        if not s:
            continue
        unit = "KiB" if fig.unit == "B" else fig.unit
        met = "" if "met" not in s else ("yes" if s["met"] else "**no**")
        cells = [fmt(s[k], fig.unit) for k in ("min", "median", "max")]
        lines.append(f"| {fig.label.strip() if not fig.label.startswith('  ') else '↳ ' + fig.label.strip()} "
                     f"| {unit} | {' | '.join(cells)} | {fig.target} | {met} |")
    return "\n".join(lines)
