"""The navigation, built from the content so a new template file appears in it by itself."""

from __future__ import annotations

from okr1on1.site import pages
from okr1on1.site.edition import Edition

NavItem = str | dict[str, "str | list[NavItem]"]


def navigation(edition: Edition) -> list[NavItem]:
    lang = edition.lang
    guide = edition.content.guide
    content = edition.content
    templates: list[NavItem] = [pages.TEMPLATES_PAGE]
    templates += [{t.title.get(lang): pages.template_page_uri(t)} for t in content.templates]
    return [
        {guide.home.title.get(lang): "index.md"},
        {
            edition.t("nav_guide"): [
                {guide.okr_basics.title.get(lang): pages.OKR_BASICS_PAGE},
                {content.questions.title.get(lang): pages.QUESTIONS_PAGE},
                {content.tips.title.get(lang): pages.TIPS_PAGE},
                {guide.mood_checks.title.get(lang): pages.MOOD_CHECKS_PAGE},
                {guide.example_okrs.title.get(lang): pages.EXAMPLE_OKRS_PAGE},
            ]
        },
        {guide.templates.title.get(lang): templates},
        {guide.results.title.get(lang): pages.RESULTS_PAGE},
        {edition.t("okrs.page_title"): pages.OKRS_PAGE},
        {guide.team.title.get(lang): pages.TEAM_PAGE},
        {edition.t("notebook_page_title"): pages.NOTEBOOK_PAGE},  # the 1:1 notebook
        {guide.about.title.get(lang): "about.md"},
    ]
