"""Topic pages: every clause by sector, by year and by responsible department.

Collect (entries per sector, from the classification map) → model → render, kept apart
as in Material's tags plugin. The classification itself is in classify.py.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from build_site.classify import Tags
from build_site.departments import Department
from build_site.model import Clause, Notice
from build_site.render import (
    ONE_PAGE_ENTRIES,
    SiteContext,
    citation_label,
    clause_citation,
    escape,
    listing_page,
    short_title,
)
from build_site.sectors import Sector

EXCERPT = 90


@dataclass(frozen=True)
class Entry:
    notice: Notice
    clause: Clause
    kind: str  # primary | mention

    @property
    def year(self) -> str:
        return self.notice.meta.year.value if self.notice.meta.year else "年份不详"




def collect(notices: Sequence[Notice], tags: Tags) -> dict[str, list[Entry]]:
    """Sector slug → its clauses, in corpus order."""
    entries: dict[str, list[Entry]] = defaultdict(list)
    for notice in notices:
        for clause in notice.all_clauses():
            for tag in tags.get((notice.slug, clause.anchor), ()):
                entries[tag.slug].append(Entry(notice, clause, tag.kind))
    return entries


def excerpt(clause: Clause, limit: int = EXCERPT) -> str:
    text = clause.text.replace("\n", " ") or clause.heading
    return text if len(text) <= limit else text[:limit] + "……"


def _clause_link(entry: Entry, prefix: str = "../") -> str:
    """Plain HTML: long lists of these in Markdown were the slowest pages to build."""
    target = f"{prefix}notices/{entry.notice.slug}.html#{entry.clause.anchor}"
    return f'<a href="{target}">{html.escape(clause_citation(entry.notice, entry.clause))}</a>'


def _html_list(items: Sequence[str]) -> str:
    """An excluded-from-search HTML list: these repeat clause text shown elsewhere."""
    return "<ul data-search-exclude>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _by_year(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.year].append(entry)
    return dict(sorted(grouped.items(), reverse=True))


def _issuer_key(entry: Entry, context: SiteContext) -> tuple[int, str]:
    name = entry.notice.meta.issuer.value if entry.notice.meta.issuer else ""
    level = context.issuers.by_name(name).level if name else "县"
    return ("省市县".find(level), name)


# --- topic pages ------------------------------------------------------------------------------


def render_topic(sector: Sector, entries: Sequence[Entry], context: SiteContext
                 ) -> dict[str, str]:
    """The topic page, plus one page per year once the topic outgrows a single page.

    With a few hundred clauses everything stays on `topics/<slug>.html`; a large archive
    moves each year's clauses to `topics/<slug>/<year>.html`, and the topic page keeps the
    same `#y<year>` anchors, so links to it keep working as the archive grows.
    """
    primary = [e for e in entries if e.kind == "primary"]
    mentions = [e for e in entries if e.kind != "primary"]
    years = _by_year(primary)
    mentioned = _by_year(mentions)
    split = len(entries) > ONE_PAGE_ENTRIES
    notices = {e.notice.slug for e in primary}
    lines = [
        "---",
        f'title: "专题：{sector.name}"',
        "---",
        "",
        f"# {escape(sector.name)}",
        "",
        f"**{len(primary)}** 条主要条款，出自 **{len(notices)}** 份通知"
        f"（{len(years)} 个年份）；另有 **{len(mentions)}** 条条款提及{escape(sector.name)}。",
        "",
    ]
    if sector.description:
        lines += [escape(sector.description), ""]
    if years:
        lines += [" · ".join(f"[{y}](#y{y}) ({len(v)})" for y, v in years.items()), ""]
    lines += [_compare_widget(sector, primary, context), ""]
    pages = {}
    for year in sorted(set(years) | set(mentioned), reverse=True):
        lines += [f"## {year}年 {{#y{year}}}", ""]
        if split:
            page = f"topics/{sector.slug}/{year}.md"
            lines += [f"[{year}年的 {len(years.get(year, []))} 条主要条款和 "
                      f"{len(mentioned.get(year, []))} 条提及]({sector.slug}/{year}.md)", ""]
            pages[page] = _year_page(sector, year, years.get(year, []),
                                     mentioned.get(year, []), context)
        else:
            lines += [_primary_list(years.get(year, []), context, "../")]
    if mentions and not split:
        summary = f"提及{html.escape(sector.name)}的条款（{len(mentions)} 条）"
        years_html = "".join(f"<p><strong>{year}年</strong></p>{_mention_list(found, '../')}"
                             for year, found in mentioned.items())
        lines += [f'<details class="mentions" data-search-exclude><summary>{summary}</summary>'
                  f"{years_html}</details>", ""]
    pages[f"topics/{sector.slug}.md"] = "\n".join(lines)
    return pages


def _year_page(sector: Sector, year: str, primary: Sequence[Entry], mentions: Sequence[Entry],
               context: SiteContext) -> str:
    body = _primary_list(primary, context, "../../")
    if mentions:
        body += "\n## 提及\n\n" + _mention_list(mentions, "../../")
    return listing_page(f"专题：{sector.name}（{year}年）", f"{sector.name}：{year}年",
                        f"[← {escape(sector.name)}](../{sector.slug}.md#y{year})",
                        f"{len(primary)} 条主要条款，{len(mentions)} 条提及。", body)


def _primary_list(entries: Sequence[Entry], context: SiteContext, prefix: str) -> str:
    """One year's primary clauses, grouped by notice, provincial issuers first."""
    by_notice: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_notice[entry.notice.slug].append(entry)
    lines = []
    for group in sorted(by_notice.values(), key=lambda group: _issuer_key(group[0], context)):
        notice = group[0].notice
        issuer = notice.meta.issuer.value if notice.meta.issuer else ""
        title = (f'<p data-search-exclude><a href="{prefix}notices/{notice.slug}.html">'
                 f"{html.escape(short_title(notice))}</a></p>")
        items = []
        for entry in group:
            heading = (f" <strong>{html.escape(entry.clause.heading)}</strong>"
                       if entry.clause.heading else "")
            items.append(f"{_clause_link(entry, prefix)}{heading} "
                         f"{html.escape(excerpt(entry.clause))}")
        lines += [f"### {escape(issuer)} {escape(citation_label(notice))}", "",
                  title, "", _html_list(items), ""]
    return "\n".join(lines)


def _mention_list(entries: Sequence[Entry], prefix: str) -> str:
    return _html_list([f"{_clause_link(e, prefix)} {html.escape(excerpt(e.clause, 50))}"
                       for e in entries])


def _compare_widget(sector: Sector, primary: Sequence[Entry], context: SiteContext) -> str:
    """Two years of provincial requirements side by side; new sentences highlighted (JS)."""
    provincial: dict[str, list[dict[str, str]]] = defaultdict(list)
    for entry in primary:
        name = entry.notice.meta.issuer.value if entry.notice.meta.issuer else ""
        if name and context.issuers.by_name(name).level == "省":
            provincial[entry.year].append({
                "cite": clause_citation(entry.notice, entry.clause),
                "url": f"../notices/{entry.notice.slug}.html#{entry.clause.anchor}",
                "heading": entry.clause.heading,
                "text": entry.clause.text,
            })
    if len(provincial) < 2:
        return ""
    data = json.dumps(dict(sorted(provincial.items())), ensure_ascii=False)
    data = data.replace("<", "\\u003c")
    return (
        f'<section class="compare-years" data-search-exclude '
        f'data-sector="{html.escape(sector.name)}">'
        '<h2 id="compare">逐年对照（省政府通知）</h2>'
        '<p class="compare-controls">选择两个年份：<select class="year-a"></select>对照'
        '<select class="year-b"></select>；右栏中前一年没有的句子以绿色标出。</p>'
        '<div class="compare"><div class="col-a"></div><div class="col-b"></div></div>'
        "<noscript>对照功能需要启用 JavaScript。</noscript>"
        f'<script type="application/json" class="compare-data">{data}</script></section>'
    )


def _heat(count: int, highest: int) -> str:
    if not count:
        return ""
    alpha = 0.12 + 0.78 * count / highest
    color = "#fff" if alpha > 0.55 else "inherit"
    return f' style="background: rgba(198, 40, 40, {alpha:.2f}); color: {color}"'


def render_overview(sectors: Sequence[Sector], entries: Mapping[str, Sequence[Entry]],
                    context: SiteContext) -> str:
    """Sector × year heatmap of primary clause counts; each cell opens that year.

    Plain HTML (a Markdown table cannot colour its cells), so its links are checked by
    the site link test rather than by MkDocs.
    """
    years = sorted({n.meta.year.value for n in context.notices if n.meta.year})
    counts = {
        sector.slug: Counter(e.year for e in entries.get(sector.slug, ()) if e.kind == "primary")
        for sector in sectors
    }
    highest = max((c for counter in counts.values() for c in counter.values()), default=1)
    header = "".join(f"<th>{year[2:]}</th>" for year in years)
    rows = []
    for sector in sectors:
        total = sum(counts[sector.slug].values())
        cells = []
        for year in years:
            count = counts[sector.slug][year]
            link = f'<a href="topics/{sector.slug}.html#y{year}">{count}</a>' if count else ""
            cells.append(f"<td{_heat(count, highest)}>{link}</td>")
        rows.append(f'<tr><th><a href="topics/{sector.slug}.html">{html.escape(sector.name)}</a>'
                    f"</th><td>{total}</td>{''.join(cells)}</tr>")
    return "\n".join([
        "# 专题",
        "",
        "按行业领域和专题归类的条款。格中数字是该年通知中主要讲这一领域的条款数，颜色越深越多；"
        "点数字直接打开该专题的那一年。",
        "",
        '<div class="heatmap-wrap">',
        f'<table class="heatmap"><thead><tr><th>专题</th><th>合计</th>{header}</tr></thead>',
        "<tbody>",
        *rows,
        "</tbody></table>",
        "</div>",
        "",
        "年份列为公元年份后两位。",
        "",
    ]) + "\n"


def sector_tags(tags: Tags, sectors: Sequence[Sector]) -> Callable[[Notice, Clause], str]:
    """A clause_extras renderer: the clause's sectors as links to the topic pages.

    Plain HTML, not Markdown: Python-Markdown parsing a span per clause doubled the time
    of a notice page; the site link test checks these links like all others.
    """
    names = {sector.slug: sector.name for sector in sectors}

    def render(notice: Notice, clause: Clause) -> str:
        found = tags.get((notice.slug, clause.anchor), ())
        if not found:
            return ""
        links = " ".join(
            f'<a class="{tag.kind}" href="../topics/{tag.slug}.html">'
            f"{html.escape(names.get(tag.slug, tag.name))}</a>"
            for tag in found
        )
        return f'<div class="sector-tags" data-search-exclude>{links}</div>'

    return render


# --- departments ------------------------------------------------------------------------------


def _task(clause: Clause, department: Department) -> str:
    """The sentences a department is named for: the text before its parenthesis."""
    names = (department.name, *department.aliases)
    text = clause.text.replace("\n", "")
    start = 0
    for note in clause.department_notes:
        position = text.find(note, start)
        if position < 0:
            continue
        if any(name in note for name in names):
            return text[start:position].strip() + note
        start = position + len(note)
    return excerpt(clause)


def render_department(department: Department, refs: Sequence[tuple[str, str]],
                      context: SiteContext) -> dict[str, str]:
    """The department's page, plus one page per year once it outgrows a single page (as a
    topic does: the `#y<year>` anchors stay on the department's page)."""
    entries = [Entry(*context.clause(slug, anchor), "primary") for slug, anchor in refs]
    aliases = [a for a in department.aliases if a != department.name]
    lines = ["---", f'title: "责任单位：{department.name}"', "---", "",
             f"# {escape(department.name)}", "",
             f"通知中写明由{escape(department.name)}负责或参与的任务 **{len(entries)}** 项。"]
    if aliases:
        lines.append(f"原文中也写作：{escape('、'.join(aliases))}。")
    lines.append("")
    split = len(entries) > ONE_PAGE_ENTRIES
    pages = {}
    for year, year_entries in _by_year(entries).items():
        lines += [f"## {year}年 {{#y{year}}}", ""]
        if split:
            lines += [f"[{year}年的 {len(year_entries)} 项任务]({department.slug}/{year}.md)", ""]
            pages[f"departments/{department.slug}/{year}.md"] = listing_page(
                f"责任单位：{department.name}（{year}年）", f"{department.name}：{year}年",
                f"[← {escape(department.name)}](../{department.slug}.md#y{year})",
                f"{len(year_entries)} 项任务。", _task_list(year_entries, department, "../../"))
        else:
            lines += [_task_list(year_entries, department, "../"), ""]
    pages[f"departments/{department.slug}.md"] = "\n".join(lines)
    return pages


def _task_list(entries: Sequence[Entry], department: Department, prefix: str) -> str:
    return _html_list([
        f"{_clause_link(entry, prefix)} {html.escape(_task(entry.clause, department))}"
        for entry in entries
    ])


def render_departments_index(index: Mapping[Department, Sequence[tuple[str, str]]]) -> str:
    ordered = sorted(index.items(), key=lambda item: (-len(item[1]), item[0].name))
    lines = ["# 责任单位", "",
             "通知条款末尾括号中写明的责任单位（名称已统一，如“省应急厅”与“省应急管理厅”合并），"
             "每个单位一页，列出它负责的全部任务。", "",
             "| 责任单位 | 任务数 |", "| --- | --- |"]
    lines += [f"| [{escape(d.name)}](departments/{d.slug}.md) | {len(refs)} |"
              for d, refs in ordered]
    return "\n".join(lines) + "\n"
