"""Content text reaches pages as text: Markdown and HTML in it are shown, never interpreted."""

from __future__ import annotations

import markdown

from okr1on1.site.markdown_text import html_text, md_text


def render(text: str) -> str:
    return markdown.markdown(md_text(text), extensions=["attr_list", "md_in_html"])


def test_markup_in_text_stays_text() -> None:
    html = render("Hoe <b>gaat</b> het? [link](javascript:alert(1)) *nadruk* `code` {: .x }")
    assert "<b>" not in html and "<a" not in html and "<em>" not in html and "<code>" not in html
    assert "&lt;b&gt;gaat&lt;/b&gt;" in html and "*nadruk*" in html and "[link](javascript:alert(1))" in html


def test_leading_number_and_hash_do_not_make_lists_or_headings() -> None:
    assert render("1. eerst") == "<p>1. eerst</p>"
    assert render("# niet een kop") == "<p># niet een kop</p>"


def test_dutch_text_is_unchanged() -> None:
    text = "Eén vraag: wat is ‘goed’ genoeg – écht “haalbaar”? Geïnteresseerd, ideeën."
    assert render(text) == f"<p>{text}</p>"
    assert html_text('a "b" <c>') == "a &quot;b&quot; &lt;c&gt;"
