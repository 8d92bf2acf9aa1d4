"""The site offline: the service worker (`sw.js` at the site's root, one for both editions) and the list
of files it keeps, written once both editions are built.

The list names every file a reader needs with the network cut (every page of both editions, the theme,
the widgets, Pyodide and the engine), each with its sha256, which the worker hands to fetch() as
Subresource Integrity: a file of another build is refused, so one cache never holds two builds. The build
id is a hash of them all; every page carries it (`<meta name="okr1on1-build">`), so the worker can tell a
page of its own build from a newer one. A new build is a new `sw.js`: the browser installs it beside the
running one, and the page offers a reload instead of swapping files under it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import brotli

SERVICE_WORKER = "sw.js"
_SOURCE = Path(__file__).with_name("service_worker.js")
# Every page's build id (overrides/main.html writes it empty; filled in here, once the id is known).
_BUILD_META = re.compile(r'<meta name="okr1on1-build" content="[^"]*">')
# Not for readers: the hosts' header files, source maps, compressed copies of a file also served as it is,
# the search's other languages' stemmers (lunr: only this site's two are kept), the sitemaps' gzip copies,
# Pyodide's whole standard library and WebAssembly (the engine's start mounts a trimmed library, stdlib_trim.py,
# and fetches the WebAssembly's code and data apart, wasm_split.py).
_LEFT_OUT = re.compile(r"^(?:_headers|_nginx\.conf|sw\.js)$|\.map$|\.br$|(?:^|/)sitemap\.xml\.gz$|(?:^|/)(?:python_stdlib\.zip|pyodide\.asm\.wasm)$")
_LUNR = re.compile(r"assets/javascripts/lunr/(?:min/lunr\.(?P<lang>[a-z]{2}|multi)\.min\.js|.*)$")
_LUNR_KEPT = ("min/lunr.stemmer.support.min.js", "min/lunr.nl.min.js", "min/lunr.multi.min.js")
_PYODIDE = "/assets/pyodide/"
# The downloads (PDF, Word, …: 5 MB for both editions) are kept once a reader has fetched one, not before.
_DOWNLOADS = re.compile(r"(?:^|/)downloads/")


def _kept(path: str, files: set[str]) -> bool:
    if _LEFT_OUT.search(path) or _DOWNLOADS.search(path):
        return False
    if path.endswith(".gz") and path.removesuffix(".gz") in files:
        return False
    lunr = _LUNR.search(path)
    return lunr is None or any(path.endswith(f"assets/javascripts/lunr/{name}") for name in _LUNR_KEPT)


def _url(path: str) -> str:
    """The address a reader asks for: a folder for its index.html (the site has directory URLs)."""
    if path == "index.html":
        return "./"
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def integrity(*bodies: bytes) -> str:
    """Subresource Integrity (sha256) that admits any of `bodies`."""
    return " ".join(dict.fromkeys(f"sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}" for body in bodies))


def _integrity(path: Path) -> str:
    """The file's sha256, and that of its brotli copy's body where that differs (the engine's snapshot is
    gzip as a file, its memory when a host sends the copy with Content-Encoding): the service worker's
    fetch admits either."""
    data = path.read_bytes()
    copy = path.with_name(path.name + ".br")
    # Only Pyodide's folder has copies of another body (the snapshot, the trimmed libraries: pyodide_bundle);
    # every other copy is of the file itself.
    recompressed = copy.is_file() and _PYODIDE in path.as_posix()
    return integrity(data, brotli.decompress(copy.read_bytes()) if recompressed else data)


def write_service_worker(site_dir: Path) -> str:
    """Give every page of the built site in `site_dir` its build id and write `sw.js` with the list of
    files to keep; returns the build id. Run again on a changed site, it gives the new id."""
    paths = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file())
    present = set(paths)
    kept = [path for path in paths if _kept(path, present)]
    # The id: every kept file with its page's build id left empty (the id cannot hash itself).
    digest = hashlib.sha256()
    for path in kept:
        data = (site_dir / path).read_bytes()
        if path.endswith(".html"):
            data = _BUILD_META.sub('<meta name="okr1on1-build" content="">', data.decode("utf-8")).encode("utf-8")
        digest.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    build_id = digest.hexdigest()[:16]
    for path in paths:
        if path.endswith(".html"):
            page = site_dir / path
            html = page.read_text(encoding="utf-8")
            page.write_text(_BUILD_META.sub(f'<meta name="okr1on1-build" content="{build_id}">', html), encoding="utf-8")
    files = [[_url(path), _integrity(site_dir / path)] for path in kept]
    settings = {"build": build_id, "files": files}
    header = f"// Written by the build (okr1on1.site.offline): this build's id and the files it keeps.\nconst BUILD = {json.dumps(settings)};\n"
    (site_dir / SERVICE_WORKER).write_text(header + _SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    return build_id
