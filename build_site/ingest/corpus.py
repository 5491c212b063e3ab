"""The ingest part as one function: raw bytes → decode → normalize → split → parse (with
paragraphs and clauses) → infer, per file; then dedupe and slugs over the whole corpus.

Pure: the raw files arrive as bytes (build_site/app.py reads them). A file that cannot be
read, or a notice that cannot be parsed, becomes a Problem; the rest builds.
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field

from build_site.ingest.dedupe import Conflict, Duplicate, find_duplicates
from build_site.ingest.doubts import doubts
from build_site.ingest.grammar import role_of
from build_site.ingest.infer import complete_metadata
from build_site.ingest.normalize import clean_source
from build_site.ingest.paragraphs import wrap_width
from build_site.ingest.parse import parse_chunk
from build_site.ingest.read import UnreadableFile, decode
from build_site.ingest.slugs import assign_slugs
from build_site.ingest.split import split
from build_site.model import Chunk, Notice, Problem, SourceText
from build_site.parallel import map_in_two
from build_site.registers.issuers import Issuers
from build_site.registers.permalinks import Published, Register

FileCache = dict[tuple[str, str, Issuers], "FileResult"]
PARALLEL_MIN_BYTES = 4_000_000  # below this (the real corpus: 0.4 MB) forking costs more
PARALLEL_MIN_LINES = 60_000  # the lines of one file parsed in two halves (about 7 MB)


@dataclass
class Corpus:
    notices: list[Notice]  # unique notices, in a stable order (issuer, year, number)
    duplicates: list[Duplicate]
    sources: dict[str, SourceText]
    problems: list[Problem] = field(default_factory=list)
    pinyin_files: set[str] = field(default_factory=set)
    conflicts: list[Conflict] = field(default_factory=list)  # one 文号, different documents
    permalinks: Register = field(default_factory=dict)  # every URL published: to save
    withdrawn: tuple[Published, ...] = ()  # registered URLs whose notice is gone

    def by_slug(self) -> dict[str, Notice]:
        return {notice.slug: notice for notice in self.notices}


@dataclass
class FileResult:
    """One raw file read, split, parsed and completed: the unit that a cache keeps."""

    name: str
    source: SourceText | None
    notices: list[Notice]
    problems: list[Problem]
    pinyin: bool = False


def read_file(name: str, data: bytes, issuers: Issuers) -> FileResult:
    try:
        source, problems = decode(name, data)
    except UnreadableFile as error:
        return FileResult(name, None, [], [error.problem])
    lines, injected = clean_source(source)
    wrap = wrap_width([line.text for line in lines])
    notices = []
    # one large file (thousands of notices) is parsed in two halves side by side, as a large
    # corpus of many files is read (build_site/parallel.py)
    parsed = map_in_two(lambda chunk: _parse(chunk, wrap, source.lines), split(name, lines),
                        lambda chunk: len(chunk.lines), PARALLEL_MIN_LINES)
    for result in parsed:
        (notices if isinstance(result, Notice) else problems).append(result)
    if not notices:
        problems.append(Problem(name, None, "no notice found in this file", fatal=True))
    complete_metadata(notices, issuers)
    for notice in notices:
        notice.problems += doubts(notice, several=len(notices) > 1)
    return FileResult(name, source, notices, problems, injected)


def _parse(chunk: Chunk, wrap: int | None, printed: tuple[str, ...]) -> Notice | Problem:
    try:
        return parse_chunk(chunk, wrap, printed)
    except Exception as error:  # a notice that cannot be parsed must not stop the rest
        return Problem(
            chunk.file, chunk.first_line,
            f"notice at lines {chunk.first_line}–{chunk.last_line} could not be parsed "
            f"({type(error).__name__}: {error}); it is not published\n"
            + traceback.format_exc(limit=3),
            fatal=True,
        )


def _read_all(raw: dict[str, bytes], issuers: Issuers, cache: FileCache | None) -> list[FileResult]:
    """With a cache (`make serve`) only the files that changed since the last build are
    read again."""
    keys = {name: (name, hashlib.sha1(data).hexdigest(), issuers) for name, data in raw.items()}
    todo = {name: data for name, data in raw.items() if cache is None or keys[name] not in cache}
    fresh = _read_files(todo, issuers)
    if cache is None:
        return fresh
    cache.update({keys[result.name]: result for result in fresh})
    for stale in set(cache) - set(keys.values()):
        del cache[stale]
    return [cache[keys[name]] for name in raw]


def _read_files(todo: dict[str, bytes], issuers: Issuers) -> list[FileResult]:
    """A large corpus is read in two halves side by side (build_site/parallel.py)."""
    return map_in_two(lambda name: read_file(name, todo[name], issuers), list(todo),
                      lambda name: len(todo[name]), PARALLEL_MIN_BYTES)


def build_corpus(
    raw: dict[str, bytes],
    issuers: Issuers,
    permalinks: Register | None = None,
    cache: FileCache | None = None,
) -> Corpus:
    problems: list[Problem] = []
    sources: dict[str, SourceText] = {}
    notices: list[Notice] = []
    pinyin_files: set[str] = set()
    for result in _read_all(raw, issuers, cache):
        problems.extend(result.problems)
        if result.source is not None:
            sources[result.name] = result.source
        if result.pinyin:
            pinyin_files.add(result.name)
        notices.extend(result.notices)
    found = find_duplicates(notices)
    unique = found.published
    slugs = assign_slugs(unique, issuers, permalinks or {})
    problems.extend(slugs.problems)
    problems.extend(_conflict_problem(conflict) for conflict in found.conflicts)
    unique.sort(key=lambda notice: notice.slug)
    for notice in notices:
        problems.extend(notice.problems)
    role_of.cache_clear()  # a large file's lines: memory the rest of the build needs
    return Corpus(unique, found.duplicates, sources, problems, pinyin_files,
                  conflicts=found.conflicts, permalinks=slugs.register,
                  withdrawn=slugs.withdrawn)


def _conflict_problem(conflict: Conflict) -> Problem:
    first, *others = conflict.notices
    where = "; ".join(f"{n.file}:{n.first_line} (URL {n.slug})" for n in others)
    return Problem(
        first.file, first.first_line,
        f"{conflict.doc_number} is printed on {len(conflict.notices)} documents whose texts "
        f"disagree ({conflict.agreement:.0%} in common): this one (URL {first.slug}) and "
        f"{where}; each is published. Check the 文号 in the sources, or record it as "
        "intended in content/conflicts.yml",
    )
