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

const REASONS = {
  nowasm: "Nettleseren din kan ikke kjøre WebAssembly, som kalkulatoren trenger.",
  noworker: "Nettleseren din kunne ikke starte en bakgrunnsprosess (Web Worker) for kalkulatoren.",
  script: "Programfilen til kalkulatoren kunne ikke lastes.",
  load: "Python-motoren eller kalkulatorpakken kunne ikke lastes eller ble avvist.",
  timeout: "Kalkulatoren startet ikke innen 10 sekunder. Nettleseren eller nettverket kan blokkere filene den trenger (for eksempel WebAssembly).",
};

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
    const go = () => this.start();
    if ("requestIdleCallback" in window) requestIdleCallback(go, { timeout: 300 });
    else setTimeout(go, 0);
  }

  start() {
    if (this.worker || this.state === "failed" || this.state === "loading") return;
    this.setState("loading");
    if (typeof WebAssembly !== "object") return this.fail("nowasm");
    try {
      this.worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module", name: STDLIB_FROM_PAGE });
    } catch (err) {
      return this.fail("noworker", String(err));
    }
    // Its standard library: downloaded from here, so that it does not wait for the worker
    // script to arrive and start, and posted to it as bytes (null: it fetches it itself).
    const worker = this.worker;
    fetch(STDLIB_URL)
      .then((r) => (r.ok ? r.arrayBuffer() : null))
      .catch(() => null)
      .then((bytes) => worker.postMessage({ stdlib: bytes }, bytes ? [bytes] : []));
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
    if (msg.type === "failed") return this.fail("load", msg.reason);
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

  /** Run `op` ("run", "csv" or "xlsx") of calculator `name` on `inputs` in the worker. */
  async call(op, name, inputs) {
    await this.whenReady();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, name, inputs });
    });
  }
}

export const client = new WorkerClient();
