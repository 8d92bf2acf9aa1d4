"""Issue 13, point 1: every limit and format rule has one owner, in Python. The browser modules get them
from the engine or from the page's data (the notebook's `config`, My OKRs' `rules`); the few that are
still written in the JS are compared here with the Python constant they restate, so that changing one
without the other fails. A new number limit written into a module fails too, until it comes from the
data or is listed here with its owner."""

from __future__ import annotations

import re

import pytest
from js_sources import code_of, constant, modules

from okr1on1 import results_files, scoring, team_privacy
from okr1on1.site import pyodide_bundle

# `maxlength: 80`, `{ max: 100 }`…: a limit written as a number in a module. Each one is listed here
# with the Python value it must equal (None: not a rule of a format, said why).
LIMIT_LITERAL = re.compile(r"\b(maxlength|minlength|min|max)\s*:\s*(\d+(?:\.\d+)?)\b")
INDEX_TOP = scoring.score(
    {
        "id": "top",
        "version": 1,
        "scale": {"min": 1, "max": 7, "labels": {}},
        "statements": [{"id": "a", "text": "A", "tags": [], "reverse": False, "follow_up": []}],
        "bands": [{"from": 1.0, "to": 7.0, "label": "All", "tone": "mid"}],
        "follow_up": [],
    },
    {"a": 7},
)["index"]
KNOWN_LITERALS: dict[tuple[str, str, str], float | None] = {
    ("survey-result.js", "max", "100"): INDEX_TOP,  # "index … of 100": the index of the highest answers
    ("team-survey.js", "max", "100"): INDEX_TOP,
    ("okrs-quarter.js", "min", "0"): None,  # the confidence chart's axis starts at 0: a drawing, not a rule
}


def limit_literals() -> list[tuple[str, str, str]]:
    return [(name, key, value) for name, text in modules().items() for key, value in LIMIT_LITERAL.findall(code_of(text))]


def test_every_number_limit_left_in_the_js_is_known_and_equals_its_python_owner() -> None:
    found = limit_literals()
    unknown = [entry for entry in found if entry not in KNOWN_LITERALS]
    assert not unknown, f"limits written in the JS: take them from the page's data or the engine, or list them here: {unknown}"
    for entry in found:
        owner = KNOWN_LITERALS[entry]
        if owner is not None:
            assert float(entry[2]) == owner, f"{entry} restates a Python limit of {owner}"
    assert set(KNOWN_LITERALS) <= set(found)  # a literal that went (now from the data) goes from this list too


@pytest.mark.parametrize(
    ("module", "name", "owner"),
    [
        ("sealed.js", "SEALED_FORMAT", results_files.SEALED_FORMAT),  # the engine refuses a sealed file it sees
        ("worker-snapshot.js", "MANIFEST", pyodide_bundle.ENGINE_MANIFEST),  # the build writes it, the worker reads it
        ("worker.js", "PACKAGE", pyodide_bundle.PACKAGE_NAME),  # the wheel the build makes, the worker loads
    ],
)
def test_a_name_the_js_shares_with_python_is_the_same(module: str, name: str, owner: str) -> None:
    assert constant(module, name) == owner


def test_the_team_page_reads_every_file_the_engine_would_accept() -> None:
    # The page reads a file up to READ_LIMIT and lets the engine refuse a bigger one by its size: a share
    # file or a team bundle the engine accepts must never be left unread.
    limit = constant("team-files.js", "READ_LIMIT")
    assert isinstance(limit, int) and limit >= max(results_files.MAX_SHARE_BYTES, team_privacy.MAX_BUNDLE_BYTES)
