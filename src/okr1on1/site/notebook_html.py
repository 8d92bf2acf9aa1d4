"""The 1:1 notebook page: its container, with the data the script needs as JSON islands (the
storage rules from `okr1on1.notebook`, the agenda templates as checklists in the page's language,
the survey specs for the latest mood-check result, and the page's `notebook.` texts)."""

from __future__ import annotations

from okr1on1 import notebook
from okr1on1.content.model import Agenda
from okr1on1.okr_checkins import STORAGE_KEY as OKR_STORAGE_KEY
from okr1on1.site.edition import Edition
from okr1on1.site.markdown_text import html_text
from okr1on1.site.widget_html import json_island, texts_of_group
from okr1on1.survey_spec import survey_spec

TEXT_PREFIX = "notebook."


def notebook_texts(edition: Edition) -> dict[str, str]:
    return texts_of_group(edition, TEXT_PREFIX)


def agenda_checklists(edition: Edition) -> list[dict[str, object]]:
    """Every agenda template as a checklist: `[{slug, title, minutes, questions: [{id, text, section}]}]`."""
    lang = edition.lang
    return [
        {
            "slug": template.slug,
            "title": template.title.get(lang),
            "minutes": template.duration_minutes,
            "questions": [
                {"id": f"{section.id}-{question.id}", "text": question.text.get(lang), "section": section.title.get(lang)}
                for section in template.sections
                for question in section.questions
            ],
        }
        for template in edition.content.templates
        if isinstance(template, Agenda)
    ]


def notebook_html(edition: Edition) -> str:
    config = {
        "key_prefix": notebook.KEY_PREFIX,
        "max_name": notebook.MAX_NAME,
        "max_text": notebook.MAX_TEXT,
        "max_note": notebook.MAX_NOTE,
        "max_topics": notebook.MAX_TOPICS,
        "min_minutes": notebook.MIN_MEETING_MINUTES,
        "max_minutes": notebook.MAX_MEETING_MINUTES,
        "okr_key": OKR_STORAGE_KEY,  # "from this device" shows the latest check-in of My OKRs
    }
    specs = [survey_spec(s, edition.lang, surveys=edition.content.surveys()) for s in edition.content.surveys()]
    return (
        f'<div class="okr-notebook" data-lang="{edition.lang}" data-engine="loading">'
        + json_island(config, "okr-notebook__config")
        + json_island(agenda_checklists(edition), "okr-notebook__agendas")
        + json_island(specs, "okr-notebook__specs")
        + json_island(notebook_texts(edition), "okr-survey__texts")
        + f'<p class="okr-notebook__empty">{html_text(edition.t("notebook.needs_js"))}</p>'
        + "</div>"
    )
