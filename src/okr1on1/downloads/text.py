"""Small text helpers shared by the writers."""

from __future__ import annotations

import re

# Emoji and pictographs: everything outside the Basic Multilingual Plane, the BMP symbol blocks
# emoji come from, and the joiners/selectors that glue emoji sequences together. The PDF font has no
# glyphs for them, so they are stripped on purpose rather than printed as empty boxes.
_EMOJI = re.compile(
    "["
    "\U00010000-\U0010ffff"
    "\u2300-\u23ff"  # misc technical (⌚ ⏰)
    "\u2600-\u27bf"  # misc symbols and dingbats (☀ ✅ ✨)
    "\u2b00-\u2bff"  # misc symbols and arrows (⭐)
    "\u3030\u303d\u3297\u3299"
    "\ufe00-\ufe0f"  # variation selectors
    "\u200d\u20e3"  # zero-width joiner, combining keycap
    "]+"
)
_SPACES = re.compile(r"[ \t]{2,}")


def strip_emoji(text: str) -> str:
    """`text` without emoji or pictographic symbols; Dutch accents and curly quotes stay."""
    if text.isascii():
        return text
    return _SPACES.sub(" ", _EMOJI.sub("", text)).strip()
