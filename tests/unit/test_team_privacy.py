"""The team page cannot expose a person: one person counts once, whatever the files and the names; no
figure, alone or with the figures shown before, tells fewer than the threshold of answers; a team bundle
holds aggregates only; the threshold is a site setting of at least 3."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okr1on1.content import load_content
from okr1on1.content.model import SiteSettings
from okr1on1.results_files import add_snapshot, collect_view, read_snapshots, record_bundle, share_file, team_view
from okr1on1.scoring import aggregate, score
from okr1on1.survey_spec import survey_spec
from okr1on1.team_privacy import groups_large_enough

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_content(ROOT / "content")
SPECS = [survey_spec(survey, "en", surveys=CONTENT.surveys()) for survey in CONTENT.surveys()]
LQ = next(spec for spec in SPECS if spec["id"] == "leadership-quality")
IDS = [statement["id"] for statement in LQ["statements"]]


def share(answers: dict[str, int], person: str, day: int = 1, mode: str = "open", **options: Any) -> str:
    secret = f"secret-of-the-browser-of-{person}"
    return share_file(LQ, answers, {"mode": mode, "respondent_secret": secret, "shared_at": f"2026-04-{day:02d}T09:00:00Z", **options})


def files(*texts: str) -> list[dict[str, Any]]:
    return [{"name": f"f{i}.json", "size": len(text), "text": text} for i, text in enumerate(texts)]


def answers_of(seed: int) -> dict[str, int]:
    return {sid: 1 + (seed * 3 + position * (seed + 2)) % 7 for position, sid in enumerate(IDS)}


def team(view: dict[str, Any]) -> dict[str, Any]:
    [survey] = [s for s in view["surveys"] if s["survey"] == LQ["id"]]
    return survey["aggregate"]


# --- 2. distinct people ----------------------------------------------------------------------------


def test_one_person_exported_three_times_counts_once_and_the_newest_wins() -> None:
    others = [share(answers_of(i), f"p{i}") for i in range(2)]
    mine = [share(answers_of(10 + day), "anna", day) for day in (3, 1, 2)]  # three exports, the newest first
    view = team_view(SPECS, files(*others, *mine))
    assert team(view)["responses"] == 3 and team(view)["team"]["n"] == 3
    states = [(entry["accepted"], entry["reason"]) for entry in view["files"][2:]]
    assert states == [(True, None), (False, "team_refused_replaced"), (False, "team_refused_replaced")]
    kept = aggregate(LQ, [score(LQ, answers_of(0)), score(LQ, answers_of(1)), score(LQ, answers_of(13))])
    assert team(view)["team"]["mean"] == kept["team"]["mean"]


def test_the_same_name_written_four_ways_is_one_person() -> None:
    names = ["Anna", "An\u200bna", "\uff21nna", "\u202eAnna"]  # zero-width space, full-width A, right-to-left override
    texts = [share(answers_of(i), f"p{i}", name=name) for i, name in enumerate(names)]
    view = team_view(SPECS, files(*texts))
    assert [entry["accepted"] for entry in view["files"]] == [True, False, False, False]
    assert {entry["reason"] for entry in view["files"][1:]} == {"team_refused_duplicate_name"}
    assert [entry["values"]["person"] for entry in view["files"][1:]] == ["Anna"] * 3  # shown without the hidden characters


def test_an_anonymous_file_has_no_name_no_time_and_an_id_of_its_own() -> None:
    open_file = json.loads(share(answers_of(1), "anna", name="Anna"))
    anonymous = json.loads(share(answers_of(1), "anna", mode="anonymous", name="Anna", self_assessment=True))
    assert set(anonymous) == {"format", "version", "mode", "survey", "survey_version", "respondent", "answers", "shared_on"}
    assert anonymous["shared_on"] == "2026-04-01"
    assert anonymous["respondent"] != open_file["respondent"]  # an open and an anonymous file cannot be linked


def test_the_lead_refuses_anonymous_files_and_the_collector_refuses_named_ones() -> None:
    anonymous = share(answers_of(1), "anna", mode="anonymous")
    named = share(answers_of(2), "bert", name="Bert")
    lead = team_view(SPECS, files(anonymous, named))
    assert [(e["accepted"], e["reason"]) for e in lead["files"]] == [(False, "team_refused_anonymous"), (True, None)]
    collector = collect_view(SPECS, files(anonymous, named), 3, None, "2026-04-02T10:00:00Z")
    assert [(e["accepted"], e["reason"]) for e in collector["files"]] == [(True, None), (False, "team_refused_open_for_lead")]


def test_a_file_of_an_earlier_version_without_respondent_is_refused() -> None:
    old = {"format": "okr1on1-team-share", "version": 1, "survey": LQ["id"], "survey_version": 1, "answers": {IDS[0]: 4},
           "shared_at": "2026-01-01T09:00:00.000Z"}
    view = team_view(SPECS, files(json.dumps(old)))
    assert view["files"][0]["reason"] == "team_refused_old_share_file"


@pytest.mark.parametrize(("value", "accepted"), [(5, True), (3, True), (12, True), (2, False), (0, False), (True, False), ("5", False)])
def test_the_threshold_setting_is_never_below_three(value: Any, accepted: bool) -> None:
    if accepted:
        assert SiteSettings(team_threshold=value).team_threshold == value
    else:
        with pytest.raises(ValueError):
            SiteSettings(team_threshold=value)


def test_the_site_uses_five_when_content_says_nothing() -> None:
    assert SiteSettings().team_threshold == 5
    assert CONTENT.guide.settings.team_threshold >= 3


# --- 3. no differencing ----------------------------------------------------------------------------


def test_removing_one_file_after_a_snapshot_shows_nothing_of_that_person() -> None:
    """The issue's attack: four files, a snapshot, one file removed; the change would be that person's answer."""
    texts = [share(answers_of(i), f"p{i}") for i in range(4)]
    first = team_view(SPECS, files(*texts))
    snapshots = add_snapshot(None, team(first), "2026-04-02T09:00:00Z", "s-1")
    after = team_view(SPECS, files(*texts[:3]), None, snapshots, None, 3, first["released"])
    withheld = team(after)
    assert withheld["withheld"] and withheld["why"] == "differencing"
    assert all(item["mean"] is None for item in withheld["statements"])  # the page never even holds the numbers
    survey = after["surveys"][0]
    assert survey["baseline"]["change"]["mean_change"] is None and all(v is None for v in survey["baseline"]["change"]["statements"].values())
    assert survey["can_save"] is False
    # Without the snapshot, the memory of the page itself holds it back as well.
    assert team(team_view(SPECS, files(*texts[:3]), None, None, None, 3, first["released"]))["why"] == "differencing"
    # The same people again: shown.
    assert not team(team_view(SPECS, files(*texts), None, snapshots, None, 3, first["released"]))["withheld"]


def test_a_new_round_of_the_same_people_is_compared() -> None:
    before = team_view(SPECS, files(*(share(answers_of(i), f"p{i}", 1) for i in range(4))))
    snapshots = add_snapshot(None, team(before), "2026-04-02T09:00:00Z", "s-1")
    now = team_view(SPECS, files(*(share(answers_of(i + 3), f"p{i}", 20) for i in range(4))), None, snapshots, None, 3, before["released"])
    assert not team(now)["withheld"] and now["surveys"][0]["baseline"]["change"]["mean_change"] is not None


def test_a_snapshot_of_the_earlier_format_is_shown_but_nothing_is_compared_with_it() -> None:
    texts = [share(answers_of(i), f"p{i}") for i in range(4)]
    saved = json.loads(add_snapshot(None, team(team_view(SPECS, files(*texts))), "2026-04-02T09:00:00Z", "s-1"))
    old = {"format": "okr1on1-team-snapshots", "version": 1, "snapshots": [{k: v for k, v in saved["snapshots"][0].items() if k != "figures"}]}
    view = team_view(SPECS, files(*texts[:3]), None, json.dumps(old))
    baseline = view["surveys"][0]["baseline"]
    assert (baseline["id"], baseline["change"], baseline["change_why"]) == ("s-1", None, "unknown_people")


def test_three_sets_that_each_differ_by_enough_still_withhold() -> None:
    """{1..5}, {1..10} and {6..11}: two subtractions give person 11; pairwise differences are all ≥ 5."""
    sets = [set(range(1, 6)), set(range(1, 11)), set(range(6, 12))]
    assert all(len(a ^ b) >= 5 for a, b in itertools.combinations(sets, 2))
    assert groups_large_enough(sets[:1], sets[1], 5)
    assert not groups_large_enough(sets[:2], sets[2], 5)


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [row[:] for row in rows]
    rank, columns = 0, len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][column] != 0:
                factor = rows[i][column] / rows[rank][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def fewest_answers_a_combination_tells(shown: list[frozenset[str]], threshold: int) -> int | None:
    """The smallest number of responses that some combination of the shown sums is determined by, when
    below `threshold` (None: none is). Linear algebra over the responses, not the rule's groups: a set T
    of responses is told apart when a combination of the shown rows lies in the span of T's unit vectors."""
    universe = sorted(frozenset().union(*shown)) if shown else []
    rows = [[Fraction(int(item in s)) for item in universe] for s in shown]
    base = _rank(rows)
    for size in range(1, threshold):
        for subset in itertools.combinations(range(len(universe)), size):
            units = [[Fraction(int(i == j)) for i in range(len(universe))] for j in subset]
            if base + size > _rank(rows + units):
                return size
    return None


OPERATION = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 5), st.integers(0, 1)),  # person, round of answers
    st.tuples(st.just("remove"), st.integers(0, 5), st.just(0)),
    st.tuples(st.just("snapshot"), st.just(0), st.just(0)),
    st.tuples(st.just("compare"), st.integers(0, 3), st.just(0)),  # pick an earlier snapshot as the comparison
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([3, 4]), st.lists(OPERATION, min_size=1, max_size=14), st.integers(0, 1000))
def test_no_number_on_the_team_page_tells_fewer_than_the_threshold(threshold: int, operations: list[tuple[str, int, int]], seed: int) -> None:
    """Random teams, random operations, as a team lead trying to single somebody out would: every figure
    the page shows, with everything it showed before, is determined by at least `threshold` answers."""
    loaded: dict[int, int] = {}  # person → round of the file loaded
    snapshots: str | None = None
    snapshot_ids: list[str] = []
    baselines: dict[str, str] = {}
    released: dict[str, Any] = {}
    shown: dict[str, list[frozenset[str]]] = {}  # figure → the response sets it was shown for

    def text_of(person: int, round_: int) -> str:
        answers = {sid: 1 + (seed + person * 5 + round_ * 3 + k) % 7 for k, sid in enumerate(IDS) if (seed + person + k) % 5}
        return share(answers or {IDS[0]: 4}, f"p{person}", 1 + round_)

    for number, (kind, person, round_) in enumerate(operations):
        if kind == "add":
            loaded[person] = round_
        elif kind == "remove":
            loaded.pop(person, None)
        elif kind == "compare" and snapshot_ids:
            baselines[LQ["id"]] = snapshot_ids[person % len(snapshot_ids)]
        view = team_view(SPECS, files(*(text_of(p, r) for p, r in loaded.items())), None, snapshots, baselines, threshold, released)
        released = view["released"]
        if not view["surveys"]:
            continue
        [survey] = view["surveys"]
        result = survey["aggregate"]
        responses = {p: f"{p}/{r}" for p, r in loaded.items()}
        answered = {p: json.loads(text_of(p, r))["answers"] for p, r in loaded.items()}
        figures = [("team", result["team"], set(responses))]
        figures += [(f"s:{item['id']}", item, {p for p in loaded if item["id"] in answered[p]}) for item in result["statements"]]
        for key, item, people in figures:
            if item["mean"] is not None:
                assert item["n"] == len(people) >= threshold
                shown.setdefault(key, []).append(frozenset(responses[p] for p in people))
            assert fewest_answers_a_combination_tells(shown.get(key, []), threshold) is None, (key, shown[key])
        baseline = survey["baseline"]
        if baseline and baseline["change"] is not None:
            # A change is shown only beside a current figure that is shown, against a snapshot shown before.
            assert baseline["change"]["mean_change"] is None or result["team"]["mean"] is not None
            for item in result["statements"]:
                assert baseline["change"]["statements"][item["id"]] is None or item["mean"] is not None
        if kind == "snapshot" and survey["can_save"]:
            snapshots = add_snapshot(snapshots, result, f"2026-05-01T09:{number:02d}:00Z", f"s{number}")
            snapshot_ids = [s["id"] for s in read_snapshots(snapshots)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([3, 4]), st.lists(st.frozensets(st.integers(0, 7), max_size=8), min_size=1, max_size=6))
def test_no_bundle_a_collector_makes_tells_a_person_apart_from_the_bundles_before(threshold: int, requests: list[frozenset[int]]) -> None:
    """A lead asks the collector for bundles of ever other sets of files: the bundles made, together, never
    determine fewer than `threshold` answers."""
    texts = {p: share(answers_of(p), f"p{p}", mode="anonymous") for p in range(8)}
    record: str | None = None
    made: list[frozenset[str]] = []
    for day, people in enumerate(requests, start=1):
        view = collect_view(SPECS, files(*(texts[p] for p in sorted(people))), threshold, record, f"2026-06-{day:02d}T09:00:00Z")
        if not view["surveys"] or view["surveys"][0]["bundle"] is None:
            continue
        bundle = json.loads(view["surveys"][0]["bundle"])
        assert len(bundle["respondents"]) == len(people) >= threshold
        made.append(frozenset(str(p) for p in people))
        record = record_bundle(record, view["surveys"][0]["bundle"])
        assert fewest_answers_a_combination_tells(made, threshold) is None


# --- 1. the team bundle ------------------------------------------------------------------------------


def test_a_bundle_shows_the_lead_what_the_files_would_and_holds_no_answers() -> None:
    people = [answers_of(i) for i in range(6)]
    texts = [share(answers, f"p{i}", mode="anonymous") for i, answers in enumerate(people)]
    collected = collect_view(SPECS, files(*texts), 5, None, "2026-04-20T16:45:12Z")
    [survey] = collected["surveys"]
    assert (survey["responses"], survey["statements_shown"], survey["why"]) == (6, len(IDS), None)
    assert "mean" not in json.dumps(collected)  # the collector sees counts, not figures
    text = survey["bundle"]
    bundle = json.loads(text)
    assert bundle["made_on"] == "2026-04-20" and "16:45" not in text
    assert set(bundle) == {"format", "version", "survey", "survey_version", "made_on", "min_responses", "respondents", "team", "statements", "by_tag"}
    assert not any(json.loads(t)["respondent"] in text for t in texts)  # no respondent id, only a hash per response
    lead = team_view(SPECS, [{"name": "bundle.json", "size": len(text), "text": text}], None, None, None, 5)
    assert lead["files"][0]["role"] == "bundle"
    from_bundle = team(lead)
    direct = aggregate(LQ, [score(LQ, answers) for answers in people], 5)
    assert from_bundle["team"]["mean"] == direct["team"]["mean"] and from_bundle["team"]["sd"] == direct["team"]["sd"]
    for mine, theirs in zip(from_bundle["statements"], direct["statements"], strict=True):
        assert (mine["n"], mine["mean"], mine["median"], mine["sd"]) == (theirs["n"], theirs["mean"], theirs["median"], theirs["sd"])


def test_too_few_people_make_no_bundle() -> None:
    texts = [share(answers_of(i), f"p{i}", mode="anonymous") for i in range(4)]
    [survey] = collect_view(SPECS, files(*texts), 5, None, "2026-04-20T10:00:00Z")["surveys"]
    assert survey["bundle"] is None and survey["why"] == "too_few"


def test_the_collector_makes_no_bundle_of_one_person_fewer_and_says_why() -> None:
    texts = [share(answers_of(i), f"p{i}", mode="anonymous") for i in range(6)]
    [first] = collect_view(SPECS, files(*texts), 5, None, "2026-04-20T10:00:00Z")["surveys"]
    record = record_bundle(None, first["bundle"])
    assert "answers" not in record and all(json.loads(t)["respondent"] not in record for t in texts)
    [fewer] = collect_view(SPECS, files(*texts[1:]), 5, record, "2026-04-21T10:00:00Z")["surveys"]
    assert (fewer["bundle"], fewer["why"], fewer["responses"], fewer["statements_shown"]) == (None, "differencing", 5, len(IDS))
    [same] = collect_view(SPECS, files(*reversed(texts)), 5, record, "2026-04-22T10:00:00Z")["surveys"]
    assert same["bundle"] is not None  # the same people again: the same figures, nothing new to learn
    [broken] = collect_view(SPECS, files(*texts), 5, "{broken", "2026-04-22T10:00:00Z")["surveys"]
    assert (broken["bundle"], broken["why"]) == (None, "record_unreadable")


def test_a_damaged_bundle_is_refused() -> None:
    texts = [share(answers_of(i), f"p{i}", mode="anonymous") for i in range(5)]
    bundle = json.loads(collect_view(SPECS, files(*texts), 5, None, "2026-04-20T10:00:00Z")["surveys"][0]["bundle"])
    bundle["team"]["n"] = 2
    view = team_view(SPECS, files(json.dumps(bundle)), None, None, None, 5)
    assert (view["files"][0]["reason"], view["files"][0]["values"]) == ("team_refused_damaged", {"field": "team"})
