"""Responsible departments: names read from the notes, alias merging, the index."""

from __future__ import annotations

import pytest

from build_site.enrich.responsibility import department_index, parse_departments
from build_site.model import ClauseRef
from build_site.registers.departments import Department, department_slug, load_departments
from build_site.registers.schema import SLUG, ConfigError
from tests.conftest import ROOT, clause_by_path

DEPARTMENTS = load_departments(ROOT / "content" / "departments.yml")


@pytest.fixture(scope="module")
def responsible(corpus):
    from build_site.enrich.responsibility import responsibilities

    return responsibilities(corpus.notices)


@pytest.fixture(scope="module")
def index(responsible):
    return department_index(responsible, DEPARTMENTS)


def test_names_in_a_note() -> None:
    assert parse_departments("省林草局牵头，省应急厅、省公安厅等部门分工负责") == (
        "省林草局", "省应急厅", "省公安厅",
    )
    assert parse_departments("省安委办和各市、县人民政府负责。以下均需市、县人民政府负责") == (
        "省安委办", "各市、县人民政府",
    )
    assert parse_departments("负有安全监管职责的部门督促企业落实") == ("负有安全监管职责的部门",)


def test_names_from_every_note_of_a_clause(by_number, responsible) -> None:
    notice = by_number["晋政发〔2024〕1号"]
    named = responsible[notice.ref(clause_by_path(notice, "二、（五）"))]
    assert named[:3] == ("省工信厅", "省商务厅", "省应急厅")
    assert "省审批服务管理局" in named


def test_a_standing_note_applies_to_the_clauses_after_it(by_number, responsible) -> None:
    # 一、（一）（…负责。以下均需市、县人民政府负责，不再一一列出）
    notice = by_number["晋政发〔2024〕1号"]
    assert responsible[notice.ref(clause_by_path(notice, "一、（一）"))] == (
        "省安委办", "各市、县人民政府")
    later = responsible[notice.ref(clause_by_path(notice, "三、（十三）"))]
    assert later[:3] == ("省公安厅交管局", "省交通厅", "省工信厅") and later[-1] == "市、县人民政府"


def test_the_register_is_consistent():
    slugs = [d.slug for d in DEPARTMENTS]
    names = [name for d in DEPARTMENTS for name in (d.name, *d.aliases)]
    assert all(SLUG.match(slug) for slug in slugs)
    assert len(set(slugs)) == len(slugs)
    assert len(set(names)) == len(names)


def test_aliases_merge():
    responsible = {
        ClauseRef("a", "a1"): ("省应急管理厅", "省住房城乡建设厅"),
        ClauseRef("a", "a2"): ("省消防局",),
        ClauseRef("b", "a1"): ("省应急厅", "省消防救援总队", "省住建厅", "省消防总队"),
    }
    by_name = {d.name: refs for d, refs in department_index(responsible, DEPARTMENTS).items()}
    assert by_name == {
        "省应急厅": [("a", "a1"), ("b", "a1")],
        "省住建厅": [("a", "a1"), ("b", "a1")],
        "省消防救援总队": [("a", "a2"), ("b", "a1")],  # once per clause, though named twice
    }


def test_an_unregistered_name_gets_a_pinyin_slug():
    (entry,) = department_index({ClauseRef("a", "a1"): ("省体育局",)}, DEPARTMENTS)
    assert entry == Department("shengtiyuju", "省体育局", registered=False)
    assert department_slug("省体育局") == "shengtiyuju"


def test_a_real_clause(by_number, index):
    # （省住建厅牵头，省公安厅、省自然资源厅、…、省消防救援总队等部门分工负责）
    notice_ = by_number["晋政发〔2024〕1号"]
    ref = notice_.ref(clause_by_path(notice_, "三、（十五）"))
    named = [d.name for d, refs in index.items() if ref in refs]
    assert sorted(named) == sorted(
        ["省住建厅", "省公安厅", "省自然资源厅", "省农业农村厅", "省应急厅", "省市场监管局", "省消防救援总队",
         "各市、县人民政府"]
    )


def test_every_name_in_the_corpus_is_registered(index):
    assert [d.name for d in index if not d.registered] == []


def test_the_index(index, corpus):
    by_name = {d.name: refs for d, refs in index.items()}
    # most clauses first: 2024 and 2025 say once that 市、县人民政府 share every task
    assert [d.name for d in list(index)[:2]] == ["各市、县人民政府", "省应急厅"]
    # 省消防局 (2025) is the same body as 省消防救援总队 (2024)
    assert {slug for slug, _ in by_name["省消防救援总队"]} == {"shanxi-2024-1", "shanxi-2025-1"}
    # the parser leaves `省` of `省有关部门分工负责`, and splits 省粮食和储备局 at 和
    assert "省有关部门" in by_name and "省" not in by_name
    assert "省粮食和储备局" in by_name
    # generic entries are kept as printed, one each
    assert {"负有安全生产监管职责的部门", "省级负有安全生产监管职责的部门", "各市、县人民政府"} <= set(by_name)
    order = [n.ref(c) for n in corpus.notices for c in n.all_clauses()]
    for refs in index.values():  # document order
        assert refs == sorted(refs, key=order.index)


def test_a_bad_register_names_file_and_key(tmp_path):
    path = tmp_path / "departments.yml"
    path.write_text(
        "departments:\n- {name: 省应急厅, slug: a}\n- {name: 省消防局, slug: A b, aliases: [省应急厅]}\n"
        "- {name: 省水利厅, slug: c, color: red}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        load_departments(path)
    message = str(error.value)
    assert f"{path}: line 3: departments[1].slug" in message
    assert "departments[1]: duplicate name or alias '省应急厅'" in message
    assert "departments[2].color: unknown key" in message
