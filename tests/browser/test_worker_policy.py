"""The worker that runs Pyodide is under the page's Content-Security-Policy, on a server that sends no
policy header: inside it, code from strings and requests to another origin are refused, and the other
origin (a second server on 127.0.0.1) receives nothing; the widget still starts and scores."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page
from widget_helpers import FIRST, PERSONAL, BrowserLog, answer_all, score_and_wait, wait_for_engine

pytestmark = pytest.mark.browser


class _Recorder(http.server.BaseHTTPRequestHandler):
    received: list[str]

    def do_GET(self) -> None:
        self.received.append(self.path)
        body = b"self.okrForeign = true; 1"
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def other_origin() -> Iterator[tuple[str, list[str]]]:
    """A second server on 127.0.0.1 (another port: another origin) that records every request it gets."""
    received: list[str] = []
    handler = type("Recorder", (_Recorder,), {"received": received})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


# Run from a task of the worker's own (a timer), not from the DevTools evaluation that starts it, which
# the browser lets evaluate code whatever the policy.
ATTEMPTS = """(other) => new Promise((done) => setTimeout(async () => {
  const tried = {};
  const attempt = async (name, run) => {
    try { tried[name] = `ran: ${await run()}`; } catch (error) { tried[name] = `refused: ${error.name}`; }
  };
  await attempt("new Function", () => new Function("return 1")());
  await attempt("eval", () => (0, eval)("1 + 1"));
  await attempt("setTimeout with a string", () => new Promise((resolve, reject) => {
    try { setTimeout("self.okrTimer = 1"); } catch (error) { reject(error); }
    setTimeout(() => (self.okrTimer ? resolve("timer ran") : reject(new Error("not run"))), 200);
  }));
  await attempt("fetch", async () => (await fetch(`${other}/fetch`)).status);
  await attempt("fetch no-cors", async () => (await fetch(`${other}/no-cors`, { mode: "no-cors" })).type);
  await attempt("importScripts", () => { importScripts(`${other}/import-scripts.js`); return self.okrForeign; });
  await attempt("import()", async () => { await import(`${other}/import.js`); return self.okrForeign; });
  await attempt("WebSocket", () => new Promise((resolve, reject) => {
    const socket = new WebSocket(other.replace("http", "ws") + "/socket");
    socket.onopen = () => resolve("open");
    socket.onerror = () => reject(new Error("closed"));
  }));
  done(tried);
}, 0))"""


def test_inside_the_worker_code_from_strings_and_other_origins_are_refused(
    page: Page, browser_log: BrowserLog, other_origin: tuple[str, list[str]]
) -> None:
    other, received = other_origin
    browser_log.allow(r"Content Security Policy|Refused to|violates")  # the refusals this test provokes
    page.goto(PERSONAL)
    wait_for_engine(page)
    # The engine's worker is made from a blob: URL, so it runs under the page's policy (the other worker
    # on the page is the theme's search).
    [worker] = [worker for worker in page.workers if worker.url.startswith("blob:")]
    assert worker.evaluate("typeof self.postMessage === 'function' && typeof document === 'undefined'")
    tried = worker.evaluate(ATTEMPTS, other)
    # What the browser tried to fetch never left it (the recorder got nothing): not requests to another origin.
    browser_log.requests[:] = [url for url in browser_log.requests if not url.startswith((other, other.replace("http", "ws")))]
    assert all(outcome.startswith("refused") for outcome in tried.values()), tried
    assert received == []  # the other origin got nothing at all
    # Code from strings is refused by a policy (an EvalError is what a policy without 'unsafe-eval' throws).
    assert (tried["new Function"], tried["eval"]) == ("refused: EvalError", "refused: EvalError")
    # The widget still starts and scores under that policy.
    answer_all(page, FIRST)
    score_and_wait(page)
    assert page.locator(".okr-results__title").is_visible()
