"""Stable notice slugs: issuer, year and number, never the file a notice came in.

`shanxi-2024-1` for 晋政发〔2024〕1号. A notice without a 文号 gets its 文种 instead of a
number (`shanxi-2010-yijian`), and its 成文日期 where two would collide. The scheme is in
the README; changing it breaks every link someone has pasted.
"""

from __future__ import annotations

from pypinyin import lazy_pinyin

from build_site.issuers import Issuers
from build_site.model import Notice, Problem
from build_site.parse import doc_number_parts


def notice_slug(notice: Notice, issuers: Issuers) -> str:
    meta = notice.meta
    issuer = issuers.by_name(meta.issuer.value).slug if meta.issuer else "unknown"
    year = meta.year.value if meta.year else "0000"
    parts = doc_number_parts(meta.doc_number.value) if meta.doc_number else None
    if parts is not None:
        code, _, serial = parts
        registered = issuers.by_name(meta.issuer.value) if meta.issuer else None
        own_code = registered is not None and registered.registered and code in registered.codes
        prefix = issuer if own_code else f"{issuer}-{''.join(lazy_pinyin(code))}"
        return f"{prefix}-{year}-{serial}"
    doc_type = "".join(lazy_pinyin(meta.doc_type.value)) if meta.doc_type else "wenjian"
    return f"{issuer}-{year}-{doc_type}"


def assign_slugs(notices: list[Notice], issuers: Issuers) -> list[Problem]:
    problems: list[Problem] = []
    taken: dict[str, Notice] = {}
    for notice in notices:
        slug = notice_slug(notice, issuers)
        if slug in taken and notice.meta.date is not None:
            slug = f"{slug}-{notice.meta.date.value[5:].replace('-', '')}"
        if slug in taken:
            first = taken[slug]
            problems.append(
                Problem(
                    notice.file, notice.first_line,
                    f"two notices would share the URL {slug}.html (the other is "
                    f"{first.file}:{first.first_line}); this one is published as "
                    f"{slug}-{notice.first_line}.html — give it a 文号 or 成文日期 to fix",
                )
            )
            slug = f"{slug}-{notice.first_line}"
        if notice.meta.issuer and not issuers.by_name(notice.meta.issuer.value).registered:
            problems.append(
                Problem(notice.file, notice.first_line,
                        f"issuer {notice.meta.issuer.value} is not in content/issuers.yml; "
                        f"URL part derived from its name: {slug.split('-')[0]}")
            )
        notice.slug = slug
        taken[slug] = notice
    return problems
