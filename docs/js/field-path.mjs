// The field-path grammar shared by the templates (data-key, data-rows, data-error-for),
// the API's inputs and the API's error messages, parsed in this one place:
//
//   path    := name ( "." name | "[" digits "]" )*
//   name    := one or more characters other than ".", "[" and "]"
//
//   "year", "prices.E1", "org365.holders", "members_by_month[3]", "holders[2].license"
//
// A name that would reach an object's prototype (__proto__, prototype, constructor) is
// refused: the path does not parse. Objects built here have no prototype at all
// (Object.create(null)); JSON.stringify and postMessage treat them as plain objects.

const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);
const PATH = /^[^.[\]]+(?:\.[^.[\]]+|\[\d+\])*$/;
const SEGMENT = /\.?([^.[\]]+)|\[(\d+)\]/g;

/** The segments of `path`: [{key: "holders"}, {index: 2}, {key: "license"}], or null
 * when the path does not follow the grammar or names a forbidden key. */
export function parse(path) {
  if (typeof path !== "string" || !PATH.test(path)) return null;
  const parts = [];
  for (const m of path.matchAll(SEGMENT)) {
    if (m[2] !== undefined) parts.push({ index: Number(m[2]) });
    else if (FORBIDDEN.has(m[1])) return null;
    else parts.push({ key: m[1] });
  }
  return parts;
}

/** The path that `parts` (as parse returns them) spell. */
export function format(parts) {
  return parts.map((p, i) => ("index" in p ? `[${p.index}]` : i === 0 ? p.key : `.${p.key}`)).join("");
}

function mustParse(path) {
  const parts = parse(path);
  if (!parts) throw new Error(`not a field path: ${JSON.stringify(path)}`);
  return parts;
}

/** A new empty object for inputs: no prototype, so no key can reach Object.prototype. */
export function emptyObject() {
  return Object.create(null);
}

/** Set `value` at `path` in `obj`, creating objects (no prototype) and arrays on the way.
 * Throws on a path that does not parse (a forbidden key included). */
export function setPath(obj, path, value) {
  const parts = mustParse(path);
  let cur = obj;
  parts.forEach((part, i) => {
    const key = "index" in part ? part.index : part.key;
    if (i === parts.length - 1) {
      cur[key] = value;
      return;
    }
    const own = Object.prototype.hasOwnProperty.call(cur, key) ? cur[key] : undefined;
    if (own === null || typeof own !== "object") cur[key] = "index" in parts[i + 1] ? [] : emptyObject();
    cur = cur[key];
  });
}

/** The value at `path` in `obj` (own properties only), or undefined. */
export function getPath(obj, path) {
  const parts = parse(path);
  if (!parts) return undefined;
  let cur = obj;
  for (const part of parts) {
    const key = "index" in part ? part.index : part.key;
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** A path into a repeatable list: "holders[2].license" → {list: "holders", index: 2,
 * field: "license"}; "trips[0]" → {list: "trips", index: 0, field: null}. Null for a
 * path that does not end in an item (or an item's one field). */
export function splitItem(path) {
  const parts = parse(path);
  if (!parts || parts.length < 2) return null;
  const last = parts[parts.length - 1];
  if ("index" in last) return { list: format(parts.slice(0, -1)), index: last.index, field: null };
  const item = parts[parts.length - 2];
  if (!("index" in item) || parts.length < 3) return null;
  return { list: format(parts.slice(0, -2)), index: item.index, field: last.key };
}

/** Does `path` name an item of a list ("members_by_month[3]")? Its list's path, or null. */
export function listOfItem(path) {
  const item = splitItem(path);
  return item && item.field === null ? item.list : null;
}
