"""The clause tree: numbering levels, headings, department notes, anchors, tables."""

from __future__ import annotations

from build_site.ingest.clauses import split_heading
from build_site.model import Table
from tests.conftest import clause_by_path


def test_four_levels_and_exact_anchors(by_number) -> None:
    notice = by_number["晋政发〔2026〕1号"]
    clause = clause_by_path(notice, "三、（十一）4.")
    assert clause.anchor == "a3-b11-c4"
    assert clause.heading == "非煤矿山"
    assert clause.text.startswith("制定辖区内非煤矿山淘汰退出")
    assert clause_by_path(notice, "一、（三）").anchor == "a1-b3"


def test_points_numbered_straight_across_sections(by_number) -> None:
    notice = by_number["晋政发〔2022〕1号"]
    assert clause_by_path(notice, "二、9.").anchor == "a2-c9"
    notice = by_number["晋政发〔2021〕1号"]
    assert clause_by_path(notice, "三、10、").heading == "深入开展重点行业专项整治"


def test_half_width_brackets_become_full_width_labels(by_number) -> None:
    notice = by_number["市政发〔2022〕9号"]
    clause = clause_by_path(notice, "一、（四）")
    assert clause.heading == "严肃安全考核问责"
    assert clause.text.startswith("严格实施安全生产巡查考核制度")
    assert clause_by_path(notice, "二、（五）").heading == "坚持系统治理"


def test_heading_kinds() -> None:
    assert split_heading("严肃安全考核问责。严格实施巡查考核制度。", 2, False) == (
        "严肃安全考核问责", "严格实施巡查考核制度。",
    )
    assert split_heading("推动责任落实，树牢安全理念", 1, True) == ("推动责任落实，树牢安全理念", "")
    assert split_heading("深化重点行业专项整治。", 2, True) == ("深化重点行业专项整治", "")
    assert split_heading("事故警示教育活动开展情况。", 3, False) == ("", "事故警示教育活动开展情况。")
    assert split_heading("煤矿：引深做细安全生产大排查，紧盯煤矿瓦斯。", 3, False) == (
        "煤矿", "引深做细安全生产大排查，紧盯煤矿瓦斯。",
    )


def test_clause_glued_to_the_previous_line_is_split(by_number) -> None:
    notice = by_number["晋政发〔2020〕1号"]
    clause = clause_by_path(notice, "四、（十六）")
    assert clause.heading == "创新安全监管方式"
    assert "（十六）" not in clause_by_path(notice, "四、（十五）").text


def test_department_notes_as_printed(by_number) -> None:
    clause = clause_by_path(by_number["晋政发〔2024〕1号"], "二、（五）")
    assert len(clause.department_notes) == 3
    assert clause.department_notes[0] == "（省工信厅、省商务厅、省应急厅等部门督促落实）"


def test_signature_date_contact_and_attachment_are_not_clauses(by_number) -> None:
    notice = by_number["市安发〔2021〕17号"]
    texts = " ".join(c.text for c in notice.all_clauses())
    assert "联系人" not in texts and "晋中市安全生产委员会" not in texts
    assert next(p.text for p in notice.contact) == "联系人：杜永健"
    [attachment] = notice.attachments
    assert attachment.name == "全市安全检查督导情况统计表"
    table = next(b for b in attachment.blocks if isinstance(b, Table))
    assert table.rows[0][:3] == ("单位名称", "检查工作开展情况", "")
    assert table.rows[1][1] == "派出检查组数"


def test_garbled_citation_is_kept_as_is(by_number) -> None:
    clause = clause_by_path(by_number["市安发〔2021〕17号"], "三、（一）3.")
    assert "特别是20211号关于做好2021年安全生产工作的通知》" in clause.text

