"""Two texts aligned sentence by sentence: what the later one continues, rewords, adds and
drops.

Each year's notice rewords last year's requirements, so sentences are matched by what they
share, not by equality: each sentence of the later text is matched to its most similar
sentence of the earlier one. Similarity is the cosine of the sentences' Chinese character
bigrams weighted by how rare each bigram is among the sentences compared (tf-idf), so that
`安全`, `加强` and `生产` count for little and `隐患报告奖励` for much. From CONTINUED on, the
sentence continues its counterpart (the words it inserts and deletes are marked); below, it
is new. Earlier sentences no later one continues are dropped. Pieces too short to be a
requirement (`煤矿。`, a number) are neither.

CONTINUED was set on 40 hand-judged pairs of the 2025 and 2026 provincial notices whose
plain bigram overlap (Dice 0.2–0.5) could not tell them apart: `落实企业内部事故隐患报告
奖励机制` continues `健全企业内部安全风险隐患报告奖励制度` (0.36), `组织开展“百吨王”货车等
专项整治` does not continue `组织开展安全生产月…等专题活动` (0.16). At 0.3 it finds 14 of the
23 continuations and none of the 17 others (tests/enrich/test_compare.py keeps examples).

Used for a sector year over year (publish/topics.py), a provincial notice against the one of
the year before and a city or county notice against the province's of the same year
(publish/comparison.py).
"""

from __future__ import annotations

import difflib
import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from build_site.ingest.grammar import HAN_CHAR, SENTENCE

CONTINUED = 0.3  # tf-idf cosine from which a sentence continues its counterpart
MIN_HAN = 6  # Han characters a sentence needs to be compared at all
COMMON = 0.2  # a bigram in more of the earlier sentences than this finds no candidates
CANDIDATES = 8  # earlier sentences scored exactly, by most bigrams shared


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
def bigrams(text: str) -> frozenset[str]:
    han = "".join(HAN_CHAR.findall(text))
    return frozenset(han[i:i + 2] for i in range(len(han) - 1))


class Vectors:
    """tf-idf weights over the sentences of one comparison: a bigram weighs 1 plus the log
    of how many sentences there are over how many hold it (smoothed, so that a bigram every
    sentence holds still counts a little and two sentences alone can be compared)."""

    def __init__(self, texts: Sequence[str]):
        held = Counter(gram for text in texts for gram in bigrams(text))
        total = len(texts) + 1
        self.weights = {gram: 1 + math.log(total / (count + 1)) for gram, count in held.items()}

    def norm(self, grams: frozenset[str]) -> float:
        return math.sqrt(sum(self.weights.get(gram, 0.0) ** 2 for gram in grams))

    def cosine(self, a: frozenset[str], b: frozenset[str]) -> float:
        norms = self.norm(a) * self.norm(b)
        shared = sum(self.weights.get(gram, 0.0) ** 2 for gram in a & b)
        return shared / norms if norms else 0.0


def align(earlier: Sequence[Sentence], later: Sequence[Sentence]) -> Alignment:
    """Each later sentence with its most similar earlier one (see the module docstring)."""
    compared = [sentence for sentence in earlier if _comparable(sentence)]
    vectors = Vectors([s.text for s in compared] + [s.text for s in later if _comparable(s)])
    grams = [bigrams(sentence.text) for sentence in compared]
    exact = {sentence.text: index for index, sentence in reversed(list(enumerate(compared)))}
    index: dict[str, list[int]] = defaultdict(list)
    for number, found in enumerate(grams):
        for gram in found:
            index[gram].append(number)
    common = max(CANDIDATES, COMMON * len(compared))
    matches = []
    continued: set[int] = set()
    for sentence in later:
        if not _comparable(sentence):
            matches.append(Match(sentence, Status.SHORT))
            continue
        best, score = _best(sentence.text, exact, grams, index, common, vectors)
        if best is not None and score >= CONTINUED:
            continued.add(best)
            matches.append(Match(sentence, Status.CONTINUED, compared[best], score))
        else:
            matches.append(Match(sentence, Status.NEW, None, score))
    dropped = tuple(sentence for number, sentence in enumerate(compared)
                    if number not in continued)
    return Alignment(tuple(matches), dropped)


def _comparable(sentence: Sentence) -> bool:
    return len(HAN_CHAR.findall(sentence.text)) >= MIN_HAN


def _best(text: str, exact: dict[str, int], grams: list[frozenset[str]],
          index: dict[str, list[int]], common: float, vectors: Vectors
          ) -> tuple[int | None, float]:
    """The earlier sentence most similar to `text` and its similarity: an equal sentence at
    once, else the best of those sharing the most of its less common bigrams."""
    if text in exact:
        return exact[text], 1.0
    own = bigrams(text)
    shared: Counter[int] = Counter()
    for gram in own:
        postings = index.get(gram, ())
        if len(postings) <= common:
            shared.update(postings)
    scored = [(vectors.cosine(own, grams[number]), -number)
              for number, _ in shared.most_common(CANDIDATES)]
    if not scored:
        return None, 0.0
    score, negative = max(scored)
    return -negative, score


def changes(earlier: str, later: str) -> list[tuple[str, str]]:
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
    return _merged(_fold_short_equals(runs))


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
