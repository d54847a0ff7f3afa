"""Variants of the built site for tests that need a broken or altered copy."""

from __future__ import annotations

import re
import shutil
from pathlib import Path



def copy_site(built_site: Path, dest: Path) -> Path:
    shutil.copytree(built_site, dest)
    return dest


def rewrite_policy(site: Path, change) -> str:
    """Apply `change(policy) -> policy` to the header file and to every page's meta tag."""
    header = site / "_csp_header.txt"
    old = header.read_text(encoding="utf-8").strip()
    new = change(old)
    header.write_text(new + "\n", encoding="utf-8")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(f'content="{old}"', f'content="{new}"'), encoding="utf-8")
    return new


def drop_hash(policy: str, digest: str) -> str:
    return re.sub(r"\s*" + re.escape(digest), "", policy)
