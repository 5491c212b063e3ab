"""Stage 8: Markdown pages for MkDocs, one pure function per page kind.

Every clause heading carries an explicit id from its numbering path (stable URLs) and a
`data-citation` the copy-citation button uses. Text is escaped so that nothing in a
notice is read as Markdown; metadata boxes are plain HTML, links are Markdown so MkDocs
validates every one of them at build time.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from build_site.dedupe import Duplicate
from build_site.issuers import Issuers
from build_site.link import Citation, ExternalDocument, Links, Target
from build_site.model import Block, Clause, Field, Notice, Table

LEVEL_NAMES = {"省": "省级", "市": "市级", "县": "县级"}
ONE_PAGE_ENTRIES = 400  # beyond this a listing (topic, department, citations) is split
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~^$])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)
_BULLET_START = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<>#|~^$]|^\s*(?:\d+[.)]|[-+=])", re.MULTILINE)


@dataclass
class SiteContext:
    """What a page needs beyond its own notice: relations, duplicates, register, extras."""

    notices: Sequence[Notice]
    links: Links
    duplicates: Sequence[Duplicate]
    issuers: Issuers
    pinyin_files: set[str] = field(default_factory=set)
    # Later stages add lines under a clause heading (e.g. sector tags): (notice, clause) → md
    clause_extras: list[Callable[[Notice, Clause], str]] = field(default_factory=list)
    _by_slug: dict[str, Notice] = field(default_factory=dict, repr=False)
    _clauses: dict[tuple[str, str], Clause] = field(default_factory=dict, repr=False)

    def notice(self, slug: str) -> Notice:
        if len(self._by_slug) != len(self.notices):
            self._by_slug = {notice.slug: notice for notice in self.notices}
        return self._by_slug[slug]

    def clause(self, slug: str, anchor: str) -> tuple[Notice, Clause]:
        """The clause a relation map names by (notice slug, clause anchor)."""
        if not self._clauses:
            self._clauses = {(notice.slug, clause.anchor): clause
                             for notice in self.notices for clause in notice.all_clauses()}
        return self.notice(slug), self._clauses[slug, anchor]


def escape(text: str) -> str:
    """Make notice text inert Markdown: `*`, `<`, `1.` at a line start mean nothing."""
    if not _NEEDS_ESCAPE.search(text):  # most Chinese text: skip three substitutions
        return text
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LIST_START.sub(r"\1\2\\\3", text)
    return _BULLET_START.sub(r"\1\\\2", text)


def unsearched(markdown: str) -> str:
    """Lists that repeat notice text elsewhere stay out of the search index (Material skips
    `data-search-exclude`), so results land on the clause itself."""
    return f'<div data-search-exclude markdown="1">\n\n{markdown}\n\n</div>'


def attribute(text: str) -> str:
    return html.escape(text, quote=True)


def citation_label(notice: Notice) -> str:
    """How people cite a notice: its 文号, or its (marked) title when it has none."""
    if notice.meta.doc_number:
        return notice.meta.doc_number.value
    title = notice.meta.title.value if notice.meta.title else notice.slug
    return f"《{title}》"


def clause_citation(notice: Notice, clause: Clause) -> str:
    return f"{citation_label(notice)} {clause.path}"


def notice_link(notice: Notice) -> str:
    return f"notices/{notice.slug}.md"


def short_title(notice: Notice) -> str:
    return notice.meta.title.value if notice.meta.title else notice.slug


# --- notice pages --------------------------------------------------------------------------


def render_notice(notice: Notice, context: SiteContext) -> str:
    meta = notice.meta
    parts = [
        "---",
        f"title: {_yaml_text(f'{citation_label(notice)} {short_title(notice)}')}",
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


def listing_page(title: str, heading: str, back: str, summary: str, body: str) -> str:
    """A page split off a long listing: a link back to where it is listed, then the list."""
    return "\n".join(["---", f"title: {_yaml_text(title)}", "---", "", f"# {escape(heading)}",
                      "", f"{back} · {summary}", "", body, ""])


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
            items.append(f"{label}：[{escape(citation_label(other))} "
                         f"{escape(short_title(other))}]({slug}.md)")
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
    citations = context.links.citations.get((notice.slug, clause.anchor), []) if clause else []
    for block in blocks:
        if isinstance(block, Table):
            out.append(table_html(block))
        else:
            out.append(f"<p>{_linked_text(block.text, citations)}</p>")
        out.append("")
    return "\n".join(out)


def _linked_text(text: str, citations: list[tuple[Citation, Target | ExternalDocument]]) -> str:
    """Escape a paragraph as HTML and turn each citation in it into a link."""
    pieces: list[str] = []
    position = 0
    for citation, target in citations:
        start = text.find(citation.text, position)
        if start < 0:
            continue
        pieces.append(html.escape(text[position:start], quote=False))
        if isinstance(target, Target):
            href = f"{target.slug}.html" + (f"#{target.anchor}" if target.anchor else "")
        else:
            href = f"../citations.html#{target.anchor}"
        pieces.append(f'<a href="{href}">{html.escape(citation.text, quote=False)}</a>')
        position = start + len(citation.text)
    pieces.append(html.escape(text[position:], quote=False))
    return "".join(pieces).replace("\n", "<br>\n")


def table_html(table: Table) -> str:
    width = max(len(row) for row in table.rows)
    rows = []
    for index, row in enumerate(table.rows):
        cell = "th" if index == 0 else "td"
        cells = list(row) + [""] * (width - len(row))
        rows.append("<tr>" + "".join(f"<{cell}>{html.escape(c)}</{cell}>" for c in cells)
                    + "</tr>")
    return f'<div class="source-table"><table>{"".join(rows)}</table></div>'


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


# --- index pages -----------------------------------------------------------------------------


def _sort_key(notice: Notice) -> tuple[str, str, str]:
    return (notice.meta.year.value if notice.meta.year else "",
            notice.meta.date.value if notice.meta.date else "", notice.slug)


def _notice_row(notice: Notice) -> str:
    meta = notice.meta
    number = escape(meta.doc_number.value) if meta.doc_number else "（无文号）"
    date = meta.date.value if meta.date else (meta.year.value if meta.year else "")
    issuer = escape(meta.issuer.value) if meta.issuer else ""
    title = f"[{escape(short_title(notice))}]({notice_link(notice)})"
    return f"| {date} | {title} | {number} | {issuer} |"


def _notice_table(notices: Sequence[Notice]) -> str:
    rows = ["| 日期 | 标题 | 文号 | 发文机关 |", "| --- | --- | --- | --- |"]
    rows += [_notice_row(notice) for notice in notices]
    return unsearched("\n".join(rows))


def render_home(context: SiteContext) -> str:
    notices = context.notices
    clauses = sum(len(n.all_clauses()) for n in notices)
    years = sorted({n.meta.year.value for n in notices if n.meta.year})
    latest = sorted(notices, key=_sort_key, reverse=True)[:8]
    issuers = Counter(n.meta.issuer.value for n in notices if n.meta.issuer)
    lines = [
        "# 安全生产工作通知",
        "",
        f"本站收录 **{len(notices)}** 份安全生产工作通知（{years[0]}–{years[-1]}年，"
        f"{len(issuers)} 个发文机关），共 **{clauses}** 条可单独引用的条款。"
        if years else "本站尚未收录通知。",
        "",
        "- [按年份浏览](years.md) · [按发文机关浏览](issuers.md) · [按专题浏览](topics.md)"
        " · [责任单位](departments.md) · [引用文件](citations.md)",
        "",
        unsearched("\n".join([
            "## 怎样检索",
            "",
            "在页面顶部的搜索框输入关键词即可，无需空格：`尾矿库闭库`、`燃气泄漏报警`。"
            "多个词用空格分开时，每个词都要出现：`隐患 排查 治理`。输入词语的一部分也能找到"
            "较长的词：`隐患` 能找到“事故隐患”。结果直接跳到条款。",
            "",
            "## 怎样引用条款",
            "",
            "每个条款标题旁有两个按钮：**复制链接**（链接到该条款，贴到报告里点开即定位并高亮）"
            "和 **复制引用**（如 `晋政发〔2024〕1号 三、（十一）`）。条款链接在新增通知、"
            "重新生成网站后保持不变。",
        ])),
        "",
        "## 最新通知",
        "",
        _notice_table(latest),
        "",
    ]
    return "\n".join(lines)


def render_years(context: SiteContext) -> str:
    by_year: dict[str, list[Notice]] = defaultdict(list)
    for notice in context.notices:
        by_year[notice.meta.year.value if notice.meta.year else "年份不详"].append(notice)
    lines = ["# 按年份", ""]
    lines.append(" · ".join(f"[{year}](#y{year}) ({len(by_year[year])})"
                            for year in sorted(by_year, reverse=True)))
    for year in sorted(by_year, reverse=True):
        lines += ["", f"## {year}年 {{#y{year}}}", "", f"{len(by_year[year])} 份", "",
                  _notice_table(sorted(by_year[year], key=_sort_key))]
    return "\n".join(lines) + "\n"


def render_issuers(context: SiteContext) -> str:
    groups: dict[str, dict[str, list[Notice]]] = {level: defaultdict(list) for level in "省市县"}
    for notice in context.notices:
        name = notice.meta.issuer.value if notice.meta.issuer else "发文机关不详"
        level = context.issuers.by_name(name).level if notice.meta.issuer else "县"
        groups.setdefault(level, defaultdict(list))[name].append(notice)
    lines = ["# 按发文机关", ""]
    for level, issuers in groups.items():
        if not issuers:
            continue
        count = sum(len(v) for v in issuers.values())
        lines += [f"## {LEVEL_NAMES.get(level, level)}（{count} 份） {{#{_level_slug(level)}}}",
                  ""]
        for name in sorted(issuers):
            slug = context.issuers.by_name(name).slug
            notices = sorted(issuers[name], key=_sort_key, reverse=True)
            lines += [f"### {escape(name)}（{len(notices)} 份） {{#{slug}}}", "",
                      _notice_table(notices), ""]
    return "\n".join(lines) + "\n"


def _level_slug(level: str) -> str:
    return {"省": "province", "市": "city", "县": "county"}.get(level, "other")


def render_citations(context: SiteContext) -> dict[str, str]:
    """The page of cited documents; once it would list more than ONE_PAGE_ENTRIES citing
    clauses, each document's clauses move to `citations/<anchor>.html` and the page keeps
    the document's heading and anchor, so links to it keep working as the archive grows."""
    documents = sorted(context.links.external.values(),
                       key=lambda d: (-len(d.citing), d.title or d.number))
    split = sum(len(document.citing) for document in documents) > ONE_PAGE_ENTRIES
    lines = [
        "# 引用文件",
        "",
        f"通知中引用、但本站未收录的法律法规和文件，共 {len(documents)} 件；"
        "每件列出引用它的全部条款。",
        "",
    ]
    pages = {}
    for document in documents:
        name = f"《{document.title}》" if document.title else document.number
        number = f"（{document.number}）" if document.title and document.number else ""
        lines += [f"## {escape(name + number)} {{#{document.anchor}}}", ""]
        if not split:
            lines += [_citing_list(document, context, ""), ""]
            continue
        lines += [f"[引用它的 {len(document.citing)} 条条款](citations/{document.anchor}.md)", ""]
        pages[f"citations/{document.anchor}.md"] = listing_page(
            f"引用文件：{name}{number}", name + number,
            f"[← 引用文件](../citations.md#{document.anchor})",
            f"引用它的 {len(document.citing)} 条条款。", _citing_list(document, context, "../"))
    pages["citations.md"] = "\n".join(lines)
    return pages


def _citing_list(document: ExternalDocument, context: SiteContext, prefix: str) -> str:
    items = []
    for slug, anchor in document.citing:
        notice, clause = context.clause(slug, anchor)
        items.append(f"- [{escape(clause_citation(notice, clause))}]"
                     f"({prefix}notices/{slug}.md#{anchor}) {escape(short_title(notice))}")
    return unsearched("\n".join(items))
