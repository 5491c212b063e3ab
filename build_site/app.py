"""The composition root: the inputs loaded once, then ingest → enrich → publish.

Each part is a folder of pure stages (build_site/ingest, enrich, publish); this module is
where they meet the disk. `Inputs.load` reads content/ (the registers and the raw notices);
`generate` runs the whole pipeline and returns the pages, which the MkDocs plugin
(build_site/hooks/plugin.py) hands to MkDocs as files; `check` and `export` are the other
two things the pipeline is for. The command line (build_site/__main__.py) only parses
arguments and calls these.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_site.enrich.classify import SectorTag, Segment, classify
from build_site.enrich.link import Links, link_corpus
from build_site.enrich.responsibility import department_index, responsibilities
from build_site.ingest.corpus import Corpus, FileCache, build_corpus
from build_site.model import ClauseRef, Notice, Problem
from build_site.parallel import in_two
from build_site.publish import urls
from build_site.publish.comparison import archive_weights, notice_comparison
from build_site.publish.context import SiteContext
from build_site.publish.site import render_site
from build_site.publish.topics import collect, sector_tags
from build_site.registers.conflicts import load_accepted_conflicts
from build_site.registers.departments import Department, load_departments
from build_site.registers.documents import DocumentNames, load_document_names
from build_site.registers.issuers import Issuers, load_issuers
from build_site.registers.permalinks import Register, load_permalinks, save_permalinks
from build_site.registers.sectors import Sector, load_sectors

PARALLEL_MIN_CLAUSES = 5_000  # classify in two halves above this (real: ~500)
AT_FDCWD, RENAME_EXCHANGE = -100, 2  # <fcntl.h>, <linux/fs.h>: renameat2 swaps two paths


def load_raw(raw_dir: Path) -> tuple[dict[str, bytes], list[Problem]]:
    """Every raw file, by name relative to the raw folder, and the files that were not read.

    Only what lies inside the folder is read: a symbolic link that leads out of it is
    refused (a collection must never publish /etc/passwd); a broken link, a file or folder
    without read permission, a pipe or a device is reported by name. Names starting with a
    dot (editors' files) are passed over.
    """
    inside = raw_dir.resolve()
    problems: list[Problem] = []

    def unreadable_folder(error: OSError) -> None:
        folder = Path(error.filename)
        name = folder.relative_to(raw_dir).as_posix() if folder != raw_dir else str(raw_dir)
        problems.append(Problem(name, None, f"folder not read: {error.strerror}", fatal=True))

    entries: list[Path] = []
    for folder, folders, names in os.walk(raw_dir, onerror=unreadable_folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        linked = [name for name in folders if (Path(folder) / name).is_symlink()]
        entries += [Path(folder) / name for name in names + linked if not name.startswith(".")]
    files: dict[str, bytes] = {}
    for path in sorted(entries):
        name = path.relative_to(raw_dir).as_posix()
        data = _read_inside(path, inside)
        if isinstance(data, bytes):
            files[name] = data
        elif data:
            problems.append(Problem(name, None, data, fatal=True))
    return files, problems


def _read_inside(path: Path, inside: Path) -> bytes | str:
    """A raw file's bytes, or why they are not read ("" for a link to a folder inside the
    raw folder: its files are read where they are)."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return f"broken symbolic link: {os.readlink(path)} does not exist"
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links
        return f"not read: {error}"
    if not target.is_relative_to(inside):
        return (f"refused: a symbolic link to {target}, outside the raw folder {inside}; only "
                "files inside it are read (copy the notice in instead)")
    if target.is_dir():
        return ""
    if not target.is_file():
        return "not read: not a regular file (a pipe, socket or device)"
    try:
        return target.read_bytes()
    except OSError as error:
        return f"not read: {error.strerror}"


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads: the hand-edited registers in content/ and the raw notices."""

    root: Path
    raw_dir: Path
    raw: dict[str, bytes]
    issuers: Issuers
    sectors: tuple[Sector, ...]
    departments: tuple[Department, ...]
    permalinks: Register  # every URL published, and the notice it belongs to
    accepted_conflicts: dict[str, str]  # 文号 → why two documents may share it
    documents: DocumentNames  # the names of documents the notices cite
    refused: tuple[Problem, ...] = ()  # raw files that were not read, and why

    @classmethod
    def load(cls, root: Path, raw_dir: Path | None = None) -> Inputs:
        """Every register is validated before any notice is read (ConfigError otherwise)."""
        content = root / "content"
        raw_dir = raw_dir or content / "raw"
        issuers = load_issuers(content / "issuers.yml")
        sectors = load_sectors(content / "sectors.yml")
        departments = load_departments(content / "departments.yml")
        # a benchmark's synthetic notices were never published: no register for them
        own = raw_dir.resolve() == (content / "raw").resolve()
        permalinks = load_permalinks(cls.permalinks_file(root)) if own else {}
        accepted = load_accepted_conflicts(content / "conflicts.yml")
        documents = load_document_names(content / "document_names.yml")
        raw, refused = load_raw(raw_dir)
        return cls(root, raw_dir, raw, issuers, sectors, departments, permalinks, accepted,
                   documents, tuple(refused))

    @staticmethod
    def permalinks_file(root: Path) -> Path:
        return root / "content" / "permalinks.yml"

    @property
    def own_corpus(self) -> bool:
        """The project's own notices, not a benchmark corpus elsewhere (which pins nothing)."""
        return self.raw_dir.resolve() == (self.root / "content" / "raw").resolve()


def ingest(inputs: Inputs, cache: FileCache | None = None) -> Corpus:
    """The corpus, its problems led by the raw files that were not read."""
    corpus = build_corpus(inputs.raw, inputs.issuers, inputs.permalinks, cache)
    return replace(corpus, problems=[*inputs.refused, *corpus.problems])


@dataclass
class Relations:
    """What enrich/ adds to the corpus: maps keyed by notice slug or clause."""

    links: Links
    tags: dict[ClauseRef, tuple[SectorTag, ...]]
    responsible: dict[ClauseRef, tuple[str, ...]]
    departments: dict[Department, list[ClauseRef]]
    segments: dict[ClauseRef, tuple[Segment, ...]] = field(default_factory=dict)


def _clause_count(notice: Notice) -> int:
    return len(notice.all_clauses())


def enrich(corpus: Corpus, inputs: Inputs, lap=lambda stage: None) -> Relations:
    links = link_corpus(corpus.notices, inputs.issuers, inputs.documents)
    lap("link")
    first, second = in_two(lambda half: classify(half, inputs.sectors), corpus.notices,
                           _clause_count, PARALLEL_MIN_CLAUSES)
    classified = first | second
    responsible = responsibilities(corpus.notices)
    departments = department_index(responsible, inputs.departments)
    return Relations(links, classified.tags, responsible, departments, classified.segments)


@dataclass
class Generated:
    pages: dict[str, str]  # docs-relative path → Markdown
    corpus: Corpus
    timings: list[tuple[str, float]] = field(default_factory=list)


def generate(inputs: Inputs, save: bool = True, cache: FileCache | None = None) -> Generated:
    """All pages; `save` records what was published in the register (content/permalinks.yml);
    `cache` keeps parsed files between builds (`make serve`)."""
    timings: list[tuple[str, float]] = []
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings.append((stage, now - clock))
        clock = now

    corpus = ingest(inputs, cache)
    if corpus.permalinks != inputs.permalinks and save:
        save_permalinks(Inputs.permalinks_file(inputs.root), corpus.permalinks)
    lap("clean+parse")
    relations = enrich(corpus, inputs, lap)
    entries = collect(corpus.notices, relations.tags, relations.segments)
    lap("classify")
    context = SiteContext(corpus.notices, relations.links, corpus.duplicates, inputs.issuers,
                          corpus.pinyin_files, corpus.conflicts, inputs.accepted_conflicts,
                          clause_extras=[sector_tags(relations.tags, inputs.sectors)],
                          segments=relations.segments,
                          sentence_weights=archive_weights(corpus.notices),
                          tags=relations.tags)
    context.notice_extras.append(notice_comparison(context))
    pages = render_site(context, inputs.sectors, entries, relations.departments,
                        corpus.withdrawn)
    benchmarks = inputs.root / "content" / urls.BENCHMARKS  # written by `make bench`
    if benchmarks.exists():
        pages[urls.BENCHMARKS] = benchmarks.read_text(encoding="utf-8")
    lap("render")
    return Generated(pages, corpus, timings)


def check(inputs: Inputs) -> int:
    """The fidelity audit: non-zero when a notice lost text or could not be built."""
    from build_site.ingest.audit import audit_notice
    from build_site.publish.report import audit_table, corpus_summary

    corpus = ingest(inputs)
    print(corpus_summary(corpus))
    everything = corpus.notices + [duplicate.hidden for duplicate in corpus.duplicates]
    everything.sort(key=lambda notice: (notice.file, notice.first_line))
    audits = [audit_notice(notice, corpus.sources[notice.file]) for notice in everything]
    print(audit_table(audits))
    unresolved = [c for c in corpus.conflicts if c.doc_number not in inputs.accepted_conflicts]
    for conflict in unresolved:
        print(f"UNRESOLVED {conflict.doc_number}: printed on "
              + ", ".join(f"{n.file}:{n.first_line}" for n in conflict.notices)
              + "; correct the 文号 or record it in content/conflicts.yml")
    fatal = [problem for problem in corpus.problems if problem.fatal]
    return 1 if fatal or unresolved or not all(audit.ok for audit in audits) else 0


def export(inputs: Inputs, out: Path) -> int:
    from build_site.publish.export import corpus_to_json
    from build_site.publish.report import corpus_summary

    corpus = ingest(inputs)
    print(corpus_summary(corpus), file=sys.stderr)
    relations = enrich(corpus, inputs)
    data = corpus_to_json(corpus, relations.tags, relations.responsible, relations.departments)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {out}: {len(data['notices'])} notices", file=sys.stderr)
    return 0


def report_problems(corpus: Corpus) -> None:
    """Input problems go to stderr; they never fail the build of the other notices.

    The same message for many notices (an issuer not yet registered) is said once.
    """
    seen: dict[str, int] = {}
    for problem in corpus.problems:
        seen[problem.message] = seen.get(problem.message, 0) + 1
        if seen[problem.message] == 1:
            print(("ERROR " if problem.fatal else "warning ") + str(problem), file=sys.stderr)
    repeated = sum(count - 1 for count in seen.values())
    if repeated:
        print(f"warning: {repeated} repeated messages not shown", file=sys.stderr)


def write_docs(pages: dict[str, str], docs_dir: Path) -> int:
    """Write generated pages, touching only files whose content changed."""
    written = 0
    for relative, content in pages.items():
        path = docs_dir / relative
        if path.exists() and path.read_text(encoding="utf-8") == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written += 1
    return written


def show_mkdocs_log(quiet: bool) -> None:
    """MkDocs' own command line sets this up; driving its API from here, we do."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, logging.StreamHandler) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)


def write_pages(root: Path, raw_dir: Path) -> int:
    """`build --no-mkdocs`: the generated Markdown in build/docs, for inspection."""
    generated = generate(Inputs.load(root, raw_dir))
    report_problems(generated.corpus)
    out = root / "build" / "docs"
    count = write_docs(generated.pages, out)
    print(f"wrote {count} changed of {len(generated.pages)} pages to {out}")
    return 0


def build(root: Path, raw_dir: Path, quiet: bool = False, site_dir: Path | None = None) -> int:
    """`make site`: MkDocs builds the site, the plugin generating the pages (strict), into a
    new folder beside site/ that takes its place only when the build succeeded: a failed
    build leaves the last good site as it was, and a server never sees half a site."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError

    show_mkdocs_log(quiet)
    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    config = load_config(str(root / "mkdocs.yml"), strict=True, **overrides)
    config.plugins["build_site"].config.raw_dir = str(raw_dir.resolve())
    site = Path(config.site_dir).resolve()  # a link to the served folder stays a link
    site.parent.mkdir(parents=True, exist_ok=True)
    new_site = Path(tempfile.mkdtemp(prefix=f".{site.name}.building-", dir=site.parent))
    new_site.chmod(0o777 & ~_umask())  # as MkDocs makes site/, not mkdtemp's owner-only
    config.site_dir = str(new_site)  # Pagefind's index too: it writes to site_dir/pagefind
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
        replace_folder(site, new_site)
    except (Abort, BuildError) as error:
        print(f"build failed, {site} left as it was: {error}", file=sys.stderr)
        return 1
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(new_site, ignore_errors=True)  # the failed build, or the old site
    return 0


def replace_folder(folder: Path, new: Path) -> None:
    """Put `new` in the place of `folder` in one step; the old folder is left at `new`.

    Linux swaps two folders atomically (renameat2 with RENAME_EXCHANGE); elsewhere the old
    one is moved aside first, leaving `folder` missing for the moment between two renames.
    """
    if not folder.exists():
        new.rename(folder)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    exchange = getattr(libc, "renameat2", None)
    if exchange is not None and exchange(AT_FDCWD, os.fsencode(new), AT_FDCWD,
                                         os.fsencode(folder), RENAME_EXCHANGE) == 0:
        return
    aside = new.with_name(new.name + ".old")
    folder.rename(aside)
    new.rename(folder)
    aside.rename(new)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def serve(root: Path, raw_dir: Path, address: str) -> int:
    """`make serve`: MkDocs' live preview; the plugin regenerates when content/ changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from build_site.hooks.plugin import RAW_ENV

    os.environ[RAW_ENV] = str(raw_dir.resolve())
    show_mkdocs_log(quiet=False)
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=address, livereload=True)
    return 0
