"""Reading an .xlsx file's XML with zipfile alone (no spreadsheet library): sheets by name,
cells with their formula, stored value and number format, defined names; and changing a
stored value, as a treasurer typing a new figure would."""

from __future__ import annotations

import io
import re
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00"}


@dataclass(frozen=True)
class Cell:
    ref: str
    formula: str | None
    value: str | None     # the stored value: text for strings, the number as written otherwise
    number_format: str


class Workbook:
    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        wb = ET.fromstring(self.zip.read("xl/workbook.xml"))
        rels = ET.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
        self.sheet_paths: dict[str, str] = {}
        for s in wb.findall("m:sheets/m:sheet", NS):
            target = targets[s.get(f"{{{NS['r']}}}id")]
            self.sheet_paths[s.get("name")] = "xl/" + target.removeprefix("/xl/")
        self.names = {d.get("name"): d.text for d in wb.findall("m:definedNames/m:definedName", NS)}
        self.strings = self._shared_strings()
        self.formats = self._cell_formats()

    @property
    def sheet_names(self) -> list[str]:
        return list(self.sheet_paths)

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.zip.namelist():
            return []
        sst = ET.fromstring(self.zip.read("xl/sharedStrings.xml"))
        return ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in sst.findall("m:si", NS)]

    def _cell_formats(self) -> list[str]:
        styles = ET.fromstring(self.zip.read("xl/styles.xml"))
        custom = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.findall("m:numFmts/m:numFmt", NS)}
        return [custom.get(int(xf.get("numFmtId", 0)), BUILTIN_FORMATS.get(int(xf.get("numFmtId", 0)), "?"))
                for xf in styles.findall("m:cellXfs/m:xf", NS)]

    def cells(self, sheet: str) -> dict[str, Cell]:
        root = ET.fromstring(self.zip.read(self.sheet_paths[sheet]))
        out = {}
        for c in root.iter(f"{{{NS['m']}}}c"):
            f, v = c.find("m:f", NS), c.find("m:v", NS)
            value = v.text if v is not None else None
            if c.get("t") == "s" and value is not None:
                value = self.strings[int(value)]
            elif c.get("t") == "inlineStr":
                value = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
            out[c.get("r")] = Cell(c.get("r"), f.text if f is not None else None, value,
                                   self.formats[int(c.get("s", 0))])
        return out

    def named(self, name: str) -> Cell:
        """The cell a defined name points at (`Resultat!$B$29`)."""
        sheet, ref = self.names[name].lstrip("=").split("!")
        return self.cells(sheet)[ref.replace("$", "")]

    def row_of(self, sheet: str, label: str) -> int:
        """The 1-based row whose column A reads `label`."""
        for ref, cell in self.cells(sheet).items():
            if ref.startswith("A") and ref[1:].isdigit() and cell.value == label:
                return int(ref[1:])
        raise KeyError(f"{sheet}: no row labelled {label!r}")


def with_values(data: bytes, sheet: str, values: dict[str, str]) -> bytes:
    """A copy of the workbook with numbers typed into `sheet`'s cells (`{"B9": "3"}`)."""
    wb = Workbook(data)
    path = wb.sheet_paths[sheet]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in wb.zip.infolist():
            content = wb.zip.read(item.filename)
            if item.filename == path:
                text = content.decode("utf-8")
                for ref, value in values.items():
                    text, n = re.subn(rf'(<c r="{ref}"[^>]*?)(?: t="[^"]*")?(?:/>|>.*?</c>)',
                                      rf"\1><v>{value}</v></c>", text, count=1)
                    assert n == 1, f"{sheet}!{ref} not found"
                content = text.encode("utf-8")
            z.writestr(item, content)
    return out.getvalue()


def without_cached_values(data: bytes) -> bytes:
    """A copy whose formulas store 0 as their value (as XlsxWriter does by default), so that
    whatever a reader shows for them it computed itself."""
    wb = Workbook(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in wb.zip.infolist():
            content = wb.zip.read(item.filename)
            if item.filename in wb.sheet_paths.values():
                text = content.decode("utf-8")
                text = re.sub(r'(<c r="[A-Z]+\d+"[^>]*?) t="str"', r"\1", text)
                text = re.sub(r"(</f>)<v>[^<]*</v>", r"\1<v>0</v>", text)
                content = text.encode("utf-8")
            z.writestr(item, content)
    return out.getvalue()
