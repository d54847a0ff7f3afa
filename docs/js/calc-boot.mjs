// Calculator pages only: overrides/main.html loads this from <head> as an async module,
// so the one worker (and with it Pyodide's downloads and start) begins as soon as the
// page has painted, instead of after Material's bundle, app.mjs and an idle callback.
// app.mjs imports the same module instance later and finds the client already starting.
//
// Not before the first paint: on a slow phone connection the page's own style sheet and
// text would share the line with 4 MB of Pyodide, and the text (with the build-time
// result) is what the reader waits for. A page opened in a background tab paints no
// frame; app.mjs starts the worker there when the page is idle.
import { client } from "./worker-client.mjs";

requestAnimationFrame(() => {
  // The frame this callback precedes is painted before the next task runs.
  const next = new MessageChannel();
  next.port1.onmessage = () => client.start();
  next.port2.postMessage(null);
});
