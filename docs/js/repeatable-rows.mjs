// A repeatable group of rows (a <fieldset data-rows="key">), in the manner of MOJ
// Frontend's add-another: rows are cloned from the group's <template data-row-template>,
// and after every change each row's attributes are written again from their patterns,
// in which "{n}" stands for the row's index (data-id → id, data-for → for,
// data-describedby → aria-describedby). The group's limits come from its markup:
// data-min-rows (rows that cannot be removed) and data-max-rows (most rows; also the
// limit for saved and shared inputs).

import { TEXT } from "./messages.mjs";

const PLACEHOLDER = "{n}";

// Writes that leave a value as it is change nothing: the rows are rewritten on every
// change and when the form is first bound, where the build has already written them, and
// each write (even of the same value) makes the browser restyle and lay out again.
function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function count(box, attr) {
  const raw = box.getAttribute(attr);
  const n = Number(raw);
  if (raw === null || raw.trim() === "" || !Number.isInteger(n) || n < 0) {
    throw new Error(`rows "${box.dataset.rows}": ${attr} must be a whole number, not ${JSON.stringify(raw)}`);
  }
  return n;
}

/** Most rows a group may hold (data-max-rows, required). */
export function maxRows(box) {
  return count(box, "data-max-rows");
}

/** Rows key → most rows, for every group of the form: what saved and shared inputs are
 * validated against. */
export function rowLimits(form) {
  const limits = Object.create(null);
  for (const box of form.querySelectorAll("[data-rows]")) limits[box.dataset.rows] = maxRows(box);
  // The groups of a second plan that waits in its template (plan-b.mjs) count too.
  for (const template of form.querySelectorAll("template[data-plan-b-template]")) {
    for (const box of template.content.querySelectorAll("[data-rows]")) limits[box.dataset.rows] = maxRows(box);
  }
  return limits;
}

export class RepeatableRows {
  /** `box`: the <fieldset data-rows>; `scope`: where its add button lives (the calculator);
   * `onChange({note, row})` is called after the reader added or removed a row. */
  constructor(box, scope, onChange) {
    this.box = box;
    this.key = box.dataset.rows;
    this.scope = scope;
    this.onChange = onChange;
    this.list = box.querySelector("[data-row-list]");
    this.template = box.querySelector("template[data-row-template]");
    if (!this.list || !this.template?.content.firstElementChild) throw new Error(`rows "${this.key}": markup incomplete`);
    this.min = box.hasAttribute("data-min-rows") ? count(box, "data-min-rows") : 0;
    this.max = maxRows(box);
    // The rows the build wrote (the example): a paste into row 1 of an untouched example
    // replaces them (isExample); rows a paste left standing are offered for removal.
    this.exampleCount = this.rows().length;
    this.remains = [];
    // data-fold="name role level": on a phone each row folds to one line of these fields,
    // a button that opens the row for editing (the CSS folds only narrow screens).
    this.fold = (box.dataset.fold || "").split(/\s+/).filter(Boolean);
    if (this.fold.length) {
      box.dataset.foldReady = "";
      this.onFocusIn = (e) => {
        const row = e.target.closest?.("[data-row]");
        if (!row || e.target.dataset.rowToggle !== undefined || row.classList.contains("calc-row--open")) return;
        row.classList.add("calc-row--open");
        this.writeFoldLines();
      };
      this.onEdit = () => this.writeFoldLines();
      box.addEventListener("focusin", this.onFocusIn);
      box.addEventListener("input", this.onEdit);
      box.addEventListener("change", this.onEdit);
    }
    this.onClick = (e) => this.click(e);
    scope.addEventListener("click", this.onClick);
    this.updateAttributes();
  }

  rows() {
    return [...this.list.children].filter((el) => el.matches("[data-row]"));
  }

  addButtons() {
    return this.scope.querySelectorAll(`[data-add-row="${CSS.escape(this.key)}"]`);
  }

  click(e) {
    const btn = e.target.closest("button");
    if (!btn || !this.scope.contains(btn)) return;
    if (btn.dataset.addRow === this.key) this.add();
    else if (btn.dataset.rowToggle !== undefined && btn.closest("[data-rows]") === this.box) this.toggle(btn);
    else if (btn.dataset.removeRemains !== undefined && btn.closest("[data-rows]") === this.box) this.removeRemains();
    else if (btn.dataset.removeRow !== undefined && btn.closest("[data-rows]") === this.box) this.remove(btn.closest("[data-row]"));
    else return;
    e.preventDefault();
  }

  makeRow() {
    const row = this.template.content.firstElementChild.cloneNode(true);
    this.list.append(row);
    return row;
  }

  /** Hold exactly `n` rows (never fewer than data-min-rows), without announcing it. */
  ensure(n) {
    this.remains = [];
    const want = Math.max(n, this.min);
    while (this.list.children.length < want) this.makeRow();
    while (this.list.children.length > want) this.list.lastElementChild.remove();
    this.updateAttributes();
  }

  /** The one-line button of a folded row: its number and the fold fields' values. */
  writeFoldLines() {
    if (!this.fold.length) return;
    this.rows().forEach((row, i) => {
      let btn = row.querySelector(":scope > [data-row-toggle]");
      if (!btn) {
        btn = document.createElement("button");
        btn.type = "button";
        btn.className = "calc-row__toggle";
        btn.dataset.rowToggle = "";
        btn.setAttribute("aria-expanded", "false");
        row.prepend(btn);
      }
      const parts = this.fold.map((key) => {
        const el = row.querySelector(`[data-key="${CSS.escape(key)}"]`);
        if (!el) return "";
        if (el.tagName === "SELECT") return el.selectedOptions[0]?.textContent.trim() ?? "";
        const chooser = el.dataset.keyFrom && row.querySelector(`[data-ui-key="${CSS.escape(el.dataset.keyFrom)}"]`);
        const unit = chooser && chooser.value === "percent_of_lo" && el.value.trim() && !el.value.includes("%") ? " %" : "";
        return el.value.trim() + unit;
      }).filter(Boolean);
      const open = row.classList.contains("calc-row--open");
      setAttr(btn, "aria-expanded", String(open));
      setText(btn, TEXT.rowLine(row.dataset.rowLabel, i + 1, parts));
    });
  }

  toggle(btn) {
    const row = btn.closest("[data-row]");
    row.classList.toggle("calc-row--open");
    this.writeFoldLines();
  }

  /** Does the group hold the example as the build wrote it: as many rows, and every
   * control at its markup default (untouched, or put back by «Start på nytt»)? */
  isExample() {
    const rows = this.rows();
    if (rows.length !== this.exampleCount) return false;
    return rows.every((row) => [...row.querySelectorAll("input, select")].every((el) => {
      if (el.tagName === "SELECT") return [...el.options].every((o) => o.selected === o.defaultSelected);
      if (el.type === "checkbox" || el.type === "radio") return el.checked === el.defaultChecked;
      return el.value === el.defaultValue;
    }));
  }

  /** Replace every row by `n` empty ones (a paste that replaces the example). */
  replace(n) {
    this.list.replaceChildren();
    this.ensure(n);
  }

  /** Rows that were there before a paste and are still standing: say so beside the table,
   * with one button that removes them all. An empty list withdraws the offer. */
  offerRemoval(rows) {
    this.remains = rows.filter((r) => r.isConnected);
    this.showRemains();
  }

  removeRemains() {
    const gone = this.remains.filter((r) => r.isConnected && r.parentElement === this.list);
    const keep = Math.max(0, this.min - (this.rows().length - gone.length));
    gone.slice(keep).forEach((r) => r.remove());
    this.remains = [];
    this.updateAttributes();
    this.addButtons()[0]?.focus();
    this.onChange({ note: TEXT.remainsRemoved(gone.length - keep), row: null });
  }

  showRemains() {
    this.remains = this.remains.filter((r) => r.isConnected && r.parentElement === this.list);
    let box = this.box.querySelector(":scope > [data-rows-remains]");
    if (!this.remains.length) {
      box?.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.className = "calc-rows__remains";
      box.dataset.rowsRemains = "";
      const text = document.createElement("p");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.dataset.removeRemains = "";
      box.append(text, button);
      this.list.after(box);
    }
    const numbers = this.remains.map((r) => this.rows().indexOf(r) + 1);
    setText(box.querySelector("p"), TEXT.remains(numbers));
    setText(box.querySelector("button"), TEXT.removeRemains(numbers.length));
  }

  /** Write every row's number, ids, labels' targets and descriptions from the patterns. */
  updateAttributes() {
    const rows = this.rows();
    rows.forEach((row, i) => {
      const fill = (pattern) => pattern.replaceAll(PLACEHOLDER, String(i));
      setAttr(row, "aria-label", `${row.dataset.rowLabel} ${i + 1}`);
      for (const el of row.querySelectorAll("[data-id]")) setAttr(el, "id", fill(el.dataset.id));
      for (const el of row.querySelectorAll("[data-for]")) setAttr(el, "for", fill(el.dataset.for));
      for (const el of row.querySelectorAll("[data-describedby]")) setAttr(el, "aria-describedby", fill(el.dataset.describedby));
      for (const el of row.querySelectorAll("[data-row-number]")) setText(el, String(i + 1));
      for (const el of row.querySelectorAll("[data-remove-row]")) {
        const disabled = rows.length <= this.min;
        if (el.disabled !== disabled) el.disabled = disabled;
      }
    });
    this.showRemains();
    this.writeFoldLines();
    const full = rows.length >= this.max;
    for (const add of this.addButtons()) {
      if (add.disabled !== full) add.disabled = full;
      // Say why the button does nothing: the limit, beside it (and read with it).
      let note = add.parentElement.querySelector("[data-rows-full]");
      if (full && !note) {
        note = document.createElement("p");
        note.className = "field-hint";
        note.dataset.rowsFull = "";
        note.id = `${add.closest("[data-rows]").id}-full`;
        note.textContent = TEXT.rowsFull(this.max);
        add.after(note);
        add.setAttribute("aria-describedby", note.id);
      } else if (!full && note) {
        note.remove();
        add.removeAttribute("aria-describedby");
      }
    }
  }

  add() {
    if (this.rows().length >= this.max) return;
    const row = this.makeRow();
    row.classList.add("calc-row--open");
    this.updateAttributes();
    const n = this.rows().length;
    row.querySelector("input, select")?.focus();
    this.onChange({ note: TEXT.rowAdded(n), row });
  }

  remove(row) {
    const rows = this.rows();
    const index = rows.indexOf(row);
    if (index < 0 || rows.length <= this.min) return;
    row.remove();
    this.updateAttributes();
    // Focus what followed the removed row: the next row's remove button, else the add button.
    const next = this.rows()[index];
    (next?.querySelector("[data-remove-row]:not(:disabled)") || this.addButtons()[0])?.focus();
    this.onChange({ note: TEXT.rowRemoved(index + 1), row: null });
  }

  destroy() {
    this.scope.removeEventListener("click", this.onClick);
    if (this.onFocusIn) {
      this.box.removeEventListener("focusin", this.onFocusIn);
      this.box.removeEventListener("input", this.onEdit);
      this.box.removeEventListener("change", this.onEdit);
    }
  }
}
