"""Pagefind as the site search engine (`search_engine: pagefind`, the default; see plugin.py).

Material's search writes one index that every page load downloads and indexes again in the
browser (about 11 MB at 500 notices) and segments all text with jieba at build time.  Pagefind
instead splits its index into chunks, and the browser loads only those a query needs.  Choose
the engine with ``search_engine`` under the ``build_site`` plugin in mkdocs.yml or, overriding
that, ``BUILD_SITE_SEARCH=…`` in the environment (benchmarks build one site both ways).

In ``pagefind`` mode this part of the plugin

* turns Material's search plugin off in ``on_config``, so it neither segments nor writes an
  index, and Material's header search, which only renders while the plugin is on, goes away;
  ``overrides/main.html`` puts ``overrides/partials/pagefind-search.html`` in its place, driven by
  ``docs/assets/pagefind-search.js``;
* reads each page as soon as its Markdown is converted (``on_page_content``) into a *record*
  (search_records.py: its sections with anchor, heading, text, citation and sectors, without
  the parts marked ``data-search-exclude``), written gzipped to ``site/pagefind/records/``, and
  stages for Pagefind the page's *search tokens* (character bigrams, each once, weighted) and,
  for a notice, its filters (year, level, issuer, 文种, 机关代字, 序号, sectors) from the
  ``notice`` front matter (build_site/publish/search_fields.py); pages whose front matter says
  ``search: {exclude: true}`` are skipped as Material skips them;
* indexes the staged pages in shards of about ``pagefind_shard_mb`` (16 MB) each, every full
  shard by a Pagefind process in the background while MkDocs goes on converting and writing
  pages (``site/pagefind/0/``, ``1/`` …);
* writes ``site/pagefind/search.json.gz`` last: the shards (the browser loads the first and
  merges the others with Pagefind's ``mergeIndex``), the values of each filter for the search
  box, the synonym groups (content/synonyms.yml and the departments' aliases), and which
  record each Pagefind result is (Pagefind names a result by its fragment, which holds only
  tokens here, so the browser reads the record instead).

Why shards: Pagefind holds a whole index in memory while it builds it, about seventy times the
staged tokens (1.7 GB for 1,000 notices in one run).  A shard bounds that at any corpus size,
and it can start while MkDocs still works, on the second core.  A query reads one small
``pf_meta`` file per shard besides the chunks of its tokens.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import zlib
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from build_site.hooks.search_records import (
    LISTING_KIND,
    NOTICE_KIND,
    Record,
    compressed_json,
    notice_filters,
    read_record,
    staged_page,
)
from build_site.publish.search_fields import FRONT_MATTER_KEY
from build_site.registers.departments import load_departments
from build_site.registers.issuers import LEVEL_NAMES
from build_site.registers.sectors import load_sectors
from build_site.registers.synonyms import Synonyms, load_synonyms

log = get_plugin_logger("pagefind")

BUNDLE_DIR = "pagefind"  # site/pagefind/<shard>/: Pagefind's JS, WASM, index chunks, fragments
SEARCH_FILE = "search.json.gz"  # site/pagefind/search.json.gz: shards, filters, synonyms, pages
RECORDS_DIR = "records"  # site/pagefind/records/<page>.json.gz
INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")
FRAGMENT_URL = re.compile(rb'"url":"([^"]*)"')


def record_path(url: str) -> str:
    """Where a page's record lives, relative to site/pagefind/."""
    return f"{RECORDS_DIR}/{url.removesuffix('.html')}.json.gz"


@dataclass
class SearchSite:
    """What the search box needs besides the index: filter values, synonyms, and which record
    each Pagefind result (fragment) is."""

    synonyms: Synonyms
    sectors: tuple[str, ...]  # in the order of content/sectors.yml
    years: Counter = field(default_factory=Counter)
    issuers: dict[str, Counter] = field(default_factory=dict)  # level → issuer → notices
    codes: Counter = field(default_factory=Counter)
    seen_sectors: set[str] = field(default_factory=set)

    def add(self, filters: list[tuple[str, str]]) -> None:
        values = dict(filters)
        if "year" in values:
            self.years[values["year"]] += 1
        if "issuer" in values:
            self.issuers.setdefault(values.get("level", ""), Counter())[values["issuer"]] += 1
        if "code" in values:
            self.codes[values["code"]] += 1
        self.seen_sectors.update(value for name, value in filters if name == "sector")

    def content(self, shards: list[str], pages: dict[str, str], kinds: dict[str, str]) -> bytes:
        """The search file; `pages`: Pagefind's result id → page URL."""
        levels = [*LEVEL_NAMES.values(), *sorted(set(self.issuers) - set(LEVEL_NAMES.values()))]
        data = {
            "shards": shards,
            "filters": {
                "year": sorted(self.years, reverse=True),
                "issuer": [{"level": level, "issuers": _by_count(self.issuers[level])}
                           for level in levels if level in self.issuers],
                "sector": [name for name in self.sectors if name in self.seen_sectors],
                "code": _by_count(self.codes),
            },
            "synonyms": [list(group) for group in self.synonyms.groups],
            # Pagefind's result id → the page's record, notices apart from listing pages
            **{kind: {fragment: record_path(url) for fragment, url in pages.items()
                      if kinds[url] == kind} for kind in (NOTICE_KIND, LISTING_KIND)},
        }
        return compressed_json(data)


def _by_count(counter: Counter) -> list[str]:
    return [name for name, _ in sorted(counter.items(), key=lambda item: (-item[1], item[0]))]


@dataclass
class ShardedIndex:
    """Pages staged into shard folders; each full shard is indexed in the background, one
    Pagefind process at a time, while the build goes on; each shard yields which page each
    of its fragments is."""

    staging: Path
    out_dir: Path
    shard_bytes: int
    site: SearchSite
    shards: list[Future[dict[str, str]]] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # page URL → record kind
    staged: int = 0  # bytes in the shard being filled
    runner: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))

    def add(self, record: Record, page_html: str) -> None:
        path = self._folder(len(self.shards)) / record.url
        path.parent.mkdir(parents=True, exist_ok=True)
        data = page_html.encode("utf-8")
        path.write_bytes(data)
        self.kinds[record.url] = record.kind
        self.staged += len(data)
        if self.staged >= self.shard_bytes:
            self._close_shard(threads=1)  # MkDocs keeps the other core busy

    def close(self) -> None:
        """Queue the last shard, then the search file, behind the shards still running."""
        if self.staged or not self.shards:
            self._close_shard(threads=os.cpu_count() or 1)
        self.runner.submit(self._write_search_file, list(self.shards))

    def finish(self) -> int:
        """Close, and wait for every shard; pages indexed."""
        self.close()
        self.runner.shutdown(wait=True)
        return sum(len(shard.result()) for shard in self.shards)

    def discard(self, cancel: bool) -> None:
        """Wait for the queued work (or cancel what has not started), then drop the copies."""
        self.runner.shutdown(wait=True, cancel_futures=cancel)
        shutil.rmtree(self.staging, ignore_errors=True)

    def _write_search_file(self, shards: list[Future[dict[str, str]]]) -> None:
        pages = {fragment: url for shard in shards for fragment, url in shard.result().items()}
        names = [f"{index}/" for index in range(len(shards))]
        self.out_dir.mkdir(parents=True, exist_ok=True)
        (self.out_dir / SEARCH_FILE).write_bytes(self.site.content(names, pages, self.kinds))

    def _folder(self, index: int) -> Path:
        return self.staging / str(index)

    def _close_shard(self, threads: int) -> None:
        index = len(self.shards)
        self._folder(index).mkdir(parents=True, exist_ok=True)
        self.shards.append(self.runner.submit(
            index_shard, self._folder(index), self.out_dir / str(index), threads))
        self.staged = 0


class PagefindSearch:
    """Pagefind in place of Material's search, for one `mkdocs build` or `mkdocs serve`
    session; build_site/hooks/plugin.py orders its events around Material's."""

    def __init__(self, content_dir: Path, shard_bytes: int, serving: bool) -> None:
        self.content_dir = content_dir  # content/: synonyms, departments, sectors
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
        synonyms = load_synonyms(self.content_dir / "synonyms.yml").with_departments(
            load_departments(self.content_dir / "departments.yml"))
        sectors = tuple(s.name for s in load_sectors(self.content_dir / "sectors.yml"))
        staging = Path(tempfile.mkdtemp(prefix="pagefind-pages-"))
        self.index = ShardedIndex(staging, out_dir, self.shard_bytes,
                                  SearchSite(synonyms, sectors))
        return config

    def on_page_content(self, content: str, *, page: Page, config: MkDocsConfig,
                        files) -> str:
        """Write the page's record and stage its tokens; the page itself is unchanged."""
        if self.index is None or (page.meta.get("search") or {}).get("exclude"):
            return content
        notice = page.meta.get(FRONT_MATTER_KEY)
        record = read_record(page.file.dest_uri, page.title or "", content, notice)
        path = self.index.out_dir / record_path(record.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(compressed_json(record))
        filters = notice_filters(notice)
        self.index.site.add(filters)
        self.index.add(record, staged_page(record, filters, self.index.site.synonyms,
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


def index_shard(pages_dir: Path, out_dir: Path, threads: int) -> dict[str, str]:
    """Index one shard; which page each of its fragments (Pagefind's result ids) is."""
    indexed = run_pagefind(pages_dir, out_dir, threads)
    pages = fragment_pages(out_dir)
    if len(pages) != indexed:
        raise PluginError(f"Pagefind indexed {indexed} pages into {out_dir} but wrote "
                          f"{len(pages)} page fragments")
    return pages


def fragment_pages(out_dir: Path) -> dict[str, str]:
    """Fragment id (`zh_b37e105`) → page URL. A fragment is gzipped JSON that opens with the
    page's URL, so only its first bytes are inflated."""
    pages = {}
    for path in (out_dir / "fragment").glob("*.pf_fragment"):
        head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(path.read_bytes(), 2048)
        url = FRAGMENT_URL.search(head)
        if url is None:
            raise PluginError(f"{path}: no page URL in the first 2 KB of the fragment")
        pages[path.stem] = json.loads(b'"' + url.group(1) + b'"').lstrip("/")
    return pages


def run_pagefind(pages_dir: Path, out_dir: Path, threads: int) -> int:
    """Run Pagefind's extended binary (shipped in the `pagefind[extended]` wheel) on at most
    `threads` threads (its thread pool is Rayon's); pages indexed."""
    from pagefind_bin_extended import get_executable  # the extended build segments Chinese

    command = [str(get_executable()), "--site", str(pages_dir), "--output-path", str(out_dir),
               "--keep-index-url"]
    shutil.rmtree(out_dir, ignore_errors=True)
    environment = {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    indexed = INDEXED_PAGES.search(done.stdout)
    if done.returncode != 0 or indexed is None:
        raise PluginError(f"Pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return int(indexed.group(1))
