"""MkDocs hook: the site search engine, `material` (default) or `pagefind`, chosen in mkdocs.yml.

Material's search writes one index that every page load downloads and indexes again in the
browser (about 11 MB at 500 notices) and segments all text with jieba at build time.  Pagefind
instead splits its index into chunks and page fragments, and the browser loads only those a
query needs.  Choose it with ``extra: {search_engine: pagefind}`` in mkdocs.yml or, overriding
that, ``BUILD_SITE_SEARCH=pagefind`` in the environment (benchmarks build one site both ways).

In ``pagefind`` mode this hook

* turns Material's search plugin off in ``on_config``, so it neither segments nor writes an
  index, and Material's header search, which only renders while the plugin is on, goes away;
  ``overrides/main.html`` puts ``overrides/partials/pagefind-search.html`` in its place, driven by
  ``docs/assets/pagefind-search.js``;
* hands Pagefind a copy of every page (``on_post_page``) that marks the article as the part to
  index (``data-pagefind-body``), skips pages whose front matter says ``search: {exclude: true}``
  as Material does, and lists the page's distinct Han characters in a metadata field;
* runs Pagefind's extended build (it segments Chinese) over those copies after the build
  (``on_post_build``), writing ``site/pagefind/``; parts marked ``data-search-exclude`` (repeated
  listings, metadata) stay out of the index as they do out of Material's.

Why the characters: the browser cuts the query with its own word segmenter, which often differs
from the indexer's (特种设备 becomes 特|种|设备 in the query but 特种|设备 in the index), and
Pagefind lists a page only if every query word starts some index word on it.  With every
character of the page indexed as well, a page that contains the query's characters is a
candidate, and the search box ranks clauses by the query text itself.  Of 300 queries of one
to three words cut from the 21 real notices, 8 missed their own page without the characters and
1 with them; at 2,000 notices they add about a fifth to the index and its fragments.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger("pagefind")

ENGINE_ENV = "BUILD_SITE_SEARCH"
ENGINES = ("material", "pagefind")
BUNDLE_DIR = "pagefind"  # site/pagefind/: Pagefind's JS, WASM, index chunks and fragments
EXCLUDE_SELECTOR = "[data-search-exclude]"  # Material's attribute for parts kept out of search
CHARS_META = "zi"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ARTICLE = "<article "
INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")

_staging: Path | None = None  # copies of the pages as Pagefind should read them


def search_engine(config: MkDocsConfig) -> str:
    """The configured engine: the environment overrides `extra.search_engine`."""
    engine = os.environ.get(ENGINE_ENV) or config.extra.get("search_engine") or ENGINES[0]
    if engine not in ENGINES:
        raise PluginError(f"search engine {engine!r} is not one of {', '.join(ENGINES)}")
    return engine


@event_priority(110)  # before build_site/search_hooks.py (100) and Material's search plugin
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Record the engine for the templates; in `pagefind` mode turn Material's search off."""
    global _staging
    engine = search_engine(config)
    config.extra["search_engine"] = engine
    _discard_staging()
    if engine == "pagefind":
        plugin = config.plugins.get("material/search")
        if plugin is not None:
            plugin.config.enabled = False
        _staging = Path(tempfile.mkdtemp(prefix="pagefind-pages-"))
    return config


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Stage the copy Pagefind indexes; the page itself is written unchanged."""
    if _staging is None or (page.meta.get("search") or {}).get("exclude"):
        return output
    if ARTICLE not in output:
        raise PluginError(f"{page.file.src_uri}: no <article> for Pagefind to index")
    chars = " ".join(sorted(set(HAN.findall(page.content or ""))))
    marked = output.replace(
        ARTICLE, f'{ARTICLE}data-pagefind-body data-pagefind-meta="{CHARS_META}:{chars}" ', 1
    )
    path = _staging / page.file.dest_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(marked, encoding="utf-8")
    return output


# after Material's search plugin and build_site/search_hooks.py, before the timing summary
@event_priority(-60)
def on_post_build(config: MkDocsConfig) -> None:
    """Index the staged pages into site/pagefind/."""
    if _staging is None:
        return
    start = time.perf_counter()
    try:
        pages = run_pagefind(_staging, Path(config.site_dir) / BUNDLE_DIR)
    finally:
        _discard_staging()
    seconds = time.perf_counter() - start
    log.info("Pagefind indexed %d pages into %s/ in %.1f s", pages, BUNDLE_DIR, seconds)


def on_build_error(error: Exception) -> None:
    """A failed build leaves no staged copies behind."""
    _discard_staging()


def run_pagefind(pages_dir: Path, out_dir: Path) -> int:
    """Run Pagefind's extended binary (shipped in the `pagefind[extended]` wheel); pages indexed."""
    from pagefind_bin_extended import get_executable  # the extended build segments Chinese

    command = [
        str(get_executable()), "--site", str(pages_dir), "--output-path", str(out_dir),
        "--exclude-selectors", EXCLUDE_SELECTOR, "--keep-index-url",
    ]
    shutil.rmtree(out_dir, ignore_errors=True)  # no chunks of an earlier build linger
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    indexed = INDEXED_PAGES.search(done.stdout)
    if done.returncode != 0 or indexed is None:
        raise PluginError(f"Pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return int(indexed.group(1))


def _discard_staging() -> None:
    global _staging
    if _staging is not None:
        shutil.rmtree(_staging, ignore_errors=True)
        _staging = None
