// Module Web Worker: loads Pyodide and the calculators wheel once, then answers
// {id, op, name, inputs} messages with {id, ok, data} (data from calculators.view).
// Python never runs on the page's main thread.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const base = new URL("../pyodide/", import.meta.url);

async function boot() {
  const pyodide = await loadPyodide({
    indexURL: base.href,
    lockFileURL: new URL("pyodide-lock.json", base).href,
    fullStdLib: false,
  });
  let failure = null;
  await pyodide.loadPackage("calculators", {
    messageCallback: () => {},
    errorCallback: (msg) => { failure = msg; },
  });
  if (failure) throw new Error(failure);
  const view = pyodide.pyimport("calculators.view");
  return view.respond;
}

const ready = boot();
let booted = false;

// Pyodide's loader can leave a rejected promise of its own behind when a runtime file
// fails to load. Report it through the one channel the page listens to, not as noise.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!booted) postMessage({ type: "failed", reason: String(event.reason?.message ?? event.reason).slice(0, 500) });
});

ready.then(
  () => {
    booted = true;
    postMessage({ type: "ready" });
  },
  (err) => postMessage({ type: "failed", reason: String(err && err.message ? err.message : err).slice(0, 500) }),
);

self.onmessage = async (event) => {
  const { id, op, name, inputs } = event.data || {};
  try {
    const respond = await ready;
    const text = respond(String(op), String(name), JSON.stringify(inputs ?? {}));
    postMessage({ id, ok: true, data: JSON.parse(text) });
  } catch (err) {
    postMessage({ id, ok: false, reason: String(err && err.message ? err.message : err).slice(0, 500) });
  }
};
