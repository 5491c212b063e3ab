"""Command line: `python -m build_site {build,serve,check,export,synth}`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from build_site.config import ConfigError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_site", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="project folder holding content/ and mkdocs.yml (default: .)")
    parser.add_argument("--raw", type=Path, default=None,
                        help="folder of raw notice files (default: ROOT/content/raw)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="fidelity audit: every Han character of every notice")
    export = commands.add_parser("export", help="write the corpus as JSON")
    export.add_argument("--out", type=Path, required=True)
    build = commands.add_parser("build", help="generate the pages and build site/ (--strict)")
    build.add_argument("--no-mkdocs", action="store_true", help="only write pages to build/docs")
    build.add_argument("--site-dir", type=Path, default=None, help="default: ROOT/site")
    serve = commands.add_parser("serve", help="preview; regenerates when a raw file changes")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    synth = commands.add_parser("synth", help="make a realistic scale corpus from the real one")
    synth.add_argument("--notices", type=int, required=True)
    synth.add_argument("--out", type=Path, required=True)
    synth.add_argument("--seed", type=int, default=1)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root
    raw_dir: Path = args.raw or root / "content" / "raw"
    try:
        if args.command == "check":
            return _check(root, raw_dir)
        if args.command == "export":
            return _export(root, raw_dir, args.out)
        if args.command == "build":
            from build_site.site import build_site

            return build_site(root, raw_dir, run_mkdocs=not args.no_mkdocs, quiet=args.quiet,
                              site_dir=args.site_dir)
        if args.command == "serve":
            from build_site.serve import serve

            return serve(root, raw_dir, args.addr)
        if args.command == "synth":
            from build_site.synth import write_synthetic

            write_synthetic(raw_dir, args.out, args.notices, args.seed)
            return 0
    except ConfigError as error:
        print(f"configuration error:\n{error}", file=sys.stderr)
        return 2
    return 1


def _load(root: Path, raw_dir: Path):
    from build_site.corpus import build_corpus, load_raw
    from build_site.issuers import load_issuers
    from build_site.slugs import load_permalinks

    issuers = load_issuers(root / "content" / "issuers.yml")
    permalinks = load_permalinks(root / "content" / "permalinks.yml")
    return build_corpus(load_raw(raw_dir), issuers, permalinks)


def _check(root: Path, raw_dir: Path) -> int:
    from build_site.audit import audit_notice
    from build_site.report import audit_table, corpus_summary

    corpus = _load(root, raw_dir)
    print(corpus_summary(corpus))
    everything = corpus.notices + [duplicate.hidden for duplicate in corpus.duplicates]
    everything.sort(key=lambda notice: (notice.file, notice.first_line))
    audits = [audit_notice(notice, corpus.sources[notice.file]) for notice in everything]
    print(audit_table(audits))
    fatal = [problem for problem in corpus.problems if problem.fatal]
    return 1 if fatal or not all(audit.ok for audit in audits) else 0


def _export(root: Path, raw_dir: Path, out: Path) -> int:
    from build_site.classify import classify
    from build_site.departments import department_index, load_departments
    from build_site.export import corpus_to_json
    from build_site.report import corpus_summary
    from build_site.sectors import load_sectors

    sectors = load_sectors(root / "content" / "sectors.yml")
    corpus = _load(root, raw_dir)
    print(corpus_summary(corpus), file=sys.stderr)
    out.parent.mkdir(parents=True, exist_ok=True)
    tags = classify(corpus.notices, sectors)
    departments = load_departments(root / "content" / "departments.yml")
    data = corpus_to_json(corpus, tags, department_index(corpus.notices, departments))
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {out}: {len(data['notices'])} notices", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
