"""LibreOffice (Debian `libreoffice-calc-nogui`, installed by `./dev test`) as a reader of the
Excel workbooks: headless, with its own profile whose `registrymodifications.xcu` says to
recalculate .xlsx files on load (`OOXMLRecalcMode` 0: always; by default a converted copy
keeps the values stored in the file). Every formula's stored value is set to 0 first (as
XlsxWriter stores by default), so each figure read back is one LibreOffice computed.
Workbooks are converted to CSV, one file per sheet, in one `soffice` run."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

from tests.unit.xlsx_reading import without_cached_values

RECALC_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""
# CSV export: comma, double quote, UTF-8, raw values (not as shown), every sheet (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
SHEETS = ("Inndata", "Resultat")


def soffice() -> str:
    path = shutil.which("soffice")
    assert path, "soffice not found: ./dev test installs it (Debian package libreoffice-calc-nogui)"
    return path


def make_profile(root: Path) -> Path:
    (root / "user").mkdir(parents=True, exist_ok=True)
    (root / "user" / "registrymodifications.xcu").write_text(RECALC_ON_LOAD, encoding="utf-8")
    return root


def recalculated(profile: Path, work: Path, books: dict[str, bytes]) -> dict[str, dict[str, list[list[str]]]]:
    """{book: {sheet: rows}} as LibreOffice computed them, with every stored result zeroed first."""
    for stem, data in books.items():
        (work / f"{stem}.xlsx").write_bytes(without_cached_values(data))
    out = work / "csv"
    subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", CSV_FILTER, "--outdir", str(out),
                    *(str(work / f"{stem}.xlsx") for stem in books)],
                   check=True, capture_output=True, timeout=300)
    sheets: dict[str, dict[str, list[list[str]]]] = {}
    for stem in books:
        sheets[stem] = {}
        for sheet in SHEETS:
            assert (out / f"{stem}-{sheet}.csv").is_file(), f"LibreOffice wrote no {stem}-{sheet}.csv"
        for path in sorted(out.glob(f"{stem}-*.csv")):  # every sheet (the pay check's «Prinsipper» too)
            with path.open(encoding="utf-8", newline="") as f:
                sheets[stem][path.stem.removeprefix(f"{stem}-")] = list(csv.reader(f))
    return sheets


def pdf_pages(profile: Path, work: Path, stem: str, data: bytes) -> list[tuple[float, float]]:
    """The pages LibreOffice prints the workbook on (every sheet, as its page setup says):
    (width, height) of each, in points."""
    import io

    from pypdf import PdfReader

    (work / f"{stem}.xlsx").write_bytes(data)
    out = work / "pdf"
    subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), str(work / f"{stem}.xlsx")],
                   check=True, capture_output=True, timeout=300)
    reader = PdfReader(io.BytesIO((out / f"{stem}.pdf").read_bytes()))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def amounts(rows: list[list[str]], labels, column: int) -> dict[str, Decimal]:
    """The number in `column` of the first row labelled each of `labels` (column A), to øre."""
    out = {}
    for label in labels:
        row = next((r for r in rows if r and r[0] == label), None)
        assert row is not None, f"no row {label!r}"
        out[label] = Decimal(row[column]).quantize(Decimal("0.01"))
    return out
