"""The site's Content-Security-Policy, written here once: as a meta tag per page, and (`policy`) for
whatever else sends it (HTTP headers for hosts that can send them).

Only the site's own origin, plus the hashes of the small inline scripts Material writes into every page,
plus 'wasm-unsafe-eval' for Pyodide. Pyodide runs in a worker made from a blob: URL (start.js,
engine.js), which runs under the policy of the page that made it (a worker from its own URL would run
under none when a host sends no header): hence `blob:` in worker-src, and 'wasm-unsafe-eval' in
script-src, which the worker, not the page, needs."""

from __future__ import annotations

import base64
import hashlib
import re

# Inline <script> elements (no src) whose body the browser would execute.
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPES = ("application/json", "application/ld+json")


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs").lower()
        if " src=" in attrs or any(kind in attrs for kind in _DATA_TYPES) or not match.group("body").strip():
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy(script_hashes: list[str]) -> str:
    """The policy of a page whose inline scripts have `script_hashes`."""
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes]),
        "worker-src": "'self' blob:",  # the engine's worker: a blob: URL that imports worker.js
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "manifest-src": "'self'",
        "media-src": "'self'",
        "object-src": "'none'",
        "frame-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_csp(html: str) -> str:
    """`html` with its policy as the first element of <head>, before any script can run."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html))}">'
    head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if head is None:
        raise ValueError("page has no <head>")
    return html[: head.end()] + meta + html[head.end() :]
