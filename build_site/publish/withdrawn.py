"""The page at the URL of a notice no longer in the collection: links people pasted into
reports land on a page that says what the notice was and that it was withdrawn, and each
clause anchor it had is still there, so a link to a clause lands on that clause's line."""

from __future__ import annotations

import html

from build_site.ingest.grammar import path_of_anchor
from build_site.publish import urls
from build_site.publish.markup import escape, yaml_text
from build_site.registers.permalinks import Published


def render_withdrawn(entry: Published) -> str:
    name = entry.title or entry.doc_number or entry.slug
    facts = "，".join(part for part in (
        f"文号 {entry.doc_number}" if entry.doc_number else "", entry.issuer,
        f"{entry.year}年" if entry.year else "") if part)
    home = urls.link(urls.notice_page(entry.slug), urls.HOME, html=False)
    anchors = "".join(
        f'<li id="{html.escape(anchor)}"><code>#{html.escape(anchor)}</code> '
        f"{html.escape(path_of_anchor(anchor))}</li>" for anchor in entry.anchors)
    return "\n".join([
        "---",
        f"title: {yaml_text(f'已撤下：{name}')}",
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# {escape(name)} {{.title-withdrawn}}",
        "",
        '<div class="withdrawn" markdown>',
        "",
        f"本通知（{escape(facts)}）已从本汇编中撤下，不再刊载全文；本页保留原有网址，"
        f"以免已分享的链接失效。请向发文机关核实其现行文本。[返回首页]({home})",
        "",
        "</div>",
        "",
        "## 原有条款" if anchors else "",
        "",
        f'<ul class="withdrawn-anchors">{anchors}</ul>' if anchors else "",
        "",
    ])
