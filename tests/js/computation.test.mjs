// One computation at a time (docs/js/computation.mjs): edits arriving while one runs are
// coalesced into one more, which sees the last edit.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Computation } from "../../docs/js/computation.mjs";

function setup() {
  const root = { isConnected: true, dataset: {} };
  const form = { value: 0 };
  const calls = [];
  const answers = [];
  const start = () => new Promise((resolve) => calls.push({ inputs: form.value, resolve }));
  const c = new Computation(root, start, { answered: (data) => answers.push(data), failed: (err) => answers.push(err) });
  return { root, form, calls, answers, c };
}

test("edits during a computation cost one more computation, with the last edit", async () => {
  const { root, form, calls, answers, c } = setup();
  form.value = 1;
  const first = c.request({ focusErrors: false });
  for (let v = 2; v <= 20; v++) {
    form.value = v;
    c.request({ focusErrors: false });
  }
  assert.equal(root.dataset.busy, "true");
  await Promise.resolve();
  assert.equal(calls.length, 1);
  calls[0].resolve("r1");
  await first;
  assert.equal(calls.length, 2);
  assert.equal(calls[1].inputs, 20);
  assert.equal(root.dataset.busy, "true");
  calls[1].resolve("r20");
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(answers, ["r1", "r20"]);
  assert.equal(root.dataset.busy, "false");
});

test("a failure is reported and the next edit computes again", async () => {
  const { root, calls, answers, c } = setup();
  const first = c.request({ focusErrors: false });
  await Promise.resolve();
  calls[0].resolve(Promise.reject(new Error("worker failed")));
  await first;
  assert.equal(answers[0].message, "worker failed");
  assert.equal(root.dataset.busy, "false");
  c.request({ focusErrors: false });
  await Promise.resolve();
  assert.equal(calls.length, 2);
});
