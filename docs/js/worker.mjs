// Module Web Worker: loads Pyodide and the calculators wheel once, then answers
// {id, op, name, inputs} messages with {id, ok, data} (data from calculators.view).
// Python never runs on the page's main thread.
//
// Speed (see PERFORMANCE.md): the site's lockfile and the wheel it names are fetched at
// once, beside Pyodide's own runtime files, and the wheel is unpacked straight into
// site-packages (fetch checks it against the lockfile's sha256).
import { loadPyodide } from "../pyodide/pyodide.mjs";

const base = new URL("../pyodide/", import.meta.url);
const LOCKFILE_URL = new URL("pyodide-lock.json", base).href;
const PACKAGE = "calculators";

const lockfile = fetch(LOCKFILE_URL).then((r) => {
  if (!r.ok) throw new Error(`pyodide-lock.json: HTTP ${r.status}`);
  return r.json();
});
const wheel = lockfile.then(async (lock) => {
  const pkg = lock.packages?.[PACKAGE];
  if (!pkg || !/^[0-9a-f]{64}$/.test(pkg.sha256 || "")) throw new Error(`${PACKAGE} is not in pyodide-lock.json`);
  const r = await fetch(new URL(pkg.file_name, base), { integrity: sri(pkg.sha256) });
  if (!r.ok) throw new Error(`${pkg.file_name}: HTTP ${r.status}`);
  return { sha256: pkg.sha256, bytes: await r.arrayBuffer() };
});
wheel.catch(() => {}); // reported by boot()

function sri(hex) {
  return "sha256-" + btoa(String.fromCharCode(...hex.match(/../g).map((h) => parseInt(h, 16))));
}

async function boot() {
  const pyodide = await loadPyodide({ indexURL: base.href, lockFileContents: lockfile, packageBaseUrl: base.href });
  const { bytes } = await wheel;
  const dir = pyodide.runPython("import sys; f'/lib/python{sys.version_info[0]}.{sys.version_info[1]}/site-packages'");
  pyodide.unpackArchive(bytes, "wheel", { extractDir: dir });
  return pyodide.pyimport("calculators.view").respond;
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
