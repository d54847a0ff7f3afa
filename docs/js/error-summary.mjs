// Errors the API found in the form, in the manner of GOV.UK Frontend's error summary:
// each message at its field (a .field-error tied by aria-describedby, the control marked
// aria-invalid), and all of them in the summary at the top ([data-error-summary]), each
// a link to its field. On submit the summary takes focus; a link focuses its field.
import { apiKey, apiKeys, inactive } from "./api-key.mjs";
import { splitItem } from "./field-path.mjs";
import { TEXT } from "./messages.mjs";

const ERROR_ID_SUFFIX = "-feil";

export class ErrorSummary {
  /** `root`: the calculator; `form`: its form; `name`: the calculator's name (for ids). */
  constructor(root, form, name) {
    this.form = form;
    this.name = name;
    this.summary = root.querySelector("[data-error-summary]");
    this.summary?.addEventListener("click", (e) => this.followLink(e));
  }

  followLink(e) {
    const a = e.target.closest("a[href^='#']");
    if (!a) return;
    const target = document.getElementById(a.getAttribute("href").slice(1));
    if (!target) return;
    // Handled here: Material's instant navigation must not turn it into a page change.
    e.preventDefault();
    e.stopPropagation();
    target.focus();
    target.scrollIntoView({ block: "center" });
  }

  rowsBox(path) {
    return this.form.querySelector(`[data-rows="${CSS.escape(path)}"]`);
  }

  /** The control (or group) an API error path belongs to, or null. */
  controlFor(path) {
    const item = splitItem(path);
    if (item && item.field !== null) {
      // "holders[2].license": that row's field (an error about the pay level's "salary"
      // finds the field that stands for it); no such row: the group's own focus, if any.
      const box = this.rowsBox(item.list);
      const row = box?.querySelectorAll("[data-row]")[item.index];
      if (!row) return box?.querySelector("[data-rows-focus]") || null;
      const fields = [...row.querySelectorAll("[data-key]")].filter((el) => !inactive(el));
      return fields.find((el) => apiKey(el) === item.field)
        || fields.find((el) => apiKeys(el).includes(item.field))
        || row.querySelector("[data-key]");
    }
    const itemBox = item && this.rowsBox(item.list);
    if (itemBox) return itemBox.querySelectorAll("[data-row]")[item.index]?.querySelector("[data-key]") || itemBox;
    const direct = [...this.form.querySelectorAll("[data-key]")].find(
      (el) => !inactive(el) && !el.closest("[data-row]") && apiKey(el) === path,
    );
    if (direct) return direct;
    const box = this.rowsBox(path);
    if (box) return box.querySelector("[data-rows-focus]") || box;
    return this.form.querySelector(`[data-error-for="${CSS.escape(path)}"]`) || null;
  }

  clear() {
    for (const el of this.form.querySelectorAll("[aria-invalid]")) {
      el.removeAttribute("aria-invalid");
      setDescribedBy(el, null);
    }
    for (const p of this.form.querySelectorAll(".field-error")) p.remove();
    if (this.summary) {
      this.summary.hidden = true;
      this.summary.querySelector("ul").replaceChildren();
    }
  }

  /** Show `errors` at their fields and in the summary: the API's ({field, message}, the
   * field found by its path) and the page's own ({control, message}). */
  show(errors, focus) {
    const list = this.summary?.querySelector("ul");
    for (const [i, err] of errors.entries()) {
      const control = err.control ?? this.controlFor(err.field);
      const li = document.createElement("li");
      const message = String(err.message);
      if (control) {
        if (!control.id) control.id = `${this.name}-feltgruppe-${i}`;
        const p = fieldError(control, message);
        if (control.matches("input, select, textarea")) {
          control.setAttribute("aria-invalid", "true");
          setDescribedBy(control, p.id);
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
      if (focus) this.summary.focus();
    }
  }
}

/** The message at the field: after its label, else first in its field or group. */
function fieldError(control, message) {
  const wrapper = control.closest(".field") || control.closest("fieldset") || control.parentElement;
  const p = document.createElement("p");
  p.className = "field-error";
  p.id = `${control.id}${ERROR_ID_SUFFIX}`;
  const hidden = document.createElement("span");
  hidden.className = "calc-sr-only";
  hidden.textContent = TEXT.fieldErrorPrefix;
  p.append(hidden, message);
  const label = wrapper.querySelector(`label[for="${CSS.escape(control.id)}"]`);
  if (label) label.after(p);
  else wrapper.prepend(p);
  return p;
}

/** Keep the control's own descriptions (its hint) and add, or drop, its error message. */
function setDescribedBy(el, errorId) {
  const base = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && !id.endsWith(ERROR_ID_SUFFIX));
  if (errorId) base.push(errorId);
  if (base.length) el.setAttribute("aria-describedby", base.join(" "));
  else el.removeAttribute("aria-describedby");
}
