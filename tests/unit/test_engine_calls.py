"""The worker's entry into the engine: the page's requests in, JSON answers out (as engine.js reads them)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from okr1on1 import engine_calls
from okr1on1.content.loader import load_content
from okr1on1.results_files import read_share_file, share_file
from okr1on1.scoring import score
from okr1on1.site.pyodide_bundle import build_scoring_wheel
from okr1on1.survey_spec import survey_spec

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_content(ROOT / "content")
SPECS = [survey_spec(survey, "en", surveys=CONTENT.surveys()) for survey in CONTENT.surveys()]
PD = next(spec for spec in SPECS if spec["id"] == "personal-development")


def answer(method: str, *args: object) -> dict[str, object]:
    return json.loads(engine_calls.call(method, json.dumps(args)))


def test_a_score_comes_back_as_the_engine_computes_it() -> None:
    answers = {"progress": 2, "strengths": 6, "career-path": 5}
    assert answer("score", PD, answers) == {"ok": True, "result": json.loads(json.dumps(score(PD, answers)))}


def test_a_bad_answer_names_its_statement() -> None:
    reply = answer("score", PD, {"progress": 9})
    assert reply["ok"] is False
    assert reply["statement"] == "progress"
    assert "9" in str(reply["error"])


def test_a_refused_file_says_why_in_the_widget_s_words() -> None:
    reply = answer("read_results_file", "{not json", SPECS)
    assert reply["ok"] is False
    assert reply["statement"] is None
    assert reply["reason"]
    assert isinstance(reply["values"], dict)


def test_a_share_file_made_through_the_worker_reads_back() -> None:
    options = {"shared_at": "2026-04-12T09:00:00Z", "mode": "anonymous", "respondent_secret": "0123456789abcdef0123"}
    reply = answer("share_file", PD, {"progress": 4}, options)
    assert reply["ok"] is True
    assert read_share_file(reply["result"], SPECS)["answers"] == {"progress": 4}
    assert json.loads(reply["result"]) == json.loads(share_file(PD, {"progress": 4}, options))


def test_the_collector_s_bundle_is_made_and_recorded_through_the_worker() -> None:
    options = {"shared_at": "2026-04-12T09:00:00Z", "mode": "anonymous"}
    texts = [share_file(PD, {"progress": 2 + i}, {**options, "respondent_secret": f"secret-number-{i:04d}"}) for i in range(5)]
    files = [{"name": f"{i}.json", "size": len(text), "text": text} for i, text in enumerate(texts)]
    reply = answer("collect_view", SPECS, files, 5, None, "2026-04-13T10:00:00Z")
    assert reply["ok"] is True
    [survey] = reply["result"]["surveys"]
    recorded = answer("record_bundle", None, survey["bundle"])
    assert recorded["ok"] is True and json.loads(recorded["result"])["format"] == "okr1on1-collector-releases"


def test_unknown_methods_are_not_called() -> None:
    reply = json.loads(engine_calls.call("__import__", json.dumps(["os"])))
    assert reply == {"ok": False, "error": "unknown method __import__", "statement": None}


def test_the_entry_point_is_in_the_wheel(tmp_path: Path) -> None:
    with zipfile.ZipFile(build_scoring_wheel(tmp_path)) as wheel:
        assert wheel.read("okr1on1/engine_calls.py") == Path(engine_calls.__file__).read_bytes()
