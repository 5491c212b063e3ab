"""The fidelity audit: every Han character of the source reaches the structured notice."""

from __future__ import annotations

from build_site.ingest.audit import audit_notice
from build_site.model import Paragraph


def test_every_notice_keeps_every_han_character(corpus) -> None:
    everything = corpus.notices + [d.hidden for d in corpus.duplicates]
    audits = [audit_notice(n, corpus.sources[n.file]) for n in everything]
    assert len(audits) == 22
    for audit in audits:
        assert audit.coverage == 1.0, (audit.notice.slug, audit.dropped)
        assert audit.added == ()
    noise = {a.notice.slug: a.noise_han for a in audits}
    assert noise["shanxi-2015-1"] > 50  # the web metadata block, accounted for


def test_audit_reports_lost_text(corpus) -> None:
    notice = next(n for n in corpus.notices if n.slug == "daixian-2021-1")
    clause = notice.clauses[0].children[0]
    original = clause.blocks
    clause.blocks = [Paragraph(original[0].text[:-8], original[0].first_line, original[0].last_line)]
    try:
        audit = audit_notice(notice, corpus.sources[notice.file])
    finally:
        clause.blocks = original
    assert not audit.ok
    assert audit.dropped[0].line == 9 and audit.coverage < 1
