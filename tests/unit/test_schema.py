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


CONTENT = SCHEMA_DIR.parent


def test_every_content_file_names_its_schema_on_its_first_line() -> None:
    # Editors with a YAML language server (VS Code's YAML extension, Neovim, JetBrains) read this line:
    # completion and checks while typing, without any settings.
    from okr1on1.content.schema import content_files, schema_line

    files = content_files(CONTENT)
    assert {path.name for path in CONTENT.glob("templates/*.yaml")} <= {path.name for path, _ in files}
    stale = []
    for path, schema in files:
        first = path.read_text(encoding="utf-8").partition("\n")[0]
        if first != schema_line(path, CONTENT, schema):
            stale.append(str(path.relative_to(CONTENT)))
        named = (path.parent / first.split("$schema=", 1)[-1]).resolve()
        assert named.is_file(), f"{path.name}: the schema line names a missing file {named}"
    assert not stale, f"files without their schema line (run `okr1on1 schema`): {stale}"


def test_okr1on1_schema_gives_a_file_its_line_and_keeps_the_rest(tmp_path: Path) -> None:
    from okr1on1.cli import main

    content = tmp_path / "content"
    (content / "templates").mkdir(parents=True)
    template = content / "templates" / "x.yaml"
    template.write_text("# my note\nslug: x\n", encoding="utf-8")
    assert main(["schema", "--content", str(content)]) == 0
    assert template.read_text(encoding="utf-8") == "# yaml-language-server: $schema=../schema/template.schema.json\n# my note\nslug: x\n"
    assert main(["schema", "--content", str(content)]) == 0  # run again: one line, not two
    assert template.read_text(encoding="utf-8").count("yaml-language-server") == 1
    assert (content / "schema" / "template.schema.json").is_file()


def test_editor_settings_map_every_content_folder_to_its_schema() -> None:
    # For editors that ignore the first line: VS Code's yaml.schemas maps schema → files.
    from okr1on1.content.schema import CONTENT_SCHEMAS

    settings = json.loads((CONTENT.parent / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {pattern: schema for schema, patterns in settings["yaml.schemas"].items() for pattern in patterns}
    for pattern, schema in CONTENT_SCHEMAS.items():
        assert mapped.get(f"content/{pattern}") == f"./content/schema/{schema}", pattern
