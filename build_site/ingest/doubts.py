"""Doubtful parses, said before publishing: what a person adding a notice should look at.

Nothing here changes a notice. A notice without a title, a date or clauses, a year taken
from its body, a numbering that jumps, a 文号 that does not read as one, or a part of a
file that has neither title nor 文号 (so perhaps no notice of its own) is each a warning
with the file and line, printed by the build and by `make check`.
"""

from __future__ import annotations

import itertools

from build_site.model import Clause, Notice, Problem


def doubts(notice: Notice, several: bool) -> list[Problem]:
    """`several`: the file holds more than one notice."""
    meta = notice.meta
    found: list[tuple[int, str]] = []
    where = f"notice at lines {notice.first_line}–{notice.last_line}"
    if several and meta.doc_number is None and (meta.title is None or meta.title.inferred):
        found.append((notice.first_line, f"{where} has neither title nor 文号: check that it "
                                         "is a notice of its own, not a part of the one before"))
    elif meta.title is None or meta.title.inferred:
        reason = f" (named {meta.title.value}: {meta.title.reason})" if meta.title else ""
        found.append((notice.first_line, f"{where} has no title{reason}"))
    if meta.date is None:
        found.append((notice.first_line, f"{where} states no 成文日期"))
    if meta.year is not None and meta.year.inferred and "正文" in meta.year.reason:
        found.append((notice.first_line, f"{where}: year {meta.year.value} taken from the "
                                         f"body ({meta.year.reason})"))
    if meta.malformed_doc_number is not None:
        found.append((meta.malformed_doc_number.line or notice.first_line,
                      f"a 文号 that does not read as one, kept as printed: "
                      f"{meta.malformed_doc_number.value}"))
    if not notice.all_clauses():
        found.append((notice.first_line, f"{where} has no numbered clauses"))
    found += _gaps(notice.clauses)
    for attachment in notice.attachments:
        found += _gaps(attachment.clauses)
    return [Problem(notice.file, line, message) for line, message in found]


def _gaps(clauses: list[Clause]) -> list[tuple[int, str]]:
    """Clauses of one kind under one parent that skip a number (一、 then 三、)."""
    gaps = []
    for earlier, later in itertools.pairwise(clauses):
        if earlier.kind == later.kind and later.number > earlier.number + 1:
            gaps.append((later.first_line, f"numbering jumps from {earlier.path} to "
                                           f"{later.path}: a clause missing, or a wrong number"))
    for clause in clauses:
        gaps += _gaps(clause.children)
    return gaps
