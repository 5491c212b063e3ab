"""The structured corpus: read → split → parse → infer → deduplicate, for every raw file.

Pure apart from `load_raw`, which is the only place that touches the disk. A file that
cannot be read, or a notice that cannot be parsed, becomes a Problem; the rest builds.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

from build_site.dedupe import Duplicate, find_duplicates
from build_site.infer import complete_metadata
from build_site.issuers import Issuers
from build_site.model import Notice, Problem, SourceText
from build_site.paragraphs import wrap_width
from build_site.parse import parse_chunk
from build_site.read import UnreadableFile, decode
from build_site.slugs import assign_slugs
from build_site.split import clean_lines, split

RAW_SUFFIXES = {".txt", ".text", ".md"}


@dataclass
class Corpus:
    notices: list[Notice]  # unique notices, in a stable order (issuer, year, number)
    duplicates: list[Duplicate]
    sources: dict[str, SourceText]
    problems: list[Problem] = field(default_factory=list)
    pinyin_files: set[str] = field(default_factory=set)
    permalinks: dict[str, str] = field(default_factory=dict)  # to save when it changed

    def by_slug(self) -> dict[str, Notice]:
        return {notice.slug: notice for notice in self.notices}


def load_raw(raw_dir: Path) -> dict[str, bytes]:
    """Every raw file, by name relative to the raw folder (the only disk read here)."""
    return {
        path.relative_to(raw_dir).as_posix(): path.read_bytes()
        for path in sorted(raw_dir.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def build_corpus(
    raw: dict[str, bytes], issuers: Issuers, permalinks: dict[str, str] | None = None
) -> Corpus:
    problems: list[Problem] = []
    sources: dict[str, SourceText] = {}
    notices: list[Notice] = []
    pinyin_files: set[str] = set()
    for name, data in raw.items():
        try:
            source, decode_problems = decode(name, data)
        except UnreadableFile as error:
            problems.append(error.problem)
            continue
        problems.extend(decode_problems)
        sources[name] = source
        lines, injected = clean_lines(source)
        if injected:
            pinyin_files.add(name)
        wrap = wrap_width([line.text for line in lines])
        file_notices = []
        for chunk in split(name, lines):
            try:
                file_notices.append(parse_chunk(chunk, wrap))
            except Exception as error:  # a notice that cannot be parsed must not stop the rest
                problems.append(
                    Problem(
                        name, chunk.first_line,
                        f"notice at lines {chunk.first_line}–{chunk.last_line} could not be "
                        f"parsed ({type(error).__name__}: {error}); it is not published\n"
                        + traceback.format_exc(limit=3),
                        fatal=True,
                    )
                )
        if not file_notices:
            problems.append(Problem(name, None, "no notice found in this file", fatal=True))
        complete_metadata(file_notices, issuers)
        notices.extend(file_notices)
    unique, duplicates = find_duplicates(notices)
    slug_problems, updated = assign_slugs(unique, issuers, permalinks or {})
    problems.extend(slug_problems)
    unique.sort(key=lambda notice: notice.slug)
    for notice in notices:
        problems.extend(notice.problems)
    return Corpus(unique, duplicates, sources, problems, pinyin_files, updated)
