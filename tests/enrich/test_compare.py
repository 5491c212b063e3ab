"""Sentence alignment: reworded requirements continue, others are new, and what changed."""

from __future__ import annotations

import pytest

from build_site.enrich.compare import MIN_HAN, Sentence, Status, align, changes, sentences
from build_site.ingest.grammar import HAN_CHAR
from build_site.publish.comparison import align_units, archive_weights, notice_units


@pytest.fixture(scope="module")
def year_2026(corpus, by_number):
    """晋政发〔2026〕1号 against 晋政发〔2025〕1号, the later sentences by their opening."""
    alignment = align_units(archive_weights(corpus.notices),
                            notice_units(by_number["晋政发〔2025〕1号"]),
                            notice_units(by_number["晋政发〔2026〕1号"]))
    return alignment, {match.sentence.text[:12]: match for match in alignment.matches}


@pytest.mark.parametrize(("later", "earlier"), [
    ("落实企业内部事故隐患报告奖励机制", "健全企业内部安全风险隐患报告奖励制度"),
    ("认真贯彻“三管三必须”实施细则。", "认真贯彻落实“三管三必须”实施细则和"),
    ("加强煤矿智能化改造，年底前再建成60座智能化煤矿", "积极推广应用探放水智能监测系统"),
])
def test_a_reworded_requirement_continues(year_2026, later, earlier) -> None:
    _, by_opening = year_2026
    match = by_opening[later[:12]]
    assert match.status is Status.CONTINUED
    assert match.counterpart.text.startswith(earlier)


@pytest.mark.parametrize("later", [
    "组织开展“百吨王”货车等专项整治。",  # not 组织开展安全生产月…等专题活动
    "重新核定省级应急救援队伍。",  # not 加强应急救援队伍装备建设
    "健全省市县三级地质灾害应急技术支撑队伍。",  # not 健全省市县三级应急物资调拨体系
])
def test_a_requirement_that_only_shares_common_words_is_new(year_2026, later) -> None:
    _, by_opening = year_2026
    assert by_opening[later[:12]].status is Status.NEW


def test_every_sentence_is_accounted_for(year_2026, by_number) -> None:
    alignment, _ = year_2026
    earlier = [s for unit in notice_units(by_number["晋政发〔2025〕1号"])
               for s in sentences(unit.text, unit.ref)]
    compared = {s for s in earlier if len(HAN_CHAR.findall(s.text)) >= MIN_HAN}
    continued = {match.counterpart for match in alignment.matches if match.counterpart}
    assert set(alignment.dropped) == compared - continued
    assert alignment.count(Status.CONTINUED) + len(alignment.new) + alignment.count(
        Status.SHORT) == len(alignment.matches)


def test_an_unchanged_sentence_and_a_label() -> None:
    same = "严格落实“三专两探一撤”措施。"
    alignment = align([Sentence(same, "e")], [Sentence("煤矿。", "l"), Sentence(same, "l")])
    assert [match.status for match in alignment.matches] == [Status.SHORT, Status.CONTINUED]
    assert alignment.matches[1].similarity == 1.0 and alignment.reworded == 0
    assert alignment.dropped == ()


def test_changed_words_read_as_phrases() -> None:
    earlier = "加强煤矿瓦斯、水害、顶板灾害治理，严厉打击违法违规生产行为。"
    later = "加强煤矿瓦斯、水害、顶板和冲击地压等重大灾害治理，严厉打击违法违规行为。"
    assert changes(earlier, later) == (
        ("=", "加强煤矿瓦斯、水害、顶板"), ("+", "和冲击地压等重大"), ("=", "灾害治理，严厉打击违法违规"),
        ("-", "生产"), ("=", "行为。"))
    # a single kept character between two changes is folded into them
    assert changes("建立应急预案", "完善救援预案") == (("-", "建立应急"), ("+", "完善救援"), ("=", "预案"))
    runs = changes(earlier, later)
    assert "".join(text for kind, text in runs if kind != "-") == later
    assert "".join(text for kind, text in runs if kind != "+") == earlier
