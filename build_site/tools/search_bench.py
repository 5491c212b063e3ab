"""Search as a reader meets it: time and bytes from typing a query to its first result.

`measure_search` works for both search engines (`search_engine` material or pagefind,
see build_site/pagefind.py): it serves a built site on 127.0.0.1, opens a page in Debian's
headless Chromium with an empty cache, waits until the page has loaded, types the query into
the header search box and waits for the first result link.  Material fetches its whole index
when the page loads, Pagefind what the query needs once the box is focused, so bytes are
counted from the start of navigation.  Requests to any other host are recorded and refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# what only search downloads: Material's index, worker and lunr; Pagefind's bundle and script
SEARCH_URL = re.compile(r"/search/|/workers/|/lunr/|/pagefind/|/pagefind-search\.")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# focus the box, type, and resolve with the ms until a result link is shown
TYPE_AND_WAIT = """
async ([query, timeout]) => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const shown = () => list.querySelector("a.md-search-result__link");
  const start = performance.now();
  box.focus();
  box.value = query;
  box.dispatchEvent(new Event("input", { bubbles: true }));    /* Pagefind box */
  box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));  /* Material */
  await new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error(`no result for ${query} in ${timeout} ms`)), timeout);
    if (shown()) return resolve();
    new MutationObserver((_, observer) => {
      if (shown()) { observer.disconnect(); resolve(); }
    }).observe(list, { childList: true, subtree: true });
  });
  return performance.now() - start;
}
"""


def measure_search(site_dir: Path, query: str, page: str = "index.html", browser: Any = None,
                   timeout_ms: int = 60_000) -> dict[str, Any]:
    """Measure one first query; pass a Playwright `browser` to reuse one, else one is launched.

    Returns ms_to_first_result (from the first keystroke), bytes_before_first_result (all
    responses since navigation), search_bytes (those of them only search needs: index,
    worker, Pagefind bundle), search_requests, and external (URLs of other hosts, refused).
    """
    from build_site.tools.browser import CHROMIUM_ARGS, chromium_path, serve_directory

    with serve_directory(site_dir) as url:
        if browser is not None:
            return _measure(browser, f"{url}/{page}", query, timeout_ms)
        from playwright.sync_api import sync_playwright

        executable = chromium_path()
        if executable is None:
            raise RuntimeError("Debian chromium is not installed (make chromium)")
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                return _measure(launched, f"{url}/{page}", query, timeout_ms)
            finally:
                launched.close()


def _measure(browser: Any, url: str, query: str, timeout_ms: int) -> dict[str, Any]:
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
        ms = tab.evaluate(TYPE_AND_WAIT, [query, timeout_ms])
        seen = list(responses)
    finally:
        context.close()
    search = [(u, size) for u, size in seen if SEARCH_URL.search(urlsplit(u).path)]
    return {
        "query": query,
        "ms_to_first_result": round(ms),
        "bytes_before_first_result": sum(size for _, size in seen),
        "search_bytes": sum(size for _, size in search),
        "search_requests": len(search),
        "external": external,
    }
