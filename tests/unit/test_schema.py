"""The JSON Schemas for editors are generated from the models; stale copies fail here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okr1on1.content.schema import SCHEMAS, schema_text

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "content" / "schema"


@pytest.mark.parametrize("name", SCHEMAS)
def test_committed_schema_is_fresh(name: str) -> None:
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name], name), f"content/schema/{name} is stale: run `okr1on1 schema`"


def test_template_schema_refuses_unknown_keys_and_knows_the_kinds() -> None:
    schema = json.loads((SCHEMA_DIR / "template.schema.json").read_text(encoding="utf-8"))
    kinds = {definition["properties"]["kind"]["const"] for definition in schema["$defs"].values() if "kind" in definition.get("properties", {})}
    assert kinds == {"agenda", "survey", "checkin"}
    assert all(d.get("additionalProperties") is False for d in schema["$defs"].values() if d.get("type") == "object" and "properties" in d)
