// What a calculator form holds, as plain data: read from and written to the DOM,
// kept in localStorage and carried in a share link's fragment (persistence.mjs); and
// the inputs the API receives.
//
// Snapshot: { fields: {key: string|boolean}, rows: {rowsKey: [{key: string|boolean}]} }
// It holds what the person typed (raw text), never anything to execute: restoring only
// assigns `.value` / `.checked` of existing controls.
import { apiKey, inactive } from "./api-key.mjs";
import { emptyObject, getPath, listOfItem, setPath } from "./field-path.mjs";

const MAX_VALUE = 10000;
const MAX_KEY = 100;

/** Controls that carry data: fields (data-key) and UI choices (data-ui-key). */
function controls(scope) {
  return [...scope.querySelectorAll("[data-key], [data-ui-key]")];
}

function ownControls(scope, rowSelector = "[data-row]") {
  return controls(scope).filter((el) => el.closest(rowSelector) === (scope.matches?.(rowSelector) ? scope : null));
}

export function rawKey(el) {
  return el.dataset.key ?? el.dataset.uiKey;
}

function readControl(el) {
  if (el.type === "checkbox") return el.checked;
  // Kept and shared up to the limit that validate() accepts, so an overlong value cannot
  // make the whole saved snapshot (or link) invalid.
  return el.value.slice(0, MAX_VALUE);
}

function writeControl(el, value) {
  if (el.type === "checkbox") {
    if (typeof value === "boolean") el.checked = value;
  } else if (el.type === "radio") {
    // Checking the matching radio unchecks the others; an unknown value keeps the choice.
    if (typeof value === "string" && el.value === value) el.checked = true;
  } else if (el.tagName === "SELECT") {
    if (typeof value === "string" && [...el.options].some((o) => o.value === value)) el.value = value;
  } else if (typeof value === "string") {
    el.value = value.slice(0, MAX_VALUE);
  }
}

function readScope(scope) {
  const out = {};
  for (const el of ownControls(scope)) {
    if (el.type === "radio") {
      if (el.checked) out[rawKey(el)] = el.value;
    } else {
      out[rawKey(el)] = readControl(el);
    }
  }
  return out;
}

/** Write `values` into the scope's controls; returns the controls the values did not
 * mention (fields added to the form after the values were saved). Such a control with
 * `data-migrate-from="oldKey"` takes the value saved under `oldKey`. */
function writeScope(scope, values) {
  const absent = [];
  for (const el of ownControls(scope)) {
    const key = rawKey(el);
    if (Object.prototype.hasOwnProperty.call(values, key)) {
      writeControl(el, values[key]);
      continue;
    }
    absent.push(el);
    const from = el.dataset.migrateFrom;
    if (from && Object.prototype.hasOwnProperty.call(values, from)) writeControl(el, values[from]);
  }
  return absent;
}

export function snapshot(form) {
  const rows = {};
  for (const box of form.querySelectorAll("[data-rows]")) {
    rows[box.dataset.rows] = [...box.querySelectorAll(":scope [data-row]")]
      .filter((r) => r.closest("[data-rows]") === box)
      .map(readScope);
  }
  return { fields: readScope(form), rows };
}

/** Apply a validated snapshot. `ensureRows(box, n)` makes the rows container hold n rows.
 * Returns the data controls the snapshot did not mention (see writeScope). */
export function restore(form, snap, ensureRows) {
  const absent = writeScope(form, snap.fields).filter((el) => el.dataset.key && !el.closest("[data-rows]"));
  for (const box of form.querySelectorAll("[data-rows]")) {
    const list = snap.rows[box.dataset.rows];
    if (!Array.isArray(list)) continue;
    ensureRows(box, list.length);
    const rows = [...box.querySelectorAll("[data-row]")];
    list.forEach((values, i) => {
      if (rows[i]) absent.push(...writeScope(rows[i], values).filter((el) => el.dataset.key));
    });
  }
  return absent;
}

function isValue(v) {
  return typeof v === "boolean" || (typeof v === "string" && v.length <= MAX_VALUE);
}

function isRecord(obj) {
  return !!obj && typeof obj === "object" && !Array.isArray(obj);
}

function cleanValues(obj) {
  if (!isRecord(obj)) return null;
  const out = emptyObject();
  for (const [k, v] of Object.entries(obj)) {
    if (k.length > MAX_KEY || !isValue(v)) return null;
    out[k] = v;
  }
  return out;
}

/** Validate a snapshot of unknown origin (storage, a share link) against the form's
 * row limits (`limits`: rows key → most rows, from data-max-rows). Returns a clean
 * snapshot, or null when any part is malformed or a list is longer than its limit.
 * Lists for rows the form does not have are dropped. */
export function validate(data, limits) {
  if (!isRecord(data)) return null;
  const fields = cleanValues(data.fields ?? {});
  if (!fields) return null;
  const rawRows = data.rows ?? {};
  if (!isRecord(rawRows)) return null;
  const rows = emptyObject();
  for (const [k, list] of Object.entries(rawRows)) {
    if (!Array.isArray(list)) return null;
    const known = Object.prototype.hasOwnProperty.call(limits, k);
    if (known && list.length > limits[k]) return null;
    const clean = list.map(cleanValues);
    if (clean.some((v) => v === null)) return null;
    if (known) rows[k] = clean;
  }
  // The fingerprint of the rates the inputs were computed with (absent in older ones).
  const rates = typeof data.rates === "string" && /^[0-9a-f]{1,64}$/.test(data.rates) ? data.rates : "";
  return { fields, rows, rates };
}

// --- inputs for the API ----------------------------------------------------------

function readInputs(scope, rowScope) {
  const out = emptyObject();
  const emptyItems = [];
  for (const el of controls(scope)) {
    if (el.closest("[data-row]") !== rowScope || !el.dataset.key || inactive(el)) continue;
    const key = apiKey(el);
    if (!key) continue;
    if (el.type === "checkbox") setPath(out, key, el.checked);
    else if (el.type === "radio") { if (el.checked) setPath(out, key, el.value); }
    else if (el.value.trim() !== "") setPath(out, key, el.value);
    else if (listOfItem(key) !== null) emptyItems.push(key);
  }
  // An empty item of a list the reader has started (the monthly counts) is sent as "", so
  // the API names that month instead of counting a list with holes.
  for (const key of emptyItems) {
    if (getPath(out, listOfItem(key)) !== undefined) setPath(out, key, "");
  }
  return out;
}

/** The JSON inputs the API receives: text as typed, empty fields left out. */
export function apiInputs(form) {
  const out = readInputs(form, null);
  for (const box of form.querySelectorAll("[data-rows]")) {
    if (inactive(box)) continue;
    const rows = [...box.querySelectorAll("[data-row]")].map((row) => {
      if (box.dataset.scalar === undefined) return readInputs(row, row);
      const only = row.querySelector("[data-key]"); // a list of plain values, one control per row
      return only ? only.value : "";
    });
    setPath(out, box.dataset.rows, rows);
  }
  return out;
}
