"""Server-rendered HTML of the browser widgets: the survey form works before Pyodide is ready.

The widget script (overrides/assets/okr1on1/widget.js) enhances these elements. The HTML is in
overrides/fragments/widgets.html (autoescaped, see fragments.py); the JSON islands are made safe
for a <script> element there.
"""

from __future__ import annotations

from collections.abc import Mapping

from okr1on1.content.model import Statement, Survey
from okr1on1.okr_checkins import STORAGE_KEY as OKR_STORAGE_KEY
from okr1on1.results_files import MAX_NAME
from okr1on1.site.edition import Edition
from okr1on1.site.fragments import fragment
from okr1on1.stored_results import MAX_NOTE
from okr1on1.survey_spec import survey_spec

WIDGET_KEY_PREFIX = "widget."


def json_island(data: object, css_class: str) -> str:
    """JSON inside <script type="application/json">: `<`, `>` and `&` escaped so no tag can close it."""
    return fragment("widgets", "island", css_class, data)


def with_threshold(edition: Edition, text: str) -> str:
    """`{threshold}` in a text (also as Markdown-escaped text, `\\{threshold\\}`) is the site's setting:
    the fewest people a team figure is shown for."""
    number = str(edition.content.guide.settings.team_threshold)
    return text.replace("\\{threshold\\}", number).replace("{threshold}", number)


def texts_of_group(edition: Edition, prefix: str) -> dict[str, str]:
    """The UI strings whose keys start with `prefix` (one page's or widget's), in the page's language,
    keyed without the prefix: what its script gets as its JSON island of texts."""
    return {key.removeprefix(prefix): text.get(edition.lang) for key, text in edition.content.ui.items() if key.startswith(prefix)}


def widget_texts(edition: Edition) -> dict[str, str]:
    """The UI strings the widget script needs, in the page's language."""
    return {key: with_threshold(edition, text) for key, text in texts_of_group(edition, WIDGET_KEY_PREFIX).items()}


def _statement(edition: Edition, survey: Survey, number: int, statement: Statement) -> dict[str, object]:
    """What the template draws of one statement: its field name, texts, tags and scale."""
    lang = edition.lang
    labels = survey.scale.labels
    return {
        "name": f"{survey.slug}--{statement.id}",
        "id": statement.id,
        "number": number,
        "text": statement.text.get(lang),
        "tags": [survey.tag_labels[t].get(lang) if t in survey.tag_labels else t for t in statement.tags],
        "options": [(value, labels[value].get(lang) if value in labels else None) for value in range(survey.scale.min, survey.scale.max + 1)],
    }


def survey_widget_html(edition: Edition, survey: Survey) -> str:
    """The survey form with its spec and texts; `data-engine` goes loading → ready | failed."""
    texts = {"loading": edition.t("widget.engine_loading"), "needs_js": edition.t("widget.needs_js"),
             "score": edition.t("widget.score"), "why_label": edition.t("widget.why_label")}
    return fragment(
        "widgets", "survey", survey.slug, survey.version, edition.lang,
        spec=survey_spec(survey, edition.lang, surveys=edition.content.surveys()),
        texts=widget_texts(edition),
        statements=[_statement(edition, survey, number, s) for number, s in enumerate(survey.statements, start=1)],
        t=texts,
        max_note=MAX_NOTE,
        max_name=MAX_NAME,
    )


def widget_container(edition: Edition, block: str, attributes: Mapping[str, object], islands: Mapping[str, object], empty_key: str) -> str:
    """The element a page's script fills (results, team, My OKRs, notebook): `okr-<block>` with
    `data-lang` and `attributes` as data-*, the JSON `islands` (css class → data) and the text shown
    until the script runs."""
    return fragment("widgets", "container", block, edition.lang, list(attributes.items()), list(islands.items()), edition.t(empty_key))


def survey_specs(edition: Edition) -> list[dict[str, object]]:
    """The spec of every survey of the site, in the page's language (what the results, team and notebook pages read)."""
    return [survey_spec(s, edition.lang, surveys=edition.content.surveys()) for s in edition.content.surveys()]


def history_html(edition: Edition) -> str:
    """The container of the "my results" view (history, trend, export/import, delete)."""
    islands = {"okr-history__specs": survey_specs(edition), "okr-survey__texts": widget_texts(edition)}
    # max-name: the longest name a share file takes (share.js sets the field's maxlength from it).
    return widget_container(edition, "okr-history", {"max-name": MAX_NAME}, islands, "widget.history_needs_js")


def team_html(edition: Edition) -> str:
    """The container of the team view (combine exported results locally)."""
    attributes = {"engine": "loading", "min-responses": edition.content.guide.settings.team_threshold}
    islands = {"okr-team__specs": survey_specs(edition), "okr-survey__texts": widget_texts(edition)}
    return widget_container(edition, "okr-team", attributes, islands, "widget.history_needs_js")


# --- My OKRs ---------------------------------------------------------------------------------

OKRS_KEY_PREFIX = "okrs."


def okrs_texts(edition: Edition) -> dict[str, str]:
    """The texts of the My OKRs page (content/ui/okrs.yaml), in the page's language, without `okrs.`."""
    return texts_of_group(edition, OKRS_KEY_PREFIX)


def okrs_html(edition: Edition) -> str:
    """The container of the My OKRs page (okrs.js), with every text as a JSON island."""
    attributes = {"key": OKR_STORAGE_KEY, "engine": "loading"}
    return widget_container(edition, "okr-okrs", attributes, {"okr-survey__texts": okrs_texts(edition)}, "okrs.needs_js")
