// Figures one calculator hands to another on this device: the licence budget's year and
// total, taken into the application for coverage by «Hent fra lisensbudsjettet». They are
// kept beside the calculator's saved inputs (key `<storage key>:handover`), only while
// those inputs are saved, and go with them («Start på nytt», deleting the saved inputs).
import { TEXT } from "./messages.mjs";

const suffix = ":handover";

/** After an answer: keep `handover` ({field key: value}) if the inputs are saved. */
export function keep(storageKey, handover) {
  try {
    if (localStorage.getItem(storageKey) === null) return;
    localStorage.setItem(storageKey + suffix, JSON.stringify(handover));
  } catch {
    // Blocked storage: nothing is handed over; the other form says so when asked.
  }
}

export function forget(storageKey) {
  try {
    localStorage.removeItem(storageKey + suffix);
  } catch {
    // Blocked storage holds nothing to forget.
  }
}

/** The figures kept by calculator `from`: {key: text} of plain strings and numbers, or null. */
export function take(storageKey) {
  let value = null;
  try {
    value = JSON.parse(localStorage.getItem(storageKey + suffix) ?? "null");
  } catch {
    return null;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if ((typeof v === "string" && v.length <= 40) || Number.isInteger(v)) out[k] = String(v);
  }
  return Object.keys(out).length ? out : null;
}

/** «Hent fra lisensbudsjettet»: fill the form's fields named by the kept figures (a
 * decimal point becomes the Norwegian comma) and `say` what was filled, or that there is
 * nothing kept. Returns true when something was filled. */
export function fill(form, storageKey, say) {
  const figures = take(storageKey);
  if (!figures) {
    say(TEXT.noHandover);
    return false;
  }
  const filled = [];
  for (const [key, value] of Object.entries(figures)) {
    const el = form.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (!el) continue;
    el.value = /^\d+\.\d+$/.test(value) ? value.replace(/\.00$/, "").replace(".", ",") : value;
    filled.push(el.labels?.[0]?.textContent.trim() ?? key);
  }
  say(filled.length ? TEXT.handoverFilled(filled) : TEXT.noHandover);
  return filled.length > 0;
}
