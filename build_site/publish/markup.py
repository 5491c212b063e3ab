"""Making notice text safe and inert in a generated page, and the page shapes shared by
several page kinds.

Notice text is data, never markup: in Markdown it is escaped so that `*`, `<`, `{#id}` or a
`1.` at a line start mean nothing; in raw HTML blocks it is HTML-escaped. Python-Markdown has
no backslash escape for `<` and `&`, so those become character references in Markdown too.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence

from build_site.model import Table

# the characters Python-Markdown unescapes after a backslash (`|` with the tables extension);
# `{` and `}` too, or `{#id onclick=…}` at the end of a heading would become its attributes
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)
_BULLET_START = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]{}#|&<>]|^\s*(?:\d+[.)]|[-+=])", re.MULTILINE)
# what YAML does not take as it is inside a double-quoted scalar (breaks it or folds it)
_YAML_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def escape(text: str) -> str:
    """Make notice text inert Markdown: `*`, `<`, `{`, `1.` at a line start mean nothing."""
    if not _NEEDS_ESCAPE.search(text):  # most Chinese text: skip the substitutions
        return text
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    text = _LIST_START.sub(r"\1\2\\\3", text)
    return _BULLET_START.sub(r"\1\\\2", text)


def attribute(text: str) -> str:
    """A quoted value in a heading's attribute list (`{#a1 data-citation="…"}`): attr_list
    reads it after the inline pass, so it is escaped as Markdown, and a `"` would end it."""
    return escape(text).replace('"', "&quot;")


def yaml_text(text: str) -> str:
    """A page title for front matter, as a double-quoted YAML scalar. MkDocs and Material
    treat a page title as HTML (`<title>`, the header, the search index), so the text is
    HTML-escaped first."""
    text = html.escape(text, quote=False).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _yaml_printable(text) + '"'


def yaml_json(value: object) -> str:
    """Data for front matter as JSON, which YAML reads as a flow mapping."""
    return _yaml_printable(json.dumps(value, ensure_ascii=False))


def _yaml_printable(text: str) -> str:
    """Characters YAML refuses, or reads as line breaks, as \\u escapes (valid in JSON too)."""
    return _YAML_UNPRINTABLE.sub(lambda char: f"\\u{ord(char.group()):04x}", text)


def unsearched(markdown: str) -> str:
    """Lists that repeat notice text elsewhere stay out of the search index (Material skips
    `data-search-exclude`), so results land on the clause itself."""
    return f'<div data-search-exclude markdown="1">\n\n{markdown}\n\n</div>'


def html_list(items: Sequence[str]) -> str:
    """An excluded-from-search HTML list: these repeat clause text shown elsewhere."""
    return "<ul data-search-exclude>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def table_html(table: Table) -> str:
    width = max(len(row) for row in table.rows)
    rows = []
    for index, row in enumerate(table.rows):
        cell = "th" if index == 0 else "td"
        cells = list(row) + [""] * (width - len(row))
        rows.append("<tr>" + "".join(f"<{cell}>{html.escape(c)}</{cell}>" for c in cells)
                    + "</tr>")
    return f'<div class="source-table"><table>{"".join(rows)}</table></div>'


def listing_page(title: str, heading: str, back: str, summary: str, body: str) -> str:
    """A page split off a long listing: a link back to where it is listed, then the list."""
    return "\n".join(["---", f"title: {yaml_text(title)}", "---", "", f"# {escape(heading)}",
                      "", f"{back} · {summary}", "", body, ""])
