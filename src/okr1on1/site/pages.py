"""Markdown for the generated pages: one function a page, all text from the content model.

Generated pages set `render_macros: false` so text from content can never run as template code.
"""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from okr1on1.content.model import SITUATIONS, Agenda, Checkin, Page, PageSection, Survey, Template
from okr1on1.downloads import FORMATS, formats_for
from okr1on1.downloads.document import CONFIDENCE_MAX, CONFIDENCE_MIN, AgendaFrame, agenda_frame
from okr1on1.okr_checkins import RULES as OKR_RULES
from okr1on1.site.edition import Edition
from okr1on1.site.fragments import fragment, safe
from okr1on1.site.markdown_text import html_text, md_text, md_url, paragraphs
from okr1on1.site.notebook_html import notebook_html
from okr1on1.site.widget_html import history_html, okrs_html, survey_widget_html, team_html, with_threshold
from okr1on1.survey_spec import resolved_split

# Where each generated page lives (src_uri); templates are templates/<slug>.md.
QUESTIONS_PAGE = "questions.md"
TIPS_PAGE = "tips.md"
MOOD_CHECKS_PAGE = "mood-checks.md"
TEMPLATES_PAGE = "templates/index.md"
RESULTS_PAGE = "results.md"
TEAM_PAGE = "team.md"
OKR_BASICS_PAGE = "okr-basics.md"
EXAMPLE_OKRS_PAGE = "example-okrs.md"
OKRS_PAGE = "okrs.md"
# Templates whose page links to My OKRs (the progress check is tip 5 without named objectives).
LINKS_TO_OKRS = ("okr-progress",)
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
    return edition.counted(key, count)


def _lead(text: str | None) -> str:
    return f"{md_text(text)}\n{{ .okr-lead }}\n\n" if text else ""


def _size(size: int, lang: str) -> str:
    if size < 1000:
        return f"{size} B"
    kilobytes = f"{size / 1000:.0f}" if size >= 10_000 else f"{size / 1000:.1f}"
    return (kilobytes.replace(".", ",") if lang == "nl" else kilobytes) + " kB"


def situation_fragment(edition: Edition, situation: str) -> str:
    """The overview's filter fragment for `situation`, in the page's language (`#salaris`, `#pay`)."""
    return edition.t(f"situation_fragment.{situation}")


def _number(value: float, lang: str) -> str:
    """A bound or score as a reader writes it: 4, 5,5 (nl) or 5.5 (en)."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "nl" else text


def situation_chips(edition: Edition, template: Template, overview_url: str) -> str:
    """The template's situation tags, each linking to the overview filtered on it."""
    chips = [(situation_fragment(edition, situation), edition.t(f"situation.{situation}")) for situation in template.situations]
    return fragment("page", "chips", overview_url, chips, edition.t("tags_label"))


def _meta_line(edition: Edition, template: Template) -> str:
    parts = [f":material-clock-outline: {_count(edition, 'minutes', template.duration_minutes)}"]
    if isinstance(template, Agenda):
        parts.append(f":material-format-list-numbered: {_count(edition, 'questions_count', len(template.questions()))}")
    elif isinstance(template, Survey):
        parts.append(f":material-format-list-checks: {_count(edition, 'statements_count', len(template.statements))}")
        parts.append(f":material-gauge: {md_text(edition.t('scale_range'))} {template.scale.min}–{template.scale.max}")
    elif isinstance(template, Checkin):
        statements = sum(len(s.statements) for s in edition.content.checkin_surveys(template))
        if template.key_results:
            parts.append(f":material-target: {_count(edition, 'checkin_key_results_count', template.key_results)}")
        if statements:
            parts.append(f":material-format-list-checks: {_count(edition, 'statements_count', statements)}")
        parts.append(f":material-calendar-week: {_count(edition, 'weeks_count', template.weeks)}")
    chips = situation_chips(edition, template, "../")
    return fragment("page", "meta", [safe(part) for part in parts], safe(chips)) + "\n\n"


def downloads_block(edition: Edition, template: Template, sizes: Mapping[str, int]) -> str:
    """A row of download buttons: format icon, name and file size (`sizes`: ext → bytes)."""
    buttons = []
    for ext in formats_for(template):
        fmt = FORMATS[ext]
        label = f":{fmt.icon}: {md_text(fmt.label)} · {_size(sizes.get(ext, 0), edition.lang)}"
        buttons.append(f'[{label}](../{download_uri(template, ext)}){{ .md-button download="{template.slug}.{ext}" }}')
    if template.google_docs_url:
        label = f":material-google-drive: {md_text(edition.t('google_docs'))}"
        buttons.append(f'[{label}]({md_url(template.google_docs_url)}){{ .md-button rel="noopener" }}')
    title, intro = safe(md_text(edition.t("downloads_title"))), safe(md_text(edition.t("downloads_intro")))
    return fragment("page", "downloads", title, intro, [safe(button) for button in buttons]) + "\n\n"


def _print_fields(edition: Edition, template: Template) -> str:
    """Name and date lines that only a printed page shows (the page then prints like the PDF)."""
    labels = ["download_employee", "download_manager"] if isinstance(template, Agenda) else ["download_name"]
    return fragment("page", "print_fields", [edition.t(key) for key in [*labels, "download_date"]]) + "\n\n"


def _print_notes(edition: Edition) -> str:
    """Room for notes at the end of a printed page (a heading in HTML: it stays out of the contents)."""
    return fragment("page", "print_notes", edition.t("download_notes")) + "\n\n"


def _tips_block(edition: Edition, template: Template) -> str:
    if not template.tips:
        return ""
    items = "\n".join(f"    - {md_text(tip.get(edition.lang))}" for tip in template.tips)
    return f'!!! tip "{html_text(edition.t("tips_title"))}"\n\n{items}\n\n'


def _blank_table(columns: tuple[str, ...], rows: int, first: list[str] | None = None, box: bool = False) -> str:
    """An empty table to fill in on paper (the page prints like the PDF): a header and blank rows."""
    header = "| " + " | ".join(md_text(c) for c in columns) + " |\n|" + "|".join("---" for _ in columns) + "|\n"
    lines = []
    for index in range(rows):
        cells = ["&nbsp;"] * len(columns)  # an empty cell keeps its height
        if first:
            cells[0] = first[index]
        if box:
            cells[-1] = "☐"
        lines.append("| " + " | ".join(cells) + " |")
    return fragment("page", "fill", safe(header + "\n".join(lines))) + "\n"


def _frame_part(frame: AgendaFrame, part: str) -> str:
    """One part of the frame every agenda opens and closes with (the downloads hold the same)."""
    if part == "since":
        table = _blank_table((frame.agreement, frame.done), frame.prior_rows, box=True)
        return f"## :material-history: {md_text(frame.since_title)}\n\n{md_text(frame.since_hint)}\n\n{table}"
    if part == "topics":
        numbers = [f"{n}\\." for n in range(1, len(frame.topics) + 1)]
        table = _blank_table(("#", frame.topics_title, frame.done), len(frame.topics), numbers, box=True)
        return f"## :material-account-voice: {md_text(frame.topics_title)}\n\n{md_text(frame.topics_hint)}\n\n{table}"
    if part == "okr":
        table = _blank_table(frame.okr_columns, frame.okr_rows)
        return f"## :material-bullseye-arrow: {md_text(frame.okr_title)}\n\n{md_text(frame.okr_hint)}\n\n{table}"
    if part == "agreements":
        table = _blank_table(frame.agreement_columns, frame.agreement_rows, box=True)
        return f"## :material-handshake-outline: {md_text(frame.agreements_title)}\n\n{md_text(frame.agreements_hint)}\n\n{table}"
    line = fragment("page", "fill_line", safe(md_text(frame.next_date))) + "\n"
    return f"## :material-calendar-arrow-right: {md_text(frame.next_title)}\n\n{line}"


def _agenda_body(edition: Edition, agenda: Agenda) -> str:
    lang = edition.lang
    frame = agenda_frame(agenda, edition.content, lang)
    opening = ["since", "topics"] + (["okr"] if frame.okr else [])
    out = [_frame_part(frame, part) for part in opening]
    number = 1
    for section in agenda.sections:
        icon = f":material-{section.icon}: " if section.icon else ""
        minutes = f" ({md_text(edition.t('agenda_section_minutes').format(minutes=section.minutes))})" if section.minutes else ""
        out.append(f"## {icon}{md_text(section.title.get(lang))}{minutes}\n")
        # Numbered on through the sections; printed, each question gets lines to write on (okr1on1.css).
        out.append(fragment("page", "questions", number, [question.text.get(lang) for question in section.questions]) + "\n")
        number += len(section.questions)
    out += [_frame_part(frame, part) for part in ("agreements", "next")]
    return "\n".join(out) + "\n"


def _survey_body(edition: Edition, survey: Survey) -> str:
    lang = edition.lang
    out = [
        # How to use the widget: not printed (okr-screen-only), it speaks of buttons.
        f'!!! info okr-screen-only "{html_text(edition.t("survey_how_title"))}"\n\n    {md_text(edition.t("survey_how"))}\n',
        f"## {md_text(edition.t('survey_answer_title'))}\n",
        survey_widget_html(edition, survey),
        "",
        f"## {md_text(edition.t('follow_up_title'))}\n",
        md_text(edition.t("follow_up_intro")) + "\n",
    ]
    out += [f"- {md_text(text.get(lang))}" for text in survey.follow_up]
    out.append("")
    out.append(f"## {md_text(edition.t('bands_title'))}\n")
    out.append(md_text(_index_explained(edition, survey)) + "\n")
    out.append(f"| {md_text(edition.t('bands_mean'))} | {md_text(edition.t('bands_label'))} |\n|---|---|")
    for band, bounds in zip(survey.bands, _band_bounds(edition, survey), strict=True):
        out.append(f"| {md_text(bounds)} | {md_text(band.label.get(lang))} |")
    out.append("")
    # The split and the themes explain the result the widget shows; on paper they are left out, so the
    # printed form ends with its tips and notes, as its PDF does.
    split_title = "split_title" if resolved_split(survey) else "split_title_progress"
    explained = [f"### {md_text(edition.t(split_title))}\n", md_text(_split_explained(edition, survey)) + "\n"]
    themes = _themes_table(edition, survey)
    if themes:
        explained.append(themes)
    out.append(fragment("page", "screen_only", safe("\n".join(explained))) + "\n")
    return "\n".join(out) + "\n"


def _band_bounds(edition: Edition, survey: Survey) -> list[str]:
    """Each band's range in words: "lager dan 4", "4 tot 5", "6 en hoger" (`to` is exclusive but for the last)."""
    lang, last = edition.lang, len(survey.bands) - 1
    bounds = []
    for index, band in enumerate(survey.bands):
        values = {"{from}": _number(band.from_, lang), "{to}": _number(band.to, lang)}
        key = "bands_below" if index == 0 and last else "bands_from" if index == last else "bands_between"
        text = edition.t(key)
        for name, value in values.items():
            text = text.replace(name, value)
        bounds.append(text)
    return bounds


def _fill(text: str, **values: object) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def _index_explained(edition: Edition, survey: Survey) -> str:
    """What the mean and the index are, with a worked example on this survey's scale."""
    low, high, lang = survey.scale.min, survey.scale.max, edition.lang
    example = low + (high - low) * 0.75
    return _fill(
        edition.t("index_explained"),
        min=low,
        max=high,
        example=_number(example, lang),
        example_index=_number(75, lang),
    )


def _points(values: list[int], edition: Edition) -> str:
    """Scale points as a reader says them: "6 en 7", "1 tot en met 3", "4"."""
    if len(values) == 1:
        return str(values[0])
    if len(values) == 2:
        return _fill(edition.t("points_pair"), a=values[0], b=values[1])
    return _fill(edition.t("points_range"), a=values[0], b=values[-1])


def _split_explained(edition: Edition, survey: Survey) -> str:
    split = resolved_split(survey)
    if split is None:
        middle = _number((survey.scale.min + survey.scale.max) / 2, edition.lang)
        return _fill(edition.t("split_progress"), max=survey.scale.max, middle=middle)
    points = range(survey.scale.min, survey.scale.max + 1)
    favourable = [p for p in points if p >= split["favourable_from"]]
    unfavourable = [p for p in points if p < split["unfavourable_below"]]
    neutral = [p for p in points if p not in favourable and p not in unfavourable]
    text = _fill(
        edition.t("split_explained" if neutral else "split_explained_no_neutral"),
        favourable=_points(favourable, edition),
        neutral=_points(neutral, edition) if neutral else "",
        unfavourable=_points(unfavourable, edition),
    )
    if survey.split is None:
        text += " " + edition.t("split_default")
    return text


def _themes_table(edition: Edition, survey: Survey) -> str:
    """Per theme, the statements it is on, and whether the source put it there or this guide added it."""
    rows = []
    for tag in survey.tags():
        label = survey.tag_labels[tag].get(edition.lang) if tag in survey.tag_labels else tag
        for added in (False, True):
            numbers = [
                str(number)
                for number, statement in enumerate(survey.statements, start=1)
                if tag in statement.tags and (tag in statement.added_tags) is added
            ]
            if numbers:
                origin = edition.t("themes_added" if added else "themes_source")
                rows.append(f"| {md_text(label)} | {', '.join(numbers)} | {md_text(origin)} |")
    if not rows:
        return ""
    columns = (edition.t("themes_theme"), edition.t("themes_statements"), edition.t("themes_origin"))
    head = "| " + " | ".join(md_text(column) for column in columns) + " |\n|---|---|---|"
    from_source = any(statement.source_tags() for statement in survey.statements)
    intro = edition.t("themes_intro" if from_source else "themes_intro_added")
    return f"### {md_text(edition.t('themes_title'))}\n\n{md_text(intro)}\n\n{head}\n" + "\n".join(rows) + "\n"


def _checkin_body(edition: Edition, checkin: Checkin) -> str:
    lang = edition.lang
    explain = "checkin_page_explain" if checkin.key_results else "checkin_explain"
    out = [md_text(_count(edition, explain, checkin.weeks)) + "\n"]
    if checkin.key_results:
        low, high = edition.t("checkin_confidence_low"), edition.t("checkin_confidence_high")
        hint = edition.t("checkin_confidence_hint").format(min=CONFIDENCE_MIN, max=CONFIDENCE_MAX, min_label=low, max_label=high)
        out.append(f"## {md_text(edition.t('checkin_key_results_title'))}\n\n{md_text(hint)}\n")
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


def _body(edition: Edition, template: Template) -> str:
    if isinstance(template, Agenda):
        return _agenda_body(edition, template)
    if isinstance(template, Survey):
        return _survey_body(edition, template)
    return _checkin_body(edition, template)


def template_page(edition: Edition, template: Template, sizes: Mapping[str, int]) -> str:
    """The page of one template: lead, facts, intro, body by kind, tips, downloads (`sizes`: their
    bytes by extension, as the build rendered them)."""
    lang = edition.lang
    return (
        _front_matter(template.title.get(lang), template.purpose.get(lang), okr_template=template.slug, okr_kind=template.kind)
        + f"# {md_text(template.title.get(lang))}\n\n"
        + _lead(template.purpose.get(lang))
        + _meta_line(edition, template)
        + _print_fields(edition, template)
        + (use_in_notebook(edition, template, template_page_uri(template)) if isinstance(template, Agenda) else "")
        + paragraphs([p.get(lang) for p in template.intro])
        + "\n\n"
        + _body(edition, template)
        + _tips_block(edition, template)
        + _print_notes(edition)
        + _okrs_link(edition, template)
        + downloads_block(edition, template, sizes)
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
        out.append(fragment("page", "category", tip.category.get(lang)) + "\n\n")
        out.append(f'!!! question "{html_text(edition.t("tip_ask"))}"\n\n    {md_text(tip.question.get(lang))}\n\n')
        out.append(f"**{md_text(edition.t('tip_why'))}** {md_text(tip.why.get(lang))}\n\n")
        if tip.when:
            out.append(f'!!! note "{html_text(edition.t("tip_when"))}"\n\n    {md_text(tip.when.get(lang))}\n\n')
    return "".join(out)


def _template_card(edition: Edition, template: Template, link_prefix: str) -> str:
    lang = edition.lang
    formats = ", ".join(FORMATS[ext].label for ext in formats_for(template))
    return fragment(
        "page", "card",
        situations=[situation_fragment(edition, s) for s in template.situations],
        title=safe(md_text(template.title.get(lang))),
        link=safe(f"{link_prefix}{template.slug}.md"),
        purpose=safe(md_text(template.purpose.get(lang))),
        facts=f"{_count(edition, 'minutes', template.duration_minutes)} · {formats}",
        labels=[edition.t(f"situation.{s}") for s in template.situations],
    ) + "\n"


def templates_page(edition: Edition) -> str:
    page = edition.content.guide.templates
    buttons = [("", edition.t("filter_all"), True)]
    for situation in SITUATIONS:
        count = sum(1 for t in edition.content.templates if situation in t.situations)
        if count:
            buttons.append((situation_fragment(edition, situation), f"{edition.t(f'situation.{situation}')} ({count})", False))
    cards = [safe(_template_card(edition, t, "")) for t in edition.content.templates]
    return (
        _page_head(edition, page)
        + f"{md_text(_count(edition, 'templates_count', len(edition.content.templates)))}\n\n"
        + fragment("page", "filter", edition.t("filter_label"), buttons)
        + "\n\n"
        + fragment("page", "cards", cards)
        + "\n"
    )


def mood_checks_page(edition: Edition) -> str:
    lang = edition.lang
    page = edition.content.guide.mood_checks
    surveys = edition.content.surveys()
    cards = [safe(_template_card(edition, s, "templates/")) for s in surveys]
    benefits = "\n".join(f"- {md_text(b.get(lang))}" for b in page.benefits)
    return (
        _page_head(edition, page)
        + f"## {md_text(page.pattern_title.get(lang))}\n\n"
        + paragraphs([p.get(lang) for p in page.pattern])
        + f"\n\n## {md_text(page.benefits_title.get(lang))}\n\n{benefits}\n\n"
        + f"## {md_text(_count(edition, 'surveys_heading', len(surveys)))}\n\n"
        + fragment("page", "cards", cards)
        + "\n\n"
        + paragraphs([p.get(lang) for p in page.outro])
        + "\n"
    )


def _sections(edition: Edition, sections: list[PageSection]) -> str:
    lang = edition.lang
    out = []
    for section in sections:
        out.append(f"## {md_text(section.title.get(lang))}\n\n")
        if section.paragraphs:
            out.append(paragraphs([p.get(lang) for p in section.paragraphs]) + "\n\n")
        if section.items:
            out.append("\n".join(f"- {md_text(item.get(lang))}" for item in section.items) + "\n\n")
    return "".join(out)


def okr_basics_page(edition: Edition) -> str:
    page = edition.content.guide.okr_basics
    return _page_head(edition, page) + _sections(edition, page.sections)


def example_okrs_page(edition: Edition) -> str:
    lang = edition.lang
    page = edition.content.guide.example_okrs
    out = [_page_head(edition, page), f"## {md_text(page.examples_title.get(lang))}\n\n"]
    for example in page.examples:
        out.append(f'!!! example "{html_text(example.objective.get(lang))}"\n\n')
        out.append("\n".join(f"    - {md_text(kr.get(lang))}" for kr in example.key_results) + "\n\n")
        if example.note:
            out.append(f"    {md_text(example.note.get(lang))}\n\n")
    out.append(_sections(edition, page.sections))
    return "".join(out)


def _page_with_widget(edition: Edition, page: Page, widget: str) -> str:
    return _page_head(edition, page) + widget + "\n"


def _okrs_link(edition: Edition, template: Template) -> str:
    if template.slug not in LINKS_TO_OKRS:
        return ""
    return (
        f'!!! example "{html_text(edition.t("okrs.page_title"))}"\n\n    {md_text(edition.t("okrs.template_link"))}\n\n'
        f"    [{md_text(edition.t('okrs.template_link_label'))}](../{OKRS_PAGE}){{ .md-button }}\n\n"
    )


def _rule_values(lang: str) -> dict[str, str]:
    """The engine's thresholds as the rules' texts say them: gaps and projections as percentages,
    confidences as whole numbers, grades with one decimal (a decimal comma in Dutch)."""
    def decimal(value: float) -> str:
        text = f"{value:.1f}"
        return text.replace(".", ",") if lang == "nl" else text

    percent = {key: f"{round(OKR_RULES[key] * 100)}%" for key in ("at_risk_gap", "off_track_gap", "committed_projection")}
    grades = {key: decimal(OKR_RULES[key]) for key in ("aspirational_success", "committed_success")}
    return {**{key: str(value) for key, value in OKR_RULES.items()}, **percent, **grades}


def okrs_page(edition: Edition) -> str:
    """My OKRs: objectives, key results and weekly check-ins, kept on the device (okrs.js, okr_checkins.py)."""
    def t(key: str) -> str:
        text = edition.t(f"okrs.{key}")
        for name, value in _rule_values(edition.lang).items():
            text = text.replace("{" + name + "}", value)
        return text

    rules = "\n".join(f"- {md_text(t(key))}" for key in ("rule_progress", "rule_expected", "rule_status", "rule_alerts", "rule_grading"))
    return (
        _front_matter(t("page_title"), t("page_lead"))
        + f"# {md_text(t('page_title'))}\n\n"
        + _lead(t("page_lead"))
        + f"{md_text(t('page_intro'))}\n\n"
        + f'!!! info "{html_text(t("privacy_title"))}"\n\n    {md_text(t("privacy"))}\n\n'
        + okrs_html(edition)
        + f"\n\n## {md_text(t('rules_title'))}\n\n{rules}\n"
    )


def generated_pages(edition: Edition, download_sizes: Mapping[str, Mapping[str, int]]) -> dict[str, str]:
    """Every generated page of the edition: src_uri → Markdown. `download_sizes`: slug → ext → bytes
    of the downloads the build made (a template without them shows 0 kB)."""
    pages = {
        QUESTIONS_PAGE: questions_page(edition),
        TIPS_PAGE: tips_page(edition),
        MOOD_CHECKS_PAGE: mood_checks_page(edition),
        OKR_BASICS_PAGE: okr_basics_page(edition),
        EXAMPLE_OKRS_PAGE: example_okrs_page(edition),
        TEMPLATES_PAGE: templates_page(edition),
        RESULTS_PAGE: _page_with_widget(edition, edition.content.guide.results, history_html(edition)),
        TEAM_PAGE: with_threshold(edition, _page_with_widget(edition, edition.content.guide.team, team_html(edition))),
        OKRS_PAGE: okrs_page(edition),
    }
    pages[NOTEBOOK_PAGE] = notebook_page(edition)
    for template in edition.content.templates:
        pages[template_page_uri(template)] = template_page(edition, template, download_sizes.get(template.slug, {}))
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
    grid = fragment("page", "home_cards", [(icon, safe(md_text(title)), safe(md_text(text)), safe(uri)) for icon, title, text, uri in cards])
    # An HTML comment between quotes keeps them separate blockquotes instead of one.
    quotes = "\n\n<!-- -->\n\n".join(f"> {md_text(q.get(lang))}" for q in home.manager_quotes)
    return (
        f"# {md_text(home.title.get(lang))}\n\n"
        + _lead(home.lead.get(lang) if home.lead else None)
        + paragraphs([p.get(lang) for p in home.intro])
        + f"\n\n{grid}\n\n"
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
