"""The development corpus of document shapes (tests/data/shapes/) and the report that
measures the parser against it: the data is well-formed, both forms of a notice carry the
same text, and the report runs and covers every shape (what it measures is not asserted:
it is the parser's progress, not a property of the data)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from build_site.ingest.normalize import han_only
from build_site.ingest.read import decode
from build_site.tools import shapes_report
from build_site.tools.shapes_report import FORMS, SCALARS, SCHEMES, SHAPES, load_expected

KEYS = {"shape", "traps", *SCALARS, "clauses", "attached"}
LEVELS = {"国家", "省", "市", "县", "企业"}
YEAR_SOURCES = {"成文日期", "文号", "标题"}
# Whole lines of a web copy that are the page around the notice, not the notice: the web
# metadata block, breadcrumbs, download and print links (front matter is dropped as a block)
WEB_NOISE = re.compile(
    r"^(?:索引号|主题分类|发文机关|成文日期|标题|发文字号|发布日期|发布时间|发布机构|来源|信息来源|"
    r"当前位置|相关链接|相关解读|点击下载|附件下载|打印本页|【打印|【字体|扫一扫|版权所有)|\s>\s"
)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")

EXPECTED = load_expected()


def _text(name: str, form: str) -> str:
    file = f"{name}.{form}.txt"
    source, problems = decode(file, (SHAPES / file).read_bytes())
    assert problems == [], problems
    return "\n".join(source.lines)


def notice_han(text: str) -> str:
    """The Han characters of the notice itself, the page around it taken away."""
    lines = text.split("\n")
    if lines[0] == "---":
        lines = lines[lines.index("---", 1) + 1 :]
    kept = [_LINK.sub(r"\1", _TAG.sub("", line)).strip() for line in lines]
    return han_only("\n".join(line for line in kept if not WEB_NOISE.search(line)))


def test_every_notice_has_both_forms_and_nothing_else_lies_there() -> None:
    assert len(EXPECTED) >= 24
    files = {path.name for path in SHAPES.iterdir()} - {"expected.yml"}
    assert files == {f"{name}.{form}.txt" for name in EXPECTED for form in FORMS}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_fields_follow_the_schema(name: str) -> None:
    entry = EXPECTED[name]
    assert set(entry) == KEYS
    for key in ("date", "print_date"):
        if entry[key] is not None:
            date.fromisoformat(entry[key])
    assert isinstance(entry["year"], int) and entry["year_from"] in YEAR_SOURCES
    assert entry["issuer_level"] in LEVELS
    assert all(isinstance(item, str) for item in entry["attachments"] + entry["traps"])
    schemes = {scheme for scheme, _ in SCHEMES}
    for part in (entry, entry["attached"] or {"clauses": {}, "top_level": 0, "title": "-"}):
        assert set(part["clauses"]) <= schemes
        assert 0 <= part["top_level"] <= sum(part["clauses"].values())
        assert part["title"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_both_forms_carry_the_same_notice_text(name: str) -> None:
    pdf, web = (_text(name, form) for form in FORMS)
    assert notice_han(pdf) == notice_han(web)
    entry = EXPECTED[name]
    for text in (pdf, web):
        compact = re.sub(r"\s+", "", text)
        assert han_only(entry["title"]) in han_only(text)
        for printed in (entry["doc_number_printed"], entry["signature"], entry["addressees"]):
            assert printed is None or re.sub(r"\s+", "", printed) in compact


@pytest.fixture(scope="module")
def results():
    return shapes_report.measure()


def test_the_report_measures_every_file_of_every_shape(results) -> None:
    assert sorted((r.name, r.form) for r in results) == sorted(
        (name, form) for name in EXPECTED for form in FORMS)
    for result in results:
        twin = next(r for r in results if r.name == result.name and r.form != result.form)
        assert len(result.checks) == len(twin.checks) > len(SCALARS)
    report = shapes_report.report(results)
    for shape in {entry["shape"] for entry in EXPECTED.values()} | {"total"}:
        assert re.search(rf"^{shape}\s+\d+\s+\d+/\d+", report, re.M), shape


def test_the_command_runs_and_shows_one_notice(capsys) -> None:
    assert shapes_report.main(["--show", "saws-ling-2013-dump", "--all"]) == 0
    out = capsys.readouterr().out
    assert "saws-ling-2013-dump.pdf.txt" in out and "clauses.articles: expected 48" in out
