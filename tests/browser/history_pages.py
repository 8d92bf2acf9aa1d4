"""Helpers for the tests of "my results" under hostile or unlucky conditions: a page whose survey
specs changed (a content update), files built by hand, the confirm dialog."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, Route

Spec = dict[str, Any]
_ISLAND = re.compile(r'(<script type="application/json" class="okr-(?:history__specs|survey__spec|team__specs)">)(.*?)(</script>)', re.S)


def _island(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def serve_changed_specs(page: Page, path: str, change: Callable[[Spec], Spec]) -> None:
    """Serve `path` with every survey spec in it passed through `change`, as a content update would
    have built it (the page's HTML is the build's, only its spec islands differ)."""

    def handle(route: Route) -> None:
        response = route.fetch()

        def edit(match: re.Match[str]) -> str:
            data = json.loads(match.group(2))
            changed = [change(spec) for spec in data] if isinstance(data, list) else change(data)
            return match.group(1) + _island(changed) + match.group(3)

        route.fulfill(response=response, body=_ISLAND.sub(edit, response.text()))

    page.route(f"**{path}", handle)


def without_statement(survey: str, statement: str) -> Callable[[Spec], Spec]:
    def change(spec: Spec) -> Spec:
        if spec["id"] != survey:
            return spec
        return {**spec, "version": spec["version"] + 1, "statements": [s for s in spec["statements"] if s["id"] != statement]}

    return change


def renamed_statements(survey: str, names: dict[str, str]) -> Callable[[Spec], Spec]:
    def change(spec: Spec) -> Spec:
        if spec["id"] != survey:
            return spec
        return {**spec, "statements": [{**s, "id": names.get(s["id"], s["id"])} for s in spec["statements"]]}

    return change


def import_text(page: Page, text: str, name: str = "import.json") -> None:
    page.locator(".okr-history__file").set_input_files({"name": name, "mimeType": "application/json", "buffer": text.encode()})


def confirm(page: Page) -> None:
    page.locator("dialog[open] .okr-dialog__confirm").click()
