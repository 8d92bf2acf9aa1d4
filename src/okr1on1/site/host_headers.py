"""The HTTP headers a host should send with the site, written once here and rendered three ways:
`_headers` (Netlify, Cloudflare Pages), an nginx snippet, and the responses of `okr1on1 serve`.

- The pages' Content-Security-Policy (csp.py) as a header, with what a meta tag cannot say:
  `frame-ancestors 'none'` (no page can be framed). The header holds the inline-script hashes of
  every page, so it admits each page's scripts; each page's meta tag stays as strict as before.
- `X-Content-Type-Options`, `Referrer-Policy`, and a `Permissions-Policy` that switches off what the
  site never uses.
- Cache: files whose name carries a hash of their content (the theme's bundles, the engine's
  snapshot) for a year, immutable; everything else, HTML first, revalidated on every load, so a new
  build is seen at once and never mixed with an old one.
- MIME types: `.wasm` must be `application/wasm` (Pyodide compiles it as it streams), `.mjs` JavaScript.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from okr1on1.site.csp import inline_script_hashes, policy

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
HEADERS_FILE = "_headers"
NGINX_FILE = "_nginx.conf"

# The theme's bundles (main.57a0d79d.min.css) and the engine's snapshot (okr1on1-engine-<sha256>.snapshot),
# with their compressed copies (.br, .gz).
_HASHED_NAME = re.compile(r"(?:\.[0-9a-f]{8,}\.min\.(?:js|css)|-[0-9a-f]{16}\.snapshot)(?:\.br|\.gz)?$")

# Powerful features no page of the site uses, switched off for it and anything it could embed.
_UNUSED_FEATURES = (
    "accelerometer", "autoplay", "bluetooth", "browsing-topics", "camera", "display-capture", "encrypted-media",
    "fullscreen", "geolocation", "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi",
    "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
    "xr-spatial-tracking",
)  # fmt: skip

# Types the site's files need, whatever the host's own table says.
MIME_TYPES: dict[str, str] = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".gz": "application/gzip",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".md": "text/markdown; charset=utf-8",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
# Worth compressing on the fly (HTML always is, in nginx).
COMPRESSIBLE = ("text/css", "text/javascript", "application/json", "application/wasm", "image/svg+xml", "application/xml", "text/markdown")


def mime_type(path: str) -> str | None:
    suffix = Path(path).suffix.lower()
    return MIME_TYPES.get(suffix) or mimetypes.guess_type(path)[0]


@dataclass(frozen=True)
class HostRules:
    """The headers of a built site. Paths are site paths ('/', '/en/assets/…'), without the base path."""

    security: dict[str, str]
    immutable: tuple[str, ...]

    def headers_for(self, site_path: str) -> dict[str, str]:
        cache = IMMUTABLE if site_path in self.immutable else REVALIDATE
        return {**self.security, "Cache-Control": cache}


def host_rules(site_dir: Path) -> HostRules:
    """The rules for the site built in `site_dir`: its pages' scripts, its hashed files."""
    pages = sorted(site_dir.rglob("*.html"))
    hashes = sorted({digest for page in pages for digest in inline_script_hashes(page.read_text(encoding="utf-8"))})
    security = {
        "Content-Security-Policy": f"{policy(hashes)}; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": ", ".join(f"{feature}=()" for feature in _UNUSED_FEATURES),
    }
    immutable = tuple(sorted(f"/{p.relative_to(site_dir).as_posix()}" for p in site_dir.rglob("*") if p.is_file() and _HASHED_NAME.search(p.name)))
    return HostRules(security=security, immutable=immutable)


def netlify_headers(rules: HostRules) -> str:
    """`_headers` for Netlify and Cloudflare Pages (the site at the host's root). The HTML keeps those
    hosts' own default, `public, max-age=0, must-revalidate`: a second Cache-Control rule on a path
    would be joined to the first, not replace it."""
    lines = ["# Written by `okr1on1 build`: the site's HTTP headers for Netlify and Cloudflare Pages.", "/*"]
    lines += [f"  {name}: {value}" for name, value in rules.security.items()]
    for path in rules.immutable:
        lines += [path, f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def _nginx_headers(headers: dict[str, str], indent: str) -> list[str]:
    return [f'{indent}add_header {name} "{value}" always;' for name, value in headers.items()]


def nginx_snippet(rules: HostRules, base_path: str, extensions: set[str], editions: tuple[str, ...]) -> str:
    """An nginx snippet for the `server { }` block whose root holds the site at `base_path`; `editions`
    are the folders of the editions below it ('en/')."""
    types = sorted({(MIME_TYPES[ext].split(";")[0], ext) for ext in extensions if ext in MIME_TYPES})
    inner = "    "
    lines = [
        "# Written by `okr1on1 build`: the site's HTTP headers for nginx. Include it in the server { } block",
        f"# whose root holds the built site at {base_path} (e.g. `root /var/www;` with the site in /var/www{base_path}).",
        f"location {base_path} {{",
        f"{inner}types {{",
        *(f"{inner}    {mime} {ext.lstrip('.')};" for mime, ext in types),
        f"{inner}}}",
        f"{inner}default_type application/octet-stream;",
        f"{inner}charset utf-8;",
        f"{inner}gzip on;",
        f"{inner}gzip_types {' '.join(COMPRESSIBLE)};",
        f"{inner}# The build's compressed copies (name.gz, name.br) instead of compressing on every request; the",
        f"{inner}# engine's snapshot is sent only so. With the ngx_brotli module, also: brotli_static on;",
        f"{inner}gzip_static on;",
        f"{inner}gzip_vary on;",
        f"{inner}error_page 404 {base_path}404.html;",
        *_nginx_headers(rules.headers_for(base_path), inner),
        f"{inner}location ~ ^{re.escape(base_path)}_(headers|nginx\\.conf)$ {{ return 404; }}",
    ]
    for folder in editions:  # each edition below the root has its own 404 page
        lines += [
            f"{inner}location {base_path}{folder} {{",
            f"{inner}    error_page 404 {base_path}{folder}404.html;",
            *_nginx_headers(rules.headers_for(f"/{folder}"), inner + "    "),
            f"{inner}}}",
        ]
    for path in rules.immutable:
        lines += [f"{inner}location = {base_path}{path.lstrip('/')} {{", *_nginx_headers(rules.headers_for(path), inner + "    "), f"{inner}}}"]
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_host_files(site_dir: Path, base_path: str, editions: tuple[str, ...]) -> None:
    """Write `_headers` and `_nginx.conf` into the built site."""
    rules = host_rules(site_dir)
    extensions = {p.suffix.lower() for p in site_dir.rglob("*") if p.is_file()}
    (site_dir / HEADERS_FILE).write_text(netlify_headers(rules), encoding="utf-8")
    (site_dir / NGINX_FILE).write_text(nginx_snippet(rules, base_path, extensions, editions), encoding="utf-8")
