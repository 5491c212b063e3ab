"""The data model shared by every pipeline stage.

Plain dataclasses. The ingest stages fill them in document order: read (SourceText) →
normalize (Line) → split (Chunk) → parse (Notice, Metadata from the document itself,
Paragraph and Table blocks) → clauses (Clause: tree, heading, department notes, path and
anchor) → infer (the Metadata fields the source does not state, marked inferred) →
dedupe (which copy is published) → slugs (Notice.slug). Nothing later changes them.
Relations between notices and clauses (duplicates, citations, sectors, responsible
departments) are separate maps keyed by ClauseRef, built by enrich/, not stored here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

UNKNOWN_YEAR = "年份不详"


class ClauseRef(NamedTuple):
    """A clause as relations and URLs name it: its notice's slug and its own anchor."""

    slug: str
    anchor: str


@dataclass(frozen=True)
class SourceText:
    """One raw file, decoded; lines keep their 1-based numbers through every stage."""

    file: str
    encoding: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    """A message for the person running the build, always naming file and line."""

    file: str
    line: int | None
    message: str
    fatal: bool = False  # fatal: the file (or notice) could not be built at all

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Line:
    """A source line after line-level cleaning, with its position in the raw file."""

    number: int
    text: str
    markup: str = ""  # web or word-processor markup the cleaner took out of it


@dataclass(frozen=True)
class Chunk:
    """The lines of one notice as found by the splitter."""

    file: str
    first_line: int
    last_line: int
    lines: tuple[Line, ...]


class NoiseKind(StrEnum):
    URL = "source URL"
    WEB_METADATA = "web metadata block"
    WEB_FURNITURE = "web page furniture"
    PAGE_NUMBER = "page number"
    MARKUP = "markup"
    ATTACHMENT_FILE = "attachment file line"
    STRAY_TITLE = "stray title line"
    PINYIN = "injected pinyin"
    BLANK = "blank line"


@dataclass(frozen=True)
class Noise:
    """Text removed from the body on purpose, kept so the audit can account for it."""

    kind: NoiseKind
    line: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A real paragraph: wrapped source lines rejoined."""

    text: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Table:
    """A tab-separated table from the source, cells kept verbatim."""

    rows: tuple[tuple[str, ...], ...]
    first_line: int
    last_line: int

    @property
    def text(self) -> str:
        return "\n".join("\t".join(row) for row in self.rows)


Block = Paragraph | Table


@dataclass(frozen=True)
class Field:
    """A metadata value and whether the source states it or it was inferred."""

    value: str
    inferred: bool = False
    line: int | None = None
    raw: str | None = None  # the text as printed, where normalisation changed it
    reason: str = ""  # for an inferred value: what it was inferred from


@dataclass
class Metadata:
    """GB/T 9704-2012 parts of a notice, plus what the web page around it said."""

    issuer: Field | None = None  # 发文机关
    doc_number: Field | None = None  # 发文字号
    title: Field | None = None  # 标题
    doc_type: Field | None = None  # 文种
    addressees: Field | None = None  # 主送机关
    date: Field | None = None  # 成文日期, ISO
    note: Field | None = None  # 附注
    cc: Field | None = None  # 抄送
    report_to: Field | None = None  # 报 (upward copy in the 版记)
    printer: Field | None = None  # 印发机关
    print_date: Field | None = None  # 印发日期, ISO
    signature: Field | None = None  # 发文机关署名
    letterhead: Field | None = None  # 发文机关标志, e.g. 晋中市人民政府文件
    order_number: Field | None = None  # 令号 of a 令, e.g. 第8号
    signer: Field | None = None  # 签发人
    copy_number: Field | None = None  # 份号
    secrecy: Field | None = None  # 密级和保密期限
    urgency: Field | None = None  # 紧急程度
    malformed_doc_number: Field | None = None  # a 文号 line that does not read as one
    year: Field | None = None
    source_urls: tuple[Field, ...] = ()
    web: dict[str, Field] = field(default_factory=dict)  # 索引号, 主题分类 …

    def inferred_fields(self) -> list[str]:
        return [name for name, value in self.fields() if value.inferred]

    def fields(self) -> list[tuple[str, Field]]:
        named = [
            (name, getattr(self, name))
            for name in (
                "issuer", "doc_number", "title", "doc_type", "addressees", "date", "note",
                "cc", "report_to", "printer", "print_date", "signature", "letterhead", "year",
                "order_number", "signer", "copy_number", "secrecy", "urgency",
                "malformed_doc_number",
            )
        ]
        return [(name, value) for name, value in named if value is not None]


@dataclass
class Clause:
    """One numbered clause: 一、 → （一） → 1. → （1）; all set by the clause stage."""

    level: int  # 1 for 一、 … 4 for （1）, 5 ①, 6 章, 7 节, 8 条
    label: str  # as printed after normalisation: 三、 （十一） 1. （1） 10、
    number: int
    heading: str  # the clause's heading where the text has one, else ""
    blocks: list[Block]  # its own text, before any child clause
    department_notes: tuple[str, ...] = ()  # as printed, e.g. （省应急厅等部门分工负责）
    children: list[Clause] = field(default_factory=list)
    kind: str = "section"  # its numbering scheme (ingest/grammar.py CLAUSE_SCHEMES)
    first_line: int = 0
    last_line: int = 0
    anchor: str = ""  # from the numbering path, e.g. a3-b11-c4: part of the clause's URL
    path: str = ""  # labels from the top, e.g. 三、（十一）1.

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Attachment:
    """附件: its name in the 附件说明 and, where the source has it, its content: a form or a
    table, or a whole document (the plan an 印发 notice carries, the notice a 转发 one
    forwards) with its own front matter, clauses (anchored f1-a3-b2) and closing."""

    name: str
    line: int  # of the 附件说明 line (`附件：name`), or of the heading when there is none
    printed: str = ""  # the 附件说明 line as printed
    anchor: str = ""  # f1, f2 …: where its content stands on the page, and its clauses' prefix
    heading: str = ""  # the `附件` / `附件1` line that opens the content
    heading_line: int | None = None
    blocks: list[Block] = field(default_factory=list)  # its text before any clause
    meta: Metadata = field(default_factory=Metadata)  # its own title, 文号, signature, date
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Notice:
    """One notice, structured, with everything the source said and where it said it.

    Set by the parse stage, completed by infer; `slug` (its URL) by the slug stage.
    """

    file: str
    first_line: int
    last_line: int
    meta: Metadata
    preamble: list[Block]  # text between 主送机关 and the first clause
    clauses: list[Clause]
    contact: list[Paragraph]  # 联系人 / 联系电话 block
    attachments: list[Attachment]
    noise: list[Noise]
    problems: list[Problem] = field(default_factory=list)
    slug: str = ""

    def ref(self, clause: Clause) -> ClauseRef:
        return ClauseRef(self.slug, clause.anchor)

    def year_or(self, fallback: str) -> str:
        """The notice's year (stated or inferred), or `fallback` where nothing tells it."""
        return self.meta.year.value if self.meta.year else fallback

    def all_clauses(self) -> list[Clause]:
        """Every clause, its attachments' too, depth first in document order (a loop: nested
        generators cost)."""
        clauses: list[Clause] = []
        pending = [clause for attachment in self.attachments[::-1]
                   for clause in attachment.clauses[::-1]] + self.clauses[::-1]
        while pending:
            clause = pending.pop()
            clauses.append(clause)
            pending.extend(clause.children[::-1])
        return clauses

    def body_text(self) -> str:
        """Preamble, then each clause's heading and text: what inference and URLs read."""
        parts = [block.text for block in self.preamble]
        for clause in self.all_clauses():
            parts += [clause.heading, clause.text]
        return "\n".join(parts)
