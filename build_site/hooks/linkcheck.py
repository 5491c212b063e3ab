"""Every internal link and anchor of the site, checked at build time.

MkDocs validates links written in Markdown; clause text, sector tags and the heatmap are
plain HTML (much faster to build), so this check covers those too. A broken link is a
warning, and `mkdocs build --strict` turns warnings into a failed build.

`LinkCheck` runs it in the build (build_site/hooks/plugin.py).
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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


class LinkCheck:
    """Each written page is scanned; the check runs when the last page is written, while
    Pagefind may still be indexing its last shard."""

    def __init__(self) -> None:
        self.pages: dict[str, PageLinks] = {}  # page → its anchors and links
        self.assets: set[str] = set()

    def on_files(self, files, *, config):
        self.pages.clear()
        self.assets = {file.dest_uri for file in files if not file.is_documentation_page()}
        return files

    def on_post_page(self, output: str, *, page, config) -> str:
        self.pages[page.file.dest_uri] = scan(output)
        return output

    def on_post_build(self, *, config) -> None:
        for problem in broken_links(self.pages, self.assets):
            log.warning(f"broken link: {problem}")
