"""Print-ready, fillable A4 PDF (reportlab).

Printed, it has ruled space under every question and a row of boxes per statement. Opened in a PDF
reader, the same places are form fields (`canvas.acroForm`): a text field per answer, a radio group
per statement with one button per scale point, and name/date fields.

Text is set in Bitstream Vera, which ships inside reportlab itself (no OS font needed) and covers
Dutch accents, curly quotes and dashes. Emoji are stripped on purpose: Vera has no glyphs for them.
Form fields use Helvetica, the only kind of font reportlab can give a field; readers draw what is
typed with their own copy of it (WinAnsi covers ë é ï ‘ ’ “ ”).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from okr1on1.downloads.document import ScaleInfo, StatementGroup, TemplateDocument
from okr1on1.downloads.text import strip_emoji

VERSION = 1  # bump when the output changes, so cached files are made again

FONT = "OKR-Vera"
_FONT_FILES = {FONT: "Vera.ttf", f"{FONT}-Bold": "VeraBd.ttf", f"{FONT}-Italic": "VeraIt.ttf", f"{FONT}-BoldItalic": "VeraBI.ttf"}
_FIELD_FONT = "Helvetica"

ACCENT = colors.HexColor("#3f51b5")
MUTED = colors.HexColor("#616161")
RULE = colors.HexColor("#bdbdbd")
SHADE = colors.HexColor("#e8eaf6")
FIELD_TEXT = colors.HexColor("#1a237e")

_MARGIN = 18 * mm
_LINE = 20  # pt between ruled answer lines: comfortable handwriting


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Italic", boldItalic=f"{FONT}-BoldItalic")


def _t(text: str) -> str:
    """Content text made safe for reportlab's paragraph markup, without emoji."""
    return escape(strip_emoji(text))


class _Styles:
    def __init__(self) -> None:
        base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, spaceAfter=5)
        self.body = base
        self.title = ParagraphStyle("title", base, fontName=f"{FONT}-Bold", fontSize=19, leading=24, textColor=ACCENT, spaceAfter=4)
        self.purpose = ParagraphStyle("purpose", base, fontName=f"{FONT}-Italic", textColor=MUTED, spaceAfter=8)
        self.h1 = ParagraphStyle("h1", base, fontName=f"{FONT}-Bold", fontSize=13, leading=17, textColor=ACCENT, spaceBefore=12, spaceAfter=6)
        self.h2 = ParagraphStyle("h2", base, fontName=f"{FONT}-Bold", fontSize=11, leading=15, textColor=ACCENT, spaceBefore=8, spaceAfter=4)
        self.question = ParagraphStyle("question", base, fontSize=10.5, leading=14, leftIndent=16, firstLineIndent=-16, spaceBefore=4, spaceAfter=2)
        self.small = ParagraphStyle("small", base, fontName=f"{FONT}-Italic", fontSize=8, leading=10, textColor=MUTED, spaceAfter=0)
        self.cell = ParagraphStyle("cell", base, fontSize=8.5, leading=11, spaceAfter=0)
        self.cell_bold = ParagraphStyle("cellbold", self.cell, fontName=f"{FONT}-Bold")
        self.cell_center = ParagraphStyle("cellcenter", self.cell_bold, alignment=TA_CENTER)


# --- form flowables: each draws its printed shape and lays a form field on top ----------------------


class AnswerLines(Flowable):
    """Ruled lines to write on, covered by one multi-line text field to type in."""

    def __init__(self, name: str, tooltip: str, lines: int = 3, indent: float = 16) -> None:
        super().__init__()
        self.name, self.tooltip, self.lines, self.indent = name, tooltip, lines, indent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.lines * _LINE + 4
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        width = self.width - self.indent
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        for line in range(1, self.lines + 1):
            y = self.height - line * _LINE
            canvas.line(self.indent, y, self.indent + width, y)
        canvas.restoreState()
        canvas.acroForm.textfield(
            name=self.name,
            tooltip=strip_emoji(self.tooltip),
            x=self.indent,
            y=self.height - self.lines * _LINE,
            width=width,
            height=self.lines * _LINE,
            relative=True,
            fieldFlags="multiline",
            borderWidth=0,
            borderColor=None,
            fillColor=None,
            textColor=FIELD_TEXT,
            fontName=_FIELD_FONT,
            fontSize=10,
            maxlen=0,
        )


class FieldRow(Flowable):
    """Labelled one-line fields side by side (name, date): a label, an underline, a text field."""

    def __init__(self, fields: list[tuple[str, str]], height: float = 22) -> None:
        super().__init__()
        self.fields, self.row_height = fields, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.row_height
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        gap = 14
        slot = (self.width - gap * (len(self.fields) - 1)) / len(self.fields)
        for index, (label, name) in enumerate(self.fields):
            x = index * (slot + gap)
            text = strip_emoji(label)
            canvas.setFont(f"{FONT}-Bold", 9)
            canvas.setFillColor(colors.black)
            canvas.drawString(x, 6, text)
            start = x + pdfmetrics.stringWidth(text, f"{FONT}-Bold", 9) + 6
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.line(start, 3, x + slot, 3)
            canvas.acroForm.textfield(
                name=name,
                tooltip=text,
                x=start,
                y=3,
                width=x + slot - start,
                height=self.row_height - 5,
                relative=True,
                borderWidth=0,
                borderColor=None,
                fillColor=None,
                textColor=FIELD_TEXT,
                fontName=_FIELD_FONT,
                fontSize=10,
                maxlen=0,
            )


class ScaleBoxes(Flowable):
    """A box per scale point, numbered above, the scale's end labels below; one radio group."""

    BOX = 13

    def __init__(self, name: str, tooltip: str, scale: ScaleInfo, indent: float = 16) -> None:
        super().__init__()
        self.name, self.tooltip, self.scale, self.indent = name, tooltip, scale, indent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, 44
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        values = self.scale.values
        step = min(40.0, (self.width - self.indent - self.BOX) / max(1, len(values) - 1))
        box_y = 15
        canvas.saveState()
        for index, value in enumerate(values):
            x = self.indent + index * step
            canvas.setFont(f"{FONT}-Bold", 8.5)
            canvas.setFillColor(colors.black)
            canvas.drawCentredString(x + self.BOX / 2, box_y + self.BOX + 4, str(value))
            canvas.acroForm.radio(
                name=self.name,
                tooltip=strip_emoji(self.tooltip),
                value=str(value),
                selected=False,
                x=x,
                y=box_y,
                size=self.BOX,
                relative=True,
                buttonStyle="cross",
                fieldFlags="noToggleToOff radio",  # not "required": a skipped statement is a valid answer
                shape="square",
                borderColor=colors.HexColor("#757575"),
                fillColor=colors.white,
                textColor=ACCENT,
                borderWidth=0.8,
                forceBorder=True,
            )
        canvas.setFont(f"{FONT}-Italic", 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(self.indent, 4, strip_emoji(self.scale.low_label))
        last_x = self.indent + (len(values) - 1) * step + self.BOX
        canvas.drawRightString(last_x, 4, strip_emoji(self.scale.high_label))
        canvas.restoreState()


class CellField(Flowable):
    """A small text field filling a table cell: a week's score in the check-in grid."""

    def __init__(self, name: str, tooltip: str, height: float = 16) -> None:
        super().__init__()
        self.name, self.tooltip, self.field_height = name, tooltip, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.field_height
        return self.width, self.height

    def draw(self) -> None:
        self.canv.acroForm.textfield(
            name=self.name,
            tooltip=strip_emoji(self.tooltip),
            x=0,
            y=0,
            width=self.width,
            height=self.height,
            relative=True,
            borderWidth=0,
            borderColor=None,
            fillColor=None,
            textColor=FIELD_TEXT,
            fontName=_FIELD_FONT,
            fontSize=10,
            maxlen=4,
        )


# --- document ---------------------------------------------------------------------------------------


def render(doc: TemplateDocument) -> bytes:
    _register_fonts()
    styles = _Styles()
    pagesize = landscape(A4) if doc.kind == "checkin" else A4
    out = BytesIO()
    template = SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=strip_emoji(doc.title),
        subject=strip_emoji(doc.purpose),
        author="okr1on1",
        creator="okr1on1",
        lang=doc.lang,
        invariant=True,  # same input, same bytes
    )

    story: list[Flowable] = [Paragraph(_t(doc.title), styles.title), Paragraph(_t(doc.purpose), styles.purpose)]
    labels = doc.labels
    people = [(labels.employee, "employee"), (labels.manager, "manager")] if doc.kind == "agenda" else [(labels.name, "name")]
    story.append(Paragraph(f"<b>{_t(labels.duration)}:</b> {_t(doc.duration)}", styles.body))
    story.append(FieldRow([*people, (labels.date, "date")]))
    story.append(Spacer(1, 8))
    story += [Paragraph(_t(p), styles.body) for p in doc.intro]

    if doc.kind == "agenda":
        story += _agenda(doc, styles)
    elif doc.kind == "survey":
        story += _survey(doc, styles)
    else:
        story += _checkin(doc, styles)

    story.append(KeepTogether([Paragraph(_t(labels.notes), styles.h1), AnswerLines("notes", labels.notes, lines=6, indent=0)]))
    if doc.tips:
        story.append(Paragraph(_t(labels.tips), styles.h1))
        story.append(_bullets(doc.tips, styles))

    def footer(canvas: Canvas, _template: object) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        width, _ = pagesize
        canvas.drawString(_MARGIN, 10 * mm, strip_emoji(doc.title))
        canvas.drawRightString(width - _MARGIN, 10 * mm, labels.page.format(number=canvas.getPageNumber()))
        canvas.restoreState()

    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _bullets(items: tuple[str, ...] | list[str], styles: _Styles) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(_t(item), styles.body), leftIndent=14) for item in items],
        bulletType="bullet",
        start="•",
        bulletFontName=FONT,
        bulletFontSize=9,
        leftIndent=14,
    )


def _agenda(doc: TemplateDocument, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = []
    number = 0
    for index, section in enumerate(doc.sections, start=1):
        blocks: list[list[Flowable]] = []
        for question in section.questions:
            number += 1
            blocks.append(
                [
                    Paragraph(f"<b>{number}.</b>&nbsp;&nbsp;{_t(question.text)}", styles.question),
                    AnswerLines(f"answer_{question.id}", question.text, lines=3),
                    Spacer(1, 4),
                ]
            )
        # The section heading stays with its first question (one flat KeepTogether: nesting them breaks pages early).
        blocks[0].insert(0, Paragraph(f"{index}. {_t(section.title)}", styles.h1))
        story += [KeepTogether(block) for block in blocks]
    return story


def _survey(doc: TemplateDocument, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = []
    for group in doc.groups:
        story.append(Paragraph(_t(doc.labels.statements), styles.h1))
        story.append(Paragraph(_t(group.hint), styles.body))
        story += _statements(doc, group, styles)
        story.append(Spacer(1, 4))
        story.append(FieldRow([(doc.labels.average, f"average_{group.slug}")]))
        if group.bands:
            rows = [[Paragraph(f"{b.low:g}–{b.high:g}", styles.cell), Paragraph(_t(b.label), styles.cell)] for b in group.bands]
            table = Table(rows, colWidths=[22 * mm, 60 * mm], hAlign="LEFT", splitInRow=1)
            table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            story.append(KeepTogether([Paragraph(_t(doc.labels.bands), styles.h2), table]))
    if doc.follow_up:
        story.append(KeepTogether([Paragraph(_t(doc.labels.follow_up), styles.h1), _bullets(doc.follow_up, styles)]))
    return story


def _statements(doc: TemplateDocument, group: StatementGroup, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = []
    for number, statement in enumerate(group.statements, start=1):
        text = _t(statement.text) + (f" <i>({_t(doc.labels.reverse)})</i>" if statement.reverse else "")
        story.append(
            KeepTogether(
                [
                    Paragraph(f"<b>{number}.</b>&nbsp;&nbsp;{text}", styles.question),
                    ScaleBoxes(f"score_{statement.id}", statement.text, group.scale),
                    Spacer(1, 5),
                    Paragraph(_t(doc.labels.why), ParagraphStyle("why", styles.small, leftIndent=16)),
                    AnswerLines(f"why_{statement.id}", f"{doc.labels.why} {statement.text}", lines=2),
                    Spacer(1, 6),
                ]
            )
        )
    return story


def _checkin(doc: TemplateDocument, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = []
    weeks = range(1, doc.periods + 1)
    short = doc.period_label[:1]
    width = landscape(A4)[0] - 2 * _MARGIN
    column = min(12 * mm, (width * 0.62) / (len(weeks) + 1))
    for group in doc.groups:
        header = [
            Paragraph(_t(doc.labels.statement), styles.cell_bold),
            *(Paragraph(f"{short}{w}", styles.cell_center) for w in weeks),
            Paragraph("Ø", styles.cell_center),
        ]
        rows: list[list[Flowable]] = [header]
        for statement in group.statements:
            text = _t(statement.text) + (f" <i>({_t(doc.labels.reverse)})</i>" if statement.reverse else "")
            rows.append(
                [
                    Paragraph(text, styles.cell),
                    *(CellField(f"{group.slug}_{statement.id}_w{w}", f"{doc.period_label} {w}: {statement.text}") for w in weeks),
                    CellField(f"{group.slug}_{statement.id}_avg", f"{doc.labels.average}: {statement.text}"),
                ]
            )
        rows.append(
            [
                Paragraph(_t(doc.labels.average), styles.cell_bold),
                *(CellField(f"{group.slug}_avg_w{w}", f"{doc.labels.average} {doc.period_label} {w}") for w in weeks),
                CellField(f"{group.slug}_avg", doc.labels.average),
            ]
        )
        table = Table(rows, colWidths=[width - column * (len(weeks) + 1), *([column] * (len(weeks) + 1))], repeatRows=1, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("BACKGROUND", (0, -1), (-1, -1), SHADE),
                    ("BACKGROUND", (-1, 1), (-1, -2), colors.HexColor("#f5f5f5")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 1), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 4),
                    ("LEFTPADDING", (1, 0), (-1, -1), 1),
                    ("RIGHTPADDING", (1, 0), (-1, -1), 1),
                ]
            )
        )
        legend = Paragraph(f"{short} = {_t(doc.period_label)} · Ø = {_t(doc.labels.average)}", styles.small)
        # Heading, hint and grid on one page: a heading alone at the foot of a page is useless.
        story.append(KeepTogether([Paragraph(_t(group.title), styles.h1), Paragraph(_t(group.hint), styles.body), table, legend]))
    if doc.questions:
        story.append(Paragraph(_t(doc.labels.open_questions), styles.h1))
        for number, question in enumerate(doc.questions, start=1):
            story.append(
                KeepTogether(
                    [
                        Paragraph(f"<b>{number}.</b>&nbsp;&nbsp;{_t(question.text)}", styles.question),
                        AnswerLines(f"answer_{question.id}", question.text, lines=3),
                    ]
                )
            )
    return story
