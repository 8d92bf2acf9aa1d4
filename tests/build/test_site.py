"""The built site, read from its HTML: every template with all its questions, the guide pages,
downloads that resolve, both editions alike, and no reference to another origin."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_html import is_foreign, page_path, parse, resolve

from okr1on1.content import Agenda, Checkin, Content, Survey, load_content
from okr1on1.downloads import FORMATS, formats_for

ROOT = Path(__file__).resolve().parents[2]
EDITIONS = {"nl": "", "en": "en"}
OWN_ORIGIN = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content")


def texts_of(template: Agenda | Survey | Checkin, content: Content, lang: str) -> list[str]:
    """What a reader must find on the template's page."""
    if isinstance(template, Agenda):
        return [q.text.get(lang) for q in template.questions()] + [s.title.get(lang) for s in template.sections]
    if isinstance(template, Survey):
        return [s.text.get(lang) for s in template.statements]
    return [s.text.get(lang) for survey in content.checkin_surveys(template) for s in survey.statements] + [
        q.text.get(lang) for q in template.questions
    ]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_template_page_shows_all_its_questions(built_site: Path, content: Content, lang: str) -> None:
    for template in content.templates:
        page = parse(page_path(built_site, EDITIONS[lang], f"templates/{template.slug}/"))
        assert template.title.get(lang) in page.text
        for text in texts_of(template, content, lang):
            assert text in page.text, f"{template.slug} ({lang}) lacks: {text}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_coaching_questions_and_tips_are_shown(built_site: Path, content: Content, lang: str) -> None:
    questions = parse(page_path(built_site, EDITIONS[lang], "questions/"))
    assert len(content.questions.questions) == 12
    heading = "12 vragen om tijdens het gesprek te stellen" if lang == "nl" else "12 questions to ask during the conversation"
    assert heading in questions.text
    for question in content.questions.questions:
        assert question.text.get(lang) in questions.text

    tips = parse(page_path(built_site, EDITIONS[lang], "tips/"))
    assert len(content.tips.tips) == 6
    for number, tip in enumerate(content.tips.tips, start=1):
        assert f"{number}. {tip.title.get(lang)}" in tips.text
        assert tip.question.get(lang) in tips.text
        assert tip.why.get(lang) in tips.text
        if tip.when:
            assert tip.when.get(lang) in tips.text


@pytest.mark.parametrize("lang", EDITIONS)
def test_home_and_mood_checks_carry_the_guide(built_site: Path, content: Content, lang: str) -> None:
    home = parse(page_path(built_site, EDITIONS[lang], ""))
    for quote in content.guide.home.manager_quotes:
        assert quote.get(lang) in home.text
    assert content.guide.home.wisdom.get(lang) in home.text
    mood = parse(page_path(built_site, EDITIONS[lang], "mood-checks/"))
    for benefit in content.guide.mood_checks.benefits:
        assert benefit.get(lang) in mood.text
    for survey in content.surveys():
        assert survey.title.get(lang) in mood.text


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_format_is_linked_and_resolves(built_site: Path, content: Content, lang: str) -> None:
    for template in content.templates:
        page_file = page_path(built_site, EDITIONS[lang], f"templates/{template.slug}/")
        links = {href for href, _ in parse(page_file).links}
        for ext in formats_for(template):
            href = f"../../downloads/{template.slug}.{ext}"
            assert href in links, f"{template.slug} ({lang}) does not link its {FORMATS[ext].label}"
            target = resolve(built_site, page_file, href)
            assert target is not None and target.is_file() and target.stat().st_size > 0
            assert target.parent == built_site / EDITIONS[lang] / "downloads"


def test_every_internal_link_resolves(built_site: Path) -> None:
    broken = []
    for page_file in built_site.rglob("*.html"):
        if page_file.name == "404.html":
            continue  # served at any path; its links are root-relative by design
        for href, _ in parse(page_file).links:
            target = resolve(built_site, page_file, href)
            if target is not None and not target.exists():
                broken.append(f"{page_file.relative_to(built_site)} → {href}")
    assert not broken, broken[:10]


def test_no_page_references_another_origin(built_site: Path) -> None:
    foreign = []
    for page_file in built_site.rglob("*.html"):
        page = parse(page_file)
        foreign += [f"{page_file.relative_to(built_site)}: {url}" for url in page.resources if is_foreign(url, OWN_ORIGIN)]
        foreign += [f"{page_file.relative_to(built_site)}: {href}" for href, _ in page.links if is_foreign(href, OWN_ORIGIN)]
    for stylesheet in built_site.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8")
        foreign += [f"{stylesheet.name}: {chunk[:60]}" for chunk in text.split("url(")[1:] if chunk.lstrip("\"'").startswith(("http", "//"))]
    assert not foreign, foreign[:10]


def test_every_page_has_a_strict_csp(built_site: Path) -> None:
    for page_file in built_site.rglob("*.html"):
        csp = parse(page_file).csp
        assert "script-src 'self' 'wasm-unsafe-eval'" in csp, page_file
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp


def test_editions_have_the_same_pages_and_counts(built_site: Path, content: Content) -> None:
    nl_pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html") if not p.is_relative_to(built_site / "en")}
    en_pages = {p.relative_to(built_site / "en").as_posix() for p in (built_site / "en").rglob("index.html")}
    assert nl_pages == en_pages
    assert len([p for p in en_pages if p.startswith("templates/")]) == len(content.templates) + 1
    nl_downloads = {p.name for p in (built_site / "downloads").iterdir()}
    en_downloads = {p.name for p in (built_site / "en" / "downloads").iterdir()}
    assert nl_downloads == en_downloads and nl_downloads


@pytest.mark.parametrize(("lang", "other"), [("nl", "en"), ("en", "nl")])
def test_language_switch_leads_to_the_same_page(built_site: Path, content: Content, lang: str, other: str) -> None:
    for url_path in ["", "questions/", "templates/", *(f"templates/{t.slug}/" for t in content.templates)]:
        page_file = page_path(built_site, EDITIONS[lang], url_path)
        page = parse(page_file)
        assert page.lang == lang
        switch = [href for href, attrs in page.links if attrs.get("hreflang") == other]
        assert len(switch) == 1
        target = resolve(built_site, page_file, switch[0])
        assert target == page_path(built_site, EDITIONS[other], url_path).resolve() or target == page_path(
            built_site, EDITIONS[other], url_path
        )


def test_search_index_per_language(built_site: Path, content: Content) -> None:
    import json

    agenda = content.template("okr-agenda")
    for lang, edition in EDITIONS.items():
        index = json.loads((built_site / edition / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        titles = {doc["title"] for doc in index["docs"]}
        other = "en" if lang == "nl" else "nl"
        assert agenda.title.get(lang) in titles and agenda.title.get(other) not in titles


def test_pyodide_is_self_hosted_and_locked(built_site: Path) -> None:
    import hashlib
    import json

    # One copy for both editions: the English pages use the root's (tests/build/test_deploy.py).
    assert not (built_site / EDITIONS["en"] / "assets" / "pyodide").exists()
    for folder in [built_site / "assets" / "pyodide"]:
        for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
            assert (folder / name).stat().st_size > 0
        lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
        engine = lock["packages"]["okr1on1-scoring"]
        wheel = folder / engine["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == engine["sha256"]
        assert engine["imports"] == ["okr1on1"]
