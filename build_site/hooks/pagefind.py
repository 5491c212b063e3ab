"""Pagefind as the site search engine (`search_engine: pagefind`, the default; see plugin.py).

Material's search writes one index that every page load downloads and indexes again in the
browser (about 11 MB at 500 notices) and segments all text with jieba at build time.  Pagefind
instead splits its index into chunks and page fragments, and the browser loads only those a
query needs.  Choose the engine with ``search_engine`` under the ``build_site`` plugin in
mkdocs.yml or, overriding that, ``BUILD_SITE_SEARCH=…`` in the environment (benchmarks build
one site both ways).

In ``pagefind`` mode this part of the plugin

* turns Material's search plugin off in ``on_config``, so it neither segments nor writes an
  index, and Material's header search, which only renders while the plugin is on, goes away;
  ``overrides/main.html`` puts ``overrides/partials/pagefind-search.html`` in its place, driven by
  ``docs/assets/pagefind-search.js``;
* stages each page for Pagefind as soon as its Markdown is converted (``on_page_content``): the
  article alone (``data-pagefind-body``) under the page's title, with the page's distinct Han
  characters in a metadata field; pages whose front matter says ``search: {exclude: true}`` are
  skipped as Material skips them;
* indexes the staged pages in shards of about ``pagefind_shard_mb`` (24 MB) each, every full
  shard by a Pagefind process in the background while MkDocs goes on converting and writing pages
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
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from build_site.ingest.grammar import HAN_CHAR

log = get_plugin_logger("pagefind")

BUNDLE_DIR = "pagefind"  # site/pagefind/<shard>/: Pagefind's JS, WASM, index chunks, fragments
SHARDS_FILE = "shards.json"  # site/pagefind/shards.json: the shard folders, first one primary
EXCLUDE_SELECTOR = "[data-search-exclude]"  # Material's attribute for parts kept out of search
CHARS_META = "zi"
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


class PagefindSearch:
    """Pagefind in place of Material's search, for one `mkdocs build` or `mkdocs serve`
    session; build_site/hooks/plugin.py orders its events around Material's."""

    def __init__(self, shard_bytes: int, serving: bool) -> None:
        self.shard_bytes = shard_bytes
        self.serving = serving  # under `mkdocs serve` the last shard is indexed after reload
        self.index: ShardedIndex | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Turn Material's search off and get a fresh index ready."""
        self.discard()
        plugin = config.plugins.get("material/search")
        if plugin is not None:
            plugin.config.enabled = False
        out_dir = Path(config.site_dir) / BUNDLE_DIR
        shutil.rmtree(out_dir, ignore_errors=True)  # no shard of an earlier build lingers
        staging = Path(tempfile.mkdtemp(prefix="pagefind-pages-"))
        self.index = ShardedIndex(staging, out_dir, self.shard_bytes)
        return config

    def on_page_content(self, content: str, *, page: Page, config: MkDocsConfig,
                        files) -> str:
        """Stage the page's article for Pagefind; the page itself is unchanged."""
        if self.index is not None and not (page.meta.get("search") or {}).get("exclude"):
            self.index.add(page.file.dest_uri, staged_page(page.title or "", content,
                                                           config.theme.get("language") or "zh"))
        return content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the shards still being indexed; a preview server does not wait (the search
        box is ready about a second after the page reloads, the next build waits for it)."""
        if self.index is None:
            return
        if self.serving:
            self.index.close()
            log.info("Pagefind: %d shard(s) indexing in the background", len(self.index.shards))
            return
        start = time.perf_counter()
        try:
            pages = self.index.finish()
            shards = len(self.index.shards)
        finally:
            self.discard()
        seconds = time.perf_counter() - start
        log.info("Pagefind indexed %d pages in %d shard(s) into %s/; %.1f s after the last page",
                 pages, shards, BUNDLE_DIR, seconds)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves no staged copies behind."""
        self.discard(cancel=True)

    def on_shutdown(self) -> None:
        self.discard()

    def discard(self, cancel: bool = False) -> None:
        if self.index is not None:
            self.index.discard(cancel)
            self.index = None


def staged_page(title: str, content: str, language: str) -> str:
    """What Pagefind reads of a page: its title and article, with the characters field.

    The title is HTML already, as MkDocs gives page titles (build_site/publish/markup.py
    `yaml_text`): escaping it again would show `&lt;` in the results."""
    chars = " ".join(sorted(set(HAN_CHAR.findall(content))))
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>"
        f'<article data-pagefind-body data-pagefind-meta="{CHARS_META}:{chars}">'
        f"{content}</article></body></html>"
    )


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
