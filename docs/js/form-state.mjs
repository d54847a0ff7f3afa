// What a calculator form holds, as plain data: read from and written to the DOM,
// kept in localStorage and carried in a share link's fragment.
//
// Snapshot: { fields: {key: string|boolean}, rows: {rowsKey: [{key: string|boolean}]} }
// It holds what the person typed (raw text), never anything to execute: restoring only
// assigns `.value` / `.checked` of existing controls.

const MAX_VALUE = 10000;
const MAX_ROWS = 200;

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

function cleanValues(obj) {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return null;
  const out = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof k !== "string" || k.length > 100) return null;
    if (!isValue(v)) return null;
    out[k] = v;
  }
  return out;
}

/** Validate data of unknown origin; returns a clean snapshot or null. */
export function validate(data) {
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  const fields = cleanValues(data.fields ?? {});
  if (!fields) return null;
  const rows = {};
  const rawRows = data.rows ?? {};
  if (!rawRows || typeof rawRows !== "object" || Array.isArray(rawRows)) return null;
  for (const [k, list] of Object.entries(rawRows)) {
    if (!Array.isArray(list) || list.length > MAX_ROWS) return null;
    const clean = list.map(cleanValues);
    if (clean.some((v) => v === null)) return null;
    rows[k] = clean;
  }
  return { fields, rows };
}

// --- share-link encoding: base64url of UTF-8 JSON ------------------------------

export function encode(snap) {
  const bytes = new TextEncoder().encode(JSON.stringify(snap));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decode(text) {
  if (typeof text !== "string" || text.length > 200000 || !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return validate(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
  } catch {
    return null;
  }
}

// --- inputs for the API ----------------------------------------------------------

function setPath(obj, path, value) {
  // "org365.holders", "members_by_month[3]", "year"
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) || [];
  let cur = obj;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const index = part.startsWith("[") ? Number(part.slice(1, -1)) : null;
    const key = index ?? part;
    if (last) {
      cur[key] = value;
      return;
    }
    const nextIsIndex = parts[i + 1].startsWith("[");
    if (cur[key] === undefined) cur[key] = nextIsIndex ? [] : {};
    cur = cur[key];
  });
}

/** Is the control switched off (inside a hidden section, or disabled)? */
export function inactive(el) {
  return el.disabled || !!el.closest("[hidden]");
}

/** The API field name of a control: its data-key, or the value of its data-key-from sibling. */
export function apiKey(el) {
  if (el.dataset.keyFrom) {
    const scope = el.closest("[data-row]") || el.form;
    const chooser = scope.querySelector(`[data-ui-key="${el.dataset.keyFrom}"]`);
    return chooser ? chooser.value : null;
  }
  return el.dataset.key ?? null;
}

function getPath(obj, path) {
  return (path.match(/[^.[\]]+|\[\d+\]/g) || []).reduce((cur, part) => cur?.[part.startsWith("[") ? Number(part.slice(1, -1)) : part], obj);
}

function readInputs(scope, rowScope) {
  const out = {};
  const emptyItems = [];
  for (const el of controls(scope)) {
    if (el.closest("[data-row]") !== rowScope || !el.dataset.key || inactive(el)) continue;
    const key = apiKey(el);
    if (!key) continue;
    if (el.type === "checkbox") setPath(out, key, el.checked);
    else if (el.type === "radio") { if (el.checked) setPath(out, key, el.value); }
    else if (el.value.trim() !== "") setPath(out, key, el.value);
    else if (/\[\d+\]$/.test(key)) emptyItems.push(key);
  }
  // An empty item of a list the reader has started (the monthly counts) is sent as "", so
  // the API names that month instead of counting a list with holes.
  for (const key of emptyItems) {
    if (getPath(out, key.replace(/\[\d+\]$/, "")) !== undefined) setPath(out, key, "");
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
