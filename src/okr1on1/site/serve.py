"""`okr1on1 serve`: the built site on a local web server, as a host should serve it: the MIME types
Pyodide needs, the headers of host_headers.py, the compressed copies the build made (precompress.py)
by the browser's Accept-Encoding, the site's own 404 page, optionally under a base path."""

from __future__ import annotations

import contextlib
import email.utils
import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any, ClassVar

from okr1on1.site.address import normal_path
from okr1on1.site.host_headers import MIME_TYPES, HostRules, host_rules
from okr1on1.site.precompress import encoded_copy, has_copies


@functools.cache
def _rules(directory: str, stamp: tuple[int, int]) -> HostRules:
    return host_rules(Path(directory))


class _SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    # typeshed declares extensions_map an instance attribute, so it cannot be a ClassVar here; never mutated.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}  # noqa: RUF012
    base_path: ClassVar[str] = "/"  # where the site is mounted, e.g. /okr1on1/
    _site_path = "/"

    def _host_rules(self) -> HostRules:
        info = os.stat(self.directory)  # a new build is a new folder: its rules are read again
        return _rules(self.directory, (info.st_ino, info.st_mtime_ns))

    def translate_path(self, path: str) -> str:
        url_path = path.split("?", 1)[0].split("#", 1)[0]
        if not url_path.startswith(self.base_path):
            self._site_path = "/"
            return os.path.join(self.directory, ".outside-the-base-path")  # no such file: the root's 404
        self._site_path = "/" + url_path.removeprefix(self.base_path)
        return super().translate_path(self._site_path)

    def end_headers(self) -> None:
        for name, value in self._host_rules().headers_for(self._site_path).items():
            self.send_header(name, value)
        if self._varies:
            self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    _varies = False  # the answer depends on Accept-Encoding: the file has compressed copies

    def send_head(self):  # type: ignore[no-untyped-def]  # the base class's contract: a file or None
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"  # a page's address (without its slash, the base class redirects)
        self._varies = path.is_file() and has_copies(path)
        chosen = encoded_copy(path, self.headers.get("Accept-Encoding", "")) if self._varies else None
        if chosen is None:
            return super().send_head()
        copy, encoding = chosen
        modified = int(path.stat().st_mtime)
        if self._not_modified_since(modified):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.end_headers()
            return None
        body = copy.open("rb")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return body

    def _not_modified_since(self, modified: int) -> bool:
        """Whether the request's If-Modified-Since (and no If-None-Match) is not older than `modified`."""
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        try:
            return modified <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, OverflowError, IndexError):
            return False

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing path gets the site's own 404 page, of the edition it lies in."""
        page = self._not_found_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self._site_path = "/404.html"
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        root = Path(self.directory)
        first = self._site_path.lstrip("/").split("/", 1)[0]  # 'en' in /en/… (another edition's 404 page)
        candidates = [root / first / "404.html"] if first and "." not in first else []
        return next((page for page in [*candidates, root / "404.html"] if page.is_file()), None)


def serve_site(site_dir: Path, host: str = "127.0.0.1", port: int = 8000, base_path: str = "/") -> None:
    """Serve the built site on `host:port` under `base_path` until interrupted."""
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"no built site in {site_dir}; run `make build`")
    base_path = normal_path(base_path)
    mounted = type("SiteRequestHandler", (_SiteRequestHandler,), {"base_path": base_path})
    handler = functools.partial(mounted, directory=str(site_dir))
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(f"Serving okr1on1 on http://{host}:{port}{base_path} (English: {base_path}en/). Ctrl+C stops.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


@contextlib.contextmanager
def serving_in_background(
    site_dir: Path, handler: type[http.server.SimpleHTTPRequestHandler], server_class: type[http.server.ThreadingHTTPServer], name: str
) -> Iterator[str]:
    """`site_dir` served by `handler` on 127.0.0.1 at a free port from a daemon thread, for tests and
    benchmarks; yields the origin, e.g. http://127.0.0.1:41234, and stops the server afterwards."""
    factory: Callable[..., Any] = functools.partial(handler, directory=str(site_dir))
    server = server_class(("127.0.0.1", 0), factory)
    server.daemon_threads = True
    with running(server, name) as origin:
        yield origin


@contextlib.contextmanager
def running(server: http.server.HTTPServer, name: str) -> Iterator[str]:
    """`server` (bound to 127.0.0.1) serving from a daemon thread; yields its origin, and stops it afterwards."""
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
