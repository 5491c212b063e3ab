"""What a single cleaned line is, by the shape GB/T 9704-2012 gives it.

The splitter and the metadata parser both ask these questions; keeping the patterns in
one place means a new variant (another bracket, another 文种) is taught once.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from build_site.normalize import HAN

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
ORG_SUFFIX = (
    r"(?:人民政府|人民政府办公厅|人民政府办公室|委员会|安全生产委员会|办公室|办公厅|政府|"
    r"厅|局|委|办|院|会|部|中心|总队|支队|公司|集团)"
)

DOC_NUMBER = re.compile(rf"(?P<code>[{HAN}]{{1,12}})〔(?P<year>\d{{4}})〕(?P<serial>\d{{1,4}})号")
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
DATE = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")
NOTE = re.compile(r"^[（(]\s*此件.{1,30}[）)]$")
CC = re.compile(r"^抄\s*送\s*[:：]")
REPORT_TO = re.compile(r"^报\s*[:：]")
PRINTED = re.compile(
    r"^(?:(?P<printer1>\S+?)\s+)?(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*"
    r"印发(?:\s+(?P<printer2>\S+))?$"
)
CONTACT = re.compile(r"^(?:联\s*系\s*人|联系电话|电\s*话|传\s*真|邮\s*箱|电子邮箱|地\s*址)\s*[:：]")
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*\d*\s*[:：]\s*(?P<name>.+)$")
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*(?P<n>\d*)$")
SECTION = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})、")


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


@lru_cache(maxsize=1 << 16)  # the splitter and both metadata readers ask about each line
def role_of(line: str) -> Role:
    """The role of one cleaned, stripped line; TEXT when it is ordinary body text."""
    if not line:
        return Role.BLANK
    checks = (
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
    for pattern, role in checks:
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


CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


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
