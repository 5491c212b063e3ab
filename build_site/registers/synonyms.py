"""Search synonyms and abbreviations (content/synonyms.yml): words that name one thing.

A reader types 安委办 and the clause says 安全生产委员会办公室, or the other way round;
searching any word of a group finds the others (build_site/hooks/pagefind.py indexes each
page with the groups it mentions, the search box rewrites the query the same way).
The file starts from the abbreviations the notices define themselves
(`（以下简称“市党代会”）`, grammar.DEFINED_ABBREVIATION) and adds the usual ones; the
departments register (content/departments.yml) contributes each department's aliases.

A term is one run of Chinese characters or one Latin or digit word (LNG), because that is
how the search box cuts a query into words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from build_site.ingest.grammar import HAN
from build_site.registers.departments import Department
from build_site.registers.schema import Checker, read_yaml

TERM = re.compile(rf"[{HAN}]+|[A-Za-z0-9]+")


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[tuple[str, ...], ...]

    @cached_property
    def _members(self) -> tuple[tuple[str, int], ...]:
        return tuple((term.lower(), index) for index, group in enumerate(self.groups)
                     for term in group)

    def groups_in(self, text: str) -> set[int]:
        """The groups one of whose terms occurs in `text` (Latin terms in any case)."""
        text = text.lower()
        return {index for term, index in self._members if term in text}

    def with_departments(self, departments: Iterable[Department]) -> Synonyms:
        """These groups and each department's names, groups sharing a term merged (names
        the search box cannot take as one word, such as 各市、县人民政府, are left out)."""
        names = [[name for name in (d.name, *d.aliases) if TERM.fullmatch(name)]
                 for d in departments]
        groups = [*self.groups, *(tuple(group) for group in names if len(group) > 1)]
        merged: list[list[str]] = []  # in the order of each group's first term
        for group in groups:
            joined = [other for other in merged if set(other) & set(group)]
            terms = [term for other in joined for term in other]
            terms += [term for term in group if term not in terms]
            if joined:
                merged[merged.index(joined[0])] = terms
                merged = [other for other in merged if other not in joined[1:]]
            else:
                merged.append(terms)
        return Synonyms(tuple(tuple(group) for group in merged))


def load_synonyms(path: Path) -> Synonyms:
    """The groups of content/synonyms.yml, or a ConfigError listing every problem."""
    check = Checker(path)
    root = check.mapping(read_yaml(path), "(top level)")
    check.unknown_keys(root, {"synonyms"}, "(top level)")
    groups: list[tuple[str, ...]] = []
    seen: list[tuple[str, str]] = []
    for index, raw in enumerate(check.items(root.get("synonyms"), "synonyms")):
        key = f"synonyms[{index}]"
        entry = check.mapping(raw, key)
        check.unknown_keys(entry, {"terms", "note"}, key)
        check.text(entry, "note", key, required=False)
        terms = check.texts(entry, "terms", key)
        for position, term in enumerate(terms):
            if not TERM.fullmatch(term):
                check.fail(f"{key}.terms[{position}]", f"{term!r} is not one run of Chinese "
                           "characters or one Latin/digit word (the search box cuts there)")
            seen.append((f"{key}.terms[{position}]", term))
        if len(set(terms)) < 2:
            check.fail(f"{key}.terms", "a group needs at least two different terms")
        groups.append(tuple(terms))
    check.unique(seen, "term")
    check.done()
    return Synonyms(tuple(groups))
