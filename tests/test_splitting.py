"""Splitting is conservative: text that merely looks like the start of a notice, inside a
real notice, never starts a second one or drops text (each case a real notice edited into
it, built into a real site)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_site import app
from build_site.ingest.audit import audit_notice
from tests.conftest import make_project, real_raw

CLAUSE = "（六）提升监管能力。"


def daixian(serial: int) -> str:
    """The 代县 notice under another 文号, so that the cases are not copies of one notice."""
    return real_raw("004_c8491ad2751d6e65.txt").replace("代政发〔2021〕1号",
                                                       f"代政发〔2021〕{serial}号")


CASES = {
    # a body line that looks like a 主送机关
    "addressee.txt": daixian(11).replace(CLAUSE, "各乡镇要做到以下几点：\n" + CLAUSE),
    # numbering that starts again inside the notice
    "restart.txt": daixian(12).replace(CLAUSE, "一、加强组织领导\n" + CLAUSE),
    # a title with 《》 and （征求意见稿） in the body, after a sentence
    "quoted-title.txt": daixian(13).replace(
        CLAUSE, "代县人民政府关于印发《代县安全生产专项整治实施方案》的通知（征求意见稿）\n"
        + CLAUSE),
    # a 文号 line that does not read as one (another notice: without its 文号, a copy of
    # 代县's would join 代县's as a duplicate)
    "malformed.txt": real_raw("000_9d551a0b8c7587eb.txt").replace("市政发〔2022〕9号",
                                                                 "市政发〔2022〕3/4号"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("splitting"), CASES)
    assert app.build(project, project / "content" / "raw", quiet=True) == 0
    return project


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_notice_and_every_character(project: Path, name: str) -> None:
    corpus = app.ingest(app.Inputs.load(project))
    found = [n for n in corpus.notices + [d.hidden for d in corpus.duplicates] if n.file == name]
    assert len(found) == 1, [(n.first_line, n.last_line) for n in found]
    audit = audit_notice(found[0], corpus.sources[name])
    assert audit.ok and audit.coverage == 1.0, audit.dropped


def test_each_case_is_published(project: Path) -> None:
    pages = list((project / "site" / "notices").glob("*.html"))
    texts = "".join(page.read_text(encoding="utf-8") for page in pages)
    assert "各乡镇要做到以下几点：" in texts and "代县安全生产专项整治实施方案" in texts
    assert "市政发〔2022〕3/4号" in texts  # kept as printed, in the metadata box


def test_a_part_without_title_or_number_is_reported(issuers) -> None:
    """The only cut a numbering restart makes (in a file of several notices) is reported."""
    corpus = app.ingest(app.Inputs.load(Path(__file__).resolve().parent.parent))
    assert any("249" in str(p) and "neither title nor 文号" in str(p) for p in corpus.problems)
