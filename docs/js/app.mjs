// Site entry (loaded once per visit as a module; Material's instant navigation keeps it).
// For every page Material shows, enhance the calculators on it. Pages without one load
// nothing of Pyodide.
import { CalcForm } from "./calc-form.mjs";
import { client } from "./worker-client.mjs";

function enhance() {
  const roots = document.querySelectorAll("[data-calc]:not([data-enhanced])");
  if (roots.length === 0) return;
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

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => enhance());
} else {
  enhance();
}

// A printed budget carries the day it was printed.
window.addEventListener("beforeprint", () => {
  const today = new Intl.DateTimeFormat("nb-NO", { day: "numeric", month: "long", year: "numeric" }).format(new Date());
  for (const el of document.querySelectorAll("[data-print-date]")) el.textContent = today;
});
