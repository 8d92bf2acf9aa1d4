"""The browser worker's entry point into the engine: one JSON call in, one JSON answer out.

The worker (overrides/assets/okr1on1/worker.js) imports this module, in Pyodide, and sends every
request of the page through `call`; engine.js documents the protocol. Kept in the wheel, so the
engine's memory snapshot holds it already imported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from okr1on1 import notebook, results_files
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
    # the 1:1 notebook (okr1on1.notebook)
    "notebook_new": notebook.new_notebook,
    "notebook_read": notebook.read_notebook,
    "notebook_save": notebook.save_notebook,
    "notebook_view": notebook.notebook_view,
    "notebook_meeting_view": notebook.meeting_view,
    "notebook_start_meeting": notebook.start_meeting,
    "notebook_take_topics": notebook.take_waiting_topics,
    "notebook_add_topics": notebook.add_topics,
    "notebook_add_item": notebook.add_item,
    "notebook_add_agreement": notebook.add_agreement,
    "notebook_topics_fragment": notebook.topics_fragment,
    "notebook_topics_file": notebook.topics_file,
    "notebook_read_topics": notebook.read_topics,
    "notebook_export": notebook.export_notebook,
    "notebook_import": notebook.import_notebook,
    "notebook_meeting_markdown": notebook.meeting_markdown,
    "notebook_agreements_markdown": notebook.agreements_markdown,
    "notebook_ics": notebook.meeting_ics,
}


def call(method: str, payload: str) -> str:
    """Run `method` with the JSON list `payload` as its arguments; the answer as JSON.

    `{"ok": true, "result": ...}`, or `{"ok": false, "error": message, "statement": id | null}`
    (with `reason` and `values` when a results file is refused). An unknown method raises KeyError.
    """
    args = json.loads(payload)
    try:
        result = METHODS[method](*args)
    except results_files.FileRefused as error:
        return json.dumps({"ok": False, "error": str(error), "statement": None, "reason": error.reason, "values": error.values})
    except notebook.NotebookRefused as error:
        return json.dumps({"ok": False, "error": str(error), "statement": None, "reason": error.reason, "values": error.values})
    except ScoringError as error:
        return json.dumps({"ok": False, "error": str(error), "statement": error.statement})
    return json.dumps({"ok": True, "result": result})
