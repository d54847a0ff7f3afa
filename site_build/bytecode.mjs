// node bytecode.mjs <pyodide dir> <wheel> <out dir>
//
// Rewrites a pure-Python wheel for the browser, with Pyodide's own CPython (under Node),
// so that the worker imports bytecode instead of compiling sources:
//   - every module as a sourceless `.pyc` beside where its `.py` was (hash-based header,
//     source not checked), docstrings dropped, asserts and line numbers kept; only the
//     top package's `__init__.py` stays a source, the file by which tools (`pyodide
//     lockfile add-wheels`, setuptools' discovery) recognise the package and its import;
//   - data files (`rates.toml`) and the metadata as they are, RECORD rewritten;
//   - STORED members, so that the web server's brotli / gzip compresses the whole file
//     (a deflated member would defeat it);
//   - tagged `py3X-none-any` (X: this Pyodide's Python): the bytecode fits that Python only.
// Reproducible: fixed member times and order. Prints one JSON line: {"wheel": "<file name>"}.
import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dir, wheelPath, outDir] = process.argv.slice(2);
process.on("uncaughtException", (err) => {
  process.stdout.write(JSON.stringify({ error: String(err?.message ?? err).slice(-3000) }) + "\n");
  process.exit(3);
});
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: dir + path.sep, stdout: () => {}, stderr: () => {} });
pyodide.FS.writeFile("/tmp/in.whl", new Uint8Array(readFileSync(wheelPath)));
pyodide.globals.set("in_name", path.basename(wheelPath));
const name = pyodide.runPython(`
import ast, base64, hashlib, importlib.util, marshal, re, sys, zipfile

dist, version, *_ = in_name.removesuffix(".whl").split("-")
tag = f"py{sys.version_info[0]}{sys.version_info[1]}-none-any"
out_name = f"{dist}-{version}-{tag}.whl"
fixed = (1980, 1, 1, 0, 0, 0)


def without_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                node.body = node.body[1:] or [ast.copy_location(ast.Pass(), first)]
    return tree


members = []
record = None
src = zipfile.ZipFile("/tmp/in.whl")
tops = {n.split("/")[0] for n in src.namelist() if not n.split("/")[0].endswith((".dist-info", ".data"))}
for info in src.infolist():
    n, data = info.filename, src.read(info)
    if n.endswith(".dist-info/RECORD"):
        record = n
        continue
    if n.endswith(".dist-info/WHEEL"):
        data = re.sub(rb"(?m)^Tag: .*$", f"Tag: {tag}".encode(), data)
    elif n.endswith(".py") and n not in {f"{t}/__init__.py" for t in tops}:
        code = compile(without_docstrings(ast.parse(data, n)), n, "exec", dont_inherit=True)
        flags = (0b01).to_bytes(4, "little")  # hash-based, source not checked
        data = importlib.util.MAGIC_NUMBER + flags + importlib.util.source_hash(data) + marshal.dumps(code)
        n += "c"
    members.append((n, data))

lines = [f"{n},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}" for n, d in members]
members.append((record, ("\\n".join([*lines, f"{record},,"]) + "\\n").encode()))
with zipfile.ZipFile("/tmp/out.whl", "w", zipfile.ZIP_STORED) as dst:
    for n, data in members:
        info = zipfile.ZipInfo(n, date_time=fixed)
        info.external_attr = 0o644 << 16
        dst.writestr(info, data, compress_type=zipfile.ZIP_STORED)
out_name
`);
writeFileSync(path.join(outDir, name), pyodide.FS.readFile("/tmp/out.whl"));
process.stdout.write(JSON.stringify({ wheel: name }) + "\n");
