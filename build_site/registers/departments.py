"""The register of responsible departments (content/departments.yml).

Departments are named in notes such as `（省应急厅、省交通厅等部门分工负责）`
(enrich/responsibility.py reads them).

The notices name one body several ways (省应急厅 and 省应急管理厅; 省消防救援总队 and
省消防局), so the register (content/departments.yml) merges the names into one entry with
one page. Generic entries (`省有关部门`, `负有安全生产监管职责的部门`) are kept: they
are what the text says.
A name not yet registered keeps its printed form and gets a slug derived from its pinyin,
stable for that name; registering it later may change its URL, so register early.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_site.ingest.normalize import pinyin
from build_site.registers.schema import Checker, read_yaml


@dataclass(frozen=True)
class Department:
    slug: str  # URL of the department page; never change it once published
    name: str  # as most often printed
    aliases: tuple[str, ...] = ()
    registered: bool = True  # False: not in content/departments.yml, slug from the name


def load_departments(path: Path) -> tuple[Department, ...]:
    """The register in content/departments.yml, or a ConfigError listing every problem."""
    check = Checker(path)
    root = check.mapping(read_yaml(path), "(top level)")
    check.unknown_keys(root, {"departments"}, "(top level)")
    entries = []
    for index, raw in enumerate(check.items(root.get("departments"), "departments")):
        key = f"departments[{index}]"
        entry = check.mapping(raw, key)
        check.unknown_keys(entry, {"name", "slug", "aliases"}, key)
        entries.append(Department(check.slug(entry, key), check.text(entry, "name", key),
                                  tuple(check.texts(entry, "aliases", key, required=False))))
    check.unique([(f"departments[{i}].slug", d.slug) for i, d in enumerate(entries)], "slug")
    names = [(f"departments[{i}]", name) for i, d in enumerate(entries)
             for name in (d.name, *d.aliases)]
    check.unique(names, "name or alias")
    check.done()
    return tuple(entries)


def department_slug(name: str) -> str:
    """For a name not in the register: its pinyin, the same every build."""
    slug = pinyin(name)
    return "".join(char for char in slug if char.isascii() and char.isalnum()) or "department"
