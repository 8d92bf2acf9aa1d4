"""Build both editions (Dutch at the root, English under en/) and publish them atomically:
the last good site stays in place until a complete new one replaces it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import tempfile
from pathlib import Path
from typing import ClassVar

from mkdocs.commands.build import build
from mkdocs.config import load_config

EDITIONS = (("mkdocs.yml", ""), ("mkdocs.en.yml", "en"))


def build_site(project_root: Path, site_dir: Path | None = None) -> Path:
    """Build every edition into a temporary folder, then swap it in for `site_dir`."""
    project_root = project_root.resolve()
    site_dir = (site_dir or project_root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        for config_file, subfolder in EDITIONS:
            config = load_config(config_file=str(project_root / config_file), site_dir=str(staging / subfolder), strict=True)
            build(config)
        retired = site_dir.with_name(f".{site_dir.name}.old")
        shutil.rmtree(retired, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(retired)
        staging.rename(site_dir)
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return site_dir


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
