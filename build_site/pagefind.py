"""MkDocs hook: the site search engine, `pagefind` (default) or `material`, chosen in mkdocs.yml.

Material's search writes one index that every page load downloads and indexes again in the
browser (about 11 MB at 500 notices) and segments all text with jieba at build time.  Pagefind
instead splits its index into chunks and page fragments, and the browser loads only those a
query needs.  Choose the engine with ``extra: {search_engine: …}`` in mkdocs.yml or, overriding
that, ``BUILD_SITE_SEARCH=…`` in the environment (benchmarks build one site both ways).

In ``pagefind`` mode this hook

* turns Material's search plugin off in ``on_config``, so it neither segments nor writes an
  index, and Material's header search, which only renders while the plugin is on, goes away;
  ``overrides/main.html`` puts ``overrides/partials/pagefind-search.html`` in its place, driven by
  ``docs/assets/pagefind-search.js``;
* stages each page for Pagefind as soon as its Markdown is converted (``on_page_content``): the
  article alone (``data-pagefind-body``) under the page's title, with the page's distinct Han
  characters in a metadata field; pages whose front matter says ``search: {exclude: true}`` are
  skipped as Material skips them;
* indexes the staged pages in shards of about ``SHARD_BYTES`` each, every full shard by a
  Pagefind process in the background while MkDocs goes on converting and writing pages
  (``site/pagefind/0/``, ``1/`` …), and lists them in ``site/pagefind/shards.json``; the
  browser loads the first and merges the others (Pagefind's ``mergeIndex``).  Parts marked
  ``data-search-exclude`` (repeated listings, metadata) stay out of the index as they do out of
  Material's.

Why shards: Pagefind holds a whole index in memory while it builds it, about twenty times the
HTML it reads (3 GB for 2,000 notices in one run).  A shard bounds that at any corpus size, and
it can start while MkDocs still works, on the second core.  A query reads one small
``pf_meta`` file per shard besides the chunks of its words.

Why the characters: the browser cuts the query with its own word segmenter, which often differs
from the indexer's (特种设备 becomes 特|种|设备 in the query but 特种|设备 in the index), and
Pagefind lists a page only if every query word starts some index word on it.  With every
character of the page indexed as well, a page that contains the query's characters is a
candidate, and the search box ranks clauses by the query text itself.  Of 300 queries of one
to three words cut from the 21 real notices, 8 missed their own page without the characters and
1 with them; at 2,000 notices they add about a fifth to the index and its fragments.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger("pagefind")

ENGINE_ENV = "BUILD_SITE_SEARCH"
ENGINES = ("pagefind", "material")  # the first is the default
BUNDLE_DIR = "pagefind"  # site/pagefind/<shard>/: Pagefind's JS, WASM, index chunks, fragments
SHARDS_FILE = "shards.json"  # site/pagefind/shards.json: the shard folders, first one primary
SHARD_ENV = "BUILD_SITE_PAGEFIND_SHARD_MB"  # tests make many small shards of the real corpus
SHARD_BYTES = 24_000_000  # staged HTML per Pagefind run: about 0.6 GB of Pagefind's memory
EXCLUDE_SELECTOR = "[data-search-exclude]"  # Material's attribute for parts kept out of search
CHARS_META = "zi"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")


@dataclass
class ShardedIndex:
    """Pages staged into shard folders; each full shard is indexed in the background, one
    Pagefind process at a time, while the build goes on."""

    staging: Path
    out_dir: Path
    shard_bytes: int
    shards: list[Future] = field(default_factory=list)
    staged: int = 0  # bytes in the shard being filled
    runner: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))

    def add(self, dest_uri: str, page_html: str) -> None:
        path = self._folder(len(self.shards)) / dest_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        data = page_html.encode("utf-8")
        path.write_bytes(data)
        self.staged += len(data)
        if self.staged >= self.shard_bytes:
            self._close_shard(threads=1)  # MkDocs keeps the other core busy

    def close(self) -> None:
        """Queue the last shard, then the list of shards, behind the shards still running."""
        if self.staged or not self.shards:
            self._close_shard(threads=os.cpu_count() or 1)
        self.runner.submit(self._list_shards, len(self.shards))

    def finish(self) -> int:
        """Close, and wait for every shard; pages indexed."""
        self.close()
        self.runner.shutdown(wait=True)
        return sum(shard.result() for shard in self.shards)

    def discard(self, cancel: bool) -> None:
        """Wait for the queued work (or cancel what has not started), then drop the copies."""
        self.runner.shutdown(wait=True, cancel_futures=cancel)
        shutil.rmtree(self.staging, ignore_errors=True)

    def _list_shards(self, count: int) -> None:
        self.out_dir.mkdir(parents=True, exist_ok=True)  # MkDocs cleans site/ after on_config
        names = [f"{index}/" for index in range(count)]
        (self.out_dir / SHARDS_FILE).write_text(json.dumps(names), encoding="utf-8")

    def _folder(self, index: int) -> Path:
        return self.staging / str(index)

    def _close_shard(self, threads: int) -> None:
        index = len(self.shards)
        self._folder(index).mkdir(parents=True, exist_ok=True)
        self.shards.append(self.runner.submit(
            run_pagefind, self._folder(index), self.out_dir / str(index), threads))
        self.staged = 0


_index: ShardedIndex | None = None
_serving = False  # under `mkdocs serve` the last shard is indexed after the page reload


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def search_engine(config: MkDocsConfig) -> str:
    """The configured engine: the environment overrides `extra.search_engine`."""
    engine = os.environ.get(ENGINE_ENV) or config.extra.get("search_engine") or ENGINES[0]
    if engine not in ENGINES:
        raise PluginError(f"search engine {engine!r} is not one of {', '.join(ENGINES)}")
    return engine


def shard_bytes() -> int:
    value = os.environ.get(SHARD_ENV)
    try:
        return int(float(value) * 1_000_000) if value else SHARD_BYTES
    except ValueError:
        raise PluginError(f"{SHARD_ENV}={value!r} is not a number of megabytes") from None


@event_priority(110)  # before build_site/search_hooks.py (100) and Material's search plugin
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Record the engine for the templates; in `pagefind` mode turn Material's search off."""
    global _index
    engine = search_engine(config)
    config.extra["search_engine"] = engine
    _discard_index()
    if engine == "pagefind":
        plugin = config.plugins.get("material/search")
        if plugin is not None:
            plugin.config.enabled = False
        out_dir = Path(config.site_dir) / BUNDLE_DIR
        shutil.rmtree(out_dir, ignore_errors=True)  # no shard of an earlier build lingers
        staging = Path(tempfile.mkdtemp(prefix="pagefind-pages-"))
        _index = ShardedIndex(staging, out_dir, shard_bytes())
    return config


def on_page_content(content: str, page: Page, config: MkDocsConfig, files) -> str:
    """Stage the page's article for Pagefind; the page itself is unchanged."""
    if _index is not None and not (page.meta.get("search") or {}).get("exclude"):
        _index.add(page.file.dest_uri, staged_page(page.title or "", content,
                                                   config.theme.get("language") or "zh"))
    return content


def staged_page(title: str, content: str, language: str) -> str:
    """What Pagefind reads of a page: its title and article, with the characters field."""
    chars = " ".join(sorted(set(HAN.findall(content))))
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        f'<article data-pagefind-body data-pagefind-meta="{CHARS_META}:{chars}">'
        f"{content}</article></body></html>"
    )


# after Material's search plugin and build_site/search_hooks.py, before the timing summary
@event_priority(-60)
def on_post_build(config: MkDocsConfig) -> None:
    """Wait for the shards still being indexed; a preview server does not wait (the search
    box is ready about a second after the page reloads, the next build waits for it)."""
    if _index is None:
        return
    if _serving:
        _index.close()
        log.info("Pagefind: %d shard(s) indexing in the background", len(_index.shards))
        return
    start = time.perf_counter()
    try:
        pages = _index.finish()
        shards = len(_index.shards)
    finally:
        _discard_index()
    seconds = time.perf_counter() - start
    log.info("Pagefind indexed %d pages in %d shard(s) into %s/; %.1f s after the last page",
             pages, shards, BUNDLE_DIR, seconds)


def on_build_error(error: Exception) -> None:
    """A failed build leaves no staged copies behind."""
    _discard_index(cancel=True)


def on_shutdown() -> None:
    _discard_index()


def run_pagefind(pages_dir: Path, out_dir: Path, threads: int) -> int:
    """Run Pagefind's extended binary (shipped in the `pagefind[extended]` wheel) on at most
    `threads` threads (its thread pool is Rayon's); pages indexed."""
    from pagefind_bin_extended import get_executable  # the extended build segments Chinese

    command = [
        str(get_executable()), "--site", str(pages_dir), "--output-path", str(out_dir),
        "--exclude-selectors", EXCLUDE_SELECTOR, "--keep-index-url",
    ]
    shutil.rmtree(out_dir, ignore_errors=True)
    environment = {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    indexed = INDEXED_PAGES.search(done.stdout)
    if done.returncode != 0 or indexed is None:
        raise PluginError(f"Pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return int(indexed.group(1))


def _discard_index(cancel: bool = False) -> None:
    global _index
    if _index is not None:
        _index.discard(cancel)
        _index = None
