"""okr1on1.results_sheet: "My results" as a workbook, read back with openpyxl (the worker runs the same code)."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import openpyxl
import pytest

from okr1on1.content import load_content
from okr1on1.results_sheet import COLUMNS, results_workbook
from okr1on1.scoring import ScoringError
from okr1on1.site.edition import Edition
from okr1on1.site.widget_html import widget_texts
from okr1on1.survey_spec import survey_spec

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def setting() -> tuple[list[dict], dict[str, str]]:
    content = load_content(ROOT / "content")
    specs = [survey_spec(s, "en", surveys=content.surveys()) for s in content.surveys()]
    return specs, widget_texts(Edition(lang="en", content_dir=ROOT / "content", content=content))


def _rows(data: dict[str, str]) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(base64.b64decode(data["base64"]))).worksheets[0].iter_rows(values_only=True))


def test_an_unknown_survey_keeps_its_answers_without_scores(setting: tuple[list[dict], dict[str, str]]) -> None:
    specs, texts = setting
    result = {"id": "x", "survey": "gone-survey", "survey_version": 2, "saved_at": "not a date", "answers": {"a": 4}, "notes": {"b": "kept"}}
    rows = _rows(results_workbook([result], specs, texts))
    assert rows[1][:4] == ("not a date", "gone-survey", 2, None) and rows[1][6:8] == ("a", 4)
    assert rows[2][6] == "b" and rows[2][8] == "kept"


def test_every_heading_is_content_in_the_page_language(setting: tuple[list[dict], dict[str, str]]) -> None:
    specs, texts = setting
    assert _rows(results_workbook([], specs, texts))[0] == tuple(texts[f"xlsx_{key}"] for key in COLUMNS)
    with pytest.raises(ScoringError, match="xlsx_mean"):
        results_workbook([], specs, {key: value for key, value in texts.items() if key != "xlsx_mean"})


def test_the_workbook_of_the_stored_history_holds_every_valid_result(setting: tuple[list[dict], dict[str, str]]) -> None:
    """"Export (Excel)" on My results: the worker gets the stored text, so results of a survey this site no
    longer has are in the file too (the page's list of results covers only the surveys it knows)."""
    from okr1on1 import engine_calls

    specs, texts = setting
    first_statement = next(spec for spec in specs if spec["id"] == "personal-development")["statements"][0]["id"]
    known = {"id": "k", "survey": "personal-development", "survey_version": 1, "saved_at": "2026-11-02T10:00:00.000Z"}
    known |= {"answers": {first_statement: 6}, "notes": {}}
    gone = {"id": "g", "survey": "gone-survey", "survey_version": 1, "saved_at": "2026-11-01T10:00:00.000Z", "answers": {"a": 4}, "notes": {}}
    stored = json.dumps({"format": "okr1on1-results", "version": 1, "results": [known, gone]})
    reply = json.loads(engine_calls.call("results_workbook", json.dumps([stored, specs, texts])))
    assert reply["ok"] is True
    surveys = [row[1] for row in _rows(reply["result"])[1:]]
    assert "gone-survey" in surveys and any(name != "gone-survey" for name in surveys)
