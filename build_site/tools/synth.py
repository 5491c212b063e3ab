"""A synthetic scale corpus: realistic raw notices recombined from the real ones.

Five real files cannot show how the build behaves at 500 or 2,000 notices. This module
takes the real notices' own paragraphs (so the wording and sector vocabulary are real),
puts them under other issuers, years and 文号, and lays them out with the damage the real
files show: fixed-width wrapping with blank lines (the provincial web file), PDF page
breaks anywhere (晋中), web metadata blocks, URLs, `附件：….doc` lines, `[2021]` brackets,
half-width punctuation, U+3000 indentation and padded signatures (代县), contact blocks and
tables (市安委会), several notices per file, GBK and UTF-16 files, and duplicates turned
into traditional characters with injected pinyin. Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import NamedTuple

from pypinyin import lazy_pinyin

from build_site.ingest.clauses import split_glued
from build_site.ingest.corpus import build_corpus
from build_site.ingest.grammar import HAN, MARKERS, chinese_numeral, marker_of
from build_site.ingest.normalize import clean_source, han_only
from build_site.ingest.paragraphs import display_width, join, wrap_width
from build_site.model import Line, Notice, Paragraph, SourceText, Table
from build_site.registers.issuers import Issuers

YEARS = range(2009, 2031)
HAN_PER_NOTICE = (3000, 7000)  # the real notices hold 2,800 to 6,700 Han characters
DUPLICATE_SHARE = 0.01
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22  # GB/T 9704-2012 type area
# Shares of files, the first being the most common: the real corpus has one web file of
# 18 notices (web), one PDF extraction (pdf), one office file with a table (plain) and
# one file with U+3000 indentation (indent).
LAYOUT_SHARES = (("web", 0.35), ("pdf", 0.2), ("plain", 0.25), ("indent", 0.2))
ENCODING_SHARES = (("utf-8", 0.8), ("gbk", 0.1), ("utf-16", 0.05), ("utf-8-sig", 0.05))
# Front matter: most notices have title and 文号; a few lack one or both (2012, 2014 in the
# provincial file start at 主送机关) or have no front matter at all (2010 starts at 一、).
FRONT_SHARES = (
    ("full", 0.94), ("no_number", 0.02), ("no_title", 0.02), ("addressees", 0.01), ("bare", 0.01),
)
TABLE_SHARES = (("", 0.97), ("table", 0.03))  # an attachment with a table, as 市安委会's

_CITIES = (
    ("太原市", "并"), ("大同市", "同"), ("朔州市", "朔"), ("忻州市", "忻"), ("吕梁市", "吕"),
    ("晋中市", "市"), ("阳泉市", "阳"), ("长治市", "长"), ("晋城市", "晋市"), ("临汾市", "临"),
    ("运城市", "运"),
)
_COUNTIES = (  # noqa: SIM905 -- as a list literal, ninety names read worse
    "清徐县 阳曲县 娄烦县 古交市 阳高县 天镇县 广灵县 灵丘县 浑源县 左云县 山阴县 应县 右玉县 "
    "怀仁市 定襄县 五台县 代县 繁峙县 宁武县 静乐县 神池县 五寨县 岢岚县 河曲县 保德县 偏关县 "
    "原平市 文水县 交城县 兴县 临县 柳林县 石楼县 岚县 方山县 中阳县 交口县 孝义市 汾阳市 "
    "榆社县 左权县 和顺县 昔阳县 寿阳县 太谷区 祁县 平遥县 灵石县 介休市 平定县 盂县 襄垣县 "
    "平顺县 黎城县 壶关县 长子县 武乡县 沁县 沁源县 沁水县 阳城县 陵川县 泽州县 高平市 曲沃县 "
    "翼城县 襄汾县 洪洞县 古县 安泽县 浮山县 吉县 乡宁县 大宁县 隰县 永和县 蒲县 汾西县 侯马市 "
    "霍州市 临猗县 万荣县 闻喜县 稷山县 新绛县 绛县 垣曲县 夏县 平陆县 芮城县 永济市 河津市"
).split()
_LEVEL_SHARES = {"省": 0.08, "市": 0.52, "县": 0.4}
_TITLES = (
    "关于做好{year}年安全生产工作的{type}", "关于{year}年安全生产工作的{type}",
    "关于切实做好{year}年安全生产工作的{type}", "关于切实抓好{year}年安全生产工作的{type}",
    "关于进一步加强安全生产工作的{type}", "关于做好当前及今后一个时期安全防范工作的{type}",
)
_TOPICS = ("市场监管、安全生产监管", "安全生产", "应急管理", "组织机构简介")
_NOTES = (
    "（此件公开发布）", "(此件公开发布)", "（此件主动公开）", "（此件正文公开发布，附件不公开）",
)
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董"
_GIVEN = "伟芳敏静丽强磊军洋勇艳杰涛明超霞平刚英华建国永健红文斌鹏"
_HALF_WIDTH = str.maketrans("，：；（）", ",:;()")
_NOT_IN_GBK = str.maketrans("•", "·")  # an office machine in GBK types the middle dot
_PINYIN_READING = re.compile("[a-zü]{1,6}")
_HAN_CHAR = re.compile(f"[{HAN}]")
_MARKER = dict(MARKERS)


# --- the real material ------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """Real paragraphs that travel together: a preamble, or a 一、 section with its clauses."""

    paragraphs: tuple[str, ...]
    year: int  # of the notice it came from: that year is replaced by the new one
    han: int


@dataclass(frozen=True)
class Annex:
    """A real attachment with its content (a table), reusable under another notice."""

    name: str
    lines: tuple[str, ...]  # after the 附件 heading; table rows tab-separated
    year: int


@dataclass(frozen=True)
class Material:
    """Everything taken from the real corpus, ready to recombine."""

    preambles: tuple[tuple[Passage, str], ...]  # with the 文种 its notice had
    sections: tuple[Passage, ...]
    annexes: tuple[Annex, ...]


def harvest(raw: dict[str, bytes]) -> Material:
    """The real notices, parsed by the real pipeline, cut into reusable passages (their
    issuers do not matter: the synthetic notices get their own)."""
    corpus = build_corpus(raw, Issuers(()))
    cleaned = {name: _cleaned(source) for name, source in corpus.sources.items()}
    preambles: list[tuple[Passage, str]] = []
    sections: list[Passage] = []
    annexes: list[Annex] = []
    for notice in corpus.notices:
        year = int(notice.meta.year.value) if notice.meta.year else YEARS[0]
        groups = _sections(_body_paragraphs(notice, *cleaned[notice.file]))
        if groups[0]:
            doc_type = notice.meta.doc_type.value if notice.meta.doc_type else "通知"
            preambles.append((_passage(groups[0], year), doc_type))
        sections.extend(_passage(group, year) for group in groups[1:])
        annexes.extend(_annexes(notice, year))
    return Material(tuple(preambles), tuple(sections), tuple(annexes))


def _cleaned(source: SourceText) -> tuple[dict[int, str], int | None]:
    """A file's cleaned lines by number, and its wrap width, as the pipeline sees them."""
    lines, _ = clean_source(source)
    return {line.number: line.text for line in lines}, wrap_width([line.text for line in lines])


def _body_paragraphs(notice: Notice, lines: dict[int, str], wrap: int | None) -> list[str]:
    """The notice's body rejoined into its real paragraphs, noise lines left out."""
    spans = [*notice.preamble, *notice.clauses]
    if not spans:
        return []
    first = min(span.first_line for span in spans)
    last = max(span.last_line for span in spans)
    noise = {item.line for item in notice.noise}
    body = [
        Line(number, lines[number]) for number in range(first, last + 1) if number not in noise
    ]
    return [block.text for block in split_glued(join(body, wrap)) if isinstance(block, Paragraph)]


def _sections(paragraphs: list[str]) -> list[list[str]]:
    """[preamble, section, section …]: a section opens at each 一、 paragraph."""
    groups: list[list[str]] = [[]]
    for text in paragraphs:
        marker = marker_of(text)
        if marker and marker[0] == "section":
            groups.append([])
        groups[-1].append(text)
    return groups


def _passage(paragraphs: list[str], year: int) -> Passage:
    return Passage(tuple(paragraphs), year, sum(len(han_only(text)) for text in paragraphs))


def _annexes(notice: Notice, year: int) -> list[Annex]:
    return [
        Annex(
            attachment.name,
            tuple(line for block in attachment.blocks for line in block.text.split("\n")),
            year,
        )
        for attachment in notice.attachments
        if attachment.name and any(isinstance(block, Table) for block in attachment.blocks)
    ]


# --- issuers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sender:
    """A 发文机关 the synthetic notices come from."""

    name: str
    code: str  # 机关代字 of its 文号, unique among senders so 文号 never collide by accident
    level: str  # 省 市 县
    seat: str  # 省 市 县 区: what 省直, 县委办公室 … are made of
    kind: str  # government, office, committee
    place: str


def senders() -> tuple[Sender, ...]:
    """山西省, its 11 cities and their counties: governments, offices and 安委会."""
    found = [
        Sender("山西省人民政府", "晋政发", "省", "省", "government", "山西省"),
        Sender("山西省人民政府办公厅", "晋政办发", "省", "省", "office", "山西省"),
        Sender("山西省安全生产委员会", "晋安发", "省", "省", "committee", "山西省"),
    ]
    for place, short in _CITIES:
        found += [
            Sender(f"{place}人民政府", f"{short}政发", "市", "市", "government", place),
            Sender(f"{place}人民政府办公室", f"{short}政办发", "市", "市", "office", place),
            Sender(f"{place}安全生产委员会", f"{short}安发", "市", "市", "committee", place),
        ]
    taken = {sender.code for sender in found}
    for county in _COUNTIES:
        code = next(
            stem + "政发" for stem in (county[0], county[:-1], county) if stem + "政发" not in taken
        )
        taken.add(code)
        found.append(Sender(f"{county}人民政府", code, "县", county[-1], "government", county))
    return tuple(found)


def _sender_weights(found: tuple[Sender, ...]) -> list[float]:
    """Each level gets its share of notices, spread evenly over its senders."""
    per_level = {level: sum(1 for s in found if s.level == level) for level in _LEVEL_SHARES}
    return [_LEVEL_SHARES[sender.level] / per_level[sender.level] for sender in found]


def _addressees(sender: Sender, rng: random.Random) -> str:
    lower = {"省": "各市、县", "市": "各县（区、市）", "县": "各乡（镇）"}[sender.level]
    if sender.kind == "committee":
        return f"{lower}安委会，{sender.seat}安委会各成员单位："
    return rng.choice(
        (f"{lower}人民政府，{sender.seat}人民政府各委、办、局：",
         f"{lower}人民政府，{sender.seat}直各有关单位：")
    )


def _printer(sender: Sender) -> str:
    """The 印发机关: the office of the government or committee that signed."""
    if sender.kind == "office":
        return sender.name
    if sender.kind == "committee":
        return f"{sender.place}安全生产委员会办公室"
    return f"{sender.place}人民政府" + ("办公厅" if sender.level == "省" else "办公室")


@cache
def _host(place: str) -> str:
    return "".join(lazy_pinyin(place.removesuffix("省").removesuffix("市")))


# --- one notice -----------------------------------------------------------------------------


class Part(NamedTuple):
    """One logical line: front matter, a body paragraph, or a closing line."""

    kind: str  # letterhead number title addressees | para | sign date line
    text: str


@dataclass(frozen=True)
class Synthetic:
    """One generated notice, before layout: the same one can be laid out twice (duplicates)."""

    sender: Sender
    title: str  # what the web page calls it, printed or not
    number: str | None  # 文号 in GB/T form; None for a notice without one
    written: date
    parts: tuple[Part, ...]
    annexed: bool  # its 附件 heading resets the splitter's 一、 count: no bare notice after it


@dataclass(frozen=True)
class Layout:
    """How one file was produced, which decides the damage it shows."""

    kind: str  # web, pdf, plain, indent, pinyin
    width: int = 0  # display width a web file was wrapped at
    blank: float = 0.0  # chance of a blank line after each line


class Plan(NamedTuple):
    """What a notice is to have, decided for the whole corpus so rare kinds are not missed."""

    form: str  # one of FRONT_SHARES
    table: bool


def _notice(
    material: Material,
    sender: Sender,
    year: int,
    plan: Plan,
    layout: Layout,
    previous: Synthetic | None,
    used: set[str],
    rng: random.Random,
) -> Synthetic:
    form = plan.form
    if form == "bare" and (previous is None or previous.annexed):
        form = "addressees"  # a notice without front matter is only found after another
    number = _number(sender, year, used, rng) if form in ("full", "no_title") else None
    paragraphs, doc_type = _body(material, year, form == "bare", layout, rng)
    title = sender.name + rng.choice(_TITLES).format(year=year, type=doc_type)
    written = date(year, rng.randint(1, 12), rng.randint(1, 28))
    annex = rng.choice(material.annexes) if material.annexes and plan.table else None
    parts = (
        *_front(form, sender, title, number, layout, rng),
        *(Part("para", text) for text in paragraphs),
        *_tail(sender, written, annex, layout, rng),
    )
    return Synthetic(sender, title, number, written, parts, annex is not None)


def _number(sender: Sender, year: int, used: set[str], rng: random.Random) -> str:
    """A 文号 not given yet (sender codes are unique, so neither is the 文号 elsewhere)."""
    limit = 120
    while (number := f"{sender.code}〔{year}〕{rng.randint(1, limit)}号") in used:
        limit += 1  # a sender with very many notices in a year runs past 120
    used.add(number)
    return number


def _body(
    material: Material, year: int, bare: bool, layout: Layout, rng: random.Random
) -> tuple[list[str], str]:
    """Real paragraphs for 3,000–7,000 Han characters, renumbered; and the 文种 they suit."""
    preamble, doc_type = rng.choice(material.preambles)
    opening = [] if bare else [_adapt(text, preamble.year, year) for text in preamble.paragraphs]
    target = rng.randint(*HAN_PER_NOTICE) - (0 if bare else preamble.han)
    sections = _pick(material.sections, target, rng)
    paragraphs = opening + [
        _adapt(text, section.year, year) for section in sections for text in section.paragraphs
    ]
    paragraphs = _renumber(paragraphs, continuous=rng.random() < 0.3)
    if layout.kind in ("web", "pdf") and rng.random() < 0.25:
        paragraphs = [
            text.translate(_HALF_WIDTH) if rng.random() < 0.6 else text for text in paragraphs
        ]
    if layout.kind == "web" and rng.random() < 0.5:
        paragraphs = [re.sub(rf"(?<=[{HAN}])(?=\d{{4}}年)", " ", text) for text in paragraphs]
    return paragraphs, doc_type


def _pick(sections: tuple[Passage, ...], target: int, rng: random.Random) -> list[Passage]:
    """At least three sections, about `target` Han characters in all."""
    chosen: list[Passage] = []
    total = 0
    for section in rng.sample(sections, len(sections)):
        if total >= target and len(chosen) >= 3:
            break
        if total + section.han > target + 800 and len(chosen) >= 3:
            continue
        chosen.append(section)
        total += section.han
    return chosen


def _adapt(text: str, source_year: int, year: int) -> str:
    """The source notice's own year becomes the new notice's year."""
    return text.replace(f"{source_year}年", f"{year}年")


def _renumber(paragraphs: list[str], continuous: bool) -> list[str]:
    """Number the recombined clauses afresh, each level restarting under its parent.

    `continuous`: （一）… run on across sections, as in 代县's and the 2024 provincial notice.
    """
    kinds = [kind for kind, _ in MARKERS]
    counts = [0] * len(kinds)
    result = []
    for text in paragraphs:
        marker = marker_of(text)
        if marker:
            level = kinds.index(marker[0])
            counts[level] += 1
            first_reset = level + 2 if continuous and level == 0 else level + 1
            counts[first_reset:] = [0] * (len(kinds) - first_reset)
            text = _relabel(text, marker[0], counts[level])
        result.append(text)
    return result


def _relabel(text: str, kind: str, number: int) -> str:
    """Give a clause label its new number, keeping the brackets it was printed with."""
    match = _MARKER[kind].match(text)
    assert match is not None
    numeral = chinese_numeral(number) if kind in ("section", "item") else str(number)
    return text[: match.start("num")] + numeral + text[match.end("num") :]


def _front(
    form: str, sender: Sender, title: str, number: str | None, layout: Layout,
    rng: random.Random,
) -> list[Part]:
    if form == "bare":
        return []
    rest = title.removeprefix(sender.name)
    if layout.kind == "web" and rng.random() < 0.6:
        rest = re.sub(r"(\d{4})年", r" \1 年", rest)  # `关于 2015 年` as the web page prints it
    split = rng.random() < 0.25  # 发文机关 on one line, 关于…的通知 on the next
    heading = [] if form in ("no_title", "addressees") else [
        Part("title", text) for text in ([sender.name, rest] if split else [sender.name + rest])
    ]
    numbered = [Part("number", _printed_number(number, layout, rng))] if number else []
    if form == "full" and rng.random() < 0.45:  # GB/T 9704: 版头, 文号 under it, then the title
        letterhead = [Part("letterhead", sender.name + "文件")] if rng.random() < 0.6 else []
        order = letterhead + numbered + heading
    else:
        order = heading + numbered  # as web pages print it
    return [*order, Part("addressees", _addressees(sender, rng))]


def _printed_number(number: str, layout: Layout, rng: random.Random) -> str:
    """`晋政发[2009]1号` and `〔2026〕1 号`, as web pages and PDF extraction print them."""
    if layout.kind in ("web", "pdf") and rng.random() < 0.25:
        number = number.replace("〔", "[").replace("〕", "]")
    if layout.kind == "web" and rng.random() < 0.25:
        number = number.replace("号", " 号")
    return number


def _tail(
    sender: Sender, written: date, annex: Annex | None, layout: Layout, rng: random.Random
) -> list[Part]:
    """署名, 成文日期, 附注, contact, attachment and 版记, about as often as real files do."""
    committee = sender.kind == "committee"
    parts = _contact(sender, rng) if rng.random() < (0.4 if committee else 0.05) else []
    signed = annex is not None or rng.random() < 0.85
    if annex:
        parts.append(Part("line", f"附件：{annex.name}"))
    if signed:
        parts.append(Part("sign", sender.name))
    if signed or rng.random() < 0.5:
        parts.append(Part("date", _date_text(written, layout, rng)))
    if rng.random() < 0.5:
        parts.append(Part("line", rng.choice(_NOTES)))
    if annex:
        lines = [_adapt(line, annex.year, written.year) for line in annex.lines]
        parts += [Part("line", "附件"), *(Part("line", line) for line in lines)]
    if rng.random() < 0.3:
        parts += _copies("报：" if committee else "抄送：", sender, rng)
    if rng.random() < 0.3:
        parts += _printed(sender, written, rng)
    return parts


def _date_text(day: date, layout: Layout, rng: random.Random) -> str:
    """`2013年 1月 31日` on web pages (PDF text spacing), `2021年3月22日` elsewhere."""
    gap = " " if layout.kind == "web" and rng.random() < 0.7 else ""
    return f"{day.year}年{gap}{day.month}月{gap}{day.day}日"


def _contact(sender: Sender, rng: random.Random) -> list[Part]:
    name = rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.randint(1, 2)))
    mail = f"{_host(sender.place)}aqb@{rng.choice(('126.com', '163.com'))}"
    return [
        Part("line", f"联系人：{name}"),
        Part("line", f"联系电话：0{rng.randint(349, 359)}-{rng.randint(2000000, 8999999)}"),
        Part("line", f"邮 箱：{mail}"),
    ]


def _copies(prefix: str, sender: Sender, rng: random.Random) -> list[Part]:
    """抄送 (or 报) the local party, congress, CPPCC and courts; long lists wrap once."""
    seat = sender.seat
    offices = ("委办公室", "人大常委会办公室", "政协办公室", "法院", "检察院")
    text = prefix + "，".join(seat + office for office in offices) + "。"
    if rng.random() < 0.5:
        return [Part("line", text)]
    cut = rng.choice([index + 1 for index, char in enumerate(text) if char == "，"])
    return [Part("line", text[:cut]), Part("line", text[cut:])]


def _printed(sender: Sender, written: date, rng: random.Random) -> list[Part]:
    printer = _printer(sender)
    day = written + timedelta(days=rng.randint(0, 9))
    printed = f"{day.year}年{day.month}月{day.day}日印发"
    if rng.random() < 0.5:
        return [Part("line", printer), Part("line", printed)]
    return [Part("line", f"{printed} {printer}")]


# --- layout ---------------------------------------------------------------------------------


def _layout_for(kind: str, rng: random.Random) -> Layout:
    """Web files wrap at ~47 characters with blank lines here and there; PDF and office
    files have a blank line after every line; indented files rarely; pinyin copies never."""
    if kind == "web":
        return Layout(kind, width=rng.randrange(88, 98, 2), blank=rng.uniform(0.4, 0.9))
    return Layout(kind, blank={"pdf": 1.0, "plain": 1.0, "indent": 0.15, "pinyin": 0.0}[kind])


def _render(notice: Synthetic, layout: Layout, rng: random.Random) -> list[str]:
    """The physical lines of one notice in one layout (blank lines are added per file)."""
    if layout.kind == "pinyin":
        return [_pinyin_copy(part, rng) for part in notice.parts if part.kind != "title"]
    url = _url(notice, rng)
    lines = _web_block(notice, rng) if layout.kind == "web" and rng.random() < 0.4 else []
    pieces = iter(_paragraph_lines([p.text for p in notice.parts if p.kind == "para"],
                                   layout, url, rng))
    for part in notice.parts:
        lines += next(pieces) if part.kind == "para" else [_dress(part, layout, rng)]
    if layout.kind == "web":
        if rng.random() < 0.3:
            name = notice.title.replace(f"{notice.written.year}年", f" {notice.written.year}年")
            lines.append(f"附件：{name}.{rng.choice(('doc', 'doc', 'pdf'))}")
        if rng.random() < 0.6:
            lines.append(url)
    return lines


def _paragraph_lines(
    paragraphs: list[str], layout: Layout, url: str, rng: random.Random
) -> list[list[str]]:
    """Each paragraph's physical lines: wrapped, broken at page ends, or indented."""
    if layout.kind == "web":
        wrapped = [_wrap(text, layout.width) for text in paragraphs]
        long = [lines for lines in wrapped if len(lines) >= 3]
        if long and rng.random() < 0.3:  # the page's URL printed into the middle of a paragraph
            lines = rng.choice(long)
            lines.insert(rng.randint(1, len(lines) - 1), url)
        return wrapped
    if layout.kind == "pdf":
        return _page_breaks(paragraphs, rng)
    if layout.kind == "indent":
        return [["\u3000\u3000" + text if rng.random() < 0.35 else text] for text in paragraphs]
    return [[text] for text in paragraphs]


@cache
def _char_width(char: str) -> int:
    return display_width(char)  # cached: wrapping 2,000 notices asks it 10 million times


def _wrap(text: str, width: int) -> list[str]:
    """Fixed-width lines; the first is two characters short, where the indent was."""
    lines: list[str] = []
    start, used, limit = 0, 0, width - 4
    for index, char in enumerate(text):
        char_width = _char_width(char)
        if used + char_width > limit:
            lines.append(text[start:index])
            start, used, limit = index, 0, width
        used += char_width
    lines.append(text[start:])
    return lines


def _page_breaks(paragraphs: list[str], rng: random.Random) -> list[list[str]]:
    """One line per paragraph, cut where a GB/T 9704 page (22 lines of 28 characters) ended.

    The cut falls mid-word or mid-sentence, but always at the end of a printed line, so
    never inside a clause label at the start of a paragraph.
    """
    result: list[list[str]] = []
    room = rng.randint(1, LINES_PER_PAGE)  # lines left on the current page
    for text in paragraphs:
        # where the paragraph's 2nd, 3rd … printed lines start (the first is indented two)
        starts = list(range(CHARS_PER_LINE - 2, len(text), CHARS_PER_LINE))
        cuts = starts[room - 1 :: LINES_PER_PAGE] if room <= len(starts) else []
        result.append([text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)])
        room = (room - len(starts) - 1) % LINES_PER_PAGE or LINES_PER_PAGE
    return result


def _dress(part: Part, layout: Layout, rng: random.Random) -> str:
    """Padding and stray spaces around single lines, as each kind of file has them."""
    if layout.kind == "indent" and part.kind in ("sign", "date"):
        return " " * rng.randint(2, 30) + part.text + " " * rng.randint(0, 8)
    if layout.kind == "web" and part.kind == "title" and rng.random() < 0.5:
        return " " + part.text
    return part.text


def _web_block(notice: Synthetic, rng: random.Random) -> list[str]:
    """The 政府信息公开 metadata a web page puts above the notice."""
    published = notice.written + timedelta(days=rng.randint(1, 15))
    index = f"{zlib.crc32(notice.sender.name.encode()) % 10**6:06d}SX00100/{published.year}"
    return [
        rng.choice(("索引号： ", "索引号 ")) + f"{index}-{rng.randint(1, 99999):05d}",
        f"主题分类： {rng.choice(_TOPICS)}",
        f"发文机关： {notice.sender.name}",
        f"成文日期： {notice.written.isoformat()}",
        f"标题： {notice.title}",
        f"发文字号： {(notice.number or '').replace('号', ' 号')}",
        f"发布日期： {published.isoformat()}",
        "主题词：",
    ]


def _url(notice: Synthetic, rng: random.Random) -> str:
    day = notice.written + timedelta(days=rng.randint(1, 15))
    return (
        f"{rng.choice(('http', 'https'))}://www.{_host(notice.sender.place)}.gov.cn/zfxxgk/"
        f"zfxxgkzl/fdzdgknr/lzyj/szfwj/{day:%Y%m}/t{day:%Y%m%d}_{rng.randint(10**6, 10**7)}.shtml"
    )


@cache
def _to_traditional():
    import opencc  # imported lazily: loading the dictionaries is the slow part

    return opencc.OpenCC("s2t")


@cache
def _reading(char: str) -> str:
    reading = lazy_pinyin(char)[0]
    return reading if _PINYIN_READING.fullmatch(reading) else ""


def _pinyin_copy(part: Part, rng: random.Random) -> str:
    """A web converter's copy: traditional characters, half-width punctuation, and pinyin
    after about half the characters, sometimes repeated (`生(sheng)(sheng)(sheng)`)."""
    text = _to_traditional().convert(part.text)
    if part.kind == "number":
        return text
    pieces = []
    for char in text.translate(_HALF_WIDTH):
        pieces.append(char)
        if _HAN_CHAR.match(char) and rng.random() < 0.45 and _reading(char):
            pieces.append(f"({_reading(char)})" * rng.choice((1, 1, 1, 2, 4)))
    return "".join(pieces)


# --- files ---------------------------------------------------------------------------------


def synthesize(material: Material, notices: int, seed: int) -> list[tuple[str, str]]:
    """(encoding, text) of each file holding `notices` notices, duplicate copies included."""
    rng = random.Random(seed)
    files = _original_files(material, notices - _duplicates(notices), rng)
    complete = [notice for group, _ in files for notice in group if _titled(notice)]
    copied = rng.sample(complete, min(len(complete), _duplicates(notices)))
    files += [([original], Layout("pinyin")) for original in copied]
    rng.shuffle(files)
    encodings = _spread(len(files), ENCODING_SHARES, rng)
    return [
        (encoding, _file_text(group, layout, rng))
        for (group, layout), encoding in zip(files, encodings, strict=True)
    ]


def _original_files(
    material: Material, count: int, rng: random.Random
) -> list[tuple[list[Synthetic], Layout]]:
    """Files of `count` notices: one sender and layout per file, its notices by year."""
    found = senders()
    weights = _sender_weights(found)
    plans = iter(
        Plan(form, table == "table")
        for form, table in zip(_spread(count, FRONT_SHARES, rng),
                               _spread(count, TABLE_SHARES, rng), strict=True)
    )
    sizes = _file_sizes(count, rng)
    used: set[str] = set()
    files = []
    for size, kind in zip(sizes, _spread(len(sizes), LAYOUT_SHARES, rng), strict=True):
        layout = _layout_for(kind, rng)
        sender = rng.choices(found, weights)[0]
        group: list[Synthetic] = []
        for year in sorted(rng.sample(YEARS, size)):
            group.append(_notice(material, sender, year, next(plans), layout,
                                 group[-1] if group else None, used, rng))
        files.append((group, layout))
    return files


def _titled(notice: Synthetic) -> bool:
    """Title and 文号 printed: the copy without a title is then the one hidden (as 002)."""
    return notice.number is not None and any(part.kind == "title" for part in notice.parts)


def _duplicates(notices: int) -> int:
    """How many of the notices are duplicate copies: a few, and one even in a small corpus."""
    return min(notices // 2, max(1, round(notices * DUPLICATE_SHARE)))


def _file_sizes(total: int, rng: random.Random) -> list[int]:
    """Notices per file: mostly one, often a few, sometimes a whole archive of up to 20."""
    sizes = []
    while total > 0:
        draw = rng.random()
        size = 1 if draw < 0.55 else rng.randint(2, 5) if draw < 0.85 else rng.randint(6, 20)
        sizes.append(min(size, total))
        total -= sizes[-1]
    return sizes


def _spread(count: int, shares: tuple[tuple[str, float], ...], rng: random.Random) -> list[str]:
    """`count` labels in about the given shares, shuffled; each rare label appears at least
    once as soon as `count` allows, so even a small corpus has a GBK file and a table."""
    common = shares[0][0]
    rare = [label for label, share in shares[1:] for _ in range(max(1, round(share * count)))]
    labels = ([common, *rare] + [common] * count)[:count]
    rng.shuffle(labels)
    return labels


def _file_text(group: list[Synthetic], layout: Layout, rng: random.Random) -> str:
    """The notices one after another, blank lines wherever the layout scatters them."""
    lines = []
    for line in (line for notice in group for line in _render(notice, layout, rng)):
        lines.append(line)
        if rng.random() < layout.blank:
            lines.append("")
    return "\n".join(lines) + "\n"


def _encode(text: str, encoding: str) -> bytes:
    """Files saved by office machines in GBK or UTF-16 also have CRLF line ends."""
    if encoding == "gbk":
        text = text.translate(_NOT_IN_GBK)
    if encoding in ("gbk", "utf-16"):
        text = text.replace("\n", "\r\n")
    return text.encode(encoding)


def write_synthetic(raw: dict[str, bytes], out: Path, notices: int, seed: int) -> list[Path]:
    """Write `notices` synthetic notices, made from the raw notices `raw`, as synth_*.txt
    files in `out`, replacing old ones."""
    files = synthesize(harvest(raw), notices, seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("synth_*.txt"):
        old.unlink()
    paths = []
    for index, (encoding, text) in enumerate(files):
        path = out / f"synth_{index:05d}.txt"
        path.write_bytes(_encode(text, encoding))
        paths.append(path)
    size = sum(path.stat().st_size for path in paths)
    print(f"wrote {notices} notices ({_duplicates(notices)} of them duplicate copies) "
          f"in {len(paths)} files, {size / 1e6:.1f} MB, to {out}")
    return paths
