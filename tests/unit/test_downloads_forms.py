"""Downloads, second pass: what a manager meets filling in and printing the files (issue 18).

The real content, each file opened with its reader library (pypdf, python-docx, odfpy, openpyxl),
and LibreOffice where layout matters (line breaks, fonts used when printed).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pypdf
import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from odf import teletype
from odf.opendocument import load as open_odf
from odf.table import Table, TableCell
from odf.text import P

from okr1on1.content import load_content
from okr1on1.content.model import Agenda, Content
from okr1on1.downloads import build_document, render
from okr1on1.downloads.document import TemplateDocument
from okr1on1.downloads.grid import score_grid
from okr1on1.downloads.typeface import FALLBACK, FAMILY

ROOT = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice")
UPDATED = "2026-11-30"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content")


def _doc(content: Content, slug: str, lang: str = "nl") -> TemplateDocument:
    return build_document(content.template(slug), content, lang, UPDATED)


def _agendas(content: Content) -> list[Agenda]:
    return [t for t in content.templates if isinstance(t, Agenda)]


def _okr_agenda(content: Content) -> Agenda:
    return next(t for t in _agendas(content) if "goal-setting" in t.situations)


def _plain_agenda(content: Content) -> Agenda:
    return next(t for t in _agendas(content) if "goal-setting" not in t.situations)


def _pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _widgets(reader: pypdf.PdfReader) -> dict[str, tuple[int, dict]]:
    """Field name → (page index, widget annotation)."""
    widgets = {}
    for index, page in enumerate(reader.pages):
        for reference in page.get("/Annots", []):
            annotation = reference.get_object()
            name = annotation.get("/T") or annotation.get("/Parent", {}).get("/T")
            if name is not None:
                widgets.setdefault(str(name), (index, annotation))
    return widgets


# --- 3. the notes sheet prints its questions whole -------------------------------------------------


def test_xlsx_notes_header_is_tall_enough_for_its_questions(content: Content) -> None:
    # Spreadsheet apps keep the row height a file gives: a question wrapped to two lines in a one-line
    # header row ran over the first week's row (seen in LibreOffice).
    for survey in [t for t in content.templates if t.kind in ("survey", "checkin")]:
        doc = _doc(content, survey.slug, "en")
        sheet = openpyxl.load_workbook(io.BytesIO(render("xlsx", doc))).worksheets[1]
        height = sheet.row_dimensions[3].height or 15
        for cell in sheet[3]:
            if cell.value:
                width = sheet.column_dimensions[cell.column_letter].width
                lines = -(-len(str(cell.value)) // int(width))  # at least this many at the column's width
                assert height >= 12 * lines, f"{survey.slug}: {cell.value!r} needs {lines} lines, the row is {height} pt"


# --- 4. the check-in PDF grid checks its scores and calculates its averages ------------------------


def _scripts(annotation: dict) -> dict[str, str]:
    actions = annotation.get("/AA", {})
    return {key: str(action.get_object()["/JS"]) for key, action in actions.items()}


def test_checkin_pdf_scores_are_checked_and_averages_calculate(content: Content) -> None:
    doc = _doc(content, "weekly-checkin")
    reader = _pdf(render("pdf", doc))
    widgets = _widgets(reader)
    calculated = [str(ref.get_object()["/T"]) for ref in reader.trailer["/Root"]["/AcroForm"].get("/CO", [])]
    for rows in score_grid(doc).groups:
        scale = rows.group.scale
        for statement in rows.group.statements:
            for week in range(1, doc.periods + 1):
                scripts = _scripts(widgets[f"{rows.group.slug}_{statement.id}_w{week}"][1])
                assert set(scripts) >= {"/K", "/V"}, "a score box takes any text"
                assert f"<{scale.min}" in scripts["/V"] and f">{scale.max}" in scripts["/V"], scripts["/V"]
                assert "\\d+" in scripts["/V"]  # whole numbers only: 3.5 and abc are refused
            average = f"{rows.group.slug}_{statement.id}_avg"
            assert average in calculated and "/C" in _scripts(widgets[average][1])
            assert int(widgets[average][1]["/Ff"]) & 1  # read-only: it calculates, nobody types in it
        for week in range(1, doc.periods + 1):
            assert f"{rows.group.slug}_avg_w{week}" in calculated
        # The quarter's average comes after the weekly ones it is made of.
        assert calculated.index(f"{rows.group.slug}_avg") > calculated.index(f"{rows.group.slug}_avg_w{doc.periods}")


def test_survey_pdf_average_calculates_with_reverse_scoring(content: Content) -> None:
    # A survey with a reverse-scored statement when the content has one (it counts as min + max − value).
    survey = next((t for t in content.surveys() if any(s.reverse for s in t.statements)), content.surveys()[0])
    doc = _doc(content, survey.slug)
    reader = _pdf(render("pdf", doc))
    name = f"average_{survey.slug}"
    assert [str(ref.get_object()["/T"]) for ref in reader.trailer["/Root"]["/AcroForm"]["/CO"]] == [name]
    script = _scripts(_widgets(reader)[name][1])["/C"]
    for statement in survey.statements:
        assert f'"score_{statement.id}"' in script
    assert "util.printf('%,3.1f'" in script  # Dutch decimal comma


# --- 5. the agenda PDF gives each name a line of its own ----------------------------------------


def test_agenda_pdf_has_a_line_per_name(content: Content) -> None:
    widgets = _widgets(_pdf(render("pdf", _doc(content, _okr_agenda(content).slug))))
    rects = {name: [float(v) for v in widgets[name][1]["/Rect"]] for name in ("employee", "manager", "date")}
    for name, (x1, _, x2, _) in rects.items():
        room = (x2 - x1) * 25.4 / 72
        assert room >= (40 if name == "date" else 70), f"{name}: {room:.0f} mm to write in"
    assert len({round(rect[1]) for rect in rects.values()}) == 3, "two fields share a line"


def test_agenda_pdf_fields_take_a_whole_agreement(content: Content) -> None:
    # A topic, an agreement or a key result is a sentence: no field of the frame stops at a few characters.
    widgets = _widgets(_pdf(render("pdf", _doc(content, _okr_agenda(content).slug))))
    frame = [(name, w) for name, (_, w) in widgets.items() if name.startswith(("since_", "topic_", "okr_", "agreement_")) and w.get("/FT") == "/Tx"]
    assert frame
    for name, widget in frame:
        assert int(widget.get("/MaxLen", 0)) == 0, f"{name} holds {widget['/MaxLen']} characters"


def test_checkin_pdf_score_boxes_hold_a_score(content: Content) -> None:
    doc = _doc(content, "weekly-checkin")
    widgets = _widgets(_pdf(render("pdf", doc)))
    for rows in score_grid(doc).groups:
        digits = len(str(rows.group.scale.max))
        for statement in rows.group.statements:
            assert int(widgets[f"{rows.group.slug}_{statement.id}_w1"][1]["/MaxLen"]) == digits
            name = widgets.get(f"{rows.group.slug}_{statement.id}_name")
            if name is not None:  # a key result's name is a sentence too
                assert int(name[1].get("/MaxLen", 0)) == 0


# --- 6. Word: numbers apart from the text, the name table's widths, table properties in order --------


def test_docx_name_table_is_narrow_label_wide_field(content: Content) -> None:
    document = open_docx(io.BytesIO(render("docx", _doc(content, _okr_agenda(content).slug))))
    grid = [int(col.get(qn("w:w"))) for col in document.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[1] >= 2.5 * grid[0], grid  # LibreOffice and Google Docs size columns by the grid


def test_docx_table_properties_follow_the_schema_order(content: Content) -> None:
    order = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc"]
    order += ["tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"]
    for slug in (_okr_agenda(content).slug, "weekly-checkin", content.surveys()[0].slug):
        document = open_docx(io.BytesIO(render("docx", _doc(content, slug))))
        for table in document.element.body.iter(qn("w:tbl")):
            names = [child.tag.split("}")[1] for child in table.find(qn("w:tblPr"))]
            assert names == sorted(names, key=order.index), f"{slug}: {names}"


def _libreoffice_pdfs(paths: list[Path], tmp_path: Path) -> dict[str, Path]:
    assert SOFFICE is not None
    out = tmp_path / "pdf"
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    command = [SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return {path.name: out / f"{path.stem}.pdf" for path in paths}


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_printed_agenda_numbers_stand_apart_and_one_family_is_used(content: Content, tmp_path: Path) -> None:
    """Printed from LibreOffice: "10. ☐ Laten…", not "10.Laten"; every format's text in the one family."""
    agenda = _okr_agenda(content)
    survey = content.surveys()[0]
    files = []
    pairs = [(agenda.slug, "docx"), (agenda.slug, "odt")] + [(survey.slug, fmt) for fmt in ("docx", "odt", "xlsx", "ods")]
    for slug, fmt in pairs:
        path = tmp_path / f"{slug}-{fmt}.{fmt}"
        path.write_bytes(render(fmt, _doc(content, slug)))
        files.append(path)
    pdfs = _libreoffice_pdfs(files, tmp_path)
    questions = agenda.questions()
    for fmt in ("docx", "odt"):
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdfs[f"{agenda.slug}-{fmt}.{fmt}"]).pages)
        flat = " ".join(text.split())
        word = re.escape(questions[9].text.get("nl").split()[0])
        assert re.search(rf"\b10\.\s+(☐\s*)?{word}", flat), f"{fmt}: {re.findall(r'10\.\S*\s?\S*', flat)[:3]}"
    for name, pdf in pdfs.items():
        fonts = set()
        for page in pypdf.PdfReader(pdf).pages:
            fonts |= {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in page["/Resources"].get("/Font", {}).values()}
        text_fonts = {font for font in fonts if not font.startswith(("DejaVuSans", "OpenSymbol"))}  # ☐ and chart fallbacks
        assert text_fonts and all(font.startswith(FAMILY.replace(" ", "")) for font in text_fonts), f"{name}: {fonts}"


def test_office_files_name_the_family_and_its_fallback(content: Content) -> None:
    survey = content.surveys()[0]
    docx = open_docx(io.BytesIO(render("docx", _doc(content, survey.slug))))
    fonts = {value for element in docx.styles.element.iter(qn("w:rFonts")) for key, value in element.attrib.items()}
    assert fonts == {FAMILY}, fonts  # no theme fonts (Cambria, Calibri) left
    table = next(p for p in docx.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml").blob.decode()
    assert f'w:name="{FAMILY}"' in table and f'w:altName w:val="{FALLBACK}"' in table
    for fmt in ("odt", "ods"):
        with zipfile.ZipFile(io.BytesIO(render(fmt, _doc(content, survey.slug)))) as archive:
            styles = archive.read("styles.xml").decode() + archive.read("content.xml").decode()
        assert f"svg:font-family=\"'{FAMILY}', {FALLBACK}\"" in styles, fmt
    sheet = openpyxl.load_workbook(io.BytesIO(render("xlsx", _doc(content, survey.slug)))).worksheets[0]
    names = {cell.font.name for row in sheet.iter_rows() for cell in row}
    assert names == {FAMILY}, names


# --- 8. dated and described in every format ------------------------------------------------------


def test_every_format_carries_the_template_date_title_language_and_subject(content: Content) -> None:
    survey = content.surveys()[0]
    doc = _doc(content, survey.slug, "en")
    reader = _pdf(render("pdf", doc))
    assert reader.metadata["/CreationDate"].startswith("D:20261130") and reader.metadata["/ModDate"].startswith("D:20261130")
    assert (reader.metadata["/Title"], reader.metadata["/Subject"], str(reader.trailer["/Root"]["/Lang"])) == (doc.title, doc.purpose, "en")
    properties = open_docx(io.BytesIO(render("docx", doc))).core_properties
    assert (properties.title, properties.subject, properties.language) == (doc.title, doc.purpose, "en-GB")
    assert properties.created.date().isoformat() == properties.modified.date().isoformat() == UPDATED
    workbook = openpyxl.load_workbook(io.BytesIO(render("xlsx", doc)))
    assert (workbook.properties.title, workbook.properties.subject, workbook.properties.language) == (doc.title, doc.purpose, "en")
    assert workbook.properties.created.date().isoformat() == workbook.properties.modified.date().isoformat() == UPDATED
    for fmt in ("odt", "ods"):
        meta = zipfile.ZipFile(io.BytesIO(render(fmt, doc))).read("meta.xml").decode()
        for part in (f"<dc:title>{doc.title}</dc:title>", f"<dc:subject>{doc.purpose}</dc:subject>", "<dc:language>en</dc:language>"):
            assert part in meta, (fmt, part)
        assert f"<meta:creation-date>{UPDATED}T00:00:00</meta:creation-date>" in meta and f"<dc:date>{UPDATED}" in meta, fmt


# --- 9. the progress check names its objectives ------------------------------------------------


def test_progress_check_has_a_field_to_name_each_objective(content: Content) -> None:
    progress = next(t for t in content.surveys() if t.item_label is not None)
    doc = _doc(content, progress.slug)
    label = progress.item_label.get("nl")  # type: ignore[union-attr]
    fields = _pdf(render("pdf", doc)).get_fields() or {}
    assert all(fields[f"name_{s.id}"]["/FT"] == "/Tx" for s in progress.statements)
    document = open_docx(io.BytesIO(render("docx", doc)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert sum(f"{label}: ____" in cell for cell in set(cells)) == len(progress.statements)
    odt = open_odf(io.BytesIO(render("odt", doc)))
    assert sum(teletype.extractText(p).startswith(f"{label}: ____") for p in odt.body.getElementsByType(P)) == len(progress.statements)
    assert render("md", doc).decode().count(f"{label}: ____") == len(progress.statements)
    grid = score_grid(doc)
    sheet = openpyxl.load_workbook(io.BytesIO(render("xlsx", doc))).worksheets[0]
    assert sheet.cell(4, 2).value == label and grid.first_period_col == 3
    ods = open_odf(io.BytesIO(render("ods", doc)))
    header = [teletype.extractText(c) for c in ods.spreadsheet.getElementsByType(Table)[0].getElementsByType(TableCell)]
    assert label in header


# --- the weekly check-in: confidence per key result -----------------------------------------


def test_weekly_checkin_scores_confidence_per_key_result(content: Content) -> None:
    checkin = content.template("weekly-checkin")
    assert checkin.kind == "checkin" and checkin.key_results >= 1 and checkin.surveys == []  # type: ignore[union-attr]
    doc = _doc(content, "weekly-checkin", "en")
    group = doc.groups[0]
    assert (group.scale.min, group.scale.max) == (1, 10) and all(s.name_label == "Key result" for s in group.statements)
    sheet = openpyxl.load_workbook(io.BytesIO(render("xlsx", doc))).worksheets[0]
    rules = [(r.type, r.formula1, r.formula2) for r in sheet.data_validations.dataValidation]
    assert rules == [("whole", "1", "10")]
    assert sheet.cell(4, 2).value == "Key result"  # a column to name each one
    fields = _pdf(render("pdf", doc)).get_fields() or {}
    assert all(f"key-results_{s.id}_name" in fields for s in group.statements)
    text = render("md", doc).decode()
    for question in checkin.questions:  # type: ignore[union-attr]
        assert question.text.get("en") in text


def _text(fmt: str, data: bytes) -> str:
    """The text a reader shows, in reading order, on one line."""
    if fmt == "pdf":
        parts = [page.extract_text() for page in _pdf(data).pages]
    elif fmt == "docx":
        document = open_docx(io.BytesIO(data))
        body = document.element.body
        parts = ["".join(t.text or "" for t in block.iter(qn("w:t"))) for block in body.iterchildren()]  # paragraphs and tables in order
    elif fmt == "odt":
        parts = [teletype.extractText(element) for element in open_odf(io.BytesIO(data)).text.childNodes]
    else:
        parts = [data.decode()]
    return " ".join(" ".join(parts).split())


READERS = {fmt: (lambda data, fmt=fmt: _text(fmt, data)) for fmt in ("pdf", "docx", "odt", "md")}


# --- every agenda opens with last time's agreements and closes with today's and the next date -------


def _frame_texts(doc: TemplateDocument) -> list[str]:
    frame = doc.frame
    assert frame is not None
    return [frame.since_title, frame.topics_title, *(frame.okr_columns if frame.okr else ()), *frame.agreement_columns, frame.next_date]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt", "md"])
def test_every_agenda_has_its_frame_in_order(fmt: str, lang: str, content: Content) -> None:
    """Since last time first, the employee's topics before the template's own sections, the agreements
    (what, who, by when, done) and the next date last; the OKR table only in agendas about OKRs."""
    for agenda in _agendas(content):
        doc = _doc(content, agenda.slug, lang)
        frame = doc.frame
        assert frame is not None and frame.okr == ("goal-setting" in agenda.situations)
        text = READERS[fmt](render(fmt, doc))
        order = (frame.since_title, frame.topics_title, doc.sections[0].title, frame.agreements_title, frame.next_title)
        positions = [text.find(part) for part in order]
        assert -1 not in positions and positions == sorted(positions), f"{agenda.slug}.{fmt}: {positions}"
        for label in _frame_texts(doc):
            assert label in text, f"{agenda.slug}.{fmt} lacks {label!r}"
        if not frame.okr:
            assert frame.now_target not in text, f"{agenda.slug}.{fmt}: an OKR table in an agenda not about OKRs"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt"])
def test_employee_topics_are_numbered_slots(fmt: str, content: Content) -> None:
    """The employee's topics are blank slots numbered 1, 2, 3 in every format with a table for them."""
    doc = _doc(content, _plain_agenda(content).slug)
    frame = doc.frame
    assert frame is not None
    text = READERS[fmt](render(fmt, doc))
    start = text.index(frame.topics_title)
    slots = re.sub(r"\d+\.\s*$", "", text[start : text.index(doc.sections[0].title, start)])  # less the next heading's number
    numbers = [int(n) for n in re.findall(r"(\d+)\.", slots)]
    assert numbers == list(range(1, len(frame.topics) + 1)), slots


def test_agenda_boxes_to_tick_in_every_format(content: Content) -> None:
    """A box beside every question, every agreement of last time and every agreement made today."""
    agenda = _okr_agenda(content)
    doc = _doc(content, agenda.slug)
    frame = doc.frame
    assert frame is not None
    questions = agenda.questions()
    fields = _pdf(render("pdf", doc)).get_fields() or {}
    boxes = {name for name, value in fields.items() if value.get("/FT") == "/Btn"}
    assert {f"done_{q.id}" for q in questions} <= boxes
    assert {f"since_{n}_done" for n in range(1, frame.prior_rows + 1)} | {f"agreement_{n}_done" for n in range(1, frame.agreement_rows + 1)} <= boxes
    assert {"next_date", "agreement_1_0", "agreement_1_1", "agreement_1_2"} <= set(fields)  # what, who, by when
    document = open_docx(io.BytesIO(render("docx", doc)))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == [q.text.get("nl") for q in questions]
    assert all(p._p.find(f"{qn('w:sdt')}/{qn('w:sdtPr')}/{qn('w14:checkbox')}") is not None for p in numbered)  # Word check box
    odt = open_odf(io.BytesIO(render("odt", doc)))
    paragraphs = [teletype.extractText(p) for p in odt.body.getElementsByType(P)]
    assert all(f"☐ {q.text.get('nl')}" in paragraphs for q in questions)
    markdown = render("md", doc).decode()
    assert all(f"{n}. [ ] {q.text.get('nl')}" in markdown for n, q in enumerate(questions, start=1))


def test_section_minutes_are_shown_where_the_template_gives_them(content: Content) -> None:
    agenda = _okr_agenda(content)
    data = agenda.model_dump(by_alias=True, mode="json")
    data["sections"][0]["minutes"] = 10
    timed = Agenda.model_validate(data)
    doc = build_document(timed, content, "en")
    assert doc.sections[0].minutes == "10 min" and doc.sections[1].minutes == ""
    for fmt in ("pdf", "docx", "odt", "md"):
        assert f"{doc.sections[0].title} (10 min)" in READERS[fmt](render(fmt, doc)), fmt


# --- 4, in a real reader: pdf.js runs the form's scripts ------------------------------------------

PDFJS = ROOT / "tests" / "node" / "pdf_form_in_pdfjs.mjs"
needs_pdfjs = pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules" / "pdfjs-dist").is_dir(), reason="node or pdfjs-dist missing (make setup runs npm ci)"
)


def _fill_in_pdfjs(data: bytes, fill: list[tuple[str, str]]) -> dict:
    import base64
    import json

    payload = json.dumps({"pdf": base64.b64encode(data).decode(), "fill": fill})
    run = subprocess.run(["node", str(PDFJS)], cwd=ROOT, input=payload, capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


@pytest.mark.node
@needs_pdfjs
def test_pdfjs_refuses_bad_scores_and_calculates_the_checkin_averages(content: Content) -> None:
    doc = _doc(content, "weekly-checkin")
    group = doc.groups[0]
    first, second, third = (f"{group.slug}_{s.id}" for s in group.statements[:3])
    fill = [(f"{first}_w1", "7"), (f"{second}_w1", "8"), (f"{first}_w2", "4"), (f"{third}_w1", "abc"), (f"{third}_w2", "11"), (f"{third}_w3", "0")]
    shown = _fill_in_pdfjs(render("pdf", doc), fill)
    values = shown["values"]
    assert (values[f"{first}_w1"], values[f"{second}_w1"], values[f"{first}_w2"]) == ("7", "8", "4")
    assert all(values[f"{third}_w{w}"] in ("", None) for w in (1, 2, 3)), "abc, 11 and 0 were kept"
    assert shown["alerts"].count(group.error_message) == 2  # 11 and 0 (abc cannot be typed at all)
    assert values[f"{first}_avg"] == "5,5" and values[f"{second}_avg"] == "8,0"  # over the weeks filled in
    assert values[f"{group.slug}_avg_w1"] == "7,5" and values[f"{group.slug}_avg_w2"] == "4,0"
    assert values[f"{group.slug}_avg"] == "5,8"  # (7.5 + 4.0) / 2 = 5.75, rounded half up
    assert values[f"{group.slug}_avg_w3"] in ("", None)  # a week without scores stays empty


@pytest.mark.node
@needs_pdfjs
def test_pdfjs_calculates_the_survey_average_with_reverse_scoring(content: Content) -> None:
    survey = next((t for t in content.surveys() if any(s.reverse for s in t.statements)), content.surveys()[0])
    doc = _doc(content, survey.slug, "en")
    scale = survey.scale
    answers = {s.id: (scale.min + i) % (scale.max - scale.min + 1) + scale.min for i, s in enumerate(survey.statements)}
    shown = _fill_in_pdfjs(render("pdf", doc), [(f"score_{key}", str(value)) for key, value in answers.items()])
    adjusted = [scale.min + scale.max - answers[s.id] if s.reverse else answers[s.id] for s in survey.statements]
    mean = sum(adjusted) / len(adjusted)
    assert shown["values"][f"average_{survey.slug}"] == f"{int(mean * 10 + 0.5) / 10:.1f}"


def test_files_are_dated_by_source_date_epoch_or_the_template(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from okr1on1.downloads import template_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01 00:00 UTC
    assert template_date(ROOT / "content", "weekly-checkin") == "2025-12-01"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "x.yaml"
    template.write_text("slug: x\\n", encoding="utf-8")
    import os

    os.utime(template, (1733011200, 1733011200))  # 2024-12-01, a file outside git: its own date
    assert template_date(tmp_path, "x") == "2024-12-01"
