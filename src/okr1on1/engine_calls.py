"""The browser worker's entry point into the engine: one JSON call in, one JSON answer out.

The worker (overrides/assets/okr1on1/worker.js) imports this module, in Pyodide, and sends every
request of the page through `call`; engine.js documents the protocol. Kept in the wheel, so the
engine's memory snapshot holds it already imported.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any

from okr1on1 import results_files, stored_results
from okr1on1.scoring import ScoringError, compare, score


def _later(module: str, name: str) -> Callable[..., Any]:
    """`module.name`, imported on its first call: My OKRs and the notebook are not in the engine's
    memory snapshot, which stays small enough for a browser's cache (a private window keeps no file
    over 6.25 MiB), and the mood checks start no slower for them."""

    def run(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(f"okr1on1.{module}"), name)(*args, **kwargs)

    return run


METHODS: dict[str, Callable[..., Any]] = {
    "score": score,
    "compare": compare,
    # share files, personal import, the team view and its snapshots
    "share_file": results_files.share_file,
    "read_results_file": results_files.read_results_file,
    "team_view": results_files.team_view,
    "collect_view": results_files.collect_view,
    "record_bundle": results_files.record_bundle,
    "add_snapshot": results_files.add_snapshot,
    "remove_snapshot": results_files.remove_snapshot,
    # the saved history: every read and every write of "okr1on1.results" (the page stores the text)
    "history_view": stored_results.history_view,
    "add_results": stored_results.add_results,
    "import_results": stored_results.import_results,
    "remove_results": stored_results.remove_results,
    "remove_unreadable": stored_results.remove_unreadable,
    "export_document": stored_results.export_document,
    # "My results" as an Excel workbook (base64) and as CSV, written here so the page only saves them
    "results_workbook": stored_results.export_workbook,
    "results_csv": stored_results.export_csv,
    # the person's own OKRs and weekly check-ins (okr1on1.okr_checkins)
    "okr_read": _later("okr_checkins", "read_document"),
    "okr_view": _later("okr_checkins", "quarter_view"),
    "okr_save_quarter": _later("okr_checkins", "save_quarter"),
    "okr_save_checkin": _later("okr_checkins", "save_checkin"),
    "okr_delete_quarter": _later("okr_checkins", "delete_quarter"),
    "okr_close_quarter": _later("okr_checkins", "close_quarter"),
    "okr_merge": _later("okr_checkins", "merge"),
    "okr_export": _later("okr_checkins", "export_document"),
    "okr_summary": _later("okr_checkins", "summary_markdown"),
    "okr_latest_summary": _later("okr_checkins", "latest_summary"),  # for the 1:1 notebook: the figures, no texts
    # the 1:1 notebook (okr1on1.notebook)
    "notebook_new": _later("notebook", "new_notebook"),
    "notebook_read": _later("notebook", "read_notebook"),
    "notebook_save": _later("notebook", "save_notebook"),
    "notebook_view": _later("notebook", "notebook_view"),
    "notebook_meeting_view": _later("notebook", "meeting_view"),
    "notebook_start_meeting": _later("notebook", "start_meeting"),
    "notebook_take_topics": _later("notebook", "take_waiting_topics"),
    "notebook_add_topics": _later("notebook", "add_topics"),
    "notebook_add_item": _later("notebook", "add_item"),
    "notebook_add_agreement": _later("notebook", "add_agreement"),
    "notebook_topics_fragment": _later("notebook", "topics_fragment"),
    "notebook_topics_file": _later("notebook", "topics_file"),
    "notebook_read_topics": _later("notebook", "read_topics"),
    "notebook_export": _later("notebook", "export_notebook"),
    "notebook_import": _later("notebook", "import_notebook"),
    "notebook_meeting_markdown": _later("notebook", "meeting_markdown"),
    "notebook_agreements_markdown": _later("notebook", "agreements_markdown"),
    "notebook_ics": _later("notebook", "meeting_ics"),
}
# Methods that report progress (done, total) while they run, through the worker to the page.
WITH_PROGRESS = {"import_results"}


def call(method: str, payload: str, progress: Callable[[int, int], Any] | None = None) -> str:
    """Run `method` with the JSON list `payload` as its arguments; the answer as JSON. `progress`
    (a function of the worker) is handed to the methods in WITH_PROGRESS.

    `{"ok": true, "result": ...}`, or `{"ok": false, "error": message, "statement": id | null}`
    (with `reason` and `values` when a results file is refused). A method not in METHODS is refused
    here, without calling anything: this table is the only list of what the page may call.
    """
    if method not in METHODS:
        return json.dumps({"ok": False, "error": f"unknown method {method}", "statement": None})
    args = json.loads(payload)
    try:
        extra = {"progress": progress} if method in WITH_PROGRESS and progress is not None else {}
        result = METHODS[method](*args, **extra)
    except ScoringError as error:
        return json.dumps({"ok": False, "error": str(error), "statement": error.statement})
    except ValueError as error:  # a refusal: results_files.FileRefused, okr_checkins.OkrRefused, notebook.NotebookRefused
        reason = getattr(error, "reason", None)
        if reason is None:
            raise
        return json.dumps({"ok": False, "error": str(error), "statement": None, "reason": reason, "values": getattr(error, "values", {})})
    return json.dumps({"ok": True, "result": result})
