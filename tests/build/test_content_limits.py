"""Build-side bounds on content (issue 12, case 9): every text field has a maximum length, and every
download writer lays out the longest text the model admits, in every field of every template."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from okr1on1.content import ContentError, load_content
from okr1on1.content.loader import _texts
from okr1on1.content.model import MAX_TEXT_LENGTH, TemplateFile
from okr1on1.content.yaml_lines import load_yaml_with_lines
from okr1on1.downloads import build_document, formats_for, render

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

# The longest admitted text: words that wrap, and one word that cannot.
LONGEST = {
    "words": ("Een heel lange zin over het gesprek " * 100)[: MAX_TEXT_LENGTH - 1].strip() + ".",
    "one-word": "W" * MAX_TEXT_LENGTH,
}


def _set(data: Any, location: tuple[str | int, ...], value: Any) -> None:
    for part in location[:-1]:
        data = data[part]
    data[location[-1]] = value


def _longest_everywhere(path: Path, text: str) -> dict[str, Any]:
    """The template file's data with every text, in both languages, replaced by `text`."""
    data, _ = load_yaml_with_lines(path)
    template = TemplateFile.model_validate(data)
    longer = copy.deepcopy(data)
    for location, _text in _texts(template.root):
        _set(longer, location, {"nl": text, "en": text})
    return longer


@pytest.mark.parametrize("kind", sorted(LONGEST))
def test_every_writer_lays_out_the_longest_admitted_text(kind: str) -> None:
    content = load_content(CONTENT)
    for path in sorted((CONTENT / "templates").glob("*.yaml")):
        template = TemplateFile.model_validate(_longest_everywhere(path, LONGEST[kind])).root
        for lang in ("nl", "en"):
            document = build_document(template, content, lang)
            for fmt in formats_for(template):
                data = render(fmt, document)
                assert len(data) > 1000, f"{path.name} {fmt} {lang}"


def test_a_text_longer_than_the_limit_is_refused_where_it_stands(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    target = content / "templates" / "weekly-checkin.yaml"
    lines = target.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("purpose:"))
    english = next(i for i in range(index, len(lines)) if lines[i].startswith("  en:"))
    lines[english] = f'  en: "{"x" * (MAX_TEXT_LENGTH + 1)}"'
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content)
    problem = next(p for p in caught.value.problems if p.path == target)
    assert (problem.field, problem.line) == ("purpose.en", english + 1)
    assert str(MAX_TEXT_LENGTH) in problem.message
