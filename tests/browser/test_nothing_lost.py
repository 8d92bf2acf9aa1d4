"""Saving, importing and deleting history are atomic: each is interrupted midway (the browser's
storage throws inside the write, or building the new document throws) and the previous history is
still there, byte for byte and on screen; the same action then succeeds when tried again."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from widget_helpers import (
    FIRST,
    PERSONAL,
    SECOND,
    STORAGE_KEY,
    answer,
    history_rows,
    result_document,
    saved_result,
    score_and_wait,
    seed_storage,
    stored,
    wait_for_engine,
)

pytestmark = pytest.mark.browser


# One failure, then the browser behaves again. Only writes of the results key fail (Material keeps
# its own settings in localStorage too).
FAIL_ONCE = {
    "setItem": """key => { const original = Storage.prototype.setItem; let armed = true;
        Storage.prototype.setItem = function (name, value) {
          if (armed && name === key) { armed = false; throw new Error("disk I/O error (test)"); }
          return original.call(this, name, value);
        }; }""",
    "removeItem": """key => { const original = Storage.prototype.removeItem; let armed = true;
        Storage.prototype.removeItem = function (name) {
          if (armed && name === key) { armed = false; throw new Error("disk I/O error (test)"); }
          return original.call(this, name);
        }; }""",
    # Throws while the new document is being built (the engine builds it, in the worker), before the
    # storage is touched.
    "building": """key => { const original = Worker.prototype.postMessage; let armed = true;
        Worker.prototype.postMessage = function (message, ...rest) {
          if (armed && ["add_results", "import_results"].includes(message?.method)) {
            armed = false; throw new RangeError("out of memory (test)");
          }
          return original.call(this, message, ...rest);
        }; }""",
}


def two_results() -> dict[str, Any]:
    return result_document(
        saved_result("r-1", "personal-development", "2026-01-12T09:00:00.000Z", FIRST, {"career-path": "Geen zicht op groei"}),
        saved_result("r-2", "personal-development", "2026-04-12T09:00:00.000Z", SECOND),
    )


def interrupt_next(page: Page, write: str) -> None:
    page.evaluate(FAIL_ONCE[write], STORAGE_KEY)


def import_file(page: Page, document: dict[str, Any]) -> None:
    data = json.dumps(document).encode()
    page.locator(".okr-history__file").set_input_files({"name": "import.json", "mimeType": "application/json", "buffer": data})


def saved_ids(page: Page) -> list[str]:
    return [result["id"] for result in json.loads(stored(page) or "{}")["results"]]


@pytest.mark.parametrize("write", ["setItem", "building"])
def test_interrupted_import_keeps_the_history(page: Page, write: str) -> None:
    seed_storage(page, two_results())
    before = stored(page)
    page.goto("/results/")
    wait_for_engine(page)
    expect(page.locator("tr[data-result]")).to_have_count(2)
    incoming = result_document(saved_result("r-3", "personal-development", "2026-06-12T09:00:00.000Z", {"progress": 7, "strengths": 6}))

    interrupt_next(page, write)
    import_file(page, incoming)
    message = page.locator(".okr-history__message")
    expect(message).to_contain_text("Importeren niet gelukt")
    expect(message).to_contain_text("Je browser weigerde de resultaten te bewaren")
    expect(message).to_contain_text("je eerder bewaarde resultaten zijn ongewijzigd")
    assert stored(page) == before
    assert len(history_rows(page, "personal-development")) == 2
    page.reload()
    wait_for_engine(page)
    expect(page.locator("tr[data-result]")).to_have_count(2)

    import_file(page, incoming)  # the same file, now that the browser writes again
    expect(page.locator(".okr-history__message")).to_contain_text("1 resultaat toegevoegd.")
    assert saved_ids(page) == ["r-1", "r-2", "r-3"]
    expect(page.locator("tr[data-result]")).to_have_count(3)


def test_interrupted_delete_keeps_the_history(page: Page) -> None:
    seed_storage(page, two_results())
    before = stored(page)
    page.goto("/results/")
    wait_for_engine(page)
    interrupt_next(page, "removeItem")
    page.locator(".okr-history__delete").click()
    page.locator("dialog[open] .okr-dialog__confirm").click()
    expect(page.locator(".okr-history__message")).to_contain_text("Wissen is niet gelukt: je browser weigerde het (disk I/O error (test))")
    assert stored(page) == before
    expect(page.locator("tr[data-result]")).to_have_count(2)
    page.reload()
    wait_for_engine(page)
    expect(page.locator("tr[data-result]")).to_have_count(2)

    page.locator(".okr-history__delete").click()
    page.locator("dialog[open] .okr-dialog__confirm").click()
    expect(page.locator(".okr-history__message")).to_contain_text("Al je bewaarde resultaten zijn uit deze browser gewist.")
    assert stored(page) is None


@pytest.mark.parametrize("write", ["setItem", "building"])
def test_interrupted_save_keeps_the_history_and_can_be_retried(page: Page, write: str) -> None:
    seed_storage(page, two_results())
    before = stored(page)
    page.goto(PERSONAL)
    answer(page, "progress", 7)
    score_and_wait(page)
    interrupt_next(page, write)
    save = page.locator(".okr-save__button")
    save.click()
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaren is niet gelukt: je browser weigerde het")
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text("7,0")  # the result stays shown
    assert stored(page) == before

    expect(save).to_be_enabled()
    save.click()
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaard op")
    ids = saved_ids(page)
    assert ids[:2] == ["r-1", "r-2"] and len(ids) == 3
