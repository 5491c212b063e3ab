"""Stage 2: find where each notice in a file begins and ends.

Boundaries come from the document's own structure, never from line numbers, and they are
drawn conservatively: a wrong cut publishes half a notice under a made-up title, a missed
one only leaves two notices on one page. A new notice opens where front matter (web metadata
block, 发文机关标志, 文号, a 公文 title, 主送机关) stands after body text that ended a sentence,
except where that front matter belongs to the notice before: the document an 印发 or 转发
notice carries, after its 附件 heading or its date. In a file that holds several notices
(found so), the 一、 numbering starting over also opens one, since some have no front matter
at all (the 2010 provincial notice starts straight at 一、); a part found so, without title
and without 文号, is reported by the corpus stage so that someone checks it.
"""

from __future__ import annotations

import re

from build_site.ingest.grammar import (
    HEAD_ROLES,
    NEUTRAL_ROLES,
    SECTION,
    TITLE,
    Role,
    carried_titles,
    chinese_number,
    ends_sentence,
    marker_of,
    next_nonblank,
    role_of,
    title_run,
)
from build_site.model import Chunk, Line

_STRONG = {Role.WEB_META, Role.LETTERHEAD, Role.DOC_NUMBER, Role.ORDER_NUMBER}


def split(file: str, lines: list[Line]) -> list[Chunk]:
    """Cut a file's cleaned lines into one chunk per notice."""
    starts = _notice_starts(lines, restarts=False)
    if len(starts) > 1:  # a file of several notices: some may have no front matter
        starts = _notice_starts(lines, restarts=True)
    chunks = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        body = lines[start:end]
        while body and not body[-1].text:
            body = body[:-1]
        if any(line.text for line in body):
            chunks.append(Chunk(file, body[0].number, body[-1].number, tuple(body)))
    return chunks


def _notice_starts(lines: list[Line], restarts: bool) -> list[int]:
    starts = [0]
    seen_body = False  # body text since the current notice began
    last_section = 0  # last 一、 number in the current notice
    carried: list[str] = []  # titles of documents the current notice carries (印发, 转发)
    attached = False  # after a 附件 heading, or after the date of a notice that carries one
    index = 0
    while index < len(lines):
        line = lines[index]
        role = role_of(line.text)
        if role in NEUTRAL_ROLES:
            index += 1
            continue
        front_end = _front_matter(lines, index)
        if front_end is None and role is Role.WEB_META:
            index += 1  # one line of web metadata: noise, wherever it stands
            continue
        if front_end is not None and seen_body and _title_only(lines, index, front_end) and (
                _numbering_goes_on(lines, front_end)):
            front_end = None  # a title quoted in the body: the clauses go on after it
        if front_end is not None:
            title = _title_in(lines, index, front_end)
            web_page = any(role_of(line.text) is Role.WEB_META
                           for line in lines[index:front_end])
            belongs = not web_page and (attached or (
                title is not None and _carried(title, carried)))
            if seen_body and not belongs and _after_a_sentence(lines, index):
                starts.append(_back_over_neutral(lines, index, starts[-1]))
                last_section, carried = 0, []
            if title is not None and not belongs:
                carried = carried_titles(title)
            attached = False
            seen_body = seen_body and belongs
            index = front_end
            continue
        if role is Role.ATTACHMENT_HEADING:
            last_section, attached = 0, True  # an attachment numbers its own sections
        elif role is Role.DATE and carried:
            attached = True  # what follows the date of an 印发 notice is what it carries
        elif role in (Role.CC, Role.REPORT_TO, Role.PRINTED):
            attached, carried = False, []  # the 版记 closes the document
        else:
            section = SECTION.match(line.text)
            if section and not _continues_ordinal(lines, index):
                number = chinese_number(section["num"])
                if (restarts and number == 1 and last_section > 1 and seen_body
                        and not attached and _after_a_sentence(lines, index)):
                    starts.append(index)
                    carried = []
                last_section = number
            seen_body = True
            attached = False  # an attached document's front matter comes first, or never
        index += 1
    return starts


def _front_matter(lines: list[Line], index: int) -> int | None:
    """Where a run of front matter starting at `index` ends, if one starts there: a strong
    element (web metadata, 发文机关标志, 令号, 文号), a 公文 title of one or more lines, or a
    主送机关 line; blank and noise lines inside the run belong to it."""
    role = role_of(lines[index].text)
    following = (next_nonblank(lines, index)[1]
                 if role in HEAD_ROLES or role in (Role.WEB_META, Role.ISSUER) else None)
    if role in HEAD_ROLES and following not in (*_STRONG, *HEAD_ROLES):
        return None  # a number or a word that only stands above a 发文机关标志
    if role is Role.WEB_META and following is not Role.WEB_META:
        return None  # one line (主题词：…) is no web page's metadata block
    if role is Role.ISSUER and following in (Role.DOC_NUMBER, Role.MALFORMED_DOC_NUMBER):
        end = index + 1  # a 发文机关标志 without 文件: the organ's name over its 文号
    elif role in _STRONG or role in HEAD_ROLES or role in (Role.ADDRESSEES,
                                                          Role.MALFORMED_DOC_NUMBER):
        end = index + 1
    else:
        run = title_run(lines, index, TITLE)
        if run is None:
            return None
        end = run[0]
    while True:  # the rest of the run: more front matter after blank lines
        following, role = next_nonblank(lines, end - 1)
        if role is None:
            return len(lines)
        if role in _STRONG or role in HEAD_ROLES or role in (
                Role.ADDRESSEES, Role.SIGNER, Role.MALFORMED_DOC_NUMBER):
            end = following + 1
            continue
        run = title_run(lines, following, TITLE)
        if run is None:
            return end
        end = run[0]


def _title_only(lines: list[Line], start: int, end: int) -> bool:
    """A run of front matter that is a title and nothing else (no 文号, 版头, 主送机关)."""
    return all(role_of(line.text) in (Role.BLANK, Role.TEXT, Role.TITLE, Role.TITLE_TAIL,
                                      Role.ISSUER) for line in lines[start:end])


def _numbering_goes_on(lines: list[Line], index: int) -> bool:
    """The first line after `index` is a clause numbered past 1: the notice before goes on."""
    following, _ = next_nonblank(lines, index - 1)
    marker = marker_of(lines[following].text) if following < len(lines) else None
    return marker is not None and ((marker[1].isdigit() and int(marker[1]) > 1) or (
        not marker[1].isdigit() and chinese_number(marker[1]) > 1))


def _title_in(lines: list[Line], start: int, end: int) -> str | None:
    """The 公文 title inside a front-matter run, as one line of text."""
    index = start
    while index < end:
        run = title_run(lines, index, TITLE)
        if run is not None:
            return run[1]
        index += 1
    return None


def _carried(title: str, carried: list[str]) -> bool:
    """The title of the document an 印发 or 转发 notice carries, not a notice of its own."""
    own = _compact(title)
    return any(own == _compact(name) or _from_guanyu(own) == _from_guanyu(_compact(name))
               for name in carried)


def _compact(text: str) -> str:
    return re.sub(r"[\s《》“”\"]", "", text)


def _from_guanyu(text: str) -> str:
    return text[text.find("关于"):] if "关于" in text else text


def _after_a_sentence(lines: list[Line], index: int) -> bool:
    """The line before ended a sentence, a closing part or a heading: a notice cannot start
    in the middle of a sentence (`…贯彻落实` + `省政府关于…的通知》精神`)."""
    previous = _previous_text(lines, index)
    return (not previous or ends_sentence(previous) or previous[-1] in "：；）)"
            or previous.count("\t") >= 2  # a table row
            or role_of(previous) not in (Role.TEXT, Role.TITLE, Role.TITLE_TAIL))


def _continues_ordinal(lines: list[Line], index: int) -> bool:
    """`…坚持安全第` + `一、预防为主…`: a wrap inside 第一, not a heading."""
    return _previous_text(lines, index).endswith("第")


def _previous_text(lines: list[Line], index: int) -> str:
    """The last non-blank line before `index` (a loop: slicing a long file costs)."""
    for earlier in range(index - 1, -1, -1):
        if lines[earlier].text:
            return lines[earlier].text
    return ""


def _back_over_neutral(lines: list[Line], index: int, floor: int) -> int:
    """Blank lines just before a notice's front matter belong to it, not to the last one."""
    while index - 1 > floor and not lines[index - 1].text:
        index -= 1
    return index
