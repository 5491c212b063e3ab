"""The sector taxonomy loader: the real file, and every kind of mistake an editor can make."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_site.registers.schema import ConfigError
from build_site.registers.sectors import load_sectors
from tests.conftest import ROOT

REQUIRED = {
    "煤矿", "非煤矿山与尾矿库", "危险化学品", "烟花爆竹", "道路交通运输", "铁路", "水上交通与渔业船舶",
    "建筑施工", "城镇燃气", "消防", "冶金工贸", "特种设备", "民爆物品", "文化旅游", "教育与校园",
    "森林草原防灭火", "水旱灾害与防汛", "地震", "地质灾害", "气象灾害", "职业健康", "应急救援与预案",
    "安全培训与宣传教育", "责任落实与考核问责", "监管执法",
}


def sector(slug: str = "coal-mines", name: str = "煤矿", **more) -> dict:
    return {"slug": slug, "name": name, "group": "sector", "keywords": ["瓦斯"], **more}


def load(tmp_path: Path, data) -> tuple:
    path = tmp_path / "sectors.yml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True),
                    encoding="utf-8")
    return load_sectors(path)


def errors(tmp_path: Path, data) -> str:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, data)
    message = str(caught.value)
    assert str(tmp_path / "sectors.yml") in message
    return message


def test_the_real_file_loads():
    sectors = load_sectors(ROOT / "content" / "sectors.yml")
    assert {s.name for s in sectors} >= REQUIRED
    assert len({s.slug for s in sectors}) == len(sectors)
    assert all(s.keywords for s in sectors)
    by_slug = {s.slug: s for s in sectors}
    assert "矿山" in by_slug["coal-mines"].keywords  # a shared word names both kinds of mine
    assert "矿山" in by_slug["non-coal-mines"].keywords
    assert by_slug["coal-mines"].label_forms()[0] == "煤矿"
    assert by_slug["enforcement"].theme and not by_slug["coal-mines"].theme


def test_a_minimal_file_loads(tmp_path):
    (coal,) = load(tmp_path, {"sectors": [sector(labels=["煤矿领域"], synonyms=["煤炭"])]})
    assert coal.slug == "coal-mines"
    assert coal.words() == ("煤矿", "煤炭", "瓦斯")
    assert coal.label_forms() == ("煤矿", "煤矿领域", "煤炭")


def test_bad_yaml_syntax(tmp_path):
    message = errors(tmp_path, "sectors:\n  - slug: coal-mines\n    name: [煤矿\n")
    assert "invalid YAML: line 4" in message


def test_unknown_key(tmp_path):
    message = errors(tmp_path, {"sectors": [sector(colour="red")]})
    assert "sectors[0].colour: unknown key" in message


def test_unknown_top_level_key(tmp_path):
    message = errors(tmp_path, {"sectors": [sector()], "themes": []})
    assert "(top level).themes: unknown key" in message


def test_duplicate_slug(tmp_path):
    message = errors(tmp_path, {"sectors": [sector(), sector(name="煤炭")]})
    assert "sectors[1].slug: duplicate slug 'coal-mines' (also at sectors[0].slug)" in message


def test_bad_slug(tmp_path):
    message = errors(tmp_path, {"sectors": [sector(slug="Coal Mines")]})
    assert "sectors[0].slug: 'Coal Mines' is not a slug" in message


def test_missing_and_empty_keywords(tmp_path):
    no_keywords = {key: value for key, value in sector().items() if key != "keywords"}
    message = errors(tmp_path, {"sectors": [no_keywords, sector("fire", "消防", keywords=[])]})
    assert "sectors[0].keywords: missing" in message
    assert "sectors[1].keywords: empty" in message


def test_missing_name_and_bad_group(tmp_path):
    message = errors(tmp_path, {"sectors": [{**sector(), "name": None, "group": "industry"}]})
    assert "sectors[0].name: missing" in message
    assert "sectors[0].group: 'industry' is not one of sector, hazard, theme" in message


def test_not_a_list(tmp_path):
    message = errors(tmp_path, {"sectors": [sector(synonyms="煤炭")]})
    assert "sectors[0].synonyms: expected a list of non-empty texts" in message
    assert "sectors: expected a list" in errors(tmp_path, {"sectors": {"coal": sector()}})


def test_a_word_claimed_by_two_sectors(tmp_path):
    message = errors(tmp_path, {"sectors": [sector(), sector("mines", "矿山", keywords=["瓦斯"])]})
    assert "sectors[1].keywords: '瓦斯' is also claimed by sectors[0].keywords (coal-mines)" in message


def test_a_shared_word_names_several(tmp_path):
    data = {
        "sectors": [sector(), sector("non-coal-mines", "非煤矿山", keywords=["尾矿库"])],
        "shared": [{"term": "矿山", "sectors": ["coal-mines", "non-coal-mines"]}],
    }
    coal, non_coal = load(tmp_path, data)
    assert coal.keywords[-1] == non_coal.keywords[-1] == "矿山"
    data["shared"] = [{"term": "瓦斯", "sectors": ["coal-mines", "gas"]}]
    message = errors(tmp_path, data)
    assert "shared[0].term: '瓦斯' is already a word of a sector" in message
    assert "shared[0].sectors: 'gas' is not a listed sector slug" in message


def test_every_error_at_once(tmp_path):
    data = {
        "sectors": [
            sector(colour="red"),
            sector("Bad", "消防", keywords=["火灾"]),
            sector("gas", "燃气", keywords=[]),
        ]
    }
    lines = errors(tmp_path, data).splitlines()
    assert [line.split(": ")[1:3] for line in lines] == [  # each with the line of its key
        ["line 2", "sectors[0].colour"], ["line 12", "sectors[1].slug"],
        ["line 14", "sectors[2].keywords"],
    ]
