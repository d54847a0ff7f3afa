"""The «Endringer i satsene» page: every dated value of the rates file, newest first.

`{{ rate_changes() }}` renders a Markdown table from `Rates.changes()`: from when, which
rate (linked to the guidance page that covers it), the value, the value it replaced, and
the source. A dated value added to `calculators/rates.toml` appears here with no other edit.
"""

from __future__ import annotations

from calculators.machinery import fmt
from calculators.machinery.rates import Change, Rates, format_value, load


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _row(c: Change, rates: Rates) -> str:
    p = c.param
    before = format_value(p, c.before.value) if c.before is not None else "Ny sats"
    until = f" (til og med {fmt.date_no(c.now.end)})" if c.now.end is not None and not c.now.undated else ""
    start = fmt.date_no(c.now.start)
    when = f"{start} (kilden oppgir ingen dato; kalkulatorens lesning)" if c.now.undated else start
    return "| " + " | ".join(_cell(x) for x in (
        when,
        f"[{rates.fill(p.label, c.now.start.year)}]({p.page})",
        format_value(p, c.now.value) + until,
        before,
        f"{p.document}, «{p.section}»{_reading(p)}",
    )) + " |"


def _reading(p) -> str:
    """Where the value rests on the calculator's reading (its note on «Satser og kilder» says
    «Kalkulatorens lesning»), a link to that note, so the row does not read as the source's rule."""
    if "Kalkulatorens lesning" not in (p.note or ""):
        return ""
    return f". [Kalkulatorens lesning](satser.md#sats-{p.id.replace('.', '-').lower()})"


def rate_changes(rates: Rates | None = None) -> str:
    """The table of every change, newest first (Markdown: the links are checked by MkDocs)."""
    rates = rates or load()
    head = "| Fra | Sats | Verdi | Før | Kilde |\n| --- | --- | --- | --- | --- |"
    return head + "\n" + "\n".join(_row(c, rates) for c in rates.changes())


def register(env) -> None:
    env.macro(rate_changes)
