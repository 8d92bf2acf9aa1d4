"""Helpers for the browser tests of the survey widget and "my results": answering like a user,
reading the page, and the numbers the UI should show (the engine's, rounded as the UI rounds)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page

ENGINE_TIMEOUT = 60_000
STORAGE_KEY = "okr1on1.results"

# The personal-development mood check, and two sets of answers to it (statement id → 1–7).
PERSONAL = "/templates/personal-development/"
FIRST = {"progress": 3, "address-behaviour": 4, "receive-feedback": 2, "career-path": 3, "strengths": 5}
SECOND = {"progress": 6, "address-behaviour": 5, "receive-feedback": 5, "career-path": 4, "strengths": 6}


def wait_for_engine(page: Page) -> None:
    page.wait_for_selector('[data-engine="ready"]', timeout=ENGINE_TIMEOUT)


def ui_number(value: float, lang: str = "nl", digits: int = 1) -> str:
    """`value` as the widget shows it: Intl.NumberFormat rounds the exact double half away from zero."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = f"{rounded:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def ui_signed(value: float, lang: str = "nl") -> str:
    text = ui_number(value, lang)
    return text if text.strip("0,.") == "" else (text if text.startswith("-") else f"+{text}")


def answer(page: Page, statement: str, value: int, note: str | None = None) -> None:
    """Choose `value` for `statement` by clicking its scale button, like a user does."""
    fieldset = page.locator(f'fieldset.okr-statement[data-statement="{statement}"]')
    fieldset.locator(f'label.okr-scale__option:has(input[value="{value}"])').click()
    if note is not None:
        fieldset.locator("textarea").fill(note)


def answer_all(page: Page, answers: dict[str, int]) -> None:
    for statement, value in answers.items():
        answer(page, statement, value)


def page_spec(page: Page) -> dict[str, Any]:
    """The survey spec the page hands to the engine (the JSON island the build wrote)."""
    return json.loads(page.locator(".okr-survey__spec").text_content() or "")


def score_and_wait(page: Page) -> None:
    page.locator(".okr-survey__score").click()
    page.wait_for_selector(".okr-results__title", timeout=ENGINE_TIMEOUT)


def result_document(*results: dict[str, Any], version: int = 1) -> dict[str, Any]:
    return {"format": "okr1on1-results", "version": version, "results": list(results)}


def saved_result(result_id: str, survey: str, saved_at: str, answers: dict[str, int], notes: dict[str, str] | None = None) -> dict[str, Any]:
    return {"id": result_id, "survey": survey, "survey_version": 1, "saved_at": saved_at, "answers": answers, "notes": notes or {}}


def seed_storage(page: Page, document: dict[str, Any], path: str = "/about/") -> None:
    """Put `document` into the site's localStorage from a page that does not start the engine."""
    page.goto(path)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps(document)])


def stored(page: Page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY)


def history_rows(page: Page, survey: str) -> list[str]:
    """The rows of the saved-results table of `survey` on /results/, as text."""
    return page.locator(f'.okr-history__survey[data-survey="{survey}"] tr[data-result]').all_inner_texts()


@dataclass
class BrowserLog:
    """What the page did that a test may not allow: requests elsewhere, errors, CSP violations."""

    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Accept console/page errors matching `pattern` (a test that provokes a failure on purpose)."""
        self.allowed.append(re.compile(pattern))

    def foreign_requests(self) -> list[str]:
        def same_origin(url: str) -> bool:
            if url.startswith(("data:", "about:")):
                return True
            if url.startswith("blob:"):
                url = url.removeprefix("blob:")
            parts = urlsplit(url)
            return f"{parts.scheme}://{parts.netloc}" == self.origin

        return [url for url in self.requests if not same_origin(url)]

    def unexpected_errors(self) -> list[str]:
        return [error for error in self.errors if not any(pattern.search(error) for pattern in self.allowed)]
