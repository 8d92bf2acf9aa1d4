"""Excel workbook (openpyxl) for surveys and check-ins: a score sheet that works as a tool.

One row per statement, one column per week (check-in) or session (survey); input cells accept only
whole numbers on the scale, averages are formulas, and a line chart follows the average per period.
Google Sheets imports it as is.
"""

from __future__ import annotations

import math
from datetime import datetime
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import LineChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, ParagraphProperties
from openpyxl.drawing.text import Font as DrawingFont
from openpyxl.drawing.text import Paragraph as DrawingParagraph
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from okr1on1.downloads import typeface
from okr1on1.downloads.document import TemplateDocument
from okr1on1.downloads.grid import (
    DATE_ROW,
    EXCEL,
    HEADER_ROW,
    HIGH_COLOUR,
    HINT_ROW,
    LOW_COLOUR,
    MID_COLOUR,
    NAME_COL,
    PURPOSE_ROW,
    TITLE_ROW,
    ScoreGrid,
    col_letter,
    header_texts,
    period_average,
    row_average,
    score_grid,
)

_ACCENT = "3F51B5"  # Material indigo, the site's primary colour
_HEADER_FILL = PatternFill("solid", fgColor="E8EAF6")
_AVERAGE_FILL = PatternFill("solid", fgColor="F5F5F5")
_THIN = Side(style="thin", color="BDBDBD")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CHARS_PER_LINE = 62  # of the statement column (width 60) in the default 11 pt font
_NAMED_CHARS_PER_LINE = 28  # of the narrower one (width 28) beside a name column
_DATE_FORMAT = {"nl": "dd-mm-yyyy", "en": "yyyy-mm-dd"}


def _font(size: float = 10, bold: bool | None = None, italic: bool | None = None, color: str | None = None) -> Font:
    """A font of the one family (family 2: a sans serif where it is missing, as Arial)."""
    return Font(name=typeface.FAMILY, family=2, size=size, bold=bold, italic=italic, color=color)


def render(doc: TemplateDocument) -> bytes:
    if not doc.groups:
        raise ValueError(f"{doc.slug}: a spreadsheet needs statements (survey or check-in), not a {doc.kind}")
    workbook = Workbook()
    # The workbook's default font (unstyled cells): openpyxl's is Calibri, which LibreOffice lacks.
    # openpyxl has no public setter for it, and its stubs leave the private list out.
    vars(workbook)["_fonts"] = IndexedList([_font()])
    sheet = workbook.active
    assert sheet is not None
    sheet.title = doc.labels.sheet_scores[:31]
    grid = score_grid(doc)
    _scores(sheet, doc, grid)
    _chart(sheet, doc, grid)
    _notes(workbook.create_sheet(doc.labels.sheet_notes[:31]), doc)
    workbook.properties.title = doc.title
    workbook.properties.subject = doc.purpose
    workbook.properties.language = doc.lang
    workbook.properties.creator = "okr1on1"
    workbook.properties.lastModifiedBy = "okr1on1"
    # The template's own date (a fixed one without it): same content, same file.
    stamp = datetime.fromisoformat(doc.updated) if doc.updated else datetime(2000, 1, 1)
    workbook.properties.created = workbook.properties.modified = stamp
    out = BytesIO()
    # ExcelWriter, not workbook.save(), which stamps "modified" with the time of the build.
    with ZipFile(out, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return out.getvalue()


def _scores(sheet: Worksheet, doc: TemplateDocument, grid: ScoreGrid) -> None:
    last_col = grid.average_col
    sheet.cell(TITLE_ROW, 1, doc.title).font = _font(size=16, bold=True, color=_ACCENT)
    sheet.cell(PURPOSE_ROW, 1, doc.purpose).font = _font(italic=True, color="616161")
    if len(doc.groups) == 1:
        sheet.cell(HINT_ROW, 1, doc.groups[0].hint)
    for row in (TITLE_ROW, PURPOSE_ROW, HINT_ROW):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    sheet.row_dimensions[TITLE_ROW].height = 24

    for col, text in enumerate(header_texts(doc, grid), start=1):
        cell = sheet.cell(HEADER_ROW, col, text)
        cell.font = _font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="left" if col == 1 else "center", vertical="center", wrap_text=True)
    sheet.cell(DATE_ROW, 1, doc.labels.date).font = _font(italic=True)
    for col in grid.period_cols():
        date_cell = sheet.cell(DATE_ROW, col)
        date_cell.number_format = _DATE_FORMAT.get(doc.lang, "yyyy-mm-dd")
        date_cell.border = _BOX
        date_cell.alignment = Alignment(horizontal="center")

    for rows in grid.groups:
        group = rows.group
        if rows.title_row is not None:
            sheet.cell(rows.title_row, 1, group.title).font = _font(bold=True, size=12, color=_ACCENT)
            sheet.cell(rows.title_row, grid.first_period_col, group.hint).font = _font(italic=True, color="616161")
        for row, statement in zip(rows.statement_rows(), group.statements, strict=True):
            text = f"{statement.text} ({doc.labels.reverse})" if statement.reverse else statement.text
            cell = sheet.cell(row, 1, text)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = _BOX
            # Spreadsheet apps do not grow rows for wrapped text in a file they did not lay out.
            per_line = _NAMED_CHARS_PER_LINE if grid.named else _CHARS_PER_LINE
            lines = max(1, math.ceil(len(text) / per_line), 2 if grid.named else 1)  # named: room to write the name
            sheet.row_dimensions[row].height = 15 * lines + 4
            if grid.named:
                name = sheet.cell(row, NAME_COL)
                name.border = _BOX
                name.alignment = Alignment(wrap_text=True, vertical="center")
                if not statement.name_label:
                    name.fill = _AVERAGE_FILL
            for col in grid.period_cols():
                score = sheet.cell(row, col)
                score.border = _BOX
                score.alignment = Alignment(horizontal="center", vertical="center")
            average = sheet.cell(row, grid.average_col, row_average(EXCEL, grid, row))
            _style_average(average)

        label = sheet.cell(rows.average_row, 1, doc.labels.average)
        label.font = _font(bold=True)
        label.fill = _AVERAGE_FILL
        label.border = _BOX
        for col in grid.period_cols():
            _style_average(sheet.cell(rows.average_row, col, period_average(EXCEL, rows, col)), bold=True)
            sheet.cell(rows.chart_row, col, period_average(EXCEL, rows, col, empty="NA()"))
        _style_average(sheet.cell(rows.average_row, grid.average_col, row_average(EXCEL, grid, rows.average_row)), bold=True)
        sheet.cell(rows.chart_row, 1, doc.chart_title)
        sheet.row_dimensions[rows.chart_row].hidden = True

        scale = group.scale
        inputs = f"{col_letter(grid.first_period_col)}{rows.first_row}:{col_letter(grid.last_period_col)}{rows.last_row}"
        validation = DataValidation(
            type="whole",
            operator="between",
            formula1=str(scale.min),
            formula2=str(scale.max),
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            errorStyle="stop",
            promptTitle=group.input_title[:32],
            prompt=group.input_message[:255],
            errorTitle=group.error_title[:32],
            error=group.error_message[:255],
        )
        validation.add(inputs)
        sheet.add_data_validation(validation)
        # Low scores red, high green: the pattern is visible before anyone reads a number.
        colours = ColorScaleRule(
            start_type="num",
            start_value=scale.min,
            start_color=LOW_COLOUR,
            mid_type="num",
            mid_value=(scale.min + scale.max) / 2,
            mid_color=MID_COLOUR,
            end_type="num",
            end_value=scale.max,
            end_color=HIGH_COLOUR,
        )
        sheet.conditional_formatting.add(inputs, colours)

    sheet.column_dimensions["A"].width = 28 if grid.named else 60
    if grid.named:
        sheet.column_dimensions[col_letter(NAME_COL)].width = 40
    for col in grid.period_cols():
        sheet.column_dimensions[col_letter(col)].width = 10
    sheet.column_dimensions[col_letter(grid.average_col)].width = 13
    # Keep the statements and the week header in view while scrolling to week 13.
    sheet.freeze_panes = sheet.cell(DATE_ROW + 1, grid.first_period_col).coordinate
    sheet.print_title_cols = "A:A"
    _print_setup(sheet, title_rows=f"{HEADER_ROW}:{DATE_ROW}")


def _style_average(cell: Cell, bold: bool = False) -> None:
    cell.number_format = "0.0"
    cell.font = _font(bold=bold)
    cell.fill = _AVERAGE_FILL
    cell.border = _BOX
    cell.alignment = Alignment(horizontal="center", vertical="center")


def _chart(sheet: Worksheet, doc: TemplateDocument, grid: ScoreGrid) -> None:
    chart = LineChart()
    chart.title = doc.chart_title
    chart.y_axis.title = doc.labels.average
    chart.x_axis.title = doc.period_label
    scales = {(g.scale.min, g.scale.max) for g in doc.groups}
    chart.y_axis.scaling.min = min(low for low, _ in scales)
    chart.y_axis.scaling.max = max(high for _, high in scales)
    chart.y_axis.majorUnit = 1
    # openpyxl hides axes unless `delete` is cleared explicitly (newer Excel honours it).
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.visible_cells_only = False  # the chart rows are hidden
    # Weeks not filled in yet hold #N/A in the hidden chart rows. "span" draws no point for them (the
    # line ends at the last week filled); LibreOffice 7.4 reads "gap" as "zero" and drops the line to 0.
    chart.display_blanks = "span"
    for rows in grid.groups:
        data = Reference(sheet, min_col=grid.first_period_col, max_col=grid.last_period_col, min_row=rows.chart_row, max_row=rows.chart_row)
        chart.add_data(data, from_rows=True, titles_from_data=False)
        series = chart.series[-1]
        series.tx = SeriesLabel(v=rows.group.title if len(grid.groups) > 1 else doc.labels.average)
        series.marker.symbol = "circle"
        series.smooth = False
    chart.set_categories(Reference(sheet, min_col=grid.first_period_col, max_col=grid.last_period_col, min_row=HEADER_ROW, max_row=HEADER_ROW))
    if len(grid.groups) == 1:
        chart.legend = None
    # The chart's texts in the family too (its default is the reader's, DejaVu in LibreOffice).
    text = CharacterProperties(latin=DrawingFont(typeface=typeface.FAMILY), sz=900)
    chart.x_axis.txPr = chart.y_axis.txPr = RichText(p=[DrawingParagraph(pPr=ParagraphProperties(defRPr=text), endParaRPr=text)])
    for title, size in ((chart.title, 1300), (chart.x_axis.title, 900), (chart.y_axis.title, 900)):
        if title is None or title.tx is None or title.tx.rich is None:  # every title is set above
            raise ValueError("a chart title is missing")
        for paragraph in title.tx.rich.p:
            for run in paragraph.r:
                run.rPr = CharacterProperties(latin=DrawingFont(typeface=typeface.FAMILY), sz=size, b=True)
    chart.width = 24
    chart.height = 7  # with the grid on one landscape page
    sheet.add_chart(chart, f"A{grid.last_row + 2}")


_NOTE_WIDTH = 32  # characters: a column to write an answer in


def _notes(sheet: Worksheet, doc: TemplateDocument) -> None:
    """One row per week/session for the answers to the open questions (or follow-ups) and notes."""
    questions = [q.text for q in doc.questions] if doc.kind == "checkin" else list(doc.follow_up)
    header = [doc.period_label, doc.labels.date, *questions, doc.labels.notes]
    sheet.cell(1, 1, f"{doc.title}: {doc.labels.sheet_notes}").font = _font(size=14, bold=True, color=_ACCENT)
    lines = 1
    for col, text in enumerate(header, start=1):
        cell = sheet.cell(3, col, text)
        cell.font = _font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        width = 12 if col <= 2 else _NOTE_WIDTH
        sheet.column_dimensions[col_letter(col)].width = width
        lines = max(lines, math.ceil(len(text) / (width - 4)))  # bold text: a few characters fewer than the width
    sheet.row_dimensions[3].height = 15 * lines + 4  # a question that wraps stays in its header cell
    for n in range(1, doc.periods + 1):
        period = sheet.cell(3 + n, 1, f"{doc.period_label} {n}")
        period.border = _BOX
        period.alignment = Alignment(vertical="top")  # beside the top of what is written in its row
        date = sheet.cell(3 + n, 2)
        date.number_format = _DATE_FORMAT.get(doc.lang, "yyyy-mm-dd")
        date.border = _BOX
        for col in range(3, len(header) + 1):
            answer = sheet.cell(3 + n, col)
            answer.border = _BOX
            answer.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[3 + n].height = 40
    sheet.freeze_panes = "C4"
    _print_setup(sheet, title_rows="3:3", pages_high=1)


def _print_setup(sheet: Worksheet, title_rows: str, pages_high: int = 0) -> None:
    """A4 landscape, all columns on one page wide (and `pages_high` pages high, 0: as many as it takes),
    the header row repeated on every page."""
    sheet.print_title_rows = title_rows
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = pages_high
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
