"""Reading the built site as a reader's browser would: visible text, links and resources."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

_SKIP_TEXT = {"script", "style", "template"}


@dataclass
class ParsedPage:
    text: str = ""
    links: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (href, attributes) of <a>
    resources: list[str] = field(default_factory=list)  # URLs the browser would fetch
    lang: str = ""
    csp: str = ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in _SKIP_TEXT:
            self._skip += 1
        if tag == "html":
            self.page.lang = a.get("lang", "")
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.page.csp = a.get("content", "")
        if tag == "a" and "href" in a:
            self.page.links.append((a["href"], a))
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.page.resources.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel", "") not in ("canonical", "alternate"):
            self.page.resources.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TEXT and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._chunks.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = re.sub(r"\s+", " ", " ".join(self._chunks))


def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def page_path(site: Path, edition: str, url_path: str) -> Path:
    """The HTML file of `url_path` (e.g. "templates/okr-agenda/") in an edition ("" or "en")."""
    return site / edition / url_path / "index.html"


def resolve(site: Path, page_file: Path, href: str) -> Path | None:
    """The file a relative link on `page_file` leads to, or None for other origins/anchors."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = "/" + page_file.relative_to(site).as_posix()
    target = urljoin(base, parts.path).lstrip("/")
    path = site / target
    return path / "index.html" if target == "" or target.endswith("/") else path


def is_foreign(url: str, own_origin: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("", "data", "blob", "mailto") and not parts.netloc:
        return False
    return f"{parts.scheme}://{parts.netloc}" != own_origin
