"""A broken content file stops `okr1on1 build` with a non-zero exit and one message naming file, line and field,
and the last good site stays where it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROKEN = sorted((ROOT / "tests" / "broken_content").glob("*.yaml"))


@pytest.mark.parametrize("broken", BROKEN, ids=[p.stem for p in BROKEN])
def test_build_stops_and_keeps_last_good_site(tmp_path: Path, broken: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(broken, content / "templates" / broken.name)

    run, site = _build(tmp_path, content)

    assert run.returncode != 0
    errors = [line for line in run.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) == 1, run.stderr
    _, _, line, field = broken.read_text(encoding="utf-8").splitlines()[0].split()[:4]  # "# expect: line=N field=F"
    assert f"{broken.name}:{line.removeprefix('line=')}: {field.removeprefix('field=')}: " in errors[0]
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"
    assert not list(tmp_path.glob(".site.building-*")), "a half-built site was left behind"


def _build(tmp_path: Path, content: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "okr1on1.cli", "build", "--project", str(ROOT), "--site-dir", str(site)],
        env={**os.environ, "OKR1ON1_CONTENT": str(content)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return run, site


def test_one_build_reports_every_broken_file_sorted_and_writes_nothing(tmp_path: Path) -> None:
    # An author with many mistakes sees them all in one run, not one per build.
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for broken in BROKEN:
        shutil.copy(broken, content / "templates" / broken.name)

    run, site = _build(tmp_path, content)

    assert run.returncode != 0
    located = [line.strip() for line in run.stderr.splitlines() if "/templates/" in line]
    for broken in BROKEN:
        _, _, line, field = broken.read_text(encoding="utf-8").splitlines()[0].split()[:4]
        expected = f"{broken.name}:{line.removeprefix('line=')}: {field.removeprefix('field=')}: "
        assert any(expected in found for found in located), f"{expected} not reported:\n{run.stderr}"
    order = [(found.split(":")[0], int(found.split(":")[1])) for found in located]
    assert order == sorted(order), "the errors are not sorted by file and line"
    assert f"{len(located)} content errors" in run.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"


def test_bad_utf8_is_reported_on_the_line_of_the_byte(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    target = content / "templates" / "okr-agenda.yaml"
    lines = target.read_bytes().split(b"\n")
    lines[11] += b" \xe9"  # Latin-1, as an editor that saves in the wrong encoding writes it
    target.write_bytes(b"\n".join(lines))

    run, _ = _build(tmp_path, content)

    assert run.returncode != 0
    assert "okr-agenda.yaml:12: (file): not UTF-8" in run.stderr, run.stderr
