"""Stage 7: citations and relations between notices.

A clause cites documents by 文号 (`晋政办发〔2021〕9号`) and by title (`《安全生产法》`),
often both at once (`《…的通知》（晋政办发〔2021〕9号）`). Citations of notices in the
corpus become links; the others are gathered per document for the 引用文件 page, one entry
per document however it is named: 《安全生产法》 and 《中华人民共和国安全生产法》 (the names
in content/document_names.yml), a short form a notice defines (`（以下简称《条例》）`), a
title and the 文号 once printed with it. The relations live in maps keyed by (notice slug,
clause anchor), not in the notices.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from build_site.ingest.grammar import CLAUSE_PATH, DOC_NUMBER, DOC_TYPES
from build_site.model import ClauseRef, Notice
from build_site.registers.documents import DocumentNames
from build_site.registers.issuers import Issuers

_TITLE = re.compile(r"《(?P<title>[^《》\n]{1,80})》")
# `《中华人民共和国安全生产法》（以下简称《安全生产法》）`, `…（以下简称“条例”）`
_SHORT_FORM = re.compile(
    r"《(?P<title>[^《》\n]{1,80})》[（(](?:以下简称|以下称|简称)[《“\"](?P<short>[^《》“”\"\n]{1,40})[》”\"]"
)
# a short form that is only a kind of document (`以下简称《条例》`) holds within its notice
_KINDS = frozenset(("法", "条例", "规定", "办法", "细则", "方案", "规划", "标准", "纲要", "准则",
                    *DOC_TYPES))
# the 文号 in brackets after a title, within one paragraph as the title is
_TRAILING_NUMBER = re.compile(r"^[（(](?P<number>[^（）()\n]*?〔\d{4}〕\d{1,4}号)[）)]")
# Words that end the run of characters before a 机关代字 (`贯彻落实国发〔2010〕23号`).
_BEFORE_CODE = re.compile(
    r".*(?:落实|贯彻|按照|根据|依据|执行|印发|转发|继续|文件|要求|规定|精神|以及|和|及|与|、|的|是|对)"
)


@dataclass(frozen=True)
class Citation:
    """One citation in a clause's text: where it is and what it names."""

    start: int
    end: int
    text: str  # as printed, e.g. `《…》（晋政办发〔2021〕9号）`
    title: str = ""
    number: str = ""
    path: str = ""  # a clause path named right after it: 三、（十一）, 第十二条, 附件 三、（二）

    @property
    def key(self) -> str:
        return self.number or self.title


def find_citations(text: str) -> list[Citation]:
    """Citations in document order; a title followed by its 文号 is one citation."""
    found: list[Citation] = []
    if "《" not in text and "〔" not in text:  # most clauses cite nothing
        return found
    for match in _TITLE.finditer(text):
        end, number = match.end(), ""
        trailing = _TRAILING_NUMBER.match(text[end:])
        if trailing:
            number = _trim_code(trailing["number"])
            end += trailing.end()
        found.append(_with_path(text, Citation(match.start(), end, text[match.start():end],
                                               title=match["title"], number=number)))
    for match in DOC_NUMBER.finditer(text):
        if any(c.start <= match.start() < c.end for c in found):
            continue
        number = _trim_code(match.group(0))
        start = match.end() - len(number)
        found.append(_with_path(text, Citation(start, match.end(), number, number=number)))
    return sorted(found, key=lambda citation: citation.start)


def _trim_code(number: str) -> str:
    prefix = _BEFORE_CODE.match(number[: number.index("〔")])
    return number[prefix.end():] if prefix else number


def _with_path(text: str, citation: Citation) -> Citation:
    match = CLAUSE_PATH.match(text[citation.end:])
    if match is None:
        return citation
    path = (match["article"] + (match["item"] or "")) if match["article"] else match["path"]
    if not path or not re.search(r"[、）.．条]$", path):
        return citation
    if match["attachment"] is not None:
        path = f"附件{match['attachment']} {path}"
    return Citation(citation.start, citation.end + match.end(), text[citation.start:
                    citation.end + match.end()], citation.title, citation.number, path)


@dataclass
class ExternalDocument:
    """A document cited but not in the corpus, with every clause that cites it."""

    key: str  # its 文号, else its full title: its anchor comes from it
    title: str
    number: str
    citing: list[ClauseRef] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # every key it was cited by

    @property
    def anchor(self) -> str:
        return document_anchor(self.key)

    @property
    def other_anchors(self) -> list[str]:
        """The anchors of its other names: links made when they were listed apart still
        land on it."""
        return sorted(document_anchor(name) for name in self.names - {self.key})

    @property
    def other_titles(self) -> list[str]:
        return sorted(name for name in self.names - {self.key, self.title, self.number}
                      if not DOC_NUMBER.fullmatch(name))


def document_anchor(key: str) -> str:
    return "doc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


@dataclass
class Links:
    # each citation with where it points: a clause of the corpus (its anchor "" for the
    # notice as a whole) or a document outside it
    citations: dict[ClauseRef, list[tuple[Citation, ClauseRef | ExternalDocument]]]
    external: dict[str, ExternalDocument]
    previous: dict[str, str]  # slug -> slug of the same issuer's notice of the year before
    next: dict[str, str]
    provincial: dict[str, str]  # city or county notice -> provincial notice of that year


def link_corpus(notices: Sequence[Notice], issuers: Issuers,
                names: DocumentNames | None = None) -> Links:
    names = names or DocumentNames()
    by_number = {n.meta.doc_number.value: n for n in notices if n.meta.doc_number}
    by_title = {
        n.meta.title.value: n for n in notices if n.meta.title and not n.meta.title.inferred
    }
    defined = short_forms(notices)
    found: list[tuple[ClauseRef, list[tuple[Citation, ClauseRef | str]]]] = []
    cited: list[tuple[Citation, str]] = []  # each citation of a document outside, full title
    for notice in notices:
        for clause in notice.all_clauses():
            resolved: list[tuple[Citation, ClauseRef | str]] = []
            for citation in find_citations(clause.heading + "\n" + clause.text):
                title = names.full_title(defined.get((notice.slug, citation.title),
                                                     defined.get(("", citation.title),
                                                                 citation.title)))
                target_notice = by_number.get(citation.number) or by_title.get(title)
                if target_notice is not None and target_notice is not notice:
                    anchor = _anchor_for(target_notice, citation.path)
                    resolved.append((citation, ClauseRef(target_notice.slug, anchor)))
                elif target_notice is None:
                    cited.append((citation, title))
                    resolved.append((citation, _identity(citation.number, title, names)))
            if resolved:
                found.append((notice.ref(clause), resolved))
    external = _documents(cited, names)
    citations: dict[ClauseRef, list[tuple[Citation, ClauseRef | ExternalDocument]]] = {}
    for ref, resolved in found:
        citations[ref] = []
        for citation, target in resolved:
            if isinstance(target, str):
                document = external[target]
                if ref not in document.citing:
                    document.citing.append(ref)
                citations[ref].append((citation, document))
            else:
                citations[ref].append((citation, target))
    documents = {document.key: document for document in external.values()}
    previous, following = _neighbours(notices)
    return Links(citations, documents, previous, following, _provincial(notices, issuers))


def short_forms(notices: Sequence[Notice]) -> dict[tuple[str, str], str]:
    """(notice slug, short form) → title, for every `《…》（以下简称《…》）` of the notices;
    (\"\", short form) → title where it holds in every notice: no two notices define it
    differently and it is more than a kind of document (`《条例》`)."""
    defined: dict[tuple[str, str], str] = {}
    meanings: dict[str, set[str]] = defaultdict(set)
    for notice in notices:
        for match in _SHORT_FORM.finditer(notice.body_text()):
            defined[notice.slug, match["short"]] = match["title"]
            meanings[match["short"]].add(match["title"])
    for short, titles in meanings.items():
        if len(titles) == 1 and short not in _KINDS:
            defined["", short] = next(iter(titles))
    return defined


def _identity(number: str, title: str, names: DocumentNames) -> str:
    """Provisional: a 文号, or a title as every name of its document reads it."""
    return number or "《" + names.identity(title)


def _documents(cited: list[tuple[Citation, str]], names: DocumentNames
               ) -> dict[str, ExternalDocument]:
    """One document per identity; a title cited with exactly one 文号 is that document."""
    numbers: dict[str, set[str]] = defaultdict(set)
    for citation, title in cited:
        if citation.number and title:
            numbers[_identity("", title, names)].add(citation.number)
    merged: dict[str, list[tuple[Citation, str]]] = defaultdict(list)
    for citation, title in cited:
        identity = _identity(citation.number, title, names)
        numbered = numbers.get(identity, set())
        merged[next(iter(numbered)) if len(numbered) == 1 else identity].append((citation, title))
    documents: dict[str, ExternalDocument] = {}
    for key, group in merged.items():
        titles = [title for _, title in group if title]
        title = max(titles, key=len, default="")  # the full title over a short form
        number = key if not key.startswith("《") else ""
        document = ExternalDocument(number or title, title, number,
                                    names={citation.key for citation, _ in group})
        for citation, title in group:
            documents[_identity(citation.number, title, names)] = document
        documents[key] = document
    return documents


def _anchor_for(notice: Notice, path: str) -> str:
    """The clause a citation names; `附件 三、` is the first attachment's when it has more."""
    if not path:
        return ""
    paths = {clause.path: clause.anchor for clause in notice.all_clauses()}
    return paths.get(path) or paths.get(path.replace("附件 ", "附件1 ", 1), "")


def _neighbours(notices: Sequence[Notice]) -> tuple[dict[str, str], dict[str, str]]:
    """The same issuer's notice just before and just after, by year and date."""
    by_issuer: dict[str, list[Notice]] = {}
    for notice in notices:
        if notice.meta.issuer and notice.meta.year:
            by_issuer.setdefault(notice.meta.issuer.value, []).append(notice)
    previous: dict[str, str] = {}
    following: dict[str, str] = {}
    for group in by_issuer.values():
        group.sort(key=lambda n: (n.meta.year.value, n.meta.date.value if n.meta.date else "",
                                  n.slug))
        for earlier, later in itertools.pairwise(group):
            previous[later.slug] = earlier.slug
            following[earlier.slug] = later.slug
    return previous, following


def _provincial(notices: Sequence[Notice], issuers: Issuers) -> dict[str, str]:
    provincial_by_year: dict[tuple[str, str], str] = {}
    for notice in notices:
        if notice.meta.issuer and notice.meta.year:
            issuer = issuers.by_name(notice.meta.issuer.value)
            if issuer.level == "省":
                provincial_by_year.setdefault((issuer.name, notice.meta.year.value), notice.slug)
    result: dict[str, str] = {}
    for notice in notices:
        if not (notice.meta.issuer and notice.meta.year):
            continue
        issuer = issuers.by_name(notice.meta.issuer.value)
        if issuer.level == "省":
            continue
        province = issuers.province_of(issuer) or _only_province(issuers)
        if province is not None:
            slug = provincial_by_year.get((province.name, notice.meta.year.value))
            if slug:
                result[notice.slug] = slug
    return result


def _only_province(issuers: Issuers):
    """An issuer not yet registered belongs to the archive's province, if it has one."""
    provinces = [issuer for issuer in issuers.entries if issuer.level == "省"]
    return provinces[0] if len(provinces) == 1 else None
