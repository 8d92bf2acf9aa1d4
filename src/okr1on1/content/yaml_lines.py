"""YAML loading that remembers where each value stood, so errors can name the line.

Bounded before anything is built: nesting deeper than MAX_DEPTH, aliases that expand to more than
MAX_VALUES values (a "billion laughs" bomb) or that refer to the node holding them are refused with
their line, as are bytes that are not UTF-8 and integers too long to read."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

Location = tuple[str | int, ...]

MAX_DEPTH = 32  # the content nests 8 deep at most
MAX_VALUES = 100_000  # values in a file once its aliases are expanded; the largest file holds ~2 000


class YamlSyntaxError(ValueError):
    """Bad YAML: carries the 1-based line of the problem."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that also refuses tabs in indentation and duplicate mapping keys."""


# libyaml's parser, when PyYAML has it, is ten times faster; a file it refuses is parsed again by the
# pure-Python loader so the message (and its line) is the same with or without libyaml.
_FastLoader: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def _check_bounds(text: str) -> None:
    """Walk the YAML events once (no recursion, nothing built): refuse nesting beyond MAX_DEPTH, an alias
    inside the node it names, and more than MAX_VALUES values with aliases expanded. Syntax errors are
    left to the loader, which words them."""
    try:
        _walk_events(text, _FastLoader or yaml.SafeLoader)
    except yaml.YAMLError:
        # libyaml reads ahead and may stop (at 1000 levels, say) before it yields the events that
        # show the problem; the pure-Python parser yields them one by one.
        with contextlib.suppress(yaml.YAMLError):
            _walk_events(text, yaml.SafeLoader)


def _walk_events(text: str, loader: Any) -> None:
    open_nodes: list[list[Any]] = []  # [anchor, values so far] of each collection being read
    expanded: dict[str, int] = {}  # anchor → values in its node, aliases expanded
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([event.anchor, 1])
            if len(open_nodes) > MAX_DEPTH:
                raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", line)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, count = open_nodes.pop()
            if anchor is not None:
                expanded[anchor] = count
        elif isinstance(event, yaml.AliasEvent):
            if any(node[0] == event.anchor for node in open_nodes):
                raise YamlSyntaxError(f"alias *{event.anchor} refers to the node that holds it", line)
            count = expanded.get(event.anchor, 1) if event.anchor is not None else 1
        elif isinstance(event, yaml.ScalarEvent):
            count = 1
            if event.anchor is not None:
                expanded[event.anchor] = 1
        else:
            continue
        if open_nodes:
            open_nodes[-1][1] += count
            if open_nodes[-1][1] > MAX_VALUES:
                raise YamlSyntaxError(f"more than {MAX_VALUES} values once its aliases are expanded", line)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise YamlSyntaxError(f"not UTF-8: byte 0x{data[error.start]:02x} cannot be read (save the file as UTF-8)", line) from None


def _scalar(node: yaml.Node, loader: SafeConstructor) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as error:  # e.g. an integer of more than 4300 digits
        raise YamlSyntaxError(f"value cannot be read: {str(error).split(';')[0]}", node.start_mark.line + 1) from None


def _construct(node: yaml.Node, loader: SafeConstructor, path: Location, lines: dict[Location, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader)
            if not isinstance(key, (str, int)):
                raise YamlSyntaxError(f"mapping key must be text, not {type(key).__name__}", key_node.start_mark.line + 1)
            if key in result:
                raise YamlSyntaxError(f"duplicate key '{key}'", key_node.start_mark.line + 1)
            result[key] = _construct(value_node, loader, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, loader, (*path, index), lines) for index, item in enumerate(node.value)]
    return _scalar(node, loader)


def load_yaml_with_lines(path: Path) -> tuple[Any, dict[Location, int]]:
    """Parse one YAML file; return the data and a map from each value's location to its line."""
    text = _decode(path.read_bytes())
    for number, text_line in enumerate(text.splitlines(), start=1):
        stripped = text_line.lstrip(" ")
        if stripped.startswith("\t"):
            raise YamlSyntaxError("tab used for indentation (YAML allows spaces only)", number)
    _check_bounds(text)
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
