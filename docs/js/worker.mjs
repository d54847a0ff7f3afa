// Module Web Worker: loads Pyodide and the calculators wheel once, then answers
// {id, op, name, inputs} messages with {id, ok, data} (data from calculators.api.respond).
// Python never runs on the page's main thread. A package only one operation needs (the
// workbook writer XlsxWriter for "xlsx") is fetched as the site's lockfile lists it,
// sha256 checked, and unpacked when that operation is first asked for: never at start.
//
// Every file this worker runs is checked against the sha256 the build wrote in below
// before it is used: the lockfile (which carries the wheels' sha256), the WebAssembly
// runtime and the standard library (also when the page posts it), the loader scripts and
// the wheels. A mismatch fails the start with the reason "integrity" (worker-client.mjs
// says so). The loader scripts (pyodide.mjs, pyodide.asm.mjs) are module imports, which
// take no integrity in a worker: each is fetched and checked first, then imported by the
// same URL, which the browser reads from the HTTP cache the check has just filled (the
// runtime's folder is served immutable); the service worker checks them again whenever
// it serves them (sw.js).
//
// Speed (see PERFORMANCE.md): the runtime's downloads start at once (below); the wheel
// the site's lockfile names is fetched once the WebAssembly is in and unpacked straight
// into site-packages. Right after the warm imports, before the page's first computation
// (so that nothing the reader typed is in it), a memory snapshot of the interpreter is
// made; it goes into Cache Storage once the first answer is on its way (unless the build
// turned snapshots off), and the next visit restores it instead of starting Python again.
// Any trouble with the snapshot falls back to the normal start, with a console warning.
//
// The build (site_build/plugin.py) writes in the @…@ values: the runtime's versioned
// folder, the standard library's hashed name, the plugin option memory_snapshot, the
// sha256 of the lockfile, the WebAssembly and the standard library, the heap size the
// WebAssembly declares, the build's key for snapshots and the build's id (compared with
// the id the page's client gives in this worker's name: a page of another build is refused).
const site = new URL("../", import.meta.url);
const base = new URL("pyodide/", site); // the lockfile; the wheel's folder is named in it
const runtime = new URL("../@PYODIDE_DIR@/", import.meta.url);
const STDLIB_URL = new URL("@STDLIB_FILE@", runtime).href;
const SNAPSHOTS = "@MEMORY_SNAPSHOT@" === "true";
const WASM_URL = new URL("pyodide.asm.wasm", runtime).href;
const ASM_URL = new URL("pyodide.asm.mjs", runtime).href;
const LOADER_URL = new URL("pyodide.mjs", runtime).href;
const STDLIB_FROM_PAGE = "calculators:stdlib-from-page"; // the role of the page's client's worker: see below
// This build's id (the plugin writes it into the page's calculators and worker-client.mjs
// too). The page names its build in the worker's name: "<role> <build id>".
const BUILD_ID = "@BUILD_ID@";
const [ROLE, PAGE_BUILD] = self.name.split(" ");
const LOCKFILE_URL = new URL("pyodide-lock.json", base).href;
const SHA256 = {
  lockfile: "@LOCKFILE_SHA256@", wasm: "@WASM_SHA256@", stdlib: "@STDLIB_SHA256@",
  loader: "@LOADER_SHA256@", asm: "@ASM_SHA256@",
};
// Pyodide restores a snapshot into the heap the WebAssembly module declares, which does
// not grow for it: a larger snapshot cannot be restored, so none is kept.
const SNAPSHOT_MAX_BYTES = Number("@WASM_HEAP_BYTES@");
// Names this build's runtime, standard library, lockfile and wheels: a snapshot made by
// another build (or another Pyodide) is never restored.
const BUILD_KEY = "@SNAPSHOT_KEY@";
// How long the worker waits for the standard library the page downloads for it before
// it fetches the file itself.
const STDLIB_WAIT_MS = 65000;
const PACKAGE = "calculators";
// The snapshot is code (it holds the imported calculators modules) and Cache Storage is
// shared by the whole origin: its cache is this site's own, named by the site's path.
const SNAPSHOT_CACHE = `calculators-snapshot-v1:${site.pathname}`;
const SNAPSHOT_KEY = new URL("calculators.snapshot", base).href; // a Cache Storage key, not a file on the server
// Packages installed on the first request for an operation (plugin option extra_wheels).
const ON_DEMAND = { xlsx: "xlsxwriter" };
// Imported lazily by calculators.api; imported before the snapshot so that it holds them.
const WARM_IMPORTS = "import calculators.api, calculators.machinery.view, calculators.machinery.export, calculators.machinery.registry; calculators.machinery.registry.calculators()";

/** A file that is not the one the build lists: the start fails with this reason. */
class IntegrityError extends Error {
  code = "integrity";
}

/** A page of another build asked for this worker (a deploy came between them). */
class BuildError extends Error {
  code = "build";
}

const subtle = self.crypto?.subtle; // only in a secure context (https, localhost)

// The page's go (see the runtime's downloads below): resolved by its message {go: true}.
let letGo = null;
const goAhead = ROLE === STDLIB_FROM_PAGE ? new Promise((resolve) => { letGo = resolve; }) : Promise.resolve();
goAhead.then(() => performance.mark("calc:go")); // read by the tests

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** `bytes` if their sha256 is `sha256`, else an IntegrityError naming `what`. Hashed on
 * the page's go (below), as the rest of the start's CPU work. */
async function checked(bytes, sha256, what) {
  await goAhead;
  const t0 = performance.now();
  const got = hex(await subtle.digest("SHA-256", bytes));
  performance.measure(`calc:sha256 ${what}`, { start: t0 }); // its cost, read by PERFORMANCE.md's notes
  if (got !== sha256) throw new IntegrityError(`${what}: sha256 ${got.slice(0, 16)}… is not the build's ${sha256.slice(0, 16)}…`);
  return bytes;
}

/** The bytes of `url`, checked against `sha256` (Web Crypto; without it, fetch's own
 * integrity check, whose failure cannot be told from a network error). */
async function fetchChecked(url, sha256, what, get = network, init = {}) {
  const r = await get(url, subtle ? init : { ...init, integrity: sri(sha256) });
  if (!r.ok) throw new Error(`${what}: HTTP ${r.status}`);
  const bytes = await r.arrayBuffer();
  return subtle ? checked(bytes, sha256, what) : bytes;
}

function sri(hexDigest) {
  return "sha256-" + btoa(String.fromCharCode(...hexDigest.match(/../g).map((h) => parseInt(h, 16))));
}

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
//
// Downloading is not all the start does: compiling the WebAssembly (on every core V8 may
// use), importing the loader and starting Python take CPU. A worker the page's client made
// (its role, below) does that only once the page posts {go: true}: when the page has
// painted, loaded and gone idle, so that Material's first tasks and the calculators'
// set-up do not share a two-core machine with it (PERFORMANCE.md, «Lighthouse»); the
// files' checks wait for it too. The downloads do not: the WebAssembly's bytes are read
// in full for its check meanwhile (without Web Crypto there is no such read, and its
// download may pause until the go).
const network = fetch.bind(self);
let stdlibPosted = null;
const posted = ROLE === STDLIB_FROM_PAGE
  ? new Promise((resolve) => {
      stdlibPosted = resolve;
      setTimeout(() => resolve(null), STDLIB_WAIT_MS); // the page's download is stuck: fetch it here
    })
  : Promise.resolve(null);
// The standard library: the page's bytes if they are the file the build lists, else fetched here.
const stdlib = posted.then(async (bytes) => {
  if (bytes && subtle) {
    try {
      return await checked(bytes, SHA256.stdlib, "standard library from the page");
    } catch (err) {
      console.warn(`calculators: ${err.message}; fetching it again`);
    }
  }
  return fetchChecked(STDLIB_URL, SHA256.stdlib, "standard library");
});
const wasmResponse = network(WASM_URL);
// The WebAssembly is compiled as it arrives (from the response itself, so the browser can
// cache the compiled code) and checked from a copy of the same bytes before it runs.
const wasmChecked = wasmResponse.then(async (r) => {
  if (!r.ok) throw new Error(`pyodide.asm.wasm: HTTP ${r.status}`);
  if (!subtle) return; // no Web Crypto: unchecked here (a service worker still checks it)
  await checked(await r.clone().arrayBuffer(), SHA256.wasm, "pyodide.asm.wasm");
});
const EARLY = new Map([
  [WASM_URL, wasmResponse],
  [STDLIB_URL, stdlib.then((bytes) => new Response(bytes))],
]);
for (const response of EARLY.values()) response.catch(() => {}); // reported through Pyodide
wasmChecked.catch(() => {}); // reported through start()
const compiled = goAhead.then(() => WebAssembly.compileStreaming(wasmResponse));
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
    await wasmChecked; // first: a WebAssembly that is not the build's fails by that reason
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
}
// The loader scripts: checked, then imported (see the top of this file). A loader that is
// not the build's fails the start by that reason, before any of its code has run. Fetched
// at high priority, as the module imports they replace were: at default priority they
// lost the link to the WebAssembly and the first result came ~0.26 s later (PERFORMANCE.md).
const asmChecked = fetchChecked(ASM_URL, SHA256.asm, "pyodide.asm.mjs", network, { priority: "high" });
asmChecked.then(() => goAhead).then(() => import(ASM_URL)).catch(() => {}); // reported through the loader below
const loader = Promise.all([fetchChecked(LOADER_URL, SHA256.loader, "pyodide.mjs", network, { priority: "high" }), asmChecked, goAhead])
  .then(() => import(LOADER_URL));
loader.catch(() => {}); // reported by boot()
let version = null; // of the loaded Pyodide, once imported

const lockfile = fetchChecked(LOCKFILE_URL, SHA256.lockfile, "pyodide-lock.json", fetch)
  .then((bytes) => JSON.parse(new TextDecoder().decode(bytes)));
// The wheel is needed only once Python has started: fetched after the WebAssembly has
// arrived, so that it does not share the link with it.
const wheel = Promise.all([lockfile, compiled.catch(() => null)]).then(async ([lock]) => {
  const pkg = lock.packages?.[PACKAGE];
  if (!pkg || !/^[0-9a-f]{64}$/.test(pkg.sha256 || "")) throw new Error(`${PACKAGE} is not in pyodide-lock.json`);
  return { sha256: pkg.sha256, bytes: await fetchChecked(new URL(pkg.file_name, base), pkg.sha256, pkg.file_name) };
});
wheel.catch(() => {}); // reported by boot()

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
    if (next) wasmFailed(args[0] instanceof IntegrityError ? args[0] : new Error(`pyodide.asm.wasm: ${String(args[0]?.message ?? args[0])}`));
    next = args[0] === WASM_FAILED;
  };
}

async function start(extra) {
  const { loadPyodide } = await loader;
  const loading = loadPyodide({ indexURL: runtime.href, stdLibURL: STDLIB_URL, lockFileContents: lockfile, packageBaseUrl: base.href, ...extra });
  // A file that is not the build's fails the start by that reason (Pyodide would only see
  // a failed download or instantiation, and report it as its own error).
  const never = () => new Promise(() => {});
  return Promise.race([wasmChecked.then(never), stdlib.then(never), lockfile.then(never), loading, wasmFailure]);
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

async function dropSnapshot(why) {
  console.warn(`calculators: memory snapshot not used (${why}); Python starts as on a first visit`);
  const cache = await snapshotCache();
  await cache?.delete(SNAPSHOT_KEY).catch(() => {});
}

/** The stored snapshot, if this build made it with this Pyodide and it can be restored. */
async function storedSnapshot() {
  const cache = await snapshotCache();
  const hit = cache && (await cache.match(SNAPSHOT_KEY).catch(() => null));
  if (!hit) return null;
  if (hit.headers.get("x-pyodide") !== version || hit.headers.get("x-build") !== BUILD_KEY) {
    await dropSnapshot("made by another build of the site or another Pyodide");
    return null;
  }
  const bytes = new Uint8Array(await hit.arrayBuffer());
  const heap = heapOf(bytes);
  if (!(heap <= SNAPSHOT_MAX_BYTES)) {
    await dropSnapshot(`a heap of ${heap} bytes, more than the ${SNAPSHOT_MAX_BYTES} bytes the runtime's heap starts with`);
    return null;
  }
  return bytes;
}

/** The size of the heap a snapshot holds: Pyodide's snapshot is a header (its second
 * 32-bit word is the header's length) followed by a copy of the heap. */
function heapOf(bytes) {
  if (bytes.byteLength < 16) return Infinity;
  return bytes.byteLength - new DataView(bytes.buffer, bytes.byteOffset, 16).getUint32(4, true);
}

let pyodide = null;
let snapshotMade = null; // the snapshot's bytes until they are stored
let recovering = false; // a snapshot that failed to load may leave rejections behind

async function boot() {
  if (PAGE_BUILD && PAGE_BUILD !== BUILD_ID) throw new BuildError(`the page is build ${PAGE_BUILD}, this worker ${BUILD_ID}`);
  ({ version } = await loader);
  const snapshot = SNAPSHOTS ? await storedSnapshot().catch((err) => { console.warn("calculators: stored snapshot unreadable", err); return null; }) : null;
  if (snapshot) {
    try {
      pyodide = await start({ _loadSnapshot: snapshot });
      await install(pyodide);
      const respond = pyodide.pyimport("calculators.api").respond;
      performance.mark("calc:snapshot-loaded"); // read by tests and the benchmark
      return respond;
    } catch (err) {
      if (err?.code === "integrity") throw err; // a file of the start itself was refused
      pyodide = null;
      recovering = true;
      await dropSnapshot(`restoring it failed: ${err?.message ?? err}`);
    }
  }
  pyodide = await start(SNAPSHOTS ? { _makeSnapshot: true } : {});
  await install(pyodide);
  if (SNAPSHOTS) snapshotMade = makeSnapshot();
  return pyodide.pyimport("calculators.api").respond;
}

/** The snapshot of the warm interpreter, made before any computation the page asks for:
 * it holds the calculators' modules and nothing the reader typed. Null when it cannot be
 * kept (too large to restore, or Pyodide refused). */
function makeSnapshot() {
  try {
    const t0 = performance.now();
    pyodide.runPython(WARM_IMPORTS);
    const bytes = pyodide.makeMemorySnapshot();
    performance.measure("calc:snapshot-made", { start: t0 }); // the time the worker was busy with it
    if (heapOf(bytes) > SNAPSHOT_MAX_BYTES) {
      console.warn(`calculators: memory snapshot not kept: its heap of ${heapOf(bytes)} bytes is more than the ${SNAPSHOT_MAX_BYTES} bytes the runtime's heap starts with (it could not be restored)`);
      return null;
    }
    return bytes;
  } catch (err) {
    console.warn("calculators: memory snapshot not made", err);
    return null;
  }
}

/** Store the snapshot made at start (after the first answer, so that it never delays one). */
async function saveSnapshot(bytes) {
  try {
    const { sha256 } = await wheel;
    const headers = { "content-type": "application/octet-stream", "x-pyodide": version, "x-build": BUILD_KEY, "x-wheel-sha256": sha256 };
    const cache = await snapshotCache();
    if (!cache) return console.warn("calculators: memory snapshot not stored: no Cache Storage");
    await cache.put(SNAPSHOT_KEY, new Response(bytes, { headers }));
    performance.mark("calc:snapshot-saved");
  } catch (err) {
    // No snapshot: the next visit starts Python as this one did.
    console.warn("calculators: memory snapshot not stored", err);
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
      unpack(await fetchChecked(new URL(pkg.file_name, base), pkg.sha256, pkg.file_name));
      pyodide.runPython("import importlib; importlib.invalidate_caches()"); // new files in site-packages
    });
    done.catch(() => installing.delete(name));
    installing.set(name, done);
  }
  return installing.get(name);
}

const ready = boot();
let booted = false;

function failure(err) {
  const code = ["integrity", "build"].includes(err?.code) ? err.code : "load";
  return { type: "failed", code, reason: String(err?.message ?? err).slice(0, 500) };
}

// Pyodide's loader can leave a rejected promise of its own behind when a runtime file
// fails to load. Report it through the one channel the page listens to, not as noise.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!booted && !recovering) postMessage(failure(event.reason));
});

ready.then(
  () => {
    booted = true;
    postMessage({ type: "ready" });
  },
  (err) => postMessage(failure(err)),
);

self.onmessage = async (event) => {
  if (stdlibPosted && event.data && "stdlib" in event.data) return stdlibPosted(event.data.stdlib ?? null);
  if (event.data?.go === true) return letGo?.();
  const { id, op, name, inputs } = event.data || {};
  try {
    const respond = await ready;
    if (neededFor(op)) await packageFor(op);
    // The result links to the guidance from the site root (build-time results say "../").
    const text = respond(String(op), String(name), JSON.stringify(inputs ?? {}), site.href);
    postMessage({ id, ok: true, data: JSON.parse(text) });
  } catch (err) {
    postMessage({ id, ok: false, reason: String(err && err.message ? err.message : err).slice(0, 500) });
  }
  // Once, right after the first answer is on its way: the page already shows it.
  if (snapshotMade) {
    const bytes = snapshotMade;
    snapshotMade = null;
    setTimeout(() => saveSnapshot(bytes), 0);
  }
};
