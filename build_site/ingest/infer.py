"""Stage 5: complete each notice's metadata, marking everything the source did not state.

Order of evidence, strongest first: the notice itself (版头, 标题, 署名, 成文日期), then the
web page's metadata block around it, then the text of the body, then the notices next
to it in the same file. A 文号 is never inferred: a notice without one has none.
"""

from __future__ import annotations

import re

from build_site.ingest.grammar import DOC_NUMBER, SIGNATORY, TITLE, TITLE_TAIL
from build_site.ingest.normalize import clean_text, normalize_doc_number
from build_site.model import Field, Notice
from build_site.registers.issuers import Issuers

# the year a notice is about, as its own text names it: `2010年全省安全生产工作的指导思想`,
# `现就切实抓好2012年安全生产工作提出以下意见`; never a deadline or a target (`到2025年`)
_PLAN_YEAR = re.compile(
    r"(?P<subject>(?P<year>\d{4})年(?:全省|全市|全县|全区)?安全生产(?:工作)?)的?"
    r"(?:指导思想|总体|工作目标|重点)"
)
_SUBJECT = re.compile(
    r"现就(?P<subject>[^，。；]{0,20}?(?P<year>(?:19|20)\d\d)年[^，。；]{0,30}?)"
    r"(?:提出|通知如下|有关事项)"
)
# a year in a title, not one end of a range (`（2024—2026年）`, `2024-2026年`)
_TITLE_YEAR = re.compile(r"(?<![\d—\-－~～至到])((?:19|20)\d\d)年(?!\s*[—\-－~～至到])")
_LETTERHEAD_SUFFIX = re.compile(r"(?:文件|令|通报|简报|纪要)$")
_TYPE_PHRASES = (
    (re.compile(r"提出(?:如下|以下)意见"), "意见"),
    (re.compile(r"通知如下"), "通知"),
    (re.compile(r"决定如下"), "决定"),
)


def complete_metadata(notices: list[Notice], issuers: Issuers) -> None:
    """Fill missing fields in place (the notices of one file, in file order)."""
    for notice in notices:
        _from_web_block(notice)
        _title_from_file_name(notice)
        _issuer(notice, issuers)
        _year(notice)
        _doc_type_from_text(notice)
    for index, notice in enumerate(notices):
        _from_neighbours(notice, notices[:index][::-1] + notices[index + 1 :])
    for notice in notices:
        _title(notice)
    _move_misplaced_urls(notices)


def _from_web_block(notice: Notice) -> None:
    """The web page's own metadata states a field the text lost (e.g. 标题, 发文字号)."""
    meta, web = notice.meta, notice.meta.web
    if meta.doc_number is None and "发文字号" in web:
        value = normalize_doc_number(web["发文字号"].value).replace(" ", "")
        if DOC_NUMBER.fullmatch(value):
            meta.doc_number = Field(value, line=web["发文字号"].line, reason="网页元数据 发文字号")
    if meta.title is None and "标题" in web:
        meta.title = Field(web["标题"].value.replace(" ", ""), line=web["标题"].line,
                           reason="网页元数据 标题")
    written = web.get("成文日期")
    if meta.date is None and written and re.fullmatch(r"\d{4}-\d\d-\d\d", written.value):
        meta.date = Field(written.value, line=written.line, reason="网页元数据 成文日期")


def _issuer(notice: Notice, issuers: Issuers) -> None:
    """The 版头 names the issuer in full (国务院安全生产委员会办公室文件, where the title may
    say 国务院安委会办公室); then the title, the signature, the web page, the 文号."""
    meta = notice.meta
    if meta.letterhead is not None and _LETTERHEAD_SUFFIX.search(meta.letterhead.value):
        name = _LETTERHEAD_SUFFIX.sub("", meta.letterhead.value).removeprefix("中华人民共和国")
        if meta.issuer is None or meta.issuer.value != name:
            meta.issuer = Field(name, line=meta.letterhead.line, reason="发文机关标志")
    if meta.issuer is not None:
        return
    signed = meta.signature is not None and not SIGNATORY.match(meta.signature.value)
    if signed:
        meta.issuer = Field(meta.signature.value, line=meta.signature.line, reason="发文机关署名")
    elif "发文机关" in meta.web:
        meta.issuer = Field(meta.web["发文机关"].value, line=meta.web["发文机关"].line,
                            reason="网页元数据 发文机关")
    elif meta.doc_number is not None:
        match = DOC_NUMBER.fullmatch(meta.doc_number.value)
        issuer = issuers.by_code(match["code"]) if match else None
        if issuer is not None:
            meta.issuer = Field(issuer.name, inferred=True, line=meta.doc_number.line,
                                reason=f"机关代字 {match['code']} (content/issuers.yml)")
    if meta.issuer is None and meta.addressees is not None:
        provinces = [issuer for issuer in issuers.entries if issuer.level == "省"]
        if len(provinces) == 1 and re.search(r"省(?:人民)?政府各", meta.addressees.value):
            meta.issuer = Field(provinces[0].name, inferred=True, line=meta.addressees.line,
                                reason="主送机关含“省人民政府各委、厅”，发文机关为省人民政府")


def _year(notice: Notice) -> None:
    """The stated 成文日期, then the 文号's year, then a year in the title, then the year the
    body says the notice is about; each says where it came from."""
    meta = notice.meta
    number = DOC_NUMBER.fullmatch(meta.doc_number.value) if meta.doc_number else None
    title_year = _TITLE_YEAR.search(meta.title.value) if meta.title else None
    if meta.date is not None:
        meta.year = Field(meta.date.value[:4], line=meta.date.line, reason="成文日期")
    elif number is not None:
        meta.year = Field(number["year"], line=meta.doc_number.line, reason="文号")
    elif title_year is not None:
        meta.year = Field(title_year.group(1), inferred=True, line=meta.title.line,
                          reason=f"标题（{meta.title.reason or '原文'}）：“{title_year.group(0)}”")
    elif subject := _subject(notice):
        meta.year = Field(subject["year"], inferred=True, reason=f"正文：“{subject.group(0)}”")


def _subject(notice: Notice) -> re.Match[str] | None:
    """The phrase in which the body names what the notice is about, with its year."""
    text = notice.body_text()
    return _SUBJECT.search(text) or _PLAN_YEAR.search(text)


def _doc_type_from_text(notice: Notice) -> None:
    meta = notice.meta
    if meta.doc_type is not None:
        return
    attachment = _attachment_title(meta)
    if attachment is not None and (match := TITLE.match(attachment.value)):
        meta.doc_type = Field(match["type"], inferred=True, line=attachment.line,
                              reason=attachment.reason)
        return
    text = notice.body_text()
    for pattern, doc_type in _TYPE_PHRASES:
        match = pattern.search(text)
        if match:
            meta.doc_type = Field(doc_type, inferred=True, reason=f"正文：“{match.group(0)}”")
            return


def _from_neighbours(notice: Notice, others: list[Notice]) -> None:
    """Issuer and 文种 shared by the notices around it in the same file."""
    meta = notice.meta
    for name in ("issuer", "doc_type"):
        if getattr(meta, name) is not None:
            continue
        for other in others:
            value = getattr(other.meta, name)
            if value is not None and (name == "issuer" or _same_issuer(notice, other)):
                setattr(meta, name, Field(value.value, inferred=True,
                                          reason=f"同一文件中相邻通知（第{other.first_line}行起）所载"))
                break


def _same_issuer(notice: Notice, other: Notice) -> bool:
    return (
        notice.meta.issuer is not None
        and other.meta.issuer is not None
        and notice.meta.issuer.value == other.meta.issuer.value
    )


def _title_from_file_name(notice: Notice) -> None:
    meta = notice.meta
    attachment = _attachment_title(meta)
    if meta.title is None and attachment is not None and (
            TITLE.match(attachment.value) or TITLE_TAIL.match(attachment.value)):
        meta.title = attachment


def _attachment_title(meta) -> Field | None:
    """`附件：山西省人民政府关于做好 2014年安全生产工作的通知.doc`: the web page names the file
    after the notice, the only title some notices have."""
    attachment = meta.web.get("附件")
    if attachment is None:
        return None
    name = clean_text(re.sub(r"\.\w+$", "", attachment.value)).replace(" ", "")
    return Field(name, inferred=True, line=attachment.line, reason="网页附件文件名")


def _title(notice: Notice) -> None:
    """A notice without a title is named after what its body says it is about, or else by
    its issuer, year and 文种, and says so."""
    meta = notice.meta
    if meta.title is not None or not (meta.issuer and meta.doc_type):
        return
    subject = _subject(notice)
    if subject is not None:
        meta.title = Field(f"{meta.issuer.value}关于{subject['subject']}的{meta.doc_type.value}",
                           inferred=True,
                           reason=f"原文无标题：由发文机关、文种和正文“{subject.group(0)}”拟定")
    elif meta.year:
        meta.title = Field(f"{meta.issuer.value}{meta.year.value}年{meta.doc_type.value}",
                           inferred=True, reason="原文无标题：由发文机关、年份和文种拟定")


_URL_DATE = re.compile(r"(?<=/)(?:t|P0)?((?:19|20)\d\d)(\d\d)(\d\d)?(?=[_/.\d])")


def _url_date(url: str) -> str | None:
    """`…/202401/t20240125_9491052.shtml` → 2024-01-25 (the page's publication date)."""
    dates = _URL_DATE.findall(url)
    if not dates:
        return None
    year, month, day = dates[-1]
    return f"{year}-{month}-{day or '01'}"


def _move_misplaced_urls(notices: list[Notice]) -> None:
    """A source URL published before a notice was written cannot be its page.

    Web copies paste the links of neighbouring pages into the text (the 2025 provincial
    notice holds the January 2024 page). Such a URL is given to the notice of the same file
    whose date it follows within three months; it stays where it is if there is none.
    """
    for notice in notices:
        kept = []
        for url in notice.meta.source_urls:
            published = _url_date(url.value)
            owner = _owner(published, notices) if published and _before(published, notice) else None
            if owner is None or owner is notice:
                kept.append(url)
                continue
            reason = (f"出现在{notice.file}第{url.line}行（另一通知文中），"
                      f"网页日期 {published} 早于该通知")
            moved = Field(url.value, inferred=True, line=url.line, reason=reason)
            owner.meta.source_urls = (*owner.meta.source_urls, moved)
        notice.meta.source_urls = tuple(kept)


def _before(published: str, notice: Notice) -> bool:
    if notice.meta.date is not None:
        return published < notice.meta.date.value
    return notice.meta.year is not None and published[:4] < notice.meta.year.value


def _owner(published: str, notices: list[Notice]) -> Notice | None:
    def distance(notice: Notice) -> int:
        written = notice.meta.date.value if notice.meta.date else f"{notice.meta.year.value}-01-01"
        years = int(published[:4]) - int(written[:4])
        elapsed = years * 12 + int(published[5:7]) - int(written[5:7])
        return elapsed if 0 <= elapsed <= 3 and written <= published else 99

    candidates = [n for n in notices if n.meta.year is not None and distance(n) < 99]
    return min(candidates, key=distance, default=None)


