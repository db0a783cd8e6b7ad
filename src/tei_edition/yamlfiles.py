"""YAML files read with the line of every key, so that each problem in them is reported at its line."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from tei_edition.errors import EditionError, read_text


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML 1.2 core scalars, duplicate keys refused, and the line of every mapping key kept
    (parsed by libyaml where PyYAML has it: ten times faster than its Python parser).

    YAML 1.1 (PyYAML's default) reads `yes`, `no`, `on`, `off` as booleans and `2020-05-01` as a
    date: here they stay text, as YAML 1.2 says. Only true/false, null and decimal integers are
    typed; everything else is a string.
    """


_LineLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
        ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789")):
    _LineLoader.add_implicit_resolver(_tag, re.compile(_pattern),
                                      list(_first) + ([""] if _tag.endswith("null") else []))


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    key_lines: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key must be plain text",
                                                    key_node.start_mark)
        if key in key_lines:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' is given twice (first on line {key_lines[key]}): "
                            f"YAML would keep only the last one; remove one of them", key_node.start_mark)
        key_lines[key] = key_node.start_mark.line + 1
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    return _Mapping(mapping, node.start_mark.line + 1, key_lines)


class _Mapping(dict):
    def __init__(self, data: dict, line: int, key_lines: dict[Any, int]):
        super().__init__(data)
        self.line = line
        self.key_lines = key_lines

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    text = read_text(path)
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise EditionError.at(path, line, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise EditionError.at(path, None, f"not valid YAML: {exc}") from None


def line_of(mapping: Any, key: Any = None) -> int | None:
    """The line of `key` in a mapping read by `load_yaml` (or of the mapping itself)."""
    if key is not None and hasattr(mapping, "line_of"):
        return mapping.line_of(key)
    return getattr(mapping, "line", None)


def _kind(value: Any) -> str:
    """How a wrong value is described in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):  # before int: a bool is an int in Python
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the number {value}" if isinstance(value, int) else f"the text '{value}'"
