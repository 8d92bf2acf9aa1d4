"""Deploying anywhere: the site URL set once (or not at all), a build for a sub-path whose 404 page
works at any depth, one Pyodide for both editions, the hosts' header files, and `okr1on1 serve`
answering like a host (its own 404 page, the headers)."""

from __future__ import annotations

import http.server
import posixpath
import re
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_html import parse

from okr1on1.site.address import SITE_URL_ENV, AddressError, site_address
from okr1on1.site.build_site import Publishing, build_site
from okr1on1.site.host_headers import HEADERS_FILE, IMMUTABLE, NGINX_FILE, host_rules
from okr1on1.site.pyodide_bundle import SITE_FOLDER
from okr1on1.site.serve import _SiteRequestHandler, serving_in_background

ROOT = Path(__file__).resolve().parents[2]
URL = "https://example.org/okr1on1/"
_HEAD_LINK = re.compile(r'<link rel="(?P<rel>canonical|alternate)" href="(?P<href>[^"]*)"(?: hreflang="(?P<lang>[a-z]+)")?>')


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("www") / "okr1on1", Publishing(site_url=URL))


def _head_links(page: Path) -> list[tuple[str, str, str | None]]:
    return [(m["rel"], m["href"], m["lang"]) for m in _HEAD_LINK.finditer(page.read_text(encoding="utf-8"))]


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts]


def test_without_a_site_url_no_page_claims_an_address(built_site: Path) -> None:
    for page in _pages(built_site):
        assert _head_links(page) == [], page  # no canonical, no hreflang pointing at some host
    for edition in ("", "en"):
        sitemap = (built_site / edition / "sitemap.xml").read_text(encoding="utf-8")
        assert "<urlset" in sitemap and "<loc>" not in sitemap


def test_a_build_for_a_sub_path_names_its_pages_by_their_address(subpath_site: Path) -> None:
    for page in _pages(subpath_site):
        relative = page.relative_to(subpath_site).as_posix()
        if relative.endswith("404.html"):
            continue
        folder = relative.removesuffix("index.html")
        links = _head_links(page)
        assert ("canonical", URL + folder, None) in links, page
        assert ("alternate", URL, "nl") in links and ("alternate", URL + "en/", "en") in links, page
    for edition in ("", "en/"):
        locs = re.findall(r"<loc>([^<]*)</loc>", (subpath_site / edition / "sitemap.xml").read_text(encoding="utf-8"))
        assert locs and all(loc.startswith(URL + edition) for loc in locs)
        for loc in locs:
            assert (subpath_site / loc.removeprefix(URL) / "index.html").is_file(), loc


@pytest.mark.parametrize("edition", ["", "en/"])
def test_the_404_page_works_at_any_depth_under_the_base_path(subpath_site: Path, edition: str) -> None:
    # A host serves it for /okr1on1/any/depth/: every stylesheet, script and link must start from the base path.
    page = parse(subpath_site / edition / "404.html")
    urls = page.resources + [href for href, _ in page.links]
    local = [urlsplit(url).path for url in urls if not urlsplit(url).scheme and not url.startswith("#")]
    assert local and all(path.startswith("/okr1on1/") for path in local), [p for p in local if not p.startswith("/okr1on1/")]
    for path in local:
        target = subpath_site / posixpath.normpath(path.removeprefix("/okr1on1/") or ".")
        assert target.is_file() or (target / "index.html").is_file(), path
    stylesheets = [url for url in page.resources if ".css" in url]
    assert any("main." in url for url in stylesheets)
    languages = {attrs.get("hreflang"): posixpath.normpath(href) + "/" for href, attrs in page.links if attrs.get("hreflang")}
    assert languages == {"nl": "/okr1on1/", "en": "/okr1on1/en/"}


def test_one_pyodide_serves_both_editions(subpath_site: Path) -> None:
    assert (subpath_site / SITE_FOLDER / "pyodide.asm.wasm").is_file()
    assert not (subpath_site / "en" / SITE_FOLDER).exists()
    for edition in ("", "en"):
        page = subpath_site / edition / "templates" / "personal-development" / "index.html"
        pyodide = re.search(r'data-pyodide="([^"]*)"', page.read_text(encoding="utf-8"))
        assert pyodide, page
        assert (page.parent / pyodide[1]).resolve() == (subpath_site / SITE_FOLDER).resolve()


def test_the_hosts_header_files_carry_the_pages_policy_and_cache_rules(subpath_site: Path) -> None:
    rules = host_rules(subpath_site)
    header_policy = rules.security["Content-Security-Policy"]
    assert header_policy.endswith("; frame-ancestors 'none'")
    header_hashes = set(re.findall(r"'sha256-[^']+'", header_policy))
    for page in _pages(subpath_site):
        meta = parse(page).csp
        # The header admits each page's scripts, and is otherwise the page's own policy.
        assert set(re.findall(r"'sha256-[^']+'", meta)) <= header_hashes, page
        assert re.sub(r" 'sha256-[^']+'", "", header_policy) == re.sub(r" 'sha256-[^']+'", "", meta) + "; frame-ancestors 'none'"
    headers = (subpath_site / HEADERS_FILE).read_text(encoding="utf-8")
    assert f"/*\n  Content-Security-Policy: {header_policy}\n" in headers
    for name in ("X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer", "Permissions-Policy: ", "camera=()"):
        assert name in headers
    assert rules.immutable and all((subpath_site / path.lstrip("/")).is_file() for path in rules.immutable)
    assert any("snapshot" in path for path in rules.immutable) and any("main." in path for path in rules.immutable)
    assert f"{rules.immutable[0]}\n  Cache-Control: {IMMUTABLE}" in headers
    assert not any(path.endswith((".html", "/worker.js", "pyodide.asm.wasm")) for path in rules.immutable)
    nginx = (subpath_site / NGINX_FILE).read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{header_policy}" always;' in nginx
    assert "application/wasm wasm;" in nginx and "text/javascript js;" in nginx
    assert "error_page 404 /okr1on1/404.html;" in nginx and "error_page 404 /okr1on1/en/404.html;" in nginx
    assert "location /okr1on1/ {" in nginx and nginx.count("{") == nginx.count("}")


class _Quiet(_SiteRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _get(url: str) -> tuple[int, Message, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_serve_answers_a_missing_path_with_the_site_s_own_404_page(built_site: Path) -> None:
    with serving_in_background(built_site, _Quiet, http.server.ThreadingHTTPServer, "serve-404") as origin:
        for path, page in (("/no/such/page/", "404.html"), ("/en/no/such/page/", "en/404.html"), ("/nope.pdf", "404.html")):
            status, headers, body = _get(origin + path)
            assert status == 404, path
            assert body == (built_site / page).read_bytes(), path
            assert headers["Content-Type"].startswith("text/html")
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        status, headers, _ = _get(origin + "/about/")
        assert status == 200 and headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Content-Security-Policy"] == host_rules(built_site).security["Content-Security-Policy"]
        assert _get(origin + "/assets/pyodide/pyodide.asm.wasm")[1]["Content-Type"] == "application/wasm"


def test_serve_under_a_base_path_answers_only_there(subpath_site: Path) -> None:
    mounted = type("Mounted", (_Quiet,), {"base_path": "/okr1on1/"})
    with serving_in_background(subpath_site, mounted, http.server.ThreadingHTTPServer, "serve-base") as origin:
        assert _get(origin + "/okr1on1/about/")[0] == 200
        status, _, body = _get(origin + "/about/")
        assert status == 404 and body == (subpath_site / "404.html").read_bytes()
        status, _, body = _get(origin + "/okr1on1/en/deep/missing/page/")
        assert status == 404 and body == (subpath_site / "en" / "404.html").read_bytes()


def test_the_site_url_is_taken_from_the_command_line_else_the_environment_else_the_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SITE_URL_ENV, raising=False)
    assert site_address(content_url="https://c.example/x/").url == "https://c.example/x/"
    monkeypatch.setenv(SITE_URL_ENV, "https://env.example/")
    assert site_address(content_url="https://c.example/x/").url == "https://env.example/"
    address = site_address("https://cli.example/a/b", content_url="https://c.example/x/")
    assert (address.url, address.base_path) == ("https://cli.example/a/b/", "/a/b/")
    monkeypatch.delenv(SITE_URL_ENV)
    assert site_address().url is None and site_address(base_path="okr1on1").base_path == "/okr1on1/"
    with pytest.raises(AddressError, match="differs"):
        site_address("https://example.org/okr1on1/", base_path="/other/")
    with pytest.raises(AddressError, match="http"):
        site_address("example.org/okr1on1/")
