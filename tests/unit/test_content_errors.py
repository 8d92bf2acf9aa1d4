"""Every broken file of tests/broken_content/ stops loading with one message naming its file,
line and field. Each file declares what it expects on its first line:
`# expect: line=N field=F message=TEXT`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from okr1on1.content import ContentError, load_content

ROOT = Path(__file__).resolve().parents[2]
BROKEN = sorted((ROOT / "tests" / "broken_content").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: line=(?P<line>\d+) field=(?P<field>\S+) message=(?P<message>.+)$")


def expectation(path: Path) -> dict[str, str]:
    match = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name} lacks its '# expect:' line"
    return match.groupdict()


def content_with(tmp_path: Path, broken: Path) -> Path:
    """A copy of the real content with `broken` added as a template."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(broken, content / "templates" / broken.name)
    return content


def test_corpus_is_large_enough() -> None:
    assert len(BROKEN) >= 15


@pytest.mark.parametrize("broken", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_is_located(tmp_path: Path, broken: Path) -> None:
    expected = expectation(broken)
    with pytest.raises(ContentError) as caught:
        load_content(content_with(tmp_path, broken))
    error = caught.value
    assert error.path.name == broken.name
    assert (error.line, error.field or "(file)") == (int(expected["line"]), expected["field"]), str(error)
    assert expected["message"] in error.message
    text = str(error)
    assert text.startswith(f"{error.path}:{error.line}: ") and "\n" not in text


def test_the_real_content_loads() -> None:
    content = load_content(ROOT / "content")
    assert content.templates


def test_missing_guide_file_is_named(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "tips.yaml").unlink()
    with pytest.raises(ContentError, match=r"tips\.yaml:1: \(file\): cannot read file"):
        load_content(content)


def test_bad_ui_text_is_located(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "ui" / "extra.yaml").write_text('ok: {nl: "Goed", en: "Good"}\nbad: {nl: "<b>vet</b>", en: "bold"}\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content)
    assert (caught.value.path.name, caught.value.line, caught.value.field) == ("extra.yaml", 2, "bad.nl")


def test_ui_key_defined_twice_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "ui" / "zz-extra.yaml").write_text('widget.score: {nl: "Tel", en: "Count"}\n', encoding="utf-8")
    with pytest.raises(ContentError, match=r"already defined in widget\.yaml"):
        load_content(content)
