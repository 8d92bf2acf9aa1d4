"""`okr1on1 serve`: the built site on a local web server, with the MIME types Pyodide needs."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar


class _SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
    }


def serve_site(site_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the built site on `host:port` until interrupted."""
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"no built site in {site_dir}; run `make build`")
    handler = functools.partial(_SiteRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(f"Serving okr1on1 on http://{host}:{port}/ (English: /en/). Ctrl+C stops.", flush=True)
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
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
