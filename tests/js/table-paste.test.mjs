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
