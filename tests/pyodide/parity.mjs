// Runs every case of the case table inside real Pyodide (the npm package, under Node)
// and prints the outputs of calculators.api.run and calculators.machinery.view.render as JSON.
//   node parity.mjs <pyodide-lock.json beside the wheel> <cases.json>
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const pyodideDir = path.resolve(here, "../../node_modules/pyodide");
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);

const [lockFile, casesFile] = process.argv.slice(2);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, lockFileURL: lockFile, stdout: () => {}, stderr: (s) => process.stderr.write(s + "\n") });
await pyodide.loadPackage("calculators", { messageCallback: () => {} });
pyodide.globals.set("cases_json", readFileSync(casesFile, "utf8"));
const out = pyodide.runPython(`
import json, sys
from calculators.api import run
from calculators.machinery.view import render
cases = json.loads(cases_json)
outputs = []
for case in cases:
    output = run(case["calculator"], case["inputs"])
    outputs.append({"output": output, "view": render(case["calculator"], output)})
json.dumps({"python": sys.version, "outputs": outputs}, ensure_ascii=False)
`);
process.stdout.write(out);
