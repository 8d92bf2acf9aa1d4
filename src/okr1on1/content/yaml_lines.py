"""YAML loading that remembers where each value stood, so errors can name the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

Location = tuple[str | int, ...]


class YamlSyntaxError(ValueError):
    """Bad YAML: carries the 1-based line of the problem."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that also refuses tabs in indentation and duplicate mapping keys."""


# libyaml's parser, when PyYAML has it, is ten times faster; a file it refuses is parsed again by the
# pure-Python loader so the message (and its line) is the same with or without libyaml.
_FastLoader: type[SafeConstructor] | None = getattr(yaml, "CSafeLoader", None)


def _construct(node: yaml.Node, loader: SafeConstructor, path: Location, lines: dict[Location, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise YamlSyntaxError(f"mapping key must be text, not {type(key).__name__}", key_node.start_mark.line + 1)
            if key in result:
                raise YamlSyntaxError(f"duplicate key '{key}'", key_node.start_mark.line + 1)
            result[key] = _construct(value_node, loader, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, loader, (*path, index), lines) for index, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def load_yaml_with_lines(path: Path) -> tuple[Any, dict[Location, int]]:
    """Parse one YAML file; return the data and a map from each value's location to its line."""
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise YamlSyntaxError("tab used for indentation (YAML allows spaces only)", number)
    if _FastLoader is not None:
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            lines: dict[Location, int] = {}
            return (_construct(node, loader, (), lines) if node is not None else None), lines
        except yaml.YAMLError:
            pass  # reported below, by the pure-Python loader
        finally:
            loader.dispose()
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        lines = {}
        data = _construct(node, loader, (), lines) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        message = f"invalid YAML: {error.problem or error}"
        if error.context and error.context_mark and error.context_mark.line + 1 != line:
            # e.g. an unclosed { is found lines later: name where the construct began too.
            construct = error.context.removeprefix("while parsing ")
            message += f" (in the {construct} that starts on line {error.context_mark.line + 1})"
        raise YamlSyntaxError(message, line) from error
    except yaml.YAMLError as error:
        raise YamlSyntaxError(f"invalid YAML: {error}", 1) from error
    finally:
        loader.dispose()
    return data, lines


def line_of(lines: dict[Location, int], location: Location) -> int:
    """The line of `location`, or of its nearest ancestor that was in the file."""
    path = tuple(location)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)
