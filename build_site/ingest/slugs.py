"""Stable notice slugs: issuer, year and number, never the file a notice came in.

`shanxi-2024-1` for 晋政发〔2024〕1号; a notice without a 文号 gets its 文种 instead
(`shanxi-2010-yijian`). Every URL once published is in the register (content/permalinks.yml,
build_site/registers/permalinks.py) with the notice it was published for, so it keeps
showing that notice whatever else arrives, and no other notice ever gets it. Changing this
scheme breaks every link someone has pasted into a report.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from build_site.ingest.grammar import DOC_TYPE_SLUGS, compact, doc_number_parts
from build_site.ingest.normalize import han_only, pinyin
from build_site.model import Notice, Problem
from build_site.registers.issuers import Issuers
from build_site.registers.permalinks import Published, Register, updated


def fingerprint(notice: Notice) -> str:
    """The notice's Han characters, hashed: unchanged by layout or punctuation fixes."""
    return hashlib.sha1(han_only(notice.body_text()).encode("utf-8")).hexdigest()[:16]


def numbered_slug(notice: Notice, issuers: Issuers) -> str | None:
    """From the 文号 (`晋政发〔2024〕1号` → shanxi-2024-1; an issuer not in the register by its
    机关代字, `鄂安办〔2019〕48号` → eanban-2019-48), or a 令's number (yingjiguanlibu-ling-8)."""
    meta = notice.meta
    issuer = issuers.by_name(meta.issuer.value) if meta.issuer else None
    if meta.order_number is not None and issuer is not None:
        return f"{issuer.slug}-ling-{meta.order_number.value.strip('第号')}"
    parts = doc_number_parts(meta.doc_number.value) if meta.doc_number else None
    if parts is None:
        return None
    code, year, serial = parts
    if issuer is None or not issuer.registered:
        prefix = pinyin(code)
    elif code in issuer.codes:
        prefix = issuer.slug
    else:
        prefix = f"{issuer.slug}-{pinyin(code)}"
    return f"{prefix}-{year}-{serial}"


def unnumbered_slug(notice: Notice, issuers: Issuers) -> str:
    meta = notice.meta
    issuer = issuers.by_name(meta.issuer.value).slug if meta.issuer else "unknown"
    year = notice.year_or("0000")
    doc_type = DOC_TYPE_SLUGS.get(meta.doc_type.value, "wenjian") if meta.doc_type else "wenjian"
    return f"{issuer}-{year}-{doc_type}"


@dataclass(frozen=True)
class Slugs:
    """What the slug stage decides: the register as it stands after this build, and the
    registered URLs whose notice is no longer in the collection."""

    register: Register
    withdrawn: tuple[Published, ...]
    problems: tuple[Problem, ...]


def assign_slugs(notices: list[Notice], issuers: Issuers, register: Register) -> Slugs:
    """Set `notice.slug` for every notice: the URL the register has for it, or a new one.

    A notice is the one a registered URL was published for when its text is the same, or
    its 文号 and title are, or (without 文号) its issuer, year and stated title are. Any
    other notice gets a new URL from its issuer, year and 文号 (or 文种), never one the
    register holds: `-2`, `-3` … are added until it is free. Notices are taken in the order of
    their identity, so the file names and their order change nothing."""
    problems: list[Problem] = []
    identity = {id(notice): _identity(notice) for notice in notices}
    order = sorted(notices, key=lambda notice: _sort_key(identity[id(notice)]))
    free = dict(register)
    for same in (_same_text, _same_number_and_title, _same_stated_title, _legacy_slug):
        for notice in order:
            if notice.slug:
                continue
            found = next((entry for entry in free.values()
                          if same(identity[id(notice)], entry, notice, issuers)), None)
            if found is not None:
                notice.slug = found.slug
                del free[found.slug]
    taken = set(register)
    for notice in order:
        if notice.slug:
            continue
        base = numbered_slug(notice, issuers) or unnumbered_slug(notice, issuers)
        slug, suffix = base, 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        if slug != base:
            problems.append(Problem(notice.file, notice.first_line,
                                    f"URL {base} belongs to another notice; this one is "
                                    f"published at {slug}"))
        notice.slug = slug
        taken.add(slug)
    updated_register = dict(register)
    for notice in notices:
        entry = identity[id(notice)]
        known = register.get(notice.slug)
        fields = {"doc_number": entry.doc_number, "issuer": entry.issuer, "year": entry.year,
                  "title": entry.title, "text": entry.text,
                  "anchors": tuple(clause.anchor for clause in notice.all_clauses())}
        updated_register[notice.slug] = (updated(known, **fields) if known else
                                         updated(Published(notice.slug, "", "", "", "", ""),
                                                 **fields))
    withdrawn = tuple(sorted(free.values(), key=lambda entry: entry.slug))
    problems += [Problem("content/permalinks.yml", entry.line or None,
                         f"notice {entry.slug} ({entry.doc_number or entry.title}) is no longer "
                         "among the raw notices: its URL now says it was withdrawn")
                 for entry in withdrawn]
    problems += _unregistered_issuers(notices, issuers)
    return Slugs(updated_register, withdrawn, tuple(problems))


def _identity(notice: Notice) -> Published:
    meta = notice.meta
    return Published(
        "", meta.doc_number.value if meta.doc_number else "",
        meta.issuer.value if meta.issuer else "", notice.year_or(""),
        meta.title.value if meta.title else "", fingerprint(notice))


def _sort_key(identity: Published) -> tuple[str, ...]:
    return (identity.doc_number, identity.issuer, identity.year, identity.title, identity.text)


def _same_text(identity: Published, entry: Published, notice: Notice, issuers: Issuers) -> bool:
    return entry.text == identity.text


def _same_number_and_title(identity: Published, entry: Published, notice: Notice,
                           issuers: Issuers) -> bool:
    """A 文号 and a title: the same document, its text corrected (or its title, where the
    source has none and it was made up, with its issuer and year)."""
    if not identity.doc_number or entry.doc_number != identity.doc_number:
        return False
    title = notice.meta.title
    return compact(entry.title) == compact(identity.title) or (
        title is not None and title.inferred and entry.issuer == identity.issuer
        and entry.year == identity.year)


def _same_stated_title(identity: Published, entry: Published, notice: Notice,
                       issuers: Issuers) -> bool:
    title = notice.meta.title
    return (not identity.doc_number and not entry.doc_number and title is not None
            and not title.inferred and compact(entry.title) == compact(identity.title)
            and entry.issuer == identity.issuer and entry.year == identity.year)


def _legacy_slug(identity: Published, entry: Published, notice: Notice,
                 issuers: Issuers) -> bool:
    """An entry from before the register recorded identities: the notice that would get
    that URL anyway keeps it."""
    return not entry.issuer and entry.slug == (numbered_slug(notice, issuers)
                                               or unnumbered_slug(notice, issuers))


def _unregistered_issuers(notices: list[Notice], issuers: Issuers) -> list[Problem]:
    """One warning per issuer not in the register, with the entry to paste into it."""
    problems: list[Problem] = []
    codes: dict[str, list[str]] = {}
    first: dict[str, Notice] = {}
    for notice in notices:
        issuer = issuers.by_name(notice.meta.issuer.value) if notice.meta.issuer else None
        if issuer is None or issuer.registered:
            continue
        first.setdefault(issuer.name, notice)
        parts = doc_number_parts(notice.meta.doc_number.value) if notice.meta.doc_number else None
        if parts and parts[0] not in codes.setdefault(issuer.name, []):
            codes[issuer.name].append(parts[0])
    for name, notice in first.items():
        issuer = issuers.by_name(name)
        entry = (f"  - name: {name}\n    slug: {issuer.slug}\n    level: {issuer.level}"
                 + (f"\n    codes: [{', '.join(codes[name])}]" if codes.get(name) else ""))
        problems.append(Problem(
            notice.file, notice.first_line,
            f"issuer {name} is not in content/issuers.yml: its URL part {issuer.slug} is "
            f"derived from its name and its level ({issuer.level}) guessed; to keep them, add "
            f"to content/issuers.yml:\n{entry}"))
    return problems
