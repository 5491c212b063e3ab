"""The whole structured text of a notice as a readable outline, for golden files."""

from __future__ import annotations

from build_site.enrich.responsibility import Responsibilities
from build_site.model import Block, Clause, Metadata, Notice, Table


def outline(notice: Notice, responsible: Responsibilities) -> str:
    """The notice as parsed, with the departments its clauses name."""
    lines = [f"# {notice.slug}  {notice.file}:{notice.first_line}-{notice.last_line}"]
    lines += _fields(notice.meta, "meta")
    for key, value in notice.meta.web.items():
        lines.append(f"web {key}: {value.value}")
    lines.extend(f"url {url.value}" for url in notice.meta.source_urls)
    lines.extend(f"noise {item.kind.value} @{item.line}: {item.text}" for item in notice.noise)
    lines.extend(f"preamble | {block.text}" for block in notice.preamble)
    lines += _clauses(notice, notice.clauses, 0, responsible)
    lines.extend(f"contact | {paragraph.text}" for paragraph in notice.contact)
    for attachment in notice.attachments:
        lines.append(f"attachment {attachment.name} ({attachment.heading})")
        lines += ["  " + line for line in _fields(attachment.meta, "meta")]
        lines += _blocks(attachment.blocks, "  ")
        lines += _clauses(notice, attachment.clauses, 1, responsible)
    return "\n".join(lines) + "\n"


def _fields(meta: Metadata, prefix: str) -> list[str]:
    return [f"{prefix} {name}: {value.value}"
            + (f"  [inferred: {value.reason}]" if value.inferred else "")
            for name, value in meta.fields()]


def _clauses(notice: Notice, clauses: list[Clause], depth: int,
             responsible: Responsibilities) -> list[str]:
    lines = []
    for clause in clauses:
        indent = "  " * depth
        named = responsible.get(notice.ref(clause), ())
        departments = f"  {{{'; '.join(named)}}}" if named else ""
        lines.append(f"{indent}#{clause.anchor} {clause.path} [{clause.heading}]{departments}")
        lines += _blocks(clause.blocks, indent + "  ")
        lines += _clauses(notice, clause.children, depth + 1, responsible)
    return lines


def _blocks(blocks: list[Block], indent: str) -> list[str]:
    return [f"{indent}{'table' if isinstance(block, Table) else '|'} {text}"
            for block in blocks for text in block.text.split("\n")]
