"""What the search engine keeps of a page: its record (sections with their text, for ranking
and showing results) and its search terms (what Pagefind indexes). Pure functions; the
Pagefind part of the plugin (pagefind.py) writes their output.

**Search terms are character bigrams.** Chinese has no spaces, and any two word segmenters
disagree somewhere (the indexer cuts 事故隐患 whole, the browser 事故|隐患; 尾矿库 one way,
尾|矿|库 another), so a query matched word against word loses matches. Here both sides cut
the same way, into overlapping pairs of characters: 尾矿库闭库 → 尾矿 矿库 库闭 闭库. A
page holds a query if it holds every pair of it, whatever a dictionary would call a word,
so a part of a word finds the longer word (隐患 in 事故隐患) and a longer word is never lost.
Each pair is written as a Latin token (three base-36 digits per character, the first of them
0-9 or a-l), which Pagefind indexes as one word and never cuts again; Pagefind's prefix search
lets a single character (its three digits) find every pair it starts. Latin and digit words become
`w` and the word; a synonym group (content/synonyms.yml) that the page mentions becomes `s`
and the group's number; every page holds `xx`, for a query of filters alone.
docs/assets/pagefind-search.js makes the same tokens of a query.

**Each token once per page.** Pagefind's search time grows with the positions it reads,
and a common pair (安全) occurs hundreds of times in a notice: a page lists every distinct
token once, in a paragraph weighted by how often it occurs (1, 2, 3 or more times), and the
tokens of the headings again with a higher weight. The search box then reads the records of
the best pages and ranks their clauses by the text itself.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field

from build_site.ingest.grammar import HAN
from build_site.registers.synonyms import Synonyms

NOTICE_KIND, LISTING_KIND = "notice", "listing"
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
NOT_HAN = re.compile(f"[^{HAN}]+")
LATIN_WORD = re.compile(r"[A-Za-z0-9]+")
TF_WEIGHTS = (1, 2, 3)  # a token occurring once, twice, three or more times on the page
HEADING_WEIGHT = 6  # a token in a heading (title, clause heading), on top of the above
# on every page: a query of filters alone asks for it (a query without words would make
# Pagefind load every chunk of its index)
EVERY_PAGE = "xx"
# filter name → field of the notice front matter (build_site/publish/search_fields.py)
FILTERS = {"year": "year", "level": "level", "issuer": "issuer", "doctype": "doc_type",
           "code": "code", "serial": "serial"}
SECTOR_FILTER = "sector"

EXCLUDED = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\sdata-search-exclude\b[^>]*>", re.I)
HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S | re.I)
ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"', re.I)
# where a notice page's closing parts begin (signature, contact, attachments, 版记: see
# notice_page._closing): they belong to no clause, so they are a section of their own
CLOSING = re.compile(
    r'<[a-z]+\b[^>]*\sclass="(?:signature|note|contact|attachment-note|attachment|banji)"', re.I)
BREAK = re.compile(r"<br\s*/?>|</(?:p|div|section|li|tr|table|details|blockquote|h[1-6])>", re.I)
CELL = re.compile(r"</t[dh]>", re.I)
TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"[ \t\r\f\v]+")
LINES = re.compile(r"\s*\n\s*")


@dataclass
class Section:
    """Text between two headings; `id` is the heading's anchor ("" for none)."""

    id: str
    level: int
    heading: str
    text: str
    cite: str = ""  # how the clause is cited: 晋政发〔2024〕1号 三、（十一）
    sectors: list[str] = field(default_factory=list)


@dataclass
class Record:
    """A page as the search box reads it: what it is, and its sections in order."""

    url: str  # site-relative, `notices/shanxi-2024-1.html`
    kind: str  # NOTICE_KIND or LISTING_KIND
    title: str
    cite: str
    year: str
    sections: list[Section]


def read_record(url: str, title: str, content: str, notice: dict | None) -> Record:
    """The record of a page from its converted HTML and, for a notice, the `notice` front
    matter (search_fields.py). Parts marked data-search-exclude are left out, as Material
    leaves them out of its index."""
    content = drop_excluded(content)
    fields = notice or {}
    sectors = fields.get("sectors", {})
    headings = list(HEADING.finditer(content))
    sections = []
    if not headings or (headings[0].start() > 0 and _plain(content[:headings[0].start()])):
        end = headings[0].start() if headings else len(content)
        sections.append(Section("", 1, "", _plain(content[:end])))
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(content)
        attributes = dict(ATTRIBUTE.findall(heading.group(2)))
        anchor = html.unescape(attributes.get("id", ""))
        body = content[heading.end():end]
        closing = CLOSING.search(body) if index + 1 == len(headings) else None
        cite = html.unescape(attributes.get("data-citation", "")) or fields.get("cite", "")
        sections.append(Section(anchor, int(heading.group(1)), _plain(heading.group(3)),
                                _plain(body[:closing.start()] if closing else body), cite,
                                sectors.get(anchor, [])))
        if closing:
            sections.append(Section("", 2, "", _plain(body[closing.start():]),
                                    fields.get("cite", "")))
    return Record(url, NOTICE_KIND if notice else LISTING_KIND, fields.get("title", title),
                  fields.get("cite", ""), fields.get("year", ""), sections)


def drop_excluded(content: str) -> str:
    """The HTML without the elements marked data-search-exclude (nested tags counted)."""
    parts = []
    position = 0
    for start in EXCLUDED.finditer(content):
        if start.start() < position:
            continue  # inside an element already dropped
        parts.append(content[position:start.start()])
        tags = re.compile(rf"<(/?){start.group(1)}\b[^>]*>", re.I)
        depth, position = 1, start.end()
        while depth:
            tag = tags.search(content, position)
            if tag is None:
                position = len(content)
                break
            depth += -1 if tag.group(1) else 1
            position = tag.end()
    parts.append(content[position:])
    return "".join(parts)


def _plain(fragment: str) -> str:
    """Text of an HTML fragment: a line per block, cells apart, entities decoded."""
    text = TAG.sub("", CELL.sub(" ", BREAK.sub("\n", fragment)))
    return LINES.sub("\n", SPACES.sub(" ", html.unescape(text))).strip()


def compressed_json(value: Record | dict) -> bytes:
    """Gzipped JSON, as the search box fetches it: compressed whatever the web server does."""
    data = asdict(value) if isinstance(value, Record) else value
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def han_code(char: str) -> str:
    """Three base-36 digits for one character of grammar.HAN (28,160 code points)."""
    point = ord(char)
    number = point - 0xF900 + 0x6C00 if point >= 0xF900 else point - 0x3400
    return DIGITS[number // 1296] + DIGITS[number // 36 % 36] + DIGITS[number % 36]


HAN_CODES = str.maketrans({chr(point): han_code(chr(point)) for low, high in
                           ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
                           for point in range(low, high + 1)})


def tokens(text: str, synonyms: Synonyms) -> Counter[str]:
    """The search tokens of a text, with how often each occurs (see the module docstring)."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    pairs: list[str] = []
    last = set()
    for run in NOT_HAN.sub(" ", text).translate(HAN_CODES).split():  # runs, encoded
        pairs += [run[i:i + 6] for i in range(0, len(run) - 3, 3)]
        last.add(run[-3:])
    found = Counter(pairs)
    starts = {token[:3] for token in found}
    found.update(last - starts)  # a character no pair starts with
    found.update("w" + word.lower() for word in LATIN_WORD.findall(text))
    found.update(group_token(group) for group in synonyms.groups_in(text))
    return found


def group_token(group: int) -> str:
    """`s` and the synonym group's number in three base-36 digits (tokens stay prefix-free)."""
    return "s" + DIGITS[group // 1296] + DIGITS[group // 36 % 36] + DIGITS[group % 36]


def notice_filters(notice: dict | None) -> list[tuple[str, str]]:
    """(filter, value) pairs of a page from its `notice` front matter; a listing page has
    none, so that any filter leaves it out."""
    if not notice:
        return []
    pairs = [(name, str(notice[key])) for name, key in FILTERS.items() if notice.get(key)]
    sectors = dict.fromkeys(name for names in notice.get("sectors", {}).values()
                            for name in names)
    return pairs + [(SECTOR_FILTER, name) for name in sectors]


def staged_page(record: Record, page_filters: list[tuple[str, str]], synonyms: Synonyms,
                language: str) -> str:
    """What Pagefind indexes of a page: its tokens, weighted, and its filters."""
    counts = tokens("\n".join(section.text for section in record.sections), synonyms)
    headings = tokens("\n".join(section.heading for section in record.sections), synonyms)
    counts.update(headings)
    counts[EVERY_PAGE] = 1
    top = TF_WEIGHTS[-1]
    tiers: dict[int, list[str]] = {weight: [] for weight in TF_WEIGHTS}
    for token, count in counts.items():
        tiers[count if count < top else top].append(token)
    parts = [f'<p data-pagefind-weight="{weight}">{" ".join(found)}</p>'
             for weight, found in tiers.items() if found]
    if headings:
        parts.append(f'<p data-pagefind-weight="{HEADING_WEIGHT}">{" ".join(headings)}</p>')
    spans = "".join(f'<span data-pagefind-filter="{html.escape(f"{name}:{value}")}"></span>'
                    for name, value in page_filters)
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(record.url)}</title></head><body><article data-pagefind-body>"
        f"{spans}{''.join(parts)}</article></body></html>"
    )
