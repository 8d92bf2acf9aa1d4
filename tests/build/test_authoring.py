"""The author's loop: `okr1on1 new` starts a file that builds as it is, `okr1on1 check` validates
without building and lists untranslated texts, and a strict build refuses a text that lacks English."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from site_html import parse

from okr1on1.cli import main
from okr1on1.content.schema import SCHEMA_LINE_PREFIX
from okr1on1.site.build_site import build_site
from okr1on1.site.edition import CONTENT_ENV

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    return folder


def test_new_starts_a_file_of_each_kind_that_builds_as_it_is(content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in ("agenda", "survey", "checkin"):
        assert main(["new", kind, f"starter-{kind}", "--content", str(content)]) == 0
        text = (content / "templates" / f"starter-{kind}.yaml").read_text(encoding="utf-8")
        assert text.startswith(f"{SCHEMA_LINE_PREFIX}../schema/template.schema.json\n")
    assert main(["check", "--content", str(content), "--require-all-languages"]) == 0  # both languages
    monkeypatch.setenv(CONTENT_ENV, str(content))
    site = build_site(ROOT, tmp_path / "site")
    for kind in ("agenda", "survey", "checkin"):
        for edition, title in (("", "Nieuw sjabloon"), ("en", "New template")):
            assert title in parse(site / edition / "templates" / f"starter-{kind}" / "index.html").text
    assert (site / "downloads" / "starter-survey.xlsx").is_file()


def test_new_refuses_a_bad_slug_and_an_existing_file(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "survey", "Team Check", "--content", str(content)]) == 2
    assert "lowercase" in capsys.readouterr().err
    before = (content / "templates" / "okr-agenda.yaml").read_text(encoding="utf-8")
    assert main(["new", "agenda", "okr-agenda", "--content", str(content)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert (content / "templates" / "okr-agenda.yaml").read_text(encoding="utf-8") == before


def _drop_english(content: Path) -> tuple[Path, int]:
    """Remove the English of okr-agenda's purpose; returns the file and the purpose's line."""
    path = content / "templates" / "okr-agenda.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("purpose:"))
    english = next(i for i in range(start, len(lines)) if lines[i].startswith("  en:"))
    del lines[english]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, start + 1


def test_check_lists_untranslated_texts_and_fails_only_when_asked(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, line = _drop_english(content)
    assert main(["check", "--content", str(content)]) == 0
    out = capsys.readouterr()
    assert f"{path}:{line}: purpose: missing language: en" in out.out
    assert main(["check", "--content", str(content), "--require-all-languages"]) == 1
    assert f"{path}:{line}: purpose: missing language: en" in capsys.readouterr().err


def test_check_reports_every_content_error_without_building(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("guide.yaml", "templates/okr-agenda.yaml"):
        path = content / name
        path.write_text(path.read_text(encoding="utf-8") + "surprise: 1\n", encoding="utf-8")
    assert main(["check", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "2 content errors" in err and "guide.yaml" in err and "okr-agenda.yaml" in err and "surprise" in err


def test_a_strict_build_fails_on_an_untranslated_text_and_names_it(content: Path, tmp_path: Path) -> None:
    path, line = _drop_english(content)
    run = subprocess.run(
        [sys.executable, "-m", "okr1on1.cli", "build", "--project", str(ROOT), "--site-dir", str(tmp_path / "site")],
        env={**os.environ, CONTENT_ENV: str(content)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0
    assert f"Untranslated: {path}:{line}: purpose: missing language: en" in run.stderr
    assert not (tmp_path / "site").exists()
