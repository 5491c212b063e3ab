"""Notice identity on real notices edited into hostile cases: one 文号 on two documents."""

from __future__ import annotations

from pathlib import Path

from build_site import app
from tests.conftest import make_project, real_raw

JINZHONG_2022 = "000_9d551a0b8c7587eb.txt"  # 市政发〔2022〕9号
JINZHONG_ANWEI = "003_b0a4c10072342ec4.txt"  # 市安发〔2021〕17号


def _built(project: Path) -> int:
    return app.build(project, project / "content" / "raw", quiet=True)


def test_one_doc_number_on_two_documents_publishes_both(tmp_path: Path, capsys) -> None:
    """市安委会's notice typed with 市政府's 文号: neither hides the other."""
    typo = real_raw(JINZHONG_ANWEI).replace("市安发〔2021〕17号", "市政发〔2022〕9号", 1)
    project = make_project(tmp_path, {JINZHONG_2022: real_raw(JINZHONG_2022), "typo.txt": typo})
    assert _built(project) == 0
    warnings = capsys.readouterr().err
    assert "市政发〔2022〕9号 is printed on 2 documents" in warnings
    assert f"{JINZHONG_2022}:" in warnings and "typo.txt:" in warnings

    pages = sorted((project / "site" / "notices").glob("*.html"))
    assert len(pages) == 2
    first, second = (page.read_text(encoding="utf-8") for page in pages)
    for page, other in ((first, pages[1]), (second, pages[0])):
        assert "同一文号，不同文件" in page and f'href="{other.name}"' in page
    assert "安全检查督导" in first + second and "煤矿" in first + second

    inputs = app.Inputs.load(project)
    assert app.check(inputs) == 1
    assert "UNRESOLVED 市政发〔2022〕9号" in capsys.readouterr().out
    (project / "content" / "conflicts.yml").write_text(
        "accepted:\n  - doc_number: 市政发〔2022〕9号\n    note: 原件文号印错，已向市安委办核实\n",
        encoding="utf-8")
    assert app.check(app.Inputs.load(project)) == 0
    assert _built(project) == 0
    pages_after = [page.read_text(encoding="utf-8") for page in pages]
    assert all("已核实：原件文号印错" in page for page in pages_after)


def test_copies_that_agree_are_one_notice(corpus) -> None:
    """The traditional copy of 晋政发〔2024〕1号 with pinyin is the same document."""
    assert corpus.conflicts == []
    [copy] = [d for d in corpus.duplicates if d.shown.slug == "shanxi-2024-1"]
    assert copy.agreement > 0.99
