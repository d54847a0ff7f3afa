"""Serving the built site as a host would, for the browser tests: nginx with the README's
configuration, the calculator pages of a build, and policy violations in the document and
in the calculators' worker."""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page


# --- policy violations, in the document and in the calculators' worker ------------------

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def violations(page: Page) -> list[str]:
    """The document's violations (RECORD_VIOLATIONS installed) and those docs/js/worker.mjs
    recorded in its own timeline (a worker's violations never reach the document)."""
    found = list(page.evaluate("() => window.__violations || []"))
    for w in page.workers:
        if w.url.split("?")[0].endswith("/js/worker.mjs"):
            found += w.evaluate("() => performance.getEntriesByName('csp-violation').map((m) => 'worker: ' + m.detail)")
    return found


# --- nginx, configured as the README documents ---------------------------------------

NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


def nginx_site_conf(site: Path, port: int, root: Path | None = None) -> str:
    """The build's _nginx.conf with the two edits the README asks for: `listen` and `root`."""
    text = (site / "_nginx.conf").read_text(encoding="utf-8")
    assert text.count("listen 80;") == 1 and text.count("root /srv/lisenser;") == 1
    return text.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/lisenser;", f"root {root or site};")


class Nginx:
    """nginx in the foreground with its own prefix, the site's config included in `http`."""

    def __init__(self, prefix: Path, site_conf: str, port: int):
        prefix.mkdir(parents=True, exist_ok=True)
        (prefix / "site.conf").write_text(site_conf, encoding="utf-8")
        temps = "".join(f"    {k}_temp_path {prefix}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (prefix / "nginx.conf").write_text(
            f"load_module {BROTLI_MODULE};\n"
            + ("user root;\n" if os.geteuid() == 0 else "")
            + f"daemon off;\nworker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
            f"events {{}}\nhttp {{\n    access_log {prefix}/access.log;\n{temps}    include {prefix}/site.conf;\n}}\n",
            encoding="utf-8",
        )
        self.port = port
        self.origin = f"http://127.0.0.1:{port}"
        self.access_log = prefix / "access.log"
        self.proc = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(self.origin + "/", timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"nginx did not start: {self.proc.stdout.read()}"
                                       f"{(prefix / 'error.log').read_text() if (prefix / 'error.log').exists() else ''}")
                time.sleep(0.1)

    def answered(self) -> list[str]:
        """The path of every request nginx has answered so far, in order (its access log:
        what went over the wire, not what the browser's cache answered)."""
        if not self.access_log.exists():
            return []
        lines = self.access_log.read_text(encoding="utf-8").splitlines()
        return [m.group(1) for m in (re.search(r'"[A-Z]+ (\S+) HTTP/[^"]*"', line) for line in lines) if m]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)



def calculator_pages(site: Path) -> list[tuple[str, str]]:
    """(path, calculator name) of every page of the build that holds a calculator."""
    out = []
    for page in sorted(site.rglob("index.html")):
        for name in re.findall(r'data-calc="([a-z0-9_]+)"', page.read_text(encoding="utf-8")):
            out.append((page.parent.relative_to(site).as_posix() + "/", name))
    return out


def poll(page: Page, script: str, arg=None, timeout_s: float = 60) -> None:
    """Until the (async) `script` is truthy: evaluate awaits promises, wait_for_function does not."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"not reached: {script}"
        page.wait_for_timeout(100)
