"""What a notice page tells the search engine about the notice beyond its text: how it is
cited, its year, issuer and level, 文种, the parts of its 文号, and the sectors of each
clause. notice_page.py writes them into the page's front matter (`notice:`), where
build_site/hooks/pagefind.py reads them to index the page with filters and to show each
result with its citation, notice title and year; the published HTML does not change.
"""

from __future__ import annotations

from build_site.enrich.classify import PRIMARY
from build_site.ingest.grammar import doc_number_parts
from build_site.model import Notice
from build_site.publish.context import SiteContext, citation_label, short_title
from build_site.publish.markup import yaml_json
from build_site.registers.issuers import LEVEL_NAMES

FRONT_MATTER_KEY = "notice"


def front_matter(notice: Notice, context: SiteContext) -> str:
    """One front-matter line: `notice: {…}` as JSON, which YAML reads as a flow mapping."""
    meta = notice.meta
    parts = doc_number_parts(meta.doc_number.value) if meta.doc_number else None
    fields = {
        "cite": citation_label(notice),
        "title": short_title(notice),
        "year": notice.year_or(""),
        "issuer": meta.issuer.value if meta.issuer else "",
        "level": LEVEL_NAMES[context.issuers.level_of(notice)],
        "doc_type": meta.doc_type.value if meta.doc_type else "",
        "code": parts[0] if parts else "",
        "serial": str(parts[2]) if parts else "",
        "sectors": _clause_sectors(notice, context),
    }
    return f"{FRONT_MATTER_KEY}: {yaml_json(fields)}"


def _clause_sectors(notice: Notice, context: SiteContext) -> dict[str, list[str]]:
    """Clause anchor → the sectors it is primarily about (a search filter narrows to these)."""
    sectors = {}
    for clause in notice.all_clauses():
        names = [tag.name for tag in context.tags.get(notice.ref(clause), ())
                 if tag.kind == PRIMARY]
        if names:
            sectors[clause.anchor] = names
    return sectors
