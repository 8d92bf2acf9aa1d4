"""Issue 18, point 11: "My results" exported as an Excel workbook that Dutch Excel opens as a table.

The workbook is written by the engine in the worker (okr1on1.results_sheet); opened here with
openpyxl and with LibreOffice (converted to CSV with its Dutch number format), as a manager's office
suite opens it.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page
from widget_helpers import result_document, saved_result, seed_storage, wait_for_engine

from okr1on1.scoring import score

ANSWERS = {"progress": 5, "address-behaviour": 6, "receive-feedback": 4, "career-path": 3, "strengths": 7}  # mean 5, index 66.67
ODD = {"progress": 5, "address-behaviour": 6, "receive-feedback": 4}  # mean 5, index 66.666…
SOFFICE = shutil.which("soffice")


def _export(page: Page, tmp_path: Path) -> Path:
    seed_storage(
        page,
        result_document(
            saved_result("r-1", "personal-development", "2026-01-12T09:30:00.000Z", ANSWERS, {"career-path": "=SUM(A1) geen formule"}),
            saved_result("r-2", "personal-development", "2026-04-12T09:00:00.000Z", ODD),
        ),
    )
    page.goto("/results/")
    wait_for_engine(page)
    button = page.locator(".okr-history__export-xlsx")
    button.wait_for()
    with page.expect_download() as download_info:
        button.click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    path = tmp_path / "results.xlsx"
    download_info.value.save_as(path)
    return path


def test_results_export_to_excel_has_numbers_rounded_and_one_column_each(page: Page, tmp_path: Path) -> None:
    path = _export(page, tmp_path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Bewaard op (UTC)", "Stemmingscheck", "Versie", "Gemiddelde", "Index (0–100)")
    assert len(rows) == 1 + len(ANSWERS) + len(ODD)
    first = rows[1]
    assert first[0].isoformat(timespec="minutes") == "2026-01-12T09:30"  # a real date-time, not text
    expected = score(_spec(page), ODD)
    odd_row = next(row for row in rows[1:] if row[0].month == 4)
    assert odd_row[3] == round(expected["mean"], 2) and odd_row[4] == round(expected["index"], 1)  # 66.7, not 66.66666666666667
    assert isinstance(odd_row[4], float) and odd_row[5] == expected["band"]
    note = next(row for row in rows[1:] if row[8])
    assert note[8] == "=SUM(A1) geen formule" and note[7] == 3  # text stays text, the answer a number


def _spec(page: Page) -> dict:
    return next(s for s in json.loads(page.locator(".okr-history__specs").text_content() or "") if s["id"] == "personal-development")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_export_as_columns_of_numbers(page: Page, tmp_path: Path) -> None:
    path = _export(page, tmp_path)
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    # The cells as LibreOffice shows them (formatted as displayed), separated by semicolons.
    target = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true"
    command = [SOFFICE, profile, "--headless", "--convert-to", target, "--outdir", str(tmp_path), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=240)
    table = list(csv.reader(io.StringIO((tmp_path / "results.csv").read_text(encoding="utf-8")), delimiter=";"))
    assert len(table[0]) == 9 and all(len(row) == 9 for row in table)
    shown = [row[4] for row in table[1:]]
    assert "66.7" in shown and not any(len(value) > 5 for value in shown), shown  # one decimal, as the number format says
