"""The team view: each person counts once, and small groups are withheld."""

from __future__ import annotations

import copy
import math
import random
import statistics
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okr1on1.scoring import ScoringError, aggregate, score

SPEC: dict[str, Any] = {
    "id": "demo",
    "version": 1,
    "scale": {"min": 1, "max": 7, "labels": {"1": "No", "7": "Yes"}},
    "statements": [
        {"id": "a", "text": "Statement A", "tags": ["#x"], "reverse": False, "follow_up": []},
        {"id": "b", "text": "Statement B", "tags": ["#x", "#y"], "reverse": True, "follow_up": []},
        {"id": "c", "text": "Statement C", "tags": ["#y"], "reverse": False, "follow_up": []},
        {"id": "d", "text": "Statement D", "tags": [], "reverse": False, "follow_up": []},
    ],
    "bands": [
        {"from": 1, "to": 3, "label": "Low"},
        {"from": 3, "to": 5, "label": "Mid"},
        {"from": 5, "to": 7, "label": "High"},
    ],
    "follow_up": ["Why?"],
}

# Person means 4.75, 7 and 1 (b is reverse coded).
ANNA = score(SPEC, {"a": 6, "b": 2, "c": 3, "d": 4})  # 6, 6, 3, 4
BERT = score(SPEC, {"a": 7, "c": 7})  # 7, -, 7, -
CEES = score(SPEC, {"a": 1, "b": 7, "c": 1, "d": 1})  # 1, 1, 1, 1
WITHHELD = {"mean": None, "median": None, "sd": None, "favourable": None, "neutral": None, "unfavourable": None, "withheld": True}


def test_team_of_three() -> None:
    team = aggregate(SPEC, [ANNA, BERT, CEES])
    assert (team["survey"], team["version"], team["min_responses"], team["responses"]) == ("demo", 1, 3, 3)
    assert (team["withheld"], team["reason"]) == (False, None)
    summary = team["team"]
    assert summary["n"] == 3
    assert summary["mean"] == 4.25  # (4.75 + 7 + 1) / 3, not the mean over all 10 answers (4.2)
    assert summary["median"] == 4.75
    assert summary["sd"] == math.sqrt(6.125)  # squared deviations 0.25 + 7.5625 + 10.5625, over 3
    assert (summary["favourable"], summary["neutral"], summary["unfavourable"]) == (2 / 3, 0.0, 1 / 3)
    assert summary["index"] == pytest.approx(325 / 6)
    assert summary["band"] == "Mid"
    assert (summary["withheld"], summary["reason"]) == (False, None)


def test_statements_of_a_team() -> None:
    statements = {item["id"]: item for item in aggregate(SPEC, [ANNA, BERT, CEES])["statements"]}
    assert list(statements) == ["a", "b", "c", "d"]
    a = statements["a"]  # 6, 7, 1
    assert (a["text"], a["n"], a["mean"], a["median"]) == ("Statement A", 3, 14 / 3, 6.0)
    assert a["sd"] == statistics.pstdev([6, 7, 1])
    assert (a["favourable"], a["neutral"], a["unfavourable"]) == (2 / 3, 0.0, 1 / 3)
    c = statements["c"]  # 3, 7, 1
    assert (c["n"], c["mean"], c["median"], c["withheld"]) == (3, 11 / 3, 3.0, False)
    # Only Anna and Cees answered b and d: too few to show.
    for statement_id in ("b", "d"):
        assert statements[statement_id] == {
            "id": statement_id,
            "text": f"Statement {statement_id.upper()}",
            "n": 2,
            **WITHHELD,
            "reason": "fewer than 3 responses",
        }


def test_tags_of_a_team() -> None:
    by_tag = aggregate(SPEC, [ANNA, BERT, CEES])["by_tag"]
    assert list(by_tag) == ["#x", "#y"]
    # Per person first: #x is 6, 7, 1; #y is (6 + 3) / 2, 7, 1.
    assert (by_tag["#x"]["n"], by_tag["#x"]["mean"], by_tag["#x"]["median"]) == (3, 14 / 3, 6.0)
    assert (by_tag["#y"]["n"], by_tag["#y"]["mean"], by_tag["#y"]["median"]) == (3, 12.5 / 3, 4.5)
    assert by_tag["#y"]["sd"] == statistics.pstdev([4.5, 7, 1])
    assert (by_tag["#y"]["favourable"], by_tag["#y"]["unfavourable"]) == (2 / 3, 1 / 3)


def test_two_people_are_withheld() -> None:
    team = aggregate(SPEC, [ANNA, BERT])
    assert (team["responses"], team["withheld"], team["reason"]) == (2, True, "fewer than 3 responses")
    assert {key: team["team"][key] for key in WITHHELD} == WITHHELD
    assert (team["team"]["index"], team["team"]["band"]) == (None, None)
    assert all(item["withheld"] and item["mean"] is None for item in team["statements"])
    assert all(item["withheld"] and item["mean"] is None for item in team["by_tag"].values())


def test_no_results() -> None:
    team = aggregate(SPEC, [])
    assert (team["responses"], team["withheld"], team["team"]["n"]) == (0, True, 0)


def test_a_person_without_answers_does_not_count() -> None:
    team = aggregate(SPEC, [ANNA, BERT, score(SPEC, {})])
    assert team["responses"] == 3
    assert (team["withheld"], team["team"]["n"], team["team"]["mean"]) == (True, 2, None)


def test_a_higher_threshold() -> None:
    team = aggregate(SPEC, [ANNA, BERT, CEES], min_responses=4)
    assert (team["min_responses"], team["withheld"], team["reason"]) == (4, True, "fewer than 4 responses")
    four = aggregate(SPEC, [ANNA, BERT, CEES, ANNA], min_responses=4)
    assert (four["withheld"], four["team"]["mean"]) == (False, (4.75 + 7 + 1 + 4.75) / 4)


@pytest.mark.parametrize("min_responses", [2, 1, 0, -3, True, 3.0, "3"])
def test_threshold_is_never_lower_than_3(min_responses: Any) -> None:
    with pytest.raises(ScoringError, match="never lower than 3"):
        aggregate(SPEC, [ANNA, BERT, CEES], min_responses=min_responses)


def test_results_are_scored_again_from_their_raw_answers() -> None:
    tampered = copy.deepcopy(CEES)
    tampered["mean"] = 7.0
    tampered["per_statement"][0]["value"] = 7
    assert aggregate(SPEC, [ANNA, BERT, tampered]) == aggregate(SPEC, [ANNA, BERT, CEES])


def test_bad_results_are_refused() -> None:
    out_of_range = copy.deepcopy(CEES)
    out_of_range["per_statement"][2]["raw"] = 9
    with pytest.raises(ScoringError, match=r"result 3: statement 'c': 9 lies outside the scale 1\.\.7"):
        aggregate(SPEC, [ANNA, BERT, out_of_range])
    with pytest.raises(ScoringError, match="result 2 belongs to survey 'other', not 'demo'"):
        aggregate(SPEC, [ANNA, score({**SPEC, "id": "other"}, {"a": 1}), CEES])
    with pytest.raises(ScoringError, match="result 1 is not a score result"):
        aggregate(SPEC, [{"survey": "demo"}, BERT, CEES])
    with pytest.raises(ScoringError, match="result 1 is not a score result"):
        aggregate(SPEC, [{"survey": "demo", "per_statement": [{"value": 3}]}, BERT, CEES])


# --- properties ------------------------------------------------------------------------------

answer_sets = st.fixed_dictionaries({}, optional={s["id"]: st.integers(1, 7) for s in SPEC["statements"]})


@settings(max_examples=200)
@given(st.lists(answer_sets, max_size=12), st.integers(3, 6))
def test_team_statistics_are_over_person_means(people: list[dict[str, int]], min_responses: int) -> None:
    results = [score(SPEC, answers) for answers in people]
    team = aggregate(SPEC, results, min_responses=min_responses)
    means = [result["mean"] for result in results if result["mean"] is not None]
    assert team["responses"] == len(results)
    assert team["team"]["n"] == len(means)
    if len(means) < min_responses:
        assert team["withheld"] and team["team"]["withheld"] and team["team"]["mean"] is None
        assert team["reason"] == f"fewer than {min_responses} responses"
    else:
        assert not team["withheld"]
        assert team["team"]["mean"] == statistics.mean(means)
        assert team["team"]["median"] == statistics.median(means)
        assert team["team"]["sd"] == statistics.pstdev(means)
        shares = (team["team"]["favourable"], team["team"]["neutral"], team["team"]["unfavourable"])
        assert sum(shares) == pytest.approx(1)
        assert 0 <= team["team"]["index"] <= 100


@settings(max_examples=200)
@given(st.lists(answer_sets, max_size=12))
def test_statements_and_tags_are_withheld_below_the_threshold(people: list[dict[str, int]]) -> None:
    results = [score(SPEC, answers) for answers in people]
    team = aggregate(SPEC, results)
    for position, item in enumerate(team["statements"]):
        values = [r["per_statement"][position]["value"] for r in results if r["per_statement"][position]["value"] is not None]
        assert item["n"] == len(values)
        assert item["withheld"] is (len(values) < 3)
        assert item["mean"] == (None if len(values) < 3 else statistics.mean(values))
        assert item["reason"] == ("fewer than 3 responses" if len(values) < 3 else None)
        if not item["withheld"]:
            assert item["favourable"] == sum(v > 4 for v in values) / len(values)
    for tag, item in team["by_tag"].items():
        tag_means = [r["by_tag"][tag] for r in results if r["by_tag"][tag] is not None]
        assert item["n"] == len(tag_means)
        assert item["mean"] == (None if len(tag_means) < 3 else statistics.mean(tag_means))


@settings(max_examples=100)
@given(st.lists(answer_sets, min_size=3, max_size=10), st.randoms(use_true_random=False))
def test_order_of_results_does_not_matter(people: list[dict[str, int]], shuffler: random.Random) -> None:
    results = [score(SPEC, answers) for answers in people]
    shuffled = list(results)
    shuffler.shuffle(shuffled)
    assert aggregate(SPEC, shuffled) == aggregate(SPEC, results)
