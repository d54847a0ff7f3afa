// Calculator pages only: overrides/main.html loads this from <head> as an async module,
// so the one worker (and with it Pyodide's downloads and start) begins as soon as the
// page has painted, loaded and gone idle (worker-client.mjs waits for that), whatever
// app.mjs is doing by then. app.mjs imports the same module instance later and finds the
// client already starting.
import { client } from "./worker-client.mjs";

client.start();
