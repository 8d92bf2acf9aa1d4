"""JSON Schemas of the content files, generated from the models, for editors (VS Code's YAML
extension and others). A test fails when the committed schemas are stale: run `okr1on1 schema`."""

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


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(schema_text(model, name), encoding="utf-8")
        written.append(path)
    return written
