"""Plain content text made safe for Markdown and HTML output."""

from __future__ import annotations

import html
import re

# Characters that start Markdown inline syntax, attr_list blocks or Jinja/macro code; Python-Markdown
# (with the tables extension) honours a backslash before each of them.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]{}()#+!|])")
# Characters Python-Markdown does not unescape (a backslash would show): written as character references.
_AS_REFERENCE = {"~": "&#126;"}
# A character that opens a block at the start of a line (list, rule, code fence, setext heading,
# pymdownx.tabbed `===`, pymdownx.details `???`) or an emoji shortcode `:name:`.
_BLOCK_START = re.compile(r"^[-=?:]")
_SHORTCODE = re.compile(r":(?=[+\-\w]+:)")
# Characters that end or extend a Markdown link destination or add attributes after it.
_URL_ACTIVE = re.compile(r"[()\[\]{}<>\\`\s\"']")


def md_text(text: str) -> str:
    """Text for a Markdown paragraph, heading or list item: shown literally, never interpreted."""
    escaped = html.escape(text.strip(), quote=False).replace("\n", " ")
    escaped = _MARKDOWN_ACTIVE.sub(r"\\\1", escaped)
    escaped = _SHORTCODE.sub("&#58;", escaped)
    escaped = "".join(_AS_REFERENCE.get(char, char) for char in escaped)
    escaped = _BLOCK_START.sub(lambda match: f"&#{ord(match.group())};", escaped)
    # A leading number + dot would turn the text into a list; keep it a paragraph.
    return re.sub(r"^(\d+)\.", r"\1\\.", escaped)


def md_url(url: str) -> str:
    """A URL for a Markdown link `[label](url)`: characters that could end the link or add
    attributes to it (`){onclick=...}`) are percent-encoded, so the URL stays one destination."""
    return _URL_ACTIVE.sub(lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode()), url)


def html_text(text: str) -> str:
    """Text for raw HTML (elements and attribute values)."""
    return html.escape(text, quote=True)


def paragraphs(texts: list[str]) -> str:
    return "\n\n".join(md_text(text) for text in texts)
