"""The PDF downloads are tagged PDFs and type in their own font (issue 18, points 7 and 8).

Read by real readers: poppler (`pdfinfo`, `pdftoppm`, `pdffonts`) for what a reader shows and says,
pypdf for the objects; the content streams are parsed operator by operator.
"""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import ContentStream

from okr1on1.content import load_content
from okr1on1.content.model import Agenda, Checkin, Content, Survey
from okr1on1.downloads import build_document, render
from okr1on1.downloads.document import TemplateDocument
from okr1on1.downloads.text import strip_emoji

ROOT = Path(__file__).resolve().parents[2]
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftoppm") and shutil.which("pdffonts")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (pdfinfo, pdftoppm, pdffonts)")
needs_pdfjs = pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules" / "pdfjs-dist").is_dir(), reason="node or pdfjs-dist missing (make setup runs npm ci)"
)
TEXT_SHOWING = {b"Tj", b"TJ", b"'", b'"'}


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content")


def _one(content: Content, kind: type) -> str:
    return next(t.slug for t in content.templates if isinstance(t, kind))


@pytest.fixture(scope="module")
def pdfs(content: Content) -> dict[str, tuple[TemplateDocument, bytes]]:
    """An agenda, a survey and a check-in, in both languages: (document, PDF)."""
    made = {}
    for kind in (Agenda, Survey, Checkin):
        for lang in ("nl", "en"):
            doc = build_document(content.template(_one(content, kind)), content, lang, "2026-11-30")
            made[f"{doc.kind}-{lang}"] = (doc, render("pdf", doc))
    return made


KEYS = [f"{kind}-{lang}" for kind in ("agenda", "survey", "checkin") for lang in ("nl", "en")]


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _squash(text: str) -> str:
    """Text compared without its spacing: where a reader breaks lines is not the point here."""
    return re.sub(r"\s+", "", text)


def _words(text: str) -> str:
    return " ".join(text.split())


def _struct_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout


def _struct_entries(output: str) -> list[tuple[str, str]]:
    """(element type, its own text) in tree order from `pdfinfo -struct-text`, which indents each
    element's kids (elements, quoted text, attributes, object references) beneath it."""
    entries: list[list[str]] = []
    open_elements: list[tuple[int, int]] = []  # (indent, index in entries)
    for line in output.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        indent = len(line) - len(line.lstrip())
        while open_elements and open_elements[-1][0] >= indent:
            open_elements.pop()
        if stripped.startswith('"'):
            entries[open_elements[-1][1]][1] += stripped.strip('"')
        elif not stripped.startswith("/") and not stripped.startswith("Object "):
            entries.append([stripped.split()[0].rstrip(":"), ""])
            open_elements.append((indent, len(entries) - 1))
    return [(role, text) for role, text in entries]


@needs_poppler
@pytest.mark.parametrize("key", KEYS)
def test_poppler_reads_a_tagged_pdf_with_headings_and_paragraphs_in_reading_order(key: str, pdfs: dict, tmp_path: Path) -> None:
    doc, data = pdfs[key]
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    entries = _struct_entries(_struct_text(data, tmp_path))
    assert entries[0][0] == "Document"
    headings = [_words(text) for role, text in entries if role in {"H1", "H2", "H3"}]
    assert headings[0] == strip_emoji(doc.title), "the title is the first heading, an H1"
    assert [role for role, _ in entries].count("H1") == 1
    expected = [strip_emoji(t) for t in (doc.labels.notes, *((doc.labels.tips,) if doc.tips else ()))]
    assert [_squash(h) for h in headings[-len(expected) :]] == [_squash(e) for e in expected], "notes and tips close the document"
    # Each paragraph reads as written: words either side of a line break stay apart.
    paragraphs = [_words(text) for role, text in entries if role == "P"]
    for paragraph in (doc.purpose, *doc.intro):
        assert _words(strip_emoji(paragraph)) in paragraphs, paragraph
    # The reading order is the printed order: the purpose before the intro, the intro before the first section.
    order = [_squash(text) for _, text in entries]
    assert order.index(_squash(strip_emoji(doc.purpose))) < order.index(_squash(strip_emoji(doc.intro[0]))) < order.index(_squash(headings[1]))


@needs_poppler
def test_agenda_sections_and_questions_are_read_in_order(pdfs: dict, tmp_path: Path) -> None:
    doc, data = pdfs["agenda-en"]
    entries = _struct_entries(_struct_text(data, tmp_path))
    headings = [_squash(text) for role, text in entries if role == "H2"]
    sections = [s for _, _, s in doc.agenda_parts() if s is not None]
    positions = [next(i for i, h in enumerate(headings) if _squash(strip_emoji(s.title)) in h) for s in sections]
    assert positions == sorted(positions), "sections in the order of the agenda"
    texts = [_squash(text) for role, text in entries if role == "P"]
    questions = [q.text for s in sections for q in s.questions]
    found = [next(i for i, t in enumerate(texts) if _squash(strip_emoji(q)) in t) for q in questions]
    assert found == sorted(found), "questions in the order of the agenda"


@needs_poppler
def test_checkin_grid_is_a_table_with_header_cells(pdfs: dict, tmp_path: Path) -> None:
    doc, data = pdfs["checkin-en"]
    output = _struct_text(data, tmp_path)
    entries = _struct_entries(output)
    roles = [role for role, _ in entries]
    assert "Table" in roles and "TR" in roles and "TD" in roles
    row_headers = [_squash(text) for role, text in entries if role == "TH"]
    for statement in doc.groups[0].statements:
        assert any(_squash(strip_emoji(statement.text)) in h for h in row_headers), statement.text
    assert "/Scope /Column" in output and "/Scope /Row" in output


@needs_poppler
def test_scale_end_labels_are_read_apart(pdfs: dict, tmp_path: Path) -> None:
    doc, data = pdfs["survey-en"]
    texts = [_words(text) for role, text in _struct_entries(_struct_text(data, tmp_path)) if role == "P"]
    scale = doc.groups[0].scale
    assert strip_emoji(scale.low_label) in texts and strip_emoji(scale.high_label) in texts


def _marked_content(reader: pypdf.PdfReader, page: pypdf.PageObject) -> list[tuple[bytes, list[str], int | None]]:
    """(operator, open marked-content tags, innermost MCID) for each text-showing operator of the page."""
    found = []
    stack: list[tuple[str, int | None]] = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"BMC":
            stack.append((str(operands[0]), None))
        elif operator == b"BDC":
            properties = operands[1] if isinstance(operands[1], dict) else {}
            stack.append((str(operands[0]), properties.get("/MCID")))
        elif operator == b"EMC":
            assert stack, "EMC without a sequence to end"
            stack.pop()
        elif operator in TEXT_SHOWING:
            found.append((operator, [tag for tag, _ in stack], stack[-1][1] if stack else None))
    assert not stack, "a marked-content sequence is left open at the end of the page"
    return found


@pytest.mark.parametrize("key", KEYS)
def test_every_text_is_marked_content_of_an_element_or_an_artifact(key: str, pdfs: dict) -> None:
    _, data = pdfs[key]
    reader = _reader(data)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] is True or catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    tree = catalog["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    tagged = 0
    for page in reader.pages:
        assert page["/Tabs"] == "/S"
        elements = parents[int(page["/StructParents"])]
        for _, tags, mcid in _marked_content(reader, page):
            assert tags, "a text drawn outside any marked-content sequence"
            if tags[-1] == "/Artifact":
                continue
            tagged += 1
            element = elements[mcid].get_object()
            assert element["/S"] == tags[-1], "the sequence's tag is its element's type"
            assert mcid in [k for k in element["/K"] if isinstance(k, int)] or any(
                getattr(k, "get", lambda _: None)("/MCID") == mcid for k in element["/K"]
            ), "the element points back at its content"
    assert tagged > 0


@pytest.mark.parametrize("key", KEYS)
def test_every_form_field_is_a_form_element(key: str, pdfs: dict) -> None:
    _, data = pdfs[key]
    reader = _reader(data)
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    widgets = 0
    for page in reader.pages:
        for reference in page.get("/Annots", []):
            widget = reference.get_object()
            if widget["/Subtype"] != "/Widget":
                continue
            widgets += 1
            form = parents[int(widget["/StructParent"])].get_object()
            assert form["/S"] == "/Form"
            targets = [k.get_object().raw_get("/Obj").idnum for k in form["/K"] if k.get_object().get("/Type") == "/OBJR"]
            assert reference.idnum in targets
            assert str(widget.get("/TU") or widget.get("/Parent", {}).get("/TU", "")), "a field says what it is for"
    assert widgets > 0


@pytest.mark.parametrize("key", ["agenda-nl", "checkin-en"])
def test_catalog_names_language_and_shows_the_title(key: str, pdfs: dict) -> None:
    doc, data = pdfs[key]
    reader = _reader(data)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == doc.lang
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] is True or catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == strip_emoji(doc.title)
    # The XMP metadata says the same as the document information.
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": strip_emoji(doc.title)}
    assert xmp.dc_description == {"x-default": strip_emoji(doc.purpose)}
    assert xmp.dc_language == [doc.lang]
    assert xmp.xmp_create_date.date().isoformat() == doc.updated == reader.metadata.creation_date.date().isoformat()
    assert xmp.pdf_producer == reader.metadata.producer


def test_tagged_pdf_is_reproducible(content: Content) -> None:
    doc = build_document(content.template(_one(content, Checkin)), content, "nl", "2026-11-30")
    assert render("pdf", doc) == render("pdf", doc)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_pdf_ends_on_a_page_with_a_stray_line(lang: str, content: Content) -> None:
    # The check-in printed a third landscape page holding one tip.
    for template in content.templates:
        reader = _reader(render("pdf", build_document(template, content, lang, "2026-11-30")))
        if len(reader.pages) == 1:
            continue
        lines = [line for line in reader.pages[-1].extract_text().splitlines() if line.strip()]
        footer = 2  # the title and the page number
        assert len(lines) - footer >= 3, f"{template.slug}.{lang}: the last page holds only {lines[footer:]}"


# --- what is typed into a field is drawn in the document's own, embedded family --------------------


def _fonts(path: Path) -> list[tuple[str, bool]]:
    """(name, embedded) of each font `pdffonts` finds, annotation appearances included."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    fonts = []
    for line in lines:
        name, rest = line[:37].strip(), line[37:].split()
        fonts.append((name, rest[-5] == "yes"))
    return fonts


@pytest.mark.parametrize("key", ["agenda-nl", "survey-en", "checkin-nl"])
def test_text_fields_name_the_embedded_family(key: str, pdfs: dict) -> None:
    _, data = pdfs[key]
    reader = _reader(data)
    form = reader.trailer["/Root"]["/AcroForm"]
    resources = form["/DR"]["/Font"]
    fields = [a.get_object() for page in reader.pages for a in page.get("/Annots", []) if a.get_object().get("/FT") == "/Tx"]
    assert fields
    for field in fields:
        name = str(field["/DA"]).split()[0]
        font = resources[name].get_object()
        assert "LiberationSans" in font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"], "the field font is embedded"
        assert font["/Encoding"] == "/WinAnsiEncoding"


TYPED = "Zoë Quist – “€ 40”"  # accents, a dash, curly quotes, the euro: WinAnsi, beyond ASCII


def _filled_by_pypdf(data: bytes) -> bytes:
    writer = pypdf.PdfWriter(clone_from=_reader(data))
    writer.update_page_form_field_values(writer.pages[0], {"employee": TYPED}, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _filled_by_pdfjs(data: bytes) -> bytes:
    """Typed in and saved by pdf.js, as Firefox saves a filled form (pdf.js draws the field itself)."""
    payload = json.dumps({"pdf": base64.b64encode(data).decode(), "fill": [["employee", TYPED]]})
    script = ROOT / "tests" / "node" / "pdf_fill_and_save_in_pdfjs.mjs"
    run = subprocess.run(["node", str(script)], cwd=ROOT, input=payload, capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return base64.b64decode(run.stdout)


FILLERS = [pytest.param(_filled_by_pypdf, id="pypdf"), pytest.param(_filled_by_pdfjs, id="pdfjs", marks=[pytest.mark.node, needs_pdfjs])]


@needs_poppler
@pytest.mark.parametrize("fill", FILLERS)
def test_a_filled_field_renders_in_the_embedded_family(fill: object, pdfs: dict, tmp_path: Path) -> None:
    _, data = pdfs["agenda-nl"]
    path = tmp_path / "filled.pdf"
    path.write_bytes(fill(data))  # type: ignore[operator]
    widget = next(a.get_object() for a in _reader(path.read_bytes()).pages[0]["/Annots"] if a.get_object().get("/T") == "employee")
    assert widget["/V"] == TYPED
    appearance = widget["/AP"]["/N"].get_object()
    (font,) = appearance["/Resources"]["/Font"].values()
    assert "LiberationSans" in font.get_object()["/BaseFont"], "the typed text is drawn in the document's family"
    fonts = _fonts(path)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts), fonts
    # Rendered by poppler: the typed text is drawn (dark pixels in the field, where the empty form has none).
    left, bottom, right, top = (float(v) for v in widget["/Rect"])
    height = float(_reader(data).pages[0].mediabox.height)

    def ink(pdf: Path) -> int:
        dpi = 72
        x, y, w, h = int(left), int(height - top), int(right - left), int(top - bottom)
        out = subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), "-gray", str(pdf)],
            capture_output=True,
            check=True,
        ).stdout
        pixels = out.split(b"\n", 3)[3]  # PGM: P5, size, depth, then the bytes
        return sum(1 for p in pixels if p < 128)

    empty = tmp_path / "empty.pdf"
    empty.write_bytes(data)
    assert ink(empty) == 0
    assert ink(path) > 20
