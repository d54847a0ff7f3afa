"""Serve a built site on 127.0.0.1 as a static host would.

    python -m site_build.serve [--port 8000] [--no-headers] [--mount /lisenser/] site

A small static server from the standard library, HTTP/1.1 with keep-alive:
- `.mjs` as text/javascript, `.wasm` as application/wasm;
- the build's precompressed copies (`X.br`, `X.gz`) with `Content-Encoding` when the
  request accepts them and they are not older than `X` (`Vary: Accept-Encoding` always);
- the headers of the build's `_headers` file (Content-Security-Policy, the worker's own
  policy, nosniff, Referrer-Policy, Cache-Control), unless `--no-headers`: then only
  `Cache-Control: no-cache`, and the pages' meta policy is the only one. The policy
  itself is read from `_csp_header.txt` (the worker script's; the paths whose `_headers`
  policy lacks 'wasm-unsafe-eval' get it without), so a test can alter it in one place;
- no directory listings: a folder without index.html is 404;
- nothing outside the site folder: `..` (with `/` or `\\`, encoded or not) and a drive
  name are refused, and so is a symlink that leads out of the site (404);
- the files the build writes for the host (`_headers`, `_nginx.conf`,
  `_csp_header.txt`) are not part of the site: 404, as nginx answers;
- a malformed `Accept-Encoding` is read as far as it makes sense (a coding with an
  unreadable weight is not used), never an error;
- `--mount /lisenser/` serves the site under that path (a build for a sub-path).
Used by `./dev serve`, the benchmark and the browser tests.
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import os
import posixpath
import re
import socket
import threading
import urllib.parse
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import csp as site_csp
from . import headers as site_headers

CSP_FILE = "_csp_header.txt"
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
# Written by the build for the host's configuration, not pages of the site.
HOST_FILES = frozenset({site_headers.HEADERS_FILE, site_headers.NGINX_FILE, CSP_FILE})
# RFC 9110 qvalue: 0 to 1 with at most three decimals.
_QVALUE = re.compile(r"(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)")


def accepted(header: str | None) -> set[str]:
    """Content codings a request's Accept-Encoding allows. A coding with q=0 is refused,
    and so is one whose weight cannot be read (`br;q=abc`): sending it uncompressed is
    always safe."""
    out = set()
    for part in (header or "").split(","):
        name, *params = (p.strip() for p in part.split(";"))
        weights = [p[2:].strip() for p in params if p[:2].lower() == "q="]
        if weights and not (_QVALUE.fullmatch(weights[-1]) and float(weights[-1]) > 0):
            continue
        if name:
            out.add(name.lower())
    return out


class SiteHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".csv": "text/csv",
        # The sources' verbatim copies (docs/kildene/*.txt) are UTF-8; without the charset a
        # browser reads text/plain as windows-1252 (and nosniff forbids guessing).
        ".txt": "text/plain; charset=utf-8",
        ".whl": "application/zip",
        ".zip": "application/zip",
    }
    rules: list | None = None  # parsed _headers, or None for no headers
    policy = ""  # _csp_header.txt
    mount = "/"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def url_path(self) -> str:
        return urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)

    def translate_path(self, path: str) -> str:
        """The file a URL path names inside the site folder, or a name that does not exist
        (a 404) for anything that could lead out of it or is not part of the site."""
        missing = os.path.join(self.directory, ".not-in-the-site")
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if not path.startswith(self.mount) or "\\" in path or "\0" in path:
            return missing  # a backslash is a separator on Windows: never part of a page's URL
        parts = [p for p in posixpath.normpath(path[len(self.mount) - 1:]).split("/") if p not in ("", ".", "..")]
        if any(":" in p for p in parts) or (parts and parts[0] in HOST_FILES and len(parts) == 1):
            return missing  # a drive name (C:) or the host's configuration files
        full = os.path.join(self.directory, *parts)
        return full if self.inside(full) else missing  # not a symlink that leads out of the site

    def inside(self, path: str) -> bool:
        """Whether `path`, symlinks followed, is in the site folder."""
        root = os.path.realpath(self.directory)
        real = os.path.realpath(path)
        return real == root or real.startswith(root + os.sep)

    def extra_headers(self, status: int) -> None:
        if self.rules is None:
            self.send_header("Cache-Control", "no-cache")
            return
        path = self.url_path()
        for name, value in site_headers.for_path(self.rules, path).items():
            if status >= 400 and name == "Cache-Control":
                value = "no-cache"
            if name == "Content-Security-Policy":
                # _headers decides which paths may compile WebAssembly (the worker script).
                value = self.policy if site_csp.WASM in value else site_csp.without_wasm(self.policy)
            self.send_header(name, value)

    def send_error(self, code, message=None, explain=None):
        self._status = code
        super().send_error(code, message, explain)

    def end_headers(self) -> None:
        self.extra_headers(getattr(self, "_status", 200))
        super().end_headers()

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None

    def send_head(self):
        self._status = 200
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            parts = urllib.parse.urlsplit(self.path)
            if not parts.path.endswith("/"):
                self._status = 301
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", urllib.parse.urlunsplit((parts[0], parts[1], parts[2] + "/", parts[3], parts[4])))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or not self.inside(path):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        ctype = self.guess_type(path)
        send, coding = path, None
        ok = accepted(self.headers.get("Accept-Encoding"))
        for name, suffix in PRECOMPRESSED:
            # A copy older than its file is stale (the file was edited after the build): never sent.
            if name in ok and os.path.isfile(path + suffix) and self.inside(path + suffix) and os.stat(path + suffix).st_mtime >= os.stat(path).st_mtime:
                send, coding = path + suffix, name
                break
        try:
            f = open(send, "rb")
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        fs = os.fstat(f.fileno())
        mtime = int(os.stat(path).st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if mtime <= int(email.utils.parsedate_to_datetime(since).timestamp()):
                    f.close()
                    self._status = 304
                    self.send_response(HTTPStatus.NOT_MODIFIED)
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return None
            except (TypeError, ValueError, OverflowError):
                pass
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        if coding:
            self.send_header("Content-Encoding", coding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(fs.st_size))
        self.send_header("Last-Modified", self.date_time_string(mtime))
        self.end_headers()
        return f


class SiteServer(ThreadingHTTPServer):
    """Closing the server closes its keep-alive connections too: a stopped server is gone."""

    daemon_threads = True

    def __init__(self, *args, **kwargs):
        self.connections: set = set()
        self.lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address):
        with self.lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self.lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):  # a browser that hung up is no error
            super().handle_error(request, client_address)

    def server_close(self) -> None:
        super().server_close()
        with self.lock:
            open_ones = list(self.connections)
        for conn in open_ones:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def make_server(site: Path, port: int = 0, csp: bool = False, host: str = "127.0.0.1", mount: str = "/",
                root: Path | None = None) -> ThreadingHTTPServer:
    """Serve `site` (under `mount`). `csp`: send the headers of the site's `_headers` file."""
    mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"
    rules = site_headers.load(site) if csp else None
    policy = (site / CSP_FILE).read_text(encoding="utf-8").strip() if csp else ""
    handler = type("Handler", (SiteHandler,), {"rules": rules, "mount": mount, "policy": policy})
    return SiteServer((host, port), functools.partial(handler, directory=str(site)))


def serve_in_thread(site: Path, port: int = 0, csp: bool = False, mount: str = "/") -> ThreadingHTTPServer:
    """Serve in a thread; `shutdown()` stops it and closes its connections."""
    server = make_server(site, port, csp, mount=mount)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    shutdown = server.shutdown

    def stop() -> None:
        if not getattr(server, "stopped", False):
            server.stopped = True
            shutdown()
            server.server_close()

    server.shutdown = stop
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-headers", action="store_true",
                        help="do not send the build's _headers (the pages' meta policy alone)")
    parser.add_argument("--csp", action="store_true", help="(the default) send the build's _headers")
    parser.add_argument("--mount", default="/", help="serve the site under this path (default /)")
    args = parser.parse_args()
    server = make_server(args.site, args.port, not args.no_headers, mount=args.mount)
    mount = "/" + args.mount.strip("/") + "/" if args.mount.strip("/") else "/"
    print(f"Serving {args.site} on http://127.0.0.1:{server.server_port}{mount} "
          "(Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
