"""Stage 6: the same notice from two sources is published once, both sources recorded.

Candidates share a 文号, or (where one has none) a year and most of their text. The two
cleaned copies are compared character by character; the agreement is reported, since a
low figure means the cleaner treated one copy differently from the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from build_site.model import Notice

MIN_SHINGLE_OVERLAP = 0.8


@dataclass(frozen=True)
class Duplicate:
    shown: Notice
    hidden: Notice
    agreement: float  # 0..1, characters of the cleaned body text
    reason: str


def body_text(notice: Notice) -> str:
    """The cleaned text a reader sees, in order: what two copies should agree on."""
    parts = [block.text for block in notice.preamble]
    for clause in notice.all_clauses():
        parts.extend((clause.label, clause.heading, clause.text))
    return "".join(parts)


def agreement(first: str, second: str) -> float:
    if not first and not second:
        return 1.0
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * matched / (len(first) + len(second))


def find_duplicates(notices: list[Notice]) -> tuple[list[Notice], list[Duplicate]]:
    """The notices to publish, and each hidden copy with the copy shown instead."""
    texts = {id(notice): body_text(notice) for notice in notices}
    hidden: set[int] = set()
    duplicates: list[Duplicate] = []
    for index, first in enumerate(notices):
        if id(first) in hidden:
            continue
        for second in notices[index + 1 :]:
            if id(second) in hidden:
                continue
            reason = _candidate(first, second, texts)
            if not reason:
                continue
            shown, other = sorted((first, second), key=_completeness, reverse=True)
            duplicates.append(
                Duplicate(shown, other, agreement(texts[id(shown)], texts[id(other)]), reason)
            )
            hidden.add(id(other))
            if other is first:
                break
    return [notice for notice in notices if id(notice) not in hidden], duplicates


def _candidate(first: Notice, second: Notice, texts: dict[int, str]) -> str:
    a, b = first.meta.doc_number, second.meta.doc_number
    if a is not None and b is not None:
        return f"same 文号 {a.value}" if a.value == b.value else ""
    years = {n.meta.year.value for n in (first, second) if n.meta.year is not None}
    if len(years) > 1:
        return ""
    overlap = _shingle_overlap(texts[id(first)], texts[id(second)])
    return f"{overlap:.0%} of the text in common" if overlap >= MIN_SHINGLE_OVERLAP else ""


def _shingle_overlap(first: str, second: str, size: int = 8) -> float:
    one = {first[i : i + size] for i in range(max(len(first) - size + 1, 0))}
    two = {second[i : i + size] for i in range(max(len(second) - size + 1, 0))}
    if not one or not two:
        return 0.0
    return len(one & two) / min(len(one), len(two))


def _completeness(notice: Notice) -> tuple[int, int, int]:
    """Prefer the copy whose source states more (title, 文号, date), then fewer problems."""
    stated = sum(1 for _, value in notice.meta.fields() if not value.inferred)
    return stated, -len(notice.problems), -notice.first_line
