"""Print-ready, fillable A4 PDF (reportlab).

Printed, it has ruled space under every question and a row of boxes per statement. Opened in a PDF
reader, the same places are form fields (`canvas.acroForm`): a text field per answer, a radio group
per statement with one button per scale point, and name/date fields.

Text is set in Liberation Sans (`typeface`), embedded, the family of every other format too; it covers
Dutch accents, curly quotes and dashes. Emoji are stripped on purpose: it has no glyphs for them.
What is typed into a field is drawn in it too (`pdf_field_font`: reportlab gives fields Helvetica).

The PDF is tagged (`pdf_tags`): headings, paragraphs, lists, tables and form fields in reading order
for screen readers and reflow; lines, boxes and the footer are artifacts.

Scores typed into the check-in grid are checked as they are typed and when left (whole numbers on
the scale, the content's error message otherwise), and the average fields calculate themselves
(JavaScript form actions that Acrobat, pdf.js and Okular run); printed, they are boxes to fill in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject, TextStringObject
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

from okr1on1.downloads import pdf_field_font, typeface
from okr1on1.downloads.document import AgendaFrame, ScaleInfo, StatementGroup, TemplateDocument
from okr1on1.downloads.pdf_tags import Element, Tagged, TaggedCanvas, tagging, write_tree
from okr1on1.downloads.text import strip_emoji

FONT = "OKR-Sans"
_FONT_FILES = {
    FONT: typeface.FILES["regular"],
    f"{FONT}-Bold": typeface.FILES["bold"],
    f"{FONT}-Italic": typeface.FILES["italic"],
    f"{FONT}-BoldItalic": typeface.FILES["bold_italic"],
}
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
    for name, file in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(typeface.FOLDER / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Italic", boldItalic=f"{FONT}-BoldItalic")


def _t(text: str) -> str:
    """Content text made safe for reportlab's paragraph markup, without emoji."""
    return escape(strip_emoji(text))


def _p(markup: str, style: ParagraphStyle, element: Element) -> Tagged:
    """A paragraph (markup already escaped) that is the content of `element`."""
    return Tagged(Paragraph(markup, style), element)


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


# --- form scripts: what reportlab cannot write, added to its fields afterwards ----------------------


@dataclass
class _FormScripts:
    """Checks of typed scores and calculated averages, by field name, added once the PDF is written."""

    decimal_comma: bool
    checks: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # field → (min, max, error message)
    calculations: list[tuple[str, str]] = field(default_factory=list)  # (field, script), in calculation order

    def check(self, name: str, scale: ScaleInfo, message: str) -> None:
        self.checks[name] = (scale.min, scale.max, strip_emoji(message))

    def average(self, name: str, sources: list[str], reverse: tuple[str, ...] = (), scale_sum: int = 0) -> None:
        """`name` shows the mean of the filled `sources` (reverse-scored ones as scale_sum − value), one decimal."""
        number = "%,3.1f" if self.decimal_comma else "%,1.1f"  # util.printf: 4,3 or 4.3
        script = (
            f"var f={json.dumps(sources)},r={json.dumps(list(reverse))},s=0,n=0;"
            "for(var i=0;i<f.length;i++){var x=this.getField(f[i]);if(!x)continue;var v=x.value;"
            "if(v===null||v===''||v==='Off')continue;v=Number(String(v).replace(',','.'));if(isNaN(v))continue;"
            f"if(r.indexOf(f[i])>=0)v={scale_sum}-v;s+=v;n++;}}"
            # Rounded half up first, as the spreadsheets' ROUND does (printf alone may round 6.25 down).
            f"event.value=n?util.printf('{number}',Math.round(s/n*10)/10):'';"
        )
        self.calculations.append((name, script))


def _keystroke_script() -> str:
    # Only digits can be typed into a score box; the whole entry is checked when the box is left.
    return r"if(!event.willCommit&&event.change&&!/^\d+$/.test(event.change))event.rc=false;"


def _validate_script(low: int, high: int, message: str) -> str:
    return (
        "if(event.value!==''){var v=String(event.value).replace(/^\\s+|\\s+$/g,'');"
        f"if(!/^\\d+$/.test(v)||Number(v)<{low}||Number(v)>{high}){{app.alert({json.dumps(message)});event.rc=false;}}}}"
    )


def _javascript(script: str) -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(script)})


def _pdf_date(iso: str) -> str:
    return date.fromisoformat(iso).strftime("D:%Y%m%d000000Z")


def _finish(data: bytes, doc: TemplateDocument, scripts: _FormScripts, root: Element, canvas: TaggedCanvas) -> bytes:
    """Add the form scripts, the calculation order, the structure tree, the fields' font and the
    template's date to reportlab's PDF."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))
    fields: dict[str, object] = {}
    for page in writer.pages:
        for reference in page.get("/Annots", []):
            annotation = reference.get_object()
            name = annotation.get("/T")
            if name is not None:
                fields[str(name)] = reference
    for name, (low, high, message) in scripts.checks.items():
        widget = fields[name].get_object()  # type: ignore[attr-defined]
        widget[NameObject("/AA")] = DictionaryObject(
            {NameObject("/K"): _javascript(_keystroke_script()), NameObject("/V"): _javascript(_validate_script(low, high, message))}
        )
    order = ArrayObject()
    for name, script in scripts.calculations:
        widget = fields[name].get_object()  # type: ignore[attr-defined]
        widget[NameObject("/AA")] = DictionaryObject({NameObject("/C"): _javascript(script)})
        widget[NameObject("/Ff")] = NumberObject(int(widget.get("/Ff", 0)) | 1)  # read-only: it calculates itself
        order.append(fields[name])
    if order:
        writer._root_object["/AcroForm"][NameObject("/CO")] = order  # type: ignore[index]
    write_tree(writer, root, canvas, doc.lang)
    pdf_field_font.use_in_fields(writer)
    if doc.updated:
        stamp = _pdf_date(doc.updated)
        writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp})
    _add_xmp(writer, doc)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _add_xmp(writer: PdfWriter, doc: TemplateDocument) -> None:
    """The document's title, subject, language and date as XMP too: where PDF/UA and archives look for them."""
    info: dict[str, object] = dict(writer.metadata or {})

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    dates = f"<xmp:CreateDate>{doc.updated}T00:00:00Z</xmp:CreateDate><xmp:ModifyDate>{doc.updated}T00:00:00Z</xmp:ModifyDate>" if doc.updated else ""
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        "<dc:format>application/pdf</dc:format>"
        f"<dc:title>{alt(strip_emoji(doc.title))}</dc:title><dc:description>{alt(strip_emoji(doc.purpose))}</dc:description>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(str(info.get('/Author', '')))}</rdf:li></rdf:Seq></dc:creator>"
        f"<dc:language><rdf:Bag><rdf:li>{escape(doc.lang)}</rdf:li></rdf:Bag></dc:language>"
        f"{dates}<xmp:CreatorTool>{escape(str(info.get('/Creator', '')))}</xmp:CreatorTool>"
        f"<pdf:Producer>{escape(str(info.get('/Producer', '')))}</pdf:Producer>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    stream = DecodedStreamObject()
    stream.set_data(packet.encode())
    stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)


# --- form flowables: each draws its printed shape and lays a form field on top ----------------------


def _form(canvas: Canvas) -> Any:
    """The canvas's AcroForm. Any: types-reportlab declares its positions and sizes int, where
    reportlab takes points as floats (as every flowable here lays them out)."""
    return canvas.acroForm


def _checkbox(canvas: Canvas, element: Element, name: str, tooltip: str, x: float, y: float, size: float) -> None:
    tagging(canvas).form(element, name)
    _form(canvas).checkbox(
        name=name,
        tooltip=strip_emoji(tooltip),
        x=x,
        y=y,
        size=size,
        relative=True,
        buttonStyle="check",
        fieldFlags="",
        borderColor=colors.HexColor("#757575"),
        fillColor=colors.white,
        textColor=ACCENT,
        borderWidth=0.8,
        forceBorder=True,
    )


class Checked(Flowable):
    """A paragraph with a tick box before it: an agenda question to tick off during the talk."""

    BOX = 10
    GAP = 18

    def __init__(self, name: str, tooltip: str, paragraph: Paragraph, element: Element) -> None:
        super().__init__()
        self.name, self.tooltip, self.paragraph, self.element = name, tooltip, paragraph, element

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, height = self.paragraph.wrap(available_width - self.GAP, available_height)
        self.width, self.height = available_width, height + self.paragraph.style.spaceBefore
        return self.width, self.height

    def draw(self) -> None:
        top = self.height - self.paragraph.style.spaceBefore
        _checkbox(self.canv, self.element, self.name, self.tooltip, 0, top - self.BOX - 1.5, self.BOX)
        with tagging(self.canv).marked(self.element):
            self.paragraph.drawOn(self.canv, self.GAP, 0)


class BoxField(Flowable):
    """A tick box in a table cell: done or not."""

    BOX = 11

    def __init__(self, name: str, tooltip: str, element: Element) -> None:
        super().__init__()
        self.name, self.tooltip, self.element = name, tooltip, element

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.BOX + 4
        return self.width, self.height

    def draw(self) -> None:
        _checkbox(self.canv, self.element, self.name, self.tooltip, (self.width - self.BOX) / 2, 2, self.BOX)


class AnswerLines(Flowable):
    """Ruled lines to write on, covered by one multi-line text field to type in."""

    def __init__(self, name: str, tooltip: str, element: Element, lines: int = 3, indent: float = 16) -> None:
        super().__init__()
        self.name, self.tooltip, self.element, self.lines, self.indent = name, tooltip, element, lines, indent

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
        tagging(canvas).form(self.element, self.name)
        _form(canvas).textfield(
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
    """Labelled one-line fields side by side (a name, a date): a label, an underline, a text field.

    `width` caps the row (a date needs no full line); several fields share it equally. Each label
    and its field are a paragraph of `element`.
    """

    def __init__(self, fields: list[tuple[str, str]], element: Element, height: float = 22, width: float | None = None, indent: float = 0) -> None:
        super().__init__()
        self.fields, self.row_height, self.max_width, self.indent = fields, height, width, indent
        self.paragraphs = [element.child("P") for _ in fields]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.row_height
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        gap = 14
        width = min(self.width - self.indent, self.max_width or self.width)
        slot = (width - gap * (len(self.fields) - 1)) / len(self.fields)
        for index, ((label, name), paragraph) in enumerate(zip(self.fields, self.paragraphs, strict=True)):
            x = self.indent + index * (slot + gap)
            text = strip_emoji(label)
            with tagging(canvas).marked(paragraph):
                canvas.setFont(f"{FONT}-Bold", 9)
                canvas.setFillColor(colors.black)
                canvas.drawString(x, 6, text)
            tagging(canvas).form(paragraph, name)
            start = x + pdfmetrics.stringWidth(text, f"{FONT}-Bold", 9) + 6
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.line(start, 3, x + slot, 3)
            _form(canvas).textfield(
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

    def __init__(self, name: str, tooltip: str, scale: ScaleInfo, element: Element, indent: float = 16) -> None:
        super().__init__()
        self.name, self.tooltip, self.scale, self.indent = name, tooltip, scale, indent
        self.element = element  # the radio group's, then each end label's: a paragraph apiece, read apart
        self.labels = (element.child("P"), element.child("P"))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, 44
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        values = self.scale.values
        step = min(40.0, (self.width - self.indent - self.BOX) / max(1, len(values) - 1))
        box_y = 15
        canvas.saveState()
        tagging(canvas).form(self.element, self.name)
        for index, value in enumerate(values):  # the numbers are artifacts: each button is named by its value
            x = self.indent + index * step
            canvas.setFont(f"{FONT}-Bold", 8.5)
            canvas.setFillColor(colors.black)
            canvas.drawCentredString(x + self.BOX / 2, box_y + self.BOX + 4, str(value))
            _form(canvas).radio(
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
        with tagging(canvas).marked(self.labels[0]):
            canvas.drawString(self.indent, 4, strip_emoji(self.scale.low_label))
        with tagging(canvas).marked(self.labels[1]):
            last_x = self.indent + (len(values) - 1) * step + self.BOX
            canvas.drawRightString(last_x, 4, strip_emoji(self.scale.high_label))
        canvas.restoreState()


class CellField(Flowable):
    """A text field filling a table cell: a week's score in the check-in grid (`maxlen` 2), an agreement."""

    def __init__(self, name: str, tooltip: str, element: Element, height: float = 16, maxlen: int = 0) -> None:
        super().__init__()
        self.name, self.tooltip, self.element, self.field_height, self.maxlen = name, tooltip, element, height, maxlen

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.field_height
        return self.width, self.height

    def draw(self) -> None:
        tagging(self.canv).form(self.element, self.name)
        _form(self.canv).textfield(
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
            maxlen=self.maxlen,
        )


# --- document ---------------------------------------------------------------------------------------


def render(doc: TemplateDocument) -> bytes:
    _register_fonts()
    styles = _Styles()
    scripts = _FormScripts(decimal_comma=doc.lang == "nl")
    pagesize = landscape(A4) if doc.landscape else A4
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
        initialFontName=FONT,  # else every page names Helvetica, which is not embedded
        invariant=True,  # same input, same bytes (the date is set afterwards, from the template)
    )

    root = Element("Document")
    story: list[Flowable] = [_p(_t(doc.title), styles.title, root.child("H1")), _p(_t(doc.purpose), styles.purpose, root.child("P"))]
    labels = doc.labels
    people = [(labels.employee, "employee"), (labels.manager, "manager")] if doc.kind == "agenda" else [(labels.name, "name")]
    story.append(_p(f"<b>{_t(labels.duration)}:</b> {_t(doc.duration)}", styles.body, root.child("P")))
    # One line each: a name needs the room (side by side they had 2.5 cm each).
    story += [FieldRow([person], root, width=110 * mm) for person in people]
    story.append(FieldRow([(labels.date, "date")], root, width=70 * mm))
    story.append(Spacer(1, 8))
    story += [_p(_t(p), styles.body, root.child("P")) for p in doc.intro]

    if doc.kind == "agenda":
        story += _agenda(doc, styles, root)
    elif doc.kind == "survey":
        story += _survey(doc, styles, scripts, root)
    else:
        story += _checkin(doc, styles, scripts, root)

    notes = root.child("Sect")
    story.append(
        KeepTogether([_p(_t(labels.notes), styles.h1, notes.child("H2")), AnswerLines("notes", labels.notes, notes, lines=doc.notes_lines, indent=0)])
    )
    if doc.tips:
        tips = root.child("Sect")
        story.append(_p(_t(labels.tips), styles.h1, tips.child("H2")))
        story.append(_bullets(doc.tips, styles, tips))

    def footer(canvas: Canvas, _template: object) -> None:
        tagged = tagging(canvas)
        tagged.begin_page()
        with tagged.pagination():
            canvas.saveState()
            canvas.setFont(FONT, 7.5)
            canvas.setFillColor(MUTED)
            width, _ = pagesize
            canvas.drawString(_MARGIN, 10 * mm, strip_emoji(doc.title))
            canvas.drawRightString(width - _MARGIN, 10 * mm, labels.page.format(number=canvas.getPageNumber()))
            canvas.restoreState()

    made: list[TaggedCanvas] = []

    def canvasmaker(*args: Any, **kwargs: Any) -> TaggedCanvas:
        made.append(TaggedCanvas(*args, **kwargs))
        return made[-1]

    template.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=canvasmaker)
    return _finish(out.getvalue(), doc, scripts, root, made[0])


def _bullets(items: tuple[str, ...] | list[str], styles: _Styles, parent: Element) -> ListFlowable:
    """A bulleted list (/L); the bullets are artifacts, each item's text its /LBody."""
    tags = parent.child("L")
    # A ListItem is no Flowable (in reportlab as in its stubs), yet it is what ListFlowable takes for an item's indent.
    entries: list[Any] = [ListItem(_p(_t(item), styles.body, tags.child("LI").child("LBody")), leftIndent=14) for item in items]
    return ListFlowable(
        entries,
        bulletType="bullet",
        start="•",
        bulletFontName=FONT,
        bulletFontSize=9,
        leftIndent=14,
    )


def _header(texts: tuple[str, ...] | list[str], style: ParagraphStyle, table: Element) -> list[Flowable]:
    """A table's header row: a /TH (scope: column) per text."""
    row = table.child("TR")
    return [_p(_t(text), style, row.child("TH", scope="Column")) for text in texts]


def _form_table(styles: _Styles, table: Element, header: tuple[str, ...], rows: list[list[Flowable]], widths: list[float]) -> Table:
    """A table to fill in: a shaded header, then rows of fields (tagged in `table` by the caller)."""
    grid = Table([_header(header, styles.cell_bold, table), *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # reportlab's default, Helvetica, is not embedded
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
            ]
        )
    )
    return grid


def _frame_part(part: str, frame: AgendaFrame, styles: _Styles, parent: Element) -> list[Flowable]:
    """A part of the agenda frame: heading, hint, and the fields to fill in."""
    width = A4[0] - 2 * _MARGIN
    done = 16 * mm
    section = parent.child("Sect")
    if part == "next":
        heading = _p(_t(frame.next_title), styles.h1, section.child("H2"))
        return [KeepTogether([heading, FieldRow([(frame.next_date, "next_date")], section, width=110 * mm)])]
    title, hint = frame.heading(part)
    head = [_p(_t(title), styles.h1, section.child("H2")), _p(_t(hint), styles.body, section.child("P"))]
    table = section.child("Table")
    rows: list[list[Flowable]] = []
    if part == "since":
        for n in range(1, frame.prior_rows + 1):
            row = table.child("TR")
            rows.append(
                [
                    CellField(f"since_{n}", f"{frame.agreement} {n}", row.child("TD"), height=18),
                    BoxField(f"since_{n}_done", f"{frame.done} {n}", row.child("TD")),
                ]
            )
        body = _form_table(styles, table, (frame.agreement, frame.done), rows, [width - done, done])
    elif part == "topics":
        for n, topic in enumerate(frame.topics, start=1):
            row = table.child("TR")
            rows.append(
                [
                    _p(f"{n}.", styles.cell_bold, row.child("TD")),
                    CellField(f"topic_{n}", topic, row.child("TD"), height=18),
                    BoxField(f"topic_{n}_done", f"{frame.done}: {topic}", row.child("TD")),
                ]
            )
        body = _form_table(styles, table, ("#", frame.topics_title, frame.done), rows, [10 * mm, width - 10 * mm - done, done])
    elif part == "okr":
        for n in range(1, frame.okr_rows + 1):
            row = table.child("TR")
            rows.append(
                [CellField(f"okr_{n}_{column}", f"{label} {n}", row.child("TD"), height=18) for column, label in enumerate(frame.okr_columns)]
            )
        body = _form_table(styles, table, frame.okr_columns, rows, [width * 0.34, width * 0.34, width * 0.16, width * 0.16])
    else:  # agreements
        for n in range(1, frame.agreement_rows + 1):
            row = table.child("TR")
            rows.append(
                [
                    *(
                        CellField(f"agreement_{n}_{column}", f"{label} {n}", row.child("TD"), height=18)
                        for column, label in enumerate(frame.agreement_columns[:3])
                    ),
                    BoxField(f"agreement_{n}_done", f"{frame.done} {n}", row.child("TD")),
                ]
            )
        body = _form_table(styles, table, frame.agreement_columns, rows, [width - done - 38 * mm - 30 * mm, 38 * mm, 30 * mm, done])
    return [KeepTogether([*head, body])]


def _agenda(doc: TemplateDocument, styles: _Styles, root: Element) -> list[Flowable]:
    story: list[Flowable] = []
    question = 0
    for number, part, section in doc.agenda_parts():
        if section is None:
            assert doc.frame is not None
            story += _frame_part(part, doc.frame, styles, root)
            continue
        tags = root.child("Sect")
        minutes = f' <font size="9" color="#616161">({_t(section.minutes)})</font>' if section.minutes else ""
        heading = _p(f"{number}. {_t(section.title)}{minutes}", styles.h1, tags.child("H2"))
        blocks: list[list[Flowable]] = []
        for item in section.questions:
            question += 1
            paragraph = tags.child("P")  # the tick box, the question and the field for the answer
            blocks.append(
                [
                    Checked(f"done_{item.id}", item.text, Paragraph(f"<b>{question}.</b>&nbsp;&nbsp;{_t(item.text)}", styles.question), paragraph),
                    AnswerLines(f"answer_{item.id}", item.text, paragraph, lines=3, indent=Checked.GAP + 16),
                    Spacer(1, 4),
                ]
            )
        # The section heading stays with its first question (one flat KeepTogether: nesting them breaks pages early).
        blocks[0].insert(0, heading)
        story += [KeepTogether(block) for block in blocks]
    return story


def _survey(doc: TemplateDocument, styles: _Styles, scripts: _FormScripts, root: Element) -> list[Flowable]:
    story: list[Flowable] = []
    for group in doc.groups:
        tags = root.child("Sect")
        story.append(_p(_t(doc.labels.statements), styles.h1, tags.child("H2")))
        story.append(_p(_t(group.hint), styles.body, tags.child("P")))
        story += _statements(doc, group, styles, tags)
        story.append(Spacer(1, 4))
        average = f"average_{group.slug}"
        story.append(FieldRow([(doc.labels.average, average)], tags, width=70 * mm))
        scale = group.scale
        scripts.average(
            average,
            [f"score_{s.id}" for s in group.statements],
            tuple(f"score_{s.id}" for s in group.statements if s.reverse),
            scale.min + scale.max,
        )
        if group.bands:
            heading = _p(_t(doc.labels.bands), styles.h2, tags.child("H3"))
            bands = tags.child("Table")
            rows = []
            for b in group.bands:
                row = bands.child("TR")
                rows.append([_p(f"{b.low:g}–{b.high:g}", styles.cell, row.child("TD")), _p(_t(b.label), styles.cell, row.child("TD"))])
            table = Table(rows, colWidths=[22 * mm, 60 * mm], hAlign="LEFT", splitInRow=1)
            table.setStyle(
                TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
            )
            story.append(KeepTogether([heading, table]))
    if doc.follow_up:
        tags = root.child("Sect")
        story.append(KeepTogether([_p(_t(doc.labels.follow_up), styles.h1, tags.child("H2")), _bullets(doc.follow_up, styles, tags)]))
    return story


def _statements(doc: TemplateDocument, group: StatementGroup, styles: _Styles, parent: Element) -> list[Flowable]:
    story: list[Flowable] = []
    for number, statement in enumerate(group.statements, start=1):
        tags = parent.child("Div")  # the statement, its name, its scale and why
        text = _t(statement.text) + (f" <i>({_t(doc.labels.reverse)})</i>" if statement.reverse else "")
        line = _p(f"<b>{number}.</b>&nbsp;&nbsp;{text}", styles.question, tags.child("P"))
        named = [FieldRow([(statement.name_label, f"name_{statement.id}")], tags, indent=16)] if statement.name_label else []
        story.append(
            KeepTogether(
                [
                    line,
                    *named,
                    ScaleBoxes(f"score_{statement.id}", statement.text, group.scale, tags),
                    Spacer(1, 5),
                    _p(_t(doc.labels.why), ParagraphStyle("why", styles.small, leftIndent=16), tags.child("P")),
                    AnswerLines(f"why_{statement.id}", f"{doc.labels.why} {statement.text}", tags, lines=2),
                    Spacer(1, 6),
                ]
            )
        )
    return story


def _checkin(doc: TemplateDocument, styles: _Styles, scripts: _FormScripts, root: Element) -> list[Flowable]:
    story: list[Flowable] = []
    weeks = range(1, doc.periods + 1)
    short = doc.period_label[:1]
    width = landscape(A4)[0] - 2 * _MARGIN
    column = min(12 * mm, (width * 0.62) / (len(weeks) + 1))
    for group in doc.groups:
        tags = root.child("Sect")
        scale = group.scale
        digits = len(str(scale.max))
        heading = [_p(_t(group.title), styles.h1, tags.child("H2")), _p(_t(group.hint), styles.body, tags.child("P"))]
        grid = tags.child("Table")
        row_label = group.statements[0].name_label or doc.labels.statement  # "Key result" for rows the person names
        head = grid.child("TR")
        header: list[Flowable | list[Flowable]] = [
            _p(_t(row_label), styles.cell_bold, head.child("TH", scope="Column")),
            *(_p(f"{short}{w}", styles.cell_center, head.child("TH", scope="Column")) for w in weeks),
            _p("Ø", styles.cell_center, head.child("TH", scope="Column")),
        ]
        rows: list[list[Flowable | list[Flowable]]] = [header]
        week_averages = []
        for statement in group.statements:
            row = grid.child("TR")
            text = _t(statement.text) + (f" <i>({_t(doc.labels.reverse)})</i>" if statement.reverse else "")
            label_cell = row.child("TH", scope="Row")
            said = _p(text, styles.cell, label_cell)
            label: Flowable | list[Flowable] = said
            if statement.name_label:  # a line to write the key result on
                name = CellField(f"{group.slug}_{statement.id}_name", f"{statement.name_label}: {statement.text}", label_cell, height=15)
                label = [said, name]
            cells = [f"{group.slug}_{statement.id}_w{w}" for w in weeks]
            for name_ in cells:
                scripts.check(name_, scale, group.error_message)
            average = f"{group.slug}_{statement.id}_avg"
            scripts.average(average, cells)
            rows.append(
                [
                    label,
                    *(
                        CellField(name_, f"{doc.period_label} {w}: {statement.text}", row.child("TD"), maxlen=digits)
                        for w, name_ in zip(weeks, cells, strict=True)
                    ),
                    CellField(average, f"{doc.labels.average}: {statement.text}", row.child("TD")),
                ]
            )
        for w in weeks:
            cells = [f"{group.slug}_{s.id}_w{w}" for s in group.statements]
            reverse = tuple(f"{group.slug}_{s.id}_w{w}" for s in group.statements if s.reverse)
            week_averages.append(f"{group.slug}_avg_w{w}")
            scripts.average(week_averages[-1], cells, reverse, scale.min + scale.max)
        scripts.average(f"{group.slug}_avg", week_averages)
        foot = grid.child("TR")
        rows.append(
            [
                _p(_t(doc.labels.average), styles.cell_bold, foot.child("TH", scope="Row")),
                *(
                    CellField(name_, f"{doc.labels.average} {doc.period_label} {w}", foot.child("TD"))
                    for w, name_ in zip(weeks, week_averages, strict=True)
                ),
                CellField(f"{group.slug}_avg", doc.labels.average, foot.child("TD")),
            ]
        )
        table = Table(rows, colWidths=[width - column * (len(weeks) + 1), *([column] * (len(weeks) + 1))], repeatRows=1, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),  # reportlab's default, Helvetica, is not embedded
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
        legend = _p(f"{short} = {_t(doc.period_label)} · Ø = {_t(doc.labels.average)}", styles.small, tags.child("P"))
        # Heading, hint and grid on one page: a heading alone at the foot of a page is useless.
        story.append(KeepTogether([*heading, table, legend]))
    if doc.questions:
        tags = root.child("Sect")
        for number, question in enumerate(doc.questions, start=1):
            paragraph = tags.child("P")
            block: list[Flowable] = [
                _p(f"<b>{number}.</b>&nbsp;&nbsp;{_t(question.text)}", styles.question, paragraph),
                AnswerLines(f"answer_{question.id}", question.text, paragraph, lines=doc.answer_lines),
            ]
            if number == 1:  # the heading stays with the first question
                block.insert(0, _p(_t(doc.labels.open_questions), styles.h1, tags.child("H2")))
            story.append(KeepTogether(block))
    return story
