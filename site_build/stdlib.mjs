// node stdlib.mjs <pyodide dir> <wheel> <cases.json> <extra modules, comma-separated> <out.zip> [<extra wheels, comma-separated>]
//
// Makes the standard library the site ships, with Pyodide's own CPython (under Node):
//   1. trim: start Pyodide as the browser's worker does (memory snapshot making included),
//      install the wheel both ways the site loads it (unpacked as docs/js/worker.mjs does,
//      and through loadPackage as a plain Pyodide page does), import every module of the
//      package, of the extra wheels (loaded later, on demand) and the extra modules, run
//      each calculator's first case; keep only the standard-library modules that are now
//      imported, compiled to bytecode, as STORED zip members (the transfer is compressed
//      by the web server, which a deflated member would defeat);
//   2. verify: start a second Pyodide on the trimmed zip alone and run the whole case
//      table through the worker's entry point (`calculators.api.respond`, "run", "csv"
//      and "xlsx"); any import the trimmed zip cannot satisfy fails, naming the module.
// Prints one JSON line: {"kept": N, "bytes": B} or {"missing": "module", "case": "..."};
// the exit status is 0 only when the verification passed.
import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dir, wheelPath, casesPath, extra, out, extraWheelPaths = ""] = process.argv.slice(2);
const extraWheels = extraWheelPaths.split(",").filter(Boolean).map((p) => new Uint8Array(readFileSync(p)));
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const wheelBytes = new Uint8Array(readFileSync(wheelPath));
const wheelName = path.basename(wheelPath);
const wheelDir = path.dirname(path.resolve(wheelPath)) + path.sep;
const pkgName = wheelName.split("-")[0];
const quiet = { stdout: () => {}, stderr: () => {} };
// Any other failure: one JSON line with the message (a Python traceback included).
process.on("uncaughtException", (err) => {
  process.stdout.write(JSON.stringify({ error: String(err?.message ?? err).slice(-3000) }) + "\n");
  process.exit(3);
});

function lockfileFor() {
  const lock = JSON.parse(readFileSync(path.join(dir, "pyodide-lock.json"), "utf8"));
  lock.packages = {
    [pkgName]: {
      name: pkgName, version: "0", file_name: wheelName, install_dir: "site", sha256: "",
      package_type: "package", imports: [pkgName], depends: [],
    },
  };
  return lock;
}

async function exercise(pyodide) {
  // The worker's way: the wheel unpacked into site-packages.
  const site = pyodide.runPython("import sys; f'/lib/python{sys.version_info[0]}.{sys.version_info[1]}/site-packages'");
  pyodide.unpackArchive(wheelBytes, "wheel", { extractDir: site });
  extraWheels.forEach((bytes, i) => {
    pyodide.unpackArchive(bytes, "wheel", { extractDir: site });
    pyodide.FS.writeFile(`/tmp/extra-${i}.whl`, bytes);
  });
  // A plain Pyodide page's way (the benchmark's floor): loadPackage from a lockfile.
  await pyodide.loadPackage(pkgName, { messageCallback: () => {}, errorCallback: () => {} }).catch(() => {});
}

// --- 1. trim ------------------------------------------------------------------------
const full = await loadPyodide({
  indexURL: dir + path.sep, ...quiet, _makeSnapshot: true,
  lockFileContents: lockfileFor(), packageBaseUrl: wheelDir, packageCacheDir: wheelDir,
});
await exercise(full);
full.globals.set("extra_modules", extra);
full.globals.set("cases_json", readFileSync(casesPath, "utf8"));
const keep = full.runPython(`
import importlib, os, sys, zipfile

def import_all(name):
    """The package (or module) name and every module in it."""
    top = importlib.import_module(name)
    for root in getattr(top, "__path__", []):
        for folder, _, files in os.walk(root):
            for f in sorted(files):
                if f.endswith((".py", ".pyc")) and folder.rpartition(os.sep)[2] != "__pycache__":  # sources or sourceless bytecode
                    rel = os.path.relpath(os.path.join(folder, f.removesuffix("c")[:-3]), root).replace(os.sep, ".")
                    importlib.import_module(name + ("" if rel == "__init__" else "." + rel.removesuffix(".__init__")))

import_all("${pkgName}")
for i in range(${extraWheels.length}):
    names = zipfile.ZipFile(f"/tmp/extra-{i}.whl").namelist()
    tops = {n.split("/")[0].removesuffix(".py") for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    for name in sorted(tops):
        import_all(name)
for name in filter(None, extra_modules.split(",")):
    importlib.import_module(name.strip())
# One computation per calculator (its first case), as a page's first result does: the
# lazy imports of running code (importlib.resources' helpers, say) are kept too.
import json
from ${pkgName}.api import respond
firsts = {}
for case in json.loads(cases_json):
    firsts.setdefault(case["calculator"], case)
for case in firsts.values():
    for op in ("run", "csv", "xlsx"):
        respond(op, case["calculator"], json.dumps(case["inputs"]))
prefix = sys.path[[i for i, p in enumerate(sys.path) if p.endswith(".zip")][0]] + "/"
sorted({m.__file__[len(prefix):] for m in list(sys.modules.values())
        if (getattr(m, "__file__", None) or "").startswith(prefix)})
`).toJs();
try {
  full.makeMemorySnapshot(); // what the worker does after its first answer
} catch {
  // Not every Pyodide can snapshot under Node; the trim then rests on the rest.
}

const stdlib = await loadPyodide({ indexURL: dir + path.sep, ...quiet });
stdlib.FS.writeFile("/tmp/stdlib.zip", new Uint8Array(readFileSync(path.join(dir, "python_stdlib.zip"))));
stdlib.globals.set("keep", stdlib.toPy(keep));
const bytes = stdlib.runPython(`
import importlib.util, marshal, zipfile

keep = set(keep)
src = zipfile.ZipFile("/tmp/stdlib.zip")
dst = zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_STORED)
fixed = (1980, 1, 1, 0, 0, 0)  # reproducible: the same inputs give the same bytes
for name in sorted(keep):
    data = src.read(name)
    code = compile(data, name, "exec", dont_inherit=True, optimize=2)  # no docstrings, no asserts
    flags = (0b01).to_bytes(4, "little")  # hash-based, source not checked
    pyc = importlib.util.MAGIC_NUMBER + flags + importlib.util.source_hash(data) + marshal.dumps(code)
    dst.writestr(zipfile.ZipInfo(name + "c", date_time=fixed), pyc, compress_type=zipfile.ZIP_STORED)
dst.close()
import os
os.path.getsize("/tmp/out.zip")
`);
const trimmed = stdlib.FS.readFile("/tmp/out.zip");
writeFileSync(out, trimmed);

// --- 2. verify -------------------------------------------------------------------------
// The calculators' safety net turns any exception into an error output, so an import that
// fails inside a calculator is caught by a finder at the end of sys.meta_path instead: it
// records every module that the full standard library has and the trimmed one lacks.
const allModules = full.runPython(`
import sys, zipfile
prefix = sys.path[[i for i, p in enumerate(sys.path) if p.endswith(".zip")][0]]
names = set()
for n in zipfile.ZipFile(prefix).namelist():
    if n.endswith(".py"):
        n = n[:-3].removesuffix("/__init__").replace("/", ".")
        names.add(n)
sorted(names)
`).toJs();
const RECORDER = `
import sys
class _MissingRecorder:
    def __init__(self, known):
        self.known, self.missing = known, []
    def find_spec(self, name, path=None, target=None):
        if name in self.known and name not in self.missing:
            self.missing.append(name)
        return None
sys.meta_path.append(_MissingRecorder(set(known_modules)))
`;
let verdict;
try {
  const check = await loadPyodide({
    indexURL: dir + path.sep, ...quiet, stdLibURL: pathToFileURL(out).href,
    lockFileContents: lockfileFor(), packageBaseUrl: wheelDir, packageCacheDir: wheelDir,
  });
  check.globals.set("known_modules", check.toPy(allModules));
  check.runPython(RECORDER);
  await exercise(check);
  check.globals.set("cases_json", readFileSync(casesPath, "utf8"));
  verdict = check.runPython(`
import json, sys
recorder = sys.meta_path[-1]
def first_missing():
    return recorder.missing[0] if recorder.missing else None
result = {"kept": ${keep.length}, "bytes": ${bytes}}
if first_missing():
    result = {"missing": first_missing(), "case": "installing the wheel"}
else:
    try:
        import ${pkgName}.api as api
    except ImportError:
        pass
    if first_missing():
        result = {"missing": first_missing(), "case": "import ${pkgName}.api"}
    else:
        for case in json.loads(cases_json):
            for op in ("run", "csv", "xlsx"):
                try:
                    api.respond(op, case["calculator"], json.dumps(case["inputs"]))
                except ImportError:
                    pass
            if first_missing():
                result = {"missing": first_missing(), "case": case["label"]}
                break
json.dumps(result)
`);
} catch (err) {
  const m = /No module named '([^']+)'/.exec(String(err));
  verdict = JSON.stringify({ missing: m ? m[1] : String(err).slice(0, 300), case: "Pyodide start-up" });
}
process.stdout.write(verdict + "\n");
process.exit(JSON.parse(verdict).missing ? 2 : 0);
