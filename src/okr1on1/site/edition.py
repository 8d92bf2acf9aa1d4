"""One language edition of the site: its language and the content, loaded once per change."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from okr1on1.content import LANGUAGES, Content, load_content
from okr1on1.content.model import DEFAULT_LANGUAGE

CONTENT_ENV = "OKR1ON1_CONTENT"


@dataclass
class Edition:
    lang: str
    content_dir: Path
    content: Content
    download_sizes: dict[str, dict[str, int]] = field(default_factory=dict)  # slug → ext → bytes

    def t(self, key: str) -> str:
        """A UI string in this edition's language."""
        return self.content.text(key, self.lang)

    def counted(self, key: str, count: int) -> str:
        """A UI string with `{count}` filled in, singular or plural as `count` asks."""
        return self.content.counted(key, self.lang, count)


# content folder → (newest mtime, content): both editions share one load, and a build process
# forked after loading (build_site) inherits it.
_cache: dict[Path, tuple[float, Content]] = {}
_editions: dict[tuple[str, Path], Edition] = {}


def content_dir_for(config_file: str | None, configured: str) -> Path:
    """The content folder: $OKR1ON1_CONTENT, or `extra.content_dir` relative to mkdocs.yml."""
    base = Path(config_file).parent if config_file else Path.cwd()
    return (base / os.environ.get(CONTENT_ENV, configured)).resolve()


def _newest_mtime(folder: Path) -> float:
    return max((p.stat().st_mtime for p in folder.rglob("*.y*ml")), default=0.0)


def load_edition(lang: str, content_dir: Path) -> Edition:
    """The edition for `lang`; reloads only when a content file changed (keeps `mkdocs serve` fast)."""
    stamp = _newest_mtime(content_dir) if content_dir.is_dir() else 0.0
    cached = _cache.get(content_dir)
    if not (cached and cached[0] == stamp):
        cached = (stamp, load_content(content_dir))
        _cache[content_dir] = cached
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
