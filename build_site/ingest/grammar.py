"""The grammar of an official document (GB/T 9704-2012), every pattern defined once.

Characters and sentences, the 发文字号, dates, the roles a single cleaned line can play
(版头, 标题, 主送机关, 署名, 成文日期, 附注, 版记 …), the clause markers (一、 → （一） →
1. → （1）), the notes naming responsible departments and the labels naming a sector.
Every stage asks these questions here, so a new variant (another bracket, another 文种,
another numbering scheme) is taught once; tests/ingest/test_grammar.py holds a table of
real examples per pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

# --- characters and sentences ------------------------------------------------------------

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d\u2026\u2014"
SENTENCE_ENDS = "。；！？"
SENTENCE = re.compile(f"[^{SENTENCE_ENDS}]+[{SENTENCE_ENDS}]?")  # with its end mark, if any
TERMINAL = "。！？"  # what ends a paragraph's last sentence (； does not)
CLOSING_QUOTES = "”’」』》\"'"  # may stand between a word or sentence and what follows

# --- 发文字号 ------------------------------------------------------------------------------

DOC_TYPES = (
    "决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告",
    "请示", "批复", "议案", "函", "纪要",
)
DOC_TYPE_SLUGS = {
    "决议": "jueyi", "决定": "jueding", "命令": "mingling", "令": "ling", "公报": "gongbao",
    "公告": "gonggao", "通告": "tonggao", "意见": "yijian", "通知": "tongzhi",
    "通报": "tongbao", "报告": "baogao", "请示": "qingshi", "批复": "pifu", "议案": "yian",
    "函": "han", "纪要": "jiyao",
}
_DOC_TYPE_ALT = "|".join(sorted(DOC_TYPES, key=len, reverse=True))
# `晋政发〔2024〕1号` once normalised; the source may print any of these brackets
DOC_NUMBER = re.compile(rf"(?P<code>[{HAN}]{{1,12}})〔(?P<year>\d{{4}})〕(?P<serial>\d{{1,4}})号")
DOC_NUMBER_ANY_BRACKETS = re.compile(
    rf"(?P<code>[{HAN}]{{1,12}})\s*[\[［﹝【〔(（]\s*(?P<year>(?:19|20)\d\d)\s*[\]］﹞】〕)）]"
    r"\s*(?P<serial>\d{1,4})\s*(?P<suffix>号)"
)


def doc_number_parts(value: str) -> tuple[str, int, int] | None:
    """(机关代字, year, serial) of a normalised 文号."""
    match = DOC_NUMBER.fullmatch(value)
    if not match:
        return None
    return match["code"], int(match["year"]), int(match["serial"])


# --- numbers and dates ----------------------------------------------------------------------

CHINESE_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9,
}
CHINESE_NUMERAL = "[一二三四五六七八九十]{1,3}"
LONG_CHINESE_NUMERAL = "[一二三四五六七八九十百零〇两]{1,7}"  # 第一百二十三条
ARABIC_NUMERAL = r"\d{1,2}"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_YMD = r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"


def chinese_number(text: str) -> int:
    """一 … 九百九十九, as numbered headings and articles use them (十一, 一百零五)."""
    hundreds, _, rest = text.rpartition("百")
    total = (CHINESE_DIGITS.get(hundreds, 1) * 100) if "百" in text else 0
    rest = rest.lstrip("零〇")
    if "十" in rest:
        tens, _, ones = rest.partition("十")
        return total + CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(ones, 0)
    return total + (CHINESE_DIGITS[rest] if rest else 0)


def chinese_numeral(number: int) -> str:
    """1 … 999 as clause labels print them: the inverse of `chinese_number`."""
    digits = "一二三四五六七八九"
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    head = digits[hundreds - 1] + "百" if hundreds else ""
    if tens:
        head += "十" if tens == 1 and not hundreds else digits[tens - 1] + "十"
    elif hundreds and ones:
        head += "零"
    return head + (digits[ones - 1] if ones else "")


def iso_date(year: str, month: str, day: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


# --- clause markers -----------------------------------------------------------------------

_OPEN, _CLOSE = "[（(]", "[）)]"
_POINT_END = r"(?:[.．](?!\d)|、)"


@dataclass(frozen=True)
class Scheme:
    """One way of numbering clauses."""

    kind: str
    level: int  # in outlines and the export: 1 一、 2 （一） 3 1. 4 （1） 5 ① 6 章 7 节 8 条
    rank: int  # nesting: a clause holds the clauses after it of a greater rank
    letter: str  # in the anchor: a3-b11-c4, z2, t12
    line: str  # the marker at the start of a source line (half-width brackets, spaces)
    label: str  # the same marker as cleaned text prints it
    continuous: bool = False  # numbered straight through a document: cited and anchored alone


# A regulation (办法, 规定, 细则) and a 令 number 章 → 节 → 条, and number items in an article
# （一） and their sub-items 1.; a notice numbers 一、 → （一） → 1. → （1） → ①.
CLAUSE_SCHEMES = (
    Scheme("section", 1, 3, "a", rf"(?P<num>{CHINESE_NUMERAL})、", f"{CHINESE_NUMERAL}、"),
    Scheme("item", 2, 4, "b", rf"{_OPEN}\s*(?P<num>{CHINESE_NUMERAL})\s*{_CLOSE}",
           f"（{CHINESE_NUMERAL}）"),
    Scheme("point", 3, 5, "c", rf"(?P<num>{ARABIC_NUMERAL})\s*{_POINT_END}",
           f"{ARABIC_NUMERAL}{_POINT_END}"),
    Scheme("subpoint", 4, 6, "d", rf"{_OPEN}\s*(?P<num>{ARABIC_NUMERAL})\s*{_CLOSE}",
           f"（{ARABIC_NUMERAL}）"),
    Scheme("circled", 5, 7, "e", f"(?P<num>[{CIRCLED}])", f"[{CIRCLED}]"),
    Scheme("chapter", 6, 0, "z",
           rf"第\s*(?P<num>{LONG_CHINESE_NUMERAL})\s*章(?=\s|$)", f"第{LONG_CHINESE_NUMERAL}章"),
    Scheme("part", 7, 1, "j", rf"第\s*(?P<num>{LONG_CHINESE_NUMERAL})\s*节(?=\s|$)",
           f"第{LONG_CHINESE_NUMERAL}节"),
    Scheme("article", 8, 2, "t", rf"第\s*(?P<num>{LONG_CHINESE_NUMERAL})\s*条(?!例)",
           f"第{LONG_CHINESE_NUMERAL}条(?!例)", continuous=True),
)
SCHEMES = {scheme.kind: scheme for scheme in CLAUSE_SCHEMES}
LEVELS = {scheme.kind: scheme.level for scheme in CLAUSE_SCHEMES}
MARKERS = tuple((scheme.kind, re.compile(f"^{scheme.line}")) for scheme in CLAUSE_SCHEMES)
SECTION = MARKERS[0][1]
LABEL = re.compile(
    "^(?:" + "|".join(f"(?P<{scheme.kind}>{scheme.label})" for scheme in CLAUSE_SCHEMES)
    + r")\s*"
)
# `…督查检查。（十六）创新…`: a clause glued to the sentence before it on one line
GLUED_MARKER = re.compile(
    rf"(?<=。)(?:（(?P<item>{CHINESE_NUMERAL})）|(?P<section>{CHINESE_NUMERAL})、)"
)
# a clause path right after a citation: `…1号 三、（十一）`, `第三、`, `第十二条`, or one in
# an attachment: `…2号 附件 三、（二）`
CLAUSE_PATH = re.compile(
    rf"^\s?(?:附件(?P<attachment>\d*)\s?)?(?:(?P<article>第{LONG_CHINESE_NUMERAL}条)"
    rf"(?:第?(?P<item>（{CHINESE_NUMERAL}）)项?)?|第?(?P<path>(?:{CHINESE_NUMERAL}、)?"
    rf"(?:（{CHINESE_NUMERAL}）)?(?:{ARABIC_NUMERAL}[.．、])?))"
)


def path_of_anchor(anchor: str) -> str:
    """The numbering an anchor stands for: a3-b11-c4 → 三、（十一）4., f1-t12 → 附件1 第十二条
    (for pages that list the anchors of a notice no longer shown)."""
    printed = {"a": "{}、", "b": "（{}）", "c": "{}.", "d": "（{}）", "e": "{}", "z": "第{}章",
               "j": "第{}节", "t": "第{}条", "f": "附件{} "}
    parts = []
    for part in anchor.split("-"):
        letter, number = part[:1], part[1:]
        if letter not in printed or not number.isdigit():
            continue  # -2: the second clause of that number
        value = int(number)
        shown = (chinese_numeral(value) if letter in "abzjt" else
                 CIRCLED[value - 1] if letter == "e" and value <= len(CIRCLED) else number)
        parts.append(printed[letter].format(shown))
    return "".join(parts).strip()


def marker_of(text: str) -> tuple[str, str] | None:
    """(kind, number) of a clause marker at the start of a source line."""
    for kind, pattern in MARKERS:
        match = pattern.match(text)
        if match:
            return kind, match["num"]
    return None


def split_label(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) for a cleaned paragraph opening with a clause marker."""
    match = LABEL.match(text)
    if not match:
        return None
    kind = match.lastgroup or ""
    return kind, match.group(kind), text[match.end() :]


def label_number(label: str) -> int:
    digits = re.sub(r"\D", "", label)
    if digits:
        return int(digits)
    if label in CIRCLED:
        return CIRCLED.index(label) + 1
    return chinese_number(label.strip("（）、第章节条 \u3000"))


# --- responsible departments --------------------------------------------------------------

# what closes a note such as `（省应急厅、省交通厅等部门分工负责）`, longest first
DEPARTMENT_VERBS = (
    "指导督促落实", "督促企业落实", "分工负责", "共同负责", "督促落实", "指导落实", "负责",
    "牵头", "配合", "落实",
)
_VERB_ALT = "|".join(DEPARTMENT_VERBS)
# a bracketed note naming who carries a task out; `实施` also closes a note that ends a
# sentence (`（各地组织实施）`), though it names no department
DEPARTMENT_NOTE = re.compile(rf"（(?P<inner>[^（）]*(?:{_VERB_ALT})[^（）]*)）")
CLOSING_NOTE = re.compile(rf"{_OPEN}[^（）()]*(?:{_VERB_ALT}|实施)[^（）()]*{_CLOSE}$")
NOTE_VERB_PHRASE = re.compile(rf"(?:等有关部门|等相关部门|等部门)?(?:{_VERB_ALT})$")
ORGANISATION_END = re.compile(
    r"(?:厅|局|委|办|会|院|部门|政府|总队|支队|中心|公司|单位|山西局|监管局|委员会|办公室|"
    r"机构|集团|银行|法院|检察院)$"
)
STANDING_DEPARTMENTS = re.compile(r"以下均需(?P<who>[^，。]+?)负责[，,]?不再一一列出")

# --- sector labels ------------------------------------------------------------------------

LABEL_CHARS = f"[{HAN}、和与及]"
# `煤矿：…` opens a paragraph, and heads the text after it
SECTOR_LABEL = re.compile(rf"^(?P<label>{LABEL_CHARS}{{2,12}})[：:](?P<rest>.*)$", re.S)
# a number a paragraph may open with where it is no clause of its own (`①煤矿：`, `1.煤矿`)
_ENUMERATOR = rf"(?:[①-⑳]|{ARABIC_NUMERAL}[.．、]|{_OPEN}{ARABIC_NUMERAL}{_CLOSE})?\s*"
# a label after a sentence end (`…。危险化学品：…`) or one that runs in (`煤矿方面，…`)
SECTOR_LABEL_ANYWHERE = re.compile(
    rf"(?:^{_ENUMERATOR}|(?<=[。；]))(?P<label>{LABEL_CHARS}{{2,16}})[：:]"
)
SECTOR_LABEL_RUN_IN = re.compile(
    rf"^{_ENUMERATOR}(?P<label>{LABEL_CHARS}{{2,16}}?)(?:。|方面[，,]|要)"
)
LIST_BREAK = re.compile("[、和及与]")

# --- defined terms --------------------------------------------------------------------------

# `中国共产党晋中市第五次代表大会（以下简称“市党代会”）`: a notice defines an abbreviation
DEFINED_ABBREVIATION = re.compile(
    r"[（(]以下(?:简称|称)\s*[“\"「]?(?P<short>[^”\"」）)，,]{1,20}?)[”\"」]?[）)]"
)

# --- what a single line is ------------------------------------------------------------------

ORG_SUFFIX = (
    r"(?:人民政府|人民政府办公厅|人民政府办公室|委员会|安全生产委员会|办公室|办公厅|政府|"
    r"厅|局|委|办|院|会|部|中心|总队|支队|公司|集团|管委会|处|所|站|队|厂|矿)"
)
# 文种 of a plan or a regulation, which an 印发 notice carries and a 令 promulgates
DOCUMENT_KINDS = (
    "实施方案", "工作方案", "行动方案", "方案", "办法", "规定", "细则", "规则", "条例", "要点",
    "计划", "规划", "制度", "措施", "清单", "指南", "标准", "规范", "意见", "通知", "决定",
    "通报", "公告", "通告", "预案", "纲要", "守则", "章程",
)
_KIND_ALT = "|".join(sorted(set(DOCUMENT_KINDS) | set(DOC_TYPES), key=len, reverse=True))
_TYPE_PREFIX = "(?:紧急|补充|联合|重要)?"  # 紧急通知 is a 通知
# what follows a title in brackets: （征求意见稿） （试行） （2024—2026年） （修订）
TITLE_SUFFIX = r"(?:[（(][^（）()。；]{1,20}[）)])*"
WEB_META = re.compile(
    r"^(?:(?P<key>索引号|主题分类|发文机关|成文日期|标题|发文字号|发布日期|主题词|发布机构|"
    r"公开方式|有效性)\s*[:：]?|(?P<other>发布时间|信息来源|文章来源|来源|浏览次数|阅读次数|责任编辑|"
    r"作者)\s*[:：])\s*(?P<value>.*)$"
)
URL = re.compile(r"^https?://\S+$")
ATTACHMENT_FILE = re.compile(
    r"^(?:附件\s*\d*\s*[:：]?|点击下载[:：]?|下载[:：]|相关附件[:：]?).*"
    r"\.(?:docx?|pdf|wps|xlsx?|et|ofd|zip|rar)$", re.IGNORECASE
)
# web-page furniture: download links, print and close buttons, font size bars, share bars
WEB_NOISE = re.compile(
    r"^(?:点击下载.*|【?\s*(?:打印|关闭|打印本页|关闭窗口|返回顶部|收藏|分享到).{0,30}|"
    r"【\s*字体[:：].*|字体[:：]\s*[大中小\s]+|分享到[:：].*|扫一扫.*|"
    r"(?:当前位置|您(?:现在)?的?位置|所在位置)[:：].*|首页\s*[>＞›»].*|"
    r"(?:相关链接|相关文件|相关解读|上一篇|下一篇|版权所有|主办单位|主办|承办单位|技术支持|"
    r"网站标识码)[:：].*|(?:Copyright|©).*|.*ICP备\s*\d+号.*|"
    r"[^>＞›»。，]{1,12}(?:\s*[>＞›»]\s*[^>＞›»。，]{1,12}){2,})$"  # 首页 > 政务公开 > …
)
PAGE_NUMBER = re.compile(
    r"^[—\-－─]\s*\d{1,3}\s*[—\-－─]$|^第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?$"
)
LETTERHEAD = re.compile(rf"^(?!.*关于)[{HAN}（）\s]{{2,40}}?(?:文件|令|通报|简报|纪要)$")
ORDER_NUMBER = re.compile(r"^第\s*(?P<n>\d{1,4})\s*号$")
# the 版头 above the 发文机关标志: 份号 (six digits), 密级 and 紧急程度
COPY_NUMBER = re.compile(r"^\d{6}$")
SECRECY = re.compile(r"^(?P<level>绝密|机密|秘密)(?:\s*★\s*(?P<term>.{1,10}))?$")
URGENCY = re.compile(r"^(?P<level>特急|加急|特提|平急)$")
# a line meant as the 文号 that does not read as one (`晋市应急发〔2023〕3/4号`)
MALFORMED_DOC_NUMBER = re.compile(
    rf"^[{HAN}]{{1,12}}\s*[\[［﹝【〔(（]\s*\d{{4}}\s*[\]］﹞】〕)）]\s*[^，。；\s]{{1,12}}号$"
)
# the 文号 alone on its line, in brackets after a title, or with the 签发人 beside it
DOC_NUMBER_LINE = re.compile(
    rf"^[（(]?(?P<number>[{HAN}]{{1,12}}〔\d{{4}}〕\d{{1,4}}号)[）)]?"
    r"(?:\s*签\s*发\s*人\s*[:：]\s*(?P<signer>\S.{0,20}))?$"
)
SIGNER = re.compile(r"^签\s*发\s*人\s*[:：]\s*(?P<name>\S.{0,20})$")
TITLE = re.compile(
    rf"^(?P<issuer>(?:(?!贯彻|落实|根据|按照|执行|学习|认真|进一步|请|现将|转发|印发|批转).)"
    rf"{{0,60}}?)\s*(?:关于|(?=转发|印发|批转)).{{2,150}}的{_TYPE_PREFIX}(?P<type>{_DOC_TYPE_ALT})"
    rf"{TITLE_SUFFIX}$"
)
TITLE_TAIL = re.compile(
    rf"^关于.{{2,150}}的{_TYPE_PREFIX}(?P<type>{_DOC_TYPE_ALT}){TITLE_SUFFIX}$"
)
# the title of an attached plan or a promulgated regulation: no 关于, a kind at its end
DOCUMENT_TITLE = re.compile(rf"^(?P<name>.{{2,80}}?(?P<kind>{_KIND_ALT})){TITLE_SUFFIX}$")
ISSUER = re.compile(rf"^[{HAN}（）]{{2,40}}{ORG_SUFFIX}$")
# 部长 王祥喜: a 令 is signed by the head of the issuing organ
SIGNATORY = re.compile(
    rf"^(?P<office>(?:代理|代|常务|副)?(?:部长|局长|厅长|省长|市长|县长|区长|州长|主任|主席|"
    rf"董事长|总经理|书记|署长|院长|委员长))\s*(?P<name>[{HAN}·]{{2,5}})$"
)
ADDRESSEES = re.compile(rf"^各[{HAN}（）()、，,\s]{{2,120}}[:：]$")
ADDRESSEE_ITEM = re.compile(
    rf"^(?:.{{0,20}}各.{{1,20}}|.{{0,30}}(?:{ORG_SUFFIX}|单位|部门|机构|企业|学校|医院))$"
)
# 2024年1月20日, 2015 年 12 月 3 日, 二〇〇四年一月十六日
_WRITTEN = (
    rf"(?:{_YMD}|(?P<cy>[〇零一二三四五六七八九]{{4}})\s*年\s*(?P<cm>[一二三四五六七八九十]{{1,3}})"
    rf"\s*月\s*(?P<cd>[一二三四五六七八九十]{{1,3}})\s*日)"
)
DATE = re.compile(rf"^(?:{_WRITTEN}|(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))$")
NOTE = re.compile(r"^[（(]\s*(?:此件|此文|本件|联系人|联\s*系\s*电\s*话).{1,60}[）)]$")
CC = re.compile(r"^抄\s*送\s*[:：]")
REPORT_TO = re.compile(r"^报\s*[:：]")
PRINTED = re.compile(
    rf"^(?:(?P<printer1>\S+?)\s+)?{_WRITTEN}\s*印发(?:\s+(?P<printer2>\S+))?$"
)
CONTACT = re.compile(r"^(?:联\s*系\s*人|联系电话|电\s*话|传\s*真|邮\s*箱|电子邮箱|地\s*址)\s*[:：]")
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*\d*\s*[:：]\s*(?P<name>.+)$")
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*(?P<n>\d*)\s*[:：]?$")
# `2. 安全检查表`: the next item of a numbered 附件说明
ATTACHMENT_ITEM = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>[^。；]{2,80})$")


def written_date(match: re.Match[str]) -> str:
    """The ISO date of a DATE or PRINTED match, in whichever numerals it was written."""
    if match.groupdict().get("cy"):
        year = "".join(str(CHINESE_DIGITS[char]) for char in match["cy"])
        return iso_date(year, str(chinese_number(match["cm"])), str(chinese_number(match["cd"])))
    if match.groupdict().get("iy"):
        return iso_date(match["iy"], match["im"], match["id"])
    return iso_date(match["y"], match["m"], match["d"])


def is_addressee_line(line: str) -> bool:
    """`各市、县人民政府，省直各单位：`: a list of organisations, not a sentence such as
    `各乡镇要做到以下几点：`."""
    if not line.endswith(("：", ":")) or len(line) > 150 or any(c in line for c in "。；！？"):
        return False
    items = [item for item in re.split(r"[，,；]", line.rstrip("：:")) if item]
    return bool(items) and all(ADDRESSEE_ITEM.match(item.strip()) for item in items) and not (
        _NOT_ADDRESSEES.search(line))


_NOT_ADDRESSEES = re.compile(r"(?<!重)要|做到|如下|以下|请|应当|必须|通知|进一步")


class Role(StrEnum):
    BLANK = "blank"
    URL = "url"
    WEB_META = "web metadata"
    WEB_NOISE = "web furniture"
    PAGE_NUMBER = "page number"
    ATTACHMENT_FILE = "attachment file"
    LETTERHEAD = "letterhead"
    ORDER_NUMBER = "order number"
    COPY_NUMBER = "copy number"
    SECRECY = "secrecy"
    URGENCY = "urgency"
    MALFORMED_DOC_NUMBER = "malformed doc number"
    DOC_NUMBER = "doc number"
    SIGNER = "signer"
    TITLE = "title"
    TITLE_TAIL = "title tail"
    ISSUER = "issuer"
    SIGNATORY = "signatory"
    ADDRESSEES = "addressees"
    DATE = "date"
    NOTE = "note"
    CC = "cc"
    REPORT_TO = "report to"
    PRINTED = "printed"
    CONTACT = "contact"
    ATTACHMENT_NOTE = "attachment note"
    ATTACHMENT_HEADING = "attachment heading"
    TEXT = "text"


HEAD_ROLES = {Role.COPY_NUMBER, Role.SECRECY, Role.URGENCY}  # above the 发文机关标志
NOISE_ROLES = {Role.URL, Role.WEB_META, Role.WEB_NOISE, Role.PAGE_NUMBER, Role.ATTACHMENT_FILE}
NEUTRAL_ROLES = {Role.BLANK, Role.URL, Role.ATTACHMENT_FILE, Role.WEB_NOISE, Role.PAGE_NUMBER}
_ROLE_CHECKS = (
    (URL, Role.URL),
    (ATTACHMENT_FILE, Role.ATTACHMENT_FILE),
    (WEB_NOISE, Role.WEB_NOISE),
    (PAGE_NUMBER, Role.PAGE_NUMBER),
    (WEB_META, Role.WEB_META),
    (LETTERHEAD, Role.LETTERHEAD),
    (ORDER_NUMBER, Role.ORDER_NUMBER),
    (COPY_NUMBER, Role.COPY_NUMBER),
    (SECRECY, Role.SECRECY),
    (URGENCY, Role.URGENCY),
    (SIGNER, Role.SIGNER),
    (PRINTED, Role.PRINTED),
    (DATE, Role.DATE),
    (NOTE, Role.NOTE),
    (CC, Role.CC),
    (REPORT_TO, Role.REPORT_TO),
    (CONTACT, Role.CONTACT),
    (ATTACHMENT_HEADING, Role.ATTACHMENT_HEADING),
    (ATTACHMENT_NOTE, Role.ATTACHMENT_NOTE),
    (ADDRESSEES, Role.ADDRESSEES),
    (TITLE_TAIL, Role.TITLE_TAIL),
    (TITLE, Role.TITLE),
    (SIGNATORY, Role.SIGNATORY),
    (ISSUER, Role.ISSUER),
)


def ends_sentence(text: str) -> bool:
    """The text ends a sentence: 。！？, maybe followed by a closing quote or by the note
    naming who carries it out (`…落实。（省应急厅负责）`)."""
    stripped = text.rstrip(CLOSING_QUOTES)
    if stripped.endswith(tuple(TERMINAL)):
        return True
    note = CLOSING_NOTE.search(stripped)
    return bool(note) and stripped[: note.start()].endswith(tuple(TERMINAL))


def compact(text: str) -> str:
    """A title or a name as one string: the spaces of a PDF layout left out."""
    return re.sub(r"[ \u3000\t]", "", text)


_TITLE_LINE_ROLES = {Role.TEXT, Role.TITLE, Role.TITLE_TAIL, Role.ISSUER}
_BRACKETED = re.compile(r"^[（(][^（）()。；]{1,24}[）)]$")


def title_run(lines, index: int, pattern: re.Pattern[str]) -> tuple[int, str] | None:
    """(index after the run, its text) where one to four lines from `index` (blank lines
    between them allowed) read together as a title matching `pattern`. The shortest such
    run, so that a stray title line before the real one stays apart, then what continues it:
    a line starting with 的 (`…的通知` + `的通知`) or a bracketed suffix (（征求意见稿）)."""
    if pattern is TITLE and not _may_start_title(lines, index):
        return None
    text, taken, position = "", 0, index
    while position < len(lines) and taken < 4:
        line = lines[position].text
        position += 1
        if not line:
            continue
        if not _title_line(line):
            return None
        alone = pattern.match(compact(line))
        if taken and alone and alone.groupdict().get("issuer"):
            return None  # a whole title with its issuer: the lines before are not part of it
        text, taken = text + compact(line), taken + 1
        if pattern.match(text):
            break
    else:
        return None
    while True:
        following, role = next_nonblank(lines, position - 1)
        if role is None:
            break
        line = compact(lines[following].text)
        if not (_BRACKETED.match(line) and role is Role.TEXT) and not (
                line.startswith("的") and _title_line(line) and pattern.match(text + line)):
            break
        text, position = text + line, following + 1
    return position, text


_TITLE_WORD = re.compile("关于|转发|印发|批转")
_NOT_IN_TITLE = re.compile("[。；！？：:]")


def _may_start_title(lines, index: int) -> bool:
    """A 公文 title says 关于 (or 转发 …) in its first line or, after its issuer, its second:
    a quick test that spares the full one for almost every body line."""
    first = lines[index].text
    if len(first) > 80 or _NOT_IN_TITLE.search(first):
        return False
    if _TITLE_WORD.search(first):
        return True
    following = next((line.text for line in lines[index + 1:index + 4] if line.text), "")
    return bool(_TITLE_WORD.search(following))


def _title_line(line: str) -> bool:
    return (len(line) <= 80 and not any(c in line for c in "。；！？：:")
            and role_of(line) in _TITLE_LINE_ROLES and marker_of(line) is None)


_CARRIED = re.compile(r"[《〈](?P<name>[^《》〈〉]+)[》〉]")
# 转发XX关于…的通知的通知, or with the second 的通知 left out: 转发XX关于…的通知
_FORWARDED = re.compile(
    rf"转发(?P<name>.+?的(?:{_DOC_TYPE_ALT}))(?:的(?:{_DOC_TYPE_ALT}))?{TITLE_SUFFIX}$"
)


def carried_titles(title: str) -> list[str]:
    """The documents an 印发, 转发 or 批转 notice carries, by the names its title gives."""
    if not any(verb in title for verb in ("印发", "转发", "批转", "颁布", "公布", "征求")):
        return []
    names = [match["name"] for match in _CARRIED.finditer(title)]
    forwarded = _FORWARDED.search(compact(title))
    return names or ([forwarded["name"]] if forwarded else [])


@lru_cache(maxsize=1 << 20)  # the splitter and the readers ask about each line, many times
def role_of(line: str) -> Role:
    """The role of one cleaned, stripped line; TEXT when it is ordinary body text."""
    if not line:
        return Role.BLANK
    for pattern, role in _ROLE_CHECKS:
        if pattern.match(line):
            if role in (Role.TITLE, Role.TITLE_TAIL) and any(c in line for c in "。；！？"):
                return Role.TEXT  # a wrapped body line that happens to end in 的通知
            if role is Role.ADDRESSEES and not is_addressee_line(line):
                return Role.TEXT  # 各乡镇要做到以下几点：
            return role
    if DOC_NUMBER_LINE.match(line.replace(" ", "")):
        return Role.DOC_NUMBER
    if MALFORMED_DOC_NUMBER.match(line):
        return Role.MALFORMED_DOC_NUMBER
    return Role.TEXT


def next_nonblank(lines, index: int) -> tuple[int, Role | None]:
    """Index and role of the first non-blank line after `index` (len(lines), None if none)."""
    for later in range(index + 1, len(lines)):
        role = role_of(lines[later].text)
        if role is not Role.BLANK:
            return later, role
    return len(lines), None
