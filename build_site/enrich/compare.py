"""Two texts aligned sentence by sentence: what the later one continues, rewords, adds and
drops.

Each year's notice rewords last year's requirements, so sentences are matched by what they
share, not by equality: each sentence of the later text is matched to its most similar
sentence of the earlier one. Similarity is the cosine of the sentences' Chinese character
bigrams weighted by how rare each bigram is among the archive's sentences (tf-idf), so that
`安全`, `加强` and `生产` count for little and `隐患报告奖励` for much. From CONTINUED on, the
sentence continues its counterpart (the words it inserts and deletes are marked); below, it
is new. Earlier sentences no later one continues are dropped. Pieces too short to be a
requirement (`煤矿。`, a number) are neither.

CONTINUED was set on 40 hand-judged pairs of the 2025 and 2026 provincial notices whose
plain bigram overlap (Dice 0.2–0.5) could not tell them apart: `落实企业内部事故隐患报告
奖励机制` continues `健全企业内部安全风险隐患报告奖励制度` (0.37), `组织开展“百吨王”货车等
专项整治` does not continue `组织开展安全生产月…等专题活动` (0.15). At 0.27 it finds 15 of the
23 continuations and none of the 17 others (tests/enrich/test_compare.py keeps examples).

Used for a sector year over year (publish/topics.py), a provincial notice against the one of
the year before and a city or county notice against the province's of the same year
(publish/comparison.py).
"""

from __future__ import annotations

import difflib
import functools
import heapq
import itertools
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from build_site.ingest.grammar import HAN_CHAR, SENTENCE

CONTINUED = 0.27  # tf-idf cosine from which a sentence continues its counterpart
MIN_HAN = 6  # Han characters a sentence needs to be compared at all
COMMON = 0.2  # a bigram in more of the earlier sentences than this finds no candidates
RARE = 4  # a sentence's rarest bigrams: the earlier sentences holding one are scored


class Status(StrEnum):
    CONTINUED = "continued"
    NEW = "new"
    SHORT = "short"  # a label or a fragment: not compared


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it stands (whatever the caller locates it by)."""

    text: str
    where: Hashable


@dataclass(frozen=True)
class Match:
    sentence: Sentence  # of the later text
    status: Status
    counterpart: Sentence | None = None  # the most similar earlier sentence, if continued
    similarity: float = 0.0


@dataclass(frozen=True)
class Alignment:
    matches: tuple[Match, ...]  # every sentence of the later text, in order
    dropped: tuple[Sentence, ...]  # earlier sentences that no later one continues

    def count(self, status: Status) -> int:
        return sum(match.status is status for match in self.matches)

    @property
    def new(self) -> list[Match]:
        return [match for match in self.matches if match.status is Status.NEW]

    @property
    def reworded(self) -> int:
        """Continued sentences whose words changed."""
        return sum(match.status is Status.CONTINUED and match.similarity < 1.0
                   for match in self.matches)


def sentences(text: str, where: Hashable) -> list[Sentence]:
    """The sentences of a text, each with its end mark (lines are joined first: a paragraph
    break ends a sentence that has no mark)."""
    return [Sentence(piece.strip(), where) for line in text.split("\n")
            for piece in SENTENCE.findall(line) if piece.strip()]


@lru_cache(maxsize=1 << 16)  # notices repeat sentences year after year
def _han(text: str) -> str:
    return "".join(HAN_CHAR.findall(text))


@lru_cache(maxsize=1 << 16)
def bigrams(text: str) -> frozenset[str]:
    han = _han(text)
    return frozenset(han[i:i + 2] for i in range(len(han) - 1))


class Vectors:
    """tf-idf weights: a bigram weighs 1 plus the log of how many sentences there are over
    how many hold it (smoothed, so that a bigram every sentence holds still counts a little,
    and one no sentence holds weighs most). Counted on at most SAMPLE sentences, evenly
    spread: enough to tell rare from common in an archive of any size."""

    SAMPLE = 20_000

    def __init__(self, texts: Sequence[str]):
        held: Counter[str] = Counter()
        total = 1
        for text in texts[::max(1, len(texts) // self.SAMPLE)]:
            held.update(bigrams(text))
            total += 1
        self.squared = {gram: (1 + math.log(total / (count + 1))) ** 2
                        for gram, count in held.items()}
        self.unseen = (1 + math.log(total)) ** 2
        self.norms: dict[frozenset[str], float] = {}  # sentences repeat across notices

    def weight(self, gram: str) -> float:
        return self.squared.get(gram, self.unseen)

    def norm(self, grams: frozenset[str]) -> float:
        if grams not in self.norms:
            self.norms[grams] = math.sqrt(sum(map(self.weight, grams)))
        return self.norms[grams]


class Earlier:
    """The sentences of an earlier text, indexed by their less common bigrams: ready to be
    aligned with any number of later texts (a province's notice with each of its cities')."""

    def __init__(self, sentences: Sequence[Sentence], vectors: Vectors):
        self.sentences = [sentence for sentence in sentences if _comparable(sentence)]
        self.vectors = vectors
        self.grams = [bigrams(sentence.text) for sentence in self.sentences]
        self.norms = [vectors.norm(found) for found in self.grams]
        self.exact = {sentence.text: number
                      for number, sentence in reversed(list(enumerate(self.sentences)))}
        # bigram → the sentences holding it, as bits of an int: thousands of small lists
        # per text kept the garbage collector busy for most of the time
        holders: dict[str, int] = defaultdict(int)
        for number, found in enumerate(self.grams):
            bit = 1 << number
            for gram in found:
                holders[gram] |= bit
        common = max(RARE, COMMON * len(self.sentences))
        self.index = {gram: held for gram, held in holders.items() if held.bit_count() <= common}
        self.weights = {gram: vectors.weight(gram) for gram in holders}
        self.vectors_of = [{gram: self.weights[gram] for gram in found} for found in self.grams]
        self.found: dict[str, tuple[int | None, float]] = {}  # later texts repeat sentences

    def align(self, later: Sequence[Sentence]) -> Alignment:
        """Each later sentence with its most similar earlier one (the module docstring)."""
        matches = []
        continued: set[int] = set()
        for sentence in later:
            if not _comparable(sentence):
                matches.append(Match(sentence, Status.SHORT))
                continue
            best, score = self._best(sentence.text)
            if best is not None and score >= CONTINUED:
                continued.add(best)
                matches.append(Match(sentence, Status.CONTINUED, self.sentences[best], score))
            else:
                matches.append(Match(sentence, Status.NEW, None, score))
        dropped = tuple(sentence for number, sentence in enumerate(self.sentences)
                        if number not in continued)
        return Alignment(tuple(matches), dropped)

    def _best(self, text: str) -> tuple[int | None, float]:
        """The most similar earlier sentence and its similarity: an equal one at once, else
        the best of those holding one of its RARE rarest bigrams."""
        if text in self.exact:
            return self.exact[text], 1.0
        if text not in self.found:
            self.found[text] = self._closest(text)
        return self.found[text]

    def _closest(self, text: str) -> tuple[int | None, float]:
        own = bigrams(text)
        rare = heapq.nlargest(RARE, own & self.index.keys(), key=self.weights.__getitem__)
        candidates = functools.reduce(operator.or_, map(self.index.__getitem__, rare), 0)
        norm = self.vectors.norm(own)
        scored = [(sum(map(self.vectors_of[number].get, own, _ZEROS)) / (norm * self.norms[number]),
                   -number) for number in _bits(candidates)]
        if not scored:
            return None, 0.0
        score, negative = max(scored)
        return -negative, score


def align(earlier: Sequence[Sentence], later: Sequence[Sentence]) -> Alignment:
    """Two texts alone, weighted by their own sentences."""
    texts = [sentence.text for sentence in (*earlier, *later)]
    return Earlier(earlier, Vectors(texts)).align(later)


_ZEROS = itertools.repeat(0.0)  # what a bigram the earlier sentence lacks adds


def _bits(number: int) -> Iterator[int]:
    """The positions of the bits set in `number`, lowest first."""
    while number:
        low = number & -number
        yield low.bit_length() - 1
        number ^= low


def _comparable(sentence: Sentence) -> bool:
    return len(_han(sentence.text)) >= MIN_HAN


@lru_cache(maxsize=1 << 12)  # a province's sentence reworded the same way by its cities
def changes(earlier: str, later: str) -> tuple[tuple[str, str], ...]:
    """How `later` rewrites `earlier`: runs of ("=", kept), ("-", deleted), ("+", inserted).

    By character, then tidied as a reader wants it: a single kept character between two
    changes (`的`, `和`) is folded into them, so that a changed phrase reads as one."""
    matcher = difflib.SequenceMatcher(None, earlier, later, autojunk=False)
    runs: list[tuple[str, str]] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("=", later[b0:b1]))
            continue
        if a1 > a0:
            runs.append(("-", earlier[a0:a1]))
        if b1 > b0:
            runs.append(("+", later[b0:b1]))
    return tuple(_merged(_fold_short_equals(runs)))


def _fold_short_equals(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    folded: list[tuple[str, str]] = []
    for position, (kind, text) in enumerate(runs):
        between = 0 < position < len(runs) - 1 and runs[position - 1][0] != "=" \
            and runs[position + 1][0] != "="
        if kind == "=" and len(text) == 1 and between:
            folded += [("-", text), ("+", text)]
        else:
            folded.append((kind, text))
    return folded


def _merged(runs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent runs of one kind joined; within a change, deletions before insertions."""
    merged: list[tuple[str, str]] = []
    pending = {"-": "", "+": ""}
    for kind, text in runs:
        if kind == "=":
            merged += [(mark, pending[mark]) for mark in "-+" if pending[mark]]
            pending = {"-": "", "+": ""}
            if merged and merged[-1][0] == "=":
                merged[-1] = ("=", merged[-1][1] + text)
            else:
                merged.append(("=", text))
        else:
            pending[kind] += text
    merged += [(mark, pending[mark]) for mark in "-+" if pending[mark]]
    return merged
