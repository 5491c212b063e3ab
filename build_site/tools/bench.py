"""`make bench`: measured speed and size figures, printed as one table.

For the real corpus and for synthetic corpora of 500 and 2,000 notices (made by
`build_site.synth` from the real ones): our full build (`python -m build_site build`, as
`make site` runs it) with its wall time, peak memory and the pipeline's own share; the
same generated Markdown built by plain `mkdocs build` with the default Material setup
and every page in the navigation, for comparison; site and page sizes; what a browser
downloads before its first search result and how long that takes in headless Chromium.
Timings are single runs on this machine; nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_site.app import Inputs, generate, ingest
from build_site.hooks.pagefind import SEARCH_FILE
from build_site.hooks.plugin import RAW_ENV, SEARCH_ENV, TIMINGS_ENV
from build_site.ingest.normalize import to_simplified

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "build" / "bench"
PSS_LINE = re.compile(r"^Pss:\s+(\d+) kB", re.M)  # /proc/PID/smaps_rollup, in KiB
PLAIN_CONFIG = """site_name: plain
docs_dir: docs
site_dir: site
theme:
  name: material
  language: zh
markdown_extensions: [attr_list, md_in_html, tables, toc]
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    timings: dict


def _median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ingest_rows(raw_dir: Path, runs: int = 5) -> list[tuple[str, str]]:
    """Reading, cleaning, parsing (+ dedupe) of a corpus, after start-up."""
    start = time.perf_counter()
    to_simplified("預熱")  # loads OpenCC's dictionaries: start-up, not per-notice work
    startup = time.perf_counter() - start
    inputs = Inputs.load(ROOT, raw_dir)
    raw = inputs.raw
    size = sum(len(data) for data in raw.values())
    seconds = _median_seconds(lambda: ingest(inputs), runs)
    corpus = ingest(inputs)
    count = len(corpus.notices) + len(corpus.duplicates)
    return [
        ("raw input (real corpus)", f"{len(raw)} files, {size / 1e6:.2f} MB, {count} notices"),
        ("start-up (OpenCC dictionaries)", f"{startup * 1000:.0f} ms"),
        ("read+clean+parse+dedupe, median of 5", f"{seconds * 1000:.0f} ms"),
        ("ingest throughput", f"{size / 1e6 / seconds:.2f} MB/s"),
    ]


def _tree_memory_mb(root_pid: int) -> float:
    """Memory of a process and all its descendants (Pagefind runs beside MkDocs, forked
    halves beside their parent), each page counted once: the sum of their proportional set
    sizes, since a forked child's resident size also counts the pages it shares with its
    parent."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    tree, total = {root_pid}, 0.0
    for pid in sorted(parents):  # children have larger pids than their parents here
        if pid in tree or parents[pid] in tree:
            tree.add(pid)
            try:
                rollup = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
            except OSError:
                continue
            total += int(PSS_LINE.search(rollup).group(1))
    return total / 1024


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of a child process and the processes it starts,
    summed while they run side by side (sampled every 0.2 s)."""
    log = WORK / "last-build.log"  # a file, not a pipe: a full pipe would stop the build
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)
        peak = 0.0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_memory_mb(process.pid))
            time.sleep(0.2)
        seconds = time.perf_counter() - start
    if status != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(command)} failed:\n{tail}")
    return seconds, max(peak, usage.ru_maxrss / 1024)  # ru_maxrss: its largest single process


def our_build(raw_dir: Path, site_dir: Path, engine: str) -> Run:
    timings_file = site_dir.parent / "timings.json"
    env = {**os.environ, RAW_ENV: str(raw_dir), SEARCH_ENV: engine,
           TIMINGS_ENV: str(timings_file), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "build_site", "-q", "--raw", str(raw_dir), "build",
               "--site-dir", str(site_dir)]
    seconds, peak = _timed(command, env, ROOT)
    return Run(seconds, peak, json.loads(timings_file.read_text(encoding="utf-8")))


def plain_build(raw_dir: Path, folder: Path) -> Run:
    """The same Markdown through plain `mkdocs build`: Material defaults, all pages in nav."""
    docs = folder / "docs"
    shutil.rmtree(folder, ignore_errors=True)
    for relative, content in generate(Inputs.load(ROOT, raw_dir), save=False).pages.items():
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    (folder / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    seconds, peak = _timed([sys.executable, "-m", "mkdocs", "build", "-q"], env, folder)
    return Run(seconds, peak, {})


def site_sizes(site: Path) -> tuple[float, float]:
    """Whole site (MB) and median HTML page (KB)."""
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = sorted(path.stat().st_size for path in files if path.suffix == ".html")
    return sum(p.stat().st_size for p in files) / 1e6, statistics.median(pages) / 1024


SEARCH_QUERY, SEARCH_SECTOR = "尾矿库闭库", "非煤矿山与尾矿库"


def search_rows(site: Path, label: str, engine: str) -> list[tuple[str, str]]:
    """A first query as a reader types it; with Pagefind also with the filter menus set (the
    newest year and the query's sector), which the reader sets before typing."""
    from build_site.tools.search_bench import filter_choice, measure_search

    query = SEARCH_QUERY
    runs = [("", {})]
    if engine == "pagefind":
        runs.append((", filters on", filter_choice(site, SEARCH_SECTOR)))
    rows = []
    for note, filters in runs:
        result = measure_search(site, query, filters=filters)
        shown = f"{query}{note}: {', '.join(filters.values())}" if filters else query
        rows += [
            (f"{label}: downloaded before first result ({shown})",
             f"{result['bytes_before_first_result'] / 1e6:.2f} MB in all, of which search "
             f"{result['search_bytes'] / 1e6:.2f} MB"),
            (f"{label}: typing → first result ({shown})", f"{result['ms_to_first_result']} ms"),
        ]
    return rows


SERVE_EDIT = ("001_5b1f32f4b5edf1e8.txt", "“十五五”开局之年", "notices/shanxi-2026-1.html")
SERVE_MARK = "（基准测试修改）"


def _page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""  # not served yet, or being rebuilt


def _wait_for(url: str, shows: Callable[[str], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not shows(_page_text(url)):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not show the change within {timeout:.0f} s")
        time.sleep(0.05)


def serve_rows() -> list[tuple[str, str]]:
    """`make serve` on a copy of the real corpus: one raw file edited, until its page shows it."""
    folder = WORK / "serve"
    shutil.rmtree(folder, ignore_errors=True)
    raw = folder / "raw"
    shutil.copytree(ROOT / "content" / "raw", raw)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    name, sentence, page = SERVE_EDIT
    url = f"http://127.0.0.1:{port}/{page}"
    command = [sys.executable, "-m", "build_site", "--raw", str(raw), "serve",
               "--addr", f"127.0.0.1:{port}"]
    with (folder / "serve.log").open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            _wait_for(url, lambda text: sentence in text, timeout=300)
            data = (raw / name).read_bytes()
            edited = data.replace(sentence.encode(), (sentence + SERVE_MARK).encode(), 1)
            start = time.perf_counter()
            (raw / name).write_bytes(edited)
            _wait_for(url, lambda text: SERVE_MARK in text, timeout=60)
            seconds = time.perf_counter() - start
            index = f"http://127.0.0.1:{port}/pagefind/{SEARCH_FILE}"
            _wait_for(index, bool, timeout=60)
            searchable = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=30)
    return [("real corpus: make serve, one raw file edited → its page shows it",
             f"{seconds:.1f} s (its Pagefind index after {searchable:.1f} s)")]


def corpus_dir(notices: int) -> Path:
    if notices == 0:
        return ROOT / "content" / "raw"
    from build_site.tools.synth import write_synthetic

    folder = WORK / f"synth-{notices}" / "raw"
    if not folder.exists() or not any(folder.iterdir()):
        write_synthetic(Inputs.load(ROOT, ROOT / "content" / "raw").raw, folder, notices, seed=1)
    return folder


def measure(notices: int, engine: str, plain: bool) -> list[tuple[str, str]]:
    label = "real corpus" if notices == 0 else f"{notices} notices"
    raw = corpus_dir(notices)
    site = WORK / f"{label.replace(' ', '-')}-{engine}" / "site"
    run = our_build(raw, site, engine)
    pipeline = sum(run.timings["pipeline"].values())
    size, median = site_sizes(site)
    rows = [
        (f"{label}, {engine}: make site",
         f"{run.seconds:.1f} s, peak {run.peak_mb:.0f} MiB (all its processes together)"),
        (f"{label}, {engine}: pipeline share", f"{pipeline:.1f} s = {pipeline / run.seconds:.0%}"),
        (f"{label}, {engine}: site size, median page", f"{size:.1f} MB, {median:.1f} KB"),
    ]
    if plain:
        base = plain_build(raw, WORK / f"{label.replace(' ', '-')}-plain")
        plain_size, plain_median = site_sizes(WORK / f"{label.replace(' ', '-')}-plain" / "site")
        rows += [
            (f"{label}: plain mkdocs build (Material defaults)",
             f"{base.seconds:.1f} s, peak {base.peak_mb:.0f} MiB, {plain_size:.1f} MB site, "
             f"median page {plain_median:.1f} KB"),
            (f"{label}: our build / plain build", f"{run.seconds / base.seconds:.2f}"),
        ]
    return rows + search_rows(site, f"{label}, {engine}", engine)


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    lines = [f"{'measure':{width}}  value", f"{'-' * width}  {'-' * 40}"]
    lines.extend(f"{name:{width}}  {value}" for name, value in rows)
    return "\n".join(lines)


def markdown_page(rows: list[tuple[str, str]]) -> str:
    body = "\n".join(f"| {name} | {value} |" for name, value in rows)
    return ("# 性能测试\n\n`make bench` 在本机（2 核）上的测量结果，单次运行。\n\n"
            f"| 项目 | 结果 |\n| --- | --- |\n{body}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="0,500,2000",
                        help="corpus sizes, 0 = the real corpus (default: 0,500,2000)")
    parser.add_argument("--engines", default="pagefind,material")
    parser.add_argument("--no-page", action="store_true", help="do not write the site page")
    args = parser.parse_args(argv)
    rows = ingest_rows(ROOT / "content" / "raw") + serve_rows()
    print(table(rows), flush=True)
    for notices in (int(size) for size in args.sizes.split(",")):
        for index, engine in enumerate(args.engines.split(",")):
            new = measure(notices, engine, plain=index == 0)
            print(table(new), flush=True)
            rows += new
    print("\n" + table(rows))
    if not args.no_page:
        (ROOT / "content" / "benchmarks.md").write_text(markdown_page(rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
