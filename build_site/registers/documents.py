"""The names of cited documents (content/document_names.yml): which titles name one document.

Enrich/link.py merges the citations of one document on the 引用文件 page by these names, by
the short forms the notices define (`以下简称《安全生产法》`) and by the 文号 printed with a
title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_site.registers.schema import Checker, read_yaml


@dataclass(frozen=True)
class DocumentNames:
    prefixes: tuple[str, ...] = ()  # `中华人民共和国`: a title names the same without it
    full_titles: dict[str, str] = field(default_factory=dict)  # another name → full title

    def full_title(self, name: str) -> str:
        return self.full_titles.get(name, name)

    def identity(self, title: str) -> str:
        """What two titles of one document have in common: the full title, prefixes off."""
        title = self.full_title(title)
        for prefix in self.prefixes:
            if title.startswith(prefix) and len(title) > len(prefix):
                return title[len(prefix):]
        return title


def load_document_names(path: Path) -> DocumentNames:
    """The register, or a ConfigError listing every problem in the file."""
    check = Checker(path)
    root = check.mapping(read_yaml(path), "(top level)")
    check.unknown_keys(root, {"prefixes", "documents"}, "(top level)")
    prefixes = check.texts(root, "prefixes", "(top level)", required=False)
    full_titles: dict[str, str] = {}
    names: list[tuple[str, str]] = []
    for index, raw in enumerate(check.items(root.get("documents", []), "documents")):
        key = f"documents[{index}]"
        entry = check.mapping(raw, key)
        check.unknown_keys(entry, {"title", "aliases"}, key)
        title = check.text(entry, "title", key)
        aliases = check.texts(entry, "aliases", key)
        names += [(f"{key}.title", title)] + [(f"{key}.aliases", alias) for alias in aliases]
        full_titles.update((alias, title) for alias in aliases)
    check.unique(names, "document name")
    check.done()
    return DocumentNames(tuple(prefixes), full_titles)
