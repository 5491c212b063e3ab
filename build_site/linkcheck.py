"""Every internal link and anchor of the site, checked at build time.

MkDocs validates links written in Markdown; clause text, sector tags and the heatmap are
plain HTML (much faster to build), so this check covers those too. A broken link is a
warning, and `mkdocs build --strict` turns warnings into a failed build.

Also an MkDocs hook (mkdocs.yml): each written page is scanned, and the check runs when the
last page is written, while Pagefind may still be indexing its last shard.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.build_site")

_ID = re.compile(r'\sid="([^"]+)"')
_HREF = re.compile(r'\shref="([^"#:?]*)(?:#([^"]*))?"')


@dataclass(frozen=True)
class PageLinks:
    ids: frozenset[str]
    links: tuple[tuple[str, str], ...]  # (target path as written, fragment)


def anchor_ids(html: str) -> frozenset[str]:
    return frozenset(_ID.findall(html))


def scan(html: str) -> PageLinks:
    links = tuple(
        (target, fragment or "")
        for target, fragment in _HREF.findall(html)
        if not target.startswith(("/", "//")) and (target or fragment)
    )
    return PageLinks(anchor_ids(html), links)


def broken_links(pages: Mapping[str, PageLinks], other_files: Iterable[str]) -> list[str]:
    """`page → target#fragment` for every link to a missing page, file or anchor.

    `pages` maps site-relative page paths (`notices/x.html`) to what they hold;
    `other_files` are the site's other files (assets), which links may point to.
    """
    files = set(other_files)
    broken = []
    resolved: dict[tuple[str, str], str] = {}  # (folder, target) → path: links repeat a lot
    for page, found in pages.items():
        folder = posixpath.dirname(page)
        for target, fragment in found.links:
            if not target:
                path = page
            elif (path := resolved.get((folder, target), "")) == "":
                path = posixpath.normpath(posixpath.join(folder, target))
                if path.endswith("/") or path == ".":
                    path = posixpath.join(path, "index.html")
                resolved[folder, target] = path
            if path in pages:
                if fragment and fragment not in pages[path].ids:
                    broken.append(f"{page} → {target}#{fragment}: no such anchor")
            elif path not in files:
                broken.append(f"{page} → {target}: no such page or file")
    return broken


_pages: dict[str, PageLinks] = {}  # page → its anchors and links, checked after the build
_assets: set[str] = set()


@event_priority(-100)  # after build_site/mkdocs_hooks.py has added the generated pages
def on_files(files, config):
    _pages.clear()
    _assets.clear()
    _assets.update(file.dest_uri for file in files if not file.is_documentation_page())
    return files


def on_post_page(output: str, page, config) -> str:
    _pages[page.file.dest_uri] = scan(output)
    return output


@event_priority(-50)  # before build_site/pagefind.py waits for its last shard (-60)
def on_post_build(config) -> None:
    for problem in broken_links(_pages, _assets):
        log.warning(f"broken link: {problem}")
