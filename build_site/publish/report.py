"""Console reports: the fidelity audit table and the build summary."""

from __future__ import annotations

from build_site.ingest.audit import NoticeAudit
from build_site.ingest.corpus import Corpus
from build_site.model import NoiseKind


def _name(audit: NoticeAudit) -> str:
    notice = audit.notice
    number = notice.meta.doc_number.value if notice.meta.doc_number else "(无文号)"
    return f"{notice.slug or '(duplicate)'} {number}"


def _markup(audit: NoticeAudit) -> int:
    return sum(1 for item in audit.notice.noise if item.kind is NoiseKind.MARKUP)


def audit_table(audits: list[NoticeAudit]) -> str:
    header = (
        f"{'notice':40} {'source':28} {'lines':>11} {'Han':>6} {'kept':>6} {'noise':>5} "
        f"{'markup':>6} {'t→s':>5} {'coverage':>9}"
    )
    rows = [header, "-" * len(header)]
    for audit in audits:
        notice = audit.notice
        rows.append(
            f"{_name(audit):40} {notice.file:28} "
            f"{notice.first_line:>5}–{notice.last_line:<5} {audit.source_han:>6} "
            f"{audit.kept_han:>6} {audit.noise_han:>5} {_markup(audit):>6} {audit.converted:>5} "
            f"{audit.coverage:>9.2%}"
        )
        for span in audit.dropped:
            rows.append(f"    DROPPED at {notice.file}:{span.line}: {span.text}")
        for span in audit.added:
            rows.append(f"    ADDED   near {notice.file}:{span.line}: {span.text}")
    total = sum(a.source_han for a in audits)
    lost = sum(len(span.text) for a in audits for span in a.dropped)
    rows.append("-" * len(header))
    rows.append(
        f"{len(audits)} notices, {total} Han characters in the sources, {lost} lost; "
        "noise = Han characters set aside on purpose (web metadata, front matter, page "
        "furniture, stray titles, attachment file lines); markup = web and word-processor "
        "remnants taken out of lines (tags, entities, **, # marks, link targets)"
    )
    return "\n".join(rows)


def corpus_summary(corpus: Corpus) -> str:
    lines = []
    for name, source in corpus.sources.items():
        pinyin = ", pinyin removed" if name in corpus.pinyin_files else ""
        lines.append(f"read {name}: {source.encoding}, {len(source.lines)} lines{pinyin}")
    lines.append(
        f"{len(corpus.notices) + len(corpus.duplicates)} notices found, "
        f"{len(corpus.notices)} published"
    )
    for duplicate in corpus.duplicates:
        shown, hidden = duplicate.shown, duplicate.hidden
        lines.append(
            f"duplicate ({duplicate.reason}): {hidden.file}:{hidden.first_line}–{hidden.last_line}"
            f" = {shown.file}:{shown.first_line}–{shown.last_line}; character agreement "
            f"{duplicate.agreement:.2%}; shown: {shown.file} (more fields stated)"
        )
    for problem in corpus.problems:
        lines.append(("ERROR " if problem.fatal else "warning ") + str(problem))
    return "\n".join(lines)
