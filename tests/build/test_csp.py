"""The Content-Security-Policy of every built page, read as a browser reads it: the first element of
<head>; scripts, workers, styles, images, fonts and connections from the site's own origin only;
'wasm-unsafe-eval' for Pyodide and nothing looser; an inline script runs only if its hash is listed.
(tests/browser/test_every_page.py proves in Chromium that the whole site works under it.)"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

EXPECTED = {
    "default-src": {"'self'"},
    "worker-src": {"'self'", "blob:"},  # the engine's worker, made from a blob: URL so it runs under this policy
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},  # Material's icons are data: SVGs in its stylesheet: no request
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "manifest-src": {"'self'"},
    "media-src": {"'self'"},
    "object-src": {"'none'"},
    "frame-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
}


class _Head(HTMLParser):
    """The policy meta, whether it comes first in <head>, and the bodies of inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.policy: str | None = None
        self.policy_first = False
        self.inline_scripts: list[str] = []
        self._in_head_start = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "head":
            self._in_head_start = True
            return
        if self._in_head_start:
            self.policy_first = tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"
            self._in_head_start = False
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.policy = a.get("content", "")
        if tag == "script" and "src" not in a and a.get("type", "") not in ("application/json", "application/ld+json"):
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            body = "".join(self._script)
            if body.strip():
                self.inline_scripts.append(body)
            self._script = None


def read_head(page_file: Path) -> _Head:
    head = _Head()
    head.feed(page_file.read_text(encoding="utf-8"))
    return head


def directives(policy: str) -> dict[str, set[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} given twice"
        parsed[name] = set(sources)
    return parsed


def test_every_page_allows_only_its_own_origin(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("*.html") if "assets" not in p.relative_to(built_site).parts]
    assert len(pages) >= 40
    for page_file in pages:
        head = read_head(page_file)
        where = page_file.relative_to(built_site)
        assert head.policy is not None and head.policy_first, f"{where}: no CSP as the first element of <head>"
        policy = directives(head.policy)
        script_src = policy.pop("script-src")
        assert policy == EXPECTED, where
        hashes = {source for source in script_src if source.startswith("'sha256-")}
        assert script_src - hashes == {"'self'", "'wasm-unsafe-eval'"}, where
        # Exactly the page's own inline scripts may run, each by its hash.
        own = {f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'" for body in head.inline_scripts}
        assert hashes == own, where
