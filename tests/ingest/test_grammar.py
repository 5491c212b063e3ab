"""The document grammar, pattern by pattern, on lines and phrases taken from real notices.

One table per pattern, in the manner of a grammar's test suite: what it must accept, what it
must refuse, and what it reads out. A new variant met in a notice is added here first.
"""

from __future__ import annotations

import pytest

from build_site.ingest import grammar
from build_site.ingest.grammar import Role, role_of
from build_site.ingest.normalize import normalize_doc_number


@pytest.mark.parametrize(("printed", "normalised"), [
    ("晋政发〔2024〕1号", "晋政发〔2024〕1号"),
    ("晋政发[2009]1号", "晋政发〔2009〕1号"),
    ("市安发﹝2021﹞17号", "市安发〔2021〕17号"),
    ("代政发〔2021〕1 号", "代政发〔2021〕1号"),
    ("晋政办发（2021）9号", "晋政办发〔2021〕9号"),
    ("安委会【2024】2号", "安委会〔2024〕2号"),
    ("贯彻落实国发〔2010〕23号文件", "贯彻落实国发〔2010〕23号文件"),  # the 代字 is cut later
])
def test_doc_number_in_any_brackets(printed: str, normalised: str) -> None:
    assert normalize_doc_number(printed) == normalised


@pytest.mark.parametrize(("number", "parts"), [
    ("晋政发〔2024〕1号", ("晋政发", 2024, 1)),
    ("市安发〔2021〕17号", ("市安发", 2021, 17)),
    ("晋政发〔2024〕", None),
    ("2024年1月20日", None),
])
def test_doc_number_parts(number: str, parts) -> None:
    assert grammar.doc_number_parts(number) == parts


@pytest.mark.parametrize(("line", "role"), [
    ("", Role.BLANK),
    ("https://www.shanxi.gov.cn/zfxxgk/zfxxgkzl/fdzdgknr/lzyj/szfwj/202401/t20240125_9491052.shtml",
     Role.URL),
    ("附件：山西省人民政府关于做好 2014年安全生产工作的通知.doc", Role.ATTACHMENT_FILE),
    ("索引号：11140000MB1957793M/2024-00012", Role.WEB_META),
    ("发文字号：晋政发〔2024〕1号", Role.WEB_META),
    ("晋中市人民政府文件", Role.LETTERHEAD),
    ("晋政发〔2024〕1号", Role.DOC_NUMBER),
    ("代政发〔2021〕1 号", Role.DOC_NUMBER),
    ("山西省人民政府关于做好2024年安全生产工作的通知", Role.TITLE),
    ("关于做好2024年安全生产工作的通知", Role.TITLE_TAIL),
    ("各市、县人民政府，省人民政府各委、办、厅、局：", Role.ADDRESSEES),
    ("山西省人民政府", Role.ISSUER),
    ("晋中市安全生产委员会", Role.ISSUER),
    ("2024年1月20日", Role.DATE),
    ("2013年 1月 31日", Role.DATE),
    ("（此件公开发布）", Role.NOTE),
    ("抄送：市委办公室，市人大常委会办公室，市政协办公室，市中级人民法院，", Role.CC),
    ("晋中市人民政府办公室 2022年4月9日印发", Role.PRINTED),
    ("2021年8月30日印发", Role.PRINTED),
    ("联系人：杜永健", Role.CONTACT),
    ("附件：全市安全检查督导情况统计表", Role.ATTACHMENT_NOTE),
    ("附件", Role.ATTACHMENT_HEADING),
    ("附件2", Role.ATTACHMENT_HEADING),
    # body text that merely resembles a role
    ("贯彻落实《山西省人民政府关于进一步加强安全生产工作的通知》", Role.TEXT),
    ("2018年7月1日起，新进入道路运输市场的“两客一危”车辆要按照规定安装", Role.TEXT),
    ("一、健全落实安全责任体系，更好统筹发展和安全", Role.TEXT),
])
def test_role_of_a_line(line: str, role: Role) -> None:
    assert role_of(line) is role


def test_a_title_reads_its_issuer_and_type() -> None:
    match = grammar.TITLE.match("晋中市安全生产委员会关于开展安全生产大检查的通知")
    assert (match["issuer"], match["type"]) == ("晋中市安全生产委员会", "通知")
    assert grammar.TITLE_TAIL.match("关于2010年安全生产工作的意见")["type"] == "意见"


@pytest.mark.parametrize(("line", "date"), [
    ("2024年1月20日", ("2024", "1", "20")),
    ("2013年 1月 31日", ("2013", "1", "31")),
    ("2015 年 12 月 3 日", ("2015", "12", "3")),
])
def test_written_date(line: str, date: tuple[str, str, str]) -> None:
    match = grammar.DATE.match(line)
    assert (match["y"], match["m"], match["d"]) == date
    assert grammar.iso_date(*date) == f"{date[0]}-{int(date[1]):02d}-{int(date[2]):02d}"


@pytest.mark.parametrize(("line", "printer", "date"), [
    ("晋中市人民政府办公室 2022年4月9日印发", "晋中市人民政府办公室", ("2022", "4", "9")),
    ("2021年8月30日印发", None, ("2021", "8", "30")),
])
def test_printed_line(line: str, printer: str | None, date) -> None:
    match = grammar.PRINTED.match(line)
    assert match["printer1"] == printer
    assert (match["y"], match["m"], match["d"]) == date


@pytest.mark.parametrize(("line", "marker"), [
    ("一、健全落实安全责任体系", ("section", "一")),
    ("十二、其他", ("section", "十二")),
    ("（一）严格落实党政领导责任。", ("item", "一")),
    ("(五) 坚持系统治理", ("item", "五")),
    ("( 十一 ) 狠抓重点行业领域", ("item", "十一")),
    ("1.煤矿。", ("point", "1")),
    ("2. 分级分类监管。", ("point", "2")),
    ("10、深入开展重点行业专项整治", ("point", "10")),
    ("9．加强应急管理", ("point", "9")),
    ("（1）严格执行", ("subpoint", "1")),
    ("(12)其他", ("subpoint", "12")),
    ("2.5亿元", None),  # a decimal, not a point
    ("2024年", None),
    ("一是加强领导", None),
])
def test_clause_marker_at_a_line_start(line: str, marker) -> None:
    assert grammar.marker_of(line) == marker


@pytest.mark.parametrize(("text", "split"), [
    ("三、（十一）", ("section", "三、", "（十一）")),
    ("（十一）狠抓重点行业领域安全生产", ("item", "（十一）", "狠抓重点行业领域安全生产")),
    ("4.非煤矿山。制定辖区内", ("point", "4.", "非煤矿山。制定辖区内")),
    ("10、深入开展", ("point", "10、", "深入开展")),
    ("（3）加强", ("subpoint", "（3）", "加强")),
    ("严格落实", None),
])
def test_clause_label_of_a_cleaned_paragraph(text: str, split) -> None:
    assert grammar.split_label(text) == split


@pytest.mark.parametrize(("label", "number"), [
    ("三、", 3), ("（十一）", 11), ("（二十三）", 23), ("10、", 10), ("4.", 4), ("（12）", 12),
])
def test_label_number(label: str, number: int) -> None:
    assert grammar.label_number(label) == number


def test_clause_schemes_are_one_table() -> None:
    assert [kind for kind, _ in grammar.MARKERS] == list(grammar.LEVELS)
    assert [s.letter for s in grammar.CLAUSE_SCHEMES] == ["a", "b", "c", "d", "e", "z", "j", "t"]


def test_a_clause_glued_after_a_full_stop() -> None:
    text = "加大执法检查力度，督查检查。（十六）创新安全监管方式。推行"
    match = grammar.GLUED_MARKER.search(text)
    assert match.lastgroup == "item" and match["item"] == "十六"
    assert grammar.GLUED_MARKER.search("按照（十六）所述") is None


@pytest.mark.parametrize(("after", "path"), [
    (" 三、（十一）", "三、（十一）"),  # as the site’s own citations print it
    ("三、（十一）要求", "三、（十一）"),
    ("第三、", "三、"),
    ("（二）", "（二）"),
    ("的要求", ""),
])
def test_a_clause_path_after_a_citation(after: str, path: str) -> None:
    assert grammar.CLAUSE_PATH.match(after)["path"] == path


@pytest.mark.parametrize(("text", "notes"), [
    ("严格安全准入。（省工信厅、省商务厅、省应急厅等部门督促落实）发展改革",
     ["省工信厅、省商务厅、省应急厅等部门督促落实"]),
    ("集中开展活动。（省住建厅牵头，省公安厅等部门分工负责）",
     ["省住建厅牵头，省公安厅等部门分工负责"]),
    ("（负有安全监管职责的部门督促企业落实）", ["负有安全监管职责的部门督促企业落实"]),
    ("依法设置安全管理机构（含专职）。", []),
])
def test_department_notes(text: str, notes: list[str]) -> None:
    assert [m["inner"] for m in grammar.DEPARTMENT_NOTE.finditer(text)] == notes


@pytest.mark.parametrize(("text", "closes"), [
    ("整体提升矿山安全生产水平。（省安委办和各市、县人民政府负责）", True),
    ("推动工作落实。（各地组织实施）", True),
    ("开展专项整治（以下简称整治）", False),
])
def test_a_note_closes_a_sentence(text: str, closes: bool) -> None:
    assert bool(grammar.CLOSING_NOTE.search(text)) is closes


@pytest.mark.parametrize(("part", "stripped"), [
    ("省应急厅、省交通厅等部门分工负责", "省应急厅、省交通厅"),
    ("省林草局牵头", "省林草局"),
    ("负有安全监管职责的部门督促企业落实", "负有安全监管职责的部门"),
    ("省审批服务管理局等有关部门分工负责", "省审批服务管理局"),
])
def test_the_verb_phrase_of_a_note(part: str, stripped: str) -> None:
    assert grammar.NOTE_VERB_PHRASE.sub("", part) == stripped


def test_every_department_verb_closes_a_note() -> None:
    for verb in grammar.DEPARTMENT_VERBS:
        assert grammar.DEPARTMENT_NOTE.search(f"（省应急厅{verb}）"), verb


@pytest.mark.parametrize(("paragraph", "label", "rest"), [
    ("煤矿：推进智能化煤矿建设。", "煤矿", "推进智能化煤矿建设。"),
    ("危险化学品和烟花爆竹：开展专项整治。", "危险化学品和烟花爆竹", "开展专项整治。"),
    ("道路交通安全:严查超限超载。", "道路交通安全", "严查超限超载。"),
])
def test_a_sector_label_heads_a_paragraph(paragraph: str, label: str, rest: str) -> None:
    match = grammar.SECTOR_LABEL.match(paragraph)
    assert (match["label"], match["rest"]) == (label, rest)


def test_sector_labels_in_running_text() -> None:
    text = "加强监管。危险化学品：严格准入。"
    assert grammar.SECTOR_LABEL_ANYWHERE.search(text)["label"] == "危险化学品"
    assert grammar.SECTOR_LABEL_RUN_IN.match("煤矿方面，要推进")["label"] == "煤矿"
    assert grammar.SECTOR_LABEL_RUN_IN.match("非煤矿山要加快")["label"] == "非煤矿山"


@pytest.mark.parametrize(("numeral", "number"), [
    ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("九十九", 99),
])
def test_chinese_numbers(numeral: str, number: int) -> None:
    assert grammar.chinese_number(numeral) == number
    assert grammar.chinese_numeral(number) == numeral


def test_chinese_numerals_read_back() -> None:
    assert [grammar.chinese_number(grammar.chinese_numeral(n)) for n in range(1, 1000)] == list(
        range(1, 1000))


def test_sentences_keep_their_end_marks() -> None:
    text = "严格准入；加强监管。推进整治！是否落实？未完"
    assert grammar.SENTENCE.findall(text) == ["严格准入；", "加强监管。", "推进整治！", "是否落实？",
                                             "未完"]
    assert grammar.HAN_CHAR.findall("A煤b矿1") == ["煤", "矿"]
