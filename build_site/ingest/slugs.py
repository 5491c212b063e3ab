"""Stable notice slugs: issuer, year and number, never the file a notice came in.

`shanxi-2024-1` for 晋政发〔2024〕1号: unique by construction. A notice without a 文号 gets
its 文种 instead (`shanxi-2010-yijian`); such slugs are pinned in content/permalinks.yml
against a fingerprint of the notice's text, so a second unnumbered notice of the same
year, added later, gets a new slug instead of taking the old one's. Changing this
scheme breaks every link someone has pasted into a report.
"""

from __future__ import annotations

import hashlib

from build_site.ingest.grammar import DOC_TYPE_SLUGS, doc_number_parts
from build_site.ingest.normalize import han_only, pinyin
from build_site.model import Notice, Problem
from build_site.registers.issuers import Issuers


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


def assign_slugs(
    notices: list[Notice], issuers: Issuers, permalinks: dict[str, str]
) -> tuple[list[Problem], dict[str, str]]:
    """Set `notice.slug` for every notice; return problems and the updated permalinks."""
    problems: list[Problem] = []
    taken: dict[str, Notice] = {}
    pinned = {fp: slug for slug, fp in permalinks.items()}
    updated = dict(permalinks)
    unnumbered = []
    for notice in notices:
        slug = numbered_slug(notice, issuers)
        if slug is None:
            unnumbered.append(notice)
            continue
        if slug in taken:
            problems.append(_clash(notice, taken[slug], slug))
            slug = f"{slug}-{fingerprint(notice)[:6]}"
        notice.slug = slug
        taken[slug] = notice
    marks = {id(notice): fingerprint(notice) for notice in unnumbered}
    # An entry whose text is gone was most likely corrected (a better cleaner), not removed:
    # the notice that would get that slug anyway keeps it.
    orphaned = {slug for slug, mark in permalinks.items() if mark not in marks.values()}
    for notice in sorted(unnumbered, key=lambda n: marks[id(n)] not in pinned):
        mark = marks[id(notice)]
        base = unnumbered_slug(notice, issuers)
        slug = pinned.get(mark) or base
        if slug in taken or (slug in permalinks and slug not in orphaned
                             and permalinks[slug] != mark):
            slug = f"{base}-{mark[:6]}"
        notice.slug = slug
        taken[slug] = notice
        updated[slug] = mark
    problems += _unregistered_issuers(notices, issuers)
    return problems, updated


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


def _clash(notice: Notice, other: Notice, slug: str) -> Problem:
    return Problem(
        notice.file, notice.first_line,
        f"same URL {slug} as {other.file}:{other.first_line} (same issuer, year and number "
        "but not the same text); this one gets a suffix",
    )

