// The floor's page: start one module worker at once, put its result into the page, mark it.
// ?npm: the same with the npm package's files as shipped (see bench-floor-worker.mjs).
const worker = new Worker(new URL("./bench-floor-worker.mjs" + location.search, import.meta.url), { type: "module" });
worker.onmessage = (event) => {
  if (!event.data.ok) throw new Error(event.data.reason);
  document.getElementById("result").innerHTML = event.data.html;
  performance.mark("floor:result");
};
