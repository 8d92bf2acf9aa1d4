"""Files from outside, checked in Python (the same module runs in the browser's worker): the share file
for the team lead, the personal results export, the team snapshots, and the team view built from them."""

from __future__ import annotations

import ast
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okr1on1 import bounded_json, results_files, stored_results, team_privacy
from okr1on1.content import load_content
from okr1on1.results_files import (
    MAX_SHARE_BYTES,
    FileRefused,
    add_snapshot,
    read_results_file,
    read_share_file,
    read_snapshots,
    remove_snapshot,
    share_file,
    team_view,
)
from okr1on1.scoring import ScoringError, aggregate, compare_teams, score, self_gap
from okr1on1.site.pyodide_bundle import build_scoring_wheel
from okr1on1.survey_spec import survey_spec
from okr1on1.team_privacy import normalised_name

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_content(ROOT / "content")
SPECS = [survey_spec(survey, "en", surveys=CONTENT.surveys()) for survey in CONTENT.surveys()]
BY_ID = {spec["id"]: spec for spec in SPECS}
LQ = BY_ID["leadership-quality"]
SELF = BY_ID["team-lead-self-assessment"]
PD = BY_ID["personal-development"]
WHEN = "2026-04-12T09:00:00.000Z"

PEOPLE = [
    {"satisfaction": 6, "zoom-out": 5, "challenge": 4, "role-model": 7},
    {"satisfaction": 3, "zoom-out": 4, "challenge": 6},
    {"satisfaction": 7, "zoom-out": 6, "challenge": 5, "role-model": 2},
    {"satisfaction": 5, "zoom-out": 2, "challenge": 3},
    {"satisfaction": 4, "zoom-out": 7, "challenge": 6},
]


def share(spec: dict[str, Any], answers: dict[str, int], day: int = 12, person: str | None = None, mode: str = "open", **options: Any) -> str:
    """A share file; unless `person` says otherwise, each day's file is another person's."""
    secret = f"test-respondent-{person if person is not None else day}"
    return share_file(spec, answers, {"shared_at": f"2026-04-{day:02d}T09:00:00Z", "mode": mode, "respondent_secret": secret, **options})


def figures(team: dict[str, Any]) -> dict[str, Any]:
    """A team result without what the team view adds to `aggregate`'s (the rule's `why` and token sets)."""
    def plain(item: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in item.items() if key != "why"}

    return {**{key: value for key, value in team.items() if key not in ("why", "figures")}, "team": plain(team["team"]),
            "statements": [plain(item) for item in team["statements"]], "by_tag": {tag: plain(item) for tag, item in team["by_tag"].items()}}


def refusal(text: Any, size: int | None = None) -> tuple[str, dict[str, Any]]:
    with pytest.raises(FileRefused) as caught:
        read_share_file(text, SPECS, size)
    return caught.value.reason, caught.value.values


def files_of(*texts: str, names: list[str] | None = None) -> list[dict[str, Any]]:
    names = names or [f"f{i}.json" for i in range(len(texts))]
    return [{"name": name, "size": len(text.encode()), "text": text} for name, text in zip(names, texts, strict=True)]


# --- the share file --------------------------------------------------------------------------


def test_share_file_holds_answers_and_nothing_else() -> None:
    document = json.loads(share(LQ, {"challenge": 4, "satisfaction": 6}))
    respondent = document.pop("respondent")
    assert document == {
        "format": "okr1on1-team-share",
        "version": 2,
        "mode": "open",
        "survey": "leadership-quality",
        "survey_version": 1,
        "answers": {"satisfaction": 6, "challenge": 4},  # in statement order
        "shared_at": "2026-04-12T09:00:00.000Z",
    }
    assert len(respondent) == 32 and "test-respondent" not in respondent  # derived from the secret, not the secret


def test_share_file_name_and_own_rating_are_optional() -> None:
    named = json.loads(share(LQ, {"satisfaction": 6}, name="  Anna \n de Vries "))
    assert named["name"] == "Anna de Vries"
    assert "name" not in json.loads(share(LQ, {"satisfaction": 6}, name="   "))
    assert json.loads(share(LQ, {"satisfaction": 6}, self_assessment=True))["self_assessment"] is True
    assert "self_assessment" not in json.loads(share(LQ, {"satisfaction": 6}, self_assessment=False))


@pytest.mark.parametrize(
    ("answers", "options", "message"),
    [
        ({"satisfaction": 8}, {}, "8 lies outside the scale 1..7"),
        ({"nope": 3}, {}, "unknown statement 'nope'"),
        ({"satisfaction": True}, {}, "whole number"),
        ({}, {}, "at least one answer"),
        ({"satisfaction": None}, {}, "at least one answer"),
        ({"satisfaction": 4}, {"name": "x" * 81}, "longer than 80"),
        ({"satisfaction": 4}, {"name": 7}, "name must be text"),
        ({"satisfaction": 4}, {"shared_at": "yesterday"}, "ISO timestamp"),
        ({"satisfaction": 4}, {"mode": "secret"}, "mode must be one of open, anonymous"),
        ({"satisfaction": 4}, {"respondent_secret": "short"}, "respondent_secret must be text of 16"),
    ],
)
def test_share_file_refuses_what_it_cannot_write(answers: dict[str, Any], options: dict[str, Any], message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        share_file(LQ, answers, {"shared_at": WHEN, "mode": "open", "respondent_secret": "a-secret-of-this-browser", **options})


def test_share_file_reads_back() -> None:
    text = share(LQ, {"satisfaction": 6, "role-model": 2}, name="Bo", self_assessment=True)
    read = read_share_file(text, SPECS)
    assert read == {
        "survey": "leadership-quality",
        "survey_version": 1,
        "mode": "open",
        "respondent": json.loads(text)["respondent"],
        "answers": {"satisfaction": 6, "role-model": 2},
        "name": "Bo",
        "self_assessment": True,
        "when": "2026-04-12T09:00:00.000Z",
    }


WHOLE = "the answer must be a whole number"
GOOD = json.loads(share(LQ, {"satisfaction": 6, "zoom-out": 5}))


def changed(**fields: Any) -> str:
    document = {**GOOD, **fields}
    return json.dumps({key: value for key, value in document.items() if value is not ...})


@pytest.mark.parametrize(
    ("text", "reason", "values"),
    [
        ("{not json", "team_refused_not_json", {}),
        (share(LQ, {"satisfaction": 6})[:-20], "team_refused_not_json", {}),
        ("survey,answer\nleadership-quality,4\n", "team_refused_not_json", {}),
        ("", "team_refused_empty", {}),
        (" \n", "team_refused_empty", {}),
        ("[1, 2]", "team_refused_other_program", {}),
        ('"okr1on1-team-share"', "team_refused_other_program", {}),
        (json.dumps({"name": "another app", "items": []}), "team_refused_other_program", {}),
        (changed(format="okr1on1-results"), "team_refused_personal_file", {}),
        (changed(format="OKR1ON1-TEAM-SHARE"), "team_refused_other_program", {}),
        (changed(version=3), "team_refused_newer_version", {"version": 3, "supported": 2}),
        (changed(version=1), "team_refused_old_share_file", {}),
        (changed(mode="secret"), "team_refused_damaged", {"field": "mode"}),
        (changed(respondent=...), "team_refused_damaged", {"field": "respondent"}),
        (changed(format="okr1on1-sealed"), "team_refused_not_a_share_file", {}),
        (changed(version="1"), "team_refused_damaged", {"field": "version"}),
        (changed(version=0), "team_refused_damaged", {"field": "version"}),
        (changed(survey="happiness"), "team_refused_unknown_survey", {"survey": "happiness"}),
        (changed(survey=...), "team_refused_damaged", {"field": "survey"}),
        (changed(survey_version=3), "team_refused_newer_survey", {"survey": "Mood check: leadership quality", "version": 3, "supported": 1}),
        (changed(survey_version=True), "team_refused_damaged", {"field": "survey_version"}),
        (changed(shared_at=...), "team_refused_damaged", {"field": "shared_at"}),
        (changed(shared_at="12/04/2026"), "team_refused_damaged", {"field": "shared_at"}),
        (changed(name=["Anna"]), "team_refused_damaged", {"field": "name"}),
        (changed(name="x" * 81), "team_refused_damaged", {"field": "name"}),
        (changed(self_assessment="yes"), "team_refused_damaged", {"field": "self_assessment"}),
        (changed(answers=[6, 5]), "team_refused_damaged", {"field": "answers"}),
        (changed(answers={}), "team_refused_no_answers", {}),
        (changed(answers={"satisfaction": None}), "team_refused_no_answers", {}),
        (changed(answers={"satisfaction": 0}), "team_refused_bad_answers", {"error": "statement 'satisfaction': 0 lies outside the scale 1..7"}),
        (changed(answers={"satisfaction": 8}), "team_refused_bad_answers", {"error": "statement 'satisfaction': 8 lies outside the scale 1..7"}),
        (changed(answers={"satisfaction": 4.5}), "team_refused_bad_answers", {"error": f"statement 'satisfaction': {WHOLE}, not 4.5"}),
        (changed(answers={"satisfaction": "4"}), "team_refused_bad_answers", {"error": f"statement 'satisfaction': {WHOLE}, not '4'"}),
        (changed(answers={"progress": 4}), "team_refused_bad_answers", {"error": "unknown statement 'progress' in survey 'leadership-quality'"}),
    ],
)
def test_bad_share_files_are_refused_with_a_reason(text: str, reason: str, values: dict[str, Any]) -> None:
    assert refusal(text) == (reason, values)


def test_too_large_and_deeply_nested_files_are_refused() -> None:
    assert refusal(share(LQ, {"satisfaction": 6}), size=MAX_SHARE_BYTES + 1) == ("team_refused_too_large", {"size": "64", "limit": 64})
    assert refusal(" " * MAX_SHARE_BYTES + "{}")[0] == "team_refused_too_large"
    assert refusal("[" * 30_000 + "]" * 30_000)[0] in {"team_refused_not_json", "team_refused_other_program"}
    assert refusal(None)[0] == "team_refused_not_json"  # the browser could not read the file


def test_extra_fields_are_ignored_and_notes_never_read() -> None:
    read = read_share_file(changed(notes={"satisfaction": "secret"}, colour="blue"), SPECS)
    assert "notes" not in read and read["answers"] == {"satisfaction": 6, "zoom-out": 5}


def test_an_older_survey_version_is_read() -> None:
    assert read_share_file(changed(survey_version=1), {**BY_ID, "leadership-quality": {**LQ, "version": 2}})["survey_version"] == 1


@settings(max_examples=150)
@given(st.fixed_dictionaries({}, optional={s["id"]: st.integers(1, 7) for s in LQ["statements"]}).filter(bool), st.text(max_size=80))
def test_every_share_file_reads_back_the_same_answers(answers: dict[str, int], name: str) -> None:
    read = read_share_file(share(LQ, answers, name=name), SPECS)
    assert read["answers"] == answers
    assert read["name"] == (normalised_name(name) or None)


@settings(max_examples=200)
@given(st.integers(0, 400), st.binary(max_size=20))
def test_a_damaged_file_is_refused_never_crashes(cut: int, noise: bytes) -> None:
    text = share(LQ, {"satisfaction": 6, "challenge": 2}, name="Anna")
    damaged = text[:cut] + noise.decode("utf-8", "replace") + text[cut + len(noise):]
    try:
        read = read_share_file(damaged, SPECS)
    except FileRefused as refused:
        assert refused.reason.startswith("team_refused_")
    else:  # noise that happens to leave valid JSON must still be a valid share
        assert all(1 <= value <= 7 for value in read["answers"].values())


# --- the personal results export -------------------------------------------------------------


def results_document(*results: dict[str, Any], version: int = 1) -> str:
    return json.dumps({"format": "okr1on1-results", "version": version, "results": list(results)})


def saved(result_id: str = "r-1", survey: str = "personal-development", answers: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    return {"id": result_id, "survey": survey, "survey_version": 1, "saved_at": "2026-05-01T09:00:00Z",
            "answers": answers if answers is not None else {"progress": 4}, "notes": {}, **fields}


def test_results_file_is_read_completely() -> None:
    text = results_document(saved(notes={"progress": "why"}), saved("r-2", "leadership-quality", {"satisfaction": 7}))
    assert read_results_file(text, SPECS) == [
        {"id": "r-1", "survey": "personal-development", "survey_version": 1, "saved_at": "2026-05-01T09:00:00.000Z",
         "answers": {"progress": 4}, "notes": {"progress": "why"}},
        {"id": "r-2", "survey": "leadership-quality", "survey_version": 1, "saved_at": "2026-05-01T09:00:00.000Z",
         "answers": {"satisfaction": 7}, "notes": {}},
    ]


@pytest.mark.parametrize(
    ("text", "reason", "values"),
    [
        ("this is { not json", "import_not_json", {}),
        ("", "import_not_json", {}),
        ("[]", "import_wrong_format", {}),
        (json.dumps({"name": "other", "results": []}), "import_wrong_format", {}),
        (share(LQ, {"satisfaction": 6}), "import_wrong_format", {}),
        (results_document(saved(), version=2), "import_newer_version", {"version": 2, "supported": 1}),
        (results_document(saved(survey="happiness")), "import_unknown_survey", {"number": 1, "survey": "happiness"}),
        (results_document(saved(), saved("r-2", answers={"progress": 0})), "import_bad_result",
         {"number": 2, "error": "statement 'progress': 0 lies outside the scale 1..7"}),
        (results_document(saved(answers={"progress": True})), "import_bad_result", {"number": 1, "error": "progress: true"}),
        (results_document(saved(answers={})), "import_bad_result", {"number": 1, "error": "answers"}),
        (results_document(saved(id="")), "import_bad_result", {"number": 1, "error": "id"}),
        (results_document(saved(saved_at="soon")), "import_bad_result", {"number": 1, "error": "saved_at"}),
        (results_document(saved(notes={"nope": "x"})), "import_bad_result", {"number": 1, "error": "notes.nope"}),
        (results_document(saved(notes={"progress": "x" * 5001})), "import_bad_result", {"number": 1, "error": "notes.progress"}),
        (results_document("r-1"), "import_bad_result", {"number": 1, "error": "not an object"}),
    ],
)
def test_bad_results_files_are_refused(text: str, reason: str, values: dict[str, Any]) -> None:
    with pytest.raises(FileRefused) as caught:
        read_results_file(text, SPECS)
    assert (caught.value.reason, caught.value.values) == (reason, values)


# --- snapshots -------------------------------------------------------------------------------


def team_of(people: list[dict[str, int]], spec: dict[str, Any] = LQ) -> dict[str, Any]:
    return aggregate(spec, [score(spec, answers) for answers in people])


def viewed(people: list[dict[str, int]], round_: str = "q1", spec: dict[str, Any] = LQ) -> dict[str, Any]:
    """The team result the team view shows for `people` (one round of answers: new people each round)."""
    texts = [share(spec, answers, day, person=f"{round_}-{day}") for day, answers in enumerate(people, start=1)]
    return team_view(SPECS, files_of(*texts))["surveys"][0]["aggregate"]


def test_snapshots_keep_team_figures_only() -> None:
    team = viewed(PEOPLE)
    text = add_snapshot(None, team, "2026-01-10T09:00:00Z", "s-1")
    document = json.loads(text)
    assert (document["format"], document["version"]) == ("okr1on1-team-snapshots", 2)
    [snapshot] = document["snapshots"]
    assert snapshot["saved_at"] == "2026-01-10T09:00:00.000Z"
    assert snapshot["team"]["mean"] == team["team"]["mean"] and snapshot["responses"] == 5
    assert snapshot["statements"][3] == {"id": "role-model", "n": 2, "mean": None}  # withheld stays withheld
    assert "answers" not in text and "text" not in json.dumps(snapshot["statements"])
    assert read_snapshots(text) == [snapshot]
    # the response tokens of each figure shown, and nothing else about a person
    assert snapshot["figures"] == team["figures"] and len(snapshot["figures"]["team"]) == 5 and "s:role-model" not in snapshot["figures"]
    # A snapshot compares with a later team like the team result it came from.
    later = team_of([*PEOPLE[1:], {"satisfaction": 7, "zoom-out": 7, "challenge": 7, "role-model": 7}])
    assert compare_teams(snapshot, later) == compare_teams(team, later)


def test_snapshots_are_added_sorted_and_removed() -> None:
    text = add_snapshot(None, viewed(PEOPLE, "april"), "2026-04-10T09:00:00Z", "april")
    text = add_snapshot(text, viewed(PEOPLE[:3], "january"), "2026-01-10T09:00:00Z", "january")
    assert [s["id"] for s in read_snapshots(text)] == ["january", "april"]
    with pytest.raises(ScoringError, match="exists already"):
        add_snapshot(text, viewed(PEOPLE), WHEN, "april")
    assert [s["id"] for s in read_snapshots(remove_snapshot(text, "january"))] == ["april"]
    assert read_snapshots(remove_snapshot(text, "unknown")) == read_snapshots(text)


def test_a_withheld_team_is_not_saved() -> None:
    with pytest.raises(ScoringError, match="fewer than 3 responses"):
        add_snapshot(None, viewed(PEOPLE[:2]), WHEN, "s-1")


@pytest.mark.parametrize(
    "text",
    [
        "{broken",
        "[]",
        json.dumps({"format": "other", "snapshots": []}),
        json.dumps({"format": "okr1on1-team-snapshots", "version": 3, "snapshots": []}),
        json.dumps({"format": "okr1on1-team-snapshots", "version": 1, "snapshots": [{"id": "s"}]}),
    ],
)
def test_unreadable_snapshots_are_never_overwritten(text: str) -> None:
    with pytest.raises(FileRefused) as caught:
        read_snapshots(text)
    assert caught.value.reason == "team_snapshots_unreadable"
    with pytest.raises(FileRefused):
        add_snapshot(text, viewed(PEOPLE), WHEN, "s-1")


# --- the team view ---------------------------------------------------------------------------


def test_team_view_aggregates_the_accepted_files() -> None:
    texts = [share(LQ, answers, day) for day, answers in enumerate(PEOPLE, start=1)]
    view = team_view(SPECS, files_of(*texts, "{broken"))
    assert (view["accepted"], view["refused"], view["min_responses"]) == (5, 1, 3)
    assert view["files"][5] == {"name": "f5.json", "accepted": False, "survey": None, "role": None, "person": None, "sealed": False,
                                "reason": "team_refused_not_json", "values": {}}
    [survey] = view["surveys"]
    assert (survey["survey"], survey["title"], survey["responses"], survey["can_save"]) == ("leadership-quality", LQ["title"], 5, True)
    assert figures(survey["aggregate"]) == team_of(PEOPLE)
    assert (survey["gap"], survey["baseline"], survey["snapshots"], view["own"]) == (None, None, [], None)


def test_two_people_are_withheld_in_the_team_view() -> None:
    view = team_view(SPECS, files_of(share(LQ, PEOPLE[0], 1), share(LQ, PEOPLE[1], 2)))
    survey = view["surveys"][0]
    assert survey["aggregate"]["withheld"] and survey["aggregate"]["reason"] == "fewer than 3 responses"
    assert survey["can_save"] is False


def test_surveys_are_kept_apart() -> None:
    texts = [share(LQ, PEOPLE[0], 1), share(PD, {"progress": 5}, 2), share(LQ, PEOPLE[1], 3)]
    view = team_view(SPECS, files_of(*texts))
    assert [(s["survey"], s["responses"]) for s in view["surveys"]] == [("personal-development", 1), ("leadership-quality", 2)]


def test_duplicates_and_second_own_ratings_are_refused() -> None:
    anna, anna_again = share(LQ, PEOPLE[0], 1, name="Anna"), share(LQ, PEOPLE[1], 2, name=" ANNA")
    own, own_too = share(SELF, PEOPLE[0], 3), share(LQ, PEOPLE[2], 4, self_assessment=True)
    view = team_view(SPECS, files_of(anna, anna, anna_again, own, own_too, share(PD, {"progress": 3}, 5, name="Anna"),
                                     names=["a.json", "copy.json", "a2.json", "me.json", "me2.json", "pd.json"]))
    reasons = [(entry["name"], entry["reason"], entry["values"]) for entry in view["files"] if not entry["accepted"]]
    assert reasons == [
        ("copy.json", "team_refused_duplicate", {"other": "a.json"}),
        ("a2.json", "team_refused_duplicate_name", {"person": "ANNA", "other": "a.json"}),
        ("me2.json", "team_refused_second_own", {"other": "me.json"}),
    ]
    roles = {entry["name"]: (entry["role"], entry["person"]) for entry in view["files"] if entry["accepted"]}
    assert roles == {"a.json": ("team", "Anna"), "me.json": ("own", None), "pd.json": ("team", "Anna")}


def test_own_rating_sits_beside_the_team() -> None:
    texts = [share(LQ, answers, day) for day, answers in enumerate(PEOPLE, start=1)]
    own = {"satisfaction": 7, "zoom-out": 6, "challenge": 3, "role-model": 6}
    view = team_view(SPECS, files_of(*texts, share(SELF, own, 9), names=[*(f"p{i}.json" for i in range(5)), "me.json"]))
    expected_own = {"source": "file", "label": "me.json", "survey": SELF["id"], "team_survey": "leadership-quality", "result": score(SELF, own)}
    assert view["own"] == expected_own
    survey = view["surveys"][0]
    assert survey["responses"] == 5  # the own rating is not a team response
    assert survey["gap"] == self_gap(score(SELF, own), survey["aggregate"])
    assert figures(survey["aggregate"]) == team_of(PEOPLE)
    gaps = {item["id"]: item["gap"] for item in survey["gap"]["statements"]}
    assert gaps == {"satisfaction": 7 - 5.0, "zoom-out": 6 - 4.8, "challenge": 3 - 4.8, "role-model": None}

    # Picked from the history, an own rating wins over the file; a marked team-survey file counts too.
    picked = team_view(SPECS, files_of(*texts, share(SELF, own, 9)), {"survey": SELF["id"], "answers": {"satisfaction": 1}, "label": "March"})
    assert (picked["own"]["source"], picked["own"]["label"], picked["surveys"][0]["gap"]["statements"][0]["own"]) == ("history", "March", 1)
    marked = team_view(SPECS, files_of(*texts, share(LQ, own, 9, self_assessment=True)))
    assert marked["own"]["team_survey"] == "leadership-quality" and marked["surveys"][0]["responses"] == 5


def test_own_rating_without_team_files_waits_for_them() -> None:
    view = team_view(SPECS, files_of(share(SELF, {"satisfaction": 5}, 1)))
    [survey] = view["surveys"]
    assert survey["survey"] == "leadership-quality" and survey["responses"] == 0
    assert survey["gap"]["withheld"] and survey["gap"]["own_mean"] == 5.0


def test_team_view_compares_with_a_snapshot() -> None:
    # Each snapshot of another round: new answers, so new responses.
    text = add_snapshot(None, viewed(PEOPLE[:3], "january"), "2026-01-10T09:00:00Z", "january")
    text = add_snapshot(text, viewed(PEOPLE[1:4], "february"), "2026-02-10T09:00:00Z", "february")
    texts = [share(LQ, answers, day) for day, answers in enumerate(PEOPLE, start=1)]
    view = team_view(SPECS, files_of(*texts), None, text)
    survey = view["surveys"][0]
    assert [s["id"] for s in survey["snapshots"]] == ["february", "january"]  # newest first
    assert survey["baseline"]["id"] == "february"
    assert survey["baseline"]["change"] == compare_teams(team_of(PEOPLE[1:4]), team_of(PEOPLE))
    chosen = team_view(SPECS, files_of(*texts), None, text, {"leadership-quality": "january"})
    assert chosen["surveys"][0]["baseline"]["id"] == "january"
    broken = team_view(SPECS, files_of(*texts), None, "{broken")
    assert broken["snapshots_problem"] == {"reason": "team_snapshots_unreadable", "values": {"error": "not JSON"}}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["lq", "pd", "bad", "copy"]), st.integers(1, 7), st.integers(1, 7)), max_size=10))
def test_every_file_is_either_counted_or_refused(plan: list[tuple[str, int, int]]) -> None:
    texts: list[str] = []
    for position, (kind, first, second) in enumerate(plan):
        if kind == "lq":
            texts.append(share(LQ, {"satisfaction": first, "challenge": second}, 1 + position))
        elif kind == "pd":
            texts.append(share(PD, {"progress": first, "strengths": second}, 1 + position))
        elif kind == "copy" and texts:
            texts.append(texts[first % len(texts)])
        else:
            texts.append(json.dumps({"format": "okr1on1-team-share", "answers": first}))
    view = team_view(SPECS, files_of(*texts))
    assert view["accepted"] + view["refused"] == len(texts)
    for survey in view["surveys"]:
        spec = BY_ID[survey["survey"]]
        accepted = [read_share_file(text, SPECS)["answers"] for text, entry in zip(texts, view["files"], strict=True)
                    if entry["accepted"] and entry["survey"] == spec["id"]]
        assert figures(survey["aggregate"]) == aggregate(spec, [score(spec, answers) for answers in accepted])


# --- shipped to the browser ------------------------------------------------------------------


ENGINE_MODULES = [
    (results_files, {"okr1on1.scoring", "okr1on1.team_privacy", "okr1on1.bounded_json", "okr1on1.stored_results"}),
    (team_privacy, {"okr1on1.scoring"}),
    (stored_results, {"okr1on1.scoring", "okr1on1.bounded_json", "okr1on1.results_files", "okr1on1.results_sheet", "okr1on1.results_csv"}),
    (bounded_json, set()),
]


@pytest.mark.parametrize(("module", "engine_modules"), ENGINE_MODULES)
def test_results_files_is_standard_library_only_and_in_the_wheel(tmp_path: Path, module: Any, engine_modules: set[str]) -> None:
    """The modules that read files and the stored history run in the browser's worker as they are:
    standard library only, and whatever of okr1on1 they import is in the wheel too."""
    source = Path(module.__file__).read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module if node.module.startswith("okr1on1") else node.module.split(".")[0]
            imported |= {f"okr1on1.{alias.name}" for alias in node.names} if base == "okr1on1" else {base}
    assert {name for name in imported if not name.startswith("okr1on1")} <= set(sys.stdlib_module_names) | {"__future__"}
    ours = {name for name in imported if name.startswith("okr1on1")}
    assert ours == engine_modules
    with zipfile.ZipFile(build_scoring_wheel(tmp_path)) as wheel:
        assert wheel.read(f"okr1on1/{Path(module.__file__).name}").decode() == source
        assert {f"{name.replace('.', '/')}.py" for name in ours} <= set(wheel.namelist())
