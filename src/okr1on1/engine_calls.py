"""The browser worker's entry point into the engine: one JSON call in, one JSON answer out.

The worker (overrides/assets/okr1on1/worker.js) imports this module, in Pyodide, and sends every
request of the page through `call`; engine.js documents the protocol. Kept in the wheel, so the
engine's memory snapshot holds it already imported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from okr1on1 import okr_checkins, results_files
from okr1on1.scoring import ScoringError, compare, score

METHODS: dict[str, Callable[..., Any]] = {
    "score": score,
    "compare": compare,
    # share files, personal import, the team view and its snapshots
    "share_file": results_files.share_file,
    "read_results_file": results_files.read_results_file,
    "team_view": results_files.team_view,
    "add_snapshot": results_files.add_snapshot,
    "remove_snapshot": results_files.remove_snapshot,
    # the person's own OKRs and weekly check-ins (okr1on1.okr_checkins)
    "okr_read": okr_checkins.read_document,
    "okr_view": okr_checkins.quarter_view,
    "okr_save_quarter": okr_checkins.save_quarter,
    "okr_save_checkin": okr_checkins.save_checkin,
    "okr_delete_quarter": okr_checkins.delete_quarter,
    "okr_close_quarter": okr_checkins.close_quarter,
    "okr_merge": okr_checkins.merge,
    "okr_export": okr_checkins.export_document,
    "okr_summary": okr_checkins.summary_markdown,
    "okr_latest_summary": okr_checkins.latest_summary,  # for the 1:1 notebook: the figures, no texts
}


def call(method: str, payload: str) -> str:
    """Run `method` with the JSON list `payload` as its arguments; the answer as JSON.

    `{"ok": true, "result": ...}`, or `{"ok": false, "error": message, "statement": id | null}`
    (with `reason` and `values` when a results file is refused). An unknown method raises KeyError.
    """
    args = json.loads(payload)
    try:
        result = METHODS[method](*args)
    except results_files.FileRefused as error:  # okr_checkins.OkrRefused too
        return json.dumps({"ok": False, "error": str(error), "statement": None, "reason": error.reason, "values": error.values})
    except ScoringError as error:
        return json.dumps({"ok": False, "error": str(error), "statement": error.statement})
    return json.dumps({"ok": True, "result": result})
