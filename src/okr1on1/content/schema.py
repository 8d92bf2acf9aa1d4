"""JSON Schemas of the content files, generated from the models, for editors (VS Code's YAML
extension and others), and the `# yaml-language-server: $schema=…` first line of every content file
that ties it to its schema. A test fails when either is stale: run `okr1on1 schema`."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, RootModel

from okr1on1.content.model import Guide, Localized, QuestionsPage, TemplateFile, TipsPage

SCHEMA_DIR = Path("content") / "schema"


class UiStrings(RootModel[dict[str, Localized]]):
    """`content/ui/*.yaml`: UI string key → text."""


SCHEMAS: dict[str, type[BaseModel]] = {
    "template.schema.json": TemplateFile,
    "guide.schema.json": Guide,
    "questions.schema.json": QuestionsPage,
    "tips.schema.json": TipsPage,
    "ui.schema.json": UiStrings,
}


def schema_text(model: type[BaseModel], name: str) -> str:
    schema = model.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name, **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="
# content file (glob, relative to content/) → its schema
CONTENT_SCHEMAS: dict[str, str] = {
    "guide.yaml": "guide.schema.json",
    "questions.yaml": "questions.schema.json",
    "tips.yaml": "tips.schema.json",
    "templates/*.yaml": "template.schema.json",
    "ui/*.yaml": "ui.schema.json",
}


def content_files(content_dir: Path) -> list[tuple[Path, str]]:
    """Every content file with the name of its schema."""
    return [(path, schema) for pattern, schema in CONTENT_SCHEMAS.items() for path in sorted(content_dir.glob(pattern))]


def schema_line(path: Path, content_dir: Path, schema: str) -> str:
    """The first line that names `schema` to a YAML language server, relative to the file."""
    depth = len(path.relative_to(content_dir).parts) - 1
    return f"{SCHEMA_LINE_PREFIX}{'../' * depth}schema/{schema}"


def with_schema_line(text: str, line: str) -> str:
    """`text` starting with `line`, in place of an earlier schema line if it had one."""
    first, newline, rest = text.partition("\n")
    if first.startswith(SCHEMA_LINE_PREFIX):
        return f"{line}\n{rest}" if newline else f"{line}\n"
    return f"{line}\n{text}"


def write_schema_lines(content_dir: Path) -> list[Path]:
    """Give every content file its schema line; returns the files changed."""
    changed = []
    for path, schema in content_files(content_dir):
        text = path.read_text(encoding="utf-8")
        updated = with_schema_line(text, schema_line(path, content_dir, schema))
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            changed.append(path)
    return changed


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(schema_text(model, name), encoding="utf-8")
        written.append(path)
    return written
