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

CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_NUMERAL = "[一二三四五六七八九十]{1,3}"
ARABIC_NUMERAL = r"\d{1,2}"
_YMD = r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"


def chinese_number(text: str) -> int:
    """一 … 九十九, as numbered headings use them."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(ones, 0)
    return CHINESE_DIGITS[text]


def iso_date(year: str, month: str, day: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


# --- clause markers -----------------------------------------------------------------------

_OPEN, _CLOSE = "[（(]", "[）)]"
_POINT_END = r"(?:[.．](?!\d)|、)"
# kind, level (1 = 一、), anchor letter, marker at the start of a source line (half-width
# brackets and spaces allowed), the same marker as cleaned text prints it
CLAUSE_SCHEMES = (
    ("section", 1, "a", rf"(?P<num>{CHINESE_NUMERAL})、", f"{CHINESE_NUMERAL}、"),
    ("item", 2, "b", rf"{_OPEN}\s*(?P<num>{CHINESE_NUMERAL})\s*{_CLOSE}",
     f"（{CHINESE_NUMERAL}）"),
    ("point", 3, "c", rf"(?P<num>{ARABIC_NUMERAL})\s*{_POINT_END}",
     f"{ARABIC_NUMERAL}{_POINT_END}"),
    ("subpoint", 4, "d", rf"{_OPEN}\s*(?P<num>{ARABIC_NUMERAL})\s*{_CLOSE}",
     f"（{ARABIC_NUMERAL}）"),
)
LEVELS = {kind: level for kind, level, *_ in CLAUSE_SCHEMES}
ANCHOR_LETTERS = {level: letter for _, level, letter, *_ in CLAUSE_SCHEMES}
MARKERS = tuple((kind, re.compile(f"^{line}")) for kind, _, _, line, _ in CLAUSE_SCHEMES)
SECTION = MARKERS[0][1]
LABEL = re.compile(
    "^(?:" + "|".join(f"(?P<{kind}>{label})" for kind, _, _, _, label in CLAUSE_SCHEMES) + r")\s*"
)
# `…督查检查。（十六）创新…`: a clause glued to the sentence before it on one line
GLUED_MARKER = re.compile(
    rf"(?<=。)(?:（(?P<item>{CHINESE_NUMERAL})）|(?P<section>{CHINESE_NUMERAL})、)"
)
# a clause path right after a citation: `…1号 三、（十一）` or `第三、`
CLAUSE_PATH = re.compile(
    rf"^(?:第)?(?P<path>(?:{CHINESE_NUMERAL}、)?(?:（{CHINESE_NUMERAL}）)?"
    rf"(?:{ARABIC_NUMERAL}[.．、])?)"
)


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
    return chinese_number(label.strip("（）、"))


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
# a label after a sentence end (`…。危险化学品：…`) or one that runs in (`煤矿方面，…`)
SECTOR_LABEL_ANYWHERE = re.compile(rf"(?:^|(?<=[。；]))(?P<label>{LABEL_CHARS}{{2,16}})[：:]")
SECTOR_LABEL_RUN_IN = re.compile(rf"^(?P<label>{LABEL_CHARS}{{2,16}}?)(?:。|方面[，,]|要)")
LIST_BREAK = re.compile("[、和及与]")

# --- defined terms --------------------------------------------------------------------------

# `中国共产党晋中市第五次代表大会（以下简称“市党代会”）`: a notice defines an abbreviation
DEFINED_ABBREVIATION = re.compile(
    r"[（(]以下(?:简称|称)\s*[“\"「]?(?P<short>[^”\"」）)，,]{1,20}?)[”\"」]?[）)]"
)

# --- what a single line is ------------------------------------------------------------------

ORG_SUFFIX = (
    r"(?:人民政府|人民政府办公厅|人民政府办公室|委员会|安全生产委员会|办公室|办公厅|政府|"
    r"厅|局|委|办|院|会|部|中心|总队|支队|公司|集团)"
)
WEB_META = re.compile(
    r"^(?P<key>索引号|主题分类|发文机关|成文日期|标题|发文字号|发布日期|主题词|发布机构|"
    r"公开方式|有效性)\s*[:：]?\s*(?P<value>.*)$"
)
URL = re.compile(r"^https?://\S+$")
ATTACHMENT_FILE = re.compile(
    r"^附件\s*\d*\s*[:：]?.*\.(?:docx?|pdf|wps|xlsx?|et|ofd|zip|rar)$", re.IGNORECASE
)
LETTERHEAD = re.compile(rf"^[{HAN}（）]{{2,40}}文件$")
TITLE = re.compile(rf"^(?P<issuer>.{{0,60}}?)\s*关于.{{2,120}}的(?P<type>{_DOC_TYPE_ALT})$")
TITLE_TAIL = re.compile(rf"^关于.{{2,120}}的(?P<type>{_DOC_TYPE_ALT})$")
ISSUER = re.compile(rf"^[{HAN}（）]{{2,40}}{ORG_SUFFIX}$")
ADDRESSEES = re.compile(rf"^各[{HAN}（）()、，,\s]{{2,120}}[:：]$")
DATE = re.compile(rf"^{_YMD}$")
NOTE = re.compile(r"^[（(]\s*此件.{1,30}[）)]$")
CC = re.compile(r"^抄\s*送\s*[:：]")
REPORT_TO = re.compile(r"^报\s*[:：]")
PRINTED = re.compile(rf"^(?:(?P<printer1>\S+?)\s+)?{_YMD}\s*印发(?:\s+(?P<printer2>\S+))?$")
CONTACT = re.compile(r"^(?:联\s*系\s*人|联系电话|电\s*话|传\s*真|邮\s*箱|电子邮箱|地\s*址)\s*[:：]")
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*\d*\s*[:：]\s*(?P<name>.+)$")
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*(?P<n>\d*)$")


class Role(StrEnum):
    BLANK = "blank"
    URL = "url"
    WEB_META = "web metadata"
    ATTACHMENT_FILE = "attachment file"
    LETTERHEAD = "letterhead"
    DOC_NUMBER = "doc number"
    TITLE = "title"
    TITLE_TAIL = "title tail"
    ISSUER = "issuer"
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


FRONT_ROLES = {
    Role.WEB_META, Role.LETTERHEAD, Role.DOC_NUMBER, Role.TITLE, Role.TITLE_TAIL,
    Role.ADDRESSEES,
}
NEUTRAL_ROLES = {Role.BLANK, Role.URL, Role.ATTACHMENT_FILE}
_ROLE_CHECKS = (
    (URL, Role.URL),
    (ATTACHMENT_FILE, Role.ATTACHMENT_FILE),
    (WEB_META, Role.WEB_META),
    (LETTERHEAD, Role.LETTERHEAD),
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
    (ISSUER, Role.ISSUER),
)


@lru_cache(maxsize=1 << 16)  # the splitter and both metadata readers ask about each line
def role_of(line: str) -> Role:
    """The role of one cleaned, stripped line; TEXT when it is ordinary body text."""
    if not line:
        return Role.BLANK
    for pattern, role in _ROLE_CHECKS:
        if pattern.match(line):
            if role in (Role.TITLE, Role.TITLE_TAIL) and any(c in line for c in "《》，。；"):
                return Role.TEXT  # a wrapped body line that happens to end in 的通知
            return role
    if DOC_NUMBER.fullmatch(line.replace(" ", "")):
        return Role.DOC_NUMBER
    return Role.TEXT


def next_nonblank(lines, index: int) -> tuple[int, Role | None]:
    """Index and role of the first non-blank line after `index` (len(lines), None if none)."""
    for later in range(index + 1, len(lines)):
        role = role_of(lines[later].text)
        if role is not Role.BLANK:
            return later, role
    return len(lines), None
