"""The bench's web server: the built site on 127.0.0.1, with the bench fixtures under /__bench__/.

It serves files the way `okr1on1 serve` does (the site's MIME types and headers, the build's brotli and
gzip copies by Accept-Encoding, Last-Modified with 304 answers), and compresses with gzip the text, JSON,
SVG and WebAssembly that have no copies (the fixtures, small files) when the browser asks for it.
Compressed bodies are made once, when the server starts, so no request waits for compression.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from okr1on1.site.precompress import accepted, has_copies
from okr1on1.site.serve import _SiteRequestHandler, serving_in_background

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_PREFIX = "/__bench__/"
COMPRESSED_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/wasm")


def content_type(path: str) -> str:
    """The Content-Type the server sends for `path` (the site's own map first, as `okr1on1 serve`)."""
    suffix = os.path.splitext(path)[1].lower()
    return BenchRequestHandler.extensions_map.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


class _Gzipped:
    """Compressed bodies of the site's compressible files, by absolute path."""

    def __init__(self) -> None:
        self.bodies: dict[str, tuple[float, bytes]] = {}
        self.lock = threading.Lock()

    def get(self, path: str) -> bytes:
        mtime = os.stat(path).st_mtime
        with self.lock:
            cached = self.bodies.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        with self.lock:
            self.bodies[path] = (mtime, body)
        return body


class BenchRequestHandler(_SiteRequestHandler):
    gzipped: _Gzipped
    fixtures: Path = FIXTURES

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        route = path.split("?", 1)[0].split("#", 1)[0]
        if route.startswith(FIXTURE_PREFIX):
            name = route.removeprefix(FIXTURE_PREFIX)
            if "/" in name or name.startswith("."):
                return str(self.fixtures / "missing")
            return str(self.fixtures / name)
        return super().translate_path(path)

    def _compressible(self, path: str) -> bool:
        return os.path.isfile(path) and content_type(path).startswith(COMPRESSED_TYPES)

    def send_head(self):  # type: ignore[no-untyped-def]  # the base class's contract: a file or None
        path = self.translate_path(self.path)
        if "gzip" not in accepted(self.headers.get("Accept-Encoding", "")) or not self._compressible(path) or has_copies(Path(path)):
            return super().send_head()  # okr1on1 serve's way: the build's copies, or the file as it is
        self._varies = True
        stat = os.stat(path)
        if self._not_modified_since(int(stat.st_mtime)):
            self.send_response(http.server.HTTPStatus.NOT_MODIFIED)
            self.end_headers()
            return None
        body = self.gzipped.get(path)
        self.send_response(http.server.HTTPStatus.OK)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        self.wfile.write(body)
        return None


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the browser dropping a connection (a closed context) is no problem of the bench


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` (and the fixtures) on a free port; yield the origin, e.g. http://127.0.0.1:41234."""
    gzipped = _Gzipped()
    for path in site_dir.rglob("*"):
        if path.is_file() and content_type(str(path)).startswith(COMPRESSED_TYPES) and not has_copies(path):
            gzipped.get(str(path))
    handler = type("Handler", (BenchRequestHandler,), {"gzipped": gzipped})
    with serving_in_background(site_dir, handler, _QuietServer, "bench-site-server") as origin:
        yield origin
