// Site entry (loaded once per visit as a module; Material's instant navigation keeps it).
// For every page Material shows, enhance the calculators on it (and the delete button of
// the page «Personvern»). The calculator modules
// are imported only when a page holds a calculator: text pages load nothing of them and
// nothing of Pyodide.
import "./offline.mjs"; // the service worker, for offline use after the first visit

async function enhance() {
  const roots = document.querySelectorAll("[data-calc]:not([data-enhanced])");
  if (roots.length === 0) return;
  const [{ CalcForm }, { client }] = await Promise.all([import("./calc-form.mjs"), import("./worker-client.mjs")]);
  client.startWhenIdle();
  for (const root of roots) {
    try {
      new CalcForm(root, client);
    } catch (err) {
      // One broken calculator must not stop the others or the page.
      console.warn("calculator could not start", root.dataset.calc, err);
    }
  }
}

/** The page «Personvern»: its delete button (privacy.mjs, loaded only there). */
async function enhancePrivacy() {
  if (!document.querySelector("[data-privacy-delete]")) return;
  const { enhancePrivacyPage } = await import("./privacy.mjs");
  enhancePrivacyPage();
}

function safeEnhance() {
  enhance().catch((err) => console.warn("calculators could not load", err));
  enhancePrivacy().catch((err) => console.warn("the privacy page could not load", err));
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(safeEnhance);
} else {
  safeEnhance();
}

// A printed budget or pay check carries the day it was printed, and the name and meeting
// date the reader gave for the record (optional fields that the calculator never reads).
window.addEventListener("beforeprint", () => {
  const today = new Intl.DateTimeFormat("nb-NO", { day: "numeric", month: "long", year: "numeric" }).format(new Date());
  for (const el of document.querySelectorAll("[data-print-date]")) el.textContent = today;
  for (const root of document.querySelectorAll("[data-calc]")) {
    const value = (key) => root.querySelector(`[data-ui-key="${key}"]`)?.value.trim() ?? "";
    const name = root.querySelector("[data-print-name]");
    if (name) name.textContent = value("record_name") ? ` – ${value("record_name")}` : "";
    const meeting = root.querySelector("[data-print-meeting]");
    if (meeting) meeting.textContent = value("record_date") || "ikke oppgitt";
    // Words of the result for paper only, from a record field (calculators/machinery/view.py, print_slot).
    for (const slot of root.querySelectorAll("[data-print-slot]")) {
      const typed = value(slot.dataset.printSlot);
      slot.textContent = typed ? slot.dataset.printGiven.replace("{}", () => typed) : slot.dataset.printMissing;
    }
  }
});
