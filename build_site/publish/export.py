"""The JSON export of the whole corpus (schema in the README)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from build_site.enrich.classify import SectorTag, Tags
from build_site.enrich.responsibility import Responsibilities
from build_site.ingest.corpus import Corpus
from build_site.model import Attachment, Clause, ClauseRef, Field, Metadata, Notice, Table
from build_site.publish import urls
from build_site.registers.departments import Department

SCHEMA_VERSION = 1


def corpus_to_json(
    corpus: Corpus,
    tags: Tags,
    responsible: Responsibilities,
    departments: Mapping[Department, Sequence[ClauseRef]],
) -> dict[str, Any]:
    """The corpus, each clause with its sectors and departments, and the department pages
    with their clauses."""
    hidden_by_shown: dict[int, list] = {}
    for duplicate in corpus.duplicates:
        hidden_by_shown.setdefault(id(duplicate.shown), []).append(duplicate)
    data: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "notices": [
            _notice(notice, corpus, hidden_by_shown.get(id(notice), []), tags, responsible)
            for notice in corpus.notices
        ],
        "departments": [
            {
                "slug": department.slug,
                "name": department.name,
                "aliases": list(department.aliases),
                "url": urls.published(urls.department_page(department.slug)),
                "clauses": [f"{ref.slug}#{ref.anchor}" for ref in refs],
            }
            for department, refs in departments.items()
        ],
        "withdrawn": [
            {"id": entry.slug, "url": urls.site_url(ClauseRef(entry.slug, "")),
             "doc_number": entry.doc_number or None, "title": entry.title,
             "issuer": entry.issuer, "year": int(entry.year) if entry.year.isdigit() else None}
            for entry in corpus.withdrawn
        ],
    }
    return data


def _field(value: Field | None) -> Any:
    return None if value is None else value.value


def _notice(notice: Notice, corpus: Corpus, duplicates: list, tags: Tags,
            responsible: Responsibilities) -> dict[str, Any]:
    meta = notice.meta
    return {
        "id": notice.slug,
        "url": urls.site_url(ClauseRef(notice.slug, "")),
        "doc_number": _field(meta.doc_number),
        "title": _field(meta.title),
        "issuer": _field(meta.issuer),
        "doc_type": _field(meta.doc_type),
        "date": _field(meta.date),
        "year": int(meta.year.value) if meta.year else None,
        "inferred": meta.inferred_fields(),
        "fields": _fields(meta),
        "web": {key: value.value for key, value in meta.web.items()},
        "source_urls": [url.value for url in meta.source_urls],
        "sources": [_source(notice, corpus)]
        + [_source(duplicate.hidden, corpus) for duplicate in duplicates],
        "duplicates": [
            {
                **_source(duplicate.hidden, corpus),
                "agreement": round(duplicate.agreement, 5),
                "reason": duplicate.reason,
            }
            for duplicate in duplicates
        ],
        "preamble": [block.text for block in notice.preamble],
        "clauses": [
            _clause(notice.ref(clause), clause, tags.get(notice.ref(clause), ()),
                    responsible.get(notice.ref(clause), ()))
            for clause in notice.all_clauses()
        ],
        "contact": [paragraph.text for paragraph in notice.contact],
        "attachments": [_attachment(attachment, notice.slug)
                        for attachment in notice.attachments],
    }


def _source(notice: Notice, corpus: Corpus) -> dict[str, Any]:
    source = corpus.sources.get(notice.file)
    return {
        "file": notice.file,
        "first_line": notice.first_line,
        "last_line": notice.last_line,
        "encoding": source.encoding if source else None,
    }


def _clause(ref: ClauseRef, clause: Clause, sectors: Sequence[SectorTag],
            departments: Sequence[str]) -> dict[str, Any]:
    return {
        "id": f"{ref.slug}#{ref.anchor}",
        "anchor": clause.anchor,
        "path": clause.path,
        "level": clause.level,
        "kind": clause.kind,
        "label": clause.label,
        "heading": clause.heading,
        "text": clause.text,
        "departments": list(departments),
        "url": urls.site_url(ref),
        "lines": [clause.first_line, clause.last_line],
        "sectors": [{"slug": t.slug, "name": t.name, "kind": t.kind} for t in sectors],
    }


def _fields(meta: Metadata) -> dict[str, Any]:
    """Every element the source states or that was inferred; `printed` where the source
    printed it otherwise than it is shown (a 文号 in ［］, a date in Chinese numerals)."""
    return {
        name: {
            "value": value.value,
            "inferred": value.inferred,
            "source_line": value.line,
            **({"printed": value.raw} if value.raw and value.raw != value.value else {}),
            **({"reason": value.reason} if value.reason else {}),
        }
        for name, value in meta.fields()
    }


def _attachment(attachment: Attachment, slug: str) -> dict[str, Any]:
    """An attachment: its name in the 附件说明, and what it holds: a form or a table, or a
    document of its own (its fields, its clauses listed among the notice's, by id)."""
    return {
        "name": attachment.name,
        "anchor": attachment.anchor or None,
        "fields": _fields(attachment.meta),
        "blocks": [
            {"table": [list(row) for row in block.rows]} if isinstance(block, Table)
            else {"text": block.text}
            for block in attachment.blocks
        ],
        "clauses": [f"{slug}#{clause.anchor}" for root in attachment.clauses
                    for clause in root.walk()],
    }
