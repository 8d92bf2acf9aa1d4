"""Brotli and gzip copies of the site's large files, made at build time and kept beside each file
(`name.br`, `name.gz`), and the choice between them by a request's `Accept-Encoding`.

A host that can serve such copies (`okr1on1 serve`, the bench's server, nginx with `gzip_static` and
`brotli_static`) sends the smallest body the browser accepts, with `Content-Encoding`, and compresses
nothing per request; any other host serves the files as they are and may compress them itself.
Copies of large files are made once per content (kept in the build cache under its sha256): brotli's
best level takes ~45 s for Pyodide's WebAssembly, which then arrives 22 % smaller than gzipped.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import threading
from pathlib import Path

import brotli

from okr1on1.site.host_headers import COMPRESSIBLE, mime_type

MIN_SIZE = 16 * 1024  # below this a host's own compression costs next to nothing and saves as much
CACHED_SIZE = 512 * 1024  # from this size on (Pyodide's files), copies at brotli's best level, made once and kept
MIN_GAIN = 0.95  # a copy is kept only when at most 95 % of the file (a zip of deflated files is not)
ENCODINGS = {"br": ".br", "gzip": ".gz"}  # the order of preference
# HTML, which COMPRESSIBLE leaves out (nginx compresses it always), and zip archives of stored files, such
# as the trimmed standard library.
_TYPES = ("text/html", *COMPRESSIBLE, "application/zip")


def compressed(data: bytes, encoding: str) -> bytes:
    """`data` in the given Content-Encoding: a large file (kept in the cache) at brotli's best level, the
    pages, which change with every build (their build id), at a level that takes milliseconds."""
    large = len(data) >= CACHED_SIZE
    if encoding == "br":
        return bytes(brotli.compress(data, quality=11 if large else 6, lgwin=24 if large else 22))
    return gzip.compress(data, compresslevel=9 if large else 6, mtime=0)


def cached_copy(data: bytes, encoding: str, cache: Path) -> Path:
    """`data` compressed, as a file in `cache` named by its sha256: made once per content."""
    kept = cache / f"{hashlib.sha256(data).hexdigest()}{ENCODINGS[encoding]}"
    if not kept.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")  # two builds at once each write their own
        partial.write_bytes(compressed(data, encoding))
        partial.replace(kept)
    return kept


def copies(data: bytes, cache: Path) -> dict[str, Path]:
    """The compressed copies worth keeping of a large `data` (suffix → file in `cache`)."""
    made = {suffix: cached_copy(data, encoding, cache) for encoding, suffix in ENCODINGS.items()}
    return {suffix: copy for suffix, copy in made.items() if copy.stat().st_size <= len(data) * MIN_GAIN}


def _write_copies(path: Path, cache: Path) -> None:
    """`path.br` and `path.gz`; those of a file under CACHED_SIZE made afresh (a page changes with every
    build: a cache of them would only grow)."""
    data = path.read_bytes()
    if len(data) >= CACHED_SIZE:
        for suffix, copy in copies(data, cache).items():
            shutil.copyfile(copy, path.with_name(path.name + suffix))
        return
    for encoding, suffix in ENCODINGS.items():
        body = compressed(data, encoding)
        if len(body) <= len(data) * MIN_GAIN:
            path.with_name(path.name + suffix).write_bytes(body)


def _worth_compressing(path: Path) -> bool:
    if path.suffix in ENCODINGS.values() or path.stat().st_size < MIN_SIZE or has_copies(path):
        return False
    return (mime_type(path.name) or "").split(";")[0] in _TYPES


def precompress_site(site_dir: Path, cache: Path) -> list[str]:
    """Write `.br` and `.gz` beside every large compressible file of the built site that has none yet
    (the engine's snapshot comes with its own: pyodide_bundle). Returns the site paths compressed."""
    done: list[str] = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        if not _worth_compressing(path):
            continue
        _write_copies(path, cache)
        done.append(path.relative_to(site_dir).as_posix())
    # No copy older than its file (those of Pyodide's files were copied in with them, in any order): a
    # server sends a copy only while it is not (encoded_copy), so a file changed after the build is sent as it is.
    for copy in (p for p in site_dir.rglob("*") if p.suffix in ENCODINGS.values() and p.with_suffix("").is_file()):
        os.utime(copy)
    return done


def accepted(accept_encoding: str) -> list[str]:
    """The encodings of ENCODINGS that an `Accept-Encoding` header admits, in our order of preference."""
    qualities: dict[str, float] = {}
    for item in accept_encoding.lower().split(","):
        name, _, params = item.strip().partition(";")
        try:
            qualities[name.strip()] = float(params.strip().removeprefix("q=")) if params.strip().startswith("q=") else 1.0
        except ValueError:
            continue
    return [encoding for encoding in ENCODINGS if qualities.get(encoding, qualities.get("*", 0.0)) > 0]


def encoded_copy(path: Path, accept_encoding: str) -> tuple[Path, str] | None:
    """The compressed copy of `path` to send for this `Accept-Encoding`, with its encoding; None: the
    file as it is (no copy, none the browser accepts, or only copies older than the file: stale)."""
    for encoding in accepted(accept_encoding):
        copy = path.with_name(path.name + ENCODINGS[encoding])
        if copy.is_file() and copy.stat().st_mtime_ns >= path.stat().st_mtime_ns:
            return copy, encoding
    return None


def has_copies(path: Path) -> bool:
    return any(path.with_name(path.name + suffix).is_file() for suffix in ENCODINGS.values())
