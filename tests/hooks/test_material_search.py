"""Chinese search, typed into the real search box of the built site in headless Chromium.

Acceptance: every query of tests/data/search_queries.yml (a copy of
shared/search_queries.yml) returns one of its listed clauses among the first 5 clause
results a user sees. Clauses are named as people cite them (文号 and numbering path) and
resolved through the corpus, so the test does not hard-code URLs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from build_site.hooks.plugin import SEARCH_ENV
from build_site.tools.search_bench import load_queries, rank, targets, typed_results
from tests.conftest import ROOT, build_real_site, clause_by_path, served

pytestmark = pytest.mark.browser

QUERIES = load_queries(ROOT / "tests" / "data" / "search_queries.yml")
SHARED = ROOT.parent / "shared" / "search_queries.yml"
TOP = 5


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """The real site with Material's built-in search (Pagefind is the default engine)."""
    return build_real_site(tmp_path_factory.mktemp("material-site"), **{SEARCH_ENV: "material"})


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    yield from served(built_site)


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}/index.html")
    yield page
    page.close()
    assert errors == []


def test_queries_are_the_shared_ones() -> None:
    if SHARED.exists():
        assert yaml.safe_load(SHARED.read_text("utf-8")) == QUERIES


@pytest.mark.parametrize("case", QUERIES, ids=[case["query"] for case in QUERIES])
def test_acceptance_query_finds_a_listed_clause(search_page, site_url, by_number, case) -> None:
    results = typed_results(search_page, site_url, case["query"])
    position = rank(results, targets(case, by_number))
    assert position is not None and position <= TOP, f"{case['query']}: {results[:8]}"


@pytest.mark.parametrize(
    ("query", "words"),
    [("尾矿库闭库", ["尾矿库", "闭库"]), ("燃气泄漏报警", ["燃气", "泄漏", "报警"]),
     ("安全防汛", ["安全", "防汛"]), ("隐患 排查 治理", ["隐患", "排查", "治理"])],
)
def test_every_word_counts_the_last_one_too(search_page, site_url, built_site, query, words):
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    text = {d["location"]: re.sub(r"<[^>]*>|\u200b", "", d["title"] + d["text"])
            for d in index["docs"]}
    results = typed_results(search_page, site_url, query)
    clauses = [f"{path}#{anchor}" for path, anchor, shown in results if anchor and shown]
    assert clauses
    for location in clauses[:TOP]:
        assert all(word in text[location] for word in words), (query, location)


def test_a_sub_word_finds_the_longer_word(search_page, site_url, by_number) -> None:
    notice = by_number["晋政发〔2026〕1号"]
    anchor = clause_by_path(notice, "一、（三）").anchor  # its text says 事故隐患报告奖励
    results = typed_results(search_page, site_url, "隐患报告奖励")
    clauses = [(p, a) for p, a, shown in results if a and shown]
    assert (f"notices/{notice.slug}.html", anchor) in clauses[:TOP]


def test_a_result_lands_on_the_clause(search_page, site_url) -> None:
    typed_results(search_page, site_url, "尾矿库闭库")
    search_page.locator('a.md-search-result__link[href*="#a3-b11-c4"]').first.click()
    search_page.wait_for_function("() => location.hash === '#a3-b11-c4'")
    heading = search_page.locator("[id='a3-b11-c4']")
    heading.wait_for()
    assert heading.inner_text().startswith("4.")
    search_page.goto(f"{site_url}/index.html")


def test_topic_pages_are_found_by_search(search_page, site_url) -> None:
    results = typed_results(search_page, site_url, "危险化学品")
    assert any(path == "topics/hazardous-chemicals.html" for path, _, _ in results)
