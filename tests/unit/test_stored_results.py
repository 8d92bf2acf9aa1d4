"""The stored-results format (okr1on1.stored_results): what the site writes it can always read back,
whatever was typed or imported; reading keeps every valid result and sets the others aside in words;
limits count UTF-16 code units, as the browser does."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okr1on1 import engine_calls
from okr1on1.bounded_json import MAX_DEPTH, SAFE_INTEGER, JsonRefused, loads, utf16_length
from okr1on1.content.loader import load_content
from okr1on1.results_files import FileRefused
from okr1on1.scoring import headline
from okr1on1.stored_results import MAX_ID, MAX_NOTE, add_results, history_view, import_results, read_stored, remove_results, remove_unreadable
from okr1on1.survey_spec import survey_spec

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_content(ROOT / "content")
SPECS = [survey_spec(survey, "nl", surveys=CONTENT.surveys()) for survey in CONTENT.surveys()]
PD = next(spec for spec in SPECS if spec["id"] == "personal-development")
EMOJI = "\U0001f600"


def engine(method: str, *args: Any) -> dict[str, Any]:
    """One request as the worker sends it: JSON in, JSON out."""
    return json.loads(engine_calls.call(method, json.dumps(args)))


def saved(result_id: str = "r-1", **fields: Any) -> dict[str, Any]:
    return {"id": result_id, "survey": "personal-development", "survey_version": 1, "saved_at": "2026-05-01T09:00:00.000Z",
            "answers": {"progress": 4}, "notes": {}, **fields}


def document(*results: Any) -> str:
    return json.dumps({"format": "okr1on1-results", "version": 1, "results": list(results)}, ensure_ascii=False)


# --- a document the site wrote is always one it can read ---------------------------------------

PD_IDS = [s["id"] for s in PD["statements"]]
typed = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=30)
valid_notes = st.one_of(typed, st.sampled_from(["x" * MAX_NOTE, EMOJI * (MAX_NOTE // 2), "=1+1"]))
valid_results = st.fixed_dictionaries(
    {
        "id": st.one_of(st.uuids().map(str), st.sampled_from([EMOJI * 50, "a" * MAX_ID, "constructor", "__proto__", "<b>id</b>"])),
        "survey": st.just("personal-development"),
        "survey_version": st.one_of(st.integers(1, 3), st.just(SAFE_INTEGER)),
        "saved_at": st.sampled_from(["2026-05-01T09:00:00.000Z", "2026-05-01T11:00:00+02:00", "1999-12-31T23:59:59.999Z"]),
        # answers on the scale; "gone" and "constructor" stand for statements a content update removed
        "answers": st.dictionaries(st.sampled_from([*PD_IDS, "gone", "constructor"]), st.integers(1, 7), min_size=1, max_size=6),
        "notes": st.dictionaries(st.sampled_from([*PD_IDS, "gone", "__proto__"]), valid_notes, max_size=3),
    }
)
statement_ids = st.sampled_from([*PD_IDS, "constructor", "__proto__", "gone", "", "x" * 101])
notes = st.one_of(valid_notes, st.sampled_from(["x" * (MAX_NOTE + 1), EMOJI * (MAX_NOTE // 2) + "x", "\ud800", 5]))
hostile_results = st.fixed_dictionaries(
    {
        "id": st.one_of(st.text(max_size=8), st.sampled_from([EMOJI * 50, EMOJI * 51, "a" * MAX_ID, "a" * (MAX_ID + 1), "tab\there", "constructor"])),
        "survey": st.sampled_from(["personal-development", "okr-progress", "retired-check", "", 7]),
        "survey_version": st.one_of(st.integers(-1, 3), st.sampled_from([SAFE_INTEGER, SAFE_INTEGER + 1, 10**400, 1.0, True])),
        "saved_at": st.sampled_from(["2026-05-01T09:00:00Z", "2026-05-01T11:00:00+02:00", "2026-13-01", "soon", None]),
        "answers": st.dictionaries(statement_ids, st.one_of(st.integers(-1, 11), st.sampled_from([SAFE_INTEGER + 1, True, 4.0, "4"])), max_size=6),
        "notes": st.dictionaries(statement_ids, notes, max_size=3),
    }
)


@settings(max_examples=100, deadline=None)
@given(valid_results)
def test_every_valid_result_is_saved(result: dict[str, Any]) -> None:
    reply = engine("add_results", None, SPECS, [result])
    assert reply["ok"], reply
    assert reply["result"]["added"] == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(valid_results, hostile_results), max_size=6))
def test_every_result_the_write_path_takes_reads_back_unchanged(batch: list[dict[str, Any]]) -> None:
    text = None
    accepted: list[dict[str, Any]] = []
    for result in batch:
        reply = engine("add_results", text, SPECS, [result])
        if not reply["ok"]:
            assert reply["reason"] == "result_refused" and reply["values"]["problem"].startswith("problem_")
            continue  # refused: nothing written, the text stays as it was
        text = reply["result"]["text"]
        if reply["result"]["added"]:
            accepted.append(result)
    view = engine("history_view", text, SPECS)["result"]
    assert view["problem"] is None and view["unreadable"] == []
    assert sorted(view["ids"]) == sorted(result["id"] for result in accepted)
    stored = read_stored(text, SPECS)["results"]
    for result in accepted:
        back = next(item for item in stored if item["id"] == result["id"])
        for key in ("answers", "notes", "survey", "survey_version"):
            assert back[key] == result[key]
    if text is not None:  # JSON that JavaScript reads back as it is: no NaN, no unsafe integer
        loads(text)
        assert all(abs(value) <= SAFE_INTEGER for item in stored for value in item["answers"].values())


# --- limits, in the browser's unit ------------------------------------------------------------


def test_limits_count_utf16_code_units_as_maxlength_does() -> None:
    assert utf16_length(EMOJI * 2500) == MAX_NOTE
    assert add_results(None, SPECS, [saved(notes={"progress": EMOJI * 2500})])["added"] == 1
    with pytest.raises(FileRefused) as refused:
        add_results(None, SPECS, [saved(notes={"progress": EMOJI * 2500 + "x"})])
    assert refused.value.values["problem"] == "problem_note"
    with pytest.raises(FileRefused) as refused:
        add_results(None, SPECS, [saved(EMOJI * 51)])
    assert refused.value.values["problem"] == "problem_id"


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 3000, 200_000])
def test_deep_nesting_is_refused_before_parsing(levels: int) -> None:
    with pytest.raises(JsonRefused) as refused:
        loads("[" * levels + "]" * levels)
    assert refused.value.too_deep
    text = '{"format": "okr1on1-results", "version": 1, "results": ' + "[" * levels + "]" * levels + "}"
    assert read_stored(text, SPECS)["problem"] == "stored_too_deep"
    assert engine("import_results", None, "[" * levels + "]" * levels, SPECS)["reason"] == "import_too_deep"


def test_nan_and_infinity_are_not_json() -> None:
    for text in ("NaN", '{"a": Infinity}', "[-Infinity]"):
        with pytest.raises(JsonRefused):
            loads(text)


# --- reading keeps the good and sets the bad aside ------------------------------------------


def test_one_bad_result_is_set_aside_and_the_rest_is_read() -> None:
    text = document(saved("r-1"), saved("r-2", notes={"progress": "x" * (MAX_NOTE + 1)}), saved("r-3", survey_version=10**400), "junk", saved("r-1"))
    stored = read_stored(text, SPECS)
    assert [result["id"] for result in stored["results"]] == ["r-1"]
    assert [(entry["number"], entry["problem"]) for entry in stored["unreadable"]] == [
        (2, "problem_note"), (3, "problem_survey_version"), (4, "problem_not_object"), (5, "problem_id_twice")
    ]
    assert stored["unreadable"][0]["values"]["statement"].startswith("Mijn werktaken")  # the statement's text, not its id
    assert len(stored["unreadable"][1]["values"]["value"]) < 40  # no 401 digits in the message
    # A save keeps the unreadable ones as they were; only "remove the unreadable ones" drops them.
    after = add_results(text, SPECS, [saved("r-4")])["text"]
    assert json.loads(after)["results"][-4:] == json.loads(text)["results"][1:]
    cleaned = remove_unreadable(after, SPECS)
    assert cleaned["removed"] == 4 and read_stored(cleaned["text"], SPECS)["unreadable"] == []


def test_a_removed_statement_keeps_its_answer_and_note() -> None:
    without = {**PD, "version": 2, "statements": [s for s in PD["statements"] if s["id"] != "career-path"]}
    text = document(saved(answers={"progress": 4, "career-path": 2}, notes={"career-path": "why"}))
    view = history_view(text, [without])
    line = view["surveys"][0]["results"][0]
    assert line["removed_statements"] == ["career-path"] and line["mean"] == 4.0
    assert line["answers"]["career-path"] == 2 and line["notes"] == {"career-path": "why"}
    # An export of such a result imports into the new content; at its own version, a note on an
    # unknown statement is refused as before.
    assert import_results(None, text, [without])["added"] == 1
    with pytest.raises(FileRefused):
        import_results(None, text, [PD | {"statements": without["statements"]}])


def test_remove_takes_only_the_ids_shown_and_undo_puts_them_back() -> None:
    text = document(saved("r-1"), saved("r-2", saved_at="2026-06-01T09:00:00.000Z"))
    removed = remove_results(text, SPECS, ["r-1"])
    assert [result["id"] for result in read_stored(removed["text"], SPECS)["results"]] == ["r-2"]
    back = add_results(removed["text"], SPECS, removed["removed"])
    assert read_stored(back["text"], SPECS)["results"] == read_stored(text, SPECS)["results"]
    assert remove_results(text, SPECS, ["r-1", "r-2"], unreadable_too=True)["text"] is None


def test_a_document_that_cannot_be_read_is_never_written_over() -> None:
    for text in ("{broken", "[]", '{"format": "okr1on1-results", "version": 2, "results": []}'):
        with pytest.raises(FileRefused) as refused:
            add_results(text, SPECS, [saved()])
        assert refused.value.reason == "storage_unreadable"
        assert remove_results(text, SPECS, [], unreadable_too=True)["text"] is None


def test_a_giant_number_is_named_by_its_field_not_printed() -> None:
    with pytest.raises(FileRefused) as refused:
        import_results(None, document(saved(answers={"progress": 10**3999})), SPECS)
    assert refused.value.values["error"].startswith("progress: 100000000000…") and len(refused.value.values["error"]) < 60


# --- the CSV export (written by the engine, the page only saves it) ------------------------------


def test_the_csv_export_reads_back_in_a_spreadsheet_with_every_answer_and_note() -> None:
    first = saved("r-1", answers={"progress": 4, "strengths": 6}, notes={"progress": '=SUM(A1) "quoted", with a comma\nand a line'})
    second = saved("r-2", saved_at="2026-06-01T09:00:00.000Z", answers={"progress": 5, "gone": 3})  # "gone": a removed statement
    response = engine("results_csv", document(first, second), SPECS, "niet meer in deze check")
    assert response["ok"], response
    text = response["result"]
    assert text.startswith("\ufeff") and text.endswith("\r\n") and "\r\n" in text  # Excel reads the BOM as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert [(row["result_id"], row["statement_id"], row["answer"]) for row in rows] == [
        ("r-1", "progress", "4"), ("r-1", "strengths", "6"), ("r-2", "progress", "5"), ("r-2", "gone", "3")
    ]
    # A note a spreadsheet would run as a formula is kept as text; quotes, commas and new lines survive.
    assert rows[0]["note"] == '\'=SUM(A1) "quoted", with a comma\nand a line'
    assert rows[3]["statement"] == "niet meer in deze check"
    # The engine's unrounded score of the whole result; a whole mean as 5, as the page always wrote it.
    expected = headline(PD, {"progress": 4, "strengths": 6})
    assert float(rows[0]["mean"]) == expected["mean"] and rows[0]["band"] == expected["band"]
    assert rows[2]["mean"] == "5" and rows[2]["survey_version"] == "1"
