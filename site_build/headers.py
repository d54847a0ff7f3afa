"""Response headers of the built site, written for static hosts and used by `serve.py`.

- `_headers` (Netlify format; Cloudflare Pages reads it too): the security headers for
  every path, the header policy (the worker script's the only one with
  `'wasm-unsafe-eval'`), and `Cache-Control`: a year, immutable, for the Pyodide runtime
  under `pyodide/<version>/` and the wheel under `pyodide/<sha256>/`, revalidation for
  everything else (pages, `sw.js`, the lockfile). No two rules that match one path set
  the same header: Netlify lets a later rule replace an earlier one's value, but
  Cloudflare Pages joins them (a worker with two policies, which a browser enforces
  both of). So `/*` carries only the headers that are the same everywhere, and the
  policy and `Cache-Control` come from rules that do not overlap: a folder whose every
  file gets the same ones is one `/folder/*` rule, a folder that mixes them (the root,
  `js/`, `pyodide/`) lists its files one by one. A path that is no file of the build
  (a 404 at the root) then gets no header policy: the 404 page's meta policy holds.
  `serve.py` reads this file, so the local server sends exactly what a host would.
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


# Written by the build after this file (so not yet in the folder) but served at the root.
LATER_FILES = ("sw.js",)
# Written for the host, never served (serve.py and nginx answer 404).
HOST_FILES = (HEADERS_FILE, NGINX_FILE, "_csp_header.txt")


def rules(base: str, page_policy: str, worker_policy: str, immutable_dirs: list[str],
          files: list[str] | None = None) -> list[tuple[str, dict[str, str]]]:
    """The `_headers` rules for a site holding `files` (paths relative to the site, `/`
    separated). Without `files`, a site of the worker script and the immutable folders."""
    immutable = [d.strip("/") for d in immutable_dirs]
    files = sorted(set(files if files is not None else [WORKER_SCRIPT]) - set(HOST_FILES))

    def headers(rel: str) -> tuple[tuple[str, str], ...]:
        worker = rel == WORKER_SCRIPT
        cache = IMMUTABLE if any(rel.startswith(d + "/") for d in immutable) else REVALIDATE
        return (("Content-Security-Policy", worker_policy if worker else page_policy), ("Cache-Control", cache))

    out: list[tuple[str, dict[str, str]]] = [(f"{base}*", dict(SECURITY))]

    def cover(folder: str, under: list[str]) -> None:
        """Rules for the files `under` the folder (relative to it), none overlapping."""
        kinds = {headers(f"{folder}{rel}") for rel in under}
        if folder and (folder.rstrip("/") in immutable or len(kinds) == 1):
            out.append((f"{base}{folder}*", dict(next(iter(kinds)))))
            return
        subfolders: dict[str, list[str]] = {}
        for rel in under:
            head, sep, rest = rel.partition("/")
            if sep:
                subfolders.setdefault(head, []).append(rest)
                continue
            if rel == "index.html":  # the folder's own address serves it
                out.append((f"{base}{folder}", dict(headers(f"{folder}{rel}"))))
            out.append((f"{base}{folder}{rel}", dict(headers(f"{folder}{rel}"))))
        for name in sorted(subfolders):
            cover(f"{folder}{name}/", subfolders[name])

    cover("", files)
    return out


def site_files(site: Path) -> list[str]:
    """The files a reader may ask for: every file of the build but the precompressed
    copies (served under their file's name), and the ones written after `_headers`."""
    found = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return sorted({f for f in found if not f.endswith((".br", ".gz")) or f[:-3] not in found} | set(LATER_FILES))


def write(site: Path, base: str, page_policy: str, worker_policy: str, immutable_dirs: list[str]) -> None:
    text = "".join(f"{path}\n" + "".join(f"  {k}: {v}\n" for k, v in hdrs.items())
                   for path, hdrs in rules(base, page_policy, worker_policy, immutable_dirs, site_files(site)))
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
