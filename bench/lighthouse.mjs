// Lighthouse (npm `lighthouse`, pinned in package.json) on Debian's Chromium: ONE Chromium
// for every page and run, Lighthouse's default mobile profile (simulated slow 4G, 4× CPU).
// Used by `./dev bench` (bench/lighthouse.py: every category, median of 3 runs) and by
// tests/browser/test_lighthouse.py (accessibility, best practices and SEO, one run).
// Run from the repository root (ES imports resolve node_modules from this file).
//
//   node bench/lighthouse.mjs PLAN.json OUT.json
//   PLAN: {"chromium": PATH, "urls": [...], "categories": [...], "runs": N}
//   OUT:  {"lighthouse": VERSION, "results": {url: [run, ...]}}, each run
//         {"scores": {category: 0..100}, "lcp_ms", "tbt_ms", "failing": [audit ids]}

import { readFileSync, writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const plan = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const out = { lighthouse: null, results: {} };

const chrome = await chromeLauncher.launch({
  chromePath: plan.chromium,
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
});
try {
  for (const url of plan.urls) {
    out.results[url] = [];
    for (let i = 0; i < plan.runs; i++) {
      const result = await lighthouse(url, {
        port: chrome.port, output: "json", logLevel: "error", onlyCategories: plan.categories,
      });
      const lhr = result.lhr;
      out.lighthouse = lhr.lighthouseVersion;
      const failing = [];
      for (const category of Object.values(lhr.categories)) {
        for (const ref of category.auditRefs) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) failing.push(`${category.id}/${ref.id}`);
        }
      }
      out.results[url].push({
        scores: Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, Math.round(c.score * 100)])),
        lcp_ms: lhr.audits["largest-contentful-paint"]?.numericValue ?? null,
        tbt_ms: lhr.audits["total-blocking-time"]?.numericValue ?? null,
        failing,
        runtime_error: lhr.runtimeError?.message ?? null,
      });
    }
  }
} finally {
  await chrome.kill();
}
writeFileSync(process.argv[3], JSON.stringify(out, null, 1));
