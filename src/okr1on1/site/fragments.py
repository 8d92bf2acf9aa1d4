"""The HTML fragments of the generated pages, from the Jinja templates in `overrides/fragments/`.

Each template file holds macros, called from Python as `fragment("widgets", "container", ...)`.
Autoescape is on: a text passed in is escaped where the template writes it, unless it is marked
`safe` (Markdown that `md_text` made, for a Markdown part inside an HTML block, or another fragment).

Why an Environment of our own rather than the theme's: the pages are generated in `on_files`, before
MkDocs makes the theme's environment (`on_env` comes after the navigation), and they are also made
without any MkDocs config (the reference tests, the home page through the macros module). Material's
templates expect autoescape off, so its environment would need it switched on anyway. This one loads
from the theme's own `overrides/` folder (where MkDocs copies no `.html` file to the site) and has
autoescape on and undefined names refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

FOLDER = Path(__file__).resolve().parents[3] / "overrides" / "fragments"


def island_json(data: object) -> Markup:
    """JSON for a <script type="application/json"> island: `<`, `>` and `&` escaped so no tag can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


_ENV = Environment(loader=FileSystemLoader(FOLDER), autoescape=True, undefined=StrictUndefined, auto_reload=False)
_ENV.filters["island_json"] = island_json


def fragment(template: str, macro: str, *args: object, **kwargs: object) -> str:
    """Macro `macro` of `overrides/fragments/<template>.html`, called with the arguments given.

    A plain str, not Markup: the pages join fragments with Markdown by `+`, and Markup would escape
    the str it is added to. Pass a fragment into another one through `safe`."""
    rendered = getattr(_ENV.get_template(f"{template}.html").module, macro)(*args, **kwargs)
    return str(rendered)


def safe(text: str) -> Markup:
    """Text that is safe already (Markdown made by `md_text`, `md_url`, or a fragment): written into
    a fragment as it is."""
    return Markup(text)
