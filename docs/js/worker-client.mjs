// The one worker of the visit. Module scope survives Material's instant navigation,
// so every calculator page after the first reuses the same Pyodide.

// The reader is told within 10 s of opening the page when the calculator cannot start.
// The clock runs from navigation start (time already spent loading the page counts),
// but the worker always gets at least MIN_START_MS. A late start still revives it.
const START_TIMEOUT_MS = 9000;
const MIN_START_MS = 3000;
// The standard library is downloaded here for the worker (see start()); the build writes
// its path in (site_build/plugin.py), and the worker's name tells it to wait for it.
const STDLIB_URL = new URL("../@PYODIDE_STDLIB@", import.meta.url);
const STDLIB_FROM_PAGE = "calculators:stdlib-from-page";
// This build's id (site_build/plugin.py writes it here, into the worker and onto every
// calculator of the built pages as data-build). A page whose markup, modules and worker
// are not all of one build (a deploy came between them: Material's instant navigation
// brings a new build's page into an old build's scripts) never computes: it is loaded
// again, whole, once; if it is still mixed, the calculator says why.
const BUILD = "@BUILD_ID@";
const RELOADED = "calculators:build-reload";
// The page's download of the standard library is given up after this long (the worker
// then fetches it itself); a call the worker has not answered after CALL_TIMEOUT_MS
// fails through the page's usual path for a failed computation. The slowest call, the
// first Excel file (it downloads XlsxWriter first), takes a few seconds.
const STDLIB_TIMEOUT_MS = 60000;
const CALL_TIMEOUT_MS = 60000;
// The worker's memory snapshot (worker.mjs): its cache, named by the site's path.
const SNAPSHOT_CACHE = `calculators-snapshot-v1:${new URL("../", import.meta.url).pathname}`;

const REASONS = {
  nowasm: "Nettleseren din kan ikke kjøre WebAssembly, som kalkulatoren trenger.",
  noworker: "Nettleseren din kunne ikke starte en bakgrunnsprosess (Web Worker) for kalkulatoren.",
  script: "Programfilen til kalkulatoren kunne ikke lastes.",
  load: "Python-motoren eller kalkulatorpakken kunne ikke lastes eller ble avvist.",
  integrity: "En av filene kalkulatoren trenger, var ikke den nettstedet publiserte, og ble avvist. Last inn siden på nytt om litt.",
  noanswer: (seconds) => `Kalkulatoren svarte ikke innen ${seconds} sekunder.`,
  build: "Siden og kalkulatoren er fra to ulike utgaver av nettstedet. Last inn siden på nytt.",
  timeout: "Kalkulatoren startet ikke innen 10 sekunder. Nettleseren eller nettverket kan blokkere filene den trenger (for eksempel WebAssembly).",
};

// Pyodide's downloads wait for the page's first contentful paint to be reported: on a slow
// line the page's own style sheet and text (the build-time result) come first, and
// Lighthouse's simulation does not count 4 MB of Pyodide as what the largest paint waited
// for. A frame's animation callback is not proof of a paint (in Lighthouse's runs the
// paint came 0.9-1.6 s after it). A page in a background tab paints nothing: it starts
// at once; after Material's instant navigation the document has long been painted.
function firstPaint() {
  return new Promise((resolve) => {
    if (document.visibilityState !== "visible") return resolve();
    if (!(PerformanceObserver.supportedEntryTypes || []).includes("paint")) {
      requestAnimationFrame(() => setTimeout(resolve, 0));
      return;
    }
    // buffered: a paint that came before this call is reported too.
    const observer = new PerformanceObserver((list) => {
      if (!list.getEntries().some((e) => e.name === "first-contentful-paint")) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: "paint", buffered: true });
  });
}

// Then the page posts the worker its go (worker.mjs): the worker downloads from the first
// paint on, but compiles the WebAssembly and starts Python only once the page has loaded
// and the main thread is idle. Material's bundle and the calculators' set-up run in the
// first tasks after the paint, and a worker compiling beside them took CPU from them on a
// two-core machine: in Lighthouse's mobile audit the calculator pages' blocking time fell
// when the start waited (PERFORMANCE.md).
function pageSettled() {
  return new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else addEventListener("load", () => resolve(), { once: true });
  }).then(() => idle(500));
}

/** The main thread's next idle moment, at most `timeout` ms away (without
 * requestIdleCallback: the next task). */
function idle(timeout) {
  return new Promise((resolve) => {
    if ("requestIdleCallback" in window) requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 0);
  });
}

class WorkerClient {
  constructor() {
    this.state = "idle"; // idle | scheduled | loading | ready | failed
    this.reason = "";
    this.detail = "";
    this.worker = null;
    this.seq = 0;
    this.pending = new Map();
    this.waiting = [];
    this.listeners = new Set();
    this.painted = null; // a promise while waiting for the first paint, then true
  }

  onState(fn) {
    this.listeners.add(fn);
    fn(this.state, this.reason);
    return () => this.listeners.delete(fn);
  }

  setState(state, reason = "") {
    this.state = state;
    this.reason = reason;
    for (const fn of [...this.listeners]) {
      try { fn(state, reason); } catch (err) { console.warn("calculator state listener failed", err); }
    }
  }

  /** Start once the page is idle (calculator pages only call this). */
  startWhenIdle() {
    if (this.state !== "idle") return;
    this.setState("scheduled");
    idle(300).then(() => this.start());
  }

  start() {
    if (this.worker || this.state === "failed" || this.state === "loading") return;
    if (!this.painted) {
      this.painted = firstPaint();
      this.painted.then(() => {
        this.painted = true;
        this.start();
      });
      return;
    }
    if (this.painted !== true) return; // still waiting for the paint
    if (!samePage()) return this.otherBuild();
    this.setState("loading");
    if (typeof WebAssembly !== "object") return this.fail("nowasm");
    try {
      this.worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module", name: `${STDLIB_FROM_PAGE} ${BUILD}` });
    } catch (err) {
      return this.fail("noworker", String(err));
    }
    // Its standard library: downloaded from here, so that it does not wait for the worker
    // script to arrive and start, and posted to it as bytes (null: it fetches it itself).
    const worker = this.worker;
    fetch(STDLIB_URL, { signal: AbortSignal.timeout(STDLIB_TIMEOUT_MS) })
      .then((r) => (r.ok ? r.arrayBuffer() : null))
      .catch(() => null)
      .then((bytes) => worker.postMessage({ stdlib: bytes }, bytes ? [bytes] : []));
    pageSettled().then(() => worker.postMessage({ go: true }));
    this.worker.onmessage = (event) => this.receive(event.data || {});
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail("script", event.message || "");
    };
    const wait = Math.max(MIN_START_MS, START_TIMEOUT_MS - performance.now());
    this.timer = setTimeout(() => {
      if (this.state === "loading") this.fail("timeout");
    }, wait);
  }

  fail(code, detail = "") {
    clearTimeout(this.timer);
    this.detail = detail;
    // A timeout leaves the worker loading: if it becomes ready later, calculators come alive.
    if (code !== "timeout" && this.worker) {
      this.worker.terminate();
      this.worker = null;
    }
    this.setState("failed", REASONS[code] || REASONS.load);
    for (const w of this.waiting.splice(0)) w.reject(new Error(this.reason));
    for (const [, p] of this.pending) p.reject(new Error(this.reason));
    this.pending.clear();
  }

  receive(msg) {
    if (msg.type === "ready") {
      clearTimeout(this.timer);
      this.setState("ready");
      for (const w of this.waiting.splice(0)) w.resolve();
      return;
    }
    if (msg.type === "failed" && msg.code === "build") return this.otherBuild(msg.reason);
    if (msg.type === "failed") return this.fail(msg.code === "integrity" ? "integrity" : "load", msg.reason);
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.data);
    else p.reject(new Error(msg.reason));
  }

  whenReady() {
    if (this.state === "ready") return Promise.resolve();
    if (this.state === "failed" && !this.worker) return Promise.reject(new Error(this.reason));
    this.start();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** The page, these modules or the worker are of another build: load the page again
   * (once), else fail with that reason. */
  otherBuild(detail = "") {
    let again = false;
    try {
      again = sessionStorage.getItem(RELOADED) === `${location.pathname} ${BUILD}`;
      sessionStorage.setItem(RELOADED, `${location.pathname} ${BUILD}`);
    } catch {
      again = true; // no storage: no reload that could repeat itself
    }
    if (!again) {
      console.warn(`calculators: page and scripts of two builds (${detail || `scripts ${BUILD}`}); loading the page again`);
      location.reload();
    }
    this.fail("build", detail);
  }

  /** Run `op` ("run", "csv" or "xlsx") of calculator `name` on `inputs` in the worker. */
  async call(op, name, inputs) {
    if (!samePage()) {
      this.otherBuild();
      throw new Error(REASONS.build);
    }
    await this.whenReady();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(REASONS.noanswer(CALL_TIMEOUT_MS / 1000)));
      }, CALL_TIMEOUT_MS);
      const done = (settle) => (value) => {
        clearTimeout(timer);
        settle(value);
      };
      this.pending.set(id, { resolve: done(resolve), reject: done(reject) });
      this.worker.postMessage({ id, op, name, inputs });
    });
  }
}

/** Every calculator on the page is of this build. */
function samePage() {
  return [...document.querySelectorAll("[data-calc][data-build]")].every((el) => el.dataset.build === BUILD);
}

export const client = new WorkerClient();

/** Delete the worker's stored memory snapshot (the next visit starts Python from the
 * verified files). It never holds what the reader typed (worker.mjs makes it before the
 * first computation); this is for a page that wants nothing of the visit kept. */
export async function forgetSnapshot() {
  try {
    return await caches.delete(SNAPSHOT_CACHE);
  } catch {
    return false; // no Cache Storage: nothing is kept
  }
}
