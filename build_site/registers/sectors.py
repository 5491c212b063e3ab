"""The sector taxonomy (content/sectors.yml): topic-page slugs and the words that find them.

A word claimed by two sectors would make classification depend on the order of the file,
so the loader refuses it unless the file says, under `shared`, that the word names both.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from build_site.registers.schema import Checker, read_yaml

GROUPS = ("sector", "hazard", "theme")
TERM_FIELDS = ("labels", "synonyms", "keywords", "excludes")
SECTOR_KEYS = {"slug", "name", "group", "description", *TERM_FIELDS}


@dataclass(frozen=True)
class Sector:
    slug: str
    name: str
    group: str  # sector (行业领域) | hazard (自然灾害) | theme (执法, 培训 …)
    labels: tuple[str, ...] = ()  # only as an explicit label: a heading, `煤矿：`
    synonyms: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # shared words (`矿山`) included
    excludes: tuple[str, ...] = ()  # phrases blanked before matching: `责任保险` is not 责任
    description: str = ""

    @property
    def theme(self) -> bool:
        return self.group == "theme"

    def label_forms(self) -> tuple[str, ...]:
        """What may stand as an explicit label for this sector."""
        return (self.name, *self.labels, *self.synonyms)

    def words(self) -> tuple[str, ...]:
        """What points to this sector in running text."""
        return (self.name, *self.synonyms, *self.keywords)


def load_sectors(path: Path) -> tuple[Sector, ...]:
    """Every sector in file order, or a ConfigError listing every problem in the file."""
    check = Checker(path)
    root = check.mapping(read_yaml(path), "(top level)")
    check.unknown_keys(root, {"sectors", "shared"}, "(top level)")
    sectors = [
        _sector(check, raw, f"sectors[{index}]")
        for index, raw in enumerate(check.items(root.get("sectors"), "sectors"))
    ]
    for what in ("slug", "name"):
        check.unique([(f"sectors[{i}].{what}", getattr(s, what)) for i, s in enumerate(sectors)],
                     what)
    _check_claims(check, sectors)
    shared = _shared(check, root.get("shared", []), sectors)
    check.done()
    return tuple(
        replace(sector, keywords=(*sector.keywords, *shared.get(sector.slug, ())))
        for sector in sectors
    )


def _sector(check: Checker, raw: Any, key: str) -> Sector:
    entry = check.mapping(raw, key)
    check.unknown_keys(entry, SECTOR_KEYS, key)
    group = check.text(entry, "group", key)
    if group and group not in GROUPS:
        check.fail(f"{key}.group", f"{group!r} is not one of {', '.join(GROUPS)}")
    if entry.get("keywords") == []:
        check.fail(f"{key}.keywords", "empty: list at least one keyword")
    return Sector(
        slug=check.slug(entry, key),
        name=check.text(entry, "name", key),
        group=group,
        description=check.text(entry, "description", key, required=False),
        **{
            field: tuple(check.texts(entry, field, key, required=field == "keywords"))
            for field in TERM_FIELDS
        },
    )


def _check_claims(check: Checker, sectors: list[Sector]) -> None:
    """A word may appear in several fields of one sector, but in one sector only."""
    owner: dict[str, tuple[str, str]] = {}
    for index, sector in enumerate(sectors):
        fields = [("name", (sector.name,))] + [(f, getattr(sector, f)) for f in TERM_FIELDS]
        for field, words in fields:
            key = f"sectors[{index}].{field}"
            for word in words:
                first_key, first_slug = owner.setdefault(word, (key, sector.slug))
                if word and first_slug != sector.slug:
                    check.fail(
                        key,
                        f"{word!r} is also claimed by {first_key} ({first_slug}); keep it in one "
                        "sector, or list it under `shared` if it names both",
                    )


def _shared(check: Checker, raw: Any, sectors: list[Sector]) -> dict[str, tuple[str, ...]]:
    """`shared` words, as the extra keywords of each sector they name."""
    claimed = {word for sector in sectors for word in (*sector.label_forms(), *sector.words())}
    slugs = {sector.slug for sector in sectors}
    extra: dict[str, tuple[str, ...]] = {}
    terms: list[tuple[str, str]] = []
    for index, item in enumerate(check.items(raw, "shared")):
        key = f"shared[{index}]"
        entry = check.mapping(item, key)
        check.unknown_keys(entry, {"term", "sectors"}, key)
        term = check.text(entry, "term", key)
        named = check.texts(entry, "sectors", key)
        terms.append((f"{key}.term", term))
        if term in claimed:
            check.fail(f"{key}.term", f"{term!r} is already a word of a sector; remove it there")
        if named and len(set(named)) < 2:
            check.fail(f"{key}.sectors", "a shared word names at least two sectors")
        for slug in named:
            if slug not in slugs:
                check.fail(f"{key}.sectors", f"{slug!r} is not a listed sector slug")
            extra[slug] = (*extra.get(slug, ()), term)
    check.unique(terms, "term")
    return extra
