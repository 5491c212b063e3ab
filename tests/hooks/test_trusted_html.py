"""Passing whole HTML blocks through unparsed changes no byte of any page."""

from __future__ import annotations

import markdown
import pytest

from build_site.app import Inputs, generate
from build_site.hooks.linkcheck import anchor_ids
from build_site.hooks.trusted_html import TrustedHtmlExtension
from tests.conftest import ROOT

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "fenced_code"]


def convert(source: str, trusted: bool) -> tuple[str, int]:
    """HTML, and how many blocks the extension stashed."""
    extension = TrustedHtmlExtension()
    extension.enabled = trusted
    md = markdown.Markdown(extensions=[*EXTENSIONS, extension])
    html = md.convert(source)
    return html, md.htmlStash.html_counter


@pytest.fixture(scope="module")
def real_pages() -> dict[str, str]:
    return generate(Inputs.load(ROOT), save=False).pages


def test_every_real_page_converts_byte_for_byte_the_same(real_pages):
    stashed = 0
    for path, source in real_pages.items():
        plain, _ = convert(source, trusted=False)
        fast, count = convert(source, trusted=True)
        assert fast == plain, path
        stashed += count
    assert stashed > 1000  # it did pass blocks through


@pytest.mark.parametrize("source", [
    # md_in_html must parse a block that asks for Markdown inside
    '<div class="related" markdown>\n\n[上一份](a.md)\n\n</div>\n\n<p>正文</p>',
    # a block left open by one paragraph and closed by a later one
    "<section>\n\n<p>内</p>\n\n</section>\n\n<p>后</p>",
    # not whole: two blocks of the same tag, the first left open
    "<div><div>一</div>\n\n二</div>",
    # a comment spanning paragraphs
    "<!-- 注\n\n<p>注释里</p>\n\n-->\n\n<p>后</p>",
    # indented code keeps its blank lines; fenced code is not HTML
    "    <p>代码</p>\n\n\n    <p>代码</p>\n\n```\n<p>围栏</p>\n```",
    # inline tags start a paragraph, not a block
    "<span>行内</span> 文字\n\n<p>块</p>\nMarkdown 紧接",
    "<p>末尾</p>\n",
    "<p>末尾</p>\n\n",
])
def test_edge_cases_convert_as_without_the_extension(source):
    assert convert(source, trusted=True)[0] == convert(source, trusted=False)[0]


def test_hand_written_pages_are_left_to_the_parsers():
    lines = ["<p>一</p>", "", "<table><tr><td>二</td></tr></table>"]
    extension = TrustedHtmlExtension()
    md = markdown.Markdown(extensions=[extension])
    preprocessor = md.preprocessors["trusted_html"]
    assert preprocessor.run(lines) == lines
    extension.enabled = True
    assert not any(line.startswith("<") for line in preprocessor.run(lines))


def test_ids_inside_passed_through_blocks_reach_anchor_validation():
    html = '<p id="a1-b2" class="clause">一</p><h2 id="y2024">2024年</h2>'
    assert anchor_ids(html) == {"a1-b2", "y2024"}
