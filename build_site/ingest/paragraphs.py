"""Stage 3b: rejoin wrapped lines into the real paragraphs.

PDF and web extraction broke lines mid-sentence, at a fixed width (the provincial file
wraps at ~47 characters) or anywhere (a page break). A line that does not end a sentence
always continues. A line that ends a sentence ends the paragraph, unless the text was
wrapped at a fixed width, the line is full and the next line is full too: a paragraph's
first line is indented two characters, so a full-width next line is a continuation.
"""

from __future__ import annotations

import re
from collections import Counter

from build_site.ingest.grammar import (
    SCHEMES,
    SECTOR_LABEL,
    ends_sentence,
    marker_of,
)
from build_site.ingest.normalize import clean_text
from build_site.model import Block, Line, Paragraph, Table

_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   r"\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def display_width(text: str) -> int:
    """Columns a line takes in a fixed-width layout: CJK and full-width forms count two."""
    if text.isascii():
        return len(text)
    return 2 * len(text) - len(_WIDE.sub("", text))  # a third faster than counting matches


def wrap_width(lines: list[str]) -> int | None:
    """The fixed width a file was wrapped at, if it was: most long lines share it."""
    widths = [display_width(line) for line in lines if line]
    long = [width for width in widths if width >= 60]
    if len(long) < 20:
        return None
    mode, _ = Counter(long).most_common(1)[0]
    near = sum(1 for width in long if abs(width - mode) <= 4)
    return mode if near >= 0.5 * len(long) and mode <= 200 else None


def is_heading_line(text: str, wrap: int | None) -> bool:
    """`一、推动责任落实，树牢安全理念`: a marker, a short title, no sentence punctuation; not
    a line as long as the text's fixed width, which the wrap cut (`第二条　…设计、建设、运`)."""
    if not marker_of(text) or (wrap is not None and display_width(text) >= wrap - 4):
        return False
    return len(text) <= 40 and not any(c in text for c in "。；;！？") and text[-1] not in "，,、"


def _starts_paragraph(
    paragraph: str, previous: str, line: str, following: str | None, wrap: int | None
) -> bool:
    """Does `line` open a new paragraph after `previous`, the last line of `paragraph`?"""
    marker = marker_of(line)
    if marker and SCHEMES[marker[0]].continuous:  # `第十二条` may be a wrapped citation
        return (ends_sentence(paragraph) or is_heading_line(previous, wrap)
                or previous[-1] in "：；")
    if marker:
        return not previous.endswith("第")  # `安全第` / `一、预防为主`: a wrapped ordinal
    if line[0] in "（(":  # a parenthesis (e.g. the responsible departments) goes on
        return False
    if is_heading_line(previous, wrap):
        return True
    if not ends_sentence(paragraph):
        return False
    if SECTOR_LABEL.match(line) or wrap is None or display_width(previous) < wrap - 8:
        return True
    # The previous line is full and ends a sentence: the wrap may have fallen on a sentence
    # end. A paragraph's first line is indented two characters, so a full next line goes
    # on; and a short last line that ends a sentence rarely stands alone after a full one.
    width = display_width(line)
    if width >= wrap - 2:
        return False
    last = ends_sentence(line) and (
        width < wrap - 8 or following is None or marker_of(following) is not None
    )
    return not last


def _concatenate(parts: list[str]) -> str:
    """Chinese lines join without a space; two Latin words split by the wrap need one."""
    text = parts[0]
    for part in parts[1:]:
        gap = " " if text[-1:].isascii() and text[-1:].isalpha() and part[:1].isalpha() \
            and part[:1].isascii() else ""
        text += gap + part
    return text


def join(lines: list[Line], wrap: int | None, one_per_line: bool = False) -> list[Block]:
    """Group non-blank body lines into paragraphs and tables.

    `one_per_line` is for attachments (forms, tables, lists): each line stands alone.
    """
    blocks: list[Block] = []
    current: list[Line] = []
    table: list[Line] = []

    def flush_paragraph() -> None:
        if current:
            text = clean_text(_concatenate([line.text for line in current]))
            blocks.append(Paragraph(text, current[0].number, current[-1].number))
            current.clear()

    def flush_table() -> None:
        if table:
            rows = tuple(
                tuple(clean_text(cell.strip()) for cell in line.text.split("\t")) for line in table
            )
            blocks.append(Table(rows, table[0].number, table[-1].number))
            table.clear()

    texts = [line for line in lines if line.text]
    for index, line in enumerate(texts):
        if line.text.count("\t") >= 2:
            flush_paragraph()
            table.append(line)
            continue
        flush_table()
        if current and (
            one_per_line
            or _starts_paragraph(
                "".join(part.text for part in current),
                current[-1].text,
                line.text,
                texts[index + 1].text if index + 1 < len(texts) else None,
                wrap,
            )
        ):
            flush_paragraph()
        current.append(line)
    flush_paragraph()
    flush_table()
    return blocks
