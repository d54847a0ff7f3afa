"""The FO pay check's Excel workbook: «Inndata», «Resultat» and «Prinsipper».

Which rows, labels and sheets the workbook holds is the pay check's own and lives here;
how a workbook is written (formats, the guidance line, the record cells, the print set-up)
is the machinery's (`calculators.machinery.xlsx`). The pay check declares it
(`Calculator.xlsx`).
"""

from __future__ import annotations

from decimal import Decimal

from ...machinery.periods import MONTHS_PER_YEAR
from ...machinery.xlsx import (INPUT_SHEET, RESULT_SHEET, Book, cell, finish, heading_rows, new_book, read_inputs,
                               record_rows)
from .names import ROLE_CHOICES, Role
from .principles import PRINCIPLE_QUOTES

STATUS_LABEL = {"pass": "Oppfylt", "fail": "Brutt", "n/a": "Ikke aktuelt", "info": "Til orientering"}
PRINCIPLES_SHEET = "Prinsipper"


def fo_pay_workbook(answer: dict) -> tuple[str, bytes]:
    """`lonnssjekk-fo.xlsx`: each official's level (kroner, or percent × the LO leader's
    salary), the level as a percentage of the LO leader's salary, and the amount paid
    (level × position percentage); with an adjustment, the new levels and the back pay."""
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
    """«Prinsipper»: each principle in the regulation's words, the calculator's judgement and why."""
    ps = book.workbook.add_worksheet(PRINCIPLES_SHEET)
    row = heading_rows(book, ps, "Prinsippene for avlønning")
    ps.write_row(row, 0, ("Prinsipp", "Hva reglementet sier", "Vurdering", "Begrunnelse"), book.fmt("head"))
    row += 1
    for p in principles:
        ps.write_number(row, 0, p["rule"], book.fmt("count"))
        # The regulation's own words (the page's titles are shorter, in the site's words).
        ps.write_string(row, 1, PRINCIPLE_QUOTES[p["rule"]].words, book.fmt("wrap"))
        ps.write_string(row, 2, STATUS_LABEL.get(p["status"], p["status"]),
                        book.fmt("wrap_bold" if p["status"] == "fail" else "wrap"))
        ps.write_string(row, 3, p["message"].replace("\u00a0", " "), book.fmt("wrap"))
        row += 1
    ps.set_column(0, 0, 9)
    ps.set_column(1, 1, 40)
    ps.set_column(2, 2, 14)
    ps.set_column(3, 3, 90)
