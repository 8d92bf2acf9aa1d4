"""The CSV export of "My results" (STORAGE.md): one row per answered or annotated statement of each
valid stored result, written here so the page only saves the text. Standard library only (it runs in
the browser's worker, in the engine's wheel).

The cells are as the page wrote them before the engine did: numbers as JavaScript's `String()` shows
them (unrounded, `.` as decimal point), UTF-8 with a BOM, CRLF line ends.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

COLUMNS = ("result_id", "saved_at", "survey", "survey_version", "mean", "index", "band", "statement_id", "statement", "answer", "note")
_FORMULA_START = re.compile(r"^[=+\-@\t\r]")  # what a spreadsheet would run as a formula
_NEEDS_QUOTES = re.compile(r'[",\r\n]')


def _number(value: float | None) -> str:
    """A number as JavaScript's `String()` writes it: 5 for 5.0, else the shortest form that reads back."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def _cell(value: Any, text: bool = False) -> str:
    """One cell: quoted when needed; a text a spreadsheet would run as a formula gets a leading '."""
    if value is None:
        cell = ""
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell = _number(value)
    else:
        cell = str(value)
    if text and _FORMULA_START.match(cell):
        cell = f"'{cell}"
    return f'"{cell.replace(chr(34), chr(34) * 2)}"' if _NEEDS_QUOTES.search(cell) else cell


def results_csv(history: Mapping[str, Any], specs_by_id: Mapping[str, Mapping[str, Any]], removed_label: str) -> str:
    """The CSV of `history` (stored_results.history_view with every result detailed); `removed_label`
    (the page's "no longer in this check") stands for the text of a statement the survey lost."""
    lines = [",".join(COLUMNS)]
    for entry in history["surveys"]:
        statements = [(s["id"], s["text"]) for s in specs_by_id[entry["survey"]]["statements"]]
        for result in entry["results"]:
            gone = [(statement_id, removed_label) for statement_id in result["removed_statements"]]
            for statement_id, text in [*statements, *gone]:
                answered, noted = statement_id in result["answers"], statement_id in result["notes"]
                if not answered and not noted:
                    continue
                cells = [
                    _cell(result["id"], text=True), _cell(result["saved_at"]), _cell(result["survey"]), _cell(result["survey_version"]),
                    _cell(result["mean"]), _cell(result["index"]), _cell(result["band"], text=True),
                    _cell(statement_id), _cell(text, text=True),
                    _cell(result["answers"].get(statement_id)), _cell(result["notes"].get(statement_id), text=True),
                ]
                lines.append(",".join(cells))
    return "\ufeff" + "\r\n".join(lines) + "\r\n"
