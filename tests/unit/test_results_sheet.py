"""okr1on1.results_sheet: "My results" as a workbook, read back with openpyxl (the worker runs the same code)."""

from __future__ import annotations

import base64
import io
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
