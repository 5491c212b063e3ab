"""Every URL of the site, defined once. Changing one breaks links people have shared.

Pages are named by their Markdown source, relative to the docs folder (`notices/x.md`);
MkDocs publishes each at the same path with `.html` (`use_directory_urls: false`, so links
work over HTTP and from disk alike). A link between two generated pages is relative, made
by `link`: Markdown links name the `.md` source, which MkDocs checks and rewrites; links
in raw HTML blocks name the `.html` page, which build_site/hooks/linkcheck.py checks.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from build_site.model import ClauseRef

HOME = "index.md"
YEARS = "years.md"
ISSUERS = "issuers.md"
TOPICS = "topics.md"
DEPARTMENTS = "departments.md"
CITATIONS = "citations.md"
BENCHMARKS = "benchmarks.md"


def notice_page(slug: str) -> str:
    return f"notices/{slug}.md"


def topic_page(sector_slug: str, year: str | None = None) -> str:
    """A topic; once it outgrows one page, each year of it on a page of its own."""
    return f"topics/{sector_slug}/{_year(year)}.md" if year else f"topics/{sector_slug}.md"


def department_page(department_slug: str, year: str | None = None) -> str:
    if year:
        return f"departments/{department_slug}/{_year(year)}.md"
    return f"departments/{department_slug}.md"


def cited_document_page(anchor: str) -> str:
    """The clauses citing one document, once 引用文件 outgrows one page."""
    return f"citations/{anchor}.md"


def year_anchor(year: str) -> str:
    return f"y{_year(year)}"


def _year(year: str) -> str:
    """A year in a URL: its digits, or `unknown` for the notices no source dates."""
    return year if year.isdigit() else "unknown"


def segment_ref(clause: ClauseRef, paragraph: int) -> ClauseRef:
    """A paragraph listed on its own (a clause's `煤矿。…` paragraph): the clause's anchor and
    `p` with the paragraph's number among the clause's blocks, `a1-b2-p3`; `p3` for the text
    before the first clause. Only the paragraph's place in its clause decides it."""
    anchor = f"{clause.anchor}-p{paragraph}" if clause.anchor else f"p{paragraph}"
    return ClauseRef(clause.slug, anchor)


def published(page: str) -> str:
    """The site-relative URL of a page: `notices/x.md` → `notices/x.html`."""
    return page.removesuffix(".md") + ".html"


def site_url(ref: ClauseRef) -> str:
    """Site-relative URL of a notice (`anchor` "") or of one of its clauses."""
    return published(notice_page(ref.slug)) + (f"#{ref.anchor}" if ref.anchor else "")


def link(from_page: str, to_page: str, anchor: str = "", *, html: bool) -> str:
    """A relative link from one page to another, or to an anchor on it.

    `html`: the link stands in raw HTML, where the browser follows it as written, so it
    names the published `.html` page; otherwise it is a Markdown link to the source.
    """
    folder, name = posixpath.split(to_page)
    if html:
        name = published(name)
    target = _prefix(posixpath.dirname(from_page), folder) + name
    return f"{target}#{anchor}" if anchor else target


def clause_link(from_page: str, ref: ClauseRef) -> str:
    """A raw-HTML link from any page to a clause (or, `anchor` "", to its notice)."""
    return link(from_page, notice_page(ref.slug), ref.anchor, html=True)


@lru_cache(maxsize=4096)  # a listing page links thousands of clauses from one folder
def _prefix(from_folder: str, to_folder: str) -> str:
    """`../notices/` from `topics/`, `` within one folder (as mkdocs.utils.get_relative_url)."""
    relative = posixpath.relpath(to_folder or ".", from_folder or ".")
    return "" if relative == "." else relative + "/"
