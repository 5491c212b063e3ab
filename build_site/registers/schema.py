"""Loading hand-edited YAML data with messages that name the file and the key.

In the manner of mkdocs/config: the whole file is checked up front and every error is
reported at once, so an editor fixes them in one go instead of one per build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(path, [f"invalid YAML: {where}{problem}"]) from None


class Checker:
    """Collects errors while reading a YAML tree; `key` paths read like `sectors[3].slug`."""

    def __init__(self, path: Path | str):
        self.path = path
        self.errors: list[str] = []

    def fail(self, key: str, message: str) -> None:
        self.errors.append(f"{key}: {message}")

    def mapping(self, value: Any, key: str) -> dict:
        if not isinstance(value, dict):
            self.fail(key, f"expected a mapping, got {type(value).__name__}")
            return {}
        return value

    def items(self, value: Any, key: str) -> list:
        if not isinstance(value, list):
            self.fail(key, f"expected a list, got {type(value).__name__}")
            return []
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
