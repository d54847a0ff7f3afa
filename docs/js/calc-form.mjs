// One calculator on a page (an element with data-calc="name"): the coordinator of its
// behaviours. It reads the form, asks the shared worker, and hands the answer to the
// result view and the error summary; repeatable rows, saved inputs and share links,
// downloads and conditional sections are modules of their own. The build-time HTML is
// complete on its own; this class only enhances it. The data-* contract between the
// templates and these modules: README.md in this folder.
import { addResetButton, offerLink, withdrawLink } from "./calc-actions.mjs";
import { Computation } from "./computation.mjs";
import { syncVisibility } from "./conditional-sections.mjs";
import * as downloads from "./downloads.mjs";
import { ErrorSummary } from "./error-summary.mjs";
import * as handover from "./handover.mjs";
import { apiInputs } from "./form-state.mjs";
import { TEXT } from "./messages.mjs";
import { SavedInputs } from "./persistence.mjs";
import { PlanB } from "./plan-b.mjs";
import { RepeatableRows } from "./repeatable-rows.mjs";
import { ResultView } from "./result-view.mjs";
import * as tablePaste from "./table-paste.mjs";

export class CalcForm {
  constructor(root, client) {
    this.root = root;
    this.name = root.dataset.calc;
    this.client = client;
    this.form = root.querySelector("form");
    if (!this.form || !root.querySelector("[data-result]")) throw new Error(`calculator ${this.name}: markup incomplete`);
    this.view = new ResultView(root);
    this.errors = new ErrorSummary(root, this.form, this.name);
    this.computed = false;
    // Choices a spreadsheet paste could not make (control → message), shown as errors at
    // their cells until the reader changes them.
    this.pasteErrors = new Map();
    // The inputs of the last computation asked for (JSON), so that an event that changes
    // nothing the calculator reads does not compute again; null after a failure.
    this.asked = null;
    this.computation = new Computation(root, () => {
      const inputs = apiInputs(this.form);
      this.asked = JSON.stringify(inputs);
      return client.call("run", this.name, inputs);
    }, {
      answered: (data, focusErrors) => {
        this.computed = true;
        this.apply(data, focusErrors);
      },
      failed: (err) => {
        this.asked = null;
        this.failed(err);
      },
    });
    this.rows = new Map();
    // A second plan to compare with («Oppsett B»), where the template offers one.
    this.planB = new PlanB(this.form, {
      add: (box) => this.addRows(box),
      drop: (box) => {
        this.rows.get(box)?.destroy();
        this.rows.delete(box);
      },
    });
    // Throws, before anything is changed, on a rows group without data-max-rows.
    this.inputs = new SavedInputs(this.form, this.name, {
      ensureRows: (box, n) => this.rows.get(box)?.ensure(n),
      notice: (text) => this.view.showNotice(text),
      prepare: (snap) => this.planB.prepare(snap),
    });
    for (const box of this.form.querySelectorAll("[data-rows]")) this.addRows(box);
    root.dataset.enhanced = "true";
    for (const el of root.querySelectorAll("[data-handover-from]")) el.hidden = false; // needs this script

    addResetButton(root);
    this.inputs.restore();
    syncVisibility(this.form);
    this.bind();
    this.unsubscribe = client.onState((state, reason) => this.showState(state, reason));
  }

  addRows(box) {
    this.rows.set(box, new RepeatableRows(box, this.root, ({ note }) => this.rowsChanged(note)));
  }

  /** «Sammenlign med et annet oppsett»: plan B, a copy of plan A, opens after plan A's
   * fields; focus goes to its first field, and the result compares the two. */
  openPlanB() {
    const first = this.planB.copyFromA((box, n) => this.rows.get(box)?.ensure(n));
    syncVisibility(this.form);
    first?.focus();
    this.view.noteAction(TEXT.planBOpened, this.client.state === "ready");
    this.changed(true);
  }

  /** «Fjern oppsett B»: back to one plan; focus goes to the copy action. */
  removePlanB() {
    this.planB.close();
    this.form.querySelector("[data-compare]")?.focus();
    this.view.noteAction(TEXT.planBRemoved, this.client.state === "ready");
    this.changed(true);
  }

  bind() {
    this.form.addEventListener("input", (e) => this.changed(this.pasteErrors.delete(e.target)));
    this.form.addEventListener("change", (e) => {
      if (e.target.matches("[data-ui-key], select[data-key]")) syncVisibility(this.form);
      this.changed(this.pasteErrors.delete(e.target));
    });
    this.form.addEventListener("paste", (e) => this.paste(e));
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.compute({ focusErrors: true });
    });
    this.root.addEventListener("click", (e) => {
      if (e.target.closest(".calc-summary a")) {
        e.preventDefault();
        this.showResult();
        return;
      }
      const btn = e.target.closest("button");
      if (!btn || !this.root.contains(btn)) return;
      const format = downloads.formatOf(btn);
      if (btn.dataset.share !== undefined) this.share();
      else if (btn.dataset.reset !== undefined) this.reset();
      else if (format) this.download(format);
      else if (btn.dataset.print !== undefined) window.print();
      else if (btn.dataset.copyLetter !== undefined) this.copyLetter();
      else if (btn.dataset.handover !== undefined) this.takeHandover(btn);
      else if (btn.dataset.compare !== undefined) this.openPlanB();
      else if (btn.dataset.compareRemove !== undefined) this.removePlanB();
      else return;
      e.preventDefault();
    });
    this.hashListener = () => this.onHashChange();
    window.addEventListener("hashchange", this.hashListener);
  }

  /** «Kopier teksten»: the drafted letter's text, as shown, onto the clipboard. */
  async copyLetter() {
    const letter = this.root.querySelector("[data-letter]");
    if (!letter) return;
    try {
      await navigator.clipboard.writeText(letter.innerText.trim());
      this.view.announce(TEXT.letterCopied);
    } catch {
      this.view.announce(TEXT.letterCopyFailed);
    }
  }

  /** «Hent fra lisensbudsjettet»: the saved budget's year and total into this form. */
  takeHandover(btn) {
    const from = btn.closest("[data-handover-from]")?.dataset.handoverFrom;
    if (!from) return;
    if (handover.fill(this.form, this.inputs.store.keyOf(from), (text) => this.view.showNotice(text))) {
      this.changed(true);
    }
  }

  /** The summary link: bring the result into view and give it the focus, so that the
   * keyboard and a screen reader continue there. Done here rather than by the link's
   * fragment, since Material renders the page afresh on the first fragment navigation of
   * a page, which loses the focus starting point. */
  showResult() {
    const panel = this.root.querySelector(".calc-panel");
    if (!panel) return;
    panel.scrollIntoView({ block: "start" });
    panel.focus({ preventScroll: true });
  }

  /** The reader changed the form: save it, and compute unless the calculator's inputs are
   * those of the last computation (a field's change event when it loses focus after its
   * input events, the name for the printout) and `force` is false. Computing again would
   * only replace what the live region has just said (a shared link, a pasted table). */
  changed(force = false) {
    this.inputs.save();
    if (!force && this.asked !== null && JSON.stringify(apiInputs(this.form)) === this.asked) return;
    this.compute({ focusErrors: false });
  }

  /** Rows added, removed or pasted: the result that follows carries the note. */
  rowsChanged(note) {
    this.view.noteAction(note, this.client.state === "ready");
    this.changed(true);
  }

  showState(state, reason) {
    if (!this.root.isConnected) return this.unsubscribe?.();
    this.view.showState(state, reason);
    if (state === "ready" && !this.computed) this.compute({ focusErrors: false });
  }

  // --- computing ----------------------------------------------------------------
  compute(options) {
    return this.computation.request(options);
  }

  apply(data, focusErrors) {
    const output = data?.output;
    if (!output || typeof output.ok !== "boolean") throw new Error(`calculator ${this.name}: malformed answer`);
    this.root.dataset.computed = "true";
    this.root.dataset.runs = String(Number(this.root.dataset.runs || 0) + 1);
    this.errors.clear();
    const local = [...this.pasteErrors].filter(([control]) => control.isConnected).map(([control, message]) => ({ control, message }));
    // Folded rows' one-line buttons follow values set without an input event (saved
    // inputs restored, «Start på nytt», a paste).
    for (const rows of this.rows.values()) rows.writeFoldLines();
    this.showWarnings(output.ok && local.length === 0 ? output.warnings : []);
    if (output.ok && local.length === 0) {
      this.view.show(data.html, data.summary);
      if (data.handover) handover.keep(this.inputs.store.key, data.handover);
    } else {
      const errors = [...(output.ok ? [] : output.errors), ...local];
      this.errors.show(errors, focusErrors);
      this.view.markStale(TEXT.stale);
      this.view.announce(TEXT.errors(errors.length), true);
    }
  }

  /** Warnings at fields ({field, message}: a figure above its field's sane ceiling). They
   * do not stop the result: each is a note under its control, read with it. */
  showWarnings(warnings) {
    for (const note of this.form.querySelectorAll("[data-field-warning]")) {
      const control = this.form.querySelector(`[aria-describedby~="${CSS.escape(note.id)}"]`);
      if (control) {
        const ids = control.getAttribute("aria-describedby").split(/\s+/).filter((id) => id !== note.id);
        if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
        else control.removeAttribute("aria-describedby");
      }
      note.remove();
    }
    for (const { field, message } of Array.isArray(warnings) ? warnings : []) {
      const control = this.errors.controlFor(String(field));
      if (!control?.id || typeof message !== "string") continue;
      const note = document.createElement("p");
      note.className = "field-warning";
      note.dataset.fieldWarning = "";
      note.id = `${control.id}-obs`;
      note.textContent = TEXT.fieldWarning(message);
      control.after(note);
      control.setAttribute("aria-describedby", [control.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
    }
  }

  /** Cells copied from a spreadsheet, pasted into a table of rows (table-paste.mjs). A
   * paste of one cell is left to the browser. */
  paste(e) {
    const box = e.target.closest?.("[data-rows][data-paste]");
    const text = e.clipboardData?.getData("text/plain") ?? "";
    if (!box || !this.form.contains(box) || !e.target.closest("[data-row]") || !tablePaste.isTable(text)) return;
    e.preventDefault();
    const rows = this.rows.get(box);
    // Pasted into row 1 of the untouched example, the sheet replaces the example's rows;
    // otherwise the rows it did not write stay, and the reader is offered their removal.
    const replace = rows.isExample() && rows.rows()[0] === e.target.closest("[data-row]");
    const result = tablePaste.paste(box, e.target, text, {
      ensureRows: (n) => rows.ensure(n), max: rows.max, replaceRows: replace ? (n) => rows.replace(n) : null,
    });
    rows.offerRemoval(result.others);
    if (!e.target.isConnected) result.first.focus();
    for (const { control, text: value } of result.errors) {
      const row = control.closest("[data-row]");
      const label = control.labels?.[0]?.textContent.trim() ?? "";
      const options = [...control.options].map((o) => o.textContent.trim());
      this.pasteErrors.set(control, TEXT.pasteNoOption(value, `${label} (rad ${rows.rows().indexOf(row) + 1})`, options));
    }
    syncVisibility(this.form);
    this.rowsChanged(TEXT.pasted(result, rows.max));
  }

  /** The worker could not answer (it reported a failure, it is gone, or the answer could
   * not be shown): the result shown is for other inputs, and the reader is told. */
  failed(err) {
    console.warn(`calculator ${this.name}: no result`, err);
    if (this.client.state === "failed") {
      this.view.markStale(TEXT.notStarted); // the status line says why
      return;
    }
    this.view.markStale(TEXT.callFailed);
    this.view.announce(TEXT.callFailed, true);
  }

  // --- saved inputs, share links, starting over -----------------------------------
  /** A share link opened on the page it is for changes only the fragment. */
  onHashChange() {
    if (!this.root.isConnected) return window.removeEventListener("hashchange", this.hashListener);
    if (this.inputs.fromFragment() === "applied") this.compute({ focusErrors: false });
  }

  /** «Start på nytt»: forget the saved inputs, put the example inputs back, compute. */
  reset() {
    this.pasteErrors.clear();
    this.inputs.reset();
    this.view.hideNotice();
    this.errors.clear();
    withdrawLink(this.root);
    if (this.client.state === "failed" && !this.computed) {
      this.view.clearStale(); // the build-time result is the example inputs' result
      this.view.announce(TEXT.resetDone);
      return;
    }
    this.view.noteAction(TEXT.resetDone, this.client.state === "ready");
    this.compute({ focusErrors: false });
  }

  share() {
    return offerLink(this.root, this.inputs.shareUrl(), (text) => this.view.announce(text));
  }

  async download(format) {
    let data;
    try {
      data = await downloads.request(this.client, this.name, apiInputs(this.form), format, this.form);
      if (typeof data?.output?.ok !== "boolean") throw new Error("malformed answer");
    } catch (err) {
      console.warn(`calculator ${this.name}: no ${format}`, err);
      if (this.root.isConnected) this.view.announce(downloads.FORMATS[format].failed);
      return;
    }
    if (!this.root.isConnected) return;
    if (!data.output.ok) {
      this.apply(data, true);
      return;
    }
    downloads.save(data, format);
    this.view.announce(downloads.FORMATS[format].done);
  }
}
