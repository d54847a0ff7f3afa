"""Content-Security-Policy for the built site.

Material emits a few inline scripts whose text differs by page depth, so the hashes are
collected from every built page at every build. The policy allows only our origin,
`data:` images (Material's icons live in its CSS) and, for Pyodide, WebAssembly
compilation; every inline script is allowed by its sha256 alone.

Written two ways: a `<meta http-equiv>` first in every page's `<head>` (hosts that cannot
set headers), and `_csp_header.txt` / `_headers` for hosts that can (a worker only takes
its policy from its own response header).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

BASE_POLICY = ("default-src 'self'", "img-src 'self' data:")
SCRIPT_SRC = ("'self'", "'wasm-unsafe-eval'")

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPES = ("application/json", "application/ld+json")


def inline_scripts(html: str) -> list[str]:
    """Bodies of the inline scripts the browser would run (not src=, not data blocks)."""
    out = []
    for m in _SCRIPT.finditer(html):
        attrs = m.group("attrs").lower()
        if "src=" in attrs or any(t in attrs for t in _DATA_TYPES):
            continue
        out.append(m.group("body"))
    return out


def sha256_source(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy(hashes: set[str]) -> str:
    return "; ".join((*BASE_POLICY, "script-src " + " ".join((*SCRIPT_SRC, *sorted(hashes)))))


def meta_tag(pol: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{pol}">'


def apply(site_dir: Path) -> str:
    """Hash every inline script of every page, write the policy into each page and the
    header files. Returns the policy."""
    pages = sorted(site_dir.rglob("*.html"))
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    hashes = {sha256_source(body) for text in texts.values() for body in inline_scripts(text)}
    pol = policy(hashes)
    tag = meta_tag(pol)
    for p, text in texts.items():
        text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
        text, n = re.subn(r"<head>", "<head>" + tag, text, count=1, flags=re.IGNORECASE)
        if n:
            p.write_text(text, encoding="utf-8")
    (site_dir / "_csp_header.txt").write_text(pol + "\n", encoding="utf-8")
    (site_dir / "_headers").write_text(f"/*\n  Content-Security-Policy: {pol}\n", encoding="utf-8")
    return pol
