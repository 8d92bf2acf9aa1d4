"""The 1:1 notebook page: its container, with the data the script needs as JSON islands (the
storage rules from `okr1on1.notebook`, the agenda templates as checklists in the page's language,
the survey specs for the latest mood-check result, and the page's `notebook.` texts)."""

from __future__ import annotations

from okr1on1 import notebook
from okr1on1.content.model import Agenda
from okr1on1.okr_checkins import STORAGE_KEY as OKR_STORAGE_KEY
from okr1on1.site.edition import Edition
from okr1on1.site.widget_html import survey_specs, texts_of_group, widget_container

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
    islands = {
        "okr-notebook__config": config,
        "okr-notebook__agendas": agenda_checklists(edition),
        "okr-notebook__specs": survey_specs(edition),
        "okr-survey__texts": notebook_texts(edition),
    }
    return widget_container(edition, "okr-notebook", {"engine": "loading"}, islands, "notebook.needs_js")
