"""Downloadable files of a template, made at build time from the same content as its page.

`build_document` resolves a template into one language; one writer a format turns that document
into bytes (`render`); `DownloadCache` keeps the bytes by content hash so a rebuild that changed
nothing renders nothing. The site code names the files `<slug>.<extension>`.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import os
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from okr1on1.content.model import Agenda, Checkin, Survey
from okr1on1.downloads import document, grid, text, typeface
from okr1on1.downloads.document import TemplateDocument, build_document
from okr1on1.downloads.text import strip_emoji


@dataclass(frozen=True)
class DownloadFormat:
    key: str
    label: str
    extension: str
    mime_type: str
    icon: str  # Material for MkDocs icon shortcode name, for the download button
    spreadsheet: bool = False  # only for templates with statements (surveys, check-ins)


_FORMAT_LIST = (
    DownloadFormat("pdf", "PDF", "pdf", "application/pdf", "material-file-pdf-box"),
    DownloadFormat(
        "docx", "Word (.docx)", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "material-file-word-box"
    ),
    DownloadFormat("odt", "OpenDocument (.odt)", "odt", "application/vnd.oasis.opendocument.text", "material-file-document-outline"),
    DownloadFormat(
        "xlsx",
        "Excel (.xlsx)",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "material-file-excel-box",
        spreadsheet=True,
    ),
    DownloadFormat("ods", "OpenDocument (.ods)", "ods", "application/vnd.oasis.opendocument.spreadsheet", "material-table", spreadsheet=True),
    DownloadFormat("md", "Markdown (.md)", "md", "text/markdown", "material-language-markdown"),
)
FORMATS: dict[str, DownloadFormat] = {f.key: f for f in _FORMAT_LIST}
"""Every download format, in the order the buttons are shown."""

# Writer modules by format, imported when a file has to be rendered: their libraries (reportlab,
# python-docx, odfpy, openpyxl) take a while to import, and a build whose downloads are all in the
# cache needs none of them.
_WRITERS: dict[str, str] = {fmt: f"okr1on1.downloads.{fmt}" for fmt in ("pdf", "docx", "odt", "xlsx", "ods", "md")}


def template_date(content_dir: Path, slug: str) -> str:
    """The date a template's downloads carry (ISO): SOURCE_DATE_EPOCH when the build sets one (a
    reproducible build), else the last commit of its YAML file when it is committed unchanged, else the
    file's modification time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    folder = content_dir / "templates"
    path = next((p for p in (folder / f"{slug}.{ext}" for ext in ("yaml", "yml")) if p.is_file()), None)
    if path is None:
        return ""
    committed, changed = _git_dates(folder, max(p.stat().st_mtime for p in folder.iterdir()))
    if path.name in committed and path.name not in changed:
        return committed[path.name]
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()


@functools.cache
def _git_dates(folder: Path, newest_mtime: float) -> tuple[dict[str, str], frozenset[str]]:
    """File name → date of its last commit, and the names changed since; two git calls for the folder
    (none without git). `newest_mtime` renews the answer when a file changes (mkdocs serve)."""
    try:
        log = subprocess.run(["git", "log", "--format=@%ct", "--name-only", "--", "."], cwd=folder, capture_output=True, text=True, timeout=20)
        status = subprocess.run(["git", "status", "--porcelain", "--", "."], cwd=folder, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return {}, frozenset()
    if log.returncode or status.returncode:
        return {}, frozenset()
    committed: dict[str, str] = {}
    stamp = ""
    for line in log.stdout.splitlines():
        if line.startswith("@"):
            stamp = datetime.fromtimestamp(int(line[1:]), UTC).date().isoformat()
        elif line.strip():
            committed.setdefault(Path(line.strip()).name, stamp)  # newest first: the first date seen is the last change
    changed = frozenset(Path(line[3:].strip().strip('"')).name for line in status.stdout.splitlines() if len(line) > 3)
    return committed, changed


def formats_for(template: Agenda | Survey | Checkin | TemplateDocument) -> list[str]:
    """The format keys a template is offered in: spreadsheets only when it has statements to score."""
    scored = template.kind in ("survey", "checkin")
    return [key for key, fmt in FORMATS.items() if scored or not fmt.spreadsheet]


_LIBRARIES = {"pdf": "reportlab", "docx": "python-docx", "odt": "odfpy", "xlsx": "openpyxl", "ods": "odfpy", "md": None}


@functools.cache
def writer_version(fmt: str) -> str:
    """A digest of the writer's code, the shared layout code and its library's version.

    Editing a writer (or the shared layout code, or upgrading its library) changes the files it makes;
    folding that into the cache key means no stale download survives a code change, with no version
    number for anybody to remember to bump. The writer is read, not imported (see _WRITERS).
    """
    spec = importlib.util.find_spec(_WRITERS[fmt])
    if spec is None or spec.origin is None:
        raise ValueError(f"no writer for {fmt}")
    writer = Path(spec.origin)
    digest = hashlib.sha256(writer.read_bytes())
    for part in sorted(writer.parent.glob(f"{writer.stem}_*.py")):  # the writer's own modules (pdf_tags.py, …)
        digest.update(part.read_bytes())
    for source in (grid, text, document, typeface):
        digest.update(Path(str(source.__file__)).read_bytes())
    if fmt == "pdf":  # the embedded font is part of the file
        for name in typeface.FILES.values():
            digest.update((typeface.FOLDER / name).read_bytes())
    library = _LIBRARIES[fmt]
    if library:
        digest.update(metadata.version(library).encode())
    return digest.hexdigest()[:24]


def render(fmt: str, doc: TemplateDocument) -> bytes:
    """The file of `doc` in format `fmt` (a key of `FORMATS`)."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown download format '{fmt}' (known: {', '.join(FORMATS)})")
    if fmt not in formats_for(doc):
        raise ValueError(f"{doc.slug}: no {fmt} for a {doc.kind}; spreadsheets are made for surveys and check-ins")
    writer: Callable[[TemplateDocument], bytes] = importlib.import_module(_WRITERS[fmt]).render
    return writer(doc)


class DownloadCache:
    """Rendered files on disk, keyed by sha256 of (format, writer version, document JSON).

    An unchanged template (same text, same language, same writer) is read back instead of rendered,
    which keeps `mkdocs serve` rebuilds fast. Stale files are never served: any change to the
    document or a writer's code gives a new key.
    """

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)

    @staticmethod
    def key(fmt: str, doc: TemplateDocument) -> str:
        payload = f"{fmt}\n{writer_version(fmt)}\n{doc.to_json()}".encode()
        return hashlib.sha256(payload).hexdigest()

    def path(self, fmt: str, doc: TemplateDocument) -> Path:
        key = self.key(fmt, doc)
        return self.cache_dir / key[:2] / f"{key}.{FORMATS[fmt].extension}"

    def get(self, fmt: str, doc: TemplateDocument) -> bytes:
        return self.fetch(fmt, doc)[0]

    def fetch(self, fmt: str, doc: TemplateDocument) -> tuple[bytes, bool]:
        """The file, and whether it was rendered now (False: read from the cache)."""
        path = self.path(fmt, doc)
        if path.is_file():
            return path.read_bytes(), False
        data = render(fmt, doc)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a build killed halfway never leaves a truncated file under a valid key.
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return data, True


__all__ = [
    "FORMATS",
    "DownloadCache",
    "DownloadFormat",
    "TemplateDocument",
    "build_document",
    "formats_for",
    "render",
    "strip_emoji",
    "template_date",
    "writer_version",
]
