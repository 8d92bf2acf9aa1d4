"""The renderers escape on their own: hostile text that the loader would refuse (and text it allows
that only looks dangerous) shows literally in every place a page puts content text, through the
site's real Markdown configuration, and JSON islands hand it back unchanged without closing their
<script>. The loader refusing markup is tested in test_content_errors.py; this is the second wall."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import markdown
import pytest
from mkdocs.config import load_config

from okr1on1.site.markdown_text import html_text, md_text, md_url
from okr1on1.site.widget_html import json_island

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    "[klik hier](javascript:alert(1))",
    "javascript:alert(1)",
    "![beeld](https://evil.example/x.png)",
    "<https://evil.example/>",
    '{: onclick="alert(1)" } {{ config.extra }} {% raw %} {# comment #}',
    "5 < 7 > 3 & \"quotes\" 'x' {x}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "javascript&#58;alert(1)",
    "*nadruk* _nadruk_ **vet** `code` ~~weg~~ ==mark==",
    "- lijkt een lijst",
    "* ook een lijst",
    "+ en nog een",
    "1. genummerd",
    "# geen kop",
    "> geen citaat",
    "---",
    "===",
    '=== "Tab"',
    "??? note",
    '!!! danger "Let op"',
    "~~~",
    "```js",
    "    vier spaties",
    "| a | b |",
    "Tip :material-alert: en :smile: hier",
    "backslash \\ en \\* en \\\\",
    "regel een\nregel twee",
    "Één-op-één: ‘goed’ – “haalbaar”?",
]

# How pages.py places content text into Markdown, and where that text ends up in the HTML.
CONTEXTS = {
    "paragraph": ("{t}", "p"),
    "heading": ("## {t}", "h2"),
    "numbered item": ("1. {t}", "li"),
    "bullet item": ("- {t}", "li"),
    "table cell": ("| A | B |\n|---|---|\n| 1 | {t} |", "td[2]"),
    "quote": ("> {t}", "blockquote/p"),
    "admonition item": ('!!! tip "Tips"\n\n    - {t}', "div/ul/li"),
    "link label": ("**[{t}](page.md)**", "p/strong/a"),
    "lead": ("{t}\n{{ .okr-lead }}", "p"),
}


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of mkdocs.yml."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def shown(text: str) -> str:
    """What a reader should see: the text itself (a line break is a space, outer spaces go)."""
    return text.strip().replace("\n", " ")


def visible_text(element: lxml.html.HtmlElement) -> str:
    for permalink in element.xpath('.//a[@class="headerlink"]'):
        permalink.drop_tree()
    return element.text_content()


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("text", HOSTILE)
def test_content_text_shows_literally_in_every_markdown_context(site_markdown: markdown.Markdown, context: str, text: str) -> None:
    template, path = CONTEXTS[context]
    site_markdown.reset()
    html = site_markdown.convert(template.format(t=md_text(text)))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    targets = root.xpath(f"./{path}") or root.xpath(f".//{path}")
    assert len(targets) == 1, html
    assert visible_text(targets[0]) == shown(text), html
    # Nothing but the context's own elements: no script, image, icon, code, emphasis or extra link.
    tags = {element.tag for element in root.iter() if isinstance(element.tag, str)}
    assert not tags & {"script", "img", "svg", "code", "pre", "em", "strong", "hr", "details", "input", "mark", "del"} - {
        "strong" if context == "link label" else ""
    }, html
    assert not root.xpath("//*[@onclick or @onerror or @src]"), html
    assert [a.get("href") for a in root.iter("a") if a.get("class") != "headerlink"] == (["page.md"] if context == "link label" else [])


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_is_text_in_elements_and_attributes(text: str) -> None:
    root = lxml.html.fragment_fromstring(f'<span title="{html_text(text)}" class="x">{html_text(text)}</span>')
    assert root.get("title") == text and root.text_content() == text
    assert root.attrib.keys() == ["title", "class"] and len(root) == 0


ISLAND_ATTACKS = [
    "</script><script>window.__pwned = 1</script>",
    "</SCRIPT ><img src=x onerror=window.__pwned=2>",
    "<!-- <script>",
    "\u2028\u2029 line separators",
    "&amp; &lt; ]]> \\u003c",
]


@pytest.mark.parametrize("text", ISLAND_ATTACKS)
def test_json_island_keeps_its_script_element_closed(text: str) -> None:
    data = {"title": text, "statements": [{"id": "s1", "text": text}], "labels": {"1": text}}
    island = json_island(data, "okr-survey__spec")
    body = island.removeprefix('<script type="application/json" class="okr-survey__spec">').removesuffix("</script>")
    assert not re.search(r"</script|<!--|<script", body, re.IGNORECASE)
    assert json.loads(body) == data
    # An HTML parser sees exactly one script element whose text is the JSON.
    root = lxml.html.fragment_fromstring(f"<div>{island}</div>")
    scripts = root.xpath("//script")
    assert len(scripts) == 1 and len(root) == 1
    assert json.loads(scripts[0].text) == data


@pytest.mark.parametrize(
    "url",
    [
        "https://docs.example.org/document/d/abc/copy",
        "https://docs.example.org/a/){onclick=window.__pwned=1}",
        "https://docs.example.org/a/){:onclick=alert(1)}[x](javascript:alert(1)",
    ],
)
def test_link_url_stays_one_destination(site_markdown: markdown.Markdown, url: str) -> None:
    site_markdown.reset()
    html = site_markdown.convert(f'[Google Docs]({md_url(url)}){{ .md-button rel="noopener" }}')
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    links = root.xpath("//a")
    assert len(links) == 1, html
    assert dict(links[0].attrib) == {"href": md_url(url), "class": "md-button", "rel": "noopener"}
    assert links[0].get("href").startswith("https://docs.example.org/") and links[0].text_content() == "Google Docs"
    assert root.text_content() == "Google Docs"
