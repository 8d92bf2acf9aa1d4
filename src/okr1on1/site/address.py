"""Where the site is published: its URL (for canonical links, `hreflang` and the sitemap) and the path
it lives under (for the 404 page, whose links must work at any depth).

Set once: `okr1on1 build --site-url` / `--base-path`, else $OKR1ON1_SITE_URL / $OKR1ON1_BASE_PATH, else
`site_url` in content/guide.yaml. Without a URL the site has no canonical links, no absolute
`hreflang` links and no sitemap, rather than ones that point at the wrong host.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

SITE_URL_ENV = "OKR1ON1_SITE_URL"
BASE_PATH_ENV = "OKR1ON1_BASE_PATH"


class AddressError(ValueError):
    """A site URL or base path that cannot be used."""


def normal_path(path: str) -> str:
    parts = [part for part in path.split("/") if part]
    if any(part in (".", "..") for part in parts):
        raise AddressError(f"base path {path!r} must not hold '.' or '..'")
    return "/" + "".join(f"{part}/" for part in parts)


@dataclass(frozen=True)
class SiteAddress:
    """`url`: the Dutch edition's absolute URL ending in '/', or None; `base_path`: e.g. '/okr1on1/'."""

    url: str | None
    base_path: str

    def edition_url(self, folder: str) -> str | None:
        """The absolute URL of the edition published in `folder` ('' or 'en/')."""
        return f"{self.url}{folder}" if self.url else None

    def edition_path(self, folder: str) -> str:
        return f"{self.base_path}{folder}"


def site_address(site_url: str | None = None, base_path: str | None = None, content_url: str | None = None) -> SiteAddress:
    """The address from the command line's values, else the environment's, else the content's."""
    url = site_url or os.environ.get(SITE_URL_ENV) or content_url or None
    path = base_path or os.environ.get(BASE_PATH_ENV) or None
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise AddressError(f"site URL {url!r} must be an http(s) address without query or fragment, e.g. https://example.org/okr1on1/")
        url_path = normal_path(parts.path)
        if path is not None and normal_path(path) != url_path:
            raise AddressError(f"base path {path!r} differs from the site URL's path {url_path!r}")
        return SiteAddress(url=f"{parts.scheme}://{parts.netloc}{url_path}", base_path=url_path)
    return SiteAddress(url=None, base_path=normal_path(path or "/"))
