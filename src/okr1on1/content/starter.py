"""`okr1on1 new KIND SLUG`: a starting template file with both languages and its schema line, which
loads (and builds) as it is, so an author begins from something that works."""

from __future__ import annotations

import re
from pathlib import Path

from okr1on1.content.loader import ContentError, load_template
from okr1on1.content.model import SLUG_PATTERN, Survey
from okr1on1.content.schema import schema_line

KINDS = ("agenda", "survey", "checkin")


class StarterError(ValueError):
    """The file cannot be started: a bad slug, a file that exists, no survey for a check-in."""


_COMMON = """slug: {slug}
kind: {kind}
order: 100
title:
  nl: "Nieuw sjabloon"
  en: "New template"
purpose:
  nl: "Eén zin: waar dit sjabloon voor is."
  en: "One sentence: what this template is for."
duration_minutes: 30
situations: [feedback]
intro:
  - nl: "Een korte inleiding voor wie het gesprek leidt."
    en: "A short introduction for whoever leads the conversation."
"""

_BODIES = {
    "agenda": """sections:
  - id: opening
    title:
      nl: "Opening"
      en: "Opening"
    questions:
      - id: how-are-you
        text:
          nl: "Hoe gaat het met je?"
          en: "How are you doing?"
  - id: goals
    title:
      nl: "Doelen"
      en: "Goals"
    questions:
      - id: progress
        text:
          nl: "Waar sta je met je doelen?"
          en: "Where do you stand with your goals?"
""",
    "survey": """version: 1
scale:
  min: 1
  max: 7
  labels:
    1: {nl: "Helemaal oneens", en: "Strongly disagree"}
    4: {nl: "Neutraal", en: "Neutral"}
    7: {nl: "Helemaal eens", en: "Strongly agree"}
tag_labels:
  "#Groei": {nl: "#Groei", en: "#Growth"}
statements:
  - id: first
    tags: ["#Groei"]
    text:
      nl: "Een eerste stelling."
      en: "A first statement."
  - id: second
    tags: ["#Groei"]
    text:
      nl: "Een tweede stelling."
      en: "A second statement."
bands:
  - {from: 1, to: 3.5, label: {nl: "Aandacht nodig", en: "Needs attention"}}
  - {from: 3.5, to: 5.5, label: {nl: "Gemengd", en: "Mixed"}}
  - {from: 5.5, to: 7, label: {nl: "Goed", en: "Good"}}
follow_up:
  - nl: "Welke stelling wil je samen bespreken?"
    en: "Which statement would you like to discuss together?"
""",
    "checkin": """surveys: [{survey}]
weeks: 13
questions:
  - id: highlight
    text:
      nl: "Wat ging er deze week goed?"
      en: "What went well this week?"
""",
}


def _first_survey(templates: Path) -> str:
    for path in sorted(templates.glob("*.yaml")):
        try:
            template = load_template(path)
        except ContentError:
            continue
        if isinstance(template, Survey) and template.self_assessment_of is None:
            return template.slug
    raise StarterError(f"a check-in tracks surveys, and {templates} has none that loads: start a survey first")


def starter_text(content_dir: Path, kind: str, slug: str) -> str:
    path = content_dir / "templates" / f"{slug}.yaml"
    body = _BODIES[kind].replace("{survey}", _first_survey(path.parent)) if kind == "checkin" else _BODIES[kind]
    common = _COMMON.replace("{slug}", slug).replace("{kind}", kind)
    return f"{schema_line(path, content_dir, 'template.schema.json')}\n{common}{body}"


def write_starter(content_dir: Path, kind: str, slug: str) -> Path:
    """Write `templates/<slug>.yaml` for `kind`; refuse a bad slug or an existing file."""
    if kind not in KINDS:
        raise StarterError(f"kind must be one of {', '.join(KINDS)}")
    if not re.match(SLUG_PATTERN, slug) or len(slug) > 60:
        raise StarterError(f"slug {slug!r} must be lowercase letters and digits joined by '-', e.g. team-check")
    path = content_dir / "templates" / f"{slug}.yaml"
    if path.exists():
        raise StarterError(f"{path} exists already")
    if not path.parent.is_dir():
        raise StarterError(f"no templates folder in {content_dir}")
    path.write_text(starter_text(content_dir, kind, slug), encoding="utf-8")
    return path
