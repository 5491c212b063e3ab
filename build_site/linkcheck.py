"""Every internal link and anchor of the site, checked at build time.

MkDocs validates links written in Markdown; clause text, sector tags and the heatmap are
plain HTML (much faster to build), so this check covers those too. A broken link is a
warning, and `mkdocs build --strict` turns warnings into a failed build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_ID = re.compile(r'\sid="([^"]+)"')
_HREF = re.compile(r'\shref="([^"#:?]*)(?:#([^"]*))?"')


@dataclass(frozen=True)
class PageLinks:
    ids: frozenset[str]
    links: tuple[tuple[str, str], ...]  # (target path as written, fragment)


def scan(html: str) -> PageLinks:
    links = tuple(
        (target, fragment or "")
        for target, fragment in _HREF.findall(html)
        if not target.startswith(("/", "//")) and (target or fragment)
    )
    return PageLinks(frozenset(_ID.findall(html)), links)


def broken_links(pages: Mapping[str, PageLinks], other_files: Iterable[str]) -> list[str]:
    """`page → target#fragment` for every link to a missing page, file or anchor.

    `pages` maps site-relative page paths (`notices/x.html`) to what they hold;
    `other_files` are the site's other files (assets), which links may point to.
    """
    files = set(other_files)
    broken = []
    for page, found in pages.items():
        folder = posixpath.dirname(page)
        for target, fragment in found.links:
            path = posixpath.normpath(posixpath.join(folder, target)) if target else page
            if path.endswith("/") or path == ".":
                path = posixpath.join(path, "index.html")
            if path in pages:
                if fragment and fragment not in pages[path].ids:
                    broken.append(f"{page} → {target}#{fragment}: no such anchor")
            elif path not in files:
                broken.append(f"{page} → {target}: no such page or file")
    return broken
