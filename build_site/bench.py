"""`make bench`: measured speed and size figures, printed as one table.

Timings are medians of repeated runs on this machine; nothing here is asserted by the
tests (timing assertions make flaky tests), the figures go into the closing notes.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from build_site.corpus import build_corpus, load_raw
from build_site.issuers import load_issuers
from build_site.normalize import to_simplified


def _median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ingest_rows(root: Path, raw_dir: Path, runs: int = 5) -> list[tuple[str, str]]:
    """Reading, cleaning, parsing (+ dedupe) of the corpus, after start-up."""
    start = time.perf_counter()
    to_simplified("預熱")  # loads OpenCC's dictionaries: start-up, not per-notice work
    startup = time.perf_counter() - start
    raw = load_raw(raw_dir)
    issuers = load_issuers(root / "content" / "issuers.yml")
    size = sum(len(data) for data in raw.values())
    seconds = _median_seconds(lambda: build_corpus(raw, issuers), runs)
    corpus = build_corpus(raw, issuers)
    count = len(corpus.notices) + len(corpus.duplicates)
    return [
        ("raw input", f"{len(raw)} files, {size / 1e6:.2f} MB, {count} notices"),
        ("start-up (OpenCC dictionaries)", f"{startup * 1000:.0f} ms"),
        ("read+clean+parse+dedupe, median", f"{seconds * 1000:.0f} ms"),
        ("ingest throughput", f"{size / 1e6 / seconds:.2f} MB/s"),
    ]


def print_table(rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    lines = [f"{'measure':{width}}  value", f"{'-' * width}  {'-' * 30}"]
    lines.extend(f"{name:{width}}  {value}" for name, value in rows)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    root = Path(".")
    rows = ingest_rows(root, root / "content" / "raw")
    print(print_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
