"""The sectors of each clause: primary (the clause is about it) or mention (only named).

Signals, strongest first. An explicit label (a heading `煤矿`, a paragraph opening `煤矿：`)
makes its sectors primary and everything else in its scope a mention. A sector named in the
heading is primary. In any other paragraph a sector is primary when it has most of the
paragraph's sector words, densely enough that a passing word in a long paragraph does not
count; or, in a paragraph that goes through sectors one by one, when a sentence is mainly
about it. A word in a list (`矿山、危险化学品等高危行业`) only ever makes a mention.

Clauses that go through sectors paragraph by paragraph (`煤矿。…` `非煤矿山和尾矿库要…`)
are read at the level of the requirement: each such paragraph is a segment with its own
primary sectors, and the clause keeps those only as mentions, so a topic page lists the
coal paragraph, not the five paragraphs around it. The text before the first clause is
read the same way (all of it, in a notice with no numbered clauses)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from build_site.ingest.grammar import (
    CLOSING_QUOTES,
    LIST_BREAK,
    SECTOR_LABEL_ANYWHERE,
    SECTOR_LABEL_RUN_IN,
    SENTENCE,
)
from build_site.model import Clause, ClauseRef, Notice, Paragraph
from build_site.registers.sectors import Sector

PRIMARY = "primary"
MENTION = "mention"


@dataclass(frozen=True)
class Thresholds:
    """When the words of an unlabelled paragraph make a sector primary. Chosen on one part
    of the hand-labelled paragraphs and measured on the rest (tests/enrich/test_classify.py)."""

    min_words: int = 2  # words on a sector in a paragraph that can make it primary
    share: float = 0.5  # of the sector words in the paragraph
    density: float = 2.0  # sector words per 100 characters
    sectoral: float = 0.6  # of a paragraph in sentences about sectors: each gets its sentences


THRESHOLDS = Thresholds()

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


@dataclass(frozen=True)
class Segment:
    """A paragraph of a clause that is about sectors of its own: topic pages list it
    instead of the whole clause. Its anchor and citation are made in publish/urls.py."""

    paragraph: int  # 1-based among the clause's blocks, tables counted
    tags: tuple[SectorTag, ...]  # its primary sectors, in taxonomy order


Segments = Mapping[ClauseRef, Sequence[Segment]]


@dataclass
class Classification:
    """Tags of every clause, and the segments of the clauses read paragraph by paragraph
    (keyed by the clause; anchor "" for the text before the first clause)."""

    tags: dict[ClauseRef, tuple[SectorTag, ...]]
    segments: dict[ClauseRef, tuple[Segment, ...]]

    def __or__(self, other: Classification) -> Classification:
        return Classification(self.tags | other.tags, self.segments | other.segments)

    def primary(self, ref: ClauseRef) -> set[str]:
        """A clause's primary sectors, its own and its segments'."""
        tags = [*self.tags.get(ref, ()), *(tag for segment in self.segments.get(ref, ())
                                           for tag in segment.tags)]
        return {tag.slug for tag in tags if tag.kind == PRIMARY}


@dataclass(frozen=True)
class Reading:
    """What one clause is about: its heading, and each of its blocks."""

    heading: frozenset[str]  # primary by the heading: its label, or the sectors it names
    labelled: bool  # the heading is a label: the whole clause is about it
    paragraphs: tuple[frozenset[str], ...]  # primary sectors of each block ({} for a table)
    named: frozenset[str]  # every sector named anywhere in it

    def segments(self, themes: frozenset[str], alone: bool = False) -> list[int]:
        """The paragraphs (1-based) that are segments: those about a sector, in a clause
        whose paragraphs are about different sectors (`alone`: in any case)."""
        about = [sectors - themes for sectors in self.paragraphs]
        if self.labelled or (len({found for found in about if found}) < 2 and not alone):
            return []
        return [number for number, found in enumerate(about, 1) if found]

    def primary(self, segments: Collection[int]) -> frozenset[str]:
        """The clause's own primary sectors: what its segments are about is theirs."""
        if self.labelled:
            return self.heading
        rest = (found for number, found in enumerate(self.paragraphs, 1)
                if number not in segments)
        return self.heading.union(*rest)


def opening(notice: Notice) -> Clause:
    """The text before the first clause, read and listed as a clause without a number."""
    return Clause(level=0, label="", number=0, heading="", blocks=notice.preamble)


def classify(
    notices: Sequence[Notice], sectors: Sequence[Sector], thresholds: Thresholds = THRESHOLDS
) -> Classification:
    """Tags of every clause, primary first, each kind in taxonomy order; and segments.

    A clause with no text of its own (a heading over points) mentions the primary sectors
    of its sub-clauses, so a topic page can point at the heading the points stand under.
    """
    lexicon = Lexicon.of(sectors)
    result = Classification({}, {})

    def tagged(primary: Collection[str], named: Collection[str] = ()) -> tuple[SectorTag, ...]:
        return tuple(
            SectorTag(sector.slug, sector.name, PRIMARY if sector.slug in primary else MENTION)
            for group in (primary, set(named) - set(primary))
            for sector in sectors
            if sector.slug in group
        )

    def read(notice: Notice, clause: Clause, alone: bool = False) -> tuple[Reading, list[int]]:
        """The clause's reading and its segments, which are recorded."""
        reading = read_clause(clause, lexicon, thresholds)
        numbers = reading.segments(lexicon.themes, alone)
        if numbers:
            result.segments[notice.ref(clause)] = tuple(
                Segment(number, tagged(reading.paragraphs[number - 1])) for number in numbers)
        return reading, numbers

    def visit(notice: Notice, clause: Clause) -> frozenset[str]:
        """The clause tagged; what it and its segments are primarily about."""
        below = frozenset().union(*(visit(notice, child) for child in clause.children))
        reading, numbers = read(notice, clause)
        primary = reading.primary(numbers)
        named = reading.named if clause.text.strip() else reading.named | below
        result.tags[notice.ref(clause)] = tagged(primary, named)
        return primary.union(*(reading.paragraphs[number - 1] for number in numbers))

    for notice in notices:
        read(notice, opening(notice), alone=not notice.clauses)
        for clause in notice.clauses:
            visit(notice, clause)
    return result


def read_clause(clause: Clause, lexicon: Lexicon, thresholds: Thresholds = THRESHOLDS
                ) -> Reading:
    """The heading and every paragraph of one clause, read for sectors."""
    texts = paragraph_texts(clause)
    named = frozenset(
        slug for hit in lexicon.hits("\n".join([clause.heading, *texts]))
        for slug in hit.slugs
    )
    labelled = lexicon.label(clause.heading) if clause.heading else frozenset()
    heading = labelled or heading_sectors(clause.heading, lexicon)
    paragraphs = tuple(paragraph_primary(text, lexicon, thresholds) for text in texts)
    return Reading(heading, bool(labelled), paragraphs, named)


def paragraph_texts(clause: Clause) -> list[str]:
    """Each block's text as read for sectors ("" for a table): department notes left out,
    `（省消防救援总队…负责）` is no word on 消防."""
    texts = [block.text if isinstance(block, Paragraph) else "" for block in clause.blocks]
    for note in clause.department_notes:
        texts = [text.replace(note, "") for text in texts]
    return texts


def paragraph_primary(text: str, lexicon: Lexicon, thresholds: Thresholds = THRESHOLDS
                      ) -> frozenset[str]:
    """Primary sectors of one paragraph: its labels', else what its words are about."""
    primary: set[str] = set()
    for line in text.split("\n"):
        for label, piece in _segments(line, lexicon):
            primary |= label or paragraph_sectors(piece, lexicon, thresholds)
    return frozenset(primary)


def heading_sectors(heading: str, lexicon: Lexicon) -> frozenset[str]:
    """Sectors a heading names; `抓好职业健康安全监管工作` is about 职业健康, not 执法."""
    named = {slug for hit in lexicon.hits(heading) if not hit.listed for slug in hit.slugs}
    return frozenset(named - lexicon.themes or named)


def paragraph_sectors(text: str, lexicon: Lexicon, thresholds: Thresholds = THRESHOLDS
                      ) -> frozenset[str]:
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
        if len(about) > 1 and about - lexicon.themes:  # `推动钢铁…企业完成…，推动化工…`
            own_sentence.update(*(found for phrase in _PHRASE.findall(sentence)
                                  if len(found := _about(lexicon.hits(phrase))) == 1))
        elif len(about) == 1:
            own_sentence |= about
    words = sum(counts.values())
    primary = {
        slug
        for slug, count in counts.items()
        if count >= thresholds.min_words and count >= thresholds.share * words
        and count * 100 >= thresholds.density * len(text)
    }
    if sectoral >= thresholds.sectoral * len(text):
        primary |= own_sentence - lexicon.themes
    return frozenset(primary)


def evaluate(
    labels: Mapping[Hashable, Collection[str]], predictions: Mapping[Hashable, Collection[str]]
) -> tuple[float, float]:
    """Precision and recall of primary sectors, micro-averaged over (item, sector) pairs."""
    found = correct = expected = 0
    for key, wanted in labels.items():
        got = set(predictions.get(key, ()))
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
    not `客车、大型货车、校车`, where every item is about one sector, nor what follows `等`,
    nor, without a `等`, what follows the last item's word (`钢铁、粉尘涉爆企业完成风险监测
    预警系统建设`: the list ends at 粉尘涉爆).
    """
    if "、" not in phrase:
        return set()
    last = phrase.rindex("、")
    end = phrase.find("等", last)
    if end < 0:
        end = min((stop for start, stop, _ in words if start > last), default=last)
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
