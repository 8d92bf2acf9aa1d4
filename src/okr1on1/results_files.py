"""Files people hand over or keep: the "for my team lead" share file, the personal results export, and
the team lead's saved team snapshots; and the team view that combines share files. See STORAGE.md.

Standard library only, valid on Python 3.12 to 3.14: this file is shipped to the browser with
`scoring.py` and called from the worker, so the browser checks files with the same code as the tests.
A file that cannot be used raises `FileRefused` with a `reason` (a widget text key without `widget.`)
and `values` for the text; the page shows the text in its language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from okr1on1.bounded_json import JsonRefused, loads, utf16_length
from okr1on1.scoring import MIN_RESPONSES, ScoringError, aggregate, compare_teams, score, self_gap

__all__ = [
    "FileRefused",
    "add_snapshot",
    "read_results_file",
    "read_share_file",
    "read_snapshots",
    "remove_snapshot",
    "share_file",
    "team_view",
]

SHARE_FORMAT = "okr1on1-team-share"
SHARE_VERSION = 1
RESULTS_FORMAT = "okr1on1-results"
RESULTS_VERSION = 1
SNAPSHOTS_FORMAT = "okr1on1-team-snapshots"
SNAPSHOTS_VERSION = 1

MAX_SHARE_BYTES = 64 * 1024  # a share file of the longest survey is well under 2 KB
MAX_NAME = 80  # UTF-16 code units, as the name field's maxlength counts
MAX_ID = 100


class FileRefused(ValueError):
    """A file (or stored document) that cannot be used; `reason` names the widget text that says why."""

    def __init__(self, reason: str, **values: Any) -> None:
        super().__init__(f"{reason}: {values}" if values else reason)
        self.reason = reason
        self.values = {key: value if isinstance(value, int) and not isinstance(value, bool) else str(value) for key, value in values.items()}


# --- small checks ----------------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return _is_int(value) or isinstance(value, float)


def _timestamp(value: Any) -> str | None:
    """`value` (ISO 8601) as JavaScript's `toISOString()` writes it (UTC, milliseconds, `Z`), or None.
    A time without an offset counts as UTC."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:  # year 1 with a positive offset
        return None
    if moment.year < 1000:  # not a date anybody shared or saved a result on; sorting as text needs 4 digits
        return None
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


def _too_long(text: str, limit: int) -> bool:
    try:
        return utf16_length(text) > limit
    except UnicodeEncodeError:  # a lone surrogate: no text anybody typed
        return True


def _json_object(text: Any, not_json: str, not_ours: str) -> dict[str, Any]:
    """The JSON object in `text`; `not_json` when it does not parse, `not_ours` when it is JSON but no object."""
    if not isinstance(text, str) or not text.strip():
        raise FileRefused(not_json)
    try:
        data = loads(text)  # nesting deeper than bounded_json.MAX_DEPTH is refused as damaged
    except JsonRefused:
        raise FileRefused(not_json) from None
    if not isinstance(data, dict):
        raise FileRefused(not_ours)
    return data


def _specs_by_id(specs: Sequence[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    if isinstance(specs, Mapping):
        return dict(specs)
    return {spec["id"]: spec for spec in specs}


def _checked_answers(spec: Mapping[str, Any], answers: Any) -> dict[str, int]:
    """`answers` as the engine accepts them (raises `ScoringError` naming the statement)."""
    if not isinstance(answers, dict):
        raise ScoringError("answers must be a mapping of statement id to value")
    score(spec, answers)
    return {key: value for key, value in answers.items() if value is not None}


# --- the share file ("for my team lead") -----------------------------------------------------


def share_file(spec: Mapping[str, Any], answers: Mapping[str, int], options: Mapping[str, Any]) -> str:
    """The JSON text of a share file: one result's answers, no notes, no history; `options` has
    `shared_at` (ISO timestamp), and optionally `name` (only when the person typed one) and
    `self_assessment` (true: the team lead's own rating)."""
    shared_at = _timestamp(options.get("shared_at"))
    if shared_at is None:
        raise ScoringError("shared_at must be an ISO timestamp")
    given = _checked_answers(spec, dict(answers))
    if not given:
        raise ScoringError("a share file needs at least one answer")
    document: dict[str, Any] = {
        "format": SHARE_FORMAT,
        "version": SHARE_VERSION,
        "survey": spec["id"],
        "survey_version": spec["version"],
        "answers": {s["id"]: given[s["id"]] for s in spec["statements"] if s["id"] in given},
    }
    name = options.get("name")
    if name is not None and not isinstance(name, str):
        raise ScoringError("name must be text")
    name = " ".join((name or "").split())
    if _too_long(name, MAX_NAME):
        raise ScoringError(f"name is longer than {MAX_NAME} characters")
    if name:
        document["name"] = name
    if options.get("self_assessment") is True:
        document["self_assessment"] = True
    document["shared_at"] = shared_at
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_share_file(text: Any, specs: Sequence[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]], size: int | None = None) -> dict[str, Any]:
    """Check a share file against the site's survey specs; returns
    `{survey, survey_version, answers, name, self_assessment, shared_at}` or raises `FileRefused`."""
    by_id = _specs_by_id(specs)
    length = size if _is_int(size) else len(text.encode("utf-8")) if isinstance(text, str) else 0
    if length > MAX_SHARE_BYTES:
        raise FileRefused("team_refused_too_large", size=f"{length / 1024:.0f}", limit=MAX_SHARE_BYTES // 1024)
    if isinstance(text, str) and not text.strip():
        raise FileRefused("team_refused_empty")
    data = _json_object(text, "team_refused_not_json", "team_refused_other_program")
    file_format = data.get("format")
    if file_format == RESULTS_FORMAT:
        raise FileRefused("team_refused_personal_file")
    if file_format != SHARE_FORMAT:
        raise FileRefused("team_refused_other_program")
    version = data.get("version")
    if not _is_int(version) or version < 1:
        raise FileRefused("team_refused_damaged", field="version")
    if version > SHARE_VERSION:
        raise FileRefused("team_refused_newer_version", version=version, supported=SHARE_VERSION)

    survey = data.get("survey")
    if not isinstance(survey, str) or not survey:
        raise FileRefused("team_refused_damaged", field="survey")
    if survey not in by_id:
        raise FileRefused("team_refused_unknown_survey", survey=survey[:MAX_ID])
    spec = by_id[survey]
    survey_version = data.get("survey_version")
    if not _is_int(survey_version) or survey_version < 1:
        raise FileRefused("team_refused_damaged", field="survey_version")
    if survey_version > spec["version"]:
        raise FileRefused("team_refused_newer_survey", survey=spec.get("title", survey), version=survey_version, supported=spec["version"])

    shared_at = _timestamp(data.get("shared_at"))
    if shared_at is None:
        raise FileRefused("team_refused_damaged", field="shared_at")
    name = data.get("name")
    if name is not None and (not isinstance(name, str) or _too_long(name, MAX_NAME)):
        raise FileRefused("team_refused_damaged", field="name")
    self_assessment = data.get("self_assessment", False)
    if not isinstance(self_assessment, bool):
        raise FileRefused("team_refused_damaged", field="self_assessment")

    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise FileRefused("team_refused_damaged", field="answers")
    if not answers:
        raise FileRefused("team_refused_no_answers")
    try:
        given = _checked_answers(spec, answers)
    except ScoringError as error:
        raise FileRefused("team_refused_bad_answers", error=str(error)) from None
    if not given:
        raise FileRefused("team_refused_no_answers")
    return {
        "survey": survey,
        "survey_version": survey_version,
        "answers": given,
        "name": (" ".join(name.split()) or None) if isinstance(name, str) else None,
        "self_assessment": self_assessment,
        "shared_at": shared_at,
    }


# --- the personal results export (import on "my results") -------------------------------------


def read_results_file(text: Any, specs: Sequence[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Check an exported results file completely before anything is imported (the rules of the stored
    history, `okr1on1.stored_results`, which defines the format). Raises `FileRefused`."""
    from okr1on1 import stored_results  # it builds on this module's FileRefused

    return stored_results.read_results_file(text, specs)


# --- team snapshots (the lead's saved team figures, in localStorage) --------------------------


def _snapshot_of(team: Mapping[str, Any], saved_at: str, snapshot_id: str) -> dict[str, Any]:
    """Only the team figures shown on the page: no files, no names, nobody's answers."""
    summary = team["team"]
    return {
        "id": snapshot_id,
        "survey": team["survey"],
        "survey_version": team["version"],
        "saved_at": saved_at,
        "min_responses": team["min_responses"],
        "responses": team["responses"],
        "team": {key: summary[key] for key in ("n", "mean", "median", "sd", "favourable", "neutral", "unfavourable")},
        "statements": [{"id": item["id"], "n": item["n"], "mean": item["mean"]} for item in team["statements"]],
        "by_tag": {tag: {"n": item["n"], "mean": item["mean"]} for tag, item in team["by_tag"].items()},
    }


def _check_snapshot(snapshot: Any) -> dict[str, Any]:
    def number_or_none(value: Any) -> bool:
        return value is None or _is_number(value)

    def counted(item: Any) -> bool:
        return isinstance(item, dict) and _is_int(item.get("n")) and item["n"] >= 0 and number_or_none(item.get("mean"))

    if not isinstance(snapshot, dict):
        raise FileRefused("team_snapshots_unreadable", error="a snapshot is not an object")
    snapshot_id = snapshot.get("id")
    ok = (
        isinstance(snapshot_id, str)
        and 0 < len(snapshot_id) <= MAX_ID
        and isinstance(snapshot.get("survey"), str)
        and _is_int(snapshot.get("survey_version"))
        and _timestamp(snapshot.get("saved_at")) is not None
        and _is_int(snapshot.get("responses"))
        and _is_int(snapshot.get("min_responses"))
        and snapshot["min_responses"] >= MIN_RESPONSES
        and counted(snapshot.get("team"))
        and all(number_or_none(snapshot["team"].get(key)) for key in ("median", "sd", "favourable", "neutral", "unfavourable"))
        and isinstance(snapshot.get("statements"), list)
        and all(counted(item) and isinstance(item.get("id"), str) for item in snapshot["statements"])
        and isinstance(snapshot.get("by_tag"), dict)
        and all(counted(item) for item in snapshot["by_tag"].values())
    )
    if not ok:
        raise FileRefused("team_snapshots_unreadable", error=f"snapshot {str(snapshot_id)[:MAX_ID]!r} is incomplete")
    return snapshot


def read_snapshots(text: str | None) -> list[dict[str, Any]]:
    """The saved team snapshots, oldest first (`text` is the stored document, None when there is none)."""
    if text is None:
        return []
    try:
        data = loads(text)
    except JsonRefused:
        raise FileRefused("team_snapshots_unreadable", error="not JSON") from None
    if not isinstance(data, dict) or data.get("format") != SNAPSHOTS_FORMAT or not isinstance(data.get("snapshots"), list):
        raise FileRefused("team_snapshots_unreadable", error="not a snapshots document")
    version = data.get("version")
    if not _is_int(version) or version < 1 or version > SNAPSHOTS_VERSION:
        raise FileRefused("team_snapshots_unreadable", error=f"format version {version!r}")
    return [_check_snapshot(snapshot) for snapshot in data["snapshots"]]


def _snapshots_document(snapshots: list[dict[str, Any]]) -> str:
    ordered = sorted(snapshots, key=lambda snapshot: snapshot["saved_at"])
    return json.dumps({"format": SNAPSHOTS_FORMAT, "version": SNAPSHOTS_VERSION, "snapshots": ordered}, ensure_ascii=False, separators=(",", ":"))


def add_snapshot(text: str | None, team: Mapping[str, Any], saved_at: str, snapshot_id: str) -> str:
    """The complete new snapshots document with `team` (an `aggregate` result) added: the page writes
    it with one `setItem`. A withheld team is not saved; an unreadable document is never overwritten."""
    if not isinstance(team, Mapping) or not all(key in team for key in ("survey", "version", "team", "statements", "by_tag")):
        raise ScoringError("team is not a team result")
    if team.get("withheld"):
        raise ScoringError(f"a withheld team result is not saved ({team.get('reason')})")
    moment = _timestamp(saved_at)
    if moment is None or not isinstance(snapshot_id, str) or not 0 < len(snapshot_id) <= MAX_ID:
        raise ScoringError("a snapshot needs an id and an ISO timestamp")
    snapshots = read_snapshots(text)
    if any(snapshot["id"] == snapshot_id for snapshot in snapshots):
        raise ScoringError(f"snapshot {snapshot_id!r} exists already")
    return _snapshots_document([*snapshots, _snapshot_of(team, moment, snapshot_id)])


def remove_snapshot(text: str | None, snapshot_id: str) -> str:
    """The complete new snapshots document without `snapshot_id`."""
    return _snapshots_document([snapshot for snapshot in read_snapshots(text) if snapshot["id"] != snapshot_id])


# --- the team view ---------------------------------------------------------------------------


def _identity(read: Mapping[str, Any]) -> str:
    """Two files with the same identity are the same response, whatever the files are called."""
    fields = ("survey", "survey_version", "shared_at", "name", "self_assessment")
    return json.dumps([*(read[key] for key in fields), sorted(read["answers"].items())])


def _own_target(spec: Mapping[str, Any], marked_self: bool) -> str | None:
    """The team survey an own rating of `spec` is compared with; None when `spec` is a team survey's response."""
    if spec.get("self_assessment_of"):
        return str(spec["self_assessment_of"])
    return str(spec["id"]) if marked_self else None


def team_view(
    specs: Sequence[Mapping[str, Any]],
    files: Sequence[Mapping[str, Any]],
    own: Mapping[str, Any] | None = None,
    snapshots_text: str | None = None,
    baselines: Mapping[str, str] | None = None,
    min_responses: int = MIN_RESPONSES,
) -> dict[str, Any]:
    """Everything the team page shows, from what the lead loaded: `files` are `{name, size, text}` in
    the order they were loaded; `own` is an own rating picked from the lead's history
    (`{survey, answers, label}`), which wins over an own-rating file; `snapshots_text` the stored
    snapshots document; `baselines` the snapshot id chosen per survey (default: the newest).

    Files are refused with a reason (see `read_share_file`), plus: the same response twice, the same
    name twice within a survey, and a second own rating. Each survey with accepted files gets its
    `aggregate` (withheld below `min_responses`), the gap to the own rating, and the change since a snapshot.
    """
    by_id = _specs_by_id(specs)
    baselines = baselines or {}
    report: list[dict[str, Any]] = []
    team_answers: dict[str, list[dict[str, int]]] = {}
    seen: dict[str, str] = {}
    names: dict[tuple[str, str], str] = {}
    own_file: dict[str, Any] | None = None

    for position, file in enumerate(files):
        name = str(file.get("name") or f"#{position + 1}")
        entry: dict[str, Any] = {"name": name, "accepted": False, "survey": None, "role": None, "person": None, "reason": None, "values": {}}
        report.append(entry)
        try:
            read = read_share_file(file.get("text"), by_id, file.get("size"))
            identity = _identity(read)
            if identity in seen:
                raise FileRefused("team_refused_duplicate", other=seen[identity])
            spec = by_id[read["survey"]]
            target = _own_target(spec, read["self_assessment"])
            if target is not None:
                if own_file is not None:
                    raise FileRefused("team_refused_second_own", other=own_file["name"])
                own_file = {"name": name, "survey": read["survey"], "answers": read["answers"], "target": target}
            else:
                person = (read["name"] or "").casefold()
                if person and (read["survey"], person) in names:
                    raise FileRefused("team_refused_duplicate_name", person=read["name"], other=names[(read["survey"], person)])
                if person:
                    names[(read["survey"], person)] = name
                team_answers.setdefault(read["survey"], []).append(read["answers"])
            seen[identity] = name
            entry.update(accepted=True, survey=read["survey"], role="team" if target is None else "own", person=read["name"])
        except FileRefused as refused:
            entry.update(reason=refused.reason, values=refused.values)

    own_view: dict[str, Any] | None = None
    if own is not None:
        spec = by_id.get(str(own.get("survey")))
        if spec is None:
            raise ScoringError(f"unknown survey '{own.get('survey')}' for the own rating")
        answers = {key: value for key, value in dict(own.get("answers") or {}).items() if key in {s["id"] for s in spec["statements"]}}
        own_view = {"source": "history", "label": str(own.get("label") or ""), "survey": spec["id"], "team_survey": _own_target(spec, True),
                    "result": score(spec, answers)}
    elif own_file is not None:
        spec = by_id[own_file["survey"]]
        own_view = {"source": "file", "label": own_file["name"], "survey": spec["id"], "team_survey": own_file["target"],
                    "result": score(spec, own_file["answers"])}

    snapshots_problem = None
    try:
        snapshots = read_snapshots(snapshots_text)
    except FileRefused as refused:
        snapshots, snapshots_problem = [], {"reason": refused.reason, "values": refused.values}

    surveys = []
    for spec_id, spec in by_id.items():
        answer_sets = team_answers.get(spec_id, [])
        if not answer_sets and not (own_view and own_view["team_survey"] == spec_id):
            continue
        team = aggregate(spec, [score(spec, answers) for answers in answer_sets], min_responses)
        own_snapshots = sorted((s for s in snapshots if s["survey"] == spec_id), key=lambda s: s["saved_at"], reverse=True)
        chosen = baselines.get(spec_id)
        baseline = next((s for s in own_snapshots if s["id"] == chosen), own_snapshots[0] if own_snapshots else None)
        surveys.append({
            "survey": spec_id,
            "title": spec.get("title", spec_id),
            "responses": len(answer_sets),
            "aggregate": team,
            "gap": self_gap(own_view["result"], team) if own_view and own_view["team_survey"] == spec_id else None,
            "snapshots": [{"id": s["id"], "saved_at": s["saved_at"], "responses": s["responses"], "mean": s["team"]["mean"]} for s in own_snapshots],
            "baseline": None if baseline is None else {**baseline, "change": compare_teams(baseline, team)},
            "can_save": not team["withheld"],
        })

    return {
        "min_responses": min_responses,
        "files": report,
        "accepted": sum(1 for entry in report if entry["accepted"]),
        "refused": sum(1 for entry in report if not entry["accepted"]),
        "own": own_view,
        "surveys": surveys,
        "snapshots_problem": snapshots_problem,
    }
