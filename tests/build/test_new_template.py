"""Dropping a YAML file into content/templates/ yields a page, a place in the navigation and the
overview, and its downloads: no hand-written Markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from site_html import parse

from okr1on1.content import load_content
from okr1on1.site.edition import CONTENT_ENV

ROOT = Path(__file__).resolve().parents[2]

NEW_TEMPLATE = """\
slug: skip-level
kind: agenda
order: 99
title: {nl: "Skip-level gesprek", en: "Skip-level meeting"}
purpose: {nl: "Een gesprek met de medewerkers van je teamleiders.", en: "A talk with your team leads' reports."}
duration_minutes: 30
situations: [feedback]
google_docs_url: "https://docs.example.org/document/d/skip-level/copy"
sections:
  - id: open
    title: {nl: "Openen", en: "Opening"}
    questions:
      - {id: q1, text: {nl: "Wat houdt je bezig deze maand?", en: "What is on your mind this month?"}}
      - {id: q2, text: {nl: "Wat zou jij veranderen als je één ding mocht kiezen?", en: "What would you change if you could pick one thing?"}}
"""


def test_new_yaml_file_becomes_a_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "templates" / "skip-level.yaml").write_text(NEW_TEMPLATE, encoding="utf-8")
    monkeypatch.setenv(CONTENT_ENV, str(content))
    site = tmp_path / "site"
    build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True))

    page = parse(site / "templates" / "skip-level" / "index.html")
    assert "Skip-level gesprek" in page.text
    assert "Wat houdt je bezig deze maand?" in page.text and "2 vragen" in page.text
    links = dict(page.links)
    assert "https://docs.example.org/document/d/skip-level/copy" in links  # the organisation's Google Docs copy
    for ext in ("pdf", "docx", "odt", "md"):
        assert f"../../downloads/skip-level.{ext}" in links
        assert (site / "downloads" / f"skip-level.{ext}").stat().st_size > 0

    home = parse(site / "index.html")
    assert any(href.endswith("templates/skip-level/") for href, _ in home.links), "not in the navigation"
    overview = parse(site / "templates" / "index.html")
    # One more than the folder held before: the count is computed, not typed.
    count = len(load_content(ROOT / "content").templates) + 1
    assert "Skip-level gesprek" in overview.text and f"{count} sjablonen" in overview.text
