"""Reference files, rendercv's way: the Markdown downloads and the generated pages' Markdown of the
real content, compared byte for byte with the files in tests/references/.

An intended change (a content edit, a writer change) is made visible by running
`pytest tests/unit/test_references.py --update-references` and reviewing the diff of
tests/references/ before committing it; an unintended change fails here.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from okr1on1.content import LANGUAGES, load_content
from okr1on1.content.model import Content
from okr1on1.downloads import build_document, render
from okr1on1.site.edition import Edition
from okr1on1.site.pages import generated_pages

ROOT = Path(__file__).resolve().parents[2]
REFERENCES = ROOT / "tests" / "references"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content")


def _outputs(content: Content) -> dict[str, str]:
    """reference path (relative to tests/references/) → the text made today."""
    outputs: dict[str, str] = {}
    for lang in LANGUAGES:
        for template in content.templates:
            outputs[f"downloads/{lang}/{template.slug}.md"] = render("md", build_document(template, content, lang)).decode("utf-8")
        edition = Edition(lang=lang, content_dir=ROOT / "content", content=content)
        for uri, markdown in generated_pages(edition, {}).items():  # no downloads made: sizes show 0 B
            outputs[f"pages/{lang}/{uri}"] = markdown
    return outputs


def test_markdown_matches_the_references(content: Content, update_references: bool) -> None:
    outputs = _outputs(content)
    if update_references:
        for old in REFERENCES.rglob("*.md"):
            if old.relative_to(REFERENCES).as_posix() not in outputs:
                old.unlink()
        for name, text in outputs.items():
            path = REFERENCES / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return
    stored = {path.relative_to(REFERENCES).as_posix() for path in REFERENCES.rglob("*.md")}
    missing, stale = sorted(set(outputs) - stored), sorted(stored - set(outputs))
    assert not missing and not stale, f"references missing: {missing}; stale: {stale} (run pytest --update-references)"
    changed = []
    for name, text in sorted(outputs.items()):
        expected = (REFERENCES / name).read_text(encoding="utf-8")
        if text != expected:
            diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), f"references/{name}", "now", lineterm="", n=1)
            changed.append("\n".join(line[:300] for line in list(diff)[:40]))  # generated pages hold long JSON lines
    hint = "output differs from tests/references/ (if intended: pytest --update-references, then review the diff)"
    assert not changed, hint + "\n" + "\n\n".join(changed)
