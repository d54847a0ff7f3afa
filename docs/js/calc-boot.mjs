// Calculator pages only: overrides/main.html loads this from <head> as an async module,
// so the one worker (and with it Pyodide's downloads and start) begins as soon as the
// page's first contentful paint is reported (worker-client.mjs waits for it), instead of
// after Material's bundle, app.mjs and an idle callback. app.mjs imports the same module
// instance later and finds the client already starting.
import { client } from "./worker-client.mjs";

client.start();
