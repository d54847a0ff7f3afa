"""The one renderer of calculator results: API answer → HTML fragment + a short summary.

Called at build time by the macros (into the page) and in the browser through
`api.respond` (inserted as is), so the markup exists once. It reads only `api.run`
answers and each calculator's declared display blocks (`declare.Facts`, `Table`, …);
every value is escaped here. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from html import escape
from typing import Any

from . import fmt, registry
from .declare import Bars, Block, Checklist, Computation, Facts, Letter, Note, PrintSlot, Quarters, Table
from .periods import default_year
from .rates import load as load_rates

LEVEL_LABEL = {"error": "Må rettes", "warning": "Obs", "info": "Til orientering"}
STATUS_LABEL = {"pass": "Oppfylt", "fail": "Brutt", "n/a": "Ikke aktuelt", "info": "Til orientering"}
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
QUARTER_LABEL = {"Q1": "1. kvartal", "Q2": "2. kvartal", "Q3": "3. kvartal", "Q4": "4. kvartal"}
UNIT_WORD = {"weeks": "uker", "days": "dager", "months": "måneder", "km": "km"}


# --- small builders (all text escaped) -------------------------------------------

def e(value: Any) -> str:
    return escape(str(value), quote=True)


def money(value: Any) -> str:
    return f'<span class="amount">{e(fmt.kr(Decimal(str(value))))}</span>'


def rate(value: Any) -> str:
    """A rate keeps every decimal it has (0,125 kr stays 0,125 kr; 1.00 shows as 1 kr)."""
    return f'<span class="amount">{e(fmt.number(Decimal(str(value))))}{fmt.NBSP}kr</span>'


def value_html(kind: str, v: Any) -> str:
    """One value of a declared kind (see `declare.Cell`)."""
    if kind == "money":
        return money(v)
    if kind == "rate":
        return rate(v)
    if kind == "bool":
        return "Ja" if v else "Nei"
    if kind == "number":
        return e(fmt.number(v))
    if kind == "percent":
        return e(fmt.percent(v))
    if kind in UNIT_WORD:
        return e(f"{fmt.number(v)} {UNIT_WORD[kind]}")
    if kind == "flagged":
        return flagged(*v)
    return e(v)


def flagged(text: str, mark: str) -> str:
    """A text with a mark in words under it (the chart's ⚠ before it, hidden from screen
    readers, which hear «text, mark»): never a colour alone."""
    if not mark:
        return e(text)
    return (f'{e(text)}<span class="calc-sr-only">, </span><span class="calc-flag">'
            f'<span aria-hidden="true">⚠ </span>{e(mark)}</span>')


def table(caption: str, head: Iterable[str], rows: Iterable[Iterable[str]], foot: Iterable[Iterable[str]] = (),
          numeric_from: int = 1, ident: str = "") -> str:
    """A table; cells are already-escaped HTML. Columns from `numeric_from` align right.
    With `ident`, the frame that scrolls a wide table on a phone is a named region the
    keyboard can reach (its name is the caption). Each data cell carries its column's
    heading (`data-label`): where the table does not fit (a phone), each row is shown as
    one labelled block (docs/css/site.css)."""
    head = list(head)

    def cells(row, tag):
        out = []
        for i, c in enumerate(row):
            cls = ' class="num"' if i >= numeric_from else ""
            scope = ' scope="row"' if (tag == "td" and i == 0) else ""
            t = "th" if i == 0 and tag == "td" else tag
            label = f' data-label="{e(head[i])}"' if 0 < i < len(head) else ""
            out.append(f"<{t}{cls}{scope}{label}>{c}</{t}>")
        return "".join(out)

    h = "".join(f'<th scope="col"{" class=\"num\"" if i >= numeric_from else ""}>{e(c)}</th>' for i, c in enumerate(head))
    body = "".join(f"<tr>{cells(r, 'td')}</tr>" for r in rows)
    tfoot = "".join(f"<tr>{cells(r, 'td')}</tr>" for r in foot)
    wrap = (f'<div class="calc-table-wrap" role="region" tabindex="0" aria-labelledby="{e(ident)}">' if ident
            else '<div class="calc-table-wrap">')
    cap = f'<caption id="{e(ident)}">' if ident else "<caption>"
    # Four columns or more do not fit a phone: there each row is a labelled block.
    cls = "calc-table calc-table--stack" if len(head) >= 4 else "calc-table"
    return (f'{wrap}<table class="{cls}">{cap}{e(caption)}</caption>'
            f"<thead><tr>{h}</tr></thead><tbody>{body}</tbody>"
            + (f"<tfoot>{tfoot}</tfoot>" if tfoot else "") + "</table></div>")


def facts(items: Iterable[tuple[str, str]]) -> str:
    """A definition list; values are already-escaped HTML."""
    return '<dl class="calc-facts">' + "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in items) + "</dl>"


SOURCE_SHORT = {"circular": "rundskrivet", "regulation": "reglementet"}


def quote_html(q: dict, root: str) -> str:
    """«Kilden sier: «…»» with a link to the passage on the site's page of the source."""
    rates = load_rates()
    href = root + page_url(rates.source_pages[q["document"]]) + "#" + q["anchor"]
    return (f'<p class="calc-quote">Kilden sier: <q>{e(q["words"])}</q> '
            f'<a href="{e(href)}">Les i {e(SOURCE_SHORT.get(q["document"], "kilden"))}</a></p>')


def evidence(item: dict, root: str) -> str:
    """What a finding or principle rests on, under it: the calculator's reading (labelled
    as such) and the source's words, folded in a `details` on screen. Print shows the same
    paragraphs in full (`.calc-evidence-print`, hidden on screen)."""
    reading = item.get("reading")
    quotes = list(item.get("quotes", ()))
    if reading is not None:
        quotes.append(reading["quote"])
    if not quotes:
        return ""
    body = "".join(quote_html(q, root) for q in quotes)
    if reading is not None:
        body = (f'<p class="calc-reading"><strong>Kalkulatorens lesning:</strong> {e(reading["text"])}</p>'
                + body)
    title = "Kalkulatorens lesning og kilden" if reading is not None else "Kilden sier"
    return (f'<details class="calc-evidence"><summary>{title}</summary>{body}</details>'
            f'<div class="calc-evidence-print print-only">{body}</div>')


def readings_table(readings: Iterable[dict], root: str, caption: str = "Kalkulatorens lesning") -> str:
    """The calculator page's table of every reading it makes: what, the source's words
    (linked to the passage), and the reading."""
    rows = [[e(r["topic"]), quote_html(r["quote"], root), e(r["text"])] for r in readings]
    return table(caption, ["Hva", "Kilden sier", "Kalkulatorens lesning"], rows, numeric_from=3)


def findings(items: list[dict], root: str = "", heading: str = "Merknader") -> str:
    if not items:
        return ""
    lis = "".join(
        f'<li class="finding finding--{e(f["level"])}" data-code="{e(f["code"])}">'
        f'<strong class="finding__level">{e(LEVEL_LABEL.get(f["level"], f["level"]))}:</strong> {e(f["message"])}'
        f'{evidence(f, root)}</li>'
        for f in items
    )
    return f'<h4 class="calc-subhead">{e(heading)}</h4><ul class="calc-findings">{lis}</ul>'


def quarters_table(caption: str, by_quarter: dict[str, str], ident: str = "") -> str:
    return table(caption, ["Kvartal", "Beløp"], [[e(QUARTER_LABEL[q]), money(by_quarter[q])] for q in QUARTERS],
                 ident=ident)


def checklist(heading: str, items: list[dict], root: str = "") -> str:
    lis = "".join(
        f'<li class="principle principle--{e(p["status"]).replace("/", "")}" data-rule="{e(p["rule"])}">'
        f'<strong>Prinsipp {e(p["rule"])}: {e(STATUS_LABEL.get(p["status"], p["status"]))}.</strong> {e(p["message"])}'
        f'{evidence(p, root)}</li>'
        for p in items
    )
    return f'<h4 class="calc-subhead">{e(heading)}</h4><ol class="calc-principles">{lis}</ol>'


def page_url(page: str) -> str:
    """A docs-relative Markdown path (`fo/lan.md#x`, `fo/index.md`) as the site's URL,
    relative to the site root (`fo/lan/#x`, `fo/`)."""
    path, _, anchor = page.partition("#")
    path = path.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return path + (f"#{anchor}" if anchor else "")


def rate_ref(pid: str, year: int, root: str) -> str:
    """A rate the computation used: its name linked to the guidance that states it, and
    when the source says it applies: «gjelder fra» its date, «oppgitt for» the years the
    source gives it for when it is used for a later one, «oppgitt uten årstall» when the
    source gives it with no date at all, and nothing for a rate whose value is a year."""
    rates = load_rates()
    p = rates.param(pid)
    source = {"circular": "rundskrivet", "regulation": "reglementet"}.get(p.document_key, "kilden")
    try:
        used = p.value_in_force(year)
    except LookupError:
        since = ""
    else:
        if p.unit == "årstall":
            since = ""
        elif used.undated:
            since = f", oppgitt uten årstall i {source}"
        elif used.end is None or used.covers(year):
            since = f", gjelder fra {fmt.date_no(used.start)}"
        else:  # the latest known value, used for a later year the source says nothing of
            since = f", oppgitt for {used.start.year}" + (
                f"–{used.end.year}" if used.end.year != used.start.year else "") + f", brukt for {year}"
    return f'<a href="{e(root + page_url(p.page))}">{e(rates.fill(p.label, year))}</a>{e(since)}'


def print_slot(slot: PrintSlot) -> str:
    """Words for paper only, filled in from the record field `slot.field` before printing
    (docs/js/app.mjs); until then they say the field is empty."""
    return (f' <span class="calc-print-slot" data-print-slot="{e(slot.field)}" data-print-given="{e(slot.given)}" '
            f'data-print-missing="{e(slot.missing)}">{e(slot.missing)}</span>')


def computation(b: Computation, r: dict, root: str) -> str:
    year = b.year(r) or default_year()
    items = []
    for step in b.steps(r):
        refs = "; ".join(rate_ref(pid, year, root) for pid in step.rates)
        items.append(f"<li>{e(step.text)}" + (f' <span class="calc-step__rates">({refs})</span>' if refs else "")
                     + (print_slot(step.slot) if step.slot else "") + "</li>")
    return (f'<h4 class="calc-subhead">Slik er det regnet ut</h4><ol class="calc-steps">{"".join(items)}</ol>')


def letter(b: Letter, r: dict, ident: str) -> str:
    """A drafted letter, marked as a draft; «Kopier teksten» copies its text as shown. A
    paragraph keeps its line breaks; checklist lines are a list with empty boxes."""
    out, items = [], []

    def flush() -> None:
        if items:
            out.append('<ul class="calc-letter__checklist">' + "".join(items) + "</ul>")
            items.clear()

    for part in b.parts(r):
        text = e(part.text).replace("\n", "<br>")
        if part.kind == "item":
            items.append(f"<li>☐ {text}</li>")
            continue
        flush()
        if part.kind == "to":
            out.append(f'<p class="calc-letter__to">{text}</p>')
        elif part.kind == "subject":
            out.append(f'<p class="calc-letter__subject"><strong>{text}</strong></p>')
        elif part.kind == "quote":
            out.append(f'<blockquote class="calc-letter__quote"><p>«{text}»</p></blockquote>')
        elif part.kind == "heading":
            out.append(f'<p class="calc-letter__heading"><strong>{text}</strong></p>')
        else:
            out.append(f"<p>{text}</p>")
    flush()
    head = f'{ident}-brev'
    return (f'<h4 class="calc-subhead" id="{e(head)}">{e(b.title(r))}</h4>'
            f'<p class="calc-letter__draft">Utkast – kontroller og fullfør brevet før fagforeningen sender det.</p>'
            f'<article class="calc-letter" aria-labelledby="{e(head)}" data-letter="">{"".join(out)}</article>')


def bars(b: Bars, r: dict, title: str | None = None) -> str:
    """A bar chart: one row per bar (label, bar, value), a heading where the group changes.
    Labels and values are HTML text, so they keep the page's own size at any width and in
    print; each bar is an SVG rectangle whose length is a percentage of its track (the
    site's policy allows no inline styles). Layout and colours in charts.css: label, bar
    and value side by side in a wide panel, the label above its bar in a narrow one."""
    items = b.bars(r)
    if not items:
        return ""
    top = max((i.value for i in items), default=Decimal(0)) or Decimal(1)
    rows, group = [], None
    for item in items:
        if item.group and item.group != group:
            group = item.group
            rows.append(f'<p class="calc-chart__group">{e(group)}</p>')
        share = (Decimal(100) * max(item.value, Decimal(0)) / top).quantize(Decimal("0.1"))
        cls = "calc-chart__row calc-chart__row--marked" if item.marked else "calc-chart__row"
        rows.append(
            f'<div class="{cls}"><span class="calc-chart__label">{e(item.label)}</span>'
            f'<svg class="calc-chart__track" width="100%" height="16" focusable="false">'
            f'<rect class="calc-chart__bar" x="0" y="0" width="{max(share, Decimal("0.5"))}%" height="16"></rect></svg>'
            f'<span class="calc-chart__value">{e(item.text)}'
            + ("" if not item.marked else '<span class="calc-chart__mark"> ⚠</span>') + "</span></div>")
    title = e(b.title(r) if title is None else title)
    # The table beside the chart is its text alternative: the picture itself is hidden
    # from screen readers, its caption is not.
    return (f'<figure class="calc-chart"><div class="calc-chart__rows" aria-hidden="true">{"".join(rows)}</div>'
            f'<figcaption class="calc-chart__caption">{title}</figcaption></figure>')


# --- the declared blocks ------------------------------------------------------------

def block(b: Block, r: dict, fs: list, root: str = "", ident: str = "", plan: str = "") -> str:
    """One declared block as HTML. With `plan` (two plans side by side), its tables' and
    charts' captions name the plan, so that no two regions of the page share a name."""
    def named(text: str) -> str:
        return f"{plan}: {text}" if plan else text

    if isinstance(b, Facts):
        return facts((f.label, value_html(f.kind, f.of(r)) + e(f.after(r))) for f in b.items)
    if isinstance(b, Table):
        if not b.when(r):
            return ""
        cells = lambda rows: [[value_html(kind, v) for kind, v in row] for row in rows]  # noqa: E731
        return table(named(b.caption(r)), b.head(r), cells(b.rows(r)), cells(b.foot(r)), b.numeric_from, ident)
    if isinstance(b, Quarters):
        return quarters_table(named(b.caption(r)), r[b.key], ident)
    if isinstance(b, Checklist):
        return checklist(b.heading(r), b.items(r), root)
    if isinstance(b, Note):
        text = b.text(r, fs)
        return (f'<p class="calc-note">{e(text)}</p>'
                + evidence({"quotes": [q.as_dict() for q in b.quotes]}, root)) if text else ""
    if isinstance(b, Computation):
        return computation(b, r, root)
    if isinstance(b, Bars):
        return bars(b, r, named(b.title(r))) if b.when(r) else ""
    if isinstance(b, Letter):
        return letter(b, r, ident)
    raise TypeError(f"unknown display block {b!r}")


def id_prefix(name: str) -> str:
    """The prefix of every id a calculator's markup carries, form and result: «calc-fo-pay»."""
    return f"calc-{name.replace('_', '-')}"


def lower_first(text: str) -> str:
    """A title inside a sentence: «Per kvartal» → «per kvartal»; «ORG365 …» stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def signed_kr(amount: Any) -> str:
    """A difference: «+3 500 kr», «−1 100 kr» (a minus sign), «0 kr»."""
    d = Decimal(str(amount))
    sign = "+" if d > 0 else "\u2212" if d < 0 else ""
    return sign + fmt.kr(abs(d))


def difference_words(amount: Any) -> str:
    """How much more or less plan B costs than plan A, in words."""
    d = Decimal(str(amount))
    if d == 0:
        return "det samme som oppsett A"
    return f"{fmt.kr(abs(d))} {'mer' if d > 0 else 'mindre'} enn oppsett A"


def compare_summary(c: dict) -> str:
    return (f"{c['title']}. Oppsett A: {fmt.kr(c['total_a'])}. "
            f"Oppsett B: {fmt.kr(c['total_b'])}, {difference_words(c['difference'])}.")


def comparison(name: str, c: dict) -> str:
    """Both totals and their difference, and each line where the plans differ."""
    ident = f"{id_prefix(name)}-sammenligning"
    groups: dict[str, list] = {}
    for line in c["lines"]:
        groups.setdefault(line["group"], []).append(
            [e(line["label"]), money(line["a"]), money(line["b"]), e(signed_kr(line["difference"]))])
    # One table per breakdown (each adds up to the same sum, or, when partial, to a part of it).
    foot = [[e("Sum"), money(c["total_a"]), money(c["total_b"]), e(signed_kr(c["difference"]))]]
    tables = "".join(
        table(f"Forskjeller mellom oppsett A og B, {lower_first(group)}",
              ["Linje", *c["plans"], "Forskjell (B − A)"], rows, () if group in c["partial"] else foot,
              ident=f"{ident}-{i}")
        for i, (group, rows) in enumerate(groups.items(), start=1))
    same = "" if groups else '<p class="calc-note">Oppsettene gir de samme beløpene.</p>'
    return (f'<h4 class="calc-subhead">Sammenligning av oppsett A og B</h4>'
            f'<p class="calc-note">{e(compare_summary(c))}</p>' + tables + same)


def _plan(name: str, calc, plan: str, r: dict, fs: list, root: str, key: str, own: list) -> str:
    """One plan's result: its blocks (which may read all of its findings `fs`) and the
    findings that are its own (`own`: those both plans give are listed once, above)."""
    html = "".join(block(b, r, fs, root, f"{id_prefix(name)}{key}-tabell-{i}", plan)
                   for i, b in enumerate(calc.display, start=1))
    head = f"{id_prefix(name)}{key or '-a'}-oppsett"
    return (f'<section class="calc-plan" aria-labelledby="{e(head)}">'
            f'<h4 class="calc-subhead calc-plan__title" id="{e(head)}">{e(plan)}</h4>'
            f'{html}{findings(own, root, "Merknader for " + lower_first(plan))}</section>')


def render(name: str, output: dict, root: str = "") -> dict[str, str]:
    """`{"html", "summary"}` for an API answer (`html` empty when the input had errors).

    `root` is the way from the page the result is shown on to the site's root (`../../`),
    put before the links to the guidance pages."""
    if not output.get("ok"):
        n = len(output.get("errors", []))
        return {"html": "", "summary": f"Skjemaet har {n} feil."}
    calc = registry.get(name)
    r, fs = output["result"], output["findings"]
    c = output.get("compare")
    if c is not None:  # two plans: their comparison, then each plan with its own findings
        with fmt.exact_context():
            html = (comparison(name, c) + findings(c["findings_both"], root, "Merknader for begge oppsettene")
                    + _plan(name, calc, c["plans"][0], r, fs, root, "", c["findings_a"])
                    + _plan(name, calc, c["plans"][1], c["result_b"], c["findings_b_all"], root, "-b", c["findings_b"]))
            return {"html": f'<div class="calc-output calc-output--compare">{html}</div>',
                    "summary": compare_summary(c)}
    with fmt.exact_context():
        html = "".join(block(b, r, fs, root, f"{id_prefix(name)}-tabell-{i}")
                       for i, b in enumerate(calc.display, start=1))
        summary = calc.summary(r)
    return {"html": f'<div class="calc-output">{html}{findings(fs, root)}</div>', "summary": summary}


def csv_for(name: str, output: dict) -> dict[str, str] | None:
    """`{"csv", "filename"}` for a calculator that declares a CSV export."""
    calc = registry.get(name)
    if calc.csv is None or not output.get("ok"):
        return None
    filename, text = calc.csv(output["result"])
    return {"csv": text, "filename": filename}
