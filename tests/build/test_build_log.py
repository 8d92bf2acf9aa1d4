"""A real `mkdocs build` says what it did, through MkDocs' logger (`mkdocs.plugins.okr1on1`): one
line each for the content, the downloads (rendered or from the cache) and the Pyodide bundle (made or
reused), with the details only under `-v`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from okr1on1.site.edition import CONTENT_ENV

ROOT = Path(__file__).resolve().parents[2]

# A template no earlier build has seen (its title is new each run), so its downloads must be rendered.
FRESH_TEMPLATE = """\
slug: log-check
kind: agenda
order: 99
title: {{nl: "Logcontrole {tag}", en: "Log check {tag}"}}
purpose: {{nl: "Een agenda die alleen deze test maakt.", en: "An agenda only this test makes."}}
duration_minutes: 15
situations: [feedback]
sections:
  - id: open
    title: {{nl: "Openen", en: "Opening"}}
    questions:
      - {{id: q1, text: {{nl: "Hoe gaat het?", en: "How are you?"}}}}
"""


def _mkdocs_build(content: Path, site: Path, *options: str) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site), *options],
        env={**os.environ, CONTENT_ENV: str(content), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout + run.stderr


def _info(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"INFO\s+-\s+okr1on1: ", line)]


def test_the_build_says_what_it_rendered_and_what_it_reused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "templates" / "log-check.yaml").write_text(FRESH_TEMPLATE.format(tag=uuid.uuid4().hex[:8]), encoding="utf-8")

    first_output = _mkdocs_build(content, tmp_path / "first")
    first = _info(first_output)
    assert sum("okr1on1: content loaded from" in line and f"{content}" in line for line in first) == 1, first
    downloads = [line for line in first if "okr1on1: downloads (nl):" in line]
    assert len(downloads) == 1, first
    rendered = re.search(r"(\d+) rendered", downloads[0])
    assert rendered and int(rendered[1]) >= 4, downloads  # the new agenda's pdf, docx, odt and md at least
    # Said by each edition's build that places it (one Pyodide for both), always of the same folder.
    bundle = [re.search(r"okr1on1: Pyodide bundle (?:made \(.+\)|reused) in (\S+)", line) for line in first]
    assert len({match[1] for match in bundle if match}) == 1, first

    again = _mkdocs_build(content, tmp_path / "again", "-v")
    info = _info(again)
    assert any(re.search(r"okr1on1: downloads \(nl\): 0 rendered, [1-9]\d* from cache", line) for line in info), info
    assert any("okr1on1: Pyodide bundle reused in " in line for line in info), info
    # The details, only with -v: each download, and each file of the bundle.
    assert re.search(r"DEBUG\s+-\s+okr1on1: downloads/log-check\.pdf \(nl\): from cache, \d+ bytes", again)
    assert re.search(r"DEBUG\s+-\s+okr1on1: assets/pyodide/pyodide\.asm\.wasm: \d+ bytes", again)
    assert "DEBUG" not in first_output
