// Service worker: keeps the build the reader has seen, for use with no network.
// Written into the site's root by the build (site_build/offline.py), which fills in BUILD:
// this build's id and every file a reader may need (pages, assets, search index, the
// Pyodide runtime, the wheel), each with its sha256.
//
// Two parts: the guide (pages, assets, search index) and the calculators (the Pyodide
// runtime, the wheel, the worker script). A reader who only reads never downloads the
// calculators' runtime; a calculator page asks for it ("keep-calculators") once its own
// first result is in, when it is in the browser's HTTP cache already.
// - install: the guide's files of the build (and the calculators' too if the previous
//   build had them) into one cache named by the build id, each fetched with its sha256 as
//   `integrity` (revalidated, except the runtime and the wheel, whose names never change
//   content): a file of another build fails the install, and the previous build stays in
//   use. A failing or full cache fails the install: the site then simply works from the
//   network as before.
// - activate (only once no page of the previous build is open; no skipWaiting, no claim:
//   a page never gets files of two builds): the caches of older builds are deleted.
// - fetch: a file of the build comes from its cache, once its bytes have been checked
//   against the build's sha256 (once per entry in this service worker's lifetime: Cache
//   Storage can be written by any script of the origin, so a stored copy is code to check,
//   not to trust). An entry that does not match is deleted and not served. A file of the
//   build that is not in the cache comes from the network with its sha256 as `integrity`:
//   a page of this build never gets a file of another build. Anything else, or a cache
//   that fails, goes to the network. With no network, a page that is not in the build
//   gets 404.html.
// A download that fails while the calculators' files are kept drops what it had stored
// of them: the offline copy is whole or has none of them.
const BUILD = @BUILD@;

const SCOPE = new URL("./", self.location.href);
// Cache names are this site's own (the origin may hold other sites): its path and the build.
const PREFIX = `offline:${SCOPE.pathname}:`;
const CACHE = PREFIX + BUILD.id;
const IMMUTABLE = new RegExp(`^${SCOPE.pathname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}pyodide/[^/]+/`);
const FILES = new Map(BUILD.files.map(([path, integrity]) => [new URL(path, SCOPE).href, integrity]));
const NOT_FOUND = new URL("404.html", SCOPE).href;
const PARALLEL = 6;
const CALCULATOR_PREFIXES = ["pyodide/", "js/worker.mjs", "js/worker-client.mjs"].map((p) => new URL(p, SCOPE).href);
const CALCULATORS = [...FILES.keys()].filter((url) => CALCULATOR_PREFIXES.some((p) => url.startsWith(p)));
const GUIDE = [...FILES.keys()].filter((url) => !CALCULATORS.includes(url));
// Put into a build's cache once its calculators' files are all in: the offline copy is whole.
const COMPLETE = new URL("offline-complete", SCOPE).href;

async function store(cache, url, integrity) {
  // (immutable folders come from the HTTP cache when they are there: no second download)
  const cacheMode = IMMUTABLE.test(new URL(url).pathname) ? "default" : "no-cache";
  let response;
  try {
    response = await fetch(new Request(url, { integrity, cache: cacheMode, credentials: "same-origin" }));
  } catch (err) {
    throw new Error(`${url}: ${err.message} (not this build's file, or no network)`);
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  await cache.put(url, response);
}

async function storeAll(cache, urls) {
  const queue = [...urls];
  const worker = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      if (!(await cache.match(url))) await store(cache, url, FILES.get(url));
    }
  };
  // Every download settles before a failure is reported, so that nothing is stored after
  // the caller has dropped what was stored.
  const failed = (await Promise.allSettled(Array.from({ length: PARALLEL }, worker))).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}

async function hadCalculators() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE && (await (await caches.open(name)).match(COMPLETE))) return true;
  }
  return false;
}

// One attempt at a time (two pages may ask at once): a second waits for the first, so that
// no file is stored after a failed attempt has dropped what it stored.
let keeping = Promise.resolve();
function keepCalculators() {
  const attempt = keeping.then(keepCalculatorsNow, keepCalculatorsNow);
  keeping = attempt.catch(() => {});
  return attempt;
}

async function keepCalculatorsNow() {
  const cache = await caches.open(CACHE);
  try {
    await storeAll(cache, CALCULATORS);
  } catch (err) {
    // Half a runtime is no offline copy: drop what was stored (the next page tries again).
    await Promise.all(CALCULATORS.map((url) => cache.delete(url).catch(() => false)));
    throw err;
  }
  await cache.put(COMPLETE, new Response(BUILD.id));
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    try {
      await storeAll(await caches.open(CACHE), GUIDE);
      if (await hadCalculators()) await keepCalculators();
    } catch (err) {
      await caches.delete(CACHE);
      throw err;
    }
  })());
});

// From a page: {type: "keep-calculators"} (a calculator page, after its first result) or
// {type: "status"}; the answer on the message's port: {complete} (true once the whole
// build, the calculators included, is kept) or {complete: false, error}.
self.addEventListener("message", (event) => {
  const port = event.ports[0];
  const type = event.data?.type;
  if (!port || !["keep-calculators", "status"].includes(type)) return;
  event.waitUntil((async () => {
    try {
      if (type === "keep-calculators") await keepCalculators();
      const cache = await caches.open(CACHE);
      port.postMessage({ complete: !!(await cache.match(COMPLETE)) });
    } catch (err) {
      port.postMessage({ complete: false, error: String(err) }); // full or failing cache: the network serves
    }
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
  })());
});

function keyOf(request) {
  const url = new URL(request.url);
  let key = url.origin + url.pathname;
  if (key.endsWith("/index.html")) key = key.slice(0, -"index.html".length);
  return key;
}

// Entries checked in this service worker's lifetime: url → promise of "the bytes match".
const CHECKED = new Map();

async function matches(response, integrity) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.arrayBuffer()));
  return `sha256-${btoa(String.fromCharCode(...digest))}` === integrity;
}

/** The build's cached copy of `key`, if its bytes are the build's; null otherwise. */
async function fromCache(key) {
  try {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(key);
    if (!hit) return null;
    if (!CHECKED.has(key)) CHECKED.set(key, matches(hit.clone(), FILES.get(key)));
    if (await CHECKED.get(key)) return hit;
    CHECKED.delete(key);
    console.warn(`offline copy: ${key} does not match this build's sha256; deleted, fetched again`);
    await cache.delete(key);
    return null;
  } catch {
    return null; // Cache Storage failed: the network answers
  }
}

/** A file of the build from the network: only the build's bytes (fetch's integrity). */
function fromNetwork(request, key) {
  if (request.mode === "navigate") return fetch(request); // a navigation takes no integrity
  return fetch(key, { integrity: FILES.get(key), credentials: "same-origin" });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE.href)) return;
  const key = keyOf(request);
  if (FILES.has(key)) {
    event.respondWith(fromCache(key).then((hit) => hit || fromNetwork(request, key)));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(async () => (await fromCache(NOT_FOUND)) || Response.error()));
  }
});
