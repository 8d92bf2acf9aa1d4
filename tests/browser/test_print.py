"""Ctrl+P on a template or survey page: printed by Chromium (`page.pdf()`), read back with pypdf and
rendered to images with pdftoppm (poppler-utils), as a manager would hold it in their hand."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Page

from okr1on1.content import load_content
from okr1on1.content.model import Agenda, Content, Survey

ROOT = Path(__file__).resolve().parents[2]
PDFTOPPM = shutil.which("pdftoppm")


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content")


def _print(page: Page, path: str) -> pypdf.PdfReader:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    return pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))


def _text(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_printed_agenda_has_fields_lines_and_no_download_block(page: Page, content: Content) -> None:
    agenda = next(t for t in content.templates if isinstance(t, Agenda) and "goal-setting" in t.situations)
    reader = _print(page, f"/templates/{agenda.slug}/")
    text = _text(reader)
    keys = ("download_employee", "download_manager", "download_date", "download_notes")  # fields only paper shows
    for key in (*keys, "agenda_since_title", "agenda_agreements_title", "agenda_next_date"):
        assert content.text(key, "nl") in text, key
    assert content.text("downloads_title", "nl") not in text and content.text("downloads_intro", "nl") not in text
    assert "Word (.docx)" not in text and "PDF ·" not in text  # no buttons
    questions = agenda.questions()
    assert f"{len(questions)}. {questions[-1].text.get('nl').split()[0]}" in text  # numbered on through the sections
    # Lines to write on under every question: the printed page draws them (vector paths), not only text.
    drawn = sum(page.get_contents().get_data().count(b" re") for page in reader.pages)  # rectangles painted: rules and cells
    assert drawn > 3 * len(questions)


def test_a_printed_survey_page_ends_with_content_not_a_stray_sentence(page: Page, content: Content) -> None:
    survey = next(t for t in content.templates if isinstance(t, Survey))
    reader = _print(page, f"/templates/{survey.slug}/")
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert content.text("downloads_intro", "nl") not in " ".join(texts)
    assert content.text("survey_how_title", "nl") not in " ".join(texts)  # help for on-screen buttons
    assert content.text("download_name", "nl") in texts[0] and content.text("download_date", "nl") in texts[0]
    for number, text in enumerate(texts, start=1):
        assert len(text) > 150, f"page {number} of {len(texts)} holds only: {text!r}"


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (poppler-utils) is not installed; `make system-deps` installs it")
def test_printed_pages_render_as_images(page: Page, content: Content, tmp_path: Path) -> None:
    """Rendered the way a print preview shows it: every page an image with ink on it."""
    agenda = next(t for t in content.templates if isinstance(t, Agenda))
    page.goto(f"/templates/{agenda.slug}/")
    page.emulate_media(media="print")
    pdf = tmp_path / "agenda.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=True))
    subprocess.run([str(PDFTOPPM), "-r", "50", "-gray", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    images = sorted(tmp_path.glob("page-*.pgm"))
    assert len(images) == len(pypdf.PdfReader(pdf).pages)
    for image in images:
        pixels = image.read_bytes().split(b"\n", 3)[3]  # P5 header: magic, size, maxval
        ink = sum(1 for value in pixels if value < 200)
        assert ink > 2000, f"{image.name} is (nearly) blank: {ink} pixels of ink"
