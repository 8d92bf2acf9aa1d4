"""Lighthouse (npm `lighthouse`, pinned in package.json) on the home page, an agenda and a survey page,
mobile (its default: an emulated phone on a throttled link) and desktop, driving Debian's Chromium.

The site is built for the address the bench server gives it (so canonical and `hreflang` links are
absolute, as on a real deploy) and served by the bench's server, with the build's brotli copies
(site_server.py). Each page and form factor is run `--runs` times; the table shows the median score of
each category and the audits that cost points. `make bench` includes it; alone:
`python bench/lighthouse.py [--runs 3] [--json FILE]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_timing import CHROMIUM  # noqa: E402
from site_server import COMPRESSED_TYPES, content_type, serve  # noqa: E402

from okr1on1.site.build_site import Publishing, build_site  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = (("home", "/"), ("agenda", "/templates/okr-agenda/"), ("survey", "/templates/personal-development/"))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"


def run_lighthouse(url: str, form_factor: str, output: Path) -> dict[str, object]:
    command = [
        str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}", "--output=json",
        f"--output-path={output}", f"--only-categories={','.join(CATEGORIES)}", "--quiet",
    ]  # fmt: skip
    if form_factor == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, timeout=300)
    return json.loads(output.read_text(encoding="utf-8"))


def warm(origin: str, site: Path) -> None:
    """Ask for every compressible file once, so the server has its gzip body ready before Lighthouse runs."""
    for path in site.rglob("*"):
        if path.is_file() and content_type(str(path)).startswith(COMPRESSED_TYPES):
            request = urllib.request.Request(f"{origin}/{path.relative_to(site).as_posix()}", headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:
                response.read()


def lost_points(report: dict[str, object]) -> set[str]:
    """The audits of the four categories that score below 1 (and count)."""
    audits = report["audits"]
    lost = set()
    for category in report["categories"].values():  # type: ignore[union-attr]
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]  # type: ignore[index]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.add(f"{ref['id']} ({audit.get('displayValue') or audit['score']})")
    return lost


def lighthouse_table(runs: int = 3, log: Callable[[str], object] = print) -> tuple[str, dict[str, object]]:
    """The Markdown table of the median scores (and the raw scores), each page and form factor run `runs` times."""
    rows, raw = [], {}
    with tempfile.TemporaryDirectory(prefix="okr1on1-lighthouse-") as folder:
        site = Path(folder) / "site"
        site.mkdir()
        with serve(site) as origin:
            build_site(ROOT, site, Publishing(site_url=f"{origin}/"))
            warm(origin, site)
            for label, path in PAGES:
                for form_factor in FORM_FACTORS:
                    log(f"  Lighthouse: {label} {form_factor} ({runs} runs) …")
                    scores: dict[str, list[float]] = {category: [] for category in CATEGORIES}
                    lost: set[str] = set()
                    for run in range(runs):
                        report = run_lighthouse(f"{origin}{path}", form_factor, Path(folder) / f"{label}-{form_factor}-{run}.json")
                        for category in CATEGORIES:
                            scores[category].append(round(100 * report["categories"][category]["score"]))  # type: ignore[index]
                        lost |= lost_points(report)
                    raw[f"{label} {form_factor}"] = {"scores": scores, "lost": sorted(lost)}
                    medians = [f"{statistics.median(scores[category]):g}" for category in CATEGORIES]
                    rows.append(f"| {label} `{path}` | {form_factor} | " + " | ".join(medians) + f" | {', '.join(sorted(lost)) or '—'} |")
    version = json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"]
    lines = [
        f"Lighthouse {version}, median of {runs}:", "",
        "| Page | Form factor | Performance | Accessibility | Best Practices | SEO | Audits below full marks |",
        "|---|---|---|---|---|---|---|", *rows,
    ]  # fmt: skip
    return "\n".join(lines), raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the raw scores here")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("lighthouse is not installed: run `npm ci`", file=sys.stderr)
        return 1
    table, raw = lighthouse_table(args.runs, log=lambda line: print(line, file=sys.stderr))
    print(table)
    if args.json:
        args.json.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
