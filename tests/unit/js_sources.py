"""The browser modules' sources (overrides/assets/okr1on1/*.js), read as text for the tests that hold the
front end to its rules: one job per module, storage through the store modules, no limit of its own."""

from __future__ import annotations

import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "okr1on1"


def modules() -> dict[str, str]:
    """Every module's text, by file name."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(ASSETS.glob("*.js"))}


def code_of(text: str) -> str:
    """The text without its comments (line comments and /* */ blocks); strings are kept as they are."""
    without_blocks = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(re.sub(r"(^|\s)//.*$", "", line) for line in without_blocks.splitlines())


def constant(module: str, name: str) -> str | int:
    """The value of `const NAME = <string or number>;` at the top of a module (numbers may use `_` and `*`)."""
    text = modules()[module]
    match = re.search(rf"^(?:export )?const {name} = (.+?);", text, flags=re.M)
    assert match, f"{module} has no constant {name}"
    value = match.group(1).strip()
    if value.startswith('"'):
        return str(value.strip('"'))
    product = 1
    for factor in value.replace("_", "").split("*"):
        product *= int(factor.strip())
    return product
