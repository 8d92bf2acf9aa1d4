"""Markdown for Notion, Confluence and Obsidian: headings, checkbox questions, tables for scores.

Content is plain text, but it may hold characters Markdown reads as markup (`*`, `_`, `|`, `#`);
they are escaped, so a statement shows exactly as written.
"""

from __future__ import annotations

import re

from okr1on1.downloads.document import StatementGroup, TemplateDocument

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(#|[-+]\s|\d+[.)]\s|>)")


def _esc(text: str) -> str:
    text = _INLINE.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(r"\\\1", text)


def render(doc: TemplateDocument) -> bytes:
    lines: list[str] = [f"# {_esc(doc.title)}", "", f"_{_esc(doc.purpose)}_", ""]
    meta = [f"**{_esc(doc.labels.duration)}:** {_esc(doc.duration)}"]
    if doc.kind == "agenda":
        meta += [f"**{_esc(doc.labels.employee)}:** ", f"**{_esc(doc.labels.manager)}:** "]
    else:
        meta.append(f"**{_esc(doc.labels.name)}:** ")
    meta.append(f"**{_esc(doc.labels.date)}:** ")
    lines += [*(f"- {item}".rstrip() for item in meta), ""]
    for paragraph in doc.intro:
        lines += [_esc(paragraph), ""]

    if doc.kind == "agenda":
        lines += _agenda(doc)
    elif doc.kind == "survey":
        lines += _survey(doc)
    else:
        lines += _checkin(doc)

    lines += [f"## {_esc(doc.labels.notes)}", "", "", ""]
    if doc.tips:
        lines += [f"## {_esc(doc.labels.tips)}", ""]
        lines += [f"- {_esc(tip)}" for tip in doc.tips]
        lines.append("")
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def _table(columns: tuple[str, ...], rows: int, last: str = " ") -> list[str]:
    """An empty table to fill in: a header, `rows` blank rows, `last` in the last column (a box)."""
    blank = ["   "] * (len(columns) - 1) + [last]
    return [
        "| " + " | ".join(_esc(c) for c in columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
        *("| " + " | ".join(blank) + " |" for _ in range(rows)),
        "",
    ]


def _agenda(doc: TemplateDocument) -> list[str]:
    lines: list[str] = []
    frame = doc.frame
    question = 0
    for number, part, section in doc.agenda_parts():
        if section is not None:
            minutes = f" ({_esc(section.minutes)})" if section.minutes else ""
            lines += [f"## {number}. {_esc(section.title)}{minutes}", ""]
            for item in section.questions:
                # A numbered task item per question: ticked off during the talk, the answer indented under it.
                question += 1
                lines += [f"{question}. [ ] {_esc(item.text)}", f"    - {_esc(doc.labels.answer)}: ", ""]
            continue
        assert frame is not None
        if part == "since":
            lines += [f"## {_esc(frame.since_title)}", "", _esc(frame.since_hint), ""]
            lines += _table((frame.agreement, frame.done), frame.prior_rows, "☐")
        elif part == "topics":
            lines += [f"## {_esc(frame.topics_title)}", "", _esc(frame.topics_hint), ""]
            lines += [*(f"- [ ] {_esc(topic)}: " for topic in frame.topics), ""]
        elif part == "okr":
            lines += [f"## {_esc(frame.okr_title)}", "", _esc(frame.okr_hint), ""]
            lines += _table(frame.okr_columns, frame.okr_rows)
        elif part == "agreements":
            lines += [f"## {_esc(frame.agreements_title)}", "", _esc(frame.agreements_hint), ""]
            lines += _table(frame.agreement_columns, frame.agreement_rows, "☐")
        elif part == "next":
            lines += [f"## {_esc(frame.next_title)}", "", f"- **{_esc(frame.next_date)}:** ", ""]
    return lines


def _legend(group: StatementGroup) -> str:
    return " · ".join(f"**{p.value}** = {_esc(p.label)}" for p in group.scale.points if p.label)


def _survey(doc: TemplateDocument) -> list[str]:
    lines: list[str] = []
    for group in doc.groups:
        values = group.scale.values
        lines += [f"## {_esc(doc.labels.statements)}", "", _esc(group.hint), "", _legend(group), ""]
        lines.append("| # | " + _esc(doc.labels.statement) + " | " + " | ".join(str(v) for v in values) + " | " + _esc(doc.labels.why) + " |")
        lines.append("|---:|---|" + "|".join(":---:" for _ in values) + "|---|")
        for number, statement in enumerate(group.statements, start=1):
            text = _statement_text(doc, statement.text, statement.reverse) + _name_blank(statement.name_label)
            lines.append(f"| {number} | {text} | " + " | ".join(" " for _ in values) + " |   |")
        lines.append("")
        if group.bands:
            lines += [f"### {_esc(doc.labels.bands)}", ""]
            lines += [f"- {b.low:g}–{b.high:g}: {_esc(b.label)}" for b in group.bands]
            lines.append("")
    if doc.follow_up:
        lines += [f"## {_esc(doc.labels.follow_up)}", ""]
        lines += [f"{n}. {_esc(prompt)}" for n, prompt in enumerate(doc.follow_up, start=1)]
        lines.append("")
    return lines


def _checkin(doc: TemplateDocument) -> list[str]:
    lines: list[str] = []
    weeks = range(1, doc.periods + 1)
    for group in doc.groups:
        lines += [f"## {_esc(group.title)}", "", _esc(group.hint), "", _legend(group), ""]
        lines.append(
            f"| {_esc(doc.labels.statement)} | " + " | ".join(f"{_esc(doc.period_label)} {w}" for w in weeks) + f" | {_esc(doc.labels.average)} |"
        )
        lines.append("|---|" + "|".join(":---:" for _ in weeks) + "|:---:|")
        for statement in group.statements:
            text = _statement_text(doc, statement.text, statement.reverse) + _name_blank(statement.name_label)
            lines.append(f"| {text} |" + "|".join("   " for _ in weeks) + "|   |")
        lines.append(f"| **{_esc(doc.labels.average)}** |" + "|".join("   " for _ in weeks) + "|   |")
        lines.append("")
    if doc.questions:
        lines += [f"## {_esc(doc.labels.open_questions)}", ""]
        for number, question in enumerate(doc.questions, start=1):
            lines += [f"{number}. [ ] {_esc(question.text)}", f"    - {_esc(doc.labels.answer)}: ", ""]
    return lines


def _name_blank(label: str) -> str:
    """Room in a table cell to name what a numbered statement stands for (an objective)."""
    return f" — {_esc(label)}: ________________" if label else ""


def _statement_text(doc: TemplateDocument, text: str, reverse: bool) -> str:
    return _esc(text) + (f" _({_esc(doc.labels.reverse)})_" if reverse else "")
