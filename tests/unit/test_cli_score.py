"""`okr1on1 score`: the command as a user runs it, on the real personal-development survey."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from okr1on1.content.loader import load_template
from okr1on1.scoring import score
from okr1on1.survey_spec import survey_spec

REPO = Path(__file__).resolve().parents[2]
SURVEY_FILE = REPO / "content" / "templates" / "personal-development.yaml"


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okr1on1.cli", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False
    )


def expected(lang: str, answers: dict[str, int]) -> dict[str, Any]:
    survey = load_template(SURVEY_FILE)
    return score(survey_spec(survey, lang), answers)


def test_score_prints_the_result_as_json() -> None:
    done = run("score", "personal-development", "5", "6", "-", "3", "7")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith('{\n  "survey": "personal-development",')  # indented JSON
    result = json.loads(done.stdout)
    assert result == expected("nl", {"progress": 5, "address-behaviour": 6, "career-path": 3, "strengths": 7})
    assert (result["n"], result["skipped"], result["mean"], result["median"]) == (4, 1, 5.25, 5.5)
    assert result["band"] == "Goed"
    assert result["by_tag"] == {"#Productiviteit": 5.0, "#Feedback": 6.0, "#Groei": 5.0}
    assert result["per_statement"][2] == {"id": "receive-feedback", "value": None, "raw": None, "tone": None}
    assert [item["id"] for item in result["focus"]] == ["career-path"]
    assert result["focus"][0]["text"] == "Ik zie binnen het bedrijf een aantrekkelijk loopbaanpad voor me."
    assert result["focus"][0]["follow_up"][0] == "Waarom heb je zo geantwoord?"


def test_score_in_english() -> None:
    done = run("score", "personal-development", "1", "2", "3", "4", "5", "--lang", "en")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    # A mean of 3 lies below 4, the "Neutral" point: it needs attention, it is not "mixed".
    assert (result["mean"], result["band"], result["tone"]) == (3.0, "Needs attention", "low")
    assert [item["id"] for item in result["focus"]] == ["progress", "address-behaviour", "receive-feedback"]
    assert result["focus"][0]["text"] == "My work tasks usually progress very quickly, even when outside feedback is needed."


def test_every_statement_skipped() -> None:
    done = run("score", "personal-development", "-", "-", "-", "-", "-")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["n"], result["skipped"], result["mean"], result["band"], result["focus"]) == (0, 5, None, None, [])
    assert '"mean": null' in done.stdout


def test_content_folder_option(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    shutil.copy(SURVEY_FILE, tmp_path / "templates" / "personal-development.yaml")
    done = run("score", "personal-development", "7", "7", "7", "7", "7", "--content", str(tmp_path), cwd=tmp_path.parent)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["band"] == "Sterk"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "1"], "unknown survey 'nope' (surveys: "),
        (["okr-agenda", "1"], "'okr-agenda' is not a survey (kind: agenda)"),
        (["personal-development", "5", "6", "-", "3"], "survey 'personal-development' has 5 statements; got 4 values"),
        (["personal-development", "5", "6", "-", "3", "7", "1"], "has 5 statements; got 6 values"),
        (["personal-development", "5", "zes", "-", "3", "7"], "statement 'address-behaviour': 'zes' is not a whole number or '-'"),
        (["personal-development", "5", "6", "4.5", "3", "7"], "statement 'receive-feedback': '4.5' is not a whole number"),
        (["personal-development", "5", "6", "-", "8", "7"], "statement 'career-path': 8 lies outside the scale 1..7"),
        (["personal-development", "0", "6", "-", "3", "7"], "statement 'progress': 0 lies outside the scale 1..7"),
        (["personal-development", "-1", "6", "-", "3", "7"], "statement 'progress': -1 lies outside the scale 1..7"),
        (["personal-development"], "the following arguments are required: VALUE"),
        (["personal-development", "1", "2", "3", "4", "5", "--lang", "fr"], "invalid choice: 'fr'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    done = run("score", *args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("okr1on1: error: ")
    assert message in lines[0]


def test_a_broken_survey_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    broken = SURVEY_FILE.read_text(encoding="utf-8").replace("max: 7", "max: 1")
    (tmp_path / "templates" / "personal-development.yaml").write_text(broken, encoding="utf-8")
    done = run("score", "personal-development", "1", "1", "1", "1", "1", "--content", str(tmp_path))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("okr1on1: error: ")
    assert "personal-development.yaml:" in lines[0]
