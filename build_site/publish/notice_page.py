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

from build_site.enrich.link import Citation, ExternalDocument
from build_site.model import Block, Clause, ClauseRef, Field, Notice, Table
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
        _related(notice, context),
    ]
    if meta.addressees:
        parts += [f'<p class="addressees">{html.escape(meta.addressees.value)}：</p>', ""]
    parts += [_blocks(notice.preamble, notice, None, context)]
    for clause in notice.clauses:
        parts.append(_clause(notice, clause, 2, context))
    parts.append(_closing(notice))
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
        ("文号", _value_html(meta.doc_number, "原文未载明文号")),
        ("发文机关", _value_html(meta.issuer)),
        ("成文日期", _value_html(meta.date, "原文未载明")),
        ("文种", _value_html(meta.doc_type)),
        ("年份", _value_html(meta.year) if _inferred(meta.year) else html.escape(
            meta.year.value if meta.year else "")),
        ("附注", _value_html(meta.note)),
    ]
    if _inferred(meta.title):
        rows.insert(0, ("标题", _value_html(meta.title)))
    rows.append(("来源", _sources_html(notice, context)))
    if meta.source_urls:  # shown as text: the intranet cannot reach them, nor should it try
        rows.append(("原网页", "<br>".join(
            f"<code>{html.escape(url.value)}</code>"
            + (f' <span class="inferred">{html.escape(url.reason)}</span>' if url.inferred else "")
            for url in meta.source_urls)))
    body = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows if value)
    return f'<table class="notice-meta" data-search-exclude><tbody>{body}</tbody></table>'


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
    for block in blocks:
        if isinstance(block, Table):
            out.append(table_html(block))
        else:
            out.append(f"<p>{_linked_text(block.text, citations, page)}</p>")
        out.append("")
    return "\n".join(out)


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


def _closing(notice: Notice) -> str:
    meta = notice.meta
    parts = []
    signature = [value for value in (meta.signature, meta.date) if value is not None]
    if signature:
        shown = [html.escape(v.raw or v.value) for v in signature]
        parts.append('<p class="signature">' + "<br>".join(shown) + "</p>")
    if meta.note:
        parts.append(f'<p class="note">{html.escape(meta.note.value)}</p>')
    for paragraph in notice.contact:
        parts.append(f'<p class="contact">{html.escape(paragraph.text)}</p>')
    for attachment in notice.attachments:
        if attachment.printed:
            parts.append(f'<p class="attachment-note">{html.escape(attachment.printed)}</p>')
    for attachment in notice.attachments:
        if attachment.blocks or attachment.heading:
            parts.append(f'<section class="attachment"><p class="attachment-heading">'
                         f"{html.escape(attachment.heading or '附件')}</p>")
            for block in attachment.blocks:
                parts.append(table_html(block) if isinstance(block, Table)
                             else f"<p>{html.escape(block.text)}</p>")
            parts.append("</section>")
    banji = [(label, value) for label, value in (("抄送", meta.cc), ("报", meta.report_to))
             if value is not None]
    printed = _printed_line(meta)
    if banji or printed:
        rows = [f"<p>{label}：{html.escape(value.value)}</p>" for label, value in banji]
        if printed:
            rows.append(f'<p class="printed">{printed}</p>')
        parts.append('<div class="banji">' + "".join(rows) + "</div>")
    return "\n\n".join(parts) + "\n" if parts else ""


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
