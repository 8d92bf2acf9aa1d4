"""Words that give away a text in the wrong language: a Dutch sentence in the English edition, or the reverse.

Only words that exist in one of the two languages and not the other: `of` (Dutch "or") and `met`
(English "met") are left out on purpose.
"""

from __future__ import annotations

import re

DUTCH_WORDS = re.compile(
    r"\b(de|het|een|en|van|je|jij|niet|ook|wat|voor|zijn|naar|bij|dat|die|wordt|om|op|tot|dit|deze|hoe|waarom|gesprek)\b",
    re.IGNORECASE,
)
ENGLISH_WORDS = re.compile(r"\b(the|and|you|your|with|what|this|that|for|are|will|have|how|why)\b", re.IGNORECASE)
# English names a Dutch text may use as they are: the method's own name.
ENGLISH_NAMES = ("Objectives and Key Results",)
PLACEHOLDER = re.compile(r"\{\w+\}")


def foreign_words(text: str, lang: str) -> list[str]:
    """The words of `text` that belong to the other language than `lang`."""
    text = PLACEHOLDER.sub(" ", text)
    if lang == "nl":
        for name in ENGLISH_NAMES:
            text = text.replace(name, " ")
        return ENGLISH_WORDS.findall(text)
    return DUTCH_WORDS.findall(text)
