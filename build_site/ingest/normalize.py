"""Character-level cleaning rules, each a small pure function.

Two ordered registries, in the manner of Python-Markdown: line rules run on every raw
line before the splitter sees it (so 晉政發 is recognised as a 文号), text rules run on
rejoined paragraphs (they need both neighbours of a character). Nothing else in the text
is rewritten: typos and garbled passages of the source stay as they are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from build_site.ingest.grammar import (
    CHINESE_NUMERAL,
    CJK_PUNCT,
    DOC_NUMBER_ANY_BRACKETS,
    HAN,
    HAN_CHAR,
)
from build_site.model import Line, SourceText
from build_site.parallel import map_in_two

# --- line rules -------------------------------------------------------------------------

_PINYIN = re.compile(rf"(?<=[{HAN}])(?:\((?:[a-zü]{{1,6}}[1-5]?)\))+")
_SPACES = " \u3000\u00a0\u2002\u2003\ufeff"


def strip_indentation(line: str) -> str:
    """Leading spaces, U+3000 and padding come from layout, not from the text.

    Tabs are kept where a line has cells (an empty first cell is a column, not indent).
    """
    line = line.strip(_SPACES)
    return line if line.count("\t") >= 2 else line.strip("\t" + _SPACES)


_LETTERSPACED = re.compile(rf"^(?:[{HAN}（）][ \u3000]+){{3,}}[{HAN}（）]$")


def collapse_letterspacing(line: str) -> str:
    """`山 西 汾 源 煤 业 有 限 责 任 公 司 文 件`: a 版头 set with letter spacing, as PDF
    text gives it, is read as the words it spells."""
    return re.sub(r"[ \u3000]+", "", line) if _LETTERSPACED.match(line) else line


def remove_pinyin(line: str) -> str:
    """Drop `(an)`, `(sheng)(sheng)` injected after characters by a web converter."""
    return _PINYIN.sub("", line)


def count_pinyin(line: str) -> int:
    return sum(match.group(0).count("(") for match in _PINYIN.finditer(line))


@cache
def _t2s():
    import opencc  # imported lazily: loading the dictionaries is the slow part

    return opencc.OpenCC("t2s")


def to_simplified(line: str) -> str:
    """Traditional → simplified with OpenCC; simplified text passes unchanged."""
    if line.isascii():
        return line
    return _t2s().convert(line)


def normalize_doc_number(line: str) -> str:
    """`晋政发[2009]1号`, `﹝2021﹞`, `1 号` → `晋政发〔2009〕1号` (GB/T 9704 brackets)."""
    if "号" not in line:
        return line
    return DOC_NUMBER_ANY_BRACKETS.sub(
        lambda m: f"{m['code']}〔{m['year']}〕{m['serial']}{m['suffix']}", line
    )


def is_pinyin_injected(lines: Sequence[str]) -> bool:
    """A file is pinyin-injected when such annotations are everywhere, not a stray one."""
    text = "\n".join(lines)
    hits = count_pinyin(text)
    han = len(text) - len(HAN_CHAR.sub("", text))
    return hits >= 20 and hits >= 0.1 * han


def pinyin_lines(lines: Sequence[str]) -> list[bool]:
    """Which lines carry injected pinyin: all of a file annotated throughout; in a file that
    holds an annotated copy among plain notices, the lines of its dense stretches (three
    annotations and a third of the characters, on a line or one of its neighbours)."""
    if is_pinyin_injected(lines):
        return [True] * len(lines)
    counts = [count_pinyin(line) if "(" in line else 0 for line in lines]
    dense = [count >= 3 and count * 3 >= len(HAN_CHAR.findall(line))
             for count, line in zip(counts, lines, strict=True)]
    near = [any(dense[max(0, i - 3):i + 4]) for i in range(len(lines))]
    return [count > 0 and close for count, close in zip(counts, near, strict=True)]


# --- text rules ---------------------------------------------------------------------------

# not prose: URLs, e-mail addresses, `quoted code`, and the HTML tags and character
# references (&gt;) a web copy keeps
_PROTECTED = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|`[^`]+`"
                        r"|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|<!--.*?-->"
                        r"|&(?:#\d+|#x[\da-fA-F]+|[A-Za-z]\w*);", re.DOTALL)
_SPACE_BEFORE_NUMBER = re.compile(rf"(?<=[{HAN}{CJK_PUNCT}]) +(?=[\d.%\-]+ *[{HAN}])")
_SPACE_AFTER_NUMBER = re.compile(rf"(?<=\d) +(?=[{HAN}])")
_CJK_NEIGHBOUR = f"[{HAN}{CJK_PUNCT}]"
_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_PUNCT_AFTER_CJK = re.compile(rf"(?<={_CJK_NEIGHBOUR})[,;:?!]|[,;:?!](?={_CJK_NEIGHBOUR})")
# a full stop typed half-width: after Chinese (or a closing mark, or 7.1%), before Chinese or
# at the end; never in a number (7.7%), a point marker (1.), an ellipsis or Latin text
_HALF_STOP = re.compile(rf"(?<=[{HAN}）”’》%])\.(?=[{HAN}“‘《（]|\s*$)")
_NUMERAL_MARKER = re.compile(rf"^\s*{CHINESE_NUMERAL}$")  # `一.总体要求`: a marker, not a stop
_PARENS = re.compile(r"\(([^()]*)\)")
_ANGLES_IN_TITLE = re.compile(rf"<([^<>]*[{HAN}][^<>]*)>")


def remove_layout_spaces(text: str) -> str:
    """`关于 2009 年`, `2013年 1月 31日`, `1 号`: PDF spacing around numbers in Chinese text."""
    text = _SPACE_BEFORE_NUMBER.sub("", text)
    return _SPACE_AFTER_NUMBER.sub("", text)


def full_width_punctuation(text: str) -> str:
    """Half-width , ; : ? ! ( ) next to Chinese and a full stop after it become full width;
    numbers and URLs stay."""
    text = _HALF_PUNCT_AFTER_CJK.sub(lambda m: _HALF_PUNCT[m.group(0)], text)
    text = _HALF_STOP.sub(_full_stop, text)
    previous = None
    while previous != text:  # innermost pairs first, so nested brackets convert too
        previous = text
        text = _PARENS.sub(_full_width_parens, text)
    text = text.replace("\x00", "(").replace("\x01", ")")
    return _ANGLES_IN_TITLE.sub(r"〈\1〉", text)


def _full_stop(match: re.Match[str]) -> str:
    return "." if _NUMERAL_MARKER.match(match.string, 0, match.start()) else "。"


def _full_width_parens(match: re.Match[str]) -> str:
    inner = match.group(1)
    start, end = match.start(), match.end()
    text = match.string
    outside = (text[start - 1] if start else "") + (text[end] if end < len(text) else "")
    if re.search(_CJK_NEIGHBOUR, inner) or re.search(_CJK_NEIGHBOUR, outside):
        return f"（{inner}）"
    return f"\x00{inner}\x01"  # placeholder so the loop does not revisit Latin pairs


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[str], str]


LINE_RULES: tuple[Rule, ...] = (
    Rule("strip_indentation", strip_indentation),
    Rule("collapse_letterspacing", collapse_letterspacing),
    Rule("to_simplified", to_simplified),
    Rule("normalize_doc_number", normalize_doc_number),
)
TEXT_RULES: tuple[Rule, ...] = (
    Rule("remove_layout_spaces", remove_layout_spaces),
    Rule("full_width_punctuation", full_width_punctuation),
)


def apply_line_rules(lines: list[str], pinyin: Sequence[bool]) -> list[str]:
    """The line rules over a whole file, in registry order; `pinyin`: which lines lose their
    injected pinyin first.

    OpenCC runs once on the whole text: called line by line it costs more than the parse.
    """
    text = "\n".join(remove_pinyin(line) if annotated else line
                     for line, annotated in zip(lines, pinyin, strict=True))
    for rule in LINE_RULES:
        if rule.apply is to_simplified:
            text = to_simplified(text)
        else:
            text = "\n".join(rule.apply(line) for line in text.split("\n"))
    return text.split("\n")


def clean_source(source: SourceText) -> tuple[list[Line], bool]:
    """Line-level cleaning of a whole file, numbered as in the file; tells whether pinyin
    had been injected. A web copy first loses its markup, each line keeping what it lost
    (a line that held a `<br>` or a literal `\\n` becomes several, with one number)."""
    annotated = pinyin_lines(source.lines)
    numbered = [(number, text, "") for number, text in enumerate(source.lines, 1)]
    if is_web_copy(source.lines):
        numbered = [piece for number, text in enumerate(source.lines, 1)
                    for piece in strip_markup(number, text, number <= _front_matter_end(
                        source.lines))]
    texts = _line_rules_in_blocks([text for _, text, _ in numbered],
                                  [annotated[number - 1] for number, _, _ in numbered])
    return [Line(number, text, markup)
            for (number, _, markup), text in zip(numbered, texts, strict=True)], any(annotated)


BLOCK_LINES = 20_000  # a large file's lines are cleaned in blocks of this many, in two halves


def _line_rules_in_blocks(lines: list[str], pinyin: list[bool]) -> list[str]:
    """The line rules, a large file's blocks of lines in two halves side by side (OpenCC
    over a file of thousands of notices takes seconds)."""
    starts = range(0, len(lines), BLOCK_LINES)
    blocks = map_in_two(
        lambda start: apply_line_rules(lines[start:start + BLOCK_LINES],
                                       pinyin[start:start + BLOCK_LINES]),
        list(starts), lambda start: 1, 3)
    return [line for block in blocks for line in block]


# --- web and word-processor markup --------------------------------------------------------

_LAYOUT_TAGS = (
    "p|br|span|div|font|strong|b|i|em|u|h[1-6]|section|article|center|a|img|sup|sub|table|"
    "tbody|thead|tr|td|th|ul|ol|li|blockquote|hr|o:p"
)
_TAG = re.compile(rf"</?(?:{_LAYOUT_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_CELL_END = re.compile(r"</t[dh]>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|\\n", re.IGNORECASE)  # a tag or a literal backslash-n
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")
_EMPHASIS = re.compile(r"\*\*|__")
_LINK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\((?P<url>[^()\s]+)\)")
_FENCE = re.compile(r"^-{3,}\s*$")
_WEB_HINTS = re.compile(
    rf"{_TAG.pattern}|&(?:emsp|ensp|nbsp|#12288);|^\s*#{{1,6}}\s|\*\*|\]\(https?://|\\n",
    re.IGNORECASE,
)


def is_web_copy(lines: tuple[str, ...] | list[str]) -> bool:
    """A file pasted from a web page or a word processor: markup on a good share of its lines
    (one stray tag in a notice is text, and stays)."""
    filled = [line for line in lines if line.strip()]
    marked = sum(1 for line in filled if _WEB_HINTS.search(line))
    return marked >= 5 and marked >= 0.15 * len(filled)


def _front_matter_end(lines: tuple[str, ...] | list[str]) -> int:
    """The last line number of a `---` front-matter block at the top of a file (0: none)."""
    if not lines or not _FENCE.match(lines[0]):
        return 0
    closing = next((n for n, line in enumerate(lines[1:40], 2) if _FENCE.match(line)), 0)
    return closing


def strip_markup(number: int, line: str, front_matter: bool) -> list[tuple[int, str, str]]:
    """(number, text, markup removed) for each line the source line holds: tags, entities,
    `**`, heading marks and link targets out, the words of a link kept."""
    if front_matter:
        return [(number, "", line)]
    pieces = []
    for part in _BREAK.split(line):
        removed: list[str] = []

        def drop(match: re.Match[str], keep: str = "", removed=removed) -> str:
            removed.append(match.group(0).replace(keep, "", 1) if keep.strip() else match.group(0))
            return keep

        text = _CELL_END.sub(lambda m: drop(m, "\t"), part)
        text = _TAG.sub(drop, text)
        text = _LINK.sub(lambda m: drop(m, m["text"]), text)
        text = _HEADING_MARK.sub(drop, text)
        text = _EMPHASIS.sub(drop, text)
        text = _ENTITY.sub(lambda m: drop(m, _entity(m.group(0))), text)
        pieces.append((number, text, "".join(removed)))
    breaks = "".join(_BREAK.findall(line))
    first_number, first_text, first_markup = pieces[0]
    pieces[0] = (first_number, first_text, breaks + first_markup)
    return pieces


def _entity(entity: str) -> str:
    """&emsp; and the other spaces are layout (a space); &lt; and the like are characters."""
    character = html.unescape(entity)
    return " " if character.isspace() or character == "\u3000" else character


def clean_text(text: str) -> str:
    """Apply the text rules outside URLs, e-mail addresses, code and markup: `a,b` in
    backticks or `<a title="中,文">` is quoted, not Chinese prose."""
    if not _RULES_APPLY.search(text):  # most paragraphs: nothing any rule would change
        return text
    pieces: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(text):
        pieces.append(_apply_text_rules(text[position : match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(_apply_text_rules(text[position:]))
    return "".join(pieces)


_RULES_APPLY = re.compile(r"[ ,;:?!()<>]")  # text with none of these: no rule changes it


def _apply_text_rules(text: str) -> str:
    if not _RULES_APPLY.search(text):
        return text
    for rule in TEXT_RULES:
        text = rule.apply(text)
    return text


@cache
def pinyin(text: str) -> str:
    """Toneless pinyin, for URL parts of names not registered in content/."""
    return "".join(pinyin_syllables(text)).lower()


@cache
def pinyin_syllables(text: str) -> tuple[str, ...]:
    """Imported on first use: pypinyin's dictionaries take longer to load than a parse."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(text, errors="ignore"))


def han_only(text: str) -> str:
    """The Han characters of a text, in order: what the fidelity audit compares."""
    return "".join(HAN_CHAR.findall(text))
