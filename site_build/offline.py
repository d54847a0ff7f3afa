"""The service worker of the built site: `sw.js` at its root, written from the template
`sw.js` beside this module with this build's id and every file the reader may need
offline (pages, assets, search index, the Pyodide runtime, the wheel), each with its
sha256. The build id is a hash of that list: the same site gives the same id, and any
change to any file gives a new `sw.js`, which is how browsers notice a new build.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

TEMPLATE = Path(__file__).with_name("sw.js")
SW_FILE = "sw.js"
# Not part of what a reader loads: header files for hosts (`_*`), the service worker
# itself, precompressed copies (the browser stores decoded bodies) and source maps (only
# developer tools fetch them). The sitemap is kept: Material's instant navigation reads it.
SKIP_SUFFIXES = (".gz", ".br", ".map")
SKIP_NAMES = {SW_FILE}


def offline_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and not p.name.startswith("_")
                  and p.name not in SKIP_NAMES and not p.name.endswith(SKIP_SUFFIXES))


def url_of(site: Path, path: Path) -> str:
    """The URL (relative to the site root) a browser requests for `path`."""
    rel = path.relative_to(site).as_posix()
    if rel == "index.html":
        return "./"
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def manifest(site: Path) -> list[list[str]]:
    out = []
    for path in offline_files(site):
        digest = base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()
        out.append([url_of(site, path), f"sha256-{digest}"])
    return out


def write_service_worker(site: Path) -> str:
    """Write `site/sw.js`; returns the build id."""
    files = manifest(site)
    build_id = hashlib.sha256(json.dumps(files).encode()).hexdigest()[:16]
    build = json.dumps({"id": build_id, "files": files}, separators=(",", ":"))
    text = TEMPLATE.read_text(encoding="utf-8")
    if "@BUILD@" not in text:
        raise ValueError(f"{TEMPLATE} lacks the placeholder @BUILD@")
    (site / SW_FILE).write_text(text.replace("@BUILD@", build), encoding="utf-8")
    return build_id
