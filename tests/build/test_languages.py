"""Each edition of the built site reads in its own language: no Dutch sentence on an English page
(a text the build took from the wrong language, or typed into a renderer) and no English on a Dutch one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_html import parse

from language_check import foreign_words


def pages_of(site: Path, lang: str) -> list[Path]:
    root = site / ("en" if lang == "en" else "")
    return [p for p in sorted(root.rglob("*.html")) if lang == "en" or not p.is_relative_to(site / "en")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_reads_in_its_own_language(built_site: Path, lang: str) -> None:
    leaks = {}
    for path in pages_of(built_site, lang):
        text = parse(path).text
        words = foreign_words(text, lang)
        if words:
            where = [text[max(0, m.start() - 40) : m.end() + 40] for m in re.finditer(rf"\b{re.escape(words[0])}\b", text, re.IGNORECASE)][:2]
            leaks[str(path.relative_to(built_site))] = where
    assert leaks == {}
