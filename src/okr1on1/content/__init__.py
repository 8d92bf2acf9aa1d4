"""The content model: YAML files in `content/` loaded into validated, localized models."""

from okr1on1.content.loader import ContentError, load_content
from okr1on1.content.model import (
    LANGUAGES,
    Agenda,
    Checkin,
    Content,
    Survey,
    Template,
)

__all__ = [
    "LANGUAGES",
    "Agenda",
    "Checkin",
    "Content",
    "ContentError",
    "Survey",
    "Template",
    "load_content",
]
