"""Command line: `python -m build_site {build,serve,check,export,synth}`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_site import app
from build_site.registers.schema import ConfigError


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
            return app.check(app.Inputs.load(root, raw_dir))
        if args.command == "export":
            return app.export(app.Inputs.load(root, raw_dir), args.out)
        if args.command == "build" and args.no_mkdocs:
            return app.write_pages(root, raw_dir)
        if args.command == "build":
            return app.build(root, raw_dir, quiet=args.quiet, site_dir=args.site_dir)
        if args.command == "serve":
            return app.serve(root, raw_dir, args.addr)
        if args.command == "synth":
            from build_site.tools.synth import write_synthetic

            write_synthetic(app.Inputs.load(root, raw_dir).raw, args.out, args.notices, args.seed)
            return 0
    except ConfigError as error:
        print(f"configuration error:\n{error}", file=sys.stderr)
        return 2
    return 1


if __name__ == "__main__":
    sys.exit(main())
