"""Helpers for the accessibility and privacy walks: the pages of the built site, Material's colour
scheme, axe-core, and the text equivalents of the widgets' charts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
EDITION_SCOPES = ("/", "/en/")  # Material keeps the palette per edition: localStorage["<scope>.__palette"]
_WIDGET = re.compile(r'class="okr-(?:survey|history|team|okrs|notebook)"')


@dataclass(frozen=True)
class SitePage:
    path: str  # URL path on the site server
    has_widget: bool  # a survey, "my results" or the team view: starts the engine (Pyodide)


def site_pages(site: Path) -> list[SitePage]:
    """Every HTML page of both editions (the Pyodide bundle and other assets are not pages)."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site)
        if "assets" in relative.parts:
            continue
        path = "/" + (relative.parent.as_posix() + "/" if file.name == "index.html" else relative.as_posix())
        pages.append(SitePage(path.replace("/./", "/"), bool(_WIDGET.search(file.read_text(encoding="utf-8")))))
    return pages


def use_scheme(page: Page, scheme: str) -> None:
    """Choose Material's light ("default") or dark ("slate") palette, as its toggle stores it."""
    index = {"default": 0, "slate": 1}[scheme]
    palette = json.dumps({"index": index, "color": {"media": "", "scheme": scheme, "primary": "indigo", "accent": "deep-orange"}})
    page.context.add_init_script(
        f"for (const scope of {json.dumps(EDITION_SCOPES)}) localStorage.setItem(scope + '.__palette', {json.dumps(palette)});"
    )
    # Readers who ask for less motion get no transitions: axe then sees final colours, not a blend.
    page.emulate_media(reduced_motion="reduce")


def scheme_of(page: Page) -> str | None:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def toggle_scheme(page: Page) -> str:
    """Click Material's light/dark toggle in the header; returns the new scheme. The click is the
    element's own (a modal dialog, open on purpose, would catch a pointer click)."""
    before = scheme_of(page)
    page.locator('form[data-md-component="palette"] label:not([hidden])').evaluate("label => label.click()")
    page.wait_for_function("before => document.body.getAttribute('data-md-color-scheme') !== before", arg=before)
    page.mouse.move(0, 0)  # no hover colours on the toggle or on whatever lies under the pointer
    return scheme_of(page) or ""


def axe_in_both_schemes(page: Page, where: str) -> list[str]:
    """axe's serious findings in the current scheme, then (after the toggle) in the other one."""
    findings = [f"{where} [{scheme_of(page)}]: {finding}" for finding in serious_axe_findings(page)]
    scheme = toggle_scheme(page)
    return findings + [f"{where} [{scheme}]: {finding}" for finding in serious_axe_findings(page)]


def serious_axe_findings(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line per element.
    axe is evaluated over the DevTools protocol, which the page's CSP does not govern."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
             .filter((v) => v.impact === "serious" || v.impact === "critical")
             .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary.replace(/\\s+/g, " ")}`))"""
    )
    return list(violations)


def charts_without_text(page: Page) -> list[str]:
    """The widgets' SVG charts that have no text equivalent: each must either be an image with a
    name (role=img and aria-label) or be decorative (aria-hidden) beside its number in the same
    table row."""
    return page.evaluate(
        """() => [...document.querySelectorAll(".okr-survey__results svg, .okr-history svg, .okr-team svg")]
             .filter((chart) => !chart.closest("[aria-hidden=true]:not(svg)") && chart.parentElement.closest("svg") === null)
             .filter((chart) => {
               const named = chart.getAttribute("role") === "img" && (chart.getAttribute("aria-label") ?? "").trim() !== "";
               const row = chart.closest("tr");
               const number = row && [...row.querySelectorAll(".okr-num")].some((cell) => !cell.contains(chart) && cell.textContent.trim() !== "");
               return !(named || (chart.getAttribute("aria-hidden") === "true" && number));
             })
             .map((chart) => chart.outerHTML.slice(0, 120))"""
    )
