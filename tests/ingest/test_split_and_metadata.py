"""Splitting files into notices and reading their GB/T 9704 metadata, on the real input."""

from __future__ import annotations

import itertools

import pytest

from build_site.ingest.corpus import build_corpus

PROVINCIAL = "001_5b1f32f4b5edf1e8.txt"


def test_all_22_notices_are_found(corpus) -> None:
    assert len(corpus.notices) + len(corpus.duplicates) == 22
    assert len(corpus.notices) == 21


def test_the_provincial_file_holds_18_notices_2009_to_2026(corpus) -> None:
    everything = corpus.notices + [d.hidden for d in corpus.duplicates]
    provincial = sorted(
        (n for n in everything if n.file == PROVINCIAL), key=lambda n: n.first_line
    )
    assert [int(n.meta.year.value) for n in provincial] == list(range(2009, 2027))
    starts = [n.first_line for n in provincial]
    assert starts[:4] == [1, 249, 616, 877]
    assert provincial[-1].last_line == 4722
    for earlier, later in itertools.pairwise(provincial):
        assert earlier.last_line < later.first_line


@pytest.mark.parametrize(
    ("number", "title", "date", "doc_type"),
    [
        ("市政发〔2022〕9号", "晋中市人民政府关于做好2022年安全生产工作的通知", None, "通知"),
        ("晋政发〔2009〕1号", "山西省人民政府关于2009年安全生产工作的意见", None, "意见"),
        ("晋政发〔2013〕1号", "山西省人民政府关于做好2013年安全生产工作的通知", "2013-01-31", "通知"),
        ("晋政发〔2024〕1号", "山西省人民政府关于做好2024年安全生产工作的通知", "2024-01-20", "通知"),
        ("代政发〔2021〕1号", "代县人民政府关于做好2021年安全生产工作的通知", "2021-03-22", "通知"),
    ],
)
def test_stated_metadata(by_number, number, title, date, doc_type) -> None:
    meta = by_number[number].meta
    assert meta.title.value == title and not meta.title.inferred
    assert (meta.date.value if meta.date else None) == date
    assert meta.doc_type.value == doc_type
    assert meta.inferred_fields() == []


def test_banji_and_notes(by_number) -> None:
    meta = by_number["市政发〔2022〕9号"].meta
    assert meta.note.value == "（此件公开发布）"
    assert meta.cc.value.endswith("市检察院，各人民团体，各新闻单位。")
    assert (meta.printer.value, meta.print_date.value) == ("晋中市人民政府办公室", "2022-04-09")
    meta = by_number["晋政发〔2021〕1号"].meta
    assert (meta.printer.value, meta.print_date.value) == ("山西省人民政府办公厅", "2021-01-29")
    assert by_number["晋政发〔2022〕1号"].meta.note.value == "（此件正文公开发布，附件不公开）"


def test_web_metadata_and_urls_are_kept_out_of_the_body(by_number) -> None:
    notice = by_number["晋政发〔2015〕1号"]
    assert notice.meta.web["索引号"].value == "012150SX00100/2015-00226"
    assert notice.meta.web["发文字号"].value == "晋政发〔2015〕1号"
    body = "".join(b.text for c in notice.all_clauses() for b in c.blocks)
    assert "索引号" not in body and "http" not in body


def test_a_url_in_mid_sentence_does_not_break_the_sentence(by_number) -> None:
    notice = by_number["晋政发〔2013〕1号"]
    assert [url.line for url in notice.meta.source_urls] == [1140]
    texts = [b.text for c in notice.all_clauses() for b in c.blocks]
    assert not any(t.endswith(("，", "、")) for t in texts)


def test_unstated_fields_are_inferred_and_never_a_doc_number(corpus) -> None:
    unnumbered = {n.meta.year.value: n for n in corpus.notices if n.meta.doc_number is None}
    assert sorted(unnumbered) == ["2010", "2012", "2014"]
    for notice in unnumbered.values():
        assert "title" in notice.meta.inferred_fields()
        assert notice.meta.title.reason
    assert unnumbered["2010"].meta.inferred_fields() == ["issuer", "title", "doc_type", "year"]
    assert unnumbered["2010"].meta.doc_type.value == "意见"
    assert unnumbered["2014"].meta.doc_type.value == "通知"
    assert unnumbered["2012"].meta.issuer.reason == "发文机关署名"


def test_stray_title_before_2024_is_noise(by_number) -> None:
    noise = by_number["晋政发〔2024〕1号"].noise
    assert [(n.kind.value, n.line) for n in noise if n.kind.value == "stray title line"] == [
        ("stray title line", 3752)
    ]


def test_duplicate_is_published_once_with_both_sources(corpus) -> None:
    [duplicate] = corpus.duplicates
    assert duplicate.shown.file == PROVINCIAL
    assert duplicate.hidden.file == "002_952b47eb2ec0cef5.txt"
    assert duplicate.agreement >= 0.995
    assert "002_952b47eb2ec0cef5.txt" in corpus.pinyin_files


def test_a_notice_without_headings_or_front_matter_keeps_all_its_text(issuers) -> None:
    text = "今年要继续抓好安全生产工作，落实各项措施。\n\n各单位要加强值班值守，\n确保平稳。\n"
    built = build_corpus({"plain.txt": text.encode("utf-8")}, issuers)
    [notice] = built.notices
    assert [b.text for b in notice.preamble] == [
        "今年要继续抓好安全生产工作，落实各项措施。",
        "各单位要加强值班值守，确保平稳。",
    ]
    assert notice.clauses == [] and notice.meta.doc_number is None


def test_a_very_large_file_builds(issuers, corpus) -> None:
    one = "\n".join(corpus.sources[PROVINCIAL].lines)
    built = build_corpus({"big.txt": ((one + "\n") * 6).encode("utf-8")}, issuers)
    assert len(built.notices) + len(built.duplicates) == 18 * 6
    assert not [p for p in built.problems if p.fatal]


def test_a_url_published_before_the_notice_goes_to_the_notice_it_belongs_to(by_number) -> None:
    urls_2025 = [u.value for u in by_number["晋政发〔2025〕1号"].meta.source_urls]
    assert not any("202401" in url for url in urls_2025)
    moved = [u for u in by_number["晋政发〔2024〕1号"].meta.source_urls if u.inferred]
    assert [u.line for u in moved] == [4148, 4149]
    assert "早于" in moved[0].reason


def test_a_wrap_inside_an_ordinal_is_not_a_new_section(issuers) -> None:
    text = ("晋政发〔2030〕1号\n各市、县人民政府：\n一、总体要求\n（一）坚持方针。坚持安全\n"
            "第一、预防为主、综合治理的方针，\n二、工作目标\n（二）减少事故。\n"
            "三、组织保障\n（三）加强领导。坚持安全第\n一、预防为主的原则。\n")
    built = build_corpus({"wrap.txt": text.encode("utf-8")}, issuers)
    [notice] = built.notices
    assert [c.path for c in notice.all_clauses()] == [
        "一、", "一、（一）", "二、", "二、（二）", "三、", "三、（三）",
    ]
    assert notice.all_clauses()[-1].text.endswith("坚持安全第一、预防为主的原则。")


def test_a_short_notice_repeating_a_longer_ones_sections_is_not_its_copy(issuers, corpus) -> None:
    long = "\n".join(corpus.sources["004_c8491ad2751d6e65.txt"].lines)
    long = long.replace("代政发〔2021〕1号", "")  # no 文号: compared by text
    short = ("忻政发〔2021〕5号\n各县人民政府：\n一、深化专项整治\n（一）严格安全监管执法。"
             "认真贯彻《安全生产法》和《山西省安全生产条例》，完善执法监督机制，规范执法行为。\n")
    built = build_corpus({"a.txt": long.encode("utf-8"), "b.txt": short.encode("utf-8")}, issuers)
    assert len(built.notices) == 2 and built.duplicates == []


def test_a_cache_reparses_only_the_files_that_changed(issuers) -> None:
    from tests.conftest import RAW

    raw = {path.name: path.read_bytes() for path in sorted(RAW.iterdir())}
    cache: dict = {}
    first = build_corpus(raw, issuers, cache=cache)
    raw["004_c8491ad2751d6e65.txt"] += b"\n"
    second = build_corpus(raw, issuers, cache=cache)
    unchanged = {n.slug: n for n in first.notices if n.file != "004_c8491ad2751d6e65.txt"}
    for notice in second.notices:
        if notice.slug in unchanged:
            assert notice is unchanged[notice.slug]  # reused, not parsed again
        else:
            assert notice.file == "004_c8491ad2751d6e65.txt"
    assert len(cache) == len(raw)
