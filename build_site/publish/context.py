"""What every page kind reads: the published notices with their relations, and how a
notice and a clause are named when cited."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from build_site.enrich.classify import Segment, Tags
from build_site.enrich.compare import Vectors
from build_site.enrich.link import Links
from build_site.ingest.dedupe import Conflict, Duplicate
from build_site.model import Clause, ClauseRef, Notice
from build_site.registers.issuers import Issuers

ONE_PAGE_ENTRIES = 400  # beyond this a listing (topic, department, citations) is split


@dataclass
class SiteContext:
    """What a page needs beyond its own notice: relations, duplicates, register, extras."""

    notices: Sequence[Notice]
    links: Links
    duplicates: Sequence[Duplicate]
    issuers: Issuers
    pinyin_files: set[str] = field(default_factory=set)
    conflicts: Sequence[Conflict] = ()
    accepted_conflicts: dict[str, str] = field(default_factory=dict)
    # Later stages add HTML under a clause heading (e.g. sector tags): (notice, clause) → html
    clause_extras: list[Callable[[Notice, Clause], str]] = field(default_factory=list)
    # and HTML under a notice's related links (e.g. the comparison with last year's)
    notice_extras: list[Callable[[Notice], str]] = field(default_factory=list)
    # paragraphs listed on their own (enrich/classify.py), by clause (anchor "": the opening)
    segments: Mapping[ClauseRef, Sequence[Segment]] = field(default_factory=dict)
    # how rare each character bigram is in the archive's sentences (publish/comparison.py)
    sentence_weights: Vectors = field(default_factory=lambda: Vectors([]))
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


def clause_citation(notice: Notice, clause: Clause, paragraph: int = 0) -> str:
    """`晋政发〔2019〕1号 一、（二）`, and of one of its paragraphs `… 一、（二） 第1段`."""
    parts = (citation_label(notice), clause.path, f"第{paragraph}段" if paragraph else "")
    return " ".join(part for part in parts if part)


def short_title(notice: Notice) -> str:
    return notice.meta.title.value if notice.meta.title else notice.slug
