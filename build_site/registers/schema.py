"""Loading hand-edited YAML data with messages that name the file, the line and the key.

In the manner of mkdocs/config: the whole file is checked up front and every error is
reported at once, so an editor fixes them in one go instead of one per build. The loader
keeps the line of every key and list item, so that an error names where to look.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOP = "(top level)"
_LAST_PART = re.compile(r"(?:^|\.)[^.\[\]]*$|\[\d+\]$")  # `.slug` or `[3]` at the end of a key


class LocatedDict(dict):
    """A YAML mapping that knows the (1-based) line of each of its keys."""

    lines: dict[Any, int]


class LocatedList(list):
    """A YAML list that knows the line of each of its items."""

    lines: dict[int, int]


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LocatedDict:
    """Like SafeLoader's, but a key given twice is an error instead of the last one winning."""
    loader.flatten_mapping(node)
    mapping = LocatedDict()
    mapping.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise ConstructorError(None, None, "a key must be a plain value", key_node.start_mark)
        if key in mapping.lines:
            raise ConstructorError(None, None, f"duplicate key {key!r} (first at line "
                                   f"{mapping.lines[key]})", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LocatedList:
    items = LocatedList(loader.construct_object(item, deep=True) for item in node.value)
    items.lines = {index: item.start_mark.line + 1 for index, item in enumerate(node.value)}
    return items


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


class ConfigError(Exception):
    """One or more errors in a data file; str() lists them all, each with file and key."""

    def __init__(self, path: Path | str, errors: list[str]):
        self.path = str(path)
        self.errors = errors
        super().__init__("\n".join(f"{self.path}: {error}" for error in errors))


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, ["file not found"]) from None
    except UnicodeDecodeError as error:
        raise ConfigError(path, [f"not UTF-8 ({error.reason} at byte {error.start})"]) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise ConfigError(path, [f"invalid YAML: {_yaml_error(error, text)}"]) from None


def _yaml_error(error: yaml.YAMLError, text: str) -> str:
    """Where the parser stopped and what it was reading, each with the line as written:
    the key in it is what the editor looks for."""
    lines = text.splitlines()

    def at(mark: yaml.Mark) -> str:
        shown = lines[mark.line].strip() if mark.line < len(lines) else ""
        return f"line {mark.line + 1}, column {mark.column + 1}" + (f": `{shown}`" if shown
                                                                    else "")

    mark, context = getattr(error, "problem_mark", None), getattr(error, "context", None)
    message = f"{at(mark)}: " if mark else ""
    message += getattr(error, "problem", None) or str(error)
    context_mark = getattr(error, "context_mark", None)
    if context and context_mark:
        message += f"; {context} at {at(context_mark)}"
    return message


class Checker:
    """Collects errors while reading a YAML tree; `key` paths read like `sectors[3].slug`.

    The mappings and lists it is handed tell it the lines of their keys and items, so each
    error names the line of its key, or of the nearest entry that holds it.
    """

    def __init__(self, path: Path | str):
        self.path = path
        self.errors: list[str] = []
        self.lines: dict[str, int] = {}  # key path → line

    def fail(self, key: str, message: str) -> None:
        line = self._line_of(key.removeprefix(f"{TOP}."))
        self.errors.append(f"line {line}: {key}: {message}" if line else f"{key}: {message}")

    def _line_of(self, key: str) -> int | None:
        while key not in self.lines:
            shorter = _LAST_PART.sub("", key)
            if shorter == key:
                return None
            key = shorter
        return self.lines[key]

    def mapping(self, value: Any, key: str) -> dict:
        if not isinstance(value, dict):
            self.fail(key, f"expected a mapping, got {type(value).__name__}")
            return {}
        prefix = "" if key == TOP else f"{key}."
        self.lines.update({f"{prefix}{name}": line
                           for name, line in getattr(value, "lines", {}).items()})
        return value

    def items(self, value: Any, key: str) -> list:
        if not isinstance(value, list):
            self.fail(key, f"expected a list, got {type(value).__name__}")
            return []
        self.lines.update({f"{key}[{index}]": line
                           for index, line in getattr(value, "lines", {}).items()})
        return value

    def text(self, entry: dict, name: str, key: str, required: bool = True) -> str:
        value = entry.get(name)
        if value is None:
            if required:
                self.fail(f"{key}.{name}", "missing")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key}.{name}", f"expected non-empty text, got {value!r}")
            return ""
        return value.strip()

    def texts(self, entry: dict, name: str, key: str, required: bool = True) -> list[str]:
        value = entry.get(name, [] if not required else None)
        if value is None:
            self.fail(f"{key}.{name}", "missing")
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(f"{key}.{name}", f"expected a list of non-empty texts, got {value!r}")
            return []
        return [v.strip() for v in value]

    def slug(self, entry: dict, key: str) -> str:
        value = self.text(entry, "slug", key)
        if value and not SLUG.match(value):
            self.fail(f"{key}.slug", f"{value!r} is not a slug (lower-case a-z, 0-9 and -)")
        return value

    def unknown_keys(self, entry: dict, allowed: set[str], key: str) -> None:
        for name in entry:
            if name not in allowed:
                self.fail(f"{key}.{name}", f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def unique(self, values: list[tuple[str, str]], what: str) -> None:
        seen: dict[str, str] = {}
        for key, value in values:
            if value and value in seen:
                self.fail(key, f"duplicate {what} {value!r} (also at {seen[value]})")
            seen.setdefault(value, key)

    def done(self) -> None:
        if self.errors:
            raise ConfigError(self.path, self.errors)
