"""`make dev` (mkdocs serve) reloads the content when a file is created, edited, renamed or deleted:
the next rebuild shows exactly the files that are there."""

from __future__ import annotations

import shutil
from pathlib import Path

from okr1on1.site.edition import load_edition

ROOT = Path(__file__).resolve().parents[2]


def _slugs(content: Path) -> set[str]:
    return {t.slug for t in load_edition("nl", content).content.templates}


def test_a_deleted_renamed_or_created_template_shows_in_the_next_load(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    templates = content / "templates"
    assert "career-growth" in _slugs(content)

    (templates / "career-growth.yaml").unlink()  # the newest file stays as new as it was
    assert "career-growth" not in _slugs(content)

    agenda = (templates / "okr-agenda.yaml").read_text(encoding="utf-8")
    (templates / "okr-agenda.yaml").rename(templates / "renamed.yaml")
    assert "okr-agenda" in _slugs(content)  # the slug is in the file, not its name
    (templates / "renamed.yaml").write_text(agenda.replace("slug: okr-agenda", "slug: okr-agenda-2"), encoding="utf-8")
    assert {"okr-agenda-2"} <= _slugs(content) and "okr-agenda" not in _slugs(content)

    shutil.copy(ROOT / "content" / "templates" / "career-growth.yaml", templates / "career-growth.yaml")
    assert "career-growth" in _slugs(content)
