"""The notebook page in the built site: in both editions and their navigation, with its data, and
"Use in my notebook" on the home page and on every agenda template page, leading to it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from site_html import page_path, parse, resolve

from okr1on1 import notebook
from okr1on1.content.loader import load_content
from okr1on1.content.model import Agenda

ROOT = Path(__file__).resolve().parents[2]
EDITIONS = {"": ("nl", "Gebruik in mijn notitieboek", "Mijn 1:1-notitieboek"), "en": ("en", "Use in my notebook", "My 1:1 notebook")}


def island(html: str, name: str) -> object:
    match = re.search(rf'<script type="application/json" class="{name}">(.*?)</script>', html, re.S)
    assert match, name
    return json.loads(match.group(1))


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_notebook_page_is_in_the_edition_and_its_navigation(built_site: Path, edition: str) -> None:
    lang, _, title = EDITIONS[edition]
    file = page_path(built_site, edition, "notebook/")
    html = file.read_text(encoding="utf-8")
    page = parse(file)
    assert page.lang == lang and title in page.text
    assert 'class="okr-notebook"' in html and f'data-lang="{lang}"' in html
    config = island(html, "okr-notebook__config")
    assert isinstance(config, dict) and config["key_prefix"] == notebook.KEY_PREFIX  # the rule from Python
    agendas = island(html, "okr-notebook__agendas")
    content = load_content(ROOT / "content")
    okr = next(a for a in agendas if a["slug"] == "okr-agenda")  # type: ignore[union-attr]
    template = content.template("okr-agenda")
    assert isinstance(template, Agenda)
    assert [q["text"] for q in okr["questions"]] == [q.text.get(lang) for q in template.questions()]
    # Every other page links to it from the navigation.
    home = parse(page_path(built_site, edition, ""))
    assert any(resolve(built_site, page_path(built_site, edition, ""), href) == file for href, _ in home.links)


@pytest.mark.parametrize("edition", EDITIONS)
def test_use_in_my_notebook_is_on_the_home_page_and_every_agenda_page(built_site: Path, edition: str) -> None:
    _, label, _ = EDITIONS[edition]
    content = load_content(ROOT / "content")
    agendas = [t for t in content.templates if isinstance(t, Agenda)]
    assert agendas
    notebook_file = page_path(built_site, edition, "notebook/")
    pages = {"": agendas[0].slug} | {f"templates/{a.slug}/": a.slug for a in agendas}
    for url, slug in pages.items():
        file = page_path(built_site, edition, url)
        page = parse(file)
        assert label in page.text, f"{edition}/{url}"
        hits = [href for href, _ in page.links if resolve(built_site, file, href) == notebook_file and href.endswith(f"#agenda={slug}")]
        assert hits, f"{edition}/{url} has no '{label}' link to the notebook with agenda {slug}"
