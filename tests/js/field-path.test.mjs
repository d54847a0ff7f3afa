// The field-path grammar (docs/js/field-path.mjs), as the templates and the API use it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { emptyObject, format, getPath, listOfItem, parse, setPath, splitItem } from "../../docs/js/field-path.mjs";

test("parses every form of path the templates and the API use", () => {
  assert.deepEqual(parse("year"), [{ key: "year" }]);
  assert.deepEqual(parse("prices.E1"), [{ key: "prices" }, { key: "E1" }]);
  assert.deepEqual(parse("org365.holders"), [{ key: "org365" }, { key: "holders" }]);
  assert.deepEqual(parse("members_by_month[3]"), [{ key: "members_by_month" }, { index: 3 }]);
  assert.deepEqual(parse("org365.holders[2].license"), [{ key: "org365" }, { key: "holders" }, { index: 2 }, { key: "license" }]);
  for (const path of ["year", "prices.E1", "klar.members_by_month[11]", "holders[2].license", "trips[0]"]) {
    assert.equal(format(parse(path)), path);
  }
});

test("refuses what is not a path", () => {
  for (const bad of ["", ".year", "year.", "a..b", "[1]", "a[]", "a[x]", "a[1", "a]1[", "a[-1]", null, 3]) {
    assert.equal(parse(bad), null, String(bad));
  }
});

test("refuses every segment that reaches a prototype", () => {
  for (const bad of ["__proto__", "__proto__.x", "a.__proto__", "constructor.prototype.x", "a[0].constructor", "prototype"]) {
    assert.equal(parse(bad), null, bad);
  }
});

test("setPath builds prototype-free objects and arrays that JSON.stringify reads", () => {
  const out = emptyObject();
  setPath(out, "year", "2026");
  setPath(out, "prices.E1", "3 700");
  setPath(out, "klar.members_by_month[1]", "12");
  setPath(out, "holders", [{ role: "leder" }]);
  assert.equal(Object.getPrototypeOf(out), null);
  assert.equal(Object.getPrototypeOf(out.prices), null);
  assert.ok(Array.isArray(out.klar.members_by_month));
  assert.equal(
    JSON.stringify(out),
    '{"year":"2026","prices":{"E1":"3 700"},"klar":{"members_by_month":[null,"12"]},"holders":[{"role":"leder"}]}',
  );
});

test("setPath refuses __proto__, prototype and constructor and leaves Object.prototype alone", () => {
  for (const path of ["__proto__.polluted", "constructor.prototype.polluted", "a.__proto__.polluted", "x[0].__proto__.polluted", "prototype.polluted"]) {
    const target = {}; // an ordinary object: the worst case for pollution
    assert.throws(() => setPath(target, path, "yes"), /not a field path/, path);
    assert.equal({}.polluted, undefined, path);
    assert.equal(Object.prototype.polluted, undefined, path);
    assert.equal(Object.keys(target).length, 0, path);
  }
});

test("getPath reads own values only", () => {
  const obj = JSON.parse('{"a": {"b": [1, 2]}, "__proto__": {"x": 1}}');
  assert.equal(getPath(obj, "a.b[1]"), 2);
  assert.equal(getPath(obj, "a.c"), undefined);
  assert.equal(getPath(obj, "a.toString"), undefined);
  assert.equal(getPath(obj, "__proto__.x"), undefined);
});

test("splitItem and listOfItem name a list's item and its field", () => {
  assert.deepEqual(splitItem("org365.holders[2].license"), { list: "org365.holders", index: 2, field: "license" });
  assert.deepEqual(splitItem("trips[0]"), { list: "trips", index: 0, field: null });
  assert.equal(splitItem("holders[2].a.b"), null);
  assert.equal(splitItem("holders"), null);
  assert.equal(splitItem("[0]"), null);
  assert.equal(listOfItem("klar.members_by_month[3]"), "klar.members_by_month");
  assert.equal(listOfItem("holders[2].license"), null);
  assert.equal(listOfItem("year"), null);
});
