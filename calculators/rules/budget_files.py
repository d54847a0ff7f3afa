"""The licence budget's files: the CSV for Norwegian Excel and the Excel workbook.

What the files hold (which rows, which labels, which sheets) is the budget's own and lives
here, beside the budget's module; how a CSV or a workbook is written (the separators, the
formats, the guidance line, the record cells, the print set-up) is the machinery's
(`calculators.machinery.export`, `calculators.machinery.xlsx`). `budget` declares both
files (`Calculator.csv`, `Calculator.xlsx`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..machinery import fmt
from ..machinery.export import table_csv
from ..machinery.periods import MONTHS_PER_YEAR, QUARTERS
from ..machinery.rates import Rates
from ..machinery.rates import load as load_rates
from ..machinery.xlsx import (INPUT_SHEET, QUARTER_HEADS, QUARTER_KEYS, RESULT_SHEET, Book, cell, finish, guidance,
                              heading_rows, new_book, read_inputs, record_rows)
from . import org365

CSV_HEAD = ("Post", "Beløp (kr)", "1. kvartal", "2. kvartal", "3. kvartal", "4. kvartal")
CSV_TOTAL_LABEL = "Sum lisenskostnader"


# --- the workbook ---------------------------------------------------------------------------

def months_charged(book, ws, row: int, label: str, first: int, months: int,
                   inp: str = INPUT_SHEET) -> tuple[str, str, int]:
    """Two input rows: the first month charged, and the months charged from it to December
    as a formula. Returns both cells (absolute, qualified by the input sheet `inp`) and the
    row after them."""
    ws.write(row, 0, label)
    ws.write_number(row, 1, first, book.fmt("count"))
    first_cell = cell(row, 1, inp, absolute=True)
    ws.write(row + 1, 0, "Måneder belastet")
    ws.write_formula(row + 1, 1, f"={MONTHS_PER_YEAR + 1}-{cell(row, 1)}", book.fmt("count"), months)
    return first_cell, cell(row + 1, 1, inp, absolute=True), row + 2


# Two plans side by side: plan B's sheets and the difference («Forskjell»), beside plan A's
# «Inndata» and «Resultat». A sheet name with a space is quoted in a formula.
PLAN_B_SHEETS = ("Inndata B", "Oppsett B")
DIFFERENCE_SHEET = "Forskjell"


def quoted(sheet: str) -> str:
    return f"'{sheet}'" if " " in sheet else sheet


def budget_workbook(answer: dict) -> tuple[str, bytes]:
    """`lisensbudsjett-<year>.xlsx`: ORG365 lines (count × price × months / 12), KL*AR
    (members × rate per month), the two budget lines and their sum. With a second plan
    (`answer["compare"]`, inputs under `plan_b`): plan B's «Inndata B» and «Oppsett B»,
    written the same way, and «Forskjell»: each compared line of both plans and B − A,
    every figure a formula over the two plans' sheets."""
    result = answer["result"]
    year = result["year"]
    compare = answer.get("compare")
    book, out = new_book(f"Lisensbudsjett {year}", "Fagforbundets rundskriv 19/24")
    plan_a = " (oppsett A)" if compare else ""
    row, note, cells_a = budget_sheets(book, answer["inputs"], result, INPUT_SHEET, RESULT_SHEET, plan_a,
                                       "Sum_lisenskostnader")
    if compare:
        raw = answer["inputs"]
        # Plan B is the same budget for the same year and the same record (name, meeting date).
        raw_b = {**raw["plan_b"], **{k: raw.get(k) for k in ("year", "record_name", "record_date") if k in raw}}
        wb = book.workbook
        ws_b, rs_b = (wb.add_worksheet(name) for name in PLAN_B_SHEETS)
        book_b = Book(wb, ws_b, rs_b, book.formats, guidance(book.document, *PLAN_B_SHEETS), book.document)
        row_b, note_b, cells_b = budget_sheets(book_b, raw_b, compare["result_b"], quoted(PLAN_B_SHEETS[0]),
                                          quoted(PLAN_B_SHEETS[1]), " (oppsett B)", "Sum_lisenskostnader_B")
        rs_b.write(row_b, 0, note_b, book.fmt("note"))
        rs_b.set_column(0, 0, 30)
        rs_b.set_column(1, 8, 14)
        difference_sheet(book, result, compare, cells_a, cells_b)
    return f"lisensbudsjett-{year}.xlsx", finish(book, out, row, note, (0, 0, 30), (1, 8, 14))


def difference_sheet(book: Book, a: dict, compare: dict, cells_a: dict[str, str], cells_b: dict[str, str]) -> None:
    """«Forskjell»: every line the two plans are compared on, both plans' amounts (formulas
    over their result sheets) and B − A."""
    from .budget import compared_group, compared_lines

    ds = book.workbook.add_worksheet(DIFFERENCE_SHEET)
    row = heading_rows(book, ds, f"Lisensbudsjett {a['year']}: oppsett A og B")
    ds.write(1, 0, f"Kalkulatoren er veiledende: kontroller tallene mot {book.document} før de brukes. "
             f"Arket regner forskjellen fra arkene «{RESULT_SHEET}» og «{PLAN_B_SHEETS[1]}».", book.fmt("note"))
    ds.write(row, 0, "Linje", book.fmt("head"))
    ds.write_row(row, 1, ("Oppsett A", "Oppsett B", "Forskjell (B − A)"), book.fmt("head_num"))
    row += 1
    amounts_b = dict(compared_lines(compare["result_b"]))
    lines = [*compared_lines(a), ("Sum lisenskostnader", a["total"])]
    amounts_b["Sum lisenskostnader"] = compare["total_b"]
    group = None
    for label, amount in lines:
        total = label == "Sum lisenskostnader"
        if not total and compared_group(label) != group:  # each breakdown under its own heading
            group = compared_group(label)
            ds.write(row, 0, group, book.fmt("bold"))
            row += 1
        va, vb = Decimal(amount), Decimal(amounts_b[label])
        ds.write(row, 0, label, book.fmt("label_total" if total else "text"))
        ds.write_formula(row, 1, f"={cells_a[label]}", book.money(va, total), va)
        ds.write_formula(row, 2, f"={cells_b[label]}", book.money(vb, total), vb)
        ds.write_formula(row, 3, f"={cell(row, 2)}-{cell(row, 1)}", book.money(vb - va, total), vb - va)
        row += 1
    ds.set_column(0, 0, 34)
    ds.set_column(1, 3, 16)


def budget_sheets(book: Book, raw: object, result: dict, inp: str, res: str, plan: str,
                  total_name: str) -> tuple[int, str, dict[str, str]]:
    """One plan's input sheet (`book.inputs`, called `inp` in formulas) and result sheet
    (`book.results`, `res`); `plan` follows the sheets' titles. Returns the result sheet's
    next free row, the note under it, and the cell of each compared line (as
    `budget.compared_lines` names them, and «Sum lisenskostnader»)."""
    from .budget import LINE_LABELS  # budget declares this workbook: read its labels once it is loaded

    parsed = read_inputs("budget", raw)
    year = result["year"]
    o, k = result["org365"], result["klar"]
    ws, rs = book.inputs, book.results
    cells: dict[str, str] = {}

    # Inndata ------------------------------------------------------------------------------
    row = heading_rows(book, ws, f"Lisensbudsjett {year}{plan}: inndata")
    ws.write(row, 0, "ORG365", book.fmt("heading"))
    row += 1
    o_start, o_months, row = months_charged(book, ws, row, "Første måned med lisenskostnad (1–12)",
                                            o["start_month"], o["months"], inp)
    row += 1
    ws.write_row(row, 0, ("Lisenstype", "Antall", "Pris per år (kr)"), book.fmt("head"))
    row += 1
    licence_rows: list[tuple[str, int]] = []
    for lic in org365.License:
        line = o["lines"][lic.value]
        ws.write(row, 0, org365.license_label(lic))
        ws.write_number(row, 1, line["count"], book.fmt("count"))
        ws.write_number(row, 2, Decimal(line["unit_price"]), book.money(line["unit_price"]))
        licence_rows.append((lic.value, row))
        row += 1
    row += 1

    kl_in = parsed.klar
    ws.write(row, 0, "KL*AR", book.fmt("heading"))
    row += 1
    ws.write(row, 0, "Fylkeskrets")
    ws.write_string(row, 1, k["county"])
    row += 1
    first_cell, k_months, row = months_charged(book, ws, row, "Første måned belastet (1–12)",
                                               k["first_month"], k["months"], inp)
    ws.write(row, 0, "Sats per yrkesaktivt medlem per måned (kr)")
    ws.write_number(row, 1, Decimal(k["rate"]), book.fmt("rate"))
    rate_cell = cell(row, 1, inp, absolute=True)
    row += 1
    monthly = k["members_mode"] == "monthly"
    member_cells: list[str] = []
    if monthly:
        row += 1
        ws.write_row(row, 0, ("Måned", "Yrkesaktive medlemmer"), book.fmt("head"))
        row += 1
        for month, count in enumerate(kl_in.members_by_month, start=1):
            ws.write(row, 0, fmt.month_name(month))
            ws.write_number(row, 1, count, book.fmt("count"))
            member_cells.append(cell(row, 1, inp))
            row += 1
    else:
        ws.write(row, 0, "Yrkesaktive medlemmer")
        ws.write_number(row, 1, kl_in.members_by_month[0], book.fmt("count"))
        member_cells.append(cell(row, 1, inp))
        row += 1
    ws.set_column(0, 0, 46)
    ws.set_column(1, 2, 18)

    # Resultat -----------------------------------------------------------------------------
    row = heading_rows(book, rs, f"Lisensbudsjett {year}{plan}")
    row = record_rows(book, rs, row, raw, "Fagforeningens navn")
    rs.write(row, 0, "ORG365", book.fmt("heading"))
    row += 1
    rs.write_row(row, 0, ("Lisenstype", "Antall", "Pris per år", "Måneder"), book.fmt("head"))
    rs.write_row(row, 4, ("Beløp", *QUARTER_HEADS), book.fmt("head_num"))
    row += 1
    o_first = row
    for lic_value, in_row in licence_rows:
        line = o["lines"][lic_value]
        rs.write(row, 0, org365.license_label(lic_value))
        rs.write_formula(row, 1, f"={cell(in_row, 1, inp)}", book.fmt("count"), line["count"])
        rs.write_formula(row, 2, f"={cell(in_row, 2, inp)}", book.money(line["unit_price"]),
                         Decimal(line["unit_price"]))
        rs.write_formula(row, 3, f"={o_months}", book.fmt("count"), o["months"])
        rs.write_formula(row, 4, f"=ROUND({cell(row, 2)}*{cell(row, 1)}*{cell(row, 3)}/{MONTHS_PER_YEAR},2)",
                         book.money(line["amount"]), Decimal(line["amount"]))
        cells[f"ORG365, {org365.license_label(lic_value)}"] = cell(row, 4, res, absolute=True)
        # A quarter is the difference of the amounts charged by its end and by the end of
        # the one before, each rounded once (as the calculator splits a line).
        for q, key in enumerate(QUARTER_KEYS, start=1):
            by_end = [f"ROUND({cell(row, 2)}*{cell(row, 1)}*MAX(0,{3 * n}-{o_start}+1)/{MONTHS_PER_YEAR},2)"
                      for n in (q, q - 1)]
            value = line["by_quarter"][key]
            rs.write_formula(row, 4 + q, f"={by_end[0]}-{by_end[1]}", book.money(value), Decimal(value))
        row += 1
    o_last = row - 1
    row += 1

    rs.write(row, 0, "KL*AR", book.fmt("heading"))
    row += 1
    if monthly:
        rs.write_row(row, 0, ("Måned", "Yrkesaktive medlemmer", "Sats per yrkesaktivt medlem per måned"),
                     book.fmt("head"))
        rs.write(row, 4, "Beløp", book.fmt("head_num"))
        row += 1
        k_first = row
        for month, members in enumerate(member_cells, start=1):
            rs.write(row, 0, fmt.month_name(month))
            rs.write_formula(row, 1, f"={members}", book.fmt("count"), kl_in.members_by_month[month - 1])
            rs.write_formula(row, 2, f"={rate_cell}", book.fmt("rate"), Decimal(k["rate"]))
            rs.write_formula(row, 4, f"=IF({month}>={first_cell},ROUND({cell(row, 1)}*{cell(row, 2)},2),0)",
                             book.money(k["by_month"][month - 1]), Decimal(k["by_month"][month - 1]))
            row += 1
        k_last = row - 1
        # A quarter's amount: the sum of its three months.
        k_quarters = [f"SUM({cell(k_first + 3 * q, 4)}:{cell(k_first + 3 * q + 2, 4)})" for q in range(4)]
    else:
        rs.write_row(row, 0, ("Fylkeskrets", "Yrkesaktive medlemmer", "Sats per yrkesaktivt medlem per måned",
                              "Måneder"), book.fmt("head"))
        rs.write(row, 4, "Beløp", book.fmt("head_num"))
        row += 1
        rs.write(row, 0, k["county"])
        rs.write_formula(row, 1, f"={member_cells[0]}", book.fmt("count"), kl_in.members_by_month[0])
        rs.write_formula(row, 2, f"={rate_cell}", book.fmt("rate"), Decimal(k["rate"]))
        rs.write_formula(row, 3, f"={k_months}", book.fmt("count"), k["months"])
        # Each month is rounded once, as the calculator does: months × ROUND(members × rate).
        rs.write_formula(row, 4, f"={cell(row, 3)}*ROUND({cell(row, 1)}*{cell(row, 2)},2)",
                         book.money(k["total"]), Decimal(k["total"]))
        # A quarter's months charged (from the first month on), each month rounded once.
        for q, key in enumerate(QUARTER_KEYS, start=1):
            value = k["by_quarter"][key]
            rs.write_formula(row, 4 + q, f"=MAX(0,{3 * q}-MAX({3 * q - 2},{first_cell})+1)"
                                         f"*ROUND({cell(row, 1)}*{cell(row, 2)},2)", book.money(value), Decimal(value))
        rs.write_row(row - 1, 5, QUARTER_HEADS, book.fmt("head_num"))
        k_quarters = [cell(row, 5 + q) for q in range(4)]
        k_first = k_last = row
        row += 1
    row += 1

    rs.write(row, 0, "Lisenskostnader i budsjettet", book.fmt("heading"))
    row += 1
    rs.write(row, 0, "Post", book.fmt("head"))
    rs.write_row(row, 1, ("Beløp", *QUARTER_HEADS), book.fmt("head_num"))
    row += 1
    lines = {line["key"]: line for line in result["lines"]}
    line_first = row
    cells[LINE_LABELS["org365"]] = cell(row, 1, res, absolute=True)
    cells[LINE_LABELS["klar"]] = cell(row + 1, 1, res, absolute=True)
    rs.write(row, 0, LINE_LABELS["org365"])
    rs.write_formula(row, 1, f"=SUM({cell(o_first, 4)}:{cell(o_last, 4)})", book.money(lines["org365"]["amount"]),
                     Decimal(lines["org365"]["amount"]))
    for q, key in enumerate(QUARTER_KEYS):
        value = lines["org365"]["by_quarter"][key]
        rs.write_formula(row, 2 + q, f"=SUM({cell(o_first, 5 + q)}:{cell(o_last, 5 + q)})", book.money(value),
                         Decimal(value))
    row += 1
    rs.write(row, 0, LINE_LABELS["klar"])
    rs.write_formula(row, 1, f"=SUM({cell(k_first, 4)}:{cell(k_last, 4)})", book.money(lines["klar"]["amount"]),
                     Decimal(lines["klar"]["amount"]))
    for q, key in enumerate(QUARTER_KEYS):
        value = lines["klar"]["by_quarter"][key]
        rs.write_formula(row, 2 + q, f"={k_quarters[q]}", book.money(value), Decimal(value))
    row += 1
    rs.write(row, 0, "Sum lisenskostnader", book.fmt("label_total"))
    rs.write_formula(row, 1, f"=SUM({cell(line_first, 1)}:{cell(row - 1, 1)})", book.money(result["total"], True),
                     Decimal(result["total"]))
    for q, key in enumerate(QUARTER_KEYS):
        value = result["by_quarter"][key]
        rs.write_formula(row, 2 + q, f"=SUM({cell(line_first, 2 + q)}:{cell(row - 1, 2 + q)})",
                         book.money(value, True), Decimal(value))
    book.workbook.define_name(total_name, f"={cell(row, 1, res, absolute=True)}")
    cells["Sum lisenskostnader"] = cell(row, 1, res, absolute=True)
    for q, head in enumerate(QUARTER_HEADS):
        cells[head] = cell(row, 2 + q, res, absolute=True)
    row += 2
    which = [lic.value for lic in org365.approximate_licenses(o)]
    approx = ("" if not which
              else "ORG365-prisene er omtrentlige («ca.»); " if len(which) == len(org365.License)
              else f"ORG365-prisen for {which[0]} er omtrentlig («ca.»); " if len(which) == 1
              else f"ORG365-prisene for {fmt.and_list(which)} er omtrentlige («ca.»); ")
    return row, f"Grunnlag: Fagforbundets rundskriv 19/24. {approx}KL*AR belastes per yrkesaktivt medlem per måned.", cells


# --- the CSV --------------------------------------------------------------------------------

def budget_csv(result: dict[str, Any], rates: Rates | None = None) -> str:
    """The CSV text for a budget result (the `result` of `run("budget", …)`, or the whole
    answer `{"ok": True, "result": …}`): one row per budget line, their sum, and the notes.
    The sum row is the sum of the line rows, and each row's quarters add up to its amount,
    because the budget result is built that way (see `calculators.rules.budget`)."""
    rates = rates or load_rates()
    if "result" in result and "lines" not in result:
        result = result["result"]
    rows = [(line["label"], [Decimal(line["amount"]), *(Decimal(line["by_quarter"][q]) for q in QUARTERS)])
            for line in result["lines"]]
    return table_csv(CSV_HEAD, rows, CSV_TOTAL_LABEL, notes(result, rates))


def notes(result: dict[str, Any], rates: Rates) -> list[str]:
    """The lines under the table: year, what each line rests on, and the source."""
    from .budget import LABELS  # budget declares this file: read its labels once it is loaded

    year = result["year"]
    out = [f"Budsjettår {year}"]
    o = result.get("org365")
    if isinstance(o, dict):
        which = [lic.value for lic in org365.approximate_licenses(o)]
        approx = ("" if not which
                  else " (omtrentlige priser, «ca.» i rundskrivet)" if len(which) == len(org365.License)
                  else f" (omtrentlig pris for {which[0]}, «ca.» i rundskrivet)" if len(which) == 1
                  else f" (omtrentlige priser for {fmt.and_list(which)}, «ca.» i rundskrivet)")
        out.append(f"{LABELS['org365']}: {o['months']} måneder fra {fmt.month_name(o['start_month'])}"
                   f"{approx}")
    k = result.get("klar")
    if isinstance(k, dict):
        rate = Decimal(k["rate"])
        sure = "" if k.get("rate_confirmed") else " (sats ikke fastsatt for året)"
        out.append(f"{LABELS['klar']}: {k['county']}, {k['months']} måneder fra "
                   f"{fmt.month_name(k['first_month'])}, {fmt.number(k['member_months'])} "
                   f"medlemsmåneder à {fmt.number(rate.normalize())} kr{sure}")
    out.append(f"Kilde: {rates.documents['circular']}")
    return out
