// The floor's worker: Pyodide's documented way of loading a lockfile package, then one
// call of the calculators on the ORG365 page's example inputs. Nothing else.
//   (default) the site's own runtime files, as docs/js/worker.mjs loads them
//   ?npm      the npm package's files as shipped (bench-npm/: npm's standard library),
//             served the same compressed way: the bare npm Pyodide floor
const INPUTS = __INPUTS__;
const npm = new URL(import.meta.url).searchParams.has("npm");
// Only the loader of the files measured is fetched.
const { loadPyodide } = await import(npm ? "./bench-npm/pyodide.mjs" : "./pyodide/__PYODIDE_VERSION__/pyodide.mjs");
const site = new URL("./pyodide/", import.meta.url);
const options = npm
  ? { indexURL: new URL("./bench-npm/", import.meta.url).href }
  : { indexURL: new URL("__PYODIDE_VERSION__/", site).href, stdLibURL: new URL("__PYODIDE_VERSION__/__STDLIB__", site).href };
const lockDir = npm ? new URL("./bench-npm/", import.meta.url) : site;
options.lockFileURL = new URL("pyodide-lock.json", lockDir).href;
options.packageBaseUrl = lockDir.href;
try {
  const pyodide = await loadPyodide(options);
  await pyodide.loadPackage("calculators", { messageCallback: () => {} });
  const respond = pyodide.pyimport("calculators.api").respond;
  const data = JSON.parse(respond("run", "org365", JSON.stringify(INPUTS)));
  postMessage({ ok: data.output.ok, html: data.html, reason: JSON.stringify(data.output.errors || "") });
} catch (err) {
  postMessage({ ok: false, reason: String(err) });
}
