"""Build benchmarks: a full build from clean, a rebuild after one YAML edit, and build time per
template at 100 and 500 generated templates (content folder set through $OKR1ON1_CONTENT)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCALE_TEMPLATE = """\
slug: generated-{n:04d}
kind: agenda
order: {order}
title: {{nl: "Gegenereerd sjabloon {n}", en: "Generated template {n}"}}
purpose: {{nl: "Een sjabloon om de bouwtijd te meten ({n}).", en: "A template to measure build time ({n})."}}
duration_minutes: 30
situations: [{situation}]
intro:
  - {{nl: "Inleiding van sjabloon {n}, met ë, é en “aanhalingstekens”.", en: "Introduction of template {n}."}}
sections:
{sections}
tips:
  - {{nl: "Een tip voor sjabloon {n}.", en: "A tip for template {n}."}}
"""
SITUATIONS = ("goal-setting", "growth", "feedback", "onboarding", "pay", "difficult")


def _section(n: int, s: int) -> str:
    questions = "\n".join(
        f'      - {{id: q{s}-{q}, text: {{nl: "Vraag {q} van deel {s} ({n})?", en: "Question {q} of part {s} ({n})?"}}}}' for q in range(1, 4)
    )
    return f'  - id: part-{s}\n    title: {{nl: "Deel {s}", en: "Part {s}"}}\n    questions:\n{questions}'


def generated_content(folder: Path, count: int) -> Path:
    """The real content plus `count` generated agenda templates (4 sections of 3 questions)."""
    content = folder / f"content-{count}"
    shutil.copytree(ROOT / "content", content)
    for n in range(count):
        sections = "\n".join(_section(n, s) for s in range(1, 5))
        text = SCALE_TEMPLATE.format(n=n, order=1000 + n, situation=SITUATIONS[n % len(SITUATIONS)], sections=sections)
        (content / "templates" / f"generated-{n:04d}.yaml").write_text(text, encoding="utf-8")
    return content


def timed_build(site_dir: Path, content: Path | None = None, cache: Path | None = None) -> float:
    """Seconds for `okr1on1 build` (both editions, strict) in a fresh process, as `make build` runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if content:
        env["OKR1ON1_CONTENT"] = str(content)
    if cache:
        env["OKR1ON1_CACHE"] = str(cache)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "okr1on1.cli", "build", "--project", str(ROOT), "--site-dir", str(site_dir)],
        env=env, check=True, capture_output=True, cwd=ROOT,
    )
    return time.perf_counter() - start


def build_benchmarks() -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="okr1on1-bench-") as tmp:
        folder = Path(tmp)
        cache = folder / "cache"
        content = folder / "content"
        shutil.copytree(ROOT / "content", content)
        results["full build from clean (s)"] = timed_build(folder / "site", content, cache)
        agenda = content / "templates" / "okr-agenda.yaml"
        agenda.write_text(agenda.read_text(encoding="utf-8").replace("Hoe was je dag tot nu toe?", "Hoe is je week tot nu toe?"), encoding="utf-8")
        results["rebuild after one YAML edit (s)"] = timed_build(folder / "site", content, cache)
        for count in (100, 500):
            scale_content = generated_content(folder, count)
            seconds = timed_build(folder / f"site-{count}", scale_content, folder / f"cache-{count}")
            results[f"build, {count} generated templates (s)"] = seconds
            results[f"build per template at {count} (ms)"] = seconds / (count + 14) * 1000
    return results


if __name__ == "__main__":
    for name, value in build_benchmarks().items():
        print(f"{name:45} {value:10.2f}")
