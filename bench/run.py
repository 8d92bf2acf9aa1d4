"""`make bench`: what users wait for, measured, in one table (Markdown).

1. Build: a full build from clean and three rebuilds after one YAML edit each (bench/build_timing.py);
   the site of the last rebuild is the one the browser measures.
2. Browser (bench/browser_timing.py, headless Chromium, the site on 127.0.0.1 by bench/site_server.py):
   widget start-up against bare loadPyodide(), cold and warm, interleaved; the scoring round trip;
   long tasks on the main thread; bytes transferred.
3. Scale: builds with 100 and 500 generated templates; "My results" with 20 000 stored results, and
   imports of 20 000 and 200 000 results (bench/history_timing.py).
4. Networks (bench/network_timing.py): the start under phone networks (CDP throttling), both editions,
   repeat visits, the language switch, offline, memory, bytes by kind, with and without its progress;
   the survey page's blocking time on a phone's CPU, with the engine held until the page is idle and
   not (bench/blocking_time.py).
5. Lighthouse (bench/lighthouse.py): three pages, mobile and desktop.

Benchmarks report figures, they do not fail: the Target column says where each one stands. The table
also goes to bench-results/last.md; `--readme` writes it into README.md's "## Performance" section.

    .venv/bin/python bench/run.py [--runs 7] [--round-trips 20] [--no-scale] [--no-network] [--network-runs 3]
                                  [--no-lighthouse] [--lighthouse-runs 3] [--readme]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from blocking_time import blocking_benchmarks  # noqa: E402
from browser_timing import CHROMIUM, GUIDE_PAGES, SURVEY_PAGE, BrowserResults, browser_benchmarks  # noqa: E402
from build_timing import ScaleResult, Timing, clean_build_and_rebuild, scale_build  # noqa: E402
from history_timing import history_benchmarks, history_rows  # noqa: E402
from lighthouse import lighthouse_table  # noqa: E402
from network_timing import network_benchmarks  # noqa: E402
from site_server import serve  # noqa: E402

RESULTS = ROOT / "bench-results"
README = ROOT / "README.md"
README_SECTION = "## Performance"

FLAT = 1.10  # "flat": per-template time at 500 no more than 10 % above the time at 100


@dataclass
class Row:
    what: str
    figure: str
    target: str = ""
    met: bool | None = None

    def cells(self) -> list[str]:
        verdict = "" if self.met is None else (" — met" if self.met else " — **missed**")
        return [self.what, self.figure, (self.target + verdict) if self.target else "—"]


def seconds(ms: float) -> str:
    return f"{ms / 1000:.2f} s"


def kilobytes(size: int) -> str:
    return f"{size / 1000:,.0f} kB" if size < 1_000_000 else f"{size / 1_000_000:.2f} MB"


def machine() -> dict[str, str]:
    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text(encoding="utf-8").splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"

    memory = first("/proc/meminfo", "MemTotal")
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        chromium = "?"
    pyodide = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]
    return {
        "CPU": first("/proc/cpuinfo", "model name") or platform.processor() or "?",
        "cores": str(os.cpu_count()),
        "RAM": f"{int(memory.split()[0]) / 1024 / 1024:.1f} GiB" if memory != "?" else "?",
        "Chromium": chromium.removeprefix("Chromium ").split(" built")[0] or "?",
        "Python": platform.python_version(),
        "Pyodide": pyodide,
        "OS": f"{platform.system()} {platform.release()}",
    }


def browser_rows(results: BrowserResults) -> list[Row]:
    rows: list[Row] = []
    n = results.runs
    for mode, label in (("cold", "cold (new browser context)"), ("warm", "warm (same context, reload)")):
        bare = results.median("bare-worker", mode)
        widget = results.median("survey", mode)
        ratio = widget / bare
        paired = [w / b for w, b in zip(results.startup["survey"][mode], results.startup["bare-worker"][mode], strict=True)]
        rows += [
            Row(f"Start-up {label}: bare `loadPyodide()` in a module worker (the floor), median of {n}", seconds(bare)),
            Row(f"Start-up {label}: survey page until the widget is ready, median of {n}", seconds(widget)),
            Row(f"Start-up {label}: ratio widget / floor", f"**{ratio:.2f}**", "≤ 1.0", ratio <= 1.0),
            Row(
                f"Start-up {label}: for the noise, the ratio in each run (both pages loaded in turn): median (min–max)",
                f"{statistics.median(paired):.2f} ({min(paired):.2f}–{max(paired):.2f})",
            ),
        ]
    started = results.survey_started_from
    rows.append(Row(
        f"… the widget's engine restored the build's snapshot (else: started from scratch), of {len(started)} survey loads",
        f"{started.count('snapshot')}",
    ))
    rows.append(Row(
        f"For comparison: bare `loadPyodide()` on the main thread, cold / warm, median of {n}",
        f"{seconds(results.median('bare-main-thread', 'cold'))} / {seconds(results.median('bare-main-thread', 'warm'))}",
    ))
    trips = results.round_trips_ms
    round_trip = statistics.median(trips)
    rows.append(Row(
        f'Scoring round trip, "Score" clicked → results drawn, median of {len(trips)} (slowest)',
        f"{round_trip:.0f} ms ({max(trips):.0f} ms)", "≤ 50 ms", round_trip <= 50,
    ))
    cold, warm = results.long_tasks_cold, results.long_tasks_warm
    owners = {owner: results.long_frames_of(owner) for owner in ("pyodide", "widget", "theme", "page", "rendering")}
    guide = results.guide_long_tasks
    rows.append(Row(
        "Long tasks (> 50 ms) on the survey page's main thread, navigation → widget ready, per load: median (max), cold / warm; "
        f"for comparison, a guide page without Pyodide (cold, {len(guide)} pages)",
        f"{statistics.median(cold):g} ({max(cold)}) / {statistics.median(warm):g} ({max(warm)}); guide {statistics.median(guide):g} ({max(guide)})",
    ))
    rows.append(Row(
        "… of them Pyodide's (long animation frames that Pyodide's scripts, or those that start it, made longer than 50 ms; "
        f"all {len(cold) + len(warm)} loads); "
        "the others: " + ", ".join(f"{owner} {count}" for owner, count in owners.items() if owner != "pyodide"),
        str(owners["pyodide"]), "0", owners["pyodide"] == 0,
    ))
    heaviest = max(results.guide_weights, key=lambda path: results.guide_weights[path][0])
    size, engine = results.guide_weights[heaviest]
    rows.append(Row(
        f"Guide page without a widget, transferred (gzip), heaviest of {len(GUIDE_PAGES)}: `{heaviest}`; Pyodide bytes",
        f"{kilobytes(size)} (files {kilobytes(results.guide_uncompressed[heaviest])}); Pyodide {engine} B",
        "≤ 250 kB, no Pyodide", size <= 250_000 and engine == 0,
    ))
    page, engine_bytes = results.survey_page_bytes, results.survey_engine_bytes
    rows.append(Row(
        f"Survey page `{SURVEY_PAGE}` before Pyodide loads (page, theme, widget), transferred",
        f"{kilobytes(page)} (files {kilobytes(results.survey_uncompressed[0])})",
    ))
    rows.append(Row(
        "Survey page once Pyodide is ready (+ Pyodide, engine snapshot, wheel, lockfile, worker), transferred",
        f"{kilobytes(page + engine_bytes)} (files {kilobytes(sum(results.survey_uncompressed))})",
    ))
    return rows


def build_rows(clean: Timing, rebuilds: list[Timing]) -> list[Row]:
    rebuild = statistics.median(timing.seconds for timing in rebuilds)
    cpu = statistics.median(timing.cpu_seconds for timing in rebuilds)
    each = [timing.seconds for timing in rebuilds]
    return [
        Row(
            "Full build from clean (both editions, empty cache); CPU time of its processes",
            f"{clean.seconds:.2f} s (CPU {clean.cpu_seconds:.1f} s)", "≤ 20 s", clean.seconds <= 20,
        ),
        Row(
            f"Rebuild after editing one template's YAML, median of {len(rebuilds)} edits (min–max); CPU time",
            f"{rebuild:.2f} s ({min(each):.2f}–{max(each):.2f} s; CPU {cpu:.1f} s)", "≤ 3 s", rebuild <= 3,
        ),
    ]


def scale_rows(scale: dict[int, ScaleResult]) -> list[Row]:
    rows = [
        Row(
            f"Build from clean, {count} generated templates ({result.templates} in all)",
            f"{result.seconds:.1f} s, {result.ms_per_template:.0f} ms/template (CPU {result.cpu_ms_per_template:.0f} ms/template)",
        )
        for count, result in scale.items()
    ]
    if len(scale) == 2:
        small, large = scale.values()
        growth = large.ms_per_template / small.ms_per_template
        cpu_growth = large.cpu_ms_per_template / small.cpu_ms_per_template
        rows.append(Row(
            f"Time per template with {large.templates} templates against {small.templates}",
            f"× {growth:.2f} (CPU × {cpu_growth:.2f})", f"flat (≤ × {FLAT:.2f})", growth <= FLAT,
        ))
    return rows


def table(rows: list[Row], facts: dict[str, str]) -> str:
    lines = ["| Measure | Figure | Target |", "|---|---|---|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |" for row in rows]
    machine_line = "; ".join(f"{key} {value}" for key, value in facts.items())
    return "\n".join(lines) + f"\n\nMachine: {machine_line}.\n"


LIGHTHOUSE_HOW = (
    "npm `lighthouse` 12.8.2 (pinned; 13.x needs Node 22; package.json's `overrides` pins its `third-party-web`, "
    "which one of its packages asks for as \"latest\", so that `npm ci` keeps matching the lock file) with Debian's "
    "Chromium on the home page, an agenda and a survey page, mobile (Lighthouse's emulated phone on its simulated "
    "slow link) and desktop, against a build made for the address it is served at (absolute canonical and "
    "`hreflang` links, as on a deploy), served by the bench's server with the build's compressed copies."
)

HOW = """\
What keeps these figures down:

- The fewest bytes a start needs, as small as they go: every large file has brotli and gzip copies made
  at build time (`precompress.py`), which the server sends by the browser's Accept-Encoding: the
  WebAssembly is 2.8 MB on the wire (9.6 as a file, 3.5 gzipped), the floor of any start. Pyodide's
  standard library (2.5 MB, 614 files) is trimmed to what the start and the engine import, measured in
  Pyodide when the snapshot is made (`stdlib_trim.py`): 0.56 MB for a start from scratch, 1 kB beside a
  restored snapshot (its memory holds the rest).
- The widget's worker can restore a memory snapshot of Pyodide with the engine already imported, made at
  build time under Node from the same Pyodide files (`src/okr1on1/site/engine_snapshot.mjs`), instead of
  starting Python and importing the engine: that saves about 2.5 s of CPU here, more on a phone. The
  snapshot is 31 MB of memory, 4.1 MB with brotli (a host that cannot send the copy serves the gzipped
  file, 6.3 MB, which the worker inflates); `okr1on1-engine.json` names it and its sha256, which the
  worker checks. Its bytes cost time on a slow link, so the worker judges the link by the snapshot's first
  bytes (`worker-snapshot.js`): when the rest would take longer than the CPU the snapshot saves
  (`SCRATCH_EXTRA_S` in `pyodide_bundle.py`) it drops it and starts from scratch, with the WebAssembly
  already on its way. A copy the service worker keeps (it keeps the site once the engine is up, the
  snapshot with it) is always restored, so the next visit is quick on any link; a reader whose browser asks
  to save data gets the snapshot only from the browser's cache. Once restored, the snapshot's buffer is let
  go.
- The worker starts from the top of `<head>` (`start.js`, written into the page, its hash in the
  CSP, so it needs no request of its own), before the stylesheets and the theme's inline scripts hold up the
  parser; `engine.js` takes it over when the widget mounts. The worker imports `pyodide.mjs` first, so
  `loadPyodide()` starts fetching and compiling the WebAssembly at once, and meanwhile fetches the snapshot,
  the lockfile and the engine's wheel (checked against the lockfile's sha256). Started from scratch, Python
  imports the engine from the wheel as it is, instead of `loadPyodide({packages})`, whose installer imports
  `tarfile`, `importlib.metadata` and `email` first. Pyodide runs only in the worker: no long task on the
  page is its.
- Started from scratch, the engine imports in about 35 ms in Pyodide: its mean, median and standard
  deviation come from exact integer sums (the same bits as the `statistics` module), so it needs neither
  `statistics` nor `fractions`, which took another 100 ms.
- While Pyodide loads, the page does little: the loading indicator stands still (a spinner, redrawn all
  along, cost the start about 8 % on two cores), and the number formats of the results are made once the
  engine is ready, not while the page loads. What moves tells the truth: the worker reports the bytes of
  Pyodide's files on the wire against their sizes per encoding, which the build wrote into the page
  (`data-sizes` on the start script), at most four times a second, and when all are in, that Python
  starts. The survey's status line shows "2.1 of 7.1 MB downloaded" with a bar (room for it is kept from
  the first paint, so nothing moves); a Score pressed before the engine is ready says, beside the button,
  that the answers are scored as soon as it is, shows the same bar, and the result follows without a
  second press (`tests/browser/test_engine_progress.py`, at 20 Mbit/s). The network rows compare the
  start with and without this counting.
- The two editions build side by side in two processes (the second one forked once the content is loaded
  and checked, so a content error is reported once); YAML is parsed with libyaml (the pure-Python parser
  only to word an error); compiled theme templates are kept in the cache; the download writers' libraries
  are imported only when a download has to be rendered.
"""


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    section = (
        f"{README_SECTION}\n\n`make bench` measures what users wait for and prints this table (the last run, "
        "copied here by `bench/run.py --readme`). The browser figures come from headless Chromium against the "
        "built site on 127.0.0.1, served as `okr1on1 serve` does (the build's brotli and gzip copies by "
        "Accept-Encoding, its headers), and, in the network rows, throttled to phone networks; the floor is "
        "`bench/fixtures/bare.html`, a page that only runs `loadPyodide()` in a module worker, with the site's "
        "`indexURL`, `lockFileURL` and the engine's package. Benchmarks report; they do not fail `make test`.\n\n"
        + text + "\n" + HOW
    )
    match = re.search(rf"^{re.escape(README_SECTION)}\n.*?(?=^## |\Z)", readme, re.MULTILINE | re.DOTALL)
    if match and readme[match.end():]:
        raise RuntimeError("README.md has sections after ## Performance: keep it the last one")
    readme = readme[: match.start()] + section if match else readme.rstrip("\n") + "\n\n" + section
    README.write_text(readme, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="loads of each page, cold and warm (default 9)")
    parser.add_argument("--round-trips", type=int, default=20, help="scoring round trips (default 20)")
    parser.add_argument("--no-scale", action="store_true", help="skip the builds with 100 and 500 generated templates")
    parser.add_argument("--no-network", action="store_true", help="skip the start under network profiles (bench/network_timing.py)")
    parser.add_argument("--network-runs", type=int, default=3, help="cold loads a page per network profile (default 3)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (bench/lighthouse.py)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs a page and form factor (default 3)")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md's Performance section")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    facts = machine()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="okr1on1-bench-") as tmp:
        folder = Path(tmp)
        log("Build: from clean, then after one YAML edit …")
        clean, rebuilds, site = clean_build_and_rebuild(folder)
        log(f"  {clean.seconds:.2f} s; " + ", ".join(f"{timing.seconds:.2f} s" for timing in rebuilds))
        log(f"Browser: {args.runs} cold and {args.runs} warm loads a page, interleaved …")
        with serve(site) as origin:
            browser = browser_benchmarks(origin, site, runs=args.runs, round_trips=args.round_trips, log=log)
            log("My results: a long history drawn, large imports …")
            history = history_benchmarks(origin, runs=3, log=log)
            network: list[Row] = []
            if not args.no_network:
                log(f"Network profiles: {args.network_runs} cold loads a page a profile, interleaved …")
                network = network_benchmarks(origin, site, runs=args.network_runs, log=log, row=Row)
                network += blocking_benchmarks(origin, row=Row, log=log)
        rows += browser_rows(browser)
        rows += history_rows(history, Row)
        rows += network
        rows += build_rows(clean, rebuilds)
        scale: dict[int, ScaleResult] = {}
        if not args.no_scale:
            for count in (100, 500):
                log(f"Scale: build with {count} generated templates …")
                scale[count] = scale_build(folder, count)
                log(f"  {scale[count].seconds:.1f} s")
            rows += scale_rows(scale)
    lighthouse = ""
    if not args.no_lighthouse:
        log("Lighthouse: three pages, mobile and desktop …")
        lighthouse = "\n\n### Lighthouse\n\n" + LIGHTHOUSE_HOW + "\n\n" + lighthouse_table(args.lighthouse_runs, log=log)[0]
    facts["load average (1 min) at start / end"] = f"{load_before:.1f} / {os.getloadavg()[0]:.1f}"
    facts["bench took"] = f"{(time.perf_counter() - started) / 60:.1f} min"
    text = table(rows, facts) + lighthouse
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "last.md").write_text(text, encoding="utf-8")
    (RESULTS / "last.json").write_text(json.dumps(_raw(browser, clean, rebuilds, scale, facts), indent=1), encoding="utf-8")
    if args.readme:
        write_readme(text)
        log(f"Written into {README.name} ({README_SECTION}).")
    return 0


def _raw(browser: BrowserResults, clean: Timing, rebuilds: list[Timing], scale: dict[int, ScaleResult], facts: dict[str, str]) -> dict[str, object]:
    """Every sample, for a closer look than the medians."""
    return {
        "machine": facts,
        "startup_ms": browser.startup,
        "round_trips_ms": browser.round_trips_ms,
        "long_tasks": {"cold": browser.long_tasks_cold, "warm": browser.long_tasks_warm, "ms": browser.long_task_ms, "frames": browser.long_frames},
        "bytes": {"guide": browser.guide_weights, "survey_page": browser.survey_page_bytes, "survey_engine": browser.survey_engine_bytes},
        "build_s": {
            "clean": [clean.seconds, clean.cpu_seconds],
            "rebuilds": [[timing.seconds, timing.cpu_seconds] for timing in rebuilds],
            **{str(count): [result.seconds, result.cpu_seconds] for count, result in scale.items()},
        },
    }


if __name__ == "__main__":
    raise SystemExit(main())
