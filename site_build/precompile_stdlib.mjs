// node precompile_stdlib.mjs <pyodide dir> <out.zip>
//
// Pyodide's npm package ships python_stdlib.zip as .py sources only, so every visit
// compiles each standard-library module it imports (Pyodide's own start-up imports
// ~190 of them) from source, in WebAssembly: well over a second of the cold start here.
// This writes a copy of the zip in which the modules that start-up and a calculator page
// import are bytecode instead: .pyc files compiled by Pyodide's own CPython (the same
// build, so the same magic number), hash-based and unchecked, each in place of its .py
// (zipimport prefers a .pyc beside the source, and these need no source to check
// against). Every other module stays source, so the zip grows only a little. The module
// list does not depend on the calculators package: the result depends only on Pyodide,
// and site_build/stdlib.py caches it by the stdlib's sha256.
import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dir, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: dir + path.sep, stdout: () => {}, stderr: () => {} });
pyodide.FS.writeFile("/tmp/stdlib.zip", new Uint8Array(readFileSync(path.join(dir, "python_stdlib.zip"))));
const count = pyodide.runPython(`
import importlib, importlib.util, marshal, sys, zipfile

# What a calculator page imports beyond Pyodide's start-up (the wheel's unpacking included).
for name in ("csv", "dataclasses", "datetime", "decimal", "encodings.cp437", "enum", "html", "html.entities",
             "importlib.readers", "importlib.resources", "io", "json", "logging", "numbers", "re", "tomllib",
             "typing", "zipfile"):
    importlib.import_module(name)

prefix = sys.path[[i for i, p in enumerate(sys.path) if p.endswith(".zip")][0]] + "/"
used = {m.__file__[len(prefix):] for m in list(sys.modules.values())
        if (getattr(m, "__file__", None) or "").startswith(prefix) and m.__file__.endswith(".py")}

src = zipfile.ZipFile("/tmp/stdlib.zip")
dst = zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_DEFLATED)
compiled = 0
for info in src.infolist():
    data = src.read(info)
    if info.filename in used:
        code = compile(data, info.filename, "exec", dont_inherit=True)
        flags = (0b01).to_bytes(4, "little")  # hash-based, source not checked
        pyc = importlib.util.MAGIC_NUMBER + flags + importlib.util.source_hash(data) + marshal.dumps(code)
        entry = zipfile.ZipInfo(info.filename + "c", date_time=info.date_time)
        dst.writestr(entry, pyc, compress_type=zipfile.ZIP_DEFLATED)
        compiled += 1
    else:
        dst.writestr(info, data)
dst.close()
compiled
`);
writeFileSync(out, pyodide.FS.readFile("/tmp/out.zip"));
process.stdout.write(`${count}\n`);
