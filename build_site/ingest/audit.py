"""The fidelity audit: every Han character of the source reaches the structured notice.

Per notice, the Han characters of its source lines (converted to simplified, as the
cleaner does) are compared in order with those of everything the notice keeps: metadata
as printed, body, contact block, attachments, and the noise set aside on purpose (web
metadata, stray title lines, attachment file names), which is counted separately.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from build_site.ingest.normalize import (
    han_only,
    pinyin_lines,
    remove_pinyin,
    to_simplified,
)
from build_site.model import Clause, Metadata, Notice, SourceText

# Fields that are text printed in the notice (not derived from other fields).
_PRINTED_FIELDS = (
    "letterhead", "doc_number", "title", "addressees", "signature", "date", "note", "cc",
    "report_to", "printer", "print_date", "order_number", "signer", "copy_number", "secrecy",
    "urgency", "malformed_doc_number",
)


@dataclass(frozen=True)
class Span:
    line: int
    text: str


@dataclass(frozen=True)
class NoticeAudit:
    notice: Notice
    source_han: int
    kept_han: int  # matched, body and metadata
    noise_han: int  # matched, in noise set aside on purpose
    converted: int  # traditional characters converted to simplified
    dropped: tuple[Span, ...]
    added: tuple[Span, ...]

    @property
    def coverage(self) -> float:
        if not self.source_han:
            return 1.0
        return (self.source_han - sum(len(span.text) for span in self.dropped)) / self.source_han

    @property
    def ok(self) -> bool:
        return not self.dropped


def audit_notice(notice: Notice, source: SourceText) -> NoticeAudit:
    raw_lines = source.lines[notice.first_line - 1 : notice.last_line]
    annotated = pinyin_lines(source.lines)
    source_pieces: list[tuple[int, str]] = []
    converted = 0
    for number, raw in enumerate(raw_lines, notice.first_line):
        han = han_only(raw)
        # as the cleaner does: OpenCC converts words (答覆 → 答复), so pinyin between the
        # characters of a word must go first
        simple = han_only(to_simplified(remove_pinyin(raw) if annotated[number - 1] else raw))
        converted += sum(1 for a, b in zip(han, simple, strict=False) if a != b)
        source_pieces.extend((number, char) for char in simple)
    source_text = "".join(char for _, char in source_pieces)
    kept, noise = _kept_pieces(notice)
    # by character, not by line: a line of web copy holds both text and the markup set aside
    pieces = sorted([(line, han_only(text), False) for line, text in kept]
                    + [(line, han_only(text), True) for line, text in noise], key=lambda p: p[0])
    kept_text = "".join(text for _, text, _ in pieces)
    in_noise = [is_noise for _, text, is_noise in pieces for _ in text]
    matcher = SequenceMatcher(None, source_text, kept_text, autojunk=False)
    dropped: list[Span] = []
    added: list[Span] = []
    noise_han = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            noise_han += sum(in_noise[j1:j2])
        if tag in ("delete", "replace"):
            dropped.append(Span(source_pieces[i1][0], source_text[i1:i2]))
        if tag in ("insert", "replace"):
            line = source_pieces[min(i1, len(source_pieces) - 1)][0] if source_pieces else 0
            added.append(Span(line, kept_text[j1:j2]))
    matched = len(source_text) - sum(len(span.text) for span in dropped)
    return NoticeAudit(
        notice, len(source_text), matched - noise_han, noise_han, converted,
        tuple(dropped), tuple(added),
    )


def _kept_pieces(notice: Notice) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(line, text) of everything the notice keeps, in document order, and of the noise it
    set aside."""
    kept = _printed(notice.meta)
    kept.extend((block.first_line, block.text) for block in notice.preamble)
    kept += _clause_pieces(notice.clauses)
    kept.extend((paragraph.first_line, paragraph.text) for paragraph in notice.contact)
    for attachment in notice.attachments:
        if attachment.printed:
            kept.append((attachment.line, attachment.printed))
        if attachment.heading_line is not None:
            kept.append((attachment.heading_line, attachment.heading))
        kept += _printed(attachment.meta)
        kept.extend((block.first_line, block.text) for block in attachment.blocks)
        kept += _clause_pieces(attachment.clauses)
    noise = [(item.line, item.text) for item in notice.noise]
    return kept, noise


def _clause_pieces(clauses: list[Clause]) -> list[tuple[int, str]]:
    pieces = []
    for root in clauses:
        for clause in root.walk():
            pieces.append((clause.first_line, clause.label + clause.heading))
            pieces.extend((block.first_line, block.text) for block in clause.blocks)
    return pieces


def _printed(meta: Metadata) -> list[tuple[int, str]]:
    """The fields printed in the document, as printed, by line. Two fields may share a line
    (文号 and 签发人); one may repeat another's text (印发机关 within the 印发 line)."""
    by_line: dict[int, list[str]] = {}
    for name in _PRINTED_FIELDS:
        value = getattr(meta, name)
        if value is None or value.inferred or value.reason or value.line is None:
            continue
        by_line.setdefault(value.line, []).append(value.raw or value.value)
    return [(line, "".join(text for text in texts
                           if not any(text in other and text != other for other in texts)))
            for line, texts in by_line.items()]
