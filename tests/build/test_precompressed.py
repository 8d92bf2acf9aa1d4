"""Issue 15, point 2: every large file of the built site comes with brotli and gzip copies beside it, which
`okr1on1 serve` (and the bench's server) send by the browser's Accept-Encoding, with Content-Encoding;
the engine's standard library trimmed to what its start uses; nothing on a start's path it does not use."""

from __future__ import annotations

import gzip
import http.server
import json
import os
import urllib.error
import urllib.request
import zipfile
from email.message import Message
from pathlib import Path

import brotli
import pytest

from okr1on1.site.host_headers import NGINX_FILE
from okr1on1.site.offline import SERVICE_WORKER
from okr1on1.site.precompress import MIN_SIZE, accepted, encoded_copy
from okr1on1.site.pyodide_bundle import ENGINE_MANIFEST, SITE_FOLDER
from okr1on1.site.serve import _SiteRequestHandler, serving_in_background
from okr1on1.site.stdlib_trim import ENGINE_STDLIB, LATE_STDLIB

WASM = f"/{SITE_FOLDER}/pyodide.asm.wasm"


@pytest.fixture(scope="module")
def origin(built_site: Path):  # type: ignore[no-untyped-def]
    with serving_in_background(built_site, _SiteRequestHandler, http.server.ThreadingHTTPServer, "precompressed") as address:
        yield address


def get(origin: str, path: str, accept: str | None, **headers: str) -> tuple[int, Message, bytes]:
    """Status, headers (read by name in any case) and body, as sent."""
    request = urllib.request.Request(origin + path, headers={**({"Accept-Encoding": accept} if accept is not None else {}), **headers})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def test_large_files_have_copies_that_decode_to_the_file(built_site: Path) -> None:
    kinds = (".wasm", ".mjs", ".js", ".css", ".html", ".json")
    large = [path for path in built_site.rglob("*") if path.is_file() and path.suffix in kinds and path.stat().st_size >= MIN_SIZE]
    assert any(path.name == "pyodide.asm.wasm" for path in large)
    for path in large:
        data = path.read_bytes()
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
    wasm = built_site / WASM.lstrip("/")
    assert (wasm.with_name(wasm.name + ".br")).stat().st_size < 0.8 * (wasm.with_name(wasm.name + ".gz")).stat().st_size


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("br;q=0, gzip;q=0.5", "gzip"), ("identity", None), (None, None)],
)
def test_serve_sends_the_copy_the_browser_accepts(built_site: Path, origin: str, accept: str | None, encoding: str | None) -> None:
    status, headers, body = get(origin, WASM, accept)
    assert status == 200
    assert headers["Content-Type"] == "application/wasm"  # streaming compilation needs it, encoded or not
    assert headers["Vary"] == "Accept-Encoding"
    assert headers.get("Content-Encoding") == encoding
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda data: data}[encoding]
    assert decode(body) == (built_site / WASM.lstrip("/")).read_bytes()
    assert int(headers["Content-Length"]) == len(body)


def test_a_page_is_sent_compressed(built_site: Path, origin: str) -> None:
    status, headers, body = get(origin, "/templates/personal-development/", "br")
    assert (status, headers["Content-Encoding"], headers["Vary"]) == (200, "br", "Accept-Encoding")
    assert brotli.decompress(body) == (built_site / "templates" / "personal-development" / "index.html").read_bytes()
    assert headers["Content-Type"].startswith("text/html")


def test_an_unchanged_copy_is_not_sent_again(origin: str) -> None:
    _, headers, _ = get(origin, WASM, "br")
    status, _, body = get(origin, WASM, "br", **{"If-Modified-Since": headers["Last-Modified"]})
    assert (status, body) == (304, b"")


def test_the_snapshot_reaches_any_host_and_the_memory_a_negotiating_one(built_site: Path, origin: str) -> None:
    folder = built_site / SITE_FOLDER
    name = json.loads((folder / ENGINE_MANIFEST).read_text(encoding="utf-8"))["snapshot"]
    as_it_lies = (folder / name).read_bytes()
    memory = gzip.decompress(as_it_lies)  # a plain host sends this file; the worker inflates it
    status, headers, body = get(origin, f"/{SITE_FOLDER}/{name}", "gzip, br")
    assert (status, headers["Content-Encoding"]) == (200, "br")
    assert brotli.decompress(body) == memory
    assert len(body) < 0.7 * len(as_it_lies)
    assert "immutable" in headers["Cache-Control"]  # named by its sha256


def test_the_trimmed_libraries_hold_part_of_the_standard_library(built_site: Path) -> None:
    folder = built_site / SITE_FOLDER
    whole = set(zipfile.ZipFile(folder / "python_stdlib.zip").namelist())
    engine = set(zipfile.ZipFile(folder / ENGINE_STDLIB).namelist())
    late = set(zipfile.ZipFile(folder / LATE_STDLIB).namelist())
    assert late < engine < whole
    assert {"json/__init__.py", "zipfile/__init__.py", "encodings/utf_16_le.py"} <= engine  # the engine's own
    assert "unittest/__init__.py" not in engine and "asyncio/__init__.py" in engine - late  # Pyodide's start uses it
    assert "encodings/utf_16_le.py" in late and "json/__init__.py" not in late  # needed only after the snapshot
    # Deflated, as the whole is: a host that sends no copies serves a fraction of it.
    assert (folder / ENGINE_STDLIB).stat().st_size < 0.35 * (folder / "python_stdlib.zip").stat().st_size


def test_the_whole_standard_library_is_not_kept_offline(built_site: Path) -> None:
    # The site never fetches it (the bench's bare loadPyodide() does): the service worker does not keep it.
    kept = (built_site / SERVICE_WORKER).read_text(encoding="utf-8")
    assert f"{SITE_FOLDER}/{ENGINE_STDLIB}" in kept and f"{SITE_FOLDER}/python_stdlib.zip" not in kept
    assert ".br\"" not in kept and "pyodide.asm.wasm.gz" not in kept  # nor the copies of a file it keeps


def test_nginx_serves_the_copies(built_site: Path) -> None:
    snippet = (built_site / NGINX_FILE).read_text(encoding="utf-8")
    assert "gzip_static on;" in snippet
    assert "brotli_static" in snippet  # with the brotli module: said in a comment, which nginx ignores without it


def test_accept_encoding_is_read_as_browsers_write_it() -> None:
    assert accepted("gzip, deflate, br, zstd") == ["br", "gzip"]
    assert accepted("br;q=0, gzip") == ["gzip"]
    assert accepted("br;q=0, *") == ["gzip"]  # an explicit no wins over the wildcard
    assert accepted("*") == ["br", "gzip"]
    assert accepted("") == [] and accepted("identity") == []


def test_a_file_changed_after_the_build_is_sent_as_it_is(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<p>new</p>", encoding="utf-8")
    copy = tmp_path / "index.html.br"
    copy.write_bytes(brotli.compress(b"<p>old</p>"))
    assert encoded_copy(page, "br") is not None
    os.utime(copy, ns=(page.stat().st_mtime_ns - 10**9,) * 2)  # the page was edited after its copy was made
    assert encoded_copy(page, "br") is None
