"""Turn a `Survey` of the content model into the plain spec dict the scoring engine reads.

The spec is what the build embeds in a survey page as JSON; `scoring.py` never sees pydantic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from okr1on1.content.model import Survey
from okr1on1.scoring import default_split, midpoint


def resolved_split(survey: Survey) -> dict[str, float] | None:
    """The survey's split as the engine applies it: its own, the default, or None for a progress check."""
    if survey.reading == "progress":
        return None
    if survey.split is not None:
        return {"favourable_from": survey.split.favourable_from, "unfavourable_below": survey.split.unfavourable_below}
    return default_split(survey.scale.min, survey.scale.max)


def survey_spec(survey: Survey, lang: str, *, surveys: Sequence[Survey] = ()) -> dict[str, Any]:
    """The scoring spec of `survey` with every text in `lang` (Dutch where a translation is missing).

    `surveys` are all the site's surveys: they say which of them are self-assessments of this one.
    """
    tags = survey.tags()
    return {
        "id": survey.slug,
        "version": survey.version,
        "lang": lang,
        "title": survey.title.get(lang),
        "scale": {
            "min": survey.scale.min,
            "max": survey.scale.max,
            # JSON object keys are strings; say so here rather than letting json.dumps decide.
            "labels": {str(point): label.get(lang) for point, label in sorted(survey.scale.labels.items())},
            # The middle the bars mark (scoring.midpoint, which focus uses too): drawn, never worked out, by the page.
            "midpoint": midpoint(survey.scale.min, survey.scale.max),
        },
        "statements": [
            {
                "id": statement.id,
                "text": statement.text.get(lang),
                "tags": list(statement.tags),
                "reverse": statement.reverse,
                "follow_up": [prompt.get(lang) for prompt in statement.follow_up],
            }
            for statement in survey.statements
        ],
        "bands": [{"from": band.from_, "to": band.to, "label": band.label.get(lang), "tone": band.tone} for band in survey.bands],
        "split": resolved_split(survey),
        "follow_up": [prompt.get(lang) for prompt in survey.follow_up],
        # Display names of the tags that `by_tag` results are keyed by; a tag without one shows as itself.
        "tag_labels": {tag: survey.tag_labels[tag].get(lang) if tag in survey.tag_labels else tag for tag in tags},
        # The team page: a self-assessment's scores are set beside the team's results of the survey it names.
        "self_assessment_of": survey.self_assessment_of,
        "self_assessed_by": [other.slug for other in surveys if other.self_assessment_of == survey.slug],
    }
