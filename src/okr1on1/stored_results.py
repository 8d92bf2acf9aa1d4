"""The saved history (`okr1on1.results` in localStorage) and its export file: the one definition of
the format (STORAGE.md), used by the worker for every read and every write the browser makes.

The page hands the stored text and its request to one of the functions in `METHODS`; each returns
the complete new document as text, which the page writes with a single `setItem` (or, for `None`,
`removeItem`). Reading keeps every valid result and sets the others aside with the reason in words:
one bad result never makes the rest unreadable, and a document written here always reads back.

Standard library only: shipped to the browser in the engine's wheel, like `scoring.py`.
Lengths count UTF-16 code units, as the browser's `maxlength` and `String.length` do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeGuard

from okr1on1.bounded_json import SAFE_INTEGER, JsonRefused, loads, utf16_length
from okr1on1.results_files import FileRefused, _specs_by_id, _timestamp
from okr1on1.scoring import ScoringError, _adjusted_answers, compare, headline, is_int, score, validate_spec

__all__ = [
    "MAX_ID",
    "MAX_NOTE",
    "MAX_STORED",
    "BadResult",
    "add_results",
    "check_result",
    "export_csv",
    "export_document",
    "history_view",
    "import_results",
    "read_stored",
    "remove_results",
    "remove_unreadable",
]

FORMAT = "okr1on1-results"
VERSION = 1
MAX_ID = 100  # a result's id, a survey's or a statement's id
MAX_NOTE = 5000  # a "why" note (the form's textarea has this maxlength)
# localStorage gives an origin 5 MiB of UTF-16 text (Chromium and Firefox): the history keeps room
# for the team snapshots and the theme's settings.
MAX_STORED = 5_000_000
PROGRESS_EVERY = 5000  # results checked between two progress reports of an import
_SHOWN = 40  # a value from a file is cut to this many characters when a message shows it
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

Specs = Sequence[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]]
Progress = Callable[[int, int], Any] | None


class BadResult(ValueError):
    """One result that is not valid: `code` is the short field name the import message shows,
    `problem` the widget text key that says it in words, `values` that text's values."""

    def __init__(self, code: str, problem: str, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.problem = problem
        self.values = values


# --- one result -----------------------------------------------------------------------------


def _shown(value: Any) -> str:
    """A value from outside as a message may show it: JSON, at most `_SHOWN` characters."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > SAFE_INTEGER:
        text = f"{str(value)[:12]}… ({len(str(abs(value)))} digits)"
    else:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN else f"{text[:_SHOWN - 1]}…"


def _is_whole(value: Any) -> TypeGuard[int]:
    """A whole number JavaScript reads back unchanged."""
    return is_int(value) and -SAFE_INTEGER <= value <= SAFE_INTEGER


def _is_id(value: Any) -> bool:
    """An id: text of 1 to MAX_ID UTF-16 units, not blank, without control characters."""
    if not isinstance(value, str) or not value.strip():
        return False
    if not value.isascii():
        try:
            if utf16_length(value) > MAX_ID:
                return False
        except UnicodeEncodeError:
            return False
    return len(value) <= MAX_ID and _CONTROL.search(value) is None


_AS_JAVASCRIPT_WRITES = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def _saved_at(value: Any) -> str | None:
    """`_timestamp(value)`, quicker for a time as `toISOString()` writes it (every saved result's)."""
    if isinstance(value, str) and _AS_JAVASCRIPT_WRITES.fullmatch(value) and value[0] != "0":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return None
        return value
    return _timestamp(value)


def _is_note(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return utf16_length(value) <= MAX_NOTE
    except UnicodeEncodeError:
        return False


def check_result(result: Any, by_id: Mapping[str, Mapping[str, Any]], *, stored: bool, number: int = 1) -> dict[str, Any]:
    """`result` as it is kept (its `saved_at` as JavaScript writes it), or `BadResult`.

    `stored`: a result already in the history. Its answers and notes may name statements the current
    survey no longer has (a content update removed them): they are kept and shown as such. A file to
    import may do so only for a result of an older survey version. A stored result of a survey this
    site does not have is kept as it is; an imported one is refused (`FileRefused`)."""
    if not isinstance(result, dict):
        raise BadResult("not an object", "problem_not_object")
    result_id = result.get("id")
    if not _is_id(result_id):
        raise BadResult("id", "problem_id", limit=MAX_ID)
    survey = result.get("survey")
    spec = by_id.get(survey) if isinstance(survey, str) else None
    if spec is None and not _is_id(survey):
        raise BadResult("survey", "problem_survey")
    if spec is None and not stored:
        raise FileRefused("import_unknown_survey", number=number, survey=_shown(survey))
    version = result.get("survey_version")
    if not _is_whole(version) or version < 1:
        raise BadResult("survey_version", "problem_survey_version", value=_shown(version))
    saved_at = _saved_at(result.get("saved_at"))
    if saved_at is None:
        raise BadResult("saved_at", "problem_saved_at")
    texts = {s["id"]: s["text"] for s in spec["statements"]} if spec else {}
    old_ones_allowed = spec is None or stored or version < spec["version"]

    def named(statement: str) -> str:
        return _shown(texts.get(statement, statement))

    answers = result.get("answers")
    if not isinstance(answers, dict) or not answers:
        raise BadResult("answers", "problem_answers")
    for statement, value in answers.items():
        if statement in texts and type(value) is int and -SAFE_INTEGER <= value <= SAFE_INTEGER:
            continue  # the engine checks it is on the scale (below)
        if not _is_id(statement):
            raise BadResult(_shown(statement), "problem_statement_id")
        if not _is_whole(value):
            raise BadResult(f"{statement}: {_shown(value)}", "problem_answer", statement=named(statement))
    notes = result.get("notes", {})
    if not isinstance(notes, dict):
        raise BadResult("notes", "problem_notes")
    for statement, note in notes.items():
        if not _is_id(statement) or (statement not in texts and not old_ones_allowed):
            raise BadResult(f"notes.{_shown(statement)}", "problem_note_statement", statement=_shown(statement))
        if not _is_note(note):
            raise BadResult(f"notes.{statement}", "problem_note", statement=named(statement), limit=MAX_NOTE)
    if spec is not None:
        known = answers if not old_ones_allowed else {key: value for key, value in answers.items() if key in texts}
        try:
            _adjusted_answers(spec, known)  # the engine's check of answers (score() without checking the spec again)
        except ScoringError as error:
            statement = error.statement or ""
            raise BadResult(str(error), "problem_answer", statement=named(statement), min=spec["scale"]["min"], max=spec["scale"]["max"]) from None
    return {"id": result_id, "survey": survey, "survey_version": version, "saved_at": saved_at, "answers": dict(answers), "notes": dict(notes)}


# --- the stored document --------------------------------------------------------------------


def _document_data(text: str, not_json: str, too_deep: str, wrong_format: str, newer: str) -> list[Any]:
    """The `results` list of a results document, or `FileRefused` with one of the given reasons."""
    try:
        data = loads(text)
    except JsonRefused as refused:
        raise FileRefused(too_deep if refused.too_deep else not_json) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("results"), list):
        raise FileRefused(wrong_format)
    version = data.get("version")
    if not _is_whole(version) or version < 1:
        raise FileRefused(wrong_format)
    if version > VERSION:
        raise FileRefused(newer, version=version, supported=VERSION)
    results: list[Any] = data["results"]
    return results


def _when(item: Any) -> str | None:
    return _timestamp(item.get("saved_at")) if isinstance(item, dict) else None


def read_stored(text: str | None, specs: Specs) -> dict[str, Any]:
    """The stored history: `{results, unreadable, problem}`. `results` are the valid results oldest
    first; `unreadable` the others, each `{number, saved_at, problem, values, item}` (`item` as it is
    stored); `problem` a widget text key when the document as a whole cannot be read (then nothing
    may be written over it, except by removing it)."""
    by_id = _specs_by_id(specs)
    empty: dict[str, Any] = {"results": [], "unreadable": [], "problem": None}
    if text is None:
        return empty
    try:
        items = _document_data(text, "stored_not_json", "stored_too_deep", "stored_wrong_format", "stored_newer_version")
    except FileRefused as refused:
        return {**empty, "problem": refused.reason, "values": refused.values}
    results: list[dict[str, Any]] = []
    unreadable: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        try:
            result = check_result(item, by_id, stored=True, number=number)
            if result["id"] in seen:
                raise BadResult("id", "problem_id_twice")
        except BadResult as bad:
            unreadable.append({"number": number, "saved_at": _when(item), "problem": bad.problem, "values": bad.values, "item": item})
            continue
        seen.add(result["id"])
        results.append(result)
    results.sort(key=lambda result: result["saved_at"])
    return {"results": results, "unreadable": unreadable, "problem": None}


def _write(results: Iterable[dict[str, Any]], unreadable: Sequence[dict[str, Any]]) -> str | None:
    """The document text of `results` (sorted by `saved_at`) and the unreadable items, kept as they
    were after them; None when nothing is left (the page removes the key)."""
    ordered = sorted(results, key=lambda result: result["saved_at"])
    if not ordered and not unreadable:
        return None
    document = {"format": FORMAT, "version": VERSION, "results": [*ordered, *(entry["item"] for entry in unreadable)]}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in an unreadable item: escaped, it still goes to the page
        text = json.dumps(document, separators=(",", ":"))
    if len(text) > MAX_STORED:
        raise FileRefused("stored_too_large", limit=MAX_STORED // 1_000_000)
    return text


def _writable(text: str | None, specs: Specs) -> dict[str, Any]:
    stored = read_stored(text, specs)
    if stored["problem"]:
        raise FileRefused("storage_unreadable", problem=stored["problem"])
    return stored


def add_results(text: str | None, specs: Specs, results: Sequence[Any]) -> dict[str, Any]:
    """The new document with `results` added (a save, or the undo of a removal): `{text, added, skipped}`.
    A result whose id is stored already is skipped; every new one is checked as stored ones are, and
    must belong to a survey of this site."""
    by_id = _specs_by_id(specs)
    stored = _writable(text, by_id)
    ids = {result["id"] for result in stored["results"]}
    added = []
    for number, result in enumerate(results, start=1):
        try:
            checked = check_result(result, by_id, stored=True, number=number)
        except BadResult as bad:
            raise FileRefused("result_refused", problem=bad.problem, **bad.values) from None
        if checked["survey"] not in by_id:
            raise FileRefused("result_refused", problem="problem_survey")
        if checked["id"] not in ids:
            ids.add(checked["id"])
            added.append(checked)
    return {"text": _write([*stored["results"], *added], stored["unreadable"]), "added": len(added), "skipped": len(results) - len(added)}


def read_results_file(text: Any, specs: Specs, progress: Progress = None) -> list[dict[str, Any]]:
    """Check an exported results file completely before anything is imported: every result must
    belong to a survey of this site and its answers must score. Raises `FileRefused`."""
    by_id = _specs_by_id(specs)
    if not isinstance(text, str) or not text.strip():
        raise FileRefused("import_not_json")
    items = _document_data(text, "import_not_json", "import_too_deep", "import_wrong_format", "import_newer_version")
    checked = []
    for number, item in enumerate(items, start=1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, len(items))
        try:
            checked.append(check_result(item, by_id, stored=False, number=number))
        except BadResult as bad:
            raise FileRefused("import_bad_result", number=number, error=bad.code) from None
    return checked


def import_results(text: str | None, file_text: Any, specs: Specs, progress: Progress = None) -> dict[str, Any]:
    """The new document with the results of an export file merged in by id: `{text, added, skipped}`.
    The whole file is checked first; one bad result refuses it, and so does a file too large to keep."""
    by_id = _specs_by_id(specs)
    stored = _writable(text, by_id)
    if isinstance(file_text, str) and len(file_text) > 2 * MAX_STORED:  # cannot fit, whatever its indentation
        raise FileRefused("stored_too_large", limit=MAX_STORED // 1_000_000)
    incoming = read_results_file(file_text, by_id, progress)
    ids = {result["id"] for result in stored["results"]}
    added = []
    for result in incoming:
        if result["id"] not in ids:
            ids.add(result["id"])
            added.append(result)
    if not added:
        return {"text": text, "added": 0, "skipped": len(incoming)}
    return {"text": _write([*stored["results"], *added], stored["unreadable"]), "added": len(added), "skipped": len(incoming) - len(added)}


def remove_results(text: str | None, specs: Specs, ids: Sequence[str], unreadable_too: bool = False) -> dict[str, Any]:
    """The new document without the results `ids` (and, with `unreadable_too`, without the unreadable
    ones): `{text, removed}`, `removed` the results taken out, for an undo. A result saved since the
    page showed its list is not in `ids` and stays. A document that cannot be read at all is removed
    only with `unreadable_too`."""
    stored = read_stored(text, specs)
    if stored["problem"]:
        if unreadable_too:
            return {"text": None, "removed": []}
        raise FileRefused("storage_unreadable", problem=stored["problem"])
    wanted = set(ids)
    kept = [result for result in stored["results"] if result["id"] not in wanted]
    removed = [result for result in stored["results"] if result["id"] in wanted]
    return {"text": _write(kept, [] if unreadable_too else stored["unreadable"]), "removed": removed}


def remove_unreadable(text: str | None, specs: Specs) -> dict[str, Any]:
    """The new document with only its valid results: `{text, removed}` (`removed`: how many went)."""
    stored = read_stored(text, specs)
    if stored["problem"]:
        return {"text": None, "removed": 1}
    return {"text": _write(stored["results"], []), "removed": len(stored["unreadable"])}


def export_csv(text: str | None, specs: Specs, removed_label: str) -> str:
    """"My results" as CSV (`results_csv`), of every valid stored result of a survey this site has;
    `removed_label` is the page's text for a statement the survey no longer holds."""
    # Imported on the first export, not into the engine's snapshot, which must stay within the 6.25 MiB a
    # private window's cache keeps (build test test_the_snapshot_fits_a_private_window_s_cache).
    from okr1on1.results_csv import results_csv

    return results_csv(history_view(text, specs, None), _specs_by_id(specs), removed_label)


def export_document(text: str | None, specs: Specs, exported_at: str) -> str:
    """The export file (JSON, indented): the valid results with the moment of export. "Export
    everything as it is" is the stored text itself, which the page offers without the engine."""
    results = read_stored(text, specs)["results"]
    document = {"format": FORMAT, "version": VERSION, "exported_at": _timestamp(exported_at), "results": results}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- what "my results" shows ----------------------------------------------------------------


def export_workbook(text: str | None, specs: Specs, labels: Mapping[str, str]) -> dict[str, str]:
    """"My results" as an Excel workbook (`results_sheet`), of every valid stored result: those of a
    survey this site no longer has too (they keep their answers, with empty score cells)."""
    from okr1on1.results_sheet import results_workbook  # on the first export, as results_csv above

    return results_workbook(read_stored(text, specs)["results"], list(_specs_by_id(specs).values()), labels)


def history_view(text: str | None, specs: Specs, rows: int | None = 50) -> dict[str, Any]:
    """Everything "my results" shows, in one call: per survey of this site (in the order of `specs`)
    its results oldest first with their mean, index, band and the change of the mean since the one
    before (the trend and the table); the answers and notes of the latest `rows` of them (None: of
    all); the full score and comparison of the latest two; the unreadable results in words; how many
    results belong to surveys this site does not have."""
    by_id = _specs_by_id(specs)
    stored = read_stored(text, by_id)
    surveys = []
    for spec_id, spec in by_id.items():
        own = [result for result in stored["results"] if result["survey"] == spec_id]
        if not own:
            continue
        validate_spec(spec)
        texts = {s["id"]: s["text"] for s in spec["statements"]}

        def known(result: dict[str, Any], texts: Mapping[str, str] = texts) -> dict[str, int]:
            return {key: value for key, value in result["answers"].items() if key in texts}

        headlines: dict[tuple[tuple[str, int], ...], dict[str, Any]] = {}  # the same answers, the same figures
        lines = []
        previous_mean = None
        detailed_from = 0 if rows is None else max(0, len(own) - rows)
        for position, result in enumerate(own):
            answers = known(result)
            memo = tuple(answers.items())
            if memo not in headlines:
                headlines[memo] = headline(spec, answers) if answers else {"mean": None, "index": None, "band": None, "tone": None}
            line = {"id": result["id"], "saved_at": result["saved_at"], **headlines[memo]}
            line["change"] = None if previous_mean is None or line["mean"] is None else line["mean"] - previous_mean
            previous_mean = line["mean"] if line["mean"] is not None else previous_mean
            if position >= detailed_from:
                # answered or noted, and no longer in this check (a content update removed the statement)
                line["removed_statements"] = [key for key in {**result["answers"], **result["notes"]} if key not in texts]
                line.update(survey=spec_id, survey_version=result["survey_version"], answers=result["answers"], notes=result["notes"])
            lines.append(line)
        latest = score(spec, known(own[-1])) if known(own[-1]) else None
        before = score(spec, known(own[-2])) if len(own) > 1 and known(own[-2]) else None
        surveys.append({
            "survey": spec_id,
            "results": lines,
            "detailed_from": detailed_from,
            "latest": latest,
            "previous": before,
            "comparison": compare(before, latest) if before and latest else None,
        })
    unreadable = [{key: entry[key] for key in ("number", "saved_at", "problem", "values")} for entry in stored["unreadable"]]
    return {
        "surveys": surveys,
        "count": len(stored["results"]),
        "ids": [result["id"] for result in stored["results"]],
        "other_surveys": sum(1 for result in stored["results"] if result["survey"] not in by_id),
        "unreadable": unreadable,
        "problem": stored["problem"],
    }
