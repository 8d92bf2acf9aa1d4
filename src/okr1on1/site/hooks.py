"""MkDocs hooks: load and check the content, generate pages, downloads and Pyodide files as
`File.generated`, build the navigation, and add a Content-Security-Policy to every page.

Typed, keyword-only hook functions; content errors abort the build before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from okr1on1.content import ContentError
from okr1on1.downloads import DownloadCache, build_document, formats_for, template_date
from okr1on1.site import pages
from okr1on1.site.csp import with_csp
from okr1on1.site.edition import Edition, edition_for_config
from okr1on1.site.nav import navigation
from okr1on1.site.pyodide_bundle import SITE_FOLDER, PyodideBundle, PyodideMissing, SnapshotFailed, pyodide_bundle

CACHE_ENV = "OKR1ON1_CACHE"


class DownloadFile(File):
    """A generated download: a `.md` download is a file to save, not a page to render."""

    def is_documentation_page(self) -> bool:
        return False


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _cache_root(config: MkDocsConfig) -> Path:
    """Where rendered downloads and the Pyodide bundle are kept between builds ($OKR1ON1_CACHE)."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else _project_root(config) / ".cache" / "okr1on1"


def _edition(config: MkDocsConfig) -> Edition:
    try:
        return edition_for_config(config)
    except ContentError as error:
        raise Abort(f"Content error: {error}") from None


def _bundle(config: MkDocsConfig) -> PyodideBundle:
    try:
        return pyodide_bundle(_project_root(config), _cache_root(config))
    except (PyodideMissing, SnapshotFailed) as error:
        raise Abort(str(error)) from None


def prepare_build(config: MkDocsConfig) -> None:
    """The work every edition shares, done once before the editions build side by side (build_site):
    load and check the content, and make the Pyodide bundle, so no two processes write one cache entry."""
    _edition(config)
    _bundle(config)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    edition = _edition(config)
    guide = edition.content.guide
    config.site_name = guide.site_name.get(edition.lang)
    config.site_description = guide.site_description.get(edition.lang)
    config.nav = navigation(edition)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    edition = _edition(config)
    cache = DownloadCache(_cache_root(config) / "downloads")
    edition.download_sizes = {}
    for template in edition.content.templates:
        document = build_document(template, edition.content, edition.lang, template_date(edition.content_dir, template.slug))
        sizes: dict[str, int] = {}
        for ext in formats_for(template):
            data = cache.get(ext, document)
            sizes[ext] = len(data)
            files.append(DownloadFile.generated(config, pages.download_uri(template, ext), content=data, inclusion=InclusionLevel.INCLUDED))
        edition.download_sizes[template.slug] = sizes
    for src_uri, markdown in pages.generated_pages(edition).items():
        if files.get_file_from_path(src_uri) is not None:
            raise Abort(f"docs/{src_uri} would hide a generated page; remove it from docs/")
        # Included explicitly: MkDocs excludes a docs folder named templates/ by default.
        files.append(File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.INCLUDED))
    for name, path in _bundle(config).files.items():
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


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return with_csp(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # Static templates such as 404.html are pages too; sitemap.xml is not.
    return with_csp(output_content) if template_name.endswith(".html") else output_content


__all__ = ["on_config", "on_env", "on_files", "on_page_markdown", "on_post_page", "on_post_template", "prepare_build"]
