"""The notebook engine restored from the built site's snapshot, in Pyodide under Node as the browser
worker runs it, answers every notebook call exactly as CPython does (carry-over, overdue, Markdown,
iCalendar, topics links, refusals)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okr1on1 import engine_calls, notebook
from okr1on1.site.pyodide_bundle import SITE_FOLDER

ROOT = Path(__file__).resolve().parents[2]
RESTORE = ROOT / "tests" / "node" / "engine_from_snapshot.mjs"
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_notebook_rules import TEXTS, private_and_shared, three_meetings  # noqa: E402

pytestmark = [pytest.mark.node, pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")]


def notebook_calls() -> list[list[str]]:
    doc = private_and_shared()
    stored = notebook.save_notebook(doc)
    damaged = json.loads(stored)
    damaged["meetings"][1]["date"] = "soon"
    topics = [{"id": f"t{i}", "text": f"Onderwerp {i} — één"} for i in range(5)]
    calls: list[tuple[str, list[object]]] = [
        ("notebook_read", [stored]),
        ("notebook_read", [json.dumps(damaged)]),
        ("notebook_read", ["{"]),
        ("notebook_save", [doc]),
        ("notebook_meeting_view", [three_meetings(), "m3", "2026-11-16"]),
        ("notebook_view", [three_meetings(), "2026-11-21"]),
        ("notebook_start_meeting", [doc, "m9", "2026-11-23", "Weekly", None, [{"id": "q", "text": "Hoe gaat het?", "section": "Start"}],
                                    "2026-11-23T09:00:00Z"]),
        ("notebook_add_agreement", [doc, "m1", "a9", "Plan maken", "both", "2026-12-01", "2026-11-02T10:00:00Z"]),
        ("notebook_add_item", [doc, "m1", "i9", "Extra punt"]),
        ("notebook_topics_fragment", [topics, "2026-11-01T08:00:00Z"]),
        ("notebook_read_topics", [notebook.topics_fragment(topics, "2026-11-01T08:00:00Z")]),
        ("notebook_read_topics", ["topics=AAAA"]),
        ("notebook_export", [doc, False, "2026-11-20T00:00:00Z"]),
        ("notebook_import", [notebook.export_notebook(doc, False, "2026-11-20T00:00:00Z"), doc]),
        ("notebook_meeting_markdown", [doc, "m1", TEXTS, False, "2026-11-02"]),
        ("notebook_agreements_markdown", [doc, TEXTS, "2026-11-21"]),
        ("notebook_ics", ["1:1 met Anna, één; twee", "2026-11-23T10:30", 45, "fortnightly", "u@okr1on1", "2026-11-16T09:00:00Z"]),
        ("notebook_ics", ["x", "2026-11-23T25:00", 45, "none", "u", "2026-11-16T09:00:00Z"]),
    ]
    return [[method, json.dumps(args)] for method, args in calls]


def test_the_notebook_runs_in_the_snapshot_as_in_cpython(built_site: Path) -> None:
    calls = notebook_calls()
    run = subprocess.run(
        ["node", str(RESTORE), str(built_site / SITE_FOLDER)],
        cwd=ROOT, input=json.dumps(calls), capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
    )
    assert run.returncode == 0, run.stderr
    restored = json.loads(run.stdout)
    assert restored["imported"] is True
    expected = [engine_calls.call(method, payload) for method, payload in calls]
    assert restored["answers"] == expected
    # Both kinds of answer were compared: results and refusals in words.
    answers = [json.loads(answer) for answer in expected]
    assert [answer["ok"] for answer in answers].count(False) == 3
    assert answers[4]["result"]["carried"][0]["overdue"] is True
