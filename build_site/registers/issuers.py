"""The issuer register (content/issuers.yml): URL slugs, levels and 机关代字."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from build_site.ingest.normalize import pinyin
from build_site.model import Notice
from build_site.registers.schema import Checker, read_yaml

LEVELS = ("省", "市", "县")


@dataclass(frozen=True)
class Issuer:
    name: str
    slug: str
    level: str
    codes: tuple[str, ...] = ()
    parent: str = ""
    registered: bool = True  # False: not in issuers.yml, slug derived from the name


@dataclass(frozen=True)
class Issuers:
    entries: tuple[Issuer, ...]

    @cached_property
    def _by_name(self) -> dict[str, Issuer]:
        return {issuer.name: issuer for issuer in reversed(self.entries)}  # the first one wins

    def by_name(self, name: str) -> Issuer:
        return self._by_name.get(name) or unregistered(name)

    def level_of(self, notice: Notice) -> str:
        """省, 市 or 县 of a notice's issuer; one whose issuer is unknown goes with the 县."""
        return self.by_name(notice.meta.issuer.value).level if notice.meta.issuer else "县"

    def by_code(self, code: str) -> Issuer | None:
        matches = [issuer for issuer in self.entries if code in issuer.codes]
        return matches[0] if len(matches) == 1 else None

    def province_of(self, issuer: Issuer) -> Issuer | None:
        current: Issuer | None = issuer
        seen = set()
        while current is not None and current.level != "省" and current.name not in seen:
            seen.add(current.name)
            current = self.by_name(current.parent) if current.parent else None
        return current if current is not None and current.level == "省" else None


@lru_cache(maxsize=4096)  # asked once per clause link of an unregistered issuer
def unregistered(name: str) -> Issuer:
    return Issuer(name, issuer_slug(name), level_of(name), registered=False)


def issuer_slug(name: str) -> str:
    """For an issuer not yet registered: pinyin of its place name, stable for that name."""
    for suffix in ("人民政府办公厅", "人民政府办公室", "人民政府", "安全生产委员会"):
        if name.endswith(suffix) and len(name) > len(suffix):
            stem, rest = name[: -len(suffix)], suffix
            break
    else:
        stem, rest = name, ""
    stem = stem.rstrip("省市县区")
    slug = pinyin(stem)
    extra = {"人民政府办公厅": "-ban", "人民政府办公室": "-ban", "安全生产委员会": "-anweihui"}
    cleaned = "".join(char for char in slug + extra.get(rest, "") if char.isalnum() or char == "-")
    return cleaned.lower() or "issuer"


def level_of(name: str) -> str:
    for marker, level in (("省", "省"), ("市", "市"), ("县", "县"), ("区", "县")):
        if marker in name[:6]:
            return level
    return "市"


def load_issuers(path: Path) -> Issuers:
    data = read_yaml(path)
    check = Checker(path)
    root = check.mapping(data, "(top level)")
    entries: list[Issuer] = []
    for index, raw in enumerate(check.items(root.get("issuers"), "issuers")):
        key = f"issuers[{index}]"
        entry = check.mapping(raw, key)
        check.unknown_keys(entry, {"name", "slug", "level", "codes", "parent"}, key)
        level = check.text(entry, "level", key)
        if level and level not in LEVELS:
            check.fail(f"{key}.level", f"{level!r} is not one of {', '.join(LEVELS)}")
        entries.append(
            Issuer(
                name=check.text(entry, "name", key),
                slug=check.slug(entry, key),
                level=level,
                codes=tuple(check.texts(entry, "codes", key, required=False)),
                parent=check.text(entry, "parent", key, required=False),
            )
        )
    check.unique([(f"issuers[{i}].slug", e.slug) for i, e in enumerate(entries)], "slug")
    check.unique([(f"issuers[{i}].name", e.name) for i, e in enumerate(entries)], "name")
    names = {entry.name for entry in entries}
    for index, entry in enumerate(entries):
        if entry.parent and entry.parent not in names:
            check.fail(f"issuers[{index}].parent", f"{entry.parent!r} is not a listed issuer")
    check.done()
    return Issuers(tuple(entries))
