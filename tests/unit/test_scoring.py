"""The scoring contract of DESIGN.md, pinned with hand-checked numbers and property tests."""

from __future__ import annotations

import copy
import json
import math
import statistics
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okr1on1.content.loader import load_template
from okr1on1.scoring import ScoringError, compare, score, validate_spec
from okr1on1.survey_spec import survey_spec

REPO = Path(__file__).resolve().parents[2]
PERSONAL_DEVELOPMENT = REPO / "content" / "templates" / "personal-development.yaml"

# A 1..7 survey (midpoint 4) whose numbers below are worked out by hand.
SPEC: dict[str, Any] = {
    "id": "demo",
    "version": 2,
    "scale": {"min": 1, "max": 7, "labels": {"1": "No", "7": "Yes"}},
    "statements": [
        {"id": "a", "text": "Statement A", "tags": ["#x"], "reverse": False, "follow_up": []},
        {"id": "b", "text": "Statement B", "tags": ["#x", "#y"], "reverse": True, "follow_up": ["Why B?"]},
        {"id": "c", "text": "Statement C", "tags": ["#y"], "reverse": False, "follow_up": []},
        {"id": "d", "text": "Statement D", "tags": [], "reverse": False, "follow_up": []},
    ],
    "bands": [
        {"from": 1, "to": 3, "label": "Low", "tone": "low"},
        {"from": 3, "to": 5, "label": "Mid", "tone": "mid"},
        {"from": 5, "to": 7, "label": "High", "tone": "high"},
    ],
    "follow_up": ["Why?", "What next?"],
}


def values_of(result: dict[str, Any]) -> dict[str, int | None]:
    return {item["id"]: item["value"] for item in result["per_statement"]}


# --- hand-checked examples -------------------------------------------------------------------


def test_full_example() -> None:
    # a=6, b=2 reversed to 6, c=3, d=4: values 6, 6, 3, 4.
    result = score(SPEC, {"a": 6, "b": 2, "c": 3, "d": 4})
    assert result["survey"] == "demo"
    assert result["version"] == 2
    assert result["n"] == 4
    assert result["skipped"] == 0
    assert result["mean"] == 4.75
    assert result["median"] == 5.0
    assert result["sd"] == math.sqrt(1.6875)  # squared deviations 1.5625+1.5625+3.0625+0.5625 = 6.75, over 4
    assert result["index"] == 62.5  # (4.75 - 1) / 6 * 100
    assert (result["favourable"], result["neutral"], result["unfavourable"]) == (0.5, 0.25, 0.25)
    assert result["distance"] is None  # an agreement scale has a split, so no distance to a goal
    assert result["by_tag"] == {"#x": 6.0, "#y": 4.5}
    assert result["by_tag_tone"] == {"#x": "high", "#y": "mid"}
    assert result["band"] == "Mid"
    assert result["tone"] == "mid"
    assert result["focus"] == [{"id": "c", "text": "Statement C", "value": 3, "follow_up": ["Why?", "What next?"]}]
    assert result["per_statement"] == [
        {"id": "a", "value": 6, "raw": 6, "tone": "high"},
        {"id": "b", "value": 6, "raw": 2, "tone": "high"},
        {"id": "c", "value": 3, "raw": 3, "tone": "mid"},
        {"id": "d", "value": 4, "raw": 4, "tone": "mid"},
    ]


def test_result_keys() -> None:
    assert list(score(SPEC, {})) == [
        "survey",
        "version",
        "n",
        "skipped",
        "mean",
        "median",
        "sd",
        "index",
        "favourable",
        "neutral",
        "unfavourable",
        "distance",
        "by_tag",
        "by_tag_tone",
        "band",
        "tone",
        "focus",
        "per_statement",
    ]


@pytest.mark.parametrize(("raw", "adjusted"), [(1, 7), (2, 6), (4, 4), (6, 2), (7, 1)])
def test_reverse_coded_value_is_min_plus_max_minus_value(raw: int, adjusted: int) -> None:
    result = score(SPEC, {"b": raw})
    assert {k: result["per_statement"][1][k] for k in ("id", "value", "raw")} == {"id": "b", "value": adjusted, "raw": raw}
    assert result["mean"] == adjusted


def test_reverse_coding_on_a_scale_not_starting_at_one() -> None:
    spec = {**SPEC, "scale": {"min": 0, "max": 10, "labels": {}}, "bands": [{"from": 0, "to": 10, "label": "All"}]}
    assert values_of(score(spec, {"b": 3})) == {"a": None, "b": 7, "c": None, "d": None}


def test_numbers_are_floats_even_when_whole() -> None:
    result = score(SPEC, {"a": 5, "c": 5, "d": 5})
    assert result["mean"] == 5.0 and type(result["mean"]) is float
    assert type(result["median"]) is float
    assert type(result["sd"]) is float and result["sd"] == 0.0
    assert type(result["by_tag"]["#x"]) is float


def test_skipped_statements_are_left_out() -> None:
    result = score(SPEC, {"a": 6, "c": 2})
    assert (result["n"], result["skipped"]) == (2, 2)
    assert result["mean"] == 4.0
    assert result["sd"] == 2.0
    assert result["by_tag"] == {"#x": 6.0, "#y": 2.0}  # b, the other #x and #y statement, is skipped
    assert result["per_statement"][1] == {"id": "b", "value": None, "raw": None, "tone": None}


def test_none_counts_as_skipped() -> None:
    # A browser form may send null for an unanswered statement.
    assert score(SPEC, {"a": 6, "b": None}) == score(SPEC, {"a": 6})


def test_one_answer_has_no_sd() -> None:
    result = score(SPEC, {"a": 6})
    assert (result["n"], result["skipped"]) == (1, 3)
    assert (result["mean"], result["median"], result["sd"]) == (6.0, 6.0, None)
    assert result["by_tag"] == {"#x": 6.0, "#y": None}


def test_no_answers_gives_none_everywhere() -> None:
    result = score(SPEC, {})
    assert (result["n"], result["skipped"]) == (0, 4)
    for key in ("mean", "median", "sd", "index", "favourable", "neutral", "unfavourable", "band"):
        assert result[key] is None, key
    assert result["by_tag"] == {"#x": None, "#y": None}
    assert result["focus"] == []
    assert [item["value"] for item in result["per_statement"]] == [None] * 4


@pytest.mark.parametrize(
    ("answers", "mean", "band"),
    [
        ({"a": 1}, 1.0, "Low"),  # the first band includes the scale minimum
        ({"a": 2, "c": 3}, 2.5, "Low"),
        ({"a": 3}, 3.0, "Mid"),  # `from` is inclusive, `to` of the band below exclusive
        ({"a": 4, "c": 5, "d": 5}, 14 / 3, "Mid"),
        ({"a": 5}, 5.0, "High"),
        ({"a": 7, "c": 6}, 6.5, "High"),
        ({"a": 7}, 7.0, "High"),  # the last band includes its `to`
    ],
)
def test_band_edges(answers: dict[str, int], mean: float, band: str) -> None:
    result = score(SPEC, answers)
    assert result["mean"] == mean
    assert result["band"] == band


def test_band_edges_with_fractional_bounds() -> None:
    spec = {**SPEC, "bands": [{"from": 1.0, "to": 4.5, "label": "Low"}, {"from": 4.5, "to": 7.0, "label": "High"}]}
    assert score(spec, {"a": 4, "c": 5})["band"] == "High"  # mean 4.5 sits on the edge: upper band
    assert score(spec, {"a": 4, "c": 4, "d": 5})["band"] == "Low"  # 4.333...


def test_mean_outside_every_band_has_no_band() -> None:
    spec = {**SPEC, "bands": [{"from": 1, "to": 3, "label": "Low"}]}
    assert score(spec, {"a": 6})["band"] is None


def test_default_split_is_top_two_box_on_seven_points() -> None:
    # b reversed: 4. Values 4, 4, 5, 3 and a 6: only 6 and 7 are favourable, 4 and 5 neutral, 1-3 unfavourable.
    result = score(SPEC, {"a": 4, "b": 4, "c": 5, "d": 3})
    assert (result["favourable"], result["neutral"], result["unfavourable"]) == (0.0, 0.75, 0.25)
    assert score(SPEC, {"a": 6, "c": 7})["favourable"] == 1.0
    assert [item["id"] for item in result["focus"]] == ["d"]  # 4 is the midpoint, not below it


def test_a_survey_sets_its_own_split() -> None:
    spec = {**SPEC, "split": {"favourable_from": 5, "unfavourable_below": 3}}
    result = score(spec, {"a": 5, "c": 3, "d": 2})
    assert (result["favourable"], result["neutral"], result["unfavourable"]) == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_without_a_split_the_result_is_the_distance_to_the_goal() -> None:
    spec = {**SPEC, "scale": {"min": 1, "max": 10, "labels": {}}, "bands": [{"from": 1, "to": 10, "label": "All"}], "split": None}
    result = score(spec, {"a": 5, "c": 6})  # midpoint 5.5: a 5 lies below it
    assert (result["favourable"], result["neutral"], result["unfavourable"]) == (None, None, None)
    assert result["distance"] == 4.5  # 10 - 5.5
    assert [item["id"] for item in result["focus"]] == ["a"]


def test_every_figure_takes_the_tone_of_its_band() -> None:
    result = score(SPEC, {"a": 4, "b": 4, "c": 4, "d": 4})
    # The same 4 is "mid" as a statement, as a theme and as the mean: one rule.
    assert {item["tone"] for item in result["per_statement"]} == {"mid"}
    assert set(result["by_tag_tone"].values()) == {"mid"}
    assert result["tone"] == "mid"
    assert score(SPEC, {"a": 2})["tone"] == "low"


@pytest.mark.parametrize(
    "split", [{"favourable_from": 3, "unfavourable_below": 5}, {"favourable_from": 8, "unfavourable_below": 4}, {"favourable_from": 6}]
)
def test_impossible_splits_are_refused(split: dict[str, Any]) -> None:
    with pytest.raises(ScoringError, match="split"):
        validate_spec({**SPEC, "split": split})


def test_focus_lowest_first_ties_in_statement_order() -> None:
    result = score(SPEC, {"a": 2, "b": 6, "c": 1, "d": 3})  # b reversed: 2
    assert [(item["id"], item["value"]) for item in result["focus"]] == [("c", 1), ("a", 2), ("b", 2), ("d", 3)]


def test_focus_prompts_are_the_statements_then_the_surveys() -> None:
    result = score(SPEC, {"b": 7})
    assert result["focus"] == [{"id": "b", "text": "Statement B", "value": 1, "follow_up": ["Why B?", "Why?", "What next?"]}]


def test_focus_leaves_out_values_at_or_above_the_midpoint() -> None:
    assert score(SPEC, {"a": 4, "b": 1, "c": 7})["focus"] == []


def test_index_runs_from_0_to_100() -> None:
    assert score(SPEC, {"a": 1, "b": 7})["index"] == 0.0
    assert score(SPEC, {"a": 7, "b": 1})["index"] == 100.0
    assert score(SPEC, {"a": 4})["index"] == 50.0
    assert score(SPEC, {"a": 2})["index"] == pytest.approx(100 / 6)


def test_by_tag_means_over_answered_statements_with_the_tag() -> None:
    result = score(SPEC, {"a": 2, "b": 3, "c": 7, "d": 1})  # b reversed: 5
    assert result["by_tag"] == {"#x": 3.5, "#y": 6.0}
    assert list(result["by_tag"]) == ["#x", "#y"]  # order of first appearance in the spec


# --- validation ------------------------------------------------------------------------------


def test_scoring_error_is_a_value_error() -> None:
    assert issubclass(ScoringError, ValueError)


def test_unknown_statement_is_named() -> None:
    with pytest.raises(ScoringError, match="unknown statement 'zzz'") as caught:
        score(SPEC, {"a": 3, "zzz": 4})
    assert caught.value.statement == "zzz"


@pytest.mark.parametrize("value", [0, 8, -1, 100])
def test_out_of_range_value_is_named(value: int) -> None:
    with pytest.raises(ScoringError, match=rf"statement 'c': {value} lies outside the scale 1\.\.7") as caught:
        score(SPEC, {"a": 3, "c": value})
    assert caught.value.statement == "c"


@pytest.mark.parametrize("value", [True, False, 5.0, 4.5, "5", [5]])
def test_non_integer_values_are_refused(value: Any) -> None:
    with pytest.raises(ScoringError, match="statement 'a': the answer must be a whole number"):
        score(SPEC, {"a": value})


def test_answers_must_be_a_mapping() -> None:
    with pytest.raises(ScoringError, match="answers must be a mapping"):
        score(SPEC, [("a", 3)])  # type: ignore[arg-type]


def broken(change: Any) -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    change(spec)
    return spec


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (broken(lambda s: s.pop("statements")), "spec lacks 'statements'"),
        (broken(lambda s: s.pop("id")), "spec lacks 'id'"),
        (broken(lambda s: [s.pop("bands"), s.pop("follow_up")]), "spec lacks 'bands', 'follow_up'"),
        (broken(lambda s: s["scale"].update(min=7)), r"scale min \(7\) must be below max \(7\)"),
        (broken(lambda s: s["scale"].update(min=9)), r"scale min \(9\) must be below max \(7\)"),
        (broken(lambda s: s["scale"].pop("max")), "needs 'min' and 'max'"),
        (broken(lambda s: s["scale"].update(min=True)), "must be integers"),
        (broken(lambda s: s["scale"].update(labels={"9": "x"})), "outside the scale"),
        (broken(lambda s: s["statements"].append({"id": "a", "text": "again"})), "duplicate statement id 'a'"),
        (broken(lambda s: s["statements"][2].pop("text")), "statement 2 needs 'id' and 'text'"),
        (broken(lambda s: s["statements"][1].update(reverse="yes")), "statement 'b': 'reverse' must be true or false"),
        (broken(lambda s: s["statements"][0].update(tags="#x")), "statement 'a': 'tags' must be a list"),
        (broken(lambda s: s.update(statements=[])), "non-empty list"),
        (broken(lambda s: s["bands"][0].update(to=1)), "band 0 must run from a lower to a higher number"),
        (broken(lambda s: s["bands"][1].pop("label")), "band 1 needs"),
        ([], "spec must be a mapping"),
    ],
)
def test_malformed_specs_are_refused(spec: Any, message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        validate_spec(spec)
    with pytest.raises(ScoringError, match=message):
        score(spec, {})


def test_statement_defaults() -> None:
    spec = {**SPEC, "statements": [{"id": "only", "text": "Only"}]}
    result = score(spec, {"only": 2})
    assert result["by_tag"] == {}
    assert result["focus"][0]["follow_up"] == ["Why?", "What next?"]


# --- compare ---------------------------------------------------------------------------------


def test_compare_changes_of_mean_index_and_statements() -> None:
    previous = score(SPEC, {"a": 2, "b": 6, "c": 4})  # 2, 2, 4: mean 8/3
    current = score(SPEC, {"a": 5, "b": 5, "d": 6})  # 5, 3, 6: mean 14/3
    change = compare(previous, current)
    assert change["survey"] == "demo"
    assert change["mean_change"] == current["mean"] - previous["mean"] == pytest.approx(2.0)
    assert change["index_change"] == pytest.approx(2.0 / 6 * 100)
    assert change["statements"] == {"a": 3, "b": 1, "c": None, "d": None}
    assert list(change["statements"]) == ["a", "b", "c", "d"]


def test_compare_with_an_empty_result_has_no_change() -> None:
    change = compare(score(SPEC, {}), score(SPEC, {"a": 3}))
    assert change["mean_change"] is None
    assert change["index_change"] is None
    assert change["statements"] == {"a": None, "b": None, "c": None, "d": None}


def test_compare_matches_statements_by_id_across_versions() -> None:
    newer = {**SPEC, "version": 3, "statements": [*SPEC["statements"], {"id": "e", "text": "New"}]}
    change = compare(score(SPEC, {"a": 3, "d": 4}), score(newer, {"a": 4, "d": 4, "e": 5}))
    assert change["statements"] == {"a": 1, "b": None, "c": None, "d": 0, "e": None}


def test_compare_refuses_different_surveys() -> None:
    other = {**SPEC, "id": "other"}
    with pytest.raises(ScoringError, match="cannot compare survey 'demo' with survey 'other'"):
        compare(score(SPEC, {"a": 3}), score(other, {"a": 3}))
    with pytest.raises(ScoringError, match="previous is not a score result"):
        compare({"mean": 3}, score(SPEC, {"a": 3}))


# --- the real survey -------------------------------------------------------------------------


def personal_development() -> Any:
    return load_template(PERSONAL_DEVELOPMENT)


def test_survey_spec_from_content() -> None:
    spec = survey_spec(personal_development(), "en")
    validate_spec(spec)
    assert spec["id"] == "personal-development"
    assert spec["version"] == 1
    assert spec["scale"]["labels"]["1"] == "Strongly disagree"
    assert list(spec["scale"]["labels"]) == [str(point) for point in range(1, 8)]
    assert [s["id"] for s in spec["statements"]] == ["progress", "address-behaviour", "receive-feedback", "career-path", "strengths"]
    assert spec["statements"][2]["tags"] == ["#Feedback", "#Groei"]
    assert spec["statements"][0]["reverse"] is False
    # A mean below 4, the scale's "Neutral", needs attention; it is not "mixed".
    assert spec["bands"][0] == {"from": 1.0, "to": 4.0, "label": "Needs attention", "tone": "low"}
    assert spec["split"] == {"favourable_from": 6, "unfavourable_below": 4}  # top-2 box: 6 and 7
    assert spec["follow_up"][0] == "Why did you answer this way?"
    assert spec["tag_labels"]["#Groei"] == "#Growth"
    assert survey_spec(personal_development(), "nl")["statements"][3]["text"] == "Ik zie binnen het bedrijf een aantrekkelijk loopbaanpad voor me."


def test_scoring_the_real_survey() -> None:
    spec = survey_spec(personal_development(), "nl")
    result = score(spec, {"progress": 5, "address-behaviour": 6, "career-path": 3, "strengths": 7})
    assert (result["n"], result["skipped"], result["mean"], result["median"]) == (4, 1, 5.25, 5.5)
    assert result["band"] == "Goed"
    assert result["by_tag"] == {"#Productiviteit": 5.0, "#Feedback": 6.0, "#Groei": 5.0}
    assert [item["id"] for item in result["focus"]] == ["career-path"]
    assert result["focus"][0]["follow_up"] == spec["follow_up"]


def test_spec_survives_json_like_the_browser_gets_it() -> None:
    spec = survey_spec(personal_development(), "en")
    answers = {"progress": 2, "receive-feedback": 4, "strengths": 7}
    assert score(json.loads(json.dumps(spec)), answers) == score(spec, answers)


# --- properties ------------------------------------------------------------------------------

TAGS = ["#a", "#b", "#c"]


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(st.integers(-5, 5))
    high = low + draw(st.integers(1, 20))
    count = draw(st.integers(1, 10))
    statements = [
        {
            "id": f"s{i}",
            "text": f"Statement {i}",
            "tags": draw(st.lists(st.sampled_from(TAGS), unique=True, max_size=3)),
            "reverse": draw(st.booleans()),
            "follow_up": draw(st.lists(st.sampled_from(["Why?", "How?"]), max_size=2)),
        }
        for i in range(count)
    ]
    # Contiguous bands covering low..high, cut at sorted distinct points (whole or halves).
    cuts = draw(st.lists(st.integers(2 * low + 1, 2 * high - 1), unique=True, max_size=3))
    edges = [low, *sorted(c / 2 for c in cuts), high]
    bands = [{"from": edges[i], "to": edges[i + 1], "label": f"band {i}"} for i in range(len(edges) - 1)]
    return {
        "id": "generated",
        "version": 1,
        "scale": {"min": low, "max": high, "labels": {str(low): "low", str(high): "high"}},
        "statements": statements,
        "bands": bands,
        "follow_up": ["Survey prompt"],
    }


@st.composite
def specs_and_answers(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, int]]:
    spec = draw(specs())
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    answers = {}
    for statement in spec["statements"]:
        if draw(st.booleans()) or draw(st.booleans()):  # three in four answered
            answers[statement["id"]] = draw(st.integers(low, high))
    return spec, answers


def adjusted(spec: dict[str, Any], answers: dict[str, int]) -> list[int]:
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    return [low + high - answers[s["id"]] if s["reverse"] else answers[s["id"]] for s in spec["statements"] if s["id"] in answers]


@settings(max_examples=300)
@given(specs_and_answers())
def test_statistics_match_the_statistics_module(case: tuple[dict[str, Any], dict[str, int]]) -> None:
    spec, answers = case
    values = adjusted(spec, answers)
    result = score(spec, answers)
    assert result["n"] == len(values)
    assert result["n"] + result["skipped"] == len(spec["statements"])
    assert [item["value"] for item in result["per_statement"] if item["value"] is not None] == values
    if not values:
        assert result["mean"] is result["median"] is result["sd"] is result["index"] is None
        return
    assert result["mean"] == statistics.mean(values)
    assert result["mean"] == pytest.approx(math.fsum(values) / len(values))
    assert result["median"] == statistics.median(values)
    assert result["sd"] == (statistics.pstdev(values) if len(values) >= 2 else None)


@settings(max_examples=300)
@given(specs_and_answers())
def test_shares_index_and_band(case: tuple[dict[str, Any], dict[str, int]]) -> None:
    spec, answers = case
    result = score(spec, answers)
    if result["n"] == 0:
        assert result["band"] is None
        return
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    midpoint = (low + high) / 2
    values = adjusted(spec, answers)
    shares = (result["favourable"], result["neutral"], result["unfavourable"])
    assert all(0 <= share <= 1 for share in shares)
    assert sum(shares) == pytest.approx(1)
    favourable_from = max(high - 1, midpoint)  # the default split: top-2 box, unfavourable below the midpoint
    assert result["favourable"] == sum(v >= favourable_from for v in values) / len(values)
    assert result["unfavourable"] == sum(v < midpoint for v in values) / len(values)
    assert 0 <= result["index"] <= 100
    assert result["index"] == pytest.approx((statistics.mean(values) - low) / (high - low) * 100)
    band = next(b for b in spec["bands"] if b["label"] == result["band"])
    last = band is spec["bands"][-1]
    assert band["from"] <= result["mean"] and (result["mean"] < band["to"] or (last and result["mean"] == band["to"]))


@settings(max_examples=200)
@given(specs_and_answers())
def test_focus_and_by_tag(case: tuple[dict[str, Any], dict[str, int]]) -> None:
    spec, answers = case
    result = score(spec, answers)
    midpoint = (spec["scale"]["min"] + spec["scale"]["max"]) / 2
    order = {s["id"]: i for i, s in enumerate(spec["statements"])}
    focus = result["focus"]
    expected_ids = {item["id"] for item in result["per_statement"] if item["value"] is not None and item["value"] < midpoint}
    assert {item["id"] for item in focus} == expected_ids
    assert [(item["value"], order[item["id"]]) for item in focus] == sorted((item["value"], order[item["id"]]) for item in focus)
    for item in focus:
        assert item["follow_up"] == [*spec["statements"][order[item["id"]]]["follow_up"], "Survey prompt"]
    values = values_of(result)
    for tag, mean in result["by_tag"].items():
        tagged = [values[s["id"]] for s in spec["statements"] if tag in s["tags"] and values[s["id"]] is not None]
        assert mean == (statistics.mean(tagged) if tagged else None)


@settings(max_examples=200)
@given(specs_and_answers(), st.data())
def test_flipping_reverse_and_the_answer_changes_nothing(case: tuple[dict[str, Any], dict[str, int]], data: st.DataObject) -> None:
    spec, answers = case
    if not answers:
        return
    flipped_id = data.draw(st.sampled_from(sorted(answers)))
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    flipped_spec = copy.deepcopy(spec)
    for statement in flipped_spec["statements"]:
        if statement["id"] == flipped_id:
            statement["reverse"] = not statement["reverse"]
    original, flipped = score(spec, answers), score(flipped_spec, {**answers, flipped_id: low + high - answers[flipped_id]})
    for key in ("mean", "median", "sd", "index", "favourable", "neutral", "unfavourable", "band", "by_tag", "focus"):
        assert flipped[key] == original[key], key


@settings(max_examples=100)
@given(specs_and_answers())
def test_compare_with_itself_is_zero(case: tuple[dict[str, Any], dict[str, int]]) -> None:
    spec, answers = case
    result = score(spec, answers)
    change = compare(result, result)
    assert change["mean_change"] == (0.0 if answers else None)
    assert change["statements"] == {s["id"]: (0 if s["id"] in answers else None) for s in spec["statements"]}


@given(specs_and_answers(), st.integers(1, 50))
def test_out_of_range_answers_are_refused(case: tuple[dict[str, Any], dict[str, int]], distance: int) -> None:
    spec, answers = case
    statement_id = spec["statements"][-1]["id"]
    for value in (spec["scale"]["min"] - distance, spec["scale"]["max"] + distance):
        with pytest.raises(ScoringError, match=f"statement '{statement_id}'"):
            score(spec, {**answers, statement_id: value})
