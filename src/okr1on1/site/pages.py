"""Markdown for the generated pages: one function a page, all text from the content model.

Generated pages set `render_macros: false` so text from content can never run as template code.
"""

from __future__ import annotations

import yaml

from okr1on1.content.model import Agenda, Checkin, Page, Survey, Template
from okr1on1.downloads import FORMATS, formats_for
from okr1on1.site.edition import Edition
from okr1on1.site.markdown_text import html_text, md_text, md_url, paragraphs
from okr1on1.site.notebook_html import notebook_html
from okr1on1.site.widget_html import history_html, survey_widget_html, team_html

SITUATIONS = ("goal-setting", "growth", "feedback", "onboarding", "pay", "difficult")

# Where each generated page lives (src_uri); templates are templates/<slug>.md.
QUESTIONS_PAGE = "questions.md"
TIPS_PAGE = "tips.md"
MOOD_CHECKS_PAGE = "mood-checks.md"
TEMPLATES_PAGE = "templates/index.md"
RESULTS_PAGE = "results.md"
TEAM_PAGE = "team.md"
NOTEBOOK_PAGE = "notebook.md"  # the 1:1 notebook (issue 20)


def template_page_uri(template: Template) -> str:
    return f"templates/{template.slug}.md"


def download_uri(template: Template, ext: str) -> str:
    return f"downloads/{template.slug}.{ext}"


def _front_matter(title: str, description: str | None = None, **meta: object) -> str:
    data: dict[str, object] = {"title": title, "render_macros": False}
    if description:
        data["description"] = description
    data.update(meta)
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n"


def _page_head(edition: Edition, page: Page, with_front_matter: bool = True) -> str:
    """Front matter, title, lead and intro paragraphs of a guide page."""
    lang = edition.lang
    lead = page.lead.get(lang) if page.lead else None
    head = _front_matter(page.title.get(lang), lead) if with_front_matter else ""
    return head + f"# {md_text(page.title.get(lang))}\n\n" + _lead(lead) + paragraphs([p.get(lang) for p in page.intro]) + "\n\n"


def _count(edition: Edition, key: str, count: int) -> str:
    return edition.t(key).replace("{count}", str(count))


def _lead(text: str | None) -> str:
    return f"{md_text(text)}\n{{ .okr-lead }}\n\n" if text else ""


def _size(size: int, lang: str) -> str:
    if size < 1000:
        return f"{size} B"
    kilobytes = f"{size / 1000:.0f}" if size >= 10_000 else f"{size / 1000:.1f}"
    return (kilobytes.replace(".", ",") if lang == "nl" else kilobytes) + " kB"


def situation_chips(edition: Edition, template: Template, overview_url: str) -> str:
    """The template's situation tags, each linking to the overview filtered on it."""
    chips = [
        f'<a class="okr-tag" href="{overview_url}#{situation}">{html_text(edition.t(f"situation.{situation}"))}</a>'
        for situation in template.situations
    ]
    return f'<span class="okr-tags" aria-label="{html_text(edition.t("tags_label"))}">{" ".join(chips)}</span>'


def _meta_line(edition: Edition, template: Template) -> str:
    parts = [f":material-clock-outline: {_count(edition, 'minutes', template.duration_minutes)}"]
    if isinstance(template, Agenda):
        parts.append(f":material-format-list-numbered: {_count(edition, 'questions_count', len(template.questions()))}")
    elif isinstance(template, Survey):
        parts.append(f":material-format-list-checks: {_count(edition, 'statements_count', len(template.statements))}")
        parts.append(f":material-gauge: {md_text(edition.t('scale_range'))} {template.scale.min}–{template.scale.max}")
    elif isinstance(template, Checkin):
        statements = sum(len(s.statements) for s in edition.content.checkin_surveys(template))
        parts.append(f":material-format-list-checks: {_count(edition, 'statements_count', statements)}")
        parts.append(f":material-calendar-week: {_count(edition, 'weeks_count', template.weeks)}")
    chips = situation_chips(edition, template, "../")
    return f'<p class="okr-meta" markdown>{" · ".join(parts)} {chips}</p>\n\n'


def downloads_block(edition: Edition, template: Template) -> str:
    """A row of download buttons: format icon, name and file size."""
    sizes = edition.download_sizes.get(template.slug, {})
    buttons = []
    for ext in formats_for(template):
        fmt = FORMATS[ext]
        label = f":{fmt.icon}: {md_text(fmt.label)} · {_size(sizes.get(ext, 0), edition.lang)}"
        buttons.append(f'[{label}](../{download_uri(template, ext)}){{ .md-button download="{template.slug}.{ext}" }}')
    if template.google_docs_url:
        label = f":material-google-drive: {md_text(edition.t('google_docs'))}"
        buttons.append(f'[{label}]({md_url(template.google_docs_url)}){{ .md-button rel="noopener" }}')
    return (
        f"## {md_text(edition.t('downloads_title'))}\n\n{md_text(edition.t('downloads_intro'))}\n\n"
        f'<div class="okr-downloads" markdown>\n{" ".join(buttons)}\n</div>\n\n'
    )


def _tips_block(edition: Edition, template: Template) -> str:
    if not template.tips:
        return ""
    items = "\n".join(f"    - {md_text(tip.get(edition.lang))}" for tip in template.tips)
    return f'!!! tip "{html_text(edition.t("tips_title"))}"\n\n{items}\n\n'


def _agenda_body(edition: Edition, agenda: Agenda) -> str:
    lang = edition.lang
    out = []
    number = 1
    for section in agenda.sections:
        icon = f":material-{section.icon}: " if section.icon else ""
        out.append(f"## {icon}{md_text(section.title.get(lang))}\n")
        for question in section.questions:
            out.append(f"{number}. {md_text(question.text.get(lang))}")
            number += 1
        out.append("")
    return "\n".join(out) + "\n"


def _survey_body(edition: Edition, survey: Survey) -> str:
    lang = edition.lang
    out = [
        f'!!! info "{html_text(edition.t("survey_how_title"))}"\n\n    {md_text(edition.t("survey_how"))}\n',
        f"## {md_text(edition.t('survey_answer_title'))}\n",
        survey_widget_html(edition, survey),
        "",
        f"## {md_text(edition.t('follow_up_title'))}\n",
        md_text(edition.t("follow_up_intro")) + "\n",
    ]
    out += [f"- {md_text(text.get(lang))}" for text in survey.follow_up]
    out.append("")
    out.append(f"## {md_text(edition.t('bands_title'))}\n")
    out.append(f"| {md_text(edition.t('bands_mean'))} | {md_text(edition.t('bands_label'))} |\n|---|---|")
    for index, band in enumerate(survey.bands):
        closing = "]" if index == len(survey.bands) - 1 else ")"
        out.append(f"| {band.from_:g} – {band.to:g}{md_text(closing)} | {md_text(band.label.get(lang))} |")
    out.append("")
    return "\n".join(out) + "\n"


def _checkin_body(edition: Edition, checkin: Checkin) -> str:
    lang = edition.lang
    out = [md_text(_count(edition, "checkin_explain", checkin.weeks)) + "\n"]
    for survey in edition.content.checkin_surveys(checkin):
        out.append(f"## {md_text(survey.title.get(lang))}\n")
        out += [f"{i}. {md_text(s.text.get(lang))}" for i, s in enumerate(survey.statements, start=1)]
        out.append(f"\n[{md_text(edition.t('checkin_score_online'))}]({survey.slug}.md)\n")
    if checkin.questions:
        out.append(f"## {md_text(edition.t('checkin_questions_title'))}\n")
        out += [f"- {md_text(q.text.get(lang))}" for q in checkin.questions]
        out.append("")
    return "\n".join(out) + "\n"


def use_in_notebook(edition: Edition, agenda: Agenda, page_uri: str) -> str:
    """The "Use in my notebook" button: the notebook page, with this agenda chosen for the next meeting."""
    depth = page_uri.count("/")
    link = "../" * depth + f"{NOTEBOOK_PAGE}#agenda={agenda.slug}"
    return f"[:material-notebook-edit-outline: {md_text(edition.t('use_in_notebook'))}]({link}){{ .md-button .okr-use-notebook }}\n\n"


def notebook_page(edition: Edition) -> str:
    title, lead = edition.t("notebook_page_title"), edition.t("notebook_page_lead")
    intro = [edition.t("notebook_page_intro_1"), edition.t("notebook_page_intro_2")]
    return _front_matter(title, lead) + f"# {md_text(title)}\n\n" + _lead(lead) + paragraphs(intro) + "\n\n" + notebook_html(edition) + "\n"


def template_page(edition: Edition, template: Template) -> str:
    """The page of one template: lead, facts, intro, body by kind, tips, downloads."""
    lang = edition.lang
    body = {Agenda: _agenda_body, Survey: _survey_body, Checkin: _checkin_body}[type(template)]
    return (
        _front_matter(template.title.get(lang), template.purpose.get(lang), okr_template=template.slug, okr_kind=template.kind)
        + f"# {md_text(template.title.get(lang))}\n\n"
        + _lead(template.purpose.get(lang))
        + _meta_line(edition, template)
        + (use_in_notebook(edition, template, template_page_uri(template)) if isinstance(template, Agenda) else "")
        + paragraphs([p.get(lang) for p in template.intro])
        + "\n\n"
        + body(edition, template)  # type: ignore[operator]
        + _tips_block(edition, template)
        + downloads_block(edition, template)
    )


def questions_page(edition: Edition) -> str:
    lang = edition.lang
    page = edition.content.questions
    items = "\n".join(f"{i}. {md_text(q.text.get(lang))}" for i, q in enumerate(page.questions, start=1))
    outro = f"\n\n{md_text(page.outro.get(lang))}" if page.outro else ""
    return (
        _page_head(edition, page)
        + f"## {md_text(_count(edition, 'coaching_questions_heading', len(page.questions)))}\n\n"
        + items
        + outro
        + "\n"
    )


def tips_page(edition: Edition) -> str:
    lang = edition.lang
    page = edition.content.tips
    out = [_page_head(edition, page)]
    for number, tip in enumerate(page.tips, start=1):
        out.append(f"## {number}. {md_text(tip.title.get(lang))}\n\n")
        out.append(f'<span class="okr-category">{html_text(tip.category.get(lang))}</span>\n\n')
        out.append(f'!!! question "{html_text(edition.t("tip_ask"))}"\n\n    {md_text(tip.question.get(lang))}\n\n')
        out.append(f"**{md_text(edition.t('tip_why'))}** {md_text(tip.why.get(lang))}\n\n")
        if tip.when:
            out.append(f'!!! note "{html_text(edition.t("tip_when"))}"\n\n    {md_text(tip.when.get(lang))}\n\n')
    return "".join(out)


def _template_card(edition: Edition, template: Template, link_prefix: str) -> str:
    lang = edition.lang
    formats = ", ".join(FORMATS[ext].label for ext in formats_for(template))
    situations = " ".join(template.situations)
    chips = " ".join(
        f'<span class="okr-tag">{html_text(edition.t(f"situation.{s}"))}</span>' for s in template.situations
    )
    return (
        f'<div class="card okr-card" data-situations="{situations}" markdown>\n\n'
        # A bold link, not a heading: fourteen card titles would crowd the table of contents.
        f"**[{md_text(template.title.get(lang))}]({link_prefix}{template.slug}.md)**\n{{ .okr-card__title }}\n\n"
        f"{md_text(template.purpose.get(lang))}\n\n"
        f'<p class="okr-card__facts">{html_text(_count(edition, "minutes", template.duration_minutes))} · {html_text(formats)}</p>\n\n'
        f"{chips}\n\n</div>\n"
    )


def templates_page(edition: Edition) -> str:
    page = edition.content.guide.templates
    filters = [
        f'<button type="button" class="okr-filter__button" data-situation="" aria-pressed="true">{html_text(edition.t("filter_all"))}</button>'
    ]
    for situation in SITUATIONS:
        count = sum(1 for t in edition.content.templates if situation in t.situations)
        if count:
            label = f"{edition.t(f'situation.{situation}')} ({count})"
            filters.append(
                f'<button type="button" class="okr-filter__button" data-situation="{situation}" aria-pressed="false">'
                f"{html_text(label)}</button>"
            )
    cards = "\n".join(_template_card(edition, t, "") for t in edition.content.templates)
    return (
        _page_head(edition, page)
        + f"{md_text(_count(edition, 'templates_count', len(edition.content.templates)))}\n\n"
        + f'<div class="okr-filter" role="group" aria-label="{html_text(edition.t("filter_label"))}" hidden>\n'
        + "\n".join(filters)
        + "\n</div>\n\n"
        + f'<div class="grid okr-cards" markdown>\n\n{cards}\n</div>\n'
    )


def mood_checks_page(edition: Edition) -> str:
    lang = edition.lang
    page = edition.content.guide.mood_checks
    surveys = edition.content.surveys()
    cards = "\n".join(_template_card(edition, s, "templates/") for s in surveys)
    benefits = "\n".join(f"- {md_text(b.get(lang))}" for b in page.benefits)
    return (
        _page_head(edition, page)
        + f"## {md_text(page.pattern_title.get(lang))}\n\n"
        + paragraphs([p.get(lang) for p in page.pattern])
        + f"\n\n## {md_text(page.benefits_title.get(lang))}\n\n{benefits}\n\n"
        + f"## {md_text(_count(edition, 'surveys_heading', len(surveys)))}\n\n"
        + f'<div class="grid okr-cards" markdown>\n\n{cards}\n</div>\n\n'
        + paragraphs([p.get(lang) for p in page.outro])
        + "\n"
    )


def _page_with_widget(edition: Edition, page: Page, widget: str) -> str:
    return _page_head(edition, page) + widget + "\n"


def generated_pages(edition: Edition) -> dict[str, str]:
    """Every generated page of the edition: src_uri → Markdown."""
    pages = {
        QUESTIONS_PAGE: questions_page(edition),
        TIPS_PAGE: tips_page(edition),
        MOOD_CHECKS_PAGE: mood_checks_page(edition),
        TEMPLATES_PAGE: templates_page(edition),
        RESULTS_PAGE: _page_with_widget(edition, edition.content.guide.results, history_html(edition)),
        TEAM_PAGE: _page_with_widget(edition, edition.content.guide.team, team_html(edition)),
    }
    pages[NOTEBOOK_PAGE] = notebook_page(edition)
    for template in edition.content.templates:
        pages[template_page_uri(template)] = template_page(edition, template)
    return pages


def home_markdown(edition: Edition) -> str:
    """The home page body (called from docs/index.md through the macros module)."""
    lang = edition.lang
    home = edition.content.guide.home
    content = edition.content
    agenda = next((t for t in content.templates if isinstance(t, Agenda)), None)
    cards = []
    if agenda:
        cards.append(("material-clipboard-text-outline", agenda.title.get(lang), agenda.purpose.get(lang), template_page_uri(agenda)))
    cards += [
        ("material-chat-question-outline", content.questions.title.get(lang),
         _count(edition, "coaching_questions_heading", len(content.questions.questions)), QUESTIONS_PAGE),
        ("material-lightbulb-on-outline", content.tips.title.get(lang), _count(edition, "tips_count", len(content.tips.tips)), TIPS_PAGE),
        ("material-emoticon-outline", content.guide.mood_checks.title.get(lang),
         _count(edition, "surveys_heading", len(content.surveys())), MOOD_CHECKS_PAGE),
        ("material-file-document-multiple-outline", content.guide.templates.title.get(lang),
         _count(edition, "templates_count", len(content.templates)), TEMPLATES_PAGE),
        ("material-chart-line", content.guide.results.title.get(lang),
         content.guide.results.lead.get(lang) if content.guide.results.lead else "", RESULTS_PAGE),
    ]
    # The 1:1 notebook, with the first agenda chosen for the next meeting.
    cards.append(("material-notebook-edit-outline", edition.t("use_in_notebook"), edition.t("use_in_notebook_home"),
                  f"{NOTEBOOK_PAGE}#agenda={agenda.slug}" if agenda else NOTEBOOK_PAGE))
    grid = "\n".join(
        f'<div class="card" markdown>\n\n:{icon}:{{ .lg .middle }} **[{md_text(title)}]({uri})**\n\n{md_text(text)}\n\n</div>'
        for icon, title, text, uri in cards
    )
    # An HTML comment between quotes keeps them separate blockquotes instead of one.
    quotes = "\n\n<!-- -->\n\n".join(f"> {md_text(q.get(lang))}" for q in home.manager_quotes)
    return (
        f"# {md_text(home.title.get(lang))}\n\n"
        + _lead(home.lead.get(lang) if home.lead else None)
        + paragraphs([p.get(lang) for p in home.intro])
        + f'\n\n<div class="grid cards okr-home-cards" markdown>\n\n{grid}\n\n</div>\n\n'
        + f"## {md_text(home.why_title.get(lang))}\n\n"
        + paragraphs([p.get(lang) for p in home.why])
        + f"\n\n## {md_text(home.quotes_title.get(lang))}\n\n{quotes}\n\n"
        + (md_text(home.quotes_outro.get(lang)) + "\n\n" if home.quotes_outro else "")
        + f"## {md_text(home.conclusion_title.get(lang))}\n\n"
        + paragraphs([p.get(lang) for p in home.conclusion])
        + f'\n\n!!! quote "{html_text(edition.t("wisdom_title"))}"\n\n    {md_text(home.wisdom.get(lang))}\n'
    )


def about_markdown(edition: Edition) -> str:
    """The about page body (called from docs/about.md through the macros module)."""
    return _page_head(edition, edition.content.guide.about, with_front_matter=False)
