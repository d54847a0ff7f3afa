"""Excel workbooks for the licence budget and the FO pay check, made with XlsxWriter.

A workbook has two sheets: «Inndata» (the figures the calculation starts from, as plain
values a treasurer may change) and «Resultat» (every amount a formula over «Inndata»);
the FO pay check adds «Prinsipper» (the eight principles as the calculator judged them). A
line is rounded the way the calculator rounds it, `ROUND(…; 2)` once per line, and a total
is the SUM of its rounded lines, so the workbook's totals equal the calculator's to the
øre; change a count in «Inndata» and the totals follow.

Each formula also stores the calculator's value as its cached result, so a viewer that
does not recalculate still shows the right figures; Excel and LibreOffice recalculate
on load (XlsxWriter asks them to).

`xlsxwriter` is imported inside the functions only: `import calculators` stays
standard-library-only, and the browser loads the XlsxWriter wheel on the first download.

A calculator declares `xlsx=` a function of `{"result": <the API's result>, "inputs":
<the inputs as sent>}` that returns `(file name, bytes)`. The inputs are read again with
the calculator's own reader: the result does not keep everything a sheet shows (the
monthly member counts, whether a level was typed in kroner or as a percentage). The
record fields of the form (`record_name`, `record_date`: the union's or department's name
and the meeting date, never read by the calculator) come with the inputs when the reader
filled them in; otherwise their cells stand labelled and empty.

Every sheet prints landscape on A4, one page wide. Amounts the page shows in whole kroner
have a whole-krone format; others show øre. Text from the reader (names, units) is
written as text, never as a formula.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import fmt
from .fields import Errors, Reader
from .periods import MONTHS_PER_YEAR, default_year
from .rates import load as load_rates

INPUT_SHEET = "Inndata"
RESULT_SHEET = "Resultat"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel number formats: Norwegian Excel shows `#,##0.00` as «1 234,56» (its own separators).
MONEY = '#,##0.00 "kr"'
MONEY_WHOLE = '#,##0 "kr"'   # the page writes whole kroner without øre (3 600 kr)
RATE = '#,##0.00## "kr"'      # a KL*AR rate may have more than two decimals (1,125 kr)
PERCENT = '0.00 "%"'          # percentages are kept as numbers (87.5 → «87,50 %»)
COUNT = "0"

QUARTER_HEADS = ("1. kvartal", "2. kvartal", "3. kvartal", "4. kvartal")
QUARTER_KEYS = ("Q1", "Q2", "Q3", "Q4")
STATUS_LABEL = {"pass": "Oppfylt", "fail": "Brutt", "n/a": "Ikke aktuelt", "info": "Til orientering"}
PRINCIPLES_SHEET = "Prinsipper"
A4 = 9  # XlsxWriter's paper size code


def guidance(document: str) -> str:
    """The line under each sheet's title, naming the document this file rests on."""
    return (f"Kalkulatoren er veiledende: kontroller tallene mot {document} før de brukes. "
            "Endre tallene i arket «Inndata»; arket «Resultat» regner på nytt.")


def record_text(inputs: object, key: str) -> str:
    """A record field as the reader typed it (at most 200 characters), or ""."""
    value = inputs.get(key) if isinstance(inputs, dict) else None
    return value.strip()[:200] if isinstance(value, str) else ""


def read_inputs(name: str, raw: object) -> Any:
    """The calculator's validated inputs for `raw` (as the runner reads them), or None."""
    from . import registry

    calc = registry.get(name)
    rates = load_rates()
    r = Reader(raw, Errors())
    with fmt.exact_context():
        year = calc.year(r, rates) if calc.year else None
        at = rates.at(year if year is not None else default_year())
        parsed = calc.read(r, at)
    if r.errors or parsed is None:
        raise ValueError(f"{name}: inputs that ran cannot be read again")
    return parsed


def cell(row: int, col: int, sheet: str = "", absolute: bool = False) -> str:
    """A1 reference for 0-based (row, col), optionally on another sheet: `Inndata!$B$5`."""
    letters = ""
    n = col + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    ref = f"${letters}${row + 1}" if absolute else f"{letters}{row + 1}"
    return f"{sheet}!{ref}" if sheet else ref


@dataclass
class Book:
    """A workbook being written: its two sheets and the formats they share."""

    workbook: Any
    inputs: Any
    results: Any
    formats: dict[str, Any]
    note: str = ""

    def fmt(self, name: str) -> Any:
        return self.formats[name]

    def money(self, value: Decimal | str, total: bool = False) -> Any:
        """The money format the page would show `value` in: whole kroner, or with øre."""
        d = Decimal(str(value))
        whole = d == d.to_integral_value()
        return self.formats[("money_whole" if whole else "money") + ("_total" if total else "")]


def new_book(title: str, document: str) -> tuple[Book, io.BytesIO]:
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": title, "comments": guidance(document)})
    formats = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "heading": wb.add_format({"bold": True, "font_size": 12}),
        "head": wb.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "bottom"}),
        "head_num": wb.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "bottom",
                                   "align": "right"}),
        "note": wb.add_format({"italic": True}),
        "text": wb.add_format({}),
        "bold": wb.add_format({"bold": True}),
        "money": wb.add_format({"num_format": MONEY}),
        "money_total": wb.add_format({"num_format": MONEY, "bold": True, "top": 1}),
        "money_whole": wb.add_format({"num_format": MONEY_WHOLE}),
        "money_whole_total": wb.add_format({"num_format": MONEY_WHOLE, "bold": True, "top": 1}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "wrap_bold": wb.add_format({"text_wrap": True, "valign": "top", "bold": True}),
        "label_total": wb.add_format({"bold": True, "top": 1}),
        "rate": wb.add_format({"num_format": RATE}),
        "percent": wb.add_format({"num_format": PERCENT}),
        "count": wb.add_format({"num_format": COUNT}),
    }
    book = Book(wb, wb.add_worksheet(INPUT_SHEET), wb.add_worksheet(RESULT_SHEET), formats, guidance(document))
    book.results.activate()
    return book, out


def finish(book: Book, out: io.BytesIO, row: int, note: str, *widths: tuple[int, int, int]) -> bytes:
    """The results sheet's last line, a note of what the figures rest on, and its column
    widths (first column, last column, width); then the workbook's bytes."""
    book.results.write(row, 0, note, book.fmt("note"))
    for first, last, width in widths:
        book.results.set_column(first, last, width)
    for sheet in book.workbook.worksheets():
        sheet.set_landscape()
        sheet.set_paper(A4)
        sheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as it takes
    book.workbook.close()
    return out.getvalue()


def heading_rows(book: Book, sheet: Any, title: str) -> int:
    """Title and the guidance line; returns the next free row."""
    sheet.write(0, 0, title, book.fmt("title"))
    sheet.write(1, 0, book.note, book.fmt("note"))
    return 3


def record_rows(book: Book, sheet: Any, row: int, inputs: object, name_label: str) -> int:
    """The printed record's two cells: the name and the meeting date (empty when the form
    had none, for the reader to fill in). Returns the next free row."""
    for label, key in ((name_label, "record_name"), ("Møtedato", "record_date")):
        sheet.write_string(row, 0, label, book.fmt("bold"))
        text = record_text(inputs, key)
        if text:
            sheet.write_string(row, 1, text)
        else:
            sheet.write_blank(row, 1, None)
        row += 1
    return row + 1


# --- the licence budget -------------------------------------------------------------------

def months_charged(book, ws, row: int, label: str, first: int, months: int) -> tuple[str, str, int]:
    """Two input rows: the first month charged, and the months charged from it to December
    as a formula. Returns both cells (absolute, sheet-qualified) and the row after them."""
    ws.write(row, 0, label)
    ws.write_number(row, 1, first, book.fmt("count"))
    first_cell = cell(row, 1, INPUT_SHEET, absolute=True)
    ws.write(row + 1, 0, "Måneder belastet")
    ws.write_formula(row + 1, 1, f"={MONTHS_PER_YEAR + 1}-{cell(row, 1)}", book.fmt("count"), months)
    return first_cell, cell(row + 1, 1, INPUT_SHEET, absolute=True), row + 2


def budget_workbook(answer: dict) -> tuple[str, bytes]:
    """`lisensbudsjett-<year>.xlsx`: ORG365 lines (count × price × months / 12), KL*AR
    (members × rate per month), the two budget lines and their sum."""
    from ..rules import org365
    from ..rules.budget import LINE_LABELS

    result = answer["result"]
    parsed = read_inputs("budget", answer["inputs"])
    year = result["year"]
    o, k = result["org365"], result["klar"]
    book, out = new_book(f"Lisensbudsjett {year}", "Fagforbundets rundskriv 19/24")
    ws, rs = book.inputs, book.results
    inp = INPUT_SHEET

    # Inndata ------------------------------------------------------------------------------
    row = heading_rows(book, ws, f"Lisensbudsjett {year}: inndata")
    ws.write(row, 0, "ORG365", book.fmt("heading"))
    row += 1
    o_start, o_months, row = months_charged(book, ws, row, "Første måned med lisenskostnad (1–12)",
                                            o["start_month"], o["months"])
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
                                               k["first_month"], k["months"])
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
    row = heading_rows(book, rs, f"Lisensbudsjett {year}")
    row = record_rows(book, rs, row, answer["inputs"], "Fagforeningens navn")
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
        rs.write_row(row, 0, ("Måned", "Yrkesaktive medlemmer", "Sats per medlem"), book.fmt("head"))
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
        rs.write_row(row, 0, ("Fylkeskrets", "Yrkesaktive medlemmer", "Sats per medlem per måned", "Måneder"),
                     book.fmt("head"))
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
    book.workbook.define_name("Sum_lisenskostnader", f"={cell(row, 1, RESULT_SHEET, absolute=True)}")
    row += 2
    which = [lic.value for lic in org365.approximate_licenses(o)]
    approx = ("" if not which
              else "ORG365-prisene er omtrentlige («ca.»); " if len(which) == len(org365.License)
              else f"ORG365-prisen for {which[0]} er omtrentlig («ca.»); " if len(which) == 1
              else f"ORG365-prisene for {fmt.and_list(which)} er omtrentlige («ca.»); ")
    return f"lisensbudsjett-{year}.xlsx", finish(
        book, out, row, f"Grunnlag: Fagforbundets rundskriv 19/24. {approx}"
                        "KL*AR belastes per yrkesaktivt medlem per måned.", (0, 0, 30), (1, 8, 14))


# --- the FO pay check -----------------------------------------------------------------------


def fo_pay_workbook(answer: dict) -> tuple[str, bytes]:
    """`lonnssjekk-fo.xlsx`: each official's level (kroner, or percent × the LO leader's
    salary), the level as a percentage of the LO leader's salary, and the amount paid
    (level × position percentage); with an adjustment, the new levels and the back pay."""
    from ..rules.fo_pay.names import ROLE_CHOICES, Role

    result = answer["result"]
    parsed = read_inputs("fo_pay", answer["inputs"])
    book, out = new_book("Lønnssjekk for lønnede tillitsvalgte i FO", "reglementet for lønnede tillitsvalgte i FO")
    ws, rs = book.inputs, book.results
    inp = INPUT_SHEET
    adj = result.get("adjustment")

    # Inndata ------------------------------------------------------------------------------
    row = heading_rows(book, ws, "Lønnssjekk for lønnede tillitsvalgte i FO: inndata")
    ws.write(row, 0, "LO-leders årslønn (kr)")
    ws.write_number(row, 1, Decimal(result["lo_leader_salary"]), book.money(result["lo_leader_salary"]))
    lo_cell = cell(row, 1, inp, absolute=True)
    row += 1
    new_lo_cell = months_back_cell = ""
    if adj:
        ws.write(row, 0, "Ny årslønn for LO-leder (kr)")
        ws.write_number(row, 1, Decimal(adj["new_lo_leader_salary"]), book.money(adj["new_lo_leader_salary"]))
        new_lo_cell = cell(row, 1, inp, absolute=True)
        row += 1
        ws.write(row, 0, "Måned da ny lønn utbetales første gang (1–12)")
        ws.write_number(row, 1, adj["month"], book.fmt("count"))
        row += 1
        ws.write(row, 0, "Reguleringen gjelder fra måned")
        ws.write_number(row, 1, adj["month"] - adj["months_back"], book.fmt("count"))
        row += 1
        ws.write(row, 0, "Måneder med etterbetaling")
        ws.write_formula(row, 1, f"={cell(row - 2, 1)}-{cell(row - 1, 1)}", book.fmt("count"), adj["months_back"])
        months_back_cell = cell(row, 1, inp, absolute=True)
        row += 1
    row += 1
    ws.write_row(row, 0, ("Navn", "Enhet", "Verv", "Lønnsnivå i kroner (100 %)",
                          "Lønnsnivå i prosent av LO-leders lønn", "Stillingsprosent"), book.fmt("head"))
    row += 1
    position_rows: list[int] = []
    for p_in, p in zip(parsed.positions, result["positions"], strict=True):
        ws.write_string(row, 0, p["name"])
        ws.write_string(row, 1, "Forbundet" if p["unit"] == "forbund" else p["unit"])
        ws.write_string(row, 2, ROLE_CHOICES[Role(p["role"])])
        if p_in.percent_of_lo is not None:
            ws.write_number(row, 4, p_in.percent_of_lo, book.fmt("percent"))
        else:
            ws.write_number(row, 3, p_in.salary, book.fmt("money"))
        ws.write_number(row, 5, Decimal(p["fte_percent"]), book.fmt("percent"))
        position_rows.append(row)
        row += 1
    ws.write(row + 1, 0, "Fyll ut lønnsnivået enten i kroner eller i prosent av LO-leders lønn, ikke begge.",
             book.fmt("note"))
    ws.set_column(0, 2, 22)
    ws.set_column(3, 5, 20)

    # Resultat -----------------------------------------------------------------------------
    row = heading_rows(book, rs, "Lønnssjekk for lønnede tillitsvalgte i FO")
    row = record_rows(book, rs, row, answer["inputs"], "Avdelingens eller forbundets navn")
    rs.write(row, 0, "Lønnsnivå sammenlignet med LO-leders lønn", book.fmt("heading"))
    row += 1
    rs.write_row(row, 0, ("Navn", "Enhet", "Verv"), book.fmt("head"))
    rs.write_row(row, 3, ("Lønnsnivå (100 %)", "Prosent av LO-leders lønn", "Stilling", "Utbetales per år"),
                 book.fmt("head_num"))
    row += 1
    first = row
    level_cells: dict[str, str] = {}
    for in_row, p in zip(position_rows, result["positions"], strict=True):
        kroner, pct, fte = cell(in_row, 3, inp), cell(in_row, 4, inp), cell(in_row, 5, inp)
        rs.write_formula(row, 0, f"={cell(in_row, 0, inp)}", book.fmt("text"), p["name"])
        rs.write_formula(row, 1, f"={cell(in_row, 1, inp)}", book.fmt("text"),
                         "Forbundet" if p["unit"] == "forbund" else p["unit"])
        rs.write_formula(row, 2, f"={cell(in_row, 2, inp)}", book.fmt("text"), ROLE_CHOICES[Role(p["role"])])
        # The level at 100 %: kroner as typed, or the percentage of the LO leader's salary.
        rs.write_formula(row, 3, f"=IF(ISNUMBER({pct}),ROUND({lo_cell}*{pct}/100,2),ROUND({kroner},2))",
                         book.money(p["level"]), Decimal(p["level"]))
        rs.write_formula(row, 4, f"=IF(ISNUMBER({pct}),ROUND({pct},2),ROUND({kroner}/{lo_cell}*100,2))",
                         book.fmt("percent"), Decimal(p["percent_of_lo"]))
        rs.write_formula(row, 5, f"={fte}", book.fmt("percent"), Decimal(p["fte_percent"]))
        rs.write_formula(row, 6, f"=ROUND({cell(row, 3)}*{cell(row, 5)}/100,2)", book.money(p["paid"]),
                         Decimal(p["paid"]))
        level_cells[p["id"]] = cell(row, 3)
        row += 1
    last = row - 1
    paid_total = sum((Decimal(p["paid"]) for p in result["positions"]), Decimal("0.00"))
    rs.write(row, 0, "Sum utbetales per år", book.fmt("label_total"))
    for col in range(1, 6):
        rs.write_blank(row, col, None, book.fmt("label_total"))
    if result["positions"]:
        rs.write_formula(row, 6, f"=SUM({cell(first, 6)}:{cell(last, 6)})", book.money(paid_total, True), paid_total)
    else:
        rs.write_number(row, 6, 0, book.fmt("money_total"))
    book.workbook.define_name("Sum_utbetales", f"={cell(row, 6, RESULT_SHEET, absolute=True)}")
    row += 2

    if adj:
        rs.write(row, 0, "Årlig lønnsregulering", book.fmt("heading"))
        row += 1
        rs.write(row, 0, "Navn", book.fmt("head"))
        rs.write_row(row, 1, ("Nytt nivå (100 %)", "Ny lønn per år", "Etterbetaling"), book.fmt("head_num"))
        row += 1
        a_first = row
        levels = {p["id"]: (in_row, p) for in_row, p in zip(position_rows, result["positions"], strict=True)}
        for a in adj["positions"]:
            in_row, p = levels[a["id"]]
            pct, fte = cell(in_row, 4, inp), cell(in_row, 5, inp)
            level, paid = level_cells[a["id"]], cell(first + position_rows.index(in_row), 6)
            rs.write_formula(row, 0, f"={cell(in_row, 0, inp)}", book.fmt("text"), a["name"])
            # The level keeps its share: new LO × percentage, or level × new LO / old LO.
            rs.write_formula(row, 1, f"=IF(ISNUMBER({pct}),ROUND({new_lo_cell}*{pct}/100,2),"
                                     f"ROUND({level}*{new_lo_cell}/{lo_cell},2))",
                             book.fmt("money"), Decimal(a["new_level"]))
            rs.write_formula(row, 2, f"=ROUND({cell(row, 1)}*{fte}/100,2)", book.fmt("money"), Decimal(a["new_paid"]))
            rs.write_formula(row, 3, f"=ROUND(({cell(row, 2)}-{paid})*{months_back_cell}/{MONTHS_PER_YEAR},2)",
                             book.fmt("money"), Decimal(a["back_pay"]))
            row += 1
        rs.write(row, 0, "Sum etterbetaling", book.fmt("label_total"))
        rs.write_blank(row, 1, None, book.fmt("label_total"))
        rs.write_blank(row, 2, None, book.fmt("label_total"))
        if adj["positions"]:
            rs.write_formula(row, 3, f"=SUM({cell(a_first, 3)}:{cell(row - 1, 3)})", book.fmt("money_total"),
                             Decimal(adj["total_back_pay"]))
        else:
            rs.write_number(row, 3, 0, book.fmt("money_total"))
        book.workbook.define_name("Sum_etterbetaling", f"={cell(row, 3, RESULT_SHEET, absolute=True)}")
        row += 2

    principles_sheet(book, result.get("principles", []))
    return "lonnssjekk-fo.xlsx", finish(
        book, out, row, "Grunnlag: «Reglement for lønnede tillitsvalgte i FO», «Lønnsvilkår» og «Prinsipper "
                        "for avlønning». Arket «Prinsipper» viser kalkulatorens vurdering av hvert prinsipp for "
                        "tallene slik de var på nettsiden; det regner ikke på nytt.", (0, 2, 22), (3, 6, 18))


def principles_sheet(book: Book, principles: list[dict]) -> None:
    """«Prinsipper»: each principle, its title, the calculator's judgement and why."""
    ps = book.workbook.add_worksheet(PRINCIPLES_SHEET)
    row = heading_rows(book, ps, "Prinsippene for avlønning")
    ps.write_row(row, 0, ("Prinsipp", "Hva reglementet sier", "Vurdering", "Begrunnelse"), book.fmt("head"))
    row += 1
    for p in principles:
        ps.write_number(row, 0, p["rule"], book.fmt("count"))
        ps.write_string(row, 1, p.get("title", ""), book.fmt("wrap"))
        ps.write_string(row, 2, STATUS_LABEL.get(p["status"], p["status"]),
                        book.fmt("wrap_bold" if p["status"] == "fail" else "wrap"))
        ps.write_string(row, 3, p["message"].replace("\u00a0", " "), book.fmt("wrap"))
        row += 1
    ps.set_column(0, 0, 9)
    ps.set_column(1, 1, 40)
    ps.set_column(2, 2, 14)
    ps.set_column(3, 3, 90)
