"""Build benchmarks: a full build from clean, a rebuild after one YAML edit, and build time per
template with 100 and 500 generated templates (content folder set through $OKR1ON1_CONTENT).

Every build is `okr1on1 build` in a fresh process, as `make build` runs it: both editions, strict,
published atomically. "Clean" means no site and an empty cache (downloads, Pyodide bundle, compiled
theme templates); the rebuild keeps the cache, as a second `make build` does.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDITED_TEMPLATE = "okr-agenda.yaml"
EDITED_TEXT = "Hoe was je dag tot nu toe?"  # each rebuild puts another question in its place
REBUILDS = 3  # one rebuild on this machine varies by ±30 %: the median of three

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


@dataclass
class Timing:
    """Wall-clock seconds of one build, and the CPU seconds its processes used (user + system):
    on a busy machine the wall time grows with the load, the CPU time much less."""

    seconds: float
    cpu_seconds: float


@dataclass
class ScaleResult:
    templates: int  # all templates of the site: the real ones plus the generated ones
    seconds: float
    cpu_seconds: float

    @property
    def ms_per_template(self) -> float:
        return self.seconds / self.templates * 1000

    @property
    def cpu_ms_per_template(self) -> float:
        return self.cpu_seconds / self.templates * 1000


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


def template_count(content: Path) -> int:
    return len(list((content / "templates").glob("*.yaml"))) + len(list((content / "templates").glob("*.yml")))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(site_dir: Path, content: Path, cache: Path) -> Timing:
    """`okr1on1 build` in a fresh process, timed; the build must succeed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OKR1ON1_CONTENT": str(content), "OKR1ON1_CACHE": str(cache)}
    cpu = _children_cpu()
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "okr1on1.cli", "build", "--project", str(ROOT), "--site-dir", str(site_dir)],
        env=env, capture_output=True, text=True, cwd=ROOT, check=False,
    )
    timing = Timing(seconds=time.perf_counter() - start, cpu_seconds=_children_cpu() - cpu)
    if run.returncode != 0:
        raise RuntimeError(f"okr1on1 build failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return timing


def clean_build_and_rebuild(folder: Path, rebuilds: int = REBUILDS) -> tuple[Timing, list[Timing], Path]:
    """(full build from clean, rebuilds after one YAML edit each, the site): a copy of the real content.
    Every edit writes a new question, so the edited template's downloads are made again each time."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    cache = folder / "cache"
    site = folder / "site"
    clean = timed_build(site, content, cache)
    edited = content / "templates" / EDITED_TEMPLATE
    text = edited.read_text(encoding="utf-8")
    if EDITED_TEXT not in text:
        raise RuntimeError(f"{edited.name} no longer holds {EDITED_TEXT!r}: update bench/build_timing.py")
    timings = []
    for edit in range(1, rebuilds + 1):
        edited.write_text(text.replace(EDITED_TEXT, f"Hoe is je week tot nu toe ({edit})?"), encoding="utf-8")
        timings.append(timed_build(site, content, cache))
    return clean, timings, site


def scale_build(folder: Path, count: int) -> ScaleResult:
    """A build from clean of the real content plus `count` generated templates."""
    content = generated_content(folder, count)
    timing = timed_build(folder / f"site-{count}", content, folder / f"cache-{count}")
    return ScaleResult(templates=template_count(content), seconds=timing.seconds, cpu_seconds=timing.cpu_seconds)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="okr1on1-bench-") as tmp:
        clean, rebuilds, _ = clean_build_and_rebuild(Path(tmp))
        print(f"full build from clean {clean.seconds:6.2f} s\nrebuilds after one YAML edit " + ", ".join(f"{r.seconds:.2f} s" for r in rebuilds))
        for count in (100, 500):
            result = scale_build(Path(tmp), count)
            print(f"{count} generated templates ({result.templates} in all): {result.seconds:6.1f} s, {result.ms_per_template:5.0f} ms/template")
