"""Precompressed copies of every compressible file of the built site: `X.gz` and `X.br`
beside `X`, for web servers that send them as they are (nginx `gzip_static` and
`brotli_static`, `site_build.serve`).

gzip level 9 and brotli quality 11 (24-bit window) are slow on the 9.6 MB WebAssembly
runtime (~30 s), so every compressed copy is cached under `.cache/` by the sha256 of what
it compresses: a build recompresses only what changed. A copy that does not save at
least 5 % is not written (the server then sends the file as it is): a wheel of deflated
members (XlsxWriter's) is sent as it is, the calculators' wheel of STORED bytecode
compressed.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".wasm", ".zip", ".map",
                ".csv", ".ico", ".webmanifest", ".toml", ".conf", ".whl"}
MIN_SIZE = 1024
ENCODINGS = {"br": ".br", "gzip": ".gz"}


def _compress(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=11, lgwin=24)
    return gzip.compress(data, compresslevel=9, mtime=0)


def _key(cache: Path, data: bytes, encoding: str) -> Path:
    return cache / f"{hashlib.sha256(data).hexdigest()}{ENCODINGS[encoding]}"


def _make(job: tuple[str, str, str]) -> None:
    """Compress one file into the cache (run in a worker process)."""
    path, encoding, key = job
    out = _compress(Path(path).read_bytes(), encoding)
    tmp = Path(key).with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(out)
    os.replace(tmp, key)


def candidates(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in COMPRESSIBLE
                  and p.stat().st_size >= MIN_SIZE and not p.name.startswith("_"))


def precompress(site: Path, cache_dir: Path) -> dict[str, int]:
    """Write X.gz and X.br beside every compressible file of `site`; returns bytes per encoding."""
    cache = cache_dir / "compressed"
    cache.mkdir(parents=True, exist_ok=True)
    files = candidates(site)
    jobs = [(p, enc, _key(cache, p.read_bytes(), enc)) for p in files for enc in ENCODINGS]
    # Builds running at once (the test suite's workers, each building its site on an empty
    # cache) take turns: the second finds what the first compressed instead of doing it too.
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        todo = [(str(p), enc, str(key)) for p, enc, key in jobs if not key.is_file()]
        # Only what is not cached yet is compressed, in processes (brotli holds the GIL;
        # forkserver, as the caller may have threads); a build with nothing new starts none.
        if len(todo) > 2 and (os.cpu_count() or 1) > 1:
            with ProcessPoolExecutor(min(len(todo), os.cpu_count() or 1),
                                     mp_context=multiprocessing.get_context("forkserver")) as pool:
                list(pool.map(_make, todo))
        else:
            for job in todo:
                _make(job)
    totals = {enc: 0 for enc in ENCODINGS}
    for src, enc, key in jobs:
        data = key.read_bytes()
        dest = src.with_name(src.name + ENCODINGS[enc])
        if len(data) <= 0.95 * src.stat().st_size:
            dest.write_bytes(data)
            totals[enc] += len(data)
        else:
            dest.unlink(missing_ok=True)
    return totals
