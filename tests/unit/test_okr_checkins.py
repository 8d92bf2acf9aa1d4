"""The OKR engine (okr1on1.okr_checkins): hand-worked examples, the rules as properties, the stored format."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okr1on1 import okr_checkins as okr
from okr1on1.okr_checkins import OkrRefused

QUARTER: dict[str, Any] = {
    "id": "q4", "start": "2026-10-01", "end": "2026-12-31",
    "objectives": [
        {"id": "o1", "title": "Happy customers", "kind": "committed", "key_results": [
            {"id": "nps", "title": "NPS", "type": "metric", "start": 20, "target": 40, "unit": "pts", "better": "higher"},
            {"id": "tickets", "title": "Open tickets", "type": "metric", "start": 100, "target": 50, "unit": "", "better": "lower"}]},
        {"id": "o2", "title": "Launch", "kind": "aspirational", "key_results": [
            {"id": "beta", "title": "Beta out", "type": "milestone"},
            {"id": "users", "title": "Users", "type": "metric", "start": 0, "target": 1000, "unit": "", "better": "higher"}]},
    ],
}


def checkin(day: str, nps: float, confidence: int, checkin_id: str | None = None, **others: Any) -> dict[str, Any]:
    return {"id": checkin_id or f"c-{day}", "date": day, "saved_at": f"{day}T16:00:00Z", "key_results": {
        "nps": {"value": nps, "confidence": confidence, "note": ""},
        "tickets": {"value": others.get("tickets", 100), "confidence": 7},
        "beta": {"done": others.get("beta", False), "confidence": 6},
        "users": {"value": others.get("users", 0), "confidence": 7},
    }, "wins": "", "blockers": "", "next": ""}


def three_weeks() -> str:
    text = okr.save_quarter(None, QUARTER)
    for day, nps, confidence in (("2026-10-09", 22, 8), ("2026-10-16", 25, 6), ("2026-10-23", 28, 4)):
        text = okr.save_checkin(text, "q4", checkin(day, nps, confidence, tickets=85, beta=day == "2026-10-23", users=100))
    return text


def test_hand_worked_quarter_after_three_weeks() -> None:
    view = okr.quarter_view(three_weeks(), "q4", "2026-10-24")
    # Week 43 ends on Sunday 25 October: day 25 of the quarter's 92.
    assert view["expected"] == pytest.approx(25 / 92)
    nps, tickets = view["objectives"][0]["key_results"]
    assert nps["progress"] == pytest.approx((28 - 20) / (40 - 20))  # 0.4
    assert tickets["progress"] == pytest.approx((100 - 85) / (100 - 50))  # 0.3, lower is better
    assert view["objectives"][0]["progress"] == pytest.approx(0.35)
    assert view["objectives"][1]["progress"] == pytest.approx((1.0 + 0.1) / 2)
    assert nps["status"] == "at_risk"  # confidence 4: at most 5
    assert tickets["status"] == "on_track"  # 0.3 against 0.27 expected, confidence 7
    assert [p["confidence"] for p in nps["series"]] == [8, 6, 4]
    kinds = {(a["kind"], a.get("key_result")) for a in view["alerts"]}
    assert kinds == {("confidence_drop", "nps"), ("confidence_falling", "nps")}


def test_a_committed_objective_behind_its_pace_is_an_alert() -> None:
    text = okr.save_quarter(None, QUARTER)
    text = okr.save_checkin(text, "q4", checkin("2026-11-13", 22, 8, tickets=100))  # 6 % done at 48 % of the quarter
    alerts = okr.quarter_view(text, "q4", "2026-11-13")["alerts"]
    behind = [a for a in alerts if a["kind"] == "committed_behind"]
    assert [a["objective"] for a in behind] == ["o1"]
    assert behind[0]["projected"] == pytest.approx(0.05 / (46 / 92))


def test_no_check_in_for_two_weeks_is_an_alert() -> None:
    text = okr.save_checkin(okr.save_quarter(None, QUARTER), "q4", checkin("2026-10-09", 22, 8))
    assert not [a for a in okr.quarter_view(text, "q4", "2026-10-16")["alerts"] if a["kind"] == "no_checkin"]
    assert {"kind": "no_checkin", "weeks": 2} in okr.quarter_view(text, "q4", "2026-10-23")["alerts"]


def test_one_check_in_a_week_replaced_only_when_asked() -> None:
    text = okr.save_checkin(okr.save_quarter(None, QUARTER), "q4", checkin("2026-10-09", 22, 8))
    with pytest.raises(OkrRefused) as refused:
        okr.save_checkin(text, "q4", checkin("2026-10-06", 30, 3, "other"))
    assert refused.value.reason == "week_taken" and refused.value.values == {"week": "2026-W41"}
    replaced = okr.save_checkin(text, "q4", checkin("2026-10-06", 30, 3, "other"), replace=True)
    assert [c["id"] for c in json.loads(replaced)["quarters"][0]["checkins"]] == ["other"]


def test_editing_keeps_the_history_of_a_key_result_with_the_same_id() -> None:
    text = three_weeks()
    edited = json.loads(json.dumps(QUARTER))
    edited["objectives"][0]["key_results"][0]["title"] = "Net promoter score"
    del edited["objectives"][1]["key_results"][1]
    view = okr.quarter_view(okr.save_quarter(text, edited), "q4", "2026-10-24")
    assert view["objectives"][0]["key_results"][0]["title"] == "Net promoter score"
    assert [p["confidence"] for p in view["objectives"][0]["key_results"][0]["series"]] == [8, 6, 4]


def test_one_bad_entry_is_set_aside_and_the_rest_kept() -> None:
    data = json.loads(three_weeks())
    data["quarters"][0]["checkins"][1]["key_results"]["nps"]["confidence"] = 11
    data["quarters"].append({"id": "broken", "start": "nonsense"})
    read = okr.read_document(json.dumps(data), "2026-10-24")
    assert [q["checkins"] for q in read["quarters"]] == [2]
    assert len(read["set_aside"]) == 2
    # Kept on the next write and in the export: nothing is dropped.
    again = okr.save_checkin(json.dumps(data), "q4", checkin("2026-10-30", 30, 5))
    assert len(json.loads(okr.export_document(again, "2026-10-31T00:00:00Z"))["set_aside"]) == 2


def test_an_import_merges_by_id() -> None:
    mine = okr.save_checkin(okr.save_quarter(None, QUARTER), "q4", checkin("2026-10-09", 22, 8))
    theirs = okr.export_document(three_weeks(), "2026-10-24T00:00:00Z")
    merged = okr.merge(mine, theirs)
    assert (merged["added_quarters"], merged["added_checkins"], merged["skipped"]) == (0, 2, 1)
    with pytest.raises(OkrRefused) as refused:
        okr.merge(mine, json.dumps({"format": "okr1on1-okrs", "version": 1, "quarters": [{"id": "x"}]}))
    assert refused.value.reason == "bad_quarter"


def test_closing_grades_and_carries_unfinished_objectives_over() -> None:
    grades = {"nps": 0.4, "tickets": 0.3, "beta": 1.0, "users": 1.0}
    text = okr.close_quarter(three_weeks(), "q4", grades, {"o1": "Call customers earlier"}, "2026-12-31T17:00:00Z", "q1")
    view = okr.quarter_view(text, "q4", "2027-01-02")
    assert view["closed"] and view["objectives"][0]["grade"] == pytest.approx(0.35)
    assert [o["verdict"] for o in view["objectives"]] == ["missed", "success"]
    nxt = okr.quarter_view(text, "q1", "2027-01-02")
    assert (nxt["quarter"]["start"], nxt["quarter"]["end"]) == ("2027-01-01", "2027-03-31")
    assert [o["id"] for o in nxt["objectives"]] == ["o1"]  # the finished one stays behind
    assert nxt["objectives"][0]["key_results"][0]["start"] == 28  # from its last value


def test_a_target_on_the_wrong_side_is_refused_in_words() -> None:
    wrong = json.loads(json.dumps(QUARTER))
    wrong["objectives"][0]["key_results"][1]["better"] = "higher"
    with pytest.raises(OkrRefused) as refused:
        okr.save_quarter(None, wrong)
    assert refused.value.reason == "target_higher"


def test_the_summary_file_holds_the_lines_the_page_shows() -> None:
    answer = okr.summary_markdown(three_weeks(), None, {"progress_label": "Progress"}, "en", "2026-10-24")
    assert answer is not None
    for line in answer["lines"]:
        assert line["text"].replace("*", "") in answer["markdown"].replace("\\", "")
    assert "NPS: 28 / 40 pts · Progress 40% (+15%)" in answer["markdown"]
    assert okr.latest_summary(okr.save_quarter(None, QUARTER)) is None


numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(numbers, numbers, numbers)
def test_progress_is_clamped_and_linear_either_way(start: float, target: float, value: float) -> None:
    if start == target:
        return
    kr = {"type": "metric", "start": start, "target": target}
    share = okr.progress(kr, {"value": value})
    assert 0.0 <= share <= 1.0
    higher = target > start
    if (value <= start) if higher else (value >= start):
        assert share == 0.0  # at the start or on the wrong side of it
    if (value >= target) if higher else (value <= target):
        assert share == 1.0  # at the target or past it


@given(st.floats(0, 1), st.floats(0, 1), st.one_of(st.none(), st.integers(1, 10)))
def test_status_gets_no_better_with_less_progress_or_confidence(progress: float, expected: float, confidence: int | None) -> None:
    order = {"on_track": 0, "at_risk": 1, "off_track": 2}
    here = order[okr.status(progress, expected, confidence)]
    assert order[okr.status(max(0.0, progress - 0.2), expected, confidence)] >= here
    if confidence is not None:
        assert order[okr.status(progress, expected, max(1, confidence - 2))] >= here


@given(st.lists(st.integers(1, 10), min_size=1, max_size=8))
def test_confidence_alerts_follow_the_last_three_check_ins(confidences: list[int]) -> None:
    alerts = okr.confidence_alerts(confidences)
    assert ("confidence_drop" in alerts) == (len(confidences) >= 2 and confidences[-2] - confidences[-1] >= okr.CONFIDENCE_DROP)
    assert ("confidence_falling" in alerts) == (len(confidences) >= 3 and confidences[-3] > confidences[-2] > confidences[-1])


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(1, 10), st.integers(0, 60)), max_size=8))
def test_stored_text_reads_back_the_same(weeks: list[tuple[int, int, int]]) -> None:
    text = okr.save_quarter(None, QUARTER)
    for week, confidence, nps in weeks:
        day = f"2026-10-{5 + (week % 4) * 7:02d}"
        text = okr.save_checkin(text, "q4", checkin(day, nps, confidence, f"c{week}"), replace=True)
    assert okr.save_quarter(text, QUARTER) == text  # an unchanged set-up changes nothing
    assert okr.merge(text, okr.export_document(text, "2026-10-31T00:00:00Z"))["text"] == text


@pytest.mark.parametrize(
    ("change", "reason", "values"),
    [
        (lambda q: q["objectives"][1].update(title=" "), "untitled_objective", {"objective": 2}),
        (lambda q: q["objectives"][0]["key_results"][1].update(title=""), "untitled_key_result", {"objective": 1, "key_result": 2}),
        (lambda q: q["objectives"][0]["key_results"][0].update(target=None), "missing_target", {"title": "NPS"}),
        (lambda q: q.update(start=""), "bad_dates", {}),
        (lambda q: q.update(end="2026-09-30"), "end_before_start", {}),
        (lambda q: q["objectives"].extend([q["objectives"][0]] * 4), "too_many_objectives", {"limit": 5}),
    ],
)
def test_a_set_up_that_cannot_be_saved_says_what_to_fix_as_the_form_numbers_it(change: Any, reason: str, values: dict[str, Any]) -> None:
    quarter = json.loads(json.dumps(QUARTER))
    change(quarter)
    with pytest.raises(OkrRefused) as refused:
        okr.save_quarter(None, quarter)
    assert (refused.value.reason, refused.value.values) == (reason, values)


@pytest.mark.parametrize("text", ["[" * 50_000, '{"format": "okr1on1-okrs", "version": 1, "quarters": [], "x": NaN}'])
def test_a_file_nested_too_deep_or_with_nan_is_refused_in_words(text: str) -> None:
    """An import picked by the person (or a damaged stored text) never overflows the engine's stack:
    it is refused as not JSON, like any other damaged file."""
    with pytest.raises(OkrRefused) as refused:
        okr.merge(None, text)
    assert refused.value.reason == "not_json"
