"""The sectors of each clause: primary (the clause is about it) or mention (only named).

Signals, strongest first. An explicit label (a heading `煤矿`, a paragraph opening `煤矿：`)
makes its sectors primary and everything else in its scope a mention. A sector named in the
heading is primary. In any other paragraph a sector is primary when it has most of the
paragraph's sector words, densely enough that a passing word in a long paragraph does not
count; or, in a paragraph that goes through sectors one by one, when a sentence is mainly
about it. A word in a list (`矿山、危险化学品等高危行业`) only ever makes a mention."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from build_site.ingest.grammar import (
    CLOSING_QUOTES,
    LIST_BREAK,
    SECTOR_LABEL_ANYWHERE,
    SECTOR_LABEL_RUN_IN,
    SENTENCE,
)
from build_site.model import Clause, ClauseRef, Notice
from build_site.registers.sectors import Sector

PRIMARY = "primary"
MENTION = "mention"
MIN_WORDS = 2  # words on a sector in a paragraph that can make it primary
SHARE = 0.5  # of the sector words in the paragraph
DENSITY = 2.0  # sector words per 100 characters
SECTORAL = 0.6  # of a paragraph in sentences about sectors or hazards: each gets its sentences

_LABEL_SUFFIXES = ("领域专项整治", "专项整治", "领域", "行业", "方面", "安全")
_PHRASE = re.compile(r"[^，。；：,;:！？\n]+")


@dataclass(frozen=True)
class SectorTag:
    slug: str
    name: str
    kind: str  # PRIMARY | MENTION


Tags = Mapping[ClauseRef, Sequence[SectorTag]]  # what classify() returns, as consumers read it


@dataclass(frozen=True)
class Hit:
    """A sector word in the text; `listed`: one item of an enumeration."""

    slugs: frozenset[str]
    listed: bool


def trie_pattern(words: Collection[str]) -> str:
    """One regex for many words, shared prefixes factored out, longest match first.

    A flat alternation of a few hundred words is tried word by word at every position;
    the trie form lets the regex engine follow one branch per character instead.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: a longer one is tried first, greedily
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return pattern(trie)


@dataclass(frozen=True)
class Lexicon:
    """The taxonomy compiled for matching: one regex, longest word first."""

    words: re.Pattern[str]
    owners: Mapping[str, frozenset[str]]  # word → sectors; empty for an excluded phrase
    labels: Mapping[str, frozenset[str]]
    themes: frozenset[str]
    memo: dict[str, list[Hit]] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, sectors: Sequence[Sector]) -> Lexicon:
        owners: dict[str, frozenset[str]] = {}
        labels: dict[str, frozenset[str]] = {}
        for sector in sectors:
            for word in sector.words():
                owners[word] = owners.get(word, frozenset()) | {sector.slug}
            for label in sector.label_forms():
                labels[label] = labels.get(label, frozenset()) | {sector.slug}
        for sector in sectors:
            owners.update((phrase, frozenset()) for phrase in sector.excludes)
        return cls(
            words=re.compile(trie_pattern(owners)),
            owners=owners,
            labels=labels,
            themes=frozenset(sector.slug for sector in sectors if sector.theme),
        )

    def hits(self, text: str) -> list[Hit]:
        """Sector words in reading order; lists are told apart phrase by phrase.

        Memoised: a clause's text is read for the clause, per paragraph and per sentence,
        and notices repeat whole sentences year after year.
        """
        cached = self.memo.get(text)
        if cached is None:
            cached = self.memo[text] = self._hits(text)
        return cached

    def _hits(self, text: str) -> list[Hit]:
        found: list[Hit] = []
        for phrase in _PHRASE.findall(text):
            words = [
                (match.start(), match.end(), self.owners[match[0]])
                for match in self.words.finditer(phrase)
                if self.owners[match[0]]
            ]
            listed = _enumerated(phrase, words)
            found.extend(
                Hit(slugs, (start, end) in listed or _before_deng(phrase, end))
                for start, end, slugs in words
            )
        return found

    def label(self, text: str) -> frozenset[str]:
        """The sectors a label such as `煤矿领域专项整治` or `危险化学品和烟花爆竹` stands for."""
        text = _strip_suffixes(text.strip())
        if "等" in text:  # `冶金和机械等行业`: a list, not a label
            return frozenset()
        if text in self.labels:
            return self.labels[text]
        parts = (_strip_suffixes(part) for part in LIST_BREAK.split(text))
        return frozenset().union(*(self.labels.get(part, frozenset()) for part in parts))


def classify(
    notices: Sequence[Notice], sectors: Sequence[Sector]
) -> dict[ClauseRef, tuple[SectorTag, ...]]:
    """Tags of every clause, primary first, each kind in taxonomy order.

    A clause with no text of its own (a heading over points) mentions the primary sectors
    of its sub-clauses, so a topic page can point at the heading the points stand under.
    """
    lexicon = Lexicon.of(sectors)
    tags: dict[ClauseRef, tuple[SectorTag, ...]] = {}

    def visit(notice: Notice, clause: Clause) -> frozenset[str]:
        below = frozenset().union(*(visit(notice, child) for child in clause.children))
        primary, named = clause_sectors(clause, lexicon)
        if not clause.text.strip():
            named |= below
        tags[notice.ref(clause)] = tuple(
            SectorTag(sector.slug, sector.name, PRIMARY if sector.slug in primary else MENTION)
            for group in (primary, named - primary)
            for sector in sectors
            if sector.slug in group
        )
        return primary

    for notice in notices:
        for clause in notice.clauses:
            visit(notice, clause)
    return tags


def clause_sectors(clause: Clause, lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """(primary, named) sectors of one clause, from its heading and its own text."""
    text = clause.text
    for note in clause.department_notes:  # `（省消防救援总队…负责）` is no word on 消防
        text = text.replace(note, "")
    named = frozenset(
        slug for hit in lexicon.hits(f"{clause.heading}\n{text}") for slug in hit.slugs
    )
    labelled = lexicon.label(clause.heading) if clause.heading else frozenset()
    if labelled:
        return labelled, named
    primary = set(heading_sectors(clause.heading, lexicon))
    for paragraph in text.split("\n"):
        for label, segment in _segments(paragraph, lexicon):
            primary |= label or paragraph_sectors(segment, lexicon)
    return frozenset(primary), named


def heading_sectors(heading: str, lexicon: Lexicon) -> frozenset[str]:
    """Sectors a heading names; `抓好职业健康安全监管工作` is about 职业健康, not 执法."""
    named = {slug for hit in lexicon.hits(heading) if not hit.listed for slug in hit.slugs}
    return frozenset(named - lexicon.themes or named)


def paragraph_sectors(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Primary sectors of an unlabelled paragraph (see the module docstring)."""
    counts: Counter[str] = Counter()
    sectoral = 0
    own_sentence: set[str] = set()
    for sentence in SENTENCE.findall(text):
        hits = lexicon.hits(sentence)
        counts.update(slug for hit in hits if not hit.listed for slug in hit.slugs)
        about = _about(hits)
        if about - lexicon.themes:
            sectoral += len(sentence)
        if len(about) == 1:
            own_sentence |= about
    words = sum(counts.values())
    primary = {
        slug
        for slug, count in counts.items()
        if count >= MIN_WORDS and count >= SHARE * words and count * 100 >= DENSITY * len(text)
    }
    if sectoral >= SECTORAL * len(text):
        primary |= own_sentence - lexicon.themes
    return frozenset(primary)


def evaluate(
    labels: Mapping[ClauseRef, Collection[str]], predictions: Tags
) -> tuple[float, float]:
    """Precision and recall of primary sectors, micro-averaged over (clause, sector) pairs."""
    found = correct = expected = 0
    for key, wanted in labels.items():
        got = {tag.slug for tag in predictions.get(key, ()) if tag.kind == PRIMARY}
        found += len(got)
        expected += len(wanted)
        correct += len(got & set(wanted))
    return (correct / found if found else 1.0), (correct / expected if expected else 1.0)


def _about(hits: list[Hit]) -> frozenset[str]:
    """The sectors a sentence names most often, lists aside."""
    counts = Counter(slug for hit in hits if not hit.listed for slug in hit.slugs)
    top = max(counts.values(), default=0)
    return frozenset(slug for slug, count in counts.items() if count == top)


def _segments(paragraph: str, lexicon: Lexicon) -> Iterator[tuple[frozenset[str], str]]:
    """The paragraph cut at its labels: (sectors of the label or empty, text)."""
    cuts = [
        (match.start(), labelled)
        for match in SECTOR_LABEL_ANYWHERE.finditer(paragraph)
        if (labelled := lexicon.label(match["label"]))
    ]
    opening = SECTOR_LABEL_RUN_IN.match(paragraph)
    if opening and not cuts and (labelled := lexicon.label(opening["label"])):
        cuts = [(0, labelled)]
    if not cuts or cuts[0][0] > 0:
        cuts.insert(0, (0, frozenset()))
    ends = [start for start, _ in cuts[1:]] + [len(paragraph)]
    for (start, labelled), end in zip(cuts, ends, strict=True):
        yield labelled, paragraph[start:end]


def _enumerated(phrase: str, words: list[tuple[int, int, frozenset[str]]]) -> set[tuple[int, int]]:
    """Spans of the words that are items of a list naming several sectors.

    `使煤矿、非煤矿山、危险化学品…等重点行业`, `消防设施升级改造、公路安全生命防护工程建设、…`;
    not `客车、大型货车、校车`, where every item is about one sector, nor what follows `等`.
    """
    if "、" not in phrase:
        return set()
    end = phrase.find("等", phrase.rindex("、"))
    end = len(phrase) if end < 0 else end  # the list runs to its 等, else to the end
    inside = [(start, stop, slugs) for start, stop, slugs in words if stop <= end]
    items = {len(LIST_BREAK.findall(phrase, 0, start)) for start, _, _ in inside}
    if len({slugs for _, _, slugs in inside}) < 2 or len(items) < 2:
        return set()
    return {(start, stop) for start, stop, _ in inside}


def _before_deng(phrase: str, end: int) -> bool:
    """`矿山等高危行业`: the word stands for a group it is one of."""
    return phrase[end:].lstrip(CLOSING_QUOTES).startswith("等")


def _strip_suffixes(text: str) -> str:
    for suffix in _LABEL_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text
