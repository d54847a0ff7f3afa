// Module Web Worker: loads Pyodide and the calculators wheel once, then answers
// {id, op, name, inputs} messages with {id, ok, data} (data from calculators.api.respond).
// Python never runs on the page's main thread. A package only one operation needs (the
// workbook writer XlsxWriter for "xlsx") is fetched as the site's lockfile lists it,
// sha256 checked, and unpacked when that operation is first asked for: never at start.
//
// Speed (see PERFORMANCE.md): the runtime's downloads start at once (below); the wheel
// the site's lockfile names is fetched once the WebAssembly is in and unpacked straight
// into site-packages (fetch checks it against the lockfile's sha256). After the first result,
// a memory snapshot of the warm interpreter goes into Cache Storage (unless the build
// turned it off); the next visit restores it instead of starting Python again. Any
// trouble with the snapshot falls back to the normal start.
//
// The build (site_build/plugin.py) writes in the @…@ values: the runtime's versioned
// folder, the standard library's hashed name and the plugin option memory_snapshot.
const site = new URL("../", import.meta.url);
const base = new URL("pyodide/", site); // the lockfile; the wheel's folder is named in it
const runtime = new URL("../@PYODIDE_DIR@/", import.meta.url);
const STDLIB_URL = new URL("@STDLIB_FILE@", runtime).href;
const SNAPSHOTS = "@MEMORY_SNAPSHOT@" === "true";
const WASM_URL = new URL("pyodide.asm.wasm", runtime).href;
const ASM_URL = new URL("pyodide.asm.mjs", runtime).href;
const STDLIB_FROM_PAGE = "calculators:stdlib-from-page"; // the worker's name: see below
const LOCKFILE_URL = new URL("pyodide-lock.json", base).href;
const PACKAGE = "calculators";
// The snapshot is code (it holds the imported calculators modules) and Cache Storage is
// shared by the whole origin: its cache is this site's own, named by the site's path.
const SNAPSHOT_CACHE = `calculators-snapshot-v1:${site.pathname}`;
const SNAPSHOT_KEY = new URL("calculators.snapshot", base).href; // a Cache Storage key, not a file on the server
// Packages installed on the first request for an operation (plugin option extra_wheels).
const ON_DEMAND = { xlsx: "xlsxwriter" };
// Imported lazily by calculators.api; imported before a snapshot so that it holds them.
const WARM_IMPORTS = "import calculators.api, calculators.view, calculators.export, calculators.registry; calculators.registry.calculators()";

// A policy violation in a worker is the worker's own: the page never hears of it. Kept
// as performance marks in the worker's timeline, which the tests read.
self.addEventListener("securitypolicyviolation", (e) => {
  performance.mark("csp-violation", { detail: `${e.effectiveDirective} ${e.blockedURI}` });
});

// The runtime's downloads start at once (PERFORMANCE.md): the loader is imported
// dynamically, so they do not wait for it, and the module it imports is imported now by
// the same URL (the same module instance). The WebAssembly is fetched and compiled as it
// arrives; the standard library is fetched too, or, when the page that made this worker
// named it so (worker-client.mjs), downloaded by the page and posted here as bytes (null:
// fetch it here). Pyodide's own requests for these two URLs are handed these responses
// (`self.fetch` below) and its instantiateStreaming of the WebAssembly the compiled
// module: nothing is requested twice, in any browser (no reliance on the HTTP cache
// sharing a download in flight, which WebKit's does not). A failed download or compile
// is Pyodide's to meet and report, as if it had made the request itself.
const network = fetch.bind(self);
let stdlibPosted = null;
const EARLY = new Map([
  [WASM_URL, network(WASM_URL)],
  [STDLIB_URL, self.name === STDLIB_FROM_PAGE
    ? new Promise((resolve) => { stdlibPosted = resolve; }).then((bytes) => (bytes ? new Response(bytes) : network(STDLIB_URL)))
    : network(STDLIB_URL)],
]);
for (const response of EARLY.values()) response.catch(() => {}); // reported through Pyodide
const wasmResponse = EARLY.get(WASM_URL);
const compiled = WebAssembly.compileStreaming(wasmResponse);
compiled.catch(() => {}); // reported through Pyodide
self.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  const early = EARLY.get(url);
  if (!early) return network(input, init);
  EARLY.delete(url); // once: a restart's requests go to the network
  return early;
};
{
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    if (source !== wasmResponse) return instantiateStreaming(source, imports);
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
}
import(ASM_URL).catch(() => {}); // reported through Pyodide
const loader = import("../@PYODIDE_DIR@/pyodide.mjs");
loader.catch(() => {}); // reported by boot()
let version = null; // of the loaded Pyodide, once imported

const lockfile = fetch(LOCKFILE_URL).then((r) => {
  if (!r.ok) throw new Error(`pyodide-lock.json: HTTP ${r.status}`);
  return r.json();
});
// The wheel is needed only once Python has started: fetched after the WebAssembly has
// arrived, so that it does not share the link with it.
const wheel = Promise.all([lockfile, compiled.catch(() => null)]).then(async ([lock]) => {
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

// Pyodide's loader reports a WebAssembly module it could not fetch or compile (a blocked
// download, a policy without 'wasm-unsafe-eval') only on the console, as the warning
// "wasm instantiation failed!" followed by the error, and then waits forever. Those two
// warnings are turned into a failure here, so the reader is told why at once.
const WASM_FAILED = "wasm instantiation failed!";
let wasmFailed;
const wasmFailure = new Promise((_, reject) => { wasmFailed = reject; });
wasmFailure.catch(() => {}); // reported through boot()
{
  const warn = console.warn.bind(console);
  let next = false;
  console.warn = (...args) => {
    warn(...args);
    if (next) wasmFailed(new Error(`pyodide.asm.wasm: ${String(args[0]?.message ?? args[0])}`));
    next = args[0] === WASM_FAILED;
  };
}

async function start(extra) {
  const { loadPyodide } = await loader;
  const loading = loadPyodide({ indexURL: runtime.href, stdLibURL: STDLIB_URL, lockFileContents: lockfile, packageBaseUrl: base.href, ...extra });
  return Promise.race([loading, wasmFailure]);
}

async function install(pyodide) {
  const { bytes } = await wheel;
  unpack(bytes, pyodide);
}

/** Unpack a wheel's bytes straight into site-packages (no package manager needed). */
function unpack(bytes, py = pyodide) {
  const dir = py.runPython("import sys; f'/lib/python{sys.version_info[0]}.{sys.version_info[1]}/site-packages'");
  py.unpackArchive(bytes, "wheel", { extractDir: dir });
}

async function snapshotCache() {
  try {
    return await caches.open(SNAPSHOT_CACHE);
  } catch {
    return null; // no Cache Storage here: every visit starts Python as the first did
  }
}

/** The stored snapshot, if it was made by this Pyodide from this wheel. */
async function storedSnapshot() {
  const cache = await snapshotCache();
  const hit = cache && (await cache.match(SNAPSHOT_KEY).catch(() => null));
  if (!hit) return null;
  const lock = await lockfile;
  if (hit.headers.get("x-pyodide") !== version || hit.headers.get("x-wheel-sha256") !== lock.packages?.[PACKAGE]?.sha256) {
    await cache.delete(SNAPSHOT_KEY).catch(() => {});
    return null;
  }
  return new Uint8Array(await hit.arrayBuffer());
}

let pyodide = null;
let snapshotDue = false;
let recovering = false; // a snapshot that failed to load may leave rejections behind

async function boot() {
  ({ version } = await loader);
  const snapshot = SNAPSHOTS ? await storedSnapshot().catch(() => null) : null;
  if (snapshot) {
    try {
      pyodide = await start({ _loadSnapshot: snapshot });
      await install(pyodide);
      const respond = pyodide.pyimport("calculators.api").respond;
      performance.mark("calc:snapshot-loaded"); // read by tests and the benchmark
      return respond;
    } catch {
      pyodide = null;
      recovering = true;
      (await snapshotCache())?.delete(SNAPSHOT_KEY).catch(() => {});
    }
  }
  pyodide = await start(SNAPSHOTS ? { _makeSnapshot: true } : {});
  await install(pyodide);
  snapshotDue = SNAPSHOTS;
  return pyodide.pyimport("calculators.api").respond;
}

async function saveSnapshot() {
  try {
    const { sha256 } = await wheel;
    const t0 = performance.now();
    pyodide.runPython(WARM_IMPORTS);
    const bytes = pyodide.makeMemorySnapshot();
    performance.measure("calc:snapshot-made", { start: t0 }); // the time the worker was busy with it
    const headers = { "content-type": "application/octet-stream", "x-pyodide": version, "x-wheel-sha256": sha256 };
    const cache = await snapshotCache();
    if (!cache) return;
    await cache.put(SNAPSHOT_KEY, new Response(bytes, { headers }));
    performance.mark("calc:snapshot-saved");
  } catch {
    // No snapshot: the next visit starts Python as this one did.
  }
}

const installing = new Map(); // package → promise of its installation

/** The package operation `op` needs beyond the calculators, or null. */
function neededFor(op) {
  return Object.hasOwn(ON_DEMAND, op) ? ON_DEMAND[op] : null;
}

/** Install the package operation `op` needs, once (a failed attempt is tried again next
 * time): fetched as the lockfile lists it, sha256 checked, unpacked as the calculators
 * wheel is. Null when `op` needs none. */
function packageFor(op) {
  const name = neededFor(op);
  if (!name) return null;
  if (!installing.has(name)) {
    const done = lockfile.then(async (lock) => {
      const pkg = lock.packages?.[name];
      if (!pkg || !/^[0-9a-f]{64}$/.test(pkg.sha256 || "")) throw new Error(`${name} is not in pyodide-lock.json`);
      const r = await fetch(new URL(pkg.file_name, base), { integrity: sri(pkg.sha256) });
      if (!r.ok) throw new Error(`${pkg.file_name}: HTTP ${r.status}`);
      unpack(await r.arrayBuffer());
      pyodide.runPython("import importlib; importlib.invalidate_caches()"); // new files in site-packages
    });
    done.catch(() => installing.delete(name));
    installing.set(name, done);
  }
  return installing.get(name);
}

const ready = boot();
let booted = false;

// Pyodide's loader can leave a rejected promise of its own behind when a runtime file
// fails to load. Report it through the one channel the page listens to, not as noise.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!booted && !recovering) postMessage({ type: "failed", reason: String(event.reason?.message ?? event.reason).slice(0, 500) });
});

ready.then(
  () => {
    booted = true;
    postMessage({ type: "ready" });
  },
  (err) => postMessage({ type: "failed", reason: String(err && err.message ? err.message : err).slice(0, 500) }),
);

self.onmessage = async (event) => {
  if (stdlibPosted && event.data && "stdlib" in event.data) return stdlibPosted(event.data.stdlib ?? null);
  const { id, op, name, inputs } = event.data || {};
  try {
    const respond = await ready;
    if (neededFor(op)) {
      // The snapshot holds the interpreter as it starts: made before a package is added.
      if (snapshotDue) {
        snapshotDue = false;
        await saveSnapshot();
      }
      await packageFor(op);
    }
    // The result links to the guidance from the site root (build-time results say "../").
    const text = respond(String(op), String(name), JSON.stringify(inputs ?? {}), site.href);
    postMessage({ id, ok: true, data: JSON.parse(text) });
  } catch (err) {
    postMessage({ id, ok: false, reason: String(err && err.message ? err.message : err).slice(0, 500) });
  }
  // Once, right after the first answer is on its way: the page already shows it.
  if (snapshotDue) {
    snapshotDue = false;
    setTimeout(saveSnapshot, 0);
  }
};
