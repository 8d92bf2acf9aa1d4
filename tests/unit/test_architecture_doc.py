"""docs/ARCHITECTURE.md stays true of the code: every file it names exists, and every module of the
engine and the build is named in it (a new module is added to the design, a removed one leaves it)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
# `scoring.py`, `overrides/fragments/page.html`, `engine.js`: names in backticks.
NAMED = set(re.findall(r"`(?:[\w./-]+/)?([\w.-]+\.(?:py|js|mjs|html))`", DOC))
SEARCHED = [ROOT / "src", ROOT / "overrides", ROOT / "macros", ROOT / "tests"]


def test_every_file_the_design_names_exists() -> None:
    existing = {path.name for folder in SEARCHED for path in folder.rglob("*") if path.is_file()}
    assert NAMED, "no file names found in docs/ARCHITECTURE.md"
    assert not NAMED - existing, f"docs/ARCHITECTURE.md names files that do not exist: {sorted(NAMED - existing)}"


def test_every_module_and_script_is_in_the_design() -> None:
    modules = {path.name for path in (ROOT / "src" / "okr1on1").rglob("*.py") if path.name != "__init__.py"}
    scripts = {path.name for path in (ROOT / "overrides" / "assets" / "okr1on1").glob("*.js")}
    missing = sorted((modules | scripts) - NAMED)
    assert not missing, f"not in docs/ARCHITECTURE.md (say what they own): {missing}"
