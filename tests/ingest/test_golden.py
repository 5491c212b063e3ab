"""Golden files: the whole structured text of every unique notice, pinned.

A change to the cleaner or parser shows up here as a readable diff. After checking the
diff by eye, regenerate with `UPDATE_GOLDEN=1 make test` (or pytest tests/ingest/test_golden.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_site.enrich.responsibility import Responsibilities, responsibilities
from build_site.model import Notice, Table

GOLDEN = Path(__file__).parent / "golden"


def outline(notice: Notice, responsible: Responsibilities) -> str:
    """The notice as parsed, with the departments its clauses name."""
    lines = [f"# {notice.slug}  {notice.file}:{notice.first_line}-{notice.last_line}"]
    for name, value in notice.meta.fields():
        mark = f"  [inferred: {value.reason}]" if value.inferred else ""
        lines.append(f"meta {name}: {value.value}{mark}")
    for key, value in notice.meta.web.items():
        lines.append(f"web {key}: {value.value}")
    lines.extend(f"url {url.value}" for url in notice.meta.source_urls)
    lines.extend(f"noise {item.kind.value} @{item.line}: {item.text}" for item in notice.noise)
    lines.extend(f"preamble | {block.text}" for block in notice.preamble)
    for clause in notice.all_clauses():
        indent = "  " * (clause.level - 1)
        named = responsible.get(notice.ref(clause), ())
        departments = f"  {{{'; '.join(named)}}}" if named else ""
        lines.append(f"{indent}#{clause.anchor} {clause.path} [{clause.heading}]{departments}")
        for block in clause.blocks:
            kind = "table" if isinstance(block, Table) else "|"
            for text in block.text.split("\n"):
                lines.append(f"{indent}  {kind} {text}")
    lines.extend(f"contact | {paragraph.text}" for paragraph in notice.contact)
    for attachment in notice.attachments:
        lines.append(f"attachment {attachment.name} ({attachment.heading})")
        for block in attachment.blocks:
            lines.extend(f"  | {text}" for text in block.text.split("\n"))
    return "\n".join(lines) + "\n"


def _notices(corpus):
    return {notice.slug: notice for notice in corpus.notices}


def test_every_unique_notice_has_a_golden_file(corpus) -> None:
    expected = {f"{slug}.txt" for slug in _notices(corpus)}
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        for path in GOLDEN.glob("*.txt"):
            if path.name not in expected:
                path.unlink()
        for slug, notice in _notices(corpus).items():
            (GOLDEN / f"{slug}.txt").write_text(outline(notice, responsibilities([notice])),
                                                 encoding="utf-8")
    assert {path.name for path in GOLDEN.glob("*.txt")} == expected


@pytest.mark.parametrize("name", sorted(path.stem for path in GOLDEN.glob("*.txt")))
def test_notice_matches_golden(corpus, name: str) -> None:
    notice = _notices(corpus)[name]
    expected = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    assert outline(notice, responsibilities([notice])) == expected
