"""Serve a built site on 127.0.0.1 with the right types (and, optionally, the CSP header).

    python -m site_build.serve [--port 8000] [--csp] site

A small static server from the standard library: `.mjs` as text/javascript, `.wasm` as
application/wasm. With `--csp` every response carries the Content-Security-Policy header
the build wrote to `site/_csp_header.txt` (what a host that can set headers would send).
Used by `./dev serve` and by the browser tests.
"""

from __future__ import annotations

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CSP_FILE = "_csp_header.txt"


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".csv": "text/csv",
        ".whl": "application/zip",
    }
    csp: str | None = None

    def end_headers(self) -> None:
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


def make_server(site: Path, port: int = 0, csp: bool = False, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    policy = (site / CSP_FILE).read_text(encoding="utf-8").strip() if csp else None
    handler = type("Handler", (SiteHandler,), {"csp": policy})
    return ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(site)))


def serve_in_thread(site: Path, port: int = 0, csp: bool = False) -> ThreadingHTTPServer:
    server = make_server(site, port, csp)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--csp", action="store_true", help="send the Content-Security-Policy header")
    args = parser.parse_args()
    server = make_server(args.site, args.port, args.csp)
    print(f"Serving {args.site} on http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
