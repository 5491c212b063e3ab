"""The orchestrator: raw notices → generated Markdown pages → MkDocs site.

`generate` is the whole pipeline as one pure function of the raw bytes and the data in
content/. MkDocs calls it from a hook (build_site/mkdocs_hooks.py) so that `mkdocs build`
and `mkdocs serve` see the generated pages as files without a docs/ round trip;
`python -m build_site build --no-mkdocs` writes them out for inspection and benchmarks.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from build_site.classify import classify
from build_site.corpus import Corpus, FileCache, build_corpus, load_raw
from build_site.departments import department_index, load_departments
from build_site.halves import in_two
from build_site.issuers import load_issuers
from build_site.link import link_corpus
from build_site.model import Notice
from build_site.render import (
    SiteContext,
    render_citations,
    render_home,
    render_issuers,
    render_notice,
    render_years,
)
from build_site.sectors import load_sectors
from build_site.slugs import load_permalinks, save_permalinks
from build_site.topics import (
    collect,
    render_department,
    render_departments_index,
    render_overview,
    render_topic,
    sector_tags,
)

RAW_ENV = "BUILD_SITE_RAW"  # benchmarks point the site at a synthetic corpus
PARALLEL_MIN_CLAUSES = 5_000  # classify in two halves above this (real: ~500)


@dataclass
class Generated:
    pages: dict[str, str]  # docs-relative path → Markdown
    corpus: Corpus
    timings: list[tuple[str, float]] = field(default_factory=list)


def _clause_count(notice: Notice) -> int:
    return len(notice.all_clauses())


def raw_dir_for(root: Path) -> Path:
    return Path(os.environ.get(RAW_ENV) or root / "content" / "raw")


def generate(
    root: Path, raw_dir: Path | None = None, save: bool = True, cache: FileCache | None = None
) -> Generated:
    """All pages; `save` records newly published unnumbered notices in permalinks.yml;
    `cache` keeps parsed files between builds (`make serve`)."""
    timings: list[tuple[str, float]] = []
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings.append((stage, now - clock))
        clock = now

    issuers = load_issuers(root / "content" / "issuers.yml")
    sectors = load_sectors(root / "content" / "sectors.yml")
    registered_departments = load_departments(root / "content" / "departments.yml")
    permalinks_file = root / "content" / "permalinks.yml"
    permalinks = load_permalinks(permalinks_file)
    raw = load_raw(raw_dir or raw_dir_for(root))
    lap("read")
    corpus = build_corpus(raw, issuers, permalinks, cache)
    if corpus.permalinks != permalinks and save:
        save_permalinks(permalinks_file, corpus.permalinks)
    lap("clean+parse")
    links = link_corpus(corpus.notices, issuers)
    lap("link")
    first, second = in_two(lambda half: classify(half, sectors), corpus.notices, _clause_count,
                           PARALLEL_MIN_CLAUSES)
    tags = first | second
    entries = collect(corpus.notices, tags)
    departments = department_index(corpus.notices, registered_departments)
    lap("classify")
    context = SiteContext(corpus.notices, links, corpus.duplicates, issuers, corpus.pinyin_files,
                          clause_extras=[sector_tags(tags, sectors)])
    pages = {
        "index.md": render_home(context),
        "years.md": render_years(context),
        "issuers.md": render_issuers(context),
        "topics.md": render_overview(sectors, entries, context),
        "departments.md": render_departments_index(departments),
    }
    pages.update(render_citations(context))
    for sector in sectors:
        pages.update(render_topic(sector, entries.get(sector.slug, []), context))
    for department, refs in departments.items():
        pages.update(render_department(department, refs, context))
    for notice in corpus.notices:
        pages[f"notices/{notice.slug}.md"] = render_notice(notice, context)
    benchmarks = root / "content" / "benchmarks.md"  # written by `make bench`
    if benchmarks.exists():
        pages["benchmarks.md"] = benchmarks.read_text(encoding="utf-8")
    lap("render")
    return Generated(pages, corpus, timings)


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


def build_site(root: Path, raw_dir: Path, run_mkdocs: bool = True, quiet: bool = False,
               site_dir: Path | None = None) -> int:
    if not run_mkdocs:
        generated = generate(root, raw_dir)
        report_problems(generated.corpus)
        out = root / "build" / "docs"
        count = write_docs(generated.pages, out)
        print(f"wrote {count} changed of {len(generated.pages)} pages to {out}")
        return 0
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError

    show_mkdocs_log(quiet)
    os.environ[RAW_ENV] = str(raw_dir.resolve())
    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    config = load_config(str(root / "mkdocs.yml"), strict=True, **overrides)
    try:
        build(config)
    except (Abort, BuildError) as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    return 0
