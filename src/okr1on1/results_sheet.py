"""The saved results as an Excel workbook (.xlsx), written in the worker from what the browser holds.

Standard library only (zipfile and XML text), so it runs in Pyodide as in CPython; the page hands over
the saved results, the survey specs and the column labels (content, in its language) and saves the
bytes it gets back. Numbers are numbers (mean to 2 decimals, index to 1), so Excel and LibreOffice show
them with the reader's own decimal sign, whatever the language of the edition: no separator to guess.
"""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from okr1on1.scoring import ScoringError, score

# Column keys, in order; the page hands over its texts, which hold `xlsx_<key>` for each
# (content/ui/export.yaml) and `xlsx_sheet`, the sheet's name.
COLUMNS = ("saved_at", "survey", "survey_version", "mean", "index", "band", "statement", "answer", "note")
MEAN_DECIMALS, INDEX_DECIMALS = 2, 1
_STYLE = {"header": 1, "date": 2, "mean": 3, "index": 4, "whole": 5, "text": 6}  # cellXfs in _STYLES
_WIDTHS = (17, 34, 8, 9, 8, 18, 60, 8, 50)
_EPOCH = datetime(1899, 12, 30, tzinfo=UTC)  # day 0 of spreadsheet dates
_FIXED = (2000, 1, 1, 0, 0, 0)  # zip entry dates: same results, same bytes


def _escape(text: str) -> str:
    """XML's three characters escaped (xml.sax.saxutils.escape would bring urllib, http and email into
    the engine's trimmed standard library: stdlib_trim.py)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def results_workbook(results: Sequence[Mapping[str, Any]], specs: Sequence[Mapping[str, Any]], labels: Mapping[str, str]) -> dict[str, str]:
    """The workbook of `results` (saved results as in STORAGE.md): one row per answered or annotated
    statement, with the engine's score of the whole result. Returns {"base64": the .xlsx file}.

    A result whose survey is not in `specs`, or that the engine cannot score, keeps its answers
    with empty score cells: an export loses nothing.
    """
    missing = [f"xlsx_{key}" for key in COLUMNS if not isinstance(labels.get(f"xlsx_{key}"), str)]
    if missing:
        raise ScoringError(f"labels lack {', '.join(missing)}")
    by_id = {spec["id"]: spec for spec in specs}
    rows: list[list[tuple[str, Any]]] = [[("header", labels[f"xlsx_{key}"]) for key in COLUMNS]]
    for result in results:
        spec = by_id.get(result.get("survey"))
        answers = result.get("answers") or {}
        notes = result.get("notes") or {}
        statements = spec["statements"] if spec else [{"id": key, "text": key} for key in dict.fromkeys([*answers, *notes])]
        known = {s["id"] for s in statements}
        scored = None
        if spec:
            try:
                scored = score(spec, {key: value for key, value in answers.items() if key in known})
            except ScoringError:
                scored = None
        for statement in statements:
            if statement["id"] not in answers and statement["id"] not in notes:
                continue
            rows.append(
                [
                    ("date", _serial(result.get("saved_at"))),
                    ("text", spec.get("title", result.get("survey")) if spec else result.get("survey")),
                    ("whole", result.get("survey_version")),
                    ("mean", _rounded(scored and scored.get("mean"), MEAN_DECIMALS)),
                    ("index", _rounded(scored and scored.get("index"), INDEX_DECIMALS)),
                    ("text", scored and scored.get("band")),
                    ("text", statement.get("text", statement["id"])),
                    ("whole", answers.get(statement["id"])),
                    ("text", notes.get(statement["id"])),
                ]
            )
    return {"base64": base64.b64encode(_xlsx(rows, str(labels.get("xlsx_sheet", "Results")))).decode("ascii")}


def _rounded(value: Any, decimals: int) -> float | None:
    return round(float(value), decimals) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _serial(saved_at: Any) -> float | str | None:
    """A spreadsheet date-time (UTC) for an ISO timestamp; the text itself when it is not one."""
    if not isinstance(saved_at, str):
        return None
    try:
        moment = datetime.fromisoformat(saved_at.replace("Z", "+00:00"))
    except ValueError:
        return saved_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return round((moment - _EPOCH).total_seconds() / 86400, 8)


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, kind: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    style = _STYLE[kind]
    if isinstance(value, bool) or not isinstance(value, int | float):
        # Inline text: never read as a formula, whatever it starts with.
        text = _escape(str(value)).replace("\r", "")
        style = style if kind in ("header", "text") else _STYLE["text"]
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'


def _sheet(rows: list[list[tuple[str, Any]]]) -> str:
    columns = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(_WIDTHS, start=1))
    body = "".join(
        f'<row r="{r}">' + "".join(_cell(f"{_column(c)}{r}", kind, value) for c, (kind, value) in enumerate(row)) + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    last = f"{_column(len(COLUMNS) - 1)}{len(rows)}"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        f"<cols>{columns}</cols><sheetData>{body}</sheetData><autoFilter ref=\"A1:{last}\"/></worksheet>"
    )


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="165" formatCode="0.00"/>'
    '<numFmt numFmtId="166" formatCode="0.0"/></numFmts>'
    '<fonts count="2"><font><sz val="10"/><name val="Liberation Sans"/><family val="2"/></font>'
    '<font><b/><sz val="10"/><name val="Liberation Sans"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def _xlsx(rows: list[list[tuple[str, Any]]], sheet_name: str) -> bytes:
    name = _escape("".join(ch for ch in sheet_name if ch not in "[]:*?/\\")[:31] or "Results").replace('"', "&quot;")
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="xl/workbook.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
            '<Relationship Id="rId2" Target="styles.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": _STYLES,
        "xl/worksheets/sheet1.xml": _sheet(rows),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, text in parts.items():
            archive.writestr(zipfile.ZipInfo(path, _FIXED), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return out.getvalue()
