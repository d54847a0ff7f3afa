"""The one renderer of calculator results: API output → HTML fragment + a short summary.

Called at build time by the macros (into the page) and in the browser by the worker
(inserted as is), so the markup exists once. Reads only `api.run` output; every value is
escaped here. Standard library only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from html import escape
from typing import Any

from . import api, fmt, fo_loan

LEVEL_LABEL = {"error": "Må rettes", "warning": "Obs", "info": "Til orientering"}
STATUS_LABEL = {"pass": "Oppfylt", "fail": "Brutt", "n/a": "Ikke aktuelt", "info": "Til orientering"}
LICENSE_LABEL = {"E1": "E1 – normal bruk", "F3": "F3 – enkel bruk", "E3": "E3 – avansert bruk"}
ROLE_LABEL = {
    "leder": "Leder", "styremedlem": "Styremedlem", "tillitsvalgt": "Tillitsvalgt",
    "nestleder": "Nestleder", "au_medlem": "AU-medlem", "sekretaer": "Sekretær", "ovrig": "Øvrig tillitsvalgt",
}
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
QUARTER_LABEL = {"Q1": "1. kvartal", "Q2": "2. kvartal", "Q3": "3. kvartal", "Q4": "4. kvartal"}


# --- small builders (all text escaped) -------------------------------------------

def e(value: Any) -> str:
    return escape(str(value), quote=True)


def money(value: Any) -> str:
    return f'<span class="amount">{e(fmt.kr(Decimal(str(value))))}</span>'


def rate(value: Any) -> str:
    """A rate keeps every decimal it has (0,125 kr stays 0,125 kr; 1.00 shows as 1 kr)."""
    return f'<span class="amount">{e(fmt.number(Decimal(str(value))))} kr</span>'


def table(caption: str, head: Iterable[str], rows: Iterable[Iterable[str]], foot: Iterable[Iterable[str]] = (),
          numeric_from: int = 1) -> str:
    """A table; cells are already-escaped HTML. Columns from `numeric_from` align right."""
    def cells(row, tag):
        out = []
        for i, c in enumerate(row):
            cls = ' class="num"' if i >= numeric_from else ""
            scope = ' scope="row"' if (tag == "td" and i == 0) else ""
            t = "th" if i == 0 and tag == "td" else tag
            out.append(f"<{t}{cls}{scope}>{c}</{t}>")
        return "".join(out)

    h = "".join(f'<th scope="col"{" class=\"num\"" if i >= numeric_from else ""}>{e(c)}</th>' for i, c in enumerate(head))
    body = "".join(f"<tr>{cells(r, 'td')}</tr>" for r in rows)
    tfoot = "".join(f"<tr>{cells(r, 'td')}</tr>" for r in foot)
    return (f'<div class="calc-table-wrap"><table class="calc-table"><caption>{e(caption)}</caption>'
            f"<thead><tr>{h}</tr></thead><tbody>{body}</tbody>"
            + (f"<tfoot>{tfoot}</tfoot>" if tfoot else "") + "</table></div>")


def facts(items: Iterable[tuple[str, str]]) -> str:
    """A definition list; values are already-escaped HTML."""
    return '<dl class="calc-facts">' + "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in items) + "</dl>"


def findings(items: list[dict[str, str]]) -> str:
    if not items:
        return ""
    lis = "".join(
        f'<li class="finding finding--{e(f["level"])}" data-code="{e(f["code"])}">'
        f'<strong class="finding__level">{e(LEVEL_LABEL.get(f["level"], f["level"]))}:</strong> {e(f["message"])}</li>'
        for f in items
    )
    return f'<h4 class="calc-subhead">Merknader</h4><ul class="calc-findings">{lis}</ul>'


def quarters_table(caption: str, by_quarter: dict[str, str]) -> str:
    return table(caption, ["Kvartal", "Beløp"], [[e(QUARTER_LABEL[q]), money(by_quarter[q])] for q in QUARTERS])


def months_text(first_month: int, months: int) -> str:
    if months <= 0:
        return "ingen"
    last = first_month + months - 1
    return f"{months} ({fmt.month_name(first_month)}–{fmt.month_name(last)})" if months > 1 else f"1 ({fmt.month_name(first_month)})"


# --- one renderer per calculator ------------------------------------------------

def render_org365(r: dict, fs: list) -> tuple[str, str]:
    rows = []
    for lic in ("E1", "F3", "E3"):
        line = r["lines"][lic]
        rows.append([e(LICENSE_LABEL[lic]), e(fmt.number(line["count"])), money(line["unit_price"]), money(line["amount"])])
    foot = [["Sum", "", "", money(r["total"])]]
    note = ('<p class="calc-note">Prisene er omtrentlige: rundskrivet oppgir dem som «ca.».</p>'
            if r.get("prices_approximate") else "")
    html = (
        table(f"ORG365-lisenser {r['year']}", ["Lisenstype", "Antall", "Pris per år", "Beløp"], rows, foot)
        + note
        + facts([
            ("Måneder belastet", e(months_text(r["start_month"], r["months"]))),
            ("Per måned", money(r["monthly"])),
        ])
        + quarters_table("Fordelt per kvartal", r["by_quarter"])
    )
    summary = f"ORG365-lisenser {r['year']}: {fmt.kr(Decimal(r['total']))} for {r['months']} måneder."
    return html, summary


def render_klar(r: dict, fs: list) -> tuple[str, str]:
    if any(f["code"] == "rate-override" for f in fs):
        rate_note = " (egen sats)"
    else:
        rate_note = "" if r.get("rate_confirmed", True) else " (ikke bekreftet)"
    html = facts([
        ("Fylkeskrets", e(r["county"])),
        ("Første måned belastet", e(f"{fmt.month_name(r['first_month'])} {r['year']}")),
        ("Måneder belastet", e(fmt.number(r["months"]))),
        ("Medlemsmåneder", e(fmt.number(r["member_months"]))),
        ("Sats per yrkesaktivt medlem per måned", rate(r["rate"]) + rate_note),
        ("KL*AR i alt", money(r["total"])),
    ]) + quarters_table(f"KL*AR {r['year']} per kvartal", r["by_quarter"])
    summary = f"KL*AR {r['year']} for {r['county']}: {fmt.kr(Decimal(r['total']))}."
    return html, summary


def _unit(u: str) -> str:
    return "Forbundet" if u.lower() == "forbund" else u


def render_fo_pay(r: dict, fs: list) -> tuple[str, str]:
    rows = [
        [e(p["name"]), e(_unit(p["unit"])), e(ROLE_LABEL.get(p["role"], p["role"])), money(p["level"]),
         e(fmt.percent(p["percent_of_lo"])), e(fmt.percent(p["fte_percent"])), money(p["paid"])]
        for p in r["positions"]
    ]
    html = table(
        f"Lønnsnivå sammenlignet med LO-leders lønn ({fmt.kr(Decimal(r['lo_leader_salary']))})",
        ["Navn", "Enhet", "Verv", "Lønnsnivå (100 %)", "Andel av LO-leder", "Stilling", "Utbetales per år"],
        rows, numeric_from=3,
    )
    items = "".join(
        f'<li class="principle principle--{e(p["status"]).replace("/", "")}" data-rule="{e(p["rule"])}">'
        f'<strong>Prinsipp {e(p["rule"])}: {e(STATUS_LABEL.get(p["status"], p["status"]))}.</strong> {e(p["message"])}</li>'
        for p in r["principles"]
    )
    count = len(r["principles"])
    html += (f'<h4 class="calc-subhead">De {e(fmt.words(count))} prinsippene for avlønning</h4>'
             f'<ol class="calc-principles">{items}</ol>')
    adj = r.get("adjustment")
    if adj:
        arows = [[e(a["name"]), money(a["new_level"]), money(a["new_paid"]), money(a["back_pay"])] for a in adj["positions"]]
        html += table(
            f"Årlig lønnsregulering: ny LO-lønn {fmt.kr(Decimal(adj['new_lo_leader_salary']))}, "
            f"utbetalt fra {fmt.month_name(adj['month'])}",
            ["Navn", "Nytt nivå (100 %)", "Ny lønn per år",
             f"Etterbetaling fra 1. {fmt.month_name(adj['month'] - adj['months_back'])}"],
            arows, [["Sum etterbetaling", "", "", money(adj["total_back_pay"])]],
        )
    failed = [p for p in r["principles"] if p["status"] == "fail"]
    summary = ("Ingen av prinsippene er brutt." if not failed
               else f"{len(failed)} av {count} prinsipper er brutt: " + ", ".join(str(p["rule"]) for p in failed) + ".")
    return html, summary


def render_budget(r: dict, fs: list) -> tuple[str, str]:
    rows = [[e(line["label"]), money(line["amount"]), *(money(line["by_quarter"][q]) for q in QUARTERS)] for line in r["lines"]]
    foot = [["Sum lisenskostnader", money(r["total"]), *(money(r["by_quarter"][q]) for q in QUARTERS)]]
    html = table(f"Lisenskostnader i budsjettet for {r['year']}",
                 ["Post", "Beløp", *(QUARTER_LABEL[q] for q in QUARTERS)], rows, foot)
    html += ('<p class="calc-note">Grunnlag: Fagforbundets rundskriv 19/24. ORG365-prisene er omtrentlige («ca.»); '
             "KL*AR belastes per yrkesaktivt medlem per måned.</p>")
    summary = f"Lisenskostnader {r['year']}: {fmt.kr(Decimal(r['total']))} i alt."
    return html, summary


# Extras: label, kind of value. Kinds: money, int, weeks, days, months, bool, text, km, percent.
EXTRAS: dict[str, list[tuple[str, str, str]]] = {
    "fo_holidays": [("holiday_weeks", "Ferie", "weeks"), ("deduction_weeks", "Trekk i lønn for ferie", "weeks"),
                    ("k_days", "K-dager", "days"), ("easter_christmas_off", "Fri i påske og jul", "bool")],
    "fo_bicycle": [("km", "Kilometer i alt", "km"), ("rate", "Sats per km", "money"), ("amount", "Sykkelgodtgjørelse", "money")],
    "fo_loan": [("eligible", "Kan søke om lån", "bool"), ("max_amount", "Lånebeløp", "money"),
                ("repay_within_months", "Tilbakebetales innen", "months")],
    "fo_training": [("cap", "Øvre grense for perioden", "money"), ("used", "Allerede innvilget", "money"),
                    ("remaining", "Igjen å søke om", "money"), ("period", "Periode", "text"), ("decided_by", "Avgjøres av", "text")],
    "fo_severance": [("months_standard", "Måneder innenfor normalordningen", "months"),
                     ("amount_standard", "Etterlønn for disse månedene", "money"),
                     ("amount_requested", "Etterlønn for alle månedene det søkes om", "money")],
    "fo_glasses": [("frame_covered", "Innfatning dekket", "money"), ("other_covered", "Synsundersøkelse, glass og montering dekket", "money"),
                   ("covered_total", "Dekkes i alt", "money"), ("own_share", "Betaler selv", "money")],
}

EXTRA_SUMMARY = {
    "fo_holidays": lambda r: f"{r['holiday_weeks']} uker ferie og {r['k_days']} K-dager.",
    "fo_bicycle": lambda r: f"Sykkelgodtgjørelse: {fmt.kr(Decimal(r['amount']))}.",
    "fo_loan": lambda r: (f"Det kan søkes om et lån på {fmt.kr(Decimal(r['max_amount']))}, tilsvarende "
                          f"{fo_loan.months_of_pay_text(r['months_of_pay'])} bruttolønn." if r["eligible"]
                          else "Med denne stillingsandelen kan det ikke søkes om lån."),
    "fo_training": lambda r: f"Igjen å søke om: {fmt.kr(Decimal(r['remaining']))}.",
    "fo_severance": lambda r: f"Etterlønn innenfor normalordningen: {fmt.kr(Decimal(r['amount_standard']))}.",
    "fo_glasses": lambda r: f"Dekkes i alt: {fmt.kr(Decimal(r['covered_total']))}.",
}


def _value(kind: str, v: Any) -> str:
    if kind == "money":
        return money(v)
    if kind == "bool":
        return "Ja" if v else "Nei"
    if kind in ("weeks", "days", "months", "km"):
        unit = {"weeks": "uker", "days": "dager", "months": "måneder", "km": "km"}[kind]
        return e(f"{fmt.number(v)} {unit}")
    return e(v)


def render_extra(name: str) -> Callable[[dict, list], tuple[str, str]]:
    def render(r: dict, fs: list) -> tuple[str, str]:
        items = [(label, _value(kind, r[key])) for key, label, kind in EXTRAS[name] if key in r]
        return facts(items), EXTRA_SUMMARY[name](r)
    return render


RENDERERS: dict[str, Callable[[dict, list], tuple[str, str]]] = {
    "org365": render_org365,
    "klar": render_klar,
    "fo_pay": render_fo_pay,
    "budget": render_budget,
    **{name: render_extra(name) for name in EXTRAS},
}


def render(name: str, output: dict) -> dict[str, str]:
    """`{"html", "summary"}` for an API output (`html` empty when the input had errors)."""
    if not output.get("ok"):
        n = len(output.get("errors", []))
        return {"html": "", "summary": f"Skjemaet har {n} feil."}
    html, summary = RENDERERS[name](output["result"], output["findings"])
    return {"html": f'<div class="calc-output">{html}{findings(output["findings"])}</div>', "summary": summary}


def respond(op: str, name: str, inputs_json: str) -> str:
    """The worker's one entry point: JSON in, JSON out ({output, html, summary[, csv, filename]})."""
    try:
        inputs = json.loads(inputs_json)
    except ValueError:
        inputs = None
    output = api.run(name, inputs)
    # render() handles errors itself, and every registered calculator has a renderer
    # (tests/unit/test_view.py), so an unknown name is an error output like any other.
    data: dict[str, Any] = {"output": output, **render(name, output)}
    if op == "csv" and output.get("ok") and name == "budget":
        from .export import budget_csv

        data["csv"] = budget_csv(output["result"])
        data["filename"] = f"lisensbudsjett-{output['result']['year']}.csv"
    return json.dumps(data, ensure_ascii=False)
