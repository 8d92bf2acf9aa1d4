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

from okr1on1 import team_privacy as privacy
from okr1on1.bounded_json import JsonRefused, loads, utf16_length
from okr1on1.scoring import MIN_RESPONSES, ScoringError, aggregate, compare_teams, is_int, is_number, score, self_gap

__all__ = [
    "FileRefused",
    "add_snapshot",
    "collect_view",
    "read_results_file",
    "read_share_file",
    "read_snapshots",
    "record_bundle",
    "remove_snapshot",
    "share_file",
    "team_view",
]

SHARE_FORMAT = "okr1on1-team-share"
SHARE_VERSION = 2  # 2: a respondent id and a mode (open or anonymous); version 1 files are refused
SHARE_MODES = ("open", "anonymous")
SEALED_FORMAT = "okr1on1-sealed"  # sealed in the browser (sealed.js); the page opens it before the engine sees it
SNAPSHOTS_FORMAT = "okr1on1-team-snapshots"
SNAPSHOTS_VERSION = 2  # 2: each snapshot keeps the response tokens of its figures (version 1 is still read)

MAX_SHARE_BYTES = 64 * 1024  # a share file of the longest survey is well under 2 KB
MAX_NAME = 80  # UTF-16 code units, as the name field's maxlength counts
MAX_ID = 100
MIN_SECRET = 16


class FileRefused(ValueError):
    """A file (or stored document) that cannot be used; `reason` names the widget text that says why."""

    def __init__(self, reason: str, **values: Any) -> None:
        super().__init__(f"{reason}: {values}" if values else reason)
        self.reason = reason
        self.values = {key: value if isinstance(value, int) and not isinstance(value, bool) else str(value) for key, value in values.items()}


# --- small checks ----------------------------------------------------------------------------


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
    """The JSON text of a share file: one result's answers, no notes, no history. `options`:
    `mode` ("open": a named file for the team lead; "anonymous": for a collector, no name, the day only),
    `respondent_secret` (the random secret this browser keeps; the file gets an id derived from it, so
    re-exports of one person count once), `shared_at` (ISO timestamp), and in open mode optionally
    `name` (only when the person typed one) and `self_assessment` (true: the team lead's own rating)."""
    mode = options.get("mode")
    if mode not in SHARE_MODES:
        raise ScoringError(f"mode must be one of {', '.join(SHARE_MODES)}")
    secret = options.get("respondent_secret")
    if not isinstance(secret, str) or not MIN_SECRET <= len(secret) <= MAX_ID:
        raise ScoringError(f"respondent_secret must be text of {MIN_SECRET} to {MAX_ID} characters")
    shared_at = _timestamp(options.get("shared_at"))
    if shared_at is None:
        raise ScoringError("shared_at must be an ISO timestamp")
    given = _checked_answers(spec, dict(answers))
    if not given:
        raise ScoringError("a share file needs at least one answer")
    document: dict[str, Any] = {
        "format": SHARE_FORMAT,
        "version": SHARE_VERSION,
        "mode": mode,
        "survey": spec["id"],
        "survey_version": spec["version"],
        "respondent": privacy.respondent_id(secret, mode),
        "answers": {s["id"]: given[s["id"]] for s in spec["statements"] if s["id"] in given},
    }
    if mode == "anonymous":
        document["shared_on"] = shared_at[:10]
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    name = options.get("name")
    if name is not None and not isinstance(name, str):
        raise ScoringError("name must be text")
    name = privacy.normalised_name(name or "")
    if _too_long(name, MAX_NAME):
        raise ScoringError(f"name is longer than {MAX_NAME} characters")
    if name:
        document["name"] = name
    if options.get("self_assessment") is True:
        document["self_assessment"] = True
    document["shared_at"] = shared_at
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _team_file(text: Any, size: int | None, limit: int) -> dict[str, Any]:
    """The JSON object of a file loaded on the team page, refused when empty, too large or not JSON."""
    length = size if is_int(size) else len(text.encode("utf-8")) if isinstance(text, str) else 0
    if length > limit:
        raise FileRefused("team_refused_too_large", size=f"{length / 1024:.0f}", limit=limit // 1024)
    if isinstance(text, str) and not text.strip():
        raise FileRefused("team_refused_empty")
    return _json_object(text, "team_refused_not_json", "team_refused_other_program")


def _version_and_spec(data: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]], supported: int) -> Mapping[str, Any]:
    version = data.get("version")
    if not is_int(version) or version < 1:
        raise FileRefused("team_refused_damaged", field="version")
    if version > supported:
        raise FileRefused("team_refused_newer_version", version=version, supported=supported)
    survey = data.get("survey")
    if not isinstance(survey, str) or not survey:
        raise FileRefused("team_refused_damaged", field="survey")
    if survey not in by_id:
        raise FileRefused("team_refused_unknown_survey", survey=survey[:MAX_ID])
    spec = by_id[survey]
    survey_version = data.get("survey_version")
    if not is_int(survey_version) or survey_version < 1:
        raise FileRefused("team_refused_damaged", field="survey_version")
    if survey_version > spec["version"]:
        raise FileRefused("team_refused_newer_survey", survey=spec.get("title", survey), version=survey_version, supported=spec["version"])
    return spec


def read_share_file(text: Any, specs: Sequence[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]], size: int | None = None) -> dict[str, Any]:
    """Check a share file against the site's survey specs; returns `{survey, survey_version, mode,
    respondent, answers, name, self_assessment, when}` (`when`: the timestamp, or the day of an
    anonymous file) or raises `FileRefused`."""
    # The personal history's format, which stored_results owns (imported here: it builds on this module).
    from okr1on1.stored_results import FORMAT as RESULTS_FORMAT

    by_id = _specs_by_id(specs)
    data = _team_file(text, size, MAX_SHARE_BYTES)
    file_format = data.get("format")
    if file_format == RESULTS_FORMAT:
        raise FileRefused("team_refused_personal_file")
    if file_format in (privacy.BUNDLE_FORMAT, SEALED_FORMAT):
        raise FileRefused("team_refused_not_a_share_file")
    if file_format != SHARE_FORMAT:
        raise FileRefused("team_refused_other_program")
    if data.get("version") == 1:
        raise FileRefused("team_refused_old_share_file")
    spec = _version_and_spec(data, by_id, SHARE_VERSION)
    survey, survey_version = spec["id"], data["survey_version"]

    mode = data.get("mode")
    if mode not in SHARE_MODES:
        raise FileRefused("team_refused_damaged", field="mode")
    respondent = data.get("respondent")
    if not isinstance(respondent, str) or not 0 < len(respondent) <= MAX_ID:
        raise FileRefused("team_refused_damaged", field="respondent")
    if mode == "anonymous":
        when = data.get("shared_on")
        if not isinstance(when, str) or len(when) != 10 or _timestamp(when) is None:
            raise FileRefused("team_refused_damaged", field="shared_on")
        name, self_assessment = None, False
    else:
        when = _timestamp(data.get("shared_at"))
        if when is None:
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
        "mode": mode,
        "respondent": respondent,
        "answers": given,
        "name": (privacy.normalised_name(name) or None) if isinstance(name, str) else None,
        "self_assessment": self_assessment,
        "when": when,
    }


def read_bundle_file(text: Any, specs: Sequence[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]], size: int | None = None) -> dict[str, Any]:
    """Check a team bundle; returns `team_privacy.read_bundle`'s figures with `survey`, or raises `FileRefused`."""
    by_id = _specs_by_id(specs)
    data = _team_file(text, size, privacy.MAX_BUNDLE_BYTES)
    if data.get("format") != privacy.BUNDLE_FORMAT:
        raise FileRefused("team_refused_other_program")
    spec = _version_and_spec(data, by_id, privacy.BUNDLE_VERSION)
    try:
        bundle = privacy.read_bundle(data, spec)
    except privacy.BundleDamaged as damaged:
        raise FileRefused("team_refused_damaged", field=str(damaged)) from None
    return {**bundle, "survey": spec["id"], "survey_version": data["survey_version"]}


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
        # the response tokens of each figure shown: the no-differencing rule compares later views with them
        "figures": {key: sorted(tokens) for key, tokens in team["figures"].items()},
    }


def _token_sets(figures: Any) -> bool:
    return isinstance(figures, dict) and all(
        isinstance(key, str) and isinstance(tokens, list) and all(isinstance(token, str) for token in tokens) for key, tokens in figures.items()
    )


def _check_snapshot(snapshot: Any) -> dict[str, Any]:
    def number_or_none(value: Any) -> bool:
        return value is None or is_number(value)

    def counted(item: Any) -> bool:
        return isinstance(item, dict) and is_int(item.get("n")) and item["n"] >= 0 and number_or_none(item.get("mean"))

    if not isinstance(snapshot, dict):
        raise FileRefused("team_snapshots_unreadable", error="a snapshot is not an object")
    snapshot_id = snapshot.get("id")
    ok = (
        isinstance(snapshot_id, str)
        and 0 < len(snapshot_id) <= MAX_ID
        and isinstance(snapshot.get("survey"), str)
        and is_int(snapshot.get("survey_version"))
        and _timestamp(snapshot.get("saved_at")) is not None
        and is_int(snapshot.get("responses"))
        and is_int(snapshot.get("min_responses"))
        and snapshot["min_responses"] >= MIN_RESPONSES
        and counted(snapshot.get("team"))
        and all(number_or_none(snapshot["team"].get(key)) for key in ("median", "sd", "favourable", "neutral", "unfavourable"))
        and isinstance(snapshot.get("statements"), list)
        and all(counted(item) and isinstance(item.get("id"), str) for item in snapshot["statements"])
        and isinstance(snapshot.get("by_tag"), dict)
        and all(counted(item) for item in snapshot["by_tag"].values())
        and (snapshot.get("figures") is None or _token_sets(snapshot["figures"]))
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
    if not is_int(version) or version < 1 or version > SNAPSHOTS_VERSION:
        raise FileRefused("team_snapshots_unreadable", error=f"format version {version!r}")
    # A version 1 snapshot has no tokens: its figures are shown, but nothing is compared with them.
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
    if not _token_sets(team.get("figures")):
        raise ScoringError("team is not a team result of the team view (it has no figures)")
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


def _own_target(spec: Mapping[str, Any], marked_self: bool) -> str | None:
    """The team survey an own rating of `spec` is compared with; None when `spec` is a team survey's response."""
    if spec.get("self_assessment_of"):
        return str(spec["self_assessment_of"])
    return str(spec["id"]) if marked_self else None


def _read_files(files: Sequence[Mapping[str, Any]], by_id: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each loaded file read: `{entry, kind: "share" | "bundle" | None, read}`; `entry` is its row of the
    page's file list. A sealed file the page could not open (`sealed: "no_key"`) is refused here."""
    rows = []
    for position, file in enumerate(files):
        name = str(file.get("name") or f"#{position + 1}")
        entry: dict[str, Any] = {"name": name, "accepted": False, "survey": None, "role": None, "person": None,
                                 "sealed": file.get("sealed") == "opened", "reason": None, "values": {}}
        row: dict[str, Any] = {"entry": entry, "kind": None, "read": None, "position": position}
        rows.append(row)
        try:
            if file.get("sealed") == "no_key":
                raise FileRefused("team_refused_sealed_no_key")
            text = file.get("text")
            is_bundle = isinstance(text, str) and f'"{privacy.BUNDLE_FORMAT}"' in text[:200]
            row["read"] = read_bundle_file(text, by_id, file.get("size")) if is_bundle else read_share_file(text, by_id, file.get("size"))
            row["kind"] = "bundle" if is_bundle else "share"
            entry["survey"] = row["read"]["survey"]
        except FileRefused as refused:
            entry.update(reason=refused.reason, values=refused.values)
    return rows


def _refuse(row: dict[str, Any], reason: str, **values: Any) -> None:
    refused = FileRefused(reason, **values)
    row["entry"].update(accepted=False, reason=refused.reason, values=refused.values)
    row["kind"] = None


def _newest_per_respondent(rows: Sequence[dict[str, Any]]) -> None:
    """Re-exports of one person (one respondent id per survey) count once: the newest file wins; the same
    response twice is a duplicate, an older one is replaced."""
    newest: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        if row["kind"] != "share":
            continue
        key = (row["read"]["survey"], row["read"]["respondent"])
        kept = newest.get(key)
        if kept is None or row["read"]["when"] > kept["read"]["when"]:  # a tie: the file loaded first stays
            newest[key] = row
    for row in rows:
        if row["kind"] != "share":
            continue
        kept = newest[(row["read"]["survey"], row["read"]["respondent"])]
        if kept is not row:
            same = row["read"]["answers"] == kept["read"]["answers"]
            _refuse(row, "team_refused_duplicate" if same else "team_refused_replaced", other=kept["entry"]["name"])


def _check_threshold(min_responses: Any) -> None:
    if not is_int(min_responses) or min_responses < MIN_RESPONSES:
        raise ScoringError(f"min_responses must be a whole number and is never lower than {MIN_RESPONSES}")


def _files_report(min_responses: int, report: list[dict[str, Any]]) -> dict[str, Any]:
    """The part of a view that says what became of each loaded file."""
    accepted = sum(1 for entry in report if entry["accepted"])
    return {"min_responses": min_responses, "files": report, "accepted": accepted, "refused": len(report) - accepted}


def _token(read: Mapping[str, Any]) -> str:
    return privacy.response_token(read["survey"], read["respondent"], read["answers"])


def _snapshot_figures(snapshots: Sequence[Mapping[str, Any]]) -> dict[str, list[list[str]]]:
    merged: dict[str, list[list[str]]] = {}
    for snapshot in snapshots:
        for key, tokens in (snapshot.get("figures") or {}).items():
            merged.setdefault(key, []).append(tokens)
    return merged


def team_view(
    specs: Sequence[Mapping[str, Any]],
    files: Sequence[Mapping[str, Any]],
    own: Mapping[str, Any] | None = None,
    snapshots_text: str | None = None,
    baselines: Mapping[str, str] | None = None,
    min_responses: int = MIN_RESPONSES,
    released: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the team lead's page shows, from what the lead loaded: `files` are `{name, size, text,
    sealed?}` in the order they were loaded (open share files and team bundles); `own` is an own rating
    picked from the lead's history (`{survey, answers, label}`), which wins over an own-rating file;
    `snapshots_text` the stored snapshots document; `baselines` the snapshot id chosen per survey
    (default: the newest); `released` what this page showed before (the `released` of the last view).

    Files are refused with a reason (see `read_share_file`), plus: anonymous files (they go to a
    collector), an older export of the same person (the newest wins), the same name twice within a
    survey, a second own rating, a second bundle of a survey, files and a bundle of one survey mixed.
    Each survey gets its team figures under `team_privacy`'s rule (withheld below `min_responses`
    people, and where they would tell one person's answers apart from figures shown before), the gap to
    the own rating, and the change since a snapshot.
    """
    _check_threshold(min_responses)
    by_id = _specs_by_id(specs)
    baselines = baselines or {}
    memory = privacy.checked_released(released)
    rows = _read_files(files, by_id)
    for row in rows:
        if row["kind"] == "share" and row["read"]["mode"] == "anonymous":
            _refuse(row, "team_refused_anonymous")
    _newest_per_respondent(rows)

    bundles: dict[str, dict[str, Any]] = {}
    team_rows: dict[str, list[dict[str, Any]]] = {}
    names: dict[tuple[str, str], str] = {}
    own_file: dict[str, Any] | None = None
    for row in rows:
        entry, read = row["entry"], row["read"]
        if row["kind"] == "bundle":
            if read["survey"] in bundles:
                _refuse(row, "team_refused_second_bundle", other=bundles[read["survey"]]["name"])
            elif read["survey"] in team_rows:
                _refuse(row, "team_refused_mixed")
            else:
                bundles[read["survey"]] = {**read, "name": entry["name"]}
                entry.update(accepted=True, role="bundle")
            continue
        if row["kind"] != "share":
            continue
        spec = by_id[read["survey"]]
        target = _own_target(spec, read["self_assessment"])
        if target is not None:
            if own_file is not None:
                _refuse(row, "team_refused_second_own", other=own_file["name"])
                continue
            own_file = {"name": entry["name"], "survey": read["survey"], "answers": read["answers"], "target": target}
            entry.update(accepted=True, role="own", person=read["name"])
            continue
        if read["survey"] in bundles:
            _refuse(row, "team_refused_mixed")
            continue
        person = privacy.same_name_key(read["name"] or "")
        if person and (read["survey"], person) in names:
            _refuse(row, "team_refused_duplicate_name", person=read["name"], other=names[(read["survey"], person)])
            continue
        if person:
            names[(read["survey"], person)] = entry["name"]
        team_rows.setdefault(read["survey"], []).append(read)
        entry.update(accepted=True, role="team", person=read["name"])
    report = [row["entry"] for row in rows]

    own_view: dict[str, Any] | None = None
    if own is not None:
        own_spec = by_id.get(str(own.get("survey")))
        if own_spec is None:
            raise ScoringError(f"unknown survey '{own.get('survey')}' for the own rating")
        answers = {key: value for key, value in dict(own.get("answers") or {}).items() if key in {s["id"] for s in own_spec["statements"]}}
        own_view = {"source": "history", "label": str(own.get("label") or ""), "survey": own_spec["id"], "team_survey": _own_target(own_spec, True),
                    "result": score(own_spec, answers)}
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
        reads = team_rows.get(spec_id, [])
        bundle = bundles.get(spec_id)
        if not reads and bundle is None and not (own_view and own_view["team_survey"] == spec_id):
            continue
        own_snapshots = sorted((s for s in snapshots if s["survey"] == spec_id), key=lambda s: s["saved_at"], reverse=True)
        if bundle is not None:
            sets = privacy.bundle_sets(bundle)
            figures = privacy.bundle_aggregate(spec, bundle, max(min_responses, bundle["min_responses"]))
            responses = len(bundle["respondents"])
        else:
            scored = [(_token(read), score(spec, read["answers"])) for read in reads]
            sets = privacy.figure_sets(spec, scored)
            figures = aggregate(spec, [result for _, result in scored], min_responses)
            responses = len(reads)
        earlier = privacy.merge_earlier(memory.get(spec_id, {}), _snapshot_figures(own_snapshots))
        verdicts = privacy.judge(sets, earlier, min_responses)
        team = privacy.apply_verdicts(figures, verdicts, min_responses)
        shown = privacy.shown_sets(sets, verdicts)
        team["figures"] = shown
        memory = privacy.add_released(memory, spec_id, shown)
        chosen = baselines.get(spec_id)
        baseline = next((s for s in own_snapshots if s["id"] == chosen), own_snapshots[0] if own_snapshots else None)
        if baseline is not None:
            # Without its tokens (a version 1 snapshot) a snapshot cannot be checked: nothing is compared with it.
            change = compare_teams(baseline, team) if baseline.get("figures") is not None else None
            baseline = {**baseline, "change": change, "change_why": None if change is not None else "unknown_people"}
        surveys.append({
            "survey": spec_id,
            "title": spec.get("title", spec_id),
            "source": "bundle" if bundle is not None else "files",
            "bundle_made_on": bundle["made_on"] if bundle is not None else None,
            "responses": responses,
            "aggregate": team,
            "gap": self_gap(own_view["result"], team) if own_view and own_view["team_survey"] == spec_id else None,
            "snapshots": [{"id": s["id"], "saved_at": s["saved_at"], "responses": s["responses"], "mean": s["team"]["mean"]} for s in own_snapshots],
            "baseline": baseline,
            "can_save": not team["withheld"],
        })

    return {
        **_files_report(min_responses, report),
        "own": own_view,
        "surveys": surveys,
        "snapshots_problem": snapshots_problem,
        "released": memory,
    }


# --- the collector's view: anonymous files in, a team bundle out -------------------------------------


def collect_view(
    specs: Sequence[Mapping[str, Any]],
    files: Sequence[Mapping[str, Any]],
    min_responses: int = MIN_RESPONSES,
    releases_text: str | None = None,
    made_on: str = "",
) -> dict[str, Any]:
    """What the collector's page shows: which anonymous files count (the newest per person), and per
    survey the number of people, how many statements reach `min_responses`, and the team bundle to hand
    to the lead (`bundle`, JSON text) or why there is none (`why`: "too_few", or "differencing" when it
    would tell a person's answers apart from a bundle made before, recorded in `releases_text`). No
    answers and no figures: the collector sees counts only."""
    _check_threshold(min_responses)
    day = _timestamp(made_on)
    if day is None:
        raise ScoringError("made_on must be an ISO date")
    by_id = _specs_by_id(specs)
    try:
        releases, releases_problem = privacy.read_releases(releases_text), None
    except ScoringError as error:
        releases, releases_problem = None, str(error)
    rows = _read_files(files, by_id)
    for row in rows:
        if row["kind"] == "bundle":
            _refuse(row, "team_refused_bundle_for_lead")
        elif row["kind"] == "share" and row["read"]["mode"] == "open":
            _refuse(row, "team_refused_open_for_lead")
    _newest_per_respondent(rows)
    reads: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["kind"] == "share":
            reads.setdefault(row["read"]["survey"], []).append(row["read"])
            row["entry"].update(accepted=True, role="anonymous")
    report = [row["entry"] for row in rows]

    surveys = []
    for spec_id, spec in by_id.items():
        if spec_id not in reads:
            continue
        scored = [(_token(read), score(spec, read["answers"])) for read in reads[spec_id]]
        sets = privacy.figure_sets(spec, scored)
        verdicts = privacy.judge(sets, (releases or {}).get(spec_id, {}), min_responses)
        bundle = None
        if verdicts[privacy.TEAM] is None and releases is not None:
            bundle = json.dumps(privacy.make_bundle(spec, scored, verdicts, min_responses, day[:10]), separators=(",", ":")) + "\n"
        surveys.append({
            "survey": spec_id,
            "title": spec.get("title", spec_id),
            "responses": len(scored),
            "statements": len(spec["statements"]),
            "statements_shown": sum(1 for s in spec["statements"] if len(sets[f"s:{s['id']}"]) >= min_responses),
            "bundle": bundle,
            "file_name": f"okr1on1-team-bundle-{spec_id}-{day[:10]}.json",
            "why": verdicts[privacy.TEAM] if releases is not None else "record_unreadable",
        })
    return {
        **_files_report(min_responses, report),
        "surveys": surveys,
        "releases_problem": releases_problem,
    }


def record_bundle(releases_text: str | None, bundle_text: str) -> str:
    """The collector's new record (one document, written with one `setItem`) with the figures of
    `bundle_text` added, so that no later bundle can be told apart from it by fewer than the threshold."""
    releases = privacy.read_releases(releases_text)
    data = json.loads(bundle_text)
    if not isinstance(data, dict) or data.get("format") != privacy.BUNDLE_FORMAT:
        raise ScoringError("not a team bundle")
    sets = privacy.bundle_sets(data)
    return privacy.releases_document(privacy.add_released(releases, str(data["survey"]), sets))
