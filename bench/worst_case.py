"""The largest pay table the form takes: 200 officials with 200-character names, in every
department and role mix that makes the principles compare many against many. Measures what
one edit costs: the size of the worker's reply (JSON with the result's markup) and the
CPU time of `api.respond` in CPython (Pyodide's is of the same order, slower by a constant).

Before the principle messages named at most a few officials, this table gave 3.0 MB of
HTML and 6.1 MB of JSON per edit; the reply grows with the table now, not its square."""

from __future__ import annotations

import json
import time

from calculators import api

ROLES = ("leder", "nestleder", "sekretaer", "ovrig")


def table(rows: int = 200, name_length: int = 200) -> dict:
    positions = []
    for i in range(rows):
        national = i < 20
        role = ("leder" if i == 0 else "nestleder" if i == 1 else "au_medlem") if national else ROLES[i % 4]
        name = f"Tillitsvalgt {i:03d} " + "x" * (name_length - 17)
        p = {"name": name, "unit": "forbund" if national else f"Avdeling {i % 12}", "role": role,
             "percent_of_lo": str(60 + (i * 7) % 40)}
        if role == "ovrig":
            p["own_salary"] = "500000"
        positions.append(p)
    return {"lo_leader_salary": "1 500 000", "positions": positions,
            "new_lo_leader_salary": "1 550 000", "adjustment_month": "6"}


def measure(repeats: int = 5) -> dict[str, float]:
    text = json.dumps(table())
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        reply = api.respond("run", "fo_pay", text)
        times.append(time.perf_counter() - start)
    data = json.loads(reply)
    assert data["output"]["ok"], data["output"]
    return {
        "worst_input_kb": round(len(text.encode()) / 1024, 1),
        "worst_reply_kb": round(len(reply.encode()) / 1024, 1),
        "worst_html_kb": round(len(data["html"].encode()) / 1024, 1),
        "worst_respond_ms": round(sorted(times)[len(times) // 2] * 1000, 1),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
