"""JSON from outside (a file someone picked, a document in localStorage), parsed with bounds.

Standard library only (shipped to the browser in the engine's wheel). Every file or stored document
the site reads goes through `loads`, on every page: a document nested deeper than `MAX_DEPTH` is
refused before `json.loads` (whose recursion would overflow Pyodide's stack at a few thousand levels),
and `NaN`, `Infinity` and `-Infinity` (which Python accepts and JavaScript's JSON does not) are refused.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["MAX_DEPTH", "SAFE_INTEGER", "JsonRefused", "loads", "utf16_length"]

MAX_DEPTH = 32  # our documents are 4 levels deep; a share file 3
SAFE_INTEGER = 2**53 - 1  # JavaScript's Number.MAX_SAFE_INTEGER: larger whole numbers change on the way

# A JSON string (with its escapes); what is left between strings holds the brackets that count.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


class JsonRefused(ValueError):
    """Not JSON we read: `too_deep` (nested more than MAX_DEPTH levels) or not JSON at all."""

    def __init__(self, too_deep: bool) -> None:
        super().__init__(f"nested more than {MAX_DEPTH} levels" if too_deep else "not JSON")
        self.too_deep = too_deep


def _depth(text: str) -> int:
    """The deepest nesting of arrays and objects in `text` (strings skipped); linear, no recursion."""
    brackets = _NOT_A_BRACKET.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for bracket in brackets:
        if bracket in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        else:
            depth -= 1
    return deepest


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def loads(text: str) -> Any:
    """`json.loads(text)` for text from outside; raises `JsonRefused`."""
    if _depth(text) > MAX_DEPTH:
        raise JsonRefused(too_deep=True)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):  # ValueError: also an integer of more than 4300 digits
        raise JsonRefused(too_deep=False) from None


def utf16_length(text: str) -> int:
    """The length of `text` as the browser counts it (`String.length`, `maxlength`): UTF-16 code units.
    Raises UnicodeEncodeError for a lone surrogate, which is no text anybody typed."""
    return len(text.encode("utf-16-le")) // 2
