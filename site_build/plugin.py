from __future__ import annotations

from mkdocs.plugins import BasePlugin

from .config import PyodideRuntimeConfig


class PyodideRuntimePlugin(BasePlugin[PyodideRuntimeConfig]):
    pass
