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
// No field takes more text than this (calculators/machinery/fields.py MAX_TEXT; numbers take less,
// and a field's own maxlength cuts further): a longer cell is cut here, while it is read.
export const MAX_CELL = 200;

/** Is this clipboard text more than one cell (a tab or a line break in it, line breaks
 * at its end aside)? One search, no matter how long the text. */
export function isTable(text) {
  if (typeof text !== "string") return false;
  let end = text.length;
  while (end > 0 && (text[end - 1] === "\n" || text[end - 1] === "\r")) end -= 1;
  const m = /[\t\r\n]/.exec(text);
  return !!m && m.index < end;
}

/** The cells of spreadsheet text: lines of tab-separated cells (see readCells). */
export function parseCells(text) {
  return readCells(text).rows;
}

/** Spreadsheet text as {rows, more, moreCells}: lines of tab-separated cells. A cell in
 * double quotes (as spreadsheets write one holding a tab, a line break or a quote) is
 * unquoted. Blank lines are dropped. Reads at most `maxRows` lines and MAX_CELLS cells,
 * each cut at MAX_CELL characters; the rest is only counted, never copied: `more` is how
 * many lines were left unread, `moreCells` how many cells of the line the cell limit
 * stopped in. Runs of plain text are skipped by the regular-expression engine, so a
 * pasted text of any size (a 20-million-character cell) costs one quick pass. */
export function readCells(text, { maxRows = Infinity } = {}) {
  const SPECIAL = /[\t\r\n"]/g;
  const SOLID = /[^ ]/g; // text that is more than spaces
  const rows = [];
  let row = [];
  let cell = "";
  let cellHasText = false;
  let lineHasText = false;
  let cells = 0;
  let counting = false; // past the limits: lines and cells are counted, not kept
  let midLine = false; // the limit came inside the line now being read
  let more = 0;
  let moreCells = 0;
  let i = 0;

  /** Take text[from, to) into the cell: copied up to the cell's room, tested for text. */
  const take = (from, to) => {
    if (!cellHasText) {
      // Leading spaces are trimmed anyway: they take no room.
      SOLID.lastIndex = from;
      const m = SOLID.exec(text);
      if (!m || m.index >= to) return;
      cell = "";
      from = m.index;
      cellHasText = true;
    }
    if (to <= from) return;
    const room = counting ? 0 : Math.max(0, 2 * MAX_CELL - cell.length); // trim() may take spaces off
    if (room) cell += text.slice(from, Math.min(to, from + room));
  };
  const endCell = () => {
    if (cellHasText) lineHasText = true;
    if (!counting) {
      row.push(cell.trim().slice(0, MAX_CELL));
      cells += 1;
      if (cells >= MAX_CELLS) {
        // The limit: the line read so far is kept; the rest is counted.
        if (row.some((v) => v !== "")) rows.push(row);
        row = [];
        counting = true;
        midLine = true;
      }
    } else if (midLine && cellHasText) {
      moreCells += 1;
    }
    cell = "";
    cellHasText = false;
  };
  const endLine = () => {
    if (!counting) {
      if (row.some((v) => v !== "")) rows.push(row);
      if (rows.length >= maxRows) counting = true;
    } else if (midLine) {
      midLine = false;
    } else if (lineHasText) {
      more += 1;
    }
    row = [];
    lineHasText = false;
  };

  while (i < text.length) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(text);
    const j = m ? m.index : text.length;
    take(i, j);
    if (!m) { i = j; break; }
    const c = text[j];
    if (c === '"') {
      if (cell.trim() !== "" || cellHasText) { take(j, j + 1); i = j + 1; continue; } // a quote inside a cell
      // A quoted cell: up to the closing quote, doubled quotes standing for one.
      cell = "";
      let k = j + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) { take(k, text.length); k = text.length; break; }
        take(k, q);
        if (text[q + 1] === '"') { take(q, q + 1); k = q + 2; continue; }
        k = q + 1;
        break;
      }
      i = k;
      continue;
    }
    if (c === "\t") { endCell(); i = j + 1; continue; }
    endCell();
    endLine();
    i = j + (c === "\r" && text[j + 1] === "\n" ? 2 : 1);
  }
  if (cell !== "" || cellHasText || row.length) { endCell(); endLine(); }
  return { rows, more, moreCells };
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
  // Only the lines the group has room for are read (one more: a heading row); the rest
  // of the text, however long, is counted as cut.
  const read = readCells(text, { maxRows: Math.max(0, max - startRow) + 1 });
  let lines = read.rows;
  const firstCols = columns(rowOf(target));
  // A chooser (data-ui-key) pasted into starts at the field it names.
  const at = target.dataset.key ? target : firstCols.find((el) => el.dataset.keyFrom === rawKey(target)) ?? firstCols[0];
  const startCol = Math.max(0, firstCols.indexOf(at));
  if (lines.length && isHeading(lines[0], firstCols.slice(startCol))) lines = lines.slice(1);
  const room = Math.max(0, max - startRow);
  const cut = Math.max(0, lines.length - room) + read.more;
  lines = lines.slice(0, room);
  if (replaceRows && lines.length) replaceRows(lines.length);
  else if (startRow + lines.length > rowsNow().length) ensureRows(startRow + lines.length);
  const rows = rowsNow();
  const first = columns(rows[startRow])[startCol] ?? target;
  const errors = [];
  let extra = read.more ? 0 : read.moreCells; // cells of a cut line are in `cut`
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
      el.value = el.maxLength > 0 ? value.slice(0, el.maxLength) : value; // as typing would keep it
      const chooser = el.dataset.keyFrom && rows[startRow + i].querySelector(`[data-ui-key="${CSS.escape(el.dataset.keyFrom)}"]`);
      if (chooser && value !== "") chooser.value = chooserOption(chooser, value).value;
    });
  });
  const others = lines.length ? rows.filter((_, i) => i < startRow || i >= startRow + lines.length) : [];
  return { rows: lines.length, cut, extra, errors, others, first, replaced: Boolean(replaceRows && lines.length) };
}
