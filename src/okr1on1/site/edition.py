"""One language edition of the site: its language and the content, loaded once per change."""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from okr1on1.content import LANGUAGES, Content, load_content
from okr1on1.content.model import DEFAULT_LANGUAGE
from okr1on1.site.build_log import log

CONTENT_ENV = "OKR1ON1_CONTENT"


@dataclass
class Edition:
    lang: str
    content_dir: Path
    content: Content

    def t(self, key: str) -> str:
        """A UI string in this edition's language."""
        return self.content.text(key, self.lang)

    def counted(self, key: str, count: int) -> str:
        """A UI string with `{count}` filled in, singular or plural as `count` asks."""
        return self.content.counted(key, self.lang, count)


# content folder → (its files' stamp, content): both editions share one load, and a build process
# forked after loading (build_site) inherits it.
Stamp = tuple[tuple[str, int, int], ...]
_cache: dict[Path, tuple[Stamp, Content]] = {}
_editions: dict[tuple[str, Path], Edition] = {}


def content_dir_for(config_file: str | None, configured: str) -> Path:
    """The content folder: $OKR1ON1_CONTENT, or `extra.content_dir` relative to mkdocs.yml."""
    base = Path(config_file).parent if config_file else Path.cwd()
    return (base / os.environ.get(CONTENT_ENV, configured)).resolve()


def edition_folder(lang: str) -> str:
    """Where an edition is published in the site: Dutch at the root, every other language under its code."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def _stamp(folder: Path) -> Stamp:
    """Every content file's path, mtime and size: a created, edited, renamed or deleted file changes it
    (the newest mtime alone misses a deletion)."""
    entries = []
    for path in folder.rglob("*.y*ml"):
        with contextlib.suppress(FileNotFoundError):  # deleted while we look
            info = path.stat()
            entries.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(sorted(entries))


def load_edition(lang: str, content_dir: Path) -> Edition:
    """The edition for `lang`; reloads only when a content file changed (keeps `mkdocs serve` fast)."""
    stamp = _stamp(content_dir) if content_dir.is_dir() else ()
    cached = _cache.get(content_dir)
    if not (cached and cached[0] == stamp):
        started = time.perf_counter()
        cached = (stamp, load_content(content_dir))
        _cache[content_dir] = cached
        content = cached[1]
        took = time.perf_counter() - started
        log.info(f"content loaded from {content_dir}: {len(content.templates)} templates, {len(content.ui)} texts ({took:.2f} s)")
        log.debug("templates: " + ", ".join(f"{t.slug} ({t.kind})" for t in content.templates))
    edition = _editions.get((lang, content_dir))
    if edition is None or edition.content is not cached[1]:
        edition = Edition(lang=lang, content_dir=content_dir, content=cached[1])
        _editions[(lang, content_dir)] = edition
    return edition


def edition_for_config(config: MkDocsConfig) -> Edition:
    """The edition a MkDocs config builds: its `extra.edition` language and content folder."""
    extra = config["extra"]
    lang = extra.get("edition", DEFAULT_LANGUAGE)
    if lang not in LANGUAGES:
        raise ValueError(f"extra.edition must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return load_edition(lang, content_dir_for(config.config_file_path, extra.get("content_dir", "content")))
