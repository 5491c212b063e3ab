"""The issuer register (content/issuers.yml): URL slugs, levels and 机关代字."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from build_site.ingest.normalize import pinyin, pinyin_syllables
from build_site.model import Notice
from build_site.registers.schema import Checker, read_yaml

LEVELS = ("国家", "省", "市", "县", "企业")  # in the order the by-issuer page lists them
LEVEL_NAMES = {"国家": "国家级", "省": "省级", "市": "市级", "县": "县级", "企业": "企业"}
LEVEL_SLUGS = {"国家": "national", "省": "province", "市": "city", "县": "county",
               "企业": "enterprise"}
SLUG_LENGTH = 24


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


# the places a name starts with: 湖北省 · 太原市 小店区 · 晋中 开发区
_PLACE = re.compile(
    r"^(?P<place>.{1,8}?)(?P<kind>特别行政区|自治区|自治州|自治县|地区|省|市|盟|州|县|区|旗)"
)
_ORGANS = {  # the common ones by their usual short names; others by their initials
    "人民政府": "", "人民政府办公厅": "ban", "人民政府办公室": "ban",
    "安全生产委员会": "anweihui", "安全生产委员会办公室": "anweiban",
    "应急管理厅": "yingjiting", "应急管理局": "yingjiju",
}
_ETHNIC = re.compile(
    r"(?:壮族|回族|维吾尔|藏族|蒙古族|苗族|土家族|彝族|侗族|瑶族|朝鲜族|满族|哈萨克族|布依族|黎族|傣族|"
    r"羌族)+$"
)
_COMPANY = re.compile(r"(?:集团)?(?:股份)?有限(?:责任)?公司$|集团公司$|公司$")


def issuer_slug(name: str) -> str:
    """For an issuer not yet registered: short, readable and the same for that name every
    build: the pinyin of its places and the usual short name or the initials of the organ
    (湖北省安全生产委员会办公室 → hubei-anweiban, 太原市小店区应急管理局 →
    taiyuan-xiaodian-yingjiju), at most SLUG_LENGTH characters."""
    places, rest = [], name
    while (match := _PLACE.match(rest)) and len(rest) > len(match.group(0)) + 1:
        place = _ETHNIC.sub("", match["place"]) or match["place"]  # 广西壮族自治区 → 广西
        places.append(place if len(place) > 1 else match.group(0))  # 代县, not 代
        rest = rest[match.end():]
    if not places:
        stem = _COMPANY.sub("", name) or name
        full = pinyin(stem)
        return _slug([full if len(full) <= 20 else _initials(stem)])
    organ = _ORGANS.get(rest, _initials(rest))
    slug = _slug([*(pinyin(place) for place in places), organ])
    return slug if len(slug) <= SLUG_LENGTH else _slug([_initials("".join(places)), organ])


def _initials(text: str) -> str:
    return "".join(syllable[:1] for syllable in pinyin_syllables(text))


def _slug(parts: list[str]) -> str:
    cleaned = ["".join(c for c in part.lower() if c.isascii() and c.isalnum()) for part in parts]
    return "-".join(part for part in cleaned if part) or "issuer"


def level_of(name: str) -> str:
    """国家, 省, 市, 县 or 企业, read from a name not in the register."""
    if _COMPANY.search(name) or re.search(r"集团|煤业|厂$|矿$", name):
        return "企业"
    if re.match(r"中华人民共和国|国务院|中共中央|全国|国家", name) or (not _PLACE.match(name) and (
            re.search(r"(?:部|总局|署)$", name))):
        return "国家"
    prefix = name[:12].replace("自治区", "省")
    if re.search(r"县|旗|(?<!自治)区", prefix):
        return "县"
    if re.match(r"北京市|天津市|上海市|重庆市", prefix):
        return "省"
    if re.search(r"市|州|盟", prefix):
        return "市"
    return "省" if "省" in prefix else "市"


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
