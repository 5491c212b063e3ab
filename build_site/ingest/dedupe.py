"""Stage 6: the same notice from two sources is published once, both sources recorded.

Candidates share a 文号, or (where one has none) a year and most of their text. The two
cleaned copies are compared character by character. Copies of one document agree almost
to the character (the two copies of 晋政发〔2024〕1号, one of them traditional with pinyin,
agree at 99.9%); two texts that share a 文号 but disagree are two documents, a typo in one
文号 or two different documents, and both are published: a Conflict, which `make check`
reports until it is resolved or recorded in content/conflicts.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from build_site.ingest.grammar import SENTENCE, SENTENCE_ENDS
from build_site.model import Notice

MIN_OVERLAP = 0.8
AGREEING = 0.9  # character agreement above which two texts are copies of one document
_AFTER_SENTENCE = re.compile(f"(?<=[{SENTENCE_ENDS}\n])")  # splits losing no character


@dataclass(frozen=True)
class Duplicate:
    shown: Notice
    hidden: Notice
    agreement: float  # 0..1, characters of the cleaned body text
    reason: str


@dataclass(frozen=True)
class Conflict:
    """Documents printed with one 文号 whose texts disagree: each is published."""

    doc_number: str
    notices: tuple[Notice, ...]  # the most complete first
    agreement: float  # of the least agreeing one with the first


@dataclass(frozen=True)
class Deduplicated:
    published: list[Notice]
    duplicates: list[Duplicate]
    conflicts: list[Conflict]


def compared_text(notice: Notice) -> str:
    """The cleaned text a reader sees, labels included, in order: what two copies should
    agree on."""
    parts = [block.text for block in notice.preamble]
    for clause in notice.all_clauses():
        parts.extend((clause.label, clause.heading, clause.text))
    return "".join(parts)


def agreement(first: str, second: str) -> float:
    """Share of characters the two texts have in common, in order.

    Sentences are aligned first and only the sentences that differ are compared character by
    character: a character-level match of two whole notices costs about a tenth of a second
    each, and copies differ in a few sentences at most."""
    if not first and not second:
        return 1.0
    ours, theirs = _AFTER_SENTENCE.split(first), _AFTER_SENTENCE.split(second)
    matched = 0
    sentences = SequenceMatcher(None, ours, theirs, autojunk=False)
    for tag, start, end, other_start, other_end in sentences.get_opcodes():
        if tag == "equal":
            matched += sum(map(len, ours[start:end]))
        else:
            characters = SequenceMatcher(None, "".join(ours[start:end]),
                                         "".join(theirs[other_start:other_end]), autojunk=False)
            matched += sum(block.size for block in characters.get_matching_blocks())
    return 2 * matched / (len(first) + len(second))


def find_duplicates(notices: list[Notice]) -> Deduplicated:
    """The notices to publish, each hidden copy with the copy shown instead, and the 文号
    printed on disagreeing documents.

    Copies sharing a 文号 are grouped directly; a notice without one is compared with the
    notices of its year only, so the work stays near-linear as the archive grows.
    """
    texts = {id(notice): compared_text(notice) for notice in notices}
    groups: dict[str, list[Notice]] = {}
    unnumbered: list[Notice] = []
    for notice in notices:
        if notice.meta.doc_number is not None:
            groups.setdefault(notice.meta.doc_number.value, []).append(notice)
        else:
            unnumbered.append(notice)
    firsts_by_year: dict[str, list[list[Notice]]] = {}
    conflicts: list[Conflict] = []
    for number, group in groups.items():
        documents = _documents(group, texts)
        if len(documents) > 1:
            conflicts.append(Conflict(number, tuple(document[0] for document in documents), min(
                agreement(texts[id(documents[0][0])], texts[id(document[0])])
                for document in documents[1:])))
        for document in documents:
            firsts_by_year.setdefault(document[0].year_or(""), []).append(document)
    for notice in unnumbered:
        same_year = firsts_by_year.setdefault(notice.year_or(""), [])
        group = next((g for g in same_year if _similar(notice, g[0], texts)), None)
        if group is None:
            same_year.append([notice])
        else:
            group.append(notice)
    duplicates: list[Duplicate] = []
    hidden: set[int] = set()
    for year_groups in firsts_by_year.values():
        for group in year_groups:
            shown, *others = sorted(group, key=_completeness, reverse=True)
            for other in others:
                duplicates.append(Duplicate(shown, other, agreement(
                    texts[id(shown)], texts[id(other)]), _reason(shown, other, texts)))
                hidden.add(id(other))
    published = [notice for notice in notices if id(notice) not in hidden]
    return Deduplicated(published, duplicates, conflicts)


def _documents(copies: list[Notice], texts: dict[int, str]) -> list[list[Notice]]:
    """Copies with one 文号 grouped into documents: a copy joins the first document whose
    most complete copy it agrees with. Most complete first, whatever the files' order."""
    documents: list[list[Notice]] = []
    for copy in sorted(copies, key=lambda n: (_completeness(n), texts[id(n)]), reverse=True):
        document = next((d for d in documents
                         if agreement(texts[id(d[0])], texts[id(copy)]) >= AGREEING), None)
        if document is None:
            documents.append([copy])
        else:
            document.append(copy)
    return documents


def _similar(first: Notice, second: Notice, texts: dict[int, str]) -> bool:
    one, two = texts[id(first)], texts[id(second)]
    if min(len(one), len(two)) < MIN_OVERLAP * max(len(one), len(two)):
        return False  # the overlap is measured against the larger text: it cannot reach
    return _overlap(one, two) >= MIN_OVERLAP


@lru_cache(maxsize=4096)  # an unnumbered notice is compared with all of its year
def _sentences(text: str) -> frozenset[str]:
    """Sentences, not character n-grams: as telling for copies, and far fewer to compare."""
    return frozenset(SENTENCE.findall(text))


def _reason(shown: Notice, other: Notice, texts: dict[int, str]) -> str:
    if shown.meta.doc_number and other.meta.doc_number:
        return f"same 文号 {shown.meta.doc_number.value}"
    overlap = _overlap(texts[id(shown)], texts[id(other)])
    return f"{overlap:.0%} of the text in common"


def _overlap(first: str, second: str) -> float:
    """Share of the text, in characters, in sentences the two have in common."""
    one, two = _sentences(first), _sentences(second)
    shared = sum(len(sentence) for sentence in one & two)
    # against the larger text: a short notice whose sections all recur in a longer one
    # (a county copying provincial clauses) is not a copy of it
    return shared / max(sum(map(len, one)), sum(map(len, two)), 1)


def _completeness(notice: Notice) -> tuple[int, int, int]:
    """Prefer the copy whose source states more (title, 文号, date), then fewer problems."""
    stated = sum(1 for _, value in notice.meta.fields() if not value.inferred)
    return stated, -len(notice.problems), -notice.first_line
