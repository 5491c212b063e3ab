"""Stage 3: one chunk of lines → one structured notice.

Order matters and follows the document: noise lines (web metadata, URLs, attachment file
links) are set aside with their line numbers; then the front matter is read from the top
(版头 and 标题, 主送机关), the closing parts from the bottom (署名, 成文日期, 附注, 附件,
版记); what lies between is the body, rejoined into paragraphs and cut into clauses.
"""

from __future__ import annotations

from build_site.ingest.clauses import build_tree
from build_site.ingest.grammar import (
    ATTACHMENT_HEADING,
    ATTACHMENT_NOTE,
    DATE,
    PRINTED,
    TITLE,
    TITLE_TAIL,
    WEB_META,
    Role,
    iso_date,
    marker_of,
    next_nonblank,
    role_of,
)
from build_site.ingest.normalize import clean_text
from build_site.ingest.paragraphs import join
from build_site.model import (
    Attachment,
    Chunk,
    Field,
    Line,
    Metadata,
    Noise,
    NoiseKind,
    Notice,
    Paragraph,
    Problem,
)

_TAIL_START = {
    Role.ISSUER, Role.DATE, Role.NOTE, Role.CC, Role.REPORT_TO, Role.PRINTED, Role.CONTACT,
    Role.ATTACHMENT_NOTE,
}
_BANJI = {Role.CC, Role.REPORT_TO, Role.PRINTED}


def parse_chunk(chunk: Chunk, wrap: int | None) -> Notice:
    meta = Metadata()
    noise: list[Noise] = []
    lines = _set_aside_noise(chunk.lines, meta, noise)
    body_start = _read_front(lines, meta, noise)
    body_end, contact, attachments, closing_problems = _read_tail(lines, body_start, meta)
    blocks = join(lines[body_start:body_end], wrap)
    preamble, clauses = build_tree(blocks)
    return Notice(
        file=chunk.file,
        first_line=chunk.first_line,
        last_line=chunk.last_line,
        meta=meta,
        preamble=preamble,
        clauses=clauses,
        contact=contact,
        attachments=attachments,
        noise=noise,
        problems=[Problem(chunk.file, line, message) for line, message in closing_problems],
    )


def _set_aside_noise(lines: tuple[Line, ...], meta: Metadata, noise: list[Noise]) -> list[Line]:
    kept: list[Line] = []
    urls: list[Field] = []
    for line in lines:
        role = role_of(line.text)
        if role is Role.URL:
            urls.append(Field(line.text, line=line.number))
            noise.append(Noise(NoiseKind.URL, line.number, line.text))
        elif role is Role.WEB_META:
            match = WEB_META.match(line.text)
            assert match is not None
            value = clean_text(match["value"].strip())
            meta.web[match["key"]] = Field(value, line=line.number)
            noise.append(Noise(NoiseKind.WEB_METADATA, line.number, line.text))
        elif role is Role.ATTACHMENT_FILE:
            name = line.text.split("：", 1)[-1].strip()
            meta.web.setdefault("附件", Field(name, line=line.number))
            noise.append(Noise(NoiseKind.ATTACHMENT_FILE, line.number, line.text))
        else:
            kept.append(line)
    meta.source_urls = tuple(urls)
    return kept


def _read_front(lines: list[Line], meta: Metadata, noise: list[Noise]) -> int:
    """Read 版头, 标题 and 主送机关; return the index of the first body line."""
    titles: list[tuple[str, list[Line]]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        role = role_of(line.text)
        if role is Role.BLANK:
            index += 1
            continue
        if role is Role.LETTERHEAD:
            meta.letterhead = Field(line.text, line=line.number)
        elif role is Role.DOC_NUMBER:
            compact = line.text.replace(" ", "")
            meta.doc_number = Field(compact, line=line.number, raw=_raw_if_changed(line, compact))
        elif role is Role.TITLE:
            titles.append((line.text, [line]))
        elif role is Role.ISSUER and next_nonblank(lines, index)[1] is Role.TITLE_TAIL:
            tail_index, _ = next_nonblank(lines, index)
            tail = lines[tail_index]
            titles.append((line.text + tail.text, [line, tail]))
            index = tail_index
        elif role is Role.TITLE_TAIL:
            titles.append((line.text, [line]))
        elif role is Role.ADDRESSEES:
            meta.addressees = Field(clean_text(line.text).rstrip("：:"), line=line.number)
        else:
            break
        index += 1
    for _, title_lines in titles[:-1]:
        for stray in title_lines:
            noise.append(Noise(NoiseKind.STRAY_TITLE, stray.number, stray.text))
    if titles:
        text, title_lines = titles[-1]
        _set_title(meta, text, title_lines)
    return index


def _set_title(meta: Metadata, text: str, lines: list[Line]) -> None:
    compact = clean_text(text).replace(" ", "")
    meta.title = Field(compact, line=lines[0].number)
    match = TITLE.match(compact) or TITLE_TAIL.match(compact)
    if match:
        meta.doc_type = Field(match["type"], line=lines[-1].number)
        issuer = match.groupdict().get("issuer")
        if issuer:
            meta.issuer = Field(issuer, line=lines[0].number)


def _raw_if_changed(line: Line, value: str) -> str | None:
    return None if line.text == value else line.text


def _read_tail(
    lines: list[Line], body_start: int, meta: Metadata
) -> tuple[int, list[Paragraph], list[Attachment], list[tuple[int, str]]]:
    """Read 署名 … 版记 from the end; return where the body ends and what was found."""
    tail_start = _tail_start(lines, body_start)
    contact: list[Paragraph] = []
    attachments: list[Attachment] = []
    problems: list[tuple[int, str]] = []
    attachment: Attachment | None = None
    last_field: str | None = None
    attachment_lines: list[Line] = []

    def close_attachment() -> None:
        if attachment is not None and attachment_lines:
            attachment.blocks.extend(join(attachment_lines, None, one_per_line=True))
            attachment_lines.clear()

    for line in lines[tail_start:]:
        role = role_of(line.text)
        if role is Role.BLANK:
            continue
        if attachment is not None and role not in _BANJI:
            attachment_lines.append(line)
            continue
        if role in _BANJI:
            close_attachment()
            attachment = None
        text = clean_text(line.text)
        if role is Role.ISSUER and meta.printer is None and _before_printed(lines, line):
            meta.printer = Field(text, line=line.number)
        elif role is Role.ISSUER and meta.signature is None:
            meta.signature = Field(text, line=line.number)
            last_field = "signature"
        elif role is Role.DATE:
            match = DATE.match(line.text)
            assert match is not None
            meta.date = Field(iso_date(match["y"], match["m"], match["d"]), line=line.number,
                              raw=text)
        elif role is Role.NOTE:
            meta.note = Field(text, line=line.number)
        elif role is Role.CC:
            meta.cc = Field(text.split("：", 1)[1].strip(), line=line.number, raw=text)
            last_field = "cc"
        elif role is Role.REPORT_TO:
            meta.report_to = Field(text.split("：", 1)[1].strip(), line=line.number, raw=text)
            last_field = "report_to"
        elif role is Role.PRINTED:
            match = PRINTED.match(line.text)
            assert match is not None
            meta.print_date = Field(iso_date(match["y"], match["m"], match["d"]),
                                    line=line.number, raw=text)
            printer = match["printer1"] or match["printer2"]
            if printer:
                meta.printer = Field(printer, line=line.number)
        elif role is Role.CONTACT:
            contact.append(Paragraph(text, line.number, line.number))
        elif role is Role.ATTACHMENT_NOTE:
            match = ATTACHMENT_NOTE.match(text)
            assert match is not None
            attachments.append(Attachment(match["name"].strip(), line.number, printed=text))
        elif role is Role.ATTACHMENT_HEADING:
            attachment = _attachment_for(attachments, line)
            attachment.heading, attachment.heading_line = text, line.number
        elif last_field in ("cc", "report_to"):
            previous = getattr(meta, last_field)
            setattr(meta, last_field, Field(previous.value + text, line=previous.line,
                                            raw=(previous.raw or previous.value) + text))
        else:
            problems.append((line.number, f"unrecognised line after the body kept as text: {text}"))
            contact.append(Paragraph(text, line.number, line.number))
    close_attachment()
    return tail_start, contact, attachments, problems


def _attachment_for(attachments: list[Attachment], line: Line) -> Attachment:
    """The 附件 heading opens the content of an attachment named in the 附件说明."""
    match = ATTACHMENT_HEADING.match(line.text)
    number = int(match["n"]) if match and match["n"] else 1
    if number <= len(attachments):
        return attachments[number - 1]
    attachments.append(Attachment("", line.number))
    return attachments[-1]


def _before_printed(lines: list[Line], line: Line) -> bool:
    """An organisation name on its own just before `…印发` is the 印发机关."""
    index = lines.index(line)
    following, role = next_nonblank(lines, index)
    return role is Role.PRINTED and not PRINTED.match(lines[following].text)["printer1"]


def _tail_start(lines: list[Line], body_start: int) -> int:
    """The first line of the closing parts: a closing role with no clause after it.

    A signature is an organisation name on its own, so it only counts when followed by
    nothing, a date, a note, or the 版记.
    """
    candidates = len(lines)
    for index in range(len(lines) - 1, body_start - 1, -1):
        line = lines[index]
        role = role_of(line.text)
        if role is Role.BLANK:
            continue
        if role in _TAIL_START or role is Role.ATTACHMENT_HEADING:
            if role is Role.ISSUER and next_nonblank(lines, index)[1] not in {
                None, Role.DATE, Role.NOTE, *_BANJI, Role.ATTACHMENT_HEADING,
            }:
                break
            candidates = index
            continue
        if _inside_attachment_or_banji(lines, index, body_start):
            continue
        break
    return candidates


def _inside_attachment_or_banji(lines: list[Line], index: int, body_start: int) -> bool:
    """Text lines after a 附件 heading, or continuing a 抄送 line, belong to the tail."""
    for earlier in range(index - 1, body_start - 1, -1):
        role = role_of(lines[earlier].text)
        if role is Role.BLANK:
            continue
        if role is Role.ATTACHMENT_HEADING:
            return True
        if role in (Role.CC, Role.REPORT_TO):
            return not lines[earlier].text.rstrip().endswith("。")
        if marker_of(lines[earlier].text) or role is Role.TEXT:
            continue
        return False
    return False
