"""Word document (python-docx): real Heading styles, lists, tables; Google Docs imports it as is.

Answer space is a borderless table of ruled rows, not underscores: it prints as lines to write on and
gives room to type in Word, LibreOffice and Google Docs alike.
"""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

from okr1on1.downloads import typeface
from okr1on1.downloads.document import AgendaFrame, StatementGroup, TemplateDocument

_MUTED = RGBColor(0x61, 0x61, 0x61)
_ACCENT = RGBColor(0x3F, 0x51, 0xB5)
_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}
_BOX = "☐"  # a box to tick on paper or to overtype with ☒
# CT_TblPr's children in the order the schema (and Word's validation) requires.
_TBLPR_ORDER = (
    *("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc"),
    *("tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"),
)


def render(doc: TemplateDocument) -> bytes:
    document = Document()
    _page(document, landscape=doc.landscape)
    _language(document, _LANGUAGE.get(doc.lang, doc.lang))
    # Word's document properties hold at most 255 characters (python-docx refuses more).
    document.core_properties.title = doc.title[:255]
    document.core_properties.subject = doc.purpose[:255]
    document.core_properties.language = _LANGUAGE.get(doc.lang, doc.lang)
    document.core_properties.author = "okr1on1"
    document.core_properties.last_modified_by = "okr1on1"
    # The template's own date (a fixed one without it): same content, same file.
    stamp = datetime.fromisoformat(doc.updated).replace(tzinfo=UTC) if doc.updated else datetime(2000, 1, 1, tzinfo=UTC)
    document.core_properties.created = document.core_properties.modified = stamp
    _fonts(document)
    _number_indent(document)

    document.add_heading(doc.title, level=0)
    _muted(document.add_paragraph(), doc.purpose, italic=True)
    _fields(document, doc)
    for paragraph in doc.intro:
        document.add_paragraph(paragraph)

    if doc.kind == "agenda":
        _agenda(document, doc)
    elif doc.kind == "survey":
        _survey(document, doc)
    else:
        _checkin(document, doc)

    document.add_heading(doc.labels.notes, level=1)
    _answer_space(document, doc.notes_lines)
    if doc.tips:
        document.add_heading(doc.labels.tips, level=1)
        for tip in doc.tips:
            document.add_paragraph(tip, style="List Bullet")
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document: DocumentObject, landscape: bool) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page = OxmlElement("w:fldSimple")
    page.set(qn("w:instr"), "PAGE")
    footer._p.append(page)


def _language(document: DocumentObject, tag: str) -> None:
    """Default proofing language, so Word checks Dutch spelling in a Dutch template."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), tag)


def _fonts(document: DocumentObject) -> None:
    """Every style in the one family of all downloads (not the template's theme fonts, Cambria and
    Calibri), and the font table names Arial as its stand-in where it is not installed."""
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for side in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{side}"), None)
        for side in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{side}"), typeface.FAMILY)
    # python-docx keeps the font table as a plain part: edit its XML.
    table = next(part for part in document.part.package.iter_parts() if str(part.partname) == "/word/fontTable.xml")
    root = etree.fromstring(table.blob)
    _font_entry(root)
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font_entry(root: etree._Element) -> None:
    font = OxmlElement("w:font")
    font.set(qn("w:name"), typeface.FAMILY)
    for tag, value in (("w:altName", typeface.FALLBACK), ("w:family", typeface.GENERIC), ("w:pitch", "variable")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        font.append(child)
    root.insert(0, font)


def _muted(paragraph: Paragraph, text: str, italic: bool = False, size: float | None = None) -> None:
    run = paragraph.add_run(text)
    run.font.color.rgb = _MUTED
    run.italic = italic
    if size:
        run.font.size = Pt(size)


def _borders(table: Table, **edges: str) -> None:
    """Set table borders: edge name (top, left, bottom, right, insideH, insideV) → "single" or "nil"."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        kind = edges.get(edge, "nil")
        element.set(qn("w:val"), kind)
        if kind != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "9E9E9E")
        borders.append(element)
    # In schema order: before shd, tblLayout, tblCellMar and tblLook (Word refuses it after tblLook).
    later = _TBLPR_ORDER[_TBLPR_ORDER.index("tblBorders") + 1 :]
    following = next((child for child in properties if child.tag in {qn(f"w:{name}") for name in later}), None)
    if following is None:
        properties.append(borders)
    else:
        following.addprevious(borders)


def _fields(document: DocumentObject, doc: TemplateDocument) -> None:
    """Duration, names and date as a small two-column table to fill in."""
    labels = doc.labels
    people = [labels.employee, labels.manager] if doc.kind == "agenda" else [labels.name]
    table = document.add_table(rows=0, cols=2)
    _borders(table, bottom="single", insideH="single")
    for label, value in [(labels.duration, doc.duration), *((p, "") for p in people), (labels.date, "")]:
        row = table.add_row()
        row.height = Cm(0.8)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(value)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    _widths(table, [4, 12])  # the grid too: LibreOffice and Google Docs read that, not the cells
    document.add_paragraph()


def _answer_space(document: DocumentObject, lines: int, label: str | None = None) -> None:
    table = document.add_table(rows=lines, cols=1)
    _widths(table, [_text_width(document)])
    _borders(table, bottom="single", insideH="single")
    for index, row in enumerate(table.rows, start=1):
        row.height = Cm(0.85)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        if index < lines:
            _keep_with_next(row)
    if label:
        _muted(table.rows[0].cells[0].paragraphs[0], label, italic=True, size=8)
    document.add_paragraph().paragraph_format.space_after = Pt(2)


def _text_width(document: DocumentObject) -> float:
    """Width between the margins, in cm."""
    section = document.sections[0]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    if width is None or left is None or right is None:  # set in _page, before anything is laid out
        raise ValueError("the page has no size or margins")
    return (width - left - right) / Cm(1)


def _numbered(document: DocumentObject, text: str, box: bool = False) -> Paragraph:
    """A "List Number" item (Word numbers it), with a tick box before the text when `box`."""
    item = document.add_paragraph(style="List Number")
    if box:
        item._p.append(_checkbox())
    item.add_run(text)
    item.paragraph_format.keep_with_next = True
    return item


def _checkbox() -> etree._Element:
    """A Word check box content control (click to tick); other readers show its ☐."""
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    checkbox = OxmlElement("w14:checkbox")
    for tag, value in (("w14:checked", "0"), ("w14:checkedState", "2612"), ("w14:uncheckedState", "2610")):
        state = OxmlElement(tag)
        state.set(qn("w14:val"), value)
        checkbox.append(state)
    properties.append(checkbox)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    look = OxmlElement("w:rPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), "100")  # 5 pt after the box, kept when Word ticks it
    look.append(spacing)
    run.append(look)
    box = OxmlElement("w:t")
    box.text = _BOX
    run.append(box)
    content.append(run)
    sdt.append(properties)
    sdt.append(content)
    return sdt


def _number_indent(document: DocumentObject) -> None:
    """Room for two-digit numbers in "List Number": 1 cm to the text (the template's 0.63 cm gave "10.Laten")."""
    style = document.styles["List Number"].element
    num_id = style.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    level = abstract.find(qn("w:lvl"))
    level.find(qn("w:pPr")).find(qn("w:tabs")).find(qn("w:tab")).set(qn("w:pos"), "567")
    indent = level.find(qn("w:pPr")).find(qn("w:ind"))
    indent.set(qn("w:left"), "567")
    indent.set(qn("w:hanging"), "567")


def _form_table(document: DocumentObject, header: tuple[str, ...], rows: int, widths: list[float], box_last: bool) -> Table:
    """An empty table to fill in: a shaded header and `rows` rows; a ☐ in the last column when it is "done"."""
    table: Table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell_text(cell, text, bold=True, size=9)
    _repeat_header(table.rows[0])
    for _ in range(rows):
        row = table.add_row()
        row.height = Cm(0.9)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        if box_last:
            _cell_text(row.cells[-1], _BOX, center=True)
    for row in table.rows[:-1]:
        _keep_with_next(row)
    _widths(table, widths)
    document.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def _frame_part(document: DocumentObject, part: str, frame: AgendaFrame) -> None:
    width = _text_width(document)
    title, hint = frame.heading(part)
    document.add_heading(title, level=1)
    if hint:
        document.add_paragraph(hint).paragraph_format.keep_with_next = True  # heading, hint and table on one page
    if part == "since":
        _form_table(document, (frame.agreement, frame.done), frame.prior_rows, [width - 2, 2], box_last=True)
    elif part == "topics":
        table = _form_table(document, ("#", frame.topics_title, frame.done), len(frame.topics), [1, width - 3, 2], box_last=True)
        for n, row in enumerate(table.rows[1:], start=1):
            _cell_text(row.cells[0], f"{n}.", bold=True)
    elif part == "okr":
        _form_table(document, frame.okr_columns, frame.okr_rows, [width * 0.34, width * 0.34, width * 0.16, width * 0.16], box_last=False)
    elif part == "agreements":
        _form_table(document, frame.agreement_columns, frame.agreement_rows, [width - 2 - 3.5 - 3, 3.5, 3, 2], box_last=True)
    else:
        table = document.add_table(rows=1, cols=2)
        _borders(table, bottom="single")
        table.rows[0].cells[0].paragraphs[0].add_run(frame.next_date).bold = True
        table.rows[0].height = Cm(0.8)
        _widths(table, [4, 8])
        document.add_paragraph()


def _agenda(document: DocumentObject, doc: TemplateDocument) -> None:
    for number, part, section in doc.agenda_parts():
        if section is None:
            assert doc.frame is not None
            _frame_part(document, part, doc.frame)
            continue
        heading = document.add_heading(f"{number}. {section.title}", level=1)
        if section.minutes:
            _muted(heading, f"  ({section.minutes})", size=10)
        for item in section.questions:
            _numbered(document, item.text, box=True)
            _answer_space(document, 3, doc.labels.answer)


def _cell_text(cell: _Cell, text: str, bold: bool = False, size: float | None = None, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _widths(table: Table, widths: list[float]) -> None:
    # Word reads the cell widths, LibreOffice the table grid: set both.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def _survey(document: DocumentObject, doc: TemplateDocument) -> None:
    for group in doc.groups:
        document.add_heading(doc.labels.statements, level=1)
        document.add_paragraph(group.hint)
        _survey_table(document, doc, group)
        if group.bands:
            document.add_heading(doc.labels.bands, level=2)
            for band in group.bands:
                document.add_paragraph(f"{band.low:g}–{band.high:g}: {band.label}", style="List Bullet")
    if doc.follow_up:
        document.add_heading(doc.labels.follow_up, level=1)
        for prompt in doc.follow_up:
            document.add_paragraph(prompt, style="List Bullet")


def _survey_table(document: DocumentObject, doc: TemplateDocument, group: StatementGroup) -> None:
    """A column per scale point under the scale's end labels; a "why" row under each statement."""
    points = group.scale.points
    count = len(points)
    table = document.add_table(rows=2, cols=2 + count)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    labels, numbers = table.rows
    # End labels span (nearly) half the points each, so they stay readable in narrow columns.
    span = max(1, (count - 1) // 2)
    low = labels.cells[2].merge(labels.cells[1 + span])
    high = labels.cells[2 + count - span].merge(labels.cells[1 + count])
    _muted(low.paragraphs[0], group.scale.low_label, size=8)
    _muted(high.paragraphs[0], group.scale.high_label, size=8)
    high.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _cell_text(labels.cells[0].merge(numbers.cells[0]), "#", bold=True)
    _cell_text(labels.cells[1].merge(numbers.cells[1]), doc.labels.statement, bold=True)
    for index, point in enumerate(points):
        _cell_text(numbers.cells[2 + index], str(point.value), bold=True, center=True)
    _repeat_header(labels)
    _repeat_header(numbers)
    for number, statement in enumerate(group.statements, start=1):
        row = table.add_row()
        row.height = Cm(1.1)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        _cell_text(row.cells[0], str(number))
        text = f"{statement.text} ({doc.labels.reverse})" if statement.reverse else statement.text
        _cell_text(row.cells[1], text)
        if statement.name_label:
            _muted(row.cells[1].add_paragraph(), f"{statement.name_label}: ______________________________", size=9)
        _keep_with_next(row)
        why = table.add_row()
        why.height = Cm(1.4)
        why.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        merged = why.cells[1].merge(why.cells[-1])
        _muted(merged.paragraphs[0], doc.labels.why, italic=True, size=8)
        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    point_width = min(1.2, 10.0 / count)
    _widths(table, [0.8, _text_width(document) - 0.8 - point_width * count, *([point_width] * count)])
    document.add_paragraph()


def _repeat_header(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)


def _keep_with_next(row: _Row) -> None:
    """Keep a row on the page of the next one (a statement with its "why" row, answer lines together)."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _checkin(document: DocumentObject, doc: TemplateDocument) -> None:
    weeks = range(1, doc.periods + 1)
    for group in doc.groups:
        document.add_heading(group.title, level=1)
        document.add_paragraph(group.hint)
        table = document.add_table(rows=1, cols=2 + len(weeks))
        table.style = "Table Grid"
        header = table.rows[0]
        _cell_text(header.cells[0], group.statements[0].name_label or doc.labels.statement, bold=True, size=9)
        for week in weeks:
            _cell_text(header.cells[week], f"{doc.period_label[:1]}{week}", bold=True, size=9, center=True)
        _cell_text(header.cells[-1], "Ø", bold=True, size=9, center=True)
        _repeat_header(header)
        for statement in group.statements:
            row = table.add_row()
            row.height = Cm(0.9)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            text = f"{statement.text} ({doc.labels.reverse})" if statement.reverse else statement.text
            _cell_text(row.cells[0], text, size=9)
            if statement.name_label:
                _muted(row.cells[0].add_paragraph(), "______________________________", size=9)
        average = table.add_row()
        average.height = Cm(0.9)
        _cell_text(average.cells[0], doc.labels.average, bold=True, size=9)
        column = min(1.3, 17.0 / (len(weeks) + 1))
        _widths(table, [_text_width(document) - column * (len(weeks) + 1), *([column] * (len(weeks) + 1))])
        legend = document.add_paragraph()
        _muted(legend, f"{doc.period_label[:1]} = {doc.period_label} · Ø = {doc.labels.average}", size=8)
    if doc.questions:
        document.add_heading(doc.labels.open_questions, level=1)
        for question in doc.questions:
            _numbered(document, question.text)
            _answer_space(document, doc.answer_lines, doc.labels.answer)
