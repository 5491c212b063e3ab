"""Notice identity on real notices edited into hostile cases: one 文号 on two documents, a
notice withdrawn, a URL wanted by another document, a register edited by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_site import app
from build_site.registers.schema import ConfigError
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


DAIXIAN = "004_c8491ad2751d6e65.txt"  # 代政发〔2021〕1号


def test_a_removed_notice_keeps_its_url_and_anchors(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path, {JINZHONG_2022: real_raw(JINZHONG_2022),
                                      DAIXIAN: real_raw(DAIXIAN)})
    assert _built(project) == 0
    (project / "content" / "raw" / DAIXIAN).unlink()
    assert _built(project) == 0
    assert "daixian-2021-1 (代政发〔2021〕1号) is no longer" in capsys.readouterr().err
    page = (project / "site" / "notices" / "daixian-2021-1.html").read_text(encoding="utf-8")
    assert "已从本汇编中撤下" in page and "代政发〔2021〕1号" in page
    assert "代县人民政府关于做好2021年安全生产工作的通知" in page
    for anchor, path in (("a1", "一、"), ("a4-b11", "四、（十一）"), ("a8-b27", "八、（二十七）")):
        assert f'id="{anchor}"' in page and path in page
    register = (project / "content" / "permalinks.yml").read_text(encoding="utf-8")
    assert "daixian-2021-1:" in register  # the withdrawn URL stays registered


def test_a_url_is_never_given_to_another_document(tmp_path: Path) -> None:
    """Another document of the same issuer on the same 文号, after the first was withdrawn:
    the old URL keeps saying the first was withdrawn, the newcomer gets a URL of its own."""
    first = real_raw(DAIXIAN)
    other = first.replace("关于做好2021年安全生产工作的通知", "关于开展2021年防汛安全检查的通知"
                          ).replace("安全生产", "防汛抗旱")
    project = make_project(tmp_path, {DAIXIAN: first})
    assert _built(project) == 0
    (project / "content" / "raw" / DAIXIAN).unlink()
    (project / "content" / "raw" / "000_first_in_order.txt").write_text(other, encoding="utf-8")
    assert _built(project) == 0
    notices = project / "site" / "notices"
    assert "已从本汇编中撤下" in (notices / "daixian-2021-1.html").read_text(encoding="utf-8")
    newcomer = (notices / "daixian-2021-1-2.html").read_text(encoding="utf-8")
    assert "防汛安全检查" in newcomer and "已从本汇编中撤下" not in newcomer


def test_file_names_and_order_change_no_url(tmp_path: Path) -> None:
    """Two documents on one 文号: which gets which URL depends on them, not on their files."""
    typo = real_raw(JINZHONG_ANWEI).replace("市安发〔2021〕17号", "市政发〔2022〕9号", 1)
    slugs = []
    for first, second in (("a.txt", "b.txt"), ("b.txt", "a.txt")):
        (tmp_path / first).mkdir()
        project = make_project(tmp_path / first, {first: real_raw(JINZHONG_2022), second: typo})
        corpus = app.ingest(app.Inputs.load(project))
        slugs.append({n.slug: "煤矿" in n.body_text() for n in corpus.notices})
    assert slugs[0] == slugs[1] and len(slugs[0]) == 2


def test_hand_edits_to_the_register_are_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path, {DAIXIAN: real_raw(DAIXIAN)})
    assert _built(project) == 0
    register = project / "content" / "permalinks.yml"
    good = register.read_text(encoding="utf-8")
    for edit, expected in (
        (good.replace("  daixian-2021-1:", "  daixian-2021-x:"), "daixian-2021-x: changed by hand"),
        (good.replace("代政发〔2021〕1号", "代政发〔2021〕2号"), "daixian-2021-1: changed by hand"),
        (good + good[good.index("  daixian-2021-1:"):].replace("notices:\n", ""),
         "duplicate key 'daixian-2021-1'"),
    ):
        register.write_text(edit, encoding="utf-8")
        with pytest.raises(ConfigError) as error:
            app.Inputs.load(project)
        message = str(error.value)
        assert "permalinks.yml" in message and expected in message and "line " in message
    register.write_text(good, encoding="utf-8")
    assert app.Inputs.load(project).permalinks["daixian-2021-1"].doc_number == "代政发〔2021〕1号"
