from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PyodideRuntimeConfig(Config):
    """Options of the `pyodide_runtime` plugin."""

    #: Where the npm package `pyodide` is installed (relative to mkdocs.yml).
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    #: Folder inside the built site that receives the runtime and the wheel.
    site_dir = c.Type(str, default="pyodide")
    #: The Python package shipped to the browser as a wheel.
    package = c.Type(str, default="calculators")
    #: Ship the standard library with its start-up modules as bytecode (site_build/stdlib.py).
    precompile_stdlib = c.Type(bool, default=True)
    #: Where the precompiled standard library is cached (relative to mkdocs.yml).
    cache_dir = c.Type(str, default=".cache/pyodide")
