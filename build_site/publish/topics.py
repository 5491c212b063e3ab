"""Topic pages: every clause by sector and by year, and the sector × year overview.

Collect (entries per sector, from the classification map) → model → render, kept apart
as in Material's tags plugin. The classification itself is in enrich/classify.py.
"""

from __future__ import annotations

import html
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from build_site.enrich.classify import PRIMARY, Segments, Tags, opening
from build_site.enrich.compare import Alignment, sentences
from build_site.model import UNKNOWN_YEAR, Clause, ClauseRef, Notice
from build_site.publish import urls
from build_site.publish.comparison import (
    Unit,
    align_units,
    aligned_html,
    clause_unit,
    legend,
    new_list,
    summary,
    unsearched_html,
)
from build_site.publish.context import (
    ONE_PAGE_ENTRIES,
    SiteContext,
    citation_label,
    clause_citation,
    short_title,
)
from build_site.publish.markup import escape, html_list, listing_page, yaml_text
from build_site.registers.issuers import LEVELS
from build_site.registers.sectors import Sector

EXCERPT = 90


@dataclass(frozen=True)
class Entry:
    """A clause listed on a topic or department page, or one paragraph of it (a segment)."""

    notice: Notice
    clause: Clause
    kind: str  # primary | mention
    paragraph: int = 0  # a segment: its number among the clause's blocks
    primaries: int = 1  # how many sectors the clause or paragraph is primarily about

    @property
    def year(self) -> str:
        return self.notice.year_or(UNKNOWN_YEAR)

    @property
    def ref(self) -> ClauseRef:
        """Where the entry links to: the clause, or the paragraph's own anchor."""
        ref = self.notice.ref(self.clause)
        return urls.segment_ref(ref, self.paragraph) if self.paragraph else ref

    @property
    def text(self) -> str:
        if self.paragraph:
            return self.clause.blocks[self.paragraph - 1].text
        return self.clause.text

    @property
    def citation(self) -> str:
        return clause_citation(self.notice, self.clause, self.paragraph)


def collect(notices: Sequence[Notice], tags: Tags, segments: Segments
            ) -> dict[str, list[Entry]]:
    """Sector slug → its clauses and segments, in corpus order. A clause is no mention of a
    sector one of its segments is listed for."""
    entries: dict[str, list[Entry]] = defaultdict(list)
    for notice in notices:
        for clause in [opening(notice), *notice.all_clauses()]:
            ref = notice.ref(clause)
            own = segments.get(ref, ())
            listed = {tag.slug for segment in own for tag in segment.tags}
            found = tags.get(ref, ())
            primaries = sum(tag.kind == PRIMARY for tag in found)
            for tag in found:
                if tag.kind == PRIMARY or tag.slug not in listed:
                    entries[tag.slug].append(Entry(notice, clause, tag.kind, 0, primaries))
            for segment in own:
                for tag in segment.tags:
                    entries[tag.slug].append(Entry(notice, clause, PRIMARY, segment.paragraph,
                                                   len(segment.tags)))
    return entries


def excerpt(entry: Entry, limit: int = EXCERPT) -> str:
    text = entry.text.replace("\n", " ") or entry.clause.heading
    return text if len(text) <= limit else text[:limit] + "……"


def clause_anchor_html(entry: Entry, page: str) -> str:
    """Plain HTML: long lists of these in Markdown were the slowest pages to build."""
    target = urls.clause_link(page, entry.ref)
    return f'<a href="{target}">{html.escape(entry.citation)}</a>'


def by_year(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.year].append(entry)
    return dict(sorted(grouped.items(), reverse=True))


def _issuer_key(entry: Entry, context: SiteContext) -> tuple[int, str]:
    name = entry.notice.meta.issuer.value if entry.notice.meta.issuer else ""
    return (LEVELS.index(context.issuers.level_of(entry.notice)), name)


def render_topic(sector: Sector, entries: Sequence[Entry], context: SiteContext
                 ) -> dict[str, str]:
    """The topic page, plus one page per year once the topic outgrows a single page.

    With a few hundred clauses everything stays on `topics/<slug>.html`; a large archive
    moves each year's clauses to `topics/<slug>/<year>.html`, and the topic page keeps the
    same `#y<year>` anchors, so links to it keep working as the archive grows.
    """
    primary = [e for e in entries if e.kind == PRIMARY]
    mentions = [e for e in entries if e.kind != PRIMARY]
    years = by_year(primary)
    mentioned = by_year(mentions)
    page = urls.topic_page(sector.slug)
    split = len(entries) > ONE_PAGE_ENTRIES
    notices = {e.notice.slug for e in primary}
    lines = [
        "---",
        f"title: {yaml_text(f'专题：{sector.name}')}",
        "---",
        "",
        f"# {escape(sector.name)}",
        "",
        f"**{len(primary)}** 条主要条款和段落，出自 **{len(notices)}** 份通知"
        f"（{len(years)} 个年份）；另有 **{len(mentions)}** 条条款提及{escape(sector.name)}。",
        "",
    ]
    if sector.description:
        lines += [escape(sector.description), ""]
    news, comparisons = _comparisons(sector, primary, context, page)
    lines += news
    if years:
        lines += ["", " · ".join(f"[{y}](#{urls.year_anchor(y)}) ({len(v)})"
                                 for y, v in years.items()), ""]
    lines += [*comparisons, ""]
    pages = {}
    for year in sorted(set(years) | set(mentioned), reverse=True):
        lines += [f"## {year}年 {{#{urls.year_anchor(year)}}}", ""]
        if split:
            year_page = urls.topic_page(sector.slug, year)
            lines += [f"[{year}年的 {len(years.get(year, []))} 条主要条款和 "
                      f"{len(mentioned.get(year, []))} 条提及]"
                      f"({urls.link(page, year_page, html=False)})", ""]
            pages[year_page] = _year_page(sector, year, years.get(year, []),
                                          mentioned.get(year, []), context)
        else:
            lines += [_primary_list(years.get(year, []), context, page)]
    if mentions and not split:
        summary = f"提及{html.escape(sector.name)}的条款（{len(mentions)} 条）"
        years_html = "".join(f"<p><strong>{year}年</strong></p>{_mention_list(found, page)}"
                             for year, found in mentioned.items())
        lines += [f'<details class="mentions" data-search-exclude><summary>{summary}</summary>'
                  f"{years_html}</details>", ""]
    pages[page] = "\n".join(lines)
    return pages


def _year_page(sector: Sector, year: str, primary: Sequence[Entry], mentions: Sequence[Entry],
               context: SiteContext) -> str:
    page = urls.topic_page(sector.slug, year)
    body = _primary_list(primary, context, page)
    if mentions:
        body += "\n## 提及\n\n" + _mention_list(mentions, page)
    back = urls.link(page, urls.topic_page(sector.slug), urls.year_anchor(year), html=False)
    return listing_page(f"专题：{sector.name}（{year}年）", f"{sector.name}：{year}年",
                        f"[← {escape(sector.name)}]({back})",
                        f"{len(primary)} 条主要条款，{len(mentions)} 条提及。", body)


def _primary_list(entries: Sequence[Entry], context: SiteContext, page: str) -> str:
    """One year's primary clauses, grouped by notice, provincial issuers first."""
    by_notice: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_notice[entry.notice.slug].append(entry)
    lines = []
    for group in sorted(by_notice.values(), key=lambda group: _issuer_key(group[0], context)):
        notice = group[0].notice
        issuer = notice.meta.issuer.value if notice.meta.issuer else ""
        href = urls.link(page, urls.notice_page(notice.slug), html=True)
        title = (f'<p data-search-exclude><a href="{href}">'
                 f"{html.escape(short_title(notice))}</a></p>")
        items = []
        for entry in group:
            heading = (f" <strong>{html.escape(entry.clause.heading)}</strong>"
                       if entry.clause.heading else "")
            whole = ""
            if entry.paragraph:
                target = urls.clause_link(page, entry.notice.ref(entry.clause))
                label = "（全条）" if entry.clause.anchor else "（全文）"  # the opening's notice
                whole = f' <a class="whole-clause" href="{target}">{label}</a>'
            items.append(f"{clause_anchor_html(entry, page)}{heading} "
                         f"{html.escape(excerpt(entry))}{whole}")
        lines += [f"### {escape(issuer)} {escape(citation_label(notice))}", "",
                  title, "", html_list(items), ""]
    return "\n".join(lines)


def _mention_list(entries: Sequence[Entry], page: str) -> str:
    return html_list([f"{clause_anchor_html(e, page)} {html.escape(excerpt(e, 50))}"
                      for e in entries])


def _series(primary: Sequence[Entry], context: SiteContext) -> dict[str, dict[str, list[Entry]]]:
    """Each provincial issuer's requirements on the sector, by year: what is compared."""
    series: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in primary:
        if context.issuers.level_of(entry.notice) == "省" and entry.year != UNKNOWN_YEAR:
            issuer = entry.notice.meta.issuer.value if entry.notice.meta.issuer else ""
            series[issuer][entry.year].append(entry)
    return {issuer: dict(sorted(years.items())) for issuer, years in series.items()
            if len(years) >= 2}


def _unit(entry: Entry, sector: Sector) -> Unit:
    """The entry as compared; of one about several sectors, the sentences naming this one
    (`着力解决煤矿隐蔽致灾因素不清…；着力解决燃气老旧管网…` is compared on 煤矿 by its first)."""
    unit = clause_unit(entry.notice, entry.clause, entry.paragraph)
    if entry.primaries <= 1:
        return unit
    words = (*sector.label_forms(), *sector.words())
    kept = [sentence.text for sentence in sentences(unit.text, unit.ref)
            if any(word in sentence.text for word in words)]
    return replace(unit, text="\n".join(kept))


def _comparisons(sector: Sector, primary: Sequence[Entry], context: SiteContext, page: str
                 ) -> tuple[list[str], list[str]]:
    """For each provincial issuer: what its latest year adds to the year before (the top of
    the page), and every year against the one before, sentence by sentence (one year shown,
    the others chosen in a list: assets/notices.js)."""
    news, blocks = [], []
    for issuer, years in _series(primary, context).items():
        units = {year: [unit for entry in entries if (unit := _unit(entry, sector)).text]
                 for year, entries in years.items()}
        pairs = [(earlier, later, align_units(context.sentence_weights, units[earlier],
                                              units[later]))
                 for earlier, later in itertools.pairwise(units)]
        earlier, latest, alignment = pairs[-1]
        news.append(unsearched_html(
            f'<details class="new-this-year fold" open><summary>'
            f"{latest}年新增的要求（{html.escape(issuer)}，与{earlier}年相比）："
            f"{len(alignment.new)} 项</summary>"
            f"{new_list(alignment, {unit.ref: unit for unit in units[latest]}, page)}</details>"))
        options = "".join(f'<option value="{later}"{" selected" * (later == latest)}>'
                          f"{later}年对照{earlier}年</option>" for earlier, later, _ in pairs)
        shown = "".join(_pair_html(earlier, later, alignment, units, page, later == latest)
                        for earlier, later, alignment in pairs)
        blocks.append(unsearched_html(
            f'<details class="compare-years fold" open><summary>'
            f"逐年对照：{html.escape(issuer)}</summary>"
            f'<p class="compare-controls"><label>年份 <select class="compare-year">{options}'
            f"</select></label> 每句与上一年最相近的一句对应。</p>{legend('上一年')}{shown}"
            "</details>"))
    return news, blocks


def _pair_html(earlier: str, later: str, alignment: Alignment, units: dict[str, list[Unit]],
               page: str, shown: bool) -> str:
    before = {unit.ref: unit for unit in units[earlier]}
    name = f"{earlier}年"
    return (f'<div class="compare-pair" data-year="{later}"{"" if shown else " hidden"}>'
            f'<p class="compare-summary">{later}年{html.escape(summary(alignment, name))}</p>'
            f"{aligned_html(alignment, units[later], before, page, name)}</div>")


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
        sector.slug: Counter(e.year for e in entries.get(sector.slug, ()) if e.kind == PRIMARY)
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
            href = urls.link(urls.TOPICS, urls.topic_page(sector.slug), urls.year_anchor(year),
                             html=True)
            link = f'<a href="{href}">{count}</a>' if count else ""
            cells.append(f"<td{_heat(count, highest)}>{link}</td>")
        href = urls.link(urls.TOPICS, urls.topic_page(sector.slug), html=True)
        rows.append(f'<tr><th><a href="{href}">{html.escape(sector.name)}</a>'
                    f"</th><td>{total}</td>{''.join(cells)}</tr>")
    return "\n".join([
        "# 专题",
        "",
        "按行业领域和专题归类的条款。格中数字是该年通知中主要讲这一领域的条款和段落数，颜色越深越多；"
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
        found = tags.get(notice.ref(clause), ())
        if not found:
            return ""
        page = urls.notice_page(notice.slug)
        links = " ".join(
            f'<a class="{tag.kind}" href="{urls.link(page, urls.topic_page(tag.slug), html=True)}">'
            f"{html.escape(names.get(tag.slug, tag.name))}</a>"
            for tag in found
        )
        return f'<div class="sector-tags" data-search-exclude>{links}</div>'

    return render
