"""Search with Pagefind (BUILD_SITE_SEARCH=pagefind): the acceptance tests of test_material_search.py.

The real site is built in `pagefind` mode into a temporary folder and served on 127.0.0.1
(Pagefind fetches its index, so it needs HTTP).  The browser tests of test_material_search.py
that do not read Material's index are imported and so run here a second time, typing into
the Pagefind search box, which wears the same classes as Material's; `site_url` and
`built_site` below point them at this build.  Only the every-word check needs its own version:
it reads the clause texts from the built pages instead of from Material's index.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_site.hooks.pagefind import BUNDLE_DIR, SHARDS_FILE
from build_site.hooks.plugin import SEARCH_ENV, SHARD_ENV
from build_site.tools.search_bench import measure_search
from tests.conftest import build_real_site, served
from tests.hooks import test_material_search as material

pytestmark = pytest.mark.browser

# the browser tests of test_material_search.py that do not read Material's index, on this build
search_page = material.search_page
test_acceptance_query_finds_a_listed_clause = material.test_acceptance_query_finds_a_listed_clause
test_a_sub_word_finds_the_longer_word = material.test_a_sub_word_finds_the_longer_word
test_a_result_lands_on_the_clause = material.test_a_result_lands_on_the_clause
test_topic_pages_are_found_by_search = material.test_topic_pages_are_found_by_search

FIRST_QUERY_BUDGET = 2_000_000  # bytes a first query may download (the limit)
VOID_TAGS = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"})


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """The real site built with `mkdocs build --strict` in pagefind mode, its index cut into
    shards of 1 MB of pages as 2,000 notices are cut into shards of 24 MB, so that every query
    below searches several merged shards."""
    return build_real_site(tmp_path_factory.mktemp("pagefind-site"),
                           **{SEARCH_ENV: "pagefind", SHARD_ENV: "1"})


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    yield from served(built_site)


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


def test_the_build_has_pagefind_instead_of_materials_index(built_site: Path) -> None:
    shards = json.loads((built_site / BUNDLE_DIR / SHARDS_FILE).read_text("utf-8"))
    assert shards == ["0/", "1/", "2/"]
    for shard in shards:
        assert list((built_site / BUNDLE_DIR / shard / "fragment").iterdir())
    assert (built_site / BUNDLE_DIR / shards[0] / "pagefind.js").is_file()
    assert not (built_site / "search" / "search_index.json").exists()
    home = (built_site / "index.html").read_text("utf-8")
    assert "data-pagefind-search" in home and 'data-md-component="search"' not in home


@pytest.mark.parametrize(
    ("query", "words"),
    [("尾矿库闭库", ["尾矿库", "闭库"]), ("燃气泄漏报警", ["燃气", "泄漏", "报警"]),
     ("安全防汛", ["安全", "防汛"]), ("隐患 排查 治理", ["隐患", "排查", "治理"])],
)
def test_every_word_counts_the_last_one_too(search_page, site_url, built_site, query, words):
    results = material.search(search_page, site_url, query)
    clauses = [(path, anchor) for path, anchor, shown in results if anchor and shown]
    assert clauses
    for path, anchor in clauses[:material.TOP]:
        text = clause_text(built_site, path, anchor)
        assert all(word in text for word in words), (query, path, anchor)


def test_a_first_query_stays_on_loopback_and_within_budget(browser, built_site: Path) -> None:
    measured = measure_search(built_site, material.QUERIES[0]["query"], browser=browser)
    assert measured["external"] == []
    assert measured["search_requests"] > 0
    assert measured["bytes_before_first_result"] <= FIRST_QUERY_BUDGET, measured
