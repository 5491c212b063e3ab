"""What search keeps of a page: its record (sections) and its tokens (character bigrams)."""

from __future__ import annotations

import gzip
import json
import re

from build_site.hooks.search_records import (
    EVERY_PAGE,
    HEADING_WEIGHT,
    LISTING_KIND,
    NOTICE_KIND,
    compressed_json,
    drop_excluded,
    han_code,
    notice_filters,
    read_record,
    staged_page,
    tokens,
)
from build_site.registers.synonyms import Synonyms

NONE = Synonyms(())


def pair(text: str) -> str:
    return "".join(han_code(char) for char in text)


def test_a_run_of_characters_becomes_its_overlapping_pairs() -> None:
    found = tokens("尾矿库闭库，尾矿", NONE)
    assert found == {pair("尾矿"): 2, pair("矿库"): 1, pair("库闭"): 1, pair("闭库"): 1}


def test_a_character_that_starts_no_pair_is_a_token_of_its_own() -> None:
    """`火` ends both runs and starts no pair: a query for it must still find the page."""
    assert tokens("防火。火", NONE) == {pair("防火"): 1, pair("火"): 1}
    assert pair("火") not in tokens("防火。火灾", NONE)  # 火灾 starts with it: found by prefix


def test_codes_are_three_digits_and_prefix_free_across_the_han_ranges() -> None:
    codes = {han_code(chr(point)) for low, high in
             ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
             for point in range(low, high + 1)}
    assert len(codes) == 0x4DBF - 0x3400 + 1 + 0x9FFF - 0x4E00 + 1 + 0xFAFF - 0xF900 + 1
    assert all(re.fullmatch("[0-9a-l][0-9a-z]{2}", code) for code in codes)  # never w, s, x


def test_latin_and_digit_words_synonym_groups_and_full_width_forms() -> None:
    synonyms = Synonyms((("安委办", "安全生产委员会办公室"), ("LNG", "液化天然气")))
    found = tokens("ＬＮＧ储罐２０２４年，省安委办", synonyms)
    assert {"wlng", "w2024", "s000", "s001"} <= set(found)
    assert pair("储罐") in found


def test_a_record_has_a_section_per_heading_with_citation_and_sectors() -> None:
    content = (
        '<h1 id="t">关于做好安全生产工作的通知</h1>'
        '<table class="notice-meta" data-search-exclude><tr><td>晋政发〔2026〕1号</td></tr>'
        "</table><p>各市：</p><p>开头&lt;一段&gt;。</p>"
        '<h2 class="clause" data-citation="晋政发〔2026〕1号 一、" id="a1">一、总体要求</h2>'
        '<div class="sector-tags" data-search-exclude><a href="x">煤矿</a></div>'
        "<p>第一段，<br>第二行。</p><table><tr><td>甲</td><td>乙</td></tr></table>"
        '<p class="signature">某某人民政府<br>2026年1月1日</p>'
    )
    fields = {"cite": "晋政发〔2026〕1号", "title": "关于做好安全生产工作的通知",
              "year": "2026", "sectors": {"a1": ["煤矿"]}}
    record = read_record("notices/x.html", "page title", content, fields)
    assert (record.kind, record.cite, record.year) == (NOTICE_KIND, "晋政发〔2026〕1号", "2026")
    top, clause, closing = record.sections
    assert (top.id, top.level, top.heading, top.text) == (
        "t", 1, "关于做好安全生产工作的通知", "各市：\n开头<一段>。")
    assert (clause.id, clause.heading, clause.cite, clause.sectors) == (
        "a1", "一、总体要求", "晋政发〔2026〕1号 一、", ["煤矿"])
    assert clause.text == "第一段，\n第二行。\n甲 乙"
    assert (closing.id, closing.text) == ("", "某某人民政府\n2026年1月1日")


def test_a_listing_page_is_a_record_without_notice_fields() -> None:
    record = read_record("topics/coal.html", "煤矿", "<p>导言</p><h2 id=\"y2024\">2024年</h2>",
                         None)
    assert (record.kind, record.title, record.cite) == (LISTING_KIND, "煤矿", "")
    assert [(s.id, s.heading, s.text) for s in record.sections] == [
        ("", "", "导言"), ("y2024", "2024年", "")]


def test_excluded_elements_go_whole_with_nested_tags_of_their_kind() -> None:
    html = '<p>a</p><div data-search-exclude><div>b</div>c</div><p>d</p><ul data-search-exclude>' \
           "<li>e</li></ul>"
    assert drop_excluded(html) == "<p>a</p><p>d</p>"


def test_a_staged_page_lists_each_token_once_by_weight_with_filters() -> None:
    record = read_record("notices/x.html", "", '<h1 id="t">燃气</h1><p>燃气燃气燃气，安全</p>',
                         {"cite": "市政发〔2022〕9号", "year": "2022"})
    page = staged_page(record, [("year", "2022"), ("issuer", "晋中市人民政府")], NONE, "zh")
    assert '<span data-pagefind-filter="year:2022"></span>' in page
    assert '<span data-pagefind-filter="issuer:晋中市人民政府"></span>' in page
    tiers = dict(re.findall(r'<p data-pagefind-weight="(\d+)">([^<]*)</p>', page))
    assert tiers["3"].split() == [pair("燃气")]  # four times, headings included
    assert tiers["2"].split() == [pair("气燃")]
    assert {pair("安全"), pair("全"), EVERY_PAGE} <= set(tiers["1"].split())
    assert pair("燃气") in tiers[str(HEADING_WEIGHT)].split()


def test_notice_filters_come_from_the_front_matter() -> None:
    fields = {"year": "2024", "level": "省级", "issuer": "山西省人民政府", "doc_type": "通知",
              "code": "晋政发", "serial": "1", "sectors": {"a1": ["煤矿"], "a2": ["煤矿", "消防"]}}
    assert notice_filters(fields) == [
        ("year", "2024"), ("level", "省级"), ("issuer", "山西省人民政府"), ("doctype", "通知"),
        ("code", "晋政发"), ("serial", "1"), ("sector", "煤矿"), ("sector", "消防")]
    assert notice_filters(None) == []


def test_records_are_gzipped_json() -> None:
    record = read_record("index.html", "首页", "<p>文字</p>", None)
    data = json.loads(gzip.decompress(compressed_json(record)))
    assert data["url"] == "index.html" and data["sections"][0]["text"] == "文字"
