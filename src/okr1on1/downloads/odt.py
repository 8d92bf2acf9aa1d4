"""OpenDocument text (odfpy): real headings (text:h with outline levels), lists and tables.

Mirrors the Word file. Answer space is ruled lines: empty paragraphs with a bottom border that do not
join (`style:join-border="false"`), so each prints as its own line.
"""

from __future__ import annotations

from io import BytesIO

from odf import dc, meta
from odf.element import Element
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    Footer,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TableRowProperties,
    TextProperties,
)
from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, List, ListItem, ListLevelStyleBullet, ListLevelStyleNumber, ListStyle, P, PageNumber

from okr1on1.downloads import typeface
from okr1on1.downloads.document import AgendaFrame, StatementGroup, TemplateDocument

_ACCENT = "#3f51b5"
_MUTED = "#616161"
_BORDER = "0.5pt solid #9e9e9e"
_COUNTRY = {"nl": "NL", "en": "GB"}
_FONT = typeface.FAMILY
_BOX = "☐"


class _Styles:
    """Named and automatic styles of one document (odfpy styles belong to the document they are in)."""

    def __init__(self, odt: OpenDocumentText, lang: str, landscape: bool) -> None:
        self.width_cm = 25.7 if landscape else 17.0
        # The family, and Arial (same glyph widths) where it is missing; LibreOffice installs it with itself.
        odt.fontfacedecls.addElement(
            FontFace(name=_FONT, fontfamily=f"'{_FONT}', {typeface.FALLBACK}", fontfamilygeneric=typeface.GENERIC, fontpitch="variable")
        )
        default = DefaultStyle(family="paragraph")
        default.addElement(TextProperties(fontname=_FONT, fontsize="10.5pt", language=lang, country=_COUNTRY.get(lang, "")))
        default.addElement(ParagraphProperties(marginbottom="0.2cm"))
        odt.styles.addElement(default)

        def paragraph(name: str, display: str, text: dict[str, str] | None = None, para: dict[str, str] | None = None, **extra: str) -> Style:
            style = Style(name=name, displayname=display, family="paragraph", **extra)
            if para:
                style.addElement(ParagraphProperties(**para))
            if text:
                style.addElement(TextProperties(**text))
            odt.styles.addElement(style)
            return style

        self.title = paragraph("Title", "Title", {"fontsize": "22pt", "fontweight": "bold", "color": _ACCENT}, {"marginbottom": "0.2cm"})
        self.h1 = paragraph(
            "Heading_20_1",
            "Heading 1",
            {"fontsize": "14pt", "fontweight": "bold", "color": _ACCENT},
            {"margintop": "0.5cm", "marginbottom": "0.2cm", "keepwithnext": "always"},
            defaultoutlinelevel="1",
        )
        self.h2 = paragraph(
            "Heading_20_2",
            "Heading 2",
            {"fontsize": "12pt", "fontweight": "bold", "color": _ACCENT},
            {"margintop": "0.4cm", "marginbottom": "0.15cm", "keepwithnext": "always"},
            defaultoutlinelevel="2",
        )
        self.body = paragraph("Text_20_body", "Text body")
        self.muted = paragraph("Muted", "Muted", {"fontstyle": "italic", "color": _MUTED})
        self.small = paragraph("Small", "Small", {"fontsize": "8pt", "fontstyle": "italic", "color": _MUTED}, {"marginbottom": "0cm"})
        self.question = paragraph("Question", "Question", None, {"keepwithnext": "always", "margintop": "0.2cm", "marginbottom": "0cm"})
        line = {"borderbottom": _BORDER, "joinborder": "false", "margintop": "0.35cm", "marginbottom": "0cm"}
        # Every line but the last keeps with the next, so a question and its lines share a page.
        self.line = paragraph("Answer_20_line", "Answer line", None, {**line, "keepwithnext": "always"})
        self.last_line = paragraph("Answer_20_line_20_last", "Answer line last", None, line)
        self.label = paragraph(
            "Answer_20_label",
            "Answer label",
            {"fontsize": "8pt", "fontstyle": "italic", "color": _MUTED},
            {"marginbottom": "0cm", "keepwithnext": "always"},
        )
        self.cell = paragraph("Table_20_Contents", "Table Contents", None, {"marginbottom": "0cm"})
        self.cell_bold = paragraph("Table_20_Heading", "Table Heading", {"fontweight": "bold"}, {"marginbottom": "0cm"})
        self.cell_center = paragraph("Table_20_Center", "Table Center", {"fontweight": "bold"}, {"marginbottom": "0cm", "textalign": "center"})
        self.cell_small = paragraph("Table_20_Small", "Table Small", {"fontsize": "8pt", "color": _MUTED}, {"marginbottom": "0cm"})
        self.cell_small_right = paragraph(
            "Table_20_Small_20_Right", "Table Small Right", {"fontsize": "8pt", "color": _MUTED}, {"marginbottom": "0cm", "textalign": "end"}
        )

        self.numbered = ListStyle(name="Numbering_20_123", displayname="Numbering 123")
        number = ListLevelStyleNumber(level="1", numformat="1", numsuffix=".", startvalue="1")
        number.addElement(ListLevelProperties(spacebefore="0cm", minlabelwidth="0.7cm"))
        self.numbered.addElement(number)
        odt.styles.addElement(self.numbered)
        self.bullets = ListStyle(name="List_20_Bullet", displayname="List Bullet")
        bullet = ListLevelStyleBullet(level="1", bulletchar="•")
        bullet.addElement(ListLevelProperties(spacebefore="0.2cm", minlabelwidth="0.5cm"))
        self.bullets.addElement(bullet)
        odt.styles.addElement(self.bullets)

        self.cell_box = Style(name="CellBox", family="table-cell")
        self.cell_box.addElement(TableCellProperties(border=_BORDER, padding="0.1cm", verticalalign="middle"))
        odt.automaticstyles.addElement(self.cell_box)
        self.cell_shaded = Style(name="CellShaded", family="table-cell")
        self.cell_shaded.addElement(TableCellProperties(border=_BORDER, padding="0.1cm", backgroundcolor="#e8eaf6", verticalalign="middle"))
        odt.automaticstyles.addElement(self.cell_shaded)
        self.row = Style(name="RowTall", family="table-row")
        self.row.addElement(TableRowProperties(minrowheight="1.0cm", keeptogether="always"))
        odt.automaticstyles.addElement(self.row)
        self.row_line = Style(name="RowLine", family="table-row")
        self.row_line.addElement(TableRowProperties(minrowheight="0.9cm", keeptogether="always"))
        odt.automaticstyles.addElement(self.row_line)
        self.keep = paragraph("Hint", "Hint", None, {"keepwithnext": "always"})
        self.field_line = paragraph(
            "Field_20_line", "Field line", {"fontweight": "bold"}, {"borderbottom": _BORDER, "margintop": "0.4cm", "marginright": "8cm"}
        )
        self.row_why = Style(name="RowWhy", family="table-row")
        self.row_why.addElement(TableRowProperties(minrowheight="1.3cm", keeptogether="always"))
        odt.automaticstyles.addElement(self.row_why)
        self._odt = odt
        self._count = 0

        layout = PageLayout(name="A4")
        width, height = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
        layout.addElement(
            PageLayoutProperties(
                pagewidth=width,
                pageheight=height,
                printorientation="landscape" if landscape else "portrait",
                margintop="1.5cm",
                marginbottom="1.5cm",
                marginleft="2cm",
                marginright="2cm",
            )
        )
        odt.automaticstyles.addElement(layout)
        master = MasterPage(name="Standard", pagelayoutname=layout)
        footer = Footer()
        page = P(stylename=self.cell_small_right)
        page.addElement(PageNumber(selectpage="current"))
        footer.addElement(page)
        master.addElement(footer)
        odt.masterstyles.addElement(master)

    def table(self, widths_cm: list[float]) -> tuple[Table, list[Style]]:
        """A table of the given column widths (scaled to the text width)."""
        self._count += 1
        scale = self.width_cm / sum(widths_cm)
        style = Style(name=f"Table{self._count}", family="table")
        style.addElement(TableProperties(width=f"{self.width_cm:.2f}cm", align="left"))
        self._odt.automaticstyles.addElement(style)
        columns = []
        for index, width in enumerate(widths_cm):
            column = Style(name=f"Table{self._count}.C{index}", family="table-column")
            column.addElement(TableColumnProperties(columnwidth=f"{width * scale:.2f}cm"))
            self._odt.automaticstyles.addElement(column)
            columns.append(column)
        return Table(name=f"Table{self._count}", stylename=style), columns


def render(doc: TemplateDocument) -> bytes:
    odt = OpenDocumentText()
    odt.meta.addElement(dc.Title(text=doc.title))
    odt.meta.addElement(dc.Subject(text=doc.purpose))
    odt.meta.addElement(dc.Language(text=doc.lang))
    stamp = f"{doc.updated or '2000-01-01'}T00:00:00"  # the template's date: same content, same file
    odt.meta.addElement(meta.CreationDate(text=stamp))
    odt.meta.addElement(dc.Date(text=stamp))
    odt.meta.addElement(meta.InitialCreator(text="okr1on1"))
    styles = _Styles(odt, doc.lang, landscape=doc.landscape)
    body = odt.text

    body.addElement(P(stylename=styles.title, text=doc.title))
    body.addElement(P(stylename=styles.muted, text=doc.purpose))
    _fields(body, doc, styles)
    for paragraph in doc.intro:
        body.addElement(P(stylename=styles.body, text=paragraph))

    if doc.kind == "agenda":
        _agenda(body, doc, styles)
    elif doc.kind == "survey":
        _survey(body, doc, styles)
    else:
        _checkin(body, doc, styles)

    body.addElement(H(outlinelevel=1, stylename=styles.h1, text=doc.labels.notes))
    _lines(body, styles, doc.notes_lines)
    if doc.tips:
        body.addElement(H(outlinelevel=1, stylename=styles.h1, text=doc.labels.tips))
        body.addElement(_list(styles.bullets, [(tip, styles.body) for tip in doc.tips]))
    out = BytesIO()
    odt.write(out)
    return out.getvalue()


def _add_all(parent: Element, children: list[Element]) -> None:
    for child in children:
        parent.addElement(child)


def _list(style: ListStyle, items: list[tuple[str, Style]], continued: bool = False) -> List:
    element = List(stylename=style, **({"continuenumbering": "true"} if continued else {}))
    for text, paragraph_style in items:
        item = ListItem()
        item.addElement(P(stylename=paragraph_style, text=text))
        element.addElement(item)
    return element


def _lines(parent: Element, styles: _Styles, count: int, label: str | None = None) -> None:
    if label:
        parent.addElement(P(stylename=styles.label, text=label))
    for number in range(1, count + 1):
        parent.addElement(P(stylename=styles.line if number < count else styles.last_line))


def _cell(text: str = "", style: Style | None = None, paragraph: Style | None = None, span: int = 1, rows: int = 1) -> TableCell:
    cell = TableCell(
        valuetype="string",
        **({"stylename": style} if style else {}),
        **({"numbercolumnsspanned": span} if span > 1 else {}),
        **({"numberrowsspanned": rows} if rows > 1 else {}),
    )
    cell.addElement(P(stylename=paragraph, text=text) if paragraph else P(text=text))
    return cell


def _fields(body: Element, doc: TemplateDocument, styles: _Styles) -> None:
    labels = doc.labels
    people = [labels.employee, labels.manager] if doc.kind == "agenda" else [labels.name]
    table, columns = styles.table([4, 13])
    for column in columns:
        table.addElement(TableColumn(stylename=column))
    line = Style(name="FieldCell", family="table-cell")
    line.addElement(TableCellProperties(borderbottom=_BORDER, padding="0.1cm", verticalalign="bottom"))
    styles._odt.automaticstyles.addElement(line)
    for label, value in [(labels.duration, doc.duration), *((p, "") for p in people), (labels.date, "")]:
        row = TableRow(stylename=styles.row)
        row.addElement(_cell(label, line, styles.cell_bold))
        row.addElement(_cell(value, line, styles.cell))
        table.addElement(row)
    body.addElement(table)
    body.addElement(P())


def _form_table(
    body: Element, styles: _Styles, header: tuple[str, ...], rows: int, widths: list[float], box_last: bool, numbered: bool = False
) -> None:
    """An empty table to fill in: a shaded header, `rows` rows, a ☐ in the last column when it is "done",
    the row's number in the first when `numbered` (slots to fill in order)."""
    table, columns = styles.table(widths)
    for column in columns:
        table.addElement(TableColumn(stylename=column))
    head = TableHeaderRows()
    head.addElement(_row([_cell(text, styles.cell_shaded, styles.cell_bold) for text in header]))
    table.addElement(head)
    for n in range(1, rows + 1):
        cells = [_cell("", styles.cell_box) for _ in header[:-1]]
        if numbered:
            cells[0] = _cell(f"{n}.", styles.cell_box, styles.cell_bold)
        cells.append(_cell(_BOX if box_last else "", styles.cell_box, styles.cell_center if box_last else None))
        table.addElement(_row(cells, styles.row_line))
    body.addElement(table)


def _row(cells: list[TableCell], style: Style | None = None) -> TableRow:
    row = TableRow(**({"stylename": style} if style else {}))
    _add_all(row, cells)
    return row


def _frame_part(body: Element, part: str, frame: AgendaFrame, styles: _Styles) -> None:
    title, hint = frame.heading(part)
    body.addElement(H(outlinelevel=1, stylename=styles.h1, text=title))
    if hint:
        body.addElement(P(stylename=styles.keep, text=hint))
    width = styles.width_cm
    if part == "since":
        _form_table(body, styles, (frame.agreement, frame.done), frame.prior_rows, [width - 2, 2], box_last=True)
    elif part == "topics":
        _form_table(body, styles, ("#", frame.topics_title, frame.done), len(frame.topics), [1, width - 3, 2], box_last=True, numbered=True)
    elif part == "okr":
        _form_table(body, styles, frame.okr_columns, frame.okr_rows, [0.34, 0.34, 0.16, 0.16], box_last=False)
    elif part == "agreements":
        _form_table(body, styles, frame.agreement_columns, frame.agreement_rows, [width - 8.5, 3.5, 3, 2], box_last=True)
    else:
        body.addElement(P(stylename=styles.field_line, text=f"{frame.next_date}: "))


def _agenda(body: Element, doc: TemplateDocument, styles: _Styles) -> None:
    continued = False
    for number, part, section in doc.agenda_parts():
        if section is None:
            assert doc.frame is not None
            _frame_part(body, part, doc.frame, styles)
            continue
        minutes = f" ({section.minutes})" if section.minutes else ""
        body.addElement(H(outlinelevel=1, stylename=styles.h1, text=f"{number}. {section.title}{minutes}"))
        # One list per section, numbering continued across sections (1–12), as in the Word file.
        questions = List(stylename=styles.numbered, **({"continuenumbering": "true"} if continued else {}))
        continued = True
        for question in section.questions:
            item = ListItem()
            item.addElement(P(stylename=styles.question, text=f"{_BOX} {question.text}"))  # a box to tick off
            _lines(item, styles, 3, doc.labels.answer)
            questions.addElement(item)
        body.addElement(questions)


def _survey(body: Element, doc: TemplateDocument, styles: _Styles) -> None:
    for group in doc.groups:
        body.addElement(H(outlinelevel=1, stylename=styles.h1, text=doc.labels.statements))
        body.addElement(P(stylename=styles.body, text=group.hint))
        body.addElement(_survey_table(doc, group, styles))
        if group.bands:
            body.addElement(H(outlinelevel=2, stylename=styles.h2, text=doc.labels.bands))
            body.addElement(_list(styles.bullets, [(f"{b.low:g}–{b.high:g}: {b.label}", styles.body) for b in group.bands]))
    if doc.follow_up:
        body.addElement(H(outlinelevel=1, stylename=styles.h1, text=doc.labels.follow_up))
        body.addElement(_list(styles.bullets, [(prompt, styles.body) for prompt in doc.follow_up]))


def _survey_table(doc: TemplateDocument, group: StatementGroup, styles: _Styles) -> Table:
    """A column per scale point under the scale's end labels; a "why" row under each statement."""
    points = group.scale.points
    count = len(points)
    point_width = min(1.2, 10.0 / count)
    table, columns = styles.table([0.8, styles.width_cm - 0.8 - point_width * count, *([point_width] * count)])
    for column in columns:
        table.addElement(TableColumn(stylename=column))
    span = max(1, (count - 1) // 2)
    middle = count - 2 * span
    labels = TableRow()
    labels.addElement(_cell("#", styles.cell_shaded, styles.cell_bold, rows=2))
    labels.addElement(_cell(doc.labels.statement, styles.cell_shaded, styles.cell_bold, rows=2))
    labels.addElement(_cell(group.scale.low_label, styles.cell_shaded, styles.cell_small, span=span))
    _add_all(labels, [CoveredTableCell() for _ in range(span - 1)])
    _add_all(labels, [_cell("", styles.cell_shaded) for _ in range(middle)])
    labels.addElement(_cell(group.scale.high_label, styles.cell_shaded, styles.cell_small_right, span=span))
    _add_all(labels, [CoveredTableCell() for _ in range(span - 1)])
    numbers = TableRow()
    _add_all(numbers, [CoveredTableCell(), CoveredTableCell()])
    _add_all(numbers, [_cell(str(p.value), styles.cell_shaded, styles.cell_center) for p in points])
    header = TableHeaderRows()
    header.addElement(labels)
    header.addElement(numbers)
    table.addElement(header)
    for number, statement in enumerate(group.statements, start=1):
        text = f"{statement.text} ({doc.labels.reverse})" if statement.reverse else statement.text
        row = TableRow(stylename=styles.row)
        row.addElement(_cell(str(number), styles.cell_box, styles.cell, rows=2))
        label = _cell(text, styles.cell_box, styles.cell)
        if statement.name_label:
            label.addElement(P(stylename=styles.cell_small, text=f"{statement.name_label}: ______________________________"))
        row.addElement(label)
        _add_all(row, [_cell("", styles.cell_box) for _ in points])
        table.addElement(row)
        why = TableRow(stylename=styles.row_why)
        why.addElement(CoveredTableCell())
        why.addElement(_cell(doc.labels.why, styles.cell_box, styles.cell_small, span=count + 1))
        _add_all(why, [CoveredTableCell() for _ in range(count)])
        table.addElement(why)
    return table


def _checkin(body: Element, doc: TemplateDocument, styles: _Styles) -> None:
    weeks = range(1, doc.periods + 1)
    short = doc.period_label[:1]
    for group in doc.groups:
        body.addElement(H(outlinelevel=1, stylename=styles.h1, text=group.title))
        body.addElement(P(stylename=styles.body, text=group.hint))
        column = min(1.3, 17.0 / (len(weeks) + 1))
        table, columns = styles.table([styles.width_cm - column * (len(weeks) + 1), *([column] * (len(weeks) + 1))])
        for style in columns:
            table.addElement(TableColumn(stylename=style))
        header = TableHeaderRows()
        row = TableRow()
        row.addElement(_cell(group.statements[0].name_label or doc.labels.statement, styles.cell_shaded, styles.cell_bold))
        _add_all(row, [_cell(f"{short}{w}", styles.cell_shaded, styles.cell_center) for w in weeks])
        row.addElement(_cell("Ø", styles.cell_shaded, styles.cell_center))
        header.addElement(row)
        table.addElement(header)
        for statement in group.statements:
            text = f"{statement.text} ({doc.labels.reverse})" if statement.reverse else statement.text
            row = TableRow(stylename=styles.row)
            label = _cell(text, styles.cell_box, styles.cell)
            if statement.name_label:  # a line to write the key result on
                label.addElement(P(stylename=styles.cell_small, text="______________________________"))
            row.addElement(label)
            _add_all(row, [_cell("", styles.cell_box) for _ in range(len(weeks) + 1)])
            table.addElement(row)
        row = TableRow(stylename=styles.row)
        row.addElement(_cell(doc.labels.average, styles.cell_shaded, styles.cell_bold))
        _add_all(row, [_cell("", styles.cell_shaded) for _ in range(len(weeks) + 1)])
        table.addElement(row)
        body.addElement(table)
        body.addElement(P(stylename=styles.small, text=f"{short} = {doc.period_label} · Ø = {doc.labels.average}"))
    if doc.questions:
        body.addElement(H(outlinelevel=1, stylename=styles.h1, text=doc.labels.open_questions))
        questions = List(stylename=styles.numbered)
        for question in doc.questions:
            item = ListItem()
            item.addElement(P(stylename=styles.question, text=question.text))
            _lines(item, styles, doc.answer_lines, doc.labels.answer)
            questions.addElement(item)
        body.addElement(questions)
