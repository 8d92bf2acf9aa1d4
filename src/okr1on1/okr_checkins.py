"""A person's own OKRs and their weekly check-ins: the stored format and every rule that scores them.

Standard library only (and `results_files`' FileRefused), valid on Python 3.12 to 3.14: the same file
runs in CPython (tests) and in Pyodide (in the engine's wheel; the worker calls it through `engine_calls`). The page
keeps the document as text in localStorage; every change is made here (`save_quarter`, `save_checkin`,
`close_quarter`, `merge`, ...) and comes back as the complete new text, which the page writes with one
`setItem` (so a failed write leaves the previous text as it was). STORAGE.md documents the format.

Rules (the page explains them with these constants, which it gets from `RULES`):

- Progress of a key result, 0.0–1.0: a metric goes linearly from its start to its target (either
  direction), clamped; a milestone is 0 until done, then 1. Before any check-in it is 0; a check-in that
  leaves a key result out carries its last value forward.
- Progress of an objective: the mean of its key results.
- Expected progress: the share of the quarter's days elapsed by the end of the check-in's ISO week.
- Status of a key result: *off track* when its progress lags the expected progress by more than
  `OFF_TRACK_GAP` or its confidence is at most `OFF_TRACK_CONFIDENCE`; else *at risk* when it lags by more
  than `AT_RISK_GAP` or its confidence is at most `AT_RISK_CONFIDENCE`; else *on track*.
- Alerts (talk about these first): confidence down by `CONFIDENCE_DROP` or more since the previous
  check-in; confidence down two check-ins running; no check-in for `QUIET_WEEKS` weeks (or more) while
  the quarter runs; a committed objective whose progress, extrapolated at its pace so far, ends the
  quarter below `COMMITTED_PROJECTION`.
- Grade at quarter end, per key result 0.0–1.0 in steps of 0.1 (suggested: its progress); an objective's
  grade is the mean. An aspirational objective counts as a success from `ASPIRATIONAL_SUCCESS` (about
  0.7), a committed one only at `COMMITTED_SUCCESS` (1.0).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from okr1on1 import bounded_json
from okr1on1.results_files import FileRefused
from okr1on1.scoring import is_int

__all__ = [
    "RULES",
    "OkrRefused",
    "close_quarter",
    "delete_quarter",
    "export_document",
    "latest_summary",
    "merge",
    "quarter_view",
    "read_document",
    "save_checkin",
    "save_quarter",
    "summary_markdown",
]

STORAGE_KEY = "okr1on1.okrs"  # the one localStorage key the page keeps the document under
FORMAT = "okr1on1-okrs"
VERSION = 1
MAX_OBJECTIVES = 5
MAX_KEY_RESULTS = 5
MAX_QUARTERS = 40
MAX_TITLE = 200
MAX_UNIT = 20
MAX_NOTE = 1000
MAX_LESSON = 300
CONFIDENCE_MIN, CONFIDENCE_MAX = 1, 10  # tip 5: confidence on a 1–10 scale
GRADE_MIN, GRADE_MAX, GRADE_STEP = 0.0, 1.0, 0.1  # a key result's grade at the close, to one decimal
MAX_ID = 100
MAX_DOCUMENT_CHARS = 2_000_000
MAX_QUARTER_DAYS = 120  # a quarter, with room for a 4-4-5 calendar's long one

AT_RISK_GAP = 0.1
OFF_TRACK_GAP = 0.3
AT_RISK_CONFIDENCE = 5
OFF_TRACK_CONFIDENCE = 3
CONFIDENCE_DROP = 2
QUIET_WEEKS = 2
COMMITTED_PROJECTION = 0.7
ASPIRATIONAL_SUCCESS = 0.7
COMMITTED_SUCCESS = 1.0

RULES: dict[str, Any] = {
    "max_objectives": MAX_OBJECTIVES,
    "max_key_results": MAX_KEY_RESULTS,
    "confidence_min": CONFIDENCE_MIN,
    "confidence_max": CONFIDENCE_MAX,
    "grade_min": GRADE_MIN,
    "grade_max": GRADE_MAX,
    "grade_step": GRADE_STEP,
    "at_risk_gap": AT_RISK_GAP,
    "off_track_gap": OFF_TRACK_GAP,
    "at_risk_confidence": AT_RISK_CONFIDENCE,
    "off_track_confidence": OFF_TRACK_CONFIDENCE,
    "confidence_drop": CONFIDENCE_DROP,
    "quiet_weeks": QUIET_WEEKS,
    "committed_projection": COMMITTED_PROJECTION,
    "aspirational_success": ASPIRATIONAL_SUCCESS,
    "committed_success": COMMITTED_SUCCESS,
    "max_title": MAX_TITLE,
    "max_unit": MAX_UNIT,
    "max_note": MAX_NOTE,
    "max_lesson": MAX_LESSON,
}

KINDS = ("committed", "aspirational")
BETTER = ("higher", "lower")


class OkrRefused(FileRefused):
    """Input (a form, a stored or imported document) that cannot be used; `reason` names the page text
    (a key of content/ui/okrs.yaml without `okrs.`) that says why, `values` fill it in."""


# --- small checks ----------------------------------------------------------------------------


def _number(value: Any) -> float | None:
    if is_int(value) or isinstance(value, float):
        number = float(value)
        return number if math.isfinite(number) else None
    return None


def _text(value: Any, limit: int, field: str, required: bool = False) -> str:
    """A text field, trimmed; titles, units and lessons (up to MAX_LESSON) are one line."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise OkrRefused("bad_field", field=field)
    text = " ".join(value.split()) if limit <= MAX_LESSON else value.strip()
    if required and not text:
        raise OkrRefused("missing_field", field=field)
    if len(text) > limit:
        raise OkrRefused("too_long", field=field, limit=limit)
    return text


def _id(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_ID or any(c.isspace() for c in value):
        raise OkrRefused("bad_field", field=field)
    return value


def _day(value: Any, field: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10]) if len(value) >= 10 else date.fromisoformat(value)
        except ValueError:
            pass
    raise OkrRefused("bad_field", field=field)


def _timestamp(value: Any, field: str) -> str:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    raise OkrRefused("bad_field", field=field)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(week: str) -> date:
    try:
        year, number = week.split("-W")
        return date.fromisocalendar(int(year), int(number), 1)
    except (ValueError, AttributeError):
        raise OkrRefused("bad_field", field="week") from None


def this_quarter(today: date) -> dict[str, str]:
    """The calendar quarter holding `today`: the set-up form's default."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    end = date(today.year + (first_month == 10), 1 if first_month == 10 else first_month + 3, 1) - timedelta(days=1)
    return {"start": start.isoformat(), "end": end.isoformat(), "name": f"Q{(first_month + 2) // 3} {today.year}"}


def _next_quarter(quarter: Mapping[str, Any]) -> dict[str, str]:
    return this_quarter(date.fromisoformat(quarter["end"]) + timedelta(days=1))


# --- the stored format: one quarter ----------------------------------------------------------


def _untitled(data: Mapping[str, Any]) -> bool:
    return not isinstance(data.get("title"), str) or not data["title"].strip()


def _key_result(data: Any, where: str, objective: int, number: int) -> dict[str, Any]:
    """Key result `number` of objective `objective` (both from 1: the error names them as the form does)."""
    if not isinstance(data, dict):
        raise OkrRefused("bad_field", field=where)
    if _untitled(data):
        raise OkrRefused("untitled_key_result", objective=objective, key_result=number)
    kind = data.get("type")
    result: dict[str, Any] = {
        "id": _id(data.get("id"), f"{where}.id"),
        "title": _text(data.get("title"), MAX_TITLE, f"{where}.title", required=True),
        "type": kind,
    }
    if kind == "milestone":
        return result
    if kind != "metric":
        raise OkrRefused("bad_field", field=f"{where}.type")
    start, target = _number(data.get("start")), _number(data.get("target"))
    if start is None:
        raise OkrRefused("missing_start", title=result["title"])
    if target is None:
        raise OkrRefused("missing_target", title=result["title"])
    better = data.get("better")
    if better not in BETTER:
        raise OkrRefused("bad_field", field=f"{where}.better")
    if (better == "higher" and not target > start) or (better == "lower" and not target < start):
        raise OkrRefused(f"target_{better}", title=result["title"])
    result.update(start=start, target=target, unit=_text(data.get("unit"), MAX_UNIT, f"{where}.unit"), better=better)
    return result


def _objective(data: Any, where: str, number: int) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise OkrRefused("bad_field", field=where)
    if _untitled(data):
        raise OkrRefused("untitled_objective", objective=number)
    kind = data.get("kind")
    if kind not in KINDS:
        raise OkrRefused("bad_field", field=f"{where}.kind")
    key_results = data.get("key_results")
    if not isinstance(key_results, list) or not key_results:
        raise OkrRefused("no_key_results", title=str(data.get("title", ""))[:MAX_TITLE])
    if len(key_results) > MAX_KEY_RESULTS:
        raise OkrRefused("too_many_key_results", limit=MAX_KEY_RESULTS)
    objective = {
        "id": _id(data.get("id"), f"{where}.id"),
        "title": _text(data.get("title"), MAX_TITLE, f"{where}.title", required=True),
        "kind": kind,
        "key_results": [_key_result(kr, f"{where}.key_results.{i}", number, i + 1) for i, kr in enumerate(key_results)],
        "lesson": _text(data.get("lesson"), MAX_LESSON, f"{where}.lesson"),
    }
    return objective


def _definition(data: Any) -> dict[str, Any]:
    """A quarter's set-up (no check-ins): checked and normalised; raises OkrRefused."""
    if not isinstance(data, dict):
        raise OkrRefused("bad_field", field="quarter")
    try:
        start, end = _day(data.get("start"), "start"), _day(data.get("end"), "end")
    except OkrRefused:
        raise OkrRefused("bad_dates") from None
    if end < start:
        raise OkrRefused("end_before_start")
    if (end - start).days + 1 > MAX_QUARTER_DAYS:
        raise OkrRefused("quarter_too_long", limit=MAX_QUARTER_DAYS)
    objectives = data.get("objectives")
    if not isinstance(objectives, list) or not objectives:
        raise OkrRefused("no_objectives")
    if len(objectives) > MAX_OBJECTIVES:
        raise OkrRefused("too_many_objectives", limit=MAX_OBJECTIVES)
    quarter: dict[str, Any] = {
        "id": _id(data.get("id"), "id"),
        "name": _text(data.get("name"), MAX_TITLE, "name") or this_quarter(start)["name"],
        "start": start.isoformat(),
        "end": end.isoformat(),
        "objectives": [_objective(o, f"objectives.{i}", i + 1) for i, o in enumerate(objectives)],
    }
    ids = [o["id"] for o in quarter["objectives"]] + [kr["id"] for o in quarter["objectives"] for kr in o["key_results"]]
    if len(set(ids)) != len(ids):
        raise OkrRefused("duplicate_id")
    return quarter


def _key_results_of(quarter: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {kr["id"]: kr for o in quarter["objectives"] for kr in o["key_results"]}


def _checkin(data: Any, quarter: Mapping[str, Any], where: str = "checkin") -> dict[str, Any]:
    """One check-in, checked against the quarter's key results; raises OkrRefused."""
    if not isinstance(data, dict):
        raise OkrRefused("bad_field", field=where)
    if "week" in data:
        week = data["week"]
        monday = week_monday(week)
    else:
        monday = _day(data.get("date"), f"{where}.date")
        monday -= timedelta(days=monday.weekday())
    week = iso_week(monday)
    start, end = date.fromisoformat(quarter["start"]), date.fromisoformat(quarter["end"])
    if monday + timedelta(days=6) < start or monday > end:
        raise OkrRefused("week_outside", week=week, start=quarter["start"], end=quarter["end"])
    known = _key_results_of(quarter)
    given = data.get("key_results")
    if not isinstance(given, dict):
        raise OkrRefused("bad_field", field=f"{where}.key_results")
    entries: dict[str, dict[str, Any]] = {}
    for kr_id, entry in given.items():
        if kr_id not in known:
            continue  # a key result removed since: its old entries go with it
        kr = known[kr_id]
        if not isinstance(entry, dict):
            raise OkrRefused("bad_field", field=f"{where}.{kr_id}")
        confidence = entry.get("confidence")
        if not is_int(confidence) or not CONFIDENCE_MIN <= confidence <= CONFIDENCE_MAX:
            raise OkrRefused("bad_confidence", title=kr["title"])
        item: dict[str, Any] = {"confidence": confidence, "note": _text(entry.get("note"), MAX_NOTE, f"{where}.{kr_id}.note")}
        if kr["type"] == "metric":
            value = _number(entry.get("value"))
            if value is None:
                raise OkrRefused("missing_value", title=kr["title"])
            item["value"] = value
        else:
            done = entry.get("done")
            if not isinstance(done, bool):
                raise OkrRefused("bad_field", field=f"{where}.{kr_id}.done")
            item["done"] = done
        entries[kr_id] = item
    if not entries:
        raise OkrRefused("empty_checkin")
    return {
        "id": _id(data.get("id"), f"{where}.id"),
        "week": week,
        "saved_at": _timestamp(data.get("saved_at"), f"{where}.saved_at"),
        "key_results": entries,
        "wins": _text(data.get("wins"), MAX_NOTE, f"{where}.wins"),
        "blockers": _text(data.get("blockers"), MAX_NOTE, f"{where}.blockers"),
        "next": _text(data.get("next"), MAX_NOTE, f"{where}.next"),
    }


def _grades(data: Any, quarter: Mapping[str, Any]) -> dict[str, float]:
    if not isinstance(data, dict):
        raise OkrRefused("bad_field", field="grades")
    known = _key_results_of(quarter)
    grades: dict[str, float] = {}
    for kr_id in known:
        grade = _number(data.get(kr_id))
        if grade is None or not GRADE_MIN <= grade <= GRADE_MAX:
            raise OkrRefused("bad_grade", title=known[kr_id]["title"])
        grades[kr_id] = round(grade, 1)
    return grades


def _quarter(data: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A stored quarter: its definition must be sound; a bad check-in is set aside, not the quarter."""
    quarter = _definition(data)
    checkins: list[dict[str, Any]] = []
    aside: list[dict[str, Any]] = []
    raw = data.get("checkins", [])
    if not isinstance(raw, list):
        raise OkrRefused("bad_field", field="checkins")
    weeks: set[str] = set()
    for index, entry in enumerate(raw):
        try:
            checkin = _checkin(entry, quarter, f"checkins.{index}")
            if checkin["week"] in weeks:
                raise OkrRefused("week_taken", week=checkin["week"])
        except OkrRefused as error:
            aside.append({"quarter": quarter["id"], "error": str(error), "entry": entry})
            continue
        weeks.add(checkin["week"])
        checkins.append(checkin)
    quarter["checkins"] = sorted(checkins, key=lambda c: c["week"])
    quarter["closed_at"] = _timestamp(data["closed_at"], "closed_at") if data.get("closed_at") is not None else None
    quarter["grades"] = _grades(data["grades"], quarter) if quarter["closed_at"] and "grades" in data else {}
    return quarter, aside


# --- the stored document ---------------------------------------------------------------------


def _empty() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "quarters": [], "set_aside": []}


def _parse(text: Any, strict: bool) -> dict[str, Any]:
    if text is None or text == "":
        return _empty()
    if not isinstance(text, str) or len(text) > MAX_DOCUMENT_CHARS:
        raise OkrRefused("too_large", limit=MAX_DOCUMENT_CHARS // 1000)
    try:
        data = bounded_json.loads(text)  # nesting beyond bounded_json.MAX_DEPTH, NaN or Infinity: not JSON we read
    except bounded_json.JsonRefused:
        raise OkrRefused("not_json") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("quarters"), list):
        raise OkrRefused("wrong_format")
    version = data.get("version")
    if not is_int(version) or version < 1:
        raise OkrRefused("wrong_format")
    if version > VERSION:
        raise OkrRefused("newer_version", version=version, supported=VERSION)
    document = _empty()
    ids: set[str] = set()
    for index, entry in enumerate(data["quarters"]):
        try:
            quarter, aside = _quarter(entry)
            if quarter["id"] in ids:
                raise OkrRefused("duplicate_id")
        except OkrRefused as error:
            if strict:
                raise OkrRefused("bad_quarter", number=index + 1, error=str(error)) from None
            document["set_aside"].append({"quarter": None, "error": str(error), "entry": entry})
            continue
        ids.add(quarter["id"])
        document["quarters"].append(quarter)
        document["set_aside"] += aside
    kept = data.get("set_aside", [])
    if isinstance(kept, list):
        document["set_aside"] += [item for item in kept if isinstance(item, dict) and "entry" in item]
    document["quarters"].sort(key=lambda q: (q["start"], q["id"]))
    return document


def _dump(document: Mapping[str, Any]) -> str:
    return json.dumps(
        {"format": FORMAT, "version": VERSION, "quarters": document["quarters"], "set_aside": document["set_aside"]},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _find(document: Mapping[str, Any], quarter_id: str) -> dict[str, Any]:
    quarters: list[dict[str, Any]] = document["quarters"]
    for quarter in quarters:
        if quarter["id"] == quarter_id:
            return quarter
    raise OkrRefused("unknown_quarter")


def read_document(text: Any, today: str) -> dict[str, Any]:
    """The stored text as the page shows it: every sound quarter (sorted by start), the entries set aside
    (each with its error, kept and exported, never dropped), the quarter `today` falls in, and `RULES`.
    Text that is not an OKR document at all raises OkrRefused (the page offers to export and clear it)."""
    document = _parse(text, strict=False)
    day = _day(today, "today")
    quarters = [
        {"id": q["id"], "name": q["name"], "start": q["start"], "end": q["end"], "closed": q["closed_at"] is not None, "checkins": len(q["checkins"])}
        for q in document["quarters"]
    ]
    current = next((q["id"] for q in reversed(document["quarters"]) if q["start"] <= day.isoformat() <= q["end"]), None)
    return {
        "quarters": quarters,
        "current": current or (quarters[-1]["id"] if quarters else None),
        "set_aside": document["set_aside"],
        "this_quarter": this_quarter(day),
        "week": iso_week(day),
        "rules": RULES,
    }


def save_quarter(text: Any, quarter: Any) -> str:
    """Add a quarter or replace the set-up of one (same id): its check-ins stay attached to the key results
    that keep their ids; entries of a removed key result go. Check-ins outside new dates are refused."""
    document = _parse(text, strict=False)
    definition = _definition(quarter)
    existing = next((q for q in document["quarters"] if q["id"] == definition["id"]), None)
    if existing is None:
        if len(document["quarters"]) >= MAX_QUARTERS:
            raise OkrRefused("too_many_quarters", limit=MAX_QUARTERS)
        definition.update(checkins=[], closed_at=None, grades={})
        document["quarters"].append(definition)
    else:
        kept = []
        for checkin in existing["checkins"]:
            known = {k: v for k, v in checkin["key_results"].items() if k in _key_results_of(definition)}
            if known:
                kept.append(_checkin({**checkin, "key_results": known}, definition))
        existing.update({key: definition[key] for key in ("name", "start", "end", "objectives")}, checkins=kept)
        if existing["closed_at"]:  # a key result added after closing starts with grade 0.0
            existing["grades"] = {k: existing["grades"].get(k, 0.0) for k in _key_results_of(definition)}
    document["quarters"].sort(key=lambda q: (q["start"], q["id"]))
    return _dump(document)


def save_checkin(text: Any, quarter_id: str, checkin: Any, replace: bool = False) -> str:
    """Add a check-in (its week from `date` or `week`); one per ISO week: a second one for a week raises
    `okrs_week_taken` unless `replace`, and then takes the place of the first."""
    document = _parse(text, strict=False)
    quarter = _find(document, quarter_id)
    new = _checkin(checkin, quarter)
    taken = [c for c in quarter["checkins"] if c["week"] == new["week"] and c["id"] != new["id"]]
    if taken and not replace:
        raise OkrRefused("week_taken", week=new["week"])
    quarter["checkins"] = sorted(
        [c for c in quarter["checkins"] if c["week"] != new["week"] and c["id"] != new["id"]] + [new], key=lambda c: c["week"]
    )
    return _dump(document)


def delete_quarter(text: Any, quarter_id: str) -> str:
    document = _parse(text, strict=False)
    _find(document, quarter_id)
    document["quarters"] = [q for q in document["quarters"] if q["id"] != quarter_id]
    return _dump(document)


def close_quarter(text: Any, quarter_id: str, grades: Any, lessons: Any, closed_at: str, next_quarter_id: str | None = None) -> str:
    """Grade every key result, keep a one-line lesson per objective, mark the quarter closed; with
    `next_quarter_id`, copy the unfinished objectives (grade below 1.0) into the next calendar quarter,
    with the same ids and each metric starting from its last value."""
    document = _parse(text, strict=False)
    quarter = _find(document, quarter_id)
    quarter["grades"] = _grades(grades, quarter)
    if not isinstance(lessons, dict):
        raise OkrRefused("bad_field", field="lessons")
    for objective in quarter["objectives"]:
        objective["lesson"] = _text(lessons.get(objective["id"], objective["lesson"]), MAX_LESSON, "lesson")
    quarter["closed_at"] = _timestamp(closed_at, "closed_at")
    if next_quarter_id:
        latest = _latest_entries(quarter, len(quarter["checkins"]))
        unfinished = []
        for objective in quarter["objectives"]:
            if _mean([quarter["grades"][kr["id"]] for kr in objective["key_results"]]) >= COMMITTED_SUCCESS:
                continue
            key_results = []
            for kr in objective["key_results"]:
                copy = dict(kr)
                value = latest.get(kr["id"], {}).get("value")
                if kr["type"] == "metric" and value is not None and _progress(kr, latest.get(kr["id"])) < 1:
                    copy["start"] = value
                key_results.append(copy)
            unfinished.append({**objective, "key_results": key_results, "lesson": ""})
        if unfinished:
            upcoming = _next_quarter(quarter)
            document = _parse(save_quarter(_dump(document), {**upcoming, "id": next_quarter_id, "objectives": unfinished}), strict=False)
    return _dump(document)


def merge(text: Any, incoming: Any) -> dict[str, Any]:
    """Import an exported file into the stored text, by id: a quarter not saved yet is added whole; of a
    quarter saved already the set-up stays as it is and check-ins of weeks not saved yet are added. The
    file is checked completely first (one bad quarter refuses the file, so nothing half-imports)."""
    document = _parse(text, strict=False)
    other = _parse(incoming, strict=True)
    added_quarters = added_checkins = skipped = 0
    for quarter in other["quarters"]:
        mine = next((q for q in document["quarters"] if q["id"] == quarter["id"]), None)
        if mine is None:
            if len(document["quarters"]) >= MAX_QUARTERS:
                raise OkrRefused("too_many_quarters", limit=MAX_QUARTERS)
            document["quarters"].append(quarter)
            added_quarters += 1
            added_checkins += len(quarter["checkins"])
            continue
        weeks = {c["week"] for c in mine["checkins"]}
        for checkin in quarter["checkins"]:
            try:
                if checkin["week"] in weeks:
                    raise OkrRefused("week_taken", week=checkin["week"])
                mine["checkins"].append(_checkin(checkin, mine))
            except OkrRefused:
                skipped += 1
                continue
            weeks.add(checkin["week"])
            added_checkins += 1
        mine["checkins"].sort(key=lambda c: c["week"])
    document["set_aside"] += [item for item in other["set_aside"] if item not in document["set_aside"]]
    document["quarters"].sort(key=lambda q: (q["start"], q["id"]))
    return {"text": _dump(document), "added_quarters": added_quarters, "added_checkins": added_checkins, "skipped": skipped}


def export_document(text: Any, exported_at: str) -> str:
    """The export file: the stored document (entries set aside included) and the moment of export."""
    document = _parse(text, strict=False)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _timestamp(exported_at, "exported_at"),
        **{k: document[k] for k in ("quarters", "set_aside")},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


# --- scoring ---------------------------------------------------------------------------------


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values) if values else 0.0


def _progress(kr: Mapping[str, Any], entry: Mapping[str, Any] | None) -> float:
    """0.0–1.0: linear from start to target (either direction), clamped; a milestone 0 or 1."""
    if entry is None:
        return 0.0
    if kr["type"] == "milestone":
        return 1.0 if entry.get("done") else 0.0
    value: float = entry["value"]
    start: float = kr["start"]
    target: float = kr["target"]
    return min(1.0, max(0.0, (value - start) / (target - start)))


def progress(kr: Mapping[str, Any], entry: Mapping[str, Any] | None) -> float:
    """Progress of a key result given its latest entry (None: no check-in yet)."""
    return _progress(kr, entry)


def elapsed(quarter: Mapping[str, Any], day: date) -> float:
    """The share of the quarter's days elapsed by the end of `day` (0.0 before it starts, 1.0 after)."""
    start, end = date.fromisoformat(quarter["start"]), date.fromisoformat(quarter["end"])
    days = (end - start).days + 1
    return min(1.0, max(0.0, ((day - start).days + 1) / days))


def week_elapsed(quarter: Mapping[str, Any], week: str) -> float:
    """Expected progress at a check-in: the share elapsed by the end (Sunday) of its ISO week."""
    return elapsed(quarter, week_monday(week) + timedelta(days=6))


def status(progress_value: float, expected: float, confidence: int | None) -> str:
    """on_track | at_risk | off_track, from progress against time and from confidence (rules above)."""
    gap = expected - progress_value
    if gap > OFF_TRACK_GAP + 1e-9 or (confidence is not None and confidence <= OFF_TRACK_CONFIDENCE):
        return "off_track"
    if gap > AT_RISK_GAP + 1e-9 or (confidence is not None and confidence <= AT_RISK_CONFIDENCE):
        return "at_risk"
    return "on_track"


def projected(progress_value: float, share_elapsed: float) -> float:
    """Progress at quarter end if the pace so far goes on (capped at 1.0)."""
    if share_elapsed <= 0:
        return progress_value
    return min(1.0, progress_value / share_elapsed)


def _latest_entries(quarter: Mapping[str, Any], upto: int) -> dict[str, dict[str, Any]]:
    """Per key result, its latest entry among the first `upto` check-ins (carried forward)."""
    latest: dict[str, dict[str, Any]] = {}
    for checkin in quarter["checkins"][:upto]:
        for kr_id, entry in checkin["key_results"].items():
            latest[kr_id] = {**entry, "week": checkin["week"]}
    return latest


def confidence_alerts(confidences: Sequence[int]) -> list[str]:
    """Alerts of one key result's confidences, oldest first (one per check-in that gave one)."""
    alerts = []
    if len(confidences) >= 2 and confidences[-2] - confidences[-1] >= CONFIDENCE_DROP:
        alerts.append("confidence_drop")
    if len(confidences) >= 3 and confidences[-3] > confidences[-2] > confidences[-1]:
        alerts.append("confidence_falling")
    return alerts


def quiet_weeks(quarter: Mapping[str, Any], day: date) -> int:
    """Weeks since the last check-in's ISO week, this one counted (0: checked in this week); without a
    check-in, the quarter's weeks so far."""
    end = min(day, date.fromisoformat(quarter["end"]))
    this_monday = end - timedelta(days=end.weekday())
    if quarter["checkins"]:
        last = week_monday(quarter["checkins"][-1]["week"])
    else:
        start = date.fromisoformat(quarter["start"])
        last = start - timedelta(days=start.weekday() + 7)
    return max(0, (this_monday - last).days // 7)


def _state(quarter: Mapping[str, Any], upto: int) -> dict[str, Any]:
    """Every figure of the quarter as of its first `upto` check-ins."""
    latest = _latest_entries(quarter, upto)
    week = quarter["checkins"][upto - 1]["week"] if upto else None
    expected = week_elapsed(quarter, week) if week else 0.0
    objectives = []
    for objective in quarter["objectives"]:
        key_results = []
        for kr in objective["key_results"]:
            entry = latest.get(kr["id"])
            value = _progress(kr, entry)
            confidence = entry["confidence"] if entry else None
            key_results.append(
                {
                    "id": kr["id"],
                    "progress": value,
                    "confidence": confidence,
                    "value": entry.get("value") if entry else None,
                    "done": entry.get("done") if entry else None,
                    "note": entry["note"] if entry and entry.get("week") == week else "",
                    "status": status(value, expected, confidence) if entry else None,
                }
            )
        mean = _mean([kr["progress"] for kr in key_results])
        objectives.append({"id": objective["id"], "progress": mean, "projected": projected(mean, expected), "key_results": key_results})
    return {"week": week, "expected": expected, "objectives": objectives}


def _alerts(quarter: Mapping[str, Any], day: date) -> list[dict[str, Any]]:
    alerts: list[dict[str, Any]] = []
    if quarter["closed_at"] is None and date.fromisoformat(quarter["start"]) <= day:
        weeks = quiet_weeks(quarter, day)
        if weeks >= QUIET_WEEKS and day <= date.fromisoformat(quarter["end"]):
            alerts.append({"kind": "no_checkin", "weeks": weeks})
    if not quarter["checkins"]:
        return alerts
    state = _state(quarter, len(quarter["checkins"]))
    for objective, figures in zip(quarter["objectives"], state["objectives"], strict=True):
        for kr in objective["key_results"]:
            confidences = [c["key_results"][kr["id"]]["confidence"] for c in quarter["checkins"] if kr["id"] in c["key_results"]]
            for kind in confidence_alerts(confidences):
                alerts.append(
                    {
                        "kind": kind,
                        "objective": objective["id"],
                        "key_result": kr["id"],
                        "from": confidences[-2 if kind == "confidence_drop" else -3],
                        "to": confidences[-1],
                    }
                )
        if objective["kind"] == "committed" and figures["projected"] < COMMITTED_PROJECTION:
            alerts.append({"kind": "committed_behind", "objective": objective["id"], "projected": figures["projected"]})
    return alerts


def grade_verdict(grade: float, kind: str) -> str:
    """success | progress | missed: success from 0.7 (aspirational) or 1.0 (committed); below 0.4 missed."""
    if grade >= (ASPIRATIONAL_SUCCESS if kind == "aspirational" else COMMITTED_SUCCESS) - 1e-9:
        return "success"
    return "progress" if grade >= 0.4 - 1e-9 else "missed"


def quarter_view(text: Any, quarter_id: str, today: str) -> dict[str, Any]:
    """Everything the page shows of one quarter: the set-up, per key result its weekly series (progress,
    confidence) and status, per objective its progress against time, the alerts, and, once closed, the
    grades (else the suggested ones), and `RULES`."""
    document = _parse(text, strict=False)
    quarter = _find(document, quarter_id)
    day = _day(today, "today")
    state = _state(quarter, len(quarter["checkins"]))
    series: dict[str, list[dict[str, Any]]] = {kr_id: [] for kr_id in _key_results_of(quarter)}
    for upto, checkin in enumerate(quarter["checkins"], start=1):
        figures = _state(quarter, upto)
        for objective in figures["objectives"]:
            for kr in objective["key_results"]:
                if kr["id"] in checkin["key_results"]:
                    series[kr["id"]].append(
                        {
                            "week": checkin["week"],
                            "monday": week_monday(checkin["week"]).isoformat(),
                            "progress": kr["progress"],
                            "confidence": kr["confidence"],
                            "value": kr["value"],
                            "done": kr["done"],
                        }
                    )
    grades = quarter["grades"] or {kr["id"]: round(kr["progress"], 1) for o in state["objectives"] for kr in o["key_results"]}
    objectives = []
    for objective, figures in zip(quarter["objectives"], state["objectives"], strict=True):
        key_results = [
            {**kr, **figure, "series": series[kr["id"]], "grade": grades[kr["id"]]}
            for kr, figure in zip(objective["key_results"], figures["key_results"], strict=True)
        ]
        grade = round(_mean([grades[kr["id"]] for kr in objective["key_results"]]), 2)
        objectives.append(
            {
                "id": objective["id"],
                "title": objective["title"],
                "kind": objective["kind"],
                "lesson": objective["lesson"],
                "progress": figures["progress"],
                "projected": figures["projected"],
                "key_results": key_results,
                "grade": grade,
                "verdict": grade_verdict(grade, objective["kind"]),
            }
        )
    return {
        "quarter": {k: quarter[k] for k in ("id", "name", "start", "end", "closed_at")},
        "elapsed": elapsed(quarter, day),
        "expected": state["expected"],
        "week": state["week"],
        "objectives": objectives,
        "alerts": _alerts(quarter, day),
        "checkins": [{k: c[k] for k in ("id", "week", "saved_at", "wins", "blockers", "next")} for c in quarter["checkins"]],
        "definition": {k: quarter[k] for k in ("id", "name", "start", "end", "objectives")},
        "closed": quarter["closed_at"] is not None,
        "ended": day > date.fromisoformat(quarter["end"]),
        "rules": RULES,  # the check-in and closing forms take their limits from here
    }


# --- the 1:1 summary -------------------------------------------------------------------------


def latest_summary(document: Any, quarter_id: str | None = None, today: str | None = None) -> dict[str, Any] | None:
    """The latest OKR check-in summary saved on this device (what "Prepare my 1:1" shows and the 1:1
    notebook reads): the last check-in of the quarter (default: the latest quarter with one) and the change
    of each figure since the check-in before it, with the alerts. `document` is the stored text (or the
    parsed document). None when no check-in is saved."""
    parsed = document if isinstance(document, dict) and "quarters" in document else _parse(document, strict=False)
    quarters = [q for q in parsed["quarters"] if q["checkins"] and (quarter_id is None or q["id"] == quarter_id)]
    if not quarters:
        return None
    quarter = quarters[-1]
    count = len(quarter["checkins"])
    now, before = _state(quarter, count), _state(quarter, count - 1) if count > 1 else None
    last = quarter["checkins"][-1]
    day = _day(today, "today") if today else week_monday(last["week"]) + timedelta(days=6)
    objectives = []
    for index, objective in enumerate(quarter["objectives"]):
        figures = now["objectives"][index]
        earlier = before["objectives"][index] if before else None
        key_results = []
        for position, kr in enumerate(objective["key_results"]):
            figure = figures["key_results"][position]
            previous = earlier["key_results"][position] if earlier else None
            key_results.append(
                {
                    "id": kr["id"],
                    "title": kr["title"],
                    "type": kr["type"],
                    "unit": kr.get("unit", ""),
                    "target": kr.get("target"),
                    "value": figure["value"],
                    "done": figure["done"],
                    "progress": figure["progress"],
                    "confidence": figure["confidence"],
                    "status": figure["status"],
                    "note": figure["note"],
                    "previous_progress": previous["progress"] if previous and previous["confidence"] is not None else None,
                    "previous_confidence": previous["confidence"] if previous else None,
                }
            )
        objectives.append(
            {
                "id": objective["id"],
                "title": objective["title"],
                "kind": objective["kind"],
                "progress": figures["progress"],
                "previous_progress": earlier["progress"] if earlier else None,
                "key_results": key_results,
            }
        )
    return {
        "quarter": {k: quarter[k] for k in ("id", "name", "start", "end")},
        "week": last["week"],
        "previous_week": quarter["checkins"][-2]["week"] if count > 1 else None,
        "expected": now["expected"],
        "objectives": objectives,
        "alerts": _alerts(quarter, day),
        "wins": last["wins"],
        "blockers": last["blockers"],
        "next": last["next"],
    }


def _format(value: float | None, lang: str, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "percent":
        return f"{round(value * 100)}%"
    if kind == "signed_percent":
        points = round(value * 100)
        return f"{'+' if points > 0 else '−' if points < 0 else '±'}{abs(points)}%"
    if kind == "signed":
        whole = round(value)
        return f"{'+' if whole > 0 else '−' if whole < 0 else '±'}{abs(whole)}"
    text = f"{value:,.10g}"  # grouped thousands, as the page's Intl.NumberFormat shows them
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".") if lang == "nl" else text


def summary_lines(summary: Mapping[str, Any], texts: Mapping[str, str], lang: str) -> list[dict[str, str]]:
    """The summary as the page shows it, line by line ({kind, text}): the page draws these lines and the
    Markdown file is made of the same lines, so the file holds exactly what the page shows."""

    def t(key: str, **values: Any) -> str:
        text = texts.get(key, key)
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    lines = [{"kind": "title", "text": t("summary_heading", quarter=summary["quarter"]["name"], week=summary["week"])}]
    if summary["previous_week"]:
        lines.append({"kind": "meta", "text": t("summary_since", week=summary["previous_week"])})
    lines.append({"kind": "meta", "text": t("summary_expected", expected=_format(summary["expected"], lang, "percent"))})
    if summary["alerts"]:
        lines.append({"kind": "heading", "text": t("first_title")})
        titles = {o["id"]: o["title"] for o in summary["objectives"]}
        krs = {kr["id"]: kr["title"] for o in summary["objectives"] for kr in o["key_results"]}
        for alert in summary["alerts"]:
            values = {
                "objective": titles.get(alert.get("objective"), ""),
                "key_result": krs.get(alert.get("key_result"), ""),
                "from": alert.get("from", ""),
                "to": alert.get("to", ""),
                "weeks": alert.get("weeks", ""),
                "projected": _format(alert.get("projected"), lang, "percent"),
            }
            lines.append({"kind": "alert", "text": t(f"alert_{alert['kind']}", **values)})
        lines.append({"kind": "note", "text": t("first_follow_up")})
    for objective in summary["objectives"]:
        change = (
            ""
            if objective["previous_progress"] is None
            else f" ({_format(objective['progress'] - objective['previous_progress'], lang, 'signed_percent')})"
        )
        lines.append({"kind": "heading", "text": f"{objective['title']} · {t('kind_' + objective['kind'])}"})
        lines.append({"kind": "meta", "text": f"{t('progress_label')}: {_format(objective['progress'], lang, 'percent')}{change}"})
        for kr in objective["key_results"]:
            current = (
                t("done_yes" if kr["done"] else "done_no")
                if kr["type"] == "milestone"
                else f"{_format(kr['value'], lang, 'number')} / {_format(kr['target'], lang, 'number')}{(' ' + kr['unit']) if kr['unit'] else ''}"
            )
            parts = [current, f"{t('progress_label')} {_format(kr['progress'], lang, 'percent')}"]
            if kr["previous_progress"] is not None:
                parts[-1] += f" ({_format(kr['progress'] - kr['previous_progress'], lang, 'signed_percent')})"
            if kr["confidence"] is not None:
                confidence = f"{t('confidence_label')} {kr['confidence']}/10"
                if kr["previous_confidence"] is not None:
                    confidence += f" ({_format(kr['confidence'] - kr['previous_confidence'], lang, 'signed')})"
                parts.append(confidence)
            if kr["status"]:
                parts.append(t(f"status_{kr['status']}"))
            lines.append({"kind": "item", "text": f"{kr['title']}: {' · '.join(parts)}"})
            if kr["note"]:
                lines.append({"kind": "quote", "text": f"{t('note_label')}: {kr['note']}"})
    for key in ("wins", "blockers", "next"):
        if summary[key]:
            lines.append({"kind": "heading", "text": t(f"{key}_label")})
            lines.append({"kind": "text", "text": summary[key]})
    return lines


def _markdown_escape(text: str) -> str:
    """Text stays text in any Markdown reader: inline markup characters are escaped, and so is whatever
    would start a heading, list or quote at the beginning of a line."""
    lines = []
    for line in text.split("\n"):
        line = "".join("\\" + c if c in "\\`*_[]<>|~" else c for c in line)
        stripped = line.lstrip()
        if stripped[:1] in ("#", "-", "+", ">", "=") or re.match(r"\d+[.)]", stripped):
            line = line[: len(line) - len(stripped)] + "\\" + stripped
        lines.append(line)
    return "  \n".join(lines)


def summary_markdown(text: Any, quarter_id: str | None, texts: Mapping[str, str], lang: str, today: str | None = None) -> dict[str, Any] | None:
    """The summary's lines (as above) and the same lines as a Markdown file: {lines, markdown}."""
    summary = latest_summary(text, quarter_id, today)
    if summary is None:
        return None
    lines = summary_lines(summary, texts, lang)
    prefix = {"title": "# ", "heading": "\n## ", "item": "- ", "quote": "  > ", "alert": "- ", "meta": "", "note": "", "text": ""}
    out = []
    for line in lines:
        body = _markdown_escape(line["text"])
        out.append(prefix[line["kind"]] + (f"**{body}**" if line["kind"] == "alert" else body))
        if line["kind"] in ("title", "meta", "note", "text"):
            out.append("")
    markdown = "\n".join(out).replace("\n\n\n", "\n\n").strip() + "\n"
    return {"summary": summary, "lines": lines, "markdown": markdown}
