"""The pyodide_runtime plugin in a real build: the runtime under its versioned folder (and
nothing else of the npm package), the wheel in a folder named by its hash and listed as
`pyodide lockfile add-wheels` lists it, the worker script filled in, precompressed copies
that decode to the files, a clear failure when the npm package is missing, Material's
palette stylesheet without its one rule on `[data-md-color-switching]`."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import brotli
import material
import pytest

from site_build import theme
from site_build.compress import COMPRESSIBLE, MIN_SIZE
from site_build.plugin import RUNTIME_FILES
from tests.conftest import ROOT

NPM = ROOT / "node_modules" / "pyodide"
VERSION = json.loads((NPM / "package.json").read_text(encoding="utf-8"))["version"]


def lockfile(site) -> dict:
    return json.loads((site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))


def test_runtime_is_under_its_version_and_nothing_else_is_copied(built_site):
    top = {p.name for p in (built_site / "pyodide").iterdir()}
    wheel_dirs = {pkg["file_name"].split("/")[0] for pkg in lockfile(built_site)["packages"].values()}
    assert top == {VERSION, *wheel_dirs, "pyodide-lock.json"}
    runtime = {p.name for p in (built_site / "pyodide" / VERSION).iterdir() if not p.name.endswith((".br", ".gz"))}
    stdlib = {n for n in runtime if n.startswith("python_stdlib-")}
    assert runtime == set(RUNTIME_FILES) - {"python_stdlib.zip"} | stdlib and len(stdlib) == 1
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        assert (built_site / "pyodide" / VERSION / name).read_bytes() == (NPM / name).read_bytes()
    # The standard library is named by its own hash.
    (name,) = stdlib
    assert name == f"python_stdlib-{hashlib.sha256((built_site / 'pyodide' / VERSION / name).read_bytes()).hexdigest()[:12]}.zip"


def test_wheel_is_named_by_its_hash_listed_with_its_sha256_and_holds_only_the_calculators(built_site):
    lock = lockfile(built_site)
    # the calculators, and the extra wheels mkdocs.yml lists (XlsxWriter, tests/site/test_xlsx_wheel.py)
    assert set(lock["packages"]) == {"calculators", "xlsxwriter"}
    pkg = lock["packages"]["calculators"]
    folder, name = pkg["file_name"].split("/")
    wheel = built_site / "pyodide" / folder / name
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == pkg["sha256"]
    assert pkg["sha256"].startswith(folder) and len(folder) == 16
    # the wheel alone, with its compressed copies
    assert sorted(p.name for p in wheel.parent.iterdir()) == [name, name + ".br", name + ".gz"]
    with zipfile.ZipFile(wheel) as zf:
        tops = {n.split("/")[0] for n in zf.namelist()}
        assert "calculators/rates.toml" in zf.namelist()
        # Bytecode of the browser's Python, no sources but the package's marker (the
        # import `add-wheels` lists), STORED so that the transfer compression works.
        assert "calculators/machinery/view.pyc" in zf.namelist() and "calculators/rules/fo_pay/model.pyc" in zf.namelist()
        assert [n for n in zf.namelist() if n.endswith(".py")] == ["calculators/__init__.py"]
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
        magic = zf.read("calculators/machinery/view.pyc")[:4]
    assert tops == {"calculators", f"calculators-{pkg['version']}.dist-info"}
    py = lock["info"]["python"].split(".")
    assert name.endswith(f"-py{py[0]}{py[1]}-none-any.whl") and pkg["imports"] == ["calculators"]
    assert magic == npm_magic()


def npm_magic() -> bytes:
    """The bytecode magic number of the npm package's Python, asked of Pyodide under Node."""
    proc = subprocess.run(
        ["node", "--input-type=module", "-e",
         f"const {{ loadPyodide }} = await import({json.dumps((NPM / 'pyodide.mjs').as_uri())});"
         "const py = await loadPyodide();"
         "console.log(py.runPython('import importlib.util; importlib.util.MAGIC_NUMBER.hex()'));"],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return bytes.fromhex(proc.stdout.strip().splitlines()[-1])


def test_lockfile_equals_what_pyodide_lockfile_add_wheels_writes(built_site, tmp_path):
    out = tmp_path / "OUT.json"
    wheels = [built_site / "pyodide" / pkg["file_name"] for pkg in lockfile(built_site)["packages"].values()]
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "pyodide"), "lockfile", "add-wheels", "--input", str(NPM / "pyodide-lock.json"),
         "--output", str(out), "--base-path", str(built_site / "pyodide"), *map(str, wheels)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
    theirs = json.loads(out.read_text(encoding="utf-8"))
    ours = lockfile(built_site)
    # The site lists only its own wheels (not the 357 CDN packages of npm's lockfile).
    assert ours == {**theirs, "packages": {name: theirs["packages"][name] for name in ("calculators", "xlsxwriter")}}
    assert len(theirs["packages"]) > 300


def test_worker_script_names_the_built_runtime(built_site):
    text = (built_site / "js" / "worker.mjs").read_text(encoding="utf-8")
    assert not re.search(r"@[A-Z_]+@", text), "a placeholder was left in"
    assert f'const runtime = new URL("../pyodide/{VERSION}/", import.meta.url);' in text
    assert 'new URL("pyodide.mjs", runtime)' in text
    stdlib = next(p.name for p in (built_site / "pyodide" / VERSION).glob("python_stdlib-*.zip"))
    assert f'"{stdlib}"' in text
    assert '"true" === "true"' in text  # memory snapshots on (the default)
    # The worker's client downloads the standard library for it (docs/js/worker-client.mjs).
    client = (built_site / "js" / "worker-client.mjs").read_text(encoding="utf-8")
    assert not re.search(r"@[A-Z_]+@", client), "a placeholder was left in"
    assert f'"../pyodide/{VERSION}/{stdlib}"' in client


def test_every_compressible_file_has_gzip_and_brotli_copies_that_decode_to_it(built_site):
    checked = 0
    for path in sorted(built_site.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE or path.name.startswith("_") or path.stat().st_size < MIN_SIZE:
            continue
        data = path.read_bytes()
        br, gz = path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")
        if path.suffix in (".html", ".js", ".mjs", ".css", ".json", ".wasm") or path.name.startswith("python_stdlib-"):
            assert br.is_file() and gz.is_file(), path
        if br.is_file():
            assert brotli.decompress(br.read_bytes()) == data, path
            assert len(br.read_bytes()) < len(data)
        if gz.is_file():
            assert gzip.decompress(gz.read_bytes()) == data, path
        checked += 1
    assert checked > 20
    wasm = built_site / "pyodide" / VERSION / "pyodide.asm.wasm"
    assert len(wasm.with_name(wasm.name + ".br").read_bytes()) < 0.35 * wasm.stat().st_size


def test_missing_npm_package_fails_the_build_and_names_the_fix(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: t\ndocs_dir: {ROOT / 'docs'}\ntheme: {{name: material, language: nb, font: false}}\n"
        f"plugins:\n  - pyodide_runtime:\n      pyodide_dir: {tmp_path / 'node_modules' / 'pyodide'}\n"
        f"      package: {ROOT / 'calculators'}\n",
        encoding="utf-8",
    )
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "npm ci" in proc.stderr + proc.stdout


def test_memory_snapshot_option_is_written_into_the_worker(no_snapshot_site):
    text = (no_snapshot_site / "js" / "worker.mjs").read_text(encoding="utf-8")
    assert '"false" === "true"' in text


def test_extra_wheels_are_listed_beside_the_calculators_as_add_wheels_lists_them(built_site, tmp_path):
    from site_build.plugin import PyodideRuntimePlugin
    from site_build.wheel import build_wheel, write_lockfile

    extra = tmp_path / "extrapkg"
    extra.mkdir()
    (extra / "__init__.py").write_text('__version__ = "2.0"\n', encoding="utf-8")
    out = tmp_path / "pyodide"
    calc = PyodideRuntimePlugin.place_wheel(build_wheel(ROOT / "calculators", tmp_path / "a"), out)
    other = PyodideRuntimePlugin.place_wheel(build_wheel(extra, tmp_path / "b"), out)
    write_lockfile(NPM / "pyodide-lock.json", [calc, other], out / "lock.json", base_path=out)
    ours = json.loads((out / "lock.json").read_text(encoding="utf-8"))
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "pyodide"), "lockfile", "add-wheels", "--input", str(NPM / "pyodide-lock.json"),
         "--output", str(tmp_path / "OUT.json"), "--base-path", str(out), str(calc), str(other)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
    theirs = json.loads((tmp_path / "OUT.json").read_text(encoding="utf-8"))
    assert set(ours["packages"]) == {"calculators", "extrapkg"}
    assert ours["packages"] == {k: theirs["packages"][k] for k in ours["packages"]}
    assert ours["packages"]["extrapkg"]["file_name"].startswith(other.parent.name + "/")


MATERIAL_SHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def test_palette_stylesheet_has_no_rule_on_the_switching_attribute_and_nothing_else_changed(built_site):
    (shipped,) = MATERIAL_SHEETS.glob("palette.*.min.css")
    built = (built_site / "assets" / "stylesheets" / shipped.name).read_text(encoding="utf-8")
    original = shipped.read_text(encoding="utf-8")
    # Material's rule, as its stylesheet has it: one selector list on the attribute.
    rule = re.search(r"\[data-md-color-switching\][^{}]*\{[^{}]*\}", original).group(0)
    assert "transition-duration:0s" in rule
    before, after = original.split(rule)
    assert built.startswith(before) and built.endswith(after)
    assert re.fullmatch(r"/\*[^*]*\*/", built[len(before):len(built) - len(after)])  # a comment in its place
    assert "[data-md-color-switching]" not in re.sub(r"/\*.*?\*/", "", built)


def test_palette_rule_dropped_once_and_a_changed_rule_fails_the_build(tmp_path):
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    sheet = sheets / "palette.0.min.css"
    sheet.write_text("a{color:red}" + theme.SWITCHING_RULE + "b{color:blue}", encoding="utf-8")
    theme.drop_switching_rule(tmp_path)
    once = sheet.read_text(encoding="utf-8")
    assert once.startswith("a{color:red}/*") and once.endswith("*/b{color:blue}")
    theme.drop_switching_rule(tmp_path)  # a rebuild that kept the file
    assert sheet.read_text(encoding="utf-8") == once
    sheet.write_text("a{color:red}[data-md-color-switching] *{transition:none}", encoding="utf-8")
    with pytest.raises(theme.ThemeError, match="theme.py"):
        theme.drop_switching_rule(tmp_path)
