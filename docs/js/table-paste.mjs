// Rows pasted from a spreadsheet into a table of rows (<fieldset data-rows data-paste>).
// Excel and LibreOffice put the copied cells on the clipboard as text: one line per row,
// cells separated by tabs. Pasted into a field of the table, they fill that row and the
// rows below it, from that field's column to the right; rows are added as needed, up to
// the group's limit. A row's columns are its data fields in document order (data-key);
// a control that only chooses how a field is read (data-ui-key) is not a column.
//
// Text fields take the text as it stands: what does not parse gets the calculator's
// message at the cell, like anything typed. A choice (a <select>) takes the option whose
// value or label the text names; text that names none leaves the choice as it was and
// is returned as an error for that cell, with the text kept in the message.
// The one reading rule: a field chosen by data-key-from (the pay level) is read as the
// chooser's option whose marker (data-paste-marker on the option, e.g. "%") the text
// contains, else as the chooser's first option.

import { rawKey } from "./form-state.mjs";

const MAX_CELLS = 20000;

/** Is this clipboard text more than one cell (a tab or a line break in it)? */
export function isTable(text) {
  return typeof text === "string" && /[\t\n\r]/.test(text.replace(/[\r\n]+$/, ""));
}

/** The cells of spreadsheet text: lines of tab-separated cells. A cell in double quotes
 * (as spreadsheets write one holding a tab, a line break or a quote) is unquoted. */
export function parseCells(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  let cells = 0;
  const endCell = () => {
    row.push(cell.trim());
    cell = "";
    cells += 1;
  };
  while (i < text.length && cells < MAX_CELLS) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i += 1; continue; }
      cell += c;
      i += 1;
      continue;
    }
    if (c === '"' && cell.trim() === "") { quoted = true; cell = ""; i += 1; continue; }
    if (c === "\t") { endCell(); i += 1; continue; }
    if (c === "\r" || c === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    cell += c;
    i += 1;
  }
  if (cell !== "" || row.length) { endCell(); rows.push(row); }
  return rows.filter((r) => r.some((v) => v !== ""));
}

const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/æ/gi, "ae").replace(/ø/gi, "o")
  .replace(/å/gi, "a").toLowerCase().replace(/\s+/g, " ").trim();

/** The option of `select` that `text` names: by value, by label, or by the label's part
 * before a parenthesis («AU-medlem» for «AU-medlem (bare forbundet)»). */
export function matchOption(select, text) {
  const want = fold(text);
  if (!want) return null;
  const options = [...select.options];
  return options.find((o) => fold(o.value) === want)
    || options.find((o) => fold(o.textContent) === want)
    || options.find((o) => fold(o.textContent.replace(/\s*\(.*\)\s*$/, "")) === want)
    || null;
}

/** The data fields of a row, in document order: the columns a paste fills. */
export function columns(row) {
  return [...row.querySelectorAll("[data-key]")].filter((el) => el.closest("[data-row]") === row);
}

/** The chooser option a pasted value selects for a data-key-from field (see above). */
function chooserOption(chooser, value) {
  const options = [...chooser.options];
  return options.find((o) => o.dataset.pasteMarker && value.includes(o.dataset.pasteMarker)) || options[0];
}

/** A first line that repeats the column labels (a heading row) is not data. */
function isHeading(line, cols) {
  const labels = cols.map((el) => fold(el.labels?.[0]?.textContent ?? ""));
  const hits = line.filter((v) => v && labels.some((l) => l && (l === fold(v) || l.startsWith(fold(v) + " ")))).length;
  return hits >= 2 && hits >= line.filter((v) => v).length / 2;
}

/**
 * Paste `text` into the rows group `box`, starting at the control `target` (inside one
 * of its rows). `ensureRows(n)` makes the group hold n rows; `max` is its limit. With
 * `replaceRows(n)` (given when the paste replaces the table: row 1 of the untouched
 * example), the group is emptied to n fresh rows first and the paste fills them from
 * the target's column.
 * Returns {rows: rows written, cut: lines left out for the limit, extra: cells beyond
 * the last column, errors: [{control, text}] (choices the text names no option of),
 * others: the rows the paste did not write, first: the control the paste started in,
 * replaced: whether the example's rows were replaced}.
 */
export function paste(box, target, text, { ensureRows, max, replaceRows = null }) {
  const rowOf = (el) => el.closest("[data-row]");
  const rowsNow = () => [...box.querySelectorAll("[data-row]")].filter((r) => r.closest("[data-rows]") === box);
  const startRow = replaceRows ? 0 : rowsNow().indexOf(rowOf(target));
  let lines = parseCells(text);
  const firstCols = columns(rowOf(target));
  // A chooser (data-ui-key) pasted into starts at the field it names.
  const at = target.dataset.key ? target : firstCols.find((el) => el.dataset.keyFrom === rawKey(target)) ?? firstCols[0];
  const startCol = Math.max(0, firstCols.indexOf(at));
  if (lines.length && isHeading(lines[0], firstCols.slice(startCol))) lines = lines.slice(1);
  const room = Math.max(0, max - startRow);
  const cut = Math.max(0, lines.length - room);
  lines = lines.slice(0, room);
  if (replaceRows && lines.length) replaceRows(lines.length);
  else if (startRow + lines.length > rowsNow().length) ensureRows(startRow + lines.length);
  const rows = rowsNow();
  const first = columns(rows[startRow])[startCol] ?? target;
  const errors = [];
  let extra = 0;
  lines.forEach((line, i) => {
    const cols = columns(rows[startRow + i]);
    line.forEach((value, j) => {
      const el = cols[startCol + j];
      if (!el) {
        if (value !== "") extra += 1;
        return;
      }
      if (el.tagName === "SELECT") {
        const option = matchOption(el, value);
        if (option) el.value = option.value;
        else if (value !== "") errors.push({ control: el, text: value });
        return;
      }
      el.value = value;
      const chooser = el.dataset.keyFrom && rows[startRow + i].querySelector(`[data-ui-key="${CSS.escape(el.dataset.keyFrom)}"]`);
      if (chooser && value !== "") chooser.value = chooserOption(chooser, value).value;
    });
  });
  const others = lines.length ? rows.filter((_, i) => i < startRow || i >= startRow + lines.length) : [];
  return { rows: lines.length, cut, extra, errors, others, first, replaced: Boolean(replaceRows && lines.length) };
}
