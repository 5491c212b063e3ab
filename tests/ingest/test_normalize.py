"""One test per cleaning rule, on sentences taken from the real notices."""

from __future__ import annotations

import pytest

from build_site.ingest.normalize import (
    apply_line_rules,
    clean_text,
    full_width_punctuation,
    is_pinyin_injected,
    normalize_doc_number,
    remove_layout_spaces,
    remove_pinyin,
    strip_indentation,
    to_simplified,
)


def test_remove_pinyin_also_repeated_annotations() -> None:
    assert remove_pinyin("全(quan)省安(an)全(quan)生(sheng)(sheng)(sheng)(sheng)產(chan)(chan)") == (
        "全省安全生產"
    )
    assert remove_pinyin("(一(yi)(yi)(yi))嚴格落實(shi)") == "(一)嚴格落實"


def test_remove_pinyin_leaves_latin_in_parentheses_alone() -> None:
    assert remove_pinyin("亿元GDP(gross)") == "亿元GDP(gross)"
    assert remove_pinyin("(2021)") == "(2021)"


def test_pinyin_injection_is_decided_per_file() -> None:
    assert not is_pinyin_injected(["安全生产(shengchan)工作", "没有注音的一行"])
    assert is_pinyin_injected(["安(an)全(quan)生(sheng)產(chan)" * 10])


def test_traditional_to_simplified() -> None:
    assert to_simplified("晉政發〔2024〕1號") == "晋政发〔2024〕1号"
    assert to_simplified("中小學生保证不少于4个课时") == "中小学生保证不少于4个课时"
    assert to_simplified("各市、县人民政府") == "各市、县人民政府"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("晋政发[2009]1号", "晋政发〔2009〕1号"),
        ("晋政发〔2026〕1 号", "晋政发〔2026〕1号"),
        ("市政办发﹝2021﹞7号", "市政办发〔2021〕7号"),
        ("晋政发［2015］1号", "晋政发〔2015〕1号"),
        ("（市政发〔2021〕1 号）落实情况", "（市政发〔2021〕1号）落实情况"),
    ],
)
def test_doc_number_brackets(raw: str, clean: str) -> None:
    assert normalize_doc_number(raw) == clean


def test_indentation_spaces_and_u3000_go_but_table_cells_stay() -> None:
    assert strip_indentation("\u3000\u3000（五）创新安全监管方式。") == "（五）创新安全监管方式。"
    assert strip_indentation("  代县人民政府        ") == "代县人民政府"
    assert strip_indentation("\t派出检查组数\t派出检查组人数") == "\t派出检查组数\t派出检查组人数"


def test_layout_spaces_around_numbers() -> None:
    assert remove_layout_spaces("山西省人民政府关于 2009 年安全生产工作的意见") == (
        "山西省人民政府关于2009年安全生产工作的意见"
    )
    assert remove_layout_spaces("2013年 1月 31日") == "2013年1月31日"
    assert remove_layout_spaces("落实《城市消防站建设标准》(建标 152-2017)") == (
        "落实《城市消防站建设标准》(建标 152-2017)"
    )
    assert remove_layout_spaces("中共中央办公厅 国务院办公厅") == "中共中央办公厅 国务院办公厅"


def test_full_width_punctuation_in_chinese_text_only() -> None:
    assert full_width_punctuation("各市、县人民政府,省人民政府各委、厅,各直属机构:") == (
        "各市、县人民政府，省人民政府各委、厅，各直属机构："
    )
    assert full_width_punctuation("每个乡镇(街道)至少配备3至5名工作人员,村(社区)") == (
        "每个乡镇（街道）至少配备3至5名工作人员，村（社区）"
    )
    assert full_width_punctuation("(四)严肃安全考核问责") == "（四）严肃安全考核问责"
    assert full_width_punctuation("比例 3,000 人 10:30 (A) f(x)") == "比例 3,000 人 10:30 (A) f(x)"
    assert full_width_punctuation("《代县贯彻落实<地方党政领导干部安全生产责任制规定>实施办法》") == (
        "《代县贯彻落实〈地方党政领导干部安全生产责任制规定〉实施办法》"
    )


@pytest.mark.parametrize(("typed", "cleaned"), [
    ("同比分别下降7.7%和7.1%.现将有关情况通报如下", "同比分别下降7.7%和7.1%。现将有关情况通报如下"),
    ("道路交通事故仍然多发.", "道路交通事故仍然多发。"),
    ("一是事故总量下降;二是较大事故得到遏制.三是", "一是事故总量下降；二是较大事故得到遏制。三是"),
    ("严格执行GB 30871—2022.", "严格执行GB 30871—2022."),  # Latin and digits: not ours
    ("1.完善预案", "1.完善预案"),
    ("一.总体要求", "一.总体要求"),  # a numeral marker, left to the clause grammar
    ("详见附件1.2", "详见附件1.2"),
    ("等等...", "等等..."),
])
def test_half_width_full_stop_after_chinese(typed: str, cleaned: str) -> None:
    assert full_width_punctuation(typed) == cleaned


def test_urls_and_mail_addresses_are_untouched() -> None:
    assert clean_text("邮 箱:jzsawbyx@126.com") == "邮 箱：jzsawbyx@126.com"
    url = "https://www.shanxi.gov.cn/zcwjk/szfwj/202602/t20260204_10056238_wjkDetail.shtml"
    assert clean_text(f"来源:{url}") == f"来源：{url}"


@pytest.mark.parametrize("quoted", [
    "`echo 中文,English:ok (1)`",
    '<a href="x?a=中,b" title="说明:(一)">',
    "</div>",
    "<!-- 注释,中:文 -->",
    '<div data-pagefind-filter="机关:伪造">',
    "&lt;b&gt;",
    "&#60;",
])
def test_quoted_code_and_markup_keep_their_half_width_punctuation(quoted: str) -> None:
    """Backticks and HTML tags (a web copy with its markup left in) quote code, not prose;
    the Chinese around them is still cleaned."""
    assert clean_text(f"执行,{quoted},命令") == f"执行，{quoted}，命令"


def test_source_typos_and_garbled_passages_stay() -> None:
    garbled = "特别是 20211 号关于做好 2021 年安全生产工作的通知》（市政发〔2021〕1 号）"
    assert clean_text(apply_line_rules([garbled], [False])[0]) == (
        "特别是20211号关于做好2021年安全生产工作的通知》（市政发〔2021〕1号）"
    )


def test_line_rules_in_order_on_the_pinyin_copy() -> None:
    raw = "(二(er)十一)加強(qiang)重點(dian)災種(zhong)防(fang)范"
    assert clean_text(apply_line_rules([raw], [True])[0]) == "（二十一）加强重点灾种防范"


def test_an_annotated_copy_among_plain_notices_loses_its_pinyin(issuers) -> None:
    """One file, a plain notice and the traditional copy with pinyin: only the copy's lines
    are annotated, and only they lose the annotations."""
    from build_site.ingest.corpus import build_corpus
    from tests.conftest import real_raw

    text = real_raw("004_c8491ad2751d6e65.txt") + "\n\n" + real_raw("002_952b47eb2ec0cef5.txt")
    corpus = build_corpus({"mixed.txt": text.encode("utf-8")}, issuers)
    notices = corpus.notices + [duplicate.hidden for duplicate in corpus.duplicates]
    assert len(notices) == 2 and corpus.pinyin_files == {"mixed.txt"}
    copy = next(n for n in notices if n.meta.doc_number.value == "晋政发〔2024〕1号")
    assert "(sheng)" not in copy.body_text() and "生产" in copy.body_text()
    plain = next(n for n in notices if n.meta.doc_number.value == "代政发〔2021〕1号")
    assert plain.body_text() == next(
        n for n in build_corpus({"004.txt": real_raw("004_c8491ad2751d6e65.txt").encode()},
                                issuers).notices).body_text()
