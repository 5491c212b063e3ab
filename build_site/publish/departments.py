"""Department pages: every task the notices give a department, by year."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from build_site.enrich.classify import PRIMARY
from build_site.model import ClauseRef
from build_site.publish import urls
from build_site.publish.context import ONE_PAGE_ENTRIES, SiteContext
from build_site.publish.markup import escape, html_list, listing_page, yaml_text
from build_site.publish.topics import Entry, by_year, clause_anchor_html, excerpt
from build_site.registers.departments import Department


def _task(entry: Entry, department: Department) -> str:
    """The sentences a department is named for: the text before its parenthesis."""
    names = (department.name, *department.aliases)
    clause = entry.clause
    text = clause.text.replace("\n", "")
    start = 0
    for note in clause.department_notes:
        position = text.find(note, start)
        if position < 0:
            continue
        if any(name in note for name in names):
            return text[start:position].strip() + note
        start = position + len(note)
    return excerpt(entry)


def render_department(department: Department, refs: Sequence[ClauseRef],
                      context: SiteContext) -> dict[str, str]:
    """The department's page, plus one page per year once it outgrows a single page (as a
    topic does: the `#y<year>` anchors stay on the department's page)."""
    entries = [Entry(*context.clause(ref), PRIMARY) for ref in refs]
    aliases = [a for a in department.aliases if a != department.name]
    page = urls.department_page(department.slug)
    lines = ["---", f"title: {yaml_text(f'责任单位：{department.name}')}", "---", "",
             f"# {escape(department.name)}", "",
             f"通知中写明由{escape(department.name)}负责或参与的任务 **{len(entries)}** 项。"]
    if aliases:
        lines.append(f"原文中也写作：{escape('、'.join(aliases))}。")
    lines.append("")
    split = len(entries) > ONE_PAGE_ENTRIES
    pages = {}
    for year, year_entries in by_year(entries).items():
        lines += [f"## {year}年 {{#{urls.year_anchor(year)}}}", ""]
        if split:
            year_page = urls.department_page(department.slug, year)
            back = urls.link(year_page, page, urls.year_anchor(year), html=False)
            lines += [f"[{year}年的 {len(year_entries)} 项任务]"
                      f"({urls.link(page, year_page, html=False)})", ""]
            pages[year_page] = listing_page(
                f"责任单位：{department.name}（{year}年）", f"{department.name}：{year}年",
                f"[← {escape(department.name)}]({back})",
                f"{len(year_entries)} 项任务。", _task_list(year_entries, department, year_page))
        else:
            lines += [_task_list(year_entries, department, page), ""]
    pages[page] = "\n".join(lines)
    return pages


def _task_list(entries: Sequence[Entry], department: Department, page: str) -> str:
    return html_list([
        f"{clause_anchor_html(entry, page)} {html.escape(_task(entry, department))}"
        for entry in entries
    ])


def render_departments_index(index: Mapping[Department, Sequence[ClauseRef]]) -> str:
    ordered = sorted(index.items(), key=lambda item: (-len(item[1]), item[0].name))
    lines = ["# 责任单位", "",
             "通知条款末尾括号中写明的责任单位（名称已统一，如“省应急厅”与“省应急管理厅”合并），"
             "每个单位一页，列出它负责的全部任务。", "",
             "| 责任单位 | 任务数 |", "| --- | --- |"]
    lines += [f"| [{escape(d.name)}]"
              f"({urls.link(urls.DEPARTMENTS, urls.department_page(d.slug), html=False)})"
              f" | {len(refs)} |" for d, refs in ordered]
    return "\n".join(lines) + "\n"
