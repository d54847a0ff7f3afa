"""Content-Security-Policy and the other security headers of the built site.

Material emits a few inline scripts whose text differs by page depth, so the hashes are
collected from every built page at every build. The policy allows only our origin,
`data:` images (Material's icons live in its CSS), every inline script by its sha256
alone, no plugins (`object-src 'none'`), no `<base>` and forms only to our origin.

Written as:
- a `<meta http-equiv>` in every page's `<head>`, right after `<meta charset>` (hosts
  that cannot set headers);
  a page never compiles WebAssembly, so the meta policy does not allow it;
- `_csp_header.txt`, the header policy (the meta policy plus `frame-ancestors 'none'`,
  which only a header can carry, and `'wasm-unsafe-eval'`), as the calculators' worker
  script's response needs it: a worker obeys only its own response header, and it is the
  one that compiles WebAssembly. Every other response sends it without
  `'wasm-unsafe-eval'` (`without_wasm`); `_headers` and `_nginx.conf` hold both forms.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

BASE_POLICY = ("default-src 'self'", "img-src 'self' data:")
TAIL = ("object-src 'none'", "base-uri 'none'", "form-action 'self'")
HEADER_ONLY = ("frame-ancestors 'none'",)
WASM = "'wasm-unsafe-eval'"
HEADER_FILE = "_csp_header.txt"

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPES = ("application/json", "application/ld+json")
# The policy goes right after the page's <meta charset>: a browser looks for the charset
# in the first 1 024 bytes only, and the policy (its hashes grow with the pages) would
# push it out of them if it came first.
_CHARSET = re.compile(r"<head>\s*<meta charset=[^>]*>", re.IGNORECASE)


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


def policy(hashes: set[str], wasm: bool = False, header: bool = False) -> str:
    script = ("'self'", *((WASM,) if wasm else ()), *sorted(hashes))
    return "; ".join((*BASE_POLICY, "script-src " + " ".join(script), *TAIL, *(HEADER_ONLY if header else ())))


def without_wasm(pol: str) -> str:
    return pol.replace(f" {WASM}", "")


def meta_tag(pol: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{pol}">'


def apply(site_dir: Path) -> tuple[str, str]:
    """Hash every inline script of every page, write the meta policy into each page and
    the header policies into the two files. Returns (page header policy, worker header policy)."""
    pages = sorted(site_dir.rglob("*.html"))
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    hashes = {sha256_source(body) for text in texts.values() for body in inline_scripts(text)}
    tag = meta_tag(policy(hashes))
    for p, text in texts.items():
        text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
        text, n = _CHARSET.subn(lambda m: m.group(0) + tag, text, count=1)
        if not n:
            text, n = re.subn(r"<head>", "<head>" + tag, text, count=1, flags=re.IGNORECASE)
        if n:
            p.write_text(text, encoding="utf-8")
    worker = policy(hashes, wasm=True, header=True)
    (site_dir / HEADER_FILE).write_text(worker + "\n", encoding="utf-8")
    return without_wasm(worker), worker
