"""The stored-results format in the browser's engine: restored from the built site's snapshot in
Pyodide under Node, `okr1on1.stored_results` answers every request exactly as CPython does, and
documents nested thousands of levels deep are refused there too instead of overflowing Pyodide's
stack (issue 12, case 5)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from okr1on1 import engine_calls
from okr1on1.content.loader import load_content
from okr1on1.site.pyodide_bundle import SITE_FOLDER
from okr1on1.survey_spec import survey_spec

ROOT = Path(__file__).resolve().parents[2]
RESTORE = ROOT / "tests" / "node" / "engine_from_snapshot.mjs"


def result(result_id: str, **fields: object) -> dict[str, object]:
    return {"id": result_id, "survey": "personal-development", "survey_version": 1, "saved_at": "2026-05-01T09:00:00.000Z",
            "answers": {"progress": 4, "strengths": 6}, "notes": {}, **fields}


@pytest.mark.node
@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_browser_s_engine_reads_and_writes_the_history_as_cpython_does(built_site: Path) -> None:
    content = load_content(ROOT / "content")
    specs = [survey_spec(survey, "nl", surveys=content.surveys()) for survey in content.surveys()]
    stored = json.dumps({"format": "okr1on1-results", "version": 1, "results": [
        result("r-1", notes={"progress": "\U0001f600" * 2500}),
        result("r-2", notes={"progress": "x" * 5001}),
        result("r-3", answers={"constructor": 3, "__proto__": 2, "progress": 7}),
        result("r-4", survey_version=10**400),
    ]})
    deep = ["[" * levels + "]" * levels for levels in (33, 3000, 100_000)]
    calls = [
        ["history_view", json.dumps([stored, specs])],
        ["add_results", json.dumps([stored, specs, [result("r-5", notes={"career-path": "why"})]])],
        ["add_results", json.dumps([stored, specs, [result("r-6", id="\U0001f600" * 51)]])],
        ["remove_unreadable", json.dumps([stored, specs])],
        *(["history_view", json.dumps([f'{{"format": "okr1on1-results", "version": 1, "results": {text}}}', specs])] for text in deep),
        *(["import_results", json.dumps([stored, text, specs])] for text in deep),
        *(["team_view", json.dumps([specs, [{"name": "deep.json", "size": len(text), "text": text}]])] for text in deep[:2]),
    ]
    run = subprocess.run(
        ["node", str(RESTORE), str(built_site / SITE_FOLDER)],
        cwd=ROOT, input=json.dumps(calls), capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
    )
    assert run.returncode == 0, run.stderr
    answers = json.loads(run.stdout)["answers"]
    assert answers == [engine_calls.call(method, payload) for method, payload in calls]
    view = json.loads(answers[0])["result"]
    assert view["ids"] == ["r-1", "r-3"] and [entry["problem"] for entry in view["unreadable"]] == ["problem_note", "problem_survey_version"]
    assert [json.loads(answer)["result"]["problem"] for answer in answers[4:7]] == ["stored_too_deep"] * 3
