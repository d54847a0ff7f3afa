// The floor's worker: Pyodide's documented way of loading a lockfile package, with the
// same files as docs/js/worker.mjs (same indexURL and lockFileURL), then one call of the
// calculators on the ORG365 page's example inputs. Nothing else.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const INPUTS = __INPUTS__;
const base = new URL("./pyodide/", import.meta.url);
const options = { indexURL: base.href, lockFileURL: new URL("pyodide-lock.json", base).href };
if (new URL(import.meta.url).searchParams.has("stock")) {
  // Reference only: the standard library as npm ships it (sources), not the site's precompiled one.
  options.stdLibURL = new URL("./bench-stock/python_stdlib.zip", import.meta.url).href;
}
try {
  const pyodide = await loadPyodide(options);
  await pyodide.loadPackage("calculators", { messageCallback: () => {} });
  const respond = pyodide.pyimport("calculators.view").respond;
  const data = JSON.parse(respond("run", "org365", JSON.stringify(INPUTS)));
  postMessage({ ok: data.output.ok, html: data.html, reason: JSON.stringify(data.output.errors || "") });
} catch (err) {
  postMessage({ ok: false, reason: String(err) });
}
