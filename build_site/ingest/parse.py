"""Stage 3: one chunk of lines → one structured notice, read as GB/T 9704-2012 lays it out.

版头 (发文机关标志, 令号 or 发文字号, 签发人) → 标题 (one line or several, maybe its 文号
after it) → 主送机关 → 正文 → 附件说明 → 发文机关署名 → 成文日期 → 附注 → 附件 → 版记
(抄送, 印发机关和印发日期). Noise lines (web metadata, URLs, web page furniture, page
numbers) are set aside first with their line numbers. The body is rejoined into paragraphs
and cut into clauses. An attachment is read as a document of its own: the plan an 印发
notice carries (after its 附件 heading, or straight after the date), the notice a 转发 one
forwards, a form. A 令 is signed before its body: the order text comes first, signed by the
head of the organ and dated, then the regulation it promulgates, whose articles are the 令's.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from build_site.ingest.clauses import build_tree
from build_site.ingest.grammar import (
    ATTACHMENT_HEADING,
    ATTACHMENT_ITEM,
    ATTACHMENT_NOTE,
    DATE,
    DOC_NUMBER_ANY_BRACKETS,
    DOC_NUMBER_LINE,
    DOCUMENT_TITLE,
    ORDER_NUMBER,
    PRINTED,
    SIGNER,
    TITLE,
    TITLE_TAIL,
    WEB_META,
    Role,
    carried_titles,
    compact,
    ends_sentence,
    is_addressee_line,
    marker_of,
    next_nonblank,
    role_of,
    title_run,
    written_date,
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

_CLOSING = {
    Role.ISSUER, Role.SIGNATORY, Role.DATE, Role.NOTE, Role.CONTACT, Role.ATTACHMENT_NOTE,
}
_BANJI = {Role.CC, Role.REPORT_TO, Role.PRINTED}
_HEAD = {Role.COPY_NUMBER: "copy_number", Role.SECRECY: "secrecy", Role.URGENCY: "urgency"}
_NOISE = {
    Role.URL: NoiseKind.URL,
    Role.WEB_META: NoiseKind.WEB_METADATA,
    Role.WEB_NOISE: NoiseKind.WEB_FURNITURE,
    Role.PAGE_NUMBER: NoiseKind.PAGE_NUMBER,
    Role.ATTACHMENT_FILE: NoiseKind.ATTACHMENT_FILE,
}


@dataclass(frozen=True)
class Layout:
    """Where the parts of a document stand among its lines (indices, end excluded)."""

    body: tuple[int, int]
    closing: tuple[int, int]
    attachments: tuple[tuple[int, int], ...]
    banji: tuple[int, int]


def parse_chunk(chunk: Chunk, wrap: int | None, printed: tuple[str, ...] = ()) -> Notice:
    """`printed`: the file's lines as received, where a field keeps the form it was printed
    in (a 文号 in ［］, say, normalised to 〔〕 everywhere else)."""
    meta = Metadata()
    noise: list[Noise] = []
    problems: list[tuple[int, str]] = []
    lines = _set_aside_noise(chunk.lines, meta, noise)
    body_start = read_front(lines, 0, meta, noise, printed)
    carried = carried_titles(meta.title.value) if meta.title else []
    layout = lay_out(lines, body_start, len(lines), carried)
    contact, notes = _read_closing(lines, layout.closing, meta, problems)
    _read_banji(lines, layout.banji, meta, problems)
    blocks = join(lines[slice(*layout.body)], wrap)
    spans = list(layout.attachments)
    headed = bool(spans) and role_of(lines[spans[0][0]].text) is Role.ATTACHMENT_HEADING
    if _is_order(meta) and spans and not headed:
        regulation = _read_document(lines, spans.pop(0), Metadata(), noise, wrap, "", "",
                                    printed)
        _take_regulation(meta, regulation)
        blocks += regulation.blocks
        preamble, clauses = blocks, regulation.clauses
    else:
        preamble, clauses = build_tree(blocks)
    attachments = _attachments(lines, spans, notes, noise, wrap, printed)
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
        problems=[Problem(chunk.file, line, message) for line, message in problems],
    )


# --- noise ----------------------------------------------------------------------------------


def _set_aside_noise(lines: tuple[Line, ...], meta: Metadata, noise: list[Noise]) -> list[Line]:
    kept: list[Line] = []
    urls: list[Field] = []
    for line in lines:
        if line.markup:
            noise.append(Noise(NoiseKind.MARKUP, line.number, line.markup))
        role = role_of(line.text)
        kind = _NOISE.get(role)
        if kind is None:
            kept.append(line)
            continue
        noise.append(Noise(kind, line.number, line.text))
        if role is Role.URL:
            urls.append(Field(line.text, line=line.number))
        elif role is Role.WEB_META:
            match = WEB_META.match(line.text)
            assert match is not None
            value = clean_text(match["value"].strip())
            meta.web[match["key"] or match["other"]] = Field(value, line=line.number)
        elif role is Role.ATTACHMENT_FILE:
            name = line.text.split("：", 1)[-1].strip()
            meta.web.setdefault("附件", Field(name, line=line.number))
    meta.source_urls = tuple(urls)
    return kept


# --- front matter -----------------------------------------------------------------------------


def read_front(lines: list[Line], index: int, meta: Metadata, noise: list[Noise],
               printed: tuple[str, ...], document: bool = False) -> int:
    """Read 版头, 标题 and 主送机关 from `index`; return the index of the first body line.

    `document`: the top of an attachment, whose title may be a plan's or a regulation's
    (`…实施方案`, `…办法`) rather than a 公文's (`…关于…的通知`)."""
    titles: list[tuple[str, int, int]] = []  # text, first and last line index
    while index < len(lines):
        line = lines[index]
        role = role_of(line.text)
        if role is Role.BLANK:
            index += 1
            continue
        if (role is Role.LETTERHEAD or (role is Role.ISSUER and next_nonblank(lines, index)[1] in (
                Role.DOC_NUMBER, Role.MALFORMED_DOC_NUMBER))) and not titles:
            meta.letterhead = Field(compact(line.text), line=line.number,
                                    raw=_raw_if_changed(line, compact(line.text)))
        elif role is Role.ORDER_NUMBER:
            match = ORDER_NUMBER.match(line.text)
            assert match is not None
            meta.order_number = Field(f"第{match['n']}号", line=line.number, raw=line.text)
        elif role is Role.DOC_NUMBER:
            _read_doc_number(line, meta, printed)
        elif role is Role.SIGNER:
            match = SIGNER.match(line.text)
            assert match is not None
            meta.signer = Field(compact(match["name"]), line=line.number, raw=line.text)
        elif role in _HEAD and not titles:
            setattr(meta, _HEAD[role], Field(compact(line.text), line=line.number,
                                             raw=_raw_if_changed(line, compact(line.text))))
        elif role is Role.MALFORMED_DOC_NUMBER and meta.doc_number is None:
            meta.malformed_doc_number = Field(line.text, line=line.number)
        elif run := _title(lines, index, document and not titles):
            end, text = run
            titles.append((text, index, end - 1))
            index = end
            continue
        elif (addressed := _addressees(lines, index)) is not None:
            end, text = addressed
            meta.addressees = Field(clean_text(text).rstrip("：:"), line=line.number,
                                    raw=text if end - index > 1 else None)
            index = end
            break
        else:
            break
        index += 1
    for _, first, last in titles[:-1]:
        for stray in lines[first:last + 1]:
            if stray.text:
                noise.append(Noise(NoiseKind.STRAY_TITLE, stray.number, stray.text))
    if titles:
        text, first, last = titles[-1]
        _set_title(meta, text, lines[first], lines[last])
    return index


def _title(lines: list[Line], index: int, document: bool) -> tuple[int, str] | None:
    run = title_run(lines, index, TITLE)
    if run is None and document:
        run = title_run(lines, index, DOCUMENT_TITLE)
    return run


def _read_doc_number(line: Line, meta: Metadata, printed: tuple[str, ...]) -> None:
    """The 文号, normalised; `raw` keeps it as printed (`豫政［2015］78号`)."""
    match = DOC_NUMBER_LINE.match(compact(line.text))
    assert match is not None
    source = printed[line.number - 1] if line.number <= len(printed) else line.text
    as_printed = DOC_NUMBER_ANY_BRACKETS.search(source)
    raw = compact(as_printed.group(0)) if as_printed else line.text
    meta.doc_number = Field(match["number"], line=line.number,
                            raw=raw if raw != match["number"] else None)
    if match["signer"]:
        meta.signer = Field(match["signer"], line=line.number, raw=f"签发人：{match['signer']}")


def _addressees(lines: list[Line], index: int) -> tuple[int, str] | None:
    """主送机关: one line, or a list wrapped over two or three (`…，` + `各直属机构：`, or
    wherever a PDF broke the line)."""
    text = ""
    for end in range(index, min(index + 3, len(lines))):
        line = lines[end].text
        if not line or role_of(line) not in (Role.TEXT, Role.ADDRESSEES, Role.ISSUER):
            return None
        text += line
        if is_addressee_line(compact(text)):
            return end + 1, text
        if any(mark in line for mark in "。；：:！？"):
            return None
    return None


def _set_title(meta: Metadata, text: str, first: Line, last: Line) -> None:
    title = clean_text(text)
    meta.title = Field(title, line=first.number)
    match = TITLE.match(title) or TITLE_TAIL.match(title)
    if match:
        meta.doc_type = Field(match["type"], line=last.number)
        issuer = match.groupdict().get("issuer")
        if issuer:
            meta.issuer = Field(issuer, line=first.number)


def _raw_if_changed(line: Line, value: str) -> str | None:
    return None if line.text == value else line.text


# --- where the parts are ----------------------------------------------------------------------


def lay_out(lines: list[Line], start: int, end: int, carried: list[str]) -> Layout:
    """Body, closing, attachments and 版记 of the lines [start, end) after the front matter.

    The closing ends at the 成文日期 that follows a sentence or a signature; what follows it
    (after the 附注 and contact lines) up to the 版记 is attached to the document. Without such
    a date the attachments start at the first 附件 heading, or, in an 印发 or 转发 notice, at
    the title of the document it carries; the closing is what stands right before them."""
    banji = _banji_start(lines, start, end)
    headings = [i for i in range(start, banji) if role_of(lines[i].text) is Role.ATTACHMENT_HEADING]
    limit = headings[0] if headings else banji
    date = _closing_date(lines, start, limit)
    if date is not None:
        after = date + 1
        while after < limit and role_of(lines[after].text) in (
                Role.BLANK, Role.NOTE, Role.CONTACT, Role.ISSUER):
            after += 1
        attached = after if any(line.text for line in lines[after:banji]) else banji
        closing = (_closing_start(lines, start, date), after)
    else:
        attached = limit if headings else _carried_start(lines, start, banji, carried)
        closing = (_closing_start(lines, start, attached), attached)
    cuts = [attached, *(i for i in headings if i > attached), banji]
    spans = tuple((a, b) for a, b in itertools.pairwise(cuts) if a < b)
    return Layout((start, closing[0]), closing, spans, (banji, end))


def _banji_start(lines: list[Line], start: int, end: int) -> int:
    """The first line of the 版记: 抄送, 报, 印发 lines (and the 抄送 lines' continuations)
    with nothing else after them."""
    first = end
    for index in range(end - 1, start - 1, -1):
        role = role_of(lines[index].text)
        if role in _BANJI or (role is Role.ISSUER and next_nonblank(lines, index)[1] is
                              Role.PRINTED):
            if _only_banji_after(lines, index, end):
                first = index
        elif role is not Role.BLANK and index < first - 12:
            break
    return first


def _only_banji_after(lines: list[Line], index: int, end: int) -> bool:
    continuing = False
    for line in lines[index:end]:
        role = role_of(line.text)
        if role is Role.BLANK:
            continue
        if role in (Role.CC, Role.REPORT_TO):
            continuing = not line.text.rstrip().endswith("。")
        elif role in (Role.PRINTED, Role.ISSUER):
            continuing = False
        elif not (role is Role.TEXT and continuing):
            return False
    return True


def _closing_date(lines: list[Line], start: int, end: int) -> int | None:
    """The 成文日期: a date line after a sentence end, a signature or the 附件说明."""
    for index in range(start, end):
        if role_of(lines[index].text) is not Role.DATE:
            continue
        previous = next((line.text for line in reversed(lines[start:index]) if line.text), "")
        if not previous or ends_sentence(previous) or role_of(previous) in _CLOSING or (
                ATTACHMENT_ITEM.match(previous)):
            return index
    return None


def _closing_start(lines: list[Line], start: int, end: int) -> int:
    """The first line of the closing parts before `end`: closing roles with no body text
    after them. A signature is an organisation name on its own, so it only counts when
    followed by nothing, a date, a note or an attachment; the items of a numbered 附件说明
    (`2. …`) count when the 附件说明 stands above them."""
    first = end
    index = end - 1
    while index >= start:
        line = lines[index].text
        role = role_of(line)
        if role is Role.BLANK:
            index -= 1
            continue
        if role in _CLOSING:
            if role is Role.ISSUER and next_nonblank(lines, index)[1] not in {
                None, Role.DATE, Role.NOTE, Role.SIGNATORY, *_BANJI, Role.ATTACHMENT_HEADING,
            } and next_nonblank(lines, index)[0] < end:
                break
            first = index
        elif ATTACHMENT_ITEM.match(line) and _note_above(lines, start, index):
            first = index
        else:
            break
        index -= 1
    return first


def _note_above(lines: list[Line], start: int, index: int) -> bool:
    """A 附件说明 line stands above `index`, with only its numbered items between."""
    for earlier in range(index - 1, start - 1, -1):
        line = lines[earlier].text
        if not line:
            continue
        if role_of(line) is Role.ATTACHMENT_NOTE:
            return True
        if not ATTACHMENT_ITEM.match(line):
            return False
    return False


def _carried_start(lines: list[Line], start: int, end: int, carried: list[str]) -> int:
    """Where the document an 印发 or 转发 notice carries begins, when no 附件 heading or
    date says so: at a title naming it, after the covering letter's first paragraph."""
    if not carried:
        return end
    names = {_comparable(name) for name in carried}
    for index in range(start + 1, end):
        if not ends_sentence(next((line.text for line in reversed(lines[start:index])
                                   if line.text), "")):
            continue
        for pattern in (TITLE, DOCUMENT_TITLE):
            run = title_run(lines, index, pattern)
            if run and _comparable(run[1]) in names:
                return index
    return end


def _comparable(title: str) -> str:
    """A title as two copies of it agree on: from 关于 on (转发 notices shorten the issuer),
    without spaces, book-title marks or the bracketed years of a plan."""
    text = compact(title).translate(str.maketrans("", "", "《》〈〉“”\"（）()—-"))
    return text[text.find("关于"):] if "关于" in text else text


# --- closing and 版记 --------------------------------------------------------------------------


def _read_closing(lines: list[Line], span: tuple[int, int], meta: Metadata,
                  problems: list[tuple[int, str]]) -> tuple[list[Paragraph], list[Attachment]]:
    """署名, 成文日期, 附注, 附件说明 and contact lines; returns the contact lines and the
    attachments the 附件说明 names."""
    contact: list[Paragraph] = []
    notes: list[Attachment] = []
    for line in lines[slice(*span)]:
        role = role_of(line.text)
        if role is Role.BLANK:
            continue
        text = clean_text(line.text)
        if role in (Role.ISSUER, Role.SIGNATORY) and meta.signature is None:
            meta.signature = Field(compact(text) if role is Role.SIGNATORY else text,
                                   line=line.number, raw=text)
        elif role is Role.DATE:
            match = DATE.match(line.text)
            assert match is not None
            meta.date = Field(written_date(match), line=line.number, raw=text)
        elif role is Role.NOTE:
            meta.note = Field(text, line=line.number)
        elif role is Role.CONTACT:
            contact.append(Paragraph(text, line.number, line.number))
        elif role is Role.ATTACHMENT_NOTE:
            match = ATTACHMENT_NOTE.match(text)
            assert match is not None
            item = ATTACHMENT_ITEM.match(match["name"].strip())
            name = item["name"] if item else match["name"]
            notes.append(Attachment(name.strip(), line.number, printed=text))
        elif (item := ATTACHMENT_ITEM.match(text)) and notes:
            notes.append(Attachment(item["name"].strip(), line.number, printed=text))
        else:
            problems.append((line.number, f"unrecognised line after the body kept as text: {text}"))
            contact.append(Paragraph(text, line.number, line.number))
    return contact, notes


def _read_banji(lines: list[Line], span: tuple[int, int], meta: Metadata,
                problems: list[tuple[int, str]]) -> None:
    last_field: str | None = None
    for index in range(*span):
        line = lines[index]
        role = role_of(line.text)
        if role is Role.BLANK:
            continue
        text = clean_text(line.text)
        if role is Role.ISSUER:
            meta.printer = Field(text, line=line.number)
        elif role in (Role.CC, Role.REPORT_TO):
            last_field = "cc" if role is Role.CC else "report_to"
            setattr(meta, last_field, Field(text.split("：", 1)[1].strip(), line=line.number,
                                            raw=text))
        elif role is Role.PRINTED:
            match = PRINTED.match(line.text)
            assert match is not None
            meta.print_date = Field(written_date(match), line=line.number, raw=text)
            printer = match["printer1"] or match["printer2"]
            if printer:
                meta.printer = Field(printer, line=line.number)
        elif last_field is not None:
            previous = getattr(meta, last_field)
            setattr(meta, last_field, Field(previous.value + text, line=previous.line,
                                            raw=(previous.raw or previous.value) + text))
        else:
            problems.append((line.number, f"unrecognised line in the 版记 kept as text: {text}"))


# --- attachments ------------------------------------------------------------------------------


def _attachments(lines: list[Line], spans: list[tuple[int, int]], notes: list[Attachment],
                 noise: list[Noise], wrap: int | None, printed: tuple[str, ...]
                 ) -> list[Attachment]:
    """Each attachment's content joined to its name in the 附件说明, by its number."""
    attachments = list(notes)
    several = len(spans) > 1 or len(notes) > 1
    for position, span in enumerate(spans, 1):
        heading = ATTACHMENT_HEADING.match(lines[span[0]].text)
        number = int(heading["n"]) if heading and heading["n"] else position
        path = f"附件{number} " if several else "附件 "
        content = _read_document(lines, span, Metadata(), noise, wrap, f"f{number}", path,
                                 printed)
        content.anchor = f"f{number}"
        if number <= len(attachments):
            named = attachments[number - 1]
            content.name, content.line, content.printed = named.name, named.line, named.printed
        elif content.meta.title is not None:
            content.name = content.meta.title.value
        if number <= len(attachments):
            attachments[number - 1] = content
        else:
            attachments.append(content)
    return attachments


def _read_document(lines: list[Line], span: tuple[int, int], meta: Metadata,
                   noise: list[Noise], wrap: int | None, anchor: str, path: str,
                   printed: tuple[str, ...]) -> Attachment:
    """An attachment: its heading, its own front matter, body and closing. A document with
    numbered clauses is read as paragraphs and clauses; a form, a list or a table line by
    line, as it is laid out."""
    start, end = span
    attachment = Attachment("", lines[start].number, meta=meta)
    if role_of(lines[start].text) is Role.ATTACHMENT_HEADING:
        attachment.heading = clean_text(lines[start].text)
        attachment.heading_line = lines[start].number
        start += 1
    body = read_front(lines, start, meta, noise, printed, document=True)
    layout = lay_out(lines, body, end, [])
    problems: list[tuple[int, str]] = []
    contact, _ = _read_closing(lines, (layout.closing[0], end), meta, problems)
    text = lines[layout.body[0]:layout.body[1]] + [
        Line(paragraph.first_line, paragraph.text) for paragraph in contact]
    if any(marker_of(line.text) for line in text):
        attachment.blocks, attachment.clauses = build_tree(join(text, wrap), anchor, path)
    else:
        attachment.blocks = join(text, None, one_per_line=True)
    return attachment


def _is_order(meta: Metadata) -> bool:
    """A 令: 版头 `…令` or a 令号 (第8号)."""
    return meta.order_number is not None or (
        meta.letterhead is not None and meta.letterhead.value.endswith("令"))


def _take_regulation(meta: Metadata, regulation: Attachment) -> None:
    """A 令 is known by the regulation it promulgates, whose title is the notice's, and
    cited by its 版头 and number (`应急管理部令第8号`)."""
    if meta.title is None and regulation.meta.title is not None:
        meta.title = regulation.meta.title
    if meta.doc_type is None:
        meta.doc_type = Field("令", line=(meta.letterhead or meta.order_number).line)
    if meta.doc_number is None and meta.order_number is not None and meta.letterhead:
        organ = meta.letterhead.value.removeprefix("中华人民共和国")
        meta.doc_number = Field(organ + meta.order_number.value, line=meta.order_number.line,
                                raw=meta.order_number.raw, reason="发文机关标志与令号")

