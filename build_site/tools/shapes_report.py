"""How well the parser reads the shapes of official documents: the development corpus in
tests/data/shapes/ measured field by field against its expected.yml.

    python -m build_site.tools.shapes_report [--show NAME] [--all]

Each shape file (`<name>.pdf.txt`, `<name>.web.txt`) is parsed on its own by the real
ingest pipeline (build_corpus with the issuers register of content/), so a copy of one
notice never hides the other as a duplicate. Of the notices a file yields, the one that
matches best is compared with the expected fields (so a split-off fragment does not hide
what the parser got right); a file yielding more or fewer than one notice is flagged, and
so is any Han character the fidelity audit does not find again. A parser
that gets many fields wrong is the normal case here: the report measures progress and
never fails because of it (exit 1 only when expected.yml or a file is missing).

The clause schemes are recognised from each clause's printed label with the patterns
below, not with the grammar under test, so the measure does not move with the parser.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_site.ingest.audit import audit_notice
from build_site.ingest.corpus import build_corpus
from build_site.ingest.grammar import carried_titles
from build_site.ingest.normalize import han_only
from build_site.model import Clause, Notice
from build_site.registers.issuers import Issuers, load_issuers

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "tests" / "data" / "shapes"
FORMS = ("pdf", "web")

# The numbering schemes of expected.yml, highest rank first; a label is matched whole.
SCHEMES = (
    ("chapters", re.compile(r"^第[一二三四五六七八九十百零〇]+章")),
    ("parts", re.compile(r"^第[一二三四五六七八九十百零〇]+节")),
    ("articles", re.compile(r"^第[一二三四五六七八九十百零〇]+条")),
    ("sections", re.compile(r"^[一二三四五六七八九十]+、")),
    ("items", re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]")),
    ("points", re.compile(r"^\d+\s*(?:[.．]|、)")),
    ("subpoints", re.compile(r"^[（(]\s*\d+\s*[）)]")),
    ("circled", re.compile(r"^[①-⑳]")),
)
OTHER = "other"  # a clause found in a scheme the notice does not have
# fields compared as single values, in the order of expected.yml
SCALARS = (
    "doc_number", "doc_number_printed", "title", "issuer", "issuer_level", "doc_type",
    "date", "year", "year_from", "signer", "signature", "addressees", "note", "cc",
    "printer", "print_date", "attachments", "top_level",
)
_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_ATTACHMENT_NUMBER = re.compile(r"^\d+\s*[.．、]\s*")
_CARRIED_ANCHOR = re.compile(r"^f\d")  # issue 11: a carried document's clauses, #f1-a3-b2


@dataclass(frozen=True)
class Check:
    """One expected field and what the parser found for it."""

    name: str
    expected: Any
    found: Any

    @property
    def ok(self) -> bool:
        if self.name == "doc_number" and isinstance(self.expected, str) \
                and self.expected.startswith("第") and isinstance(self.found, str):
            return _norm(self.found).endswith(_norm(self.expected))  # 令号 with or without 机关
        return _norm(self.expected) == _norm(self.found)


@dataclass
class FileResult:
    """One shape file: how many notices it gave, the checks of its best notice, the audit."""

    name: str  # the notice's name in expected.yml
    form: str  # pdf | web
    shape: str
    notices: int = 0
    checks: list[Check] = field(default_factory=list)
    source_han: int = 0
    lost_han: int = 0
    problems: list[str] = field(default_factory=list)  # fatal problems of the pipeline

    @property
    def right(self) -> int:
        return sum(check.ok for check in self.checks)

    @property
    def coverage(self) -> float:
        return 1.0 if not self.source_han else 1 - self.lost_han / self.source_han


def _norm(value: Any) -> Any:
    """Spacing and a closing 。 or colon are layout, not content."""
    if isinstance(value, str):
        return _SPACE.sub("", value).rstrip("。：:；;") or None
    if isinstance(value, list | tuple):
        return [_norm(item) for item in value]
    return value


def load_expected(path: Path = SHAPES / "expected.yml") -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["notices"]


# --- what the parser found, in the terms of expected.yml ---------------------------------

def scheme_of(label: str) -> str:
    label = _SPACE.sub("", label)
    for name, pattern in SCHEMES:
        if pattern.match(label):
            return name
    return OTHER


def _walk(clauses: list[Clause]) -> list[Clause]:
    return [each for clause in clauses for each in clause.walk()]


def _carried(notice: Notice) -> tuple[str, list[Clause]] | None:
    """The document a 印发/转发 notice carries, where the parser models it: an attachment
    with clauses of its own, or top-level clauses anchored under `f1-`."""
    if not carried_titles(notice.meta.title.value if notice.meta.title else ""):
        return None  # a form or a list attached to a notice that carries no document
    titles = [getattr(attachment, "title", "") or attachment.name
              for attachment in notice.attachments]
    for attachment, title in zip(notice.attachments, titles, strict=True):
        clauses = getattr(attachment, "clauses", None)
        if clauses:
            return title, list(clauses)
    roots = [clause for clause in notice.clauses if _CARRIED_ANCHOR.match(clause.anchor)]
    if roots:
        return next((title for title in titles if title), ""), roots
    return None


def _own_roots(notice: Notice) -> list[Clause]:
    return [clause for clause in notice.clauses if not _CARRIED_ANCHOR.match(clause.anchor)]


def _counts(roots: list[Clause], schemes: dict[str, int]) -> list[tuple[str, int, int]]:
    """(scheme, expected, found) for every expected scheme, and `other` for the rest."""
    found: dict[str, int] = defaultdict(int)
    for clause in _walk(roots):
        name = scheme_of(clause.label)
        found[name if name in schemes else OTHER] += 1
    rows = [(name, count, found.get(name, 0)) for name, count in schemes.items()]
    return [*rows, (OTHER, 0, found.get(OTHER, 0))]


def _value(notice: Notice, name: str) -> str | None:
    value = getattr(notice.meta, name, None)
    return value.value if value is not None else None


def year_source(reason: str) -> str:
    """The evidence a year came from, in expected.yml's words."""
    for marker, source in (("成文日期", "成文日期"), ("文号", "文号"), ("标题", "标题")):
        if marker in reason and "网页" not in reason:
            return source
    return f"其他（{reason or '未写明'}）"


def found_fields(notice: Notice, issuers: Issuers) -> dict[str, Any]:
    meta = notice.meta
    issuer = _value(notice, "issuer")
    date = meta.date.value if meta.date is not None and not meta.date.inferred else None
    return {
        "doc_number": _value(notice, "doc_number"),
        "doc_number_printed": (meta.doc_number.raw or meta.doc_number.value) if meta.doc_number
        else _value(notice, "malformed_doc_number"),
        "title": _value(notice, "title"),
        "issuer": issuer,
        "issuer_level": issuers.by_name(issuer).level if issuer else None,
        "doc_type": _value(notice, "doc_type"),
        "date": date,
        "year": int(meta.year.value) if meta.year and meta.year.value.isdigit() else None,
        "year_from": year_source(meta.year.reason) if meta.year else None,
        "signer": _value(notice, "signer"),
        "signature": _value(notice, "signature"),
        "addressees": _value(notice, "addressees"),
        "note": _value(notice, "note"),
        "cc": _value(notice, "cc"),
        "printer": _value(notice, "printer"),
        "print_date": _value(notice, "print_date"),
        "attachments": [_ATTACHMENT_NUMBER.sub("", a.name) for a in notice.attachments
                        if a.printed],
        "top_level": len(_own_roots(notice)),
    }


def compare(expected: dict[str, Any], notice: Notice | None, issuers: Issuers) -> list[Check]:
    """Every expected field against the notice (None: nothing was found, all wrong)."""
    found = found_fields(notice, issuers) if notice else {}
    checks = [Check(name, expected.get(name), found.get(name, "（无通知）"))
              for name in SCALARS]
    own = _own_roots(notice) if notice else []
    checks += [Check(f"clauses.{name}", want, got if notice else None)
               for name, want, got in _counts(own, expected.get("clauses") or {})]
    carried = _carried(notice) if notice else None
    attached = expected.get("attached")
    if attached is None:
        checks.append(Check("attached", None, (carried[0] or "（无标题）") if carried else None))
        return checks
    title, roots = carried if carried else (None, [])
    checks.append(Check("attached.title", attached["title"], title))
    checks.append(Check("attached.top_level", attached["top_level"], len(roots)))
    checks += [Check(f"attached.clauses.{name}", want, got if carried else None)
               for name, want, got in _counts(roots, attached.get("clauses") or {})]
    return checks


# --- measuring -----------------------------------------------------------------------------

def measure_file(name: str, form: str, expected: dict[str, Any], data: bytes,
                 issuers: Issuers) -> FileResult:
    result = FileResult(name, form, expected["shape"])
    file = f"{name}.{form}.txt"
    corpus = build_corpus({file: data}, issuers)
    everything = corpus.notices + [duplicate.hidden for duplicate in corpus.duplicates]
    everything.sort(key=lambda notice: notice.first_line)
    result.notices = len(everything)
    result.problems = [str(problem) for problem in corpus.problems if problem.fatal]
    candidates = [compare(expected, notice, issuers) for notice in everything] or \
        [compare(expected, None, issuers)]
    result.checks = max(candidates, key=lambda checks: sum(check.ok for check in checks))
    source = corpus.sources.get(file)
    if source is not None:
        result.source_han = len(han_only("\n".join(source.lines)))
        audits = [audit_notice(notice, source) for notice in everything]
        covered = sum(a.source_han - sum(len(s.text) for s in a.dropped) for a in audits)
        result.lost_han = max(0, result.source_han - covered)
    return result


def measure(shapes: Path = SHAPES, root: Path = ROOT) -> list[FileResult]:
    issuers = load_issuers(root / "content" / "issuers.yml")
    results = []
    for name, expected in load_expected(shapes / "expected.yml").items():
        for form in FORMS:
            path = shapes / f"{name}.{form}.txt"
            results.append(measure_file(name, form, expected, path.read_bytes(), issuers))
    return results


# --- the report ----------------------------------------------------------------------------

def _ratio(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.0%})" if total else "-"


def shape_table(results: list[FileResult]) -> str:
    by_shape: dict[str, list[FileResult]] = defaultdict(list)
    for result in results:
        by_shape[result.shape].append(result)
    header = f"{'shape':10} {'notices':>7}  {'pdf right/total':>18}  {'web right/total':>18}  " \
             f"{'both':>18}  {'≠1 notice':>9}  {'min coverage':>12}"
    rows = [header, "-" * len(header)]

    def row(label: str, group: list[FileResult]) -> str:
        cells = []
        for form in (*FORMS, None):
            chosen = [r for r in group if form is None or r.form == form]
            cells.append(_ratio(sum(r.right for r in chosen), sum(len(r.checks) for r in chosen)))
        odd = sum(r.notices != 1 for r in group)
        coverage = min(r.coverage for r in group)
        notices = len({r.name for r in group})
        return f"{label:10} {notices:>7}  {cells[0]:>18}  {cells[1]:>18}  {cells[2]:>18}  " \
               f"{odd:>9}  {coverage:>12.2%}"

    for shape, group in sorted(by_shape.items(), key=lambda item: -len(item[1])):
        rows.append(row(shape, group))
    rows.append("-" * len(header))
    rows.append(row("total", results))
    return "\n".join(rows)


def field_table(results: list[FileResult]) -> str:
    """Right / total per field over every file: which fields the parser misses most."""
    tally: dict[str, list[int]] = {}
    for result in results:
        for check in result.checks:
            key = "clauses" if check.name.startswith("clauses.") else \
                "attached" if check.name.startswith("attached") else check.name
            counts = tally.setdefault(key, [0, 0])
            counts[0] += check.ok
            counts[1] += 1
    cells = [f"{name} {_ratio(*counts)}" for name, counts in tally.items()]
    return "fields: " + "; ".join(cells)


def flags(results: list[FileResult]) -> list[str]:
    lines = []
    for result in results:
        file = f"{result.name}.{result.form}.txt"
        if result.notices != 1:
            lines.append(f"  {file}: {result.notices} notices (expected 1)")
        if result.lost_han:
            lines.append(f"  {file}: audit coverage {result.coverage:.2%} "
                         f"({result.lost_han} of {result.source_han} Han characters lost)")
        lines.extend(f"  {file}: {problem.splitlines()[0]}" for problem in result.problems)
    return lines


def details(results: list[FileResult], name: str, everything: bool) -> str:
    lines = []
    for result in results:
        if name not in result.name:
            continue
        lines.append(f"{result.name}.{result.form}.txt: {result.right}/{len(result.checks)}, "
                     f"{result.notices} notice(s)")
        for check in result.checks:
            if everything or not check.ok:
                mark = "ok " if check.ok else "BAD"
                lines.append(f"  {mark} {check.name}: expected {check.expected!r}, "
                             f"found {check.found!r}")
    return "\n".join(lines)


def report(results: list[FileResult]) -> str:
    notices = len({result.name for result in results})
    parts = [
        f"shapes: {notices} notices × {len(FORMS)} forms in {SHAPES.relative_to(ROOT)}, "
        "each file parsed on its own (build_corpus, content/issuers.yml)",
        "",
        shape_table(results),
        "",
        field_table(results),
    ]
    flagged = flags(results)
    parts += ["", f"flagged files ({len(flagged)}):" if flagged else "no flagged files", *flagged]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", metavar="NAME",
                        help="list the wrong fields of the notices whose name contains NAME")
    parser.add_argument("--all", action="store_true", help="with --show: the right ones too")
    args = parser.parse_args(argv)
    try:
        results = measure()
    except (OSError, KeyError, yaml.YAMLError) as error:
        print(f"shapes_report: cannot read the shapes corpus: {error}", file=sys.stderr)
        return 1
    print(report(results))
    if args.show:
        print()
        print(details(results, args.show, args.all))
    return 0


if __name__ == "__main__":
    sys.exit(main())
