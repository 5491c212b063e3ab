"""The fidelity audit: every Han character of the source reaches the structured notice."""

from __future__ import annotations

from build_site.ingest.audit import audit_notice
from build_site.ingest.corpus import build_corpus
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


def test_text_on_a_line_of_markup_is_kept_not_noise(issuers) -> None:
    """A web copy holds its text and its tags on the same lines: the tags are set aside, the
    text is counted as kept (a regression: a line with any markup counted wholly as noise)."""
    lines = ["<p><strong>应急管理部关于加强冬春季危险化学品安全生产工作的通知</strong></p>",
             "<p>应急〔2023〕118号</p>",
             "<p>各省、自治区、直辖市应急管理厅（局）：</p>",
             "<p>&emsp;&emsp;<strong>一、严格落实企业主体责任</strong></p>",
             "<p>&emsp;&emsp;企业主要负责人要全面履行安全生产第一责任人职责。</p>",
             "<p>应急管理部</p>", "<p>2023年11月20日</p>"]
    corpus = build_corpus({"web.txt": "\n".join(lines).encode("utf-8")}, issuers)
    [notice] = corpus.notices
    audit = audit_notice(notice, corpus.sources["web.txt"])
    assert audit.coverage == 1.0 and audit.noise_han == 0
    assert audit.kept_han == audit.source_han
