"""The composition root: the inputs loaded once, then ingest → enrich → publish.

Each part is a folder of pure stages (build_site/ingest, enrich, publish); this module is
where they meet the disk. `Inputs.load` reads content/ (the registers and the raw notices);
`generate` runs the whole pipeline and returns the pages, which the MkDocs plugin
(build_site/hooks/plugin.py) hands to MkDocs as files; `check` and `export` are the other
two things the pipeline is for. The command line (build_site/__main__.py) only parses
arguments and calls these.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from build_site.enrich.classify import SectorTag, classify
from build_site.enrich.link import Links, link_corpus
from build_site.enrich.responsibility import department_index, responsibilities
from build_site.ingest.corpus import Corpus, FileCache, build_corpus
from build_site.model import ClauseRef, Notice
from build_site.parallel import in_two
from build_site.publish import urls
from build_site.publish.context import SiteContext
from build_site.publish.site import render_site
from build_site.publish.topics import collect, sector_tags
from build_site.registers.departments import Department, load_departments
from build_site.registers.issuers import Issuers, load_issuers
from build_site.registers.permalinks import load_permalinks, save_permalinks
from build_site.registers.sectors import Sector, load_sectors

PARALLEL_MIN_CLAUSES = 5_000  # classify in two halves above this (real: ~500)


def load_raw(raw_dir: Path) -> dict[str, bytes]:
    """Every raw file, by name relative to the raw folder."""
    return {
        path.relative_to(raw_dir).as_posix(): path.read_bytes()
        for path in sorted(raw_dir.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads: the hand-edited registers in content/ and the raw notices."""

    root: Path
    raw_dir: Path
    raw: dict[str, bytes]
    issuers: Issuers
    sectors: tuple[Sector, ...]
    departments: tuple[Department, ...]
    permalinks: dict[str, str]

    @classmethod
    def load(cls, root: Path, raw_dir: Path | None = None) -> Inputs:
        """Every register is validated before any notice is read (ConfigError otherwise)."""
        content = root / "content"
        raw_dir = raw_dir or content / "raw"
        issuers = load_issuers(content / "issuers.yml")
        sectors = load_sectors(content / "sectors.yml")
        departments = load_departments(content / "departments.yml")
        permalinks = load_permalinks(cls.permalinks_file(root))
        return cls(root, raw_dir, load_raw(raw_dir), issuers, sectors, departments, permalinks)

    @staticmethod
    def permalinks_file(root: Path) -> Path:
        return root / "content" / "permalinks.yml"

    @property
    def own_corpus(self) -> bool:
        """The project's own notices, not a benchmark corpus elsewhere (which pins nothing)."""
        return self.raw_dir.resolve() == (self.root / "content" / "raw").resolve()


def ingest(inputs: Inputs, cache: FileCache | None = None) -> Corpus:
    return build_corpus(inputs.raw, inputs.issuers, inputs.permalinks, cache)


@dataclass
class Relations:
    """What enrich/ adds to the corpus: maps keyed by notice slug or clause."""

    links: Links
    tags: dict[ClauseRef, tuple[SectorTag, ...]]
    responsible: dict[ClauseRef, tuple[str, ...]]
    departments: dict[Department, list[ClauseRef]]


def _clause_count(notice: Notice) -> int:
    return len(notice.all_clauses())


def enrich(corpus: Corpus, inputs: Inputs, lap=lambda stage: None) -> Relations:
    links = link_corpus(corpus.notices, inputs.issuers)
    lap("link")
    first, second = in_two(lambda half: classify(half, inputs.sectors), corpus.notices,
                           _clause_count, PARALLEL_MIN_CLAUSES)
    responsible = responsibilities(corpus.notices)
    departments = department_index(responsible, inputs.departments)
    return Relations(links, first | second, responsible, departments)


@dataclass
class Generated:
    pages: dict[str, str]  # docs-relative path → Markdown
    corpus: Corpus
    timings: list[tuple[str, float]] = field(default_factory=list)


def generate(inputs: Inputs, save: bool = True, cache: FileCache | None = None) -> Generated:
    """All pages; `save` records newly published unnumbered notices in permalinks.yml;
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
    entries = collect(corpus.notices, relations.tags)
    lap("classify")
    context = SiteContext(corpus.notices, relations.links, corpus.duplicates, inputs.issuers,
                          corpus.pinyin_files,
                          clause_extras=[sector_tags(relations.tags, inputs.sectors)],
                          tags=relations.tags)
    pages = render_site(context, inputs.sectors, entries, relations.departments)
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
    fatal = [problem for problem in corpus.problems if problem.fatal]
    return 1 if fatal or not all(audit.ok for audit in audits) else 0


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
    """`make site`: MkDocs builds the site, the plugin generating the pages (strict)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError

    from build_site.hooks.plugin import RAW_ENV

    show_mkdocs_log(quiet)
    os.environ[RAW_ENV] = str(raw_dir.resolve())
    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    config = load_config(str(root / "mkdocs.yml"), strict=True, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except (Abort, BuildError) as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    finally:
        config.plugins.on_shutdown()
    return 0


def serve(root: Path, raw_dir: Path, address: str) -> int:
    """`make serve`: MkDocs' live preview; the plugin regenerates when content/ changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from build_site.hooks.plugin import RAW_ENV

    os.environ[RAW_ENV] = str(raw_dir.resolve())
    show_mkdocs_log(quiet=False)
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=address, livereload=True)
    return 0
