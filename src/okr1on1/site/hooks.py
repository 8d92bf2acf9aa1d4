"""MkDocs hooks: load and check the content, generate pages, downloads and Pyodide files as
`File.generated`, build the navigation, and add a Content-Security-Policy to every page.

Typed, keyword-only hook functions; content errors abort the build before anything is written.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import is_error_template

from okr1on1.content import ContentError
from okr1on1.content.loader import content_error_text, untranslated
from okr1on1.downloads import DownloadCache, build_document, formats_for, template_date
from okr1on1.site import pages
from okr1on1.site.address import AddressError, SiteAddress, site_address
from okr1on1.site.build_log import log
from okr1on1.site.csp import with_csp
from okr1on1.site.edition import Edition, edition_folder, edition_for_config
from okr1on1.site.nav import navigation
from okr1on1.site.pyodide_bundle import SITE_FOLDER, PyodideBundle, PyodideMissing, SnapshotFailed, pyodide_bundle, start_rule

CACHE_ENV = "OKR1ON1_CACHE"


class DownloadFile(File):
    """A generated download: a `.md` download is a file to save, not a page to render."""

    def is_documentation_page(self) -> bool:
        return False


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def cache_root(project_root: Path) -> Path:
    """Where rendered downloads, the Pyodide bundle and compressed copies are kept between builds
    ($OKR1ON1_CACHE)."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else project_root / ".cache" / "okr1on1"


def _cache_root(config: MkDocsConfig) -> Path:
    return cache_root(_project_root(config))


def _edition(config: MkDocsConfig) -> Edition:
    try:
        return edition_for_config(config)
    except ContentError as error:
        raise Abort(content_error_text(error)) from None


def _bundle(config: MkDocsConfig, announce: bool = True) -> PyodideBundle:
    """The Pyodide bundle; says (INFO when `announce`, else DEBUG) whether it was made or reused."""
    started = time.perf_counter()
    try:
        bundle = pyodide_bundle(_project_root(config), _cache_root(config))
    except (PyodideMissing, SnapshotFailed) as error:
        raise Abort(str(error)) from None
    made = f"made ({', '.join(bundle.made)})" if bundle.made else "reused"
    log.log(logging.INFO if announce else logging.DEBUG, f"Pyodide bundle {made} in {bundle.folder} ({time.perf_counter() - started:.1f} s)")
    for name, path in sorted(bundle.files.items()):
        log.debug(f"{SITE_FOLDER}/{name}: {path.stat().st_size} bytes")
    return bundle


def _address(config: MkDocsConfig) -> SiteAddress:
    """The site's address: build_site's values (`extra.site_url`, `extra.base_path`), else the environment's,
    else the content's."""
    extra = config["extra"]
    try:
        return site_address(extra.get("site_url"), extra.get("base_path"), _edition(config).content.guide.site_url)
    except AddressError as error:
        raise Abort(str(error)) from None


def prepare_build(config: MkDocsConfig) -> SiteAddress:
    """The work every edition shares, done once before the editions build side by side (build_site):
    load and check the content, and make the Pyodide bundle, so no two processes write one cache entry.
    Returns where the site is published."""
    _edition(config)
    address = _address(config)
    _bundle(config)
    config["extra"]["prepared"] = True
    return address


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    edition = _edition(config)
    guide = edition.content.guide
    config.site_name = guide.site_name.get(edition.lang)
    config.site_description = guide.site_description.get(edition.lang)
    config.nav = navigation(edition)
    address = _address(config)
    folder = edition_folder(edition.lang)
    config.site_url = address.edition_url(folder)
    extra = config["extra"]
    extra["edition_path"] = address.edition_path(folder)  # the 404 page's links start here
    # One Pyodide for every edition (build_site marks the editions after the first `secondary_edition`):
    # the other edition's pages fetch the same URLs, so a language switch takes it from the cache.
    to_root = "../" * folder.count("/") if extra.get("secondary_edition") else ""
    extra["pyodide_path"] = f"{to_root}{SITE_FOLDER}/"
    extra["site_root"] = to_root  # where sw.js lies (offline.py), one for both editions
    # The size of each of Pyodide's files: the worker reports its download as bytes of them (start.js).
    extra["engine_sizes"] = json.dumps(_bundle(config).sizes(), separators=(",", ":"))
    extra["engine_start"] = json.dumps(start_rule(), separators=(",", ":"))  # how the worker starts (start.js)
    extra["okr_update"] = {"text": edition.t("update_ready"), "reload": edition.t("update_reload")}
    if not extra.get("secondary_edition"):
        _warn_untranslated(edition)
    return config


def _warn_untranslated(edition: Edition) -> None:
    """A text without English (or Dutch) falls back to Dutch on the English pages: say where, once per
    build (strict builds fail on it)."""
    missing = untranslated(edition.content_dir)
    for problem in missing:
        log.warning(f"Untranslated: {problem.located()}")
    if missing:
        log.warning(f"{len(missing)} texts lack a language; `okr1on1 check` lists them")


def _add_downloads(files: Files, config: MkDocsConfig, edition: Edition) -> dict[str, dict[str, int]]:
    """Every template's downloads, rendered or read from the cache, added to `files`; their sizes
    (slug → ext → bytes), which the template pages show."""
    started = time.perf_counter()
    cache = DownloadCache(_cache_root(config) / "downloads")
    sizes: dict[str, dict[str, int]] = {}
    rendered = 0
    for template in edition.content.templates:
        document = build_document(template, edition.content, edition.lang, template_date(edition.content_dir, template.slug))
        sizes[template.slug] = {}
        for ext in formats_for(template):
            uri = pages.download_uri(template, ext)
            data, made = cache.fetch(ext, document)
            rendered += made
            log.debug(f"{uri} ({edition.lang}): {'rendered' if made else 'from cache'}, {len(data)} bytes")
            sizes[template.slug][ext] = len(data)
            files.append(DownloadFile.generated(config, uri, content=data, inclusion=InclusionLevel.INCLUDED))
    total = sum(len(by_ext) for by_ext in sizes.values())
    log.info(f"downloads ({edition.lang}): {rendered} rendered, {total - rendered} from cache ({time.perf_counter() - started:.1f} s)")
    return sizes


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    edition = _edition(config)
    download_sizes = _add_downloads(files, config, edition)
    for src_uri, markdown in pages.generated_pages(edition, download_sizes).items():
        if files.get_file_from_path(src_uri) is not None:
            raise Abort(f"docs/{src_uri} would hide a generated page; remove it from docs/")
        # Included explicitly: MkDocs excludes a docs folder named templates/ by default.
        files.append(File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.INCLUDED))
    if config["extra"].get("secondary_edition"):
        return files
    # prepare_build (okr1on1 build) has made or reused it already and said so; a bare `mkdocs build` has not.
    for name, path in _bundle(config, announce=not config["extra"].get("prepared")).files.items():
        files.append(File.generated(config, f"{SITE_FOLDER}/{name}", abs_src_path=str(path)))
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    # Compiled theme templates are kept between builds (keyed by each template's source).
    folder = _cache_root(config) / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Pages in docs/ take their title from the content, like the generated ones.
    titles = {"index.md": "home", "about.md": "about"}
    key = titles.get(page.file.src_uri)
    if key:
        guide = _edition(config).content.guide
        page.meta["title"] = getattr(guide, key).title.get(_edition(config).lang)
    return markdown


def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    # The 404 page is served at any depth: its links start from the edition's path on the host
    # (MkDocs takes it from site_url, which may be unset).
    if is_error_template(template_name):
        context["base_url"] = config["extra"]["edition_path"]
        edition = _edition(config)
        context["okr_not_found"] = {key: edition.t(f"not_found_{key}") for key in ("title", "text", "home", "templates")}
        context["okr_not_found"]["templates_url"] = context["base_url"] + pages.TEMPLATES_PAGE.removesuffix("index.md")
    return context


_EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'

# The theme's <link rel="alternate" hreflang> to each edition's home, relative.
_HREFLANG = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="(?P<lang>[a-z]+)">\s*')


def _with_alternates(html: str, config: MkDocsConfig) -> str:
    """The `hreflang` links absolute (search engines want them so), or none when the site's URL is not
    known. They name each edition's home, not this page in it: the theme's script fetches
    `sitemap.xml` beside each of them."""
    address = _address(config)

    def absolute(match: re.Match[str]) -> str:
        url = address.edition_url(edition_folder(match["lang"]))
        return f'<link rel="alternate" href="{url}" hreflang="{match["lang"]}">' if url else ""

    return _HREFLANG.sub(absolute, html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return with_csp(_with_alternates(output, config))


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # Static templates such as 404.html are pages too. Without a site URL a sitemap could only hold
    # addresses that are wrong on the host: it lists none (the theme fetches it on every page).
    if template_name == "sitemap.xml":
        return output_content if config.site_url else _EMPTY_SITEMAP
    return with_csp(_with_alternates(output_content, config)) if template_name.endswith(".html") else output_content


__all__ = ["on_config", "on_env", "on_files", "on_page_markdown", "on_post_page", "on_post_template", "on_template_context", "prepare_build"]
