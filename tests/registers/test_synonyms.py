"""The search synonyms register: the real file, the notices' own abbreviations, and mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_site.ingest.grammar import DEFINED_ABBREVIATION
from build_site.registers.departments import Department
from build_site.registers.schema import ConfigError
from build_site.registers.synonyms import Synonyms, load_synonyms
from tests.conftest import ROOT

REAL = ROOT / "content" / "synonyms.yml"


def errors(tmp_path: Path, data) -> str:
    path = tmp_path / "synonyms.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_synonyms(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_the_real_register_loads() -> None:
    groups = load_synonyms(REAL).groups
    assert ("安委办", "安全生产委员会办公室") in groups
    assert all(len(group) > 1 for group in groups)


def test_every_abbreviation_the_notices_define_is_listed(corpus) -> None:
    terms = {term for group in load_synonyms(REAL).groups for term in group}
    defined = {match["short"] for notice in corpus.notices
               for match in DEFINED_ABBREVIATION.finditer(notice.body_text())}
    assert defined and defined <= terms  # 市党代会, defined by 市安发〔2021〕17号


def test_mistakes_are_named_by_key(tmp_path: Path) -> None:
    message = errors(tmp_path, {"synonyms": [
        {"terms": ["安委办", "安全生产委员会办公室"]},
        {"terms": ["危化品"]},
        {"terms": ["安委办", "省安委办"], "seen": "x"},
        {"terms": ["5G基站", "第五代移动通信基站"]},
    ]})
    assert "synonyms[1].terms: a group needs at least two different terms" in message
    assert "synonyms[2].terms[0]: duplicate term '安委办' (also at synonyms[0].terms[0])" in message
    assert "synonyms[2].seen: unknown key" in message
    assert "synonyms[3].terms[0]: '5G基站' is not one run of Chinese characters" in message


def test_groups_found_in_a_text_in_any_case() -> None:
    synonyms = Synonyms((("安委办", "安全生产委员会办公室"), ("LNG", "液化天然气")))
    assert synonyms.groups_in("省安委办要求lng储罐") == {0, 1}
    assert synonyms.groups_in("安全生产委员会") == set()


def test_department_aliases_join_and_groups_sharing_a_term_merge() -> None:
    synonyms = Synonyms((("省消防总队", "省消防救援总队"), ("安委办", "安全生产委员会办公室")))
    merged = synonyms.with_departments([
        Department("x", "省消防救援总队", ("省消防局",)),
        Department("y", "省应急厅", ("省应急管理厅",)),
        Department("z", "各市、县人民政府", ("各市、县政府",)),  # not one word: left out
    ])
    assert merged.groups == (("省消防总队", "省消防救援总队", "省消防局"),
                             ("安委办", "安全生产委员会办公室"), ("省应急厅", "省应急管理厅"))
