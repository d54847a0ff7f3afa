// Offline use: registers the service worker (sw.js at the site's root, see
// site_build/sw.js) once the page has done its own work, and says once, politely, when
// the site can be used with no network. A text page keeps the guide only (it loads
// nothing of Pyodide, and neither does its service worker); a calculator page, once its
// worker is ready (or has failed for good), so that nothing competes with the first
// result, asks the service worker to keep the calculators' files too, which are then in
// the browser's HTTP cache already. The offline copy is complete, and said so, after that.
// Either waits until the reader has left the page alone for a moment (QUIET_MS).
// When a newer build exists but its offline copy cannot be made (its files fail their
// check, or storage is full), the kept build goes on serving the pages: the site says so,
// politely, once per browser session, so the reader knows to reload when online.
const SW_URL = new URL("../sw.js", import.meta.url);
const SCOPE = new URL("../", import.meta.url);
const SAID = `offline-ready:${SCOPE.pathname}`;
const SAID_STALE = `offline-stale:${SCOPE.pathname}`;
const MESSAGE = "Nettstedet kan nå brukes uten nett.";
const STALE =
  "Det finnes en nyere utgave av nettstedet, men den kunne ikke lagres for bruk uten nett. Du ser den forrige utgaven. Last inn siden på nytt senere.";
const SHOWN_MS = 12000;
// The service worker's copying (the calculators' files: ~13 MB into Cache Storage) waits
// until the reader has left the page alone this long: it never competes with a click or
// with typing (measured: a page switch right after the first result took 4 × as long
// when the copy ran at the same moment; PERFORMANCE.md).
const QUIET_MS = 3000;

function idle() {
  return new Promise((resolve) => ("requestIdleCallback" in window ? requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(resolve, 200)));
}

function hasCalculator() {
  return !!document.querySelector("[data-calc]");
}

async function pageDone() {
  if (document.readyState !== "complete") await new Promise((r) => window.addEventListener("load", r, { once: true }));
  if (hasCalculator()) {
    const { client } = await import("./worker-client.mjs");
    await new Promise((resolve) => {
      const stop = client.onState((state) => {
        // A start that only took long (on a slow network) keeps its worker and is still
        // downloading: wait for it. A worker that failed for good has none.
        if (state === "ready" || (state === "failed" && !client.worker)) {
          queueMicrotask(() => stop());
          resolve();
        }
      });
    });
  }
  await quiet(QUIET_MS);
  await idle();
}

function quiet(ms) {
  return new Promise((resolve) => {
    const events = ["pointerdown", "keydown", "input", "wheel", "touchstart"];
    let timer;
    const again = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const e of events) window.removeEventListener(e, again, true);
        resolve();
      }, ms);
    };
    for (const e of events) window.addEventListener(e, again, { capture: true, passive: true });
    again();
  });
}

function said() {
  try {
    return localStorage.getItem(SAID) === "1";
  } catch {
    return false;
  }
}

function say(message = MESSAGE) {
  const region = document.createElement("div");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.className = "md-typeset";
  region.dataset.offlineStatus = "";
  Object.assign(region.style, {
    position: "fixed", insetInlineStart: "1rem", insetBlockEnd: "1rem", zIndex: "5",
    padding: ".4rem .8rem", borderRadius: ".2rem", fontSize: ".7rem",
    background: "var(--md-default-bg-color)", color: "var(--md-default-fg-color--light)",
    boxShadow: "var(--md-shadow-z1)",
  });
  document.body.append(region);
  // Filled after the region is in the page, so that screen readers announce it.
  setTimeout(() => { region.textContent = message; }, 100);
  setTimeout(() => region.remove(), SHOWN_MS);
}

function ask(worker, type) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data || {});
    worker.postMessage({ type }, [channel.port2]);
  });
}

/** Once per session: a newer build was found but could not be installed while this
 * (older) one is kept and serving the pages. */
const watched = new WeakSet();
function watchForStale(registration) {
  if (!registration || watched.has(registration)) return;
  watched.add(registration);
  const check = (sw) => {
    if (!sw) return;
    sw.addEventListener("statechange", () => {
      if (sw.state !== "redundant" || !registration.active || registration.waiting) return;
      console.warn("offline copy: a newer build of the site could not be installed; the kept one goes on serving");
      try {
        if (sessionStorage.getItem(SAID_STALE)) return;
        sessionStorage.setItem(SAID_STALE, "1");
      } catch {
        // No storage: said anyway (this page once).
      }
      say(STALE);
    });
  };
  check(registration.installing);
  registration.addEventListener("updatefound", () => check(registration.installing));
}

export async function enableOffline() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  await pageDone();
  const registered = await navigator.serviceWorker.register(SW_URL, { scope: SCOPE.pathname });
  watchForStale(registered);
  const registration = await navigator.serviceWorker.ready;
  const answer = await ask(registration.active, hasCalculator() ? "keep-calculators" : "status");
  if (answer.error) console.warn("offline copy not complete:", answer.error); // the network serves
  if (answer.complete && !said()) {
    try {
      localStorage.setItem(SAID, "1");
    } catch {
      // No storage: the reader may hear it again on a later visit.
    }
    say();
  }
}

// The browser looks for a new build as soon as a page of the site is loaded: watched from
// the start (a page with no registration yet gets one in enableOffline).
if ("serviceWorker" in navigator && window.isSecureContext) {
  navigator.serviceWorker.getRegistration(SCOPE.href).then(watchForStale, () => {});
}

enableOffline().catch((err) => {
  // No service worker (blocked, storage full, private mode): the site works online as before.
  console.warn("offline copy not available:", err);
});
