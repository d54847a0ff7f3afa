from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PyodideRuntimeConfig(Config):
    """Options of the `pyodide_runtime` plugin (README, "Deploying")."""

    #: Where the npm package `pyodide` is installed (relative to mkdocs.yml).
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    #: Folder inside the built site that receives the runtime and the wheel.
    site_dir = c.Type(str, default="pyodide")
    #: The Python package shipped to the browser as a wheel.
    package = c.Type(str, default="calculators")
    #: Ship the trimmed, precompiled, stored standard library (site_build/stdlib.py);
    #: false ships npm's python_stdlib.zip as it is.
    precompile_stdlib = c.Type(bool, default=True)
    #: The case table the trimmed standard library is verified against (relative to mkdocs.yml).
    cases_dir = c.Type(str, default="tests/cases")
    #: Standard-library modules to keep beyond what start-up and the package import
    #: (modules imported lazily by code the case table does not reach).
    stdlib_extra = c.ListOfItems(c.Type(str), default=[])
    #: Other wheels the site ships (paths relative to mkdocs.yml, globs allowed): listed in
    #: the site's lockfile with their sha256, each in a folder named by its hash, and kept
    #: in the trimmed standard library's reach. The worker never loads them at start: a
    #: page loads one when the reader asks for what it does.
    extra_wheels = c.ListOfItems(c.Type(str), default=[])
    #: Where the standard library and the compressed copies are cached (relative to mkdocs.yml).
    cache_dir = c.Type(str, default=".cache/pyodide")
    #: Keep a memory snapshot of the warm interpreter in the browser's Cache Storage for
    #: repeat visits. The snapshot is code (it holds the imported calculators modules):
    #: turn it off on any origin the site does not have to itself (README, "Deploying").
    memory_snapshot = c.Type(bool, default=True)
    #: Write gzip and brotli copies of every compressible file beside it.
    precompress = c.Type(bool, default=True)
    #: Write the service worker (sw.js) that keeps the build for offline use.
    service_worker = c.Type(bool, default=True)
