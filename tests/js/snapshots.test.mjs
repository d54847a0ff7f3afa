// Saved and shared snapshots (docs/js/form-state.mjs validate, docs/js/persistence.mjs
// encode/decode): data of unknown origin, checked against the form's row limits.
import assert from "node:assert/strict";
import { test } from "node:test";

import { validate } from "../../docs/js/form-state.mjs";
import { decode, encode } from "../../docs/js/persistence.mjs";

const LIMITS = { holders: 3 };
const plain = (v) => JSON.parse(JSON.stringify(v));

test("a good snapshot comes back as it was", () => {
  const snap = { fields: { year: "2026", flag: true }, rows: { holders: [{ role: "leder" }, { role: "styremedlem" }] },
    rates: "0a1b2c3d4e5f" };
  assert.deepEqual(plain(validate(snap, LIMITS)), snap);
  assert.deepEqual(plain(decode(encode(snap), LIMITS)), snap);
});

test("the rates fingerprint is kept when it is one, and empty in older or odd snapshots", () => {
  assert.equal(validate({ fields: {}, rows: {} }, LIMITS).rates, "");
  assert.equal(validate({ fields: {}, rows: {}, rates: "<b>x</b>" }, LIMITS).rates, "");
  assert.equal(validate({ fields: {}, rows: {}, rates: 5 }, LIMITS).rates, "");
  assert.equal(validate({ fields: {}, rows: {}, rates: "abc123" }, LIMITS).rates, "abc123");
});

test("a list at the form's limit is taken, one more row is refused", () => {
  const rows = (n) => ({ fields: {}, rows: { holders: Array.from({ length: n }, () => ({})) } });
  assert.equal(validate(rows(3), LIMITS).rows.holders.length, 3);
  assert.equal(validate(rows(4), LIMITS), null);
  assert.equal(validate(rows(4), { holders: 200 }).rows.holders.length, 4);
  assert.equal(decode(encode(rows(4)), LIMITS), null);
});

test("lists the form does not have are dropped, malformed ones refuse the whole", () => {
  const snap = validate({ fields: {}, rows: { nope: [{}], holders: [{}] } }, LIMITS);
  assert.deepEqual(Object.keys(snap.rows), ["holders"]);
  assert.equal(validate({ rows: { nope: "x" } }, LIMITS), null);
  assert.equal(validate({ rows: { nope: [1] } }, LIMITS), null);
});

test("malformed values refuse the whole snapshot", () => {
  for (const bad of [null, [], "x", 5, { fields: [] }, { fields: { year: 2026 } }, { fields: { year: null } },
    { fields: { year: { a: 1 } } }, { fields: { year: "9".repeat(10_001) } }, { rows: [] }, { rows: { holders: {} } },
    { rows: { holders: ["leder"] } }]) {
    assert.equal(validate(bad, LIMITS), null, JSON.stringify(bad)?.slice(0, 60));
  }
});

test("__proto__ and constructor keys cannot pollute Object.prototype", () => {
  const texts = [
    '{"fields": {"__proto__": {"polluted": "yes"}}}',
    '{"fields": {}, "rows": {"holders": [{"constructor": {"prototype": {"polluted": "yes"}}}]}}',
    '{"rows": {"__proto__": [{"polluted": "yes"}]}}',
    '{"fields": {"__proto__": "x", "year": "2026"}, "rows": {"__proto__": [{}], "holders": [{"__proto__": "y"}]}}',
  ];
  for (const text of texts) {
    const snap = validate(JSON.parse(text), LIMITS);
    assert.equal({}.polluted, undefined, text);
    if (snap) {
      assert.equal(Object.getPrototypeOf(snap.fields), null);
      assert.ok(!Object.keys(snap.rows).includes("__proto__"));
    }
  }
  const kept = validate(JSON.parse(texts[3]), LIMITS);
  assert.equal(kept.fields.year, "2026");
  assert.equal(kept.fields.__proto__, "x"); // a plain key of a prototype-free object: harmless text
});

test("decode refuses what is not base64url of UTF-8 JSON", () => {
  for (const bad of ["!!!", "%3C", "A".repeat(200_001), Buffer.from([0xff, 0xfe]).toString("base64url"), Buffer.from("{x").toString("base64url")]) {
    assert.equal(decode(bad, LIMITS), null, bad.slice(0, 20));
  }
});
