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
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", encoding="utf-8")

    run = subprocess.run(
        [sys.executable, "-m", "okr1on1.cli", "build", "--project", str(ROOT), "--site-dir", str(site)],
        env={**os.environ, "OKR1ON1_CONTENT": str(content)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode != 0
    errors = [line for line in run.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) == 1, run.stderr
    _, _, line, field = broken.read_text(encoding="utf-8").splitlines()[0].split()[:4]  # "# expect: line=N field=F"
    assert f"{broken.name}:{line.removeprefix('line=')}: {field.removeprefix('field=')}: " in errors[0]
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"
    assert not list(tmp_path.glob(".site.building-*")), "a half-built site was left behind"
