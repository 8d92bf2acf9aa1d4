"""One owner for every limit: the fields' maxlength comes from the engine's constants, which the page
gets as data (a data attribute or a JSON island the build writes, or the engine's answer). No script
restates a number, so no limit in the browser can differ from Python's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "overrides" / "assets" / "okr1on1").glob("*.js"))
# `maxlength: 80`, `maxLength = 80`, `"maxlength", "80"`, `setAttribute("maxlength", 80)`: a number written in the script.
WRITTEN_LIMIT = re.compile(r"""max[lL]ength["']?\s*[:=,]\s*["']?\d""")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_no_script_writes_a_length_limit_of_its_own(script: Path) -> None:
    lines = enumerate(script.read_text(encoding="utf-8").splitlines(), start=1)
    found = [f"{script.name}:{n}: {line.strip()}" for n, line in lines if WRITTEN_LIMIT.search(line)]
    assert not found, "a limit restated in JavaScript (take it from the engine's data instead):\n" + "\n".join(found)
