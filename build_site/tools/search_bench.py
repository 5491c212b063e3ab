"""Search as a reader meets it: how fast the first result comes, and how good the results are.

`measure_search` works for both search engines (`search_engine` material or pagefind,
see build_site/hooks/pagefind.py): it serves a built site on 127.0.0.1, opens a page in Debian's
headless Chromium with an empty cache, waits until the page has loaded, optionally sets the
search box's filter menus, types the query into the header search box and waits for the first
result link.  Material fetches its whole index when the page loads, Pagefind what the query
needs once the box is focused, so bytes are counted from the start of navigation.  Requests
to any other host are recorded and refused.

`typed_results` types a query as a person does and reads the results in display order; the
browser tests use it too.  `python -m build_site.tools.search_bench` builds the real corpus
with Pagefind (the default), with our Material engine and with stock Material (the same
pages, Material's defaults) and reports, for each query file, top-1, top-5 and the mean
reciprocal rank of the first wanted result (none in the first ten counts 0).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

# what only search downloads: Material's index, worker and lunr; Pagefind's bundle and script
SEARCH_URL = re.compile(r"/search/|/workers/|/lunr/|/pagefind/|/pagefind-search\.")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEPTH = 10  # results read per query for the reciprocal rank

# focus the box, set the filter menus, type, and resolve with the ms until a result link is
# shown for this query (Pagefind's box names the query its list shows in data-query)
TYPE_AND_WAIT = """
async ([query, filters, timeout]) => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const deadline = (what) => new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`${what} for ${query} in ${timeout} ms`)), timeout));
  box.focus();
  const names = Object.keys(filters);
  if (names.length) {
    const menu = (name) => document.querySelector(`select[name=${name}]`);
    await Promise.race([deadline("no filter menus"), new Promise((resolve) => {
      const ready = () => names.every((n) => menu(n) && menu(n).options.length > 1);
      const poll = () => ready() ? resolve() : setTimeout(poll, 10);
      poll();
    })]);
    for (const name of names) {
      menu(name).value = filters[name];
      menu(name).dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
  const shown = () => list.querySelector("a.md-search-result__link")
    && (list.dataset.query === undefined || list.dataset.query === query);
  const start = performance.now();
  box.value = query;
  box.dispatchEvent(new Event("input", { bubbles: true }));    /* Pagefind box */
  box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));  /* Material */
  await Promise.race([deadline("no result"), new Promise((resolve) => {
    if (shown()) return resolve();
    new MutationObserver((_, observer) => {
      if (shown()) { observer.disconnect(); resolve(); }
    }).observe(list, { childList: true, subtree: true, attributes: true });
  })]);
  return performance.now() - start;
}
"""

# the result links in display order: [href, shown without unfolding anything]
RESULT_LINKS = """els => els.map(a => [a.href, !a.closest('details:not([open])')])"""


def measure_search(site_dir: Path, query: str, page: str = "index.html", browser: Any = None,
                   timeout_ms: int = 60_000, filters: dict[str, str] | None = None
                   ) -> dict[str, Any]:
    """Measure one first query; pass a Playwright `browser` to reuse one, else one is launched.

    Returns ms_to_first_result (from the first keystroke), bytes_before_first_result (all
    responses since navigation), search_bytes (those of them only search needs: index,
    worker, Pagefind bundle), search_requests, and external (URLs of other hosts, refused).
    """
    from build_site.tools.browser import serve_directory

    with serve_directory(site_dir) as url, _browser(browser) as chromium:
        return _measure(chromium, f"{url}/{page}", query, filters or {}, timeout_ms)


@contextmanager
def _browser(browser: Any) -> Iterator[Any]:
    """The given Playwright browser, or Debian's chromium launched for the block."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    from build_site.tools.browser import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Debian chromium is not installed (make chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def filter_choice(site_dir: Path, sector: str) -> dict[str, str]:
    """Filters a reader might set on a built Pagefind site: its newest year and `sector`."""
    from build_site.hooks.pagefind import BUNDLE_DIR, SEARCH_FILE

    index = json.loads(gzip.decompress((site_dir / BUNDLE_DIR / SEARCH_FILE).read_bytes()))
    return {"year": index["filters"]["year"][0], "sector": sector}


def _measure(browser: Any, url: str, query: str, filters: dict[str, str],
             timeout_ms: int) -> dict[str, Any]:
    responses: list[tuple[str, int]] = []
    external: list[str] = []

    def on_response(response: Any) -> None:
        responses.append((response.url, int(response.headers.get("content-length") or 0)))

    def refuse(route: Any) -> None:
        external.append(route.request.url)
        route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.route(lambda u: urlsplit(u).hostname not in LOOPBACK, refuse)
        tab = context.new_page()
        tab.on("response", on_response)
        tab.goto(url, wait_until="load", timeout=timeout_ms)
        ms = tab.evaluate(TYPE_AND_WAIT, [query, filters, timeout_ms])
        seen = list(responses)
    finally:
        context.close()
    search = [(u, size) for u, size in seen if SEARCH_URL.search(urlsplit(u).path)]
    return {
        "query": query,
        "filters": filters,
        "ms_to_first_result": round(ms),
        "bytes_before_first_result": sum(size for _, size in seen),
        "search_bytes": sum(size for _, size in search),
        "search_requests": len(search),
        "external": external,
    }


def typed_results(page: Any, site_url: str, query: str) -> list[tuple[str, str, bool]]:
    """Type `query` into the header search box and read (page path, anchor, shown) of every
    result link, in display order, once the results for the query have settled."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    # keyboard.type sends CJK as text input without keyup; an IME commit emits one (End)
    page.keyboard.type(query, delay=15)
    box.press("End")
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/初始化/.test(m.textContent); }"
    )
    page.wait_for_function(  # Pagefind's box says which query its list shows
        "q => { const l = document.querySelector('.md-search-result__list');"
        " return l.dataset.query === undefined || l.dataset.query === q; }", arg=query)
    last, since = None, time.monotonic()
    deadline = since + 15
    while time.monotonic() < deadline:  # results arrive per keystroke: wait until stable
        snapshot = page.evaluate(
            "() => document.querySelector('.md-search-result__list').innerHTML.length"
        )
        if snapshot != last:
            last, since = snapshot, time.monotonic()
        elif time.monotonic() - since > 0.5:
            break
        time.sleep(0.05)
    base = urlsplit(site_url + "/").path
    results = []
    for href, shown in page.eval_on_selector_all("a.md-search-result__link", RESULT_LINKS):
        url = urlsplit(href)
        results.append((url.path[len(base):], url.fragment, shown))
    return results


@dataclass(frozen=True)
class Target:
    """A place a query should find: a clause, or (`anchors` None) the notice itself, which is
    its page, its title or its first clause."""

    path: str
    anchors: frozenset[str] | None
    clauses: frozenset[str]  # every clause anchor of the notice
    first: str

    def matches(self, path: str, anchor: str) -> bool:
        if page_path(path) != self.path:
            return False
        if self.anchors is not None:
            return anchor in self.anchors
        return anchor == self.first or anchor not in self.clauses


def page_path(path: str) -> str:
    """`notices/x.html` also for a site with directory URLs (`notices/x/`, stock Material)."""
    path = path.removesuffix("index.html")
    return path[:-1] + ".html" if path.endswith("/") else path


def targets(case: dict, by_number: dict) -> list[Target]:
    """The places of a query-file entry, resolved through the corpus (文号 and path)."""
    found = []
    for expected in case["expect"]:
        notice = by_number[expected["notice"]]
        clauses = notice.all_clauses()
        anchors = frozenset(c.anchor for c in clauses)
        wanted = None
        if "clause" in expected:
            wanted = frozenset(c.anchor for c in clauses if c.path == expected["clause"])
            if not wanted:
                raise ValueError(f"{case['query']}: {notice.slug} has no {expected['clause']}")
        found.append(Target(f"notices/{notice.slug}.html", wanted, anchors,
                            clauses[0].anchor if clauses else ""))
    return found


def rank(results: Iterable[tuple[str, str, bool]], wanted: Sequence[Target]) -> int | None:
    """1-based position of the first wanted place among the results a reader sees without
    unfolding anything; links without an anchor count only where they are the answer (a page
    result for a 文号), as the acceptance test counts clause results."""
    position = 0
    for path, anchor, shown in results:
        if not shown:
            continue
        hit = any(target.matches(path, anchor) for target in wanted)
        if anchor or hit:
            position += 1
            if hit:
                return position
    return None


@dataclass
class Quality:
    ranks: dict[str, int | None]  # query → rank (None: not among the results)

    def top(self, n: int) -> float:
        return sum(1 for r in self.ranks.values() if r is not None and r <= n) / len(self.ranks)

    @property
    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks.values() if r is not None and r <= DEPTH) / len(
            self.ranks)

    def row(self) -> str:
        return f"top-1 {self.top(1):.2f}  top-5 {self.top(5):.2f}  MRR {self.mrr:.2f}"


def quality(site_dir: Path, cases: list[dict], by_number: dict, browser: Any = None) -> Quality:
    """Type each query into a fresh page of the built site and rank its wanted places."""
    from build_site.tools.browser import serve_directory

    ranks = {}
    with serve_directory(site_dir) as url, _browser(browser) as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        try:
            for case in cases:
                page.goto(f"{url}/index.html")
                ranks[case["query"]] = rank(typed_results(page, url, case["query"]),
                                            targets(case, by_number))
        finally:
            page.close()
    return Quality(ranks)


def load_queries(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text("utf-8"))


def main(argv: list[str] | None = None) -> int:
    from build_site.app import Inputs, ingest
    from build_site.tools.bench import ROOT, WORK, our_build, plain_build

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("queries", nargs="*", type=Path, default=[
        ROOT / "tests" / "data" / "search_queries.yml",
        ROOT / "tests" / "data" / "search_reader_queries.yml"])
    parser.add_argument("--engines", default="pagefind,material,stock",
                        help="pagefind, material (ours), stock (Material's defaults)")
    parser.add_argument("--details", action="store_true", help="print the rank of each query")
    args = parser.parse_args(argv)
    raw = ROOT / "content" / "raw"
    by_number = {n.meta.doc_number.value: n for n in ingest(Inputs.load(ROOT)).notices
                 if n.meta.doc_number}
    folder = WORK / "search-quality"
    sites = {}
    for engine in args.engines.split(","):
        if engine == "stock":
            plain_build(raw, folder / engine)
        else:
            our_build(raw, folder / engine / "site", engine)
        sites[engine] = folder / engine / "site"
    with _browser(None) as chromium:
        for path in args.queries:
            cases = load_queries(path)
            print(f"{path.name} ({len(cases)} queries)")
            for engine, site in sites.items():
                measured = quality(site, cases, by_number, chromium)
                print(f"  {engine:9} {measured.row()}")
                if args.details:
                    for query, position in measured.ranks.items():
                        print(f"      {position or '-':>2}  {query}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
