// Spreadsheet text as Excel and LibreOffice put it on the clipboard (docs/js/table-paste.mjs):
// lines of tab-separated cells, a cell in double quotes when it holds a tab, a line break
// or a quote.
import assert from "node:assert/strict";
import { test } from "node:test";

import { isTable, matchOption, parseCells } from "../../docs/js/table-paste.mjs";

test("lines and tabs become rows and cells, Windows line ends included", () => {
  assert.deepEqual(parseCells("Kari Hansen\tforbund\tLeder\r\nOla\tOslo\tNestleder\r\n"), [
    ["Kari Hansen", "forbund", "Leder"],
    ["Ola", "Oslo", "Nestleder"],
  ]);
});

test("empty cells keep their place; blank lines are dropped", () => {
  assert.deepEqual(parseCells("A\t\t95 %\t\n\nB\tOslo\t\t80\n"), [["A", "", "95 %", ""], ["B", "Oslo", "", "80"]]);
});

test("a quoted cell may hold a tab, a line break and doubled quotes", () => {
  assert.deepEqual(parseCells('"Hansen, ""Kari""\tjr."\tforbund\n"to\nlinjer"\tOslo'), [
    ['Hansen, "Kari"\tjr.', "forbund"],
    ["to\nlinjer", "Oslo"],
  ]);
});

test("one cell, even with the line end spreadsheets add, is not a table", () => {
  assert.equal(isTable("1 425 000"), false);
  assert.equal(isTable("1 425 000\r\n"), false);
  assert.equal(isTable("Kari\tforbund"), true);
  assert.equal(isTable("Kari\nOla"), true);
});

test("a choice is found by value, by label, and by the label before its parenthesis", () => {
  const select = { options: [
    { value: "leder", textContent: "Leder" },
    { value: "au_medlem", textContent: "AU-medlem (bare forbundet)" },
    { value: "sekretaer", textContent: "Sekretær" },
  ] };
  assert.equal(matchOption(select, "LEDER").value, "leder");
  assert.equal(matchOption(select, " AU-medlem ").value, "au_medlem");
  assert.equal(matchOption(select, "au_medlem").value, "au_medlem");
  assert.equal(matchOption(select, "sekretær").value, "sekretaer");
  assert.equal(matchOption(select, "Kasserer"), null);
  assert.equal(matchOption(select, ""), null);
});

test("a huge cell is cut at the longest text a field takes, and the cells after it are read", async () => {
  const { MAX_CELL, readCells } = await import("../../docs/js/table-paste.mjs");
  assert.equal(MAX_CELL, 200);
  const { rows, more } = readCells(`${"x".repeat(20_000_000)}\tforbund\n"${"y".repeat(1_000_000)}"\tOslo`);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((r) => r.map((c) => c.length)), [[200, 7], [200, 4]]);
  assert.equal(rows[0][0], "x".repeat(200));
  assert.equal(rows[0][1], "forbund");
  assert.equal(more, 0);
  // Spaces around a long cell are trimmed before it is cut.
  assert.equal(readCells(`${" ".repeat(300)}${"z".repeat(250)}\ta`).rows[0][0], "z".repeat(200));
});

test("lines past the rows asked for are counted, not read", async () => {
  const { readCells } = await import("../../docs/js/table-paste.mjs");
  const text = Array.from({ length: 30_000 }, (_, i) => `Person ${i + 1}\t50 %`).join("\r\n") + "\r\n\r\n";
  const { rows, more } = readCells(text, { maxRows: 201 });
  assert.equal(rows.length, 201);
  assert.deepEqual(rows[200], ["Person 201", "50 %"]);
  assert.equal(more, 30_000 - 201); // blank lines are not rows
  // A quoted cell's line break does not start a line.
  assert.equal(readCells('a\n"b\nc"\nd\ne', { maxRows: 1 }).more, 3);
});

test("a line wider than the cell limit: its other cells are counted, the lines after it too", async () => {
  const { readCells } = await import("../../docs/js/table-paste.mjs");
  const wide = Array.from({ length: 25_000 }, () => "a").join("\t");
  const { rows, more, moreCells } = readCells(`${wide}\nb\nc`);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].length, 20_000);
  assert.equal(moreCells, 5_000);
  assert.equal(more, 2);
});
