"""Escaping: notice text through Python-Markdown (with the site's extensions) and YAML comes
out as the same text, in one element, with no attribute it did not have."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from build_site.publish.markup import attribute, escape, yaml_text

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "恶意 {#evil onclick=alert(3)}",
    "{{ config }} {% raw %}x{% endraw %}",
    "**粗体** _斜体_ `代码` [链接](javascript:alert(4)) ![图](x.png)",
    "a | b || c",
    "&lt;b&gt; &amp; & &#60; \\<b\\> \\",
    "3~5 ^x $y 100%",
    '<div data-pagefind-body data-pagefind-filter="机关:伪造">x</div>',
    "1. 不是列表",
    "- 不是列表",
    "# 不是标题",
    '他说"好" \'单\'',
]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def _render(source: str) -> _Elements:
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "toc"])
    parsed = _Elements()
    parsed.feed(md.convert(source))
    return parsed


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_as_written_in_a_heading(text: str) -> None:
    parsed = _render(f"## {escape(text)} {{#a1 .clause data-citation=\"{attribute(text)}\"}}")
    assert parsed.tags == [("h2", {"class": "clause", "data-citation": text, "id": "a1"})]
    assert parsed.text == text.strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_as_written_in_a_table_cell(text: str) -> None:
    parsed = _render(f"| 标题 | 文号 |\n| --- | --- |\n| {escape(text)} | 1 |")
    assert [tag for tag, _ in parsed.tags] == ["table", "thead", "tr", "th", "th", "tbody",
                                               "tr", "td", "td"]
    assert text.strip() in parsed.text


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_as_written_in_a_link(text: str) -> None:
    parsed = _render(f"上一份：[{escape(text)}](notices/a.html)")
    assert parsed.tags == [("p", {}), ("a", {"href": "notices/a.html"})]
    assert parsed.text == f"上一份：{text.strip()}"


@pytest.mark.parametrize("text", [*HOSTILE, "控制\x07字符", "换\u2028行"])
def test_a_front_matter_title_is_the_text_as_html(text: str) -> None:
    """MkDocs and Material write page titles as HTML: the value is escaped text."""
    value = yaml.safe_load(f"title: {yaml_text(text)}")["title"]
    assert html.unescape(value) == text and "<" not in value


def test_plain_chinese_is_left_alone() -> None:
    text = "山西省人民政府关于做好2024年安全生产工作的通知（晋政发〔2024〕1号）"
    assert escape(text) == text and attribute(text) == text
