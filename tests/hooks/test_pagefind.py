"""Search with Pagefind (the default engine), typed into the real search box in headless Chromium.

The real site is built in `pagefind` mode into a temporary folder and served on 127.0.0.1
(Pagefind fetches its index, so it needs HTTP), its index cut into shards of 0.2 MB of tokens
as 2,000 notices are cut into shards of 16 MB, so that every query searches merged shards.
The browser tests of test_material_search.py that do not read Material's index run here a
second time; the others are issue 12's: 文号 and years, filter menus, one segmentation,
synonyms, ranking, what a result shows and what it marks where it lands.
"""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_site.hooks.pagefind import BUNDLE_DIR, SEARCH_FILE, record_path
from build_site.hooks.plugin import SEARCH_ENV, SHARD_ENV
from build_site.tools.search_bench import (
    load_queries,
    measure_search,
    rank,
    targets,
    typed_results,
)
from tests.conftest import ROOT, build_real_site, clause_by_path, served
from tests.hooks import test_material_search as material

pytestmark = pytest.mark.browser

# the browser tests of test_material_search.py that do not read Material's index, on this build
search_page = material.search_page
test_acceptance_query_finds_a_listed_clause = material.test_acceptance_query_finds_a_listed_clause
test_a_sub_word_finds_the_longer_word = material.test_a_sub_word_finds_the_longer_word
test_a_result_lands_on_the_clause = material.test_a_result_lands_on_the_clause

READER_QUERIES = load_queries(ROOT / "tests" / "data" / "search_reader_queries.yml")
FIRST_QUERY_BUDGET = 1_000_000  # bytes a first query may download (the limit)
VOID_TAGS = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"})
RESULT_ABOUT = "a.md-search-result__link .pagefind-search__page"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    return build_real_site(tmp_path_factory.mktemp("pagefind-site"),
                           **{SEARCH_ENV: "pagefind", SHARD_ENV: "0.2"})


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    yield from served(built_site)


@pytest.fixture
def fresh(page, site_url):
    """A page of its own (filters are kept per browser tab), opened on the home page."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}/index.html")
    yield page
    assert errors == []


def search_file(site: Path) -> dict:
    return json.loads(gzip.decompress((site / BUNDLE_DIR / SEARCH_FILE).read_bytes()))


def record(site: Path, url: str) -> dict:
    return json.loads(gzip.decompress((site / BUNDLE_DIR / record_path(url)).read_bytes()))


def shown(results) -> list[tuple[str, str]]:
    return [(path, anchor) for path, anchor, visible in results if visible]


class _ClauseTexts(HTMLParser):
    """Text of the article under each heading id, without the parts kept out of search."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {"": ""}
        self.current = ""
        self.excluded = 0  # depth inside an element marked data-search-exclude

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        names = dict(attrs)
        if self.excluded or "data-search-exclude" in names:
            self.excluded += 1
        elif re.fullmatch(r"h[1-6]", tag) and names.get("id"):
            self.current = names["id"] or ""
            self.texts[self.current] = ""

    def handle_endtag(self, tag: str) -> None:
        if self.excluded and tag not in VOID_TAGS:
            self.excluded -= 1

    def handle_data(self, data: str) -> None:
        if not self.excluded:
            self.texts[self.current] += data


def clause_text(site: Path, path: str, anchor: str) -> str:
    html = (site / path).read_text("utf-8")
    parser = _ClauseTexts()
    parser.feed(html[html.index("<article"):html.index("</article>")])
    return parser.texts[anchor]


def test_the_build_has_pagefind_instead_of_materials_index(built_site: Path, corpus) -> None:
    index = search_file(built_site)
    assert len(index["shards"]) > 2 and index["shards"][0] == "0/"
    for shard in index["shards"]:
        assert list((built_site / BUNDLE_DIR / shard / "fragment").iterdir())
    assert (built_site / BUNDLE_DIR / "0" / "pagefind.js").is_file()
    published = {record_path(f"notices/{notice.slug}.html") for notice in corpus.notices}
    assert set(index["notice"].values()) == published
    assert all((built_site / BUNDLE_DIR / path).is_file()
               for path in [*index["notice"].values(), *index["listing"].values()])
    assert index["filters"]["issuer"][0] == {"level": "省级", "issuers": ["山西省人民政府"]}
    assert not (built_site / "search" / "search_index.json").exists()
    home = (built_site / "index.html").read_text("utf-8")
    assert "data-pagefind-search" in home and 'data-md-component="search"' not in home


@pytest.mark.parametrize("case", READER_QUERIES, ids=[case["query"] for case in READER_QUERIES])
def test_reader_query_finds_a_listed_place(search_page, site_url, by_number, case) -> None:
    """Each reader query in the first five; a 文号 first of all."""
    results = typed_results(search_page, site_url, case["query"])
    position = rank(results, targets(case, by_number))
    best = 1 if case["style"] == "文号" else material.TOP
    assert position is not None and position <= best, f"{case['query']}: {results[:6]}"


@pytest.mark.parametrize(
    ("query", "words"),
    [("尾矿库闭库", ["尾矿库", "闭库"]), ("燃气泄漏报警", ["燃气", "泄漏", "报警"]),
     ("安全防汛", ["安全", "防汛"]), ("隐患 排查 治理", ["隐患", "排查", "治理"])],
)
def test_every_word_counts_the_last_one_too(search_page, site_url, built_site, query, words):
    clauses = [(p, a) for p, a in shown(typed_results(search_page, site_url, query)) if a]
    assert clauses
    for path, anchor in clauses[:material.TOP]:
        text = clause_text(built_site, path, anchor)
        assert all(word in text for word in words), (query, path, anchor)


@pytest.mark.parametrize(("query", "years"),
                         [("2023 燃气", {"2023"}), ("2021-2022 燃气", {"2021", "2022"})])
def test_a_year_narrows_to_that_years_notices(search_page, site_url, corpus, query, years):
    year_of = {f"notices/{n.slug}.html": n.year_or("") for n in corpus.notices}
    results = shown(typed_results(search_page, site_url, query))
    assert results
    assert {year_of[path] for path, _ in results} <= years


def test_a_cited_document_number_is_found_as_text(search_page, site_url, by_number) -> None:
    """晋政办发〔2021〕9号 is no notice of the site: the clause citing it is found instead."""
    citing = clause_by_path(by_number["市政发〔2022〕9号"], "二、（六）2.")
    results = shown(typed_results(search_page, site_url, "晋政办发〔2021〕9号"))
    assert ("notices/jinzhong-2022-9.html", citing.anchor) in results[:material.TOP]


@pytest.mark.parametrize(("query", "notice", "clause"), [
    ("安全生产责任保险", "晋政发〔2026〕1号", "二、（七）"),  # the clause says only 安责险
    ("安委会会议制度", "晋政发〔2009〕1号", "六、"),  # the clause says 安全生产委员会会议制度
    ("危化品领域专项整治", "晋政发〔2024〕1号", "三、（十二）"),  # heading: 危险化学品领域…
    ("省应急管理厅 化工园区", "晋政发〔2024〕1号", "二、（五）"),  # a department's alias
])
def test_a_synonym_finds_the_other_form(search_page, site_url, by_number, query, notice, clause):
    wanted = clause_by_path(by_number[notice], clause).anchor
    results = shown(typed_results(search_page, site_url, query))
    assert wanted in [anchor for _, anchor in results], results


def _rare_pieces(corpus, count: int) -> list[tuple[str, str, str]]:
    """(piece, page, anchor): pieces of clause text, 2 to 7 characters cut at every
    position of a sentence (so across word boundaries as often as not), found in at most
    three clauses, hence listed whatever the ranking."""
    clauses = [(f"notices/{n.slug}.html", c.anchor, f"{c.heading}\n{c.text}")
               for n in corpus.notices for c in n.all_clauses()]
    pieces = []
    for index, (page, anchor, text) in enumerate(clauses[::9]):
        runs = re.findall(r"[\u4e00-\u9fff]{8,}", text)
        if not runs:
            continue
        run = runs[index % len(runs)]
        start, length = index % (len(run) - 7), 2 + index % 6
        piece = run[start:start + length]
        if sum(piece in other for _, _, other in clauses) <= 3:
            pieces.append((piece, page, anchor))
    return pieces[:count]


def test_any_piece_of_a_clause_finds_it(search_page, site_url, corpus) -> None:
    """One segmentation: a piece of text cut anywhere, inside or across words, finds its
    clause; so do words that segmenters split differently (特种|设备 or 特|种|设备)."""
    pieces = _rare_pieces(corpus, 40)
    assert len(pieces) >= 25
    missed = []
    for piece, page, anchor in pieces:
        if (page, anchor) not in shown(typed_results(search_page, site_url, piece)):
            missed.append((piece, page, anchor))
    assert missed == []


def test_a_heading_match_ranks_above_a_passing_mention(search_page, site_url, corpus) -> None:
    heading = {(f"notices/{n.slug}.html", c.anchor): "燃气" in c.heading
               for n in corpus.notices for c in n.all_clauses()}
    flags = [heading[result] for result in shown(typed_results(search_page, site_url, "燃气"))]
    assert flags[0] and sum(flags) > 2
    assert flags == sorted(flags, reverse=True)  # every heading match before any mention


def test_listing_pages_are_shown_apart_from_clauses(search_page, site_url) -> None:
    results = typed_results(search_page, site_url, "危险化学品")
    assert all(path.startswith("notices/") for path, _, _ in results)
    related = search_page.eval_on_selector_all(".pagefind-search__related a",
                                               "els => els.map(a => a.pathname)")
    assert related[0].endswith("/topics/hazardous-chemicals.html")  # named by the query


@pytest.mark.parametrize("query", ["零事故单位创建", "重点行业领域", "专项整治", "煤矿"])
def test_a_bare_heading_never_outranks_its_matching_child(search_page, site_url, corpus, query):
    bare = {(f"notices/{n.slug}.html", c.anchor) for n in corpus.notices
            for c in n.all_clauses() if not c.blocks and c.children}
    results = shown(typed_results(search_page, site_url, query))
    for position, (page, anchor) in enumerate(results):
        if (page, anchor) in bare:
            later = results[position + 1:]
            assert not any(p == page and a.startswith(anchor + "-") for p, a in later), (
                query, anchor, results)


def test_a_result_shows_citation_title_and_year(search_page, site_url) -> None:
    typed_results(search_page, site_url, "尾矿库闭库")
    first = search_page.locator("a.md-search-result__link").first
    assert first.locator(".pagefind-search__page").inner_text() == (
        "晋政发〔2026〕1号 三、（十一）4. · 山西省人民政府关于做好2026年安全生产工作的通知 · 2026")
    assert first.locator(".md-search-result__teaser mark").first.inner_text() == "尾矿库闭库"


def test_the_words_found_are_marked_where_a_result_lands(fresh, site_url) -> None:
    typed_results(fresh, site_url, "隐患 排查 治理")
    first = fresh.locator("a.md-search-result__link").first
    anchor = first.get_attribute("href").split("#")[1]
    first.click()
    fresh.wait_for_function("a => location.hash === '#' + a", arg=anchor)
    marks = fresh.locator("article mark.pagefind-search__mark")
    marks.first.wait_for()
    assert {marks.nth(i).inner_text() for i in range(marks.count())} <= {"隐患", "排查", "治理",
                                                                        "隐患排查治理"}
    assert "?" not in fresh.url  # the address to share or copy stays the clause's own


def test_filter_menus_work_by_keyboard_and_live_in_the_url(fresh, site_url, corpus) -> None:
    year_of = {f"notices/{n.slug}.html": n.year_or("") for n in corpus.notices}
    fresh.keyboard.press("/")
    fresh.keyboard.type("燃气", delay=15)
    fresh.locator("select[name=year] option").nth(2).wait_for(state="attached")
    fresh.keyboard.press("Tab")  # the input's only other controls are not tab stops
    assert fresh.evaluate("document.activeElement.name") == "year"
    fresh.keyboard.press("ArrowDown")  # 全部 → the newest year
    year = fresh.evaluate("document.activeElement.value")
    fresh.wait_for_function(
        "y => new URL(location.href).searchParams.get('year') === y", arg=year)
    assert "q=%E7%87%83%E6%B0%94" in fresh.url
    results = shown(typed_results(fresh, site_url, "燃气"))
    assert results and {year_of[path] for path, _ in results} == {year}
    fresh.reload()  # the URL brings the search back, filters and all
    fresh.wait_for_function("() => document.querySelector('.md-search-result__list')"
                            ".dataset.query === '燃气'")
    assert fresh.locator("select[name=year]").input_value() == year
    fresh.goto(f"{site_url}/years.html")  # another page: the same filter, kept
    fresh.locator("input.md-search__input").click()
    fresh.locator("select[name=year] option").nth(2).wait_for(state="attached")
    assert fresh.locator("select[name=year]").input_value() == year


def test_issuer_level_and_sector_filters(fresh, site_url, built_site) -> None:
    fresh.locator("input.md-search__input").click()
    fresh.locator("select[name=issuer] option").nth(2).wait_for(state="attached")
    fresh.locator("select[name=issuer]").select_option("level:县级")
    results = shown(typed_results(fresh, site_url, "隐患"))
    assert results and {path for path, _ in results} == {"notices/daixian-2021-1.html"}
    fresh.locator("select[name=issuer]").select_option("")
    fresh.locator("select[name=sector]").select_option("煤矿")
    results = shown(typed_results(fresh, site_url, "瓦斯"))
    assert results
    for path, anchor in results:
        sectors = {s["id"]: s["sectors"] for s in record(built_site, path)["sections"]}
        assert "煤矿" in sectors[anchor], (path, anchor)


def test_the_keyboard_reaches_and_opens_a_result(fresh, site_url) -> None:
    fresh.keyboard.press("/")
    fresh.keyboard.type("百吨王", delay=15)
    fresh.wait_for_function("() => document.querySelector('.md-search-result__list')"
                            ".dataset.query === '百吨王'")
    fresh.keyboard.press("ArrowDown")
    href = fresh.evaluate("document.activeElement.getAttribute('href')")
    assert "#" in href
    fresh.keyboard.press("Enter")
    fresh.wait_for_function("a => location.hash === a", arg="#" + href.split("#")[1])


def test_a_first_query_stays_on_loopback_and_within_budget(browser, built_site: Path) -> None:
    for filters in ({}, {"year": "2024"}):
        measured = measure_search(built_site, material.QUERIES[0]["query"], browser=browser,
                                  filters=filters)
        assert measured["external"] == []
        assert measured["search_requests"] > 0
        assert measured["bytes_before_first_result"] <= FIRST_QUERY_BUDGET, measured
