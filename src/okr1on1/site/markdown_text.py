"""Plain content text made safe for Markdown and HTML output."""

from __future__ import annotations

import html
import re

# Characters that start Markdown inline syntax, attr_list blocks or Jinja/macro code.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]{}()#+!|~])")


def md_text(text: str) -> str:
    """Text for a Markdown paragraph, heading or list item: shown literally, never interpreted."""
    escaped = html.escape(text, quote=False)
    escaped = _MARKDOWN_ACTIVE.sub(r"\\\1", escaped)
    # A leading number + dot or a dash would turn the text into a list; keep it a paragraph.
    return re.sub(r"^(\d+)\.", r"\1\\.", escaped).replace("\n", " ")


def html_text(text: str) -> str:
    """Text for raw HTML (elements and attribute values)."""
    return html.escape(text, quote=True)


def paragraphs(texts: list[str]) -> str:
    return "\n\n".join(md_text(text) for text in texts)
