"""Server-rendered HTML of the browser widgets: the survey form works before Pyodide is ready.

The widget script (overrides/assets/okr1on1/widget.js) enhances these elements; every text
here is escaped, and the JSON islands are made safe for a <script> element.
"""

from __future__ import annotations

import json

from okr1on1.content.model import Survey
from okr1on1.okr_checkins import STORAGE_KEY as OKR_STORAGE_KEY
from okr1on1.site.edition import Edition
from okr1on1.site.markdown_text import html_text
from okr1on1.stored_results import MAX_NOTE
from okr1on1.survey_spec import survey_spec

WIDGET_KEY_PREFIX = "widget."


def json_island(data: object, css_class: str) -> str:
    """JSON inside <script type="application/json">: `<`, `>` and `&` escaped so no tag can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="{css_class}">{text}</script>'


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


def _statement_fieldset(edition: Edition, survey: Survey, number: int, statement_id: str, text: str, tags: list[str]) -> str:
    scale = survey.scale
    name = f"{survey.slug}--{statement_id}"
    options = []
    for value in range(scale.min, scale.max + 1):
        label = scale.labels.get(value)
        label_html = f'<span class="okr-scale__label">{html_text(label.get(edition.lang))}</span>' if label else ""
        options.append(
            f'<label class="okr-scale__option"><input type="radio" name="{name}" value="{value}">'
            f'<span class="okr-scale__value">{value}</span>{label_html}</label>'
        )
    tag_html = " ".join(
        f'<span class="okr-tag">{html_text(survey.tag_labels[t].get(edition.lang) if t in survey.tag_labels else t)}</span>'
        for t in tags
    )
    return (
        f'<fieldset class="okr-statement" id="{html_text(name)}" data-statement="{html_text(statement_id)}">'
        f'<legend><span class="okr-statement__number">{number}.</span> '
        f'<span class="okr-statement__text">{html_text(text)}</span> {tag_html}</legend>'
        f'<div class="okr-scale">{"".join(options)}</div>'
        f'<label class="okr-why"><span>{html_text(edition.t("widget.why_label"))}</span>'
        f'<textarea name="{name}--why" rows="2" maxlength="{MAX_NOTE}"></textarea></label>'
        "</fieldset>"
    )


def survey_widget_html(edition: Edition, survey: Survey) -> str:
    """The survey form with its spec and texts; `data-engine` goes loading → ready | failed."""
    lang = edition.lang
    fieldsets = "".join(
        _statement_fieldset(edition, survey, number, s.id, s.text.get(lang), s.tags)
        for number, s in enumerate(survey.statements, start=1)
    )
    return (
        f'<div class="okr-survey" data-survey="{survey.slug}" data-version="{survey.version}" data-lang="{lang}" data-engine="loading">'
        + json_island(survey_spec(survey, lang, surveys=edition.content.surveys()), "okr-survey__spec")
        + json_island(widget_texts(edition), "okr-survey__texts")
        + f'<p class="okr-survey__status" role="status" aria-live="polite">{html_text(edition.t("widget.engine_loading"))}</p>'
        # Without JavaScript the form is a printable questionnaire; the Score button stays hidden.
        + f'<noscript><p class="okr-survey__nojs">{html_text(edition.t("widget.needs_js"))}</p></noscript>'
        + f'<form class="okr-survey__form" novalidate>{fieldsets}'
        + '<div class="okr-survey__actions" hidden>'
        + f'<button type="submit" class="md-button md-button--primary okr-survey__score">{html_text(edition.t("widget.score"))}</button>'
        + "</div></form>"
        + '<div class="okr-survey__results" hidden></div>'
        + "</div>"
    )


def history_html(edition: Edition) -> str:
    """The container of the "my results" view (history, trend, export/import, delete)."""
    specs = [survey_spec(s, edition.lang, surveys=edition.content.surveys()) for s in edition.content.surveys()]
    return (
        f'<div class="okr-history" data-lang="{edition.lang}">'
        + json_island(specs, "okr-history__specs")
        + json_island(widget_texts(edition), "okr-survey__texts")
        + f'<p class="okr-history__empty">{html_text(edition.t("widget.history_needs_js"))}</p>'
        + "</div>"
    )


def team_html(edition: Edition) -> str:
    """The container of the team view (combine exported results locally)."""
    specs = [survey_spec(s, edition.lang, surveys=edition.content.surveys()) for s in edition.content.surveys()]
    return (
        f'<div class="okr-team" data-lang="{edition.lang}" data-engine="loading"'
        f' data-min-responses="{edition.content.guide.settings.team_threshold}">'
        + json_island(specs, "okr-team__specs")
        + json_island(widget_texts(edition), "okr-survey__texts")
        + f'<p class="okr-team__empty">{html_text(edition.t("widget.history_needs_js"))}</p>'
        + "</div>"
    )


# --- My OKRs ---------------------------------------------------------------------------------

OKRS_KEY_PREFIX = "okrs."


def okrs_texts(edition: Edition) -> dict[str, str]:
    """The texts of the My OKRs page (content/ui/okrs.yaml), in the page's language, without `okrs.`."""
    return texts_of_group(edition, OKRS_KEY_PREFIX)


def okrs_html(edition: Edition) -> str:
    """The container of the My OKRs page (okrs.js); the engine's rules and every text as JSON islands."""
    return (
        f'<div class="okr-okrs" data-lang="{edition.lang}" data-key="{OKR_STORAGE_KEY}" data-engine="loading">'
        + json_island(okrs_texts(edition), "okr-survey__texts")
        + f'<p class="okr-okrs__empty">{html_text(edition.t("okrs.needs_js"))}</p>'
        + "</div>"
    )
