"""The pages that list notices: home, by year, by issuer, and the documents they cite."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Sequence

from build_site.enrich.link import ExternalDocument
from build_site.model import UNKNOWN_YEAR, Notice
from build_site.publish import urls
from build_site.publish.context import (
    ONE_PAGE_ENTRIES,
    SiteContext,
    clause_citation,
    short_title,
)
from build_site.publish.markup import escape, listing_page, unsearched
from build_site.registers.issuers import LEVEL_NAMES, LEVEL_SLUGS, LEVELS


def _sort_key(notice: Notice) -> tuple[str, str, str]:
    return (notice.year_or(""), notice.meta.date.value if notice.meta.date else "", notice.slug)


def _notice_row(notice: Notice, page: str) -> str:
    meta = notice.meta
    number = escape(meta.doc_number.value) if meta.doc_number else "（无文号）"
    date = meta.date.value if meta.date else notice.year_or("")
    issuer = escape(meta.issuer.value) if meta.issuer else ""
    target = urls.link(page, urls.notice_page(notice.slug), html=False)
    title = f"[{escape(short_title(notice))}]({target})"
    return f"| {date} | {title} | {number} | {issuer} |"


def _notice_table(notices: Sequence[Notice], page: str) -> str:
    rows = ["| 日期 | 标题 | 文号 | 发文机关 |", "| --- | --- | --- | --- |"]
    rows += [_notice_row(notice, page) for notice in notices]
    return unsearched("\n".join(rows))


def render_home(context: SiteContext) -> str:
    notices = context.notices
    clauses = sum(len(n.all_clauses()) for n in notices)
    years = sorted({n.meta.year.value for n in notices if n.meta.year})
    browse = " · ".join(f"[{label}]({urls.link(urls.HOME, page, html=False)})" for label, page in (
        ("按年份浏览", urls.YEARS), ("按发文机关浏览", urls.ISSUERS), ("按专题浏览", urls.TOPICS),
        ("责任单位", urls.DEPARTMENTS), ("引用文件", urls.CITATIONS)))
    latest = sorted(notices, key=_sort_key, reverse=True)[:8]
    issuers = Counter(n.meta.issuer.value for n in notices if n.meta.issuer)
    lines = [
        "# 安全生产工作通知",
        "",
        f"本站收录 **{len(notices)}** 份安全生产工作通知（{years[0]}–{years[-1]}年，"
        f"{len(issuers)} 个发文机关），共 **{clauses}** 条可单独引用的条款。"
        if years else "本站尚未收录通知。",
        "",
        f"- {browse}",
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
        _notice_table(latest, urls.HOME),
        "",
    ]
    return "\n".join(lines)


def render_years(context: SiteContext) -> str:
    by_year: dict[str, list[Notice]] = defaultdict(list)
    for notice in context.notices:
        by_year[notice.year_or(UNKNOWN_YEAR)].append(notice)
    lines = ["# 按年份", ""]
    lines.append(" · ".join(f"[{year}](#{urls.year_anchor(year)}) ({len(by_year[year])})"
                            for year in sorted(by_year, reverse=True)))
    for year in sorted(by_year, reverse=True):
        lines += ["", f"## {year}年 {{#{urls.year_anchor(year)}}}", "",
                  f"{len(by_year[year])} 份", "",
                  _notice_table(sorted(by_year[year], key=_sort_key), urls.YEARS)]
    return "\n".join(lines) + "\n"


def render_issuers(context: SiteContext) -> str:
    groups: dict[str, dict[str, list[Notice]]] = {level: defaultdict(list) for level in LEVELS}
    for notice in context.notices:
        name = notice.meta.issuer.value if notice.meta.issuer else "发文机关不详"
        level = context.issuers.level_of(notice)
        groups.setdefault(level, defaultdict(list))[name].append(notice)
    lines = ["# 按发文机关", ""]
    for level, issuers in groups.items():
        if not issuers:
            continue
        count = sum(len(v) for v in issuers.values())
        lines += [f"## {LEVEL_NAMES[level]}（{count} 份） {{#{LEVEL_SLUGS[level]}}}",
                  ""]
        for name in sorted(issuers):
            slug = context.issuers.by_name(name).slug
            notices = sorted(issuers[name], key=_sort_key, reverse=True)
            lines += [f"### {escape(name)}（{len(notices)} 份） {{#{slug}}}", "",
                      _notice_table(notices, urls.ISSUERS), ""]
    return "\n".join(lines) + "\n"


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
        "每件列出引用它的全部条款。同一文件的不同写法（如《安全生产法》与"
        "《中华人民共和国安全生产法》、通知中“以下简称”的简称）合为一件。",
        "",
    ]
    pages = {}
    for document in documents:
        name = f"《{document.title}》" if document.title else document.number
        number = f"（{document.number}）" if document.title and document.number else ""
        lines += [f"## {escape(name + number)} {{#{document.anchor}}}", ""]
        if document.names - {document.key}:
            lines += [_other_names(document), ""]
        if not split:
            lines += [_citing_list(document, context, urls.CITATIONS), ""]
            continue
        page = urls.cited_document_page(document.anchor)
        lines += [f"[引用它的 {len(document.citing)} 条条款]"
                  f"({urls.link(urls.CITATIONS, page, html=False)})", ""]
        back = urls.link(page, urls.CITATIONS, document.anchor, html=False)
        pages[page] = listing_page(
            f"引用文件：{name}{number}", name + number, f"[← 引用文件]({back})",
            f"引用它的 {len(document.citing)} 条条款。", _citing_list(document, context, page))
    pages[urls.CITATIONS] = "\n".join(lines)
    return pages


def _other_names(document: ExternalDocument) -> str:
    """The other names it is cited by, and their anchors: links made to them still land."""
    spans = "".join(f'<span id="{anchor}"></span>' for anchor in document.other_anchors)
    titles = "、".join(f"《{html.escape(title)}》" for title in document.other_titles)
    also = f"也写作{titles}" if titles else ""
    return f'<p class="also-cited" data-search-exclude>{spans}{also}</p>'


def _citing_list(document: ExternalDocument, context: SiteContext, page: str) -> str:
    items = []
    for ref in document.citing:
        notice, clause = context.clause(ref)
        target = urls.link(page, urls.notice_page(ref.slug), ref.anchor, html=False)
        items.append(f"- [{escape(clause_citation(notice, clause))}]"
                     f"({target}) {escape(short_title(notice))}")
    return unsearched("\n".join(items))
