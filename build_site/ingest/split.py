"""Stage 2: find where each notice in a file begins and ends.

Boundaries come from the document's own structure, never from line numbers: a run of
front matter (web metadata block, 发文机关标志, 文号, 标题, 主送机关) after body text opens a
new notice, and so does the 一、 numbering starting over when a notice has no front matter
at all (the 2010 provincial notice starts straight at 一、).
"""

from __future__ import annotations

from build_site.ingest.grammar import (
    FRONT_ROLES,
    NEUTRAL_ROLES,
    SECTION,
    Role,
    chinese_number,
    next_nonblank,
    role_of,
)
from build_site.model import Chunk, Line


def split(file: str, lines: list[Line]) -> list[Chunk]:
    """Cut a file's cleaned lines into one chunk per notice."""
    starts = _notice_starts(lines)
    chunks = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        body = lines[start:end]
        while body and not body[-1].text:
            body = body[:-1]
        if any(line.text for line in body):
            chunks.append(Chunk(file, body[0].number, body[-1].number, tuple(body)))
    return chunks


def _notice_starts(lines: list[Line]) -> list[int]:
    starts = [0]
    seen_body = False  # body text since the current notice began
    in_front = False  # inside a run of front matter
    last_section = 0  # last 一、 number in the current notice
    for index, line in enumerate(lines):
        role = role_of(line.text)
        if role in NEUTRAL_ROLES:
            continue
        if _opens_front_matter(role, lines, index):
            if seen_body and not in_front:
                starts.append(_back_over_neutral(lines, index, starts[-1]))
                last_section = 0
            seen_body = False
            in_front = True
            continue
        in_front = False
        if role is Role.ATTACHMENT_HEADING:
            last_section = 0  # an attachment numbers its own sections
            continue
        section = SECTION.match(line.text)
        if section and not _continues_ordinal(lines, index):
            number = chinese_number(section["num"])
            if number == 1 and last_section > 1 and seen_body:
                starts.append(index)
            last_section = number
        seen_body = True
    return starts


def _continues_ordinal(lines: list[Line], index: int) -> bool:
    """`…坚持安全第` + `一、预防为主…`: a wrap inside 第一, not a heading."""
    previous = next((line.text for line in reversed(lines[:index]) if line.text), "")
    return previous.endswith("第")


def _opens_front_matter(role: Role, lines: list[Line], index: int) -> bool:
    if role in FRONT_ROLES:
        return True
    # an issuer line directly followed by 关于…的通知 is the first half of a split title
    return role is Role.ISSUER and next_nonblank(lines, index)[1] is Role.TITLE_TAIL


def _back_over_neutral(lines: list[Line], index: int, floor: int) -> int:
    """Blank lines just before a notice's front matter belong to it, not to the last one."""
    while index - 1 > floor and not lines[index - 1].text:
        index -= 1
    return index
