"""The score sheets opened in LibreOffice, as a manager's office suite opens them: validation, chart,
colours and printing, read back from what LibreOffice makes of the files (not from our own XML).

Each test converts with `soffice --headless` (to .xlsx, .ods or PDF) and reads the result with
openpyxl, odfpy's zip contents or pypdf.
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

from okr1on1.content import load_content
from okr1on1.content.model import Content
from okr1on1.downloads import build_document, render
from okr1on1.downloads.document import TemplateDocument
from okr1on1.downloads.grid import col_letter, score_grid

ROOT = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; `make test` installs it")


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content")


def _scored_templates(content: Content) -> list[str]:
    return [t.slug for t in content.templates if t.kind in ("survey", "checkin")]


def convert(paths: list[Path], target: str, tmp_path: Path) -> dict[str, Path]:
    """Convert `paths` with LibreOffice in one run; file stem → converted file."""
    assert SOFFICE is not None
    out = tmp_path / f"out-{target.split(':')[0]}"
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    subprocess.run(
        [SOFFICE, profile, "--headless", "--convert-to", target, "--outdir", str(out), *map(str, paths)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    converted = {path.stem: out / f"{path.stem}.{target.split(':')[0]}" for path in paths}
    missing = [str(p) for p in converted.values() if not p.is_file()]
    assert not missing, f"LibreOffice made no {missing}"
    return converted


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _documents(content: Content, slugs: list[str], lang: str = "nl") -> dict[str, TemplateDocument]:
    return {slug: build_document(content.template(slug), content, lang) for slug in slugs}


def test_libreoffice_reads_the_ods_validation_as_whole_numbers_on_the_scale(content: Content, tmp_path: Path) -> None:
    docs = _documents(content, _scored_templates(content))
    files = [_write(tmp_path, f"{slug}.ods", render("ods", doc)) for slug, doc in docs.items()]
    for slug, converted in convert(files, "xlsx", tmp_path).items():
        doc = docs[slug]
        sheet = openpyxl.load_workbook(converted).worksheets[0]
        rules = sheet.data_validations.dataValidation
        grid = score_grid(doc)
        for rows in grid.groups:
            scale = rows.group.scale
            cell = f"{col_letter(grid.first_period_col)}{rows.first_row}"
            matching = [rule for rule in rules if cell in rule.sqref]
            assert matching, f"{slug}: no validation on {cell} once LibreOffice loaded the file"
            rule = matching[0]
            # LibreOffice's own words for it: whole number between min and max, entry refused.
            assert (rule.type, rule.operator, rule.formula1, rule.formula2) == ("whole", "between", str(scale.min), str(scale.max)), slug
            assert rule.errorStyle in (None, "stop") and rule.showErrorMessage, slug


def test_ods_score_cells_are_coloured_red_to_green(content: Content, tmp_path: Path) -> None:
    slug = _scored_templates(content)[0]
    doc = build_document(content.template(slug), content, "nl")
    converted = convert([_write(tmp_path, f"{slug}.ods", render("ods", doc))], "xlsx", tmp_path)[slug]
    sheet = openpyxl.load_workbook(converted).worksheets[0]
    grid = score_grid(doc)
    first = f"{col_letter(grid.first_period_col)}{grid.groups[0].first_row}"
    ranges = [str(rng.sqref) for rng in sheet.conditional_formatting if any(_inside(first, str(cell)) for cell in rng.sqref.ranges)]
    assert ranges, "LibreOffice sees no colouring on the score cells"


def _inside(cell: str, area: str) -> bool:
    if ":" not in area:
        return cell == area
    (c1, r1), (c2, r2), (c, r) = (_split(part) for part in (*area.split(":"), cell))
    return c1 <= c <= c2 and r1 <= r <= r2


def _split(ref: str) -> tuple[str, int]:
    match = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    assert match, ref
    return match.group(1).rjust(3), int(match.group(2))


def test_xlsx_chart_leaves_empty_weeks_out(content: Content, tmp_path: Path) -> None:
    """A quarter half filled: LibreOffice plots the filled weeks and no point (not 0) for the rest."""
    slugs = _scored_templates(content)
    files = []
    for slug, doc in _documents(content, slugs).items():
        workbook = openpyxl.load_workbook(io.BytesIO(render("xlsx", doc)))
        sheet = workbook.worksheets[0]
        grid = score_grid(doc)
        for rows in grid.groups:
            for row in rows.statement_rows():
                for col in (grid.first_period_col, grid.first_period_col + 1):
                    sheet.cell(row, col, rows.group.scale.max)
        path = tmp_path / f"{slug}.xlsx"
        workbook.save(path)
        files.append(path)
    for slug, converted in convert(files, "ods", tmp_path).items():
        chart = zipfile.ZipFile(converted).read("Object 1/content.xml").decode()
        treatment = re.search(r'chart:treat-empty-cells="([^"]+)"', chart)
        assert treatment and treatment.group(1) != "use-zero", f"{slug}: LibreOffice draws empty weeks as 0"
        values = re.findall(r'<table:table-cell office:value-type="float" office:value="([^"]+)"', chart)
        weeks = score_grid(_documents(content, [slug])[slug]).periods
        series_count = len(values) // weeks
        for series in range(series_count):
            plotted = values[series::series_count]  # the chart's table: a row per week, a column per series
            assert "NaN" not in plotted[:2], f"{slug}: the filled weeks are missing from the chart: {plotted}"
            assert set(plotted[2:]) == {"NaN"}, f"{slug}: empty weeks plotted as values: {plotted}"


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(pdf).pages]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_sheets_print_one_page_per_sheet(fmt: str, content: Content, tmp_path: Path) -> None:
    """Printed (LibreOffice's PDF export), the score grid with every week fits one landscape page, and
    the notes sheet with its columns fits one more: no week or question cut off onto a page of its own."""
    docs = _documents(content, _scored_templates(content))
    files = [_write(tmp_path, f"{slug}.{fmt}", render(fmt, doc)) for slug, doc in docs.items()]
    for slug, pdf in convert(files, "pdf", tmp_path).items():
        doc = docs[slug]
        pages = _pages(pdf)
        assert len(pages) == 2, f"{slug}.{fmt} prints {len(pages)} pages"
        scores, notes = (" ".join(page.split()) for page in pages)
        assert f"{doc.period_label} {doc.periods}" in scores and doc.labels.average in scores
        assert doc.groups[-1].statements[-1].text.split()[0] in scores
        assert f"{doc.period_label} {doc.periods}" in notes and doc.labels.notes in notes
        width, height = (float(v) for v in pypdf.PdfReader(pdf).pages[0].mediabox.upper_right)
        assert width > height, f"{slug}.{fmt}: not landscape"


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_documents_end_on_a_page_worth_printing(fmt: str, content: Content, tmp_path: Path) -> None:
    """Printed from LibreOffice, no document's last page holds just the end of a list or a paragraph
    (as the check-in's PDF did with its last tip)."""
    docs = _documents(content, [t.slug for t in content.templates])
    files = [_write(tmp_path, f"{slug}.{fmt}", render(fmt, doc)) for slug, doc in docs.items()]
    for slug, pdf in convert(files, "pdf", tmp_path).items():
        pages = _pages(pdf)
        if len(pages) == 1:
            continue
        lines = [line for line in pages[-1].splitlines() if line.strip() and not line.strip().isdigit()]  # less the page number
        assert len(lines) >= 3, f"{slug}.{fmt}: the last page holds only {lines}"
