"""The page of one notice: metadata box, related notices, the clauses with their anchors and
citation links, the closing parts, and what the cleaner set aside.

Every clause heading carries an explicit id from its numbering path (stable URLs) and a
`data-citation` the copy-citation button uses. Clause text is written as HTML paragraphs,
not Markdown: the text holds no markup, and Python-Markdown's inline pass over long Chinese
paragraphs was most of a build's time; their links are checked by hooks/linkcheck.py.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from build_site.enrich.classify import opening
from build_site.enrich.link import Citation, ExternalDocument
from build_site.model import Attachment, Block, Clause, ClauseRef, Field, Metadata, Notice, Table
from build_site.publish import search_fields, urls
from build_site.publish.context import (
    SiteContext,
    citation_label,
    clause_citation,
    short_title,
)
from build_site.publish.markup import attribute, escape, table_html, yaml_text


def render_notice(notice: Notice, context: SiteContext) -> str:
    meta = notice.meta
    parts = [
        "---",
        f"title: {yaml_text(f'{citation_label(notice)} {short_title(notice)}')}",
        search_fields.front_matter(notice, context),
        "---",
        "",
        f"# {escape(short_title(notice))}" + (" {.title-inferred}" * _inferred(meta.title)),
        "",
        _metadata_box(notice, context),
        "",
        _conflict_note(notice, context),
        _related(notice, context),
        *(extra(notice) for extra in context.notice_extras),
    ]
    if meta.addressees:
        parts += [f'<p class="addressees">{html.escape(meta.addressees.value)}：</p>', ""]
    parts += [_blocks(notice.preamble, notice, None, context)]
    if meta.order_number is not None:  # a 令 is signed and dated before what it promulgates
        parts.append(_signature(meta))
    for clause in notice.clauses:
        parts.append(_clause(notice, clause, 2, context))
    parts.append(_closing(notice))
    for attachment in notice.attachments:
        if attachment.clauses:
            parts.append(_attached_document(notice, attachment, context))
    parts.append(_banji(meta))
    parts.append(_provenance(notice, context))
    return "\n".join(part for part in parts if part is not None) + "\n"


def _inferred(value: Field | None) -> bool:
    return value is not None and value.inferred


def _value_html(value: Field | None, missing: str = "") -> str:
    if value is None:
        return f'<span class="missing">{html.escape(missing)}</span>' if missing else ""
    text = html.escape(value.value)
    if value.inferred:
        reason = html.escape(value.reason or "推断")
        text += f' <span class="inferred" title="{reason}">推断：{reason}</span>'
    elif value.reason:
        text += f' <span class="from-web">（据{html.escape(value.reason)}）</span>'
    return text


def _metadata_box(notice: Notice, context: SiteContext) -> str:
    meta = notice.meta
    rows = [
        ("文号", _value_html(meta.doc_number, "原文未载明文号") if meta.malformed_doc_number is None
         or meta.doc_number else html.escape(meta.malformed_doc_number.value)
         + ' <span class="inferred">原文如此，不能识别为文号</span>'),
        *((name, _value_html(value)) for name, value in (
            ("令号", meta.order_number), ("签发人", meta.signer), ("份号", meta.copy_number),
            ("密级", meta.secrecy), ("紧急程度", meta.urgency),
            ("发文机关标志", meta.letterhead)) if value is not None),
        ("发文机关", _value_html(meta.issuer)),
        ("成文日期", _value_html(meta.date, "原文未载明")),
        ("文种", _value_html(meta.doc_type)),
        ("年份", _value_html(meta.year) if _inferred(meta.year) else html.escape(
            meta.year.value if meta.year else "")),
        ("附注", _value_html(meta.note)),
    ]
    if _inferred(meta.title):
        rows.insert(0, ("标题", _value_html(meta.title)))
    # where the text came from, folded: on a phone it filled the first screen
    sources = [("来源", _sources_html(notice, context))]
    if meta.source_urls:  # shown as text: the intranet cannot reach them, nor should it try
        sources.append(("原网页", "<br>".join(
            f"<code>{html.escape(url.value)}</code>"
            + (f' <span class="inferred">{html.escape(url.reason)}</span>' if url.inferred else "")
            for url in meta.source_urls)))
    summary = "、".join(name for name, _ in sources)
    return (f'<table class="notice-meta" data-search-exclude><tbody>{_rows(rows)}</tbody></table>'
            f'<details class="notice-sources" data-search-exclude><summary>{summary}</summary>'
            f'<table class="notice-sources"><tbody>{_rows(sources)}</tbody></table></details>')


def _rows(rows: list[tuple[str, str]]) -> str:
    return "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows if value)


def _sources_html(notice: Notice, context: SiteContext) -> str:
    items = [f"{html.escape(notice.file)} 第{notice.first_line}–{notice.last_line}行"]
    for duplicate in context.duplicates:
        if duplicate.shown is notice:
            hidden = duplicate.hidden
            extra = "，繁体并夹注拼音，已清理" if hidden.file in context.pinyin_files else ""
            items.append(
                f"{html.escape(hidden.file)} 第{hidden.first_line}–{hidden.last_line}行"
                f"（同一文件的另一副本{extra}；两份清理后逐字一致率 {duplicate.agreement:.2%}，"
                "此处显示前者）"
            )
    return "；<br>".join(items)


def _related(notice: Notice, context: SiteContext) -> str:
    links = context.links
    items = []
    for label, mapping in (("上一份", links.previous), ("下一份", links.next),
                           ("同年省政府通知", links.provincial)):
        slug = mapping.get(notice.slug)
        if slug:
            other = context.notice(slug)
            target = urls.link(urls.notice_page(notice.slug), urls.notice_page(slug), html=False)
            items.append(f"{label}：[{escape(citation_label(other))} "
                         f"{escape(short_title(other))}]({target})")
    if not items:
        return ""
    return ('<div class="related" data-search-exclude markdown>\n\n' + "  \n".join(items)
            + "\n\n</div>\n")


def _conflict_note(notice: Notice, context: SiteContext) -> str | None:
    """Two documents printed with one 文号: each page says so and links the other."""
    conflict = next((c for c in context.conflicts if any(n is notice for n in c.notices)),
                    None)
    if conflict is None:
        return None
    page = urls.notice_page(notice.slug)
    others = "；".join(
        f"[{escape(short_title(other))}]"
        f"({urls.link(page, urls.notice_page(other.slug), html=False)})"
        f"（{escape(other.file)} 第{other.first_line}行）"
        for other in conflict.notices if other is not notice)
    accepted = context.accepted_conflicts.get(conflict.doc_number)
    verdict = (f"已核实：{escape(accepted)}" if accepted else
               "两者必有一份文号有误或为不同文件，请核对原件。")
    return ('<div class="conflict" data-search-exclude markdown>\n\n'
            f"**同一文号，不同文件。**本文与 {others} 都载明文号 "
            f"{escape(conflict.doc_number)}，但两份文字只有 {conflict.agreement:.0%} 相同，"
            f"因此分别发布。{verdict}\n\n</div>\n")


def _clause(notice: Notice, clause: Clause, depth: int, context: SiteContext) -> str:
    hashes = "#" * min(depth, 6)
    classes = ".clause" + ("" if clause.heading else " .bare")
    title = escape(clause.label + clause.heading)
    citation = attribute(clause_citation(notice, clause))
    lines = [f'{hashes} {title} {{#{clause.anchor} {classes} data-citation="{citation}"}}', ""]
    extras = [rendered for extra in context.clause_extras if (rendered := extra(notice, clause))]
    text = _blocks(clause.blocks, notice, clause, context)
    # a bare label (`7.`) runs into its text, so its extras follow the text instead
    lines += [text, *extras, ""] if not clause.heading else [*extras, "", text]
    for child in clause.children:
        lines.append(_clause(notice, child, depth + 1, context))
    return "\n".join(lines)


def _blocks(blocks: Sequence[Block], notice: Notice, clause: Clause | None,
            context: SiteContext) -> str:
    """Clause text as HTML paragraphs, not Markdown: the text holds no markup, and
    Python-Markdown's inline pass over long Chinese paragraphs was most of a build's time.
    Their links are checked by build_site/linkcheck.py like every other link."""
    out = []
    citations = context.links.citations.get(notice.ref(clause), []) if clause else []
    page = urls.notice_page(notice.slug)
    clause = clause or opening(notice)
    segments = {segment.paragraph for segment in context.segments.get(notice.ref(clause), ())}
    for number, block in enumerate(blocks, 1):
        if isinstance(block, Table):
            out.append(table_html(block))
        else:
            anchor = _segment_anchor(notice, clause, number) if number in segments else ""
            out.append(f"<p{anchor}>{_linked_text(block.text, citations, page)}</p>")
        out.append("")
    return "\n".join(out)


def _segment_anchor(notice: Notice, clause: Clause, paragraph: int) -> str:
    """A paragraph listed on its own gets an anchor and a citation, as a clause heading does."""
    ref = urls.segment_ref(notice.ref(clause), paragraph)
    citation = attribute(clause_citation(notice, clause, paragraph))
    return f' id="{ref.anchor}" class="clause segment" data-citation="{citation}"'


def _linked_text(text: str, citations: list[tuple[Citation, ClauseRef | ExternalDocument]],
                 page: str) -> str:
    """Escape a paragraph as HTML and turn each citation in it into a link."""
    pieces: list[str] = []
    position = 0
    for citation, target in citations:
        start = text.find(citation.text, position)
        if start < 0:
            continue
        pieces.append(html.escape(text[position:start], quote=False))
        if isinstance(target, ExternalDocument):
            href = urls.link(page, urls.CITATIONS, target.anchor, html=True)
        else:
            href = urls.clause_link(page, target)
        pieces.append(f'<a href="{href}">{html.escape(citation.text, quote=False)}</a>')
        position = start + len(citation.text)
    pieces.append(html.escape(text[position:], quote=False))
    return "".join(pieces).replace("\n", "<br>\n")


def _signature(meta: Metadata) -> str:
    """发文机关署名 and 成文日期 as printed."""
    signature = [value for value in (meta.signature, meta.date) if value is not None]
    shown = [html.escape(v.raw or v.value) for v in signature]
    return '<p class="signature">' + "<br>".join(shown) + "</p>" if signature else ""


def _closing(notice: Notice) -> str:
    meta = notice.meta
    parts = []
    if meta.order_number is None and (signature := _signature(meta)):
        parts.append(signature)
    if meta.note:
        parts.append(f'<p class="note">{html.escape(meta.note.value)}</p>')
    for paragraph in notice.contact:
        parts.append(f'<p class="contact">{html.escape(paragraph.text)}</p>')
    for attachment in notice.attachments:
        if attachment.printed:
            parts.append(f'<p class="attachment-note">{html.escape(attachment.printed)}</p>')
    for attachment in notice.attachments:
        if (attachment.blocks or attachment.heading) and not attachment.clauses:
            parts.append(f'<section class="attachment"><p class="attachment-heading">'
                         f"{html.escape(attachment.heading or '附件')}</p>")
            for block in attachment.blocks:
                parts.append(table_html(block) if isinstance(block, Table)
                             else f"<p>{html.escape(block.text)}</p>")
            parts.append("</section>")
    return "\n\n".join(parts) + "\n" if parts else ""


def _attached_document(notice: Notice, attachment: Attachment, context: SiteContext) -> str:
    """A document an attachment carries (an 印发 plan, a forwarded notice): its own heading,
    front matter, clauses (anchored f1-a3-b2) and closing, on the notice's page."""
    meta = attachment.meta
    title = meta.title.value if meta.title else attachment.name
    heading = " ".join(part for part in (attachment.heading or "附件", title) if part)
    lines = [f"## {escape(heading)} {{#{attachment.anchor} .attachment-title}}", ""]
    front = [value.raw or value.value for value in (meta.letterhead, meta.doc_number) if value]
    if front:
        lines += ['<p class="attachment-front">' + "<br>".join(map(html.escape, front))
                  + "</p>", ""]
    if meta.addressees:
        lines += [f'<p class="addressees">{html.escape(meta.addressees.value)}：</p>', ""]
    lines.append(_blocks(attachment.blocks, notice, None, context))
    lines += [_clause(notice, clause, 3, context) for clause in attachment.clauses]
    lines.append(_signature(meta))
    return "\n".join(lines) + "\n"


def _banji(meta: Metadata) -> str | None:
    """版记: 抄送, 报, and the 印发 line."""
    banji = [(label, value) for label, value in (("抄送", meta.cc), ("报", meta.report_to))
             if value is not None]
    printed = _printed_line(meta)
    if not banji and not printed:
        return None
    rows = [f"<p>{label}：{html.escape(value.value)}</p>" for label, value in banji]
    if printed:
        rows.append(f'<p class="printed">{printed}</p>')
    return '<div class="banji">' + "".join(rows) + "</div>\n"


def _printed_line(meta) -> str:
    """印发机关 and 印发日期, once each even when the source printed them on one line."""
    date = meta.print_date.raw or meta.print_date.value if meta.print_date else ""
    printer = meta.printer.value if meta.printer and meta.printer.value not in date else ""
    return html.escape(" ".join(part for part in (printer, date) if part))


def _provenance(notice: Notice, context: SiteContext) -> str:
    """What the cleaner set aside, so that every character of the source is on the page."""
    meta = notice.meta
    items = [f"<li>{html.escape(item.kind.value)}（第{item.line}行）：<code>"
             f"{html.escape(item.text)}</code></li>" for item in notice.noise]
    if notice.file in context.pinyin_files:
        items.append("<li>原文在每个字后夹注拼音，已删除；繁体字已转为简体（OpenCC）</li>")
    for duplicate in context.duplicates:
        if duplicate.shown is notice and duplicate.hidden.file in context.pinyin_files:
            items.append(f"<li>{html.escape(duplicate.hidden.file)}：繁体并夹注拼音的副本，"
                         "拼音已删除、繁体已转简体后与本文比对</li>")
    if not items and not meta.source_urls:
        return ""
    summary = "<summary>整理说明：从正文中移出的内容</summary>"
    return (f'<details class="provenance" data-search-exclude>{summary}<ul>'
            + "".join(items) + "</ul></details>\n")
