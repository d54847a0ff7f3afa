// Keeping a calculator's inputs: in localStorage (they survive a reload) and in share
// links (the fragment #inndata-<calculator>=<base64url of the snapshot's JSON>). What
// arrives from either is data of unknown origin: it is decoded and validated
// (form-state.mjs validate, against the form's row limits from data-max-rows) before
// anything uses it. SavedInputs also keeps the form's example inputs, as the build wrote
// them, for «Start på nytt». The reader may turn saving off (the checkbox under the form,
// data-save-toggle; the choice is kept by privacy.mjs): then nothing typed is written to
// localStorage, and what was saved is removed.
import { clearAddedFields, markAddedFields } from "./added-fields.mjs";
import { syncVisibility } from "./conditional-sections.mjs";
import { restore, snapshot, validate } from "./form-state.mjs";
import { forget as forgetHandover } from "./handover.mjs";
import { TEXT } from "./messages.mjs";
import { forgetInputs, savingOn, setSaving } from "./privacy.mjs";
import { rowLimits } from "./repeatable-rows.mjs";

const STORAGE_PREFIX = "calc:v1:"; // privacy.mjs INPUTS_PREFIX
const FRAGMENT_PREFIX = "inndata-";
const MAX_FRAGMENT = 200000;

// --- share-link encoding: base64url of UTF-8 JSON ------------------------------

export function encode(snap) {
  const bytes = new TextEncoder().encode(JSON.stringify(snap));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The snapshot a fragment carries, validated against `limits`; null if it is not one. */
export function decode(text, limits) {
  if (typeof text !== "string" || text.length > MAX_FRAGMENT || !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return validate(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)), limits);
  } catch {
    return null;
  }
}

/** One calculator's storage key and share-link fragment. `limits`: rows key → most rows. */
export class Persistence {
  constructor(name, limits) {
    this.name = name;
    this.limits = limits;
    this.key = STORAGE_PREFIX + name;
    this.saveFailed = false;
  }

  /** Store the snapshot. False when storage is blocked or full: the inputs still work,
   * they just do not survive a reload. */
  save(snap) {
    if (!savingOn()) return true; // the reader turned saving off: nothing is written
    try {
      localStorage.setItem(this.key, JSON.stringify(snap));
      return true;
    } catch {
      this.saveFailed = true;
      return false;
    }
  }

  /** {status: "none"} | {status: "ok", snap} | {status: "corrupt"} (the bad copy is removed). */
  load() {
    if (!savingOn()) return { status: "none" };
    let stored = null;
    try {
      stored = localStorage.getItem(this.key);
    } catch {
      return { status: "none" };
    }
    if (stored === null) return { status: "none" };
    let snap = null;
    try {
      snap = validate(JSON.parse(stored), this.limits);
    } catch {
      snap = null;
    }
    if (snap) return { status: "ok", snap };
    this.clear();
    return { status: "corrupt" };
  }

  /** Forget this calculator's inputs wherever they were kept: localStorage,
   * sessionStorage, and a share link for it still in the address. */
  clear() {
    forgetInputs(this.name);
    forgetHandover(this.key);
    if (this.fragmentIsOurs()) history.replaceState(history.state, "", location.pathname + location.search);
  }

  /** The storage key of another calculator on this device (for figures it hands over). */
  keyOf(name) {
    return STORAGE_PREFIX + name;
  }

  fragmentIsOurs() {
    let hash = location.hash.slice(1);
    try {
      hash = decodeURIComponent(hash);
    } catch {
      // compared as it stands
    }
    return hash.startsWith(FRAGMENT_PREFIX + this.name + "=");
  }

  /** The link that opens this page with `snap` in the form, or null when it would be
   * longer than a page accepts (decode refuses more than MAX_FRAGMENT characters). */
  shareUrl(snap) {
    const data = encode(snap);
    if (data.length > MAX_FRAGMENT) return null;
    return `${location.origin}${location.pathname}#${FRAGMENT_PREFIX}${this.name}=${data}`;
  }

  /** Read the address's fragment. A fragment for this calculator is taken out of the
   * address (it is used once) and gives {status: "applied", snap} or {status: "refused"};
   * anything else, a link for another calculator included, gives {status: "none"} and is
   * left alone. */
  readFragment() {
    let hash = location.hash.slice(1);
    try {
      hash = decodeURIComponent(hash);
    } catch {
      // Not valid percent-encoding: compared as it stands (and refused below if it is ours).
    }
    const prefix = FRAGMENT_PREFIX + this.name + "=";
    if (!hash.startsWith(prefix)) return { status: "none" };
    const snap = decode(hash.slice(prefix.length), this.limits);
    history.replaceState(history.state, "", location.pathname + location.search);
    return snap ? { status: "applied", snap } : { status: "refused" };
  }
}

/** One calculator form's saved inputs: restored when the page is enhanced, saved on every
 * change, shared by link, and forgotten by «Start på nytt». `ensureRows(box, n)` makes a
 * rows group hold n rows; `notice(text)` tells the reader about saved or shared inputs. */
export class SavedInputs {
  constructor(form, name, { ensureRows, notice }) {
    this.form = form;
    this.store = new Persistence(name, rowLimits(form)); // throws on a group without data-max-rows
    this.ensureRows = ensureRows;
    this.notice = notice;
    this.initial = snapshot(form); // taken before anything saved is restored
    this.failureSaid = false;
    // The fingerprint of the rates this build computes with (see calculators/machinery/rates.py).
    this.rates = form.closest("[data-calc]")?.dataset.rates ?? "";
    this.bindSavingChoice(form.closest("[data-calc]"));
  }

  /** The checkbox «Lagre det jeg skriver i denne nettleseren» (shown only with this
   * script: without it nothing is saved). Turned off, what was saved goes at once. */
  bindSavingChoice(root) {
    const box = root?.querySelector("[data-save-notice]");
    const toggle = box?.querySelector("[data-save-toggle]");
    if (!toggle) return;
    const status = box.querySelector("[data-save-status]");
    toggle.checked = savingOn();
    box.hidden = false;
    toggle.addEventListener("change", () => {
      const on = toggle.checked;
      if (!setSaving(on) && !on) {
        if (status) status.textContent = TEXT.savingNotKept;
        return;
      }
      if (on) this.save();
      if (status) status.textContent = on ? TEXT.savingOn : TEXT.savingOff;
    });
  }

  /** What the form holds, tagged with the rates it is computed with. */
  current() {
    return { ...snapshot(this.form), rates: this.rates };
  }

  /** Save what the form holds. Blocked or full storage is said once; the form still works. */
  save() {
    if (this.store.save(this.current()) || this.failureSaid) return;
    this.failureSaid = true;
    this.notice(TEXT.storageFailed);
  }

  apply(snap) {
    const absent = restore(this.form, snap, this.ensureRows);
    syncVisibility(this.form);
    const labels = markAddedFields(absent);
    const said = [];
    if (snap.rates && this.rates && snap.rates !== this.rates) said.push(TEXT.otherRates);
    if (labels.length) said.push(TEXT.addedFields(labels));
    if (said.length) this.notice(said.join(" "));
  }

  /** Apply the address's share link if it is for this calculator: "none" | "applied" | "refused". */
  fromFragment() {
    const { status, snap } = this.store.readFragment();
    if (status === "refused") this.notice(TEXT.badLink);
    if (status === "applied") {
      this.apply(snap);
      this.save();
    }
    return status;
  }

  /** At start: a share link for this calculator, else the saved inputs. */
  restore() {
    if (this.fromFragment() === "applied") return;
    const stored = this.store.load();
    if (stored.status === "ok") this.apply(stored.snap);
    else if (stored.status === "corrupt") this.notice(TEXT.badStorage);
  }

  /** Forget the saved inputs and put the example inputs back (nothing is saved). */
  reset() {
    this.store.clear();
    clearAddedFields(this.form);
    restore(this.form, this.initial, this.ensureRows);
    syncVisibility(this.form);
  }

  /** The share link, or null when the inputs are too long for one. */
  shareUrl() {
    return this.store.shareUrl(this.current());
  }
}
