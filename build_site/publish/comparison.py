"""Comparisons as readers see them: the later text with each sentence marked continued (its
inserted and deleted words marked), new, or, folded below it, what the earlier text had and
the later one dropped. The alignment itself is enrich/compare.py.

Used by topic pages (a sector year over year) and, through `notice_comparison`, by notice
pages: a provincial notice against the same issuer's notice of the year before, a city or
county notice against the province's of the same year.
"""

from __future__ import annotations

import functools
import html
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from build_site.enrich.classify import opening, paragraph_texts
from build_site.enrich.compare import (
    Alignment,
    Earlier,
    Match,
    Sentence,
    Status,
    Vectors,
    changes,
    sentences,
)
from build_site.model import Clause, ClauseRef, Notice
from build_site.parallel import map_in_two
from build_site.publish import urls
from build_site.publish.context import SiteContext, citation_label, clause_citation

NEW_SHOWN = 12  # new requirements listed before the rest are folded
PARALLEL_MIN_CLAUSES = 5_000  # notices compared in two halves above this (real: ~500)


@dataclass(frozen=True)
class Unit:
    """A clause or one of its paragraphs, compared sentence by sentence."""

    ref: ClauseRef
    citation: str
    text: str  # as compared: department notes left out


def clause_unit(notice: Notice, clause: Clause, paragraph: int = 0) -> Unit:
    texts = paragraph_texts(clause)
    ref = notice.ref(clause)
    if paragraph:
        return Unit(urls.segment_ref(ref, paragraph), clause_citation(notice, clause, paragraph),
                    texts[paragraph - 1])
    return Unit(ref, clause_citation(notice, clause), "\n".join(texts))


def notice_units(notice: Notice) -> list[Unit]:
    """Every clause with text of its own; a notice without clauses, its opening text."""
    clauses = notice.all_clauses() or [opening(notice)]
    return [clause_unit(notice, clause) for clause in clauses if clause.blocks]


def unsearched_html(block: str) -> str:
    """A block kept out of the search index (it repeats text found elsewhere). Material's
    indexer ends an exclusion at the first closing tag of the same name, so the marked
    element is a <section>, a tag these blocks never nest (their folded parts are <details>
    within <details>)."""
    return f"<section data-search-exclude>{block}</section>"


def unit_sentences(units: Sequence[Unit]) -> list[Sentence]:
    return [sentence for unit in units for sentence in sentences(unit.text, unit.ref)]


def archive_weights(notices: Sequence[Notice]) -> Vectors:
    """Bigram weights from the sentences of the notices of the archive."""
    return Vectors([sentence.text for notice in notices
                    for sentence in unit_sentences(notice_units(notice))])


def align_units(weights: Vectors, earlier: Sequence[Unit], later: Sequence[Unit]) -> Alignment:
    return Earlier(unit_sentences(earlier), weights).align(unit_sentences(later))


def summary(alignment: Alignment, earlier: str) -> str:
    """`沿用2025年的 40 句（改写 12 句），新增 9 句，不再写 5 句`."""
    continued = alignment.count(Status.CONTINUED)
    return (f"沿用{earlier}的 {continued} 句（改写 {alignment.reworded} 句），"
            f"新增 {len(alignment.new)} 句，不再写 {len(alignment.dropped)} 句")


@functools.lru_cache(maxsize=1 << 14)  # a unit is linked once per sentence of it
def link(unit: Unit, page: str) -> str:
    return f'<a href="{_href(page, unit.ref)}">{html.escape(unit.citation)}</a>'


@functools.lru_cache(maxsize=1 << 14)
def _href(page: str, ref: ClauseRef) -> str:
    return urls.clause_link(page, ref)


def new_list(alignment: Alignment, units: Mapping[ClauseRef, Unit], page: str,
             in_full: bool = True) -> str:
    """The new requirements, each linked to where it stands; beyond NEW_SHOWN, folded: in
    full, or (on the notice's own page, where the reader has their text) as clause links with
    how many sentences each adds."""
    new = alignment.new  # computed anew at each access
    if not new:
        return "<p>没有新增的要求。</p>"

    def listed(matches: Sequence[Match]) -> str:
        return "".join(f"<li>{html.escape(match.sentence.text)}"
                       f"（{link(units[match.sentence.where], page)}）</li>" for match in matches)

    shown, rest = new[:NEW_SHOWN], new[NEW_SHOWN:]
    folded = ""
    if rest:
        items = (listed(rest) if in_full
                 else _counted([units[match.sentence.where] for match in rest], page))
        folded = f"<details><summary>其余 {len(rest)} 项</summary><ul>{items}</ul></details>"
    return f'<ul class="new-requirements">{listed(shown)}</ul>{folded}'


def _counted(units: Sequence[Unit], page: str) -> str:
    """`<li>一、（一）（2 句）、一、（三）（1 句）</li>`: where sentences stand, and how many."""
    counts = Counter(units)
    return "<li>" + "、".join(f"{link(unit, page)}（{count} 句）"
                              for unit, count in counts.items()) + "</li>"


def aligned_html(alignment: Alignment, later: Sequence[Unit], earlier: Mapping[ClauseRef, Unit],
                 page: str, earlier_name: str, in_full: bool = True) -> str:
    """The later units in order, each sentence marked; the dropped sentences folded below.
    Not in full (a whole notice, on its own page, where the reader has its text): its new
    sentences as how many, the dropped ones as where they stood and how many."""
    by_unit: dict[ClauseRef, list[Match]] = {}
    for match in alignment.matches:
        by_unit.setdefault(match.sentence.where, []).append(match)
    blocks = []
    for unit in later:
        marked = "".join(
            _new_count(len(list(run))) if new and not in_full
            else "".join(_sentence_html(match, earlier, page, earlier_name) for match in run)
            for new, run in groupby(by_unit.get(unit.ref, ()),
                                    key=lambda match: match.status is Status.NEW))
        blocks.append(f'<div class="compare-unit"><p class="compare-cite">{link(unit, page)}'
                      f"</p><p>{marked}</p></div>")
    if in_full:
        dropped = "".join(f"<li>{html.escape(sentence.text)}"
                          f"（{link(earlier[sentence.where], page)}）</li>"
                          for sentence in alignment.dropped)
    else:
        dropped = _counted([earlier[sentence.where] for sentence in alignment.dropped], page)
    if alignment.dropped:
        blocks.append(f'<details class="dropped"><summary>{html.escape(earlier_name)}有、'
                      f"此处不再写的 {len(alignment.dropped)} 句</summary><ul>{dropped}</ul>"
                      "</details>")
    return "".join(blocks)


def legend(earlier_name: str) -> str:
    return ('<p class="compare-legend"><span class="new">新增的句子</span> '
            '<span class="continued"><ins>新增的词</ins> <del>删去的词</del></span> '
            f"其余句子与{html.escape(earlier_name)}相同。</p>")


def _new_count(sentences: int) -> str:
    return f'<span class="new new-count">（新增 {sentences} 句）</span>'


def _sentence_html(match: Match, earlier: Mapping[ClauseRef, Unit], page: str,
                   earlier_name: str) -> str:
    text = match.sentence.text
    if match.status is Status.NEW:
        return f'<span class="new">{html.escape(text)}</span>'
    if match.status is not Status.CONTINUED or match.similarity == 1.0 or not match.counterpart:
        return f"<span>{html.escape(text)}</span>"
    runs = "".join(html.escape(part) if kind == "=" else
                   f"<{'ins' if kind == '+' else 'del'}>{html.escape(part)}"
                   f"</{'ins' if kind == '+' else 'del'}>"
                   for kind, part in changes(match.counterpart.text, text))
    source = earlier[match.counterpart.where]
    title = html.escape(f"{earlier_name}：{match.counterpart.text}", quote=True)
    back = (f'<a class="compare-from" href="{_href(page, source.ref)}" '
            f'title="{title}">↶</a>')
    return f'<span class="continued">{runs}{back}</span>'


def notice_comparison(context: SiteContext) -> Callable[[Notice], str]:
    """A notice_extras renderer: a provincial notice against the same issuer's notice of the
    year before (`与上年相比`: what is new this year), a city or county notice against the
    province's of its year (`与同年省政府通知相比`: what it adds, and sentence by sentence
    what it takes up, rewords and leaves out). Folded to one line.

    Every notice is compared up front, a large archive in two halves on two cores."""
    render = _comparison(context)
    rendered = map_in_two(render, context.notices, lambda notice: len(notice.all_clauses()),
                          PARALLEL_MIN_CLAUSES)
    by_slug = {notice.slug: html for notice, html in zip(context.notices, rendered, strict=True)}
    return lambda notice: by_slug.get(notice.slug, "")


def _comparison(context: SiteContext) -> Callable[[Notice], str]:

    @functools.cache  # a province's notice is compared with each of its cities'
    def compared(slug: str) -> tuple[list[Unit], Earlier]:
        units = notice_units(context.notice(slug))
        return units, Earlier(unit_sentences(units), context.sentence_weights)

    def render(notice: Notice) -> str:
        provincial = context.issuers.level_of(notice) == "省"
        if provincial:
            other_slug, title = context.links.previous.get(notice.slug), "与上年相比"
        else:
            other_slug, title = context.links.provincial.get(notice.slug), "与同年省政府通知相比"
        if not other_slug:
            return ""
        other = context.notice(other_slug)
        later = notice_units(notice)
        earlier, prepared = compared(other_slug)
        alignment = prepared.align(unit_sentences(later))
        page = urls.notice_page(notice.slug)
        name = citation_label(other)
        target = urls.link(page, urls.notice_page(other.slug), html=True)
        parts = [
            f'<details class="notice-compare"><summary>{title}：'
            f"{html.escape(summary(alignment, name))}</summary>",
            f'<p>对照 <a href="{target}">{html.escape(name)}</a>，每句与其中最相近的一句对应。',
        ]
        if provincial:
            parts += ["本通知新增的要求：</p>",
                      new_list(alignment, {unit.ref: unit for unit in later}, page,
                               in_full=False)]
        else:
            parts += ["</p>", legend(name),
                      aligned_html(alignment, later, {unit.ref: unit for unit in earlier}, page,
                                   name, in_full=False)]
        return unsearched_html("".join(parts) + "</details>") + "\n"

    return render
