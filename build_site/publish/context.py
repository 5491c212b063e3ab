"""What every page kind reads: the published notices with their relations, and how a
notice and a clause are named when cited."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from build_site.enrich.classify import Tags
from build_site.enrich.link import Links
from build_site.ingest.dedupe import Duplicate
from build_site.model import Clause, ClauseRef, Notice
from build_site.registers.issuers import Issuers

LEVEL_NAMES = {"省": "省级", "市": "市级", "县": "县级"}
ONE_PAGE_ENTRIES = 400  # beyond this a listing (topic, department, citations) is split


@dataclass
class SiteContext:
    """What a page needs beyond its own notice: relations, duplicates, register, extras."""

    notices: Sequence[Notice]
    links: Links
    duplicates: Sequence[Duplicate]
    issuers: Issuers
    pinyin_files: set[str] = field(default_factory=set)
    # Later stages add HTML under a clause heading (e.g. sector tags): (notice, clause) → html
    clause_extras: list[Callable[[Notice, Clause], str]] = field(default_factory=list)
    tags: Tags = field(default_factory=dict)  # each clause's sectors (search filters them)
    _by_slug: dict[str, Notice] = field(default_factory=dict, repr=False)
    _clauses: dict[ClauseRef, Clause] = field(default_factory=dict, repr=False)

    def notice(self, slug: str) -> Notice:
        if len(self._by_slug) != len(self.notices):
            self._by_slug = {notice.slug: notice for notice in self.notices}
        return self._by_slug[slug]

    def clause(self, ref: ClauseRef) -> tuple[Notice, Clause]:
        """The clause a relation map names."""
        if not self._clauses:
            self._clauses = {notice.ref(clause): clause
                             for notice in self.notices for clause in notice.all_clauses()}
        return self.notice(ref.slug), self._clauses[ref]


def citation_label(notice: Notice) -> str:
    """How people cite a notice: its 文号, or its (marked) title when it has none."""
    if notice.meta.doc_number:
        return notice.meta.doc_number.value
    title = notice.meta.title.value if notice.meta.title else notice.slug
    return f"《{title}》"


def clause_citation(notice: Notice, clause: Clause) -> str:
    return f"{citation_label(notice)} {clause.path}"


def short_title(notice: Notice) -> str:
    return notice.meta.title.value if notice.meta.title else notice.slug
