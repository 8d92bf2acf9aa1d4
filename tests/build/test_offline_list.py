"""The build's offline list (okr1on1.site.offline): `sw.js` at the site's root names every page of both
editions and the files they need, each with the sha256 of the file as published, and every page carries
the build's id, which changes when any listed file does."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

import brotli

from okr1on1.site.offline import SERVICE_WORKER, write_service_worker

BUILD = re.compile(r"^const BUILD = (?P<json>.*);$", re.MULTILINE)
META = re.compile(r'<meta name="okr1on1-build" content="(?P<id>[^"]*)">')


def listed(site: Path) -> dict[str, object]:
    match = BUILD.search((site / SERVICE_WORKER).read_text(encoding="utf-8"))
    assert match
    return json.loads(match["json"])


def published(site: Path, url: str) -> Path:
    return site / (f"{url}index.html" if url.endswith("/") or url == "./" else url).removeprefix("./")


def test_every_page_and_the_engine_are_listed_with_their_sha256_and_nothing_for_hosts(built_site: Path) -> None:
    build = listed(built_site)
    files = dict(build["files"])  # type: ignore[arg-type]
    pages = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html") if "assets" not in path.parts}
    urls = {published(built_site, url).relative_to(built_site).as_posix() for url in files}
    assert pages <= urls
    assert {"assets/pyodide/pyodide.asm-code.wasm", "assets/pyodide/pyodide.asm-data.bin", "assets/okr1on1/worker.js"} <= urls
    assert "en/assets/okr1on1/survey.js" in urls
    assert "assets/pyodide/pyodide.asm.wasm" not in urls  # the whole module: only the bench's floor fetches it
    assert not [url for url in urls if url.endswith((".map", "_headers", "_nginx.conf", SERVICE_WORKER)) or "/downloads/" in f"/{url}"]
    for url, integrity in files.items():
        path = published(built_site, url)
        # The file as it lies; for Pyodide's snapshot and trimmed libraries, also the body of their brotli
        # copy, which is of another file (the memory; the zip stored), and which a host may send instead.
        bodies = [path.read_bytes()]
        if url.startswith("assets/pyodide/") and path.with_name(path.name + ".br").is_file():
            bodies.append(brotli.decompress(path.with_name(path.name + ".br").read_bytes()))
        assert integrity.split() == list(dict.fromkeys(f"sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}" for body in bodies)), url
    for page in pages:
        assert {match["id"] for match in META.finditer((built_site / page).read_text(encoding="utf-8"))} == {build["build"]}, page


def test_a_changed_file_is_a_new_build_and_an_unchanged_site_keeps_its_id(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    first = listed(built_site)["build"]
    assert write_service_worker(site) == first
    (site / "assets" / "okr1on1" / "okr1on1.css").write_text("/* changed */", encoding="utf-8")
    changed = write_service_worker(site)
    assert changed != first and listed(site)["build"] == changed
    assert META.search((site / "en" / "index.html").read_text(encoding="utf-8"))["id"] == changed  # type: ignore[index]
