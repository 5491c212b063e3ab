"""Prove a refactoring changes nothing: the site, the JSON export and the audit, built at a
git revision and from the working tree, compared file by file.

    python -m build_site.tools.compare_builds HEAD~3 [--engine material]

The revision is checked out in a temporary worktree and built there by this same Python
(the working tree's dependencies), so only the code differs. Exits 1 when any file differs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_outputs(checkout: Path, out: Path, engine: str) -> None:
    """Site, export and audit of one checkout, written under `out`."""
    env = {**os.environ, "BUILD_SITE_SEARCH": engine, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BUILD_SITE_RAW", None)
    python = [sys.executable, "-m", "build_site", "-q"]
    for command in (["build", "--site-dir", str(out / "site")],
                    ["export", "--out", str(out / "notices.json")]):
        subprocess.run([*python, *command], cwd=checkout, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    audit = subprocess.run([*python, "check"], cwd=checkout, env=env, capture_output=True,
                           text=True, check=False)
    (out / "check.txt").write_text(audit.stdout, encoding="utf-8")


def differences(before: Path, after: Path) -> list[str]:
    """Relative paths that are missing on one side or differ in content."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"only before: {prefix}{name}" for name in comparison.left_only)
        found.extend(f"only after: {prefix}{name}" for name in comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right,
                                               comparison.common_files, shallow=False)
        found.extend(f"differs: {prefix}{name}" for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(before, after), "")
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("revision", help="the git revision to compare the working tree with")
    parser.add_argument("--engine", default="pagefind", choices=("pagefind", "material"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as folder:
        work = Path(folder)
        checkout = work / "checkout"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(checkout),
                        args.revision], cwd=ROOT, check=True)
        try:
            build_outputs(checkout, work / "before", args.engine)
            build_outputs(ROOT, work / "after", args.engine)
            found = differences(work / "before", work / "after")
            files = sum(1 for path in (work / "after").rglob("*") if path.is_file())
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT,
                           check=False)
    for line in found:
        print(line)
    print(f"{args.revision} → working tree, {args.engine}: {files} files compared, "
          f"{len(found)} different")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
