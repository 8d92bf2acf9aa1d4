"""The front end's shape (issue 13): ES modules of one job each, type-checked, and the browser's storage
reached only through the store modules. A newcomer who adds a 300-line module or a `localStorage` call
in a renderer is told here what the project expects instead."""

from __future__ import annotations

import re

import pytest
from js_sources import code_of, modules

MAX_LINES = 200
# The modules that may touch the browser's storage: storage.js (localStorage / sessionStorage, for every
# stored document) and team-keys.js (IndexedDB, the team codes' private keys). The other store modules
# (notebook-store, okr-store, team-store) go through storage.js.
STORE_MODULES = {"storage.js", "team-keys.js"}
STORAGE_APIS = re.compile(r"\b(localStorage|sessionStorage|indexedDB)\b")


def header(text: str) -> list[str]:
    """The comment lines a module opens with."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        lines.append(line)
    return lines


@pytest.mark.parametrize("name", sorted(modules()))
def test_every_module_is_type_checked_and_says_what_it_holds(name: str) -> None:
    lines = header(modules()[name])
    assert lines[:1] == ["// @ts-check"], f"{name}: the first line must be // @ts-check (make lint runs tsc over it)"
    assert len(lines) >= 2 and len(lines[1]) > 20, f"{name}: the header comment must say what the module holds"


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_is_over_200_lines_without_a_reason_in_its_header(name: str) -> None:
    text = modules()[name]
    length = len(text.splitlines())
    reason = any(line.startswith(f"// Over {MAX_LINES} lines") for line in header(text))
    assert length <= MAX_LINES or reason, f"{name} has {length} lines: split it by job, or say why not in its header"


@pytest.mark.parametrize("name", sorted(set(modules()) - STORE_MODULES))
def test_only_the_store_modules_touch_the_browsers_storage(name: str) -> None:
    found = STORAGE_APIS.findall(code_of(modules()[name]))
    assert not found, f"{name} uses {sorted(set(found))}: go through storage.js (readKey / writeKey) or a store module"


def test_the_store_modules_are_there() -> None:
    assert set(modules()) >= STORE_MODULES  # a renamed store module must be renamed here too
