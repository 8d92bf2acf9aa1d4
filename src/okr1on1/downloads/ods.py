"""OpenDocument spreadsheet (odfpy) for surveys and check-ins: the same score sheet as the .xlsx.

Same cells, formulas in OpenFormula (`of:=AVERAGE([.B6:.B10])`), a content validation that accepts
only whole numbers on the scale, frozen header row and statement column. No chart: odfpy has no chart
builder, and an embedded chart object written by hand is not worth its upkeep here.
"""

from __future__ import annotations

import math
from io import BytesIO

from odf import dc, meta
from odf.config import ConfigItem, ConfigItemMapEntry, ConfigItemMapIndexed, ConfigItemMapNamed, ConfigItemSet
from odf.element import Element
from odf.number import Number, NumberStyle
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    DefaultStyle,
    FontFace,
    Map,
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
from odf.table import (
    ContentValidation,
    ContentValidations,
    CoveredTableCell,
    ErrorMessage,
    HelpMessage,
    Table,
    TableCell,
    TableColumn,
    TableHeaderRows,
    TableRow,
)
from odf.text import P

from okr1on1.downloads import typeface
from okr1on1.downloads.document import ScaleInfo, TemplateDocument
from okr1on1.downloads.grid import (
    DATE_ROW,
    HEADER_ROW,
    HINT_ROW,
    OPENFORMULA,
    PURPOSE_ROW,
    TITLE_ROW,
    ScoreGrid,
    col_letter,
    header_texts,
    period_average,
    row_average,
    score_colour,
    score_grid,
)

_BORDER = "0.5pt solid #bdbdbd"


class _Styles:
    """The automatic styles of one document (odfpy styles belong to the document they were added to)."""

    def __init__(self, doc: OpenDocumentSpreadsheet) -> None:
        # The one family of every download, and Arial (same glyph widths) where it is missing.
        family = f"'{typeface.FAMILY}', {typeface.FALLBACK}"
        doc.fontfacedecls.addElement(FontFace(name=typeface.FAMILY, fontfamily=family, fontfamilygeneric=typeface.GENERIC, fontpitch="variable"))
        default = DefaultStyle(family="table-cell")
        default.addElement(TextProperties(fontname=typeface.FAMILY, fontsize="10pt"))
        doc.styles.addElement(default)
        one_decimal = NumberStyle(name="N1")
        one_decimal.addElement(Number(decimalplaces="1", minintegerdigits="1"))
        doc.automaticstyles.addElement(one_decimal)

        def cell(name: str, text: dict[str, str] | None = None, center: bool = False, **props: str) -> Style:
            style = Style(name=name, family="table-cell", **({"datastylename": "N1"} if name.startswith("avg") else {}))
            style.addElement(TableCellProperties(**props))
            if center:
                style.addElement(ParagraphProperties(textalign="center"))
            if text:
                style.addElement(TextProperties(**text))
            doc.automaticstyles.addElement(style)
            return style

        self.title = cell("title", {"fontsize": "16pt", "fontweight": "bold", "color": "#3f51b5"})
        self.muted = cell("muted", {"fontstyle": "italic", "color": "#616161"})
        self.hint = cell("hint", None, wrapoption="wrap", verticalalign="top")
        self.header = cell("header", {"fontweight": "bold"}, backgroundcolor="#e8eaf6", border=_BORDER, wrapoption="wrap", verticalalign="middle")
        self.statement = cell("statement", None, border=_BORDER, wrapoption="wrap", verticalalign="middle")
        self.score = cell("score", None, center=True, border=_BORDER, verticalalign="middle")
        self.group = cell("group", {"fontweight": "bold", "fontsize": "12pt", "color": "#3f51b5"})
        self.avg = cell("avg", None, center=True, backgroundcolor="#f5f5f5", border=_BORDER, verticalalign="middle")
        self.avg_bold = cell("avgbold", {"fontweight": "bold"}, center=True, backgroundcolor="#f5f5f5", border=_BORDER, verticalalign="middle")
        self.avg_label = cell("label", {"fontweight": "bold"}, backgroundcolor="#f5f5f5", border=_BORDER, verticalalign="middle")
        self.note = cell("note", None, border=_BORDER, wrapoption="wrap", verticalalign="top")
        self.note_row = Style(name="rownote", family="table-row")
        self.note_row.addElement(TableRowProperties(rowheight="1.4cm", useoptimalrowheight="false"))
        doc.automaticstyles.addElement(self.note_row)

        # Both sheets print on A4 landscape, every column on one page wide (style:scale-to-X); the
        # notes sheet, a row per week to write in, on one page (scale-to-Y too).
        self.sheet = self._sheet_style(doc, "Scores", pages_high=0)
        self.notes_sheet = self._sheet_style(doc, "Notes", pages_high=1)
        self._scored: dict[tuple[int, int], Style] = {}

        def column(name: str, width: str) -> Style:
            style = Style(name=name, family="table-column")
            style.addElement(TableColumnProperties(columnwidth=width))
            doc.automaticstyles.addElement(style)
            return style

        self._doc = doc
        self._rows: dict[int, Style] = {}
        self.wide = column("colwide", "11cm")
        self.period = column("colperiod", "2cm")
        self.average = column("colaverage", "2.4cm")
        self.note_col = column("colnote", "7cm")
        self.label_col = column("collabel", "5.5cm")
        self.name_col = column("colname", "7.5cm")

    @staticmethod
    def _sheet_style(doc: OpenDocumentSpreadsheet, name: str, pages_high: int) -> Style:
        layout = PageLayout(name=f"landscape{name}")
        layout.addElement(
            PageLayoutProperties(
                pagewidth="29.7cm",
                pageheight="21cm",
                printorientation="landscape",
                margintop="1.2cm",
                marginbottom="1.2cm",
                marginleft="1.2cm",
                marginright="1.2cm",
                scaletox="1",
                scaletoy=str(pages_high),
            )
        )
        doc.automaticstyles.addElement(layout)
        master = MasterPage(name=f"Landscape{name}", pagelayoutname=layout)
        doc.masterstyles.addElement(master)
        style = Style(name=f"sheet{name}", family="table", masterpagename=master)
        style.addElement(TableProperties(display="true"))
        doc.automaticstyles.addElement(style)
        return style

    def scored(self, scale: ScaleInfo) -> Style:
        """The score cell of a scale, red to green by value (style:map onto one named style per value)."""
        key = (scale.min, scale.max)
        if key not in self._scored:
            style = Style(name=f"score{scale.min}to{scale.max}", family="table-cell")
            style.addElement(TableCellProperties(border=_BORDER, verticalalign="middle"))
            style.addElement(ParagraphProperties(textalign="center"))
            for value in scale.values:
                colour = Style(name=f"Score_{scale.min}_{scale.max}_{value}", displayname=f"Score {value}", family="table-cell")
                colour.addElement(TableCellProperties(backgroundcolor="#" + score_colour(value, scale.min, scale.max).lower()))
                self._doc.styles.addElement(colour)
                style.addElement(Map(condition=f"cell-content()={value}", applystylename=colour, basecelladdress="A1"))
            self._doc.automaticstyles.addElement(style)
            self._scored[key] = style
        return self._scored[key]


_CHARS_PER_LINE = 58  # of the 11 cm statement column at 10 pt
_NAMED_CHARS_PER_LINE = 30  # of the 5.5 cm one beside a name column


def _row_style(styles: _Styles, text: str, per_line: int) -> Style:
    """A row tall enough for the wrapped statement: LibreOffice keeps the default height on load."""
    lines = max(1, math.ceil(len(text) / per_line), 2 if per_line == _NAMED_CHARS_PER_LINE else 1)  # named: room to write
    if lines not in styles._rows:
        style = Style(name=f"row{lines}", family="table-row")
        style.addElement(TableRowProperties(rowheight=f"{0.45 * lines + 0.15:.2f}cm", useoptimalrowheight="false"))
        styles._doc.automaticstyles.addElement(style)
        styles._rows[lines] = style
    return styles._rows[lines]


def _text_cell(text: str, style: Style | None = None, span: int = 1) -> TableCell:
    cell = TableCell(valuetype="string", **({"stylename": style} if style else {}), **({"numbercolumnsspanned": span} if span > 1 else {}))
    cell.addElement(P(text=text))
    return cell


def _row(*cells: Element, covered: int = 0, style: Style | None = None) -> TableRow:
    row = TableRow(stylename=style) if style else TableRow()
    for cell in cells:
        row.addElement(cell)
    for _ in range(covered):
        row.addElement(CoveredTableCell())
    return row


def render(doc: TemplateDocument) -> bytes:
    if not doc.groups:
        raise ValueError(f"{doc.slug}: a spreadsheet needs statements (survey or check-in), not a {doc.kind}")
    ods = OpenDocumentSpreadsheet()
    ods.meta.addElement(dc.Title(text=doc.title))
    ods.meta.addElement(dc.Subject(text=doc.purpose))
    ods.meta.addElement(dc.Language(text=doc.lang))
    stamp = f"{doc.updated or '2000-01-01'}T00:00:00"  # the template's date: same content, same file
    ods.meta.addElement(meta.CreationDate(text=stamp))
    ods.meta.addElement(dc.Date(text=stamp))
    ods.meta.addElement(meta.InitialCreator(text="okr1on1"))
    styles = _Styles(ods)
    grid = score_grid(doc)
    sheet_name = doc.labels.sheet_scores
    validations = ContentValidations()
    ods.spreadsheet.addElement(validations)  # must precede the tables
    ods.spreadsheet.addElement(_scores(doc, grid, styles, validations, sheet_name))
    ods.spreadsheet.addElement(_notes(doc, styles))
    _freeze(ods, sheet_name, col=grid.first_period_col - 1, row=DATE_ROW)
    out = BytesIO()
    ods.write(out)
    return out.getvalue()


def _scores(doc: TemplateDocument, grid: ScoreGrid, styles: _Styles, validations: ContentValidations, sheet_name: str) -> Table:
    table = Table(name=sheet_name, stylename=styles.sheet)
    if grid.named:  # short row labels ("Objective 1") and a wide column to name each
        table.addElement(TableColumn(stylename=styles.label_col))
        table.addElement(TableColumn(stylename=styles.name_col))
    else:
        table.addElement(TableColumn(stylename=styles.wide))
    table.addElement(TableColumn(stylename=styles.period, numbercolumnsrepeated=doc.periods))
    table.addElement(TableColumn(stylename=styles.average))
    width = grid.average_col
    rows: dict[int, TableRow] = {
        TITLE_ROW: _row(_text_cell(doc.title, styles.title, span=width), covered=width - 1),
        PURPOSE_ROW: _row(_text_cell(doc.purpose, styles.muted, span=width), covered=width - 1),
        HINT_ROW: _row(_text_cell(doc.groups[0].hint, styles.hint, span=width), covered=width - 1, style=_row_style(styles, doc.groups[0].hint, 200))
        if len(doc.groups) == 1
        else TableRow(),
    }
    rows[HEADER_ROW] = _row(*(_text_cell(text, styles.header) for text in header_texts(doc, grid)))
    name_gap = [TableCell()] if grid.named else []
    rows[DATE_ROW] = _row(_text_cell(doc.labels.date, styles.muted), *name_gap, *(TableCell(stylename=styles.score) for _ in grid.period_cols()))

    for index, group_rows in enumerate(grid.groups, start=1):
        group = group_rows.group
        scale = group.scale
        name = f"score{index}"
        validation = ContentValidation(
            name=name,
            # ODF writes the bounds with a comma (LibreOffice reads "(1;7)" as "any value").
            condition=f"of:cell-content-is-whole-number() and cell-content-is-between({scale.min},{scale.max})",
            allowemptycell="true",
            basecelladdress=f"{_quoted(sheet_name)}.{col_letter(grid.first_period_col)}{group_rows.first_row}",
        )
        help_message = HelpMessage(title=group.input_title, display="true")
        help_message.addElement(P(text=group.input_message))
        error_message = ErrorMessage(title=group.error_title, display="true", messagetype="stop")
        error_message.addElement(P(text=group.error_message))
        validation.addElement(help_message)
        validation.addElement(error_message)
        validations.addElement(validation)

        if group_rows.title_row is not None:
            rows[group_rows.title_row] = _row(_text_cell(group.title, styles.group), _text_cell(group.hint, styles.muted))
        for row, statement in zip(group_rows.statement_rows(), group.statements, strict=True):
            text = f"{statement.text} ({doc.labels.reverse})" if statement.reverse else statement.text
            names = [TableCell(stylename=styles.statement if statement.name_label else styles.avg)] if grid.named else []
            rows[row] = _row(
                _text_cell(text, styles.statement),
                *names,
                *(TableCell(stylename=styles.scored(scale), contentvalidationname=name) for _ in grid.period_cols()),
                TableCell(stylename=styles.avg, formula=row_average(OPENFORMULA, grid, row)),
                style=_row_style(styles, text, _NAMED_CHARS_PER_LINE if grid.named else _CHARS_PER_LINE),
            )
        average = group_rows.average_row
        rows[average] = _row(
            _text_cell(doc.labels.average, styles.avg_label),
            *([TableCell(stylename=styles.avg)] if grid.named else []),
            *(TableCell(stylename=styles.avg_bold, formula=period_average(OPENFORMULA, group_rows, col)) for col in grid.period_cols()),
            TableCell(stylename=styles.avg_bold, formula=row_average(OPENFORMULA, grid, average)),
        )
    for number in range(1, grid.last_row + 1):
        row = rows[number] if number in rows else TableRow()
        if number == HEADER_ROW:  # the week header and the date row repeat on every printed page
            header_rows = TableHeaderRows()
            header_rows.addElement(row)
            table.addElement(header_rows)
        elif number == DATE_ROW:
            header_rows.addElement(row)
        else:
            table.addElement(row)
    return table


def _notes(doc: TemplateDocument, styles: _Styles) -> Table:
    """One row per week/session for the answers to the open questions (or follow-ups) and notes."""
    questions = [q.text for q in doc.questions] if doc.kind == "checkin" else list(doc.follow_up)
    header = [doc.period_label, doc.labels.date, *questions, doc.labels.notes]
    table = Table(name=doc.labels.sheet_notes, stylename=styles.notes_sheet)
    table.addElement(TableColumn(stylename=styles.period, numbercolumnsrepeated=2))
    table.addElement(TableColumn(stylename=styles.note_col, numbercolumnsrepeated=len(header) - 2))
    table.addElement(_row(_text_cell(f"{doc.title}: {doc.labels.sheet_notes}", styles.group)))
    table.addElement(TableRow())
    header_rows = TableHeaderRows()
    header_rows.addElement(_row(*(_text_cell(text, styles.header) for text in header)))
    table.addElement(header_rows)
    for n in range(1, doc.periods + 1):
        cells = (_text_cell(f"{doc.period_label} {n}", styles.note), *(TableCell(stylename=styles.note) for _ in header[1:]))
        table.addElement(_row(*cells, style=styles.note_row))
    return table


def _quoted(sheet: str) -> str:
    return sheet if sheet.isalnum() else "'" + sheet.replace("'", "''") + "'"


def _freeze(ods: OpenDocumentSpreadsheet, sheet: str, col: int, row: int) -> None:
    """Freeze the first `col` columns and `row` rows, as LibreOffice stores it in settings.xml."""

    def item(name: str, kind: str, value: object) -> ConfigItem:
        element = ConfigItem(name=name, type=kind)
        element.addText(str(value))
        return element

    table = ConfigItemMapEntry(name=sheet)
    for name, value in (
        ("HorizontalSplitMode", 2),
        ("VerticalSplitMode", 2),
        ("HorizontalSplitPosition", col),
        ("VerticalSplitPosition", row),
        ("ActiveSplitRange", 2),
        ("PositionLeft", 0),
        ("PositionRight", col),
        ("PositionTop", 0),
        ("PositionBottom", row),
    ):
        table.addElement(item(name, "short" if "Mode" in name or "Range" in name else "int", value))
    tables = ConfigItemMapNamed(name="Tables")
    tables.addElement(table)
    view = ConfigItemMapEntry()
    view.addElement(item("ViewId", "string", "view1"))
    view.addElement(tables)
    views = ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    ods.settings.addElement(settings)
