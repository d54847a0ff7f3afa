// Firefox (Debian's ESR) over WebDriver BiDi, driven by puppeteer-core: one launch visits
// every step of a plan written by tests/browser/test_firefox.py and reports what the reader
// would see. It asserts nothing itself: the Python test compares the report with the case
// table. Run from the repository root (ES imports resolve node_modules from this file).
//
//   node tests/browser/firefox.mjs PLAN.json
//
// Protocol on stdout: one JSON object per line. `{"event": "stop-server"}` asks the test to
// take the server away (the network gone, for the offline copy); the script then waits for
// one line on stdin. The report goes to the file the plan names (`plan.report`), then the
// line `{"event": "done"}`.

import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const plan = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const stdinLines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");

const report = { pages: [], console: [], pageErrors: [], violations: [], csv: null, pdf: null, offline: null, failures: [] };

// Policy violations in the document (a worker's never reach it; Firefox also logs every
// violation to the console, which is collected below).
const RECORD_VIOLATIONS = `
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
});`;

const READY = (sel, after) => {
  const el = document.querySelector(sel);
  return !!el && el.dataset.state === "ready" && el.dataset.computed === "true" && el.dataset.busy === "false"
    && Number(el.dataset.runs || 0) > after;
};

const STATE = (sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  return {
    state: el.dataset.state, runs: Number(el.dataset.runs || 0),
    result: el.querySelector("[data-result]").innerText,
    live: el.querySelector("[data-live]").textContent,
  };
};

async function waitReady(page, name, after = 0, timeout = 90_000) {
  await page.waitForFunction(READY, { timeout, polling: 200 }, `[data-calc="${name}"]`, after);
  return await page.evaluate(STATE, `[data-calc="${name}"]`);
}

async function collectViolations(page, where) {
  try {
    const found = await page.evaluate(() => window.__violations || []);
    for (const v of found) report.violations.push(`${where}: ${v}`);
  } catch (err) {
    report.failures.push(`${where}: could not read violations: ${err}`);
  }
}

// One field, as a reader sets it: text typed over what was there, a choice picked.
async function setField(page, name, key, value) {
  const root = `[data-calc="${name}"]`;
  const handle = await page.evaluateHandle((root, key) => {
    const all = [...document.querySelector(root).querySelectorAll(`[data-key="${key}"], [data-ui-key="${key}"]`)];
    return all.find((el) => !el.closest("[data-rows]")) || null;
  }, root, key);
  const el = handle.asElement();
  if (!el) throw new Error(`${name}: no field ${key}`);
  const kind = await el.evaluate((e) => (e.tagName === "SELECT" ? "select" : e.type));
  if (kind === "select") {
    const option = await el.evaluate((e, v) => [...e.options].find((o) => o.value === v || o.text === v)?.value ?? null, String(value));
    if (option === null) throw new Error(`${name}: ${key} has no option ${value}`);
    await el.select(option);
  } else if (kind === "radio") {
    const radio = await page.$(`${root} input[type=radio][name="${await el.evaluate((e) => e.name)}"][value="${value}"]`);
    if (!radio) throw new Error(`${name}: ${key} has no choice ${value}`);
    await radio.click();
  } else if (kind === "checkbox") {
    const want = value === true || value === "ja";
    if ((await el.evaluate((e) => e.checked)) !== want) await el.click();
  } else {
    await el.click({ count: 3 });
    await page.keyboard.press("End");
    await el.evaluate((e) => e.select());
    await page.keyboard.press("Backspace");
    if (String(value)) await el.type(String(value));
  }
}

async function visitCalculator(page, origin, step) {
  const where = step.path;
  // Each page from its example: no inputs saved by an earlier step.
  if (page.url().startsWith(origin)) {
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("calc:")).forEach((k) => localStorage.removeItem(k)));
  }
  await page.goto(`${origin}/${step.path}`, { waitUntil: "load" });
  const first = await waitReady(page, step.name);
  const out = { path: step.path, name: step.name, example: first.result };
  if (step.link) {
    // The inputs as a share link: the calculator restores them and computes.
    await page.goto("about:blank");
    await page.goto(`${origin}/${step.path}${step.link}`, { waitUntil: "load" });
    Object.assign(out, await waitReady(page, step.name));
  } else {
    // The case's fields as the reader types them; the form's other text fields emptied
    // (a case leaves out what the reader leaves blank).
    const keys = step.fields.map(([key]) => key);
    const others = await page.evaluate((root, keys) => [...document.querySelector(root).querySelectorAll("input[data-key]")]
      .filter((el) => !el.closest("[data-rows]") && el.offsetParent !== null && !["checkbox", "radio"].includes(el.type)
        && el.value !== "" && !keys.includes(el.dataset.key))
      .map((el) => el.dataset.key), `[data-calc="${step.name}"]`, keys);
    for (const key of others) await setField(page, step.name, key, "");
    for (const [key, value] of step.fields) await setField(page, step.name, key, value);
    const before = (await page.evaluate(STATE, `[data-calc="${step.name}"]`)).runs;
    await page.click(`[data-calc="${step.name}"] button[type=submit]`);
    Object.assign(out, await waitReady(page, step.name, before));
  }
  await collectViolations(page, where);
  return out;
}

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: plan.firefox,
  headless: true,
  downloadBehavior: { policy: "allow", downloadPath: plan.downloads },
  extraPrefsFirefox: {
    // Nothing of Mozilla's own in the background.
    "app.update.enabled": false, "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false, "network.captive-portal-service.enabled": false,
    "datareporting.policy.dataSubmissionEnabled": false, "toolkit.telemetry.enabled": false,
    "intl.accept_languages": "nb-NO, nb, no",
  },
});
try {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(RECORD_VIOLATIONS);
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" || /Content[- ]Security[- ]Policy/i.test(text)) report.console.push(`${page.url()}: ${msg.type()}: ${text}`);
  });
  page.on("pageerror", (err) => report.pageErrors.push(`${page.url()}: ${err}\n${err.stack ?? ""}`));
  report.userAgent = await browser.userAgent();

  for (const step of plan.pages) {
    try {
      report.pages.push(await visitCalculator(page, plan.origin, step));
    } catch (err) {
      report.failures.push(`${step.path}: ${err}`);
    }
  }

  // A download (the budget's CSV), then the page on paper: Firefox's own print rendering.
  try {
    const { path, name } = plan.print;
    await page.goto(`${plan.origin}/${path}`, { waitUntil: "load" });
    await waitReady(page, name);
    await page.click(`[data-calc="${name}"] [data-csv]`);
    await page.waitForFunction((sel) => document.querySelector(sel).textContent.includes("CSV-filen er lastet ned"),
      { timeout: 30_000, polling: 200 }, `[data-calc="${name}"] [data-live]`);
    report.csv = { live: await page.evaluate((sel) => document.querySelector(sel).textContent, `[data-calc="${name}"] [data-live]`) };
    const pdf = await page.pdf({ format: "A4", printBackground: false });
    report.pdf = Buffer.from(pdf).toString("base64");
    await collectViolations(page, path);
  } catch (err) {
    report.failures.push(`print/download: ${err}`);
  }

  // The offline copy: one visit to a calculator page, the site's message, then no server.
  try {
    const { first, name, then } = plan.offline;
    const offline = { said: null, pages: [] };
    await page.goto("about:blank");
    await page.goto(`${plan.origin}/${first}`, { waitUntil: "load" });
    await waitReady(page, name);
    await page.waitForFunction(() => document.querySelector("[data-offline-status]")?.textContent,
      { timeout: 90_000, polling: 200 });
    offline.said = await page.evaluate(() => document.querySelector("[data-offline-status]").textContent);
    say({ event: "stop-server" });
    await stdinLines.next();
    for (const [path, calc] of then) {
      await page.goto(`${plan.origin}/${path}`, { waitUntil: "load" });
      // The reader reads the page before leaving it: its scripts (the search worker's
      // language files, fetched through the service worker) finish loading. Leaving at
      // once makes Firefox abort them and report the aborts as page errors.
      await page.waitForNetworkIdle({ idleTime: 500, timeout: 30_000 });
      const shown = { path, h1: await page.evaluate(() => document.querySelector("h1")?.textContent ?? "") };
      if (calc) Object.assign(shown, await waitReady(page, calc));
      offline.pages.push(shown);
    }
    report.offline = offline;
  } catch (err) {
    report.failures.push(`offline: ${err}`);
  }
} finally {
  await browser.close();
}
writeFileSync(plan.report, JSON.stringify(report));
// Exit once the line is out (a pipe is written asynchronously); stdin would keep Node alive.
process.stdout.write(JSON.stringify({ event: "done" }) + "\n", () => process.exit(0));
