"""Every page of the site, as Markdown by docs-relative path: one renderer per page kind."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from build_site.model import ClauseRef
from build_site.publish import urls
from build_site.publish.context import SiteContext
from build_site.publish.departments import render_department, render_departments_index
from build_site.publish.index_pages import (
    render_citations,
    render_home,
    render_issuers,
    render_years,
)
from build_site.publish.notice_page import render_notice
from build_site.publish.topics import Entry, render_overview, render_topic
from build_site.publish.withdrawn import render_withdrawn
from build_site.registers.departments import Department
from build_site.registers.permalinks import Published
from build_site.registers.sectors import Sector


def render_site(
    context: SiteContext,
    sectors: Sequence[Sector],
    entries: Mapping[str, Sequence[Entry]],
    departments: Mapping[Department, Sequence[ClauseRef]],
    withdrawn: Sequence[Published] = (),
) -> dict[str, str]:
    pages = {
        urls.HOME: render_home(context),
        urls.YEARS: render_years(context),
        urls.ISSUERS: render_issuers(context),
        urls.TOPICS: render_overview(sectors, entries, context),
        urls.DEPARTMENTS: render_departments_index(departments),
    }
    pages.update(render_citations(context))
    for sector in sectors:
        pages.update(render_topic(sector, entries.get(sector.slug, []), context))
    for department, refs in departments.items():
        pages.update(render_department(department, refs, context))
    for notice in context.notices:
        pages[urls.notice_page(notice.slug)] = render_notice(notice, context)
    for entry in withdrawn:
        pages[urls.notice_page(entry.slug)] = render_withdrawn(entry)
    return pages
