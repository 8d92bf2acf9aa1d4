"""Downloads: every format opened with its own reader library, checked for what a user would see.

Fixtures come from the two example templates (plus a Dutch-character text, a 1–10 survey with a
reverse-coded statement and a check-in built here), so these tests do not depend on the rest of
the content being complete.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest
from docx import Document as open_docx
from odf import teletype
from odf.opendocument import load as open_odf
from odf.table import ContentValidation, Table, TableCell, TableRow
from odf.text import H, P
from odf.text import List as OdfList

from okr1on1.content.loader import _load_ui, load_template
from okr1on1.content.model import Agenda, Checkin, Content, Survey, TemplateFile
from okr1on1.downloads import FORMATS, DownloadCache, build_document, formats_for, render, strip_emoji
from okr1on1.downloads.document import TemplateDocument
from okr1on1.downloads.grid import score_grid

CONTENT = Path(__file__).resolve().parents[2] / "content"
LANGS = ("nl", "en")
KINDS = ("agenda", "survey", "checkin")

# Dutch accents, curly quotes, an en dash, and an emoji the PDF strips on purpose.
DUTCH = {
    "nl": "Zijn we “écht” tevreden over ‘geïnspireerd’ werk – één keer per week? 🎉",
    "en": "Are we “really” happy with ‘inspired’ work – once a week? 🎉",
}


def _data(name: str) -> dict[str, Any]:
    template = load_template(CONTENT / "templates" / name)
    return template.model_dump(by_alias=True, mode="json")


def _template(data: dict[str, Any]) -> Agenda | Survey | Checkin:
    return TemplateFile.model_validate(data).root


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    ui_folder = tmp_path_factory.mktemp("ui")
    for name in ("downloads.yaml", "meeting.yaml"):  # the texts of the files and of the agenda frame
        shutil.copy(CONTENT / "ui" / name, ui_folder)
    ui = _load_ui(ui_folder)

    agenda = _data("okr-agenda.yaml")
    agenda["sections"][-1]["questions"].append({"id": "dutch", "text": DUTCH})
    survey = _data("personal-development.yaml")
    survey["statements"].append({"id": "dutch", "text": DUTCH, "tags": ["#Groei"]})
    progress = {
        "slug": "test-progress",
        "kind": "survey",
        "version": 1,
        "title": {"nl": "Voortgang op OKR’s", "en": "OKR progress"},
        "purpose": {"nl": "Drie stellingen, 1 tot 10.", "en": "Three statements, 1 to 10."},
        "duration_minutes": 5,
        "situations": ["goal-setting"],
        "scale": {"min": 1, "max": 10, "labels": {1: {"nl": "Helemaal niet", "en": "Not at all"}, 10: {"nl": "Volledig", "en": "Fully"}}},
        "statements": [
            {"id": "on-track", "text": {"nl": "Mijn kernresultaten liggen op koers.", "en": "My key results are on track."}},
            {"id": "blocked", "reverse": True, "text": {"nl": "Ik loop vaak vast.", "en": "I often get stuck."}},
            {"id": "clear", "text": {"nl": "Mijn doelen zijn helder.", "en": "My objectives are clear."}},
        ],
        "bands": [{"from": 1, "to": 5.5, "label": {"nl": "Laag", "en": "Low"}}, {"from": 5.5, "to": 10, "label": {"nl": "Hoog", "en": "High"}}],
        "follow_up": [{"nl": "Wat helpt je verder?", "en": "What would help you?"}],
    }
    checkin = {
        "slug": "test-checkin",
        "kind": "checkin",
        "title": {"nl": "Wekelijkse check-in", "en": "Weekly check-in"},
        "purpose": {"nl": "Elke week dezelfde stellingen.", "en": "The same statements every week."},
        "duration_minutes": 15,
        "situations": ["growth"],
        "surveys": ["personal-development", "test-progress"],
        "questions": [{"id": "went-well", "text": {"nl": "Wat ging er goed?", "en": "What went well?"}}, {"id": "dutch", "text": DUTCH}],
    }
    templates = tuple(_template(data) for data in (agenda, survey, progress, checkin))
    # model_construct: the guide pages a full Content needs play no part in downloads.
    return Content.model_construct(ui=ui, templates=templates)


@pytest.fixture(scope="module")
def templates(content: Content) -> dict[str, Agenda | Survey | Checkin]:
    return {"agenda": content.template("okr-agenda"), "survey": content.template("personal-development"), "checkin": content.template("test-checkin")}


def _expected(template: Agenda | Survey | Checkin, content: Content, lang: str) -> list[str]:
    """The texts a user must find in every file of `template`."""
    if isinstance(template, Agenda):
        return [s.title.get(lang) for s in template.sections] + [q.text.get(lang) for q in template.questions()]
    if isinstance(template, Survey):
        return [s.text.get(lang) for s in template.statements]
    surveys = content.checkin_surveys(template)
    return [s.text.get(lang) for survey in surveys for s in survey.statements] + [q.text.get(lang) for q in template.questions]


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- readers: each file opened with the library a user's tool would use ------------------------


def _pdf_text(data: bytes) -> str:
    return _flat(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages))


def _docx_text(data: bytes) -> str:
    document = open_docx(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return _flat(" ".join(parts))


def _odf_text(data: bytes) -> str:
    document = open_odf(io.BytesIO(data))
    return _flat(" ".join(teletype.extractText(e) for kind in (H, P) for e in document.body.getElementsByType(kind)))


def _xlsx_text(data: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return _flat(" ".join(str(c.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)))


READERS = {"pdf": _pdf_text, "docx": _docx_text, "odt": _odf_text, "ods": _odf_text, "xlsx": _xlsx_text, "md": lambda data: _flat(data.decode())}


def _doc(templates: dict[str, Any], content: Content, kind: str, lang: str = "nl") -> TemplateDocument:
    return build_document(templates[kind], content, lang)


# --- every format, every kind, both languages ---------------------------------------------------


# Spreadsheets are made only for templates with statements (see test_formats_per_kind).
COMBINATIONS = [(fmt, kind) for kind in KINDS for fmt, f in FORMATS.items() if kind != "agenda" or not f.spreadsheet]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("fmt", "kind"), COMBINATIONS)
def test_every_question_and_statement_is_in_the_file(fmt: str, kind: str, lang: str, templates: dict[str, Any], content: Content) -> None:
    template = templates[kind]
    doc = build_document(template, content, lang)
    text = READERS[fmt](render(fmt, doc))
    assert _flat(doc.title) in text or _flat(strip_emoji(doc.title)) in text
    for expected in _expected(template, content, lang):
        printed = strip_emoji(expected) if fmt == "pdf" else expected
        assert _flat(printed) in text, f"{fmt}/{kind}/{lang}: missing {expected!r}"
    # Dutch accents and curly quotes survive (the test text is in every template).
    marks = "“écht” ‘geïnspireerd’ – één" if lang == "nl" else "“really” ‘inspired’ –"
    for mark in marks.split():
        assert mark in text, f"{fmt}/{kind}/{lang}: {mark!r} lost"


def test_labels_follow_the_language(templates: dict[str, Any], content: Content) -> None:
    dutch, english = (_docx_text(render("docx", _doc(templates, content, "survey", lang))) for lang in LANGS)
    assert "Waarom?" in dutch and "Stelling" in dutch
    assert "Why?" in english and "Statement" in english and "Waarom?" not in english


def test_formats_per_kind(templates: dict[str, Any]) -> None:
    assert list(FORMATS) == ["pdf", "docx", "odt", "xlsx", "ods", "md"]
    assert formats_for(templates["agenda"]) == ["pdf", "docx", "odt", "md"]
    assert formats_for(templates["survey"]) == ["pdf", "docx", "odt", "xlsx", "ods", "md"]
    assert formats_for(templates["checkin"]) == ["pdf", "docx", "odt", "xlsx", "ods", "md"]
    assert FORMATS["xlsx"].mime_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert FORMATS["pdf"].icon == "material-file-pdf-box"
    assert all(f.extension == f.key for f in FORMATS.values())


def test_no_spreadsheet_for_an_agenda(templates: dict[str, Any], content: Content) -> None:
    with pytest.raises(ValueError, match="spreadsheets are made for surveys and check-ins"):
        render("xlsx", _doc(templates, content, "agenda"))


def test_document_is_json(templates: dict[str, Any], content: Content) -> None:
    doc = _doc(templates, content, "checkin", "en")
    data = json.loads(doc.to_json())
    assert data["kind"] == "checkin"
    assert data["periods"] == 13
    assert [g["slug"] for g in data["groups"]] == ["personal-development", "test-progress"]
    assert data["groups"][1]["scale"]["max"] == 10
    assert data["labels"]["why"] == "Why?"


def test_strip_emoji_keeps_dutch() -> None:
    assert strip_emoji("Top 🎉 werk ✅ – “één” ‘ï’ ë é") == "Top werk – “één” ‘ï’ ë é"
    assert strip_emoji("👍🏽 klaar") == "klaar"


# --- PDF ----------------------------------------------------------------------------------------


def _pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_survey_is_a_fillable_a4_form(lang: str, templates: dict[str, Any], content: Content) -> None:
    reader = _pdf(render("pdf", _doc(templates, content, "survey", lang)))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 portrait
    fields = reader.get_fields() or {}
    for statement in templates["survey"].statements:
        radio = fields[f"score_{statement.id}"]
        assert radio["/FT"] == "/Btn"
        assert sorted(radio["/_States_"], key=lambda s: int(s[1:])) == [f"/{n}" for n in range(1, 8)]
        assert fields[f"why_{statement.id}"]["/FT"] == "/Tx"
    for name in ("name", "date", "notes"):
        assert fields[name]["/FT"] == "/Tx"
    text = _pdf_text(render("pdf", _doc(templates, content, "survey", lang)))
    scale = templates["survey"].scale
    assert scale.labels[1].get(lang) in text and scale.labels[7].get(lang) in text
    assert "🎉" not in text


def test_pdf_ten_point_scale_has_ten_boxes(content: Content) -> None:
    fields = _pdf(render("pdf", build_document(content.template("test-progress"), content, "nl"))).get_fields() or {}
    assert sorted(fields["score_on-track"]["/_States_"], key=lambda s: int(s[1:])) == [f"/{n}" for n in range(1, 11)]


def test_pdf_agenda_has_an_answer_field_per_question(templates: dict[str, Any], content: Content) -> None:
    reader = _pdf(render("pdf", _doc(templates, content, "agenda")))
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (595, 842)
    fields = reader.get_fields() or {}
    for question in templates["agenda"].questions():
        assert fields[f"answer_{question.id}"]["/FT"] == "/Tx"
        assert fields[f"answer_{question.id}"]["/Ff"] & 4096  # multiline
    for name in ("employee", "manager", "date", "notes"):
        assert fields[name]["/FT"] == "/Tx"


def test_pdf_embeds_its_font(templates: dict[str, Any], content: Content) -> None:
    page = _pdf(render("pdf", _doc(templates, content, "agenda"))).pages[0]
    fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    # The one family of every download (defect 7: it was Vera here, Cambria in Word), as an embedded subset.
    assert any(name.endswith("+LiberationSans") for name in fonts), fonts
    assert all("Vera" not in name for name in fonts), fonts


def test_pdf_checkin_grid_has_a_field_per_week(templates: dict[str, Any], content: Content) -> None:
    reader = _pdf(render("pdf", _doc(templates, content, "checkin")))
    assert sorted((round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height)))) == [595, 842]
    fields = reader.get_fields() or {}
    for week in range(1, 14):
        assert f"personal-development_progress_w{week}" in fields
    assert "answer_went-well" in fields


# --- Word and OpenDocument text -----------------------------------------------------------------


def test_docx_uses_heading_styles_and_lists(templates: dict[str, Any], content: Content) -> None:
    document = open_docx(io.BytesIO(render("docx", _doc(templates, content, "agenda"))))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == [templates["agenda"].title.get("nl")]
    assert [f"{n}. {s.title.get('nl')}" for n, s in enumerate(templates["agenda"].sections, 1)] == [
        t for t in by_style["Heading 1"] if t[0].isdigit()
    ]
    assert by_style["List Number"] == [q.text.get("nl") for q in templates["agenda"].questions()]


def test_docx_survey_is_a_table_with_a_column_per_scale_point(templates: dict[str, Any], content: Content) -> None:
    document = open_docx(io.BytesIO(render("docx", _doc(templates, content, "survey"))))
    table = next(t for t in document.tables if len(t.columns) == 2 + 7)
    numbers = [cell.text for cell in table.rows[1].cells[2:]]
    assert numbers == [str(n) for n in range(1, 8)]
    rows = {row.cells[1].text for row in table.rows}
    for statement in templates["survey"].statements:
        assert statement.text.get("nl") in rows
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)


def test_odt_has_headings_lists_and_a_survey_table(templates: dict[str, Any], content: Content) -> None:
    agenda = open_odf(io.BytesIO(render("odt", _doc(templates, content, "agenda"))))
    headings = {teletype.extractText(h): h.getAttribute("outlinelevel") for h in agenda.body.getElementsByType(H)}
    for number, section in enumerate(templates["agenda"].sections, start=1):
        assert headings[f"{number}. {section.title.get('nl')}"] == "1"
    assert len(agenda.body.getElementsByType(OdfList)) >= len(templates["agenda"].sections)

    survey = open_odf(io.BytesIO(render("odt", _doc(templates, content, "survey"))))
    tables = survey.body.getElementsByType(Table)
    cells = {_flat(teletype.extractText(c)) for t in tables for c in t.getElementsByType(TableCell)}
    for statement in templates["survey"].statements:
        assert statement.text.get("nl") in cells
    assert {str(n) for n in range(1, 8)} <= cells


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_has_task_questions_and_a_survey_table(templates: dict[str, Any], content: Content) -> None:
    agenda = render("md", _doc(templates, content, "agenda")).decode()
    assert agenda.startswith(f"# {templates['agenda'].title.get('nl')}\n")
    for number, question in enumerate(templates["agenda"].questions(), start=1):
        assert f"\n{number}. [ ] {question.text.get('nl')}\n" in agenda  # numbered, as in every other format
    survey = render("md", _doc(templates, content, "survey")).decode()
    assert "| # | Stelling | 1 | 2 | 3 | 4 | 5 | 6 | 7 | Waarom? |" in survey
    for number, statement in enumerate(templates["survey"].statements, start=1):
        assert f"| {number} | {statement.text.get('nl')} |" in survey


def test_markdown_escapes_markup(templates: dict[str, Any], content: Content) -> None:
    doc = dataclasses.replace(_doc(templates, content, "agenda"), title="5 * 3 | a_b")
    assert render("md", doc).decode().startswith("# 5 \\* 3 \\| a\\_b\n")


# --- spreadsheets -------------------------------------------------------------------------------


def _scores_sheet(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]


def test_xlsx_checkin_is_a_working_tool(templates: dict[str, Any], content: Content) -> None:
    doc = _doc(templates, content, "checkin")
    grid = score_grid(doc)
    sheet = _scores_sheet(render("xlsx", doc))
    assert sheet["A1"].value == doc.title
    weeks = [sheet.cell(4, col).value for col in grid.period_cols()]
    assert weeks == [f"Week {n}" for n in range(1, 14)]
    assert sheet.cell(4, grid.average_col).value == "Gemiddelde"
    assert sheet.freeze_panes == "B6"

    first, second = grid.groups
    assert (first.first_row, first.last_row, grid.last_period_col) == (7, 12, 14)  # B7:N12
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    seven = validations["B7:N12"]
    assert (seven.type, seven.operator, seven.formula1, seven.formula2) == ("whole", "between", "1", "7")
    assert seven.showErrorMessage and seven.showInputMessage and seven.error and seven.prompt
    ten = validations[f"B{second.first_row}:N{second.last_row}"]
    assert (ten.formula1, ten.formula2) == ("1", "10")

    assert sheet.cell(first.average_row, 2).value == '=IF(COUNT(B7:B12)=0,"",AVERAGE(B7:B12))'
    assert sheet.cell(7, grid.average_col).value == '=IF(COUNT(B7:N7)=0,"",AVERAGE(B7:N7))'
    assert sheet.cell(first.average_row, grid.average_col).value.startswith("=IF(COUNT(B13:N13)=0")
    # The reverse-coded statement counts as min + max − value in the weekly average.
    reverse_cell = f"B{second.first_row + 1}"
    assert f"11*COUNT({reverse_cell})-2*SUM({reverse_cell})" in sheet.cell(second.average_row, 2).value

    charts = sheet._charts
    assert len(charts) == 1 and charts[0].tagname == "lineChart"
    references = [series.val.numRef.f for series in charts[0].series]
    assert references == [f"'Scores'!$B${g.chart_row}:$N${g.chart_row}" for g in grid.groups]
    assert "AVERAGE(B7:B12)" in sheet.cell(first.chart_row, 2).value and "NA()" in sheet.cell(first.chart_row, 2).value


def test_xlsx_survey_has_a_column_per_session(templates: dict[str, Any], content: Content) -> None:
    doc = _doc(templates, content, "survey", "en")
    sheet = _scores_sheet(render("xlsx", doc))
    assert [sheet.cell(4, col).value for col in range(2, 10)] == [f"Session {n}" for n in range(1, 9)]
    validation = sheet.data_validations.dataValidation[0]
    assert str(validation.sqref) == "B6:I11" and (validation.formula1, validation.formula2) == ("1", "7")
    assert sheet["B12"].value == '=IF(COUNT(B6:B11)=0,"",AVERAGE(B6:B11))'
    assert len(sheet._charts) == 1


def test_ods_has_formulas_and_validation(templates: dict[str, Any], content: Content) -> None:
    data = render("ods", _doc(templates, content, "checkin"))
    document = open_odf(io.BytesIO(data))
    conditions = [v.getAttribute("condition") for v in document.spreadsheet.getElementsByType(ContentValidation)]
    assert conditions == [
        "of:cell-content-is-whole-number() and cell-content-is-between(1,7)",
        "of:cell-content-is-whole-number() and cell-content-is-between(1,10)",
    ]
    formulas = [c.getAttribute("formula") for c in document.spreadsheet.getElementsByType(TableCell) if c.getAttribute("formula")]
    assert 'of:=IF(COUNT([.B7:.B12])=0;"";AVERAGE([.B7:.B12]))' in formulas
    assert 'of:=IF(COUNT([.B7:.N7])=0;"";AVERAGE([.B7:.N7]))' in formulas
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "HorizontalSplitMode" in archive.read("settings.xml").decode()  # frozen panes


# --- LibreOffice computes the averages ----------------------------------------------------------

SOFFICE = shutil.which("soffice")
# Four weeks of scores: statement row offset → week scores.
WEEKS = 4


def _score(row: int, week: int, high: int) -> int:
    return (row * 3 + week * 2) % high + 1


def _expected_averages(doc: TemplateDocument) -> dict[tuple[int, int], float]:
    """(row, column) → the average LibreOffice must show, computed here with the scoring rules."""
    grid = score_grid(doc)
    expected: dict[tuple[int, int], float] = {}
    for rows in grid.groups:
        scale = rows.group.scale
        for week in range(WEEKS):
            adjusted = [
                scale.min + scale.max - _score(row, week, scale.max) if statement.reverse else _score(row, week, scale.max)
                for row, statement in zip(rows.statement_rows(), rows.group.statements, strict=True)
            ]
            expected[(rows.average_row, 2 + week)] = sum(adjusted) / len(adjusted)
        for row in rows.statement_rows():
            expected[(row, grid.average_col)] = sum(_score(row, week, scale.max) for week in range(WEEKS)) / WEEKS
    return expected


def _convert_to_csv(path: Path, tmp_path: Path) -> list[list[str]]:
    assert SOFFICE is not None
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        # CSV filter options: comma, double quote, UTF-8 (76), start at line 1.
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(tmp_path / "out"),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    with (tmp_path / "out" / f"{path.stem}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def _check_computed(table: list[list[str]], doc: TemplateDocument) -> None:
    grid = score_grid(doc)
    for (row, col), value in _expected_averages(doc).items():
        assert float(table[row - 1][col - 1]) == pytest.approx(value, abs=0.051), (row, col)
    for rows in grid.groups:
        assert table[rows.average_row - 1][1 + WEEKS] == ""  # week 5: no scores, blank average, no #DIV/0!


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_computes_the_xlsx_averages(templates: dict[str, Any], content: Content, tmp_path: Path) -> None:
    doc = _doc(templates, content, "checkin")
    workbook = openpyxl.load_workbook(io.BytesIO(render("xlsx", doc)))
    sheet = workbook.worksheets[0]
    for rows in score_grid(doc).groups:
        for row in rows.statement_rows():
            for week in range(WEEKS):
                sheet.cell(row, 2 + week, _score(row, week, rows.group.scale.max))
    path = tmp_path / "checkin.xlsx"
    workbook.save(path)
    _check_computed(_convert_to_csv(path, tmp_path), doc)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_computes_the_ods_averages(templates: dict[str, Any], content: Content, tmp_path: Path) -> None:
    doc = _doc(templates, content, "checkin")
    document = open_odf(io.BytesIO(render("ods", doc)))
    table_rows = document.spreadsheet.getElementsByType(Table)[0].getElementsByType(TableRow)
    for rows in score_grid(doc).groups:
        for row in rows.statement_rows():
            cells = table_rows[row - 1].getElementsByType(TableCell)
            for week in range(WEEKS):
                value = _score(row, week, rows.group.scale.max)
                cells[1 + week].setAttribute("valuetype", "float")
                cells[1 + week].setAttribute("value", str(value))
                cells[1 + week].addElement(P(text=str(value)))
    path = tmp_path / "checkin.ods"
    document.save(str(path))
    _check_computed(_convert_to_csv(path, tmp_path), doc)


# --- cache --------------------------------------------------------------------------------------


def test_cache_renders_once_per_document(templates: dict[str, Any], content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import okr1on1.downloads as downloads

    calls: list[str] = []
    real_render = downloads.render

    def counting_render(fmt: str, doc: TemplateDocument) -> bytes:
        calls.append(fmt)
        return real_render(fmt, doc)

    monkeypatch.setattr(downloads, "render", counting_render)
    cache = DownloadCache(tmp_path / "cache")
    doc = _doc(templates, content, "survey")

    first = cache.get("xlsx", doc)
    again = DownloadCache(tmp_path / "cache").get("xlsx", build_document(templates["survey"], content, "nl"))  # a rebuild: new objects
    assert calls == ["xlsx"]
    assert again == first
    assert cache.path("xlsx", doc).read_bytes() == first

    cache.get("xlsx", dataclasses.replace(doc, title="Andere titel"))
    cache.get("md", doc)
    cache.get("xlsx", _doc(templates, content, "survey", "en"))
    assert calls == ["xlsx", "xlsx", "md", "xlsx"]
    assert len(list((tmp_path / "cache").rglob("*.xlsx"))) == 3
