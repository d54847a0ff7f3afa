"""Response headers of the built site, written for static hosts and used by `serve.py`.

- `_headers` (Netlify format; Cloudflare Pages reads it too): the security headers and the
  header policy for every path, the worker script's policy (the only one with
  `'wasm-unsafe-eval'`), and `Cache-Control`: a year, immutable, for the Pyodide runtime
  under `pyodide/<version>/` and the wheel under `pyodide/<sha256>/`, revalidation for
  everything else (pages, `sw.js`, the lockfile). Rules are applied top to bottom and a
  later rule's header replaces an earlier one's, as Netlify does. `serve.py` reads this
  file, so the local server sends exactly what a host would.
- `_nginx.conf`: `nginx.conf` beside this module with the policies and base path filled in.
"""

from __future__ import annotations

import re
from pathlib import Path

SECURITY = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HEADERS_FILE = "_headers"
NGINX_TEMPLATE = Path(__file__).with_name("nginx.conf")
NGINX_FILE = "_nginx.conf"
WORKER_SCRIPT = "js/worker.mjs"


def rules(base: str, page_policy: str, worker_policy: str, immutable_dirs: list[str]) -> list[tuple[str, dict[str, str]]]:
    out = [(f"{base}*", {"Content-Security-Policy": page_policy, **SECURITY, "Cache-Control": REVALIDATE})]
    out += [(f"{base}{d.strip('/')}/*", {"Cache-Control": IMMUTABLE}) for d in immutable_dirs]
    out.append((f"{base}{WORKER_SCRIPT}", {"Content-Security-Policy": worker_policy}))
    return out


def write(site: Path, base: str, page_policy: str, worker_policy: str, immutable_dirs: list[str]) -> None:
    text = "".join(f"{path}\n" + "".join(f"  {k}: {v}\n" for k, v in hdrs.items())
                   for path, hdrs in rules(base, page_policy, worker_policy, immutable_dirs))
    (site / HEADERS_FILE).write_text(text, encoding="utf-8")
    nginx = (NGINX_TEMPLATE.read_text(encoding="utf-8").replace("@BASE@", base)
             .replace("@PAGE_POLICY@", page_policy).replace("@WORKER_POLICY@", worker_policy))
    (site / NGINX_FILE).write_text(nginx, encoding="utf-8")


def load(site: Path) -> list[tuple[re.Pattern, dict[str, str]]]:
    """The rules of `site/_headers`, each path pattern as a regex (`*` matches anything)."""
    parsed: list[tuple[re.Pattern, dict[str, str]]] = []
    for line in (site / HEADERS_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            parsed.append((re.compile("^" + ".*".join(map(re.escape, line.strip().split("*"))) + "$"), {}))
        else:
            name, _, value = line.strip().partition(":")
            parsed[-1][1][name.strip()] = value.strip()
    return parsed


def for_path(parsed: list[tuple[re.Pattern, dict[str, str]]], path: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for pattern, hdrs in parsed:
        if pattern.match(path):
            out.update(hdrs)
    return out
