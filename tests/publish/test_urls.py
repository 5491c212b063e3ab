"""The URL scheme: page paths, and relative links between any two pages."""

from __future__ import annotations

import posixpath

import pytest

from build_site.model import ClauseRef
from build_site.publish import urls


def test_page_paths() -> None:
    assert urls.notice_page("shanxi-2024-1") == "notices/shanxi-2024-1.md"
    assert urls.topic_page("coal-mines") == "topics/coal-mines.md"
    assert urls.topic_page("coal-mines", "2026") == "topics/coal-mines/2026.md"
    assert urls.department_page("sheng-yingjiting", "2024") == "departments/sheng-yingjiting/2024.md"
    assert urls.cited_document_page("doc-1a2b") == "citations/doc-1a2b.md"
    assert urls.published(urls.notice_page("x")) == "notices/x.html"
    assert urls.site_url(ClauseRef("shanxi-2026-1", "a3-b11-c4")) == (
        "notices/shanxi-2026-1.html#a3-b11-c4")
    assert urls.site_url(ClauseRef("shanxi-2026-1", "")) == "notices/shanxi-2026-1.html"


@pytest.mark.parametrize(("source", "target", "anchor", "html", "expected"), [
    (urls.HOME, urls.YEARS, "", False, "years.md"),
    (urls.HOME, "notices/a.md", "", False, "notices/a.md"),
    ("notices/a.md", "notices/b.md", "", False, "b.md"),
    ("notices/a.md", "notices/b.md", "a1-b2", True, "b.html#a1-b2"),
    ("notices/a.md", urls.CITATIONS, "doc-1", True, "../citations.html#doc-1"),
    ("notices/a.md", "topics/coal.md", "", True, "../topics/coal.html"),
    ("topics/coal.md", "topics/coal/2026.md", "", False, "coal/2026.md"),
    ("topics/coal/2026.md", "topics/coal.md", "y2026", False, "../coal.md#y2026"),
    ("topics/coal/2026.md", "notices/a.md", "a1", True, "../../notices/a.html#a1"),
    ("citations/doc-1.md", urls.CITATIONS, "doc-1", False, "../citations.md#doc-1"),
])
def test_relative_links(source, target, anchor, html, expected) -> None:
    assert urls.link(source, target, anchor, html=html) == expected


@pytest.mark.parametrize("source", ["index.md", "notices/a.md", "topics/coal/2026.md"])
def test_a_clause_link_resolves_from_any_page(source: str) -> None:
    link = urls.clause_link(source, ClauseRef("shanxi-2024-1", "a3-b11"))
    path, anchor = link.split("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    assert (resolved, anchor) == ("notices/shanxi-2024-1.html", "a3-b11")
