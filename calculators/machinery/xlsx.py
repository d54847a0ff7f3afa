"""Excel workbooks, made with XlsxWriter: what every calculator's workbook shares.

A workbook has two sheets: «Inndata» (the figures the calculation starts from, as plain
values a treasurer may change) and «Resultat» (every amount a formula over «Inndata»); a
calculator may add more (the FO pay check adds «Prinsipper»). A line is rounded the way
the calculator rounds it, `ROUND(…; 2)` once per line, and a total is the SUM of its
rounded lines, so the workbook's totals equal the calculator's to the øre; change a count
in «Inndata» and the totals follow.

Each formula also stores the calculator's value as its cached result, so a viewer that
does not recalculate still shows the right figures; Excel and LibreOffice recalculate
on load (XlsxWriter asks them to).

`xlsxwriter` is imported inside the functions only: `import calculators` stays
standard-library-only, and the browser loads the XlsxWriter wheel on the first download.

This module knows no calculator. A calculator declares `xlsx=` a function of `{"result":
<the API's result>, "inputs": <the inputs as sent>}` that returns `(file name, bytes)`,
written beside its rules (`calculators.rules.budget_files`,
`calculators.rules.fo_pay.workbook`) with the pieces here: `new_book` (the sheets and the
formats), `heading_rows`, `record_rows`, `cell`, `read_inputs` and `finish`. The inputs
are read again with the calculator's own reader (`read_inputs`): the result does not keep
everything a sheet shows (the monthly member counts, whether a level was typed in kroner
or as a percentage). The record fields of the form (`record_name`, `record_date`: the
union's or department's name and the meeting date, never read by the calculator) come with
the inputs when the reader filled them in; otherwise their cells stand labelled and empty.

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
from .periods import default_year
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
A4 = 9  # XlsxWriter's paper size code


def guidance(document: str, inputs: str = "Inndata", results: str = "Resultat") -> str:
    """The line under each sheet's title, naming the document this file rests on and the
    sheet whose figures the reader may change (`inputs`) for `results` to follow."""
    return (f"Kalkulatoren er veiledende: kontroller tallene mot {document} før de brukes. "
            f"Endre tallene i arket «{inputs}»; arket «{results}» regner på nytt.")


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
    document: str = ""  # the document the file rests on, as the guidance line names it

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
    book = Book(wb, wb.add_worksheet(INPUT_SHEET), wb.add_worksheet(RESULT_SHEET), formats, guidance(document), document)
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
