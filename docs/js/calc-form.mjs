// One calculator on a page (an element with data-calc="name"): reads the form, asks the
// shared worker, shows the result markup Python rendered, errors at the fields and in a
// summary, keeps inputs in localStorage and in share links. The build-time HTML is
// complete on its own; this class only enhances it.
import { apiInputs, apiKey, decode, encode, inactive, restore, snapshot, validate } from "./form-state.mjs";

const STORAGE_PREFIX = "calc:v1:";
const FRAGMENT_PREFIX = "inndata-";

const TEXT = {
  loading: "Kalkulatoren starter … Resultatet under er regnet ut på forhånd for eksempelverdiene; det oppdateres når kalkulatoren er klar.",
  ready: "",
  failed: (reason) =>
    `Kalkulatoren kunne ikke starte i nettleseren. ${reason} Resultatet som vises, gjelder bare eksempelverdiene i skjemaet slik det var fra starten. Veiledningen på siden gjelder fortsatt.`,
  errors: (n) => (n === 1 ? "Skjemaet har 1 feil. Rett feilen for å få et nytt resultat." : `Skjemaet har ${n} feil. Rett feilene for å få et nytt resultat.`),
  stale: "Resultatet under gjelder ikke det du har skrevet nå. Rett feilene i skjemaet.",
  badLink: "Lenken du åpnet, inneholdt ugyldige inndata og ble ikke brukt.",
  badStorage: "Lagrede inndata var ødelagt og ble ikke brukt.",
  copied: "Lenken er kopiert. Du kan også markere og kopiere den fra feltet.",
  shareReady: "Lenken står i feltet under. Kopier den og send den videre.",
  rowAdded: (n) => `Rad ${n} er lagt til.`,
  rowRemoved: (n) => `Rad ${n} er fjernet.`,
  csvDone: "CSV-filen er lastet ned.",
  addedFields: (labels) =>
    `Inndataene ble lagret eller delt før skjemaet fikk ${labels.length === 1 ? "feltet" : "feltene"} ${labels.map((l) => `«${l}»`).join(", ")}. Sjekk ${labels.length === 1 ? "det" : "dem"} før du bruker resultatet.`,
  addedField: "Nytt felt siden inndataene ble lagret: sjekk verdien.",
  addedFieldMigrated: "Nytt felt siden inndataene ble lagret: det har fått samme verdi som det gamle, felles avkrysningsfeltet. Sjekk verdien.",
};

let firstResultMarked = false;

export class CalcForm {
  constructor(root, client) {
    this.root = root;
    this.name = root.dataset.calc;
    this.client = client;
    this.form = root.querySelector("form");
    this.result = root.querySelector("[data-result]");
    this.status = root.querySelector("[data-status]");
    this.notice = root.querySelector("[data-notice]");
    this.live = root.querySelector("[data-live]");
    this.summary = root.querySelector("[data-error-summary]");
    this.seq = 0;
    this.busy = false;
    this.dirty = false;
    this.computed = false;
    this.note = "";
    if (!this.form || !this.result) throw new Error(`calculator ${this.name}: markup incomplete`);
    root.dataset.enhanced = "true";

    this.restoreInputs();
    this.syncVisibility();
    this.renumberAll();
    this.bind();
    this.unsubscribe = client.onState((state, reason) => this.showState(state, reason));
  }

  // --- events -----------------------------------------------------------------
  bind() {
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", (e) => {
      if (e.target.matches("[data-ui-key], select[data-key]")) this.syncVisibility();
      this.changed();
    });
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.compute({ focusErrors: true });
    });
    this.root.addEventListener("click", (e) => {
      const btn = e.target.closest("button");
      if (!btn || !this.root.contains(btn)) return;
      if (btn.dataset.addRow !== undefined) this.addRow(btn.dataset.addRow);
      else if (btn.dataset.removeRow !== undefined) this.removeRow(btn.closest("[data-row]"));
      else if (btn.dataset.share !== undefined) this.share();
      else if (btn.dataset.csv !== undefined) this.downloadCsv();
      else if (btn.dataset.print !== undefined) window.print();
      else return;
      e.preventDefault();
    });
    this.summary?.addEventListener("click", (e) => {
      const a = e.target.closest("a[href^='#']");
      if (!a) return;
      const target = document.getElementById(a.getAttribute("href").slice(1));
      if (target) {
        // Handled here: Material's instant navigation must not turn it into a page change.
        e.preventDefault();
        e.stopPropagation();
        target.focus();
        target.scrollIntoView({ block: "center" });
      }
    });
  }

  changed() {
    this.save();
    this.compute({ focusErrors: false });
  }

  showState(state, reason) {
    if (!this.root.isConnected) return this.unsubscribe?.();
    if (!this.status) return;
    this.root.dataset.state = state;
    if (state === "failed") {
      this.status.textContent = TEXT.failed(reason);
      this.status.hidden = false;
      this.status.classList.add("calc-status--failed");
    } else if (state === "ready") {
      this.status.hidden = true;
      this.status.textContent = "";
      this.status.classList.remove("calc-status--failed");
      if (!this.computed) this.compute({ focusErrors: false });
    } else {
      this.status.textContent = TEXT.loading;
      this.status.hidden = false;
    }
  }

  // --- computing ----------------------------------------------------------------
  async compute({ focusErrors }) {
    if (this.busy) {
      this.dirty = true;
      this.pendingFocus ||= focusErrors;
      return;
    }
    this.busy = true;
    this.root.dataset.busy = "true";
    const seq = ++this.seq;
    try {
      const inputs = apiInputs(this.form);
      const data = await this.client.call("run", this.name, inputs);
      if (!this.root.isConnected || seq !== this.seq) return;
      this.computed = true;
      this.apply(data, focusErrors);
    } catch {
      // The state listener tells the reader why; the build-time result stays.
    } finally {
      this.busy = false;
      if (this.dirty && this.root.isConnected) {
        this.dirty = false;
        const focus = this.pendingFocus;
        this.pendingFocus = false;
        this.compute({ focusErrors: focus });
      } else {
        this.root.dataset.busy = "false";
      }
    }
  }

  apply(data, focusErrors) {
    const output = data.output;
    this.root.dataset.computed = "true";
    this.root.dataset.runs = String(Number(this.root.dataset.runs || 0) + 1);
    this.clearErrors();
    if (output.ok) {
      this.result.innerHTML = data.html; // markup rendered by calculators.view; every value escaped there
      this.result.classList.remove("calc-result--stale");
      this.announce(data.summary, true);
      if (!firstResultMarked) {
        firstResultMarked = true;
        performance.mark("calc:first-result");
      }
      performance.mark("calc:result");
      this.root.dispatchEvent(new CustomEvent("calc:result", { bubbles: true }));
    } else {
      this.showErrors(output.errors, focusErrors);
      this.result.classList.add("calc-result--stale");
      this.result.setAttribute("data-stale-text", TEXT.stale);
      this.announce(TEXT.errors(output.errors.length), true);
    }
  }

  /** Write to the polite live region. A result (`withNote`) carries the note of the action
   * that caused it (row added / removed), which would otherwise be replaced within
   * milliseconds, before a screen reader has read it. */
  announce(text, withNote = false) {
    const note = withNote ? this.note : "";
    if (withNote) this.note = "";
    if (this.live) this.live.textContent = [note, text].filter(Boolean).join(" ");
  }

  /** Announce what an action did, with the result it causes (see announce). */
  noteAction(text) {
    this.note = text;
    // Only announced at once when no result will follow soon.
    if (this.client.state !== "ready") this.announce(text);
  }

  // --- errors -------------------------------------------------------------------
  controlFor(path) {
    const m = /^(.*)\[(\d+)\]\.([^.[\]]+)$/.exec(path);
    if (m) {
      const box = this.form.querySelector(`[data-rows="${CSS.escape(m[1])}"]`);
      const row = box?.querySelectorAll("[data-row]")[Number(m[2])];
      if (!row) return box?.querySelector("[data-rows-focus]") || null;
      const fields = [...row.querySelectorAll("[data-key]")].filter((el) => !inactive(el));
      // A field named by a chooser (pay level: kroner or percent) answers to each of its choices.
      const choices = (el) => [...((el.dataset.keyFrom && row.querySelector(`[data-ui-key="${CSS.escape(el.dataset.keyFrom)}"]`)?.options) || [])].map((o) => o.value);
      return fields.find((el) => apiKey(el) === m[3]) || fields.find((el) => choices(el).includes(m[3])) || row.querySelector("[data-key]");
    }
    const item = /^(.*)\[(\d+)\]$/.exec(path);
    const itemBox = item && this.form.querySelector(`[data-rows="${CSS.escape(item[1])}"]`);
    if (itemBox) return itemBox.querySelectorAll("[data-row]")[Number(item[2])]?.querySelector("[data-key]") || itemBox;
    const direct = [...this.form.querySelectorAll("[data-key]")].find(
      (el) => !inactive(el) && !el.closest("[data-row]") && apiKey(el) === path,
    );
    if (direct) return direct;
    const box = this.form.querySelector(`[data-rows="${CSS.escape(path)}"]`);
    if (box) return box.querySelector("[data-rows-focus]") || box;
    const group = this.form.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
    return group || null;
  }

  clearErrors() {
    for (const el of this.form.querySelectorAll("[aria-invalid]")) {
      el.removeAttribute("aria-invalid");
      this.setDescribedBy(el, null);
    }
    for (const p of this.form.querySelectorAll(".field-error")) p.remove();
    if (this.summary) {
      this.summary.hidden = true;
      this.summary.querySelector("ul").replaceChildren();
    }
  }

  setDescribedBy(el, errorId) {
    const base = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && !id.endsWith("-feil"));
    if (errorId) base.push(errorId);
    if (base.length) el.setAttribute("aria-describedby", base.join(" "));
    else el.removeAttribute("aria-describedby");
  }

  showErrors(errors, focusErrors) {
    const list = this.summary?.querySelector("ul");
    for (const [i, err] of errors.entries()) {
      const control = this.controlFor(err.field);
      const li = document.createElement("li");
      const message = String(err.message);
      if (control) {
        if (!control.id) control.id = `${this.name}-feltgruppe-${i}`;
        const wrapper = control.closest(".field") || control.closest("fieldset") || control.parentElement;
        const p = document.createElement("p");
        p.className = "field-error";
        p.id = `${control.id}-feil`;
        const hidden = document.createElement("span");
        hidden.className = "md-visually-hidden";
        hidden.textContent = "Feil: ";
        p.append(hidden, message);
        const label = wrapper.querySelector(`label[for="${CSS.escape(control.id)}"]`);
        if (label) label.after(p);
        else wrapper.prepend(p);
        if (control.matches("input, select, textarea")) {
          control.setAttribute("aria-invalid", "true");
          this.setDescribedBy(control, p.id);
        }
        const a = document.createElement("a");
        a.href = `#${control.id}`;
        a.textContent = message;
        li.append(a);
      } else {
        li.textContent = message;
      }
      list?.append(li);
    }
    if (this.summary) {
      this.summary.hidden = false;
      if (focusErrors) this.summary.focus();
    }
  }

  // --- rows ---------------------------------------------------------------------
  rowsBox(key) {
    return this.form.querySelector(`[data-rows="${CSS.escape(key)}"]`);
  }

  makeRow(box) {
    const tpl = box.querySelector("template[data-row-template]");
    const row = tpl.content.firstElementChild.cloneNode(true);
    box.querySelector("[data-row-list]").append(row);
    return row;
  }

  ensureRows(box, n) {
    const list = box.querySelector("[data-row-list]");
    while (list.children.length < n) this.makeRow(box);
    while (list.children.length > n) list.lastElementChild.remove();
    this.renumber(box);
  }

  renumber(box) {
    const rows = [...box.querySelectorAll("[data-row]")];
    rows.forEach((row, i) => {
      row.setAttribute("aria-label", `${row.dataset.rowLabel} ${i + 1}`);
      for (const el of row.querySelectorAll("[data-id]")) el.id = el.dataset.id.replace("{n}", i);
      for (const el of row.querySelectorAll("[data-for]")) el.setAttribute("for", el.dataset.for.replace("{n}", i));
      for (const el of row.querySelectorAll("[data-describedby]")) el.setAttribute("aria-describedby", el.dataset.describedby.replaceAll("{n}", i));
      for (const el of row.querySelectorAll("[data-row-number]")) el.textContent = String(i + 1);
      for (const el of row.querySelectorAll("[data-remove-row]")) el.disabled = rows.length <= Number(box.dataset.minRows || 0);
    });
    const max = Number(box.dataset.maxRows || 200);
    for (const add of this.root.querySelectorAll(`[data-add-row="${CSS.escape(box.dataset.rows)}"]`)) add.disabled = rows.length >= max;
  }

  renumberAll() {
    for (const box of this.form.querySelectorAll("[data-rows]")) this.renumber(box);
  }

  addRow(key) {
    const box = this.rowsBox(key);
    if (!box) return;
    const row = this.makeRow(box);
    this.renumber(box);
    const n = box.querySelectorAll("[data-row]").length;
    row.querySelector("input, select")?.focus();
    this.noteAction(TEXT.rowAdded(n));
    this.changed();
  }

  removeRow(row) {
    const box = row?.closest("[data-rows]");
    if (!box) return;
    const rows = [...box.querySelectorAll("[data-row]")];
    const index = rows.indexOf(row);
    row.remove();
    this.renumber(box);
    const left = [...box.querySelectorAll("[data-row]")];
    // Focus what followed the removed row: the next row's remove button, else the add button.
    const next = left[index];
    (next?.querySelector("[data-remove-row]:not(:disabled)") || this.root.querySelector(`[data-add-row="${CSS.escape(box.dataset.rows)}"]`))?.focus();
    this.noteAction(TEXT.rowRemoved(index + 1));
    this.changed();
  }

  // --- UI choices that show / hide sections ---------------------------------------
  syncVisibility() {
    for (const section of this.form.querySelectorAll("[data-show-when]")) {
      const [key, value] = section.dataset.showWhen.split(":");
      const k = CSS.escape(key);
      const chosen = [...this.form.querySelectorAll(`[data-ui-key="${k}"], [data-key="${k}"]`)].find((el) => el.type !== "radio" || el.checked);
      section.hidden = !chosen || chosen.value !== value;
    }
  }

  // --- persistence and share links ---------------------------------------------
  storageKey() {
    return STORAGE_PREFIX + this.name;
  }

  save() {
    try {
      localStorage.setItem(this.storageKey(), JSON.stringify(snapshot(this.form)));
    } catch {
      // Storage full or blocked: inputs still work, they just do not survive a reload.
    }
  }

  /** Apply a share link's fragment if it is for this calculator. "none" | "applied" | "refused". */
  readFragment() {
    let hash = location.hash.slice(1);
    try {
      hash = decodeURIComponent(hash);
    } catch {
      // Not valid percent-encoding: compared as it stands (and refused below if it is ours).
    }
    const prefix = FRAGMENT_PREFIX + this.name + "=";
    if (!hash.startsWith(prefix)) return "none";
    const snap = decode(hash.slice(prefix.length));
    history.replaceState(history.state, "", location.pathname + location.search);
    if (!snap) {
      this.showNotice(TEXT.badLink);
      return "refused";
    }
    this.apply_snapshot(snap);
    this.syncVisibility();
    this.save();
    return "applied";
  }

  /** A share link opened on the page it is for changes only the fragment. */
  onHashChange() {
    if (!this.root.isConnected) return window.removeEventListener("hashchange", this.hashListener);
    if (this.readFragment() === "applied") this.compute({ focusErrors: false });
  }

  restoreInputs() {
    this.hashListener = () => this.onHashChange();
    window.addEventListener("hashchange", this.hashListener);
    if (this.readFragment() === "applied") return;
    let stored = null;
    try {
      stored = localStorage.getItem(this.storageKey());
    } catch {
      return;
    }
    if (stored === null) return;
    let snap = null;
    try {
      snap = validate(JSON.parse(stored));
    } catch {
      snap = null;
    }
    if (snap) this.apply_snapshot(snap);
    else {
      try { localStorage.removeItem(this.storageKey()); } catch { /* ignore */ }
      this.showNotice(TEXT.badStorage);
    }
  }

  apply_snapshot(snap) {
    const absent = restore(this.form, snap, (box, n) => this.ensureRows(box, Math.max(n, Number(box.dataset.minRows || 0))));
    // Inputs saved or shared before a field existed: say at each such field, and once at
    // the top, which fields to check (a migrated field holds the old field's value).
    this.syncVisibility();
    const labels = new Set();
    for (const el of absent) {
      const field = el.closest(".field");
      const label = field?.querySelector("label")?.textContent.trim();
      if (!field || !label || inactive(el)) continue;
      labels.add(label);
      if (!field.querySelector("[data-added-note]")) {
        const note = document.createElement("p");
        note.className = "field-note";
        note.dataset.addedNote = "";
        note.textContent = el.dataset.migrateFrom ? TEXT.addedFieldMigrated : TEXT.addedField;
        field.append(note);
      }
    }
    if (labels.size) this.showNotice(TEXT.addedFields([...labels]));
  }

  showNotice(text) {
    if (!this.notice) return;
    this.notice.textContent = text;
    this.notice.hidden = false;
  }

  async share() {
    const url = `${location.origin}${location.pathname}#${FRAGMENT_PREFIX}${this.name}=${encode(snapshot(this.form))}`;
    const out = this.root.querySelector("[data-share-url]");
    if (out) {
      out.value = url;
      out.closest("[hidden]")?.removeAttribute("hidden");
    }
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    this.announce(copied ? TEXT.copied : TEXT.shareReady);
    out?.select();
  }

  async downloadCsv() {
    let data;
    try {
      data = await this.client.call("csv", this.name, apiInputs(this.form));
    } catch {
      return;
    }
    if (!this.root.isConnected) return;
    if (!data.output.ok) {
      this.apply(data, true);
      return;
    }
    const blob = new Blob([data.csv], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = data.filename;
    a.hidden = true;
    document.body.append(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
    this.announce(TEXT.csvDone);
  }
}
