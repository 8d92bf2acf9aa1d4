"""How big a notebook gets: a year of weekly 1:1s with notes, as the engine stores it, and what
writing and reading it costs in Chromium's localStorage and in the worker's engine.

    .venv/bin/python bench/notebook_size.py [--site http://127.0.0.1:8000]

The figures decide where the notebook lives (STORAGE.md, "The 1:1 notebook"): the document of one
relationship per localStorage key, because a year of it is far below the per-origin quota, and a
synchronous write is what lets a closed tab keep the last keystrokes.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from okr1on1 import notebook
from okr1on1.content.loader import load_content
from okr1on1.site.edition import Edition
from okr1on1.site.notebook_html import agenda_checklists

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "de", "het", "een", "van", "en", "in", "is", "dat", "op", "te", "voor", "met", "niet", "zijn", "aan", "er",
    "maar", "om", "ook", "als", "bij", "nog", "wat", "dan", "kan", "wel", "meer", "doel", "team", "week", "klant", "plan",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def year_of_meetings(weeks: int = 52, seed: int = 2026) -> dict[str, Any]:
    """52 weekly meetings from the OKR agenda (12 questions): every item with a note of about 40
    words (a full meeting's notes), two topics from each side, two agreements a meeting."""
    rng = random.Random(seed)
    content = load_content(ROOT / "content")
    checklist = agenda_checklists(Edition(lang="nl", content_dir=ROOT / "content", content=content))[0]["questions"]
    doc = notebook.new_notebook("nb-year", "Anna de Vries", "2026-01-01T09:00:00.000Z")
    start = date(2026, 1, 5)
    for week in range(weeks):
        day = (start + timedelta(weeks=week)).isoformat()
        stamp = f"{day}T09:00:00.000Z"
        topics = [{"id": f"w{week}-t{i}", "text": sentence(rng, 8)} for i in range(4)]
        doc = notebook.add_topics(doc, topics[:2], "theirs", stamp)
        doc = notebook.add_topics(doc, topics[2:], "mine", stamp)
        doc = notebook.start_meeting(doc, f"m{week}", day, "Agenda voor een één-op-één gesprek over OKR's", "okr-agenda", checklist, stamp)
        for item in doc["meetings"][-1]["items"]:
            item.update(checked=True, note=sentence(rng, 40), private=rng.random() < 0.2)
        for i in range(2):
            due = (start + timedelta(weeks=week, days=10)).isoformat()
            doc = notebook.add_agreement(doc, f"m{week}", f"m{week}-a{i}", sentence(rng, 10), rng.choice(notebook.WHO), due, stamp)
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", help="a served build: also time setItem/getItem and the engine in Chromium")
    args = parser.parse_args()
    doc = year_of_meetings()
    text = notebook.save_notebook(doc)
    figures = {
        "meetings": len(doc["meetings"]),
        "agenda items": sum(len(m["items"]) for m in doc["meetings"]),
        "agreements": len(doc["agreements"]),
        "stored text, characters": len(text),
        "stored text, UTF-8 bytes": len(text.encode()),
        "stored text, UTF-16 bytes (how Chromium counts localStorage)": len(text.encode("utf-16-le")),
    }
    if args.site:
        figures.update(browser_figures(args.site, text))
    for name, value in figures.items():
        print(f"{name}: {value}")


def browser_figures(site: str, text: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(f"{site}/notebook/")
        page.wait_for_selector(".okr-notebook[data-ready]", timeout=120_000)
        timings = page.evaluate(
            """async (text) => {
              const { notebookCall } = await import(new URL("assets/okr1on1/engine.js", document.baseURI + "../").href);
              const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
              const write = [], read = [], save = [], parse = [];
              const doc = await notebookCall("read", text);
              for (let i = 0; i < 9; i++) {
                let t = performance.now(); localStorage.setItem("okr1on1.notebook.bench", text); write.push(performance.now() - t);
                t = performance.now(); localStorage.getItem("okr1on1.notebook.bench"); read.push(performance.now() - t);
                t = performance.now(); await notebookCall("save", doc); save.push(performance.now() - t);
                t = performance.now(); await notebookCall("read", text); parse.push(performance.now() - t);
              }
              // How much more fits: fill a second key until the browser refuses.
              localStorage.removeItem("okr1on1.notebook.bench");
              let size = 1 << 20, total = 0;
              const chunk = (n) => "x".repeat(n);
              for (let k = 0; size >= 1024; ) {
                try { localStorage.setItem(`okr1on1.bench.${k}`, chunk(size)); total += size; k++; } catch { size >>= 1; }
              }
              for (const key of Object.keys(localStorage)) if (key.startsWith("okr1on1.bench.")) localStorage.removeItem(key);
              return { write: median(write), read: median(read), save: median(save), parse: median(parse), quota_chars: total };
            }""",
            text,
        )
        browser.close()
    return {
        "Chromium setItem of the year, median of 9 (ms)": round(timings["write"], 2),
        "Chromium getItem, median (ms)": round(timings["read"], 2),
        "engine save (check + serialise) in the worker, round trip, median (ms)": round(timings["save"], 1),
        "engine read in the worker, round trip, median (ms)": round(timings["parse"], 1),
        "localStorage of the origin, characters that fit in an empty profile": timings["quota_chars"],
    }


if __name__ == "__main__":
    main()
