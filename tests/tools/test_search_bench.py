"""How search quality is counted: ranks of wanted places among the results a reader sees."""

from __future__ import annotations

from build_site.tools.search_bench import Quality, Target, page_path, rank, targets

CLAUSE = Target("notices/x.html", frozenset({"a1-b2"}), frozenset({"a1", "a1-b2"}), "a1")
NOTICE = Target("notices/x.html", None, frozenset({"a1", "a1-b2"}), "a1")


def test_rank_counts_shown_clause_results_and_the_wanted_page() -> None:
    results = [("notices/y.html", "", True),  # a page result: not counted
               ("notices/y.html", "a3", False),  # folded: not seen
               ("notices/y.html", "a4", True),
               ("notices/x.html", "a1-b2", True)]
    assert rank(results, [CLAUSE]) == 2
    assert rank([("notices/x.html", "", True)], [NOTICE]) == 1  # the notice's own page
    assert rank([("notices/x.html", "_1", True)], [NOTICE]) == 1  # its title
    assert rank([("notices/x.html", "a1-b2", True)], [NOTICE]) is None  # a later clause
    assert rank([("notices/x/", "a1-b2", True)], [CLAUSE]) == 1  # directory URLs


def test_page_path_of_directory_urls() -> None:
    assert page_path("notices/x/") == page_path("notices/x/index.html") == "notices/x.html"
    assert page_path("notices/x.html") == "notices/x.html"


def test_targets_resolve_through_the_corpus(by_number) -> None:
    found = targets({"query": "q", "expect": [{"notice": "晋政发〔2026〕1号", "clause": "三、（十一）4."},
                                              {"notice": "市政发〔2022〕9号"}]}, by_number)
    assert found[0].path == "notices/shanxi-2026-1.html"
    assert found[0].anchors == frozenset({"a3-b11-c4"})
    assert found[1].anchors is None and found[1].first == "a1"


def test_quality_measures() -> None:
    measured = Quality({"a": 1, "b": 3, "c": None, "d": 12})
    assert (measured.top(1), measured.top(5)) == (0.25, 0.5)
    assert abs(measured.mrr - (1 + 1 / 3) / 4) < 1e-9
