// What the site keeps on the reader's device, in one place: the names it keeps them
// under, the reader's choice whether a calculator may keep what they type, and «Slett alt
// nettstedet har lagret» on the page «Personvern» (docs/personvern.md). No imports: the
// privacy page loads this module and nothing of the calculators.
//
// What is kept, and by whom (the page says the same to the reader):
// - localStorage `calc:v1:<calculator>`: a calculator's inputs (persistence.mjs), unless
//   the reader turned saving off; `calc:save-inputs` = "off": that choice (this module);
//   `offline-ready:<site path>`: the offline notice was given (offline.mjs);
//   `<site path>.__palette`: the light or dark theme (Material's own script);
// - Cache Storage: the offline copy (`offline:<site path>:<build>`, sw.js) and the
//   calculators' memory snapshot (`calculators-snapshot-v1:<site path>`, worker.mjs);
//   every cache named `<something>:<site path>` or `<something>:<site path>:<more>` is
//   this site's;
// - the service worker registered for the site's root (offline.mjs).
const SITE = new URL("../", import.meta.url);
const PATH = SITE.pathname;
export const INPUTS_PREFIX = "calc:v1:";
export const SAVE_KEY = "calc:save-inputs";
const OFFLINE_SAID = `offline-ready:${PATH}`;
const THEME_PREFIX = `${PATH}.__`; // Material's __md_set keys for this site
const OUR_CACHE = new RegExp(`^[^:]+:${PATH.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(:|$)`);

function storage(kind) {
  try {
    return kind === "session" ? window.sessionStorage : window.localStorage;
  } catch {
    return null; // blocked: nothing is kept there
  }
}

function keys(store) {
  if (!store) return [];
  try {
    return Array.from({ length: store.length }, (_, i) => store.key(i)).filter((k) => k !== null);
  } catch {
    return [];
  }
}

function remove(store, key) {
  try {
    store.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/** Whether the calculators may keep what the reader types (on unless turned off). */
export function savingOn() {
  try {
    return storage("local")?.getItem(SAVE_KEY) !== "off";
  } catch {
    return true;
  }
}

/** Remove every calculator's saved inputs (`name`: only that calculator's), from
 * localStorage and sessionStorage. Returns how many entries were removed. */
export function forgetInputs(name = null) {
  let n = 0;
  for (const kind of ["local", "session"]) {
    const store = storage(kind);
    for (const key of keys(store)) {
      const ours = name === null ? key.startsWith(INPUTS_PREFIX) : key === INPUTS_PREFIX + name;
      if (ours && remove(store, key)) n += 1;
    }
  }
  return n;
}

/** Turn saving on or off. Off: what was saved is removed, and only the choice is kept. */
export function setSaving(on) {
  const store = storage("local");
  if (on) {
    if (store) remove(store, SAVE_KEY);
    return true;
  }
  forgetInputs();
  try {
    store?.setItem(SAVE_KEY, "off");
    return true;
  } catch {
    return false; // the choice cannot be kept: nothing else is either
  }
}

/** Delete everything this site keeps in this browser. Returns what was deleted:
 * {inputs, settings, offlineCopies, snapshots, otherCaches, serviceWorkers}. */
export async function deleteEverything() {
  const done = { inputs: 0, settings: 0, offlineCopies: 0, snapshots: 0, otherCaches: 0, serviceWorkers: 0 };
  done.inputs = forgetInputs();
  for (const kind of ["local", "session"]) {
    const store = storage(kind);
    for (const key of keys(store)) {
      if ((key === SAVE_KEY || key === OFFLINE_SAID || key.startsWith(THEME_PREFIX)) && remove(store, key)) done.settings += 1;
    }
  }
  if ("serviceWorker" in navigator) {
    try {
      for (const reg of await navigator.serviceWorker.getRegistrations()) {
        if (new URL(reg.scope).pathname === PATH && (await reg.unregister())) done.serviceWorkers += 1;
      }
    } catch {
      // No access to service workers here: there is none of ours to remove.
    }
  }
  if (typeof caches !== "undefined") {
    try {
      for (const name of await caches.keys()) {
        if (!OUR_CACHE.test(name) || !(await caches.delete(name))) continue;
        if (name.startsWith("offline:")) done.offlineCopies += 1;
        else if (name.includes("snapshot")) done.snapshots += 1;
        else done.otherCaches += 1;
      }
    } catch {
      // Cache Storage unavailable (a private window in some browsers): it holds nothing.
    }
  }
  return done;
}

const count = (n, one, many) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** What `deleteEverything` deleted, in words. */
export function describe(done) {
  const parts = [];
  if (done.inputs) parts.push(`lagrede inndata fra ${count(done.inputs, "kalkulator", "kalkulatorer")}`);
  if (done.settings) parts.push(count(done.settings, "innstilling", "innstillinger"));
  if (done.offlineCopies) parts.push("kopien av nettstedet for bruk uten nett");
  if (done.snapshots) parts.push("minnebildet av kalkulatorene");
  if (done.otherCaches) parts.push(count(done.otherCaches, "annet lager", "andre lagre"));
  if (done.serviceWorkers) parts.push("tjenestearbeideren (service worker) som gjør at nettstedet virker uten nett");
  if (!parts.length) return "Nettstedet hadde ikke lagret noe i denne nettleseren. Ingenting ble slettet.";
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} og ${parts.at(-1)}`;
  return `Slettet: ${list}.`;
}

/** The page «Personvern»: show the delete button (the page explains how to delete in the
 * browser for readers without JavaScript) and say in its live region what was deleted. */
export function enhancePrivacyPage(doc = document) {
  for (const box of doc.querySelectorAll("[data-privacy-delete]:not([data-enhanced])")) {
    box.dataset.enhanced = "true";
    const button = box.querySelector("button");
    const status = box.querySelector("[data-privacy-status]");
    if (!button || !status) continue;
    box.hidden = false;
    let busy = false; // not disabled: the button keeps the keyboard focus
    button.addEventListener("click", async () => {
      if (busy) return;
      busy = true;
      status.textContent = "";
      let text;
      try {
        text = describe(await deleteEverything());
      } catch {
        text = "Noe gikk galt, og det er ikke sikkert at alt ble slettet. Prøv igjen, eller slett nettstedsdataene i nettleserens innstillinger.";
      }
      // Written a moment after the region is emptied, so that it is announced again.
      setTimeout(() => {
        status.textContent = text;
        busy = false;
      }, 100);
    });
  }
}
