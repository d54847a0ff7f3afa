// Calculator pages only: overrides/main.html loads this from <head> as an async module,
// so the one worker (and with it Pyodide's downloads) begins as soon as the page's first
// contentful paint is reported, instead of after Material's bundle and app.mjs; its CPU
// work waits for the page's load event and an idle moment (worker-client.mjs). app.mjs
// imports the same module instance later and finds the client already starting.
import { client } from "./worker-client.mjs";

client.start();
